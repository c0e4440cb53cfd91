"""Exceptions that carry a message a person can act on."""

from __future__ import annotations

from pathlib import Path


class ArchiveError(Exception):
    """Base for every error the archive reports to a user instead of a traceback."""


class Rejected(ArchiveError):
    """One input file cannot be ingested; the batch goes on without it."""


class NoArchive(ArchiveError):
    """The data home has no database yet, so there is nothing to read."""

    def __init__(self, home: Path):
        self.home = home
        super().__init__(
            f"No archive at {home}: there is no database there yet. "
            "Run 'archive ingest PATH' to create one, or point --home / ARCHIVE_HOME "
            "at an existing data home."
        )


class StoreError(ArchiveError):
    """The database refused a read or write (damaged file, disk full, locked too long)."""
