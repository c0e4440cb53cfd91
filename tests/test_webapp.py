"""The real Flask app over a real archive and index, through the test client."""

import json

import pytest

from tests.conftest import ingest, write_article
from webapp import create_app


def test_home_and_search_pages(client, seed_id):
    home = client.get("/")
    assert home.status_code == 200 and b"1 article in the archive" in home.data
    page = client.get("/search?q=Atajurt")
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert "<mark>Atajurt</mark>" in html
    assert (
        f'href="/articles/{seed_id}/provisional-asylum-granted-to-two-refugees-from-china-in-kazakhstan'
        '?q=Atajurt#first-match"' in html
    )
    assert "Bitter Winter" in html and "Leila Adilzhan" in html and "date unknown" in html


def test_article_permanent_url_and_redirects(client, seed_id):
    canonical = f"/articles/{seed_id}/provisional-asylum-granted-to-two-refugees-from-china-in-kazakhstan"
    page = client.get(canonical)
    assert page.status_code == 200
    html = page.get_data(as_text=True)
    assert (
        "Provisional Asylum Granted" in html
        and "8a2d9d643e3f7c8717ae914606493027ae6badbd071b7cdb1ec9f9d06663ab4d" in html
    )
    assert f'<link rel="canonical" href="http://localhost{canonical}">' in html
    assert "“We were very hungry, and came to one Kazakh home" in html
    for other in (f"/articles/{seed_id}", f"/articles/{seed_id}/old-title"):
        response = client.get(other)
        assert response.status_code == 301 and response.headers["Location"] == canonical


def test_unknown_article_is_a_404_page_that_says_so(client):
    response = client.get("/articles/nosuchid00/whatever")
    assert response.status_code == 404
    assert b"There is no article nosuchid00" in response.data
    api = client.get("/api/articles/nosuchid00")
    assert api.status_code == 404 and "no article nosuchid00" in api.get_json()["error"]["message"]


def test_api_search_matches_the_cli_json(client, cli, seeded_home):
    api = client.get("/api/search?q=Atajurt").get_json()
    command = json.loads(
        cli("search", "Atajurt", "--home", seeded_home.root, "--json", "--limit", "20").output
    )
    assert api == command


def test_api_article(client, seed_id):
    data = client.get(f"/api/articles/{seed_id}").get_json()
    assert data["id"] == seed_id and data["source"] == "Bitter Winter" and data["date"] == ""
    assert data["original"]["sha256"] == "8a2d9d643e3f7c8717ae914606493027ae6badbd071b7cdb1ec9f9d06663ab4d"
    assert data["original"]["ingested_at"].endswith("Z") and len(data["paragraphs"]) == 7


def test_original_download_is_byte_exact_and_never_rendered(client):
    digest = "8a2d9d643e3f7c8717ae914606493027ae6badbd071b7cdb1ec9f9d06663ab4d"
    response = client.get(f"/originals/{digest}")
    assert response.status_code == 200
    assert response.headers["Content-Type"] == "application/octet-stream"
    assert response.headers["Content-Disposition"].startswith("attachment")
    import hashlib

    assert hashlib.sha256(response.data).hexdigest() == digest
    import base64

    assert response.headers["Repr-Digest"] == f"sha-256=:{base64.b64encode(bytes.fromhex(digest)).decode()}:"
    assert client.get("/originals/" + "0" * 64).status_code == 404
    assert client.get("/originals/../../etc/passwd").status_code == 404


@pytest.mark.parametrize(
    "query, says",
    [
        ('"unbalanced (', "never closed"),
        ("title:", "needs a search term"),
        ("AND", "needs a search term on each side"),
        ("x" * 5000, "the limit is 2000"),
        ("foo:bar", "Unknown field"),
    ],
)
def test_malformed_queries_get_a_message_not_a_500(client, query, says):
    page = client.get("/search", query_string={"q": query})
    assert page.status_code == 400 and says in page.get_data(as_text=True)
    api = client.get("/api/search", query_string={"q": query})
    assert api.status_code == 400 and says in api.get_json()["error"]["message"]


@pytest.mark.parametrize(
    "params", [{"page": "abc"}, {"page": "0"}, {"page": "999999"}, {"sort": "sideways"}, {"limit": "-1"}]
)
def test_bad_parameters_are_400(client, params):
    assert client.get("/search", query_string={"q": "Atajurt", **params}).status_code == 400


def test_script_in_document_and_query_is_escaped(tmp_path, seeded_home):
    write_article(
        tmp_path / "x",
        "xss.txt",
        "<script>alert('title')</script> Hostile page\n<img src=x onerror=alert(1)> hostile body <script>alert('body')</script>",
        {"source": "<b>Source</b>", "authors": ["<i>Author</i>"], "tags": ["<script>tag</script>"]},
    )
    ingest(seeded_home, tmp_path / "x")
    client = create_app({"ARCHIVE_HOME": str(seeded_home.root), "TESTING": True}).test_client()
    page = client.get("/search", query_string={"q": "hostile <script>alert('body')</script>"})
    html = page.get_data(as_text=True)
    assert page.status_code == 200
    assert (
        "<script>" not in html and "<img" not in html and "<b>Source" not in html and "<i>Author" not in html
    )
    assert "&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;" in html
    assert "<mark>Hostile</mark>" in html
    article = client.get(json.loads(client.get("/api/search?q=hostile").data)["hits"][0]["url"])
    body = article.get_data(as_text=True)
    assert "<script>" not in body and "&lt;script&gt;alert(&#39;body&#39;)&lt;/script&gt;" in body
    assert "script-src 'self'" in article.headers["Content-Security-Policy"]


def test_facet_links_filter_and_unfilter(tmp_path, seeded_home):
    write_article(
        tmp_path / "m",
        "a.txt",
        "Other story\nAbout camps.",
        {"source": "Example Times", "date": "2019-01-01"},
    )
    ingest(seeded_home, tmp_path / "m")
    client = create_app({"ARCHIVE_HOME": str(seeded_home.root), "TESTING": True}).test_client()
    html = client.get("/search").get_data(as_text=True)
    assert 'href="/search?source=Example+Times"' in html
    filtered = client.get("/search?source=Example+Times").get_data(as_text=True)
    assert (
        "1 article in the archive" in filtered and "Other story" in filtered and "Provisional" not in filtered
    )
    assert 'href="/search"' in filtered  # the toggle removes the filter again


def test_restricted_article_is_invisible(tmp_path, seeded_home):
    write_article(
        tmp_path / "r", "s.txt", "Sealed testimony\nWitness from Kuytun.", {"visibility": "restricted"}
    )
    report = ingest(seeded_home, tmp_path / "r")
    hidden_id = report.outcomes[0].id
    client = create_app({"ARCHIVE_HOME": str(seeded_home.root), "TESTING": True}).test_client()
    assert client.get("/api/search?q=Kuytun").get_json()["total"] == 0
    assert b"1 article in the archive" in client.get("/").data
    assert client.get(f"/articles/{hidden_id}").status_code == 404
    assert client.get(f"/api/articles/{hidden_id}").status_code == 404
    from archive.store import Store

    with Store.open(seeded_home.database, readonly=True) as store:
        digest = store.get(hidden_id).provenance.raw_sha256
    assert client.get(f"/originals/{digest}").status_code == 404


def test_older_versions_stay_readable(tmp_path, seeded_home):
    path = write_article(tmp_path / "v", "v.txt", "First headline\nOriginal wording.")
    article_id = ingest(seeded_home, path).outcomes[0].id
    write_article(tmp_path / "v", "v.txt", "Second headline\nCorrected wording.")
    ingest(seeded_home, path)
    client = create_app({"ARCHIVE_HOME": str(seeded_home.root), "TESTING": True}).test_client()
    current = client.get(f"/articles/{article_id}/second-headline").get_data(as_text=True)
    assert "Corrected wording." in current and "Version 1" in current
    old = client.get(f"/articles/{article_id}/second-headline?version=1").get_data(as_text=True)
    assert "Original wording." in old and "You are reading version 1 of 2" in old
    assert (
        client.get(f"/articles/{article_id}/first-headline").headers["Location"].endswith("/second-headline")
    )
    assert client.get(f"/articles/{article_id}/second-headline?version=7").status_code == 404


def test_empty_or_missing_data_home_says_what_to_do(tmp_path):
    client = create_app({"ARCHIVE_HOME": str(tmp_path / "nothing"), "TESTING": True}).test_client()
    for url in ("/", "/search?q=x", "/articles/abc/def"):
        response = client.get(url)
        assert response.status_code == 503
        assert b"No archive at" in response.data and b"archive ingest" in response.data
    api = client.get("/api/search?q=x")
    assert api.status_code == 503 and "No archive at" in api.get_json()["error"]["message"]


def test_missing_index_says_rebuild(seeded_home, client):
    (seeded_home.index / "CURRENT").unlink()
    response = client.get("/search?q=Atajurt")
    assert response.status_code == 503 and b"reindex --if-needed" in response.data


def test_unexpected_errors_are_a_plain_500_page(app, monkeypatch):
    app.config["PROPAGATE_EXCEPTIONS"] = False
    monkeypatch.setattr(app.extensions["archive"].index, "search", lambda *a, **k: 1 / 0)
    response = app.test_client().get("/search?q=x")
    assert response.status_code == 500
    assert b"Something went wrong" in response.data and b"ZeroDivisionError" not in response.data


def test_opening_and_closing_the_app_leaks_no_file_handles(seeded_home):
    import os

    def open_fds():
        return len(os.listdir("/proc/self/fd"))

    client = create_app({"ARCHIVE_HOME": str(seeded_home.root), "TESTING": True}).test_client()
    client.get("/search?q=Atajurt")
    before = open_fds()
    for _ in range(30):
        app = create_app({"ARCHIVE_HOME": str(seeded_home.root), "TESTING": True})
        c = app.test_client()
        assert c.get("/search?q=Atajurt").status_code == 200
        assert c.get("/api/articles/nosuchid00").status_code == 404
    assert open_fds() <= before + 3


def test_existing_but_empty_data_home(tmp_path):
    (tmp_path / "empty").mkdir()
    response = create_app({"ARCHIVE_HOME": str(tmp_path / "empty"), "TESTING": True}).test_client().get("/")
    assert response.status_code == 503 and b"No archive at" in response.data


def test_damaged_database_is_a_503_page_not_a_traceback(tmp_path):
    home = tmp_path / "broken"
    home.mkdir()
    (home / "archive.sqlite3").write_bytes(b"garbage" * 200)
    client = create_app({"ARCHIVE_HOME": str(home), "TESTING": True}).test_client()
    response = client.get("/articles/abc/def")
    assert response.status_code == 503 and b"cannot be opened as an archive database" in response.data


def test_missing_original_is_a_404_that_says_run_verify(client, seeded_home):
    digest = "8a2d9d643e3f7c8717ae914606493027ae6badbd071b7cdb1ec9f9d06663ab4d"
    from archive.blobs import BlobStore

    BlobStore(seeded_home.originals).path_for(digest).unlink()
    response = client.get(f"/originals/{digest}")
    assert response.status_code == 404 and b"archive verify" in response.data


def test_public_url_is_used_for_citations(seeded_home, seed_id):
    app = create_app(
        {"ARCHIVE_HOME": str(seeded_home.root), "TESTING": True, "PUBLIC_URL": "https://archive.example.org/"}
    )
    html = app.test_client().get(f"/articles/{seed_id}", follow_redirects=True).get_data(as_text=True)
    assert f'<link rel="canonical" href="https://archive.example.org/articles/{seed_id}/' in html


def test_history_follows_visibility(tmp_path, seeded_home):
    """Restricting hides every version; a redacted public version never exposes the earlier one."""
    folder = tmp_path / "h"
    path = write_article(
        folder, "w.txt", "Witness account\nNamed witness: Ayşe K.", {"visibility": "restricted"}
    )
    article_id = ingest(seeded_home, path).outcomes[0].id
    write_article(folder, "w.txt", "Witness account\nNamed witness: [withheld].", {"visibility": "public"})
    ingest(seeded_home, path)
    client = create_app({"ARCHIVE_HOME": str(seeded_home.root), "TESTING": True}).test_client()
    page = client.get(f"/articles/{article_id}/witness-account").get_data(as_text=True)
    assert "[withheld]" in page and "Ayşe" not in page and "Version 1" not in page
    assert client.get(f"/articles/{article_id}/witness-account?version=1").status_code == 404
    assert client.get(f"/api/articles/{article_id}?version=1").status_code == 404
    assert [v["version"] for v in client.get(f"/api/articles/{article_id}").get_json()["versions"]] == [2]
    from archive.store import Store

    with Store.open(seeded_home.database, readonly=True) as store:
        unredacted = store.get(article_id, 1).provenance.raw_sha256
        redacted = store.get(article_id, 2).provenance.raw_sha256
    assert client.get(f"/originals/{unredacted}").status_code == 404
    assert client.get(f"/originals/{redacted}").status_code == 200
    # Restricted again: the public version and its original disappear as well.
    write_article(
        folder, "w.txt", "Witness account\nNamed witness: [withheld].", {"visibility": "restricted"}
    )
    ingest(seeded_home, path)
    for url in (
        f"/articles/{article_id}",
        f"/articles/{article_id}/witness-account?version=2",
        f"/originals/{redacted}",
    ):
        assert client.get(url).status_code == 404, url
