"""`archive ingest --source/--language/--tag/--date/--author`: metadata for a whole batch,
and the language detected when nobody gives one (recorded as detected, not given)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from archive.batch import BadBatchValue, batch_metadata
from archive.home import Home
from archive.store import Store
from tests.conftest import write_article
from tests.language_texts import EN, KK, RU, ZH, ZH_MORE

BATCH_FLAGS = (
    "--source",
    "Batch Source",
    "--language",
    "KK",
    "--tag",
    "batch one",
    "--tag",
    "batch two",
    "--date",
    "2019-10",
    "--author",
    "Batch Author",
)


def page(body: str, lang: str = "", site: str = "") -> str:
    """A saved web page of our own: the article's paragraphs and little else."""
    lang_attr = f' lang="{lang}"' if lang else ""
    site_meta = f'<meta property="og:site_name" content="{site}">' if site else ""
    paragraphs = "".join(
        f"<p>{part}</p>" for part in body.replace("。", "。\n").replace(". ", ".\n").split("\n")
    )
    return (
        f'<!DOCTYPE html>\n<html{lang_attr}><head><meta charset="utf-8"><title>Report</title>{site_meta}'
        f"</head><body><main><article><h1>Report</h1>{paragraphs}</article></main></body></html>"
    )


def ingest_json(cli, home: Path, *args) -> dict[str, str]:
    """Run `archive ingest --json`; return {file name: article id}."""
    result = cli("ingest", *args, "--home", home, "--json")
    assert result.exit_code == 0, result.output
    return {Path(f["path"]).name: f["id"] for f in json.loads(result.stdout)["files"]}


def shown(cli, home: Path, article_id: str) -> dict:
    result = cli("show", article_id, "--home", home, "--json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


FIELDS = ("source", "date", "language", "language_source", "tags", "authors")


def test_the_file_and_its_sidecar_win_over_the_batch_field_by_field(cli, tmp_path):
    folder = tmp_path / "in"
    write_article(
        folder,
        "sidecar.txt",
        f"Sidecar story\nby File Writer\n{EN}",
        {"source": "Sidecar Source", "date": "2018-05", "language": "en-GB", "tags": ["sidecar tag"]},
    )
    write_article(
        folder,
        "front.md",
        f"---\nsource: Front Source\ndate: '2017'\ntags: [front tag]\n---\n# Front story\n\n{RU}\n",
        {"tags": ["sidecar of front"]},
    )
    write_article(folder, "bare.txt", f"Bare story\nby Byline Writer\n{EN}")
    write_article(folder, "page.html", page(RU, lang="ru-RU", site="Page Site"))
    ids = ingest_json(cli, tmp_path / "data", folder, *BATCH_FLAGS)

    got = {name: {k: shown(cli, tmp_path / "data", ids[name])[k] for k in FIELDS} for name in ids}
    batch_tags = ["batch one", "batch two"]
    assert got == {
        # The sidecar's fields win; what it leaves out comes from the byline, then the batch.
        "sidecar.txt": {
            "source": "Sidecar Source",
            "date": "2018-05",
            "language": "en-GB",
            "language_source": "given",
            "tags": ["sidecar tag"],
            "authors": ["File Writer"],
        },
        # Its sidecar beats front matter, which beats the batch; the batch's language beats
        # detection (the text is Russian).
        "front.md": {
            "source": "Front Source",
            "date": "2017",
            "language": "kk",
            "language_source": "given",
            "tags": ["sidecar of front"],
            "authors": ["Batch Author"],
        },
        "bare.txt": {
            "source": "Batch Source",
            "date": "2019-10",
            "language": "kk",
            "language_source": "given",
            "tags": batch_tags,
            "authors": ["Byline Writer"],
        },
        # A page's own declarations (<html lang>, og:site_name) are the file's metadata.
        "page.html": {
            "source": "Page Site",
            "date": "2019-10",
            "language": "ru",
            "language_source": "given",
            "tags": batch_tags,
            "authors": ["Batch Author"],
        },
    }


def test_a_language_nobody_gives_is_detected_and_marked_so(cli, tmp_path):
    folder = tmp_path / "in"
    write_article(folder, "en.txt", f"Families testify\n{EN}")
    write_article(folder, "ru.txt", f"Семьи дают показания\n{RU}")
    write_article(folder, "kk.txt", f"Отбасылар куәлік береді\n{KK}")
    write_article(folder, "zh.txt", f"家属作证\n{ZH}")
    write_article(folder, "zh-page.html", page(ZH + ZH_MORE))  # no lang declared
    write_article(folder, "short.txt", "Note\nSee the list above.")
    write_article(folder, "given.txt", f"Families testify again\n{EN}", {"language": "en"})
    home = Home(tmp_path / "data")
    ids = ingest_json(cli, home.root, folder)

    got = {
        name: (shown(cli, home.root, i)["language"], shown(cli, home.root, i)["language_source"])
        for name, i in ids.items()
    }
    assert got == {
        "en.txt": ("en", "detected"),
        "ru.txt": ("ru", "detected"),
        "kk.txt": ("kk", "detected"),
        "zh.txt": ("zh", "detected"),
        "zh-page.html": ("zh", "detected"),
        "short.txt": ("", None),
        "given.txt": ("en", "given"),
    }
    with Store.open(home.database, readonly=True) as store:  # "not detected" is stored as such too
        assert store.get(ids["short.txt"]).record.language_detected is False
        assert store.get(ids["kk.txt"]).record.language_detected is True
    # A detected language is a language like any other for search and its facet.
    found = json.loads(cli("search", "--filter", "language=zh", "--home", home.root, "--json").stdout)
    assert sorted(hit["id"] for hit in found["hits"]) == sorted([ids["zh.txt"], ids["zh-page.html"]])
    everything = json.loads(cli("search", "--home", home.root, "--json").stdout)
    facet = {f["value"]: f["count"] for f in everything["facets"]["language"]}
    assert facet == {"en": 2, "ru": 1, "kk": 1, "zh": 2}


@pytest.mark.parametrize(
    "flag, value, says",
    [
        ("--date", "2020-13", "'2020-13' has month 13"),
        ("--date", "9999-12-31", "is in the future"),
        ("--date", "last week", "is not written that way"),
        ("--language", "xx-bogus", "'xx' in 'xx-bogus' is not an ISO 639 language code"),
        ("--language", "und", "names no language"),
    ],
)
def test_a_bad_flag_is_a_usage_error_naming_it_before_any_file_is_read(cli, tmp_path, flag, value, says):
    write_article(tmp_path / "in", "a.txt", f"Title\n{EN}")
    home = tmp_path / "data"
    result = cli("ingest", tmp_path / "in", tmp_path / "missing.txt", "--home", home, flag, value)
    assert result.exit_code == 2
    assert f"Invalid value for '{flag}'" in result.output and says in result.output
    assert "missing.txt" not in result.output  # no file was looked at
    assert not home.exists()  # nothing was written
    assert "Traceback" not in result.output


def test_batch_values_come_out_in_standard_form():
    meta = batch_metadata(
        source="  Radio   Azattyq ",
        language="kaz",
        date_text="2019-10-14T08:00:00Z",
        tags=["camps", "camps", " courts "],
        authors=["Roe, Jane"],
    )
    assert (meta.source, meta.language, meta.date) == ("Radio Azattyq", "kk", "2019-10-14")
    assert meta.tags == ("camps", "courts")
    assert meta.authors == ("Roe, Jane",)  # one author, never split at the comma
    with pytest.raises(BadBatchValue) as caught:
        batch_metadata(date_text="2020-02-30")
    assert caught.value.flag == "--date" and "2020-02 has 29 days" in str(caught.value)
