"""The one place that defines what is indexed and how text is analysed.

SCHEMA_VERSION is written beside every index generation; bump it whenever a field or
an analyzer changes so the app can say "rebuild needed" instead of serving wrong
results. Only Whoosh's own classes go into the schema: it is pickled into the index,
and a project class there would make old indexes unreadable once it moved.
"""

from __future__ import annotations

from functools import lru_cache

from whoosh.analysis import CharsetFilter, LowercaseFilter, RegexTokenizer, StemFilter
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, TEXT, Schema
from whoosh.support.charset import accent_map

SCHEMA_VERSION = 2

# Field names a person may type before a colon, and the index field each searches.
USER_FIELDS = {
    "title": "title",
    "standfirst": "standfirst",
    "body": "body",
    "author": "byline",
    "source": "source_text",
    "tag": "tags_text",
    "language": "language",
    "year": "year",
    "date": "date",
}

# Facets: URL parameter -> (index field, whether a document can have several values).
FACETS = {
    "source": ("source", False),
    "year": ("year", False),
    "language": ("language", False),
    "author": ("authors", True),
    "tag": ("tags", True),
}

# Fields searched when a query names none, with how much a match there counts.
DEFAULT_FIELDS = {
    "title": 3.0,
    "standfirst": 1.5,
    "body": 1.0,
    "byline": 2.0,
    "source_text": 1.0,
    "tags_text": 1.5,
}


def text_analyzer():
    """Words, lower-cased, accents folded (Sauytbay = Sauytbaý), English stems.

    No stop words are dropped: researchers quote exact phrases, and words such as
    "us", "may" or "will" are names, months and evidence here.
    """
    return RegexTokenizer() | LowercaseFilter() | CharsetFilter(accent_map) | StemFilter(cachesize=50000)


@lru_cache(maxsize=1)
def analysis_schema() -> Schema:
    """One schema object for analysing text outside the index (highlighting, marking).

    Opening a searcher unpickles a fresh schema each time; analysing with this one lets
    per-word analysis be remembered across searches. The index's own analyzers are the
    same by construction: an index of another SCHEMA_VERSION is refused.
    """
    return build_schema()


def build_schema() -> Schema:
    text = text_analyzer()
    return Schema(
        id=ID(stored=True, unique=True),
        slug=STORED,
        title=TEXT(analyzer=text, stored=True),
        standfirst=TEXT(analyzer=text, stored=True),
        body=TEXT(analyzer=text, stored=True),
        byline=TEXT(analyzer=text),
        source_text=TEXT(analyzer=text),
        tags_text=TEXT(analyzer=text),
        source=ID(stored=True, sortable=True),
        year=ID(stored=True, sortable=True),
        language=ID(stored=True, sortable=True),
        date=ID(stored=True, sortable=True),
        # The article's period as YYYYMMDD numbers, for "inside this month" searches.
        date_start=NUMERIC(int, bits=32),
        date_end=NUMERIC(int, bits=32),
        # "1" for undated articles, so a date sort puts them last in either direction.
        undated=ID(sortable=True),
        authors=KEYWORD(commas=True),
        tags=KEYWORD(commas=True),
        authors_shown=STORED,
    )
