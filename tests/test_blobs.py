import hashlib
import os

from archive.blobs import BlobStore


def test_put_is_content_addressed_read_only_and_idempotent(tmp_path):
    blobs = BlobStore(tmp_path / "originals")
    data = "“We were very hungry”".encode()
    digest = blobs.put(data)
    assert digest == hashlib.sha256(data).hexdigest()
    path = blobs.path_for(digest)
    assert path.read_bytes() == data
    assert not os.stat(path).st_mode & 0o222  # never modified in place
    assert blobs.put(data) == digest
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # no temp files left
    assert blobs.check(digest) is None


def test_check_reports_missing_and_tampered(tmp_path):
    blobs = BlobStore(tmp_path / "originals")
    digest = blobs.put(b"original words")
    path = blobs.path_for(digest)
    path.chmod(0o644)
    path.write_bytes(b"altered words")
    assert "has changed on disk" in blobs.check(digest)
    path.unlink()
    assert "is missing" in blobs.check(digest)
