"""The author's workbench: new, schema, graph, stats, i18n, import."""

from __future__ import annotations

import argparse
import json

from .output import EXIT_INPUT, EXIT_OK, write_out
from .registry import command


def _schema_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("--out", metavar="FILE", default="-", help="write it here (default: stdout)")
    p.add_argument(
        "--kind",
        choices=("scenario", "persona", "script", "track"),
        help="only this kind of file (default: all four, told apart by their keys)",
    )


@command("schema", "a JSON Schema of scenario, persona, script and track files, for editors")(
    _schema_options
)
def cmd_schema(args: argparse.Namespace) -> int:
    from ..scenario.schema import json_schema

    text = json.dumps(json_schema(args.kind), ensure_ascii=False, indent=2) + "\n"
    return EXIT_OK if write_out(args.out, text) else EXIT_INPUT
