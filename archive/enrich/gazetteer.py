"""The gazetteer: known people, places and organisations with their aliases in every script.

It ships as plain YAML files beside this module (gazetteer/places.yaml, organisations.yaml,
people.yaml) so researchers can read and correct it without code, and extends from folders
of their own YAML or CSV files. A name is matched by the key sequence of its words
(archive/variants.py), so "Sairagul Sauytbay" in one article and "Сайрагүл Сауытбай" in
another are the same entry. A bad file or entry is reported in `problems`, one line each,
and the rest is still loaded.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import NamedTuple

import yaml

from archive.enrich._text import CJK, Token, capitalized, joined, keys_of

TYPES = ("person", "place", "org")
# What a file or a top-level key may call a type.
_TYPE_WORDS = {
    "person": "person", "people": "person", "persons": "person",
    "place": "place", "places": "place",
    "org": "org", "orgs": "org", "organisation": "org", "organisations": "org",
    "organization": "org", "organizations": "org",
}  # fmt: skip
_SUFFIXES = (".yaml", ".yml", ".csv")


@dataclass(frozen=True)
class Entry:
    """One known person, place or organisation."""

    type: str
    name: str
    aliases: tuple[str, ...] = ()


class Match(NamedTuple):
    """A gazetteer name found in a text: offsets, the entry, and the words it covers."""

    start: int
    end: int
    entry: Entry
    first: int  # index of the first token covered; -1 for a match inside Chinese text
    last: int  # index after the last token covered


@dataclass(frozen=True)
class Gazetteer:
    entries: tuple[Entry, ...]
    problems: tuple[str, ...] = ()

    @classmethod
    def load(cls, *extra_dirs: str | Path) -> Gazetteer:
        """The shipped gazetteer extended by the YAML/CSV files in each folder given."""
        problems: list[str] = []
        entries: list[Entry] = []
        shipped = resources.files("archive.enrich") / "gazetteer"
        for item in sorted(shipped.iterdir(), key=lambda p: p.name):
            if item.name.endswith(_SUFFIXES):
                entries += _read(item.name, item.read_text(encoding="utf-8"), problems)
        for folder in extra_dirs:
            folder = Path(folder)
            if not folder.is_dir():
                problems.append(f"{folder}: gazetteer folder not found")
                continue
            for path in sorted(folder.rglob("*")):
                if path.suffix.lower() in _SUFFIXES and not path.name.startswith("."):
                    try:
                        text = path.read_text(encoding="utf-8-sig")
                    except (OSError, UnicodeDecodeError) as error:
                        problems.append(f"{path}: cannot be read as UTF-8 text ({error})")
                        continue
                    entries += _read(str(path), text, problems)
        return cls(merge(entries), tuple(problems))

    @cached_property
    def digest(self) -> str:
        """A stable hash of the content, stamped on enrichment so stale results are known."""
        data = [[e.type, e.name, list(e.aliases)] for e in self.entries]
        return hashlib.sha256(json.dumps(data, ensure_ascii=False).encode()).hexdigest()[:16]

    @cached_property
    def _index(self) -> tuple[dict[str, list[tuple[tuple[str, ...], Entry]]], re.Pattern | None, dict]:
        """First word key -> (key sequence, entry), longest first; and a matcher for Chinese."""
        owners: dict[tuple[str, ...], set[int]] = {}
        cjk: dict[str, set[int]] = {}
        for number, entry in enumerate(self.entries):
            for form in (entry.name, *entry.aliases):
                if CJK.search(form):
                    cjk.setdefault(form, set()).add(number)
                elif keys := keys_of(form):
                    owners.setdefault(keys, set()).add(number)
        # A spelling shared by two entries names neither for sure: it matches nothing.
        by_first: dict[str, list[tuple[tuple[str, ...], Entry]]] = {}
        for keys, numbers in owners.items():
            if len(numbers) == 1:
                by_first.setdefault(keys[0], []).append((keys, self.entries[numbers.pop()]))
        for candidates in by_first.values():
            candidates.sort(key=lambda item: -len(item[0]))
        cjk_map = {form: self.entries[n.pop()] for form, n in cjk.items() if len(n) == 1}
        forms = sorted(cjk_map, key=len, reverse=True)
        pattern = re.compile("|".join(map(re.escape, forms))) if forms else None
        return by_first, pattern, cjk_map

    def ambiguous(self) -> list[str]:
        """Spellings shared by two entries (which therefore match neither): for checking data."""
        seen: dict[tuple[str, ...], dict[str, str]] = {}
        for entry in self.entries:
            for form in (entry.name, *entry.aliases):
                if not CJK.search(form):
                    seen.setdefault(keys_of(form), {})[f"{entry.type} {entry.name}"] = form
        return [
            " = ".join(f"{form} ({owner})" for owner, form in sorted(owners.items()))
            for owners in seen.values()
            if len(owners) > 1
        ]

    def match(self, text: str, tokens: Sequence[Token]) -> list[Match]:
        """Every gazetteer name in a text, longest first, never overlapping."""
        by_first, cjk_pattern, cjk_map = self._index
        found: list[Match] = []
        i, n = 0, len(tokens)
        while i < n:
            token = tokens[i]
            hit = None
            if capitalized(token.word) and not CJK.search(token.word):
                for keys, entry in by_first.get(token.key, ()):
                    size = len(keys)
                    if i + size <= n and all(
                        tokens[i + k].key == keys[k] and joined(text, tokens[i + k - 1], tokens[i + k])
                        for k in range(1, size)
                    ):
                        hit = Match(token.start, tokens[i + size - 1].end, entry, i, i + size)
                        break
            if hit:
                found.append(hit)
                i = hit.last
            else:
                i += 1
        if cjk_pattern is not None and CJK.search(text):
            for m in cjk_pattern.finditer(text):
                found.append(Match(m.start(), m.end(), cjk_map[m.group()], -1, -1))
            found.sort()
        return found


def merge(entries: Iterable[Entry]) -> tuple[Entry, ...]:
    """Entries in order, a later entry of the same type and name adding its aliases."""
    merged: dict[tuple[str, tuple[str, ...]], Entry] = {}
    for entry in entries:
        key = (entry.type, keys_of(entry.name))
        if key in merged:
            old = merged[key]
            aliases = tuple(dict.fromkeys((*old.aliases, *entry.aliases)))
            merged[key] = Entry(old.type, old.name, tuple(a for a in aliases if a != old.name))
        else:
            merged[key] = entry
    return tuple(merged.values())


def _read(source: str, text: str, problems: list[str]) -> list[Entry]:
    """The entries of one YAML or CSV file; each bad entry becomes one line in `problems`."""
    file_type = _type_from_name(Path(source).stem)
    if source.lower().endswith(".csv"):
        rows = list(csv.DictReader(io.StringIO(text)))
        items: list[tuple[str, object]] = []
        for row in rows:
            row = {(k or "").strip().lower(): (v or "").strip() for k, v in row.items()}
            aliases = [a.strip() for a in row.get("aliases", "").split(";") if a.strip()]
            items.append((row.get("type", ""), {"name": row.get("name", ""), "aliases": aliases}))
        return _entries(source, items, file_type, problems, first_line=2)
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as error:
        where = getattr(error, "problem_mark", None)
        line = f" at line {where.line + 1}" if where else ""
        problems.append(f"{source}: not valid YAML{line}; file skipped")
        return []
    if data is None:
        return []
    if isinstance(data, list):
        return _entries(source, [("", item) for item in data], file_type, problems)
    if isinstance(data, dict):
        items = []
        for section, listed in data.items():
            section_type = _TYPE_WORDS.get(str(section).lower())
            if section_type is None or not isinstance(listed, list):
                problems.append(
                    f"{source}: section {section!r} skipped; use places, organisations or people, each a list"
                )
                continue
            items += [(section_type, item) for item in listed]
        return _entries(source, items, file_type, problems)
    problems.append(f"{source}: expected a list of entries (or places/organisations/people lists)")
    return []


def _entries(
    source: str, items: list[tuple[str, object]], file_type: str, problems: list[str], first_line: int = 0
) -> list[Entry]:
    out = []
    for number, (section_type, item) in enumerate(items, start=1):
        where = f"{source}: row {number + first_line - 1}" if first_line else f"{source}: entry {number}"
        if not isinstance(item, dict):
            problems.append(f"{where}: expected a mapping with name and aliases, got {item!r}")
            continue
        name = item.get("name")
        if not isinstance(name, str) or not name.strip():
            problems.append(f"{where}: field 'name' is missing or not text")
            continue
        where += f" ({name.strip()})"
        given = item.get("type") or section_type or file_type
        entry_type = _TYPE_WORDS.get(str(given).strip().lower())
        if entry_type is None:
            problems.append(f"{where}: field 'type' must be person, place or org (got {given!r})")
            continue
        aliases = item.get("aliases") or []
        if isinstance(aliases, str):
            aliases = [aliases]
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            problems.append(f"{where}: field 'aliases' must be a list of texts")
            continue
        clean = tuple(dict.fromkeys(a.strip() for a in aliases if a.strip() and a.strip() != name.strip()))
        out.append(Entry(entry_type, name.strip(), clean))
    return out


def _type_from_name(stem: str) -> str:
    """The type a file's name implies ("places.yaml", "my-people.csv"), or ''."""
    for word in re.split(r"[^a-z]+", stem.lower()):
        if word in _TYPE_WORDS:
            return _TYPE_WORDS[word]
    return ""
