"""Checks of the training corpus: schema, counts, spans, duplicates and originality."""

from __future__ import annotations

import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from intimacy_screen import SIGN_IDS
from intimacy_screen.training.data import read_labelled

from .conftest import CORPUS, ROOT, SHARED, jsonl

RECORDS = read_labelled([CORPUS])
RAW = jsonl(CORPUS)
WORD = re.compile(r"[a-z0-9']+")


def _runs(text: str) -> set[str]:
    """The 8-word runs of a text (lower case), the unit of the near-duplicate checks."""
    words = WORD.findall(text.lower())
    return {" ".join(words[j : j + 8]) for j in range(len(words) - 7)}


def test_schema_ids_and_styles() -> None:
    assert len({r["id"] for r in RAW}) == len(RAW)
    for r in RAW:
        assert r["source"] == "written for this project"
        assert r["style"] in {"forum_post", "forum_reply", "journal", "chat"}
        for label in r["signs"].values():
            assert label["evidence"], f"{r['id']}: a sign without evidence"


def test_counts_meet_the_corpus_bar() -> None:
    per_sign = Counter(s for r in RECORDS for s in r.signs)
    assert len(RECORDS) >= 4000
    assert min(per_sign[s] for s in SIGN_IDS) >= 250, per_sign
    assert sum(not r.signs for r in RECORDS) >= 2000
    assert sum(len(r.signs) >= 2 for r in RECORDS) >= 600
    assert sum(len(r.text.split()) > 150 for r in RECORDS) >= len(RECORDS) / 3


def test_evidence_spans_are_sentences_inside_the_text() -> None:
    for r in RECORDS:
        for spans in r.evidence.values():
            for s, e in spans:
                piece = r.text[s:e]
                assert piece == piece.strip() and any(c.isalpha() for c in piece), r.id


def test_no_exact_and_few_near_duplicates() -> None:
    keys = Counter(" ".join(r.text.lower().split()) for r in RECORDS)
    assert max(keys.values()) == 1
    owners: dict[str, set[int]] = {}
    for i, r in enumerate(RECORDS):
        for run in _runs(r.text):
            owners.setdefault(run, set()).add(i)
    shared = {i for ids in owners.values() if len(ids) > 1 for i in ids}
    assert len(shared) / len(RECORDS) < 0.02


@pytest.mark.skipif(not (SHARED / "tools" / "check_copied.py").is_file(), reason="../shared is not beside the repo")
def test_nothing_is_copied_from_shared() -> None:
    out = subprocess.run(
        [sys.executable, str(SHARED / "tools" / "check_copied.py"), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert out.returncode == 0, out.stdout


def test_corpus_file_is_utf8_with_unix_newlines() -> None:
    data = Path(CORPUS).read_bytes()
    assert b"\r\n" not in data.replace(b"\\r\\n", b"")
    data.decode("utf-8")


PAIRS_FILE = CORPUS.parent / "contrast_pairs.jsonl"


def test_contrast_pairs_alternate_and_share_wording_mostly_within_a_pair() -> None:
    pairs = read_labelled([PAIRS_FILE])
    assert len(pairs) >= 400 and len(pairs) % 2 == 0
    for pos, neg in zip(pairs[::2], pairs[1::2]):
        assert pos.signs and not neg.signs, (pos.id, neg.id)
        assert neg.twin_of == pos.id and not pos.twin_of, (pos.id, neg.id)
    owners: dict[str, set[int]] = {}
    for i, r in enumerate([*pairs, *RECORDS]):
        for run in _runs(r.text):
            owners.setdefault(run, set()).add(i)
    outside = {
        i
        for ids in owners.values()
        if len(ids) > 1 and not (len(ids) == 2 and min(ids) % 2 == 0 and max(ids) == min(ids) + 1 < len(pairs))
        for i in ids
    }
    # Twins share wording by design; stock phrases shared beyond a pair stay rare (6% when written).
    assert len(outside) / len(pairs) < 0.08, sorted(outside)


def test_evidence_check_names_sentences_of_texts_that_carry_the_sign() -> None:
    by_id = {r.id: r for r in RECORDS}
    checks = jsonl(CORPUS.parent / "review" / "evidence_check.jsonl")
    assert len(checks) > 3000
    for c in checks:
        rec = by_id[c["id"]]
        assert c["sign"] in rec.signs and c["sentence"] in rec.text and isinstance(c["carries"], bool), c["id"]


def test_behaviour_test_texts_are_not_in_the_training_data() -> None:
    """The behaviour sets measure; a training text that repeats one of them would inflate the figures."""
    train_runs = set().union(*(_runs(r.text) for r in [*RECORDS, *read_labelled([PAIRS_FILE])]))
    for name in ("negation_pairs.jsonl", "negation_pairs_2.jsonl", "short_statements.jsonl"):
        texts = [r.get(k) for r in jsonl(ROOT / "tests" / "data" / name) for k in ("text", "positive", "negative")]
        texts = [t for t in texts if t]
        sharing = sum(not _runs(t).isdisjoint(train_runs) for t in texts)
        # Only stock phrases ("asked me to be her maid of honour") are shared: about 5% of the texts.
        assert sharing / len(texts) < 0.1, name
