"""Service Recovery Trainer: a game that trains front-line staff to recover from service
failures."""

__version__ = "0.1.0"
ENGINE_VERSION = "1"
