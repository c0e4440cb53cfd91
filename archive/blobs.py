"""Raw originals, kept byte for byte and named by their SHA-256.

Content addressing makes a blob immutable by construction: the same name can only ever
hold the same bytes, and `verify` can prove it years later.
"""

from __future__ import annotations

import hashlib
import os
import tempfile
from pathlib import Path


def sha256_hex(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


class BlobStore:
    """A folder of originals: originals/ab/cdef... (the SHA-256 split after two digits)."""

    def __init__(self, root: Path):
        self.root = root

    def path_for(self, digest: str) -> Path:
        return self.root / digest[:2] / digest[2:]

    def exists(self, digest: str) -> bool:
        return self.path_for(digest).is_file()

    def put(self, data: bytes) -> str:
        """Store bytes atomically (temp file, fsync, rename, fsync folder); return the digest."""
        digest = sha256_hex(data)
        target = self.path_for(digest)
        if target.is_file() and target.stat().st_size == len(data):
            return digest
        target.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-")
        try:
            with os.fdopen(fd, "wb") as handle:
                handle.write(data)
                handle.flush()
                os.fsync(handle.fileno())
            os.chmod(tmp, 0o444)
            os.replace(tmp, target)
        except BaseException:
            Path(tmp).unlink(missing_ok=True)
            raise
        _fsync_dir(target.parent)
        return digest

    def read(self, digest: str) -> bytes:
        return self.path_for(digest).read_bytes()

    def check(self, digest: str) -> str | None:
        """Re-hash a blob; return a problem description, or None when it is intact."""
        path = self.path_for(digest)
        if not path.is_file():
            return f"original {digest} is missing ({path})"
        hasher = hashlib.sha256()
        with path.open("rb") as handle:
            for chunk in iter(lambda: handle.read(1 << 20), b""):
                hasher.update(chunk)
        if hasher.hexdigest() != digest:
            return f"original {digest} has changed on disk: it now hashes to {hasher.hexdigest()}"
        return None


def _fsync_dir(path: Path) -> None:
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
