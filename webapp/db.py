"""The archive database, opened read-only once per request and closed in teardown."""

from __future__ import annotations

from flask import Flask, current_app, g

from archive.store import Store


def resources():
    return current_app.extensions["archive"]


def get_store() -> Store:
    """The request's read-only store; raises NoArchive if the data home is empty."""
    if "store" not in g:
        g.store = Store.open(resources().home.database, readonly=True)
    return g.store


def close_store(exc: BaseException | None = None) -> None:
    store = g.pop("store", None)
    if store is not None:
        store.close()


def init_app(app: Flask) -> None:
    app.teardown_appcontext(close_store)
