"""The hub's passwords (workshop_kit.hub_passwords and the account files ``workshop-kit hub``
writes): argon2id hashes, old hashes still accepted, no password kept in plain text, the cards
printed once, a reset for one account, and the strength the docs state."""

from __future__ import annotations

import hashlib
import json
import math
import re
import stat
from pathlib import Path

import pytest

from workshop_kit import hub, hub_passwords
from workshop_kit.cli import main
from workshop_kit.errors import WorkshopError

DOCS = Path(__file__).resolve().parents[1] / "docs" / "server.md"


def settings(tmp_path: Path) -> hub.HubSettings:
    return hub.HubSettings(hub_dir=tmp_path / "hub", workspace=tmp_path / "ws")


def legacy_hash(password: str, salt: bytes = b"0123456789abcdef", rounds: int = 1000) -> str:
    """A hash as versions before argon2 wrote it (made here, not by the kit)."""
    digest = hashlib.pbkdf2_hmac("sha256", password.encode(), salt, rounds)
    return f"pbkdf2_sha256${rounds}${salt.hex()}${digest.hex()}"


def files_holding(folder: Path, secrets: list[str]) -> dict[str, list[str]]:
    """``{file: [secrets found in it]}`` for every file below ``folder`` (bytes, any name)."""
    found = {}
    for path in sorted(p for p in folder.rglob("*") if p.is_file()):
        data = path.read_bytes()
        hits = [s for s in secrets if s.encode() in data]
        if hits:
            found[path.name] = hits
    return found


class TestHashes:
    def test_argon2id_verifies_only_the_right_password(self) -> None:
        stored = hub_passwords.hash_password("k7qm-3xwp-ta9e-r4hn")
        assert stored.startswith("$argon2id$")
        assert hub_passwords.verify_password("k7qm-3xwp-ta9e-r4hn", stored)
        assert not hub_passwords.verify_password("k7qm-3xwp-ta9e-r4hm", stored)
        assert not hub_passwords.verify_password("k7qm-3xwp-ta9e-r4hn", "garbage")
        assert not hub_passwords.verify_password("k7qm-3xwp-ta9e-r4hn", "$argon2id$garbage")
        assert "k7qm" not in stored
        assert hub_passwords.hash_password("k7qm-3xwp-ta9e-r4hn") != stored  # salted
        assert not hub_passwords.needs_rehash(stored)

    def test_an_earlier_versions_hash_still_verifies_and_asks_for_a_rehash(self) -> None:
        old = legacy_hash("ab23-cd45-ef67")
        assert hub_passwords.verify_password("ab23-cd45-ef67", old)
        assert not hub_passwords.verify_password("ab23-cd45-ef68", old)
        assert not hub_passwords.verify_password("ab23-cd45-ef67", "md5$1$00$00")
        assert hub_passwords.needs_rehash(old)

    def test_argon2_with_weaker_parameters_asks_for_a_rehash(self) -> None:
        from argon2 import PasswordHasher

        weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("x")
        assert hub_passwords.verify_password("x", weak)
        assert hub_passwords.needs_rehash(weak)


class TestStrength:
    def test_the_codes_are_as_strong_as_the_docs_say(self) -> None:
        """Counted from a generated code itself: every character an independent choice among
        the alphabet's, so the entropy is log2(alphabet ** characters)."""
        code = hub_passwords.new_password()
        characters = code.replace("-", "")
        alphabet = set(hub_passwords.CODE_ALPHABET)
        assert len(alphabet) == len(hub_passwords.CODE_ALPHABET)  # no letter counted twice
        bits = math.log2(len(alphabet) ** len(characters))
        assert bits == pytest.approx(hub_passwords.password_bits())
        assert bits >= hub_passwords.PASSWORD_BITS >= 64
        stated = re.findall(r"(\d+) bits", DOCS.read_text(encoding="utf-8"))
        assert stated and all(int(n) == hub_passwords.PASSWORD_BITS for n in stated), stated

    def test_the_codes_are_easy_to_read_out(self) -> None:
        codes = [hub_passwords.new_password() for _ in range(200)]
        assert all(re.fullmatch(r"[a-z2-9]{4}(-[a-z2-9]{4}){3}", code) for code in codes)
        assert not set("01ilo") & set("".join(codes))
        assert len(set(codes)) == len(codes)


class TestAtRest:
    def test_only_the_cards_hold_a_password_and_only_once(self, tmp_path: Path) -> None:
        """The first run writes the cards; once they are deleted, no file in the hub folder
        holds any password, and a re-run (which makes none) writes no cards."""
        s = settings(tmp_path)
        first = hub.prepare(s, ["Oak ILT", "Elm ILT"], unix=False)
        passwords = [a.password for a in first if a.password]
        assert len(passwords) == 3
        holding = files_holding(s.hub_dir, passwords)
        assert set(holding) == set(hub.CARD_FILES)
        assert all(sorted(hits) == sorted(passwords) for hits in holding.values())
        for card in hub.card_files(s.hub_dir):
            assert stat.S_IMODE(card.stat().st_mode) == 0o600
            card.unlink()
        assert files_holding(s.hub_dir, passwords) == {}
        again = hub.prepare(s, None, unix=False)
        assert all(a.password is None for a in again)
        assert hub.card_files(s.hub_dir) == []
        assert files_holding(s.hub_dir, passwords) == {}
        assert stat.S_IMODE((s.hub_dir / hub.PASSWORDS_FILE).stat().st_mode) == 0o600

    def test_a_restart_keeps_every_password_without_the_cards(self, tmp_path: Path) -> None:
        s = settings(tmp_path)
        first = hub.prepare(s, ["Oak ILT", "Elm ILT"], unix=False)
        hashes = hub_passwords.load_password_hashes(s.hub_dir)
        for card in hub.card_files(s.hub_dir):
            card.unlink()
        for names in (None, ["Oak ILT", "Elm ILT"]):  # with and without the cohort list
            again = hub.prepare(s, names, unix=False)
            assert [a.username for a in again] == [a.username for a in first]
            assert hub_passwords.load_password_hashes(s.hub_dir) == hashes
            for a in first:
                assert a.password
                assert hub_passwords.verify_password(a.password, hashes[a.username])
        stored = hub_passwords.read_accounts(s.hub_dir)
        assert [(a.team, a.folder, a.admin) for a in stored.values()] == [
            ("Oak ILT", "oak-ilt", False),
            ("Elm ILT", "elm-ilt", False),
            ("", "", True),
        ]

    def test_a_new_team_gets_a_card_of_its_own_only(self, tmp_path: Path) -> None:
        s = settings(tmp_path)
        first = hub.prepare(s, ["Oak ILT"], unix=False)
        hashes = hub_passwords.load_password_hashes(s.hub_dir)
        again = hub.prepare(s, ["Oak ILT", "Pine ILT"], unix=False)
        pine = next(a for a in again if a.team == "Pine ILT")
        assert [a.username for a in again if a.password] == [pine.username]
        cards = (s.hub_dir / hub.ACCOUNTS_CSV).read_text(encoding="utf-8")
        assert pine.password and pine.password in cards and "Pine ILT" in cards
        assert "Oak ILT" not in cards and "facilitator" not in cards
        assert pine.password in (s.hub_dir / hub.ACCOUNTS_HTML).read_text(encoding="utf-8")
        assert files_holding(s.hub_dir, [a.password for a in first if a.password]) == {}
        now = hub_passwords.load_password_hashes(s.hub_dir)
        assert {u: h for u, h in now.items() if u in hashes} == hashes

    def test_an_earlier_versions_files_keep_their_passwords(self, tmp_path: Path) -> None:
        """passwords.json of version 1 (hashes only) and the plain-text accounts.csv beside it:
        the csv is never read; given the cohort list once, the accounts keep their hashes."""
        folder = tmp_path / "hub"
        folder.mkdir()
        old = {"team-oak-ilt": legacy_hash("oak-pass"), "facilitator": legacy_hash("fac-pass")}
        v1 = {"schema_version": 1, "accounts": old}
        (folder / hub.PASSWORDS_FILE).write_text(json.dumps(v1), encoding="utf-8")
        plain = "team,folder,account,password,role\nOak ILT,oak-ilt,team-oak-ilt,oak-pass,team\n"
        (folder / hub.ACCOUNTS_CSV).write_text(plain, encoding="utf-8")
        with pytest.raises(WorkshopError, match="--from-file"):
            hub.prepare(settings(tmp_path), None, unix=False)
        accounts = hub.prepare(settings(tmp_path), ["Oak ILT"], unix=False)
        assert all(a.password is None for a in accounts)
        assert hub_passwords.load_password_hashes(folder) == old
        assert (folder / hub.ACCOUNTS_CSV).read_text(encoding="utf-8") == plain  # untouched
        data = json.loads((folder / hub.PASSWORDS_FILE).read_text(encoding="utf-8"))
        assert data["schema_version"] == 2
        assert data["accounts"]["team-oak-ilt"]["team"] == "Oak ILT"
        assert data["accounts"]["facilitator"]["role"] == "admin"

    def test_the_command_says_to_delete_the_cards(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        cohort = tmp_path / "cohort.txt"
        cohort.write_text("Oak ILT\n", encoding="utf-8")
        hub_cmd = ["--workspace", str(tmp_path / "ws"), "hub", "--config-only"]
        assert main([*hub_cmd, "--from-file", str(cohort)]) == 0
        out = capsys.readouterr().out
        cards = [str(tmp_path / "hub" / name) for name in hub.CARD_FILES]
        assert "New passwords for 2 accounts" in out and f"rm {' '.join(cards)}" in out
        assert main(hub_cmd) == 0  # the cards not deleted yet: said again
        out = capsys.readouterr().out
        assert "No new passwords" in out and "still in the hub folder" in out
        for card in cards:
            Path(card).unlink()
        assert main(hub_cmd) == 0
        out = capsys.readouterr().out
        assert "No new passwords" in out and "still" not in out

    def test_a_damaged_passwords_file_is_not_taken_for_no_accounts(self, tmp_path: Path) -> None:
        """Else a re-run would quietly give every account a new password."""
        (tmp_path / "hub").mkdir()
        (tmp_path / "hub" / hub.PASSWORDS_FILE).write_text("{not json", encoding="utf-8")
        with pytest.raises(WorkshopError, match="damaged"):
            hub.prepare(settings(tmp_path), ["Oak ILT"], unix=False)
        assert hub_passwords.load_password_hashes(tmp_path / "hub") == {}  # the hub: nobody


class TestReset:
    def test_a_reset_changes_that_accounts_hash_only(
        self, tmp_path: Path, capsys: pytest.CaptureFixture[str]
    ) -> None:
        s = settings(tmp_path)
        first = {a.username: a for a in hub.prepare(s, ["Oak ILT", "Elm ILT"], unix=False)}
        for card in hub.card_files(s.hub_dir):
            card.unlink()
        before = json.loads((s.hub_dir / hub.PASSWORDS_FILE).read_text(encoding="utf-8"))
        argv = ["--workspace", str(tmp_path / "ws"), "hub-password", "  oak   ilt "]
        assert main(argv) == 0
        out = capsys.readouterr().out
        new = re.search(r"Password: (\S+)", out)
        assert new and "team-oak-ilt" in out and "Oak ILT" in out
        after = json.loads((s.hub_dir / hub.PASSWORDS_FILE).read_text(encoding="utf-8"))
        changed = [u for u in before["accounts"] if before["accounts"][u] != after["accounts"][u]]
        assert changed == ["team-oak-ilt"]
        assert after["accounts"].keys() == before["accounts"].keys()
        oak = after["accounts"]["team-oak-ilt"]
        assert {k: v for k, v in oak.items() if k != "hash"} == {
            k: v for k, v in before["accounts"]["team-oak-ilt"].items() if k != "hash"
        }
        assert hub_passwords.verify_password(new.group(1), oak["hash"])
        old = first["team-oak-ilt"].password
        assert old and not hub_passwords.verify_password(old, oak["hash"])
        assert files_holding(s.hub_dir, [new.group(1)]) == {}  # printed, never written
        assert hub.card_files(s.hub_dir) == []
        assert stat.S_IMODE((s.hub_dir / hub.PASSWORDS_FILE).stat().st_mode) == 0o600

    @pytest.mark.parametrize("who", ["facilitator", "team-elm-ilt", "elm-ilt"])
    def test_an_account_is_found_by_any_of_its_names(self, tmp_path: Path, who: str) -> None:
        s = settings(tmp_path)
        hub.prepare(s, ["Oak ILT", "Elm ILT"], unix=False)
        before = hub_passwords.load_password_hashes(s.hub_dir)
        account, password = hub_passwords.reset_password(s.hub_dir, who)
        after = hub_passwords.load_password_hashes(s.hub_dir)
        assert [u for u in before if before[u] != after[u]] == [account.username]
        assert who in (account.username, account.folder)
        assert hub_passwords.verify_password(password, after[account.username])

    def test_an_unknown_team_or_no_hub_is_explained(self, tmp_path: Path) -> None:
        with pytest.raises(WorkshopError, match="no accounts"):
            hub_passwords.reset_password(tmp_path / "hub", "Oak ILT")
        hub.prepare(settings(tmp_path), ["Oak ILT"], unix=False)
        before = (tmp_path / "hub" / hub.PASSWORDS_FILE).read_bytes()
        with pytest.raises(WorkshopError, match=r"No account for ‘Pine ILT’.*Oak ILT"):
            hub_passwords.reset_password(tmp_path / "hub", "Pine ILT")
        assert (tmp_path / "hub" / hub.PASSWORDS_FILE).read_bytes() == before

    def test_a_rehash_never_undoes_a_reset(self, tmp_path: Path) -> None:
        """The hub replaces an old hash only if it is still the one it checked."""
        s = settings(tmp_path)
        hub.prepare(s, ["Oak ILT"], unix=False)
        checked = hub_passwords.load_password_hashes(s.hub_dir)["team-oak-ilt"]
        hub_passwords.reset_password(s.hub_dir, "Oak ILT")
        reset = hub_passwords.load_password_hashes(s.hub_dir)["team-oak-ilt"]
        assert not hub_passwords.replace_hash(s.hub_dir, "team-oak-ilt", checked, "$argon2id$x")
        assert hub_passwords.load_password_hashes(s.hub_dir)["team-oak-ilt"] == reset
        assert hub_passwords.replace_hash(s.hub_dir, "team-oak-ilt", reset, "$argon2id$y")
        assert hub_passwords.load_password_hashes(s.hub_dir)["team-oak-ilt"] == "$argon2id$y"
