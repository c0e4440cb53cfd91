"""Markdown articles: the text a reader sees, without the markup that formats it.

Researchers keep republished articles as Markdown: a `# Title`, a bold standfirst, `---`
rules, images and links, and a `Source: URL` line saying where the article came from.
The Markdown is parsed by markdown-it (CommonMark), never by regexes over the text, so
`**`, `---` and `![image](url)` never reach the stored paragraphs while the wording,
quotes and link text stay exactly as written. Only the layout is interpreted:

- the first heading (or, failing that, the first line) is the title;
- a paragraph right after it that is wholly in bold is the standfirst, and a
  "by NAME" paragraph is the byline;
- a `Source: URL` or `Original: URL` paragraph at the top of the article or after its
  last rule (where republished copies put it) is the article's URL, not a paragraph;
- images and rules are layout and are dropped; everything else is a paragraph.

YAML front matter at the top is taken as metadata, as for plain text; its `url` wins
over a Source line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from bs4 import BeautifulSoup
from markdown_it import MarkdownIt
from markdown_it.token import Token

from archive.decode import decode_bytes
from archive.errors import Rejected
from archive.normalize import collapse_spaces, normalize_text, parse_byline
from archive.readers.contract import LIKELY, NO
from archive.records import Metadata, ParsedText
from archive.sidecar import metadata_from_mapping, split_front_matter

NAME = "markdown"
VERSION = "1"

# A Markdown name is a stronger hint than the plain-text reader's "text-like name", and
# text that is clearly Markdown beats its guess too; neither is a signature.
NAMED = LIKELY + 0.2
CLEARLY = LIKELY + 0.1

_SUFFIXES = (".md", ".markdown", ".mdown", ".mkd")
_TEXT_SUFFIXES = (".txt", ".text", "")
_MARKUP_START = re.compile(rb"^\s*(<!doctype|<html|<\?xml|<rss|<feed|%PDF|WARC/)", re.IGNORECASE)
_SOURCE_LINE = re.compile(r"^(?:source|original)\s*:\s*(?P<url>https?://\S+)$", re.IGNORECASE)
_SOURCE_LABEL = re.compile(r"^(?:source|original)\s*:", re.IGNORECASE)

# Constructs that prose typed as plain text practically never contains. Two different
# kinds in one file make it "clearly Markdown"; one alone (a "# Title" line) does not,
# since the plain-text reader already reads that shape.
_SIGNALS = (
    re.compile(r"^#{1,6}\s+\S", re.MULTILINE),  # ATX heading
    re.compile(r"\*\*[^*\n]+\*\*|__[^_\n]+__"),  # strong emphasis
    re.compile(r"!?\[[^\]\n]*\]\([^)\s]+[^)]*\)"),  # link or image
    re.compile(r"^(?:---|\*\*\*|___)\s*$", re.MULTILINE),  # thematic break
    re.compile(r"^```", re.MULTILINE),  # fenced code
    re.compile(r"^>\s", re.MULTILINE),  # block quote
)

_PARSER = MarkdownIt("commonmark").enable(["table", "strikethrough"])


def sniff(name: str, raw: bytes) -> float:
    """A .md file that is text is Markdown; other text only when its markup says so."""
    lower = name.lower()
    suffix = "." + lower.rsplit(".", 1)[1] if "." in lower else ""
    if suffix not in _SUFFIXES + _TEXT_SUFFIXES or b"\x00" in raw[:4096]:
        return NO
    if _MARKUP_START.match(raw[:64]):
        return NO
    if suffix in _SUFFIXES:
        return NAMED
    return CLEARLY if looks_like_markdown(raw[:65536].decode("utf-8", "replace")) else NO


def looks_like_markdown(text: str) -> bool:
    """True when the text uses at least two kinds of Markdown markup."""
    return sum(1 for signal in _SIGNALS if signal.search(text)) >= 2


@dataclass(frozen=True)
class Block:
    """One block of the rendered document: its kind, its text, and how it was marked."""

    kind: str  # "heading", "paragraph", "rule"
    text: str = ""
    bold: bool = False  # the whole block is strong emphasis (a standfirst or subhead)
    link: str = ""  # the only link target in the block, if it has exactly one


def read(raw: bytes) -> ParsedText:
    """Parse a Markdown article; pure apart from decoding."""
    text, warnings = decode_bytes(raw)
    text = normalize_text(text)
    front, text = split_front_matter(text)
    return parse_markdown(text, warnings=tuple(warnings), front=front)


def parse_markdown(text: str, warnings: tuple[str, ...] = (), front: Metadata | None = None) -> ParsedText:
    """Turn Markdown text into title, standfirst, authors, paragraphs and embedded URL."""
    blocks = [b for b in markdown_blocks(text) if b.kind == "rule" or b.text]
    blocks, url = _take_source_line(blocks)
    blocks = [b for b in blocks if b.kind != "rule"]
    if not blocks:
        raise Rejected("has no text (the Markdown holds only markup, images or white space)")
    title_block, rest = blocks[0], blocks[1:]
    if title_block.kind != "heading" and len(title_block.text) > 500:
        if front is None or not front.title:
            raise Rejected(
                f"the first paragraph is {len(title_block.text)} characters long; "
                "a '# Title' heading (or a title in the front matter) is expected first"
            )
        title, rest = front.title, blocks
    else:
        title = title_block.text
    standfirst, authors = "", ()
    if rest and rest[0].kind == "paragraph" and rest[0].bold and parse_byline(rest[0].text) is None:
        standfirst, rest = rest[0].text, rest[1:]
    if rest and (names := parse_byline(rest[0].text)) is not None:
        authors, rest = tuple(names), rest[1:]
    embedded = front
    if url and not (front and front.url):
        embedded = replace(front or Metadata(), url=url)
    return ParsedText(
        title=title,
        standfirst=standfirst,
        authors=authors,
        paragraphs=tuple(b.text for b in rest),
        warnings=warnings,
        embedded=embedded,
    )


def markdown_blocks(text: str) -> list[Block]:
    """The document as a flat list of text blocks, markup removed, in reading order."""
    tokens = _PARSER.parse(text)
    blocks: list[Block] = []
    opener = ""
    for token in tokens:
        if token.type == "heading_open":
            opener = "heading"
        elif token.type == "paragraph_open":
            opener = opener if opener == "heading" else "paragraph"
        elif token.type == "inline":
            kind = "heading" if opener == "heading" else "paragraph"
            blocks.append(_inline_block(kind, token.children or []))
            opener = ""
        elif token.type == "hr":
            blocks.append(Block("rule"))
        elif token.type in ("fence", "code_block"):
            blocks.append(Block("paragraph", collapse_spaces(token.content)))
        elif token.type == "html_block":
            html_text = BeautifulSoup(token.content, "html.parser").get_text(" ")
            blocks.append(Block("paragraph", collapse_spaces(html_text)))
    return blocks


def _inline_block(kind: str, children: list[Token]) -> Block:
    """Render inline tokens to plain text: link text kept, images and tags dropped."""
    parts: list[str] = []
    plain: list[str] = []  # text outside any strong emphasis
    links: list[str] = []
    strong = 0
    for child in children:
        if child.type == "strong_open":
            strong += 1
        elif child.type == "strong_close":
            strong -= 1
        elif child.type == "link_open":
            links.append(str(child.attrs.get("href", "")))
        elif child.type in ("text", "code_inline"):
            parts.append(child.content)
            if not strong:
                plain.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
        # images, raw inline HTML tags and emphasis markers are layout: dropped.
    text = collapse_spaces("".join(parts))
    bold = bool(text) and not collapse_spaces("".join(plain))
    return Block(kind, text, bold=bold, link=links[0] if len(links) == 1 else "")


def _take_source_line(blocks: list[Block]) -> tuple[list[Block], str]:
    """Find the Source/Original line where articles put it; return the rest and the URL.

    It counts at the top (right after the title, standfirst or byline) or as the first
    paragraph after the last rule, where republished copies put it; a "Source:" sentence
    in the middle of the article is text and stays.
    """
    candidates = []
    content = [i for i, b in enumerate(blocks) if b.kind != "rule"]
    for i in content[1:4]:  # after the title, past a bold standfirst or a byline
        candidates.append(i)
        if not (blocks[i].bold or parse_byline(blocks[i].text) is not None):
            break
    rules = [i for i, b in enumerate(blocks) if b.kind == "rule"]
    if rules and rules[-1] + 1 < len(blocks):
        candidates.append(rules[-1] + 1)
    for i in candidates:
        url = _source_url(blocks[i])
        if url:
            return blocks[:i] + blocks[i + 1 :], url
    return blocks, ""


def _source_url(block: Block) -> str:
    """The URL of a `Source: URL` (or `Source: [name](URL)`) paragraph, if it is valid."""
    if block.kind != "paragraph":
        return ""
    match = _SOURCE_LINE.match(block.text)
    candidate = match.group("url") if match else ""
    if not candidate and block.link and _SOURCE_LABEL.match(block.text):
        candidate = block.link
    if not candidate:
        return ""
    try:
        return metadata_from_mapping({"url": candidate}).url
    except Rejected:
        return ""
