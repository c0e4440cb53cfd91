"""The one place that defines what is indexed and how text is analysed.

SCHEMA_VERSION, a digest of every field's definition and analyzer settings, is written
beside every index generation, so a changed analyzer is noticed without anyone having
to remember to bump a number: the app says "rebuild needed" instead of serving wrong
results, and `archive reindex --if-needed` rebuilds. Only Whoosh's own classes go into
the schema: it is pickled into the index, and a project class there would make old
indexes unreadable once it moved.
"""

from __future__ import annotations

import hashlib
import re
from functools import lru_cache

from whoosh.analysis import (
    CharsetFilter,
    LowercaseFilter,
    RegexTokenizer,
    SpaceSeparatedTokenizer,
    StemFilter,
)
from whoosh.fields import ID, KEYWORD, NUMERIC, STORED, Schema
from whoosh.fields import TEXT as _TEXT
from whoosh.support.charset import accent_map

# Chinese and Japanese are written without spaces: each ideograph or kana is a token of
# its own, and a run of them typed as one word is searched as a phrase (TEXT's
# multitoken_query), so 拘禁营 finds exactly that run, and 拘禁 or 新疆 find it too.
# Other word characters form words as in Whoosh's default pattern.
_CJK = "\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff"
TOKEN_PATTERN = rf"[{_CJK}]|(?:[^\W{_CJK}]|\*)+(?:\.?(?:[^\W{_CJK}]|\*)+)*"

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
    # From enrichment (archive/enrich): who is quoted, who and what is named, quoted words.
    "speaker": "speaker_text",
    "person": "person_text",
    "place": "place_text",
    "org": "org_text",
    "quote": "quotes",
}

# Facets: URL parameter -> (index field, whether a document can have several values).
FACETS = {
    "source": ("source", False),
    "year": ("year", False),
    "language": ("language", False),
    "author": ("authors", True),
    "tag": ("tags", True),
    "speaker": ("speakers", True),
    "person": ("people", True),
    "place": ("places", True),
    "org": ("orgs", True),
}

# How much a match on another spelling of a name counts, next to a match as typed.
VARIANT_BOOST = 0.4

# Text fields whose adjacent word pairs are indexed (the `pairs` field, index/_pairs.py),
# so their phrases are answered from pair posting lists.
PAIRED_FIELDS = ("title", "standfirst", "body", "byline", "source_text", "tags_text")

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
    return (
        RegexTokenizer(TOKEN_PATTERN)
        | LowercaseFilter()
        | CharsetFilter(accent_map)
        | StemFilter(cachesize=50000)
    )


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

    def TEXT(**kwargs):  # noqa: N802 - Whoosh's field, with CJK runs searched as phrases
        return _TEXT(multitoken_query="phrase", **kwargs)

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
        # Spelling keys of the names in the text (index/_variants.py), searched with a
        # lower weight next to the words themselves.
        variants=_TEXT(analyzer=SpaceSeparatedTokenizer(), phrase=False),
        # Enrichment: the quoted words, and names as facets (KEYWORD) and as words (TEXT),
        # so `speaker:Bilash` finds "Serikzhan Bilash" and the facet lists him whole.
        quotes=TEXT(analyzer=text),
        speakers=KEYWORD(commas=True),
        speaker_text=TEXT(analyzer=text),
        people=KEYWORD(commas=True),
        person_text=TEXT(analyzer=text),
        places=KEYWORD(commas=True),
        place_text=TEXT(analyzer=text),
        orgs=KEYWORD(commas=True),
        org_text=TEXT(analyzer=text),
        # What an article has, for "articles with quotes" ("quotes").
        has=KEYWORD(commas=True),
        # [[anchor, text, speaker], ...] for the quotes shown under a hit.
        quotes_shown=STORED,
        # Each pair of consecutive analysed words of the PAIRED_FIELDS, as "body|of|the"
        # (index/_pairs.py): only which documents have a pair is read, so no positions,
        # frequencies or lengths.
        pairs=KEYWORD(scorable=False),
        # The article's words as written (unstemmed, each once), for "Did you mean"
        # (index/_suggest.py); never searched.
        spelling=KEYWORD(scorable=False),
    )


def _describe(value) -> str:
    """A stable text for anything that decides analysis (no memory addresses, sorted keys)."""
    if isinstance(value, re.Pattern):
        return f"re({value.pattern!r})"
    if callable(value) and hasattr(value, "__qualname__"):
        return f"{getattr(value, '__module__', '')}.{value.__qualname__}"
    if isinstance(value, dict):
        return (
            "{" + ",".join(f"{_describe(k)}:{_describe(v)}" for k, v in sorted(value.items(), key=repr)) + "}"
        )
    if isinstance(value, (list, tuple, set, frozenset)):
        items = (
            sorted(map(_describe, value)) if isinstance(value, (set, frozenset)) else map(_describe, value)
        )
        return "[" + ",".join(items) + "]"
    if hasattr(value, "__dict__") and not isinstance(value, type):
        state = {k: v for k, v in vars(value).items() if not k.startswith("_")}
        return f"{type(value).__name__}{_describe(state)}"
    return repr(value)


def schema_stamp() -> str:
    """A digest of every field and analyzer: it changes when what is indexed changes."""
    schema = build_schema()
    text = ";".join(f"{name}={_describe(schema[name])}" for name in sorted(schema.names()))
    text += ";pairs: every adjacent pair"
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


SCHEMA_VERSION = schema_stamp()
