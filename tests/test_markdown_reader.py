"""The Markdown reader: markup removed, wording kept, the Source line taken as the URL."""

from __future__ import annotations

import pytest

from archive.blobs import BlobStore
from archive.errors import Rejected
from archive.ingest import ingest_paths
from archive.readers import parse
from archive.store import Store
from tests.conftest import SEEDS, write_article

# A republished article in the shape researchers keep: heading, bold standfirst, a rule,
# an image with a caption, links, a bold subhead, and the source after the last rule.
REPUBLISHED = """\
# ‘They took my brother’: families of detainees speak

**Relatives in Almaty describe the calls that stopped in 2018**

---

![A family photograph](https://img.example.org/photos/family.jpg)
> Gulnar holds a photograph of her brother. Photograph: Example Agency

ALMATY – Gulnar’s brother was a *teacher* in Ghulja. “He called every Friday,” she said, “and then the calls stopped.”

She went to the [consulate](https://example.org/consulate) twice, and wrote to the **procuracy** in Urumqi.

**Waiting for an answer**

No answer came. Her neighbour’s son, a driver, has not been heard from either.

---

Source: https://news.example.org/2019/10/families-speak

*Mirrored so that it can be shared.*
"""

RUSSIAN = """\
## Свидетельство из лагеря

by Айгуль Нурланова

Original: https://ru.example.org/svidetelstvo

Нас будили в шесть утра. «Учите язык», — говорили охранники.

Мы пели песни __каждый день__ и писали признания.
"""

CHINESE_WITH_FRONT_MATTER = """\
---
source: 纽约时报中文网
date: 2019-11-16
language: zh
url: https://cn.example.org/front-matter-wins
---
# 泄露文件

Source: https://cn.example.org/loses-to-the-front-matter

香港——学生们买好了回家的票。

他们被告知，亲戚们已经“失踪”了。
"""


def _body(parsed) -> str:
    return "\n".join(parsed.paragraphs)


def test_republished_article_loses_its_markup_and_keeps_its_wording():
    reader, parsed = parse("families.md", REPUBLISHED.encode())
    assert reader.NAME == "markdown"
    assert parsed.title == "‘They took my brother’: families of detainees speak"
    assert parsed.standfirst == "Relatives in Almaty describe the calls that stopped in 2018"
    assert parsed.paragraphs == (
        "Gulnar holds a photograph of her brother. Photograph: Example Agency",
        "ALMATY – Gulnar’s brother was a teacher in Ghulja. “He called every Friday,” she said, "
        "“and then the calls stopped.”",
        "She went to the consulate twice, and wrote to the procuracy in Urumqi.",
        "Waiting for an answer",
        "No answer came. Her neighbour’s son, a driver, has not been heard from either.",
        "Mirrored so that it can be shared.",
    )
    for markup in ("**", "---", "![", "](", "https://", "*teacher*", "> "):
        assert markup not in _body(parsed) + parsed.title + parsed.standfirst, markup
    assert parsed.embedded is not None
    assert parsed.embedded.url == "https://news.example.org/2019/10/families-speak"


def test_leading_original_line_and_byline_in_cyrillic():
    _, parsed = parse("svidetelstvo.markdown", RUSSIAN.encode())
    assert parsed.title == "Свидетельство из лагеря"
    assert parsed.authors == ("Айгуль Нурланова",)
    assert parsed.embedded.url == "https://ru.example.org/svidetelstvo"
    assert parsed.paragraphs == (
        "Нас будили в шесть утра. «Учите язык», — говорили охранники.",
        "Мы пели песни каждый день и писали признания.",
    )


def test_front_matter_is_metadata_and_its_url_beats_the_source_line():
    _, parsed = parse("leak.md", CHINESE_WITH_FRONT_MATTER.encode())
    assert parsed.title == "泄露文件"
    assert parsed.embedded.url == "https://cn.example.org/front-matter-wins"
    assert (parsed.embedded.source, parsed.embedded.date, parsed.embedded.language) == (
        "纽约时报中文网",
        "2019-11-16",
        "zh",
    )
    assert parsed.paragraphs == ("香港——学生们买好了回家的票。", "他们被告知，亲戚们已经“失踪”了。")


def test_source_line_in_the_middle_of_the_article_stays_text():
    text = "# Title\n\nOne.\n\nTwo.\n\nThree.\n\nSource: https://a.example.org/x\n\nFour.\n"
    _, parsed = parse("a.md", text.encode())
    assert "Source: https://a.example.org/x" in parsed.paragraphs
    assert parsed.embedded is None


def test_source_given_as_a_markdown_link_keeps_the_target():
    text = "# Title\n\nSource: [The Guardian](https://www.example.com/world/2019/story)\n\nBody text.\n"
    _, parsed = parse("a.md", text.encode())
    assert parsed.embedded.url == "https://www.example.com/world/2019/story"
    assert parsed.paragraphs == ("Body text.",)


def test_lists_code_and_inline_html_become_plain_paragraphs():
    text = (
        "# Names\n\nThose named:\n\n- Kaster *Musakhan*\n- Murager <b>Alimuly</b>\n\n"
        "```\nraw   notes\n```\n\n<div class='note'>A <i>boxed</i> note</div>\n"
    )
    _, parsed = parse("names.md", text.encode())
    assert parsed.paragraphs == (
        "Those named:",
        "Kaster Musakhan",
        "Murager Alimuly",
        "raw notes",
        "A boxed note",
    )


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("a.md", "# Title\nplain body", "markdown"),
        ("a.markdown", "Title\nplain body", "markdown"),
        # Seed-shaped plain text stays with the plain-text reader, even with a "#" title.
        ("a.txt", "Title\nby Jane Roe\nBody.", "plaintext"),
        ("a.txt", "# Title\nby Jane Roe\nBody.", "plaintext"),
        ("notes", "A note about **Almaty**.", "plaintext"),
        # Text that is clearly Markdown is Markdown whatever its name.
        ("a.txt", "# Title\n\nSee the [report](https://example.org/r) for **details**.", "markdown"),
        ("notes", "**Bold** lead\n\n---\n\nBody", "markdown"),
    ],
)
def test_markdown_is_chosen_by_name_or_by_clear_markup(name, text, expected):
    reader, _ = parse(name, text.encode())
    assert reader.NAME == expected


def test_markup_only_file_is_rejected_with_a_reason():
    with pytest.raises(Rejected, match="only markup"):
        parse("empty.md", b"---\n\n![x](https://example.org/x.png)\n\n***\n")


def test_long_first_paragraph_without_a_title_is_rejected():
    with pytest.raises(Rejected, match="'# Title' heading"):
        parse("wall.md", ("word " * 200).encode())


def test_ingested_markdown_is_stored_clean_with_its_url(tmp_path, home):
    folder = tmp_path / "inbox"
    write_article(folder, "families.md", REPUBLISHED)
    write_article(
        folder, "svidetelstvo.md", RUSSIAN, sidecar={"source": "Example Russian Service", "language": "ru"}
    )
    with Store.open(home.database, create=True) as store:
        report = ingest_paths([folder, SEEDS], store, BlobStore(home.originals))
        assert report.counts["new"] == 3, report.outcomes
        by_name = {o.path.rsplit("/", 1)[-1]: store.get(o.id) for o in report.outcomes}
    families = by_name["families.md"]
    assert families.record.url == "https://news.example.org/2019/10/families-speak"
    assert families.record.standfirst == "Relatives in Almaty describe the calls that stopped in 2018"
    assert "**" not in families.record.body and "![" not in families.record.body
    assert families.provenance.parser == "markdown/1"
    russian = by_name["svidetelstvo.md"]
    assert (russian.record.source, russian.record.language) == ("Example Russian Service", "ru")
    assert russian.record.url == "https://ru.example.org/svidetelstvo"
    assert russian.record.authors == ("Айгуль Нурланова",)
    seed = by_name["000_fdb5cd3d6fd92abd.txt"]
    assert seed.provenance.parser == "plaintext/1"
