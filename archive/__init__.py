"""The archive: reading source files, normalizing them, and keeping them safe.

This package is the source of truth. It knows nothing of Whoosh or Flask, so the
search engine and the web front end can change without touching how evidence is kept.
"""

from archive.errors import ArchiveError, NoArchive, Rejected
from archive.records import ArticleRecord, Provenance, StoredArticle, VersionInfo

__all__ = [
    "ArchiveError",
    "ArticleRecord",
    "NoArchive",
    "Provenance",
    "Rejected",
    "StoredArticle",
    "VersionInfo",
]
