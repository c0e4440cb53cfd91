"""describe(): a rejected file is named for what it is, from its bytes, not its name."""

import gzip
import io
import json
import os
import zipfile
from pathlib import Path

import pytest

from archive.readers import describe


def _warc_record(payload: bytes) -> bytes:
    """One WARC response record, written by hand as the WARC 1.0 spec lays it out."""
    head = (
        b"WARC/1.0\r\n"
        b"WARC-Type: response\r\n"
        b"WARC-Target-URI: https://example.org/news/1\r\n"
        b"WARC-Date: 2020-10-20T08:00:00Z\r\n"
        b"WARC-Record-ID: <urn:uuid:12345678-1234-1234-1234-123456789abc>\r\n"
        b"Content-Type: application/http; msgtype=response\r\n"
        b"Content-Length: " + str(len(payload)).encode() + b"\r\n\r\n"
    )
    return head + payload + b"\r\n\r\n"


PAGE = "<!DOCTYPE html><html><head><title>Лагерь &amp; 营地</title></head><body><p>x</p></body></html>"
# A chunked HTTP response inside a WARC: the HTML in it once made the WARC look like a page.
CHUNKED = _warc_record(
    b"HTTP/1.1 200 OK\r\nContent-Type: text/html\r\nTransfer-Encoding: chunked\r\n\r\n"
    + f"{len(PAGE.encode()):x}\r\n".encode()
    + PAGE.encode()
    + b"\r\n0\r\n\r\n"
)
JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Camp  news",
    "items": [
        {"id": "1", "content_html": "<p>We were very hungry.</p>"},
        {"id": "2", "content_html": "<div>Second</div>"},
        {"id": "3", "content_text": "Third"},
    ],
}
REPORT = {
    "chapter_1": {"type": "introduction", "title": "Summary", "content": "<p>Since 2017</p>"},
    "chapter_2": {"type": "chapter", "title": "Camps", "content": "<h2>Life</h2>"},
}


def _zip(*members: tuple[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in members:
            archive.writestr(name, data)
    return buffer.getvalue()


CASES = [
    ("news.json", json.dumps(JSON_FEED).encode(), 'a JSON Feed ("Camp news", 3 items)'),
    ("feed.txt", json.dumps({**JSON_FEED, "items": []}).encode(), 'a JSON Feed ("Camp news", 0 items)'),
    ("report-out.json", json.dumps(REPORT).encode(), "a JSON object of 2 records, keyed by name or id"),
    ("case.json", b'{"case_id": "SR001", "name": "A"}', "a JSON object with fields case_id, name"),
    ("cases.json", b'[{"case_id": "SR001"}, {"case_id": "SR002"}]', "a JSON array of 2 records"),
    ("ids.json", b'["SR001"]', "a JSON array of 1 value"),
    ("export.jsonl", b'{"id": "a"}\n{"id": "b"}\n{"id": "c"}\n', "JSON Lines (3 records)"),
    ("broken.json", b'{"case_id": ', "a file named .json that is not valid JSON"),
    ("crawl.warc", CHUNKED, "a WARC web archive"),
    ("crawl.warc.gz", gzip.compress(CHUNKED), "a gzip-compressed WARC web archive"),
    ("renamed.bin", gzip.compress(CHUNKED), "a gzip-compressed WARC web archive"),
    (
        "old.arc.gz",
        gzip.compress(b"filedesc://old.arc 0.0.0.0 20080430204825 text/plain 76\n1 0 Test\n"),
        "a gzip-compressed ARC web archive (the Internet Archive's older format)",
    ),
    ("page.html", PAGE.encode(), 'an HTML page titled "Лагерь & 营地"'),
    ("page.html.gz", gzip.compress(PAGE.encode()), 'a gzip-compressed HTML page titled "Лагерь & 营地"'),
    ("saved.html", b"<style>p {}</style><h1>Heading</h1>", "an HTML page"),
    ("notes.gz", gzip.compress("Заметки\nBody.".encode()), "gzip-compressed text"),
    ("header.gz", gzip.compress(b"x" * 100)[:10], "a gzip-compressed file that is empty or cut short"),
    ("cut.warc.gz", gzip.compress(CHUNKED)[:-40], "a gzip-compressed WARC web archive, cut short"),
    (
        "feed.xml",
        b'<?xml version="1.0"?>\n<rss version="2.0"><channel><item/><item/></channel></rss>',
        "an RSS feed (2 items)",
    ),
    (
        "feed.atom",
        b'<?xml version="1.0"?><feed xmlns="http://www.w3.org/2005/Atom"><entry/></feed>',
        "an Atom feed (1 entry)",
    ),
    (
        "doc.trec",
        b"<DOC>\n<DOCNO>1</DOCNO>\n</DOC>",
        "an XML or SGML document (its first element is <DOC>)",
    ),
    (
        "crawl.wacz",
        _zip(("datapackage.json", b"{}"), ("archive/data.warc.gz", b"")),
        "a WACZ web archive (a zip of WARC files with an index)",
    ),
    (
        "downloaded.zip",
        _zip(("datapackage.json", b"{}"), ("indexes/index.cdx.gz", b"")),
        "a WACZ web archive (a zip of WARC files with an index)",
    ),
    ("bundle.zip", _zip(("a.txt", b"A"), ("b.txt", b"B")), "a zip archive of 2 files"),
    ("statement.docx", _zip(("word/document.xml", b"<w:document/>")), "a Word document (.docx)"),
    ("scan.pdf", b"%PDF-1.7\n%\xe2\xe3", "a PDF document"),
    ("photo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "a PNG image"),
    ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "a JPEG image"),
    (
        "cases.csv",
        "case_id,name_chinese,age\nSR001,张三,40\n".encode(),
        "a CSV table (3 columns: case_id, name_chinese, age)",
    ),
    ("blob.dat", bytes(range(256)) * 4, "a binary file (not text)"),
    ("CISI.ALL", b".I 1\n.T\nTitle", "text in a '.all' file"),
    ("empty", b"", "an empty file"),
]


@pytest.mark.parametrize("name, raw, kind", CASES, ids=[case[0] for case in CASES])
def test_describe_names_what_the_file_is(name, raw, kind):
    assert describe(name, raw) == kind


def _corpora() -> Path:
    configured = os.environ.get("ARCHIVE_CORPORA")
    return Path(configured) if configured else Path(__file__).resolve().parents[2] / "shared" / "corpora"


# What each kind of file in the shared test corpora must be called (by name ending).
EXPECTED_IN_CORPORA = {
    ".html.gz": "a gzip-compressed HTML page",
    ".warc.gz": "a gzip-compressed WARC web archive",
    ".wat.gz": "a gzip-compressed WARC web archive",
    ".wet.gz": "a gzip-compressed WARC web archive",
    ".arc.gz": "a gzip-compressed ARC web archive",
    ".warc": "a WARC web archive",
    ".html": "an HTML page",
    "feed.json": "a JSON Feed",
    ".json": "a JSON ",
    ".csv": "a CSV table",
}


def test_every_web_archive_feed_and_page_in_the_shared_corpora_is_named_right():
    root = _corpora()
    if not root.is_dir():
        pytest.skip(f"no shared corpora at {root} (set ARCHIVE_CORPORA to their folder)")
    checked = 0
    for path in sorted(root.rglob("*")):
        ending = next((e for e in EXPECTED_IN_CORPORA if path.name.endswith(e)), None)
        if ending is None or not path.is_file():
            continue
        assert describe(path.name, path.read_bytes()).startswith(EXPECTED_IN_CORPORA[ending]), path
        checked += 1
    assert checked > 0, f"nothing to check in {root}"
