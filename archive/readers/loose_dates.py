"""Dates as people type them into spreadsheets, turned into the archive's YYYY[-MM[-DD]].

Case records say "12 April 1974", "May 2017", "Mar-17" (a spreadsheet's month-year),
"Early 2016" or "June-July 2017". Each is kept at the precision it states: "Early 2016"
is 2016 and "June-July 2017" is 2017, the finest period holding both ends. What cannot
be made a date without guessing ("After 2015", "2016-2017", "03/04/2017", where day and
month could be either) is dropped with a reason, since a wrong date in a citation is
worse than none. Pure functions of the text and today's date.
"""

from __future__ import annotations

import re
from datetime import date

from archive.metadata_values import check_date

_MONTHS = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_MONTH = r"([a-z]+)\.?"
UNKNOWN_VALUES = frozenset({"unknown", "unclear", "n/a", "na", "none", "null", "-", "?", "not known", "unk"})
# Words that place a date within its year or month without changing its precision.
_VAGUE = re.compile(
    r"^(?:early|late|end|end of|mid|middle of|beginning|beginning of|start of|around|circa|c\.|ca\.)[\s-]+"
)
_FORMS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"^(\d{1,2})(?:st|nd|rd|th)?\s+" + _MONTH + r",?\s+(\d{4})$"), "dmy"),  # 12 April 1974
    (re.compile(r"^" + _MONTH + r"\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})$"), "mdy"),  # April 12, 1974
    (re.compile(r"^(\d{1,2})-" + _MONTH + r"-(\d{4})$"), "dmy"),  # 12-Apr-1974
    (re.compile(r"^" + _MONTH + r",?\s+(\d{4})$"), "my"),  # April 1974
    (re.compile(r"^" + _MONTH + r"-(\d{2})$"), "my2"),  # Mar-17, a spreadsheet's month-year
)
_NUMERIC = re.compile(r"^(\d{1,2})[/.](\d{1,2})[/.](\d{4})$")
_RANGE = re.compile(r"^(.+?)\s*(?:-|–|/|\bto\b)\s*(.+)$")


def loose_date(text: str, today: date) -> tuple[str, str]:
    """(date, "") when the text is a date at some precision, else ("", why it was dropped).

    Empty and "Unknown"-like values are ("", ""): nothing was said, so nothing is lost.
    """
    said = " ".join(text.split())
    lowered = said.lower()
    if not lowered or lowered in UNKNOWN_VALUES:
        return "", ""
    value = _one(lowered, today) or _range(lowered, today)
    if value:
        return value, ""
    return "", f"{said!r} is not a date that can be placed without guessing, or is in the future"


def _one(text: str, today: date, year: str = "") -> str:
    """One date (not a range), or ""; `year` completes a start such as "June" in "June-July 2017"."""
    text = _VAGUE.sub("", text)
    if year and text in _MONTHS:
        text = f"{text} {year}"
    try:
        return check_date(text.upper(), today)  # a timestamp's T and Z in capitals
    except ValueError:
        pass
    if match := _NUMERIC.match(text):
        first, second, yyyy = (int(g) for g in match.groups())
        if first > 12 >= second:
            return _checked(yyyy, second, first, today)
        if second > 12 >= first:
            return _checked(yyyy, first, second, today)
        return ""  # 03/04/2017: 3 April or March 4 - not guessed
    for pattern, order in _FORMS:
        if match := pattern.match(text):
            groups = match.groups()
            if order == "dmy":
                return _checked(int(groups[2]), _MONTHS.get(groups[1], 0), int(groups[0]), today)
            if order == "mdy":
                return _checked(int(groups[2]), _MONTHS.get(groups[0], 0), int(groups[1]), today)
            if order == "my":
                return _checked(int(groups[1]), _MONTHS.get(groups[0], 0), None, today)
            two = int(groups[1])
            century = 2000 if 2000 + two <= today.year else 1900
            return _checked(century + two, _MONTHS.get(groups[0], 0), None, today)
    return ""


def _range(text: str, today: date) -> str:
    """ "June-July 2017" -> "2017": the finest period that holds both ends, or "" if none."""
    match = _RANGE.match(text)
    if not match:
        return ""
    end = _one(match.group(2), today)
    start = _one(match.group(1), today, year=end[:4]) if end else ""
    if not start:
        return ""
    if start[:7] == end[:7] and len(start) >= 7 and len(end) >= 7:
        return start[:7]
    return start[:4] if start[:4] == end[:4] else ""


def _checked(year: int, month: int, day: int | None, today: date) -> str:
    if not month:
        return ""
    text = f"{year:04d}-{month:02d}" + (f"-{day:02d}" if day is not None else "")
    try:
        return check_date(text, today)
    except ValueError:
        return ""
