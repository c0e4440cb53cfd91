"""Exports: what leaves the archive, for a backup or for another archive to take in.

JSON Lines (one article a line) is the metadata alone. A BagIt bag (RFC 8493, written
with the Library of Congress's `bagit` library) is what a records office or a court
expects to receive as evidence: the raw originals exactly as they were ingested, the
metadata beside them, and a manifest of SHA-256 checksums that anyone can re-check with
`bagit.py --validate`, without this software. Who sees what is decided by the Viewer
(archive/visibility.py): restricted material leaves only when the archivist asks.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Iterator
from datetime import datetime, timezone
from pathlib import Path

import bagit

from archive.blobs import BlobStore
from archive.errors import ArchiveError
from archive.progress import Progress, silent
from archive.records import StoredArticle
from archive.store import Store
from archive.visibility import Viewer

JSONL_NAME = "articles.jsonl"
ORIGINALS = "originals"


def export_line(article: StoredArticle) -> dict:
    """One article as an export line: the API's JSON plus its visibility."""
    return {**article.to_json(), "visibility": article.record.visibility}


def exported(store: Store, viewer: Viewer, progress: Progress = silent) -> Iterator[StoredArticle]:
    """The current version of every article the viewer may see, in change order."""
    total = store.counts()["articles"]  # the bar counts every article looked at
    for article in progress(store.iter_current(), total, "export"):
        if viewer.sees(article.record.visibility):
            yield article


def original_path(article: StoredArticle, name: str) -> str:
    """Where an original sits inside the bag's data/: by article id, version and file name.

    The name is the file's own, made safe as one path component (it came from a file
    name, but a bag must never be made to write outside its folder).
    """
    safe = name.replace("/", "_").replace("\\", "_").replace("\x00", "_")
    if safe in ("", ".", ".."):
        safe = f"original{safe}"
    return f"{ORIGINALS}/{article.id}/v{article.version}/{safe}"


def write_bag(
    store: Store,
    blobs: BlobStore,
    target: Path,
    viewer: Viewer,
    *,
    details: dict[str, str],
    progress: Progress = silent,
) -> int:
    """Write a BagIt bag of the viewer's articles to `target`; return how many it holds.

    The bag is built in a hidden folder beside the target and renamed into place only
    when complete and checksummed, so a failed export never leaves a bag that looks
    whole. The target must not exist yet, or be an empty folder.
    """
    if target.exists() and not (target.is_dir() and not any(target.iterdir())):
        raise ArchiveError(
            f"{target} already exists and is not an empty folder; choose a new folder for the bag"
        )
    # Beside the target (so the final rename stays on one file system), named for this
    # process, made with the user's usual permissions (mkdtemp's would be owner-only).
    staging = target.parent / f".{target.name}.tmp-{os.getpid()}"
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.rmtree(staging, ignore_errors=True)
        staging.mkdir()
    except OSError as exc:
        raise ArchiveError(f"cannot write {target}: {exc.strerror or exc}") from None
    try:
        count = _fill(staging, store, blobs, viewer, progress)
        info = {
            **details,
            "Archive-Articles": str(count),
            "Archive-Exported-At": datetime.now(timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ"),
        }
        bagit.make_bag(str(staging), bag_info=info, checksums=["sha256"])
        os.replace(staging, target)
    except (OSError, bagit.BagError) as exc:
        raise ArchiveError(
            f"cannot write the bag {target}: {getattr(exc, 'strerror', None) or exc}"
        ) from None
    finally:
        shutil.rmtree(staging, ignore_errors=True)
    return count


def _fill(folder: Path, store: Store, blobs: BlobStore, viewer: Viewer, progress: Progress) -> int:
    """Copy each article's original (and sidecar) and write the JSON Lines beside them."""
    count = 0
    with (folder / JSONL_NAME).open("w", encoding="utf-8") as lines:
        for article in exported(store, viewer, progress):
            prov = article.provenance
            files = {"original": original_path(article, prov.original_name), "sidecar": None}
            _copy(blobs, prov.raw_sha256, folder / files["original"])
            if prov.sidecar_sha256:
                files["sidecar"] = original_path(article, prov.sidecar_name)
                _copy(blobs, prov.sidecar_sha256, folder / files["sidecar"])
            line = {**export_line(article), "bag_files": {k: v and f"data/{v}" for k, v in files.items()}}
            lines.write(json.dumps(line, ensure_ascii=False) + "\n")
            count += 1
    return count


def _copy(blobs: BlobStore, digest: str, destination: Path) -> None:
    """The original's bytes, as stored: a missing or changed blob stops the export."""
    problem = blobs.check(digest)
    if problem:
        raise ArchiveError(f"{problem}; run 'archive verify' (the bag was not written)")
    destination.parent.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(blobs.path_for(digest), destination)
