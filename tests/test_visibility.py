"""One visibility rule, in Python and in SQL, for every door."""

from __future__ import annotations

import json

import pytest

import index
from archive.store import Store
from archive.visibility import ARCHIVIST, PUBLIC, Viewer
from tests.conftest import ingest, write_article


@pytest.mark.parametrize(
    "viewer, article, version, seen",
    [
        (PUBLIC, "public", "public", True),
        (PUBLIC, "public", "restricted", False),
        (PUBLIC, "restricted", "public", False),
        (PUBLIC, "restricted", "restricted", False),
        (ARCHIVIST, "restricted", "restricted", True),
        (ARCHIVIST, "public", "restricted", True),
    ],
)
def test_who_sees_which_version(viewer, article, version, seen):
    assert viewer.sees_version(article, version) is seen


@pytest.fixture
def mixed(tmp_path, home):
    folder = tmp_path / "mixed"
    write_article(folder, "open.txt", "Open account\n\nA public quokkaword.", {"key": "open"})
    write_article(
        folder,
        "closed.txt",
        "Closed account\n\nA secret wombatword.",
        {"key": "closed", "visibility": "restricted"},
    )
    ingest(home, folder)
    # A public article whose first version was restricted (before a redaction).
    write_article(
        folder / "v",
        "later.txt",
        "Redacted\n\nUnredacted numbatword.",
        {"key": "later", "visibility": "restricted"},
    )
    ingest(home, folder / "v")
    write_article(folder / "v", "later.txt", "Redacted\n\nRedacted text.", {"key": "later"})
    ingest(home, folder / "v")
    return home


def test_sql_and_python_agree_on_every_original(mixed):
    with Store.open(mixed.database, readonly=True) as store:
        articles = {a.id: store.get(a.id) for a in store.iter_current()}
        for viewer in (PUBLIC, ARCHIVIST, Viewer("nobody special")):
            for article in articles.values():
                for version in article.versions:
                    expected = viewer.sees_version(article.record.visibility, version.visibility)
                    assert store.blob_visible_to(version.raw_sha256, viewer) is expected
        assert store.counts(PUBLIC) == {"articles": 3, "public": 2, "versions": 4}
        assert store.counts(ARCHIVIST)["public"] == 3


def test_restricted_words_reach_no_public_door(mixed, cli):
    for word in ("wombatword", "numbatword"):
        assert index.SearchIndex(mixed.index).search(word).total == 0
    assert index.SearchIndex(mixed.index).search("quokkaword").total == 1
    public = [
        json.loads(line)
        for line in cli("export", "--home", mixed.root).output.splitlines()
        if line.startswith("{")
    ]
    assert {a["title"] for a in public} == {"Open account", "Redacted"}
    everything = cli("export", "--include-restricted", "--home", mixed.root).output
    assert "wombatword" in everything
