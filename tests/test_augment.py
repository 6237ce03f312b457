"""Gender-swapped training copies: the swap itself, and labels that follow the text."""

from __future__ import annotations

import pytest

from intimacy_screen.training.augment import SWAPPED_SUFFIX, gender_swapped, swap_gender
from intimacy_screen.training.data import LabelledText


@pytest.mark.parametrize(
    ("text", "swapped"),
    [
        ("My husband (34M) won't hug me.", "My wife (34F) won't hug me."),
        ("She keeps her phone face down.", "He keeps his phone face down."),
        ("I told her and she laughed.", "I told him and he laughed."),
        ("Her brother says HE is fine.", "His sister says SHE is fine."),
        ("My gf's mum thinks he'll leave.", "My bf's dad thinks she'll leave."),
        ("I said I loved her\n\nFour times now.", "I said I loved him\n\nFour times now."),
    ],
)
def test_gendered_words_and_age_tags_swap_with_case_kept(text: str, swapped: str) -> None:
    assert swap_gender(text)[0] == swapped


def test_text_without_gendered_words_is_unchanged() -> None:
    text = "We haven't talked properly in months, and I (30) keep cancelling on friends."
    assert swap_gender(text)[0] == text
    assert gender_swapped([LabelledText("w1-0001", text, {})]) == []


def test_copies_keep_labels_and_evidence_slices_the_same_sentence() -> None:
    text = "Long week. My girlfriend (29F) pulls away when I hug her. She says she's tired."
    start = text.index("My girlfriend")
    end = text.index(" She says")
    sign = LabelledText(
        "w9-0004", text, {"withholds_affection": ("partner",)}, {"withholds_affection": ((start, end),)}
    )
    twin = LabelledText("w9-0005", text.replace("pulls away", "leans in"), {}, twin_of="w9-0004")
    copy, twin_copy = gender_swapped([sign, twin])
    a, b = copy.evidence["withholds_affection"][0]
    assert copy.text[a:b] == "My boyfriend (29M) pulls away when I hug him."
    assert copy.subjects == sign.subjects
    assert copy.id == "w9-0004" + SWAPPED_SUFFIX
    assert twin_copy.twin_of == copy.id  # a swapped pair stays a pair
