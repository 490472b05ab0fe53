"""The cluster path (deploy/kubernetes/, docs/kubernetes.md), as far as it runs without a
cluster: the hub configuration ``values.yaml`` gives the Zero to JupyterHub chart, loaded into a
traitlets Config, and each account's pod specification built from it by the real KubeSpawner
(the release in the chart's hub image) for real JupyterHub users, with the accounts the kit
writes (``passwords.json``). The folder-making command the pods run first is run here too.

What the chart itself does with the values (its ``jupyterhub_config.py``) is not run here: the
few ``singleuser`` keys the values use are turned into KubeSpawner settings by the table below,
which follows the chart's own file at the pinned version. ``scripts/check_z2jh_values.py``
checks the values against the chart's schema (docs/kubernetes.md says when that was done)."""

from __future__ import annotations

import dataclasses
import json
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import yaml
from tests.coroutines import run

from workshop_kit import hub, hub_server, paths, team_limits
from workshop_kit.store import Workspace

kubespawner = pytest.importorskip("kubespawner", reason="./kit setup installs it")

ROOT = paths.project_root()
DEPLOY = ROOT / "deploy" / "kubernetes"
#: where the image holds the checkout (the Dockerfile's WORKDIR)
IMAGE_KIT = "/opt/workshop-kit"
TEAMS = ["Oak ILT", "Elm ILT"]
#: the ``singleuser`` keys the values use, and the KubeSpawner setting the chart (4.4.0,
#: files/hub/jupyterhub_config.py) makes of each; a key the values use that is not here fails
SINGLEUSER = {
    ("cmd",): "cmd",
    ("uid",): "uid",
    ("fsGid",): "fs_gid",
    ("extraEnv",): "environment",
    ("memory", "limit"): "mem_limit",
    ("memory", "guarantee"): "mem_guarantee",
    ("cpu", "limit"): "cpu_limit",
    ("cpu", "guarantee"): "cpu_guarantee",
    ("startTimeout",): "start_timeout",
}
#: read by the chart itself, not turned into one KubeSpawner setting
SINGLEUSER_CHART = {("image", "name"), ("image", "tag"), ("storage", "type")}


def values() -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.safe_load((DEPLOY / "values.yaml").read_text(encoding="utf-8"))
    return loaded


def leaves(tree: dict[str, Any], prefix: tuple[str, ...] = ()) -> Iterator[tuple[str, ...]]:
    for key, value in tree.items():
        if isinstance(value, dict) and (*prefix, key) not in SINGLEUSER:
            yield from leaves(value, (*prefix, key))
        else:
            yield (*prefix, key)


def dig(tree: dict[str, Any], path: tuple[str, ...]) -> Any:
    for key in path:
        tree = tree[key]
    return tree


@dataclasses.dataclass
class Hub:
    config: Any  # traitlets Config
    namespace: dict[str, Any]  # the globals the extraConfig code ran in
    accounts: Path  # the folder with passwords.json (the Secret's mount, here)


@pytest.fixture
def cluster_hub(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Hub:
    """The hub's configuration as the chart assembles it from values.yaml: the ``singleuser``
    settings, then ``hub.config``, then ``hub.extraConfig`` run against the same Config; the
    accounts are those ``workshop-kit hub --config-only`` writes, in a folder of the test's
    standing in for the Secret's mount."""
    from traitlets.config import Config

    v = values()
    c = Config()
    single = v["singleuser"]
    c.KubeSpawner.image = f"{single['image']['name']}:{single['image']['tag']}"
    for path, trait in SINGLEUSER.items():
        c.KubeSpawner[trait] = dig(single, path)
    for section, settings in v["hub"]["config"].items():
        for key, value in settings.items():
            c[section][key] = value
    namespace: dict[str, Any] = {"c": c, "get_config": lambda: c}
    (code,) = v["hub"]["extraConfig"].values()
    exec(compile(code, "values.yaml:hub.extraConfig", "exec"), namespace)
    accounts = tmp_path / "accounts"
    hub.write_account_files(accounts, hub.plan_accounts(TEAMS), "https://workshop.example.org/")
    namespace["ACCOUNTS"] = accounts
    # KubeSpawner reads a cluster's address at its start (it connects only to start a pod)
    kubeconfig = tmp_path / "kubeconfig"
    kubeconfig.write_text(
        json.dumps(
            {
                "apiVersion": "v1",
                "kind": "Config",
                "clusters": [{"name": "none", "cluster": {"server": "https://127.0.0.1:9"}}],
                "contexts": [{"name": "none", "context": {"cluster": "none", "user": "none"}}],
                "current-context": "none",
                "users": [{"name": "none", "user": {"token": "unused"}}],
            }
        )
    )
    from kubernetes_asyncio.config import kube_config

    # what $KUBECONFIG names (read when kubernetes_asyncio is imported, so set here)
    monkeypatch.setattr(kube_config, "KUBE_CONFIG_DEFAULT_LOCATION", str(kubeconfig))
    return Hub(c, namespace, accounts)


def pod_for(cluster_hub: Hub, username: str, admin: bool = False) -> dict[str, Any]:
    """The pod KubeSpawner would ask Kubernetes for when ``username`` logs in: a real JupyterHub
    user (in a database in memory), its spawner made by JupyterHub from the config, the
    pre-spawn hook run as JupyterHub runs it, and the pod's specification as sent (JSON)."""
    from jupyterhub import orm
    from jupyterhub.objects import Hub as HubAddress
    from jupyterhub.user import User
    from jupyterhub.utils import maybe_future
    from kubernetes_asyncio.client import ApiClient

    db = orm.new_session_factory("sqlite://")()
    db.add(orm.User(name=username, admin=admin))
    db.commit()
    settings = {
        "db": db,
        "hub": HubAddress(ip="hub", port=8081, base_url="/hub/"),
        "config": cluster_hub.config,
        "spawner_class": kubespawner.KubeSpawner,
        "domain": "",
        "base_url": "/",
    }
    user = User(db.query(orm.User).one(), settings=settings, db=db)

    async def build() -> dict[str, Any]:
        spawner = user.spawners[""]
        spawner.api_token = "not-a-real-token"
        await maybe_future(spawner.run_pre_spawn_hook())  # as JupyterHub's spawn does
        manifest = await spawner.get_pod_manifest()
        async with ApiClient() as api:
            pod: dict[str, Any] = api.sanitize_for_serialization(manifest)
        return pod

    return run(build())  # tests/coroutines.py: wherever the worker ran browser tests before


def container(pod: dict[str, Any]) -> dict[str, Any]:
    (server,) = [c for c in pod["spec"]["containers"] if c["name"] == "notebook"]
    return server


def env(pod: dict[str, Any]) -> dict[str, str]:
    return {e["name"]: e.get("value", "") for e in container(pod)["env"]}


def mounts(pod: dict[str, Any]) -> list[tuple[str, str, bool]]:
    """The server's mounts of the team storage: (path, part of the volume, read-only)."""
    return sorted(
        (m["mountPath"], m.get("subPath", ""), bool(m.get("readOnly")))
        for m in container(pod)["volumeMounts"]
        if m["name"] == "workspace"
    )


class TestValues:
    def test_every_singleuser_key_is_one_the_test_turns_into_a_setting(self) -> None:
        """Guard for the table above: a key it does not know would be left out silently."""
        used = set(leaves(values()["singleuser"]))
        assert used - set(SINGLEUSER) - SINGLEUSER_CHART == set()

    def test_the_authenticator_is_the_kits_and_reads_the_mounted_accounts(
        self, cluster_hub: Hub
    ) -> None:
        from workshop_kit.hub_auth import KitAuthenticator

        c, v = cluster_hub.config, values()
        assert c.JupyterHub.authenticator_class == "workshop_kit.hub_auth.KitAuthenticator"
        assert KitAuthenticator.__module__ == "workshop_kit.hub_auth"
        (mount,) = v["hub"]["extraVolumeMounts"]
        assert mount["readOnly"] is True
        (volume,) = v["hub"]["extraVolumes"]
        assert volume["name"] == mount["name"] and volume["secret"]["defaultMode"] == 0o400
        accounts = Path(mount["mountPath"])
        assert Path(c.KitAuthenticator.passwords_file) == accounts / hub.PASSWORDS_FILE
        assert cluster_hub.namespace["WORKSPACE_CLAIM"] == "workshop-workspace"
        code = next(iter(v["hub"]["extraConfig"].values()))
        assert f'ACCOUNTS = Path("{accounts}")' in code
        # the authenticator made from this config, as the hub makes it: every setting names a
        # real trait (a misspelled one would leave the default, and this would fail)
        authenticator = KitAuthenticator(config=c)
        assert authenticator.admin_users == {hub.FACILITATOR}
        assert authenticator.allow_all is True
        assert Path(authenticator.passwords_file) == accounts / hub.PASSWORDS_FILE
        # the figures of `workshop-kit hub`'s generated configuration
        assert authenticator.failures_per_account == 5
        assert authenticator.failures_per_address == 20
        assert authenticator.failure_window == 600
        assert authenticator.lockout_seconds == 300

    def test_culling_and_limits_are_the_hubs(self, cluster_hub: Hub) -> None:
        v = values()
        assert v["cull"]["enabled"] is True
        assert v["cull"]["timeout"] == round(hub.IDLE_MINUTES * 60)
        defaults = {f.name: f.default for f in dataclasses.fields(hub.HubSettings)}
        assert v["singleuser"]["memory"]["limit"] == defaults["mem_limit"]
        assert cluster_hub.namespace["FACILITATOR_MEM_LIMIT"] == defaults["facilitator_mem_limit"]
        assert v["singleuser"]["cpu"]["limit"] == defaults["cpu_limit"]

    def test_the_pvc_is_shared_by_every_pod(self) -> None:
        claim = yaml.safe_load((DEPLOY / "workspace-pvc.yaml").read_text(encoding="utf-8"))
        assert claim["kind"] == "PersistentVolumeClaim"
        assert claim["metadata"]["name"] == "workshop-workspace"
        assert claim["spec"]["accessModes"] == ["ReadWriteMany"]


class TestTeamPod:
    def test_limits_and_command(self, cluster_hub: Hub) -> None:
        pod = pod_for(cluster_hub, "team-oak-ilt")
        server = container(pod)
        assert server["image"] == "registry.example.org/workshop-kit:0.1.0"
        assert server["args"] == ["jupyterhub-singleuser"]
        limits = server["resources"]["limits"]
        assert limits["memory"] == team_limits.parse_size(hub.HubSettings.mem_limit)
        assert limits["cpu"] == 1
        assert server["resources"]["requests"]["memory"] == team_limits.parse_size("340M")
        assert pod["spec"]["securityContext"]["fsGroup"] == 100
        assert server["securityContext"]["runAsUser"] == 1000
        assert server["securityContext"]["allowPrivilegeEscalation"] is False

    def test_a_team_serves_its_own_pages_without_kernels(self, cluster_hub: Hub) -> None:
        found = env(pod_for(cluster_hub, "team-oak-ilt"))
        assert found[hub_server.PAGES_FOR_ENV] == hub_server.pages_for_team("oak-ilt")
        assert found[hub_server.JUPYTERLAB_ENV] == "0"
        assert found["JUPYTERHUB_DEFAULT_URL"] == f"/{hub_server.PAGES}/?team=oak-ilt"
        assert found["WORKSHOP_KIT_WORKSPACE"] == "/srv/workshop"
        config_dir = hub.hub_server_config_dir().relative_to(ROOT)
        assert found["JUPYTER_CONFIG_PATH"] == f"{IMAGE_KIT}/{config_dir}"
        assert found["JUPYTERHUB_ROOT_DIR"] == f"{IMAGE_KIT}/notebooks"

    def test_a_team_pod_mounts_its_own_folder_and_the_demo_only(self, cluster_hub: Hub) -> None:
        """Nothing of another team reaches the pod, not even a folder name."""
        pod = pod_for(cluster_hub, "team-oak-ilt")
        assert mounts(pod) == [
            ("/srv/workshop/demo", "demo", True),
            ("/srv/workshop/oak-ilt", "oak-ilt", False),
        ]
        (storage,) = [v for v in pod["spec"]["volumes"] if v["name"] == "workspace"]
        assert storage["persistentVolumeClaim"]["claimName"] == "workshop-workspace"

    def test_jupyterlab_where_the_accounts_secret_lists_the_team(self, cluster_hub: Hub) -> None:
        (cluster_hub.accounts / hub.JUPYTERLAB_FILE).write_text("team-elm-ilt\n")
        assert env(pod_for(cluster_hub, "team-elm-ilt"))[hub_server.JUPYTERLAB_ENV] == "1"
        assert env(pod_for(cluster_hub, "team-oak-ilt"))[hub_server.JUPYTERLAB_ENV] == "0"

    def test_an_account_not_in_passwords_json_gets_no_pod(self, cluster_hub: Hub) -> None:
        with pytest.raises(ValueError, match="no account"):
            pod_for(cluster_hub, "team-stranger")


class TestFacilitatorPod:
    def test_reads_every_team_read_only_with_its_own_memory_limit(self, cluster_hub: Hub) -> None:
        pod = pod_for(cluster_hub, hub.FACILITATOR, admin=True)
        assert mounts(pod) == [("/srv/workshop", "", True)]
        found = env(pod)
        assert found[hub_server.PAGES_FOR_ENV] == hub_server.FACILITATOR
        assert found[hub_server.JUPYTERLAB_ENV] == "1"
        assert found["JUPYTERHUB_DEFAULT_URL"] == f"/{hub_server.PAGES}/{hub.OVERVIEW_PAGE}"
        memory = container(pod)["resources"]["limits"]["memory"]
        assert memory == team_limits.parse_size(hub.HubSettings.facilitator_mem_limit)


class TestFolders:
    """The init container's command, run here with the kit's Python on a folder standing in for
    the team storage: it makes the demo and the team's workbook, and leaves them be after."""

    def run_init(self, pod: dict[str, Any], workspace: Path) -> None:
        (init,) = pod["spec"]["initContainers"]
        assert init["image"] == container(pod)["image"]
        assert init["volumeMounts"] == [{"mountPath": "/srv/workshop", "name": "workspace"}]
        assert init["securityContext"]["runAsUser"] == 1000
        program, *args = init["command"]
        assert program == "python" and args[2] == "/srv/workshop"
        args[2] = str(workspace)
        subprocess.run([sys.executable, *args], check=True, capture_output=True, timeout=300)

    def test_the_team_and_demo_folders_are_made_once(
        self, cluster_hub: Hub, tmp_path: Path
    ) -> None:
        workspace = tmp_path / "storage"
        pod = pod_for(cluster_hub, "team-oak-ilt")
        self.run_init(pod, workspace)
        ws = Workspace.default(workspace)
        assert ws.team_slugs() == ["demo", "oak-ilt"]
        book = ws.open_team("oak-ilt")
        assert book.display_name == "Oak ILT"
        before = sorted(p.relative_to(workspace) for p in workspace.rglob("*"))
        team_yaml = (workspace / "oak-ilt" / "team.yaml").read_bytes()
        self.run_init(pod, workspace)  # the next start: nothing changes
        assert sorted(p.relative_to(workspace) for p in workspace.rglob("*")) == before
        assert (workspace / "oak-ilt" / "team.yaml").read_bytes() == team_yaml

    def test_the_facilitators_pod_makes_only_the_demo(
        self, cluster_hub: Hub, tmp_path: Path
    ) -> None:
        workspace = tmp_path / "storage"
        self.run_init(pod_for(cluster_hub, hub.FACILITATOR, admin=True), workspace)
        assert Workspace.default(workspace).team_slugs() == ["demo"]


class TestImages:
    def dockerfile(self) -> str:
        return (DEPLOY / "Dockerfile").read_text(encoding="utf-8")

    def test_the_team_image_installs_the_locked_kit_where_the_values_expect_it(self) -> None:
        text = self.dockerfile()
        team = text.split("AS team", 1)[1].split("\nFROM ", 1)[0]
        assert f"WORKDIR {IMAGE_KIT}" in team
        assert 'pip install -c constraints.txt -e ".[hub]"' in team
        single = values()["singleuser"]
        for name, value in single["extraEnv"].items():
            assert f"{name}={value}" in team, name
        assert f"USER {single['uid']}" in team
        assert f"--uid {single['uid']} --gid {single['fsGid']}" in team
        assert 'CMD ["jupyterhub-singleuser"]' in team

    def test_the_hub_image_is_the_charts_with_the_kits_authenticator(self) -> None:
        text = self.dockerfile()
        hub_stage = text.split("AS hub", 1)[0].rsplit("\nFROM ", 1)[1] + text.split("AS hub", 1)[1]
        assert hub_stage.startswith("quay.io/jupyterhub/k8s-hub:4.4.0")
        assert "--no-deps" in hub_stage
        assert (
            re.search(r"k8s-hub:(\S+)", hub_stage).group(1)
            in (  # type: ignore[union-attr]
                (DEPLOY / "values.yaml").read_text(encoding="utf-8").splitlines()[0]
            )
        )

    def test_the_authenticator_needs_nothing_the_hub_image_lacks(self) -> None:
        """The hub image gets the kit without its dependencies: the authenticator and the
        values' code may import only what the chart's hub image holds, and argon2."""
        probe = (
            "import sys, json\n"
            "import workshop_kit.hub_auth, workshop_kit.hub_passwords\n"
            "print(json.dumps(sorted(sys.modules)))\n"
        )
        done = subprocess.run(
            [sys.executable, "-c", probe], capture_output=True, text=True, check=True, timeout=120
        )
        loaded = set(json.loads(done.stdout))
        kit = {m for m in loaded if m.split(".")[0] == "workshop_kit"}
        assert kit == {
            "workshop_kit",
            "workshop_kit.errors",
            "workshop_kit.hub_auth",
            "workshop_kit.hub_passwords",
            "workshop_kit.login_limits",
        }
        heavy = {"jupyter_server", "solara", "pandas", "ipywidgets", "matplotlib", "pydantic"}
        assert {m.split(".")[0] for m in loaded} & heavy == set()
        code = next(iter(values()["hub"]["extraConfig"].values()))
        imports = re.findall(r"^(?:from|import) (\S+)", code, re.MULTILINE)
        assert sorted(imports) == ["pathlib", "workshop_kit"]
        assert "from workshop_kit import hub_passwords" in code
