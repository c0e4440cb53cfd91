"""Edges and exact messages that mutation testing showed no test was holding.

Each test here was written for a mutant that survived the suite (see tests/MUTATION.md):
a boundary moved by one, a message whose words were changed while a substring check
still passed, a unit conversion that could be wrong without anybody noticing.
"""

from __future__ import annotations

import pytest

import index
from archive.blobs import BlobStore
from archive.decode import _mostly_ascii, decode_bytes
from archive.errors import NoArchive
from archive.identity import canonical_url
from archive.ingest import ingest_paths
from archive.store import Store
from index import _generations


@pytest.mark.parametrize(
    "raw, mostly",
    [
        (b"plain ascii", True),
        (b"caf\xe9", True),  # one stray byte is always allowed, however short the text
        (b"\xe9\xe9a", False),  # two in three bytes is not "mostly ASCII"
        (b"\xe9\xe9" + b"a" * 38, True),  # 2 of 40 bytes: exactly the 5% allowed
        (b"\xe9\xe9" + b"a" * 37, False),  # 2 of 39 bytes: just over 5%
    ],
)
def test_mostly_ascii_threshold(raw, mostly):
    assert _mostly_ascii(raw) is mostly


def test_a_stray_latin1_byte_in_english_is_read_as_cp1252_and_said():
    # Three high bytes in 61: under the 5% that marks a mostly-English file.
    raw = b"Caf\xe9 owner speaks\nHe said \x93no\x94 to the officers at the border."
    assert len(raw) == 61
    text, warnings = decode_bytes(raw)
    assert text == "Café owner speaks\nHe said “no” to the officers at the border."
    assert warnings == ["not UTF-8 (invalid byte at offset 3); read as cp1252"]


def test_no_archive_message_says_what_to_do(tmp_path):
    where = tmp_path / "nowhere"
    assert str(NoArchive(where)) == (
        f"No archive at {where}: there is no database there yet. "
        "Run 'archive ingest PATH' to create one, or point --home / ARCHIVE_HOME "
        "at an existing data home."
    )


def test_only_slashes_are_trimmed_from_a_url_path():
    assert canonical_url("https://example.org/caseX/") == "https://example.org/caseX"
    assert canonical_url("https://example.org/a//") == "https://example.org/a"


def test_an_oversized_file_is_refused_with_its_size_in_mib(tmp_path, home):
    big = tmp_path / "in" / "huge.txt"
    big.parent.mkdir()
    with big.open("wb") as handle:  # sparse: the size check comes before any read
        handle.truncate(100 * 1024 * 1024)
    with Store.open(home.database, create=True) as store:
        outcome = ingest_paths([big], store, BlobStore(home.originals)).outcomes[0]
    assert (outcome.status, outcome.reason) == (
        "rejected",
        "is 100.0 MiB, over the 50.0 MiB limit for one file",
    )


def test_reindex_with_nothing_new_says_exactly_that(cli, seeded_home):
    assert cli("reindex", "--home", seeded_home.root).stdout == "index is up to date\n"


def test_a_busy_index_says_to_wait(seeded_home):
    with _generations.writer_lock(seeded_home.index):
        with pytest.raises(index.IndexBusy) as busy:
            with _generations.writer_lock(seeded_home.index, wait=False):
                pass
    assert str(busy.value) == "Another process is writing the search index; try again when it has finished."


def test_home_comes_from_the_flag_then_the_environment_then_data(tmp_path, monkeypatch):
    from archive.home import resolve_home

    monkeypatch.chdir(tmp_path)
    monkeypatch.delenv("ARCHIVE_HOME", raising=False)
    assert resolve_home().root == tmp_path / "data"
    monkeypatch.setenv("ARCHIVE_HOME", str(tmp_path / "from-env"))
    assert resolve_home().root == tmp_path / "from-env"
    assert resolve_home(tmp_path / "flag").root == tmp_path / "flag"


@pytest.mark.parametrize(
    "text, limit, snippet",
    [
        ("aaa bbb", 7, "aaa bbb"),  # exactly at the limit: not cut
        ("aaa bbb ccc ddd", 11, "aaa bbb …"),  # cut at the last space before the limit
    ],
)
def test_plain_snippet(text, limit, snippet):
    from index._highlight import plain_snippet

    assert str(plain_snippet(text, limit)) == snippet


def test_plain_snippet_default_limit_is_240_characters():
    from index._highlight import plain_snippet

    text = "x" * 100 + " " + "y" * 140  # 241 characters
    assert str(plain_snippet(text)) == "x" * 100 + " …"
    assert str(plain_snippet(text[:240])) == text[:240]


def test_index_status_names_its_generation(realistic_home, tmp_path):
    # Ready/message/documents are pinned in test_marking.py; here the generation it names.
    status = index.SearchIndex(realistic_home.index).status()
    assert (status.documents, status.generation) == (9, _generations.current(realistic_home.index).name)
    missing = index.SearchIndex(tmp_path / "no-index").status()
    assert (missing.ready, missing.documents, missing.generation) == (False, 0, "")


def test_an_index_from_another_schema_version_names_both_versions(seeded_home):
    folder = _generations.current(seeded_home.index)
    meta = _generations.read_meta(folder)
    _generations.write_meta(folder, {**meta, "schema_version": 0})
    with pytest.raises(index.IndexMissing) as stale:
        index.SearchIndex(seeded_home.index).search("Atajurt")
    assert str(stale.value) == (
        "The search index is not ready: it was built with other fields or analysis settings than this "
        "version of the archive uses. Run 'archive reindex --if-needed' to build it."
    )


def test_an_unopenable_generation_names_the_folder_and_the_error(seeded_home):
    folder = _generations.current(seeded_home.index)
    for toc in folder.glob("*.toc"):
        toc.unlink()
    with pytest.raises(index.IndexMissing) as broken:
        index.SearchIndex(seeded_home.index).search("Atajurt")
    assert f"the index in {folder} cannot be opened (EmptyIndexError)" in str(broken.value)
