"""Marking a search's matches on an article page, after following a result.

A researcher who clicks a hit wants to land on the passage that matched, not at the top
of a long testimony. The same analysis and phrase rules as the result snippets apply,
so what was marked in the list is what is marked on the page.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from index._highlight import mark_all, match_spans, wanted
from index._query import parse_query
from index._schema import analysis_schema
from index.errors import QueryError

FIRST_MATCH = "first-match"


@dataclass(frozen=True)
class MarkedArticle:
    title_html: Markup
    paragraphs_html: tuple[Markup, ...]
    first_paragraph: int | None  # 1-based number of the first paragraph with a match

    @property
    def found(self) -> bool:
        return self.first_paragraph is not None


def mark_article(text: str, title: str, paragraphs: tuple[str, ...]) -> MarkedArticle | None:
    """The title and paragraphs with the query's matches marked; None for no or a bad query.

    The first mark in the body carries the id `first-match`, so a link ending in
    #first-match scrolls to it without any script.
    """
    try:
        q = parse_query(text, analysis_schema())
    except QueryError:
        return None
    analyzer = analysis_schema()["body"].analyzer
    title_want, body_want = wanted(q, "title"), wanted(q, "body")
    if not (title_want or body_want):
        return None
    marked, first = [], None
    for number, paragraph in enumerate(paragraphs, start=1):
        spans = match_spans(paragraph, body_want, analyzer)
        anchor = FIRST_MATCH if spans and first is None else ""
        if anchor:
            first = number
        marked.append(mark_all(paragraph, spans, first_id=anchor))
    title_html = mark_all(title, match_spans(title, title_want, analyzer))
    return MarkedArticle(title_html, tuple(marked), first)
