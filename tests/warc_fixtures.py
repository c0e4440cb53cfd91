"""Small web archives built in the tests with warcio's own writer (and an ARC by hand).

Every record has a fixed id and date, so locators and counts can be written as
literals. The pages are our own text: an English report, a Russian one whose charset is
only in the HTTP header (the page's <meta> is wrong), and a Chinese one sent chunked.
"""

from __future__ import annotations

import gzip
import io
import json
import zipfile

from warcio.statusandheaders import StatusAndHeaders
from warcio.warcwriter import WARCWriter

DATE = "2021-03-04T05:06:07Z"
EN_URL = "https://news.example.org/2019/10/camp-report.html"
RU_URL = "https://ru.example.org/2020/01/svidetelstvo.html"
ZH_URL = "https://zh.example.org/2020/02/jiating.html"
EN_TITLE = "Former detainees describe the camp at Kuytun"
RU_TITLE = "Свидетельница рассказала о лагере в Куйтуне"
ZH_TITLE = "家人仍在新疆拘禁营中"


def page(title: str, paragraphs: list[str], *, lang: str, canonical: str, meta_charset: str = "utf-8") -> str:
    body = "".join(f"<p>{p}</p>\n" for p in paragraphs)
    return (
        f'<!DOCTYPE html>\n<html lang="{lang}"><head><meta charset="{meta_charset}">'
        f"<title>{title} | Example News</title>"
        f'<link rel="canonical" href="{canonical}">'
        '<meta property="og:type" content="article"></head>\n'
        '<body><nav><a href="/">Home</a> <a href="/world">World</a></nav>\n'
        f"<article><h1>{title}</h1>\n{body}</article>\n"
        "<footer>Copyright Example News</footer></body></html>\n"
    )


EN_PARAGRAPHS = [
    "Three former detainees who now live in Almaty described the camp at Kuytun in interviews this week.",
    "They said they were held for eleven months without charge and were made to study political slogans.",
    "All three asked for their family names to be withheld because relatives remain in the region.",
]
RU_PARAGRAPHS = [
    "Бывшая заключённая рассказала, что провела в лагере около года без предъявления обвинений.",
    "По её словам, в комнате жили двадцать женщин, и свет не выключали даже ночью.",
]
ZH_PARAGRAPHS = [
    "一名住在阿拉木图的男子说，他的父母和两个兄弟至今仍被关押在新疆的拘禁营中，他已经三年没有收到他们的消息。",
    "他说，他曾多次向当地官员写信询问家人的下落，但从未得到任何答复，只被告知他们正在学习。",
]
EN_PAGE = page(EN_TITLE, EN_PARAGRAPHS, lang="en", canonical=EN_URL).encode("utf-8")
# The server says windows-1251; the page's own <meta> wrongly says utf-8.
RU_PAGE = page(RU_TITLE, RU_PARAGRAPHS, lang="ru", canonical=RU_URL).encode("cp1251")
ZH_PAGE = page(ZH_TITLE, ZH_PARAGRAPHS, lang="zh", canonical=ZH_URL).encode("utf-8")
HOME_PAGE = page(
    "Example News",
    ["Latest reports from the region, updated every day by our team."] * 3,
    lang="en",
    canonical="https://news.example.org/",
).encode()
TAGS_PAGE = b'<!DOCTYPE html><html lang="en"><head><title>Tags</title></head><body><nav><a href="/a">A</a></nav></body></html>'
PNG = b"\x89PNG\r\n\x1a\n" + b"\x00" * 40


def chunked(data: bytes, size: int = 100) -> bytes:
    """HTTP chunked transfer encoding, as a server sends it."""
    out = b"".join(
        b"%x\r\n%s\r\n" % (len(data[i : i + size]), data[i : i + size]) for i in range(0, len(data), size)
    )
    return out + b"0\r\n\r\n"


def record_id(n: int) -> str:
    return f"<urn:uuid:00000000-0000-4000-8000-{n:012d}>"


def _record(writer: WARCWriter, n: int, rec_type: str, uri: str, body: bytes, http: StatusAndHeaders | None):
    headers = {"WARC-Record-ID": record_id(n), "WARC-Date": DATE}
    return writer.create_warc_record(
        uri,
        rec_type,
        payload=io.BytesIO(body),
        http_headers=http,
        warc_headers_dict=headers,
        length=len(body),
    )


def response(
    n: int,
    uri: str,
    body: bytes,
    content_type: str = "text/html; charset=utf-8",
    status: str = "200 OK",
    headers=(),
):
    def make(writer: WARCWriter):
        http = StatusAndHeaders(status, [("Content-Type", content_type), *headers], protocol="HTTP/1.1")
        return _record(writer, n, "response", uri, body, http)

    return make


def request(n: int, uri: str):
    def make(writer: WARCWriter):
        http = StatusAndHeaders("GET / HTTP/1.1", [("Host", "news.example.org")], is_http_request=True)
        return _record(writer, n, "request", uri, b"", http)

    return make


def warcinfo(n: int):
    def make(writer: WARCWriter):
        headers = {"WARC-Record-ID": record_id(n), "WARC-Date": DATE}
        body = io.BytesIO(b"software: tests\r\n")
        return writer.create_warc_record(
            "",
            "warcinfo",
            payload=body,
            warc_headers_dict=headers,
            warc_content_type="application/warc-fields",
        )

    return make


def write_warc(records, *, gz: bool = True) -> bytes:
    """The records written by warcio, one gzip member each when compressed."""
    out = io.BytesIO()
    writer = WARCWriter(out, gzip=gz)
    for make in records:
        writer.write_record(make(writer))
    return out.getvalue()


def crawl_records():
    """A crawl of three articles and what a crawler keeps around them (12 records)."""
    return [
        warcinfo(1),
        response(2, EN_URL, EN_PAGE),
        request(3, EN_URL),
        response(4, RU_URL, RU_PAGE, content_type="text/html; charset=windows-1251"),
        response(
            5,
            "http://news.example.org/old-link",
            b"",
            status="301 Moved Permanently",
            headers=[("Location", EN_URL)],
        ),
        response(6, "https://news.example.org/logo.png", PNG, content_type="image/png"),
        response(
            7, "https://news.example.org/robots.txt", b"User-agent: *\nDisallow:\n", content_type="text/plain"
        ),
        response(8, "https://news.example.org/", HOME_PAGE),
        response(9, "https://news.example.org/tags/", TAGS_PAGE),
        response(10, ZH_URL, chunked(ZH_PAGE), headers=[("Transfer-Encoding", "chunked")]),
        # A chunked body that breaks off inside its second chunk.
        response(
            11,
            "https://news.example.org/2019/11/broken.html",
            chunked(EN_PAGE.replace(b"Kuytun", b"Ghulja"))[:250],
            headers=[("Transfer-Encoding", "chunked")],
        ),
    ]


def truncated_member(n: int, uri: str, body: bytes) -> bytes:
    """One record's gzip member, cut in half (a download that stopped)."""
    whole = write_warc([response(n, uri, body)])
    return whole[: len(whole) // 2]


def crawl_warc_gz() -> bytes:
    """The crawl as .warc.gz, with a truncated gzip member (record 12) at the end."""
    return write_warc(crawl_records()) + truncated_member(
        12, "https://news.example.org/2019/12/cut.html", EN_PAGE.replace(b"Kuytun", b"Aksu")
    )


def arc_gz(records: list[tuple[str, str, bytes]]) -> bytes:
    """An ARC file (the Internet Archive's older format), one gzip member per record."""
    header_body = b"1 0 Tests\nURL IP-address Archive-date Content-type Archive-length\n"
    members = [
        gzip.compress(
            b"filedesc://tests.arc 0.0.0.0 20080430204825 text/plain %d\n%s\n"
            % (len(header_body), header_body)
        )
    ]
    for uri, content_type, body in records:
        http = b"HTTP/1.1 200 OK\r\nContent-Type: %s\r\nContent-Length: %d\r\n\r\n" % (
            content_type.encode(),
            len(body),
        )
        block = http + body
        line = b"%s 192.0.2.1 20080430204825 %s %d\n" % (uri.encode(), content_type.encode(), len(block))
        members.append(gzip.compress(line + block + b"\n"))
    return b"".join(members)


def wacz(warc: bytes, pages: list[dict]) -> bytes:
    """A WACZ: the WARC under archive/, the page list, and a datapackage.json."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as z:
        z.writestr("archive/data.warc.gz", warc, compress_type=zipfile.ZIP_STORED)
        lines = [json.dumps({"format": "json-pages-1.0", "id": "pages", "title": "All Pages"})]
        lines += [json.dumps(p, ensure_ascii=False) for p in pages]
        z.writestr("pages/pages.jsonl", "\n".join(lines) + "\n")
        z.writestr("datapackage.json", json.dumps({"profile": "data-package", "wacz_version": "1.1.1"}))
    return out.getvalue()
