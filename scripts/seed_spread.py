#!/usr/bin/env python3
"""Train the same data with several seeds and evaluate each model: how much of a figure is the seed.

The seed only reshuffles the cross-validation folds behind the calibration and the thresholds, yet on
a small evaluation set that alone moves macro-F1 by several points. Judge a data or modelling change by
its figures over several seeds, not by one run.

Usage: python scripts/seed_spread.py --data training_data/corpus.jsonl training_data/contrast_pairs.jsonl \\
       --eval ../shared/eval/dev.jsonl [--seeds 13 14 15] [--profile balanced]
"""

from __future__ import annotations

import argparse
import statistics
import sys

from intimacy_screen.screen import Screener
from intimacy_screen.training.data import read_labelled
from intimacy_screen.training.evaluate import evaluate
from intimacy_screen.training.train import TrainConfig, train

FIGURES = ("macro_f1", "any_f1", "map", "triage_ap", "sign_free_tagged", "subject_accuracy")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--data", nargs="+", required=True, help="labelled JSONL files to train on")
    parser.add_argument("--eval", required=True, help="labelled JSONL to evaluate each model on")
    parser.add_argument("--seeds", nargs="+", type=int, default=[13, 14, 15])
    parser.add_argument("--profile", default="balanced")
    args = parser.parse_args(argv)
    records, held_out = read_labelled(args.data), read_labelled([args.eval])
    rows = []
    print(f"{'seed':>5s} " + " ".join(f"{f:>17s}" for f in FIGURES), flush=True)
    for seed in args.seeds:
        model, _ = train(records, TrainConfig(seed=seed))
        rep = evaluate(Screener(model, args.profile), held_out, bootstrap=0)
        row = {
            "macro_f1": rep["macro_f1"],
            "any_f1": rep["any_sign"]["f1"],
            "map": rep["mean_average_precision"],
            "triage_ap": rep["any_sign_ranking"].get("triage_score", 0.0),
            "sign_free_tagged": rep["sign_free_tagged"],
            "subject_accuracy": rep["subject_accuracy"] or 0.0,
        }
        rows.append(row)
        print(f"{seed:5d} " + " ".join(f"{row[f]:17.3f}" for f in FIGURES), flush=True)
    mean = " ".join(f"{statistics.mean(r[f] for r in rows):17.3f}" for f in FIGURES)
    spread = " ".join(f"{max(r[f] for r in rows) - min(r[f] for r in rows):17.3f}" for f in FIGURES)
    print(f"{'mean':>5s} {mean}\n{'range':>5s} {spread}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
