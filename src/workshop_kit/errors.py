"""Errors a team or facilitator may cause, each carrying a plain-language message.

Every error the kit raises on purpose derives from :class:`WorkshopError`; activity panels show its
``message`` next to the field and never a traceback.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from workshop_kit.model.base import Document


class WorkshopError(Exception):
    """An error whose text is written for an educator, not a programmer."""

    def __init__(self, message: str, *, field: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.field = field


class InputError(WorkshopError):
    """A value typed or uploaded by a team was not acceptable; nothing was changed."""


class UnsafeTeamNameError(WorkshopError):
    """A team name that could escape the workspace or cannot be a folder name."""


class TeamNotFoundError(WorkshopError):
    """No team workbook has this name."""


class UnknownNameError(WorkshopError):
    """A request names a team file or a kept version that does not exist; nothing was changed."""


class RefusedError(WorkshopError):
    """A request the kit will not carry out as asked (a damaged or unsafe backup archive, a
    folder that is there already); nothing was changed."""


class StaleSaveError(WorkshopError):
    """Someone saved this part of the workbook after it was opened here."""


class ConflictError(StaleSaveError):
    """Another device changed the same item as this save did; nothing was written.

    ``current`` is the version now saved (a :class:`workshop_kit.store.Version`): a save made
    again with it as its base lays this device's change over the other one. ``versions`` are
    the documents (base, mine, theirs) the member chooses between, when the store has them."""

    def __init__(
        self,
        message: str,
        *,
        current: object,
        places: list[str],
        versions: tuple[Document, Document, Document] | None = None,
    ) -> None:
        super().__init__(message)
        self.current = current
        self.places = places
        self.versions = versions


class DamagedFileError(WorkshopError):
    """A team file cannot be read or does not validate; the last good version may be restored."""

    def __init__(self, message: str, *, path: str, last_good_revision: int | None) -> None:
        super().__init__(message)
        self.path = path
        self.last_good_revision = last_good_revision


class ConfigError(WorkshopError):
    """A facilitator configuration file does not validate."""
