#!/usr/bin/env python3
"""Speed and memory benchmark of intimacy_screen (standard library timing only).

Measures, on texts built from the project's own corpus:
  * single-text latency (median, p95) for a 100-word text, after warm-up;
  * batch throughput (texts/s) for 100- and 600-word texts on one core, and with ``--jobs 2``;
  * the bare model on the same texts: the shipped vectoriser and whole-text classifier only
    (``predict_proba`` and nothing else), and our throughput as a ratio to it;
  * cold start (fresh process: import, load, first screen);
  * peak memory of the CLI screening N and 10*N rows (``--memory-rows N``), model size on disk;
  * training time (``--train``).

Usage: python scripts/benchmark.py [--n 2000] [--memory-rows 20000] [--train] [--json]
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

import intimacy_screen as isc
from intimacy_screen.model import default_model, default_model_dir

ROOT = Path(__file__).resolve().parent.parent


def make_texts(n: int, words: int, seed: int = 1) -> list[str]:
    """Texts of about ``words`` words, stitched from corpus texts (deterministic)."""
    corpus = [json.loads(line)["text"] for line in (ROOT / "training_data" / "corpus.jsonl").open(encoding="utf-8")]
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        parts: list[str] = []
        while sum(len(p.split()) for p in parts) < words:
            parts.append(rng.choice(corpus))
        out.append(" ".join(" ".join(parts).split()[:words]))
    return out


def bare_predict_proba(texts: list[str]) -> np.ndarray:
    """The shipped model's own vectoriser and whole-text classifier on whole texts, nothing else."""
    m = default_model()
    z = m.vectorizer.transform(texts) @ m.text_coef + m.text_intercept
    return 1.0 / (1.0 + np.exp(-z))


def throughput(fn, texts: list[str], batch: int = 256) -> float:  # type: ignore[no-untyped-def]
    fn(texts[:batch])  # warm-up
    t = time.perf_counter()
    for i in range(0, len(texts), batch):
        fn(texts[i : i + batch])
    return len(texts) / (time.perf_counter() - t)


def cli_throughput(texts: list[str], jobs: int) -> float:
    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "in.jsonl"
        src.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in enumerate(texts)))
        cmd = [sys.executable, "-m", "intimacy_screen", "screen", str(src), "-o", str(Path(d) / "out.jsonl"), "-q"]
        t = time.perf_counter()
        subprocess.run([*cmd, "--jobs", str(jobs)], check=True)
        return len(texts) / (time.perf_counter() - t)


def cold_start(runs: int = 5) -> float:
    code = "import intimacy_screen as i; i.screen('My husband never talks to me about anything real.')"
    times = []
    for _ in range(runs):
        t = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True)
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def peak_memory_mb(rows: int) -> float:
    texts = make_texts(500, 100, seed=3)
    with tempfile.TemporaryDirectory() as d:
        src = Path(d) / "in.jsonl"
        with src.open("w") as fh:
            for i in range(rows):
                fh.write(json.dumps({"id": i, "text": texts[i % len(texts)]}) + "\n")
        code = (
            "import resource, sys; from intimacy_screen.cli import main; "
            f"rc = main(['screen', {str(src)!r}, '-o', {str(Path(d) / 'out.jsonl')!r}, '-q']); "
            "print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss)"
        )
        out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True).stdout
    return int(out.split()[-1]) / 1024


class _Results(dict):  # type: ignore[type-arg]
    """A dict that reports each figure on stderr as soon as it is measured."""

    def __setitem__(self, key: str, value: object) -> None:
        print(f"{key:22s} {value}", file=sys.stderr, flush=True)
        super().__setitem__(key, value)


def main() -> int:
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--n", type=int, default=2000, help="texts per throughput run")
    p.add_argument("--memory-rows", type=int, default=0, help="also measure peak memory for N and 10*N rows")
    p.add_argument("--train", action="store_true", help="also time training on training_data/")
    p.add_argument("--json", action="store_true")
    args = p.parse_args()
    cores = os.sched_getaffinity(0) if hasattr(os, "sched_getaffinity") else set()
    if cores:
        os.sched_setaffinity(0, {min(cores)})  # one core for the in-process runs
    r: dict[str, object] = _Results()
    r.update(
        {
            "machine": f"{platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, {platform.system()}",
            "model": default_model().version,
            "model_size_mb": round(sum(f.stat().st_size for f in default_model_dir().iterdir()) / 1e6, 2),
        }
    )
    short, long = make_texts(args.n, 100), make_texts(max(args.n // 4, 50), 600, seed=2)
    screener = isc.Screener()
    screener.screen(short[0])
    lat = []
    for t in short[:500]:
        s = time.perf_counter()
        screener.screen(t)
        lat.append((time.perf_counter() - s) * 1000)
    lat.sort()
    r["latency_ms_100w"] = {"median": round(statistics.median(lat), 2), "p95": round(lat[int(0.95 * len(lat))], 2)}
    for name, texts in (("100w", short), ("600w", long)):
        ours = throughput(screener.screen_many, texts)
        bare = throughput(bare_predict_proba, texts)
        r[f"throughput_{name}"] = {
            "ours_per_s": round(ours),
            "bare_model_per_s": round(bare),
            "ratio": round(ours / bare, 2),
        }
    if cores:
        os.sched_setaffinity(0, cores)  # subprocesses (--jobs 2, cold start, memory) get every core
    r["cli_throughput_100w"] = {f"jobs_{j}": round(cli_throughput(short * 2, j)) for j in (1, 2)}
    r["cold_start_s"] = round(cold_start(), 3)
    if args.memory_rows:
        small, big = peak_memory_mb(args.memory_rows), peak_memory_mb(10 * args.memory_rows)
        r["peak_memory_mb"] = {
            str(args.memory_rows): round(small),
            str(10 * args.memory_rows): round(big),
            "ratio": round(big / small, 2),
        }
    if args.train:
        with tempfile.TemporaryDirectory() as d:
            t = time.perf_counter()
            subprocess.run(
                [
                    sys.executable,
                    "-m",
                    "intimacy_screen",
                    "train",
                    "--data",
                    str(ROOT / "training_data" / "corpus.jsonl"),
                    "--output",
                    d,
                ],
                check=True,
                capture_output=True,
            )
            r["training_s"] = round(time.perf_counter() - t, 1)
    if args.json:
        print(json.dumps(r, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
