"""Issue 27, "sign-in the district already has": the district's file of accounts and teams, the
hub's config that signs teams in with Google Workspace or Microsoft Entra ID, and the mapping
from the account that signed in to its team's hub account. No live provider: the real
OAuthenticator classes are given what a provider would have said of the person."""

from __future__ import annotations

import importlib.util
import json
import stat
from pathlib import Path
from typing import Any

import pytest
from tests import coroutines

from test_hub import load_config
from workshop_kit import district_sign_in, hub
from workshop_kit.cli import main
from workshop_kit.errors import WorkshopError

COHORT = ["Lincoln Elementary ILT", "Oak Park ILT"]
GOOGLE = """\
schema_version: 1
provider: google
domain: district.example.org
accounts:
  Ana.Ruiz@district.example.org: Lincoln Elementary ILT
  marcus.lee@district.example.org: lincoln elementary ilt
  jo.park@district.example.org: Oak Park ILT
  pat.doe@district.example.org: facilitator
"""
ENTRA = """\
schema_version: 1
provider: entra
tenant: 11111111-2222-3333-4444-555555555555
accounts:
  ana.ruiz@district.example.org: Lincoln Elementary ILT
"""


def written(tmp_path: Path, text: str, name: str = "sign-in.yaml") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def prepared(tmp_path: Path, text: str) -> hub.HubSettings:
    settings = hub.HubSettings(
        hub_dir=tmp_path / "hub",
        workspace=tmp_path / "ws",
        public_url="https://workshop.district.example.org/",
        sign_in=written(tmp_path, text),
    )
    hub.prepare(settings, COHORT, unix=False)
    return settings


class TestTheFile:
    def test_each_account_gets_its_teams_hub_account_whatever_the_case(
        self, tmp_path: Path
    ) -> None:
        settings = prepared(tmp_path, GOOGLE)
        kept = settings.hub_dir / hub.SIGN_IN_FILE
        assert stat.S_IMODE(kept.stat().st_mode) == 0o600  # root's alone, as every hub file
        record = json.loads(kept.read_text(encoding="utf-8"))
        assert record["provider"] == "google" and record["domain"] == "district.example.org"
        assert record["accounts"] == {
            "ana.ruiz@district.example.org": "team-lincoln-elementary-ilt",
            "marcus.lee@district.example.org": "team-lincoln-elementary-ilt",
            "jo.park@district.example.org": "team-oak-park-ilt",
            "pat.doe@district.example.org": hub.FACILITATOR,
        }

    @pytest.mark.parametrize(
        ("text", "said"),
        [
            (GOOGLE.replace("provider: google", "provider: okta"), "provider"),
            (GOOGLE.replace("domain: district.example.org\n", ""), "needs the district's domain"),
            (ENTRA.replace("tenant: 1111", "tnant: 1111"), "tnant"),
            (ENTRA.replace("schema_version: 1\n", ""), "schema_version"),
            (GOOGLE.replace("Oak Park ILT", "Oak Prak ILT"), "‘Oak Prak ILT’, which is not in"),
            (GOOGLE.replace("jo.park@district.example.org", "jo park"), "not an e-mail address"),
            (GOOGLE + "  ANA.RUIZ@district.example.org: Oak Park ILT\n", "given twice"),
            ("schema_version: 1\nprovider: google\ndomain: d.org\naccounts: {}\n", "accounts"),
            ("accounts: [\n", "sign-in.yaml"),
        ],
    )
    def test_a_wrong_file_is_refused_plainly_and_nothing_is_written(
        self, tmp_path: Path, text: str, said: str
    ) -> None:
        with pytest.raises(WorkshopError) as refused:
            prepared(tmp_path, text)
        assert said in refused.value.message, refused.value.message
        assert "pydantic" not in refused.value.message and "Traceback" not in refused.value.message
        assert not (tmp_path / "hub").exists()

    def test_the_message_names_the_file_and_line(self, tmp_path: Path) -> None:
        with pytest.raises(WorkshopError) as refused:
            district_sign_in.read_sign_in(
                written(tmp_path, GOOGLE.replace("schema_version: 1", "schema_version: 2"))
            )
        assert "sign-in.yaml" in refused.value.message and "line 1" in refused.value.message

    def test_a_missing_file_is_a_plain_error(self, tmp_path: Path) -> None:
        with pytest.raises(WorkshopError, match="There is no file"):
            district_sign_in.read_sign_in(tmp_path / "nope.yaml")


def needs_oauthenticator() -> None:
    if importlib.util.find_spec("oauthenticator") is None:
        pytest.skip("the hub extra is not installed: the sign-in classes import OAuthenticator")


class TestTheConfig:
    def test_google_signs_teams_in_with_the_districts_domain_only(self, tmp_path: Path) -> None:
        needs_oauthenticator()
        settings = prepared(tmp_path, GOOGLE)
        text = (settings.hub_dir / hub.CONFIG_FILE).read_text(encoding="utf-8")
        c = load_config(text)
        from workshop_kit.hub_oauth import KitGoogleAuthenticator

        assert c.JupyterHub.authenticator_class is KitGoogleAuthenticator
        own = c.KitGoogleAuthenticator
        assert own.hosted_domain == ["district.example.org"]
        callback = "https://workshop.district.example.org/hub/oauth_callback"
        assert own.oauth_callback_url == callback
        assert own.district_sign_in_file == str(settings.hub_dir / hub.SIGN_IN_FILE)
        assert "KitAuthenticator.passwords_file" not in text  # no password of the kit
        assert "OAUTH_CLIENT_SECRET" in text and "secret =" not in text.lower()

    def test_entra_signs_teams_in_from_the_districts_tenant_only(self, tmp_path: Path) -> None:
        needs_oauthenticator()
        settings = prepared(tmp_path, ENTRA)
        c = load_config((settings.hub_dir / hub.CONFIG_FILE).read_text(encoding="utf-8"))
        from workshop_kit.hub_oauth import KitEntraAuthenticator

        assert c.JupyterHub.authenticator_class is KitEntraAuthenticator
        assert c.KitEntraAuthenticator.tenant_id == "11111111-2222-3333-4444-555555555555"

    def test_a_later_run_keeps_the_sign_in_and_says_so(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        cohort = written(tmp_path, "\n".join(COHORT) + "\n", "cohort.txt")
        sign_in = written(tmp_path, GOOGLE)
        first = ["hub", "--from-file", str(cohort), "--sign-in", str(sign_in), "--config-only"]
        assert main(["--workspace", str(tmp_path / "ws"), *first]) == 0
        assert main(["--workspace", str(tmp_path / "ws"), "hub", "--config-only"]) == 0
        out = capsys.readouterr().out
        assert out.count("Teams sign in with their district accounts (4 listed") == 2
        config = (tmp_path / "hub" / hub.CONFIG_FILE).read_text(encoding="utf-8")
        assert "KitGoogleAuthenticator" in config

    def test_without_a_sign_in_file_teams_use_the_kits_passwords(self, tmp_path: Path) -> None:
        settings = hub.HubSettings(hub_dir=tmp_path / "hub", workspace=tmp_path / "ws")
        hub.prepare(settings, COHORT, unix=False)
        text = (settings.hub_dir / hub.CONFIG_FILE).read_text(encoding="utf-8")
        assert "c.JupyterHub.authenticator_class = KitAuthenticator" in text
        assert "oauth" not in text.lower()


def authenticator(settings: hub.HubSettings, kind: str = "KitGoogleAuthenticator") -> Any:
    """The hub's authenticator as the generated config sets it up."""
    needs_oauthenticator()
    from workshop_kit import hub_oauth

    c = load_config((settings.hub_dir / hub.CONFIG_FILE).read_text(encoding="utf-8"))
    return getattr(hub_oauth, kind)(config=c)


def signed_in(auth: Any, said: dict[str, Any]) -> tuple[str, bool]:
    """The hub account the provider's answer ``said`` opens, and whether the hub lets it in: as
    OAuthenticator runs them after a sign-in (the answer kept in the login's auth state)."""
    info = {"verified_email": True, **said}
    username = auth.user_info_to_username(info)
    model = {
        "name": username,
        "admin": username in auth.admin_users,
        "auth_state": {auth.user_auth_state_key: info},
    }
    return username, bool(coroutines.run(auth.check_allowed(username, model)))


class TestWhoSignedIn:
    def test_each_district_account_opens_its_teams_account(self, tmp_path: Path) -> None:
        auth = authenticator(prepared(tmp_path, GOOGLE))
        ana = signed_in(auth, {"email": "ANA.Ruiz@district.example.org"})
        assert ana == ("team-lincoln-elementary-ilt", True)
        assert signed_in(auth, {"email": "jo.park@district.example.org"}) == (
            "team-oak-park-ilt",
            True,
        )
        assert signed_in(auth, {"email": "pat.doe@district.example.org"}) == (hub.FACILITATOR, True)
        assert hub.FACILITATOR in auth.admin_users

    def test_an_account_not_on_the_list_is_refused(self, tmp_path: Path) -> None:
        auth = authenticator(prepared(tmp_path, GOOGLE))
        assert signed_in(auth, {"email": "sam.roe@district.example.org"})[1] is False
        # naming a team's account as one's address opens nothing either
        assert signed_in(auth, {"email": "team-oak-park-ilt@example.org"})[1] is False

    def test_entra_reads_the_address_from_the_claims_it_gives(self, tmp_path: Path) -> None:
        auth = authenticator(prepared(tmp_path, ENTRA), "KitEntraAuthenticator")
        said = {"name": "Ana Ruiz", "preferred_username": "ana.ruiz@district.example.org"}
        assert signed_in(auth, said) == ("team-lincoln-elementary-ilt", True)
        with pytest.raises(ValueError, match="no e-mail address"):
            auth.user_info_to_username({"name": "Ana Ruiz"})

    def test_a_changed_file_applies_at_the_next_sign_in(self, tmp_path: Path) -> None:
        settings = prepared(tmp_path, GOOGLE)
        auth = authenticator(settings)
        moved = GOOGLE.replace(
            "jo.park@district.example.org: Oak Park ILT",
            "jo.park@district.example.org: Lincoln Elementary ILT",
        )
        settings.sign_in = written(tmp_path, moved)
        hub.prepare(settings, COHORT, unix=False)
        jo = auth.user_info_to_username({"email": "jo.park@district.example.org"})
        assert jo == "team-lincoln-elementary-ilt"
