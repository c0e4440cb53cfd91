"""The article body of a page as paragraphs, from trafilatura's extracted document.

trafilatura decides what is article and what is boilerplate; this module only turns its
XML body into the archive's paragraphs: one per <p>-level block (paragraph, heading,
list item, table row, quotation), inline markup and line breaks folded into the text,
every string normalized the same way as any other reader's.
"""

from __future__ import annotations

from dataclasses import dataclass

from lxml import etree

from archive.normalize import collapse_spaces, normalize_text

# Elements of trafilatura's output that start a new block; anything else is inline.
_BLOCKS = frozenset(
    {"p", "head", "item", "list", "quote", "table", "row", "cell", "code", "div", "main", "body"}
)


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
