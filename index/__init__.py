"""Full-text search over the archive, behind a narrow interface.

Everything that touches Whoosh lives in this package's private modules; callers get
plain dataclasses and exceptions with messages a person can act on, so the engine can
be replaced without touching the web app or the command line.
"""

from index._build import BuildReport, rebuild, rebuild_needed, rollback, to_document, update
from index._engine import MAX_EXPANSION
from index._marking import FIRST_MATCH, MarkedArticle, mark_article
from index._query import (
    MAX_FUZZY_DISTANCE,
    MAX_QUERY_CHARS,
    MIN_FUZZY_LETTERS,
    MIN_WILDCARD_PREFIX,
    check_query,
)
from index._related import RelatedArticle
from index._schema import FACETS, SCHEMA_VERSION, USER_FIELDS
from index._search import (
    MAX_PAGE,
    SCOPES,
    SORTS,
    FacetValue,
    Hit,
    IndexStatus,
    QuoteHit,
    SearchIndex,
    SearchResult,
)
from index.errors import IndexBusy, IndexMissing, QueryError, SearchError

__all__ = [
    "BuildReport",
    "FACETS",
    "FIRST_MATCH",
    "FacetValue",
    "Hit",
    "IndexBusy",
    "IndexMissing",
    "IndexStatus",
    "MAX_EXPANSION",
    "MAX_FUZZY_DISTANCE",
    "MAX_PAGE",
    "MAX_QUERY_CHARS",
    "MIN_FUZZY_LETTERS",
    "MIN_WILDCARD_PREFIX",
    "MarkedArticle",
    "QueryError",
    "SCHEMA_VERSION",
    "SCOPES",
    "SORTS",
    "QuoteHit",
    "RelatedArticle",
    "SearchError",
    "SearchIndex",
    "SearchResult",
    "USER_FIELDS",
    "check_query",
    "mark_article",
    "rebuild",
    "rebuild_needed",
    "rollback",
    "to_document",
    "update",
]
