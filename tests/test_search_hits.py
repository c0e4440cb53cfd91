"""What a search hit shows: which passage, how much of it, and what when nothing matched.

Written for mutants of index/_search.py and index/_highlight.py that survived: a
passage taken from the wrong field, a fragment size or count changed, a long article's
match not highlighted, facet values ordered with the wrong case rule.
"""

from __future__ import annotations

import re

import index
from tests.conftest import ingest, write_article


def _search(home, text="", **kwargs):
    return index.SearchIndex(home.index).search(text, **kwargs)


def _plain(html: str) -> str:
    return re.sub(r"</?mark>", "", str(html))


def test_a_match_only_in_the_standfirst_is_the_passage(realistic_home):
    (hit,) = _search(realistic_home, "queue").hits
    assert str(hit.snippet_html).startswith("Relatives of detained men <mark>queue</mark> for news")


def test_hits_matched_elsewhere_show_the_standfirst_else_the_body(realistic_home):
    hits = {h.title: str(h.snippet_html) for h in _search(realistic_home, "author:Crofton").hits}
    assert hits == {
        "Families wait at the Khorgos border post": "Relatives of detained men queue for news that rarely comes.",
        "A winter of waiting": "The winter report counts the families who asked about relatives. "
        "Most had travelled with a caravan of neighbours from the villages near Zharkent.",
        "An interview without a date": "The recording was made in a kitchen; nobody noted the day. "
        "He spoke about the caravan that took him across the pass.",
    }


def test_an_article_with_only_a_title_has_an_empty_passage(tmp_path, home):
    ingest(home, write_article(tmp_path / "t", "t.txt", "Only a headline about Tekeli\n"))
    (hit,) = _search(home, "Tekeli").hits
    assert str(hit.snippet_html) == "" and str(hit.title_html) == "Only a headline about <mark>Tekeli</mark>"


def test_at_most_two_passages_with_context_around_each(tmp_path, home):
    filler = " ".join(f"word{n}" for n in range(60))  # far more than a passage's context
    body = f"{filler} first Saty mention here. {filler} second Saty mention. {filler} third Saty mention. {filler}"
    ingest(home, write_article(tmp_path / "p", "p.txt", f"Three mentions\n{body}"))
    snippet = str(_search(home, "Saty").hits[0].snippet_html)
    assert snippet.count("<mark>Saty</mark>") == 2 and snippet.count(" … ") == 1
    # About 80 characters of context each side of a match (Whoosh's own default is 20).
    for passage in snippet.split(" … "):
        before, _, after = _plain(passage).partition("Saty")
        assert len(before) >= 60 and len(after) >= 60, passage


def test_a_match_deep_in_a_long_article_is_still_highlighted(tmp_path, home):
    # Whoosh stops looking after 32 KB by default; articles are highlighted up to 200,000
    # characters, and no further (re-tokenizing a huge text on every search is too slow).
    ordinary = " ".join(["ordinary"] * 8000)  # about 72,000 characters
    huge = " ".join(["ordinary"] * 25000)  # about 225,000 characters
    write_article(tmp_path / "long", "long.txt", f"Long report\n{ordinary} Usharal appears late.")
    write_article(tmp_path / "long", "huge.txt", f"Huge report\n{huge} Usharal appears too late.")
    ingest(home, tmp_path / "long")
    snippets = {h.title: str(h.snippet_html) for h in _search(home, "Usharal").hits}
    assert "<mark>Usharal</mark> appears late" in snippets["Long report"]
    assert "<mark>" not in snippets["Huge report"] and snippets["Huge report"].startswith("ordinary ordinary")


def test_long_titles_are_shown_whole(tmp_path, home):
    title = "Aqsu " + " ".join(["testimony"] * 40)  # about 400 characters
    ingest(home, write_article(tmp_path / "t", "t.txt", f"{title}\nBody text by the river."))
    matched = _search(home, "Aqsu").hits[0]
    assert _plain(matched.title_html) == title and str(matched.title_html).startswith("<mark>Aqsu</mark>")
    unmatched = _search(home, "river").hits[0]
    assert str(unmatched.title_html) == title


def test_facet_values_tie_break_alphabetically_ignoring_case(tmp_path, home):
    folder = tmp_path / "f"
    for name, tag in (("a", "zebra"), ("b", "_note"), ("c", "Apple"), ("d", "mango"), ("e", "mango")):
        write_article(folder, f"{name}.txt", f"Article {name}\nText.", {"tags": [tag]})
    ingest(home, folder)
    tags = [(v.value, v.count) for v in _search(home).facets["tag"]]
    assert tags == [("mango", 2), ("_note", 1), ("Apple", 1), ("zebra", 1)]
