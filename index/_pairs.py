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

Every pair is indexed. Indexing only pairs with a common word (Lucene's common grams)
was measured: it saved 2.3 ms of CPU an article in a rebuild and a fifth of the index,
but a phrase of two uncommon words ("prime minister") then had its positions checked
(8–11 ms slower at 10,000 articles, growing with the archive), and the soft-phrase
ranking bonus (index/_ranking.py), which reads typed pairs from this field, lost its
most telling pairs: nDCG@10 fell on all three judged collections (benchmarks/RANKING.md).
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
    """The distinct indexed pair terms of a phrase of analysed words, in phrase order."""
    words = list(words)
    return list(dict.fromkeys(pair_term(fieldname, a, b) for a, b in zip(words, words[1:], strict=False)))


def unpaired_words(words: Iterable[str]) -> list[str]:
    """The words of a phrase that stand in an adjacent pair which is not indexed: none,
    since every pair is (kept so a narrower pairs field can be measured again)."""
    return []


def document_pairs(words: Mapping[str, list[str]]) -> list[str]:
    """The `pairs` field of a document from its paired fields' analysed words.

    Each pair is listed once per document: only which documents have a pair is read, so
    repeats would cost index space and build time for nothing.
    """
    seen: dict[str, None] = {}
    for fieldname in PAIRED_FIELDS:
        terms = words.get(fieldname)
        if not terms:
            continue
        seen.update(
            dict.fromkeys(
                f"{fieldname}{SEPARATOR}{a}{SEPARATOR}{b}" for a, b in zip(terms, terms[1:], strict=False)
            )
        )
    return list(seen)


def pairs_text(fields: Mapping[str, str]) -> str:
    """The `pairs` field of a document from its paired fields' texts, space-separated."""
    analyzer = analysis_schema()["body"].analyzer
    return " ".join(
        document_pairs({name: analyzed_words(fields.get(name) or "", analyzer) for name in PAIRED_FIELDS})
    )
