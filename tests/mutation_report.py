"""Summarise a mutmut run (`make mutate`): killed / checkable mutants per package (or per
file), and the survivors, read from mutmut's own result files under mutants/.

    python tests/mutation_report.py [--by-file] [--survivors] [GLOB ...]

GLOB narrows to source files (`archive/readers/feed.py`, `webapp/views/*`). "Checkable"
leaves out mutants no test reaches at all ("no tests", a coverage gap rather than a weak
assertion, reported apart) and the survivors listed with a reason in
tests/mutation_equivalent.txt (changes no test can detect because the program behaves
the same). A listed mutant that no longer survives is reported as stale, so the list
cannot silently rot when the code or the tests change.
"""

from __future__ import annotations

import fnmatch
import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

KILLED = {1, 3, 36, 24, -24, 152, 255, -11, -9, 37}  # failing tests, timeouts, crashes: detected
SURVIVED = {0}
NO_TESTS = {5, 33}
EQUIVALENT_LIST = Path(__file__).resolve().parent / "mutation_equivalent.txt"


def read_equivalent(path: Path = EQUIVALENT_LIST) -> dict[str, str]:
    """Mutant name -> why it is equivalent ('name  # reason' lines; '#' lines are comments)."""
    listed: dict[str, str] = {}
    if path.is_file():
        for line in path.read_text(encoding="utf-8").splitlines():
            name, _, reason = line.partition("#")
            if name.strip():
                listed[name.strip()] = reason.strip()
    return listed


def main(argv: list[str]) -> int:
    root = Path("mutants")
    if not root.is_dir():
        print("no mutants/ folder: run `make mutate` first")
        return 0
    by_file = "--by-file" in argv
    globs = [a for a in argv if not a.startswith("--")]
    equivalent = read_equivalent()
    per_group: dict[str, Counter] = defaultdict(Counter)
    survivors: dict[str, list[str]] = defaultdict(list)
    stale = []
    for meta in sorted(root.rglob("*.py.meta")):
        source = meta.relative_to(root).as_posix()[: -len(".meta")]
        if globs and not any(fnmatch.fnmatch(source, g) for g in globs):
            continue
        parts = source.split("/")
        group = source if by_file else ("/".join(parts[:2]) if len(parts) > 2 else parts[0])
        for key, code in json.loads(meta.read_text())["exit_code_by_key"].items():
            if key in equivalent and code not in SURVIVED:
                stale.append(key)
            status = (
                "killed"
                if code in KILLED
                else ("equivalent" if key in equivalent else "survived")
                if code in SURVIVED
                else "no tests"
                if code in NO_TESTS
                else "not run"
                if code is None
                else "other"
            )
            per_group[group][status] += 1
            if status == "survived":
                survivors[source].append(key)
    header = f"{'module' if by_file else 'package':34} {'mutants':>7} {'killed':>7} {'survived':>8} {'equiv.':>6} {'no tests':>8} {'not run':>7} {'score':>7}"
    print(header)
    for group, counts in sorted(per_group.items()):
        checkable = counts["killed"] + counts["survived"]
        score = f"{counts['killed'] / checkable:7.1%}" if checkable else "      -"
        print(
            f"{group:34} {sum(counts.values()):7} {counts['killed']:7} {counts['survived']:8} "
            f"{counts['equivalent']:6} {counts['no tests']:8} {counts['not run']:7} {score}"
        )
    if stale:
        print("\nListed as equivalent but no longer surviving (remove from mutation_equivalent.txt):")
        for key in stale:
            print(f"  {key}")
    if "--survivors" in argv:
        for source, keys in sorted(survivors.items()):
            print(f"\n{source}")
            for key in keys:
                print(f"  {key}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
