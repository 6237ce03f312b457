"""Screen personal text for signs of intimacy avoidance.

Screening is not diagnosis: a tag says that a text describes a pattern, not that anyone
has a condition. See the README for limits and ethics.

>>> import intimacy_screen
>>> result = intimacy_screen.screen("My husband changes the subject every time I bring up us.")
>>> [s.sign for s in result.signs]  # doctest: +SKIP
['avoids_deep_talk']
"""

from __future__ import annotations

from collections.abc import Iterable

from .errors import (
    DataError,
    IntimacyScreenError,
    InvalidInputError,
    InvalidThresholdError,
    ModelLoadError,
    ModelVersionError,
    UnknownProfileError,
    UnknownSignError,
)
from .explanations import Explanation, explain, report
from .results import Evidence, ScreenResult, SignResult
from .screen import Screener
from .signs import SIGN_IDS, SIGN_TITLES, Subject

__version__ = "0.8.0"

__all__ = [
    "SIGN_IDS",
    "SIGN_TITLES",
    "DataError",
    "Evidence",
    "Explanation",
    "IntimacyScreenError",
    "InvalidInputError",
    "InvalidThresholdError",
    "ModelLoadError",
    "ModelVersionError",
    "ScreenResult",
    "Screener",
    "SignResult",
    "Subject",
    "UnknownProfileError",
    "UnknownSignError",
    "__version__",
    "explain",
    "report",
    "screen",
    "screen_many",
]

_screeners: dict[str, Screener] = {}


def _screener(profile: str) -> Screener:
    s = _screeners.get(profile)
    if s is None:
        s = _screeners.setdefault(profile, Screener(profile=profile))
    return s


def screen(text: str, *, profile: str = "balanced", keep_text: bool = False) -> ScreenResult:
    """Screen one text with the shipped model.

    Parameters
    ----------
    text : str
        A journal entry, forum post or comment.
    profile : str
        ``"balanced"`` (default), ``"precise"`` or ``"sensitive"``.
    keep_text : bool
        Keep the text in the result.

    Returns
    -------
    ScreenResult

    Raises
    ------
    InvalidInputError
        If ``text`` is not a string.
    """
    return _screener(profile).screen(text, keep_text=keep_text)


def screen_many(texts: Iterable[str], *, profile: str = "balanced", keep_text: bool = False) -> list[ScreenResult]:
    """Screen many texts with the shipped model; same order and length as ``texts``.

    Raises
    ------
    InvalidInputError
        If any item is not a string.
    """
    return _screener(profile).screen_many(texts, keep_text=keep_text)
