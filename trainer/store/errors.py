"""Every way the database can fail, said as what happened and what to do: never a traceback."""

from __future__ import annotations

import sqlite3

from sqlalchemy.exc import DataError, DBAPIError, OperationalError, SQLAlchemyError

BUSY_SECONDS = 30  # SQLite waits this long for another writer before giving up


class StoreError(Exception):
    """A problem a user can act on (unknown cohort, wrong passphrase, unreachable database)."""


def _first_line(exc: BaseException) -> str:
    text = str(exc).strip()
    line = text.splitlines()[0] if text else type(exc).__name__
    return line if len(line) <= 200 else line[:197] + "..."


def describe(
    exc: BaseException, where: str, *, sqlite: bool, busy_seconds: float = BUSY_SECONDS
) -> str:
    """A sentence for a database failure at ``where`` (a file, or a URL without its password)."""
    orig = exc.orig if isinstance(exc, DBAPIError) and exc.orig is not None else exc
    text = _first_line(orig)
    low = text.lower()
    if "locked" in low or "busy" in low:
        return (
            f"the results database {where} is busy: another program has been writing to it for "
            f"over {busy_seconds:g} seconds (another game window, a trainer command, or a tool "
            "holding the file open). Close it and try again"
        )
    if sqlite and ("not a database" in low or "malformed" in low or "corrupt" in low):
        return (
            f"{where} is not a readable results database (the file is damaged, or is not a "
            "trainer database): restore it from a backup, or move it aside and the trainer "
            "will start a new one"
        )
    if "readonly" in low or "read-only" in low or "read only" in low:
        return (
            f"the results database {where} cannot be written here (read-only): check the file's "
            "and its folder's permissions, or set TRAINER_DB_URL to a writable copy"
        )
    if sqlite and "unable to open" in low:
        return (
            f"cannot open the results database {where}: check that its folder exists and can "
            "be written, or set TRAINER_DB_URL"
        )
    if "disk is full" in low or "no space" in low:
        return f"the disk holding the results database {where} is full: free some space"
    if isinstance(exc, DataError):
        return f"a value does not fit the results database {where}: {text}"
    if sqlite:
        return f"the results database {where} failed: {text}"
    if isinstance(exc, OperationalError):
        return f"cannot reach the results database {where}: {text}"
    return f"cannot use the results database {where}: {text}"


def translate(
    exc: BaseException, where: str, *, sqlite: bool, busy_seconds: float = BUSY_SECONDS
) -> StoreError:
    return StoreError(describe(exc, where, sqlite=sqlite, busy_seconds=busy_seconds))


DATABASE_ERRORS: tuple[type[BaseException], ...] = (SQLAlchemyError, sqlite3.Error)
