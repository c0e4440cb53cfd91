"""Checks for the metadata values a citation depends on: dates and languages.

Pure functions of text (and of today's date, passed in), so the rules are tested as tables.
Each raises ValueError with the end of a sentence that starts "metadata field 'NAME' ...":
it says what is accepted and what is wrong with this value. A wrong date or language
stored once shows up in every citation and facet afterwards (a year facet with 0000 and
9999 in it), so a doubtful value is refused rather than guessed at.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, datetime, timezone

import langcodes

_DATE = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")
# A timestamp is cut to its date; the time and zone are checked only for their shape.
_DATETIME = re.compile(r"^(\d{4}-\d{2}-\d{2})[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?$")
_DATE_RULE = (
    "must be a real date written YYYY, YYYY-MM or YYYY-MM-DD (a date and time is cut to its date), "
    "not in the future"
)
_LANGUAGE_RULE = "must be a BCP 47 language tag whose language is an ISO 639 code, such as 'en', 'kk', 'ug', 'en-US' or 'zh-Hans'"
_ISO_639_SHAPE = re.compile(r"^[a-z]{2,3}$")


def utc_today() -> date:
    """Today's date in UTC: the one clock every ingest compares dates with."""
    return datetime.now(timezone.utc).date()


def check_date(text: str, today: date) -> str:
    """The date at the precision it was given (a datetime cut to its date), or ValueError.

    A year or month that has begun is not in the future: "2026" is fine all through 2026.
    """
    if timestamp := _DATETIME.match(text):
        text = timestamp.group(1)
    match = _DATE.match(text)
    if not match:
        raise ValueError(f"{_DATE_RULE}; {text!r} is not written that way")
    year, month, day = (int(part) if part else None for part in match.groups())
    if year == 0:
        raise ValueError(f"{_DATE_RULE}; {text!r} has year 0000, which no calendar has")
    if month is not None and not 1 <= month <= 12:
        raise ValueError(f"{_DATE_RULE}; {text!r} has month {month:02d}, but months run 01 to 12")
    if day is not None:
        days = calendar.monthrange(year, month)[1]
        if not 1 <= day <= days:
            raise ValueError(
                f"{_DATE_RULE}; {text!r} has day {day:02d}, but {year:04d}-{month:02d} has {days} days"
            )
    given = (year, month or 1, day or 1)
    if given > (today.year, today.month, today.day):
        raise ValueError(f"{_DATE_RULE}; {text!r} is in the future (today is {today.isoformat()}, UTC)")
    return text


def check_language(text: str) -> str:
    """The tag in its standard form (`EN-us` -> `en-US`, `kaz` -> `kk`), or ValueError.

    langcodes carries the IANA subtag registry, which lists every ISO 639 language code,
    so no hand-kept list goes stale. Codes that name no language are refused: `und`
    (undetermined: leave the field empty instead), `zxx` and the private-use `qaa`-`qtz`.
    """
    try:
        tag = langcodes.standardize_tag(text)
        language = langcodes.Language.get(tag)
    except ValueError:
        raise ValueError(f"{_LANGUAGE_RULE}; {text!r} is not written as a language tag") from None
    primary = language.language or ""  # langcodes gives no language for `und`
    if not primary:
        raise ValueError(f"{_LANGUAGE_RULE}; {text!r} names no language (leave the field empty when unknown)")
    if (
        not _ISO_639_SHAPE.match(primary)
        or primary == "zxx"
        or "qaa" <= primary <= "qtz"
        or not langcodes.Language.get(primary).is_valid()
    ):
        where = "" if primary == text else f" in {text!r}"
        raise ValueError(f"{_LANGUAGE_RULE}; {primary!r}{where} is not an ISO 639 language code")
    if not language.is_valid():
        raise ValueError(
            f"{_LANGUAGE_RULE}; {text!r} is not a valid tag: a part after {primary!r} is not a registered subtag"
        )
    return tag
