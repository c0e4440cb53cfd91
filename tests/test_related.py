"""More like this: an article's related articles, public ones only, never itself."""

from __future__ import annotations

import re
import shutil

import pytest

import index
from index._related import distinctive_terms
from tests import search_fixtures
from tests.conftest import write_article
from webapp import create_app
from webapp.service import ingest_and_index

# By each article's file name, the related articles in order (the same names).
EXPECTED = {
    "asylum": ["court", "atajurt", "undated"],
    "court": ["asylum", "undated", "atajurt"],
    "atajurt": ["undated", "asylum", "court"],
    "undated": ["atajurt", "court", "asylum"],
    "harvest": [],  # shares no word worth a look with any other
    "kazakh": ["russian"],  # Сайрагүл Сауытбай, in Cyrillic in both
    "russian": ["kazakh"],
    "chinese": ["chinese2"],  # 拘禁营, 新疆, 哈萨克斯坦 character by character
    "chinese2": ["chinese"],
}


@pytest.fixture(scope="module")
def archive(tmp_path_factory):
    return search_fixtures.build(tmp_path_factory.mktemp("related"))


@pytest.fixture(scope="module")
def client(archive):
    home, _ = archive
    return create_app({"ARCHIVE_HOME": str(home.root), "TESTING": True}).test_client()


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_related_articles_of_each(archive, name):
    home, ids = archive
    names = {v: k for k, v in ids.items()}
    found = index.SearchIndex(home.index).related(ids[name])
    assert [names[r.id] for r in found] == EXPECTED[name]


def test_the_api_lists_them(archive, client):
    _, ids = archive
    body = client.get(f"/api/articles/{ids['kazakh']}/related").get_json()
    assert body == {
        "id": ids["kazakh"],
        "related": [
            {
                "id": ids["russian"],
                "title": "Суд в Алматы выслушал Сайрагүл Сауытбай",
                "url": f"/articles/{ids['russian']}/sud-v-almaty-vyslushal-sairagul-sauytbai",
                "date": "2019-07-16",
                "source": "Azattyq Russian",
            }
        ],
    }


def test_the_article_page_lists_them_in_order(archive, client):
    _, ids = archive
    page = client.get(f"/articles/{ids['asylum']}").get_data(as_text=True)
    if "Related articles" not in page:  # a 301 to the slug
        page = client.get(f"/articles/{ids['asylum']}", follow_redirects=True).get_data(as_text=True)
    section = page.split('id="related-heading"', 1)[1].split("</ul>", 1)[0]
    linked = re.findall(r'href="/articles/(\w+)/', section)
    assert linked == [ids[n] for n in EXPECTED["asylum"]]
    harvest = client.get(f"/articles/{ids['harvest']}", follow_redirects=True).get_data(as_text=True)
    assert "Related articles" not in harvest


def test_a_restricted_article_is_never_related_and_has_no_list(archive, client):
    home, ids = archive
    search = index.SearchIndex(home.index)
    assert search.related(ids["restricted"]) == []
    for name in EXPECTED:
        assert ids["restricted"] not in {r.id for r in search.related(ids[name], limit=20)}
    response = client.get(f"/api/articles/{ids['restricted']}/related")
    assert response.status_code == 404
    assert "Zhanaozen" not in response.get_data(as_text=True)


def test_an_unknown_article_is_a_404(client):
    response = client.get("/api/articles/nosuch1234/related")
    assert response.status_code == 404
    assert "nosuch1234" in response.get_json()["error"]["message"]


def test_an_article_restricted_since_the_index_was_written_is_left_out(tmp_path):
    """The index lags the archive until it is updated; the list is checked against the archive."""
    home, ids = search_fixtures.build(tmp_path)
    text, sidecar = search_fixtures.ARTICLES["court"]
    path = write_article(
        tmp_path / "files", "court.txt", text, {"language": "en", **sidecar, "visibility": "restricted"}
    )
    done = ingest_and_index(home, [path], update_index=False)
    assert done.report.counts["updated"] == 1, done.report.outcomes
    assert ids["court"] in {r.id for r in index.SearchIndex(home.index).related(ids["asylum"])}
    client = create_app({"ARCHIVE_HOME": str(home.root), "TESTING": True}).test_client()
    related = client.get(f"/api/articles/{ids['asylum']}/related").get_json()["related"]
    assert [r["id"] for r in related] == [ids["atajurt"], ids["undated"]]


def test_without_an_index_the_page_shows_and_the_api_says_why(tmp_path):
    home, ids = search_fixtures.build(tmp_path)
    shutil.rmtree(home.index)
    client = create_app({"ARCHIVE_HOME": str(home.root), "TESTING": True}).test_client()
    page = client.get(f"/articles/{ids['asylum']}", follow_redirects=True)
    assert page.status_code == 200 and "Related articles" not in page.get_data(as_text=True)
    response = client.get(f"/api/articles/{ids['asylum']}/related")
    assert response.status_code == 503
    assert "archive reindex" in response.get_json()["error"]["message"]


def test_distinctive_terms_leave_out_words_of_one_article_and_of_most(archive):
    home, ids = archive
    from whoosh import index as whoosh_index

    from index import _generations

    ix = whoosh_index.open_dir(str(_generations.current(home.index)))
    with ix.searcher() as searcher:
        stored = searcher.stored_fields(searcher.document_number(id=ids["atajurt"]))
        words = [word for word, _ in distinctive_terms(searcher, stored)]
    assert "atajurt" not in words  # in this article alone
    assert "the" not in words  # in most articles
    assert {"volunt", "rel", "almati", "xinjiang", "testimoni"} <= set(words)
