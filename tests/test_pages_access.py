"""Join codes: each team's pages open with its own code (or the facilitator's), codes are made
with ``secrets``, kept in a private file of the workspace, and printed on cards
(workshop_kit.logic.join_codes, workshop_kit.pages.access)."""

from __future__ import annotations

import json
import stat
from pathlib import Path

import pytest

from workshop_kit.errors import WorkshopError
from workshop_kit.exports.join_cards import join_cards_html
from workshop_kit.logic.join_codes import (
    ALPHABET,
    JoinCodes,
    code_matches,
    codes_from_cookie,
    new_code,
    normalize,
)
from workshop_kit.pages.access import (
    Access,
    Needs,
    access_for,
    address_team,
    ensure_join_codes,
    page_needs,
    read_join_codes,
    served_for,
    write_join_cards,
)
from workshop_kit.store import JOIN_CARDS_FILE, JOIN_CODES_FILE, Workspace

CODES = JoinCodes("fac1-fac2-fac3", {"lincoln-ilt": "k7qm-3xwp", "oak-team": "abcd-efgh"})


class TestCodes:
    def test_a_new_code_is_two_groups_of_four_signs_nobody_misreads(self) -> None:
        codes = {new_code() for _ in range(200)}
        assert len(codes) == 200, "codes repeat"
        for code in codes:
            first, second = code.split("-")
            assert len(first) == len(second) == 4
            assert set(first + second) <= set(ALPHABET)
            assert not set(first + second) & set("01ilo")

    def test_case_spaces_and_dashes_do_not_matter(self) -> None:
        assert normalize(" K7QM 3xwp ") == "k7qm3xwp"
        assert code_matches("K7QM-3XWP", "k7qm-3xwp")
        assert code_matches("k7qm3xwp", "k7qm-3xwp")

    def test_a_wrong_or_empty_code_does_not_match(self) -> None:
        assert not code_matches("k7qm-3xwq", "k7qm-3xwp")
        assert not code_matches("", "k7qm-3xwp")
        assert not code_matches("", "")
        assert not code_matches("k7qm", "k7qm-3xwp")

    def test_a_code_names_its_team_and_only_its_team(self) -> None:
        assert CODES.team_of("k7qm-3xwp") == "lincoln-ilt"
        assert CODES.team_of("ABCD EFGH") == "oak-team"
        assert CODES.team_of("fac1-fac2-fac3") is None
        assert CODES.team_of("nope-nope") is None

    def test_a_team_opens_with_its_own_code_or_the_facilitators(self) -> None:
        assert CODES.opens(["k7qm-3xwp"], "lincoln-ilt")
        assert CODES.opens(["fac1fac2fac3"], "lincoln-ilt")
        assert not CODES.opens(["abcd-efgh"], "lincoln-ilt")
        assert not CODES.opens([], "lincoln-ilt")
        assert not CODES.opens(["k7qm-3xwp"], "a-team-without-a-code")

    def test_new_teams_get_codes_and_printed_codes_never_change(self) -> None:
        more = CODES.with_codes_for(["lincoln-ilt", "birch"], make=lambda: "new1-new2")
        assert more.teams == {**CODES.teams, "birch": "new1-new2"}
        assert more.facilitator == CODES.facilitator

    def test_the_saved_form_reads_back_and_a_damaged_one_is_named(self) -> None:
        assert JoinCodes.from_data(CODES.to_data()) == CODES
        with pytest.raises(ValueError, match="schema_version"):
            JoinCodes.from_data({"facilitator": "x"})
        with pytest.raises(ValueError, match="facilitator"):
            JoinCodes.from_data({"schema_version": 1, "facilitator": "ab", "teams": {}})
        with pytest.raises(ValueError, match="teams"):
            JoinCodes.from_data({"schema_version": 1, "facilitator": "fac1-fac2", "teams": [1]})

    def test_the_browsers_cookie_holds_up_to_eight_codes(self) -> None:
        assert codes_from_cookie("k7qm3xwp.ABCD-efgh..") == ["k7qm3xwp", "abcdefgh"]
        assert codes_from_cookie(None) == []
        assert len(codes_from_cookie(".".join(f"code{i}" for i in range(20)))) == 8


class TestWhoOpensWhat:
    def test_codes_held_give_their_teams_and_the_demo(self) -> None:
        access = access_for(CODES, ["k7qm3xwp", "wrong"])
        assert access == Access(False, frozenset({"lincoln-ilt"}))
        assert access.allowed_teams() == {"lincoln-ilt", "demo"}
        assert access_for(CODES, ["fac1-fac2-fac3"]).allowed_teams() is None

    def test_another_teams_address_needs_its_code(self) -> None:
        lincoln = access_for(CODES, ["k7qm-3xwp"])
        assert page_needs("day1", "?team=lincoln-ilt", lincoln) is Needs.NOTHING
        assert page_needs("day1", "?team=oak-team", lincoln) is Needs.TEAM_CODE
        assert page_needs("day1", "?team=Oak%20Team", lincoln) is Needs.TEAM_CODE
        nobody = access_for(CODES, [])
        assert page_needs("", "?team=lincoln-ilt", nobody) is Needs.TEAM_CODE

    def test_the_demo_and_pages_without_a_team_are_open(self) -> None:
        nobody = access_for(CODES, [])
        assert page_needs("day1", "?team=demo", nobody) is Needs.NOTHING
        assert page_needs("day1", "", nobody) is Needs.NOTHING
        # an unsafe name opens nothing, and the page says so as it always has
        assert address_team("?team=..%2F..%2Fetc") == ""
        assert page_needs("day1", "?team=..%2F..%2Fetc", nobody) is Needs.NOTHING

    def test_the_facilitators_pages_need_the_facilitators_code(self) -> None:
        lincoln = access_for(CODES, ["k7qm-3xwp"])
        facilitator = access_for(CODES, ["FAC1 FAC2 FAC3"])
        for address in ("guide", "overview"):
            assert page_needs(address, "", lincoln) is Needs.FACILITATOR_CODE
            assert page_needs(address, "", facilitator) is Needs.NOTHING
        assert page_needs("day2", "?team=oak-team", facilitator) is Needs.NOTHING


class TestKeptInTheWorkspace:
    def test_codes_are_made_once_for_every_team_but_the_demo(self, tmp_path: Path) -> None:
        ws = Workspace(tmp_path)
        ws.ensure_demo()
        ws.create_team("Lincoln ILT")
        assert read_join_codes(ws) is None
        codes = ensure_join_codes(ws)
        assert set(codes.teams) == {"lincoln-ilt"}
        mode = stat.S_IMODE((tmp_path / JOIN_CODES_FILE).stat().st_mode)
        assert mode == 0o600, oct(mode)
        ws.create_team("Oak Team")
        again = ensure_join_codes(ws)
        assert again.teams["lincoln-ilt"] == codes.teams["lincoln-ilt"]
        assert again.facilitator == codes.facilitator and "oak-team" in again.teams
        assert read_join_codes(ws) == again
        assert ".join-codes.json" not in ws.team_slugs()

    def test_a_damaged_file_is_named_not_replaced(self, tmp_path: Path) -> None:
        (tmp_path / JOIN_CODES_FILE).write_text("{not json", encoding="utf-8")
        with pytest.raises(WorkshopError, match="damaged"):
            ensure_join_codes(Workspace(tmp_path))
        (tmp_path / JOIN_CODES_FILE).write_text(json.dumps({"x": 1}), encoding="utf-8")
        with pytest.raises(WorkshopError, match="damaged"):
            read_join_codes(Workspace(tmp_path))
        assert (tmp_path / JOIN_CODES_FILE).read_text(encoding="utf-8") == '{"x": 1}'

    def test_the_cards_name_each_team_with_its_code(self, tmp_path: Path) -> None:
        ws = Workspace(tmp_path)
        ws.create_team("Lincoln <ILT>")
        path = write_join_cards(ws, "http://10.0.0.5:8877/")
        assert path == tmp_path / JOIN_CARDS_FILE
        assert stat.S_IMODE(path.stat().st_mode) == 0o600
        html = path.read_text(encoding="utf-8")
        codes = ensure_join_codes(ws)
        [(slug, code)] = codes.teams.items()
        assert "Lincoln &lt;ILT&gt;" in html and "<ILT>" not in html
        assert code in html and codes.facilitator in html
        assert f"http://10.0.0.5:8877/?team={slug}" in html

    def test_the_cards_html_escapes_names(self) -> None:
        html = join_cards_html(CODES, {"lincoln-ilt": "<script>x</script>"}, "http://h")
        assert "<script>x" not in html and "&lt;script&gt;" in html


class TestCommand:
    def test_join_codes_writes_the_cards_and_keeps_the_codes(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        from workshop_kit.cli import main

        Workspace(tmp_path).create_team("Lincoln ILT")
        assert main(["--workspace", str(tmp_path), "join-codes", "--url", "http://h:1"]) == 0
        first = read_join_codes(Workspace(tmp_path))
        assert first is not None and set(first.teams) == {"lincoln-ilt"}
        assert str(tmp_path / JOIN_CARDS_FILE) in capsys.readouterr().out
        assert main(["--workspace", str(tmp_path), "join-codes"]) == 0
        assert read_join_codes(Workspace(tmp_path)) == first


class TestOnTheHub:
    """On the hub the login says who is there: a pages server started for one account opens
    that account's pages, whatever codes a browser holds."""

    def test_a_teams_server_opens_its_team_and_the_demo_only(self) -> None:
        access = served_for("team:lincoln-ilt")
        assert access == Access(False, frozenset({"lincoln-ilt"}))
        assert page_needs("day1", "team=lincoln-ilt", access) is Needs.NOTHING
        assert page_needs("day1", "team=demo", access) is Needs.NOTHING
        assert page_needs("day1", "team=oak-team", access) is Needs.TEAM_CODE
        assert page_needs("overview", "", access) is Needs.FACILITATOR_CODE
        assert access.allowed_teams() == {"lincoln-ilt", "demo"}

    def test_the_facilitators_server_opens_every_page(self) -> None:
        access = served_for("facilitator")
        assert access is not None and access.facilitator
        assert page_needs("overview", "", access) is Needs.NOTHING

    def test_off_the_hub_the_codes_decide(self) -> None:
        assert served_for("") is None

    @pytest.mark.parametrize(
        "value", ["team:", "team:../etc", "team:Oak ILT", "admin", "teams:oak"]
    )
    def test_a_value_it_cannot_read_opens_no_team(self, value: str) -> None:
        access = served_for(value)
        assert access == Access(False, frozenset())
