"""The ``trainer`` command line: a registry of commands, each parsing its options, calling the
application floor and formatting what it returns."""

from .main import main

__all__ = ["main"]
