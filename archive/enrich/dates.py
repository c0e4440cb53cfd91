"""Dates mentioned in an article, with their precision, for a timeline of events.

A testimony says "I was taken on October 15" two paragraphs after "in 2018": the year of a
day written without one comes from the nearest earlier explicit year, else from the
article's own date, and the mention is left out when neither exists. Relative dates
("last week", "on Monday") are left out: a timeline must not guess. One combined regular
expression reads English, Russian, Kazakh and Chinese forms in a single pass.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

_EN = {
    "january": 1, "jan": 1, "february": 2, "feb": 2, "march": 3, "mar": 3, "april": 4, "apr": 4,
    "may": 5, "june": 6, "jun": 6, "july": 7, "jul": 7, "august": 8, "aug": 8, "september": 9,
    "sep": 9, "sept": 9, "october": 10, "oct": 10, "november": 11, "nov": 11, "december": 12, "dec": 12,
}  # fmt: skip
# Russian stems (января, январе, январь…) and Kazakh month names with any case ending.
_CYR = {
    "январ": 1, "феврал": 2, "март": 3, "апрел": 4, "ма": 5, "июн": 6, "июл": 7, "август": 8,
    "сентябр": 9, "октябр": 10, "ноябр": 11, "декабр": 12,
    "қаңтар": 1, "ақпан": 2, "наурыз": 3, "сәуір": 4, "мамыр": 5, "маусым": 6, "шілде": 7,
    "тамыз": 8, "қыркүйек": 9, "қазан": 10, "қараша": 11, "желтоқсан": 12,
}  # fmt: skip
_RU_ENDINGS = {"ма": "(?:я|е|й)", "март": "(?:а|е)?", "август": "(?:а|е)?"}

_MONTH = r"(?:January|February|March|April|May|June|July|August|September|October|November|December|(?:Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)\.?)"
_CYR_MONTH = "(?:" + "|".join(
    stem + _RU_ENDINGS.get(stem, r"[а-яәғқңөұүһі]*")
    for stem in sorted(_CYR, key=len, reverse=True)
) + ")"  # fmt: skip
_DAY = r"(?:[12]\d|3[01]|0?[1-9])"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_ORD = r"(?:st|nd|rd|th)?"
_PATTERN = re.compile(
    rf"""
    (?P<iso>\b(?P<iy>{_YEAR})-(?P<im>0[1-9]|1[0-2])-(?P<id>[0-3]\d)\b)
  | (?P<mdy>\b(?P<m1>{_MONTH})\s+(?P<d1>{_DAY}){_ORD}(?:\s*[-–]\s*{_DAY}{_ORD})?,?\s+(?P<y1>{_YEAR})\b)
  | (?P<dmy>\b(?P<d2>{_DAY}){_ORD}(?:\s*[-–]\s*{_DAY}{_ORD})?\s+(?:of\s+)?(?P<m2>{_MONTH}),?\s+(?P<y2>{_YEAR})\b)
  | (?P<my>\b(?P<m3>{_MONTH}),?\s+(?P<y3>{_YEAR})\b)
  | (?P<md>\b(?P<m4>{_MONTH})\s+(?P<d4>{_DAY}){_ORD}\b(?![-–/.,]?\d))
  | (?P<dm>\b(?P<d5>{_DAY}){_ORD}\s+(?:of\s+)?(?P<m5>{_MONTH})\b)
  | (?P<dot>\b(?P<d6>{_DAY})\.(?P<m6>0?[1-9]|1[0-2])\.(?P<y6>{_YEAR})\b)
  | (?P<zh>(?P<y7>{_YEAR})\s*年(?:\s*(?P<m7>1[0-2]|0?[1-9])\s*月(?:\s*(?P<d7>{_DAY})\s*[日号])?)?)
  | (?P<cdmy>(?<![\w])(?P<d8>{_DAY})\s+(?P<m8>{_CYR_MONTH})(?:\s+(?P<y8>{_YEAR}))?(?![\w]))
  | (?P<ycdm>(?<![\w])(?P<y9>{_YEAR})\s+жылғы\s+(?P<d9>{_DAY})\s+(?P<m9>{_CYR_MONTH})(?![\w]))
  | (?P<cmy>(?<![\w])(?P<m10>{_CYR_MONTH})\s+(?P<y10>{_YEAR})(?![\w]))
  | (?P<year>(?:\b(?:[Ii]n|[Ss]ince|[Uu]ntil|[Tt]ill|[Bb]y|[Ff]rom|[Tt]o|[Dd]uring|[Bb]efore|[Aa]fter|[Oo]f|[Ee]arly|[Ll]ate|[Mm]id|[Bb]etween|[Tt]hrough|and|or|[Ss]pring|[Ss]ummer|[Aa]utumn|[Ww]inter)[\s-]+|\b[вВ]\s+)(?P<y11>{_YEAR})\b(?![-–/.,]?\d)(?!\s*(?:%|per\s?cent|people|years)))
    """,
    re.VERBOSE,
)


@dataclass(frozen=True)
class DateMention:
    text: str  # exactly body[start:end]
    value: str  # "2020-01-21", "2019-10" or "2019"
    precision: str  # "day" | "month" | "year"
    start: int
    end: int


def find_dates(paragraphs: Sequence[str], article_date: str = "") -> tuple[DateMention, ...]:
    """Every calendar date mentioned in an article body, in text order."""
    body = "\n\n".join(paragraphs)
    context = article_date[:4] if re.fullmatch(r"\d{4}(?:-\d\d){0,2}", article_date or "") else ""
    out = []
    for match in _PATTERN.finditer(body):
        kind = match.lastgroup
        groups = {k: v for k, v in match.groupdict().items() if v is not None}
        year, month, day = _parts(groups)
        explicit = year is not None
        if not explicit:
            if not context:
                continue
            year = context
        value = _value(int(year), month, day)
        if explicit:
            context = year
        if value is None:
            continue
        start, end = match.span(kind)
        if kind == "year":
            start = match.start("y11")
        out.append(DateMention(body[start:end], value, _PRECISION[value.count("-")], start, end))
    return tuple(out)


_PRECISION = {0: "year", 1: "month", 2: "day"}


def _parts(groups: dict[str, str]) -> tuple[str | None, int | None, int | None]:
    year = next(
        (groups[k] for k in ("iy", "y1", "y2", "y3", "y6", "y7", "y8", "y9", "y10", "y11") if k in groups),
        None,
    )
    month = None
    for k in ("m1", "m2", "m3", "m4", "m5"):
        if k in groups:
            month = _EN[groups[k].rstrip(".").lower()]
    for k in ("m8", "m9", "m10"):
        if k in groups:
            word = groups[k].lower()
            month = next(
                n for stem, n in sorted(_CYR.items(), key=lambda i: -len(i[0])) if word.startswith(stem)
            )
    for k in ("im", "m6", "m7"):
        if k in groups:
            month = int(groups[k])
    day = next(
        (int(groups[k]) for k in ("id", "d1", "d2", "d4", "d5", "d6", "d7", "d8", "d9") if k in groups), None
    )
    return year, month, day


def _value(year: int, month: int | None, day: int | None) -> str | None:
    """The ISO value at the precision given, or None for a day that does not exist."""
    if month is None:
        return f"{year:04d}"
    if day is None:
        return f"{year:04d}-{month:02d}"
    try:
        return dt.date(year, month, day).isoformat()
    except ValueError:
        return None
