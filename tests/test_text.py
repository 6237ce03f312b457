from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from intimacy_screen.text import (
    NAME_TOKEN,
    char_features,
    char_words,
    restore_apostrophes,
    sentence_spans,
    tokens,
    word_features,
)


def sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in sentence_spans(text)]


def test_splits_on_punctuation_and_line_breaks() -> None:
    text = "We met in 2019. He was sweet!\nNow he barely looks at me?? idk"
    assert sentences(text) == ["We met in 2019.", "He was sweet!", "Now he barely looks at me??", "idk"]


def test_abbreviations_and_initials_do_not_end_a_sentence() -> None:
    assert sentences("Dr. Patel said we should talk. J. K. agreed.") == [
        "Dr. Patel said we should talk.",
        "J. K. agreed.",
    ]


def test_quoted_reply_lines_lose_the_marker_but_keep_offsets() -> None:
    text = "> he never talks to me\n\nThat sounds lonely."
    assert sentences(text) == ["he never talks to me", "That sounds lonely."]


def test_crlf_tabs_and_unicode_offsets_slice_exactly() -> None:
    text = "Caf\u00e9 night \U0001f600.\r\n\tHe left early again.\r\nEDIT: typo"
    spans = sentence_spans(text)
    assert [text[s:e] for s, e in spans] == ["Caf\u00e9 night \U0001f600.", "He left early again.", "EDIT: typo"]


def test_run_on_text_is_cut_into_pieces() -> None:
    text = ", ".join(["we went to the shop and bought some bread and milk for the week"] * 8)
    pieces = sentences(text)
    assert len(pieces) > 1
    assert all(len(p.split()) <= 45 for p in pieces)


@given(st.text(max_size=400))
def test_spans_always_slice_the_text(text: str) -> None:
    last = 0
    for s, e in sentence_spans(text):
        assert last <= s < e <= len(text)
        assert text[s:e] == text[s:e].strip()
        last = e


def test_negation_marks_words_in_scope_until_punctuation_or_but() -> None:
    assert tokens("He never hugs me. We laugh") == ["he", "never", "hugs_NEG", "me_NEG", "we", "laugh"]
    assert tokens("I don't mind but he never calls") == [
        "i", "don't", "mind_NEG", "but", "he", "never", "calls_NEG",
    ]  # fmt: skip


def test_hypothetical_frames_mark_their_clause() -> None:
    assert tokens("What if I push him away, I did it before") == [
        "what", "if", "i_HYP", "push_HYP", "him_HYP", "away_HYP", "i", "did", "it", "before",
    ]  # fmt: skip
    assert "leave_HYP" in tokens("I'm scared that he might leave")
    assert "leave" in tokens("He is going to leave")


@pytest.mark.parametrize(
    "sentence",
    ["i didn't like this movie", "he never wants to talk about us", "we don't hug anymore and it hurts"],
)
def test_negation_agrees_with_nltk_mark_negation(sentence: str) -> None:
    from nltk.sentiment.util import mark_negation

    assert tokens(sentence) == mark_negation(sentence.split())


def test_feature_analyzers() -> None:
    assert "never talk_NEG" in word_features("we never talk")
    assert " hi " in char_features("hi")


def test_given_names_become_one_placeholder_word_and_no_character_grams() -> None:
    feats = word_features("whenever Tom asks, Priya's mum never calls Tom")
    assert {NAME_TOKEN, f"whenever {NAME_TOKEN}", f"{NAME_TOKEN}'s", f"calls_NEG {NAME_TOKEN}_NEG"} <= set(feats)
    assert not {"tom", "priya's"} & set(feats)
    assert char_words("(Tom's) car tomorrow, Tom.") == ["car", "tomorrow,"]
    # Words that are also names of people in English ("will", "may", "grace") stay words.
    assert {"will", "may", "grace"} <= set(word_features("will may grace"))
    # Models made before version 0.5 read names as words.
    assert "tom" in word_features("Tom", names=False) and char_words("Tom", names=False) == ["tom"]


def test_bare_contractions_get_their_apostrophe_back_and_words_do_not() -> None:
    assert restore_apostrophes("im sure he doesnt care, thats what hes like") == (
        "i'm sure he doesn't care, that's what he's like"
    )
    assert (
        restore_apostrophes("its fine, ill be well, were we? cant wont")
        == "its fine, ill be well, were we? can't won't"
    )
    assert tokens("he dont hug me") == tokens("he don't hug me") == ["he", "don't", "hug_NEG", "me_NEG"]
    assert tokens("he dont hug me", apostrophes=False) == ["he", "dont", "hug_NEG", "me_NEG"]
    assert char_words("Im FINE") == ["i'm", "fine"] and char_words("Im", apostrophes=False) == ["im"]
