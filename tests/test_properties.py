"""Properties that must hold for any input (hypothesis), and golden values pinned as literals."""

from __future__ import annotations

import json
import os
import re
import unicodedata
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from archive.errors import Rejected
from archive.identity import article_id, canonical_url, identity_key, make_slug
from archive.normalize import collapse_spaces, normalize_text, split_blocks
from archive.sidecar import metadata_from_mapping, parse_sidecar_json
from index import QueryError, check_query
from index._query import parse_query
from index._schema import build_schema

# 200 examples in `make test`; under mutation testing (tests/conftest.py) 25.
FAST = settings(
    max_examples=25 if "MUTANT_UNDER_TEST" in os.environ else 200,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow],
)
SCHEMA = build_schema()


# -- golden values: what users cite must never drift --------------------------------------------


@pytest.mark.parametrize(
    "key, expected",
    [
        # lower-case base32 of SHA-256 of the key, cut to 10 (computed outside the project)
        ("file:seeds/000_fdb5cd3d6fd92abd.txt", "suksu7in4x"),
        ("key:case-0042", "7chimjv5ph"),
        ("url:https://bitterwinter.org/provisional-asylum", "yqnfkvb5wc"),
    ],
)
def test_permanent_ids_are_pinned(key, expected):
    assert article_id(key) == expected


def test_a_lengthened_id_extends_the_short_one():
    assert article_id("key:case-0042", 12) == "7chimjv5phce"


# -- normalization -------------------------------------------------------------------------------


@FAST
@given(st.text())
def test_normalizing_twice_changes_nothing(text):
    once = normalize_text(text)
    assert normalize_text(once) == once


def _visible(text: str) -> list[str]:
    return [
        c for c in unicodedata.normalize("NFC", text) if not c.isspace() and unicodedata.category(c)[0] != "C"
    ]


@FAST
@given(st.text())
def test_normalizing_never_loses_a_visible_character(text):
    assert _visible(normalize_text(text)) == _visible(text)


@FAST
@given(st.text())
def test_paragraphs_keep_every_visible_character_in_order(text):
    text = normalize_text(text)
    assert _visible("".join(split_blocks(text))) == _visible(text)
    assert all(p == collapse_spaces(p) and p for p in split_blocks(text))


# -- identity ------------------------------------------------------------------------------------

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")


@FAST
@given(st.text())
def test_slugs_are_stable_and_url_safe(title):
    slug = make_slug(title)
    assert slug == make_slug(title)
    assert SLUG.match(slug) and len(slug) <= 80


hosts = st.from_regex(r"[a-z][a-z0-9]{0,10}\.(org|com|kz)", fullmatch=True)
paths = st.from_regex(r"(/[a-zA-Z0-9_-]{1,8}){0,3}", fullmatch=True)


@FAST
@given(hosts, paths, st.sampled_from(["", "/"]), st.sampled_from(["", "#top", "#c-12"]))
def test_equivalent_urls_give_one_identity(host, path, slash, fragment):
    plain = f"https://{host}{path}"
    variant = f"HTTPS://{host.upper()}{path}{slash}{fragment}"
    assert canonical_url(variant) == canonical_url(plain)
    where = Path("folder/file.txt")
    assert identity_key("", variant, where) == identity_key("", plain, where)


# -- queries and metadata raise only their own errors -------------------------------------------

query_text = st.text(
    alphabet=st.sampled_from(list('abc xyz"()*:~-+[]{}TONDRAtitle:date:2019-10 язык新疆\\/')), max_size=60
) | st.text(max_size=60)


@FAST
@given(query_text)
def test_the_query_checker_raises_only_query_errors(text):
    try:
        checked = check_query(text)
    except QueryError:
        return
    assert len(checked) <= 500


@FAST
@given(query_text)
def test_parsing_raises_only_query_errors(text):
    try:
        parse_query(text, SCHEMA)
    except QueryError:
        pass


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: (
        st.lists(children, max_size=3) | st.dictionaries(st.text(max_size=8), children, max_size=3)
    ),
    max_leaves=8,
)
fields = st.sampled_from(
    ["key", "title", "source", "url", "date", "language", "authors", "author", "tags", "visibility"]
)


@FAST
@given(st.dictionaries(fields | st.text(max_size=6), json_values, max_size=5))
def test_metadata_raises_only_rejected(mapping):
    try:
        metadata_from_mapping(mapping)
    except Rejected:
        pass


@FAST
@given(st.binary(max_size=200) | json_values.map(lambda v: json.dumps(v).encode()))
def test_sidecar_parsing_raises_only_rejected(raw):
    try:
        parse_sidecar_json(raw)
    except Rejected:
        pass
