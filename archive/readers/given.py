"""What a container says about one of its articles, checked by the archive's own rules.

A feed item's date or a record's URL is what the container claims; a claim that fails
the same checks a sidecar's value must pass is left out with a note rather than
refusing the article (the article is still evidence; the wrong date is not).
"""

from __future__ import annotations

from archive.errors import Rejected
from archive.sidecar import metadata_from_mapping


def valid_value(field: str, value: str, notes: list[str], whose: str) -> str:
    """The value if a sidecar could give it, else "" and a note naming `whose` field it was."""
    if not value:
        return ""
    try:
        return getattr(metadata_from_mapping({field: value}), field)
    except Rejected as exc:
        notes.append(f"{whose} {field} was left out: {exc}")
        return ""


def valid_values(field: str, values: list[str], notes: list[str], whose: str) -> tuple[str, ...]:
    """A list field (authors, tags) cleaned the way a sidecar's would be: spaces folded, repeats dropped."""
    if not values:
        return ()
    try:
        return getattr(metadata_from_mapping({field: list(values)}), field)
    except Rejected as exc:
        notes.append(f"{whose} {field} were left out: {exc}")
        return ()


def primary_language(field_value: str) -> str:
    """The language's primary code, as the web-page reader stores it (`en-US` -> `en`)."""
    return field_value.split("-")[0]
