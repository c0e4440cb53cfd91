"""The JSON that API clients and exports read, pinned whole: a renamed key breaks them."""

from __future__ import annotations

import hashlib

from tests.conftest import SEEDS, ingest, write_article

SEED = SEEDS / "000_fdb5cd3d6fd92abd.txt"


def test_the_article_json_is_exactly_this(client, seed_id):
    body = client.get(f"/api/articles/{seed_id}").get_json()
    slug = "provisional-asylum-granted-to-two-refugees-from-china-in-kazakhstan"
    stamp = body["created_at"]
    assert body == {
        "id": "suksu7in4x",
        "slug": slug,
        "url": f"/articles/suksu7in4x/{slug}",
        "version": 1,
        "title": "Provisional Asylum Granted to Two Refugees from China in Kazakhstan",
        "standfirst": body["standfirst"],
        "authors": ["Leila Adilzhan"],
        "source": "Bitter Winter",
        "source_url": "",
        "date": "",
        "language": "en",
        "language_source": "given",  # the seed's sidecar says "en"; a guess would say "detected"
        "tags": ["Kazakhstan", "Xinjiang", "asylum", "refugees", "Atajurt"],
        "paragraphs": body["paragraphs"],
        "created_at": stamp,
        "original": {
            "sha256": hashlib.sha256(SEED.read_bytes()).hexdigest(),
            "size": SEED.stat().st_size,
            "file_name": SEED.name,
            "ingested_at": stamp,
            "parser": "plaintext/1",
            "tool_version": body["original"]["tool_version"],
            "sidecar_sha256": hashlib.sha256(SEED.with_suffix(".json").read_bytes()).hexdigest(),
            "sidecar_file_name": SEED.with_suffix(".json").name,
        },
        "versions": [
            {
                "version": 1,
                "title": "Provisional Asylum Granted to Two Refugees from China in Kazakhstan",
                "sha256": hashlib.sha256(SEED.read_bytes()).hexdigest(),
                "ingested_at": stamp,
            }
        ],
    }
    assert body["standfirst"].startswith("For the first time, authorities admit")
    assert len(body["paragraphs"]) == 7


def test_the_search_json_is_exactly_this(tmp_path, home):
    write_article(
        tmp_path / "j",
        "a.txt",
        "Camp report\n\nThe camp at <Kuytun>.",
        {
            "source": "Radio Azattyq",
            "date": "2019-10-14",
            "authors": ["A. Writer"],
            "tags": ["camps"],
            "language": "kk",
        },
    )
    ingest(home, tmp_path / "j")
    from webapp import create_app

    body = (
        create_app({"ARCHIVE_HOME": str(home.root), "TESTING": True})
        .test_client()
        .get("/api/search?q=camp")
        .get_json()
    )
    hit = body["hits"][0]
    assert body == {
        "query": "camp",
        "total": 1,
        "page": 1,
        "pages": 1,
        "sort": "relevance",
        "limit": 20,
        "partial": False,
        "notices": [],
        "variants": True,
        "filters": {},
        "hits": [
            {
                "id": hit["id"],
                "title": "Camp report",
                "url": f"/articles/{hit['id']}/camp-report",
                "date": "2019-10-14",
                "source": "Radio Azattyq",
                "authors": ["A. Writer"],
                "language": "kk",
                "snippet_html": "The <mark>camp</mark> at &lt;Kuytun&gt;.",
                "title_html": "<mark>Camp</mark> report",
                "score": hit["score"],
            }
        ],
        "facets": {
            "source": [{"value": "Radio Azattyq", "count": 1}],
            "year": [{"value": "2019", "count": 1}],
            "language": [{"value": "kk", "count": 1}],
            "author": [{"value": "A. Writer", "count": 1}],
            "tag": [{"value": "camps", "count": 1}],
        },
    }
    assert isinstance(hit["score"], float) and hit["score"] > 0
