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

Only pairs with at least one common word (`_schema.PAIR_WORDS`) are indexed, as
Lucene's common-grams filter does: those are the phrases whose words have posting lists
too long to check positions on. A pair of two other words ("prime minister") is not
indexed; a phrase that has one is narrowed by those words' own, shorter, posting lists
and its positions checked there. That keeps about three pairs in four, and most of the
lexicon's one-off pairs go.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from functools import lru_cache

from index._highlight import analyzed_words
from index._schema import PAIR_WORDS, PAIRED_FIELDS, analysis_schema

# Never part of an analysed word (the tokenizer keeps word characters, "*" and inner dots).
SEPARATOR = "|"


@lru_cache(maxsize=1)
def common_words() -> frozenset[str]:
    """PAIR_WORDS as the index's analyzer writes them ("was" is "wa", "says" is "sai")."""
    analyzer = analysis_schema()["body"].analyzer
    return frozenset(term for word in PAIR_WORDS for term in analyzed_words(word, analyzer))


def pair_term(fieldname: str, first: str, second: str) -> str:
    """The indexed term for two analysed words standing together in a field."""
    return f"{fieldname}{SEPARATOR}{first}{SEPARATOR}{second}"


def phrase_pairs(fieldname: str, words: Iterable[str]) -> list[str]:
    """The distinct indexed pair terms of a phrase of analysed words, in phrase order."""
    words, common = list(words), common_words()
    return list(
        dict.fromkeys(
            pair_term(fieldname, a, b)
            for a, b in zip(words, words[1:], strict=False)
            if a in common or b in common
        )
    )


def unpaired_words(words: Iterable[str]) -> list[str]:
    """The distinct words of a phrase that stand in an adjacent pair which is not indexed."""
    words, common = list(words), common_words()
    unpaired = [(a, b) for a, b in zip(words, words[1:], strict=False) if a not in common and b not in common]
    return list(dict.fromkeys(word for pair in unpaired for word in pair))


def document_pairs(words: Mapping[str, list[str]]) -> list[str]:
    """The `pairs` field of a document from its paired fields' analysed words.

    Each pair is listed once per document: only which documents have a pair is read, so
    repeats would cost index space and build time for nothing.
    """
    common = common_words()
    seen: dict[str, None] = {}
    for fieldname in PAIRED_FIELDS:
        terms = words.get(fieldname)
        if not terms:
            continue
        seen.update(
            dict.fromkeys(
                f"{fieldname}{SEPARATOR}{a}{SEPARATOR}{b}"
                for a, b in zip(terms, terms[1:], strict=False)
                if a in common or b in common
            )
        )
    return list(seen)


def pairs_text(fields: Mapping[str, str]) -> str:
    """The `pairs` field of a document from its paired fields' texts, space-separated."""
    analyzer = analysis_schema()["body"].analyzer
    return " ".join(
        document_pairs({name: analyzed_words(fields.get(name) or "", analyzer) for name in PAIRED_FIELDS})
    )
