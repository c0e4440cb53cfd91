"""The web front end: a Flask app factory over the archive (read-only) and its index."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Flask

from archive.home import Home, resolve_home
from index import SearchIndex


@dataclass(frozen=True)
class Resources:
    """What the app reads from, set up once per app (not per module) by the factory."""

    home: Home
    index: SearchIndex


def create_app(test_config: dict[str, Any] | None = None) -> Flask:
    """Build the app: defaults, then ARCHIVE_* environment, then the test mapping.

    ARCHIVE_PAGE_SIZE=50 in the environment sets PAGE_SIZE, and so on; the data home
    comes from ARCHIVE_HOME (config or environment), else ./data.
    """
    app = Flask(__name__)
    app.config.from_mapping(ARCHIVE_HOME=None, PAGE_SIZE=20, SEARCH_TIME_LIMIT=10.0, PUBLIC_URL="")
    app.config.from_prefixed_env("ARCHIVE")
    if test_config:
        app.config.update(test_config)
    home = resolve_home(app.config["ARCHIVE_HOME"])
    app.config["ARCHIVE_HOME"] = str(home.root)
    app.extensions["archive"] = Resources(
        home, SearchIndex(home.index, time_limit=app.config["SEARCH_TIME_LIMIT"])
    )

    from webapp import db, errors, security
    from webapp.views import articles, search

    db.init_app(app)
    errors.init_app(app)
    security.init_app(app)
    app.register_blueprint(search.bp)
    app.register_blueprint(articles.bp)
    return app
