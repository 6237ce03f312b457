from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from intimacy_screen import DataError, Screener, UnknownSignError
from intimacy_screen.cli import main
from intimacy_screen.training.data import read_labelled
from intimacy_screen.training.evaluate import average_precision, bootstrap_intervals, evaluate, pair_report
from intimacy_screen.training.pipeline import run_training
from intimacy_screen.training.train import TrainConfig, contrast_sentences, train

pytestmark = pytest.mark.slow


def test_train_writes_a_loadable_measured_model(tiny_model_dir: Path) -> None:
    meta = json.loads((tiny_model_dir / "model.json").read_text())
    assert meta["seed"] == 7 and len(meta["data_fingerprint"]) == 64
    # The version names the data, the seed and the weights.
    data, seed, weights = meta["model_version"].split("-")
    assert data == meta["data_fingerprint"][:10] and seed == "s7" and len(weights) == 6
    assert set(meta["cross_validation"]["per_sign"]) and meta["cross_validation"]["macro_f1"] > 0.2
    # Gender-balanced by default: the texts with gendered words were also trained on swapped.
    assert meta["config"]["gender_balance"] is True and 0 < meta["n_gender_swapped"] <= meta["n_texts"]
    res = Screener.from_path(tiny_model_dir).screen("My wife never wants sex anymore, it's been a year.")
    assert 0 <= res["sexual_withholding"].score <= 1


def test_same_seed_gives_same_predictions(tiny_corpus: Path, tiny_model_dir: Path, tmp_path: Path) -> None:
    run_training([tiny_corpus], tmp_path / "again", seed=7)
    texts = [json.loads(line)["text"] for line in tiny_corpus.read_text().splitlines()[:60]]
    a = Screener.from_path(tiny_model_dir).screen_many(texts)
    b = Screener.from_path(tmp_path / "again").screen_many(texts)
    assert [r.to_dict() for r in a] == [r.to_dict() for r in b]


def test_train_and_evaluate_from_the_cli(
    tiny_corpus: Path, tiny_model_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    simple = tmp_path / "simple.jsonl"
    simple.write_text(
        json.dumps(
            {
                "id": "s1",
                "text": "He never talks to me about anything real.",
                "signs": {"avoids_deep_talk": ["partner"]},
            }
        )
        + "\n"
        + json.dumps({"id": "s2", "text": "We bought a sofa.", "signs": {}})
        + "\n"
    )
    assert main(["evaluate", "--data", str(simple), "--model", str(tiny_model_dir), "--json"]) == 0
    rep = json.loads(capsys.readouterr().out)
    for key in (
        "per_sign",
        "macro_f1",
        "micro_f1",
        "any_sign",
        "sign_free_tagged",
        "subject_accuracy",
        "brier",
        "ece",
        "confusion",
    ):
        assert key in rep
    assert rep["n_texts"] == 2


def test_evaluate_counts_are_right() -> None:
    assert average_precision(np.array([0.9, 0.8, 0.1]), np.array([1, 0, 1])) == pytest.approx((1 + 2 / 3) / 2)


def test_bootstrap_intervals_hold_the_point_figure_and_narrow_with_more_texts() -> None:
    rng = np.random.default_rng(1)
    truth = rng.random((400, 10)) < 0.1
    scores = np.clip(truth * 0.4 + rng.random((400, 10)) * 0.6, 0, 1)
    pred = scores >= 0.5
    small = bootstrap_intervals(scores[:100], pred[:100], truth[:100], rounds=300)
    large = bootstrap_intervals(scores, pred, truth, rounds=300)
    assert small == bootstrap_intervals(scores[:100], pred[:100], truth[:100], rounds=300)  # seeded
    macro = np.mean([2 * (pred[:, k] & truth[:, k]).sum() / (pred[:, k].sum() + truth[:, k].sum()) for k in range(10)])
    assert large["macro_f1"][0] < macro < large["macro_f1"][1]
    for key in ("macro_f1", "any_sign_f1", "mean_average_precision"):
        lo, hi = large[key]
        assert 0 <= lo < hi <= 1
        assert hi - lo < small[key][1] - small[key][0]


def test_data_errors_name_file_and_line(tmp_path: Path) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text('{"id": 1, "text": "ok", "signs": {}}\n{"id": 2, "text": "x", "signs": {"made_up": ["self"]}}\n')
    with pytest.raises(DataError, match=r"bad.jsonl:2: unknown sign id 'made_up'"):
        read_labelled([bad])
    bad.write_text(
        '{"id": 1, "text": "ok", "signs": {"fears_rejection": {"subjects": ["self"], "evidence": [[0, 99]]}}}\n'
    )
    with pytest.raises(DataError, match="bad.jsonl:1: evidence"):
        read_labelled([bad])
    bad.write_text('{"id": 1, "text": "ok"}\n{"id": 1, "text": "again"}\n')
    with pytest.raises(DataError, match="duplicate id"):
        read_labelled([bad])
    assert main(["train", "--data", str(bad), "--output", str(tmp_path / "m")]) == 1


def test_twin_of_must_name_a_sign_free_twin_of_a_known_text(tmp_path: Path) -> None:
    bad = tmp_path / "pairs.jsonl"
    bad.write_text('{"id": "a", "text": "ok"}\n{"id": "b", "text": "ok too", "twin_of": "zzz"}\n')
    with pytest.raises(DataError, match="pairs.jsonl:2: 'twin_of' names 'zzz'"):
        read_labelled([bad])
    bad.write_text(
        '{"id": "a", "text": "ok"}\n{"id": "b", "text": "x", "twin_of": "a", "signs": {"fears_rejection": ["self"]}}\n'
    )
    with pytest.raises(DataError, match="must carry no sign"):
        read_labelled([bad])


def test_contrast_sentences_keep_the_evidence_and_what_the_twin_changed(tmp_path: Path) -> None:
    shown = "We met at uni. He is on his phone every single evening until 2am. We have a cat."
    start = shown.index("He is")
    end = shown.index("2am.") + 4
    twin = "We met at uni. He put his phone away at dinner tonight, like most nights. We have a cat."
    path = tmp_path / "pairs.jsonl"
    rows = [
        {
            "id": "p1",
            "text": shown,
            "signs": {"hides_in_distractions": {"subjects": ["partner"], "evidence": [[start, end]]}},
        },
        {"id": "p2", "text": twin, "signs": {}, "twin_of": "p1"},
        {"id": "c1", "text": "A text that is in no pair.", "signs": {}},
    ]
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    pos, neg, owner = contrast_sentences(read_labelled([path]))
    assert pos == [shown[start:end]]
    assert neg == ["He put his phone away at dinner tonight, like most nights."]
    assert owner == [1, 1]


def test_evaluate_on_simple_format(tiny_model_dir: Path, tmp_path: Path) -> None:
    pairs = [
        json.loads(line) for line in (Path(__file__).parent / "data" / "negation_pairs.jsonl").read_text().splitlines()
    ]
    simple = tmp_path / "pairs.jsonl"
    with simple.open("w") as fh:
        for i, p in enumerate(pairs):
            fh.write(json.dumps({"id": f"{i}+", "text": p["positive"], "signs": {p["sign"]: [p["subject"]]}}) + "\n")
            fh.write(json.dumps({"id": f"{i}-", "text": p["negative"], "signs": {}}) + "\n")
    recs = read_labelled([simple])
    rep = evaluate(Screener.from_path(tiny_model_dir), recs)
    assert rep["n_texts"] == 2 * len(pairs)
    assert sum(v["support"] for v in rep["per_sign"].values()) == len(pairs)
    lo, hi = rep["intervals"]["macro_f1"]
    assert lo <= rep["macro_f1"] <= hi


def test_scope_skip_must_name_known_signs(tiny_corpus: Path) -> None:
    with pytest.raises(UnknownSignError, match="fears_of_spiders"):
        train(read_labelled([tiny_corpus]), TrainConfig(scope_skip=("fears_of_spiders",)))


def test_train_cli_can_leave_gender_balance_off(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    import intimacy_screen.training.pipeline as pipeline

    seen: dict[str, object] = {}
    monkeypatch.setattr(pipeline, "run_training", lambda *a, **kw: seen.update(kw))
    data = str(tmp_path / "d.jsonl")
    assert main(["train", "--data", data, "--output", str(tmp_path / "m"), "--no-gender-balance"]) == 0
    assert seen["gender_balance"] is False
    assert main(["train", "--data", data, "--output", str(tmp_path / "m")]) == 0
    assert seen["gender_balance"] is True


def test_pair_report_counts_add_up(tiny_model_dir: Path) -> None:
    pairs = [
        json.loads(line) for line in (Path(__file__).parent / "data" / "negation_pairs.jsonl").read_text().splitlines()
    ]
    rep = pair_report(Screener.from_path(tiny_model_dir), pairs)
    assert (
        rep["n"]
        == len(pairs)
        == sum(n for _, n in rep["by_kind"].values())
        == sum(n for _, n in rep["by_sign"].values())
    )
    assert rep["right"] == sum(r for r, _ in rep["by_kind"].values()) == len(pairs) - len(rep["wrong"])
    assert rep["right"] <= rep["positives_found"]
    assert rep["right"] >= rep["positives_found"] - rep["twins_tagged"]
