from pathlib import Path

import pytest

from archive.identity import article_id, canonical_url, identity_key, make_slug


def test_key_prefers_explicit_key_then_url_then_file():
    path = Path("/somewhere/seeds/000.txt")
    assert identity_key("k1", "https://x.org/a", path) == "key:k1"
    assert identity_key("", "https://X.org/a/#top", path) == "url:https://x.org/a"
    assert identity_key("", "", path) == "file:seeds/000.txt"
    # Where the folder lives does not matter, only its name: a moved clone keeps ids.
    assert identity_key("", "", Path("/elsewhere/seeds/000.txt")) == "file:seeds/000.txt"


@pytest.mark.parametrize(
    "url, canonical",
    [
        ("HTTPS://Example.ORG/Path/", "https://example.org/Path"),
        ("https://example.org", "https://example.org/"),
        ("https://example.org/a?id=3#comments", "https://example.org/a?id=3"),
    ],
)
def test_canonical_url(url, canonical):
    assert canonical_url(url) == canonical


def test_article_id_is_short_stable_and_url_safe():
    first = article_id("file:seeds/000.txt")
    assert first == article_id("file:seeds/000.txt")
    assert len(first) == 10 and first.isalnum() and first == first.lower()
    assert first != article_id("file:seeds/001.txt")
    assert article_id("file:seeds/000.txt", 12).startswith(first)


@pytest.mark.parametrize(
    "title, slug",
    [
        ("Provisional Asylum Granted to Two Refugees", "provisional-asylum-granted-to-two-refugees"),
        ("Сайрагуль Сауытбай: показания", "sairagul-sauytbai-pokazaniia"),
        ("<script>alert(1)</script>", "script-alert-1-script"),
        ("???", "article"),
    ],
)
def test_slug(title, slug):
    assert make_slug(title) == slug
