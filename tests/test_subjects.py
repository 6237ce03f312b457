"""The subject cues, read off the features the subject model weighs (no model needed)."""

from __future__ import annotations

import pytest

from intimacy_screen import SIGN_IDS
from intimacy_screen.subjects import FEATURE_NAMES, subject_features


def _cues(text: str, sign: str) -> set[str]:
    f = subject_features(text, [(0, len(text))], SIGN_IDS.index(sign))
    return {FEATURE_NAMES[j] for j in f.nonzero()[0]}


@pytest.mark.parametrize(
    ("text", "sign"),
    [
        ("I initiated and was rejected so many times this year.", "sexual_withholding"),
        ("I'm always ignored when I sit down next to my husband.", "withholds_affection"),
        ("Every time we talk, there's always something wrong I'm doing.", "blames_partner"),
        ("Nothing I do is ever good enough for her.", "blames_partner"),
    ],
)
def test_the_writer_on_the_receiving_end_is_marked(text: str, sign: str) -> None:
    assert "self_patient" in _cues(text, sign)


def test_the_unnamed_one_who_rejects_the_writer_acts_first() -> None:
    cues = _cues("I initiated and was rejected so many times this year.", "sexual_withholding")
    assert "first:third_partner" in cues and "first:i" not in cues


@pytest.mark.parametrize(
    "text",
    ["I rejected his offer to help and turned down the trip too.", "I ignored her texts all week."],
)
def test_the_writer_who_rejects_acts_first(text: str) -> None:
    cues = _cues(text, "sexual_withholding")
    assert "self_patient" not in cues and "first:i" in cues
