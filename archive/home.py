"""Where an archive lives: one data home folder holding database, originals and index."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

DEFAULT_HOME = "data"
ENV_VAR = "ARCHIVE_HOME"


@dataclass(frozen=True)
class Home:
    root: Path

    @property
    def database(self) -> Path:
        return self.root / "archive.sqlite3"

    @property
    def originals(self) -> Path:
        return self.root / "originals"

    @property
    def index(self) -> Path:
        return self.root / "index"

    @property
    def gazetteer(self) -> Path:
        """Places, organisations and people the archivist adds (YAML or CSV files)."""
        return self.root / "gazetteer"

    def exists(self) -> bool:
        return self.database.is_file()


def resolve_home(value: str | os.PathLike | None = None) -> Home:
    """The data home from an explicit value, then ARCHIVE_HOME, then ./data."""
    raw = value or os.environ.get(ENV_VAR) or DEFAULT_HOME
    return Home(Path(raw).expanduser().resolve())
