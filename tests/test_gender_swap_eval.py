"""The gender swap behind scripts/gender_swap_eval.py (the README's bias figures)."""

from __future__ import annotations

import importlib.util

import pytest

from .conftest import ROOT

_spec = importlib.util.spec_from_file_location("gender_swap_eval", ROOT / "scripts" / "gender_swap_eval.py")
assert _spec and _spec.loader
gender_swap_eval = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(gender_swap_eval)


@pytest.mark.parametrize(
    ("text", "swapped"),
    [
        ("My husband (34M) won't hug me.", "My wife (34F) won't hug me."),
        ("She keeps her phone face down.", "He keeps his phone face down."),
        ("I told her and she laughed.", "I told him and he laughed."),
        ("Her brother says HE is fine.", "His sister says SHE is fine."),
        ("My gf's mum thinks he'll leave.", "My bf's dad thinks she'll leave."),
    ],
)
def test_gendered_words_and_age_tags_swap_with_case_kept(text: str, swapped: str) -> None:
    assert gender_swap_eval.swap_gender(text) == swapped


def test_text_without_gendered_words_is_unchanged() -> None:
    text = "We haven't talked properly in months, and I (30) keep cancelling on friends."
    assert gender_swap_eval.swap_gender(text) == text
