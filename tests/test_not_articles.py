"""Which names in a folder are not articles: a table of names a researcher's folders hold."""

import pytest

from archive.not_articles import why_not_an_article, why_not_looked_into


@pytest.mark.parametrize(
    "name, reason",
    [
        ("LICENSE", "a licence file, not an article"),
        ("license.txt", "a licence file, not an article"),
        ("LICENCE.md", "a licence file, not an article"),
        ("LICENSE-MIT", "a licence file, not an article"),
        ("COPYING", "a licence file, not an article"),
        ("NOTICE", "a licence notice, not an article"),
        ("README", "a README, not an article"),
        ("readme.txt", "a README, not an article"),
        ("README.zh-CN.md", "a README, not an article"),
        ("cranqrel.readme", "a README, not an article"),
        ("CHANGELOG.md", "a change log, not an article"),
        ("CHANGES", "a change log, not an article"),
        ("SHA256SUMS", "a checksum list, not an article"),
        ("MD5SUMS", "a checksum list, not an article"),
        ("crawl.warc.gz.sha256", "a checksum list, not an article"),
        ("statement.txt.md5", "a checksum list, not an article"),
        ("AUTHORS", "a list of a project's authors, not an article"),
        (".DS_Store", "a hidden file"),
        (".hidden-draft.txt", "a hidden file"),
        ("Thumbs.db", "a file the operating system keeps about the folder"),
        ("desktop.ini", "a file the operating system keeps about the folder"),
        ("cases.csv.mapping.yaml", "the mapping of a table of records beside it, not an article"),
        ("export.ndjson.mapping.json", "the mapping of a table of records beside it, not an article"),
    ],
)
def test_clutter_is_named(name, reason):
    assert why_not_an_article(name) == reason


@pytest.mark.parametrize(
    "name",
    [
        "witness.txt",
        "notice.txt",  # a notice of detention is evidence; only NOTICE in capitals is skipped
        "history.md",
        "authors-of-the-letter.txt",
        "licensed-lawyers.txt",
        "营地的报道.txt",
        "Лагерь.md",
        "2019-10-14",
        "cases.csv",
        "mapping.yaml",  # only NAME.mapping.yaml sits beside a data file
    ],
)
def test_names_an_article_may_have_are_kept(name):
    assert why_not_an_article(name) == ""


@pytest.mark.parametrize(
    "name, reason",
    [
        (".git", "a hidden folder (not looked into)"),
        ("__MACOSX", "a folder of macOS resource forks (not looked into)"),
        ("2019", ""),
        ("readme", ""),  # a folder is searched whatever its name; only its files are judged
    ],
)
def test_folders_not_looked_into(name, reason):
    assert why_not_looked_into(name) == reason
