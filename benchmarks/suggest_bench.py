"""What "Did you mean" and "Related articles" cost: on a built archive, and on a large lexicon.

    ARCHIVE_CORPORA=../shared/corpora .venv/bin/python benchmarks/suggest_bench.py --articles 10000

Builds scale_bench.py's corpus (or reuses --keep DIR), rebuilds the index through the real
`archive` command, then times: reading the spelling lexicon into memory, searches for
misspelt words (each a real word of the archive with a letter dropped, doubled, changed or
two letters swapped; how often the word is given back), and the related articles of
random articles. Then a spelling-only index of --lexicon synthetic words (a denser
lexicon than any archive's, so a worst case) for near-word lookups: Whoosh's own
`terms_within` over its term file against index/_suggest.py's lookup in memory.
Results: SUGGEST.md.
"""

from __future__ import annotations

import argparse
import json
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import index  # noqa: E402
from archive.home import Home  # noqa: E402
from benchmarks.scale_bench import archive_command, write_corpus  # noqa: E402
from index._suggest import within  # noqa: E402


def ms(values: list[float]) -> dict:
    values = sorted(values)
    return {
        "p50": round(statistics.median(values) * 1000, 2),
        "p95": round(values[int(0.95 * (len(values) - 1))] * 1000, 2),
        "max": round(values[-1] * 1000, 2),
    }


def misspell(word: str, rng: random.Random) -> str:
    i = rng.randrange(1, len(word) - 1)
    kind = rng.choice(["drop", "double", "change", "swap"])
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    if kind == "double":
        return word[:i] + word[i] + word[i:]
    if kind == "change":
        return word[:i] + rng.choice([c for c in "aeioutnrsl" if c != word[i]]) + word[i + 1 :]
    return (
        word[:i] + word[i + 1] + word[i] + word[i + 2 :]
        if word[i] != word[i + 1]
        else word[:i] + word[i + 1 :]
    )


def archive_numbers(home: Home, rng: random.Random) -> dict:
    from whoosh import index as whoosh_index

    from index import _generations

    search = index.SearchIndex(home.index)
    ix = whoosh_index.open_dir(str(_generations.current(home.index)))
    results: dict = {}
    with ix.searcher() as searcher:
        started = time.perf_counter()
        lexicon = search._speller._lexicon(searcher.reader())
        results["lexicon_words"] = len(lexicon)
        results["lexicon_load_s"] = round(time.perf_counter() - started, 2)
        common = [w for w in lexicon if len(w) >= 6 and searcher.doc_frequency("spelling", w) >= 20]
        ids = [searcher.stored_fields(d)["id"] for d in rng.sample(range(searcher.doc_count_all()), 200)]
    words = rng.sample(common, min(150, len(common)))
    typos = [(w, misspell(w, rng)) for w in words]
    typos = [(w, t) for w, t in typos if t not in lexicon]
    times, given_back, offered = [], 0, 0
    search.search("warm up")
    for word, typo in typos:
        started = time.perf_counter()
        result = search.search(typo, variants=False)
        times.append(time.perf_counter() - started)
        offered += bool(result.suggestion)
        given_back += result.suggestion == word
    results["misspelt_searches"] = {
        "queries": len(typos),
        "search_with_suggestion_ms": ms(times),
        "suggestion_offered": offered,
        "original_word_given_back": given_back,
    }
    times, counts = [], []
    for article_id in ids:
        started = time.perf_counter()
        counts.append(len(search.related(article_id)))
        times.append(time.perf_counter() - started)
    results["related"] = {
        "articles": len(ids),
        "ms": ms(times),
        "mean_listed": round(statistics.mean(counts), 2),
    }
    return results


def lexicon_numbers(size: int, rng: random.Random) -> dict:
    from whoosh import fields
    from whoosh import index as whoosh_index

    letters = "etaoinshrdlcumwfgypbvkjxqz"
    words: set[str] = set()
    while len(words) < size:
        words.add("".join(rng.choices(letters, weights=range(26, 0, -1), k=rng.randint(3, 12))))
    listed = sorted(words)
    folder = Path(tempfile.mkdtemp(prefix="lexicon-"))
    ix = whoosh_index.create_in(str(folder), fields.Schema(spelling=fields.KEYWORD(scorable=False)))
    shuffled = rng.sample(listed, len(listed))
    with ix.writer(limitmb=256) as writer:
        for at in range(0, len(shuffled), 1000):
            writer.add_document(spelling=" ".join(shuffled[at : at + 1000]))
    queries = [misspell(w, rng) for w in rng.sample([w for w in listed if len(w) >= 7], 20)]
    found: dict = {"words": size}
    with ix.reader() as reader:
        for label, distance, prefix in (("one_edit", 1, 0), ("two_edits_first_letter_kept", 2, 1)):
            disk, memory = [], []
            for q in queries:
                started = time.perf_counter()
                list(reader.terms_within("spelling", q, distance, prefix))
                disk.append(time.perf_counter() - started)
                started = time.perf_counter()
                within(listed, q, distance, prefix)
                memory.append(time.perf_counter() - started)
            found[label] = {"whoosh_terms_within_ms": ms(disk), "in_memory_ms": ms(memory)}
    return found


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10000)
    parser.add_argument("--lexicon", type=int, default=500000, help="synthetic words (0: skip)")
    parser.add_argument("--keep", type=Path, help="build here and keep it (default: a temp folder)")
    parser.add_argument("--json", type=Path, help="write results here too")
    args = parser.parse_args()
    rng = random.Random(5)
    tmp = args.keep or Path(tempfile.mkdtemp(prefix="suggest-bench-"))
    home = Home(tmp / "data")
    results: dict = {"articles": args.articles}
    if not home.exists():
        results["corpus"] = write_corpus(tmp / "in", args.articles)
        archive_command("ingest", str(tmp / "in"), "--no-index", home=home)
    results["reindex_full_s"] = round(archive_command("reindex", "--full", home=home), 1)
    generation = home.index / (home.index / "CURRENT").read_text().strip()
    results["index_mb"] = round(sum(p.stat().st_size for p in generation.rglob("*")) / 2**20, 1)
    results.update(archive_numbers(home, rng))
    if args.lexicon:
        results["large_lexicon"] = lexicon_numbers(args.lexicon, rng)
    text = json.dumps(results, indent=2, ensure_ascii=False)
    print(text)
    if args.json:
        args.json.write_text(text + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
