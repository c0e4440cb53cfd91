import json

import pytest

from archive.errors import Rejected
from archive.sidecar import metadata_from_mapping, parse_sidecar_json, split_front_matter


def test_full_sidecar():
    meta = parse_sidecar_json(
        json.dumps(
            {
                "source": " Bitter  Winter ",
                "authors": ["Leila Adilzhan", "Leila Adilzhan"],
                "language": "EN",
                "date": "2020-10-20",
                "url": "https://example.org/a",
                "tags": ["asylum"],
                "visibility": "restricted",
                "key": "bw-2020-1",
            }
        ).encode()
    )
    assert meta.source == "Bitter Winter"
    assert meta.authors == ("Leila Adilzhan",)
    assert meta.language == "en"
    assert (meta.date, meta.url, meta.tags, meta.visibility, meta.key) == (
        "2020-10-20",
        "https://example.org/a",
        ("asylum",),
        "restricted",
        "bw-2020-1",
    )


@pytest.mark.parametrize(
    "date, stored",
    [("2020", "2020"), ("2020-10", "2020-10"), ("2020-10-20T08:00:00Z", "2020-10-20"), ("", "")],
)
def test_dates_accepted(date, stored):
    assert metadata_from_mapping({"date": date}).date == stored


@pytest.mark.parametrize(
    "data, says",
    [
        ({"date": "20 Oct 2020"}, "'date' must be YYYY"),
        ({"url": "bitterwinter.org/x"}, "'url' must be an absolute http"),
        ({"url": "javascript:alert(1)"}, "'url' must be an absolute http"),
        ({"language": "English!"}, "'language' must be a language code"),
        ({"visibility": "secret"}, "'visibility' must be one of"),
        ({"autor": "typo"}, "unknown metadata field"),
        ({"tags": [1, 2]}, "'tags' must be a list"),
        ({"source": {"name": "x"}}, "'source' must be text"),
        (["not", "a", "mapping"], "must be an object"),
    ],
)
def test_bad_metadata_is_rejected_naming_the_field(data, says):
    with pytest.raises(Rejected, match=says):
        metadata_from_mapping(data)


def test_invalid_json_says_where():
    with pytest.raises(Rejected, match="not valid JSON.*line 1"):
        parse_sidecar_json(b'{"source": }')


def test_yaml_front_matter_dates_and_errors():
    meta, rest = split_front_matter("---\ndate: 2019-10-14\nauthor: Jane Roe\n---\nTitle\n")
    assert meta.date == "2019-10-14" and meta.authors == ("Jane Roe",) and rest == "Title\n"
    assert split_front_matter("Title\n---\n") == (None, "Title\n---\n")
    with pytest.raises(Rejected, match="front matter is not valid YAML"):
        split_front_matter("---\nsource: [unclosed\n---\nTitle\n")
