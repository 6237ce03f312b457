"""The corpus builder: inline markup to records, and second readers' evidence checks."""

from __future__ import annotations

import importlib.util
import json
from pathlib import Path

import pytest

from .conftest import ROOT

_spec = importlib.util.spec_from_file_location("build_corpus", ROOT / "scripts" / "build_corpus.py")
assert _spec and _spec.loader
build_corpus = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(build_corpus)

DRAFT = """### forum_post
[[emotional_distance:partner| My wife (40F) acts like a stranger lately]]

We share a house and nothing else. [[emotional_distance:partner| She answers in one word and looks past me.]]
TL;DR she checked out and I don't know why
"""


@pytest.fixture()
def records(tmp_path: Path) -> list[dict]:
    path = tmp_path / "w99.txt"
    path.write_text(DRAFT, encoding="utf-8")
    return build_corpus.parse_draft(path)


def test_markup_becomes_spans_and_a_leading_evidence_keeps_no_space(records: list[dict]) -> None:
    (rec,) = records
    assert rec["id"] == "w99-0001" and rec["style"] == "forum_post"
    text = rec["text"]
    assert text.startswith("My wife (40F)")
    pieces = [text[s:e] for s, e in rec["signs"]["emotional_distance"]["evidence"]]
    assert pieces == ["My wife (40F) acts like a stranger lately", "She answers in one word and looks past me."]


def test_evidence_checks_add_only_sentences_marked_as_carrying(records: list[dict], tmp_path: Path) -> None:
    checks = tmp_path / "check.jsonl"
    items = [
        {"id": "w99-0001", "sign": "emotional_distance", "sentence": "TL;DR she checked out and I don't know why", "carries": True},
        {"id": "w99-0001", "sign": "emotional_distance", "sentence": "We share a house and nothing else.", "carries": False},
    ]  # fmt: skip
    checks.write_text("".join(json.dumps(i) + "\n" for i in items), encoding="utf-8")
    assert build_corpus.apply_evidence_checks(records, [checks]) == 1
    text = records[0]["text"]
    pieces = [text[s:e] for s, e in records[0]["signs"]["emotional_distance"]["evidence"]]
    assert pieces[-1] == "TL;DR she checked out and I don't know why" and len(pieces) == 3
    assert build_corpus.apply_evidence_checks(records, [checks]) == 0  # already there: nothing added twice


@pytest.mark.parametrize(
    ("sign", "sentence", "message"),
    [
        ("withholds_affection", "We share a house and nothing else.", "does not carry"),
        ("emotional_distance", "A sentence that is not there.", "not found"),
    ],
)
def test_evidence_checks_refuse_what_does_not_fit(
    records: list[dict], tmp_path: Path, sign: str, sentence: str, message: str
) -> None:
    checks = tmp_path / "check.jsonl"
    checks.write_text(json.dumps({"id": "w99-0001", "sign": sign, "sentence": sentence, "carries": True}) + "\n")
    with pytest.raises(ValueError, match=message):
        build_corpus.apply_evidence_checks(records, [checks])
