"""Feeds (RSS, Atom, JSON Feed): one article per item, with the item's link, date and authors.

RSS and Atom are read with feedparser, which copes with the broken XML real feeds carry
and sanitizes their HTML. feedparser 6 does not read JSON Feed (its support is unreleased),
so JSON Feed is read with json here; both become the same `Entry`, and one pure function
turns an Entry into an Item. The full content of an item (content:encoded, Atom content,
content_html, content_text) is the article; when the feed carries only a summary, the
summary is taken and a warning says so, because a researcher citing it should know the
archive holds a teaser, not the article. Dates are the item's own calendar date in the
time zone it was published in (feedparser would shift them to UTC, moving evening
items to the next day).
"""

from __future__ import annotations

import email.utils
import hashlib
import json
import re
from collections.abc import Iterator
from dataclasses import asdict, dataclass
from datetime import date, datetime

import feedparser

from archive.errors import Rejected
from archive.metadata_values import check_date, utc_today
from archive.normalize import collapse_spaces, normalize_text, split_blocks
from archive.readers.contract import CERTAIN, NO, Item, ReadOptions
from archive.readers.given import primary_language, valid_value, valid_values
from archive.readers.html import choose_standfirst
from archive.readers.html_body import Block, fragment_blocks
from archive.records import Metadata, ParsedText

NAME = "feed"
VERSION = "1"

_PROLOG = re.compile(rb"\A(?:\s+|<\?.*?\?>|<!--.*?-->|<!doctype[^>]*>)*", re.DOTALL | re.IGNORECASE)
_RSS = re.compile(rb"<rss[\s>]")
_ATOM = re.compile(rb"<feed[^>]*http://www\.w3\.org/2005/atom", re.DOTALL)
_RDF = re.compile(rb"<rdf:rdf[^>]*purl\.org/rss/1\.0", re.DOTALL)
_JSON_FEED = re.compile(rb'"version"\s*:\s*"https?:\\?/\\?/jsonfeed\.org\\?/version\\?/1')
_BOMS = (b"\xef\xbb\xbf",)
SUMMARY_ONLY = "only a summary of this item was in the feed, not its full text"


@dataclass(frozen=True)
class Entry:
    """One feed item's fields as the feed gives them, whatever the feed's format."""

    guid: str = ""
    url: str = ""
    title: str = ""
    title_is_html: bool = False
    content: str = ""
    content_is_html: bool = True
    summary: str = ""
    summary_is_html: bool = True
    published: str = ""
    updated: str = ""
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    language: str = ""


@dataclass(frozen=True)
class Feed:
    """What the feed says about itself: its kind for messages, its title, and its problems."""

    kind: str
    title: str = ""
    warning: str = ""


def sniff(name: str, raw: bytes) -> float:
    """A feed is known by its root element or its JSON Feed version, never by its name."""
    head = raw[:65536].removeprefix(_BOMS[0])
    start = head.lstrip()
    if start.startswith(b"{"):
        return CERTAIN if _JSON_FEED.search(head) else NO
    opening = _PROLOG.sub(b"", head[:4096], count=1).lower()
    if opening.startswith(b"<") and (_RSS.match(opening) or _ATOM.match(opening) or _RDF.match(opening)):
        return CERTAIN
    return NO


def read_items(raw: bytes, options: ReadOptions) -> Iterator[Item]:
    """Every item of the feed as an article, or rejected naming what it lacks."""
    feed, entries = _json_feed(raw) if raw.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") else _xml_feed(raw)
    if not entries:
        raise Rejected(f"is {feed.kind} with no items")
    today = utc_today()
    for number, entry in enumerate(entries, start=1):
        if entry is None:
            yield Item(f"item {number}", rejected="is not a JSON object, so it holds no article")
        else:
            yield item_from_entry(number, entry, feed, today)


def item_from_entry(number: int, entry: Entry, feed: Feed, today: date) -> Item:
    """The Item for one entry: its article (content, else summary), what the feed says, its digest."""
    locator = f"item {number}" + (f" <{entry.guid}>" if entry.guid else "")
    digest = hashlib.sha256(
        json.dumps(asdict(entry), sort_keys=True, ensure_ascii=False, separators=(",", ":")).encode("utf-8")
    ).hexdigest()
    details = tuple(
        (key, value)
        for key, value in (
            ("feed_guid", entry.guid),
            ("feed_published", entry.published),
            ("feed_updated", entry.updated),
        )
        if value
    )
    title = _text_of(entry.title, entry.title_is_html)
    notes: list[str] = [feed.warning] if feed.warning else []
    blocks = _blocks(entry.content, entry.content_is_html)
    summary = _text_of(entry.summary, entry.summary_is_html)
    standfirst = ""
    if blocks:
        standfirst, blocks = choose_standfirst(summary, blocks) if summary else ("", blocks)
    else:
        blocks = _blocks(entry.summary, entry.summary_is_html)
        if blocks:
            notes.append(SUMMARY_ONLY)
    if not blocks:
        named = f' ("{title[:60]}")' if title else ""
        return Item(
            locator, digest=digest, details=details, rejected=f"has neither text nor a summary{named}"
        )
    given = _given(entry, feed, title, notes, today)
    parsed = ParsedText(
        title=title or blocks[0].text[:200],
        paragraphs=tuple(b.text for b in blocks),
        standfirst=standfirst,
        authors=given.authors,
        warnings=tuple(notes),
    )
    return Item(locator, parsed=parsed, given=given, digest=digest, details=details)


def _given(entry: Entry, feed: Feed, title: str, notes: list[str], today: date) -> Metadata:
    """What the feed says about the item, each value checked as a sidecar's would be."""
    language = valid_value("language", entry.language, notes, "the item's")
    return Metadata(
        title=title,
        source=normalize_text(collapse_spaces(feed.title)),
        url=valid_value("url", entry.url.strip(), notes, "the item's"),
        date=_item_date(entry, notes, today),
        language=primary_language(language),
        authors=valid_values("authors", [normalize_text(a) for a in entry.authors], notes, "the item's"),
        tags=valid_values("tags", [normalize_text(t) for t in entry.tags], notes, "the item's"),
    )


def _item_date(entry: Entry, notes: list[str], today: date) -> str:
    """The publication date (else the update date) as YYYY-MM-DD in the item's own time zone."""
    for label, raw in (("published", entry.published), ("updated", entry.updated)):
        if not raw.strip():
            continue
        try:
            return check_date(calendar_date(raw), today)
        except ValueError as exc:
            notes.append(f"the item's {label} date was left out: {exc}")
    return ""


def calendar_date(raw: str) -> str:
    """The date part of an RFC 822 (RSS) or ISO 8601 (Atom, JSON Feed) timestamp, as written."""
    text = raw.strip()
    try:
        return email.utils.parsedate_to_datetime(text).date().isoformat()
    except (TypeError, ValueError, IndexError):
        pass
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00").replace("z", "+00:00")).date().isoformat()
    except ValueError:
        return text  # left to the date check, which says what is wrong with it


def _blocks(text: str, is_html: bool) -> list[Block]:
    if not text.strip():
        return []
    if is_html:
        return fragment_blocks(text)
    return [Block("p", p) for p in split_blocks(normalize_text(text))]


def _text_of(text: str, is_html: bool) -> str:
    """A one-line text (a title, a summary as standfirst) from text or HTML."""
    if is_html:
        return " ".join(b.text for b in fragment_blocks(text))
    return collapse_spaces(normalize_text(text))


# --- RSS and Atom, through feedparser -------------------------------------------------


def _xml_feed(raw: bytes) -> tuple[Feed, list[Entry | None]]:
    parsed = feedparser.parse(raw, sanitize_html=True, resolve_relative_uris=True)
    version = parsed.version or ""
    kind = (
        "an Atom feed"
        if version.startswith("atom")
        else "an RSS feed"
        if version.startswith("rss")
        else "a feed"
    )
    problem = parsed.get("bozo_exception") if parsed.get("bozo") else None
    if not parsed.entries and problem is not None:
        raise Rejected(f"looks like a feed but could not be read: {_say(problem)}")
    warning = (
        f"the feed is not well-formed ({_say(problem)}); what could be read of it was read" if problem else ""
    )
    meta = parsed.feed
    feed = Feed(kind=kind, title=meta.get("title", ""), warning=warning)
    # Atom says a feed's author is the author of every entry that names none.
    inherited = _names(meta.get("authors", [])) if parsed.version.startswith("atom") else ()
    return feed, [_xml_entry(e, meta.get("language", ""), inherited) for e in parsed.entries]


def _xml_entry(e: feedparser.FeedParserDict, feed_language: str, feed_authors: tuple[str, ...]) -> Entry:
    own = dict(e)  # FeedParserDict.get falls back from one key to another ("updated" to "published")
    contents = own.get("content") or []
    # Prefer HTML over plain text when an item carries both.
    content = next((c for c in contents if "html" in c.get("type", "")), contents[0] if contents else {})
    summary = e.get("summary_detail") or {}
    if contents and summary.get("value") == content.get("value"):
        summary = {}  # feedparser copies Atom content into summary when there is none
    title = e.get("title_detail") or {}
    language = content.get("language") or title.get("language") or feed_language or ""
    return Entry(
        guid=str(e.get("id", "")),
        url=e.get("link", ""),
        title=title.get("value", ""),
        title_is_html="html" in title.get("type", ""),
        content=content.get("value", ""),
        content_is_html="html" in content.get("type", "text/html"),
        summary=summary.get("value", ""),
        summary_is_html="html" in summary.get("type", "text/html"),
        published=own.get("published", ""),
        updated=own.get("updated", ""),
        authors=_names(e.get("authors", [])) or feed_authors,
        tags=tuple(t for tag in e.get("tags", []) if (t := tag.get("label") or tag.get("term"))),
        language=language,
    )


def _names(authors: list) -> tuple[str, ...]:
    return tuple(name for a in authors if isinstance(a, dict) and (name := str(a.get("name") or "").strip()))


def _say(problem: object) -> str:
    text = str(getattr(problem, "getMessage", lambda: problem)())
    line = getattr(problem, "getLineNumber", lambda: None)()
    return f"{text} at line {line}" if line else text


# --- JSON Feed (https://jsonfeed.org/version/1.1), read with json ----------------------


def _json_feed(raw: bytes) -> tuple[Feed, list[Entry | None]]:
    try:
        data = json.loads(raw.decode("utf-8-sig"))
    except UnicodeDecodeError as exc:
        raise Rejected(f"is a JSON Feed that is not UTF-8 (byte {exc.start}), as JSON must be") from None
    except json.JSONDecodeError as exc:
        raise Rejected(
            f"is a JSON Feed that is not valid JSON: {exc.msg} at line {exc.lineno}, column {exc.colno}"
        ) from None
    except RecursionError:
        raise Rejected("is a JSON Feed nested too deeply to read") from None
    if not isinstance(data, dict):
        raise Rejected("is JSON, but not a JSON Feed object")
    items = data.get("items")
    if not isinstance(items, list):
        raise Rejected('is a JSON Feed without an "items" list')
    title = _str(data.get("title"))
    feed = Feed(kind=f'a JSON Feed ("{title}")' if title else "a JSON Feed", title=title)
    feed_authors = _json_authors(data)
    feed_language = _str(data.get("language"))
    return feed, [_json_entry(i, feed_authors, feed_language) for i in items]


def _json_entry(item: object, feed_authors: tuple[str, ...], feed_language: str) -> Entry | None:
    if not isinstance(item, dict):
        return None
    html, text = _str(item.get("content_html")), _str(item.get("content_text"))
    tags = item.get("tags")
    return Entry(
        guid=_str(item.get("id")),
        url=_str(item.get("url")) or _str(item.get("external_url")),
        title=_str(item.get("title")),
        title_is_html=False,
        content=html or text,
        content_is_html=bool(html),
        summary=_str(item.get("summary")),
        summary_is_html=False,  # JSON Feed's summary is plain text
        published=_str(item.get("date_published")),
        updated=_str(item.get("date_modified")),
        authors=_json_authors(item) or feed_authors,
        tags=tuple(t for t in (_str(tag) for tag in tags) if t) if isinstance(tags, list) else (),
        language=_str(item.get("language")) or feed_language,
    )


def _json_authors(data: dict) -> tuple[str, ...]:
    """Version 1.1's `authors` list, else version 1's single `author`."""
    authors = data.get("authors")
    if not isinstance(authors, list):
        authors = [data.get("author")]
    return _names([a for a in authors if isinstance(a, dict)])


def _str(value: object) -> str:
    """A JSON value as text: ids may be numbers; objects and lists are not text."""
    if isinstance(value, bool) or value is None or isinstance(value, (dict, list)):
        return ""
    return str(value)
