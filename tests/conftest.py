from __future__ import annotations

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "training_data" / "corpus.jsonl"
SHARED = ROOT.parent / "shared"


@pytest.fixture(scope="session")
def tiny_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A small slice of the corpus and the contrastive pairs (every 8th text or pair) to train quickly in tests."""
    lines = CORPUS.read_text(encoding="utf-8").splitlines()
    pairs = (CORPUS.parent / "contrast_pairs.jsonl").read_text(encoding="utf-8").splitlines()
    lines = lines[::8] + [line for i in range(0, len(pairs), 16) for line in pairs[i : i + 2]]
    path = tmp_path_factory.mktemp("data") / "tiny.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.fixture(scope="session")
def tiny_model_dir(tiny_corpus: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    from intimacy_screen.training.pipeline import run_training

    out = tmp_path_factory.mktemp("model")
    run_training([tiny_corpus], out, seed=7)
    return out


def jsonl(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
