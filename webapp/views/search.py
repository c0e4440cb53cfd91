"""The search page and its JSON twin."""

from __future__ import annotations

from urllib.parse import urlencode

from flask import Blueprint, current_app, jsonify, render_template, request

from archive.errors import NoArchive
from index import FACETS, SORTS, QueryError, SearchResult
from webapp.db import resources

bp = Blueprint("search", __name__)

FACET_LABELS = {"source": "Source", "year": "Year", "language": "Language", "author": "Author", "tag": "Tag"}


def _int_arg(name: str, default: int) -> int:
    value = request.args.get(name, "")
    if not value:
        return default
    if not value.isdigit():
        raise QueryError(f"'{name}' must be a whole number, not {value[:40]!r}.")
    return int(value)


def run_search(default_pagelen: int) -> SearchResult:
    """Search with the request's parameters: q, page, sort, limit and facet filters."""
    if not resources().home.exists():
        raise NoArchive(resources().home.root)
    filters = {name: request.args.getlist(name) for name in FACETS if name in request.args}
    pagelen = min(_int_arg("limit", default_pagelen), 100) or default_pagelen
    return resources().index.search(
        request.args.get("q", ""),
        filters=filters,
        page=_int_arg("page", 1),
        pagelen=pagelen,
        sort=request.args.get("sort", "relevance"),
    )


def url_with(**changes) -> str:
    """This search's URL with some parameters replaced (None removes one)."""
    params = [(k, v) for k, v in request.args.items(multi=True) if k not in changes]
    for key, value in changes.items():
        if value is not None:
            params.append((key, value))
    return "/search?" + urlencode(params) if params else "/search"


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
    result = run_search(current_app.config["PAGE_SIZE"])
    return render_template(
        "search.html",
        result=result,
        facet_labels=FACET_LABELS,
        sorts=SORTS,
        url_with=url_with,
        facet_toggle_url=facet_toggle_url,
    )


@bp.get("/api/search")
def search_api():
    return jsonify(run_search(current_app.config["PAGE_SIZE"]).to_json())
