"""Highlighted passages built from escaped text.

Every piece of document text is escaped before the <mark> tags are put around matched
words, so a document containing <script> shows as text. This is the only place that
turns document text into HTML, and so the only place that makes Markup.
"""

from __future__ import annotations

from markupsafe import Markup, escape
from whoosh import highlight


class EscapingFormatter(highlight.Formatter):
    """Whoosh's formatter hook: escape between matches, <mark> the matches."""

    between = " … "

    def _text(self, text: str) -> str:
        return str(escape(text))

    def format_token(self, text, token, replace=False):
        return f"<mark>{escape(highlight.get_text(text, token, replace))}</mark>"

    def format(self, fragments, replace=False):
        return Markup(self.between.join(self.format_fragment(f, replace=replace) for f in fragments))


def plain_snippet(text: str, limit: int = 240) -> Markup:
    """The start of a text, cut at a word boundary, escaped: for hits with no match in it."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " …"
    return escape(text)


def passage_highlighter(maxchars: int = 240, surround: int = 80) -> highlight.Highlighter:
    """Passages around matches; re-tokenizing is capped so a huge article stays cheap."""
    fragmenter = highlight.ContextFragmenter(maxchars=maxchars, surround=surround, charlimit=200_000)
    return highlight.Highlighter(fragmenter=fragmenter, formatter=EscapingFormatter())


def title_highlighter() -> highlight.Highlighter:
    return highlight.Highlighter(fragmenter=highlight.WholeFragmenter(), formatter=EscapingFormatter())
