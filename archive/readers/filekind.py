"""What a file really is, named for a person reading a rejection message.

When no reader accepts a file, "looks like an HTML or XML document" for a JSON Feed, or
for a gzipped WARC, sends the researcher looking for the wrong tool. So the bytes are
asked, not the name: signatures first (gzip, zip, PDF, WARC, ARC, images), then the
opening of the text (markup, JSON), and only then the name's suffix (CSV). A gzip stream
is opened just far enough to see what it holds. Pure functions of (name, bytes).

Feeds (RSS, Atom, JSON Feed) and records (CSV, JSON arrays of objects, JSON Lines) are
read, by readers/feed.py and readers/tabular.py, which claim them by the same signs
this module names them by; their names here are for where those readers do not reach
(a gzipped feed, a container where one article is expected).
"""

from __future__ import annotations

import codecs
import csv
import html
import io
import json
import re
import zipfile
import zlib

_PEEK = 64 * 1024  # how much of a file (or of a gzip stream) is looked at

# Signatures that prove a format, checked in order at the start of the file.
_MAGIC: tuple[tuple[bytes, str], ...] = (
    (b"%PDF", "a PDF document"),
    (b"\x89PNG\r\n\x1a\n", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF87a", "a GIF image"),
    (b"GIF89a", "a GIF image"),
    (b"II*\x00", "a TIFF image"),
    (b"MM\x00*", "a TIFF image"),
    (b"BZh", "a bzip2-compressed file"),
    (b"\xfd7zXZ\x00", "an xz-compressed file"),
    (b"(\xb5/\xfd", "a zstd-compressed file"),
    (b"7z\xbc\xaf\x27\x1c", "a 7-Zip archive"),
    (b"Rar!\x1a\x07", "a RAR archive"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "an old Microsoft Office document (.doc, .xls or .ppt)"),
    (b"SQLite format 3\x00", "an SQLite database"),
    (b"{\\rtf", "an RTF document"),
    (b"ID3", "an MP3 audio file"),
    (b"OggS", "an Ogg audio or video file"),
)
_BOMS = (
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SKIP_PROLOG = re.compile(r"\A(?:\s+|<\?.*?\?>|<!--.*?-->)*", re.DOTALL)
_DOCTYPE = re.compile(r"\A<!doctype[^>]*>", re.IGNORECASE)
_ROOT = re.compile(r"<([A-Za-z_][\w:.-]*)")
_HTML_TAG = re.compile(r"<(html|head|body|div|p|meta|title|table|span|br)[\s/>]", re.IGNORECASE)
_HTML_ELEMENTS = frozenset(
    "html head body title meta link base style script noscript div p span a img br hr h1 h2 h3 h4 h5 h6 "
    "table ul ol li dl pre blockquote section article header footer nav main aside figure form iframe".split()
)
_TITLE = re.compile(r"<title[^>]*>(.*?)</title", re.IGNORECASE | re.DOTALL)
_CONTROL = bytes(set(range(32)) - {9, 10, 12, 13, 27})


def describe(name: str, raw: bytes) -> str:
    """A noun phrase for what the file is: 'a JSON Feed ("Technology", 10 items)'."""
    if not raw:
        return "an empty file"
    if raw.startswith(b"\x1f\x8b"):
        return _gzip(name, raw)
    if raw.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        return _zip(name, raw)
    return _uncompressed(name, raw, complete=True)


def _uncompressed(name: str, raw: bytes, *, complete: bool) -> str:
    """What uncompressed bytes are; `complete` is False when only the start is known."""
    if raw.startswith(b"WARC/"):
        return "a WARC web archive"
    if raw.startswith(b"filedesc://"):
        return "an ARC web archive (the Internet Archive's older format)"
    for magic, kind in _MAGIC:
        if raw.startswith(magic):
            return kind
    if raw[:4] == b"RIFF" and raw[8:12] in (b"WEBP", b"WAVE", b"AVI "):
        return {b"WEBP": "a WebP image", b"WAVE": "a WAV audio file", b"AVI ": "an AVI video"}[raw[8:12]]
    if raw[4:8] == b"ftyp":
        return "an MP4/QuickTime video or audio file, or a HEIC image"
    text = _text_head(raw)
    if text is None:
        return "a binary file (not text)"
    opening = _SKIP_PROLOG.sub("", text[:_PEEK], count=1)
    if opening.startswith("<"):
        return _markup(opening, raw)
    if opening.startswith(("{", "[")) and (json_kind := _json(raw, complete)):
        return json_kind
    if _HTML_TAG.search(text[:2048]):
        return "an HTML fragment"
    suffix = _suffix(name)
    if suffix in ("csv", "tsv"):
        return _table(text, "\t" if suffix == "tsv" else ",")
    if suffix == "json":
        return "a file named .json that is not valid JSON"
    return f"text in a '.{suffix}' file" if suffix else "text"


def _gzip(name: str, raw: bytes) -> str:
    """Look inside a gzip stream's first bytes: a .warc.gz is a web archive, not 'a .gz file'."""
    inflater = zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    try:
        inner = inflater.decompress(raw, _PEEK)
    except zlib.error:
        return "a gzip-compressed file that cannot be decompressed (damaged or not really gzip)"
    if not inner:
        return "a gzip-compressed file that is empty or cut short"
    inner_name = name[:-3] if name.lower().endswith(".gz") else name
    if inner.startswith(b"\x1f\x8b"):
        kind = "more compressed data"
    elif inner.startswith((b"PK\x03\x04", b"PK\x05\x06")):
        kind = "a zip archive"
    else:
        kind = _uncompressed(inner_name, inner, complete=inflater.eof and not inflater.unconsumed_tail)
    if not inflater.eof and len(inner) < _PEEK:  # all the input used, yet the stream goes on
        kind += ", cut short"
    for article in ("a ", "an "):
        if kind.startswith(article):
            return "a gzip-compressed " + kind.removeprefix(article)
    return "gzip-compressed " + kind


def _zip(name: str, raw: bytes) -> str:
    """Zip files: a WACZ web archive, an Office or EPUB document, or a plain archive."""
    try:
        with zipfile.ZipFile(io.BytesIO(raw)) as archive:
            names = archive.namelist()
            epub = "mimetype" in names and archive.read("mimetype").startswith(b"application/epub")
    except (zipfile.BadZipFile, OSError, KeyError, EOFError, RuntimeError):
        return "a zip archive that cannot be opened (damaged or cut short)"
    if "datapackage.json" in names or _suffix(name) == "wacz":
        return "a WACZ web archive (a zip of WARC files with an index)"
    if "word/document.xml" in names:
        return "a Word document (.docx)"
    if "xl/workbook.xml" in names:
        return "an Excel workbook (.xlsx)"
    if "ppt/presentation.xml" in names:
        return "a PowerPoint presentation (.pptx)"
    if epub:
        return "an EPUB e-book"
    if "content.xml" in names and "mimetype" in names:
        return "an OpenDocument file (.odt, .ods or .odp)"
    return f"a zip archive of {_count(len(names), 'file')}"


def _text_head(raw: bytes) -> str | None:
    """The opening of the file as text, or None when it is binary."""
    head = raw[:_PEEK]
    for bom, encoding in _BOMS:
        if head.startswith(bom):
            return head[len(bom) :].decode(encoding, errors="replace")
    sample = head[:4096]
    if b"\x00" in sample or len(sample.translate(None, _CONTROL)) < 0.9 * len(sample):
        return None
    return head.decode("utf-8", errors="replace")


def _markup(opening: str, raw: bytes) -> str:
    """HTML page, RSS or Atom feed, or some other XML, from the first element."""
    lowered = opening[:2048].lower()
    if lowered.startswith("<!doctype html"):
        return "an HTML page" + _title(opening)
    root = _ROOT.match(_SKIP_PROLOG.sub("", _DOCTYPE.sub("", opening, count=1), count=1))
    tag = root.group(1) if root else ""
    if tag.lower() in _HTML_ELEMENTS or (not tag and _HTML_TAG.search(lowered)):
        # Saved pages often lose their <html>: one opening with <style> or <h1> is still HTML.
        return "an HTML page" + _title(opening)
    if tag.lower() == "rss":
        return f"an RSS feed ({_count(raw.count(b'<item'), 'item')})"
    if tag.lower() == "rdf:rdf" and "purl.org/rss" in lowered:
        return f"an RSS 1.0 feed ({_count(raw.count(b'<item'), 'item')})"
    if tag.lower() == "feed" and "http://www.w3.org/2005/atom" in lowered:
        return f"an Atom feed ({_count(raw.count(b'<entry'), 'entry', 'entries')})"
    if tag.lower() == "svg":
        return "an SVG image"
    return f"an XML or SGML document (its first element is <{tag}>)" if tag else "an XML or HTML document"


def _title(opening: str) -> str:
    match = _TITLE.search(opening)
    title = " ".join(html.unescape(match.group(1)).split()) if match else ""
    if not title:
        return ""
    return f' titled "{title[:60]}…"' if len(title) > 60 else f' titled "{title}"'


def _json(raw: bytes, complete: bool) -> str | None:
    """Name JSON by its shape: a JSON Feed, an object of records, an array of N records."""
    if not complete:
        return "JSON data"
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError:
        return None
    except RecursionError:
        return "JSON data nested too deeply to read"
    except json.JSONDecodeError as exc:
        if exc.msg == "Extra data":
            return _json_lines(raw)
        return None
    if isinstance(data, dict):
        version = data.get("version")
        if isinstance(version, str) and version.startswith("https://jsonfeed.org/version/"):
            items = data.get("items")
            count = _count(len(items), "item") if isinstance(items, list) else "no items"
            feed = data.get("title")
            named = f'"{" ".join(feed.split())[:60]}", ' if isinstance(feed, str) and feed.strip() else ""
            return f"a JSON Feed ({named}{count})"
        if len(data) > 1 and all(isinstance(value, dict) for value in data.values()):
            return f"a JSON object of {_count(len(data), 'record')}, keyed by name or id"
        fields = ", ".join(list(data)[:5]) + (", …" if len(data) > 5 else "")
        return f"a JSON object with fields {fields}" if data else "an empty JSON object"
    if isinstance(data, list):
        if data and all(isinstance(item, dict) for item in data):
            return f"a JSON array of {_count(len(data), 'record')}"
        return f"a JSON array of {_count(len(data), 'value')}"
    return "a single JSON value"


def _json_lines(raw: bytes) -> str | None:
    lines = [line for line in raw.splitlines() if line.strip()]
    try:
        records = [json.loads(line) for line in lines]
    except (ValueError, RecursionError):
        return None
    return f"JSON Lines ({_count(len(records), 'record')})"


def _table(text: str, delimiter: str) -> str:
    try:
        header = next(csv.reader(io.StringIO(text), delimiter=delimiter), [])
    except csv.Error:
        header = []
    named = [" ".join(cell.split()) for cell in header if cell.strip()]
    if not named:
        return "a CSV table"
    shown = ", ".join(named[:4]) + (", …" if len(named) > 4 else "")
    return f"a CSV table ({_count(len(header), 'column')}: {shown})"


def _suffix(name: str) -> str:
    return name.rsplit(".", 1)[1].lower() if "." in name.lstrip(".") else ""


def _count(n: int, one: str, many: str = "") -> str:
    return f"{n} {one}" if n == 1 else f"{n} {many or one + 's'}"
