from archive.readers import READERS, choose_reader
from archive.readers.contract import ContainerReader, Reader, is_container


def test_every_registered_reader_keeps_the_contract():
    for reader in READERS:
        kind = ContainerReader if is_container(reader) else Reader
        assert isinstance(reader, kind), reader
        assert reader.NAME and reader.VERSION
    containers = {r.NAME for r in READERS if isinstance(r, ContainerReader)}
    assert containers == {"feed", "records", "warc"}


def test_the_web_archive_reader_is_a_container_and_the_page_readers_are_not():
    assert {r.NAME for r in READERS if is_container(r)} == {"warc", "feed", "records"}
    assert {r.NAME for r in READERS if not is_container(r)} == {"plaintext", "markdown", "html"}


def test_the_most_confident_reader_wins(monkeypatch):
    class Sure:
        NAME, VERSION = "sure", "1"

        @staticmethod
        def sniff(name, raw):
            return 1.0

        @staticmethod
        def read(raw):
            raise AssertionError("not called")

    from archive import readers

    monkeypatch.setattr(readers, "READERS", (*READERS, Sure))
    assert choose_reader("a.txt", b"Title\nBody") is Sure
