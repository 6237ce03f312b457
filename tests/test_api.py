from __future__ import annotations

import json
from concurrent.futures import ThreadPoolExecutor

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import intimacy_screen as isc
from intimacy_screen import SIGN_IDS, InvalidInputError, Screener, ScreenResult, UnknownProfileError, UnknownSignError

POSITIVE = "My husband changes the subject every single time I try to talk about how lonely I feel in our marriage."


def test_sign_ids_are_the_taxonomy_ids_in_order() -> None:
    assert SIGN_IDS == (
        "avoids_deep_talk", "withholds_affection", "hides_in_distractions", "emotional_distance",
        "sexual_withholding", "blames_partner", "fears_vulnerability", "fears_rejection",
        "sabotages_closeness", "withdraws_socially",
    )  # fmt: skip


def test_screen_returns_one_result_per_sign() -> None:
    res = isc.screen(POSITIVE)
    assert isinstance(res, ScreenResult)
    assert [r.sign for r in res.results] == list(SIGN_IDS)
    assert all(0.0 <= r.score <= 1.0 for r in res.results)
    assert res["avoids_deep_talk"].present
    assert res["avoids_deep_talk"].subjects == ("partner",)
    assert res.text is None


def test_record_follows_the_contract() -> None:
    res = isc.screen(POSITIVE)
    rec = json.loads(json.dumps(res.to_dict(id="p1")))
    assert rec["id"] == "p1"
    assert set(rec["scores"]) == set(SIGN_IDS)
    assert rec["model"] == res.model
    assert "text" not in rec
    scores = [s["score"] for s in rec["signs"]]
    assert scores == sorted(scores, reverse=True)
    for s in rec["signs"]:
        assert s["sign"] in SIGN_IDS and s["subjects"]
        for e in s["evidence"]:
            assert POSITIVE[e["start"] : e["end"]].strip()
            assert 0 <= e["score"] <= 1


def test_evidence_is_the_telling_sentence() -> None:
    text = "We moved to Leeds last spring. The flat is small but nice. " + POSITIVE + " Anyway the cat is fine."
    res = isc.screen(text, keep_text=True)
    assert res.evidence_text("avoids_deep_talk")[0] == POSITIVE


def test_screen_many_keeps_order_and_length() -> None:
    texts = ["We had a lovely weekend hiking and talked for hours.", POSITIVE, "", "   "]
    results = isc.screen_many(texts)
    assert len(results) == 4
    assert results[1]["avoids_deep_talk"].present
    assert not results[0].any_sign and not results[2].any_sign and not results[3].any_sign
    assert [r.to_dict() for r in results] == [isc.screen(t).to_dict() for t in texts]


@pytest.mark.parametrize("bad", [None, b"bytes", 42, ["a list"]])
def test_non_string_input_raises_own_error(bad: object) -> None:
    with pytest.raises(InvalidInputError):
        isc.screen(bad)  # type: ignore[arg-type]
    with pytest.raises(TypeError):  # also a TypeError for generic handlers
        isc.screen_many(["ok", bad])  # type: ignore[list-item]


def test_unknown_sign_and_profile() -> None:
    with pytest.raises(UnknownSignError):
        isc.screen("hello")["not_a_sign"]
    with pytest.raises(UnknownProfileError):
        isc.screen("hello", profile="reckless")


def test_profiles_order_thresholds() -> None:
    s = {
        p: Screener(profile=p).screen(POSITIVE)["avoids_deep_talk"].threshold
        for p in ("sensitive", "balanced", "precise")
    }
    assert s["sensitive"] <= s["balanced"] <= s["precise"]


def test_own_thresholds_replace_the_profile_for_those_signs() -> None:
    text = "My husband is emotionally distant."
    base = Screener().screen(text)["emotional_distance"]
    low = round(base.score / 2, 6)
    custom = Screener(thresholds={"emotional_distance": low})
    res = custom.screen(text)
    assert res["emotional_distance"].present and res["emotional_distance"].threshold == low
    assert res["emotional_distance"].evidence and res.profile == "balanced+custom"
    assert res["fears_rejection"].threshold == Screener().thresholds["fears_rejection"]
    assert custom.thresholds["emotional_distance"] == low
    assert Screener(thresholds={"emotional_distance": 1.0}).screen(POSITIVE)["emotional_distance"].present is False


@pytest.mark.parametrize("bad", [-0.1, 1.5, float("nan"), "0.3", None, True])
def test_bad_thresholds_raise_own_errors(bad: object) -> None:
    with pytest.raises(isc.InvalidThresholdError):
        Screener(thresholds={"emotional_distance": bad})  # type: ignore[dict-item]
    with pytest.raises(UnknownSignError):
        Screener(thresholds={"distance": 0.3})


@pytest.mark.parametrize(
    "text",
    [
        "Mi marido nunca quiere hablar de lo que siento y siempre cambia de tema cuando lo intento.",
        "Hola, ¿cómo estás? Mi novio no me habla.",
        "Mon mari ne me parle plus et je suis triste.",
        "Mein Mann redet nicht mit mir und ich bin traurig.",
        "Мой муж не разговаривает со мной.",
    ],
)
def test_non_english_gets_no_signs(text: str) -> None:
    res = isc.screen(text)
    assert not res.english and not res.any_sign and res.triage_score == 0.0


def test_triage_score_orders_sign_texts_above_sign_free_ones() -> None:
    texts = [
        "We went to the beach with the kids and had ice cream, best day in ages.",
        "My boss keeps moving my deadlines and I am exhausted.",
        "He hasn't hugged me in months and goes stiff when I touch him.",
        "Every time a relationship starts going well I pick a fight and end it before they can leave me.",
    ]
    scores = [r.triage_score for r in isc.screen_many(texts)]
    assert all(s is not None and 0.0 <= s <= 1.0 for s in scores)
    assert max(scores[:2]) < 0.2 < 0.8 < min(scores[2:])  # type: ignore[operator]
    record = isc.screen(texts[2]).to_dict()
    assert record["triage_score"] == round(scores[2], 4)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    "text",
    [
        # Short plain lines may hold few or no common function words.
        "Your husband clearly dodges any real talk about your marriage.",
        "Your boyfriend sounds emotionally unavailable, honestly.",
        "Emotionally distant husband, exhausted wife.",
        "He said 谢谢 at the door and left again without a word to me.",
    ],
)
def test_short_english_lines_are_screened(text: str) -> None:
    assert isc.screen(text).english


def test_large_text_is_screened_whole() -> None:
    filler = "We went to the market on Saturday and bought apples, bread and flowers for the table. " * 400
    text = filler + POSITIVE + " " + filler
    res = isc.screen(text, keep_text=True)
    assert res["avoids_deep_talk"].present
    assert POSITIVE in res.evidence_text("avoids_deep_talk")


def test_long_texts_in_a_batch_give_the_same_results_as_alone() -> None:
    # Texts over 60 sentences are read in windows by the whole-text scorer; batching must not mix them up.
    journal = "Long day. Fed the cat. Work was fine. " * 40 + POSITIVE
    texts = ["We split the rent fifty-fifty.", journal, POSITIVE, journal[::-1], "He hasn't hugged me in months."]
    batch = [r.to_dict() for r in isc.screen_many(texts)]
    assert batch == [isc.screen(t).to_dict() for t in texts]
    assert isc.screen_many(texts)[1]["avoids_deep_talk"].present


def test_concurrent_calls_match_serial() -> None:
    texts = [POSITIVE, "He hasn't hugged me in months.", "We split the rent fifty-fifty.", "I push people away."] * 10
    serial = [r.to_dict() for r in isc.screen_many(texts)]
    with ThreadPoolExecutor(max_workers=8) as pool:
        parallel = list(pool.map(lambda t: isc.screen(t).to_dict(), texts))
    assert parallel == serial


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=300))
def test_any_text_gives_a_valid_result(text: str) -> None:
    res = isc.screen(text)
    for r in res.results:
        assert 0.0 <= r.score <= 1.0
        for e in r.evidence:
            assert 0 <= e.start < e.end <= len(text)
    json.dumps(res.to_dict())


def test_control_characters_and_surrogates_do_not_crash() -> None:
    for text in ["\x00\x01 he never\x07 talks", "\ud800 lone surrogate", "\u202e reversed", "\U0001f494" * 50]:
        isc.screen(text)
