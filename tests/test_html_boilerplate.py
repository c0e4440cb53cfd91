"""Notices written as ordinary paragraphs inside an article's <div> stay out of its text.

Our own pages: a testimony with the boxes themes put inside the article (a newsletter
promo, an advertiser disclosure, a paywall message after its marker, a linked "subscribe"
line at the end), and the cases that must stay: a witness who says "subscribe", a linked
line in the middle of the story, a long closing paragraph, an article container whose own
class names a paywall.
"""

from __future__ import annotations

from archive.readers import parse

STORY = (
    "Gulnara Tursun spent eleven months in a facility outside Ghulja before she was released "
    "in the spring. She described morning roll calls and lessons in Mandarin every afternoon.",
    "Her brother, who lives in Almaty, said the family learned of her detention only from a "
    "neighbour. He filed a request with the consulate that went unanswered for half a year.",
    "The regional government did not reply to written questions sent before publication. "
    "Two other former detainees described the same building and the same daily schedule.",
)
# A witness's words that happen to use the publisher's vocabulary: no link, so they stay.
WITNESS_SUBSCRIBE = "“They made us subscribe to the party newspaper and read it aloud,” she said."
MIDDLE_LINK = 'Read <a href="/related/ghulja">our earlier report</a> or sign up for the case files archive.'


def page(body: str, article_class: str = "entry-content") -> bytes:
    return f"""<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>Eleven months outside Ghulja</title></head><body>
<nav><a href="/">Home</a> <a href="/news">News</a></nav>
<article><h1>Eleven months outside Ghulja</h1><div class="{article_class}">{body}</div></article>
<footer>© The Steppe Gazette</footer></body></html>""".encode()


def text_of(raw: bytes) -> str:
    _, parsed = parse("story.html", raw)
    return "\n".join(parsed.paragraphs)


def test_boxes_named_by_their_class_are_left_out():
    body = (
        f"<p>{STORY[0]}</p>"
        '<p class="newsletter-promo"><a href="/signup">Get the Gazette by email every morning</a></p>'
        f"<p>{STORY[1]}</p>"
        '<section class="editorial-disclosure"><p>Some links on this page earn us a commission.</p></section>'
        f"<p>{STORY[2]}</p>"
    )
    text = text_of(page(body))
    assert "Gazette by email" not in text
    assert "earn us a commission" not in text
    assert all(p in text for p in STORY)


def test_a_paywall_message_after_its_marker_is_left_out():
    body = (
        f"<p>{STORY[0]}</p><p>{STORY[1]}</p>"
        '<div class="newspack_restrict_content_message_start"></div>'
        "<p>To read the whole story, become a member of the Gazette for five dollars a week.</p>"
        "<p>Members also get our printed yearbook and invitations to readers' evenings.</p>"
    )
    text = text_of(page(body))
    assert "become a member" not in text
    assert "printed yearbook" not in text
    assert STORY[0] in text and STORY[1] in text


def test_a_linked_call_to_action_closing_the_text_is_left_out():
    body = "".join(f"<p>{p}</p>" for p in STORY) + (
        '<p>Subscribe now to our <a href="/print">digital edition</a> for the full story.</p>'
        '<p>For breaking news download the Gazette apps for <a href="/ios">iOS</a>.</p>'
    )
    text = text_of(page(body))
    assert "digital edition" not in text
    assert "Gazette apps" not in text
    assert all(p in text for p in STORY)


def test_article_text_in_the_publishers_words_stays():
    long_close = (
        "The consulate's answer, when it came, asked the family to log in to a government portal "
        'that <a href="/portal">rejects foreign telephone numbers</a>; they could not, and the request '
        "lapsed after thirty days without any further notice from the authorities in Urumqi."
    )
    body = (
        f"<p>{STORY[0]}</p><p>{MIDDLE_LINK}</p><p>{STORY[1]}</p><p>{STORY[2]}</p>"
        f"<p>{WITNESS_SUBSCRIBE}</p><p>{long_close}</p>"
    )
    text = text_of(page(body, article_class="entry-content paywall-wrapper"))
    assert "our earlier report or sign up for the case files archive." in text  # not at the end
    assert WITNESS_SUBSCRIBE in text  # no link: a witness's words
    assert "rejects foreign telephone numbers" in text  # too long to be a notice
    assert all(p in text for p in STORY)  # the container's own "paywall" class is no box
