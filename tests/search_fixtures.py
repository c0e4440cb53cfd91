"""A small archive of our own for suggestions, related articles and the help page.

Nine public articles (English, Kazakh Cyrillic, Chinese; dated and undated; several
sources) and one restricted article that shares their words and has a word of its own
(Zhanaozen) that nothing public contains: it must never show up anywhere.
"""

from __future__ import annotations

from pathlib import Path

from archive.home import Home
from archive.store import Store
from tests.conftest import ingest, write_article

ARTICLES = {
    "asylum": (
        "Kazakhstan grants asylum to a camp survivor\n"
        "A teacher who fled Xinjiang may stay with her family\n"
        "by Leila Adilzhan\n\n"
        "Sayragul Sauytbay, who taught in a camp in Xinjiang, was granted asylum in Kazakhstan.\n\n"
        "Other refugees from the camps are still waiting.\n\n"
        "The court in Almaty heard her testimony about the camp.",
        {"source": "Bitter Winter", "date": "2019-10-14", "tags": ["asylum"], "authors": ["Leila Adilzhan"]},
    ),
    "court": (
        "Sauytbay testifies in Almaty court\n\n"
        "Sayragul Sauytbay told the Almaty court that the camp held thousands of detainees.\n\n"
        "Kazakhstan did not return her to China; the detainees' relatives waited outside.",
        {
            "source": "Radio Azattyq",
            "date": "2020-03-02",
            "tags": ["asylum", "camps"],
            "authors": ["Aigerim Tokayeva"],
        },
    ),
    "atajurt": (
        "Atajurt volunteers record testimonies\n\n"
        "In Almaty, Serikzhan Bilash and the Atajurt volunteers recorded testimonies of relatives.\n\n"
        "Each testimony names a detainee held in a camp in Xinjiang; Kazakhstan questioned the volunteers.\n\n"
        "\u201cThe volunteers record every name,\u201d said Serikzhan Bilash.",
        {
            "source": "Radio Azattyq",
            "date": "2019-12",
            "tags": ["testimonies"],
            "authors": ["Aigerim Tokayeva"],
        },
    ),
    "harvest": (
        "Cotton harvest figures published\n\n"
        "The ministry published cotton harvest figures for the southern provinces.\n\n"
        "Farmers reported the harvest was late because of the rains.",
        {"source": "Farm Weekly", "date": "2021-09-30", "tags": ["agriculture"]},
    ),
    "undated": (
        "Letters from relatives\n\n"
        "Relatives in Almaty wrote letters asking where the detainees were held.\n\n"
        "The letters were collected by volunteers.",
        {"source": "Bitter Winter", "tags": ["testimonies"]},
    ),
    "kazakh": (
        "Сайрагүл Сауытбай сотта сөйледі\n\n"
        "Сайрагүл Сауытбай Алматы сотында лагерь туралы айтты.\n\n"
        "Қазақстан оны Қытайға қайтармады.",
        {"source": "Azattyq Kazakh", "date": "2019-07-15", "language": "kk", "tags": ["asylum"]},
    ),
    "chinese": (
        "新疆拘禁营的证词\n\n"
        "她说，她在拘禁营里被关了一年。拘禁营的条件很差。\n\n"
        "后来她离开了新疆，到了哈萨克斯坦。",
        {"source": "Test Chinese", "date": "2020-06-01", "language": "zh", "tags": ["camps"]},
    ),
    "chinese2": (
        "新疆的营地\n\n拘禁营里有很多人。他们的家人在哈萨克斯坦等待消息。",
        {"source": "Test Chinese", "language": "zh"},
    ),
    "russian": (
        "Суд в Алматы выслушал Сайрагүл Сауытбай\n\nСайрагүл Сауытбай рассказала суду о лагере в Синьцзяне.",
        {"source": "Azattyq Russian", "date": "2019-07-16", "language": "ru"},
    ),
    "restricted": (
        "Witness from Zhanaozen seeks asylum in Kazakhstan\n\n"
        "A witness from Zhanaozen, held in a camp in Xinjiang, asked Kazakhstan for asylum in Almaty.\n\n"
        "Sayragul Sauytbay's testimony in the Almaty court was cited by the witness.",
        {"source": "Bitter Winter", "date": "2020-01-10", "tags": ["asylum"], "visibility": "restricted"},
    ),
}


def build(folder: Path) -> tuple[Home, dict[str, str]]:
    """Ingest ARTICLES into a new home under `folder`; return it and name -> article id."""
    files = folder / "files"
    for name, (text, sidecar) in ARTICLES.items():
        write_article(files, f"{name}.txt", text, {"language": "en", **sidecar})
    home = Home(folder / "data")
    ingest(home, files)
    ids = {}
    with Store.open(home.database, readonly=True) as store:
        for article in store.iter_current():
            ids[Path(article.provenance.original_name).stem] = article.id
    assert set(ids) == set(ARTICLES), ids
    return home, ids
