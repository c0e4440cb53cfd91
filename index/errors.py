"""Search errors, each with a message that says what to do."""

from __future__ import annotations

from archive.errors import ArchiveError


class SearchError(ArchiveError):
    """Base for problems with the index or a query."""


class QueryError(SearchError):
    """The query cannot be understood; the message says where and how to fix it."""


class IndexMissing(SearchError):
    def __init__(self, detail: str = "there is no search index yet"):
        super().__init__(
            f"The search index is not ready: {detail}. Run 'archive reindex --if-needed' to build it."
        )


class IndexBusy(SearchError):
    def __init__(self):
        super().__init__("Another process is writing the search index; try again when it has finished.")
