""" "Did you mean": the query again, with each misspelt word replaced by a word of the archive.

The index stems what it holds (`refugees` is kept as `refuge`), so its own terms cannot be
shown to a person. The `spelling` field keeps every word of an article's text as written
(lower-cased, accents kept, each word once per article, no positions): a few percent of
the index. A typed word that the index does not hold (or holds in an article or two while
a near spelling is in many more) is replaced by the archive's word within one edit, or two
for long words, with the most articles. Operators, fields, phrases' quotation marks,
excluded words and wildcards stay as typed: only the misspelt words change.

Finding near words in a lexicon of hundreds of thousands of terms is the costly part.
Whoosh's Levenshtein automaton (whoosh.automata.lev) walks the sorted lexicon skipping
what cannot match; over Whoosh's own term files each skip is a binary search through
the file (a 500,000-word lexicon: 7-25 ms for one edit, 100-600 ms for two), over a
sorted list in memory it is a bisect (1-5 ms for one edit, 8-26 ms for two with the
first letter kept). So each process keeps the lexicon of the generation in service in
memory, read once per segment (0.6 s per 500,000 words) and merged, like ColumnCache
keeps its arrays; answers are remembered until the index changes.
"""

from __future__ import annotations

import bisect
import re
import threading
import unicodedata
from collections import OrderedDict

from whoosh.automata import lev

from index._query import _QUOTES
from index._schema import _CJK, DEFAULT_FIELDS, TOKEN_PATTERN, analysis_schema

SPELLING_FIELD = "spelling"
# Shorter words have too many neighbours one letter away to guess which was meant.
MIN_LETTERS = 4
# From this length a word may be two edits away from what was meant.
TWO_EDITS_FROM = 7
# Suggest only when fewer articles than this have every word typed.
SUGGEST_BELOW = 5
# A word the index holds in at most this many articles is "rare": it is replaced only
# when a near word is in RARE_RATIO times as many articles.
RARE_AT_MOST = 2
RARE_RATIO = 20
# Words looked at per query, so a pasted paragraph costs no more than a short query.
MAX_WORDS = 8
ANSWERS_KEPT = 4096

_TOKEN = re.compile(TOKEN_PATTERN)
_CJK_CHAR = re.compile(f"[{_CJK}]")
_OPERATORS = {"AND", "OR", "NOT", "ANDNOT", "ANDMAYBE"}
_NEGATING = {"NOT", "ANDNOT"}
_PIECE = re.compile(
    r"""(?P<ws>\s+)
      | (?P<field>[A-Za-z_]+:)(?=\S)
      | (?P<phrase>"[^"]*"?)
      | (?P<range>[\[{][^\]}]*[\]}]?)
      | (?P<open>\()
      | (?P<close>\))
      | (?P<word>[^\s()"\[\]{}]+)""",
    re.VERBOSE,
)


def spelling_words(*texts: str) -> str:
    """The words of an article as written, for the `spelling` field: each once, lower-cased.

    Only words of letters (no digits, no CJK characters, at least three letters): they
    are what a suggestion can offer, and what a search for them finds again.
    """
    words = set()
    for text in texts:
        for match in _TOKEN.finditer(text or ""):
            word = match.group(0).lower()
            if len(word) >= 3 and word.isalpha() and not _CJK_CHAR.search(word):
                words.add(word)
    return " ".join(sorted(words))


def normalized(text: str) -> str:
    """The query as searched (NFC, straight quotation marks, single spaces), minus left as typed."""
    text = unicodedata.normalize("NFC", text or "").translate(_QUOTES)
    return " ".join(text.split())


def correctable_spans(text: str) -> list[tuple[int, int]]:
    """Where in a normalized query the words are that a suggestion may replace.

    Plain words, also inside a quoted phrase; never a field name or a field's value, an
    operator, an excluded word (-word, NOT word), a word with *, ~ or ^, or a range.
    """
    spans: list[tuple[int, int]] = []
    groups: list[bool] = []  # per open parenthesis: whether its words are fielded or excluded
    fielded = negated = False
    for piece in _PIECE.finditer(text):
        kind = piece.lastgroup
        if kind == "ws":
            continue
        if kind == "field":
            fielded = True
            continue
        if kind == "open":
            groups.append(fielded or negated or any(groups))
            fielded = negated = False
            continue
        if kind == "close":
            if groups:
                groups.pop()
            continue
        value = piece.group(0)
        if kind == "word" and value in _OPERATORS:
            negated = value in _NEGATING
            continue
        skip = fielded or negated or any(groups) or kind == "range"
        if kind == "word":
            skip = skip or value[0] in "-+" or any(mark in value for mark in "*~^:")
        fielded = negated = False
        if skip:
            continue
        for match in _TOKEN.finditer(value):
            word = match.group(0)
            if len(word) >= MIN_LETTERS and word.isalpha() and not _CJK_CHAR.search(word):
                spans.append((piece.start() + match.start(), piece.start() + match.end()))
    return spans


def _cased(typed: str, word: str) -> str:
    """The suggested word in the case it was typed: KAZAKHSTN -> KAZAKHSTAN, Kazakhstn -> Kazakhstan."""
    if typed.isupper() and len(typed) > 1:
        return word.upper()
    if typed[:1].isupper():
        return word[:1].upper() + word[1:]
    return word


def _stem(word: str) -> str | None:
    tokens = [t.text for t in analysis_schema()["body"].analyzer(word)]
    return tokens[0] if len(tokens) == 1 else None


def within(words: list[str], word: str, distance: int, prefix: int = 0) -> list[str]:
    """The words of a sorted list within `distance` edits of `word`, keeping its first
    `prefix` letters: Whoosh's automaton, skipping through the list by bisection.

    Two neighbouring letters swapped (harvset) count as one edit, as people type them;
    Whoosh's automaton counts them as two, so swaps are looked up on their own.
    """
    if not words:
        return []
    swapped = {
        swap
        for i in range(prefix, len(word) - 1)
        if word[i] != word[i + 1]
        for swap in [word[:i] + word[i + 1] + word[i] + word[i + 2 :]]
        if _holds(words, swap)
    }
    dfa = lev.levenshtein_automaton(word, distance, prefix).to_dfa()
    found: list[str] = []
    at = 0
    match = dfa.next_valid_string(words[0])
    while match:
        at = bisect.bisect_left(words, match, at)
        if at == len(words):
            break
        term = words[at]
        if term == match:
            found.append(term)
            term += "\0"
        match = dfa.next_valid_string(term)
    return sorted(swapped.union(found))


def _holds(words: list[str], word: str) -> bool:
    at = bisect.bisect_left(words, word)
    return at < len(words) and words[at] == word


class Speller:
    """Suggestions for one SearchIndex: the lexicon of the segments in service, in memory."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._build_lock = threading.Lock()
        self._segments: dict[tuple[str, int], list[str]] = {}
        self._merged: tuple[frozenset, list[str]] | None = None
        self._answers: OrderedDict[str, str | None] = OrderedDict()

    def suggest(self, searcher, text: str) -> str:
        """The query with its misspelt words replaced, or '' when none is misspelt."""
        text = normalized(text)
        spans = correctable_spans(text)[:MAX_WORDS]
        if not spans:
            return ""
        reader = searcher.reader()
        lexicon = self._lexicon(reader)
        changed = text
        for start, end in reversed(spans):
            typed = text[start:end]
            word = self._answer(reader, lexicon, typed.lower())
            if word:
                changed = changed[:start] + _cased(typed, word) + changed[end:]
        return changed if changed != text else ""

    def _answer(self, reader, lexicon: list[str], word: str) -> str | None:
        with self._lock:
            if word in self._answers:
                self._answers.move_to_end(word)
                return self._answers[word]
        answer = best_replacement(reader, lexicon, word)
        with self._lock:
            self._answers[word] = answer
            while len(self._answers) > ANSWERS_KEPT:
                self._answers.popitem(last=False)
        return answer

    def _lexicon(self, reader) -> list[str]:
        """The sorted words of every segment in service, read once per segment."""
        leaves = [leaf for leaf, _ in reader.leaf_readers() if leaf.segment() is not None]
        keys = {(leaf.segment().segment_id(), leaf.doc_count_all()): leaf for leaf in leaves}
        wanted = frozenset(keys)
        with self._build_lock:
            if self._merged is not None and self._merged[0] == wanted:
                return self._merged[1]
            segments = {key: self._segments.get(key) or _words_of(leaf) for key, leaf in keys.items()}
            lists = list(segments.values())
            merged = lists[0] if len(lists) == 1 else sorted(set().union(*lists))
            with self._lock:
                self._segments = segments
                self._merged = (wanted, merged)
                self._answers.clear()  # document counts changed with the segments
            return merged


def _words_of(leaf) -> list[str]:
    if SPELLING_FIELD not in leaf.indexed_field_names():
        return []
    return [word.decode("utf-8") for word in leaf.lexicon(SPELLING_FIELD)]


def best_replacement(reader, lexicon: list[str], word: str) -> str | None:
    """The archive's word to offer instead of a typed (lower-cased) word, or None.

    None when the word is in the index (in more than RARE_AT_MOST articles), or nothing
    near enough is. Candidates one edit away come first, then (for long words) two edits
    away with the first letter kept; among them, the one in most articles. A form of the
    same word (refugee for refugees) is no correction.
    """
    stem = _stem(word)
    if stem is None:
        return None
    typed_df = max(reader.doc_frequency(field, stem) for field in DEFAULT_FIELDS)
    if typed_df > RARE_AT_MOST:
        return None
    for distance, prefix in ((1, 0), (2, 1)):
        if distance == 2 and len(word) < TWO_EDITS_FROM:
            break
        scored = []
        for candidate in within(lexicon, word, distance, prefix):
            if candidate == word or _stem(candidate) == stem:
                continue
            df = reader.doc_frequency(SPELLING_FIELD, candidate)
            if df and (typed_df == 0 or df >= RARE_RATIO * typed_df):
                scored.append((-df, candidate))
        if scored:
            return min(scored)[1]
    return None
