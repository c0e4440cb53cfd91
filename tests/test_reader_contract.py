from archive.readers import READERS, choose_reader
from archive.readers.contract import ContainerReader, Reader


def test_every_registered_reader_keeps_the_contract():
    for reader in READERS:
        assert isinstance(reader, Reader) or isinstance(reader, ContainerReader), reader
        assert reader.NAME and reader.VERSION
    containers = {r.NAME for r in READERS if isinstance(r, ContainerReader)}
    assert containers == {"feed", "records"}


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
