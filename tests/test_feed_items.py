"""Feed items in detail: what each field falls back to, which text is HTML, which date and
language win, and the exact reasons a feed or an item is refused.

Written for mutants of archive/readers/feed.py that survived test_feed_reader.py
(tests/MUTATION.md): a default that became "XXXX", a summary read as HTML when the feed
says it is text, a fallback that never fell back. Each expectation is written by hand
from the README's paragraph on feeds.
"""

from __future__ import annotations

import json

import pytest

from archive.errors import Rejected
from archive.readers import feed
from archive.readers.contract import CERTAIN, ReadOptions

BOM = b"\xef\xbb\xbf"


def _items(raw: bytes):
    return list(feed.read_items(raw, ReadOptions()))


def _rss(items: str, channel: str = "<title>Camp Watch</title>") -> bytes:
    return (
        '<rss version="2.0" xmlns:content="http://purl.org/rss/1.0/modules/content/">'
        f"<channel>{channel}{items}</channel></rss>"
    ).encode()


def _atom(entries: str, head: str = "<title>Хроника</title>", lang: str = ' xml:lang="ru"') -> bytes:
    return f'<feed xmlns="http://www.w3.org/2005/Atom"{lang}>{head}{entries}</feed>'.encode()


def _json_feed(items: list, **feed_fields) -> bytes:
    return json.dumps(
        {"version": "https://jsonfeed.org/version/1.1", **feed_fields, "items": items}, ensure_ascii=False
    ).encode()


# --- known by content, with a byte-order mark or blank lines first -------------------


@pytest.mark.parametrize(
    "raw",
    [
        BOM + _json_feed([{"id": "1", "content_text": "Text."}]),
        BOM + _rss("<item><title>a</title><description>b</description></item>"),
    ],
)
def test_a_byte_order_mark_does_not_hide_a_feed(raw):
    assert feed.sniff("download", raw) == CERTAIN


def test_a_json_feed_after_a_byte_order_mark_and_blank_lines_is_read_as_json():
    (item,) = _items(BOM + b"\r\n  " + _json_feed([{"id": "1", "title": "Letter", "content_text": "Text."}]))
    assert (item.locator, item.parsed.title, item.parsed.paragraphs) == ("item 1 <1>", "Letter", ("Text.",))


# --- locators, titles and the reasons an item or a feed is refused --------------------


def test_an_item_without_a_guid_is_named_by_its_number_alone():
    item, _ = _items(
        _rss(
            "<item><title>No guid</title><link>https://camps.example.org/a</link><description>Text.</description></item>"
            "<item><title>Also none</title><link>https://camps.example.org/b</link><description>Text.</description></item>"
        )
    )
    assert item.locator == "item 1"


def test_an_empty_item_is_refused_naming_the_start_of_its_title():
    title = "A very long headline about the families who waited at the border post all winter"
    (item,) = _items(_rss(f"<item><title>{title}</title><guid>cw-9</guid></item>"))
    assert (
        item.rejected
        == 'has neither text nor a summary ("A very long headline about the families who waited at the bo")'
    )


def test_an_item_without_a_title_takes_the_first_200_characters_of_its_text():
    text = "Слово " * 60  # 360 characters, Cyrillic
    (item,) = _items(_json_feed([{"id": "5", "content_text": text}]))
    assert item.parsed.title == text[:200] and len(item.parsed.title) == 200


@pytest.mark.parametrize(
    "raw, reason",
    [
        (
            b'<rss version="2.0"><channel><title>x</ti',
            "looks like a feed but could not be read: unclosed token at line 2",
        ),
        (
            b'{"version": "https://jsonfeed.org/version/1", "items": [{"title": "\xff"}]}',
            "is a JSON Feed that is not UTF-8 (byte 67), as JSON must be",
        ),
        (
            b'{"version": "https://jsonfeed.org/version/1", "items": ' + b"[" * 100000 + b"]" * 100000 + b"}",
            "is a JSON Feed nested too deeply to read",
        ),
        (b'{"version": "https://jsonfeed.org/version/1", "items": []}', "is a JSON Feed with no items"),
        (
            b'{"version": "https://jsonfeed.org/version/1", "title": "Wire", "items": []}',
            'is a JSON Feed ("Wire") with no items',
        ),
    ],
)
def test_refused_feeds_say_exactly_why(raw, reason):
    with pytest.raises(Rejected) as refused:
        _items(raw)
    assert str(refused.value) == reason


def test_a_feed_cut_short_warns_with_the_line_where_it_broke():
    raw = _rss(
        "<item><title>Kept</title><link>https://camps.example.org/k</link><description>Text.</description></item>"
    )[:-20]
    (item,) = _items(raw)
    assert item.parsed.warnings[0] == (
        "the feed is not well-formed (unclosed token at line 2); what could be read of it was read"
    )


# --- what the feed says about an item: defaults are empty, never invented -------------


def test_a_bare_rss_item_has_no_url_date_author_or_language_and_no_warnings():
    (item,) = _items(
        _rss(
            "<item><title>Bare</title><description>Only text.</description></item>",
            channel="<managingEditor>desk@camps.example.org (News Desk)</managingEditor>",
        )
    )
    given = item.given
    assert (given.source, given.url, given.date, given.language, given.authors) == ("", "", "", "", ())
    # RSS has no feed-level author that items inherit (Atom and JSON Feed do).
    assert item.parsed.warnings == ("only a summary of this item was in the feed, not its full text",)


def test_an_atom_feed_without_authors_or_language_gives_none():
    (item,) = _items(
        _atom(
            '<entry><id>e1</id><title>Letter</title><link href="https://chronicle.example.kz/1"/>'
            "<content>Text.</content></entry>",
            lang="",
        )
    )
    assert (item.given.authors, item.given.language, item.parsed.warnings) == ((), "", ())


def test_an_author_without_a_name_is_no_author():
    (item,) = _items(
        _atom(
            '<entry><id>e1</id><title>Letter</title><link href="https://chronicle.example.kz/1"/>'
            "<author><email>desk@chronicle.example.kz</email></author><content>Text.</content></entry>"
        )
    )
    assert item.given.authors == ()


def test_an_invalid_item_language_is_left_out_with_a_warning():
    (item,) = _items(_json_feed([{"id": "1", "content_text": "Text.", "language": "xx-bogus"}]))
    assert item.given.language == ""
    assert len(item.parsed.warnings) == 1
    assert item.parsed.warnings[0].startswith("the item's language was left out: ")


def test_language_comes_from_the_content_then_the_title_then_the_feed():
    items = _items(
        _atom(
            '<entry><id>e1</id><title xml:lang="kk">Хат</title><link href="https://chronicle.example.kz/1"/>'
            '<content type="text" xml:lang="en">Plain text.</content></entry>'
            '<entry><id>e2</id><title xml:lang="kk">Хат екі</title><link href="https://chronicle.example.kz/2"/>'
            "<summary>Қысқа.</summary></entry>"
            '<entry><id>e3</id><title>Письмо</title><link href="https://chronicle.example.kz/3"/>'
            "<summary>Кратко.</summary></entry>"
        )
    )
    assert [i.given.language for i in items] == ["en", "kk", "ru"]


def test_category_labels_win_over_terms():
    (item,) = _items(
        _atom(
            '<entry><id>e1</id><title>Letter</title><link href="https://chronicle.example.kz/1"/>'
            '<category term="t-1" label="Camps"/><category term="families"/><content>Text.</content></entry>'
        )
    )
    assert item.given.tags == ("Camps", "families")


# --- which text is HTML ----------------------------------------------------------------


def test_html_is_preferred_when_an_entry_has_text_and_html_content():
    (item,) = _items(
        _atom(
            '<entry><id>e1</id><title>Two</title><link href="https://chronicle.example.kz/1"/>'
            '<content type="text">plain one</content><content type="html">&lt;p&gt;rich one&lt;/p&gt;</content>'
            "</entry>"
        )
    )
    assert item.parsed.paragraphs == ("rich one",)


def test_a_summary_the_feed_marks_as_text_keeps_its_angle_brackets():
    (item,) = _items(
        _atom(
            '<entry><id>e1</id><title>Text</title><link href="https://chronicle.example.kz/1"/>'
            '<summary type="text">a &lt;b&gt; c</summary></entry>'
        )
    )
    assert item.parsed.paragraphs == ("a <b> c",)


def test_an_html_summary_beside_content_is_a_one_line_standfirst():
    (item,) = _items(
        _rss(
            "<item><title>Queue</title><link>https://camps.example.org/q</link>"
            "<description>&lt;p&gt;Relatives &lt;b&gt;queue&lt;/b&gt;.&lt;/p&gt;&lt;p&gt;Nobody answers.&lt;/p&gt;</description>"
            "<content:encoded>&lt;p&gt;The office opened late on Friday.&lt;/p&gt;</content:encoded></item>"
        )
    )
    assert item.parsed.standfirst == "Relatives queue. Nobody answers."
    assert item.parsed.paragraphs == ("The office opened late on Friday.",)


def test_content_without_a_summary_has_no_standfirst():
    (item,) = _items(
        _atom(
            '<entry><id>e1</id><title>Letter</title><link href="https://chronicle.example.kz/1"/>'
            '<content type="html">&lt;p&gt;One.&lt;/p&gt;&lt;p&gt;Two.&lt;/p&gt;</content></entry>'
        )
    )
    assert (item.parsed.standfirst, item.parsed.paragraphs) == ("", ("One.", "Two."))


def test_a_summary_that_repeats_the_content_is_not_a_standfirst():
    (item,) = _items(
        _atom(
            '<entry><id>e1</id><title>Letter</title><link href="https://chronicle.example.kz/1"/>'
            '<summary type="html">&lt;p&gt;One.&lt;/p&gt;</summary><content type="html">&lt;p&gt;One.&lt;/p&gt;</content>'
            "</entry>"
        )
    )
    assert (item.parsed.standfirst, item.parsed.paragraphs) == ("", ("One.",))


def test_json_feed_titles_and_summaries_are_plain_text():
    (item,) = _items(_json_feed([{"id": "1", "title": "Tom &amp; <Jerry>", "summary": "Fish &lt;3 <b>"}]))
    assert item.parsed.title == "Tom &amp; <Jerry>"
    assert item.parsed.paragraphs == ("Fish &lt;3 <b>",)


# --- dates and authors in JSON Feed -------------------------------------------------------


@pytest.mark.parametrize(
    "fields, day",
    [
        ({"date_published": "2021-05-01T22:10:00Z"}, "2021-05-01"),
        ({"date_published": "2021-05-01T22:10:00z"}, "2021-05-01"),  # lower-case z is UTC too
        ({"date_modified": "2020-02-29T08:00:00+06:00"}, "2020-02-29"),  # updated, when not published
    ],
)
def test_json_feed_dates(fields, day):
    (item,) = _items(_json_feed([{"id": "1", "content_text": "Text.", **fields}]))
    assert (item.given.date, item.parsed.warnings) == (day, ())


def test_a_bad_updated_date_is_named_as_the_updated_date():
    (item,) = _items(_json_feed([{"id": "1", "content_text": "Text.", "date_modified": "2020-13-45"}]))
    assert item.given.date == ""
    assert item.parsed.warnings[0].startswith("the item's updated date was left out: ")


def test_json_feed_version_1_has_a_single_author():
    raw = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1",
            "author": {"name": "Wire Staff"},
            "items": [{"id": "1", "content_text": "Text."}],
        }
    ).encode()
    assert _items(raw)[0].given.authors == ("Wire Staff",)


# --- the digest that says whether an item changed: a golden value ------------------------


def test_an_items_digest_is_pinned():
    # The digest decides whether a re-ingested item is unchanged; if its recipe changed,
    # every item of every feed already archived would come back as a new version.
    (item,) = _items(
        _json_feed(
            [{"id": "7", "title": "Письмо", "content_text": "Текст.", "date_published": "2021-05-01"}],
            title="Wire",
        )
    )
    assert item.digest == "fc15b93ad9cb36a0de407fd375d74027223c6bb4cedd27330a82b2823dfa9080"


def test_a_feed_in_another_encoding_than_declared_says_so_without_a_line_number():
    raw = (
        '<?xml version="1.0" encoding="us-ascii"?><rss version="2.0"><channel><title>Café</title>'
        "<item><title>a</title><link>https://cafe.example/a</link><description>Crème.</description></item>"
        "</channel></rss>"
    ).encode()
    (item,) = _items(raw)
    assert item.parsed.warnings[0] == (
        "the feed is not well-formed (document declared as us-ascii, but parsed as utf-8); "
        "what could be read of it was read"
    )
    assert item.given.source == "Café"


def test_a_json_feed_after_blank_lines_is_still_known():
    assert feed.sniff("feed", b"\n  " + _json_feed([])) == CERTAIN


def test_an_rss_item_without_a_title_takes_the_start_of_its_text():
    text = "First words of the item text. " * 10
    (item,) = _items(
        _rss(f"<item><link>https://camps.example.org/t</link><description>{text}</description></item>")
    )
    assert item.parsed.title == text[:200] and item.given.title == ""


def test_a_summary_identical_to_long_content_is_not_repeated_as_standfirst():
    paragraphs = ("One.", "Two.", "Three.", "Four.")
    html = "".join(f"&lt;p&gt;{p}&lt;/p&gt;" for p in paragraphs)
    (item,) = _items(
        _atom(
            '<entry><id>e1</id><title>Letter</title><link href="https://chronicle.example.kz/1"/>'
            f'<summary type="html">{html}</summary><content type="html">{html}</content></entry>'
        )
    )
    assert (item.parsed.standfirst, item.parsed.paragraphs) == ("", paragraphs)


def test_an_empty_atom_feed_is_named_an_atom_feed():
    from archive.errors import Rejected
    from archive.readers import feed
    from archive.readers.contract import ReadOptions

    with pytest.raises(Rejected, match="^is an Atom feed with no items"):
        list(
            feed.read_items(
                b'<feed xmlns="http://www.w3.org/2005/Atom"><title>x</title></feed>', ReadOptions()
            )
        )
    with pytest.raises(Rejected, match="^is an RSS feed with no items"):
        list(feed.read_items(b'<rss version="2.0"><channel><title>x</title></channel></rss>', ReadOptions()))
