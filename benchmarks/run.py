"""Run every benchmark in one go: ``python benchmarks/run.py``."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent

names = [
    "bench_validate.py",
    "bench_limits.py",
    "bench_lint.py",
    "bench_engine.py",
    "bench_strategies.py",
    "bench_report.py",
    "bench_store.py",
]
if os.environ.get("DISPLAY"):  # under xvfb-run
    names.append("bench_ui.py")
for name in names:
    print(f"== {name}", flush=True)
    code = subprocess.call([sys.executable, str(HERE / name)])
    if code:
        sys.exit(code)
