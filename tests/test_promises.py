"""Promises users rely on, each pinned so that breaking it fails here: precedence of
metadata, restriction in front matter, id collisions, a long-lived app and a rebuilt
index, the partial flag, --no-index, and which generations are kept."""

from __future__ import annotations

import index
from archive.blobs import BlobStore
from archive.identity import article_id
from archive.ingest import ingest_paths
from archive.store import Store
from index import _generations
from tests.conftest import ingest, write_article
from webapp import create_app

FRONT = "---\ntitle: Title from front matter\nsource: Front Source\ndate: 2019-05\nkey: case-7\n---\nFirst line\n\nBody."


def test_the_sidecar_wins_over_front_matter_field_by_field(tmp_path, home):
    write_article(tmp_path / "p", "a.md", FRONT, {"source": "Sidecar Source"})
    ingest(home, tmp_path / "p")
    with Store.open(home.database, readonly=True) as store:
        (article,) = list(store.iter_current())
    record = article.record
    assert (record.source, record.title, record.date) == (
        "Sidecar Source",
        "Title from front matter",
        "2019-05",
    )
    assert article.id == article_id("key:case-7") == "z6tup3y74i"


def test_restricted_in_front_matter_alone_keeps_the_article_out_of_the_index(tmp_path, home):
    text = "---\nvisibility: restricted\n---\nWitness statement\n\nThe okapiword testimony."
    write_article(tmp_path / "r", "w.md", text, {"source": "S"})
    ingest(home, tmp_path / "r")
    with Store.open(home.database, readonly=True) as store:
        assert [a.record.visibility for a in store.iter_current()] == ["restricted"]
    assert index.SearchIndex(home.index).search("okapiword").total == 0


def test_an_id_taken_by_another_key_is_lengthened_not_shared(tmp_path, home):
    wanted = article_id("key:second")
    with Store.open(home.database, create=True) as store:
        # Another article already holds the 10-character id the new key would get.
        from archive.records import ArticleRecord, Provenance

        prov = Provenance("0" * 64, 1, "x.txt", "2026-01-01T00:00:00Z", "plaintext/1", "test")
        with store.transaction():
            store.add_version(wanted, "key:first-holder", "x", ArticleRecord("X", ("p",)), prov)
    write_article(tmp_path / "c", "second.txt", "Second\n\nBody.", {"key": "second"})
    with Store.open(home.database) as store:
        report = ingest_paths([tmp_path / "c"], store, BlobStore(home.originals))
    (outcome,) = report.outcomes
    assert outcome.status == "new"
    assert outcome.id == article_id("key:second", 12) and len(outcome.id) == 12
    assert outcome.id.startswith(wanted)


def test_a_long_lived_app_sees_a_rebuilt_index(tmp_path, seeded_home, cli):
    client = create_app({"ARCHIVE_HOME": str(seeded_home.root), "TESTING": True}).test_client()
    assert client.get("/api/search?q=pangolinword").get_json()["total"] == 0
    write_article(tmp_path / "late", "late.txt", "Late\n\nA pangolinword account.")
    assert cli("ingest", tmp_path / "late", "--no-index", "--home", seeded_home.root).exit_code == 0
    assert client.get("/api/search?q=pangolinword").get_json()["total"] == 0  # --no-index: unchanged
    assert cli("reindex", "--full", "--home", seeded_home.root).exit_code == 0
    assert client.get("/api/search?q=pangolinword").get_json()["total"] == 1


def test_a_search_cut_short_by_its_time_limit_says_so(tmp_path, home):
    for n in range(40):
        write_article(tmp_path / "many", f"{n}.txt", f"Report {n}\n\n" + "the camp report " * 50)
    ingest(home, tmp_path / "many")
    calm = index.SearchIndex(home.index, time_limit=10).search('"camp report"')
    assert (calm.total, calm.partial, calm.notices) == (40, False, ())
    rushed = index.SearchIndex(home.index, time_limit=0.0).search('"camp report"')
    assert rushed.partial
    assert rushed.notices == ("The search took longer than 0 s and was stopped: results are partial.",)
    assert rushed.to_json()["partial"] is True


def test_no_index_leaves_the_index_as_it_was(tmp_path, seeded_home, cli):
    before = _generations.read_meta(_generations.current(seeded_home.index))
    write_article(tmp_path / "n", "n.txt", "New\n\nA tapirword.")
    assert cli("ingest", tmp_path / "n", "--no-index", "--home", seeded_home.root).exit_code == 0
    assert _generations.read_meta(_generations.current(seeded_home.index)) == before
    assert index.SearchIndex(seeded_home.index).search("tapirword").total == 0


def test_rebuilds_keep_exactly_the_current_and_the_previous_generation(seeded_home, cli):
    names = []
    for _ in range(3):
        assert cli("reindex", "--full", "--home", seeded_home.root).exit_code == 0
        names.append(_generations.current(seeded_home.index).name)
    kept = sorted(p.name for p in seeded_home.index.iterdir() if p.is_dir() and p.name.startswith("gen-"))
    assert kept == sorted(names[-2:])
    assert _generations.previous(seeded_home.index).name == names[-2]


def test_an_archive_with_no_public_article_searches_as_empty(tmp_path, home):
    write_article(tmp_path / "e", "only.txt", "Sealed\n\nSealed text.", {"visibility": "restricted"})
    ingest(home, tmp_path / "e")
    result = index.SearchIndex(home.index).search("")
    assert (result.total, result.hits, result.partial) == (0, [], False)
    assert index.SearchIndex(home.index).search("sealed").total == 0
