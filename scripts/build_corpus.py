#!/usr/bin/env python3
"""Build ``training_data/corpus.jsonl`` from draft files written in the inline markup.

Draft format (how the project's writers wrote the corpus): records start with a header line
``### <style>`` (forum_post, forum_reply, journal, chat); evidence sentences are wrapped as
``[[sign_id:subject, other_sign:self+partner| The sentence.]]`` and the markup is removed.

Second-reader corrections (``--corrections FILE``, JSONL of ``{"id", "final": {sign: {"subjects",
"evidence": [exact sentence strings]}}}``) replace the labels of the texts they name.

Evidence checks (``--evidence-check FILE``, JSONL of ``{"id", "sign", "sentence", "carries", ...}``)
add each sentence a second reader marked ``"carries": true`` to the evidence of that sign (the
text must already carry the sign). Applied after the corrections.

Contrastive pairs (``--pairs``): the drafts alternate a text showing a sign and its sign-free twin;
each twin gets ``"twin_of": <id of the text before it>``, which training uses (see
``intimacy_screen.training.train``).

Usage: python scripts/build_corpus.py DRAFT.txt [...] --output training_data/corpus.jsonl
       [--corrections training_data/review/adjudicated_*.jsonl]
       [--evidence-check training_data/review/evidence_check.jsonl] [--pairs]
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from intimacy_screen.signs import SIGN_IDS as SIGNS
from intimacy_screen.signs import SUBJECT_IDS as SUBJECTS

STYLES = {"forum_post", "forum_reply", "journal", "chat"}
HEADER = re.compile(r"^### *(\S+) *$")
MARK = re.compile(r"\[\[([^|\[\]]*)\|(.*?)\]\]", re.S)


def parse_draft(path: Path) -> list[dict]:
    """Parse one draft file into corpus records (ids ``<file stem>-<n>``)."""
    chunks: list[tuple[int, str, list[str]]] = []
    for lineno, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        m = HEADER.match(line)
        if m:
            chunks.append((lineno, m.group(1), []))
        elif chunks:
            chunks[-1][2].append(line)
    records = []
    for n, (lineno, style, lines) in enumerate(chunks, 1):
        raw = "\n".join(lines).strip()
        where = f"{path}:{lineno}"
        if style not in STYLES:
            raise ValueError(f"{where}: unknown style {style!r}")
        parts, signs, pos, length = [], {}, 0, 0
        for m in MARK.finditer(raw):
            parts.append(raw[pos : m.start()])
            length += m.start() - pos
            ev = m.group(2)
            lead = len(ev) - len(ev.lstrip())
            span = [length + lead, length + len(ev.rstrip())]
            parts.append(ev)
            length += len(ev)
            pos = m.end()
            for item in filter(None, (x.strip() for x in m.group(1).split(","))):
                sign, _, subj = (x.strip() for x in item.partition(":"))
                subs = [s.strip() for s in subj.split("+")]
                if sign not in SIGNS or not subs or any(s not in SUBJECTS for s in subs):
                    raise ValueError(f"{where}: bad label {item!r}")
                d = signs.setdefault(sign, {"subjects": [], "evidence": []})
                d["subjects"] = [s for s in SUBJECTS if s in d["subjects"] or s in subs]
                if span not in d["evidence"]:
                    d["evidence"].append(span)
        parts.append(raw[pos:])
        text = "".join(parts)
        lead = len(text) - len(text.lstrip())  # a text opening with marked-up evidence kept its space
        if lead:
            text = text[lead:]
            for d in signs.values():
                d["evidence"] = [[a - lead, b - lead] for a, b in d["evidence"]]
        if "[[" in text or "]]" in text or not text.strip():
            raise ValueError(f"{where}: broken markup or empty text")
        for d in signs.values():
            d["evidence"].sort()
        records.append(
            {
                "id": f"{path.stem}-{n:04d}",
                "text": text,
                "signs": signs,
                "style": style,
                "source": "written for this project",
            }  # fmt: skip
        )
    return records


def _review_lines(paths: list[Path]) -> Iterator[tuple[Path, dict]]:
    """Yield ``(path, item)`` for each JSON line of the review files."""
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                yield path, json.loads(line)


def _span(text: str, sentence: str, where: str) -> list[int]:
    """The character span of ``sentence`` (stripped) in ``text``."""
    start = text.find(sentence.strip())
    if start < 0:
        raise ValueError(f"{where}: sentence not found in the text: {sentence[:40]!r}")
    return [start, start + len(sentence.strip())]


def apply_corrections(records: list[dict], paths: list[Path]) -> int:
    """Replace the labels of corrected texts; evidence strings become character spans."""
    by_id = {r["id"]: r for r in records}
    n = 0
    for path, fix in _review_lines(paths):
        rec = by_id[fix["id"]]
        signs = {}
        for sign, label in fix["final"].items():
            if sign not in SIGNS:
                raise ValueError(f"{path}: {fix['id']}: unknown sign {sign!r}")
            spans = [_span(rec["text"], ev, f"{path}: {fix['id']}") for ev in label["evidence"]]
            signs[sign] = {"subjects": [s for s in SUBJECTS if s in label["subjects"]], "evidence": sorted(spans)}
        rec["signs"] = signs
        n += 1
    return n


def apply_evidence_checks(records: list[dict], paths: list[Path]) -> int:
    """Add the checked sentences marked ``carries`` to their sign's evidence; return how many were added."""
    by_id = {r["id"]: r for r in records}
    n = 0
    for path, item in _review_lines(paths):
        if not item["carries"]:
            continue
        rec = by_id[item["id"]]
        label = rec["signs"].get(item["sign"])
        if label is None:
            raise ValueError(f"{path}: {item['id']} does not carry {item['sign']!r}")
        span = _span(rec["text"], item["sentence"], f"{path}: {item['id']}")
        if span not in label["evidence"]:
            label["evidence"] = sorted(label["evidence"] + [span])
            n += 1
    return n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("drafts", nargs="+", type=Path)
    parser.add_argument("--output", type=Path, required=True)
    parser.add_argument("--corrections", type=Path, nargs="*", default=[])
    parser.add_argument("--evidence-check", type=Path, nargs="*", default=[])
    parser.add_argument("--pairs", action="store_true", help="drafts alternate sign text, sign-free twin")
    args = parser.parse_args(argv)
    records = [r for p in args.drafts for r in parse_draft(p)]
    fixed = apply_corrections(records, args.corrections)
    added = apply_evidence_checks(records, args.evidence_check)
    if args.pairs:
        if len(records) % 2:
            parser.error("--pairs needs an even number of records")
        for pos, neg in zip(records[::2], records[1::2]):
            if not pos["signs"] or neg["signs"]:
                parser.error(f"{pos['id']}/{neg['id']} is not a (sign, sign-free) pair")
            neg["twin_of"] = pos["id"]
    seen: set[str] = set()
    kept = []
    for r in records:  # exact duplicate texts are dropped
        key = " ".join(r["text"].lower().split())
        if key not in seen:
            seen.add(key)
            kept.append(r)
    with open(args.output, "w", encoding="utf-8", newline="\n") as fh:
        for r in kept:
            fh.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(
        f"{len(kept)} records ({len(records) - len(kept)} exact duplicates dropped, {fixed} corrected, {added} evidence sentences added) -> {args.output}",
        file=sys.stderr,
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
