"""Article pages at their permanent URLs, their JSON twin, and the raw originals."""

from __future__ import annotations

import base64
import re
from dataclasses import replace

from flask import (
    Blueprint,
    Response,
    abort,
    current_app,
    jsonify,
    redirect,
    render_template,
    request,
    url_for,
)

import index
from archive.blobs import BlobStore
from archive.records import StoredArticle
from archive.visibility import PUBLIC
from webapp.db import get_store, resources

bp = Blueprint("articles", __name__)

_SHA256 = re.compile(r"^[0-9a-f]{64}$")


def _load(article_id: str) -> tuple[StoredArticle, StoredArticle]:
    """The requested version and the current one, as the public may see them, or a 404.

    Hidden versions answer exactly as missing ones do, so a restricted article or
    version cannot be told apart from one that never existed.
    """
    version = request.args.get("version", "")
    if version and not version.isdigit():
        abort(400, description=f"'version' must be a whole number, not {version[:40]!r}.")
    stored = get_store().get(article_id)
    current = stored.view_for(PUBLIC) if stored is not None else None
    if current is None:
        abort(
            404,
            description=f"There is no article {article_id}. Check the address; the article may have been withdrawn.",
        )
    if not version or int(version) == current.version:
        return current, current
    if int(version) not in {v.version for v in current.versions}:
        abort(404, description=f"Article {article_id} has no version {version}.")
    shown = get_store().get(article_id, int(version))
    return replace(shown, versions=current.versions), current


@bp.get("/articles/<article_id>")
@bp.get("/articles/<article_id>/<slug>")
def article_page(article_id: str, slug: str | None = None):
    article, current = _load(article_id)
    if slug != current.slug:
        target = url_for("articles.article_page", article_id=article_id, slug=current.slug, **request.args)
        return redirect(target, code=301)
    # Behind a proxy, PUBLIC_URL names the address readers see and should cite.
    base = resources().settings.public_url or request.url_root
    permalink = base.rstrip("/") + current.path
    query = request.args.get("q", "").strip()
    record = article.record
    marked = index.mark_article(query, record.title, record.paragraphs) if query else None
    return render_template(
        "article.html",
        article=article,
        current=current,
        permalink=permalink,
        query=query,
        marked=marked,
        how_labels=HOW_LABELS,
        related=_related(article.id, quiet=True),
    )


RELATED = 5


def _related(article_id: str, *, quiet: bool = False) -> list[index.RelatedArticle]:
    """Up to RELATED public articles like this one, best first.

    The index holds public articles only; each is checked against the archive again,
    so an article restricted since the index was last updated is never offered. On the
    page (`quiet`), an index that cannot be read means no list rather than no page.
    """
    try:
        found = resources().index.related(article_id, limit=RELATED + 3)
    except index.SearchError:
        if quiet:
            return []
        raise
    store = get_store()
    public = [r for r in found if (s := store.get(r.id)) is not None and s.view_for(PUBLIC) is not None]
    return public[:RELATED]


# How a quote's speaker was found, as the page says it (the confidence a reader can give it).
HOW_LABELS = {
    "explicit": "named with the quote",
    "pronoun": "from “he”, “she” or a description, nearest person before",
    "group": "a group or organisation",
    "none": "not resolved",
}


@bp.get("/api/articles/<article_id>")
def article_api(article_id: str):
    return jsonify(_load(article_id)[0].to_json())


@bp.get("/api/articles/<article_id>/related")
def related_api(article_id: str):
    """The articles most like this one, as listed under "Related articles" on its page."""
    _load(article_id)  # a 404 for an unknown or restricted article, as on its page
    return jsonify({"id": article_id, "related": [r.to_json() for r in _related(article_id)]})


@bp.get("/originals/<digest>")
def original(digest: str):
    """The raw bytes exactly as ingested, as a download: never rendered by the browser."""
    if not _SHA256.match(digest) or not get_store().blob_visible_to(digest, PUBLIC):
        abort(404, description=f"There is no public original with SHA-256 {digest[:64]}.")
    try:
        data = BlobStore(resources().home.originals).read(digest)
    except OSError:
        current_app.logger.error("Original %s is in the database but cannot be read", digest)
        abort(
            404,
            description=f"The original {digest} is missing from the archive's storage; run 'archive verify'.",
        )
    response = Response(data, mimetype="application/octet-stream")
    response.headers["Content-Disposition"] = f'attachment; filename="{digest}"'
    # RFC 9530 digest, so a client can check the bytes it received; they never change.
    response.headers["Repr-Digest"] = f"sha-256=:{base64.b64encode(bytes.fromhex(digest)).decode()}:"
    response.headers["Cache-Control"] = "public, max-age=31536000, immutable"
    response.set_etag(digest)
    return response
