"""Labelled data: reading, validating and fingerprinting.

Two JSON Lines formats are accepted, one object per line:

* the corpus format of ``training_data/``::

    {"id": "...", "text": "...", "signs": {"<sign>": {"subjects": ["partner"], "evidence": [[10, 74]]}}}

* the simple format (a sign maps straight to its subjects, no evidence)::

    {"id": "...", "text": "...", "signs": {"<sign>": ["partner"]}}
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from ..errors import DataError
from ..signs import SIGN_IDS, SUBJECT_IDS


@dataclass(frozen=True)
class LabelledText:
    """One labelled text.

    Attributes
    ----------
    id : str
        Its id.
    text : str
        The text.
    subjects : dict
        Sign id to the tuple of its subjects, for the signs present.
    evidence : dict
        Sign id to its evidence spans ``(start, end)``; empty in the simple format.
    style : str
        ``forum_post``, ``forum_reply``, ``journal``, ``chat`` or ``""`` when unknown.
    twin_of : str
        For the sign-free half of a contrastive pair, the id of its twin that shows the sign;
        ``""`` otherwise.
    """

    id: str
    text: str
    subjects: dict[str, tuple[str, ...]]
    evidence: dict[str, tuple[tuple[int, int], ...]] = field(default_factory=dict)
    style: str = ""
    twin_of: str = ""

    @property
    def signs(self) -> set[str]:
        """The signs present."""
        return set(self.subjects)


def _parse(obj: object, where: str) -> LabelledText:
    if not isinstance(obj, dict):
        raise DataError(f"{where}: expected a JSON object")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        raise DataError(f"{where}: 'text' must be a non-empty string")
    rid = obj.get("id")
    if not isinstance(rid, (str, int)) or isinstance(rid, bool):
        raise DataError(f"{where}: 'id' must be a string or an integer")
    signs = obj.get("signs", {})
    if not isinstance(signs, dict):
        raise DataError(f"{where}: 'signs' must be an object of sign id to labels")
    subjects: dict[str, tuple[str, ...]] = {}
    evidence: dict[str, tuple[tuple[int, int], ...]] = {}
    for sign, label in signs.items():
        if sign not in SIGN_IDS:
            raise DataError(f"{where}: unknown sign id {sign!r}")
        if isinstance(label, list):
            subs, spans = label, []
        elif isinstance(label, dict):
            subs, spans = label.get("subjects", []), label.get("evidence", [])
        else:
            raise DataError(f"{where}: label of {sign!r} must be a list of subjects or an object")
        if not isinstance(subs, list) or not subs or any(s not in SUBJECT_IDS for s in subs):
            raise DataError(f"{where}: subjects of {sign!r} must be a non-empty list of {list(SUBJECT_IDS)}")
        ok_spans = []
        for span in spans if isinstance(spans, list) else [None]:
            if (
                not isinstance(span, list)
                or len(span) != 2
                or not all(isinstance(x, int) for x in span)
                or not 0 <= span[0] < span[1] <= len(text)
            ):
                raise DataError(f"{where}: evidence of {sign!r} must be [start, end] pairs inside the text")
            ok_spans.append((span[0], span[1]))
        subjects[sign] = tuple(s for s in SUBJECT_IDS if s in subs)
        if ok_spans:
            evidence[sign] = tuple(ok_spans)
    style = obj.get("style", "")
    twin_of = obj.get("twin_of", "")
    if not isinstance(twin_of, (str, int)) or isinstance(twin_of, bool):
        raise DataError(f"{where}: 'twin_of' must be the id of another text")
    if twin_of != "" and subjects:
        raise DataError(f"{where}: a text with 'twin_of' is the sign-free half of a pair and must carry no sign")
    return LabelledText(str(rid), text, subjects, evidence, style if isinstance(style, str) else "", str(twin_of))


def read_labelled(paths: Sequence[str | Path]) -> list[LabelledText]:
    """Read and validate labelled JSONL files.

    Parameters
    ----------
    paths : sequence of str or Path
        Files in either accepted format.

    Returns
    -------
    list of LabelledText
        In file and line order.

    Raises
    ------
    DataError
        On the first problem, naming the file and line; also for duplicate ids.
    """
    out: list[LabelledText] = []
    seen: dict[str, str] = {}
    for path in paths:
        path = Path(path)
        try:
            lines = path.read_text(encoding="utf-8-sig").splitlines()
        except FileNotFoundError:
            raise DataError(f"{path}: no such file") from None
        except UnicodeDecodeError as exc:
            raise DataError(f"{path}: not UTF-8 ({exc})") from None
        for lineno, line in enumerate(lines, 1):
            if not line.strip():
                continue
            where = f"{path}:{lineno}"
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"{where}: not valid JSON ({exc.msg})") from None
            rec = _parse(obj, where)
            if rec.id in seen:
                raise DataError(f"{where}: duplicate id {rec.id!r} (first at {seen[rec.id]})")
            seen[rec.id] = where
            out.append(rec)
    if not out:
        raise DataError("no labelled texts found in " + ", ".join(map(str, paths)))
    for rec in out:
        if rec.twin_of and rec.twin_of not in seen:
            raise DataError(f"{seen[rec.id]}: 'twin_of' names {rec.twin_of!r}, which is not among the texts")
    return out


def fingerprint(paths: Iterable[str | Path]) -> str:
    """SHA-256 over the bytes of the data files, in sorted name order (line endings as stored)."""
    h = hashlib.sha256()
    for path in sorted(Path(p) for p in paths):
        h.update(path.name.encode())
        h.update(path.read_bytes())
    return h.hexdigest()
