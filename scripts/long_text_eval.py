#!/usr/bin/env python3
"""How the shipped model treats long texts built from labelled posts (measurement only).

Sign-free posts of a labelled file are joined (blank line between them) until a text reaches 70-300
sentences; every second text also gets one sign-bearing post at a random place. Prints how often the
texts made only of sign-free posts are tagged, how many of the inserted posts' signs are found, and the
same two figures for the posts screened one by one. Nothing is written; no text is printed.

Usage: python scripts/long_text_eval.py ../shared/eval/dev.jsonl [--texts 240] [--seed 7]
"""

from __future__ import annotations

import argparse
import json
import random
from pathlib import Path

import intimacy_screen as isc
from intimacy_screen.text import sentence_spans


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("data", help="labelled JSONL (fields text and signs)")
    ap.add_argument("--texts", type=int, default=240)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    lines = Path(args.data).read_text(encoding="utf-8").splitlines()
    posts = [json.loads(line) for line in lines if line.strip()]
    free = [p["text"] for p in posts if not p["signs"]]
    signed = [p for p in posts if p["signs"]]
    n_sent = {t: len(sentence_spans(t)) for t in free}
    rng = random.Random(args.seed)
    texts: list[str] = []
    labels: list[set[str]] = []
    for i in range(args.texts):
        target, parts, total = rng.choice([70, 100, 150, 220, 300]), [], 0
        while total < target:
            parts.append(rng.choice(free))
            total += n_sent[parts[-1]]
        signs: set[str] = set()
        if i % 2 == 0:
            post = signed[(i // 2) % len(signed)]
            parts.insert(rng.randrange(len(parts) + 1), post["text"])
            signs = set(post["signs"])
        texts.append("\n\n".join(parts))
        labels.append(signs)
    long_res = isc.screen_many(texts)
    free_long = [r.any_sign for r, y in zip(long_res, labels) if not y]
    found_long = [r[s].present for r, y in zip(long_res, labels) for s in y]
    alone = isc.screen_many(free)
    found_alone = [
        r[s].present for p, r in zip(signed, isc.screen_many([p["text"] for p in signed])) for s in p["signs"]
    ]
    print(f"long texts: {len(texts)}, {min(n_sent.values())}-{max(n_sent.values())} sentences per post")
    print(
        f"sign-free long texts tagged: {sum(free_long) / len(free_long):.3f} (posts alone {sum(r.any_sign for r in alone) / len(alone):.3f})"
    )
    print(
        f"inserted signs found: {sum(found_long) / len(found_long):.3f} (posts alone {sum(found_alone) / len(found_alone):.3f})"
    )


if __name__ == "__main__":
    main()
