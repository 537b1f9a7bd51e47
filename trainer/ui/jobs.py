"""Work that must not freeze the window: opening the results store, reading and saving runs,
reading the scenarios. The window hands it to a worker thread and draws on; a scene polls the
future in ``update`` and shows the answer when it arrives. Tests use :class:`ImmediateJobs`,
which does the work at once, so a scene behaves the same without threads."""

from __future__ import annotations

from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Protocol, TypeVar

T = TypeVar("T")


class Jobs(Protocol):
    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        """Run ``fn(*args)`` and return its future."""

    def shutdown(self) -> None:
        """Finish the work already handed over (a save in flight is never dropped)."""


class ImmediateJobs:
    """Does each job at once, on the caller's thread (tests, and the demo)."""

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        future: Future[T] = Future()
        try:
            future.set_result(fn(*args))
        except Exception as exc:  # noqa: BLE001 - the scene shows it; the window goes on
            future.set_exception(exc)
        return future

    def shutdown(self) -> None:
        return None


class ThreadJobs:
    """Two worker threads: one may read scenarios while the other talks to the database."""

    def __init__(self) -> None:
        self.pool = ThreadPoolExecutor(max_workers=2, thread_name_prefix="trainer-jobs")

    def submit(self, fn: Callable[..., T], *args: Any) -> Future[T]:
        return self.pool.submit(fn, *args)

    def shutdown(self) -> None:
        self.pool.shutdown(wait=True)


def outcome(future: Future[T] | None) -> tuple[bool, T | None, str]:
    """(done, value, error) of a future, without blocking: error is '' or a message."""
    if future is None or not future.done():
        return False, None, ""
    error = future.exception()
    if error is not None:
        return True, None, str(error) or type(error).__name__
    return True, future.result(), ""
