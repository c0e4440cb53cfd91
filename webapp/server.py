"""The production server: gunicorn, one worker process per core.

Searching is CPU-bound Python, and threads in one process share one core through the
GIL; worker processes are what make the second core count. Each worker builds its own
app with the factory, so nothing open (database, index) is shared across a fork.
"""

from __future__ import annotations

from typing import Any, Callable

from gunicorn.app.base import BaseApplication


class _Server(BaseApplication):
    def __init__(self, factory: Callable[[], Any], options: dict[str, Any]):
        self.factory = factory
        self.options = options
        super().__init__()

    def load_config(self) -> None:
        for key, value in self.options.items():
            self.cfg.set(key, value)

    def load(self):
        return self.factory()


def run(factory: Callable[[], Any], *, host: str, port: int, workers: int, threads: int) -> None:
    """Serve until interrupted; SIGTERM and Ctrl+C let requests in flight finish."""
    _Server(
        factory,
        {
            "bind": f"{host}:{port}",
            "workers": workers,
            "threads": threads,
            "worker_class": "gthread" if threads > 1 else "sync",
            "timeout": 60,
            "graceful_timeout": 10,
            "accesslog": None,
            "errorlog": "-",
            "loglevel": "warning",
        },
    ).run()
