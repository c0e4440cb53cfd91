"""Adjacent word pairs: what makes a phrase of common words one posting list.

A phrase such as "of the" has every article as a candidate when only its words are
indexed, and checking where the words stand means decoding the positions of both words
in every one of them (1.7 s at 100,000 articles). Indexing each pair of consecutive
analysed words as one term ("body|of|the") turns a two-word phrase into a single posting
list, exact, and a longer phrase into the intersection of its pairs' lists, so positions
are checked only where all the pairs meet.

The pairs come from the same analysis as the words (the field's own tokenizer, case,
accents and stems: `_highlight.analyzed_words`, the same as `_highlight.analyze`, which
tests/test_highlight.py holds to the index's analyzer), numbered the same way, so a pair is in the index exactly where the
phrase matcher would find its two words at positions p and p+1.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from index._highlight import analyzed_words
from index._schema import PAIRED_FIELDS, analysis_schema

# Never part of an analysed word (the tokenizer keeps word characters, "*" and inner dots).
SEPARATOR = "|"


def pair_term(fieldname: str, first: str, second: str) -> str:
    """The indexed term for two analysed words standing together in a field."""
    return f"{fieldname}{SEPARATOR}{first}{SEPARATOR}{second}"


def phrase_pairs(fieldname: str, words: Iterable[str]) -> list[str]:
    """The distinct pair terms a phrase of analysed words needs, in phrase order."""
    words = list(words)
    return list(dict.fromkeys(pair_term(fieldname, a, b) for a, b in zip(words, words[1:], strict=False)))


def pairs_text(fields: Mapping[str, str]) -> str:
    """The `pairs` field of a document: its paired fields' distinct pairs, space-separated.

    Each pair is listed once per document: only which documents have a pair is read, so
    repeats would cost index space and build time for nothing.
    """
    schema = analysis_schema()
    seen: dict[str, None] = {}
    for fieldname in PAIRED_FIELDS:
        text = fields.get(fieldname) or ""
        if not text:
            continue
        words = analyzed_words(text, schema[fieldname].analyzer)
        seen.update(
            dict.fromkeys(
                f"{fieldname}{SEPARATOR}{a}{SEPARATOR}{b}" for a, b in zip(words, words[1:], strict=False)
            )
        )
    return " ".join(seen)
