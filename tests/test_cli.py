from __future__ import annotations

import io
import json
import sys
from pathlib import Path

import pytest

from intimacy_screen.cli import EXIT_OK, EXIT_ROWS_FAILED, EXIT_USAGE, main

TEXTS = [
    ("p1", "My boyfriend hasn't hugged or kissed me in months, he pulls away when I reach for him."),
    ("p2", "We painted the kitchen yellow this weekend and it looks great."),
    ("p3", "I always end things right when they start getting serious, I did it again last week."),
]


def write_jsonl(path: Path, rows: list[tuple[str, str]]) -> Path:
    path.write_text("".join(json.dumps({"id": i, "text": t}) + "\n" for i, t in rows), encoding="utf-8")
    return path


def read_out(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_screen_file_keeps_ids_and_order(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_jsonl(tmp_path / "posts.jsonl", TEXTS)
    out = tmp_path / "out.jsonl"
    assert main(["screen", str(src), "--output", str(out)]) == EXIT_OK
    recs = read_out(out)
    assert [r["id"] for r in recs] == ["p1", "p2", "p3"]
    assert "withholds_affection" in [s["sign"] for s in recs[0]["signs"]]
    assert recs[1]["signs"] == []
    err = capsys.readouterr().err
    assert "screened 3 rows, 0 error records" in err
    assert "hugged" not in err  # no input text in diagnostics


def test_screen_stdin_and_error_rows(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    data = b'{"id": "x", "text": "hello"}\nnope\n{"id": "x", "text": "dup"}\n'
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data)))
    assert main(["screen", "-"]) == EXIT_ROWS_FAILED
    recs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert [r["id"] for r in recs] == ["x", 2, "x"]
    assert (
        "signs" in recs[0] and recs[1]["error"]["type"] == "MalformedJSON" and recs[2]["error"]["type"] == "DuplicateId"
    )


def test_missing_file_becomes_an_error_record(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = write_jsonl(tmp_path / "a.jsonl", TEXTS[:1])
    assert main(["screen", str(tmp_path / "nope.jsonl"), str(src)]) == EXIT_ROWS_FAILED
    recs = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert recs[0]["error"]["type"] == "FileNotFoundError" and recs[1]["id"] == "p1"


def test_csv_in_csv_out_and_text_blocks(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    src = tmp_path / "posts.csv"
    src.write_text('post,body\n7,"We never talk about anything real,\nhe just changes the subject every time."\n')
    assert main(["screen", str(src), "--id-field", "post", "--text-field", "body", "--output-format", "csv"]) == EXIT_OK
    lines = capsys.readouterr().out.splitlines()
    assert lines[0].startswith("id,signs") and lines[1].startswith("7,")
    txt = tmp_path / "journal.txt"
    txt.write_text("first entry\nstill first\n\nsecond entry\n")
    assert main(["screen", str(txt), "--format", "blocks"]) == EXIT_OK
    assert [json.loads(x)["id"] for x in capsys.readouterr().out.splitlines()] == [1, 4]


def test_jobs_keep_order(tmp_path: Path) -> None:
    rows = [(f"r{i}", TEXTS[i % 3][1]) for i in range(600)]
    src = write_jsonl(tmp_path / "many.jsonl", rows)
    one, two = tmp_path / "one.jsonl", tmp_path / "two.jsonl"
    assert main(["screen", str(src), "-o", str(one), "-q"]) == EXIT_OK
    assert main(["screen", str(src), "-o", str(two), "-q", "--jobs", "2"]) == EXIT_OK
    assert read_out(one) == read_out(two)
    assert [r["id"] for r in read_out(two)] == [r[0] for r in rows]


def test_text_report_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["screen", "--text", TEXTS[0][1], "--explain"]) == EXIT_OK
    out = capsys.readouterr().out
    assert "withholds_affection" in out and "not a diagnosis" in out and "> My boyfriend" in out
    assert main(["screen", "--text", TEXTS[1][1], "--json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["signs"] == []


def test_usage_errors() -> None:
    assert main(["screen", "--profile", "wild"]) == EXIT_USAGE
    assert main(["screen", "--jobs", "0"]) == EXIT_USAGE
    assert main([]) == EXIT_USAGE


def test_own_thresholds(capsys: pytest.CaptureFixture[str]) -> None:
    text = "He hasn't hugged me in months and goes stiff when I touch him."
    assert main(["screen", "--text", text, "--json"]) == EXIT_OK
    assert [s["sign"] for s in json.loads(capsys.readouterr().out)["signs"]] == ["withholds_affection"]
    assert main(["screen", "--text", text, "--json", "--threshold", "withholds_affection=1"]) == EXIT_OK
    record = json.loads(capsys.readouterr().out)
    assert record["signs"] == [] and record["profile"] == "balanced+custom"
    assert main(["screen", "--text", text, "--threshold", "emotional_distance"]) == EXIT_USAGE
    assert main(["screen", "--text", text, "--threshold", "distance=0.2"]) == 1
    assert "unknown sign id" in capsys.readouterr().err


def test_bad_model_dir_is_a_library_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["screen", "--model", str(tmp_path), "--text", "hi"]) == 1
    assert "not an intimacy_screen model" in capsys.readouterr().err


def test_explain_commands(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["explain"]) == EXIT_OK
    assert "fears_rejection" in capsys.readouterr().out
    assert main(["explain", "couples_therapy", "--json"]) == EXIT_OK
    assert json.loads(capsys.readouterr().out)["kind"] == "approach"
    assert main(["explain", "nonsense"]) == 1
