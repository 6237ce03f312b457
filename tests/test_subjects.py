"""The subject cues, read off the features the subject model weighs (no model needed)."""

from __future__ import annotations

import pytest

from intimacy_screen import SIGN_IDS
from intimacy_screen.subjects import FEATURE_NAMES, subject_features


def _cues(text: str, sign: str, terms: tuple[str, ...] | None = None) -> set[str]:
    f = subject_features(text, [(0, len(text))], SIGN_IDS.index(sign), terms=None if terms is None else [terms])
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


@pytest.mark.parametrize(
    ("text", "terms", "actor"),
    [
        # The when-clause's "he" reaches out; the writer changes the subject.
        ("Every time he brings up our future I change the subject.", ("change the subject",), "i"),
        ("When I try to open up, my husband changes the subject.", ("changes the subject",), "my_partner"),
        ("She said she needs space and I never push back.", ("needs space", "never push"), "third_partner"),
        # "i never ...": the term's own first word is the one who acts.
        ("My boyfriend says i never let him in.", ("i never let",), "i"),
        # Someone else's partner can act too.
        ("My sister's husband changes the subject when she cries.", ("changes the subject",), "my_other"),
    ],
)
def test_the_actor_is_who_does_what_weighed_most(text: str, terms: tuple[str, ...], actor: str) -> None:
    assert f"actor:{actor}" in _cues(text, "avoids_deep_talk", terms)


def test_no_actor_from_quoted_words_or_single_words() -> None:
    quoted = 'He told me "I love you" once in two years.'
    assert not any(c.startswith("actor:") for c in _cues(quoted, "withholds_affection", ("love you",)))
    assert not any(c.startswith("actor:") for c in _cues("I asked him twice.", "emotional_distance", ("asked",)))
    assert not any(c.startswith("actor:") for c in _cues("I asked him twice.", "emotional_distance"))


def test_a_when_clause_without_a_comma_is_skipped_to_the_main_clause() -> None:
    cues = _cues("Every time he tries to talk about moving in or our future I make a joke.", "avoids_deep_talk")
    assert "first:i" in cues and "first:third_partner" not in cues


@pytest.mark.parametrize(
    ("text", "feeler"),
    [
        ("She's convinced I'm going to leave her for someone at work.", "third_partner"),
        ("I'm sure he'll get bored of me and go.", "i"),
        ("My best friend thinks everyone in our group hates her.", "my_other"),
    ],
)
def test_the_feeler_is_who_holds_the_fear(text: str, feeler: str) -> None:
    assert f"feeler:{feeler}" in _cues(text, "fears_rejection")


@pytest.mark.parametrize(
    "text",
    [
        "My sister's husband lives in his shed every night and she barely sees him.",
        "my mate's girlfriend shuts down any time he raises where they're headed.",
        "Jonno\u2019s wife refuses every hug he offers.",
        "My brother-in-law blames my sister for every row they have.",
    ],
)
def test_someone_elses_partner_is_someone_else(text: str) -> None:
    cues = _cues(text, "withholds_affection")
    assert "first:my_other" in cues and not any(c.endswith("partner") for c in cues if c.startswith("first:"))


@pytest.mark.parametrize("text", ["She's so cold to me lately.", "It's date night and he's on his phone again."])
def test_contractions_are_not_possessives(text: str) -> None:
    cues = _cues(text, "emotional_distance")
    assert "any:my_other" not in cues and "first:third_partner" in cues
