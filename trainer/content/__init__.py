"""The content on disk: scenario folders, personas and headless-run scripts, read into the
pure model of ``trainer.scenario`` with every problem located. The one place that reads
scenario files."""
