"""The ``intimacy-screen`` command line: screen, explain, train, evaluate.

Exit statuses: 0 every row screened; 1 library or model error; 2 usage error;
3 some rows became error records.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections.abc import Iterable, Iterator, Sequence
from functools import partial
from itertools import islice
from typing import Any

from . import __version__
from .errors import IntimacyScreenError
from .io import FORMATS, RecordWriter, Row, _Ids, read_rows
from .model import PROFILES
from .screen import Screener

EXIT_OK, EXIT_ERROR, EXIT_USAGE, EXIT_ROWS_FAILED = 0, 1, 2, 3
CHUNK = 256


class _Progress:
    """A one-line progress counter on stderr, shown only on a terminal."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled
        self.start = time.perf_counter()
        self.rows = self.errors = 0
        self._last = 0.0

    def update(self, rows: int, errors: int) -> None:
        self.rows += rows
        self.errors += errors
        now = time.perf_counter()
        if self.enabled and now - self._last > 0.2:
            self._last = now
            rate = self.rows / max(now - self.start, 1e-9)
            sys.stderr.write(f"\r{self.rows:,} rows  {self.errors:,} errors  {rate:,.0f} rows/s")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r\033[K")
        secs = time.perf_counter() - self.start
        sys.stderr.write(f"screened {self.rows:,} rows, {self.errors:,} error records, in {secs:.1f}s\n")


def _chunks(rows: Iterable[Row], size: int) -> Iterator[list[Row]]:
    it = iter(rows)
    while chunk := list(islice(it, size)):
        yield chunk


_worker: Screener | None = None


def _screener(model_dir: str | None, profile: str, thresholds: dict[str, float]) -> Screener:
    return Screener.from_path(model_dir, profile, thresholds) if model_dir else Screener(None, profile, thresholds)


def _init_worker(model_dir: str | None, profile: str, thresholds: dict[str, float]) -> None:
    global _worker
    _worker = _screener(model_dir, profile, thresholds)


def _threshold(value: str) -> tuple[str, float]:
    """Parse ``SIGN=VALUE`` for ``--threshold``."""
    sign, sep, number = value.partition("=")
    try:
        if not sep:
            raise ValueError
        return sign.strip(), float(number)
    except ValueError:
        raise argparse.ArgumentTypeError(f"expected SIGN=VALUE, e.g. fears_rejection=0.3, not {value!r}") from None


def _screen_chunk(chunk: list[Row], screener: Screener | None = None, show_text: bool = False) -> list[dict[str, Any]]:
    screener = screener or _worker
    assert screener is not None
    ok = [r for r in chunk if r.text is not None]
    results = iter(screener.screen_many([r.text for r in ok if r.text is not None], keep_text=show_text))
    return [
        next(results).to_dict(id=r.id, include_text=show_text) if r.text is not None else r.error_record()
        for r in chunk
    ]


def _all_rows(args: argparse.Namespace) -> Iterator[Row]:
    ids = _Ids()
    for source in args.inputs or ["-"]:
        try:
            yield from read_rows(source, args.format, args.id_field, args.text_field, ids)
        except (OSError, ValueError) as exc:
            message = exc.strerror if isinstance(exc, OSError) and exc.strerror else str(exc)
            yield Row(source, error_type=type(exc).__name__, error_message=f"{source}: {message}")


def _screen_text(args: argparse.Namespace, screener: Screener) -> int:
    from .explanations import report

    result = screener.screen(args.text, keep_text=True)
    if args.json:
        print(json.dumps(result.to_dict(id=args.id, include_text=args.show_text), ensure_ascii=False))
    else:
        print(report(result, explain_signs=args.explain))
    return EXIT_OK


def cmd_screen(args: argparse.Namespace) -> int:
    """Run ``intimacy-screen screen``."""
    screener = _screener(args.model, args.profile, dict(args.threshold))
    _ = screener.model  # load now: a model error is reported before any row is read
    if args.text is not None:
        return _screen_text(args, screener)
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout  # noqa: SIM115
    writer = RecordWriter(out, args.output_format)
    progress = _Progress(sys.stderr.isatty() and not args.quiet)
    chunks = _chunks(_all_rows(args), CHUNK)
    pool = None
    try:
        if args.jobs > 1:
            import multiprocessing

            pool = multiprocessing.get_context("spawn").Pool(
                args.jobs, initializer=_init_worker, initargs=(args.model, args.profile, dict(args.threshold))
            )
            batches: Iterable[list[dict[str, Any]]] = pool.imap(
                partial(_screen_chunk, show_text=args.show_text), chunks
            )
        else:
            batches = (_screen_chunk(c, screener, args.show_text) for c in chunks)
        for records in batches:
            for rec in records:
                writer.write(rec)
            progress.update(len(records), sum("error" in r for r in records))
    finally:
        if pool is not None:
            pool.terminate()
        if args.output:
            out.close()
    if not args.quiet:
        progress.close()
    return EXIT_ROWS_FAILED if progress.errors else EXIT_OK


def cmd_explain(args: argparse.Namespace) -> int:
    """Run ``intimacy-screen explain``."""
    from .explanations import disclaimer, entry_ids, explain

    if not args.entry:
        ids = entry_ids()
        if args.json:
            print(
                json.dumps({g: [explain(i).to_dict() for i in v] for g, v in ids.items()}, indent=2, ensure_ascii=False)
            )
            return EXIT_OK
        for group, members in ids.items():
            print(f"{group}:")
            for i in members:
                print(f"  {i:38s} {explain(i).title}")
        print(f"\n{disclaimer()}")
        return EXIT_OK
    entry = explain(args.entry)
    print(json.dumps(entry.to_dict(), indent=2, ensure_ascii=False) if args.json else entry.to_text())
    return EXIT_OK


def cmd_train(args: argparse.Namespace) -> int:
    """Run ``intimacy-screen train``."""
    from .training.pipeline import run_training

    run_training(
        args.data,
        args.output,
        seed=args.seed,
        eval_path=args.eval,
        gender_balance=not args.no_gender_balance,
        log=lambda m: print(m, file=sys.stderr),
    )
    return EXIT_OK


def cmd_evaluate(args: argparse.Namespace) -> int:
    """Run ``intimacy-screen evaluate``."""
    from .training.data import read_labelled
    from .training.evaluate import evaluate, format_report

    screener = _screener(args.model, args.profile, dict(args.threshold))
    rep = evaluate(screener, read_labelled(args.data))
    print(json.dumps(rep, indent=2) if args.json else format_report(rep))
    return EXIT_OK


def _add_threshold_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--threshold",
        type=_threshold,
        action="append",
        default=[],
        metavar="SIGN=VALUE",
        help="your own threshold for one sign, replacing the profile's (repeatable)",
    )


def build_parser() -> argparse.ArgumentParser:
    """The argument parser of ``intimacy-screen``."""
    p = argparse.ArgumentParser(
        prog="intimacy-screen",
        description="Screen journal entries and forum posts for signs of intimacy avoidance (screening, not diagnosis).",
    )
    p.add_argument("--version", action="version", version=f"intimacy-screen {__version__}")
    sub = p.add_subparsers(dest="command", required=True)

    s = sub.add_parser("screen", help="screen texts from files, standard input or --text")
    s.add_argument("inputs", nargs="*", metavar="FILE", help="JSONL, CSV or text files; '-' or nothing for stdin")
    s.add_argument("--text", help="screen this one text and print a readable report")
    s.add_argument("--id", default=None, help="id for --text in --json output")
    s.add_argument("--json", action="store_true", help="with --text: print the JSON record instead of the report")
    s.add_argument("--explain", action="store_true", help="with --text: add explanations of the signs found")
    s.add_argument("--output", "-o", metavar="FILE", help="write records here instead of stdout")
    s.add_argument(
        "--output-format", choices=("jsonl", "csv"), default="jsonl", help="output records as JSONL (default) or CSV"
    )
    s.add_argument("--format", choices=FORMATS, help="input format (default: from the file name; stdin: jsonl)")
    s.add_argument("--id-field", default="id", help="JSONL/CSV field holding the id (default: id)")
    s.add_argument("--text-field", default="text", help="JSONL/CSV field holding the text (default: text)")
    s.add_argument("--model", metavar="DIR", help="a model directory made by 'train' (default: the shipped model)")
    s.add_argument("--profile", choices=PROFILES, default="balanced", help="operating point (default: balanced)")
    _add_threshold_option(s)
    s.add_argument("--jobs", "-j", type=int, default=1, help="worker processes; output order is kept")
    s.add_argument("--show-text", action="store_true", help="copy each input text into its output record")
    s.add_argument("--quiet", "-q", action="store_true", help="no progress or summary on stderr")
    s.set_defaults(func=cmd_screen)

    e = sub.add_parser("explain", help="explain a sign, root or approach (all of them when none is named)")
    e.add_argument("entry", nargs="?", metavar="ID")
    e.add_argument("--json", action="store_true")
    e.set_defaults(func=cmd_explain)

    t = sub.add_parser("train", help="train a model on labelled JSONL and write a model directory")
    t.add_argument("--data", nargs="+", required=True, metavar="PATH", help="labelled JSONL files")
    t.add_argument("--output", required=True, metavar="DIR")
    t.add_argument("--seed", type=int, default=13)
    t.add_argument("--eval", metavar="FILE", help="labelled JSONL to evaluate the new model on")
    t.add_argument(
        "--no-gender-balance",
        action="store_true",
        help="train on the texts only as written, not also with gendered words swapped (half the time)",
    )
    t.set_defaults(func=cmd_train)

    v = sub.add_parser("evaluate", help="measure a model on labelled JSONL")
    v.add_argument("--data", nargs="+", required=True, metavar="FILE")
    v.add_argument("--model", metavar="DIR")
    v.add_argument("--profile", choices=PROFILES, default="balanced")
    _add_threshold_option(v)
    v.add_argument("--json", action="store_true")
    v.set_defaults(func=cmd_evaluate)
    return p


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = build_parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:
        return int(exc.code or 0) if exc.code in (0, None) else EXIT_USAGE
    if getattr(args, "jobs", 1) < 1:
        parser.print_usage(sys.stderr)
        print("intimacy-screen: error: --jobs must be at least 1", file=sys.stderr)
        return EXIT_USAGE
    try:
        return int(args.func(args))
    except IntimacyScreenError as exc:
        print(f"intimacy-screen: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except (FileNotFoundError, PermissionError, IsADirectoryError) as exc:
        print(f"intimacy-screen: error: {exc}", file=sys.stderr)
        return EXIT_ERROR
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return EXIT_OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
