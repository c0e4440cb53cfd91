"""The web front end: a Flask app factory over the archive (read-only) and its index."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from flask import Flask

from archive.home import Home
from index import SearchIndex
from webapp.settings import Settings, from_config


@dataclass(frozen=True)
class Resources:
    """What the app reads from, set up once per app (not per module) by the factory."""

    settings: Settings
    home: Home
    index: SearchIndex


def create_app(test_config: Settings | dict[str, Any] | None = None) -> Flask:
    """Build the app from Settings, or (flaskr's way) from the environment and a mapping.

    A mapping may set ARCHIVE_HOME, PAGE_SIZE, SEARCH_TIME_LIMIT and PUBLIC_URL over the
    environment (webapp/settings.py), and any other Flask setting such as TESTING.
    """
    app = Flask(__name__)
    if isinstance(test_config, Settings):
        settings = test_config
    else:
        settings = from_config(test_config or {})
        app.config.update(test_config or {})
    home = settings.data_home
    app.config.update(
        ARCHIVE_HOME=str(home.root), PAGE_SIZE=settings.page_size, PUBLIC_URL=settings.public_url
    )
    app.extensions["archive"] = Resources(
        settings, home, SearchIndex(home.index, time_limit=settings.search_time_limit)
    )

    from webapp import db, errors, security
    from webapp.views import articles, search
    from webapp.views import help as help_view

    db.init_app(app)
    errors.init_app(app)
    security.init_app(app)
    app.register_blueprint(search.bp)
    app.register_blueprint(articles.bp)
    app.register_blueprint(help_view.bp)
    return app
