#!/usr/bin/env python3
"""How much a text's result depends on the gender of the people in it (measurement only).

Each text is screened twice: as written, and with gendered words swapped (he / she, him / her,
his / her, husband / wife, boyfriend / girlfriend, bf / gf, mum / dad, sister / brother, ...,
and age-sex tags such as "(28F)" / "(28M)"; :func:`intimacy_screen.training.augment.swap_gender`,
the same swap that gender-balanced training uses). Texts the swap leaves unchanged are skipped. Prints,
per sign and overall, the mean and 90th percentile of the change in score and how many tags flip.
Nothing is written and no text is printed unless ``--show-text`` is given.

Inputs are JSONL files whose records hold ``text`` (with ``sign`` to name the sign to follow, as
in ``tests/data/short_statements.jsonl``) or ``positive`` / ``negative`` with ``sign`` (as in
``tests/data/negation_pairs.jsonl``). Without ``sign`` every sign is followed.

Usage: python scripts/gender_swap_eval.py [FILE ...] [--model DIR] [--show-text]
"""

from __future__ import annotations

import argparse
import json
from collections import defaultdict
from pathlib import Path

import intimacy_screen as isc
from intimacy_screen.training.augment import swap_gender

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
    ap.add_argument("--model", help="a model directory (default: the shipped model)")
    ap.add_argument("--show-text", action="store_true", help="print the texts whose tag flips")
    args = ap.parse_args()
    files = args.files or [Path(f) for f in _DEFAULT_FILES]
    items = [(t, s, swapped) for f in files for t, s in _items(f) if (swapped := swap_gender(t)[0]) != t]
    screener = isc.Screener.from_path(args.model) if args.model else isc.Screener()
    before = screener.screen_many([t for t, _, _ in items])
    after = screener.screen_many([w for _, _, w in items])
    moves: dict[str, list[float]] = defaultdict(list)
    flips: dict[str, int] = defaultdict(int)
    for (text, sign, swapped), a, b in zip(items, before, after):
        for s in [sign] if sign else isc.SIGN_IDS:
            moves[s].append(abs(a[s].score - b[s].score))
            if a[s].present != b[s].present:
                flips[s] += 1
                if args.show_text:
                    print(f"  {s}: {a[s].score:.2f} -> {b[s].score:.2f}\n    {text}\n    {swapped}")
    print(f"texts changed by the swap: {len(items)} of {sum(len(_items(f)) for f in files)}")
    print(f"{'sign':24s} {'scores':>6s} {'mean |d|':>9s} {'p90 |d|':>8s} {'flips':>6s}")
    for s in [*isc.SIGN_IDS, "all"]:
        d = sorted(x for k, v in moves.items() if s in (k, "all") for x in v)
        if d:
            n_flips = sum(flips.values()) if s == "all" else flips[s]
            p90 = d[min(len(d) - 1, int(0.9 * len(d)))]
            print(f"{s:24s} {len(d):6d} {sum(d) / len(d):9.3f} {p90:8.3f} {n_flips:6d}")


if __name__ == "__main__":
    main()
