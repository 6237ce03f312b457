"""Reading input rows (JSONL, CSV, plain text) and writing output records, streaming.

Every input row becomes exactly one :class:`Row`: either a text to screen or an error
(malformed JSON, missing text, invalid UTF-8, duplicate id, ...). Nothing is dropped and
the order is kept. Input text is never logged.
"""

from __future__ import annotations

import csv
import io
import json
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import IO, Any

from .signs import SIGN_IDS

FORMATS = ("jsonl", "csv", "text", "blocks")


@dataclass(frozen=True, slots=True)
class Row:
    """One input row: an id and either a text or an error."""

    id: Any
    text: str | None = None
    error_type: str | None = None
    error_message: str | None = None

    def error_record(self) -> dict[str, Any]:
        """The output record of a row that cannot be screened."""
        return {"id": self.id, "error": {"type": self.error_type, "message": self.error_message}}


def guess_format(name: str) -> str:
    """Input format from a file name: ``.csv`` is CSV, ``.txt`` plain text, anything else JSONL."""
    suffix = Path(name).suffix.lower()
    return {".csv": "csv", ".txt": "text", ".tsv": "csv"}.get(suffix, "jsonl")


def _decode(raw: bytes, first: bool) -> str:
    if first and raw.startswith(b"\xef\xbb\xbf"):
        raw = raw[3:]
    return raw.decode("utf-8")


def _bad_utf8(exc: UnicodeDecodeError) -> str:
    return f"invalid UTF-8 at byte {exc.start} of the row"


def _salvage_id(raw: bytes, id_field: str, n: int) -> Any:
    """The id of a row whose bytes are not valid UTF-8, if the rest of it can still be read."""
    try:
        obj = json.loads(raw.decode("utf-8", "replace"))
    except json.JSONDecodeError:
        return n
    rid = obj.get(id_field) if isinstance(obj, dict) else None
    return n if rid is None or isinstance(rid, (dict, list)) else rid


class _Ids:
    """Tracks ids already seen, to flag duplicates (stores hashes, not the ids)."""

    def __init__(self) -> None:
        self._seen: set[int] = set()

    def duplicate(self, rid: Any) -> bool:
        h = hash((type(rid).__name__, rid))
        if h in self._seen:
            return True
        self._seen.add(h)
        return False


def read_jsonl(fh: IO[bytes], id_field: str = "id", text_field: str = "text", ids: _Ids | None = None) -> Iterator[Row]:
    """Rows of a JSON Lines stream; the line number is the id when the id is missing."""
    ids = ids or _Ids()
    for n, raw in enumerate(fh, 1):
        if not raw.strip():
            continue
        try:
            line = _decode(raw, n == 1)
        except UnicodeDecodeError as exc:
            yield Row(
                _salvage_id(raw, id_field, n), error_type="InvalidUTF8", error_message=f"line {n}: {_bad_utf8(exc)}"
            )
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            yield Row(n, error_type="MalformedJSON", error_message=f"line {n}: {exc.msg} (column {exc.colno})")
            continue
        if not isinstance(obj, dict):
            yield Row(n, error_type="MalformedRow", error_message=f"line {n}: expected a JSON object")
            continue
        rid = obj.get(id_field)
        if rid is None or isinstance(rid, (dict, list)):
            rid = n
        text = obj.get(text_field)
        if text is None:
            yield Row(rid, error_type="MissingText", error_message=f"line {n}: no {text_field!r} field")
        elif not isinstance(text, str):
            yield Row(
                rid,
                error_type="InvalidText",
                error_message=f"line {n}: {text_field!r} is {type(text).__name__}, not a string",
            )
        elif ids.duplicate(rid):
            yield Row(rid, error_type="DuplicateId", error_message=f"line {n}: id {rid!r} was already used")
        else:
            yield Row(rid, text)


def read_csv(fh: IO[bytes], id_field: str = "id", text_field: str = "text", ids: _Ids | None = None) -> Iterator[Row]:
    """Rows of a CSV stream with a header; quoted newlines are kept; record number is the fallback id."""
    ids = ids or _Ids()
    stream = io.TextIOWrapper(fh, encoding="utf-8-sig", errors="surrogateescape", newline="")
    try:
        yield from _csv_rows(csv.reader(stream), id_field, text_field, ids)
    finally:
        stream.detach()  # the caller owns (and closes) the byte stream


def _csv_rows(reader: Iterator[list[str]], id_field: str, text_field: str, ids: _Ids) -> Iterator[Row]:
    try:
        header = next(reader)
    except StopIteration:
        return
    if text_field not in header:
        raise ValueError(f"CSV header has no {text_field!r} column (columns: {', '.join(header)})")
    ti = header.index(text_field)
    ii = header.index(id_field) if id_field in header else None
    for n, fields in enumerate(reader, 1):
        if not fields or all(not f for f in fields):
            continue
        rid: Any = fields[ii] if ii is not None and ii < len(fields) and fields[ii] else n
        if any("\udc80" <= c <= "\udcff" for f in fields for c in f):
            yield Row(rid, error_type="InvalidUTF8", error_message=f"record {n}: invalid UTF-8 bytes")
        elif ti >= len(fields):
            yield Row(rid, error_type="MissingText", error_message=f"record {n}: no {text_field!r} value")
        elif ids.duplicate(rid):
            yield Row(rid, error_type="DuplicateId", error_message=f"record {n}: id {rid!r} was already used")
        else:
            yield Row(rid, fields[ti])


def read_text(fh: IO[bytes], blocks: bool = False) -> Iterator[Row]:
    """Rows of plain text: one per line, or one per blank-line-separated block; the line number is the id."""
    buf: list[str] = []
    start = 0
    bad: str | None = None
    for n, raw in enumerate(fh, 1):
        try:
            line = _decode(raw, n == 1).rstrip("\r\n")
        except UnicodeDecodeError as exc:
            line, err = "", f"line {n}: {_bad_utf8(exc)}"
            if not blocks:
                yield Row(n, error_type="InvalidUTF8", error_message=err)
                continue
            bad = bad or err
            line = "\0"  # keeps the block open
        if not blocks:
            if line.strip():
                yield Row(n, line)
            continue
        if line.strip():
            if not buf:
                start = n
            buf.append(line)
        elif buf:
            yield Row(start, error_type="InvalidUTF8", error_message=bad) if bad else Row(start, "\n".join(buf))
            buf, bad = [], None
    if buf:
        yield Row(start, error_type="InvalidUTF8", error_message=bad) if bad else Row(start, "\n".join(buf))


def read_rows(
    source: str, fmt: str | None = None, id_field: str = "id", text_field: str = "text", ids: _Ids | None = None
) -> Iterator[Row]:
    """Rows of one input (a path, or ``-`` for standard input).

    Parameters
    ----------
    source : str
        A file path or ``-``.
    fmt : str, optional
        ``jsonl``, ``csv``, ``text`` (a text per line) or ``blocks`` (a text per blank-line-separated
        block); guessed from the file name when omitted (standard input: JSONL).
    id_field, text_field : str
        Field names of the id and the text (JSONL and CSV).
    ids : optional
        Shared duplicate-id tracker across several inputs.

    Yields
    ------
    Row
        One per input row, in order.

    Raises
    ------
    FileNotFoundError, IsADirectoryError, PermissionError
        If the file cannot be opened.
    ValueError
        If a CSV file has no text column.
    """
    fmt = fmt or ("jsonl" if source == "-" else guess_format(source))
    fh: IO[bytes] = sys.stdin.buffer if source == "-" else open(source, "rb")  # noqa: SIM115
    try:
        if fmt == "jsonl":
            yield from read_jsonl(fh, id_field, text_field, ids)
        elif fmt == "csv":
            yield from read_csv(fh, id_field, text_field, ids)
        else:
            yield from read_text(fh, blocks=fmt == "blocks")
    finally:
        if source != "-":
            fh.close()


CSV_COLUMNS = [
    "id", "signs", *[f"{s}_score" for s in SIGN_IDS], "triage_score", "model", "error_type", "error_message",
]  # fmt: skip


class RecordWriter:
    """Writes output records as JSONL or CSV, flushing each row."""

    def __init__(self, fh: IO[str], fmt: str = "jsonl") -> None:
        self._fh = fh
        self._fmt = fmt
        self._csv = csv.writer(fh) if fmt == "csv" else None
        if self._csv is not None:
            self._csv.writerow(CSV_COLUMNS)

    def write(self, record: dict[str, Any]) -> None:
        """Write one record (a screening record or an error record)."""
        if self._csv is None:
            self._fh.write(json.dumps(record, ensure_ascii=True) + "\n")
        else:
            err = record.get("error") or {}
            scores = record.get("scores", {})
            self._csv.writerow(
                [record.get("id"), ";".join(s["sign"] for s in record.get("signs", []))]
                + [scores.get(s, "") for s in SIGN_IDS]
                + [record.get("triage_score", ""), record.get("model", ""), err.get("type", ""), err.get("message", "")]
            )
        self._fh.flush()
