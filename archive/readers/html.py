"""Saved web pages (.html, .htm, .xhtml, .html.gz): the article, not the page around it.

A researcher saves the page as the browser got it; the raw bytes stay the evidence. What
is read out of it is the article: its paragraphs without navigation, share buttons,
comments, related links or cookie banners (trafilatura, the reference in published
extraction benchmarks), and what the page declares about it in JSON-LD and meta tags
(html_meta.py, with BeautifulSoup). The publication date comes from htmldate (through
trafilatura), which weighs the URL, meta tags, JSON-LD and <time>; it runs without its
free-text search, which guesses days that pages never state. Declarations go into
`embedded`, so a sidecar still wins field by field; a declared value that is not valid
(a date that is not a date) is left out with a warning rather than rejecting the page.
"""

from __future__ import annotations

import codecs
import re
import zlib
from urllib.parse import urlsplit

import trafilatura
from bs4.dammit import EncodingDetector

from archive.decode import decode_bytes
from archive.errors import Rejected
from archive.normalize import collapse_spaces, normalize_text
from archive.readers.contract import CERTAIN, LIKELY, NO, POSSIBLE
from archive.readers.html_body import Block, body_blocks, prune_boilerplate
from archive.readers.html_meta import Declared, clean_byline, parse_declarations, read_declarations
from archive.records import Metadata, ParsedText
from archive.sidecar import metadata_from_mapping

NAME = "html"
VERSION = "1"

_SUFFIXES = (".html", ".htm", ".xhtml", ".shtml")
_GZIP = b"\x1f\x8b"
MAX_UNZIPPED = 64 * 1024 * 1024
_DOCUMENT_START = re.compile(rb"^(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>])", re.DOTALL)
_XHTML = re.compile(rb"^<\?xml[^>]*>\s*(?:<!--.*?-->\s*)*(?:<!doctype\s+html|<html[\s>])", re.DOTALL)
_FEED = re.compile(rb"<(rss|feed|rdf:rdf)[\s>]")
_HTML_TAG = re.compile(rb"<(html|head|body|div|p|meta|title|article)[\s>]")
# Without an HTML name, only a page's own structure counts: <title> alone is also TREC or XML.
_PAGE_TAG = re.compile(rb"<(html|head|body)[\s>]")
# Separators publishers put between a headline and their name in <title>.
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » ")
_WORD = re.compile(r"\w+")
_DATE_PARAMS = {"extensive_search": False, "original_date": True}

# Fewer characters than a two-sentence news brief is a fragment or a stub, not an article.
MIN_ARTICLE_CHARS = 80
NO_ARTICLE = "is an HTML page with no article text (a home page, a section index or a login wall?)"


def sniff(name: str, raw: bytes) -> float:
    """HTML is recognised by its content: a doctype or <html> is proof; tags with the name agree."""
    lower = name.lower()
    named = lower.endswith(_SUFFIXES) or lower.endswith(tuple(s + ".gz" for s in _SUFFIXES))
    head = _head(raw)
    if not head:
        return NO
    if _DOCUMENT_START.match(head) or _XHTML.match(head):
        return CERTAIN
    if _FEED.search(head[:512]):
        return NO
    if head.startswith(b"<") and _HTML_TAG.search(head) and (named or _PAGE_TAG.search(head)):
        return LIKELY if named else POSSIBLE
    if named and head.startswith(b"<") and _HTML_TAG.search(raw[:65536].lower()):
        return LIKELY  # a page saved without its <html> start: styles or scripts come first
    return NO


def _head(raw: bytes) -> bytes:
    """The lower-cased start of the document, unzipped if it is gzip, without BOM or white space."""
    if raw.startswith(_GZIP):
        try:
            raw = zlib.decompressobj(16 + zlib.MAX_WBITS).decompress(raw[:65536], 8192)
        except zlib.error:
            return b""
    for bom, encoding in ((codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be")):
        if raw.startswith(bom):
            raw = raw[2:4096].decode(encoding, "ignore").encode("utf-8")
    return raw[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()


def read(raw: bytes) -> ParsedText:
    """The article of a saved page; pure apart from decoding."""
    data = gunzip(raw) if raw.startswith(_GZIP) else raw
    text, warnings = decode_page(data)
    tree = trafilatura.load_html(text)
    if tree is None:
        raise Rejected("looks like HTML but could not be parsed as a page")
    lang_attr = tree.get("lang") or tree.get("{http://www.w3.org/XML/1998/namespace}lang") or ""
    declared = read_declarations(parse_declarations(tree))
    _refuse_non_articles(declared)
    doc = trafilatura.bare_extraction(
        prune_boilerplate(tree),
        url=declared.url or None,
        fast=True,
        include_comments=False,
        with_metadata=True,
        date_extraction_params=_DATE_PARAMS,
    )
    blocks = body_blocks(doc.body) if doc is not None and doc.body is not None else []
    if not blocks:
        raise Rejected(NO_ARTICLE)
    guessed_title = normalize_text(collapse_spaces(doc.title or ""))
    title = choose_title(declared, guessed_title)
    blocks = _drop_leading_title(blocks, title)
    standfirst, blocks = choose_standfirst(declared.description, blocks)
    if sum(len(b.text) for b in blocks) < MIN_ARTICLE_CHARS:
        raise Rejected(NO_ARTICLE)
    if declared.password_field and sum(len(b.text) for b in blocks) < 500:
        raise Rejected("is a login page (a password form and almost no text), not an article")
    notes: list[str] = list(warnings)
    embedded = page_metadata(declared, lang_attr, doc, notes)
    return ParsedText(
        title=title or blocks[0].text[:200],
        paragraphs=tuple(b.text for b in blocks),
        standfirst=standfirst,
        authors=embedded.authors,
        warnings=tuple(notes),
        embedded=embedded,
    )


def gunzip(raw: bytes) -> bytes:
    """Decompress a .html.gz page, refusing truncated files and decompression bombs."""
    inflater = zlib.decompressobj(16 + zlib.MAX_WBITS)
    try:
        data = inflater.decompress(raw, MAX_UNZIPPED + 1)
    except zlib.error as exc:
        raise Rejected(f"is a damaged gzip file ({exc})") from None
    if len(data) > MAX_UNZIPPED:
        raise Rejected(f"unzips to more than {MAX_UNZIPPED // (1024 * 1024)} MiB; not a saved page")
    if not inflater.eof:
        raise Rejected("is a truncated gzip file (it ends before the compressed page does)")
    return data


def decode_page(data: bytes) -> tuple[str, list[str]]:
    """Decode by the charset the page declares (BOM, meta, XML), else detect and say so."""
    declared = EncodingDetector.find_declared_encoding(data[:8192], is_html=True)
    if declared and not data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            encoding = codecs.lookup(declared).name
        except LookupError:
            text, notes = decode_bytes(data)
            return text, [
                f"declares an unknown charset {declared!r}; " + (notes[0] if notes else "read as UTF-8")
            ]
        # Browsers read pages labelled Latin-1 as Windows-1252, and so must we.
        encoding = "cp1252" if encoding in ("latin-1", "iso8859-1", "ascii") else encoding
        try:
            return data.decode(encoding), []
        except UnicodeDecodeError as exc:
            text, notes = decode_bytes(data)
            how = notes[0] if notes else "it is valid UTF-8; read as UTF-8"
            return text, [f"declares charset {declared} but byte {exc.start} is not valid {encoding}; {how}"]
    return decode_bytes(data)


def _refuse_non_articles(declared: Declared) -> None:
    """A site's front page or a listing says so in its declarations; it holds no one article."""
    listing = declared.page_typed or (declared.og_type == "website" and not declared.article_typed)
    if listing and declared.url and urlsplit(declared.url).path in ("", "/"):
        raise Rejected(f"is the home page of {declared.url}, a list of links rather than an article")


def choose_title(declared: Declared, guessed: str) -> str:
    """The headline as the page shows it, confirmed by what it declares, without the site's name.

    The visible <h1> and a declared title (JSON-LD, Open Graph, <title>) confirm each
    other when one holds most of the other; the shorter is the headline, since either
    may carry the site's name or a section ("Local News | ..."). A page's only <h1> is
    the headline otherwise: Open Graph titles are often
    rewritten for sharing. Pages with several <h1>s (a logo, a donation box) fall back
    to the declared headline, then the extraction library's guess, then the <title>.
    """
    declared_titles = [t for t in (*declared.titles, declared.page_title) if t]
    for h1 in declared.h1s:
        seen = _words(h1)
        for title in declared_titles:
            said = _words(title)
            # One holds the other and most of it (not a logo's word): the shorter is the
            # headline without the section label or site name the other one carries.
            if seen.strip() and seen in said and 2 * len(seen) >= len(said):
                return normalize_text(h1)
            if said.strip() and said in seen and 2 * len(said) >= len(seen):
                return _strip_site_name(normalize_text(title), declared.site_name)
    if len(declared.h1s) == 1 and _is_headline(declared.h1s[0], declared.site_name):
        return normalize_text(declared.h1s[0])
    for candidate in [*declared.titles, guessed, declared.page_title]:
        title = _strip_site_name(normalize_text(candidate), declared.site_name)
        if title:
            return title
    return ""


def _is_headline(h1: str, site_name: str) -> bool:
    """A lone <h1> is the headline unless it is too short to be one or is the site's logo."""
    return len(h1) >= 8 and not (site_name and _words(h1) in _words(site_name))


def _words(text: str) -> str:
    """Text reduced to its words, to compare titles regardless of case and punctuation."""
    return " " + " ".join(_WORD.findall(text.casefold())) + " " if text else ""


def _strip_site_name(title: str, site_name: str) -> str:
    """Remove a trailing or leading "| Site Name" that <title> tags carry."""
    if not site_name:
        return title
    site = site_name.casefold()
    for sep in _TITLE_SEPARATORS:
        head, _, tail = title.rpartition(sep)
        if head and tail.casefold() == site:
            return head.strip()
        first, _, rest = title.partition(sep)
        if rest and first.casefold() == site:
            return rest.strip()
    return title


def _drop_leading_title(blocks: list[Block], title: str) -> list[Block]:
    """The headline is the title, not the first paragraph of the body."""
    while blocks and title and blocks[0].text.casefold() == title.casefold():
        blocks = blocks[1:]
    return blocks


def choose_standfirst(description: str, blocks: list[Block]) -> tuple[str, list[Block]]:
    """The page's description is a standfirst unless it only repeats the opening paragraph.

    A description that is the first paragraph (or its start, cut with "…") adds nothing.
    A heading-level block at the top that repeats it is the dek: it becomes the
    standfirst and leaves the body.
    """
    summary = normalize_text(collapse_spaces(description))
    if not summary:
        return "", blocks
    stem = summary.rstrip(".…").rstrip()
    first = blocks[0]
    if first.text == summary and first.kind == "head":
        return summary, blocks[1:]
    opening = " ".join(b.text for b in blocks[:3])
    if stem and (opening.startswith(stem) or stem in opening):
        return "", blocks
    return summary, blocks


def page_metadata(declared: Declared, lang_attr: str, doc, notes: list[str]) -> Metadata:
    """The page's declared metadata, each field validated; invalid ones are left out and noted."""
    date = _valid("date", doc.date or "", notes, quiet=bool(declared.date)) or _valid(
        "date", declared.date, notes
    )
    language = _first_valid("language", [lang_attr, declared.language], notes)
    authors = declared.authors or clean_byline(doc.author or "")
    return Metadata(
        source=_valid("source", normalize_text(declared.site_name), notes),
        url=_valid("url", declared.url, notes),
        date=date,
        language=language.split("-")[0],
        authors=tuple(normalize_text(a) for a in authors),
        tags=tuple(normalize_text(t) for t in _valid_list("tags", declared.tags, notes)),
    )


def _valid(field: str, value: str, notes: list[str], *, quiet: bool = False) -> str:
    """A declared value if the archive's own validators accept it, else "" and a note."""
    if not value:
        return ""
    try:
        return getattr(metadata_from_mapping({field: value}), field)
    except Rejected as exc:
        if not quiet:
            notes.append(f"the page's {field} was left out: {exc}")
        return ""


def _first_valid(field: str, values: list[str], notes: list[str]) -> str:
    present = [v.strip() for v in values if v and v.strip()]
    for i, value in enumerate(present):
        if accepted := _valid(field, value, notes, quiet=i < len(present) - 1):
            return accepted
    return ""


def _valid_list(field: str, values: tuple[str, ...], notes: list[str]) -> tuple[str, ...]:
    if not values:
        return ()
    try:
        return getattr(metadata_from_mapping({field: list(values)}), field)
    except Rejected as exc:
        notes.append(f"the page's {field} were left out: {exc}")
        return ()
