"""Feeds: one article per item, full content when the feed has it, the item's own metadata."""

import json
import os
from datetime import date
from pathlib import Path

import pytest

from archive.errors import Rejected
from archive.readers import choose_reader, feed
from archive.readers.contract import CERTAIN, NO, Item, ReadOptions
from archive.readers.html_body import fragment_blocks
from archive.records import Metadata, ParsedText

RSS = """<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/"
     xmlns:dc="http://purl.org/dc/elements/1.1/">
<channel>
  <title>Camp Watch</title><link>https://camps.example.org/</link><language>en-us</language>
  <managingEditor>desk@camps.example.org (News Desk)</managingEditor>
  <item>
    <title>Families ask &amp; wait</title>
    <link>https://camps.example.org/2021/families</link>
    <guid isPermaLink="false">cw-101</guid>
    <pubDate>Fri, 29 Oct 2021 23:26:00 -0400</pubDate>
    <dc:creator>Jane Roe</dc:creator>
    <category>detention</category><category>Kazakhstan</category>
    <description>Relatives queue at the office.</description>
    <content:encoded><![CDATA[<p>Relatives   queued outside the <b>office</b> on Friday.</p>
      <script>track()</script><h2>What they asked</h2>
      <ul><li>Where is my brother?</li><li>When will he call?</li></ul>
      <p>Nobody answered.<img src="https://camps.example.org/pixel.png"></p>]]></content:encoded>
  </item>
  <item>
    <title>Только краткое содержание</title>
    <link>https://camps.example.org/ru/short</link>
    <guid>https://camps.example.org/ru/short</guid>
    <pubDate>Mon, 04 Jan 2021 08:00:00 +0600</pubDate>
    <author>desk@camps.example.org (Айгерим Сапарова)</author>
    <description>&lt;p&gt;Свидетель рассказал о &lt;i&gt;лагере&lt;/i&gt;.&lt;/p&gt;</description>
  </item>
  <item><title>Nothing here</title><guid>cw-103</guid></item>
</channel>
</rss>
""".encode()

ATOM = """<?xml version="1.0" encoding="utf-8"?>
<feed xmlns="http://www.w3.org/2005/Atom" xml:lang="ru">
  <title>Хроника</title>
  <author><name>Редакция</name></author>
  <id>urn:uuid:feed-1</id>
  <updated>2020-01-03T00:00:00Z</updated>
  <entry>
    <id>urn:uuid:entry-1</id>
    <title type="html">&lt;b&gt;Письмо&lt;/b&gt; из Алматы</title>
    <link href="https://chronicle.example.kz/letter"/>
    <updated>2020-01-03T01:30:00+06:00</updated>
    <summary>Кратко.</summary>
    <content type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>Первый абзац письма.</p><p>Второй абзац.</p></div></content>
  </entry>
  <entry xml:lang="kk">
    <id>urn:uuid:entry-2</id>
    <title>Хат</title>
    <author><name>Сайрагүл Сауытбай</name></author>
    <published>2019-10-14T08:00:00Z</published>
    <content type="text">Бірінші абзац.

Екінші абзац.</content>
  </entry>
</feed>
""".encode()

JSON_FEED = {
    "version": "https://jsonfeed.org/version/1.1",
    "title": "Testimony Wire",
    "language": "en",
    "authors": [{"name": "Wire Staff"}],
    "items": [
        {
            "id": 7,
            "url": "https://wire.example.net/7",
            "title": "A mother's account",
            "content_html": "<p>She spoke for an hour.</p><p>Her son was taken in 2017.</p>",
            "summary": "An hour-long account.",
            "date_published": "2021-05-01T22:10:00-07:00",
            "tags": ["testimony", "Xinjiang"],
            "authors": [{"name": "Li Wei"}, {"name": "Sam Poe"}],
        },
        {
            "id": "8",
            "external_url": "https://elsewhere.example.com/story",
            "title": "Only a teaser",
            "summary": "A short teaser of the story.",
            "date_published": "2021-05-02",
            "language": "zh-Hans",
        },
        {"id": "9", "title": "Empty item"},
        "not an object",
        {
            "id": "10",
            "content_text": "第一段。\n\n第二段。",
            "date_published": "9999-01-01T00:00:00Z",
            "url": "ftp://wire.example.net/10",
        },
    ],
}


def _items(raw: bytes) -> list[Item]:
    return list(feed.read_items(raw, ReadOptions()))


def test_rss_items_are_articles_with_full_content_and_the_items_own_metadata():
    first, second, third = _items(RSS)
    assert first.locator == "item 1 <cw-101>"
    assert first.parsed == ParsedText(
        title="Families ask & wait",
        paragraphs=(
            "Relatives queued outside the office on Friday.",
            "What they asked",
            "Where is my brother?",
            "When will he call?",
            "Nobody answered.",
        ),
        standfirst="Relatives queue at the office.",
        authors=("Jane Roe",),
    )
    # The date is the item's own calendar day (-04:00), not the UTC day after.
    assert first.given == Metadata(
        title="Families ask & wait",
        source="Camp Watch",
        url="https://camps.example.org/2021/families",
        date="2021-10-29",
        language="en",
        authors=("Jane Roe",),
        tags=("detention", "Kazakhstan"),
    )
    assert first.details == (("feed_guid", "cw-101"), ("feed_published", "Fri, 29 Oct 2021 23:26:00 -0400"))
    # Only a summary: read, with a warning; the channel's editor is not the item's author.
    assert second.locator == "item 2 <https://camps.example.org/ru/short>"
    assert second.parsed == ParsedText(
        title="Только краткое содержание",
        paragraphs=("Свидетель рассказал о лагере.",),
        authors=("Айгерим Сапарова",),
        warnings=("only a summary of this item was in the feed, not its full text",),
    )
    assert (second.given.date, second.given.language) == ("2021-01-04", "en")
    assert third.parsed is None and third.given is None
    assert (third.locator, third.rejected) == (
        "item 3 <cw-103>",
        'has neither text nor a summary ("Nothing here")',
    )


def test_atom_entries_inherit_the_feeds_author_and_language_and_keep_their_own():
    first, second = _items(ATOM)
    assert first.locator == "item 1 <urn:uuid:entry-1>"
    assert first.parsed == ParsedText(
        title="Письмо из Алматы",
        paragraphs=("Первый абзац письма.", "Второй абзац."),
        standfirst="Кратко.",
        authors=("Редакция",),
    )
    assert first.given == Metadata(
        title="Письмо из Алматы",
        source="Хроника",
        url="https://chronicle.example.kz/letter",
        date="2020-01-03",  # 01:30 in Almaty, the 2nd in UTC: the item's own day counts
        language="ru",
        authors=("Редакция",),
    )
    assert first.details == (("feed_guid", "urn:uuid:entry-1"), ("feed_updated", "2020-01-03T01:30:00+06:00"))
    assert second.parsed.paragraphs == ("Бірінші абзац.", "Екінші абзац.")
    assert (second.given.authors, second.given.language, second.given.date) == (
        ("Сайрагүл Сауытбай",),
        "kk",
        "2019-10-14",
    )
    assert second.given.url == ""


def test_json_feed_items_content_summary_and_refusals():
    today = date.today()
    items = _items(json.dumps(JSON_FEED).encode())
    assert [i.locator for i in items] == ["item 1 <7>", "item 2 <8>", "item 3 <9>", "item 4", "item 5 <10>"]
    full, teaser, empty, odd, chinese = items
    assert full.parsed == ParsedText(
        title="A mother's account",
        paragraphs=("She spoke for an hour.", "Her son was taken in 2017."),
        standfirst="An hour-long account.",
        authors=("Li Wei", "Sam Poe"),
    )
    assert full.given == Metadata(
        title="A mother's account",
        source="Testimony Wire",
        url="https://wire.example.net/7",
        date="2021-05-01",
        language="en",
        authors=("Li Wei", "Sam Poe"),
        tags=("testimony", "Xinjiang"),
    )
    assert teaser.parsed.paragraphs == ("A short teaser of the story.",)
    assert teaser.parsed.warnings == ("only a summary of this item was in the feed, not its full text",)
    assert (teaser.given.url, teaser.given.language, teaser.given.authors) == (
        "https://elsewhere.example.com/story",
        "zh",
        ("Wire Staff",),
    )
    assert empty.rejected == 'has neither text nor a summary ("Empty item")'
    assert odd.rejected == "is not a JSON object, so it holds no article"
    assert chinese.parsed.paragraphs == ("第一段。", "第二段。")
    assert chinese.parsed.title == "第一段。"
    assert (chinese.given.date, chinese.given.url) == ("", "")
    assert chinese.parsed.warnings == (
        "the item's url was left out: metadata field 'url' must be an absolute http(s) URL, not 'ftp://wire.example.net/10'",
        "the item's published date was left out: must be a real date written YYYY, YYYY-MM or YYYY-MM-DD "
        f"(a date and time is cut to its date), not in the future; '9999-01-01' is in the future (today is {today.isoformat()}, UTC)",
    )


def test_an_items_digest_follows_its_own_fields_only():
    before = _items(json.dumps(JSON_FEED).encode())
    changed = json.loads(json.dumps(JSON_FEED))
    changed["items"][1]["summary"] = "A different teaser."
    after = _items(json.dumps(changed).encode())
    assert all(len(i.digest) == 64 for i in before if i.parsed)
    assert len({i.digest for i in before if i.parsed}) == 3
    assert after[0].digest == before[0].digest and after[4].digest == before[4].digest
    assert after[1].digest != before[1].digest


@pytest.mark.parametrize(
    "name, raw",
    [
        ("news.xml", RSS),
        ("news.txt", RSS),  # the content decides, not the name
        ("atom.html", ATOM),
        ("feed.json", json.dumps(JSON_FEED).encode()),
        ("feed", b'{"items": [], "version": "https:\\/\\/jsonfeed.org\\/version\\/1.1"}'),  # escaped slashes
        ("rdf.xml", b'<?xml version="1.0"?><rdf:RDF xmlns="http://purl.org/rss/1.0/"><item/></rdf:RDF>'),
    ],
)
def test_feeds_are_known_by_content_and_beat_the_html_and_json_paths(name, raw):
    assert feed.sniff(name, raw) == CERTAIN
    assert choose_reader(name, raw) is feed


@pytest.mark.parametrize(
    "raw",
    [
        b"<!doctype html><html><body><p>A page about RSS feeds</p></body></html>",
        b"<feed><entry/></feed>",  # not Atom's namespace
        b'{"version": "1.0", "items": []}',
        b'[{"title": "a record"}]',
        b"Title\nA text that mentions <rss and <feed.",
    ],
)
def test_other_files_are_not_feeds(raw):
    assert feed.sniff("file.xml", raw) == NO


def test_a_damaged_feed_is_read_as_far_as_it_goes_or_refused():
    cut = RSS[: RSS.index(b"<item><title>Nothing")]
    items = _items(cut)
    assert [i.locator for i in items] == ["item 1 <cw-101>", "item 2 <https://camps.example.org/ru/short>"]
    assert items[0].parsed.warnings[0].startswith("the feed is not well-formed (")
    with pytest.raises(Rejected, match=r"^looks like a feed but could not be read: "):
        _items(b'<rss version="2.0"><channel><title>x</ti')
    with pytest.raises(Rejected, match=r"^is an RSS feed with no items$"):
        _items(b'<rss version="2.0"><channel><title>x</title></channel></rss>')
    with pytest.raises(
        Rejected, match=r"^is a JSON Feed that is not valid JSON: Expecting .* at line 1, column \d+$"
    ):
        _items(b'{"version": "https://jsonfeed.org/version/1", "items": [')
    with pytest.raises(Rejected, match=r'^is a JSON Feed without an "items" list$'):
        _items(b'{"version": "https://jsonfeed.org/version/1", "title": "x"}')


@pytest.mark.parametrize(
    "html, paragraphs",
    [
        ("<p>One <a href='x'>link</a>.</p><p>Two</p>", ["One link.", "Two"]),
        (
            "<h3>Head</h3><blockquote>Said</blockquote><table><tr><td>a</td><th>b</th></tr></table>",
            ["Head", "Said", "a b"],
        ),
        ("Plain &amp; simple", ["Plain & simple"]),
        ("<style>p{}</style><p>Kept</p><!-- gone --><iframe>gone</iframe>", ["Kept"]),
        ("", []),
    ],
)
def test_html_fragments_become_paragraphs_whole(html, paragraphs):
    assert [b.text for b in fragment_blocks(html)] == paragraphs


def _corpora() -> Path:
    configured = os.environ.get("ARCHIVE_CORPORA")
    return Path(configured) if configured else Path(__file__).resolve().parents[2] / "shared" / "corpora"


def test_the_shared_json_feed_is_read_item_by_item():
    path = _corpora() / "feeds" / "npr-technology-feed.json"
    if not path.is_file():
        pytest.skip(f"no shared corpora at {path} (set ARCHIVE_CORPORA to their folder)")
    raw = path.read_bytes()
    assert choose_reader(path.name, raw) is feed
    items = _items(raw)
    assert len(items) == 25 and all(i.parsed is not None and not i.rejected for i in items)
    assert items[0].locator == "item 1 <1050315385>"
    assert {i.given.date[:7] for i in items} == {"2021-10"}
    assert all(i.given.url.startswith("https://www.npr.org/") and i.given.authors for i in items)
    assert {i.given.source for i in items} == {"Technology"}
    assert len({i.digest for i in items}) == 25
