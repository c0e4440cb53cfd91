"""Metadata for a whole batch: what the person running `archive ingest` says about files
that do not say it themselves (`--source`, `--language`, `--tag`, `--date`, `--author`).

The values are checked once, before any file is read, by the same rules as a sidecar's
(metadata_values), so a typo in a flag stops the command instead of being stamped on a
thousand citations, and the message names the flag rather than a file.
"""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date

from archive.metadata_values import check_date, check_language, utc_today
from archive.normalize import collapse_spaces
from archive.records import Metadata


class BadBatchValue(ValueError):
    """A batch flag's value is wrong; `flag` is the option as typed (`--date`)."""

    def __init__(self, flag: str, problem: str):
        super().__init__(f"{flag} {problem}")
        self.flag = flag
        self.problem = problem


def batch_metadata(
    *,
    source: str = "",
    language: str = "",
    date_text: str = "",
    tags: Iterable[str] = (),
    authors: Iterable[str] = (),
    today: date | None = None,
) -> Metadata:
    """The batch's metadata, validated and in standard form; BadBatchValue names the flag."""
    checked_date = checked_language = ""
    if date_text.strip():
        try:
            checked_date = check_date(date_text.strip(), today or utc_today())
        except ValueError as exc:
            raise BadBatchValue("--date", str(exc)) from None
    if language.strip():
        try:
            checked_language = check_language(language.strip())
        except ValueError as exc:
            raise BadBatchValue("--language", str(exc)) from None
    return Metadata(
        source=collapse_spaces(source),
        date=checked_date,
        language=checked_language,
        tags=_distinct(tags),
        authors=_distinct(authors),
    )


def _distinct(values: Iterable[str]) -> tuple[str, ...]:
    """Each value once, in the order given; a value is never split at commas."""
    seen: dict[str, None] = {}
    for value in values:
        if cleaned := collapse_spaces(value):
            seen.setdefault(cleaned, None)
    return tuple(seen)
