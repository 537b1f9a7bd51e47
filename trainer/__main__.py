"""``python -m trainer``: the same as the ``trainer`` command."""

from .cli import main

raise SystemExit(main())
