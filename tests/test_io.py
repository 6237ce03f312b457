from __future__ import annotations

import io

from intimacy_screen.io import RecordWriter, guess_format, read_csv, read_jsonl, read_text


def rows(reader, data: bytes, **kw):  # type: ignore[no-untyped-def]
    return list(reader(io.BytesIO(data), **kw))


def test_jsonl_every_line_gives_one_row_in_order() -> None:
    data = (
        b'\xef\xbb\xbf{"id": "a", "text": "first"}\n'
        b"{not json\n"
        b'{"id": "c"}\n'
        b'{"id": "d", "text": 12}\n'
        b'{"text": "no id"}\n'
        b'{"id": "a", "text": "again"}\n'
        b'{"id": "g", "text": "bad \xff byte"}\n'
        b"[1, 2]\n"
        b"\n"
        b'{"id": "h", "text": "last"}\n'
    )
    got = [(r.id, r.text, r.error_type) for r in rows(read_jsonl, data)]
    assert got == [
        ("a", "first", None),
        (2, None, "MalformedJSON"),
        ("c", None, "MissingText"),
        ("d", None, "InvalidText"),
        (5, "no id", None),
        ("a", None, "DuplicateId"),
        ("g", None, "InvalidUTF8"),
        (8, None, "MalformedRow"),
        ("h", "last", None),
    ]


def test_jsonl_other_field_names() -> None:
    got = rows(read_jsonl, b'{"post_id": 9, "body": "hi"}\n', id_field="post_id", text_field="body")
    assert (got[0].id, got[0].text) == (9, "hi")


def test_csv_quoted_newlines_bom_and_bad_bytes() -> None:
    data = b'\xef\xbb\xbfid,text\n1,"line one\nline two"\n2,plain\n3,"bad \xfe"\n,no id here\n'
    got = [(r.id, r.text, r.error_type) for r in rows(read_csv, data)]
    assert got == [
        ("1", "line one\nline two", None),
        ("2", "plain", None),
        ("3", None, "InvalidUTF8"),
        (4, "no id here", None),
    ]


def test_text_lines_and_blocks() -> None:
    data = b"first text\n\nsecond text\r\nstill second? no\n"
    assert [(r.id, r.text) for r in rows(read_text, data)] == [
        (1, "first text"), (3, "second text"), (4, "still second? no"),
    ]  # fmt: skip
    got = [(r.id, r.text) for r in rows(read_text, data, blocks=True)]
    assert got == [(1, "first text"), (3, "second text\nstill second? no")]


def test_guess_format() -> None:
    assert guess_format("a.csv") == "csv" and guess_format("a.txt") == "text" and guess_format("a.jsonl") == "jsonl"


def test_csv_writer_has_a_header_and_one_row_per_record() -> None:
    out = io.StringIO()
    w = RecordWriter(out, "csv")
    record = {"id": 1, "signs": [{"sign": "fears_rejection"}], "scores": {"fears_rejection": 0.9}, "model": "m"}
    w.write({**record, "triage_score": 0.95})
    w.write({"id": 2, "error": {"type": "MissingText", "message": "no text"}})
    lines = out.getvalue().splitlines()
    assert lines[0].startswith("id,signs,avoids_deep_talk_score")
    assert lines[0].endswith("withdraws_socially_score,triage_score,model,error_type,error_message")
    assert lines[1].startswith("1,fears_rejection,") and lines[1].endswith(",0.95,m,,")
    assert lines[2].endswith("MissingText,no text")
