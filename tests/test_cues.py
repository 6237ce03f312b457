from __future__ import annotations

import pytest

from intimacy_screen import cues
from intimacy_screen.text import sentence_spans

from .conftest import CORPUS, jsonl


def ungated(sentence: str) -> list[str]:
    """The cue tokens computed without the keyword gates."""
    text = sentence.translate(cues._QUOTES).lower()
    hyp = bool(cues._HYPOTHETICAL.search(text))
    out = []
    for sign, rx in cues._COMPILED.items():
        m = rx.search(text)
        if m:
            negated = bool(cues._NEGATED.search(text, max(0, m.start() - 40), m.start()))
            out.append(f"{'cueneg' if negated or hyp else 'cue'}:{sign}")
    out += ["scope:hypothetical"] * hyp
    out += ["scope:question"] * text.rstrip().endswith("?")
    out += ["scope:pattern"] * bool(cues._PATTERN.search(text))
    return out


def test_gates_never_change_the_result_on_the_corpus() -> None:
    rows = jsonl(CORPUS)[::5]
    sentences = [r["text"][s:e] for r in rows for s, e in sentence_spans(r["text"])]
    assert len(sentences) > 5000
    for sent in sentences:
        assert cues.cue_features(sent) == ungated(sent), sent


def test_gate_words_of_the_whole_text_give_the_same_tokens() -> None:
    texts = [r["text"] for r in jsonl(CORPUS)[1::7]] + [
        "Ｉ NEVER talk to him, İ know… he’s cold.\nWhat if I push her away?"
    ]
    for text in texts:
        gates = cues.gate_words(text)
        for s, e in sentence_spans(text):
            assert cues.cue_features(text[s:e], gates) == cues.cue_features(text[s:e]), text[s:e]


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("It feels like we're roommates at this point.", "cue:emotional_distance"),
        ("I'm not pushing her away.", "cueneg:sabotages_closeness"),
        ("What if I push him away?", "cueneg:sabotages_closeness"),
        ("She said it was all my fault that we were late, like always.", "cue:blames_partner"),
        ("We haven't had sex in eight months.", "cue:sexual_withholding"),
    ],
)
def test_cue_tokens(sentence: str, expected: str) -> None:
    assert expected in cues.cue_features(sentence)


def test_self_blame_is_not_a_blaming_cue() -> None:
    assert not any(t.endswith("blames_partner") for t in cues.cue_features("I blame myself, it was my fault."))
