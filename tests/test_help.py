"""The help page: every field and filter on it, and every example on it really works."""

from __future__ import annotations

import html
import re
from urllib.parse import parse_qsl, urlsplit

import pytest

import index
from tests import search_fixtures
from webapp import create_app
from webapp.views.help import FACET_HELP, FIELD_HELP


@pytest.fixture(scope="module")
def client(tmp_path_factory):
    home, _ = search_fixtures.build(tmp_path_factory.mktemp("help"))
    return create_app({"ARCHIVE_HOME": str(home.root), "TESTING": True}).test_client()


@pytest.fixture(scope="module")
def page(client):
    response = client.get("/help")
    assert response.status_code == 200
    return response.get_data(as_text=True)


def examples(page: str) -> list[str]:
    return [html.unescape(href) for href in re.findall(r'<a class="example" href="([^"]+)"', page)]


def test_every_field_and_filter_has_its_line(page):
    assert set(FIELD_HELP) == set(index.USER_FIELDS)
    assert set(FACET_HELP) == set(index.FACETS)
    for name in index.USER_FIELDS:
        assert f'<tr id="field-{name}"><td><code>{name}:</code></td>' in page
    for name in index.FACETS:
        assert f'<tr id="filter-{name}">' in page and f"<code>{name}=</code>" in page


def test_the_limits_shown_are_the_parser_s(page):
    assert f"At least {index.MIN_WILDCARD_PREFIX} letters before the *" in page
    assert f"more than {index.MAX_EXPANSION:,} words" in page
    assert f"at least {index.MIN_FUZZY_LETTERS} letters" in page
    assert f"up to {index.MAX_QUERY_CHARS:,} characters" in page


def test_every_example_is_accepted_and_finds_something(client, page):
    """Each example link runs without error on a small archive and finds an article (or,
    for the misspelling, offers the correction)."""
    links = examples(page)
    assert len(links) >= 35
    queries = {dict(parse_qsl(urlsplit(link).query)).get("q", "") for link in links}
    for syntax in ('"Almaty court"', "camp -Xinjiang", "Kazak*", "Kazakhstn~", "date:[2019-10 TO 2020-06]"):
        assert syntax in queries
    for link in links:
        assert link.startswith("/search?")
        shown = client.get(link)
        assert shown.status_code == 200, (link, shown.get_data(as_text=True)[:300])
        body = client.get("/api" + link).get_json()
        assert "error" not in body, (link, body)
        assert body["total"] >= 1 or body["did_you_mean"], link


def test_the_search_box_and_results_link_to_it(client):
    assert '<a class="help-link" href="/help">How to search</a>' in client.get("/search?q=camp").get_data(
        as_text=True
    )
    assert 'href="/help"' in client.get("/help").get_data(as_text=True)
