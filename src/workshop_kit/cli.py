"""The ``workshop-kit`` command: create and check team workbooks, start the workshop.

Exit codes: 0 fine, 1 a check found problems, 2 the request itself was refused (a bad or unsafe
name, one that names no team, team file or kept version, or a backup that cannot be restored).
"""

from __future__ import annotations

import argparse
import contextlib
import os
import shutil
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any, TextIO, cast

from workshop_kit import paths
from workshop_kit.errors import (
    ConfigError,
    RefusedError,
    TeamNotFoundError,
    UnknownNameError,
    UnsafeTeamNameError,
    WorkshopError,
)
from workshop_kit.model.base import Document
from workshop_kit.store import DEMO_SLUG, TeamWorkbook, Workspace, read_team_list, team_slug

Handler = Callable[[argparse.Namespace], int]


def _workspace(args: argparse.Namespace) -> Workspace:
    return Workspace.default(args.workspace)


def _team(args: argparse.Namespace) -> TeamWorkbook:
    """The team ``args.name`` names. The demo team is there in every workspace, as in the app:
    a new workspace gets its copy on first use."""
    ws = _workspace(args)
    return ws.ensure_demo() if team_slug(args.name) == DEMO_SLUG else ws.open_team(args.name)


def cmd_new_team(args: argparse.Namespace) -> int:
    """One workbook per name. Every name is checked first, so an unsafe one creates nothing; a
    team that exists already is reported and the others are still created."""
    names = list(args.names)
    if args.from_file:
        names += read_team_list(args.from_file)
    if not names:
        raise UnsafeTeamNameError("Name at least one team, or give --from-file with one per line.")
    slugs = [team_slug(name) for name in names]  # raises before anything is created
    if len(set(slugs)) < len(slugs):
        twice = sorted({n for n, s in zip(names, slugs, strict=True) if slugs.count(s) > 1})
        raise UnsafeTeamNameError(
            f"These names would share one folder: {', '.join(twice)}. Make them distinct."
        )
    ws = _workspace(args)
    failed = 0
    for name in names:
        try:
            book = ws.create_team(name)
        except WorkshopError as exc:
            print(exc.message, file=sys.stderr)
            failed += 1
        else:
            print(f"Created the workbook for ‘{book.display_name}’ in {book.folder}")
    return 1 if failed else 0


def _print_json(data: object) -> None:
    import json

    print(json.dumps(data, indent=2, ensure_ascii=False))


def cmd_list(args: argparse.Namespace) -> int:
    ws = _workspace(args)
    slugs = ws.team_slugs()
    if args.json:
        teams: list[dict[str, str | None]] = []
        for slug in slugs:
            try:
                teams.append(
                    {"folder": slug, "name": ws.open_team(slug).display_name, "problem": None}
                )
            except WorkshopError as exc:
                teams.append({"folder": slug, "name": None, "problem": exc.message})
        _print_json({"workspace": str(ws.root), "teams": teams})
        return 0
    if not slugs:
        print(f'No teams yet in {ws.root}. Create one with: workshop-kit new-team "NAME"')
        return 0
    for slug in slugs:
        try:
            print(f"{slug}\t{ws.open_team(slug).display_name}")
        except WorkshopError as exc:
            print(f"{slug}\t(cannot open: {exc.message})")
    return 0


def cmd_check(args: argparse.Namespace) -> int:
    from workshop_kit.model import document_kinds

    book = _team(args)
    problems = book.check(document_kinds())
    if args.json:
        _print_json({"team": book.slug, "fine": not problems, "problems": problems})
        return 1 if problems else 0
    if problems:
        for problem in problems:
            print(problem)
        return 1
    print(f"All files of team ‘{book.slug}’ are fine.")
    return 0


def _kind(file_name: str) -> type[Document]:
    from workshop_kit.model import document_kinds

    kinds = {k.FILE_NAME: k for k in document_kinds()}
    wanted = file_name if file_name.endswith(".yaml") else f"{file_name}.yaml"
    if wanted not in kinds:
        raise UnknownNameError(
            f"Unknown team file ‘{file_name}’. Choose one of: {', '.join(kinds)}."
        )
    return kinds[wanted]


def cmd_history(args: argparse.Namespace) -> int:
    book = _team(args)
    kind = _kind(args.file)
    revisions = book.revisions(kind)
    if not revisions:
        print(f"No earlier versions of {kind.FILE_NAME} are kept for team ‘{book.slug}’.")
    for rev in revisions:
        who = rev.saved_by()
        print(f"revision {rev.number}\t{rev.path}" + (f"\tsaved by {who}" if who else ""))
    return 0


def cmd_restore(args: argparse.Namespace) -> int:
    book = _team(args)
    kind = _kind(args.file)
    book.restore(kind, args.revision)
    print(f"Restored revision {args.revision} of {kind.FILE_NAME} for team ‘{book.slug}’.")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    import json

    print(json.dumps(_kind(args.file).model_json_schema(), indent=2, ensure_ascii=False))
    return 0


def cmd_config_init(args: argparse.Namespace) -> int:
    from workshop_kit.config import CONFIG_FILES, default_config_dir

    target = _workspace(args).root / "config"
    target.mkdir(parents=True, exist_ok=True)
    for name in CONFIG_FILES:
        source = default_config_dir() / name
        if source.is_file() and not (target / name).exists():
            shutil.copy(source, target / name)
            print(f"Copied {name} to {target}; edit it there.")
    return 0


def _institute(workspace: Path) -> tuple[Any, Any]:
    """The institute config and its agenda, checked against the day files."""
    from workshop_kit.config.day1 import load_day1
    from workshop_kit.config.day2 import load_day2
    from workshop_kit.config.day3 import load_day3
    from workshop_kit.config.institute import load_institute
    from workshop_kit.logic.institute import agenda_problems, build_agenda

    institute = load_institute(workspace)
    plans = {1: load_day1(workspace), 2: load_day2(workspace), 3: load_day3(workspace)}
    problems = agenda_problems(institute, plans)
    if problems:
        raise ConfigError("institute.yaml does not fit the day files: " + " ".join(problems))
    return institute, build_agenda(institute, plans)


def cmd_config_check(args: argparse.Namespace) -> int:
    from workshop_kit.config.all_days import load_all

    workspace = paths.workspace_dir(args.workspace)
    load_all(workspace)
    _institute(workspace)
    print("The activity configuration is valid.")
    return 0


def cmd_agenda(args: argparse.Namespace) -> int:
    from workshop_kit.exports.agenda import agenda_page

    institute, days = _institute(paths.workspace_dir(args.workspace))
    out = Path(args.out or "institute-agenda.html")
    out.write_text(agenda_page(institute, days), encoding="utf-8")
    print(f"Wrote {out}")
    return 0


def lab_environment() -> dict[str, str]:
    """Settings that make a first start clean: no news toast, no update check, and the kit's own
    python3 kernel ahead of any the user has.

    Written to ``overrides.d/`` (read by JupyterLab next to ``overrides.json``), so a site's own
    ``overrides.json`` is neither replaced nor a reason to skip ours. tests/browser checks it.
    """
    env = paths.with_jupyter_path(dict(os.environ), paths.kit_jupyter_data())
    folder = paths.kit_jupyter_data() / "lab" / "settings" / "overrides.d"
    wanted = (
        '{"@jupyterlab/apputils-extension:notification": '
        '{"fetchNews": "false", "checkForUpdates": false}}\n'
    )
    overrides = folder / "workshop-kit.json"
    try:
        if not overrides.is_file() or overrides.read_text(encoding="utf-8") != wanted:
            folder.mkdir(parents=True, exist_ok=True)
            overrides.write_text(wanted, encoding="utf-8")
    except OSError:  # a read-only installation: JupyterLab still starts, with its news prompt
        pass
    return env


def lab_command(args: argparse.Namespace, notebooks: Path) -> list[str]:
    """The JupyterLab command of ``start``: on Day 1, in the team's copies of the notebooks."""
    cmd = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        f"--ServerApp.root_dir={notebooks}",
        f"--port={args.port}",
        "--ServerApp.ip=127.0.0.1",
    ]
    if args.no_browser:
        cmd.append("--no-browser")
    if hasattr(os, "geteuid") and os.geteuid() == 0:
        cmd.append("--allow-root")
    cmd.append("--LabApp.default_url=/lab/tree/01_day1_worthy_goal.ipynb")
    return cmd


def cmd_start(args: argparse.Namespace) -> int:
    from workshop_kit.notebook_copies import working_copies

    ws = _workspace(args)
    ws.ensure_demo()
    copies = working_copies(ws.root)
    env = lab_environment()
    env[paths.WORKSPACE_ENV] = str(ws.root)
    cmd = lab_command(args, copies.folder)
    for name in copies.kept:
        print(
            f"{name}: this kit has a newer version, but your copy has your changes, so it was "
            "kept. To take the new one, rename your copy; it is copied again at the next start."
        )
    print(
        f"Starting JupyterLab on Day 1 with the demo team (workspace: {ws.root}; notebooks: "
        f"{copies.folder})."
    )
    os.execvpe(cmd[0], cmd, env)
    return 0  # not reached


def cmd_app(args: argparse.Namespace) -> int:
    from workshop_kit.pages import server

    ws = _workspace(args)
    ws.ensure_demo()
    return server.serve(
        ws.root,
        port=args.port,
        host=args.ip,
        open_browser=not args.no_browser,
        unix_socket=args.unix_socket,
    )


def cmd_join_codes(args: argparse.Namespace) -> int:
    from workshop_kit.pages.access import write_join_cards

    ws = _workspace(args)
    cards = write_join_cards(ws, args.url)
    print(f"Wrote the join cards to {cards}: print them and hand each team its card.")
    print("A team keeps its code; teams new since the last cards got one now.")
    return 0


def cmd_hub(args: argparse.Namespace) -> int:
    from workshop_kit import hub

    workspace = paths.workspace_dir(args.workspace)
    hub_dir = Path(args.hub_dir).expanduser().resolve() if args.hub_dir else None
    settings = hub.HubSettings(
        hub_dir=hub_dir or hub.default_hub_dir(workspace),
        workspace=workspace,
        ip=args.ip,
        port=args.port,
        idle_minutes=args.idle_minutes,
        mem_limit=args.mem_limit,
        facilitator_mem_limit=args.facilitator_mem_limit,
        max_processes=args.max_processes,
        enforce_limits=not args.no_limits,
        hub_port=args.hub_api_port,
        proxy_api_port=args.proxy_api_port,
        jupyterlab_for=[] if args.no_jupyterlab else args.jupyterlab_for,
        public_url=args.public_url,
        sign_in=Path(args.sign_in).expanduser() if args.sign_in else None,
    )
    names = hub.read_cohort(args.from_file) if args.from_file else None
    if not args.config_only:
        hub.check_can_start(settings)  # before anything is created: a refusal changes nothing
    accounts = hub.prepare(settings, names, renew=args.new_passwords, unix=not args.config_only)
    print(
        f"Wrote {hub.CONFIG_FILE} and the accounts of {len(accounts) - 1} teams and the "
        f"facilitator to {settings.hub_dir}."
    )
    new = [a for a in accounts if a.password is not None]
    cards = hub.card_files(settings.hub_dir)
    signing_in = hub.read_sign_in_file(settings.hub_dir)
    if signing_in is not None:
        print(
            f"Teams sign in with their district accounts ({len(signing_in['accounts'])} listed "
            f"in {hub.SIGN_IN_FILE}); the kit's passwords are not used. Register the hub with "
            f"the district's identity provider, redirect address "
            f"{hub.oauth_callback_url(settings)}, and start it with "
            "OAUTH_CLIENT_ID and OAUTH_CLIENT_SECRET set (docs/server.md)."
        )
    if new:
        print(
            f"New passwords for {len(new)} accounts (only those are on the cards): print "
            f"{settings.hub_dir / hub.ACCOUNTS_HTML}, then delete it and {hub.ACCOUNTS_CSV}:\n"
            f"  rm {' '.join(str(p) for p in cards)}\n"
            "The hub keeps only the passwords' hashes; these cards are the one place the "
            "passwords are written, and nothing reads them again.\n"
            f"The cards send teams to {hub.card_url(settings)}"
            + ("" if hub.read_public_url(settings.hub_dir) else " (give --public-url to change it)")
            + "."
        )
    else:
        print("No new passwords: every account keeps its own.")
        if cards:
            print(
                f"Card files are still in the hub folder ({', '.join(p.name for p in cards)}): "
                f"once printed, delete them:\n  rm {' '.join(str(p) for p in cards)}"
            )
    print('A lost password: workshop-kit hub-password "<team name>" (or facilitator).')
    if args.config_only:
        return 0
    print(f"Starting JupyterHub on http://{settings.ip}:{settings.port}/ (stop it with Ctrl+C).")
    return hub.start(settings)


def cmd_hub_password(args: argparse.Namespace) -> int:
    from workshop_kit import hub, hub_passwords

    workspace = paths.workspace_dir(args.workspace)
    hub_dir = Path(args.hub_dir).expanduser().resolve() if args.hub_dir else None
    account, password = hub_passwords.reset_password(
        hub_dir or hub.default_hub_dir(workspace), args.account
    )
    print(f"{account.team or 'Facilitator'}")
    print(f"  Account:  {account.username}")
    print(f"  Password: {password}")
    print(
        "It works from the next login; the old password no longer does. Only its hash is kept: "
        "write it on the team's card now, this is the one time it is shown."
    )
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """One team's documents, or with ``--all`` every team's, each team in a folder of its own
    with a line per team as it goes; a team that cannot be exported is said and the others are
    still written (exit 1 at the end)."""
    from workshop_kit.exports.team_documents import DOCUMENT_LABELS, DOCUMENTS, document_files
    from workshop_kit.exports.team_plan import write_files

    if bool(args.name) == bool(args.all):
        raise RefusedError("Name one team, or give --all for every team in the workspace.")
    wanted = _wanted(args.document, args.format)
    for document, fmt in wanted:
        if fmt not in DOCUMENTS[document]:
            formats = " or ".join(DOCUMENTS[document])
            raise RefusedError(
                f"{DOCUMENT_LABELS[document].capitalize()} is written as {formats}, not {fmt}."
            )
    out = Path(args.out).expanduser() if args.out else Path.cwd()
    if not args.all:
        book = _team(args)
        for document, fmt in wanted:
            for path in write_files(document_files(book, document, fmt), out):
                print(f"Wrote {path}")
        if any(fmt == "html" for _, fmt in wanted):
            print(PRINT_HINT)
        return 0
    ws = _workspace(args)
    slugs = ws.team_slugs()
    if not slugs:
        print(f"No team in {ws.root} to export.")
        return 0
    failed = 0
    for number, slug in enumerate(slugs, 1):
        place = f"[{number}/{len(slugs)}]"
        try:
            book = ws.open_team(slug)
            files: dict[str, bytes] = {}
            for document, fmt in wanted:
                files |= document_files(book, document, fmt)
            write_files(files, out / slug)
        except WorkshopError as exc:
            failed += 1
            print(f"{place} {slug}: not exported: {exc.message}", flush=True)
            continue
        print(f"{place} {book.display_name}: {len(files)} files in {out / slug}", flush=True)
    print(f"Exported {len(slugs) - failed} of {len(slugs)} teams into {out}.")
    if any(fmt == "html" for _, fmt in wanted):
        print(PRINT_HINT)
    return 1 if failed else 0


def _wanted(document: str, fmt: str) -> list[tuple[str, str]]:
    """The (document, format) pairs asked for. One document in a format it lacks stays asked
    for (and is refused with the reason); ``all`` documents are those that have the format."""
    from workshop_kit.exports.team_documents import DOCUMENTS

    if document != "all":
        return [(document, f) for f in (DOCUMENTS[document] if fmt == "all" else [fmt])]
    return [(d, f) for d, formats in DOCUMENTS.items() for f in formats if fmt in ("all", f)]


PRINT_HINT = (
    "To print a page or keep it as a PDF: open it in a web browser, choose Print, then your "
    "printer or “Save as PDF” (Letter or A4, portrait)."
)


def _listed(names: list[str], most: int = 5) -> str:
    shown = ", ".join(names[:most])
    return shown + (f" and {len(names) - most} more" if len(names) > most else "")


def cmd_backup(args: argparse.Namespace) -> int:
    from workshop_kit.backup import write_backup

    ws = _workspace(args)
    result = write_backup(ws, Path(args.to))
    print(
        f"Wrote {result.path} (time in UTC), readable by you only (mode 0600): "
        f"{len(result.teams)} teams, {result.files} files, with each file's earlier versions."
    )
    print(
        "Not in it: the hub folder (accounts, passwords, the hub's database and secret) and "
        "anything that is not team work."
    )
    if result.left_out:
        print(f"Left out of the workspace: {_listed(result.left_out)}.")
    for note in result.notes:
        print(note)
    return 0


def cmd_restore_backup(args: argparse.Namespace) -> int:
    from workshop_kit.backup import restore_backup

    ws = _workspace(args)
    result = restore_backup(ws, Path(args.archive), replace=args.replace)
    config = " and the configuration" if result.config_files else ""
    print(f"Restored {len(result.teams)} teams ({result.files} files){config} into {ws.root}.")
    for aside in result.moved_aside:
        print(f"The folder that was there is kept as {aside}.")
    for slug in result.kept:
        print(f"The workspace's own ‘{slug}’ team was kept (add --replace to take the backup's).")
    if result.problems:
        print("These restored files do not validate (run `workshop-kit check` for each team):")
        for problem in result.problems:
            print(problem)
        return 1
    return 0


def cmd_hand_back(args: argparse.Namespace) -> int:
    from workshop_kit.backup import write_hand_backs

    ws = _workspace(args)
    made, notes = write_hand_backs(ws, Path(args.to), args.team)
    if not made:
        print(f"No teams in {ws.root} to hand back.")
    for hand_back in made:
        print(f"Wrote {hand_back.path} ({hand_back.files} files, readable by you only)")
    if made:
        print(
            "A team unzips its file into a folder and opens it with the kit: "
            "workshop-kit --workspace FOLDER start"
        )
    for note in notes:
        print(note)
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="workshop-kit",
        description="Run the Leadership for Learning workshop: team workbooks, checks, exports.",
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {_version()}")
    _workspace_option(parser, None)
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, handler: Handler, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(handler=handler)
        _workspace_option(p, argparse.SUPPRESS)
        return p

    new_team = add("new-team", cmd_new_team, "create a workbook for each new team named")
    new_team.add_argument("names", nargs="*", metavar="NAME")
    new_team.add_argument(
        "--from-file", metavar="FILE", help="a text file with one team name per line"
    )
    json_help = "print the result as JSON (its fields: README, section 'The workshop-kit command')"
    add("list", cmd_list, "list the teams in the workspace").add_argument(
        "--json", action="store_true", help=json_help
    )
    check_team = add("check", cmd_check, "validate a team's files (exit 1 if any is damaged)")
    check_team.add_argument("name")
    check_team.add_argument("--json", action="store_true", help=json_help)
    history = add("history", cmd_history, "list the kept versions of one of a team's files")
    history.add_argument("name")
    history.add_argument("file", help="e.g. team.yaml or goal.yaml")
    restore = add("restore", cmd_restore, "make an earlier version of a team's file current again")
    restore.add_argument("name")
    restore.add_argument("file")
    restore.add_argument("revision", type=int)
    add("schema", cmd_schema, "print the JSON schema of a team file").add_argument("file")
    export = add(
        "export",
        cmd_export,
        "export a team's documents (or every team's, --all): the Day 3 plan as printable pages "
        "(the plan and a one-page staff summary), Markdown, calendar, or ledger and action plan; "
        "the Day 1 and Day 2 summaries and the progress report as printable pages or Markdown",
    )
    export.add_argument("name", nargs="?", help="the team's name (or give --all)")
    export.add_argument(
        "--all", action="store_true", help="every team in the workspace, each in its own folder"
    )
    export.add_argument(
        "--document",
        choices=("plan", "day1", "day2", "progress", "all"),
        default="plan",
        help="which document (default: plan; all: every one)",
    )
    export.add_argument(
        "--format",
        choices=("html", "md", "ics", "csv", "xlsx", "all"),
        default="html",
        help="default: html; all: every format each document has",
    )
    export.add_argument(
        "--out", help="folder to write the files into (default: the current folder)"
    )
    agenda = add(
        "agenda", cmd_agenda, "write the institute agenda and the ball game as a page to print"
    )
    agenda.add_argument("--out", help="file to write (default: institute-agenda.html)")
    start = add("start", cmd_start, "open the workshop in JupyterLab on Day 1")
    start.add_argument("--port", type=int, default=8888)
    start.add_argument("--no-browser", action="store_true")
    served = add("app", cmd_app, "serve the workshop's pages (no code on screen) from one process")
    served.add_argument("--port", type=int, default=8866)  # pages.server.DEFAULT_PORT
    served.add_argument("--no-browser", action="store_true")
    served.add_argument(
        "--ip", default="127.0.0.1", help="address to listen on (default: this computer only)"
    )
    served.add_argument(
        "--unix-socket",
        metavar="PATH",
        help="listen on this local socket instead of a port (as each account's server on the hub)",
    )
    join = add(
        "join-codes", cmd_join_codes, "write the cards with each team's join code for the pages"
    )
    join.add_argument(
        "--url", default="http://127.0.0.1:8866", help="the pages' address printed on the cards"
    )
    served_hub = add(
        "hub", cmd_hub, "set up and start JupyterHub: an account per team, each its own server"
    )
    served_hub.add_argument(
        "--from-file", metavar="FILE", help="the cohort list: one team name per line"
    )
    served_hub.add_argument(
        "--hub-dir", help="folder for the hub's config and accounts (default: beside the workspace)"
    )
    served_hub.add_argument("--port", type=int, default=8000)
    served_hub.add_argument("--hub-api-port", type=int, default=8081, help="the hub's own API")
    served_hub.add_argument("--proxy-api-port", type=int, default=8001, help="the proxy's API")
    served_hub.add_argument(
        "--ip", default="127.0.0.1", help="address to listen on (default: this computer only)"
    )
    served_hub.add_argument(
        "--public-url",
        metavar="URL",
        help="the address teams open (https://...), printed on the cards; kept for later runs "
        "(default: where the hub listens)",
    )
    served_hub.add_argument(
        "--sign-in",
        metavar="FILE",
        help="teams sign in with their district accounts (Google Workspace or Microsoft Entra "
        "ID): the file that gives each account its team (docs/server.md); kept for later runs",
    )
    served_hub.add_argument(
        "--idle-minutes",
        type=float,
        default=20.0,  # hub.IDLE_MINUTES
        help="stop a team's server after this many idle minutes",
    )
    served_hub.add_argument(
        "--mem-limit",
        default="1G",
        help="memory of each team's server, enforced by the kernel (default: 1G)",
    )
    served_hub.add_argument(
        "--facilitator-mem-limit",
        default="2G",
        help="memory of the facilitator's server, enforced by the kernel (default: 2G)",
    )
    served_hub.add_argument(
        "--max-processes",
        type=int,
        default=256,  # team_limits.DEFAULT_MAX_PROCESSES
        help="processes and threads of each account's server, enforced (default: 256)",
    )
    served_hub.add_argument(
        "--no-limits",
        action="store_true",
        help="run without enforced limits where the kernel cannot enforce them (no cgroups); "
        "one team can then use up the machine",
    )
    served_hub.add_argument(
        "--jupyterlab-for",
        metavar="TEAM",
        action="append",
        help="let this team's server run code in JupyterLab (repeat for more teams; the "
        "facilitator always may); the list is kept until given again",
    )
    served_hub.add_argument(
        "--no-jupyterlab", action="store_true", help="no team's server runs code (the default)"
    )
    served_hub.add_argument(
        "--new-passwords", action="store_true", help="give every account a new password"
    )
    served_hub.add_argument(
        "--config-only", action="store_true", help="write the files only: no users, no start"
    )
    backup = add(
        "backup",
        cmd_backup,
        "write one private archive (0600) of every team's work and the configuration",
    )
    backup.add_argument("--to", required=True, metavar="FOLDER", help="folder for the archive")
    restore_backup = add(
        "restore-backup", cmd_restore_backup, "bring the teams' work back from a backup archive"
    )
    restore_backup.add_argument("archive", metavar="ARCHIVE")
    restore_backup.add_argument(
        "--replace",
        action="store_true",
        help="move team folders that are there already aside (never deleted) and restore them",
    )
    hand_back = add("hand-back", cmd_hand_back, "write one private zip of its work per team")
    hand_back.add_argument("--to", required=True, metavar="FOLDER", help="folder for the zips")
    hand_back.add_argument(
        "--team", action="append", metavar="NAME", help="only this team (repeat for more)"
    )
    reset = add(
        "hub-password",
        cmd_hub_password,
        "give one hub account a new password (a lost card); prints it once",
    )
    reset.add_argument(
        "account", metavar="TEAM", help="the team's name, its account, or facilitator"
    )
    reset.add_argument(
        "--hub-dir", help="the hub's folder (default: beside the workspace, as for hub)"
    )
    config = add("config", lambda a: 2, "copy or validate the facilitator configuration")
    config_sub = config.add_subparsers(dest="config_command", metavar="ACTION", required=True)
    init = config_sub.add_parser("init", help="copy the default configuration into the workspace")
    init.set_defaults(handler=cmd_config_init)
    check = config_sub.add_parser("check", help="validate the configuration in use")
    check.set_defaults(handler=cmd_config_check)
    for action in (init, check):
        _workspace_option(action, argparse.SUPPRESS)
    return parser


def _version() -> str:
    """The installed package's version (pyproject.toml's, through the package metadata)."""
    from importlib.metadata import PackageNotFoundError, version

    try:
        return version("workshop-kit")
    except PackageNotFoundError:  # run from a source folder that was never installed
        return "(version unknown: not installed; run ./kit setup)"


def _workspace_option(parser: argparse.ArgumentParser, default: str | None) -> None:
    """``--workspace`` before the command or after it (``workshop-kit list --workspace W``).
    A command's own copy has no default (SUPPRESS), so it never undoes one given before it."""
    parser.add_argument(
        "--workspace",
        default=default,
        metavar="FOLDER",
        help=f"folder holding the team workbooks (default: ${paths.WORKSPACE_ENV} or ./workspace)",
    )


class _Stdout:
    """Standard output whose reader may leave early (``workshop-kit list | head -1``). What is
    written after that is dropped quietly, as Unix tools do, and the command still finishes its
    work (every team of a ``new-team`` is created) and exits with its own code."""

    def __init__(self, stream: TextIO) -> None:
        self._stream = stream
        self.reader_gone = False

    def write(self, text: str) -> int:
        if not self.reader_gone:
            try:
                self._stream.write(text)
            except BrokenPipeError:
                self._drop_the_rest()
        return len(text)

    def flush(self) -> None:
        if not self.reader_gone:
            try:
                self._stream.flush()
            except BrokenPipeError:
                self._drop_the_rest()

    def _drop_the_rest(self) -> None:
        self.reader_gone = True
        # Python flushes the stream once more on exit: send what is left in its buffer nowhere,
        # or that flush would print "Exception ignored ... BrokenPipeError" and exit 120.
        with contextlib.suppress(OSError, ValueError):  # a stream with no file behind it
            devnull = os.open(os.devnull, os.O_WRONLY)
            try:
                os.dup2(devnull, self._stream.fileno())
            finally:
                os.close(devnull)

    def __getattr__(self, name: str) -> Any:
        return getattr(self._stream, name)


def main(argv: Sequence[str] | None = None) -> int:
    out = _Stdout(sys.stdout)
    with contextlib.redirect_stdout(cast(TextIO, out)):
        try:
            return _run(argv)
        finally:
            out.flush()


def _run(argv: Sequence[str] | None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return int(args.handler(args))
    except (UnsafeTeamNameError, TeamNotFoundError, UnknownNameError, RefusedError) as exc:
        print(exc.message, file=sys.stderr)
        return 2
    except WorkshopError as exc:
        print(exc.message, file=sys.stderr)
        return 1
    except OSError as exc:  # writing outside the workspace (an export's --out folder)
        from workshop_kit.store import plain_os_error

        name = Path(exc.filename).name if isinstance(exc.filename, str) else ""
        print(
            f"Could not write {f'‘{name}’' if name else 'a file'}: {plain_os_error(exc)}. "
            "Nothing in the workbook was changed.",
            file=sys.stderr,
        )
        return 1


if __name__ == "__main__":
    sys.exit(main())
