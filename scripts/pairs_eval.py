#!/usr/bin/env python3
"""Negation pairs: how often a sign text is tagged and its sign-free twin is not (measurement only).

Reads pair files (``{"sign", "subject", "positive", "negative", "kind"}`` per line; by default the two
held-out sets in ``tests/data/``) and prints, per file, the pairs right, by kind and by sign. No text
is printed unless ``--show-text`` is given.

Usage: python scripts/pairs_eval.py [FILE ...] [--model DIR] [--show-text]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import intimacy_screen as isc
from intimacy_screen.training.evaluate import pair_report

_DEFAULT_FILES = ("tests/data/negation_pairs.jsonl", "tests/data/negation_pairs_2.jsonl")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path, help=f"pair files (default: {', '.join(_DEFAULT_FILES)})")
    ap.add_argument("--model", help="a model directory (default: the shipped model)")
    ap.add_argument("--show-text", action="store_true", help="print the pairs that are wrong")
    args = ap.parse_args()
    screener = isc.Screener.from_path(args.model) if args.model else isc.Screener()
    for path in args.files or [Path(f) for f in _DEFAULT_FILES]:
        pairs = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
        rep = pair_report(screener, pairs)
        print(
            f"{path}: {rep['right']} of {rep['n']} pairs right ({rep['right'] / rep['n']:.1%}); "
            f"sign texts found {rep['positives_found']}, twins tagged {rep['twins_tagged']}"
        )
        for name in ("by_kind", "by_sign"):
            print(f"  {name.replace('_', ' ')}: " + ", ".join(f"{k} {a}/{n}" for k, (a, n) in rep[name].items()))
        if args.show_text:
            for i in rep["wrong"]:
                p = pairs[i]
                print(f"  [{i}] {p['sign']} ({p.get('kind', '')})\n    + {p['positive']}\n    - {p['negative']}")


if __name__ == "__main__":
    main()
