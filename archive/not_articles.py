"""Files that come with a folder of material but are not articles in it.

A folder copied from a repository, a download or a colleague's disk carries its LICENSE,
README, checksum lists and operating-system litter. Archived as articles they would be
searched, counted and cited as testimony (a LICENSE was). When a folder is ingested,
these names are skipped and counted instead; a file named on the command line is always
tried, so nothing is ever unreachable. Names that could as well be an article's
("notice.txt", "history.md") are skipped only in their conventional upper case.
"""

from __future__ import annotations

_LICENCE = "a licence file, not an article"
_README = "a README, not an article"
_CHANGES = "a change log, not an article"
_CHECKSUMS = "a checksum list, not an article"
_SYSTEM = "a file the operating system keeps about the folder"

# Stems (the name before its first dot), compared case-insensitively.
_ANY_CASE = {
    "license": _LICENCE,
    "licence": _LICENCE,
    "unlicense": _LICENCE,
    "copying": _LICENCE,
    "changelog": _CHANGES,
    "md5sums": _CHECKSUMS,
    "sha1sums": _CHECKSUMS,
    "sha256sums": _CHECKSUMS,
    "sha512sums": _CHECKSUMS,
    "b2sums": _CHECKSUMS,
    "checksums": _CHECKSUMS,
}
# Stems skipped only as conventionally written, in capitals.
_UPPER_CASE = {
    "NOTICE": "a licence notice, not an article",
    "COPYRIGHT": _LICENCE,
    "AUTHORS": "a list of a project's authors, not an article",
    "CONTRIBUTORS": "a list of a project's contributors, not an article",
    "CHANGES": _CHANGES,
    "HISTORY": _CHANGES,
}
_SUFFIXES = {
    "md5": _CHECKSUMS,
    "sha1": _CHECKSUMS,
    "sha256": _CHECKSUMS,
    "sha512": _CHECKSUMS,
    "md5sum": _CHECKSUMS,
    "sha256sum": _CHECKSUMS,
    "sig": "a signature file, not an article",
    "readme": _README,
}
_SYSTEM_NAMES = {"thumbs.db", "ehthumbs.db", "desktop.ini", "icon\r"}
_SYSTEM_FOLDERS = {"__macosx": "a folder of macOS resource forks (not looked into)"}


def why_not_an_article(name: str) -> str:
    """Why a file found in a folder is skipped, or "" when it may be an article."""
    if name.startswith("."):
        return "a hidden file"
    lowered = name.lower()
    if lowered in _SYSTEM_NAMES:
        return _SYSTEM
    stem = name.split(".", 1)[0]
    if lowered.startswith("readme"):
        return _README
    if lowered.startswith(("license-", "licence-")):  # LICENSE-MIT, LICENSE-APACHE
        return _LICENCE
    if reason := _ANY_CASE.get(stem.lower()) or _UPPER_CASE.get(stem):
        return reason
    if lowered.endswith((".mapping.yaml", ".mapping.yml", ".mapping.json")):
        return "the mapping of a table of records beside it, not an article"
    return _SUFFIXES.get(lowered.rsplit(".", 1)[1], "") if "." in lowered else ""


def why_not_looked_into(name: str) -> str:
    """Why a folder found inside a folder is not searched for articles, or ""."""
    if name.startswith("."):
        return "a hidden folder (not looked into)"
    return _SYSTEM_FOLDERS.get(name.lower(), "")
