"""The web pages' links, parameters, errors and headers, exactly.

Links that keep the search (sort, pages, facet toggles), the messages of a bad
parameter, the error documents and the security headers are all things a person or a
script depends on; these tests pin them on a realistic archive.
"""

from __future__ import annotations

import html
import re

import pytest

from tests.conftest import ingest, write_article
from webapp import create_app

BORDER_POST_ID = "o46qte7g57"
BORDER_POST_PATH = f"/articles/{BORDER_POST_ID}/families-wait-at-the-khorgos-border-post"


@pytest.fixture
def client(realistic_home):
    return create_app({"ARCHIVE_HOME": str(realistic_home.root), "TESTING": True}).test_client()


def _hrefs(page) -> list[str]:
    return [html.unescape(h) for h in re.findall(r'href="([^"]*)"', page.get_data(as_text=True))]


def test_sort_links_keep_the_search_and_drop_the_page(client):
    hrefs = _hrefs(client.get("/search?q=caravan&source=Steppe+Herald&page=1"))
    assert "/search?q=caravan&source=Steppe+Herald&sort=newest" in hrefs
    assert "/search?q=caravan&source=Steppe+Herald&sort=oldest" in hrefs
    assert not any("sort=relevance" in h for h in hrefs)  # the current sort is not a link


def test_facet_links_add_or_remove_one_value_and_drop_the_page(client):
    hrefs = _hrefs(client.get("/search?q=&language=en&page=1"))
    assert "/search?q=&language=en&source=Steppe+Herald" in hrefs  # add a filter
    assert "/search?q=" in hrefs  # the selected value's link removes it
    # Values of one facet combine with OR: ru stays offered beside the chosen en.
    assert "/search?q=&language=en&language=ru" in hrefs


def test_pager_links_keep_the_search(tmp_path, home):
    for n in range(25):
        write_article(tmp_path / "many", f"{n:02}.txt", f"Statement {n}\nA statement about Shonzhy.")
    ingest(home, tmp_path / "many")
    client = create_app({"ARCHIVE_HOME": str(home.root), "TESTING": True, "PAGE_SIZE": 10}).test_client()
    page = client.get("/search?q=Shonzhy&page=2")
    text = page.get_data(as_text=True)
    assert "Page 2 of 3" in text and '<ol class="hits" start="11">' in text
    hrefs = _hrefs(page)
    assert "/search?q=Shonzhy&page=1" in hrefs and "/search?q=Shonzhy&page=3" in hrefs
    last = _hrefs(client.get("/search?q=Shonzhy&page=3"))
    assert "/search?q=Shonzhy&page=2" in last and "/search?q=Shonzhy&page=4" not in last


def test_an_empty_limit_means_the_default_page_size(tmp_path, home):
    for n in range(25):
        write_article(tmp_path / "many", f"{n:02}.txt", f"Statement {n}\nA statement about Shonzhy.")
    ingest(home, tmp_path / "many")
    client = create_app({"ARCHIVE_HOME": str(home.root), "TESTING": True}).test_client()
    empty = client.get("/api/search?q=Shonzhy&limit=").get_json()
    assert (empty["limit"], len(empty["hits"])) == (20, 20)


@pytest.mark.parametrize(
    "url, message",
    [
        # The ranges themselves are pinned in test_search_pages.py; here a long bad value is cut.
        ("/api/search?q=x&limit=ten", "'limit' must be a whole number from 1 to 100, not 'ten'."),
        (
            "/api/search?q=x&page=" + "x" * 50,
            "'page' must be a whole number from 1 to 500, not '" + "x" * 40 + "'.",
        ),
        ("/api/search?q=x&sort=sideways", "Unknown sort 'sideways'; use one of relevance, newest, oldest."),
    ],
)
def test_bad_parameters_are_named_in_a_400(client, url, message):
    response = client.get(url)
    assert response.status_code == 400
    assert response.get_json() == {
        "error": {"status": 400, "title": "The query cannot be searched", "message": message}
    }


def test_a_bad_query_page_keeps_the_query_in_the_box(client):
    page = client.get("/search?q=title:").get_data(as_text=True)
    assert "The query cannot be searched" in page and 'value="title:"' in page


def test_article_versions_and_redirects(client, realistic_home, tmp_path):
    bad = client.get(f"/api/articles/{BORDER_POST_ID}?version=abc")
    assert bad.status_code == 400
    assert bad.get_json()["error"]["message"] == "'version' must be a whole number, not 'abc'."
    same = client.get(f"{BORDER_POST_PATH}?version=1")
    assert same.status_code == 200 and "You are reading version" not in same.get_data(as_text=True)
    moved = client.get(f"/articles/{BORDER_POST_ID}/old-slug?version=1")
    assert moved.status_code == 301 and moved.headers["Location"] == f"{BORDER_POST_PATH}?version=1"
    missing = client.get(f"/api/articles/{BORDER_POST_ID}?version=2")
    assert missing.status_code == 404
    assert missing.get_json()["error"]["message"] == f"Article {BORDER_POST_ID} has no version 2."


def test_unknown_article_is_a_json_404_naming_it(client):
    assert client.get("/api/articles/nosuchid00").get_json() == {
        "error": {
            "status": 404,
            "title": "Not Found",
            "message": "There is no article nosuchid00. Check the address; the article may have been withdrawn.",
        }
    }


def test_errors_carry_titles_that_say_what_failed(tmp_path, realistic_home):
    empty = create_app({"ARCHIVE_HOME": str(tmp_path / "nothing"), "TESTING": True}).test_client()
    assert empty.get("/api/search?q=x").get_json()["error"]["title"] == "The archive is empty"
    (realistic_home.index / "CURRENT").unlink()
    no_index = create_app({"ARCHIVE_HOME": str(realistic_home.root), "TESTING": True}).test_client()
    response = no_index.get("/api/search?q=x")
    assert (response.status_code, response.get_json()["error"]["title"]) == (503, "Search is not ready")
    page = no_index.get("/search?q=x")
    assert page.status_code == 503 and "<title>" in page.get_data(as_text=True)


def test_originals_are_immutable_downloads(client, realistic_home):
    from archive.store import Store

    with Store.open(realistic_home.database, readonly=True) as store:
        digest = store.get(BORDER_POST_ID).provenance.raw_sha256
    response = client.get(f"/originals/{digest}")
    assert response.headers["Content-Disposition"] == f'attachment; filename="{digest}"'
    assert response.headers["Cache-Control"] == "public, max-age=31536000, immutable"
    assert response.headers["ETag"] == f'"{digest}"'
    assert client.get(f"/originals/{digest.upper()}").status_code == 404
    missing = client.get("/originals/" + "ab" * 32)
    assert (
        missing.get_json() is None
        and "There is no public original with SHA-256 " + "ab" * 32 in missing.get_data(as_text=True)
    )


def test_every_response_carries_the_security_headers(client):
    for url in ("/", BORDER_POST_PATH, "/api/search?q=x", "/articles/nosuchid00"):
        headers = client.get(url).headers
        assert headers["Content-Security-Policy"] == (
            "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'"
        )
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
        assert headers["X-Frame-Options"] == "DENY"


def test_citation_uses_the_public_address_without_a_doubled_slash(realistic_home):
    app = create_app(
        {
            "ARCHIVE_HOME": str(realistic_home.root),
            "TESTING": True,
            "PUBLIC_URL": "https://archive.example.org/",
        }
    )
    page = app.test_client().get(BORDER_POST_PATH).get_data(as_text=True)
    assert (
        f'id="permalink" href="{BORDER_POST_PATH}">https://archive.example.org{BORDER_POST_PATH}</a>' in page
    )
    local = create_app({"ARCHIVE_HOME": str(realistic_home.root), "TESTING": True}).test_client()
    assert f">http://localhost{BORDER_POST_PATH}</a>" in local.get(BORDER_POST_PATH).get_data(as_text=True)


def test_the_data_home_setting_is_resolved_to_an_absolute_path(realistic_home, monkeypatch, tmp_path):
    monkeypatch.chdir(realistic_home.root.parent)
    app = create_app({"ARCHIVE_HOME": realistic_home.root.name, "TESTING": True})
    assert app.config["ARCHIVE_HOME"] == str(realistic_home.root)
    assert app.test_client().get("/api/search?q=caravan").get_json()["total"] == 3


def test_links_keep_every_value_of_a_repeated_filter(client):
    hrefs = _hrefs(client.get("/search?q=&language=ru&language=kk"))
    assert "/search?q=&language=ru&language=kk&sort=relevance" in hrefs
    assert (
        "/search?q=&language=ru&language=kk&source=%D0%92%D0%B5%D1%87%D0%B5%D1%80%D0%BD%D0%B8%D0%B9+%D0%90%D0%BB%D0%BC%D0%B0%D1%82%D1%8B"
        in hrefs
    )
    assert "/search?q=&language=kk" in hrefs  # removing ru keeps kk


def test_an_error_page_without_a_query_has_an_empty_search_box(client):
    page = client.get("/articles/nosuchid00").get_data(as_text=True)
    assert 'name="q" type="search" value=""' in page


def test_settings_defaults_and_the_home_from_the_environment(realistic_home, monkeypatch):
    monkeypatch.setenv("ARCHIVE_HOME", str(realistic_home.root))
    app = create_app()
    assert app.config["ARCHIVE_HOME"] == str(realistic_home.root)
    assert app.config["PAGE_SIZE"] == 20 and app.config["PUBLIC_URL"] == ""
    assert app.extensions["archive"].index.time_limit == 10.0  # the README's default
    assert app.test_client().get("/api/search?q=caravan").get_json()["total"] == 3
