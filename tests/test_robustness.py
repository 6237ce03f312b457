"""Bad input never loses or reorders a row, and never raises anything but the library's own errors."""

from __future__ import annotations

import io
import json
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import intimacy_screen as isc
from intimacy_screen.cli import EXIT_ROWS_FAILED, main
from intimacy_screen.io import read_csv, read_jsonl, read_text

ORDINARY = 10_000


def test_hostile_batch_gives_one_record_per_row(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    hostile = [
        b'{"id": "ok1", "text": "He never talks to me about anything real, every time I try he changes the subject."}',
        b"{this is not json",
        b'{"id": "no-text"}',
        b'{"id": "num-text", "text": 42}',
        b'{"id": "null-text", "text": null}',
        b'{"text": "no id here"}',
        b'{"id": "ok1", "text": "duplicate id"}',
        b'{"id": "bad-utf8", "text": "caf\xc3\x28 au lait"}',
        b'"just a string"',
        b'{"id": "empty", "text": ""}',
        b'{"id": "ctrl", "text": "\\u0000\\u0007 bell \\ud800 lone surrogate \\u202e"}',
        b'{"id": "huge", "text": "' + b"We walked the dog and made soup. " * 3000 + b'"}',
        b'{"id": "emoji", "text": "\xf0\x9f\x92\x94\xf0\x9f\x98\xad he left me on read again"}',
        b'{"id": "other-script", "text": "\xe5\xbd\xbc\xe3\x81\xaf\xe7\xa7\x81\xe3\x81\xa8\xe8\xa9\xb1\xe3\x81\x95\xe3\x81\xaa\xe3\x81\x84"}',
    ]
    lines = hostile + [
        json.dumps({"id": f"r{i}", "text": f"Row {i}: we cooked dinner and watched a film."}).encode()
        for i in range(ORDINARY)
    ]
    src = tmp_path / "hostile.jsonl"
    src.write_bytes(b"\xef\xbb\xbf" + b"\n".join(lines) + b"\n")
    out = tmp_path / "out.jsonl"
    assert main(["screen", str(src), "-o", str(out)]) == EXIT_ROWS_FAILED
    recs = [json.loads(line) for line in out.read_text().splitlines()]
    assert len(recs) == len(lines)
    errors = {r["id"]: r["error"]["type"] for r in recs if "error" in r}
    assert errors == {
        2: "MalformedJSON",
        "no-text": "MissingText",
        "num-text": "InvalidText",
        "null-text": "MissingText",
        "ok1": "DuplicateId",
        "bad-utf8": "InvalidUTF8",
        9: "MalformedRow",
    }
    assert [r["id"] for r in recs[-ORDINARY:]] == [f"r{i}" for i in range(ORDINARY)]
    assert recs[0]["signs"] and recs[5]["id"] == 6 and "signs" in recs[5]
    err = capsys.readouterr().err
    assert "Traceback" not in err and f"screened {len(lines):,} rows" in err


def test_empty_file_gives_no_rows(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "empty.jsonl"
    src.write_bytes(b"")
    assert main(["screen", str(src)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and "screened 0 rows" in captured.err


def test_one_megabyte_text() -> None:
    text = "We went to the market and bought bread. " * 25_000 + "He hasn't hugged or kissed me in months."
    res = isc.screen(text)
    assert len(text) > 1_000_000 and res["withholds_affection"].present


@settings(max_examples=80, deadline=None)
@given(st.lists(st.binary(max_size=60), max_size=12))
def test_jsonl_reader_yields_one_row_per_nonblank_line(lines: list[bytes]) -> None:
    lines = [line.replace(b"\n", b" ").replace(b"\r", b" ") for line in lines]
    data = b"\n".join(lines)
    rows = list(read_jsonl(io.BytesIO(data)))
    assert len(rows) == sum(1 for line in data.split(b"\n") if line.strip())
    assert all((r.text is None) != (r.error_type is None) for r in rows)


@settings(max_examples=80, deadline=None)
@given(st.lists(st.text(max_size=40), max_size=10))
def test_text_and_csv_readers_never_raise(texts: list[str]) -> None:
    data = "\n".join(texts).encode("utf-8", "surrogatepass")
    for r in read_text(io.BytesIO(data)):
        assert (r.text is None) != (r.error_type is None)
    list(read_text(io.BytesIO(data), blocks=True))
    list(read_csv(io.BytesIO(b"id,text\n" + data)))
