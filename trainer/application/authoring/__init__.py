"""The author's workbench, one use case per module: a new scenario from a skeleton, the graph
of its beats, starting from a beat, statistics, the translation workflow, watching files, and
importing a Twine story."""
