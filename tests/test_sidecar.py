import json
from datetime import date, datetime, timedelta, timezone

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
        ({"date": "20 Oct 2020"}, "'date' must be a real date written YYYY, YYYY-MM or YYYY-MM-DD"),
        ({"url": "bitterwinter.org/x"}, "'url' must be an absolute http"),
        ({"url": "javascript:alert(1)"}, "'url' must be an absolute http"),
        ({"language": "English!"}, "'language' must be a BCP 47 language tag"),
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


# Dates: real calendar dates at their precision, never in the future. The message names
# the field, says what is accepted, and says what is wrong with this value.
DATE_RULE = "metadata field 'date' must be a real date written YYYY, YYYY-MM or YYYY-MM-DD"
BAD_DATES = [
    ("2020-13-45", "'2020-13-45' has month 13, but months run 01 to 12"),
    ("2020-02-30", "'2020-02-30' has day 30, but 2020-02 has 29 days"),
    ("2021-02-29", "'2021-02-29' has day 29, but 2021-02 has 28 days"),
    ("2019-00", "'2019-00' has month 00, but months run 01 to 12"),
    ("2019-06-00", "'2019-06-00' has day 00, but 2019-06 has 30 days"),
    ("0000", "'0000' has year 0000, which no calendar has"),
    ("9999-12-31", "'9999-12-31' is in the future"),
    ("2020-1-5", "'2020-1-5' is not written that way"),
    ("2020-10-20T08:00 and later", "is not written that way"),
]


def _front_matter(field: str, value: str):
    meta, _ = split_front_matter(f"---\n{field}: {value}\n---\nTitle\n")
    return meta


def _sidecar(field: str, value: str):
    return parse_sidecar_json(json.dumps({field: value}).encode())


@pytest.mark.parametrize("carrier", [_sidecar, _front_matter], ids=["sidecar", "front-matter"])
@pytest.mark.parametrize("value, problem", BAD_DATES)
def test_impossible_and_future_dates_are_refused(carrier, value, problem):
    with pytest.raises(Rejected) as caught:
        carrier("date", value)
    assert str(caught.value).startswith(DATE_RULE)
    assert problem in str(caught.value)


@pytest.mark.parametrize("carrier", [_sidecar, _front_matter], ids=["sidecar", "front-matter"])
@pytest.mark.parametrize(
    "value, stored",
    [
        ("2020-02-29", "2020-02-29"),
        ("2019-12", "2019-12"),
        ("2019", "2019"),
        ("0001-01-01", "0001-01-01"),
        ("2019-10-14 08:30:00", "2019-10-14"),
        ("2019-10-14T23:30:00+05:00", "2019-10-14"),
    ],
)
def test_real_dates_are_stored_at_their_precision(carrier, value, stored):
    assert carrier("date", value).date == stored


def test_a_date_one_day_after_today_is_refused():
    tomorrow = (datetime.now(timezone.utc).date() + timedelta(days=1)).isoformat()
    with pytest.raises(Rejected, match=f"'{tomorrow}' is in the future"):
        metadata_from_mapping({"date": tomorrow})


@pytest.mark.parametrize(
    "value, accepted",
    [
        ("2024", True),  # the year has begun
        ("2024-03", True),  # so has the month
        ("2024-03-15", True),
        ("2024-03-16", False),
        ("2024-04", False),
        ("2025", False),
    ],
)
def test_the_future_starts_tomorrow_at_every_precision(value, accepted):
    today = date(2024, 3, 15)
    if accepted:
        assert metadata_from_mapping({"date": value}, today=today).date == value
    else:
        with pytest.raises(Rejected, match="is in the future \\(today is 2024-03-15, UTC\\)"):
            metadata_from_mapping({"date": value}, today=today)


# Languages: BCP 47 tags whose language is a real ISO 639 code, stored in standard form.
LANGUAGE_RULE = "metadata field 'language' must be a BCP 47 language tag whose language is an ISO 639 code"


@pytest.mark.parametrize(
    "value, stored",
    [
        ("en", "en"),
        ("EN-us", "en-US"),
        ("kaz", "kk"),
        ("uig", "ug"),
        ("zh-hans-cn", "zh-Hans-CN"),
        ("ru", "ru"),
    ],
)
def test_languages_are_stored_in_standard_form(value, stored):
    assert metadata_from_mapping({"language": value}).language == stored


@pytest.mark.parametrize(
    "value, problem",
    [
        ("xx-bogus", "'xx' in 'xx-bogus' is not an ISO 639 language code"),
        ("xx", "'xx' is not an ISO 639 language code"),
        ("qaa", "'qaa' is not an ISO 639 language code"),
        ("x-witness", "'x-witness' is not an ISO 639 language code"),
        ("und", "'und' names no language (leave the field empty when unknown)"),
        ("en-bogus", "'en-bogus' is not a valid tag: a part after 'en' is not a registered subtag"),
        ("en--US", "'en--US' is not written as a language tag"),
    ],
)
def test_unknown_languages_are_refused(value, problem):
    with pytest.raises(Rejected) as caught:
        metadata_from_mapping({"language": value})
    assert str(caught.value).startswith(LANGUAGE_RULE)
    assert problem in str(caught.value)


def test_a_bogus_language_in_front_matter_is_refused():
    with pytest.raises(Rejected, match="'xx' in 'xx-bogus' is not an ISO 639"):
        _front_matter("language", "xx-bogus")


# A single string where a list is expected is one value: names and tags contain commas.
@pytest.mark.parametrize(
    "carrier, field, value, stored",
    [
        (_sidecar, "tags", "asylum", ("asylum",)),
        (_sidecar, "authors", "A, B", ("A, B",)),
        (_sidecar, "author", "Roe, Jane", ("Roe, Jane",)),
        (_sidecar, "tags", "camps; asylum", ("camps; asylum",)),
        (_front_matter, "tags", "asylum, camps", ("asylum, camps",)),
        (_front_matter, "authors", "A and B", ("A and B",)),
    ],
)
def test_a_single_string_is_one_value_never_split(carrier, field, value, stored):
    meta = carrier(field, value)
    assert (meta.tags if field == "tags" else meta.authors) == stored


@pytest.mark.parametrize(
    "line, field, stored",
    [
        ("key: 007", "key", "007"),
        ("title: 1984", "title", "1984"),
        ("title: No", "title", "No"),
        ("source: 1.50", "source", "1.50"),
    ],
)
def test_front_matter_keeps_values_as_written(line, field, stored):
    meta, _ = split_front_matter(f"---\n{line}\n---\nTitle\n")
    assert getattr(meta, field) == stored
