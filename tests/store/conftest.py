"""Store tests run against SQLite and, where a PostgreSQL server binary exists, against a real
PostgreSQL server started for the session on 127.0.0.1 and a free port."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from storehelpers import new_database, postgres


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[str]:
    with postgres() as server:
        if server is None:
            pytest.skip("no PostgreSQL server binary (initdb, pg_ctl) on this machine")
        yield server


@pytest.fixture(params=["sqlite", "postgresql"])
def db_url(request: pytest.FixtureRequest, tmp_path: Path) -> str:
    if request.param == "sqlite":
        return f"sqlite:///{tmp_path / 'results.db'}"
    server = request.getfixturevalue("postgres_server")
    return new_database(server)
