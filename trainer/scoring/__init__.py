"""The rubric: one module per dimension, each a pure function of the run."""

from .rubric import RUBRIC, Rubric
from .score import Result, dimensions, score_run

__all__ = ["RUBRIC", "Result", "Rubric", "dimensions", "score_run"]
