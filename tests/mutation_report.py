"""Summarise a mutmut run (`make mutate`): killed / checkable mutants per package, and the
survivors by file and function, read from mutmut's own result files under mutants/.

    python tests/mutation_report.py [--survivors]

"Checkable" leaves out mutants no test reaches at all ("no tests"), which are reported
separately because they are a coverage gap rather than a weak assertion.
"""

from __future__ import annotations

import json
import sys
from collections import Counter, defaultdict
from pathlib import Path

KILLED = {1, 3, 36, 24, -24, 152, 255, -11, -9, 37}  # failing tests, timeouts, crashes: detected
SURVIVED = {0}
NO_TESTS = {5, 33}


def main() -> int:
    root = Path("mutants")
    if not root.is_dir():
        print("no mutants/ folder: run `make mutate` first")
        return 0
    per_package: dict[str, Counter] = defaultdict(Counter)
    survivors: dict[str, Counter] = defaultdict(Counter)
    for meta in sorted(root.rglob("*.py.meta")):
        source = meta.relative_to(root).as_posix()[: -len(".meta")]
        parts = source.split("/")
        package = "/".join(parts[:2]) if len(parts) > 2 else parts[0]  # archive/readers apart
        for key, code in json.loads(meta.read_text())["exit_code_by_key"].items():
            status = (
                "killed"
                if code in KILLED
                else "survived"
                if code in SURVIVED
                else "no tests"
                if code in NO_TESTS
                else "other"
            )
            per_package[package][status] += 1
            if status == "survived":
                function = key.split("__mutmut_")[0].split(".")[-1]
                survivors[source][function] += 1
    print(f"{'package':10} {'killed':>7} {'survived':>9} {'no tests':>9} {'other':>6} {'score':>7}")
    for package, counts in sorted(per_package.items()):
        checkable = counts["killed"] + counts["survived"]
        score = counts["killed"] / checkable if checkable else 0.0
        print(
            f"{package:10} {counts['killed']:7} {counts['survived']:9} {counts['no tests']:9} "
            f"{counts['other']:6} {score:7.1%}"
        )
    if "--survivors" in sys.argv:
        for source, functions in sorted(survivors.items()):
            print(f"\n{source}")
            for function, n in functions.most_common():
                print(f"  {n:3}  {function}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
