"""The read side: queries in, plain dataclasses out. Whoosh objects never leave here."""

from __future__ import annotations

import re
import threading
from collections import Counter
from dataclasses import dataclass, field, replace
from pathlib import Path
from urllib.parse import urlencode

from markupsafe import Markup
from whoosh import index as whoosh_index
from whoosh import query as wq

from archive.records import article_path
from index import _generations
from index._columns import ColumnCache
from index._engine import Ranked, collect
from index._highlight import mark_all, match_spans, passage, plain_snippet, wanted
from index._query import parse_query
from index._ranking import soft_phrases, some_words, with_soft_phrases
from index._related import DocumentFrequencies, RelatedArticle, related
from index._schema import DEFAULT_FIELDS, FACETS, SCHEMA_VERSION, analysis_schema
from index._suggest import SUGGEST_BELOW, Speller
from index.errors import IndexMissing, QueryError

SORTS = ("relevance", "newest", "oldest")
# What a search returns: articles (each with up to MAX_QUOTES matching quotes), or the
# quotes themselves, article by article.
SCOPES = ("articles", "quotes")
QUOTE_FIELDS = {"quotes": 1.0}
MAX_QUOTES = 3
MAX_QUOTES_PER_ARTICLE = 50
MAX_PAGE = 500


@dataclass(frozen=True)
class QuoteHit:
    """A quote of a hit that matches the query: where to cite it, who said it, marked text."""

    anchor: str
    speaker: str
    text_html: Markup

    def to_json(self, article_url: str) -> dict:
        return {
            "anchor": self.anchor,
            "speaker": self.speaker or None,
            "text_html": str(self.text_html),
            "url": f"{article_url}#{self.anchor}",
        }


@dataclass(frozen=True)
class Hit:
    id: str
    slug: str
    title: str
    title_html: Markup
    snippet_html: Markup
    date: str
    source: str
    authors: tuple[str, ...]
    language: str
    score: float | None  # relevance; None when the results are in date order
    quotes: tuple[QuoteHit, ...] = ()  # up to MAX_QUOTES quotes in it that match the query

    @property
    def url(self) -> str:
        return article_path(self.id, self.slug)


@dataclass(frozen=True)
class FacetValue:
    value: str
    count: int


@dataclass(frozen=True)
class SearchResult:
    query: str
    total: int
    page: int
    pagelen: int
    sort: str
    hits: list[Hit]
    facets: dict[str, list[FacetValue]]
    filters: dict[str, list[str]] = field(default_factory=dict)
    partial: bool = False
    notices: tuple[str, ...] = ()  # what the search could not do in full, and why
    variants: bool = True  # whether other spellings of names were searched too
    all_words: int | None = None  # how many of `total` have every word typed (the rest, some)
    scope: str = "articles"
    suggestion: str = ""  # the query with misspelt words replaced ("Did you mean"), or ''

    @property
    def suggestion_url(self) -> str:
        """The search page for the suggested query, with this search's filters and switches."""
        params = [("q", self.suggestion)]
        params += [(name, value) for name, values in self.filters.items() for value in values]
        params += [("sort", self.sort)] if self.sort != "relevance" else []
        params += [("exact", "1")] if not self.variants else []
        params += [("scope", self.scope)] if self.scope != "articles" else []
        return "/search?" + urlencode(params)

    def quotes_json(self) -> dict:
        """The quote-level answer (/api/quotes): each matching quote with its article."""
        base = {k: v for k, v in self.to_json().items() if k not in ("hits", "all_words")}
        return {
            **base,
            "scope": "quotes",
            "quotes": [
                {
                    **quote.to_json(h.url),
                    "article": {
                        "id": h.id,
                        "title": h.title,
                        "url": h.url,
                        "date": h.date,
                        "source": h.source,
                    },
                }
                for h in self.hits
                for quote in h.quotes
            ],
        }

    @property
    def pages(self) -> int:
        return max(1, -(-self.total // self.pagelen))

    def to_json(self) -> dict:
        """The one JSON shape of a search, for `archive search --json` and /api/search."""
        return {
            "query": self.query,
            "total": self.total,
            "page": self.page,
            "pages": self.pages,
            "sort": self.sort,
            "limit": self.pagelen,
            "partial": self.partial,
            "notices": list(self.notices),
            "variants": self.variants,
            "all_words": self.total if self.all_words is None else self.all_words,
            "did_you_mean": {"query": self.suggestion, "url": self.suggestion_url}
            if self.suggestion
            else None,
            "filters": self.filters,
            "hits": [
                {
                    "id": h.id,
                    "title": h.title,
                    "url": h.url,
                    "date": h.date,
                    "source": h.source,
                    "authors": list(h.authors),
                    "language": h.language,
                    "snippet_html": str(h.snippet_html),
                    "title_html": str(h.title_html),
                    "score": None if h.score is None else round(h.score, 4),
                    "quotes": [quote.to_json(h.url) for quote in h.quotes],
                }
                for h in self.hits
            ],
            "facets": {
                name: [{"value": v.value, "count": v.count} for v in values]
                for name, values in self.facets.items()
            },
        }


@dataclass(frozen=True)
class IndexStatus:
    ready: bool
    message: str
    documents: int = 0
    generation: str = ""


class SearchIndex:
    """Searches "the current generation" of the index under one root folder.

    Holds no open searcher between calls: each search opens one from the generation
    in service and closes it, so a rebuild swapped in by another process is picked up
    on the next request. Opening is cheap because segments are not compound (mmap).
    """

    def __init__(self, root: Path, *, time_limit: float = 10.0):
        self.root = root
        self.time_limit = time_limit
        self._lock = threading.Lock()
        self._opened: tuple[str, object] | None = None
        self._columns = ColumnCache()
        self._speller = Speller()
        self._frequencies = DocumentFrequencies()

    def status(self) -> IndexStatus:
        try:
            ix, folder = self._index()
        except IndexMissing as exc:
            return IndexStatus(False, str(exc))
        return IndexStatus(True, "ready", ix.doc_count(), folder.name)

    def search(
        self,
        text: str,
        *,
        filters: dict[str, list[str]] | None = None,
        page: int = 1,
        pagelen: int = 20,
        sort: str = "relevance",
        variants: bool = True,
        scope: str = "articles",
    ) -> SearchResult:
        """Search with facets and highlighted passages for the requested page.

        `variants=False` finds words only as typed (no other spellings of names).
        """
        filters = {k: [v for v in vs if v] for k, vs in (filters or {}).items() if k in FACETS}
        filters = {k: vs for k, vs in filters.items() if vs}
        if sort not in SORTS:
            raise QueryError(f"Unknown sort '{sort}'; use one of {', '.join(SORTS)}.")
        for year in filters.get("year", []):
            if not (len(year) == 4 and year.isdigit()):
                raise QueryError(f"The year filter must be four digits, as in year=2019, not {year[:40]!r}.")
        if not 1 <= page <= MAX_PAGE:
            raise QueryError(f"Page {page} is out of range; pages run from 1 to {MAX_PAGE}.")
        ix, _ = self._index()
        if scope not in SCOPES:
            raise QueryError(f"Unknown scope '{scope}'; use one of {', '.join(SCOPES)}.")
        quotes = scope == "quotes"
        q = parse_query(text, ix.schema, variants=variants, fields=QUOTE_FIELDS if quotes else None)
        browse_quotes = quotes and isinstance(q, wq.Every)
        if browse_quotes:
            q = wq.Term("has", "quotes")  # articles with at least one quote, each with all of them
        plain = not _OPERATORS.search(text)
        if plain:
            q = _counted(q, text)
        if isinstance(q, wq.Every) and sort == "relevance":
            sort = "newest"
        try:
            searcher = ix.searcher()
        except Exception as exc:  # missing or truncated segment files
            raise IndexMissing(f"the index cannot be read ({type(exc).__name__}: {exc})") from None
        words = _typed_words(q) if plain else []
        # Typed words standing together in an article rank it higher (index/_ranking.py).
        near = soft_phrases(text) if words and sort == "relevance" else None
        with searcher:
            self._columns.keep_only(
                {
                    (r.segment().segment_id(), r.doc_count())
                    for r, _ in searcher.reader().leaf_readers()
                    if r.segment() is not None
                }
            )
            found = collect(
                searcher,
                with_soft_phrases(q, near),
                self._columns,
                filters=filters,
                sort=sort,
                limit=page * pagelen,
                time_limit=self.time_limit,
            )
            all_words = found.total
            if words and not quotes and found.total < pagelen and not found.partial:
                found = _with_some_words(
                    searcher,
                    words,
                    near,
                    found,
                    self._columns,
                    filters,
                    sort,
                    page * pagelen,
                    self.time_limit,
                )
            shown = found.ranked[(page - 1) * pagelen : page * pagelen]
            hits = _hits(
                searcher,
                shown,
                q if all_words else wq.Or(words),
                scored=sort == "relevance",
                quote_limit=MAX_QUOTES_PER_ARTICLE if quotes else MAX_QUOTES,
                every_quote=browse_quotes,
            )
            few = all_words < SUGGEST_BELOW and not isinstance(q, wq.Every)
            suggestion = self._speller.suggest(searcher, text) if few else ""
        facets = {name: _facet_values(found.facets.get(name, {})) for name in FACETS}
        return SearchResult(
            text,
            found.total,
            page,
            pagelen,
            sort,
            hits,
            facets,
            filters,
            found.partial,
            found.notices,
            variants,
            all_words,
            scope,
            suggestion,
        )

    def related(self, article_id: str, *, limit: int = 5) -> list[RelatedArticle]:
        """Up to `limit` articles most like this one (index/_related.py), best first."""
        ix, _ = self._index()
        try:
            searcher = ix.searcher()
        except Exception as exc:  # missing or truncated segment files
            raise IndexMissing(f"the index cannot be read ({type(exc).__name__}: {exc})") from None
        with searcher:
            return related(
                searcher,
                self._columns,
                article_id,
                limit=limit,
                time_limit=self.time_limit,
                frequencies=self._frequencies,
            )

    def _index(self):
        folder = _generations.current(self.root)
        if folder is None:
            raise IndexMissing()
        try:
            meta = _generations.read_meta(folder)
        except (OSError, ValueError):
            raise IndexMissing(f"the description of {folder.name} (meta.json) is damaged") from None
        if meta.get("schema_version") != SCHEMA_VERSION:
            raise IndexMissing(
                "it was built with other fields or analysis settings than this version of the archive uses"
            )
        with self._lock:
            if self._opened is None or self._opened[0] != folder.name:
                try:
                    self._opened = (folder.name, whoosh_index.open_dir(str(folder)))
                except Exception as exc:  # a damaged generation must not take the app down
                    raise IndexMissing(
                        f"the index in {folder} cannot be opened ({type(exc).__name__})"
                    ) from None
            return self._opened[1], folder


# Anything in a query beyond plain words: explicit operators, fields, phrases, groups,
# wildcards, fuzziness, boosts, ranges, + and -.
_OPERATORS = re.compile(r"\b(?:AND|OR|NOT|ANDNOT|ANDMAYBE)\b|[\"\u201c\u201d\u201e():*~^\[\]{}]|(?:^|\s)[-+]")


def _counted(q, text: str):
    """Each typed word weighs as often as it was typed.

    The parser keeps one copy of a repeated word, but a pasted paragraph or a research
    question that says "retrieval" four times is about retrieval: BM25's query-term
    frequency, which FTS5 applies too (on CISI it is worth 0.05 nDCG@10).
    """
    groups = [q] if type(q) is wq.Or else list(q.subqueries) if type(q) is wq.And else []
    analyzer = analysis_schema()["body"].analyzer
    typed = Counter(token.text for token in analyzer(text))
    for group in groups:
        terms = [
            t for t in getattr(group, "subqueries", ()) if type(t) is wq.Term and t.fieldname != "variants"
        ]
        if type(group) is wq.Or and terms and typed.get(terms[0].text, 1) > 1:
            group.boost = float(typed[terms[0].text])
    return q


def _typed_words(q) -> list:
    """The words of a query typed as plain words (no operators), or [] for any other query.

    Only such a query falls back to "some of the words": anything with a field, phrase,
    NOT or wildcard says exactly what the person wants.
    """
    if type(q) is not wq.And or len(q.subqueries) < 2:
        return []
    words = []
    for child in q.subqueries:
        if type(child) is not wq.Or or not all(type(t) is wq.Term for t in child.subqueries):
            return []
        if {t.fieldname for t in child.subqueries} - {*DEFAULT_FIELDS, "variants"}:
            return []
        words.append(child)
    return words


def _with_some_words(searcher, words, near, found, columns, filters, sort, limit, time_limit):
    """Fewer than a page has every word: the articles with some of them follow, best first.

    Long questions ("what problems of heat conduction in composite slabs have been
    solved") rarely have every word in one article; people expect the nearest articles
    rather than nothing, as every web search gives them. Those with all the words stay
    first; the count of each kind is reported, and the facets count what is shown.
    Function words do not decide the order of the rest (index/_ranking.py).
    """
    some = collect(
        searcher,
        with_soft_phrases(some_words(words), near),
        columns,
        filters=filters,
        sort=sort,
        limit=limit + found.total,
        time_limit=time_limit,
    )
    first = {r.docnum for r in found.ranked}
    ranked = found.ranked + [r for r in some.ranked if r.docnum not in first]
    notice = (
        f"No article has all of these words; {some.total:,} have some of them, those with the best match first."
        if not found.total
        else f"Only {found.total:,} of the articles have all of these words; "
        f"{some.total - found.total:,} more with some of them follow."
    )
    return replace(
        some, ranked=ranked[:limit], notices=(*some.notices, notice) if some.total else some.notices
    )


def _hits(
    searcher, shown: list[Ranked], q, *, scored: bool, quote_limit: int = 3, every_quote: bool = False
) -> list[Hit]:
    """Stored fields and highlighted passages, for the shown page only."""
    analyzer = analysis_schema()["body"].analyzer
    want = {name: wanted(q, name) for name in ("title", "body", "standfirst", "quotes", "speaker_text")}
    in_quotes = want["body"] or want["quotes"]
    hits = []
    for ranked in shown:
        stored = searcher.stored_fields(ranked.docnum)
        snippet = Markup("")
        for fieldname in ("body", "standfirst"):
            text = stored.get(fieldname, "")
            snippet = passage(text, match_spans(text, want[fieldname], analyzer))
            if snippet:
                break
        title = stored.get("title", "")
        hits.append(
            Hit(
                id=stored["id"],
                slug=stored.get("slug", ""),
                title=title,
                title_html=mark_all(title, match_spans(title, want["title"], analyzer)),
                snippet_html=snippet or plain_snippet(stored.get("standfirst") or stored.get("body", "")),
                date=stored.get("date", ""),
                source=stored.get("source", ""),
                authors=tuple(stored.get("authors_shown") or ()),
                language=stored.get("language", ""),
                score=ranked.score if scored else None,
                quotes=_quotes(
                    stored.get("quotes_shown") or (),
                    in_quotes,
                    want["speaker_text"],
                    analyzer,
                    quote_limit,
                    every=every_quote,
                ),
            )
        )
    return hits


def _quotes(
    shown, words, speaker_words, analyzer, limit: int, *, every: bool = False
) -> tuple[QuoteHit, ...]:
    """The quotes of a hit that the query's words are in (and by the speaker asked for,
    if one is), marked: what a researcher reads first under a hit. A search by speaker
    alone gives that speaker's quotes; browsing quotes with no query gives them all."""
    if every:
        return tuple(QuoteHit(anchor, speaker, mark_all(text, [])) for anchor, text, speaker in shown[:limit])
    found = []
    # Name variants are looked for in every field; a speaker is asked for only by speaker:.
    if not (speaker_words.words or speaker_words.phrases or speaker_words.prefixes):
        speaker_words = None
    if not words and not speaker_words:
        return ()
    for anchor, text, speaker in shown:
        spans = match_spans(text, words, analyzer) if words else []
        said = not speaker_words or bool(match_spans(speaker, speaker_words, analyzer))
        if said and (spans or not words):
            found.append(QuoteHit(anchor, speaker, mark_all(text, spans)))
            if len(found) == limit:
                break
    return tuple(found)


def _facet_values(counts: dict[str, int]) -> list[FacetValue]:
    values = [FacetValue(value, count) for value, count in counts.items() if value and count]
    values.sort(key=lambda v: (-v.count, v.value.lower()))
    return values
