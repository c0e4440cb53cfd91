"""Dates as periods, so a search for a month finds the days inside it.

An archive date has a precision: "2019" is a whole year, "2019-10" a month, "2019-10-14"
a day. A period query asks which articles lie *inside* a period: `date:2019-10` finds
2019-10 and 2019-10-14 but not an article known only as "2019", whose day could be in
any month. Each article is indexed with the first and last day of its own period as
numbers (YYYYMMDD), and inside-ness is two numeric range tests.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from index.errors import QueryError

_PERIOD = re.compile(r"^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$")

HOW = "write date:YYYY, date:YYYY-MM or date:YYYY-MM-DD, or a range such as date:[2019-10 TO 2020-06]"


def period(text: str) -> tuple[date, date]:
    """The first and last day of a YYYY, YYYY-MM or YYYY-MM-DD period; QueryError if it is none."""
    match = _PERIOD.match(text.strip())
    if not match:
        raise QueryError(f"'{text}' is not a date: {HOW}.")
    year, month, day = (int(g) if g else None for g in match.groups())
    try:
        if month is None:
            return date(year, 1, 1), date(year, 12, 31)
        if day is None:
            return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])
        return date(year, month, day), date(year, month, day)
    except ValueError:
        raise QueryError(f"'{text}' is not a real calendar date: {HOW}.") from None


def as_number(day: date) -> int:
    return day.year * 10000 + day.month * 100 + day.day


def bounds(text: str) -> tuple[int, int] | None:
    """An article's period as (first, last) YYYYMMDD numbers, or None when undated or unreadable."""
    if not text:
        return None
    try:
        first, last = period(text)
    except QueryError:
        return None
    return as_number(first), as_number(last)


def range_bounds(
    start: str | None, end: str | None, start_excluded: bool = False, end_excluded: bool = False
) -> tuple[int | None, int | None]:
    """The days a range query covers; an excluded bound leaves out its whole period."""
    low = high = None
    if start:
        first, last = period(start)
        low = as_number(last + timedelta(days=1) if start_excluded else first)
    if end:
        first, last = period(end)
        high = as_number(first - timedelta(days=1) if end_excluded else last)
    if low is not None and high is not None and low > high:
        raise QueryError(f"The date range [{start} TO {end}] ends before it starts.")
    return low, high
