"""Every setting in one place: read once, from flags and then the environment, checked,
and shared by the app factory, the command line, the tests and the benchmarks.

Each setting names its environment variable, so a bad value is refused with a message
that says which variable and what it may be, and a test checks that every one is
documented in the README.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from archive.errors import ArchiveError
from archive.home import DEFAULT_HOME, Home, resolve_home


class SettingError(ArchiveError):
    """A setting has a value that cannot be used; the message names it."""


def _whole(low: int, high: int) -> Callable[[str, str], int]:
    def parse(name: str, raw: str) -> int:
        try:
            value = int(raw)
        except ValueError:
            value = None
        if value is None or not low <= value <= high:
            raise SettingError(f"{name} must be a whole number from {low} to {high}, not {raw!r}")
        return value

    return parse


def _seconds(name: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        value = -1.0
    if not 0.05 <= value <= 3600:
        raise SettingError(f"{name} must be a number of seconds from 0.05 to 3600, not {raw!r}")
    return value


def _mebibytes(name: str, raw: str) -> float:
    try:
        value = float(raw)
    except ValueError:
        value = 0.0
    if not 0.001 <= value <= 100_000:
        raise SettingError(f"{name} must be a size in MiB from 0.001 to 100000, not {raw!r}")
    return value


def _address(name: str, raw: str) -> str:
    if raw and not raw.startswith(("http://", "https://")):
        raise SettingError(
            f"{name} must be an http(s) address such as https://archive.example.org, not {raw!r}"
        )
    return raw.rstrip("/")


def _text(name: str, raw: str) -> str:
    if not raw.strip():
        raise SettingError(f"{name} must not be empty")
    return raw.strip()


@dataclass(frozen=True)
class Setting:
    env: str
    default: str
    parse: Callable[[str, str], Any]
    doc: str


SETTINGS: dict[str, Setting] = {
    "home": Setting("ARCHIVE_HOME", DEFAULT_HOME, _text, "the data home: database, originals, index"),
    "page_size": Setting("ARCHIVE_PAGE_SIZE", "20", _whole(1, 100), "results per page"),
    "search_time_limit": Setting(
        "ARCHIVE_SEARCH_TIME_LIMIT", "10", _seconds, "seconds a search may take before it is cut short"
    ),
    "public_url": Setting("ARCHIVE_PUBLIC_URL", "", _address, "the public address used in citations"),
    "host": Setting("ARCHIVE_SERVE_HOST", "127.0.0.1", _text, "the address `archive serve` listens on"),
    "port": Setting("PORT", "5000", _whole(1, 65535), "the port `archive serve` listens on"),
    "workers": Setting(
        "ARCHIVE_WORKERS",
        str(max(1, os.cpu_count() or 1)),
        _whole(1, 64),
        "worker processes: web workers, and processes reading files at ingest",
    ),
    "threads": Setting("ARCHIVE_THREADS", "4", _whole(1, 64), "threads per web worker"),
    "max_size_mb": Setting("ARCHIVE_MAX_SIZE_MB", "50", _mebibytes, "the largest file ingest accepts"),
}


@dataclass(frozen=True)
class Settings:
    home: str
    page_size: int
    search_time_limit: float
    public_url: str
    host: str
    port: int
    workers: int
    threads: int
    max_size_mb: float

    @classmethod
    def load(cls, environ: Mapping[str, str] | None = None, **given: Any) -> "Settings":
        """Flags (`given`, None meaning not given) win over the environment, which wins over defaults."""
        environ = os.environ if environ is None else environ
        values = {}
        for name, setting in SETTINGS.items():
            if given.get(name) is not None:
                raw, label = str(given[name]), f"--{name.replace('_', '-')}"
            else:
                raw, label = environ.get(setting.env, setting.default), setting.env
            values[name] = setting.parse(label, raw)
        return cls(**values)

    @property
    def data_home(self) -> Home:
        return resolve_home(self.home)

    @property
    def max_bytes(self) -> int:
        return int(self.max_size_mb * 2**20)


# The names flaskr-style test mappings use for some settings (create_app({...})).
CONFIG_NAMES = {
    "ARCHIVE_HOME": "home",
    "PAGE_SIZE": "page_size",
    "SEARCH_TIME_LIMIT": "search_time_limit",
    "PUBLIC_URL": "public_url",
}


def from_config(config: Mapping[str, Any], environ: Mapping[str, str] | None = None) -> Settings:
    """Settings for the app factory: the mapping's values win, then the environment."""
    given = {CONFIG_NAMES[key]: value for key, value in config.items() if key in CONFIG_NAMES}
    return Settings.load(environ, **given)
