"""Settings: read once from flags and the environment, checked, and all documented."""

from __future__ import annotations

import pytest

from tests.conftest import REPO
from webapp import create_app
from webapp.settings import SETTINGS, SettingError, Settings


def test_every_setting_is_documented_in_the_readme():
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    missing = [s.env for s in SETTINGS.values() if f"`{s.env}`" not in readme]
    assert not missing, f"not in the README: {missing}"


def test_flags_win_over_the_environment_which_wins_over_defaults():
    env = {"ARCHIVE_PAGE_SIZE": "33", "PORT": "8080", "ARCHIVE_HOME": "/srv/a"}
    assert Settings.load({}).page_size == 20
    settings = Settings.load(env, port=9000)
    assert (settings.page_size, settings.port, settings.home) == (33, 9000, "/srv/a")
    assert Settings.load(env, home="/elsewhere").data_home.root.as_posix() == "/elsewhere"


@pytest.mark.parametrize(
    "env, says",
    [
        ({"ARCHIVE_PAGE_SIZE": "abc"}, "ARCHIVE_PAGE_SIZE must be a whole number from 1 to 100, not 'abc'"),
        ({"ARCHIVE_PAGE_SIZE": "0"}, "ARCHIVE_PAGE_SIZE must be a whole number from 1 to 100, not '0'"),
        ({"PORT": "70000"}, "PORT must be a whole number from 1 to 65535, not '70000'"),
        ({"ARCHIVE_SEARCH_TIME_LIMIT": "-1"}, "ARCHIVE_SEARCH_TIME_LIMIT must be a number of seconds"),
        ({"ARCHIVE_PUBLIC_URL": "archive.org"}, "ARCHIVE_PUBLIC_URL must be an http(s) address"),
        ({"ARCHIVE_MAX_SIZE_MB": "lots"}, "ARCHIVE_MAX_SIZE_MB must be a size in MiB"),
    ],
)
def test_a_bad_value_names_the_setting(env, says):
    with pytest.raises(SettingError) as caught:
        Settings.load(env)
    assert str(caught.value).startswith(says)


def test_a_bad_flag_names_the_flag():
    with pytest.raises(SettingError, match="--port must be a whole number"):
        Settings.load({}, port="x")


def test_the_app_reads_the_environment_once(monkeypatch, seeded_home):
    monkeypatch.setenv("ARCHIVE_PAGE_SIZE", "7")
    monkeypatch.setenv("ARCHIVE_PUBLIC_URL", "https://archive.example.org/")
    app = create_app({"ARCHIVE_HOME": str(seeded_home.root), "TESTING": True})
    settings = app.extensions["archive"].settings
    assert (settings.page_size, settings.public_url) == (7, "https://archive.example.org")
    assert app.test_client().get("/api/search?q=").get_json()["limit"] == 7


def test_the_cli_refuses_a_bad_environment_with_a_message(cli, monkeypatch, seeded_home):
    monkeypatch.setenv("ARCHIVE_MAX_SIZE_MB", "lots")
    result = cli("ingest", REPO / "seeds", "--home", seeded_home.root)
    assert result.exit_code == 1
    assert "ARCHIVE_MAX_SIZE_MB must be a size in MiB" in result.output
    assert "Traceback" not in result.output
