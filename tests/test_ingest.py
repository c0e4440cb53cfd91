"""Ingestion against a real SQLite file and a real blob folder."""

import os

import pytest

from archive.blobs import BlobStore
from archive.ingest import ingest_paths
from archive.store import Store
from tests.conftest import SEEDS, write_article


@pytest.fixture
def store(home):
    with Store.open(home.database, create=True) as store:
        yield store


@pytest.fixture
def blobs(home):
    return BlobStore(home.originals)


def _only(report):
    assert len(report.outcomes) == 1, report.outcomes
    return report.outcomes[0]


def test_seed_ingests_with_sidecar_metadata(store, blobs):
    outcome = _only(ingest_paths([SEEDS], store, blobs))
    assert outcome.status == "new"
    article = store.get(outcome.id)
    assert article.record.source == "Bitter Winter"
    assert article.record.authors == ("Leila Adilzhan",)
    assert article.record.language == "en"
    assert article.record.date == ""  # unknown, not invented
    assert article.provenance.original_name == "000_fdb5cd3d6fd92abd.txt"
    assert article.provenance.sidecar_name == "000_fdb5cd3d6fd92abd.json"
    assert blobs.read(article.provenance.raw_sha256) == (SEEDS / "000_fdb5cd3d6fd92abd.txt").read_bytes()


def test_reingest_is_a_noop(store, blobs):
    first = _only(ingest_paths([SEEDS], store, blobs))
    seq = store.max_seq()
    again = _only(ingest_paths([SEEDS], store, blobs))
    assert (again.status, again.id) == ("unchanged", first.id)
    assert store.max_seq() == seq
    assert store.counts() == {"articles": 1, "public": 1, "versions": 1}


def test_corrected_version_keeps_id_and_history(tmp_path, store, blobs):
    folder = tmp_path / "inbox"
    path = write_article(folder, "report.txt", "Old title\nBy Jane Roe\nFirst wording.")
    first = _only(ingest_paths([path], store, blobs))
    write_article(folder, "report.txt", "Corrected title\nBy Jane Roe\nSecond wording.")
    second = _only(ingest_paths([path], store, blobs))
    assert (second.status, second.id, second.version) == ("updated", first.id, 2)
    current = store.get(first.id)
    assert current.record.title == "Corrected title" and current.slug == "corrected-title"
    assert [v.title for v in current.versions] == ["Old title", "Corrected title"]
    old = store.get(first.id, 1)
    assert old.record.paragraphs == ("First wording.",)
    assert blobs.exists(old.provenance.raw_sha256)


def test_same_url_is_the_same_article_even_under_another_name(tmp_path, store, blobs):
    meta = {"url": "https://example.org/story", "source": "Example"}
    a = _only(ingest_paths([write_article(tmp_path / "a", "one.txt", "Title\nBody.", meta)], store, blobs))
    b = _only(
        ingest_paths(
            [write_article(tmp_path / "b", "two.txt", "Title\nBody, corrected.", meta)], store, blobs
        )
    )
    assert (b.status, b.id) == ("updated", a.id)


def test_same_bytes_under_another_name_are_not_duplicated(tmp_path, store, blobs):
    first = _only(ingest_paths([write_article(tmp_path / "a", "x.txt", "Title\nBody.")], store, blobs))
    copy = _only(ingest_paths([write_article(tmp_path / "b", "copy.txt", "Title\nBody.")], store, blobs))
    assert (copy.status, copy.id) == ("unchanged", first.id)
    assert "same bytes as article" in copy.warnings[-1]


def test_sidecar_change_alone_is_a_new_version(tmp_path, store, blobs):
    path = write_article(tmp_path, "a.txt", "Title\nBody.", {"source": "One"})
    first = _only(ingest_paths([path], store, blobs))
    write_article(tmp_path, "a.txt", "Title\nBody.", {"source": "Two"})
    second = _only(ingest_paths([path], store, blobs))
    assert (second.status, second.id) == ("updated", first.id)
    assert store.get(first.id).record.source == "Two"


def test_bad_files_are_rejected_by_name_and_the_batch_goes_on(tmp_path, store, blobs):
    folder = tmp_path / "batch"
    write_article(folder, "good.txt", "A good article\nWith a body.")
    write_article(folder, "empty.txt", "")
    write_article(folder, "blank.txt", "  \n\n")
    write_article(folder, "page.html", "<!doctype html><title>x</title>")
    write_article(folder, "bad-meta.txt", "Title\nBody.", {"date": "yesterday"})
    (folder / "binary.txt").write_bytes(b"\x00\x01\x02binary")
    (folder / "big.txt").write_bytes(b"x" * 2048)
    os.symlink(folder / "does-not-exist", folder / "dangling.txt")
    (folder / ".DS_Store").write_bytes(b"\x00junk")
    report = ingest_paths([folder, tmp_path / "missing"], store, blobs, max_bytes=1024)
    reasons = {os.path.basename(o.path): o.reason for o in report.outcomes if o.status == "rejected"}
    assert report.counts == {"new": 1, "updated": 0, "unchanged": 0, "rejected": 8, "skipped": 1}
    assert reasons["missing"] == "no such file or folder"
    assert "empty" in reasons["empty.txt"]
    assert "has no text" in reasons["blank.txt"]
    assert "HTML" in reasons["page.html"]
    assert reasons["bad-meta.txt"].startswith("bad-meta.json: metadata field 'date'")
    assert "binary" in reasons["binary.txt"]
    assert "over the" in reasons["big.txt"]
    assert "cannot be read" in reasons["dangling.txt"]
    assert ".DS_Store" not in reasons
    skipped = [(os.path.basename(o.path), o.reason) for o in report.outcomes if o.status == "skipped"]
    assert skipped == [(".DS_Store", "a hidden file")]


def test_legacy_encoding_is_ingested_with_a_warning(tmp_path, store, blobs):
    path = write_article(tmp_path, "fine.txt", "Club fined\nThe fine was £500.", encoding="latin-1")
    outcome = _only(ingest_paths([path], store, blobs))
    assert outcome.status == "new"
    assert "read as cp1252" in outcome.warnings[0]
    assert "£500" in store.get(outcome.id).record.paragraphs[0]


def test_a_failure_inside_the_transaction_leaves_nothing_behind(tmp_path, store, blobs, monkeypatch):
    path = write_article(tmp_path, "a.txt", "Title\nBody.")
    real_add = Store.add_version

    def crash_after_writing(self, *args, **kwargs):
        real_add(self, *args, **kwargs)
        raise KeyboardInterrupt("power cut")

    monkeypatch.setattr(Store, "add_version", crash_after_writing)
    with pytest.raises(KeyboardInterrupt):
        ingest_paths([path], store, blobs)
    assert store.counts() == {"articles": 0, "public": 0, "versions": 0}
    monkeypatch.undo()
    assert _only(ingest_paths([path], store, blobs)).status == "new"


def test_restricted_articles_are_stored_but_marked(tmp_path, store, blobs):
    path = write_article(
        tmp_path, "secret.txt", "Witness statement\nName withheld.", {"visibility": "restricted"}
    )
    outcome = _only(ingest_paths([path], store, blobs))
    assert store.get(outcome.id).record.visibility == "restricted"
    assert store.counts() == {"articles": 1, "public": 0, "versions": 1}


def test_a_json_array_beside_a_file_is_data_not_its_sidecar(tmp_path, store, blobs):
    folder = tmp_path / "cases"
    write_article(folder, "cases.txt", "Case notes\nSummary of the cases.")
    (folder / "cases.json").write_text('[{"case_id": "SR001"}]', encoding="utf-8")
    report = ingest_paths([folder], store, blobs)
    by_name = {os.path.basename(o.path): o for o in report.outcomes}
    assert by_name["cases.txt"].status == "new"
    assert store.get(by_name["cases.txt"].id).provenance.sidecar_name == ""
    assert (
        by_name["cases.json"].status == "rejected"
        and "a JSON array of 1 record" in by_name["cases.json"].reason
    )


def test_an_empty_sidecar_is_named_in_the_rejection(tmp_path, store, blobs):
    path = write_article(tmp_path, "a.txt", "Title\nBody.")
    (tmp_path / "a.json").write_bytes(b"")
    outcome = _only(ingest_paths([path], store, blobs))
    assert outcome.status == "rejected" and outcome.reason == "a.json: is empty (0 bytes)"


def test_a_damaged_database_is_a_clear_error(tmp_path):
    from archive.errors import StoreError

    bad = tmp_path / "archive.sqlite3"
    bad.write_bytes(b"this is not a database" * 100)
    with pytest.raises(StoreError, match="cannot be opened as an archive database"):
        Store.open(bad)
    with pytest.raises(StoreError, match="cannot be opened as an archive database"):
        Store.open(bad, readonly=True)


def test_a_database_that_refuses_writes_rejects_the_file_not_the_batch(tmp_path, home, blobs):
    with Store.open(home.database, create=True):
        pass
    path = write_article(tmp_path, "a.txt", "Title\nBody.")
    with Store.open(home.database) as writer, Store.open(home.database) as other:
        other._conn.execute("PRAGMA busy_timeout = 0")
        writer._conn.execute("BEGIN IMMEDIATE")  # another process holds the write lock
        outcome = _only(ingest_paths([path], other, blobs))
        writer._conn.execute("ROLLBACK")
    assert outcome.status == "rejected" and "database cannot be written" in outcome.reason


def test_metadata_the_readme_refuses_is_never_stored(tmp_path, store, blobs):
    folder = tmp_path / "dated"
    write_article(folder, "good.txt", "Good\nBody.", {"date": "2019-10-14", "language": "EN-us"})
    write_article(folder, "month.txt", "Month\nBody.", {"date": "2020-13-45"})
    write_article(folder, "feb.txt", "Feb\nBody.", {"date": "2020-02-30"})
    write_article(folder, "zero.txt", "Zero\nBody.", {"date": "2019-00"})
    write_article(folder, "future.txt", "Future\nBody.", {"date": "9999-12-31"})
    write_article(folder, "bogus.txt", "Bogus\nBody.", {"language": "xx-bogus"})
    write_article(folder, "year0.md", "---\ndate: 0000\n---\nYear zero\nBody.\n")
    report = ingest_paths([folder], store, blobs)
    reasons = {os.path.basename(o.path): o.reason for o in report.outcomes if o.status == "rejected"}
    assert sorted(reasons) == ["bogus.txt", "feb.txt", "future.txt", "month.txt", "year0.md", "zero.txt"]
    assert reasons["year0.md"].startswith("metadata field 'date'")
    assert reasons["bogus.txt"].startswith("bogus.json: metadata field 'language'")
    (good,) = [o for o in report.outcomes if o.status == "new"]
    record = store.get(good.id).record
    assert (record.date, record.language) == ("2019-10-14", "en-US")
    assert store.counts()["articles"] == 1
