"""What a plain query of several words asks of the ranking, beyond each word's BM25F.

Two things people expect from a search box, each measured on Cranfield and CISI against
SQLite FTS5 and checked on the held-out NPL collection (benchmarks/RANKING.md):

- Words typed next to each other mean more when they stand next to each other in the
  article ("heat conduction" is not an article with "heat" in one paragraph and
  "conduction" in another). Each adjacent pair of typed words found adjacent in a field
  adds a small bonus, a soft phrase: the article need not have it. The `pairs` field
  (index/_pairs.py) answers this from one posting list per pair, no positions.
- In the fallback ("articles with some of the words"), the English function words of a
  question (what, is, the, of, which…) do not decide the order: an article that shares
  "what is the" with the question is not nearer to it than one with "heat" and "glass".
  They are still matched, counted and highlighted, they still count among "all the
  words", and they are never dropped from the index or from a quoted phrase: "us",
  "may" and "will" are names, months and evidence here.
"""

from __future__ import annotations

from whoosh import query as wq

from index._highlight import analyzed_words
from index._pairs import pair_term
from index._schema import DEFAULT_FIELDS, PAIRED_FIELDS, analysis_schema

# How much a typed pair found together adds, as a share of a word of the same rarity
# matched once (index/_engine.py, _Segment._pair). 0.25 was as good on the tuned
# collections and worse on the held-out one; 0.5 and up worse everywhere.
SOFT_PHRASE_WEIGHT = 0.1

# English function words: pronouns, determiners, auxiliaries, prepositions,
# conjunctions and question words. A general list, not one drawn from the collections.
STOP_WORDS = frozenset(
    """a about above after again against all am an and any are as at be because been before
    being below between both but by can could did do does doing down during each few for from
    further had has have having he her here hers herself him himself his how i if in into is it
    its itself just me more most my myself no nor not now of off on once only or other our ours
    ourselves out over own same she should so some such than that the their theirs them
    themselves then there these they this those through to too under until up very was we were
    what when where which while who whom why will with would you your yours yourself
    yourselves""".split()
)


def soft_phrases(text: str) -> wq.Query | None:
    """The bonus query for the adjacent pairs of typed words, or None for a single word.

    One group per distinct pair, holding that pair's term in each paired default field
    with the field's weight; the engine scores a group once, by how rare the pair is.
    """
    terms = analyzed_words(text, analysis_schema()["body"].analyzer)
    stops = _stop_terms()
    # Two function words together ("of the") are in most articles: they would add next
    # to nothing, at the cost of reading a posting list as long as the archive.
    pairs = dict.fromkeys(
        (a, b) for a, b in zip(terms, terms[1:], strict=False) if a != b and not (a in stops and b in stops)
    )
    groups = [
        wq.Or(
            [
                wq.Term("pairs", pair_term(field, a, b), boost=weight)
                for field, weight in DEFAULT_FIELDS.items()
                if field in PAIRED_FIELDS
            ],
            boost=SOFT_PHRASE_WEIGHT,
        )
        for a, b in pairs
    ]
    return wq.Or(groups) if groups else None


def with_soft_phrases(q: wq.Query, near: wq.Query | None) -> wq.Query:
    """`q`'s matches, each with the bonus of the pairs it has (Whoosh's ANDMAYBE)."""
    return q if near is None else wq.AndMaybe(q, near)


def some_words(words: list[wq.Query]) -> wq.Query:
    """Any of the typed words, the function words weighing nothing in the order.

    A question made only of function words ("what is it") keeps them: then they are
    all there is to rank by.
    """
    stops = _stop_terms()
    function = [any(t.text in stops for t in w.leaves() if t.fieldname != "variants") for w in words]
    if all(function):
        return wq.Or(words)
    ranked = []
    for word, is_function in zip(words, function, strict=True):
        if is_function:
            word = word.copy()
            word.boost = 0.0
        ranked.append(word)
    return wq.Or(ranked)


_STOP_TERMS: frozenset[str] | None = None


def _stop_terms() -> frozenset[str]:
    """The stop words as the index analyses them ("was" is the stem "wa")."""
    global _STOP_TERMS
    if _STOP_TERMS is None:
        analyzer = analysis_schema()["body"].analyzer
        _STOP_TERMS = frozenset(t.text for word in STOP_WORDS for t in analyzer(word))
    return _STOP_TERMS
