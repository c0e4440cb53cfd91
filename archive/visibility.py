"""Who may see what: the one place that decides, for pages, the API, the index and exports.

An article and each of its versions is public or restricted. What a viewer may see is
decided here and nowhere else — in Python for records, and as an SQL condition for the
store — so that a future reviewer role (signed in, allowed to read restricted testimony,
every access logged) is a new Viewer, not a hunt through six modules.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum


class Visibility(str, Enum):
    PUBLIC = "public"
    RESTRICTED = "restricted"

    def __str__(self) -> str:
        return self.value


@dataclass(frozen=True)
class Viewer:
    """Whoever is looking: today the public, or the archivist exporting a private backup."""

    name: str
    reads_restricted: bool = False

    def sees(self, visibility: str) -> bool:
        """Whether this viewer may see something with this visibility."""
        return self.reads_restricted or visibility == Visibility.PUBLIC

    def sees_version(self, article_visibility: str, version_visibility: str) -> bool:
        """A version is seen only while its article is seen and it was visible itself.

        Restricting an article hides its whole history; a version restricted when it was
        ingested (before a witness's name was redacted, say) stays hidden after a later
        version is made public.
        """
        return self.sees(article_visibility) and self.sees(version_visibility)

    def sql(self, article: str = "a", version: str | None = "v") -> tuple[str, tuple[str, ...]]:
        """The same rule as an SQL condition with its parameters, for the store's queries."""
        if self.reads_restricted:
            return "1", ()
        columns = [f"{article}.visibility = ?"] + ([f"{version}.visibility = ?"] if version else [])
        return " AND ".join(columns), (Visibility.PUBLIC.value,) * len(columns)


PUBLIC = Viewer("public")
ARCHIVIST = Viewer("archivist", reads_restricted=True)
