"""Highlighted passages built from escaped text, phrase by phrase.

Whoosh's highlighter marks every query word on its own, so `"we were very hungry"`
lit up every "we" in a passage. Here a phrase is marked only where its words stand
together, single words wherever they occur, and prefixes where a word starts with them,
all compared after the same analysis the index uses (case, accents, stems).

Every piece of document text is escaped before the <mark> tags are put around matches,
so a document containing <script> shows as text. This is the only place that turns
document text into HTML, and so the only place that makes Markup.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from markupsafe import Markup, escape
from whoosh import query as wq

from index._schema import _CJK, TOKEN_PATTERN
from index._variants import name_like, variant_key

# Re-tokenizing is the cost of highlighting; beyond this many characters of one text
# nothing more is looked at, so a huge article stays cheap.
CHARLIMIT = 200_000
SEPARATOR = " … "


@dataclass(frozen=True)
class Wanted:
    """What to mark in one field's text, as analysed terms."""

    words: frozenset[str] = frozenset()
    phrases: tuple[tuple[str, ...], ...] = ()
    prefixes: tuple[str, ...] = ()
    variant_keys: frozenset[str] = frozenset()  # other spellings of names (_variants)

    def __bool__(self) -> bool:
        return bool(self.words or self.phrases or self.prefixes or self.variant_keys)


def wanted(q: wq.Query, fieldname: str) -> Wanted:
    """The terms, phrases and prefixes a query looks for in one field.

    What a query excludes (`NOT Turkey`) is never marked: it cannot be in a hit anyway,
    and marking it in an article page would point at the wrong passage.
    """
    words: set[str] = set()
    phrases: list[tuple[str, ...]] = []
    prefixes: list[str] = []
    keys: set[str] = set()

    def walk(node: wq.Query) -> None:
        if isinstance(node, wq.Not):
            return
        if isinstance(node, wq.AndNot):
            walk(node.a)
            return
        if isinstance(node, wq.Term) and node.fieldname == "variants":
            keys.add(node.text)
            return
        if getattr(node, "fieldname", fieldname) != fieldname:
            return
        if isinstance(node, wq.Phrase):
            phrases.append(tuple(node.words))
        elif isinstance(node, wq.Prefix):
            prefixes.append(node.text)
        elif isinstance(node, wq.Term):
            words.add(node.text)
        elif node.is_leaf():
            return
        else:
            for child in node.children():
                walk(child)

    walk(q)
    return Wanted(
        frozenset(words), tuple(dict.fromkeys(phrases)), tuple(dict.fromkeys(prefixes)), frozenset(keys)
    )


def match_spans(text: str, want: Wanted, analyzer) -> list[tuple[int, int]]:
    """Character spans of `text` that the query matches, merged and in order.

    Highlighting the shown page was most of a search (80% of the benchmark's mix at
    100,000 articles), one Python step per word of every shown article. Here the words
    are found by the tokenizer in C, whether a word matches is decided once per distinct
    spelling, and offsets are taken only for the words that match.
    """
    if not want or not text:
        return []
    text = text[:CHARLIMIT]
    pattern = _tokenizer(text, analyzer)
    surfaces = pattern.findall(text)
    terms = _terms_of(set(surfaces), analyzer)
    if None in terms.values():  # a word the analyzer splits or drops: the general way
        return _match_spans_slowly(text, want, analyzer)
    hits = {word for word, term in terms.items() if _wanted_word(word, term, want)}
    marked = [i for i, word in enumerate(surfaces) if word in hits]
    phrases: list[tuple[int, int]] = []  # (first, last) token of each phrase occurrence
    if want.phrases:
        words = [terms[word] for word in surfaces]
        for phrase in want.phrases:
            size = len(phrase)
            phrases.extend(
                (i, i + size - 1)
                for i, word in enumerate(words)
                if word == phrase[0] and tuple(words[i : i + size]) == phrase
            )
    if not marked and not phrases:
        return []
    at = [m.span() for m in pattern.finditer(text)]
    spans = [at[i] for i in marked] + [(at[first][0], at[last][1]) for first, last in phrases]
    return _merge(spans)


def _terms_of(words: set[str], analyzer) -> dict[str, str | None]:
    known = _known_words(analyzer)
    missing = [word for word in words if word not in known]
    for word in missing:
        terms = [t.text for t in analyzer(word, mode="index")]
        known[word] = terms[0] if len(terms) == 1 else None
    return {word: known[word] for word in words}


def _wanted_word(surface: str, term: str, want: Wanted) -> bool:
    return (
        term in want.words
        or any(term.startswith(p) for p in want.prefixes)
        or bool(want.variant_keys and _is_variant(surface, want.variant_keys))
    )


def _match_spans_slowly(text: str, want: Wanted, analyzer) -> list[tuple[int, int]]:
    tokens = analyze(text, analyzer)
    spans = [(start, end) for word, start, end in tokens if _wanted_word(text[start:end], word, want)]
    words = [word for word, _, _ in tokens]
    for phrase in want.phrases:
        size = len(phrase)
        for i in range(len(words) - size + 1):
            if words[i] == phrase[0] and tuple(words[i : i + size]) == phrase:
                spans.append((tokens[i][1], tokens[i + size - 1][2]))
    return _merge(spans)


def _is_variant(word: str, keys: frozenset[str]) -> bool:
    return name_like(word) and variant_key(word) in keys


def analyze(text: str, analyzer) -> list[tuple[str, int, int]]:
    """(term, start, end) for each word, as the index's analyzer would give them, but fast.

    Whoosh's analyzer builds a token object per word and runs it through a chain of
    generators: most of a search's time went into re-analysing the shown articles.
    Our analyzer's filters work one word at a time (lower-case, fold accents, stem), so
    the text is split with the analyzer's own tokenizer pattern and each distinct word
    is analysed once and remembered. tests/test_highlight.py checks the two agree.
    """
    pattern = _tokenizer(text, analyzer)
    known = _known_words(analyzer)
    out = []
    for match in pattern.finditer(text):
        word = match.group()
        term = known.get(word, _UNSEEN)
        if term is _UNSEEN:
            terms = [t.text for t in analyzer(word, mode="index")]
            term = known[word] = terms[0] if len(terms) == 1 else None
        if term is not None:
            out.append((term, match.start(), match.end()))
    return out


# The index's token pattern, written for text with no Chinese or Japanese in it: the same
# tokens (the CJK ranges it excludes from words are absent), found 2.5 times faster.
_NO_CJK_PATTERN = re.compile(r"[\w*]+(?:\.?[\w*]+)*")
_ANY_CJK = re.compile(f"[{_CJK}]")


def _tokenizer(text: str, analyzer) -> re.Pattern:
    """The analyzer's token pattern, or its faster equivalent when `text` has no CJK."""
    pattern = analyzer.items[0].expression
    if pattern.pattern == TOKEN_PATTERN and not _ANY_CJK.search(text):
        return _NO_CJK_PATTERN
    return pattern


def analyzed_words(text: str, analyzer) -> list[str]:
    """The terms of `text` in order, exactly as `analyze` gives them, without offsets.

    For indexing adjacent pairs (index/_pairs.py): once the words are known, a dict
    look-up per word is all it costs.
    """
    known = _known_words(analyzer)
    try:
        terms = [known[word] for word in _tokenizer(text, analyzer).findall(text)]
    except KeyError:  # a word never seen: analyse and remember it
        return [term for term, _, _ in analyze(text, analyzer)]
    return [term for term in terms if term is not None]


_UNSEEN = object()
_WORD_CACHES: dict[int, tuple[object, dict]] = {}
_MAX_WORDS = 500_000


def _known_words(analyzer) -> dict:
    """word -> term for one analyzer (Whoosh analyzers cannot be hashed); a few kept."""
    entry = _WORD_CACHES.get(id(analyzer))
    if entry is None or entry[0] is not analyzer:
        while len(_WORD_CACHES) >= 4:
            del _WORD_CACHES[next(iter(_WORD_CACHES))]
        entry = _WORD_CACHES[id(analyzer)] = (analyzer, {})
    if len(entry[1]) > _MAX_WORDS:
        entry[1].clear()
    return entry[1]


def _merge(spans: list[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def mark_all(text: str, spans: list[tuple[int, int]], first_id: str = "") -> Markup:
    """The whole text, escaped, with every span in <mark> (the first one given an id if asked)."""
    out: list[str] = []
    at = 0
    for n, (start, end) in enumerate(spans):
        out.append(str(escape(text[at:start])))
        attr = f' id="{first_id}"' if first_id and n == 0 else ""
        out.append(f"<mark{attr}>{escape(text[start:end])}</mark>")
        at = end
    out.append(str(escape(text[at:])))
    return Markup("".join(out))


def passage(
    text: str, spans: list[tuple[int, int]], *, maxchars: int = 240, surround: int = 80, top: int = 2
) -> Markup:
    """Up to `top` short passages around the densest groups of matches, escaped and marked."""
    if not spans:
        return Markup("")
    groups: list[list[tuple[int, int]]] = []
    for span in spans:
        if groups and span[1] - groups[-1][0][0] <= maxchars - 2 * surround:
            groups[-1].append(span)
        else:
            groups.append([span])

    def richness(group: list[tuple[int, int]]) -> int:
        return len({text[s:e].lower() for s, e in group})

    best = sorted(sorted(groups, key=richness, reverse=True)[:top], key=lambda g: g[0][0])
    pieces, first_start, last_end = [], 0, 0
    for group in best:
        start, end = _window(text, group[0][0], group[-1][1], surround)
        pieces.append(str(mark_all(text[start:end], [(s - start, e - start) for s, e in group])))
        first_start = first_start if pieces[1:] else start
        last_end = end
    lead = "… " if first_start > 0 else ""
    tail = " …" if last_end < len(text) else ""
    return Markup(lead + SEPARATOR.join(pieces) + tail)


def _window(text: str, first: int, last: int, surround: int) -> tuple[int, int]:
    """`surround` characters either side of [first, last), widened or narrowed to whole words."""
    start, end = max(0, first - surround), min(len(text), last + surround)
    if start > 0:
        space = text.find(" ", start, first)
        start = space + 1 if space >= 0 else first
    if end < len(text):
        space = text.rfind(" ", last, end)
        end = space if space >= 0 else last
    return start, end


def plain_snippet(text: str, limit: int = 240) -> Markup:
    """The start of a text, cut at a word boundary, escaped: for hits with no match in it."""
    text = " ".join(text.split())
    if len(text) > limit:
        text = text[:limit].rsplit(" ", 1)[0] + " …"
    return escape(text)
