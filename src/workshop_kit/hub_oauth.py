"""The hub's sign-in with district accounts: OAuthenticator's Google and Microsoft Entra ID
authenticators, each district account mapped to its team's hub account (issue 27).

``workshop-kit hub --sign-in <file>`` checks the district's file against the cohort
(:mod:`workshop_kit.district_sign_in`) and keeps the result in the hub folder
(``district-sign-in.json``, mode 0600); the generated ``jupyterhub_config.py`` picks the class
below and names that file. The provider proves who signed in (and, through ``hosted_domain`` or
``tenant_id``, that the account is the district's); this file says which team that person works
in. The hub's ``allowed_users`` holds the team accounts and the facilitator, so an account the
file does not list is refused by OAuthenticator's own check. Needs the ``hub`` extra.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from oauthenticator.azuread import AzureAdOAuthenticator  # type: ignore[import-untyped]
from oauthenticator.google import GoogleOAuthenticator  # type: ignore[import-untyped]
from traitlets import Unicode
from traitlets.config import LoggingConfigurable

from workshop_kit.district_sign_in import district_account

#: the claims that carry the address an account signs in with, in the order they are tried
ADDRESS_CLAIMS = ("email", "preferred_username", "upn")


def address_of(user_info: dict[str, Any]) -> str:
    """The district account in what the provider said of the person ("" when it said none)."""
    for claim in ADDRESS_CLAIMS:
        value = user_info.get(claim)
        if isinstance(value, str) and "@" in value:
            return district_account(value)
    return ""


class DistrictAccounts(LoggingConfigurable):
    """The part both authenticators share: the hub account of a district account."""

    district_sign_in_file = Unicode(
        help="district-sign-in.json written by workshop-kit hub --sign-in"
    ).tag(config=True)

    def user_info_to_username(self, user_info: dict[str, Any]) -> str:
        """The team's hub account (or the facilitator's) of the account that signed in. The
        file is read at every sign-in, so a re-run of ``workshop-kit hub`` applies at once. An
        account the file does not list keeps its own address as its name: no hub account has
        one, so the hub's list of allowed accounts refuses it."""
        # the provider's own derivation first: it checks the claims and notes what its own
        # check of the account reads later (Google: the account's domain)
        super().user_info_to_username(user_info)  # type: ignore[misc]
        address = address_of(user_info)
        if not address:
            raise ValueError("The provider gave no e-mail address for this account.")
        kept = json.loads(Path(self.district_sign_in_file).read_text(encoding="utf-8"))
        hub_account: str | None = kept["accounts"].get(address)
        if hub_account is None:
            self.log.warning("Sign-in refused for %s: not in the district sign-in file", address)
            return address
        return hub_account


class KitGoogleAuthenticator(DistrictAccounts, GoogleOAuthenticator):  # type: ignore[misc]
    """Google Workspace accounts of the district's domain, each to its team."""


class KitEntraAuthenticator(DistrictAccounts, AzureAdOAuthenticator):  # type: ignore[misc]
    """Microsoft Entra ID accounts of the district's tenant, each to its team."""
