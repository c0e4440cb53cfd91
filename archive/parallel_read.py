"""Reading files on every core while one process writes them, in their order.

Reading a file (sniffing, decompressing, decoding, extracting a page's text, detecting
its language) is CPU work on bytes with no side effects; writing it (the fsync'd
original, one SQLite transaction) must happen in one process, one file after another,
so that ids, versions and outcomes are exactly those of a serial run. `read_in_order`
runs a top-level function over the files in worker processes and hands the results back
in the files' order, at most a few per worker ahead of the writer, so memory stays flat
on a batch of any size.

Workers come from a fork server (a clean process that imported the readers once; "spawn"
where there is none): they inherit no copy of the caller's open database, threads or
locks, as a child forked from the writer would (its SQLite connection, a progress bar's
thread mid-lock), and they do not pay the imports again, as spawned ones would.

A rejection is a result, not an error, so a bad file never disturbs the pool. A worker
that dies (killed, out of memory) breaks the pool: every file whose result was not yet
handed back is then read in this process, with a warning on the first of them; nothing
is lost and nothing is read twice.
"""

from __future__ import annotations

import multiprocessing
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from itertools import chain, islice
from typing import TypeVar

T = TypeVar("T")
O = TypeVar("O")  # noqa: E741 - the options type, named like T
R = TypeVar("R")

# Below this many files, starting interpreters (about half a second each) costs more
# than a second core saves.
PARALLEL_MIN_FILES = 32
# Items go to a worker a few at a time (a plain-text file takes about a millisecond to
# read, as long as a round trip to a worker), and each worker may have a few chunks
# ready before the writer takes them: enough to stay busy while the writer fsyncs, few
# enough that raw bytes do not pile up.
CHUNK = 8
AHEAD_PER_WORKER = 2
START_METHOD = "forkserver" if "forkserver" in multiprocessing.get_all_start_methods() else "spawn"

FALLBACK_WARNING = (
    "a worker process reading the batch stopped (killed or out of memory?); the rest of "
    "the batch, from this file on, was read in the main process instead"
)


def processes_for(files: int, workers: int) -> int:
    """How many processes should read a batch: one unless it is big enough to pay."""
    return max(1, workers) if files > PARALLEL_MIN_FILES else 1


def read_in_order(
    func: Callable[[T, O], R], items: Iterable[T], options: O, *, workers: int = 1
) -> Iterator[tuple[R, str]]:
    """(func(item, options), warning) for each item, in order, on `workers` processes.

    Callers decide with `processes_for` whether a batch is worth the processes. `func`
    must be a module-level function and its arguments and result picklable; `items` may
    be a generator, taken only a few ahead of the results. The warning is "" except on
    the first result read in this process after the pool broke.
    """
    items = iter(items)
    if workers <= 1:
        for item in items:
            yield func(item, options), ""
        return
    chunks = _chunks(items, CHUNK)
    pending: deque[tuple[list[T], Future]] = deque()
    pool = ProcessPoolExecutor(max_workers=workers, mp_context=_context(func))
    taken: list[list[T]] = []  # a chunk drawn from `chunks` and not yet in `pending`
    try:
        for chunk in chunks:
            taken.append(chunk)
            if len(pending) >= workers * AHEAD_PER_WORKER:
                yield from ((result, "") for result in pending[0][1].result())
                pending.popleft()
            pending.append((chunk, pool.submit(_read_chunk, func, chunk, options)))
            taken.clear()
        while pending:
            yield from ((result, "") for result in pending[0][1].result())
            pending.popleft()
        return
    except BrokenProcessPool:
        pass
    finally:
        pool.shutdown(wait=True, cancel_futures=True)
    # Whatever was not handed back is read here: first the files already sent, then the rest.
    rest = chain.from_iterable(chain((chunk for chunk, _ in pending), taken, chunks))
    for n, item in enumerate(rest):
        yield func(item, options), FALLBACK_WARNING if n == 0 else ""


def _read_chunk(func: Callable[[T, O], R], chunk: list[T], options: O) -> list[R]:
    """What a worker runs: a few items at once, so the round trips cost less than the work."""
    return [func(item, options) for item in chunk]


def _chunks(items: Iterator[T], size: int) -> Iterator[list[T]]:
    while chunk := list(islice(items, size)):
        yield chunk


def _context(func: Callable) -> multiprocessing.context.BaseContext:
    """A start method whose workers inherit nothing from this process but loaded code."""
    context = multiprocessing.get_context(START_METHOD)
    if START_METHOD == "forkserver":
        # The server (started once per process) loads the readers, the enrichment and the
        # language model; each worker is forked from it ready to work.
        context.set_forkserver_preload(["archive.worker_start", func.__module__])
    return context
