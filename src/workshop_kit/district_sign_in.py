"""Sign-in the district already has (issue 27): which district account opens which team.

On the hub, teams may sign in with their district accounts (Google Workspace or Microsoft Entra
ID) instead of the kit's passwords. The district's IT person writes one file, read here::

    schema_version: 1
    provider: google                # or: entra
    domain: district.example.org    # google: the district's Workspace domain
    # tenant: 0000-...              # entra: the district's tenant (directory) id
    accounts:
      ana.ruiz@district.example.org: Lincoln Elementary ILT
      marcus.lee@district.example.org: Lincoln Elementary ILT
      pat.doe@district.example.org: facilitator

Each line gives a district account (its e-mail address, any case) the team it works in, by the
team's name in the cohort list, or ``facilitator``. Several accounts share a team: they are the
team's members. An account not on the list is refused at sign-in. No secret is in this file: the
provider's client id and secret stay in the hub's environment (docs/server.md).

Pure: no JupyterHub here (``hub_oauth.py`` is the authenticator that reads the result).
"""

from __future__ import annotations

from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from workshop_kit.errors import WorkshopError
from workshop_kit.validation import YamlProblem, validate_yaml

#: the word that gives an account the facilitator's role
FACILITATOR_WORD = "facilitator"
MAX_ACCOUNTS = 5000  # a district of 200 schools, a team of 25 each, is 5,000


class DistrictSignIn(BaseModel):
    """The district sign-in file, as written."""

    model_config = ConfigDict(extra="forbid")

    schema_version: Literal[1]
    provider: Literal["google", "entra"]
    domain: str = Field(default="", max_length=253)
    tenant: str = Field(default="", max_length=100)
    accounts: dict[str, str] = Field(min_length=1, max_length=MAX_ACCOUNTS)


def read_sign_in(path: Path) -> DistrictSignIn:
    """The file at ``path``, checked: a problem names the file, the line and the field."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise WorkshopError(f"There is no file {path}: give the district sign-in file.") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise WorkshopError(f"Could not read {path}: {exc.__class__.__name__}.") from None
    try:
        sign_in = validate_yaml(DistrictSignIn, text, source=path.name)
    except YamlProblem as exc:
        raise WorkshopError(exc.message) from None
    if sign_in.provider == "google" and not sign_in.domain.strip():
        raise WorkshopError(
            f"{path.name}: provider google needs the district's domain "
            "(domain: district.example.org), so only its accounts may sign in."
        )
    if sign_in.provider == "entra" and not sign_in.tenant.strip():
        raise WorkshopError(
            f"{path.name}: provider entra needs the district's tenant id (tenant: ...), so only "
            "its accounts may sign in."
        )
    return sign_in


def district_account(text: str) -> str:
    """An account as it is compared: an e-mail address ignores case and outer spaces."""
    return text.strip().lower()


def hub_accounts(
    sign_in: DistrictSignIn, hub_account_of: dict[str, str], source: str
) -> dict[str, str]:
    """``{district account: hub account}``. ``hub_account_of`` maps each cohort team's name (as
    a person writes it, any case) to its hub account; ``facilitator`` is the facilitator's. A
    team not in the cohort, an address that is not one, or an account given twice is refused,
    naming it."""
    teams = {name.strip().casefold(): account for name, account in hub_account_of.items()}
    found: dict[str, str] = {}
    for written, team in sign_in.accounts.items():
        account = district_account(written)
        if "@" not in account.strip("@") or any(c.isspace() for c in account):
            raise WorkshopError(
                f"{source}: ‘{written[:80]}’ is not an e-mail address. Give each district "
                "account as the address its owner signs in with."
            )
        if account in found:
            raise WorkshopError(f"{source}: the account {account} is given twice; keep one line.")
        hub_account = teams.get(team.strip().casefold())
        if hub_account is None:
            raise WorkshopError(
                f"{source}: the account {account} is given the team ‘{team[:80]}’, which is not "
                "in the cohort list. Check the spelling against the list, or write facilitator."
            )
        found[account] = hub_account
    return found
