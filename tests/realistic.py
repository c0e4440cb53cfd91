"""A small archive that looks like a real one, written by the tests themselves.

The seed article alone is too kind a fixture: it has no date, one source, one author and
one language, so a wrong sort order, a wrong facet count or a leaked restricted article
can all pass on it. These ten short articles (our own wording, no third-party text) mix:

- dates at every precision (YYYY, YYYY-MM, YYYY-MM-DD) and no date at all;
- three sources, several authors (one shared by two articles), several tags;
- English, Russian (Cyrillic), Chinese and Kazakh (Cyrillic) text;
- metadata from JSON sidecars, from Markdown front matter, and from both at once
  (where the sidecar must win field by field and front matter fills the rest);
- one restricted article whose only distinctive word, RESTRICTED_WORD, appears in no
  other article, so any count or search that includes it is a leak.

Expected values in tests are written from this table, never recomputed by the code
under test.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path

RESTRICTED_WORD = "Qyzylzhar"  # appears only in the restricted article
SHARED_WORD = "caravan"  # appears in exactly three public articles (en, en, md)


@dataclass(frozen=True)
class Article:
    name: str  # file name inside its folder
    folder: str  # sub-folder of the archive root (identity falls back to folder/name)
    text: str
    sidecar: dict | None = None
    # What the archive must make of it (the test's expectations, written by hand).
    title: str = ""
    source: str = ""
    date: str = ""
    language: str = ""
    authors: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    public: bool = True
    extra: dict = field(default_factory=dict)


ARTICLES: tuple[Article, ...] = (
    Article(
        name="2019-10-14-border-post.txt",
        folder="steppe",
        text=(
            "Families wait at the Khorgos border post\n"
            "Relatives of detained men queue for news that rarely comes.\n"
            "by Aigerim Nurlanova and Daniel Crofton\n"
            "\n"
            "Every Tuesday a caravan of relatives drives to the border post at Khorgos.\n"
            "\n"
            "“We bring the documents again and again,” said one mother, holding a folder of letters.\n"
        ),
        sidecar={
            "source": "Steppe Herald",
            "url": "https://steppe-herald.example/2019/10/khorgos-border-post/",
            "date": "2019-10-14",
            "language": "en",
            "tags": ["border", "families"],
        },
        title="Families wait at the Khorgos border post",
        source="Steppe Herald",
        date="2019-10-14",
        language="en",
        authors=("Aigerim Nurlanova", "Daniel Crofton"),
        tags=("border", "families"),
    ),
    Article(
        name="2019-winter-report.md",
        folder="steppe",
        text=(
            "---\n"
            "title: A winter of waiting\n"
            "source: Draft source that the sidecar replaces\n"
            "date: 2019\n"
            "language: en\n"
            "authors: [Daniel Crofton]\n"
            "tags: [winter, families]\n"
            "---\n"
            "# A heading the front matter title replaces\n"
            "\n"
            "The winter report counts the families who asked about relatives.\n"
            "\n"
            "Most had travelled with a caravan of neighbours from the villages near Zharkent.\n"
        ),
        sidecar={"source": "Steppe Herald", "tags": ["report"]},
        title="A winter of waiting",
        source="Steppe Herald",  # the sidecar wins over front matter ...
        date="2019",  # ... and front matter fills what the sidecar leaves out
        language="en",
        authors=("Daniel Crofton",),
        tags=("report",),
    ),
    Article(
        name="moscow-hearing.txt",
        folder="vecherniy",
        text=(
            "Слушания в Москве: свидетели говорят о лагерях\n"
            "by Мария Соколова\n"
            "\n"
            "Три свидетеля рассказали о лагерях в Синьцзяне.\n"
            "\n"
            "«Нас заставляли учить песни», — сказала одна из них.\n"
        ),
        sidecar={"source": "Вечерний Алматы", "date": "2020-06", "language": "ru", "tags": ["лагеря"]},
        title="Слушания в Москве: свидетели говорят о лагерях",
        source="Вечерний Алматы",
        date="2020-06",
        language="ru",
        authors=("Мария Соколова",),
        tags=("лагеря",),
    ),
    Article(
        name="urumqi-letter.txt",
        folder="openborder",
        text=("乌鲁木齐来信\n\n她在信中写道：我们每天都在等待消息。\n\n这封信是二〇二一年三月寄出的。\n"),
        sidecar={"source": "Open Border Review", "date": "2021-03-02", "language": "zh"},
        title="乌鲁木齐来信",
        source="Open Border Review",
        date="2021-03-02",
        language="zh",
    ),
    Article(
        name="almaty-kk.txt",
        folder="vecherniy",
        text=(
            "Алматыдағы куәлер\n"
            "by Айгерім Нұрланова\n"
            "\n"
            "Куәлер лагерьлер туралы айтып берді.\n"
            "\n"
            "Олар туыстарын іздеп жүр.\n"
        ),
        sidecar={"source": "Вечерний Алматы", "date": "2018-11-30", "language": "kk"},
        title="Алматыдағы куәлер",
        source="Вечерний Алматы",
        date="2018-11-30",
        language="kk",
        authors=("Айгерім Нұрланова",),
    ),
    Article(
        name="undated-interview.txt",
        folder="openborder",
        text=(
            "An interview without a date\n"
            "by Daniel Crofton\n"
            "\n"
            "The recording was made in a kitchen; nobody noted the day.\n"
            "\n"
            "He spoke about the caravan that took him across the pass.\n"
        ),
        sidecar={"source": "Open Border Review", "language": "en", "tags": ["interview"]},
        title="An interview without a date",
        source="Open Border Review",
        language="en",
        authors=("Daniel Crofton",),
        tags=("interview",),
    ),
    Article(
        name="teachers.txt",
        folder="openborder",
        text=(
            "Teachers who vanished\n"
            "by Aigerim Nurlanova\n"
            "\n"
            "Two teachers from Ghulja have not been heard from since spring.\n"
        ),
        sidecar={
            "source": "Open Border Review",
            "date": "2020-06-15",
            "language": "en",
            "tags": ["teachers"],
        },
        title="Teachers who vanished",
        source="Open Border Review",
        date="2020-06-15",
        language="en",
        authors=("Aigerim Nurlanova",),
        tags=("teachers",),
    ),
    Article(
        name="herders-2018.txt",
        folder="steppe",
        text=("Herders return to the valley\n\nThe herders came back in autumn with fewer animals.\n"),
        sidecar={"source": "Steppe Herald", "date": "2018", "language": "en", "key": "steppe-herders-2018"},
        title="Herders return to the valley",
        source="Steppe Herald",
        date="2018",
        language="en",
    ),
    Article(
        name="unnamed-witness.md",
        folder="steppe",
        # Restricted in its front matter; the sidecar adds a source but says nothing about
        # visibility, and must not make it public.
        text=(
            "---\n"
            "visibility: restricted\n"
            "date: 2020-01-20\n"
            "language: en\n"
            "---\n"
            "Witness statement, not for publication\n"
            "\n"
            f"The witness described the compound at {RESTRICTED_WORD} and named two guards.\n"
        ),
        sidecar={"source": "Steppe Herald"},
        title="Witness statement, not for publication",
        source="Steppe Herald",
        date="2020-01-20",
        language="en",
        public=False,
    ),
    Article(
        name="market-day.txt",
        folder="vecherniy",
        text=(
            "Market day in Zharkent\n"
            "by Мария Соколова and Aigerim Nurlanova\n"
            "\n"
            "Traders spoke quietly about cousins who had not come back.\n"
        ),
        sidecar={"source": "Вечерний Алматы", "date": "2021", "language": "en"},
        title="Market day in Zharkent",
        source="Вечерний Алматы",
        date="2021",
        language="en",
        authors=("Мария Соколова", "Aigerim Nurlanova"),
    ),
)

PUBLIC = tuple(a for a in ARTICLES if a.public)
RESTRICTED = tuple(a for a in ARTICLES if not a.public)


def write_archive(root: Path) -> Path:
    """Write every article (and its sidecar) under root/<folder>/; return root."""
    for article in ARTICLES:
        folder = root / article.folder
        folder.mkdir(parents=True, exist_ok=True)
        path = folder / article.name
        path.write_text(article.text, encoding="utf-8")
        if article.sidecar is not None:
            path.with_suffix(".json").write_text(
                json.dumps(article.sidecar, ensure_ascii=False, indent=2), encoding="utf-8"
            )
    return root


def by_title(title: str) -> Article:
    return next(a for a in ARTICLES if a.title == title)
