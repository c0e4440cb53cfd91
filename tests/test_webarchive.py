"""Web archives (WARC, WARC.gz, ARC.gz, WACZ): every article captured, everything else
counted, damage named by record; fixtures built with warcio's writer (tests/warc_fixtures.py)."""

from __future__ import annotations

import hashlib
import json
import os
from pathlib import Path

import pytest

from archive.blobs import BlobStore
from archive.ingest import STATUSES, ingest_paths
from archive.readers import choose_reader, webarchive
from archive.store import Store
from tests import warc_fixtures as fx
from tests.conftest import write_article

EN_ID, RU_ID, ZH_ID = "sv2j6kn3st", "cwj6ohwgn4", "ccas63ahyu"  # from the canonical URLs, forever


def rid(n: int) -> str:
    return f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>"


CRAWL = [  # (locator, what happened) for every record of fx.crawl_warc_gz()
    (f"record 1 {rid(1)}", "skipped: a warcinfo record (about the crawl, not a page)"),
    (f"record 2 {rid(2)} {fx.EN_URL}", f"article: {fx.EN_TITLE}"),
    (f"record 3 {rid(3)} {fx.EN_URL}", "skipped: a request record (what the crawler asked for)"),
    (f"record 4 {rid(4)} {fx.RU_URL}", f"article: {fx.RU_TITLE}"),
    (f"record 5 {rid(5)} http://news.example.org/old-link", "skipped: a redirect (HTTP 3xx)"),
    (f"record 6 {rid(6)} https://news.example.org/logo.png", "skipped: an image"),
    (f"record 7 {rid(7)} https://news.example.org/robots.txt", "skipped: robots.txt"),
    (f"record 8 {rid(8)} https://news.example.org/", "skipped: a site's home page (the site's root URL)"),
    (
        f"record 9 {rid(9)} https://news.example.org/tags/",
        "skipped: an HTML page with no article text (a home page, a section index or a login wall?)",
    ),
    (f"record 10 {rid(10)} {fx.ZH_URL}", f"article: {fx.ZH_TITLE}"),
    (
        f"record 11 {rid(11)} https://news.example.org/2019/11/broken.html",
        "rejected: has a broken or cut-short chunked body (Ran out of data before end of chunk)",
    ),
    (
        f"record 12 {rid(12)} https://news.example.org/2019/12/cut.html",
        "rejected: its gzip member is cut short (the file ends inside it)",
    ),
]


def summary(item) -> str:
    if item.parsed is not None:
        return f"article: {item.parsed.title}"
    return f"skipped: {item.skipped}" if item.skipped else f"rejected: {item.rejected}"


@pytest.fixture
def store(home):
    with Store.open(home.database, create=True) as store:
        yield store


@pytest.fixture
def blobs(home):
    return BlobStore(home.originals)


def write(folder: Path, name: str, raw: bytes) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_bytes(raw)
    return folder / name


# -- reading ----------------------------------------------------------------------------


def test_every_record_of_a_crawl_is_an_article_skipped_or_rejected_by_name():
    items = list(webarchive.read_items(fx.crawl_warc_gz()))
    assert [(i.locator, summary(i)) for i in items] == CRAWL


def test_an_uncompressed_warc_gives_the_same_articles():
    items = list(webarchive.read_items(fx.write_warc(fx.crawl_records(), gz=False)))
    assert [summary(i) for i in items if i.parsed] == [
        f"article: {t}" for t in (fx.EN_TITLE, fx.RU_TITLE, fx.ZH_TITLE)
    ]


def test_the_http_charset_outranks_the_pages_wrong_meta_and_nothing_is_guessed():
    ru = next(i for i in webarchive.read_items(fx.crawl_warc_gz()) if i.given and i.given.url == fx.RU_URL)
    assert ru.parsed.title == fx.RU_TITLE
    assert ru.parsed.paragraphs == tuple(fx.RU_PARAGRAPHS)
    assert ru.parsed.warnings == ()  # no "not valid utf-8, detected as …"
    assert ru.digest == hashlib.sha256(fx.RU_PAGE).hexdigest()


def test_a_chunked_record_is_de_chunked_before_extraction():
    zh = next(i for i in webarchive.read_items(fx.crawl_warc_gz()) if i.given and i.given.url == fx.ZH_URL)
    assert zh.parsed.paragraphs == tuple(fx.ZH_PARAGRAPHS)
    assert zh.parsed.embedded.language == "zh"
    assert zh.digest == hashlib.sha256(fx.ZH_PAGE).hexdigest()  # of the page, not its chunked transfer


def test_provenance_keeps_uri_capture_time_record_id_and_digest_but_no_publication_date():
    en = next(i for i in webarchive.read_items(fx.crawl_warc_gz()) if i.given and i.given.url == fx.EN_URL)
    details = dict(en.details)
    assert details["warc_target_uri"] == fx.EN_URL
    assert details["warc_date"] == fx.DATE
    assert details["warc_record_id"] == rid(2)
    assert details["warc_payload_digest"].startswith("sha1:")
    assert (details["http_status"], details["extracted_by"]) == ("200", "html/1")
    assert en.given.date == "" and en.parsed.embedded.date == ""


def test_a_gzip_member_cut_short_in_the_middle_costs_one_record_and_the_rest_goes_on():
    raw = (
        fx.write_warc([fx.response(2, fx.EN_URL, fx.EN_PAGE)])
        + fx.truncated_member(3, "https://x.example.org/cut.html", fx.EN_PAGE)
        + fx.write_warc(
            [fx.response(4, fx.RU_URL, fx.RU_PAGE, content_type="text/html; charset=windows-1251")]
        )
    )
    assert [(i.locator, summary(i)) for i in webarchive.read_items(raw)] == [
        (f"record 1 {rid(2)} {fx.EN_URL}", f"article: {fx.EN_TITLE}"),
        (
            f"record 2 {rid(3)} https://x.example.org/cut.html",
            "rejected: its gzip member is cut short (the next member starts inside it)",
        ),
        (f"record 3 {rid(4)} {fx.RU_URL}", f"article: {fx.RU_TITLE}"),
    ]


def test_a_body_shorter_than_its_http_content_length_is_rejected():
    cut = fx.EN_PAGE[:-200]
    raw = fx.write_warc([fx.response(2, fx.EN_URL, cut, headers=[("Content-Length", str(len(fx.EN_PAGE)))])])
    (item,) = webarchive.read_items(raw)
    assert item.rejected == (
        f"is cut short: its body has {len(cut)} of the {len(fx.EN_PAGE)} bytes its HTTP header declares"
    )


def test_an_uncompressed_warc_cut_short_names_the_record_and_how_much_is_missing():
    raw = fx.write_warc([fx.warcinfo(1), fx.response(2, fx.EN_URL, fx.EN_PAGE)], gz=False)
    items = list(webarchive.read_items(raw[:-300]))
    assert summary(items[0]) == "skipped: a warcinfo record (about the crawl, not a page)"
    assert items[1].locator == f"record 2 {rid(2)} {fx.EN_URL}"
    assert items[1].rejected.startswith("is cut short: the file ends 296 bytes before the record does")


def test_an_arc_file_is_read_and_its_locators_do_not_change_between_reads():
    raw = fx.arc_gz(
        [(fx.EN_URL, "text/html", fx.EN_PAGE), ("http://news.example.org/a.png", "image/png", fx.PNG)]
    )
    first = [(i.locator, summary(i)) for i in webarchive.read_items(raw)]
    assert first == [
        ("record 1", "skipped: a warcinfo record (about the crawl, not a page)"),
        (f"record 2 {fx.EN_URL}", f"article: {fx.EN_TITLE}"),
        ("record 3 http://news.example.org/a.png", "skipped: an image"),
    ]
    assert [(i.locator, summary(i)) for i in webarchive.read_items(raw)] == first


def test_a_wacz_is_read_through_its_warcs_and_page_list():
    raw = fx.wacz(fx.write_warc(fx.crawl_records()[:4]), [{"url": fx.EN_URL, "title": "Camp | Example"}])
    items = list(webarchive.read_items(raw))
    assert [(i.locator, summary(i)) for i in items if i.parsed] == [
        (f"archive/data.warc.gz record 2 {rid(2)} {fx.EN_URL}", f"article: {fx.EN_TITLE}"),
        (f"archive/data.warc.gz record 4 {rid(4)} {fx.RU_URL}", f"article: {fx.RU_TITLE}"),
    ]
    assert dict(items[1].details)["wacz_page_title"] == "Camp | Example"
    assert "wacz_page_title" not in dict(items[3].details)


@pytest.mark.parametrize(
    "raw, expected",
    [
        (fx.write_warc(fx.crawl_records()[:2]), "warc"),
        (fx.write_warc(fx.crawl_records()[:2], gz=False), "warc"),
        (fx.arc_gz([(fx.EN_URL, "text/html", fx.EN_PAGE)]), "warc"),
        (fx.wacz(fx.write_warc(fx.crawl_records()[:2]), []), "warc"),
        (fx.EN_PAGE, "html"),
    ],
)
def test_web_archives_are_recognised_by_content_not_name(raw, expected):
    assert choose_reader("download.bin", raw).NAME == expected


def test_a_zip_without_a_page_list_is_not_taken_for_a_wacz():
    import io
    import zipfile

    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("archive/data.warc.gz", fx.write_warc(fx.crawl_records()[:2]))
    assert webarchive.sniff("x.zip", out.getvalue()) == 0


# -- ingesting --------------------------------------------------------------------------


def test_ingesting_a_crawl_gives_one_line_per_item_and_counts_the_skipped(cli, tmp_path):
    path = write(tmp_path / "crawls", "crawl.warc.gz", fx.crawl_warc_gz())
    home = tmp_path / "data"
    result = cli("ingest", path, "--home", home)
    assert result.exit_code == 1  # two records could not be read
    assert result.stdout == "3 new, 0 updated, 0 unchanged, 2 rejected, 7 skipped\n"
    assert (
        f"rejected: {path}#record 11 {rid(11)} https://news.example.org/2019/11/broken.html: "
        "has a broken or cut-short chunked body (Ran out of data before end of chunk)\n" in result.stderr
    )
    assert (
        f"rejected: {path}#record 12 {rid(12)} https://news.example.org/2019/12/cut.html: "
        "its gzip member is cut short (the file ends inside it)\n" in result.stderr
    )
    assert f"skipped: {path}: 7 items that are not articles: " in result.stderr
    assert "1 × a redirect (HTTP 3xx)" in result.stderr and "1 × robots.txt" in result.stderr
    assert "Traceback" not in result.output
    data = json.loads(cli("ingest", path, "--home", home, "--json").output)
    assert (data["new"], data["unchanged"], data["rejected"], data["skipped"]) == (0, 3, 2, 7)
    ids = {f["item"]: f["id"] for f in data["files"] if f["status"] == "unchanged"}
    assert ids == {
        f"record 2 {rid(2)} {fx.EN_URL}": EN_ID,
        f"record 4 {rid(4)} {fx.RU_URL}": RU_ID,
        f"record 10 {rid(10)} {fx.ZH_URL}": ZH_ID,
    }
    listed = json.loads(cli("search", "", "--home", home, "--json").output)
    assert sorted(h["title"] for h in listed["hits"]) == sorted([fx.EN_TITLE, fx.RU_TITLE, fx.ZH_TITLE])


def test_an_article_from_a_warc_shows_its_record_and_not_the_capture_date_as_published(cli, tmp_path):
    raw = fx.crawl_warc_gz()
    path = write(tmp_path / "crawls", "crawl.warc.gz", raw)
    home = tmp_path / "data"
    cli("ingest", path, "--home", home)
    body = json.loads(cli("show", RU_ID, "--home", home, "--json").output)
    sha = hashlib.sha256(raw).hexdigest()
    assert (body["title"], body["source_url"], body["language"], body["date"]) == (
        fx.RU_TITLE,
        fx.RU_URL,
        "ru",
        "",
    )
    assert body["original"]["sha256"] == sha and body["original"]["file_name"] == "crawl.warc.gz"
    assert body["original"]["parser"] == "warc/1"
    assert body["original"]["locator"] == f"record 4 {rid(4)} {fx.RU_URL}"
    details = body["original"]["details"]
    assert {k: v for k, v in details.items() if k != "warc_payload_digest"} == {
        "warc_target_uri": fx.RU_URL,
        "warc_date": fx.DATE,
        "warc_record_id": rid(4),
        "http_status": "200",
        "extracted_by": "html/1",
    }
    assert body["sources"] == [
        {
            "sha256": sha,
            "file_name": "crawl.warc.gz",
            "locator": f"record 4 {rid(4)} {fx.RU_URL}",
            "digest": hashlib.sha256(fx.RU_PAGE).hexdigest(),
            "details": details,
            "parser": "warc/1",
            "sidecar_sha256": None,
            "ingested_at": body["original"]["ingested_at"],
        }
    ]


@pytest.mark.parametrize(
    "order, page_sidecar", [("page first", {"source": "Example News"}), ("warc first", None)]
)
def test_a_saved_page_and_a_warc_capture_of_it_are_one_version_with_two_sources(
    tmp_path, store, blobs, order, page_sidecar
):
    page = write_article(tmp_path / "saved", "camp-report.html", fx.EN_PAGE.decode("utf-8"), page_sidecar)
    warc = write(tmp_path / "crawls", "crawl.warc.gz", fx.crawl_warc_gz())
    first, second = (page, warc) if order == "page first" else (warc, page)
    ingest_paths([first], store, blobs)
    again = ingest_paths([second], store, blobs)
    en = [o for o in again.outcomes if o.id == EN_ID]
    assert [(o.status, o.version) for o in en] == [("unchanged", 1)]
    assert en[0].warnings[-1] == "same text as version 1; recorded as another source of it"
    article = store.get(EN_ID)
    assert len(article.versions) == 1
    assert article.record.source == ("Example News" if page_sidecar else "")  # the first arrival's metadata
    assert sorted((s.original_name, s.item_locator) for s in article.sources) == [
        ("camp-report.html", ""),
        ("crawl.warc.gz", f"record 2 {rid(2)} {fx.EN_URL}"),
    ]
    assert store.counts() == {"articles": 3, "public": 3, "versions": 3}
    # Both originals are kept, checked by `verify` and downloadable.
    digests = {d for d, *_ in store.blob_references()}
    assert {
        hashlib.sha256(page.read_bytes()).hexdigest(),
        hashlib.sha256(warc.read_bytes()).hexdigest(),
    } <= digests
    for original in (page, warc):  # one of them is only a source of the version
        assert store.blob_visible_to(hashlib.sha256(original.read_bytes()).hexdigest())
    # And again: nothing changes.
    third = ingest_paths([first, second], store, blobs)
    assert {o.status for o in third.outcomes if o.id} == {"unchanged"}
    assert len(store.get(EN_ID).sources) == 2


def test_the_same_text_with_an_archivists_sidecar_is_a_new_version_for_its_metadata(tmp_path, store, blobs):
    warc = write(tmp_path / "crawls", "crawl.warc.gz", fx.crawl_warc_gz())
    ingest_paths([warc], store, blobs)
    page = write_article(
        tmp_path / "saved", "camp-report.html", fx.EN_PAGE.decode(), {"source": "Example News"}
    )
    (outcome,) = ingest_paths([page], store, blobs).outcomes
    assert (outcome.status, outcome.id, outcome.version) == ("updated", EN_ID, 2)
    assert store.get(EN_ID).record.source == "Example News"


def test_two_captures_of_one_url_in_one_warc_are_two_versions_that_stay_put(tmp_path, store, blobs):
    later = fx.EN_PAGE.replace(b"eleven months", b"ten months")
    raw = fx.write_warc([fx.response(1, fx.EN_URL, fx.EN_PAGE), fx.response(2, fx.EN_URL, later)])
    path = write(tmp_path, "twice.warc.gz", raw)
    first = ingest_paths([path], store, blobs)
    assert [(o.status, o.id, o.version) for o in first.outcomes] == [("new", EN_ID, 1), ("updated", EN_ID, 2)]
    again = ingest_paths([path], store, blobs)
    assert [(o.status, o.version) for o in again.outcomes] == [("unchanged", 2), ("unchanged", 2)]
    assert len(store.get(EN_ID).versions) == 2


def test_a_container_sidecar_speaks_for_every_item_but_cannot_name_one(tmp_path, store, blobs):
    raw = fx.write_warc(fx.crawl_records()[:4])
    path = write(tmp_path / "c", "crawl.warc.gz", raw)
    (tmp_path / "c" / "crawl.warc.json").write_text(
        json.dumps({"visibility": "restricted", "url": "https://one.example.org/", "tags": ["camps"]})
    )
    report = ingest_paths([path], store, blobs)
    assert report.counts["new"] == 2
    assert report.outcomes[0].warnings[0] == (
        "crawl.warc.json: url ignored: they name one article, and this file holds many"
    )
    for article_id in (EN_ID, RU_ID):
        record = store.get(article_id).record
        assert (record.visibility, record.tags) == ("restricted", ("camps",))
    assert store.counts()["public"] == 0


def test_items_without_a_url_are_named_by_container_and_locator(tmp_path, store, blobs):
    import io

    from warcio.warcwriter import WARCWriter

    out = io.BytesIO()
    writer = WARCWriter(out, gzip=True)
    body = fx.page(fx.EN_TITLE, fx.EN_PARAGRAPHS, lang="en", canonical="").replace(
        '<link rel="canonical" href="">', ""
    )
    record = writer.create_warc_record(
        "",
        "resource",
        payload=io.BytesIO(body.encode()),
        warc_content_type="text/html",
        warc_headers_dict={"WARC-Record-ID": rid(5), "WARC-Date": fx.DATE},
    )
    writer.write_record(record)
    path = write(tmp_path / "notes", "local.warc.gz", out.getvalue())
    (outcome,) = ingest_paths([path], store, blobs).outcomes
    assert (outcome.status, outcome.path) == ("new", f"{path}#record 1 {rid(5)}")
    assert outcome.id == "kj25umjdc7"  # file:notes/local.warc.gz#record 1 <…5>


# -- the shared corpus --------------------------------------------------------------------


def _corpora() -> Path:
    return Path(
        os.environ.get("ARCHIVE_CORPORA") or Path(__file__).resolve().parents[2] / "shared" / "corpora"
    )


def test_every_web_archive_in_the_shared_corpus_is_read_without_a_traceback(store, blobs):
    folder = _corpora() / "warc"
    if not folder.is_dir():
        pytest.skip(f"no corpus at {folder} (set ARCHIVE_CORPORA)")
    report = ingest_paths([folder], store, blobs)
    assert all(o.status in STATUSES for o in report.outcomes)
    assert all(o.reason for o in report.outcomes if o.status in ("rejected", "skipped"))
    assert report.counts == {"new": 3, "updated": 1, "unchanged": 0, "rejected": 1, "skipped": 563}
