"""Permanent article ids and slugs.

An id is derived from the article's identity key, never from its text or title, so a
corrected version keeps its id and its URL. The key is, in order of preference: the
archivist's explicit `key`, the canonical URL, or the folder and file name the article
arrived under.
"""

from __future__ import annotations

import base64
import hashlib
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

from slugify import slugify

ID_LENGTH = 10


def identity_key(explicit_key: str, url: str, path: Path) -> str:
    """The stable name of an article, from the strongest evidence available."""
    if explicit_key:
        return f"key:{explicit_key}"
    if url:
        return f"url:{canonical_url(url)}"
    return f"file:{path.parent.name}/{path.name}"


def canonical_url(url: str) -> str:
    """Fold the parts of a URL that do not change which page it names."""
    parts = urlsplit(url.strip())
    path = parts.path.rstrip("/") or "/"
    return urlunsplit((parts.scheme.lower(), parts.netloc.lower(), path, parts.query, ""))


def article_id(key: str, length: int = ID_LENGTH) -> str:
    """A short, URL-safe id: lower-case base32 of the key's SHA-256.

    Ten characters give 50 bits; the store lengthens an id in the unlikely event that
    two keys share a prefix, so an id is never given to two articles.
    """
    digest = hashlib.sha256(key.encode("utf-8")).digest()
    return base64.b32encode(digest).decode("ascii").lower().rstrip("=")[:length]


def make_slug(title: str) -> str:
    """A readable URL part from the title; cosmetic, the id alone finds the article."""
    return slugify(title, max_length=80, word_boundary=True) or "article"
