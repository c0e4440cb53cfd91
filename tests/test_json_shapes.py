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
            "locator": None,
            "details": {},
        },
        "sources": [
            {
                "sha256": hashlib.sha256(SEED.read_bytes()).hexdigest(),
                "file_name": SEED.name,
                "locator": None,
                "digest": None,
                "details": {},
                "parser": "plaintext/1",
                "sidecar_sha256": hashlib.sha256(SEED.with_suffix(".json").read_bytes()).hexdigest(),
                "ingested_at": stamp,
            }
        ],
        "versions": [
            {
                "version": 1,
                "title": "Provisional Asylum Granted to Two Refugees from China in Kazakhstan",
                "sha256": hashlib.sha256(SEED.read_bytes()).hexdigest(),
                "ingested_at": stamp,
            }
        ],
        "quotes": body["quotes"],
        "entities": body["entities"],
        "dates_mentioned": body["dates_mentioned"],
        "enrichment": body["enrichment"],
    }
    assert body["standfirst"].startswith("For the first time, authorities admit")
    assert len(body["paragraphs"]) == 7
    assert isinstance(body["enrichment"], str) and body["enrichment"]


def test_the_seed_quotes_and_who_said_them(client, seed_id):
    """The seed's six quotations as a reader finds them, with their speakers."""
    body = client.get(f"/api/articles/{seed_id}").get_json()
    text = "\n\n".join(body["paragraphs"])
    pair = ["Kaster Musakhan", "Murager Alimuly"]
    expected = [
        ("q1", "This, they tell Bitter Winter, means", pair, "group", 2),
        ("q2", "We were very hungry, and came", pair, "group", 3),
        ("q3", "We contacted Bilash’ organization.", pair, "group", 4),
        ("q4", "After the conference, Kaster and Murager report", pair, "explicit", 5),
        ("q5", "On October 15, they tell Bitter Winter", pair, "group", 6),
        ("q6", "the fact that Kaster and Murager got", ["Serikzhan Bilash"], "explicit", 7),
    ]
    assert [q["anchor"] for q in body["quotes"]] == [e[0] for e in expected]
    for quote, (anchor, opening, speakers, how, paragraph) in zip(body["quotes"], expected, strict=True):
        assert set(quote) == {"anchor", "text", "speaker", "speakers", "how", "paragraph", "start", "end"}
        assert quote["text"].startswith(opening), anchor
        assert quote["start"] == text.index(opening), anchor
        assert quote["speakers"] == speakers and quote["speaker"] == " and ".join(speakers), anchor
        assert (quote["how"], quote["paragraph"]) == (how, paragraph), anchor
        assert text[quote["end"]] in "”\u201d", anchor  # the span stops at the closing mark
    people = {e["name"] for e in body["entities"] if e["type"] == "person"}
    assert {"Kaster Musakhan", "Murager Alimuly", "Serikzhan Bilash", "Abdulla Bakbergen"} <= people
    places = {e["name"] for e in body["entities"] if e["type"] == "place"}
    assert {"Almaty", "Kazakhstan", "Xinjiang"} <= places
    for entity in body["entities"]:
        for start, end in entity["mentions"]:
            assert text[start:end] in (entity["name"], *entity["aliases"]), entity
    assert {"value": "2020-01-21", "precision": "day"}.items() <= next(
        d for d in body["dates_mentioned"] if d["text"] == "January 21, 2020"
    ).items()


def test_the_search_json_is_exactly_this(tmp_path, home):
    write_article(
        tmp_path / "j",
        "a.txt",
        "Camp report\n\nThe camp at <Kuytun>.\n\n“We waited at the camp for three days,” Aigul Sadykova told reporters.",
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
        "all_words": 1,
        "did_you_mean": None,  # {"query": …, "url": …} when a word is misspelt (tests/test_suggest.py)
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
                "snippet_html": hit["snippet_html"],
                "title_html": "<mark>Camp</mark> report",
                "score": hit["score"],
                "quotes": [
                    {
                        "anchor": "q1",
                        "speaker": "Aigul Sadykova",
                        "text_html": "We waited at the <mark>camp</mark> for three days,",
                        "url": f"/articles/{hit['id']}/camp-report#q1",
                    }
                ],
            }
        ],
        "facets": {
            "source": [{"value": "Radio Azattyq", "count": 1}],
            "year": [{"value": "2019", "count": 1}],
            "language": [{"value": "kk", "count": 1}],
            "author": [{"value": "A. Writer", "count": 1}],
            "tag": [{"value": "camps", "count": 1}],
            "speaker": [{"value": "Aigul Sadykova", "count": 1}],
            "person": [{"value": "Aigul Sadykova", "count": 1}],
            "place": [],
            "org": [],
        },
    }
    assert hit["snippet_html"].startswith("The <mark>camp</mark> at &lt;Kuytun&gt;.")
    assert isinstance(hit["score"], float) and hit["score"] > 0
