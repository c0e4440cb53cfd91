""" "Did you mean": misspelt words replaced by the archive's own words, everything else as typed."""

from __future__ import annotations

import pytest

import index
from index._suggest import correctable_spans, spelling_words, within
from tests import search_fixtures
from tests.conftest import ingest, write_article
from webapp import create_app


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return search_fixtures.build(tmp_path_factory.mktemp("suggest"))


@pytest.fixture(scope="module")
def client(archive):
    home, _ = archive
    return create_app({"ARCHIVE_HOME": str(home.root), "TESTING": True}).test_client()


@pytest.mark.parametrize(
    "query, expected",
    [
        ("Kazakhstn", "Kazakhstan"),
        ("KAZAKHSTN", "KAZAKHSTAN"),
        ("kazakhstn", "kazakhstan"),
        ("Sayragull", "Sayragul"),  # found through its name variant, still offered as written
        ("detainess", "detainees"),
        ("harvset", "harvest"),  # two letters swapped count as one edit
        ("Сайрагул", "Сайрагүл"),
        ("Сауытбей", "Сауытбай"),
        ("Almatty court", "Almaty court"),
        # Fields, operators, excluded words and phrase marks stay as typed.
        (
            'title:Kazakhstn AND Sayragull -Almatty "Sauytbay testifes"',
            'title:Kazakhstn AND Sayragul -Almatty "Sauytbay testifies"',
        ),
        ("Sayragull NOT Kazakhstn", "Sayragul NOT Kazakhstn"),
        ("(Almatty OR author:Adilzhn) camp", "(Almaty OR author:Adilzhn) camp"),
        ("  Kazakhstn   “Almatty court” ", 'Kazakhstan "Almaty court"'),
        # Nothing to offer: known words, wildcards and fuzzy terms, unspaced scripts.
        ("asylum", ""),
        ("refugee", ""),  # another form of a word the archive has
        ("Kazak*", ""),
        ("Kazakhstn~", ""),
        ("author:Adilzhn", ""),
        ("拘禁营", ""),
        ("新疆营", ""),
        ("Xyzzyq", ""),
        # The restricted article's own word is not in the index, so never offered.
        ("Zhanaozn", ""),
        # Five or more articles have every word: no suggestion is looked for.
        ("the OR Almatty", ""),
    ],
)
def test_the_suggestion_for_a_query(archive, query, expected):
    home, _ = archive
    assert index.SearchIndex(home.index).search(query).suggestion == expected


def test_json_carries_the_suggestion_and_its_search(client):
    body = client.get("/api/search?q=Kazakhstn&source=Bitter+Winter&exact=1&sort=newest").get_json()
    assert body["total"] == 0
    assert body["did_you_mean"] == {
        "query": "Kazakhstan",
        "url": "/search?q=Kazakhstan&source=Bitter+Winter&sort=newest&exact=1",
    }
    followed = client.get("/api" + body["did_you_mean"]["url"]).get_json()
    assert followed["total"] == 1 and followed["did_you_mean"] is None
    assert client.get("/api/search?q=Kazakhstan").get_json()["did_you_mean"] is None


def test_the_search_page_offers_the_suggestion(client):
    page = client.get("/search?q=Kazakhstn+camp").get_data(as_text=True)
    assert (
        '<p class="did-you-mean" id="did-you-mean">Did you mean: <a href="/search?q=Kazakhstan+camp">Kazakhstan camp</a>?</p>'
        in page
    )
    assert "did-you-mean" not in client.get("/search?q=Kazakhstan+camp").get_data(as_text=True)


def test_the_suggestion_is_escaped(client):
    page = client.get("/search", query_string={"q": "Kazakhstn <script>x</script>"}).get_data(as_text=True)
    assert ">Kazakhstan &lt;script&gt;x&lt;/script&gt;</a>" in page
    assert "<script>" not in page


def test_the_command_line_offers_it_too(archive, cli):
    home, _ = archive
    result = cli("search", "Almatty", "--exact", "--home", home.root)
    assert result.exit_code == 0
    assert result.output.splitlines()[:2] == ["0 results", "Did you mean: Almaty"]


def test_a_rare_spelling_gives_way_to_a_common_one(tmp_path, home):
    """In 1 article against 20: replaced. In 1 against 3, or in 3 articles: kept."""
    folder = tmp_path / "many"
    for n in range(20):
        write_article(folder, f"d{n}.txt", f"Report {n}\n\nThe detention centre number {n}.")
    write_article(folder, "typo.txt", "A slip\n\nThe detenton centre.")
    for n in range(3):
        write_article(folder, f"z{n}.txt", f"Region {n}\n\nNews from Zhambyl, part {n}.")
    write_article(folder, "zi.txt", "Another spelling\n\nNews from Zhambil.")
    for n in range(3):
        write_article(folder, f"t{n}.txt", f"Another {n}\n\nThe detentin centre {n}.")
    ingest(home, folder)
    search = index.SearchIndex(home.index)
    assert search.search("detenton").suggestion == "detention"
    assert search.search("detentin").suggestion == ""
    assert search.search("Zhambil").suggestion == ""  # 1 article against 3: both kept
    # One edit from both: the word in more articles wins.
    assert search.search("detentio").suggestion == "detention"


def test_new_words_are_offered_once_indexed(tmp_path, home):
    """The lexicon kept in memory follows the index: a word ingested later is offered."""
    write_article(tmp_path / "a", "a.txt", "Steppe news\n\nNews from the steppe.")
    ingest(home, tmp_path / "a")
    search = index.SearchIndex(home.index)
    assert search.search("Zhambil").suggestion == ""
    write_article(tmp_path / "b", "b.txt", "Zhambyl region\n\nA court in Zhambyl.")
    ingest(home, tmp_path / "b")
    assert search.search("Zhambil").suggestion == "Zhambyl"


def test_spelling_words_are_the_words_as_written():
    text = "Sayragul's camp, 2019: 拘禁营 in U.S. and Kazakhstan; Сайрагүл ab ab1 Sauytbaý"
    assert spelling_words(text, "Camp") == "and camp kazakhstan sauytbaý sayragul сайрагүл"


@pytest.mark.parametrize(
    "query, words",
    [
        ("Kazakhstn camp", ["Kazakhstn", "camp"]),
        ("title:Kazakhstn camp", ["camp"]),
        ('source:"Bitter Wintr" camp', ["camp"]),
        ('"Almatty court" -Turkey NOT Chinna', ["Almatty", "court"]),
        ("title:(Almatty court) Sayragull", ["Sayragull"]),
        ("NOT (Almatty court) Sayragull", ["Sayragull"]),
        ("Kazak* Almatty~ Almatty~2 word^2 +plus", []),
        ("date:[2019-10 TO 2020-06] Almatty", ["Almatty"]),
        ("Ust-Kamenogorsk AND Almatty OR camp", ["Kamenogorsk", "Almatty", "camp"]),
        ("covid19 abc 拘禁营 Сайрагул", ["Сайрагул"]),
    ],
)
def test_which_words_a_suggestion_may_replace(query, words):
    assert [query[start:end] for start, end in correctable_spans(query)] == words


def test_near_words_within_one_or_two_edits():
    lexicon = sorted(["harvest", "harbour", "kazakhstan", "kazakh", "sayragul", "sairagul", "zhambyl"])
    assert within(lexicon, "harvset", 1) == ["harvest"]
    assert within(lexicon, "ahrvest", 1, prefix=1) == []  # the swap touches the kept letter
    assert within(lexicon, "kazakhstn", 1) == ["kazakhstan"]
    assert within(lexicon, "sayragull", 1) == ["sayragul"]
    assert within(lexicon, "sayragull", 2) == ["sairagul", "sayragul"]
    assert within(lexicon, "tayragull", 2, prefix=1) == []  # the first letter is kept
    assert within([], "anything", 2) == []
