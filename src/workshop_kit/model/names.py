"""How the kit names things: the one id maker and the one rule for "the same name".

They sit at the bottom of the model because the model's own validators use them (a roster may
not hold the same person twice by :func:`name_key`), and forms and imports use the same ones.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Collection

ID_MAX = 60

#: characters that draw nothing yet make two names differ: the zero-width space, the word joiner,
#: the byte-order mark and the bidirectional marks, embeddings, overrides and isolates (the
#: zero-width joiner and non-joiner stay: scripts and emoji need them)
_INVISIBLE = re.compile("[\u200b\u2060\ufeff\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]")


def tidy(text: object) -> str:
    """Text as it is kept: runs of spaces, tabs and line breaks become one space."""
    return " ".join(str(text if text is not None else "").split())


def plain_name(text: str) -> str:
    """A name as it is kept and compared: NFKC (one way to write each letter), without
    invisible characters, and on one line (a line or paragraph separator is a space)."""
    return tidy(_INVISIBLE.sub("", unicodedata.normalize("NFKC", text)))


def name_key(text: object) -> str:
    """The one rule for "the same name": case, accents, spacing, dashes, underscores and
    brackets do not count ("Grade 3 Team", "grade-3  team" and "Grade 3 (team)" match)."""
    return _name_key(str(text if text is not None else ""))


@functools.lru_cache(maxsize=8192)
def _name_key(text: str) -> str:
    """Kept per text: a 300-resource inventory checks every name on every save."""
    plain = unicodedata.normalize("NFKD", _INVISIBLE.sub("", text))
    plain = "".join(c for c in plain if not unicodedata.combining(c))
    return " ".join(re.sub(r"[-_()]", " ", plain).split()).casefold()


def same_name(a: object, b: object) -> bool:
    return name_key(a) == name_key(b)


def new_id(text: str, taken: Collection[str] = (), fallback: str = "item") -> str:
    """The one way the kit makes an id from a name: ``"Writing rubric (K-5)"`` becomes
    ``"writing-rubric-k-5"``. Ids in ``taken`` are avoided by appending ``-2``, ``-3``, ..., so
    two items with similar names still get distinct ids; an id never changes once saved."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    base = re.sub(r"[^a-z0-9]+", "-", plain.casefold()).strip("-")[: ID_MAX - 4].strip("-")
    base = base or fallback
    candidate, n = base, 2
    while candidate in taken:
        candidate, n = f"{base}-{n}", n + 1
    return candidate
