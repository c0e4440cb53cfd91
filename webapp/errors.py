"""Every failure becomes a page (or JSON under /api/) that says what happened.

No traceback ever reaches a browser: unexpected errors are logged and answered with a
plain 500 page.
"""

from __future__ import annotations

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from archive.errors import ArchiveError, NoArchive
from index import IndexMissing, QueryError


def wants_json() -> bool:
    return request.path.startswith("/api/")


def error_response(status: int, title: str, message: str, **details):
    """The error as JSON under /api/ (with any details, such as the last page), else a page."""
    if wants_json():
        return jsonify({"error": {"status": status, "title": title, "message": message, **details}}), status
    page = render_template(
        "error.html", status=status, title=title, message=message, query=request.args.get("q", "")
    )
    return page, status


def init_app(app: Flask) -> None:
    @app.errorhandler(QueryError)
    def bad_query(exc: QueryError):
        return error_response(400, "The query cannot be searched", str(exc))

    @app.errorhandler(NoArchive)
    def no_archive(exc: NoArchive):
        return error_response(503, "The archive is empty", str(exc))

    @app.errorhandler(IndexMissing)
    def no_index(exc: IndexMissing):
        return error_response(503, "Search is not ready", str(exc))

    @app.errorhandler(ArchiveError)
    def archive_error(exc: ArchiveError):
        app.logger.error("Archive error on %s: %s", request.path, exc)
        return error_response(503, "The archive cannot be read", str(exc))

    @app.errorhandler(HTTPException)
    def http_error(exc: HTTPException):
        return error_response(exc.code or 500, exc.name, exc.description or "")

    @app.errorhandler(Exception)
    def unexpected(exc: Exception):
        app.logger.exception("Unhandled error on %s", request.path)
        return error_response(
            500,
            "Something went wrong",
            "The error has been logged. Please try again, or report it with the address of this page.",
        )
