"""The search page and its JSON twin."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, jsonify, render_template, request

from archive.errors import NoArchive
from index import FACETS, FIRST_MATCH, MAX_PAGE, SORTS, Hit, QueryError, SearchResult
from webapp.db import resources
from webapp.errors import error_response

bp = Blueprint("search", __name__)

FACET_LABELS = {
    "source": "Source",
    "year": "Year",
    "language": "Language",
    "author": "Author",
    "tag": "Tag",
    "speaker": "Speaker",
    "person": "Person",
    "place": "Place",
    "org": "Organisation",
}


MAX_LIMIT = 100


def _int_arg(name: str, default: int, low: int, high: int) -> int:
    """A whole-number parameter in its range, or a QueryError that says the range."""
    value = request.args.get(name, "").strip()
    if not value:
        return default
    try:
        number = int(value)
    except ValueError:
        raise QueryError(
            f"'{name}' must be a whole number from {low} to {high}, not {value[:40]!r}."
        ) from None
    if not low <= number <= high:
        raise QueryError(f"'{name}' must be from {low} to {high}; {number} is out of range.")
    return number


def run_search(default_pagelen: int, scope: str | None = None) -> SearchResult:
    """Search with the request's parameters: q, page, sort, limit, scope and facet filters."""
    if not resources().home.exists():
        raise NoArchive(resources().home.root)
    filters = {name: request.args.getlist(name) for name in FACETS if name in request.args}
    pagelen = _int_arg("limit", default_pagelen, 1, MAX_LIMIT)
    return resources().index.search(
        request.args.get("q", ""),
        filters=filters,
        page=_int_arg("page", 1, 1, MAX_PAGE),
        pagelen=pagelen,
        sort=request.args.get("sort", "relevance"),
        variants=request.args.get("exact", "") not in ("1", "true", "on"),
        scope=scope or request.args.get("scope", "articles"),
    )


def url_with(**changes) -> str:
    """This search's URL with some parameters replaced (None removes one)."""
    params = [(k, v) for k, v in request.args.items(multi=True) if k not in changes]
    for key, value in changes.items():
        if value is not None:
            params.append((key, value))
    return "/search?" + urlencode(params) if params else "/search"


def hit_url(hit: Hit, query: str) -> str:
    """The article's permanent URL carrying the query, so its page marks the matches."""
    if not query:
        return hit.url
    return f"{hit.url}?{urlencode({'q': query})}#{FIRST_MATCH}"


def past_the_end(result: SearchResult) -> str:
    """A message when the page asked for is beyond the last one, else ''."""
    if result.page <= result.pages:
        return ""
    if not result.total:
        return f"There is no page {result.page}: nothing matched, so there is only page 1."
    return (
        f"There is no page {result.page}: the {result.total} result{'s' if result.total != 1 else ''} "
        f"fill {result.pages} page{'s' if result.pages != 1 else ''}."
    )


def facet_toggle_url(name: str, value: str) -> str:
    """The URL that selects this facet value, or removes it when already selected."""
    params = [(k, v) for k, v in request.args.items(multi=True) if k != "page"]
    if (name, value) in params:
        params.remove((name, value))
    else:
        params.append((name, value))
    return "/search?" + urlencode(params)


@bp.get("/")
@bp.get("/search")
def search_page():
    result = run_search(resources().settings.page_size)
    beyond = past_the_end(result)
    page = render_template(
        "search.html",
        result=result,
        beyond=beyond,
        last_page_url=url_with(page=str(result.pages)),
        facet_labels=FACET_LABELS,
        sorts=SORTS,
        url_with=url_with,
        facet_toggle_url=facet_toggle_url,
        hit_url=hit_url,
        quote_url=quote_url,
    )
    return page, 404 if beyond else 200


def quote_url(hit: Hit, anchor: str) -> str:
    """A quote's permanent place: the article's URL and the quote's anchor."""
    return f"{hit.url}#{anchor}"


@bp.get("/api/search")
def search_api():
    return _json_answer("/api/search", None, SearchResult.to_json)


@bp.get("/api/quotes")
def quotes_api():
    """Quotes instead of articles: each matching quote, with its speaker, anchor and article."""
    return _json_answer("/api/quotes", "quotes", SearchResult.quotes_json)


def _json_answer(path: str, scope: str | None, shape):
    """A search as JSON in the given shape, or a 404 naming the last page past the end."""
    result = run_search(resources().settings.page_size, scope=scope)
    beyond = past_the_end(result)
    if beyond:
        last = f"{path}?" + url_with(page=str(result.pages)).partition("?")[2]
        return error_response(
            404,
            "No such page",
            f"{beyond} The last page is {last}",
            last_page=result.pages,
            last_page_url=last,
        )
    return jsonify(shape(result))
