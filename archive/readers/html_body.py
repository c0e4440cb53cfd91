"""The article body of a page as paragraphs, from trafilatura's extracted document.

trafilatura decides what is article and what is boilerplate; this module only turns its
XML body into the archive's paragraphs: one per <p>-level block (paragraph, heading,
list item, table row, quotation), inline markup and line breaks folded into the text,
every string normalized the same way as any other reader's.

Feeds and records carry article HTML without a page around it (an RSS item's
content:encoded, a JSON Feed's content_html, a cell of HTML). Nothing there is
boilerplate, so it goes through no extraction library: `fragment_blocks` only renames
its tags to trafilatura's vocabulary and walks it the same way, so a paragraph is cut and
cleaned identically wherever the HTML came from.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import lxml.html
from lxml import etree

from archive.normalize import collapse_spaces, normalize_text

# Elements of trafilatura's output that start a new block; anything else is inline.
_BLOCKS = frozenset(
    {"p", "head", "item", "list", "quote", "table", "row", "cell", "code", "div", "main", "body"}
)


# HTML tag -> the name trafilatura gives it, for HTML that no extractor has seen.
_FRAGMENT_TAGS = {
    **dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6"), "head"),
    **dict.fromkeys(("ul", "ol", "dl"), "list"),
    **dict.fromkeys(("li", "dt", "dd"), "item"),
    **dict.fromkeys(("td", "th"), "cell"),
    **dict.fromkeys(("section", "article", "header", "footer", "aside", "figure", "figcaption", "hr"), "div"),
    "blockquote": "quote",
    "pre": "code",
    "tr": "row",
    "br": "lb",
}
# Never text a reader sees: scripts, styles, embedded objects, forms.
_FRAGMENT_DROP = ("script", "style", "noscript", "template", "iframe", "object", "embed", "form", "button")


@dataclass(frozen=True)
class Block:
    """One paragraph-level block of the body and the element it came from."""

    kind: str  # "p", "head", "item", "row", "quote", "code"
    text: str


def body_blocks(body: etree._Element) -> list[Block]:
    """The body's blocks in reading order, empty ones dropped."""
    blocks: list[Block] = []
    _walk(body, blocks)
    return blocks


def fragment_blocks(html: str) -> list[Block]:
    """The blocks of an HTML fragment taken whole (feed content, a cell): nothing is boilerplate."""
    if not html.strip():
        return []
    try:
        root = lxml.html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return []
    etree.strip_elements(root, etree.Comment, etree.ProcessingInstruction, *_FRAGMENT_DROP, with_tail=False)
    for element in root.iter():
        if isinstance(element.tag, str):
            element.tag = _FRAGMENT_TAGS.get(element.tag.lower(), element.tag.lower())
    return body_blocks(root)


def _walk(element: etree._Element, out: list[Block]) -> None:
    loose: list[str] = [element.text or ""]
    kind = str(element.tag)

    def flush() -> None:
        text = _clean("".join(loose))
        if text:
            out.append(Block(kind, text))
        loose.clear()

    for child in element:
        tag = str(child.tag)
        if tag == "row":
            flush()
            cells = (_clean(" ".join(cell.itertext())) for cell in child)
            if text := " ".join(c for c in cells if c):
                out.append(Block("row", text))
        elif tag in _BLOCKS:
            flush()
            _walk(child, out)
        else:  # inline: highlighted text, links, line breaks, deletions...
            loose.append("".join(child.itertext()) if tag != "lb" else " ")
        loose.append(child.tail or "")
    flush()


def _clean(text: str) -> str:
    return collapse_spaces(normalize_text(text))


# --- what trafilatura keeps but a reader never wants --------------------------------------
#
# trafilatura judges blocks by their shape (length, link density, known class names), so a
# notice written as ordinary paragraphs inside the article's own <div> passes: a paywall
# message, a newsletter box, an advertiser disclosure, a "subscribe / get the app" line at
# the end. These rules run on the page before extraction and look at structure, never at
# one site: the class or id a theme gives such boxes, the paywall marker that opens the
# message, and a short linked call to action closing the text.

# Words in a class or id (split at '-', '_' and spaces) that name a box, not article text.
_BOX_WORDS = frozenset({"newsletter", "promo", "disclosure", "paywall", "signup"})
# Such a box is small: a line or two. An article's own container can carry a word like
# "paywall" too (a class saying the story is members-only), and it holds the paragraphs.
_BOX_MAX_CHARS = 1200
_BOX_MAX_PARAGRAPHS = 2
# A paywall plugin's marker (Newspack's restrict-content message): what follows it in the
# same container is the message, not the article.
_PAYWALL_MARKERS = ("restrict_content_message", "paywall-message", "paywall_message")
# A closing call to action: short, linked, and asking the reader to do something with
# the publisher rather than saying something about the story.
_CALL_TO_ACTION = re.compile(
    r"\b(subscribe|subscription|sign[ -]?up|newsletter|download (?:\w+ ){0,4}apps?|"
    r"follow us|log ?in)\b",
    re.IGNORECASE,
)
_CALL_MAX_CHARS = 220
_TAIL_BLOCKS = 3


def prune_boilerplate(tree: etree._Element) -> etree._Element:
    """Remove notices that look like article text from a parsed page, in place; returns it.

    Candidates are found by XPath (elements with a class or id; paragraphs with a link),
    so the rules cost about a millisecond a page.
    """
    for element in _NAMED(tree):
        names = f"{element.get('class', '')} {element.get('id', '')}".lower()
        if not any(word in names for word in _NAME_PARTS) or element.getparent() is None:
            continue  # most classes name nothing of ours; or removed with a paywall message
        if any(marker in names for marker in _PAYWALL_MARKERS):
            _drop_with_following(element)
        elif _BOX_WORDS & set(_NAME_SPLIT.split(names)) and _is_small(element):
            _drop(element)
    for paragraph in _LINKED(tree):
        text = " ".join("".join(paragraph.itertext()).split())
        if len(text) <= _CALL_MAX_CHARS and _CALL_TO_ACTION.search(text) and _near_the_end(paragraph):
            _drop(paragraph)
    return tree


_NAME_SPLIT = re.compile(r"[\s_-]+")
_NAMED = etree.XPath("//*[@class or @id]")
_NAME_PARTS = (*_BOX_WORDS, *_PAYWALL_MARKERS)
_LINKED = etree.XPath("//p[.//a]")


def _near_the_end(paragraph: etree._Element) -> bool:
    """Whether fewer than _TAIL_BLOCKS paragraphs with text follow it in its container."""
    after = 0
    for sibling in paragraph.itersiblings("p"):
        if _text_len(sibling):
            after += 1
            if after >= _TAIL_BLOCKS:
                return False
    return True


def _is_small(element: etree._Element) -> bool:
    paragraphs = sum(1 for _ in element.iter("p"))
    return paragraphs <= _BOX_MAX_PARAGRAPHS and _text_len(element) <= _BOX_MAX_CHARS


def _text_len(element: etree._Element) -> int:
    return len("".join(element.itertext()).strip())


def _drop(element: etree._Element) -> None:
    """Remove an element but keep its tail text, which belongs to its parent."""
    parent = element.getparent()
    if parent is not None:
        parent.remove(element) if not element.tail else _remove_keep_tail(element)


def _remove_keep_tail(element: etree._Element) -> None:
    parent, tail = element.getparent(), element.tail
    previous = element.getprevious()
    if previous is not None:
        previous.tail = (previous.tail or "") + tail
    else:
        parent.text = (parent.text or "") + tail
    parent.remove(element)


def _drop_with_following(element: etree._Element) -> None:
    for sibling in list(element.itersiblings()):
        _drop(sibling)
    _drop(element)
