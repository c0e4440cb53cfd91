"""Chinese (and other unspaced scripts) are searchable by word and by exact run."""

from __future__ import annotations

import pytest

import index
from tests.conftest import ingest, write_article

CHINESE = (
    "新疆拘禁营的证词\n\n"
    "她说，她在拘禁营里被关了一年。拘禁营的条件很差。\n\n"
    "后来她离开了新疆，到了哈萨克斯坦。她再也没有回到拘禁营。"
)


@pytest.fixture
def cjk_home(tmp_path, home):
    folder = tmp_path / "zh"
    write_article(folder, "zh.txt", CHINESE, {"language": "zh", "source": "Test"})
    write_article(folder, "營.txt", "另一篇文章\n\n营地和拘留中心。禁止入内。", {"language": "zh"})
    write_article(
        folder, "en.txt", "Camps in Xinjiang\n\nThe Ust-Kamenogorsk court heard it.", {"language": "en"}
    )
    ingest(home, folder)
    return home


def titles(home, text):
    return {h.title for h in index.SearchIndex(home.index).search(text).hits}


@pytest.mark.parametrize(
    "query, expected",
    [
        ("拘禁营", {"新疆拘禁营的证词"}),
        ("拘禁", {"新疆拘禁营的证词"}),
        ("新疆", {"新疆拘禁营的证词"}),
        ('"拘禁营"', {"新疆拘禁营的证词"}),
        ("哈萨克斯坦", {"新疆拘禁营的证词"}),
        ("营地", {"另一篇文章"}),
        ("禁营拘", set()),  # the same characters in another order are another word
        ("拘留中心", {"另一篇文章"}),
        ("Ust-Kamenogorsk", {"Camps in Xinjiang"}),
        ("kamenogorsk", {"Camps in Xinjiang"}),
    ],
)
def test_unspaced_scripts_search_by_word_and_by_run(cjk_home, query, expected):
    assert titles(cjk_home, query) == expected


def test_a_chinese_run_is_marked_as_one_passage(cjk_home):
    hit = index.SearchIndex(cjk_home.index).search("拘禁营").hits[0]
    assert str(hit.snippet_html).count("<mark>拘禁营</mark>") == 3
    assert "<mark>拘</mark>" not in str(hit.snippet_html)
    assert str(hit.title_html) == "新疆<mark>拘禁营</mark>的证词"
