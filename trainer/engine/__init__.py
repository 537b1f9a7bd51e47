"""The encounter engine: a pure state machine over beats, menus and remedies."""

from .engine import ActionError, Engine, Run
from .state import Action, Choose, Decision, Event, Offer, State, Turn

__all__ = [
    "Action",
    "ActionError",
    "Choose",
    "Decision",
    "Engine",
    "Event",
    "Offer",
    "Run",
    "State",
    "Turn",
]
