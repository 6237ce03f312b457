"""Behaviour of the shipped model on texts whose answers people agree on."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import pytest

import intimacy_screen as isc
from intimacy_screen.training.evaluate import pair_report

DATA = Path(__file__).parent / "data"
PAIRS = [json.loads(line) for line in (DATA / "negation_pairs.jsonl").read_text(encoding="utf-8").splitlines()]
#: A second, larger negation-pair set (300 pairs, 30 per sign, 6 per kind), written by two writers who saw
#: no training text, and labelled again by a blind reader (``negation_pairs_2_review.jsonl``).
PAIRS_2 = [json.loads(line) for line in (DATA / "negation_pairs_2.jsonl").read_text(encoding="utf-8").splitlines()]
REVIEW_2 = [
    json.loads(line) for line in (DATA / "negation_pairs_2_review.jsonl").read_text(encoding="utf-8").splitlines()
]
#: Share of (sign, negated twin) pairs that must both be right: the 90% of issue #5. 0.8.0 gets 55 of 60 at
#: training seeds 13, 14 and 15 (0.7.0 got 48-52), after a third round of minimal-pair twins.
PAIR_BAR = 54 / 60
#: A regression guard on the second set, whose 300 pairs measure with less noise: 0.8.0 gets 244-245 of 300
#: at seeds 13-15 (0.7.0: 232-235).
PAIR_2_BAR = 0.8
#: One-line statements written for the project: 70 name a sign plainly ("my husband is emotionally
#: distant"), 50 use the same kind of words out of scope. The shipped model finds about two thirds of the
#: signs (see the README's limits); these bars keep it from getting worse.
SHORT = [json.loads(line) for line in (DATA / "short_statements.jsonl").read_text(encoding="utf-8").splitlines()]
SHORT_FOUND_BAR, SHORT_FALSE_ALARM_BAR, SHORT_SUBJECT_BAR = 0.6, 0.1, 0.85
#: Every behaviour text with the sign it is about.
_ITEMS = [(p[key], p["sign"]) for p in PAIRS for key in ("positive", "negative")] + [
    (s["text"], s["sign"]) for s in SHORT
]


def test_negation_pair_set_covers_every_sign() -> None:
    assert len(PAIRS) >= 40
    assert {p["sign"] for p in PAIRS} == set(isc.SIGN_IDS)


def test_second_pair_set_is_balanced_and_agrees_with_its_blind_reader() -> None:
    cells = Counter((p["sign"], p["kind"]) for p in PAIRS_2)
    assert set(cells) == {
        (s, k) for s in isc.SIGN_IDS for k in ("negated", "denied", "hypothetical", "question", "one_off")
    }
    assert set(cells.values()) == {6}
    assert len(REVIEW_2) == len(PAIRS_2)
    for p, r in zip(PAIRS_2, REVIEW_2):
        assert p["sign"] in r["positive_signs"] and not r["negative_signs"], r["pair"]
    same_subject = sum(r["positive_signs"][p["sign"]] == [p["subject"]] for p, r in zip(PAIRS_2, REVIEW_2))
    assert same_subject == len(PAIRS_2)  # the two disagreements were adjudicated in the reader's favour


@pytest.mark.parametrize(("pairs", "bar"), [(PAIRS, PAIR_BAR), (PAIRS_2, PAIR_2_BAR)], ids=["set1", "set2"])
def test_negated_denied_and_hypothetical_twins_do_not_raise_the_sign(pairs: list[dict[str, str]], bar: float) -> None:
    rep = pair_report(isc.Screener(), pairs)
    assert rep["right"] / rep["n"] >= bar


def test_short_plain_statements_regression_bars() -> None:
    assert len(SHORT) == 120 and {r["sign"] for r in SHORT} == set(isc.SIGN_IDS)
    results = isc.screen_many([r["text"] for r in SHORT])
    signs = [(r, res[r["sign"]]) for r, res in zip(SHORT, results) if r["present"]]
    found = [(r, s) for r, s in signs if s.present]
    alarms = [res.any_sign for r, res in zip(SHORT, results) if not r["present"]]
    assert len(found) / len(signs) >= SHORT_FOUND_BAR
    assert sum(alarms) / len(alarms) <= SHORT_FALSE_ALARM_BAR
    assert sum(s.subjects == (r["subject"],) for r, s in found) / len(found) >= SHORT_SUBJECT_BAR


@pytest.mark.parametrize(
    ("text", "sign", "subjects"),
    [
        (
            "My husband changes the subject every single time I try to talk about how lonely I feel.",
            "avoids_deep_talk",
            ("partner",),
        ),
        (
            "He hasn't hugged or kissed me in months and goes stiff when I touch his arm.",
            "withholds_affection",
            ("partner",),
        ),
        (
            "She is on her phone every evening until midnight and barely looks up when I talk to her.",
            "hides_in_distractions",
            ("partner",),
        ),
        (
            "My girlfriend has turned down sex for over a year now and says she is tired every single time.",
            "sexual_withholding",
            ("partner",),
        ),
        (
            "I have never been able to tell anyone how I feel, I just freeze and change the topic.",
            "fears_vulnerability",
            ("self",),
        ),
        (
            "Every time a relationship starts going well I pick a fight and end it before they can leave me.",
            "sabotages_closeness",
            ("self",),
        ),
        # Fearing rejection is told as anticipation ("I'm convinced she's about to ..."): still a sign.
        (
            "Whenever my girlfriend goes quiet I'm convinced she's about to dump me, and I spend the whole night "
            "rereading our messages.",
            "fears_rejection",
            ("self",),
        ),
        # The writer on the receiving end: the sign is the partner's, though "I" comes first.
        (
            "Whenever I try to tell him something bothers me, somehow I'm always the one at fault and he never says sorry.",
            "blames_partner",
            ("partner",),
        ),
        (
            "Every time I reach for her in bed I get turned down, and it's been like that for over a year.",
            "sexual_withholding",
            ("partner",),
        ),
    ],
)
def test_clear_signs_are_found_with_their_subject(text: str, sign: str, subjects: tuple[str, ...]) -> None:
    res = isc.screen(text)
    assert res[sign].present
    assert res[sign].subjects == subjects


@pytest.mark.parametrize(
    "text",
    [
        "We argued about whether to spend Christmas with his parents or mine, and settled on alternating years.",
        "I found out he cheated on me with a coworker last month and I don't know if I can forgive him.",
        "Got rejected from another job today. Three interviews and nothing. My girlfriend took me out for pizza to cheer me up.",
        "Our rent went up again and we're trying to work out a budget together.",
        "My wife and I talk about everything, even the hard stuff, and she still holds my hand on every walk.",
    ],
)
def test_out_of_scope_and_happy_texts_get_no_sign(text: str) -> None:
    assert isc.screen(text).signs == []


def test_subject_comes_from_the_first_evidence_sentence_that_names_anyone() -> None:
    text = (
        "journal, tuesday. did it again. things with sam were going really well so of course i started a "
        "stupid fight about the dishes and told him maybe we should take a break. i always do this right when "
        "it gets good."
    )
    res = isc.screen(text)["sabotages_closeness"]
    # The strongest sentence ("did it again.") says nothing of who acts; the next ones do.
    assert res.present and res.subjects == ("self",)


@pytest.mark.parametrize(
    ("text", "sign", "subject"),
    [
        # Whoever is in a when-clause reaches out; the main clause says who avoids.
        ("Every time I bring up our future, my boyfriend changes the subject or makes a joke.", "avoids_deep_talk", "partner"),
        ("Whenever I try to talk about us, my husband changes the subject.", "avoids_deep_talk", "partner"),
        ("Every time he tries to talk about moving in or our future I change the subject or make a joke.", "avoids_deep_talk", "self"),
        ("Whenever my girlfriend asks what's wrong I say I'm fine and change the subject.", "avoids_deep_talk", "self"),
        # A fear belongs to whoever holds it, not to the one it is about.
        ("My girlfriend is convinced I'm going to leave her, she panics whenever I'm out with friends.", "fears_rejection", "partner"),
        ("He's sure I'll get bored of him one day, and nothing I say changes that.", "fears_rejection", "partner"),
        ("I'm always convinced my boyfriend is about to leave me.", "fears_rejection", "self"),
    ],
)  # fmt: skip
def test_the_subject_is_who_does_or_holds_it(text: str, sign: str, subject: str) -> None:
    res = isc.screen(text)[sign]
    assert res.present and res.subjects == (subject,)


def test_the_name_of_the_person_a_text_is_about_does_not_change_its_result() -> None:
    # Before version 0.5 the first line was tagged for some friends' names and not for others.
    texts = [
        "I keep cancelling on {} and the others, and then I sit at home alone.",
        "Whenever {} asks how I'm really doing I change the subject.",
        "{} and I went to the market on Saturday.",
    ]
    names = ["Tom", "Priya", "Jess", "Mohammed", "Siobhan", "Dan", "Keiko", "Oluwaseun"]
    for template in texts:
        seen = {
            (tuple(r.scores.items()), tuple((s.sign, s.subjects, tuple(e.terms for e in s.evidence)) for s in r.signs))
            for r in isc.screen_many([template.format(n) for n in names])
        }
        assert len(seen) == 1, template  # evidence offsets differ only by the names' lengths


def test_the_gender_of_the_people_in_a_text_barely_changes_its_result() -> None:
    # Version 0.5 moved these scores by 0.021 on average and changed 5 tags; gender-balanced
    # training (0.6) brought that to 0.005 and 2.
    from intimacy_screen.training.evaluate import rewrite_report

    rep = rewrite_report(isc.Screener(), _ITEMS, "gender")
    assert rep["n_rewritten"] > 150
    assert rep["all"]["mean"] < 0.01 and rep["all"]["flips"] <= 3


def test_case_and_missing_apostrophes_barely_change_a_result() -> None:
    # "dont", "im", "hes": the word and character features restore the apostrophe (since 0.7). Typed without
    # apostrophes, these texts moved by 0.029 on average in 0.6 and 6 tags changed; 0.7 gives 0.009 and 1
    # (what is left: "i'll" -> "ill" and "it's" -> "its" are words, so they stay as typed).
    from intimacy_screen.training.evaluate import rewrite_report

    screener = isc.Screener()
    assert rewrite_report(screener, _ITEMS, "lower-case")["all"]["flips"] == 0
    rep = rewrite_report(screener, _ITEMS, "no-apostrophes")
    assert rep["n_rewritten"] > 100
    assert rep["all"]["mean"] < 0.015 and rep["all"]["flips"] <= 2
