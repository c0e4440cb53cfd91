"""Dependencies point one way: archive <- index <- webapp (and the CLI in webapp)."""

import ast
from pathlib import Path

import pytest

from tests.conftest import REPO

FORBIDDEN = {
    "archive": {"whoosh", "flask", "index", "webapp", "werkzeug", "jinja2"},
    "index": {"flask", "webapp", "werkzeug", "jinja2"},
}


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names.add(node.module.split(".")[0])
    return names


@pytest.mark.parametrize("package", sorted(FORBIDDEN))
def test_package_does_not_import_layers_above_it(package):
    for path in (REPO / package).rglob("*.py"):
        bad = _imports(path) & FORBIDDEN[package]
        assert not bad, f"{path.relative_to(REPO)} imports {sorted(bad)}"


def test_whoosh_is_imported_only_inside_index():
    for package in ("archive", "webapp"):
        for path in (REPO / package).rglob("*.py"):
            assert "whoosh" not in _imports(path), path
