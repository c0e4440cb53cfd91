"""A table of case records with its mapping beside it is ingested row by row: each row an
article with its own outcome, the table stored once, the mapping file itself never taken
for an article, and a second ingest changes nothing."""

from __future__ import annotations

from archive.store import Store
from tests.conftest import ingest

CASES = (
    "case_id,name,summary,place,last_seen\n"
    'K1,Erlan Kaliyev,"Taken from his shop in Ghulja.\nHis wife has not heard from him since.",Ghulja,March 2018\n'
    "K2,Gulnar Omarova,Detained at the border crossing at Khorgos.,Khorgos,2017-11-02\n"
    "K3,Nobody,,Almaty,2019\n"
)
MAPPING = "title: name\nbody: summary\nplaces: place\ndate: last_seen\nid: case_id\n"


def test_rows_become_articles_and_the_mapping_is_not_one(tmp_path, home):
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "cases.csv").write_text(CASES, encoding="utf-8")
    (folder / "cases.csv.mapping.yaml").write_text(MAPPING, encoding="utf-8")
    report = ingest(home, folder)
    assert report.counts == {"new": 2, "updated": 0, "unchanged": 0, "rejected": 1, "skipped": 1}
    rejected = [o for o in report.outcomes if o.status == "rejected"]
    assert rejected[0].path.endswith("cases.csv#row 3 <K3>")
    with Store.open(home.database) as store:
        articles = {a.record.title: a for a in store.iter_current()}
    assert set(articles) == {"Erlan Kaliyev", "Gulnar Omarova"}
    erlan = articles["Erlan Kaliyev"]
    assert erlan.record.paragraphs == (
        "Taken from his shop in Ghulja.",
        "His wife has not heard from him since.",
    )
    assert erlan.record.date == "2018-03"
    assert articles["Gulnar Omarova"].record.date == "2017-11-02"
    assert erlan.provenance.raw_sha256 == articles["Gulnar Omarova"].provenance.raw_sha256
    again = ingest(home, folder)
    assert again.counts["unchanged"] == 2 and again.counts["new"] == 0


def test_without_a_mapping_the_table_is_refused_saying_how_to_write_one(tmp_path, home):
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "cases.csv").write_text(CASES, encoding="utf-8")
    report = ingest(home, folder)
    assert report.counts["new"] == 0
    (outcome,) = [o for o in report.outcomes if o.status == "rejected"]
    assert "mapping" in outcome.reason and "case_id" in outcome.reason


def test_a_mapping_given_on_the_command_line(tmp_path, cli):
    folder = tmp_path / "cases"
    folder.mkdir()
    (folder / "export.csv").write_text(CASES, encoding="utf-8")
    (tmp_path / "cases.yaml").write_text(MAPPING, encoding="utf-8")
    home = tmp_path / "data"
    result = cli(
        "ingest", folder, "--mapping", tmp_path / "cases.yaml", "--source", "Case list", "--home", home
    )
    assert result.stdout == "2 new, 0 updated, 0 unchanged, 1 rejected, 0 skipped\n"
    listed = cli("search", "", "--home", home, "--json")
    import json

    hits = json.loads(listed.output)["hits"]
    assert sorted(h["title"] for h in hits) == ["Erlan Kaliyev", "Gulnar Omarova"]
    assert {h["source"] for h in hits} == {"Case list"}
    (tmp_path / "bad.yaml").write_text("title: [unclosed", encoding="utf-8")
    refused = cli("ingest", folder, "--mapping", tmp_path / "bad.yaml", "--home", home)
    assert refused.exit_code == 2 and "'--mapping'" in refused.output
