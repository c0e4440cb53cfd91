"""Enrichment from ingest to the page: quotes and entities stored per version, searchable by
speaker, person and place, listed as quotes, re-done when the gazetteer changes, and never
leaking restricted material."""

from __future__ import annotations

import json
import re

import pytest

from archive.enrich.gazetteer import Gazetteer
from archive.enrich.pipeline import stamp_of
from archive.enriching import load_gazetteer
from archive.store import Store
from tests.conftest import ingest, write_article
from webapp import create_app

TESTIMONY = (
    "Two refugees reach Almaty\n\n"
    "Dana Zhunus and Aidos Temir crossed the border near Khorgos in March.\n\n"
    "“We walked for two nights and ate nothing,” Dana Zhunus told reporters in Almaty.\n\n"
    "“The guards at the camp took our passports,” Aidos Temir said. “Nobody told us why.”\n\n"
    "Their lawyer met them at the Qarasu crossing."
)
RESTRICTED = (
    "Protected witness statement\n\n"
    "“I saw the transfer of prisoners at night,” Serik Oralbay said, asking not to be named in public."
)


@pytest.fixture
def archive_home(tmp_path, home):
    folder = tmp_path / "in"
    write_article(folder, "testimony.txt", TESTIMONY, {"source": "Test Wire", "date": "2020-03-02"})
    write_article(folder, "witness.txt", RESTRICTED, {"source": "Test Wire", "visibility": "restricted"})
    report = ingest(home, folder)
    assert report.counts["new"] == 2
    return home


@pytest.fixture
def client(archive_home):
    return create_app({"ARCHIVE_HOME": str(archive_home.root), "TESTING": True}).test_client()


def ids_by_title(home) -> dict[str, str]:
    with Store.open(home.database) as store:
        return {a.record.title: a.id for a in store.iter_current()}


def test_quotes_and_entities_are_stored_and_served(client, archive_home):
    article_id = ids_by_title(archive_home)["Two refugees reach Almaty"]
    body = client.get(f"/api/articles/{article_id}").get_json()
    quotes = [(q["anchor"], q["speakers"], q["how"], q["paragraph"]) for q in body["quotes"]]
    assert quotes == [
        ("q1", ["Dana Zhunus"], "explicit", 2),
        ("q2", ["Aidos Temir"], "explicit", 3),
    ]
    assert body["quotes"][1]["text"] == "The guards at the camp took our passports, … Nobody told us why."
    people = {e["name"] for e in body["entities"] if e["type"] == "person"}
    assert people == {"Dana Zhunus", "Aidos Temir"}
    places = {e["name"] for e in body["entities"] if e["type"] == "place"}
    assert {"Almaty", "Khorgos"} <= places


def test_search_by_speaker_and_the_speaker_facet(client):
    by_field = client.get("/api/search", query_string={"q": "speaker:Temir"}).get_json()
    assert [h["title"] for h in by_field["hits"]] == ["Two refugees reach Almaty"]
    assert by_field["hits"][0]["quotes"][0]["speaker"] == "Aidos Temir"
    everything = client.get("/api/search?q=").get_json()
    speakers = {v["value"] for v in everything["facets"]["speaker"]}
    assert speakers == {"Dana Zhunus", "Aidos Temir"}  # the restricted witness is not there
    filtered = client.get("/api/search", query_string={"q": "", "speaker": "Dana Zhunus"}).get_json()
    assert filtered["total"] == 1
    assert client.get("/api/search", query_string={"q": "person:Oralbay"}).get_json()["total"] == 0


def test_quote_level_search(client, archive_home):
    article_id = ids_by_title(archive_home)["Two refugees reach Almaty"]
    result = client.get("/api/quotes", query_string={"q": "passports"}).get_json()
    assert result["scope"] == "quotes"
    assert [(q["anchor"], q["speaker"]) for q in result["quotes"]] == [("q2", "Aidos Temir")]
    assert result["quotes"][0]["url"] == f"/articles/{article_id}/two-refugees-reach-almaty#q2"
    assert "<mark>passports</mark>" in result["quotes"][0]["text_html"]
    assert client.get("/api/quotes", query_string={"q": "prisoners"}).get_json()["quotes"] == []
    page = client.get("/search", query_string={"q": "passports", "scope": "quotes"}).get_data(as_text=True)
    assert "Aidos Temir" in page and "#q2" in page


def test_the_article_page_lists_quotes_with_anchors(client, archive_home):
    article_id = ids_by_title(archive_home)["Two refugees reach Almaty"]
    page = client.get(f"/articles/{article_id}/two-refugees-reach-almaty").get_data(as_text=True)
    assert re.search(
        r'<li id="q1"><blockquote>“We walked for two nights and ate nothing,”</blockquote>', page
    )
    assert 'href="/search?speaker=Aidos+Temir"' in page
    assert "named with the quote" in page


def test_enrich_redoes_what_a_new_gazetteer_changes(archive_home, cli):
    first = cli("enrich", "--home", archive_home.root)
    assert first.exit_code == 0, first.output
    assert first.stdout.startswith("0 enriched")
    archive_home.gazetteer.mkdir()
    (archive_home.gazetteer / "places.yaml").write_text(
        "- {name: Qarasu Crossing, aliases: [Qarasu crossing, Карасу]}\n", encoding="utf-8"
    )
    with Store.open(archive_home.database) as store:
        assert len(store.stale_enrichment(stamp_of(load_gazetteer(archive_home)))) == 2
    again = cli("enrich", "--home", archive_home.root)
    assert again.stdout.startswith("2 enriched"), again.output
    with Store.open(archive_home.database) as store:
        assert store.stale_enrichment(stamp_of(load_gazetteer(archive_home))) == []
    client = create_app({"ARCHIVE_HOME": str(archive_home.root), "TESTING": True}).test_client()
    places = {v["value"] for v in client.get("/api/search?q=").get_json()["facets"]["place"]}
    assert "Qarasu Crossing" in places


def test_a_new_version_gets_its_own_enrichment(archive_home, tmp_path):
    folder = tmp_path / "in"
    write_article(
        folder,
        "testimony.txt",
        TESTIMONY.replace("Aidos Temir said", "Aidos Temir recalled"),
        {"source": "Test Wire", "date": "2020-03-02"},
    )
    report = ingest(archive_home, folder / "testimony.txt")
    assert report.counts["updated"] == 1
    article_id = ids_by_title(archive_home)["Two refugees reach Almaty"]
    with Store.open(archive_home.database) as store:
        old, new = store.enrichment(article_id, 1), store.enrichment(article_id, 2)
    assert old is not None and new is not None
    assert [q.anchor for q in old.quotes] == [q.anchor for q in new.quotes] == ["q1", "q2"]


def test_the_export_carries_quotes(archive_home, cli):
    result = cli("export", "--home", archive_home.root)
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [len(r["quotes"]) for r in records] == [2]  # the restricted one is left out


def test_the_stamp_follows_the_gazetteer():
    shipped = Gazetteer.load()
    assert stamp_of(shipped) == stamp_of(Gazetteer.load())


def test_the_quote_view_of_everything_lists_only_articles_with_quotes(archive_home, tmp_path):
    write_article(tmp_path / "plain", "plain.txt", "Weather in Almaty\n\nRain is expected on Tuesday.", {})
    ingest(archive_home, tmp_path / "plain")
    client = create_app({"ARCHIVE_HOME": str(archive_home.root), "TESTING": True}).test_client()
    assert client.get("/api/search?q=").get_json()["total"] == 2
    result = client.get("/api/quotes?q=").get_json()
    assert result["total"] == 1
    assert [q["anchor"] for q in result["quotes"]] == ["q1", "q2"]
