"""Marking an article page for a query, the index status, and the plain snippet."""

from __future__ import annotations

import index
from index._highlight import plain_snippet
from tests.conftest import ingest, write_article


def test_the_title_and_paragraphs_are_marked_and_only_the_first_mark_is_the_anchor():
    marked = index.mark_article(
        "hungry border",
        "Hungry at the border",
        ("Nothing here.", "We were hungry.", "Still hungry at the border."),
    )
    assert marked.first_paragraph == 2 and marked.found
    assert str(marked.title_html) == "<mark>Hungry</mark> at the <mark>border</mark>"
    assert [str(p) for p in marked.paragraphs_html] == [
        "Nothing here.",
        'We were <mark id="first-match">hungry</mark>.',
        "Still <mark>hungry</mark> at the <mark>border</mark>.",
    ]


def test_a_match_only_in_the_title_is_marked_there_with_no_paragraph():
    marked = index.mark_article("asylum", "Asylum granted", ("The court spoke.",))
    assert str(marked.title_html) == "<mark>Asylum</mark> granted"
    assert marked.first_paragraph is None and not marked.found
    assert [str(p) for p in marked.paragraphs_html] == ["The court spoke."]


def test_nothing_to_mark_for_an_empty_bad_or_field_only_query():
    assert index.mark_article('"unbalanced', "T", ("p",)) is None
    assert index.mark_article("source:Azattyq", "T", ("Azattyq",)) is None


def test_plain_snippets_cut_at_a_word_within_the_limit():
    text = "alpha beta gamma delta"
    assert str(plain_snippet(text, 240)) == text
    assert str(plain_snippet(text, 12)) == "alpha beta …"
    assert str(plain_snippet(text, 11)) == "alpha beta …"
    assert str(plain_snippet("a  <b>\n c", 240)) == "a &lt;b&gt; c"
    assert len(str(plain_snippet("word " * 100))) <= 242


def test_the_index_says_whether_it_is_ready(tmp_path, home):
    assert index.SearchIndex(home.index).status() == index.IndexStatus(
        False,
        "The search index is not ready: there is no search index yet. Run 'archive reindex --if-needed' to build it.",
    )
    for n in range(3):
        write_article(tmp_path / "s", f"{n}.txt", f"T{n}\n\nBody {n}.")
    ingest(home, tmp_path / "s")
    status = index.SearchIndex(home.index).status()
    assert (status.ready, status.message, status.documents) == (True, "ready", 3)
    assert status.generation == (home.index / "CURRENT").read_text().strip()
