"""Highlighting: the fast analysis agrees with the index's, phrases are marked whole, and
everything from a document is escaped."""

from __future__ import annotations

import pytest

from index._highlight import analyze, analyzed_words, mark_all, match_spans, passage, wanted
from index._pairs import pairs_text
from index._query import parse_query
from index._schema import analysis_schema

TEXTS = [
    "Сайрагүл Sauytbáy said: “We were very hungry”; refugees’ camp—拘禁营 in 新疆.",
    "e.g. U.S. 3.5% don't Kazak* ÉCOLE naïve İstanbul ǵ ß straße",
    "<script>alert(1)</script> & co.",
    "",
]


@pytest.mark.parametrize("text", TEXTS)
def test_fast_analysis_gives_the_index_analyzers_terms_and_offsets(text):
    analyzer = analysis_schema()["body"].analyzer
    slow = [(t.text, t.startchar, t.endchar) for t in analyzer(text, chars=True, mode="index")]
    assert analyze(text, analyzer) == slow
    assert analyze(text, analyzer) == slow  # and again, from what it remembered


@pytest.mark.parametrize("text", TEXTS)
def test_words_for_adjacent_pairs_are_the_index_analyzers_terms(text):
    analyzer = analysis_schema()["body"].analyzer
    slow = [t.text for t in analyzer(text, mode="index")]
    assert analyzed_words(text, analyzer) == slow
    assert analyzed_words(text, analyzer) == slow


def test_pairs_of_a_document_are_its_adjacent_analysed_words():
    doc = {
        "title": "Of the Camps",
        "body": "Three courts heard 拘禁营 in the camp was 国家",
        "byline": "A ; B",
        "tags_text": "",
    }
    assert pairs_text(doc).split() == [
        "title|of|the",
        "title|the|camp",
        "body|three|court",
        "body|court|heard",  # as analysed: "courts" is "court"
        "body|heard|拘",
        "body|拘|禁",
        "body|禁|营",
        "body|营|in",
        "body|in|the",
        "body|the|camp",
        "body|camp|wa",  # as analysed: "was" is "wa"
        "body|wa|国",
        "body|国|家",
        "byline|a|b",
    ]


def spans_of(query: str, text: str, field: str = "body"):
    schema = analysis_schema()
    want = wanted(parse_query(query, schema), field)
    return [text[s:e] for s, e in match_spans(text, want, schema["body"].analyzer)]


def test_a_phrase_is_one_mark_only_where_its_words_stand_together():
    text = "We were told. We were very hungry. Were we very hungry? we were VERY hungry."
    assert spans_of('"we were very hungry"', text) == ["We were very hungry", "we were VERY hungry"]


def test_words_stems_prefixes_and_exclusions():
    text = "Refugees and a refugee reached Kazakhstan; the Kazakh court refused."
    assert spans_of("refugee kazak*", text) == ["Refugees", "refugee", "Kazakhstan", "Kazakh"]
    assert spans_of("refugee NOT court", text) == ["Refugees", "refugee"]
    assert spans_of("title:court", text) == []
    assert spans_of("title:court", text, field="title") == ["court"]


def test_marks_are_built_from_escaped_text():
    text = "<b>Atajurt</b> & <script>x</script>"
    assert str(mark_all(text, [(3, 10)], first_id="first-match")) == (
        '&lt;b&gt;<mark id="first-match">Atajurt</mark>&lt;/b&gt; &amp; &lt;script&gt;x&lt;/script&gt;'
    )


def test_passages_keep_whole_words_and_say_where_text_was_cut():
    text = " ".join(f"w{n}" for n in range(200)) + " target " + " ".join(f"v{n}" for n in range(200))
    start = text.index("target")
    html = str(passage(text, [(start, start + 6)], surround=20))
    assert html.startswith("… ") and html.endswith(" …")
    words = html.strip("… ").split()
    assert "<mark>target</mark>" in words
    assert all(w == "<mark>target</mark>" or w[0] in "wv" and w[1:].isdigit() for w in words)
    assert str(passage("only target here", [(5, 11)])) == "only <mark>target</mark> here"
