"""The query language on one page, generated from the code that reads queries.

Field names come from index.USER_FIELDS, filters from index.FACETS, limits from the
parser's own constants. Every example is a link to its search, and tests/test_help.py
runs each one against a small archive: an example that stops working fails a test, and
a field or facet without a line here fails one too.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from flask import Blueprint, render_template

import index
from webapp.views.search import FACET_LABELS

bp = Blueprint("help", __name__)


@dataclass(frozen=True)
class Example:
    """A search a person can click: the query as typed and any other URL parameters."""

    query: str
    params: tuple[tuple[str, str], ...] = ()
    note: str = ""

    @property
    def url(self) -> str:
        return "/search?" + urlencode([("q", self.query), *self.params])

    @property
    def shown(self) -> str:
        """How the example reads on the page: the query, then any switch as it goes in the URL."""
        extra = "&".join(f"{k}={v}" for k, v in self.params)
        return f"{self.query}  ({extra})" if extra else self.query


@dataclass(frozen=True)
class Section:
    anchor: str
    title: str
    text: str
    examples: tuple[Example, ...]


# Typed field name -> (what it searches, an example value). One line per USER_FIELDS key.
FIELD_HELP = {
    "title": ("the headline", "asylum"),
    "standfirst": ("the summary under the headline", "teacher"),
    "body": ("the article's text", "testimony"),
    "author": ("the byline", "Adilzhan"),
    "source": ("the publication", '"Bitter Winter"'),
    "tag": ("the archive's tags", "asylum"),
    "language": ("the language, as a code (en, kk, ru, zh); en also finds en-US", "kk"),
    "year": ("the year of publication, four digits", "2019"),
    "date": ("a year, month or day, as a period (see Dates)", "2019-10"),
    "speaker": ("who is quoted (found in the text by enrichment)", "Bilash"),
    "person": ("people named in the article", "Sauytbay"),
    "place": ("places named in the article", "Almaty"),
    "org": ("organisations named in the article", "Atajurt"),
    "quote": ("only the words inside quotation marks", "record"),
}

# Facet (URL parameter) -> an example value, with a query it narrows.
FACET_HELP = {
    "source": "Bitter Winter",
    "year": "2019",
    "language": "kk",
    "author": "Leila Adilzhan",
    "tag": "asylum",
    "speaker": "Serikzhan Bilash",
    "person": "Sayragul Sauytbay",
    "place": "Almaty",
    "org": "Atajurt Kazakh Human Rights",
}


def sections() -> list[Section]:
    """The page's sections, in reading order."""
    return [
        Section(
            "words",
            "Words",
            "Articles with every word come first. When fewer than a page of articles have all "
            "of them, the articles with some of the words follow, best first, and the page says "
            "so. Case and accents do not matter, and English words find their other forms "
            "(refugee finds refugees). No word is dropped as too common.",
            (Example("Atajurt Almaty"), Example("refugee")),
        ),
        Section(
            "phrases",
            "Exact phrases",
            "Words in quotation marks must stand together in this order. A phrase finds only "
            "the spelling typed.",
            (Example('"Almaty court"'),),
        ),
        Section(
            "operators",
            "Leaving out and alternatives",
            "A minus that starts a word, or NOT, leaves out the articles with that word (a hyphen "
            "inside a name, as in Ust-Kamenogorsk, is part of the name). OR finds either word; "
            "parentheses group. Operators are written in capitals.",
            (
                Example("camp -Xinjiang"),
                Example("camp NOT Xinjiang"),
                Example("Atajurt OR Sauytbay"),
                Example("(Atajurt OR Bilash) NOT China"),
            ),
        ),
        Section(
            "endings",
            "Word endings",
            f"A * at the end of a word finds every word that starts so. At least "
            f"{index.MIN_WILDCARD_PREFIX} letters before the *; a * that stands for more than "
            f"{index.MAX_EXPANSION:,} words searches the first {index.MAX_EXPANSION:,}, and the "
            "page says the results are partial.",
            (Example("Kazak*"),),
        ),
        Section(
            "fuzzy",
            "Spelling variants",
            f"A ~ after a word finds words one letter different; ~{index.MAX_FUZZY_DISTANCE} finds "
            f"words up to {index.MAX_FUZZY_DISTANCE} letters different. The word needs at least "
            f"{index.MIN_FUZZY_LETTERS} letters.",
            (Example("Kazakhstn~"), Example("Sayragool~2")),
        ),
        Section(
            "names",
            "Names in any spelling or script",
            "A name also finds its other spellings and scripts (Sayragul, Sairagul, Сайрагүл), "
            "ranked below the spelling typed. The “Exact spelling only” link on the results "
            "(exact=1 in the address) turns this off.",
            (Example("Сайрагүл"), Example("Sayragul", (("exact", "1"),))),
        ),
        Section(
            "dates",
            "Dates",
            "A date is a period: a year finds every article dated in it, a month every "
            "article dated in that month. A range takes two periods, or leaves one end open; "
            "{ or } instead of [ or ] leaves out the period at that end.",
            (
                Example("date:2019"),
                Example("date:2019-10"),
                Example("date:[2019-10 TO 2020-06]"),
                Example("date:[2020 TO]"),
            ),
        ),
        Section(
            "scripts",
            "Chinese and Japanese",
            "Each character is a word, and characters typed together are searched as that run.",
            (Example("拘禁营"), Example("新疆")),
        ),
        Section(
            "spelling",
            "Did you mean",
            "When few articles match, the page offers the query again with each word the archive "
            "does not know replaced by the nearest word it does, in most articles.",
            (Example("Kazakhstn"),),
        ),
        Section(
            "quotes",
            "Quotes",
            "“Show: quotes” (scope=quotes) lists the matching quotes themselves, with who said "
            "them and where to cite them, instead of articles.",
            (Example("volunteers", (("scope", "quotes"),)),),
        ),
    ]


def field_examples() -> list[tuple[str, str, Example]]:
    """(field as typed, what it searches, example) for every field the parser accepts."""
    rows = []
    for name in index.USER_FIELDS:
        what, value = FIELD_HELP.get(name, ("", ""))
        rows.append((name, what, Example(f"{name}:{value}") if value else None))
    return rows


def facet_examples() -> list[tuple[str, str, Example]]:
    """(URL parameter, label, example) for every facet; values of one facet combine with OR."""
    return [
        (name, FACET_LABELS.get(name, name), Example("", ((name, FACET_HELP[name]),)))
        for name in index.FACETS
        if name in FACET_HELP
    ]


@bp.get("/help")
def help_page():
    return render_template(
        "help.html",
        sections=sections(),
        fields=field_examples(),
        facets=facet_examples(),
        max_query_chars=index.MAX_QUERY_CHARS,
    )
