#!/usr/bin/env python3
"""Print the counts of a labelled corpus as Markdown (the "Counts" section of the data card).

Usage: python scripts/corpus_stats.py training_data/corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
from collections import Counter
from pathlib import Path

from intimacy_screen.signs import SIGN_IDS, SUBJECT_IDS

BANDS = ((1, 49), (50, 150), (151, 300), (301, None))
WORD = re.compile(r"[a-z0-9']+")  # as tests/test_corpus.py


def stats(path: Path) -> str:
    """Markdown lines with the corpus counts."""
    rows = [json.loads(line) for line in path.open(encoding="utf-8") if line.strip()]
    n_words = [len(r["text"].split()) for r in rows]
    with_sign = sum(1 for r in rows if r["signs"])
    multi = sum(1 for r in rows if len(r["signs"]) >= 2)
    styles = Counter(r["style"] for r in rows)
    bands = []
    for lo, hi in BANDS:
        n = sum(1 for w in n_words if w >= lo and (hi is None or w <= hi))
        bands.append(f"{lo}-{hi}: {n:,}" if hi else f"{lo}+: {n:,}")
    owners: dict[str, set[int]] = {}
    for i, r in enumerate(rows):
        words = WORD.findall(r["text"].lower())
        for j in range(len(words) - 7):
            owners.setdefault(" ".join(words[j : j + 8]), set()).add(i)
    shared = {i for ids in owners.values() if len(ids) > 1 for i in ids}
    over = sum(1 for w in n_words if w > 150) / len(rows)
    out = [
        f"- {len(rows):,} texts; {len(rows) - with_sign:,} with no sign; {with_sign:,} with at least one; "
        f"{multi:,} with two or more.",
        "- Styles: " + " · ".join(f"{s} {n:,}" for s, n in styles.most_common()) + ".",
        f"- Length in words: {' · '.join(bands)} ({over:.0%} over 150; median {statistics.median(n_words):.0f}, "
        f"max {max(n_words)}).",
        f"- Near-duplicates: {len(shared)} texts ({len(shared) / len(rows):.1%}) share a run of 8 words with "
        "another text.",
        "",
        "| sign | texts | " + " | ".join(SUBJECT_IDS) + " |",
        "| --- | --- | " + " | ".join("---" for _ in SUBJECT_IDS) + " |",
    ]
    for sign in SIGN_IDS:
        labels = [r["signs"][sign] for r in rows if sign in r["signs"]]
        subj = Counter(s for lab in labels for s in lab["subjects"])
        out.append(f"| `{sign}` | {len(labels):,} | " + " | ".join(f"{subj[s]:,}" for s in SUBJECT_IDS) + " |")
    return "\n".join(out)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("corpus", type=Path)
    print(stats(parser.parse_args().corpus))


if __name__ == "__main__":
    main()
