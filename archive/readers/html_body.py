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
