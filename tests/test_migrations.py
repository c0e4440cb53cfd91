"""Numbered schema migrations on a real SQLite file: forward in order, all or nothing."""

from __future__ import annotations

import sqlite3

import pytest

from archive import store as store_module
from archive.errors import StoreError
from archive.store import Store

LATEST = len(store_module.MIGRATIONS)
QUOTES = "CREATE TABLE timeline_notes (article_id TEXT NOT NULL, anchor TEXT NOT NULL, text TEXT NOT NULL);"


def user_version(path) -> int:
    with sqlite3.connect(path) as conn:
        return conn.execute("PRAGMA user_version").fetchone()[0]


def tables(path) -> set[str]:
    with sqlite3.connect(path) as conn:
        return {r[0] for r in conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


LATEST = len(store_module.MIGRATIONS)


def test_an_archive_gains_a_new_table_and_keeps_its_rows(seeded_home, monkeypatch):
    assert user_version(seeded_home.database) == LATEST
    with Store.open(seeded_home.database, readonly=True) as store:
        before = [a.id for a in store.iter_current()]
    monkeypatch.setattr(store_module, "MIGRATIONS", (*store_module.MIGRATIONS, QUOTES))
    with pytest.raises(
        StoreError, match=f"is at schema {LATEST} and this version needs {LATEST + 1}. Run 'archive reindex'"
    ):
        Store.open(seeded_home.database, readonly=True)
    Store.open(seeded_home.database).close()
    assert user_version(seeded_home.database) == LATEST + 1
    assert "timeline_notes" in tables(seeded_home.database)
    with Store.open(seeded_home.database, readonly=True) as store:
        assert [a.id for a in store.iter_current()] == before


def test_a_failing_migration_leaves_the_archive_as_it_was(seeded_home, monkeypatch):
    broken = QUOTES + " INSERT INTO no_such_table VALUES (1);"
    monkeypatch.setattr(store_module, "MIGRATIONS", (*store_module.MIGRATIONS, broken))
    with pytest.raises(
        StoreError, match=f"could not be brought to schema {LATEST + 1} .* it was left at schema {LATEST}"
    ):
        Store.open(seeded_home.database)
    assert user_version(seeded_home.database) == LATEST
    assert "timeline_notes" not in tables(seeded_home.database)


def test_a_newer_archive_is_refused_untouched(seeded_home):
    with sqlite3.connect(seeded_home.database) as conn:
        conn.execute("PRAGMA user_version = 7")
    for readonly in (False, True):
        with pytest.raises(
            StoreError,
            match=f"newer version of the archive .schema 7; this version knows schemas up to {LATEST}",
        ):
            Store.open(seeded_home.database, readonly=readonly)
    assert user_version(seeded_home.database) == 7


def test_a_new_archive_starts_at_the_latest_schema(home):
    Store.open(home.database, create=True).close()
    assert user_version(home.database) == len(store_module.MIGRATIONS)
    assert {"articles", "versions"} <= tables(home.database)


def test_an_archive_of_schema_1_gets_each_version_s_origin_as_its_first_source(tmp_path):
    """Schema 2 adds item provenance and sources; versions written before it keep theirs."""
    path = tmp_path / "old.sqlite3"
    with sqlite3.connect(path) as conn:
        conn.executescript(store_module.MIGRATIONS[0] + "PRAGMA user_version = 1;")
        conn.execute(
            "INSERT INTO articles VALUES ('abc', 'url:https://x.org/a', 'a', 'public', 1, "
            "'2020-01-01T00:00:00Z', '2020-01-01T00:00:00Z')"
        )
        conn.execute(
            "INSERT INTO versions (article_id, version, title, standfirst, authors, paragraphs, source, url, "
            "date, language, tags, visibility, raw_sha256, raw_size, original_name, sidecar_sha256, "
            "sidecar_name, ingested_at, parser, tool_version) VALUES ('abc', 1, 'A', '', '[]', '[\"Body.\"]', "
            "'', 'https://x.org/a', '', '', '[]', 'public', 'f00d', 9, 'a.txt', 'beef', 'a.json', "
            "'2020-01-01T00:00:00Z', 'plaintext/1', '0.1.0')"
        )
    with Store.open(path) as store:
        article = store.get("abc")
    assert user_version(path) == len(store_module.MIGRATIONS)
    assert article.enrichment is None  # enrichment comes with `archive enrich`, never from a migration
    assert article.provenance.item_locator == "" and article.provenance.item_details == ()
    assert [(s.raw_sha256, s.sidecar_sha256, s.original_name, s.item_locator) for s in article.sources] == [
        ("f00d", "beef", "a.txt", "")
    ]


def test_languages_stored_before_detection_existed_read_as_given(seeded_home):
    """Schema 4 added `language_detected`; every language in an older archive was given."""
    with sqlite3.connect(seeded_home.database) as conn:  # make it the schema-1 archive it once was
        conn.execute("ALTER TABLE versions DROP COLUMN language_detected")
        conn.execute("PRAGMA user_version = 3")
    with pytest.raises(StoreError, match="is at schema 3"):
        Store.open(seeded_home.database, readonly=True)
    Store.open(seeded_home.database).close()
    assert user_version(seeded_home.database) == LATEST
    with Store.open(seeded_home.database, readonly=True) as store:
        (article,) = list(store.iter_current())
    assert article.to_json()["language"] == "en"
    assert article.to_json()["language_source"] == "given"
