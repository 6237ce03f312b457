"""Exceptions raised by intimacy_screen.

Every exception the library raises on purpose derives from :class:`IntimacyScreenError`,
and also from the closest built-in exception so that generic handlers keep working.
"""

from __future__ import annotations


class IntimacyScreenError(Exception):
    """Base class of every error raised by intimacy_screen."""


class InvalidInputError(IntimacyScreenError, TypeError):
    """The input is not text (for example ``None``, bytes or a number)."""


class UnknownSignError(IntimacyScreenError, KeyError):
    """A sign, root or approach id that the library does not know."""

    def __str__(self) -> str:  # KeyError would print the message with quotes
        return str(self.args[0]) if self.args else ""


class UnknownProfileError(IntimacyScreenError, ValueError):
    """An operating point (profile) name that the model does not define."""


class InvalidThresholdError(IntimacyScreenError, ValueError):
    """A threshold override that is not a number between 0 and 1."""


class ModelLoadError(IntimacyScreenError, RuntimeError):
    """A model directory or file that cannot be used: missing, corrupted, foreign or tampered with."""


class ModelVersionError(ModelLoadError):
    """A model made with library versions that cannot load it safely here."""


class DataError(IntimacyScreenError, ValueError):
    """Labelled data that does not follow the expected format (the message names file and line)."""
