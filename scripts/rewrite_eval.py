#!/usr/bin/env python3
"""How much a text's result moves when it is rewritten in a way that should not matter (measurement only).

Each text is screened twice: as written, and rewritten (``--rewrite``):

- ``gender`` (the default): gendered words swapped (he / she, him / her, his / her, husband / wife,
  boyfriend / girlfriend, bf / gf, mum / dad, sister / brother, ..., and age-sex tags such as "(28F)" /
  "(28M)"; :func:`intimacy_screen.training.augment.swap_gender`, the swap gender-balanced training uses);
- ``no-apostrophes``: "don't" -> "dont", "I'm" -> "Im", as many people type;
- ``lower-case``: the whole text in lower case;
- ``no-punctuation``: sentence and clause punctuation dropped (line breaks kept).

Texts the rewrite leaves unchanged are skipped. Prints, per sign and overall, the mean and 90th
percentile of the change in score and how many tags flip. Nothing is written and no text is printed
unless ``--show-text`` is given.

Inputs are JSONL files whose records hold ``text`` (with ``sign`` to name the sign to follow, as
in ``tests/data/short_statements.jsonl``) or ``positive`` / ``negative`` with ``sign`` (as in
``tests/data/negation_pairs.jsonl``). Without ``sign`` every sign is followed.

Usage: python scripts/rewrite_eval.py [FILE ...] [--rewrite NAME] [--model DIR] [--show-text]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path

import intimacy_screen as isc
from intimacy_screen.training.evaluate import REWRITES, rewrite_report

_DEFAULT_FILES = ("tests/data/negation_pairs.jsonl", "tests/data/short_statements.jsonl")


def _items(path: Path) -> list[tuple[str, str | None]]:
    items: list[tuple[str, str | None]] = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.strip():
            rec = json.loads(line)
            for key in ("text", "positive", "negative"):
                if key in rec:
                    items.append((rec[key], rec.get("sign")))
    return items


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("files", nargs="*", type=Path, help=f"JSONL files (default: {', '.join(_DEFAULT_FILES)})")
    ap.add_argument("--rewrite", choices=sorted(REWRITES), default="gender", help="the rewrite (default: gender)")
    ap.add_argument("--model", help="a model directory (default: the shipped model)")
    ap.add_argument("--show-text", action="store_true", help="print the texts whose tag flips")
    args = ap.parse_args()
    items = [item for f in args.files or [Path(f) for f in _DEFAULT_FILES] for item in _items(f)]
    screener = isc.Screener.from_path(args.model) if args.model else isc.Screener()
    rep = rewrite_report(screener, items, args.rewrite)
    if args.show_text:
        for i, sign, a, b in rep["flipped"]:
            print(f"  {sign}: {a:.2f} -> {b:.2f}\n    {items[i][0]}\n    {REWRITES[args.rewrite](items[i][0])}")
    print(f"texts changed by the rewrite ({args.rewrite}): {rep['n_rewritten']} of {rep['n_texts']}")
    print(f"{'sign':24s} {'scores':>6s} {'mean |d|':>9s} {'p90 |d|':>8s} {'flips':>6s}")
    for s, v in [*rep["per_sign"].items(), ("all", rep["all"])]:
        print(f"{s:24s} {v['n']:6d} {v['mean']:9.3f} {v['p90']:8.3f} {v['flips']:6d}")


if __name__ == "__main__":
    main()
