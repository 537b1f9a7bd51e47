"""One registry of the ``trainer`` commands: each is a name, a one-line help, a function that
adds its options, and a handler that returns the exit status. ``main`` builds the parser from
it and dispatches; the handlers parse nothing and do no work of their own beyond calling the
application floor and formatting what it returns."""

from __future__ import annotations

import argparse
from collections.abc import Callable
from dataclasses import dataclass

Handler = Callable[[argparse.Namespace], int]
Configure = Callable[[argparse.ArgumentParser], None]


@dataclass(frozen=True)
class Command:
    name: str
    help: str
    configure: Configure
    run: Handler


COMMANDS: dict[str, Command] = {}


def command(name: str, help: str) -> Callable[[Configure], Callable[[Handler], Handler]]:
    """Register a command: ``@command(name, help)(configure)(handler)``; see :func:`register`."""

    def with_options(configure: Configure) -> Callable[[Handler], Handler]:
        def decorate(handler: Handler) -> Handler:
            if name in COMMANDS:
                raise ValueError(f"command {name!r} is registered twice")
            COMMANDS[name] = Command(name, help, configure, handler)
            return handler

        return decorate

    return with_options


def register(name: str, help: str, configure: Configure, handler: Handler) -> None:
    command(name, help)(configure)(handler)
