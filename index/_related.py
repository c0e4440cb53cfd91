"""More like this: the articles that share an article's most distinctive words.

An article's words are weighed by tf·idf (how often it uses a word, times how rare the
word is in the archive); the top MAX_TERMS, each boosted by its weight, are searched as
one OR query through the project's own engine (index/_engine.py, BM25F over title,
standfirst and text), with the article itself left out. Whoosh's `more_like` would do
the same through its own scorer, which walks every match in Python. The index holds
public articles only, so a restricted article is never offered.
"""

from __future__ import annotations

import math
import re
import threading
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass

from whoosh import query as wq

from archive.records import article_path
from index._columns import ColumnCache
from index._engine import collect
from index._schema import _CJK, DEFAULT_FIELDS, analysis_schema

MAX_TERMS = 15
# The fields an article's words are taken from, and searched in.
FIELDS = ("title", "standfirst", "body")
_WORTH_A_LOOK = re.compile(rf"[{_CJK}]|[^\W\d_]\w{{2,}}")


@dataclass(frozen=True)
class RelatedArticle:
    """An article like another one: enough to list and link it."""

    id: str
    slug: str
    title: str
    date: str
    source: str

    @property
    def url(self) -> str:
        return article_path(self.id, self.slug)

    def to_json(self) -> dict:
        return {"id": self.id, "title": self.title, "url": self.url, "date": self.date, "source": self.source}


class DocumentFrequencies:
    """Word -> number of articles with it in the text (else the title), for the segments in
    service: looking one up in Whoosh's term files costs a binary search per segment, and
    an article has hundreds of words, so each process remembers them per generation."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._key: frozenset = frozenset()
        self._counts: dict[str, int] = {}

    def lookup(self, searcher) -> Callable[[str], int]:
        reader = searcher.reader()
        key = frozenset(
            (leaf.segment().segment_id(), leaf.doc_count_all())
            for leaf, _ in reader.leaf_readers()
            if leaf.segment() is not None
        )
        with self._lock:
            if key != self._key:
                self._key, self._counts = key, {}
            counts = self._counts

        def df(word: str) -> int:
            found = counts.get(word)
            if found is None:
                found = counts[word] = searcher.doc_frequency("body", word) or searcher.doc_frequency(
                    "title", word
                )
            return found

        return df


def distinctive_terms(
    searcher, stored: dict, number: int = MAX_TERMS, df: Callable[[str], int] | None = None
) -> list[tuple[str, float]]:
    """The article's (analysed) words with the highest tf·idf, best first, with their weight.

    `df` gives a word's document frequency (DocumentFrequencies, remembered per
    generation). Words in no other article are left out (they link to nothing), and so are words in
    more than half of the articles (the, said: everything shares them), numbers and
    words of fewer than three letters; each Chinese character is a word.
    """
    analyzer = analysis_schema()["body"].analyzer
    counts: Counter[str] = Counter()
    for fieldname in FIELDS:
        counts.update(token.text for token in analyzer(stored.get(fieldname) or ""))
    total = searcher.doc_count() or 1
    df = df or DocumentFrequencies().lookup(searcher)
    weighed = []
    for word, tf in counts.items():
        if not _WORTH_A_LOOK.fullmatch(word):
            continue
        articles = df(word)
        if articles < 2 or articles * 2 > total:
            continue
        weighed.append((tf * math.log(total / articles), word))
    weighed.sort(key=lambda item: (-item[0], item[1]))
    return [(word, weight) for weight, word in weighed[:number] if weight > 0]


def related(
    searcher,
    columns: ColumnCache,
    article_id: str,
    *,
    limit: int,
    time_limit: float,
    frequencies: DocumentFrequencies | None = None,
) -> list[RelatedArticle]:
    """Up to `limit` public articles most like this one, best first; [] if it is not indexed."""
    docnum = searcher.document_number(id=article_id)
    if docnum is None:
        return []
    df = (frequencies or DocumentFrequencies()).lookup(searcher)
    terms = distinctive_terms(searcher, searcher.stored_fields(docnum), df=df)
    if not terms:
        return []
    top = terms[0][1]
    wanted = wq.Or(
        [
            wq.Or([wq.Term(f, word, boost=DEFAULT_FIELDS[f]) for f in FIELDS], boost=weight / top)
            for word, weight in terms
        ]
    )
    found = collect(
        searcher,
        wq.AndNot(wanted, wq.Term("id", article_id)),
        columns,
        filters={},
        sort="relevance",
        limit=limit,
        time_limit=time_limit,
    )
    shown = []
    for ranked in found.ranked:
        stored = searcher.stored_fields(ranked.docnum)
        shown.append(
            RelatedArticle(
                stored["id"],
                stored.get("slug", ""),
                stored.get("title", ""),
                stored.get("date", ""),
                stored.get("source", ""),
            )
        )
    return shown
