"""The real Whoosh index in tmp_path, built from a real archive."""

import contextlib

import pytest

import index
from archive.home import Home
from archive.store import Store
from index import _generations
from tests.conftest import ingest, write_article


def _search(home, text="", **kwargs):
    return index.SearchIndex(home.index).search(text, **kwargs)


def test_seed_is_found_with_highlighted_passage(seeded_home, seed_id):
    result = _search(seeded_home, "Atajurt")
    assert result.total == 1
    hit = result.hits[0]
    assert hit.id == seed_id
    assert hit.url.startswith(f"/articles/{seed_id}/provisional-asylum")
    assert "<mark>Atajurt</mark>" in hit.snippet_html
    assert (hit.source, hit.authors, hit.date) == ("Bitter Winter", ("Leila Adilzhan",), "")


@pytest.mark.parametrize(
    "query",
    [
        "atajurt",
        "ATAJURT",
        "refugee",
        "Kazak*",
        '"we were very hungry"',
        "author:adilzhan",
        'source:"bitter winter"',
        "tag:asylum",
        "title:asylum",
        "Sauytbáy",
        "language:en",
    ],
)
def test_folding_stemming_fields_and_phrases(seeded_home, query):
    assert _search(seeded_home, query).total == 1


@pytest.mark.parametrize(
    "query", ['"very hungry we were"', "Atajurt NOT Turkey", "title:Atajurt", "year:2020"]
)
def test_queries_that_must_not_match(seeded_home, query):
    assert _search(seeded_home, query).total == 0


def test_facets_and_filters(tmp_path, seeded_home):
    write_article(
        tmp_path / "more",
        "one.txt",
        "Camp survivor speaks\nShe described the camp.",
        {"source": "Example Times", "date": "2019-05-01", "authors": ["A. Writer"], "tags": ["camps"]},
    )
    write_article(
        tmp_path / "more",
        "two.txt",
        "Second camp report\nAnother camp account.",
        {"source": "Example Times", "date": "2021-02-03", "language": "kk"},
    )
    ingest(seeded_home, tmp_path / "more")
    everything = _search(seeded_home)
    assert everything.total == 3
    assert [h.date for h in everything.hits] == ["2021-02-03", "2019-05-01", ""]  # newest first
    sources = {f.value: f.count for f in everything.facets["source"]}
    assert sources == {"Example Times": 2, "Bitter Winter": 1}
    assert {f.value for f in everything.facets["year"]} == {"2019", "2021"}
    assert {f.value: f.count for f in everything.facets["tag"]}["camps"] == 1
    camp = _search(seeded_home, "camp", filters={"source": ["Example Times"], "year": ["2019"]})
    assert [h.title for h in camp.hits] == ["Camp survivor speaks"]
    either = _search(seeded_home, filters={"year": ["2019", "2021"]})
    assert either.total == 2


def test_multi_value_facets_stay_right_across_updates(tmp_path, home):
    folder = tmp_path / "f"
    write_article(folder, "a.txt", "Alpha story\nText.", {"authors": ["Ann", "Bo"], "tags": ["camps"]})
    write_article(folder, "b.txt", "Beta story\nText.", {"authors": ["Bo"]})
    ingest(home, folder)
    searcher = index.SearchIndex(home.index)

    def authors():
        return {f.value: f.count for f in searcher.search("story").facets["author"]}

    assert authors() == {"Ann": 1, "Bo": 2}
    write_article(folder, "a.txt", "Alpha story\nText, corrected.", {"authors": ["Cy"], "tags": ["camps"]})
    ingest(home, folder)  # a new segment; the old copy of a.txt is deleted, not yet merged
    assert authors() == {"Bo": 1, "Cy": 1}
    assert {
        f.value: f.count for f in searcher.search("story", filters={"author": ["Bo"]}).facets["tag"]
    } == {}


def test_paging(tmp_path, home):
    for n in range(25):
        write_article(tmp_path / "many", f"{n:02}.txt", f"Testimony number {n}\nA witness testimony.")
    ingest(home, tmp_path / "many")
    first = _search(home, "testimony", pagelen=10)
    third = _search(home, "testimony", pagelen=10, page=3)
    assert (first.total, first.pages, len(first.hits), len(third.hits)) == (25, 3, 10, 5)
    assert not {h.id for h in first.hits} & {h.id for h in third.hits}
    with pytest.raises(index.QueryError, match="out of range"):
        _search(home, "testimony", page=0)
    # Totals and pages count only what the facet filters let through, in every sort order.
    for sort in ("relevance", "newest"):
        filtered = _search(home, "testimony", pagelen=2, sort=sort, filters={"language": ["xx"]})
        assert (filtered.total, filtered.hits) == (0, [])


def test_document_text_is_escaped_in_highlights(tmp_path, home):
    write_article(
        tmp_path / "x",
        "x.txt",
        "<script>alert('t')</script> Evil title\nBody has <b>bold</b> & <script>alert(1)</script> evil.",
    )
    ingest(home, tmp_path / "x")
    hit = _search(home, "evil").hits[0]
    assert "<script>" not in hit.snippet_html and "<script>" not in hit.title_html
    assert "&lt;script&gt;" in hit.snippet_html and "&lt;b&gt;bold&lt;/b&gt; &amp;" in hit.snippet_html
    assert "<mark>Evil</mark>" in hit.title_html


def test_incremental_update_and_full_rebuild_keep_ids(tmp_path, seeded_home, seed_id):
    path = write_article(tmp_path / "inbox", "a.txt", "Original headline\nFirst wording about Zaisan.")
    ingest(seeded_home, path)
    first = _search(seeded_home, "Zaisan").hits
    write_article(tmp_path / "inbox", "a.txt", "Corrected headline\nSecond wording about Zaisan.")
    ingest(seeded_home, path)
    second = _search(seeded_home, "Zaisan")
    assert second.total == 2  # the seed and the corrected article, not a stale duplicate
    corrected = [h for h in second.hits if h.id != seed_id]
    assert [h.title for h in corrected] == ["Corrected headline"]
    assert corrected[0].id in {h.id for h in first}
    before = _generations.current(seeded_home.index)
    with Store.open(seeded_home.database) as store:
        report = index.rebuild(store, seeded_home.index)
    after = _generations.current(seeded_home.index)
    assert report.indexed == 2 and after != before
    assert before.exists()  # the previous generation is kept for rollback
    assert {h.id for h in _search(seeded_home, "Zaisan").hits} == {h.id for h in second.hits}


def test_restricted_articles_never_reach_the_index(tmp_path, seeded_home):
    def ingest_as(visibility):
        text = "Protected witness\nThe witness from Ghulja spoke."
        return ingest(seeded_home, write_article(tmp_path / "r", "w.txt", text, {"visibility": visibility}))

    ingest_as("restricted")
    assert _search(seeded_home, "Ghulja").total == 0
    with Store.open(seeded_home.database) as store:
        index.rebuild(store, seeded_home.index)
    assert _search(seeded_home, "Ghulja").total == 0
    assert _search(seeded_home).total == 1
    # Made public by a corrected sidecar: it appears; restricted again: it disappears.
    ingest_as("public")
    assert _search(seeded_home, "Ghulja").total == 1
    ingest_as("restricted")
    assert _search(seeded_home, "Ghulja").total == 0


def test_missing_stale_or_damaged_index_says_rebuild(seeded_home):
    searcher = index.SearchIndex(seeded_home.index)
    folder = _generations.current(seeded_home.index)
    meta = _generations.read_meta(folder)
    _generations.write_meta(folder, {**meta, "schema_version": 0})
    with pytest.raises(index.IndexMissing, match="reindex --if-needed"):
        searcher.search("Atajurt")
    assert not searcher.status().ready
    (folder / "meta.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(index.IndexMissing, match="damaged"):
        searcher.search("Atajurt")
    _generations.write_meta(folder, meta)
    segment = next(folder.glob("*.seg"), None) or next(
        p for p in folder.glob("*") if p.suffix in (".trm", ".pst")
    )
    segment.unlink()
    with pytest.raises(index.IndexMissing, match="cannot be"):
        index.SearchIndex(seeded_home.index).search("Atajurt")
    for toc in folder.glob("*.toc"):
        toc.unlink()
    with pytest.raises(index.IndexMissing, match="cannot be opened"):
        index.SearchIndex(seeded_home.index).search("Atajurt")
    (seeded_home.index / "CURRENT").unlink()
    with pytest.raises(index.IndexMissing, match="no search index yet"):
        searcher.search("Atajurt")


def test_crashed_rebuild_leaves_the_current_generation_serving(seeded_home, monkeypatch):
    before = _generations.current(seeded_home.index)

    def boom(*args, **kwargs):
        raise RuntimeError("disk full")

    monkeypatch.setattr(index._build, "to_document", boom)
    with Store.open(seeded_home.database) as store, pytest.raises(RuntimeError):
        index.rebuild(store, seeded_home.index)
    assert _generations.current(seeded_home.index) == before
    assert _search(seeded_home, "Atajurt").total == 1


def test_one_writer_at_a_time(seeded_home):
    with _generations.writer_lock(seeded_home.index):
        with pytest.raises(index.IndexBusy):
            with _generations.writer_lock(seeded_home.index, wait=False):
                pass


def test_interrupted_update_resumes_from_its_last_commit(tmp_path, seeded_home, monkeypatch):
    from index import _build

    monkeypatch.setattr(_build, "COMMIT_EVERY", 2)
    for n in range(5):
        write_article(tmp_path / "batch", f"{n}.txt", f"Report {n} from Ili\nWitness {n} spoke.")
    with Store.open(seeded_home.database) as store:
        from archive.blobs import BlobStore
        from archive.ingest import ingest_paths

        ingest_paths([tmp_path / "batch"], store, BlobStore(seeded_home.originals))
        real = _build.to_document
        calls = {"n": 0}

        def dies_on_the_fourth(article):
            calls["n"] += 1
            if calls["n"] == 4:
                raise KeyboardInterrupt("killed")
            return real(article)

        monkeypatch.setattr(_build, "to_document", dies_on_the_fourth)
        with pytest.raises(KeyboardInterrupt):
            index.update(store, seeded_home.index)
        assert _search(seeded_home, "Ili").total == 2  # the first batch was committed
        monkeypatch.setattr(_build, "to_document", real)
        report = index.update(store, seeded_home.index)
    assert report.kind == "incremental" and report.indexed == 3  # only what was left
    assert _search(seeded_home, "Ili").total == 5
    assert _search(seeded_home).total == 6


def test_block_runs_give_the_same_index(tmp_path, monkeypatch):
    """Force every posting through temporary runs (a tiny memory limit), with Whoosh's own
    pool and with ours: every term of every field has the same postings."""
    from index import _build

    folder = tmp_path / "many"
    for n in range(30):
        write_article(folder, f"{n}.txt", f"Report {n}\n\nThe camp number {n} and the court {n % 7}.")
    results, postings = [], []
    for tuned in (False, True):
        home = Home(tmp_path / f"home-{tuned}")
        monkeypatch.setattr(_build, "LIMIT_MB", 0)
        monkeypatch.setattr(_build, "PARALLEL_FROM", 0)  # the multiprocess writer, as at scale
        if not tuned:
            monkeypatch.setattr(_build, "tuned_writing", contextlib.nullcontext)
        ingest(home, folder)
        found = index.SearchIndex(home.index).search("camp court", pagelen=50)
        results.append([(h.id, round(h.score, 9)) for h in found.hits])
        postings.append(_all_postings(home))
        monkeypatch.undo()
    assert results[0] == results[1] and len(results[0]) == 30
    assert postings[0] == postings[1]
    assert ("body", b"court") in postings[1] and ("pairs", b"body|the|court") in postings[1]


def _all_postings(home) -> dict:
    """(field, term) -> [(article id, encoded value, field length)] over the whole index."""
    from whoosh import index as whoosh_index

    return _index_postings(whoosh_index.open_dir(str(_generations.current(home.index))))


ANALYSED = {
    "almaty.txt": (
        "Hearing in Almaty\n\nThe court in Almaty heard Serikzhan Bilash. “We were told nothing "
        "at all,” Bilash said of the camps in Xinjiang. Don't-stop e.g. U.S. 3.5% naïve ÉCOLE.\n",
        {"source": "RFA", "authors": ["A. Writer", "B. Reporter"], "tags": ["camps", "courts"]},
    ),
    "ru.txt": (
        "Показания свидетеля\n\nОна была в лагере. «Нас не кормили», — сказала Сайрагүл Сауытбай.\n",
        {"source": "Azattyq", "language": "ru", "date": "2019-04-02"},
    ),
    "zh.txt": ("新疆拘禁营的证词\n\n她在拘禁营里被关了一年。\n", {"source": "RFA", "language": "zh"}),
    "bare.txt": ("Untitled note\n\n", {}),
}


def test_analysed_documents_index_what_whooshs_analyzer_would(tmp_path):
    """Documents handed to Whoosh as analysed words (to_document) give the same postings,
    field lengths and stored fields as the same texts analysed by Whoosh itself."""
    from whoosh import index as whoosh_index

    from index import _build
    from index._schema import build_schema

    home = Home(tmp_path / "data")
    for name, (text, meta) in ANALYSED.items():
        write_article(tmp_path / "in", name, text, meta)
    ingest(home, tmp_path / "in")
    with Store.open(home.database, readonly=True) as store:
        articles = list(store.iter_current())
    assert any(a.enrichment and a.enrichment.quotes for a in articles)  # quotes are analysed too
    built = []
    for way in ("ours", "whoosh"):
        folder = tmp_path / way
        folder.mkdir()
        ix = whoosh_index.create_in(str(folder), build_schema())
        with ix.writer() as writer:
            for article in articles:
                doc = index.to_document(article)
                if way == "whoosh":
                    doc = {k: v for k, v in doc.items() if not k.startswith("_stored_") and k != "pairs"}
                    doc.update(_build.index_texts(article))  # texts, which Whoosh analyses itself
                    doc["variants"] = " ".join(doc["variants"])
                else:
                    del doc["pairs"]  # tests/test_highlight.py and test_phrases.py hold pairs
                writer.add_document(**doc)
        with ix.reader() as reader:
            stored = sorted(sorted(fields.items()) for _, fields in reader.iter_docs())
        built.append((_index_postings(ix), stored))
    assert built[0] == built[1]
    postings = built[0][0]
    assert ("body", "лагере".encode()) in postings and ("body", "营".encode()) in postings
    assert ("quotes", b"told") in postings


def _index_postings(ix) -> dict:
    """(field, term) -> ([(article id, encoded value, field length)], the term's shortest and
    longest field length and highest weight) over a whole index."""
    out = {}
    with ix.reader() as reader:
        ids = {n: fields["id"] for n, fields in reader.iter_docs()}
        for fieldname, text in reader.all_terms():
            matcher = reader.postings(fieldname, text)
            rows = []
            while matcher.is_active():
                doc = matcher.id()
                rows.append((ids[doc], matcher.value(), reader.doc_field_length(doc, fieldname)))
                matcher.next()
            info = reader.term_info(fieldname, text)  # lengths seen while writing the postings
            out[fieldname, text] = (sorted(rows), info.min_length(), info.max_length(), info.max_weight())
    return out
