"""Web archives (WARC, WARC.gz, ARC.gz, WACZ): every captured article page, one by one.

A crawl or a browser capture keeps everything a page needed: the page itself, but also
its images, scripts and stylesheets, redirects, robots.txt, DNS lookups and the
crawler's own request and metadata records. Each HTML response that holds an article
becomes an article, read by the same extraction as a saved page (html.read on the
record's payload, decoded by the HTTP charset); everything else is skipped and counted,
and a record that is cut short or damaged is refused with its number, id and URL while
the rest of the archive goes on.

warcio parses the records. The gzip members of a .warc.gz are split here rather than in
warcio, so that a damaged or truncated member costs one record, not the rest of the
file, and a WARC compressed as one gzip stream (not per record) is still read. The
capture date (WARC-Date) is provenance, not the publication date: the page's own
declarations give that, or nothing does.
"""

from __future__ import annotations

import codecs
import hashlib
import io
import json
import re
import zipfile
import zlib
from collections.abc import Iterator
from contextlib import redirect_stderr
from dataclasses import dataclass, replace
from urllib.parse import urlsplit

from warcio.archiveiterator import ArchiveIterator
from warcio.bufferedreaders import ChunkedDataException, ChunkedDataReader

from archive.errors import Rejected
from archive.readers import html
from archive.readers.contract import CERTAIN, NO, Item, ReadOptions
from archive.records import Metadata
from archive.sidecar import metadata_from_mapping

NAME = "warc"
VERSION = "1"

_GZIP = b"\x1f\x8b"
_ZIP = (b"PK\x03\x04", b"PK\x05\x06")
_WARC_START = (
    b"WARC/1.0\r\n",
    b"WARC/1.1\r\n",
    b"WARC/0.17\r\n",
    b"WARC/0.18\r\n",
    b"WARC/1.0\n",
    b"WARC/1.1\n",
)
_ARC_START = b"filedesc://"
_NEXT_WARC = re.compile(rb"\nWARC/(?:1\.[01]|0\.1[78])\r?\n")
MAX_UNZIPPED = 512 * 1024 * 1024  # one gzip member (a whole WARC when not compressed per record)
_STEP = 1024 * 1024
WACZ_PAGES = "pages/pages.jsonl"
# A site's root (or its index file) is its home page: a list of links, never one article.
_HOME = re.compile(r"/?(?:index\.(?:html?|php|aspx?|jsp))?", re.IGNORECASE)

# html.read's refusals that say "not an article" rather than "could not be read".
_NOT_ARTICLE = (html.NO_ARTICLE, "is the home page of", "is a login page")
_SKIP_TYPES = {
    "warcinfo": "a warcinfo record (about the crawl, not a page)",
    "request": "a request record (what the crawler asked for)",
    "metadata": "a metadata record (the crawler's notes)",
    "revisit": "a revisit record (a repeat capture that stores no page)",
    "conversion": "a conversion record (text derived from a page, not the page)",
    "continuation": "a continuation record (segmented records are not read)",
}


def sniff(name: str, raw: bytes) -> float:
    """A WARC version line, an ARC file header (plain or in a gzip member) or a WACZ zip."""
    head = raw[:16]
    if head.startswith(_GZIP):
        try:
            head = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(raw[:4096], 16)
        except zlib.error:
            return NO
    if head.startswith((b"WARC/", _ARC_START)):
        return CERTAIN
    if raw.startswith(_ZIP):
        try:
            with zipfile.ZipFile(io.BytesIO(raw)) as archive:
                return CERTAIN if WACZ_PAGES in archive.namelist() else NO
        except (zipfile.BadZipFile, OSError, EOFError, ValueError):
            return NO
    return NO


def read_items(raw: bytes, options: ReadOptions | None = None) -> Iterator[Item]:
    """Every record of the archive as an Item: an article, skipped, or rejected."""
    if raw.startswith(_ZIP):
        yield from _wacz_items(raw)
    else:
        yield from archive_items(raw)


def archive_items(raw: bytes, prefix: str = "") -> Iterator[Item]:
    """The records of one WARC or ARC file (plain or gzip), numbered from 1 in file order."""
    number, arc = 0, None
    for start, data, damage in _segments(raw):
        if arc is None:  # warcio makes up a new record id for each ARC record on every read
            arc = data.lstrip().startswith(_ARC_START)
        if not data:
            number += 1
            yield Item(
                f"{prefix}record {number} at byte {start}",
                rejected=f"{damage}; no record could be read from it",
            )
            continue
        for record in _records(data, arc=arc):
            number += 1
            yield _item(record, f"{prefix}record {number}", f"at byte {start + record.offset}", damage)


# -- splitting the file into gzip members -------------------------------------------


def _segments(raw: bytes) -> Iterator[tuple[int, bytes, str]]:
    """(offset in the file, uncompressed bytes, what is wrong with them) per gzip member.

    An uncompressed file is one segment. A damaged member yields what could be
    decompressed and a reason, and reading resumes at the next gzip signature.
    """
    if not raw.startswith(_GZIP):
        yield 0, raw, ""
        return
    view, pos = memoryview(raw), 0
    while pos < len(raw):
        if not raw.startswith(_GZIP, pos):
            rest = bytes(view[pos:])
            if not rest.strip(b"\x00\r\n\t "):
                return  # padding after the last member
            found = raw.find(_GZIP + b"\x08", pos + 1)
            yield pos, b"", f"bytes {pos} to {found if found > 0 else len(raw)} are not gzip data"
            if found < 0:
                return
            pos = found
            continue
        data, used, damage = _inflate_member(view[pos:])
        if not damage:
            yield pos, data, ""
            pos += used
            continue
        found = raw.find(_GZIP + b"\x08", pos + 1)
        if found > 0:
            # A member cut short runs into the next one and zlib fails there, losing what
            # it had: read up to the next member to get the start of the record back.
            alone, _, short = _inflate_member(view[pos:found])
            if len(alone) > len(data):
                data, damage = alone, short.replace("the file ends", "the next member starts")
        yield pos, data, damage
        if found < 0:
            return
        pos = found


def _inflate_member(view: memoryview) -> tuple[bytes, int, str]:
    """One gzip member: its bytes, how much input it used, and a reason if it is damaged."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    out, fed = [], 0
    size = 0
    try:
        while fed < len(view) and not inflater.eof:
            chunk = view[fed : fed + _STEP]
            fed += len(chunk)
            piece = inflater.decompress(chunk, MAX_UNZIPPED + 1 - size)
            size += len(piece)
            out.append(piece)
            if size > MAX_UNZIPPED:
                return b"".join(out), fed, f"a gzip member unzips to more than {MAX_UNZIPPED // 2**20} MiB"
    except zlib.error as exc:
        return b"".join(out), fed, f"damaged gzip data ({exc})"
    data = b"".join(out)
    if not inflater.eof:
        return data, fed, "its gzip member is cut short (the file ends inside it)"
    return data, fed - len(inflater.unused_data), ""


# -- reading records with warcio -----------------------------------------------------


@dataclass(frozen=True)
class _Record:
    """What one record holds, read out while warcio's iterator stands on it."""

    offset: int
    rec_type: str = ""
    headers: tuple[tuple[str, str], ...] = ()
    http: tuple[tuple[str, str], ...] | None = None
    status: str = ""
    body: bytes = b""
    missing: int = 0  # bytes the record's Content-Length promised but the file lacks
    arc: bool = False
    error: str = ""

    def header(self, name: str) -> str:
        return _get(self.headers, name)

    def http_header(self, name: str) -> str:
        return _get(self.http or (), name)


def _get(headers: tuple[tuple[str, str], ...], name: str) -> str:
    lower = name.lower()
    for key, value in headers:
        if key.lower() == lower:
            return value.strip()
    return ""


def _records(data: bytes, *, arc: bool = False) -> Iterator[_Record]:
    """Each record in uncompressed WARC/ARC bytes; a record that cannot be parsed becomes an
    error, and an uncompressed WARC is searched for the next record's start."""
    pos = 0
    while pos < len(data):
        iterator = ArchiveIterator(io.BytesIO(data[pos:]), arc2warc=True)
        records = iter(iterator)
        failed_at = -1
        try:
            while True:
                # warcio writes a warning to stderr when a record's Content-Length looks
                # wrong; the damage it means is found (and reported) by the checks below.
                with redirect_stderr(io.StringIO()):
                    rec = next(records, None)
                    if rec is None:
                        break
                    record = _read_record(rec, pos + iterator.offset, arc)
                yield record
        except Exception as exc:  # untrusted bytes: any parse failure is this record's reason
            failed_at = pos + iterator.offset
            reason = " ".join(str(exc).split()) or type(exc).__name__
            yield _Record(failed_at, error=f"could not be parsed as a WARC/ARC record ({reason[:200]})")
        if failed_at < 0:
            return
        found = _NEXT_WARC.search(data, failed_at + 1)
        if found is None:
            return
        pos = found.start() + 1


def _read_record(rec, offset: int, arc: bool) -> _Record:
    """Everything needed from a warcio record, read fully before the iterator moves on."""
    http = rec.http_headers
    body = rec.raw_stream.read()
    missing = getattr(rec.raw_stream, "limit", 0) or 0
    return _Record(
        offset=offset,
        rec_type=rec.rec_type or "",
        headers=tuple(rec.rec_headers.headers),
        http=tuple(http.headers) if http is not None else None,
        status=(http.get_statuscode() or "") if http is not None and rec.rec_type == "response" else "",
        body=body,
        missing=missing,
        arc=arc,
    )


# -- one record, one item ------------------------------------------------------------


def _item(record: _Record, name: str, at: str, damage: str) -> Item:
    if record.error:
        return Item(f"{name} {at}", rejected=record.error)
    uri = record.header("WARC-Target-URI")
    # ARC records get a WARC-Record-ID made up by warcio on each read: not a name.
    record_id = "" if record.arc else record.header("WARC-Record-ID")
    locator = " ".join(part for part in (name, record_id, uri) if part)
    details = tuple(
        (key, value)
        for key, value in (
            ("warc_target_uri", uri),
            ("warc_date", record.header("WARC-Date")),
            ("warc_record_id", record_id),
            ("warc_payload_digest", record.header("WARC-Payload-Digest")),
            ("http_status", record.status),
        )
        if value
    )
    if damage:
        return Item(locator, details=details, rejected=damage)
    if record.missing:
        have = len(record.body)
        return Item(
            locator,
            details=details,
            rejected=f"is cut short: the file ends {record.missing} bytes before the record does ({have} bytes present)",
        )
    skip = _why_skip(record, uri)
    if skip:
        return Item(locator, details=details, skipped=skip)
    try:
        payload, notes = _payload(record)
    except Rejected as exc:
        return Item(locator, details=details, rejected=str(exc))
    digest = hashlib.sha256(payload).hexdigest()
    parts = urlsplit(uri)
    if parts.netloc and _HOME.fullmatch(parts.path) and not parts.query:
        return Item(
            locator, digest=digest, details=details, skipped="a site's home page (the site's root URL)"
        )
    page, more = _as_page(payload, record.http_header("Content-Type") or record.header("Content-Type"))
    try:
        parsed = html.read(page)
    except Rejected as exc:
        reason = str(exc)
        if reason.startswith(_NOT_ARTICLE):
            return Item(locator, digest=digest, details=details, skipped=reason.removeprefix("is "))
        return Item(locator, digest=digest, details=details, rejected=reason)
    if notes or more:
        parsed = replace(parsed, warnings=tuple(notes + more) + parsed.warnings)
    details += (("extracted_by", f"{html.NAME}/{html.VERSION}"),)
    return Item(locator, parsed=parsed, given=_given(uri), digest=digest, details=details)


def _why_skip(record: _Record, uri: str) -> str:
    """Why a record is not an article page, or "" if it may be one."""
    if record.rec_type in _SKIP_TYPES:
        return _SKIP_TYPES[record.rec_type]
    if record.rec_type not in ("response", "resource"):
        return f"a {record.rec_type or 'untyped'} record"
    scheme = urlsplit(uri).scheme.lower()
    if scheme == "dns":
        return "a DNS lookup"
    if scheme not in ("http", "https", ""):
        return f"crawler data ({scheme}:), not a page"
    parts = urlsplit(uri)
    if parts.path.lower().endswith("/robots.txt"):
        return "robots.txt"
    if record.rec_type == "response":
        if record.http is None:
            return "a response without HTTP headers"
        if record.status.startswith("3"):
            return "a redirect (HTTP 3xx)"
        if not record.status.startswith("2"):
            return f"an HTTP {record.status or 'status-less'} response, not a page"
    mime = (record.http_header("Content-Type") or record.header("Content-Type")).split(";")[0].strip().lower()
    kind = _kind(mime)
    if kind:
        return kind
    if not record.body:
        return "an empty response"
    if not mime and html.sniff("", record.body[:4096]) == NO:
        return "not a web page (no content type, and not HTML)"
    return ""


def _kind(mime: str) -> str:
    """What a content type is, when it is not a web page."""
    if not mime or mime in ("text/html", "application/xhtml+xml"):
        return ""
    if mime.startswith("image/"):
        return "an image"
    if mime == "text/css":
        return "a stylesheet"
    if "javascript" in mime or "ecmascript" in mime:
        return "a script"
    if mime.startswith(("font/", "application/font", "application/x-font")) or mime.endswith("woff2"):
        return "a font"
    if mime.startswith(("audio/", "video/")):
        return "audio or video"
    return f"not a web page ({mime})"


def _payload(record: _Record) -> tuple[bytes, list[str]]:
    """The page as the browser got it: chunked transfer and gzip/deflate content decoded.

    Raise Rejected when it is cut short or damaged: a page missing its end would be
    archived as a shorter article than was published.
    """
    body, notes = record.body, []
    if record.http_header("Transfer-Encoding").lower() == "chunked":
        if re.match(rb"[0-9a-fA-F]+[ \t]*(;[^\r\n]*)?\r\n", body):
            try:
                body = ChunkedDataReader(io.BytesIO(body), raise_exceptions=True).read()
            except ChunkedDataException as exc:
                raise Rejected(f"has a broken or cut-short chunked body ({exc.args[0]!s:.80})") from None
        else:  # crawlers often store the body already de-chunked and keep the header
            notes.append("says it is chunked but is stored de-chunked; read as it is")
    else:
        declared = record.http_header("Content-Length")
        if declared.isdigit() and len(body) < int(declared):
            raise Rejected(
                f"is cut short: its body has {len(body)} of the {declared} bytes its HTTP header declares"
            )
    encoding = record.http_header("Content-Encoding").lower()
    if encoding in ("gzip", "x-gzip", "deflate"):
        body = _decompress(body, encoding)
    elif encoding not in ("", "identity"):
        raise Rejected(f"is compressed with {encoding!r}, which this version cannot read")
    return body, notes


def _decompress(body: bytes, encoding: str) -> bytes:
    wbits = 16 + zlib.MAX_WBITS if encoding != "deflate" else zlib.MAX_WBITS
    inflater = zlib.decompressobj(wbits)
    try:
        data = inflater.decompress(body, html.MAX_UNZIPPED + 1)
    except zlib.error:
        if encoding != "deflate":
            raise Rejected(f"has a damaged {encoding} body") from None
        return _decompress_raw_deflate(body)
    if len(data) > html.MAX_UNZIPPED:
        raise Rejected(f"unzips to more than {html.MAX_UNZIPPED // 2**20} MiB; not a page")
    if not inflater.eof:
        raise Rejected(f"is cut short: its {encoding}-compressed body ends before the page does")
    return data


def _decompress_raw_deflate(body: bytes) -> bytes:
    """Servers send "deflate" without its zlib header about as often as with it."""
    inflater = zlib.decompressobj(-zlib.MAX_WBITS)
    try:
        data = inflater.decompress(body, html.MAX_UNZIPPED + 1)
    except zlib.error:
        raise Rejected("has a damaged deflate body") from None
    if not inflater.eof:
        raise Rejected("is cut short: its deflate-compressed body ends before the page does")
    return data


def _as_page(payload: bytes, content_type: str) -> tuple[bytes, list[str]]:
    """The page bytes for html.read, honouring the HTTP charset, which outranks <meta>.

    html.read decodes by what the page declares; when the server said otherwise, the
    text is decoded here and handed on as UTF-8 with a byte-order mark, which every
    HTML decoder (and html.read) takes before any <meta charset>.
    """
    found = re.search(r"charset\s*=\s*[\"']?([\w.:-]+)", content_type, re.IGNORECASE)
    if not found or payload.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return payload, []
    label = found.group(1)
    try:
        encoding = codecs.lookup(label).name
    except LookupError:
        return payload, [
            f"the server declared an unknown charset {label!r}; the page's own declaration was used"
        ]
    # Browsers read pages labelled Latin-1 as Windows-1252, and so must we.
    encoding = "cp1252" if encoding in ("latin-1", "iso8859-1", "ascii") else encoding
    try:
        text = payload.decode(encoding)
    except UnicodeDecodeError as exc:
        return payload, [
            f"the server declared charset {label} but byte {exc.start} is not valid {encoding}; "
            "the page's own declaration was used"
        ]
    return codecs.BOM_UTF8 + text.encode("utf-8"), []


def _given(uri: str) -> Metadata | None:
    """What the archive says about the page: the URL it was captured from (not its date)."""
    if urlsplit(uri).scheme.lower() not in ("http", "https"):
        return None
    try:
        return Metadata(url=metadata_from_mapping({"url": uri}).url)
    except Rejected:
        return None


# -- WACZ ------------------------------------------------------------------------------


def _wacz_items(raw: bytes) -> Iterator[Item]:
    """The WARC files a WACZ packs under archive/, each read like a WARC on its own."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(raw))
        names = archive.namelist()
    except (zipfile.BadZipFile, OSError, EOFError, ValueError):
        raise Rejected("is a WACZ (zip) that cannot be opened: damaged or cut short") from None
    warcs = sorted(n for n in names if n.startswith("archive/") and n.lower().endswith((".warc", ".warc.gz")))
    if not warcs:
        raise Rejected("is a WACZ with no WARC files under archive/, so it holds no captures")
    titles = _wacz_pages(archive)
    for member in warcs:
        info = archive.getinfo(member)
        if info.file_size > MAX_UNZIPPED:
            yield Item(member, rejected=f"unzips to more than {MAX_UNZIPPED // 2**20} MiB")
            continue
        try:
            data = archive.read(member)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, ValueError) as exc:
            yield Item(member, rejected=f"cannot be unzipped ({exc})")
            continue
        for item in archive_items(data, prefix=f"{member} "):
            if item.parsed is not None:
                page = titles.get(_get(item.details, "warc_target_uri"))
                if page is not None:
                    item = replace(item, details=item.details + (("wacz_page_title", page),))
            yield item


def _wacz_pages(archive: zipfile.ZipFile) -> dict[str, str]:
    """URL -> title of the pages the capture lists (pages/pages.jsonl): the browser's view."""
    try:
        lines = archive.read(WACZ_PAGES).decode("utf-8", "replace").splitlines()
    except (KeyError, zipfile.BadZipFile, zlib.error, OSError):
        return {}
    pages: dict[str, str] = {}
    for line in lines:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and isinstance(entry.get("url"), str):
            pages[entry["url"]] = str(entry.get("title") or "")
    return pages
