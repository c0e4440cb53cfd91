"""What a researcher types: exclusions, spelling variants, and bounds that are reported."""

from __future__ import annotations

import pytest

import index
from tests.conftest import ingest, write_article

ARTICLES = {
    "turkey.txt": "Camp survivors in Turkey\n\nThe camp survivors reached Istanbul.",
    "almaty.txt": "Camp survivors in Almaty\n\nThe camp survivors reached Kazakhstan.",
    "ust.txt": "Court in Ust-Kamenogorsk\n\nThe court in Ust-Kamenogorsk heard Bilash.",
    "bilal.txt": "A different man\n\nBilal spoke to the court.",
}


@pytest.fixture
def qhome(tmp_path, home):
    for name, text in ARTICLES.items():
        write_article(tmp_path / "q", name, text)
    for n in range(30):
        write_article(tmp_path / "q", f"k{n}.txt", f"Filler {n}\n\nkazword{n:02}x appears here.")
    ingest(home, tmp_path / "q")
    return home


def titles(home, text):
    return {h.title for h in index.SearchIndex(home.index).search(text, pagelen=50).hits}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("camp -Turkey", {"Camp survivors in Almaty"}),
        ("camp -turkey -almaty", set()),
        ('court -"Ust-Kamenogorsk"', {"A different man"}),
        ("Ust-Kamenogorsk", {"Court in Ust-Kamenogorsk"}),
        ('"camp -survivors"', {"Camp survivors in Turkey", "Camp survivors in Almaty"}),
        ("Kazakhstn~", {"Camp survivors in Almaty"}),
        ("Almati~", {"Camp survivors in Almaty"}),
        ("Bilesh~", {"Court in Ust-Kamenogorsk"}),
        ("Bilash", {"Court in Ust-Kamenogorsk"}),  # exact: not Bilal
    ],
)
def test_exclusions_and_spelling_variants(qhome, query, expected):
    assert titles(qhome, query) == expected


@pytest.mark.parametrize(
    "query, says",
    [("Bil~", "at least 4 letters"), ("Bilash~3", "word~2"), ("Bilash~x", "word~2")],
)
def test_fuzzy_terms_that_would_match_too_much_are_refused(qhome, query, says):
    with pytest.raises(index.QueryError, match=says):
        titles(qhome, query)


def test_a_prefix_standing_for_too_many_words_is_bounded_and_says_so(qhome, monkeypatch):
    from index import _engine

    monkeypatch.setattr(_engine, "MAX_EXPANSION", 10)
    result = index.SearchIndex(qhome.index).search("kazword*", pagelen=50)
    assert result.partial
    assert result.notices == (
        "'kazword*' stands for more than 10 words; only the first 10 (in alphabetical order) were "
        "searched. Type more letters to narrow it.",
    )
    assert result.total == 10
    assert {h.title for h in result.hits} == {f"Filler {n}" for n in range(10)}
    assert result.to_json()["notices"] == list(result.notices)
    unbounded = index.SearchIndex(qhome.index).search("kazword1*")
    assert (unbounded.total, unbounded.partial, unbounded.notices) == (10, False, ())


def test_language_queries_use_the_standard_tag_and_include_regions(tmp_path, home):
    write_article(tmp_path / "l", "us.txt", "American\n\nText.", {"language": "EN-us"})
    write_article(tmp_path / "l", "en.txt", "English\n\nText.", {"language": "en"})
    write_article(tmp_path / "l", "kk.txt", "Kazakh\n\nText.", {"language": "kaz"})
    ingest(home, tmp_path / "l")
    assert titles(home, "language:en") == {"American", "English"}
    assert titles(home, "language:en-us") == {"American"}
    assert titles(home, "language:kk") == titles(home, "language:kaz") == {"Kazakh"}
    with pytest.raises(index.QueryError, match="language:xx-bogus"):
        titles(home, "language:xx-bogus")
