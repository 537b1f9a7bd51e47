"""Everything pygame: the app loop, scenes, widgets, theme, fonts and asset lookup.

Nothing outside this package imports pygame. The scenes reach the game only through the same
engine calls that a headless run uses (``Engine.start``, ``tick``, ``step``) and the rubric's
``finish``.
"""
