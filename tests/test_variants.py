"""Names in every spelling and script: pairs that must meet, near misses that must not."""

from __future__ import annotations

import pytest

import index
from index._variants import variant_key, variant_keys
from tests.conftest import ingest, write_article

SAME = [
    ("Sayragul", "Сайрагүл"),
    ("Sairagul", "Sayragul"),
    ("сайрагул", "Сайрагүл"),
    ("Sauytbay", "Сауытбай"),
    ("Serikzhan", "Serikjan"),
    ("Серікжан", "Serikzhan"),
    ("Bilash", "Білаш"),
    ("Kaster", "Qaster"),
    ("Musakhan", "Musakhanuly"),
    ("Musakhan", "Мұсаханұлы"),
    ("Bakbergen", "Baqbergen"),
    ("Kaisha", "Qaisha"),
    ("Akan", "Aqan"),
    ("Ilham", "ئىلھام"),
    ("Tohti", "Toxti"),
    ("Tohti", "توختى"),
    ("Uighur", "Uyghur"),
    ("Nazarbayev", "Назарбаев"),
    ("Abdulla", "Abdula"),
    ("Gulbahar", "Gulbakhar"),
]
DIFFERENT = [
    ("Bilash", "Bilal"),
    ("Akan", "Aman"),
    ("Musakhan", "Musa"),
    ("Sauytbay", "Sauytbek"),
    ("Kaster", "Kasper"),
    ("Serik", "Serikzhan"),
    ("Tohti", "Toktar"),
]


@pytest.mark.parametrize("one, other", SAME)
def test_spellings_of_one_name_share_a_key(one, other):
    assert variant_key(one) == variant_key(other) != ""


@pytest.mark.parametrize("one, other", DIFFERENT)
def test_different_names_never_collapse(one, other):
    assert variant_key(one) != variant_key(other)


def test_only_name_like_words_get_keys():
    assert variant_keys("the camp near Almaty, said Сайрагүл and ئىلھام") == ["almati", "sairagul", "ilham"]


ARTICLES = {
    "kz.txt": ("Сайрагүл Сауытбай сот алдында", "Сайрагүл Сауытбай сөйледі."),
    "rferl.txt": ("Qaster Musakhanuly in Almaty", "Qaster Musakhanuly and Qaisha Aqan spoke."),
    "bw.txt": ("Kaster Musakhan granted asylum", "Kaster Musakhan and Kaisha Akan spoke."),
    "ug.txt": ("ئىلھام توختى", "ئىلھام توختى ھەققىدە."),
    "bilal.txt": ("Bilal in court", "Bilal spoke."),
}


@pytest.fixture
def names_home(tmp_path, home):
    for name, (title, body) in ARTICLES.items():
        write_article(tmp_path / "n", name, f"{title}\n\n{body}")
    ingest(home, tmp_path / "n")
    return home


def titles(home, text, **kwargs):
    return [h.title for h in index.SearchIndex(home.index).search(text, **kwargs).hits]


def test_any_spelling_finds_the_others_ranked_below_the_exact_one(names_home):
    found = titles(names_home, "Kaster Musakhan")
    assert found == ["Kaster Musakhan granted asylum", "Qaster Musakhanuly in Almaty"]
    assert set(titles(names_home, "Sayragul")) == {"Сайрагүл Сауытбай сот алдында"}
    assert set(titles(names_home, "Ilham Tohti")) == {"ئىلھام توختى"}
    assert titles(names_home, "Bilash") == []


def test_variants_can_be_turned_off_and_phrases_are_exact(names_home):
    assert titles(names_home, "Kaster Musakhan", variants=False) == ["Kaster Musakhan granted asylum"]
    assert titles(names_home, '"Kaster Musakhan"') == ["Kaster Musakhan granted asylum"]


def test_other_spellings_are_marked_in_the_passage(names_home):
    result = index.SearchIndex(names_home.index).search("Kaisha Akan")
    snippets = {h.title: str(h.snippet_html) for h in result.hits}
    assert "<mark>Qaisha</mark> <mark>Aqan</mark>" in snippets["Qaster Musakhanuly in Almaty"]
    assert "<mark>Kaisha</mark> <mark>Akan</mark>" in snippets["Kaster Musakhan granted asylum"]


def test_the_page_and_the_cli_switch_variants_off(names_home, cli):
    from webapp import create_app

    client = create_app({"ARCHIVE_HOME": str(names_home.root), "TESTING": True}).test_client()
    assert client.get("/api/search?q=Kaster+Musakhan").get_json()["total"] == 2
    exact = client.get("/api/search?q=Kaster+Musakhan&exact=1").get_json()
    assert (exact["total"], exact["variants"]) == (1, False)
    page = client.get("/search?q=Kaster+Musakhan").get_data(as_text=True)
    assert "Exact spelling only</a>" in page and "exact=1" in page
    out = cli("search", "Kaster Musakhan", "--exact", "--home", names_home.root).output
    assert out.startswith("1 result")
