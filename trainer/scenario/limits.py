"""The format's limits: one table, read by the reader, the validator, the file loader, the script
reader, the documentation and the benchmark that shows the worst case at each.

They are far above what a real scenario needs (the bundled ones have at most 9 beats, 5 choices
in a beat, 7 remedies and 6 script steps) and low enough that every file within them validates,
lints and runs in seconds: the costly parts (the path search, the menu ranking, the debrief)
grow with beats x choices, with remedies cubed (offers of up to three remedies) and with steps.
"""

from __future__ import annotations

#: a scenario or persona file (bytes)
MAX_FILE_BYTES = 1024 * 1024
#: a headless-run script (bytes)
MAX_SCRIPT_BYTES = 256 * 1024
#: YAML nesting; a scenario nests about 8 deep
MAX_DEPTH = 40
#: YAML nodes after alias expansion; a 1 MiB file of real content stays far below
MAX_NODES = 200_000
#: characters in an id (scenario, beat, choice, remedy, persona)
MAX_ID = 64
#: beats in a scenario
MAX_BEATS = 200
#: choices in one beat
MAX_CHOICES = 12
#: remedies in a scenario (a menu offers up to three at once: 16 remedies make 696 offers)
MAX_REMEDIES = 16
#: steps in a headless-run script
MAX_STEPS = 200
#: scenario and persona files read from one folder (its sub-folders included)
MAX_FILES = 1000
#: bytes of YAML read from one folder (its sub-folders included)
MAX_FOLDER_BYTES = 32 * 1024 * 1024

#: the table the documentation shows (README, scenario-format.md), in this order
TABLE: tuple[tuple[str, str], ...] = (
    ("a scenario or persona file", f"{MAX_FILE_BYTES // 1024 // 1024} MiB"),
    ("a script file", f"{MAX_SCRIPT_BYTES // 1024} KiB"),
    ("YAML nesting", f"{MAX_DEPTH} levels"),
    ("YAML nodes, after anchors and aliases", f"{MAX_NODES:,}"),
    ("an id", f"{MAX_ID} characters"),
    ("beats in a scenario", f"{MAX_BEATS}"),
    ("choices in a beat", f"{MAX_CHOICES}"),
    ("remedies in a scenario", f"{MAX_REMEDIES}"),
    ("steps in a script", f"{MAX_STEPS}"),
    (
        "one scenario folder",
        f"{MAX_FILES:,} YAML files, {MAX_FOLDER_BYTES // 1024 // 1024} MiB",
    ),
)
