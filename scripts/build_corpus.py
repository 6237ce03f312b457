#!/usr/bin/env python3
"""Build ``training_data/corpus.jsonl`` from draft files written in the inline markup.

Draft format (how the project's writers wrote the corpus): records start with a header line
``### <style>`` (forum_post, forum_reply, journal, chat); evidence sentences are wrapped as
``[[sign_id:subject, other_sign:self+partner| The sentence.]]`` and the markup is removed.

Usage: python scripts/build_corpus.py DRAFT.txt [...] --output training_data/corpus.jsonl
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

SIGNS = {
    "avoids_deep_talk", "withholds_affection", "hides_in_distractions", "emotional_distance",
    "sexual_withholding", "blames_partner", "fears_vulnerability", "fears_rejection",
    "sabotages_closeness", "withdraws_socially",
}  # fmt: skip
SUBJECTS = ("self", "partner", "other")
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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("drafts", nargs="+", type=Path)
    parser.add_argument("--output", type=Path, required=True)
    args = parser.parse_args(argv)
    records = [r for p in args.drafts for r in parse_draft(p)]
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
        f"{len(kept)} records ({len(records) - len(kept)} exact duplicates dropped) -> {args.output}", file=sys.stderr
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
