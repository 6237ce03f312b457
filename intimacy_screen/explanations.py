"""Curated explanations of the signs, their common roots and the approaches that can help.

The content lives in ``data/explanations.json``, written in the project's own words from the
two source articles; it is small enough to review by hand and is checked by the tests.
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from typing import TYPE_CHECKING, Any

from .errors import UnknownSignError

if TYPE_CHECKING:
    from .results import ScreenResult

_lock = threading.Lock()


@dataclass(frozen=True, slots=True)
class Explanation:
    """An explained entry: a sign, a root (or related condition) or an approach.

    Attributes
    ----------
    id : str
        The entry id (a sign id, root id or approach id).
    kind : str
        ``"sign"``, ``"root"``, ``"related_condition"`` or ``"approach"``.
    title, summary : str
        A title and a plain-language summary.
    how_it_shows : tuple of str
        Everyday examples (signs only).
    not_this : tuple of str
        What is not this sign (signs only).
    roots, approaches, signs : tuple of str
        Linked entry ids.
    sources : tuple of str
        Full citations.
    """

    id: str
    kind: str
    title: str
    summary: str
    how_it_shows: tuple[str, ...] = ()
    not_this: tuple[str, ...] = ()
    roots: tuple[str, ...] = ()
    approaches: tuple[str, ...] = ()
    signs: tuple[str, ...] = ()
    sources: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the entry as a JSON-ready dict."""
        return {f: (list(v) if isinstance(v, tuple) else v) for f, v in ((f, getattr(self, f)) for f in self.__slots__)}

    def to_text(self) -> str:
        """Return the entry as plain text."""
        lines = [f"{self.title} [{self.id}, {self.kind.replace('_', ' ')}]", "", self.summary]
        for label, items in (
            ("How it can show", self.how_it_shows),
            ("Not this", self.not_this),
            ("Common roots", tuple(map(_titled, self.roots))),
            ("Approaches that can help", tuple(map(_titled, self.approaches))),
            ("Related signs", tuple(map(_titled, self.signs))),
            ("Sources", self.sources),
        ):
            if items:
                lines += ["", f"{label}:"] + [f"  - {i}" for i in items]
        return "\n".join(lines)


@lru_cache(maxsize=1)
def _content() -> dict[str, Any]:
    with _lock:
        raw = (resources.files("intimacy_screen") / "data" / "explanations.json").read_text(encoding="utf-8")
        return json.loads(raw)  # type: ignore[no-any-return]


def _entry(entry_id: str) -> tuple[str, dict[str, Any]] | None:
    """The group and raw content of an explained id, or None."""
    c = _content()
    for group in ("signs", "roots", "approaches"):
        e = c[group].get(entry_id)
        if e is not None:
            return group, e
    return None


def _titled(entry_id: str) -> str:
    """``"Title (id)"`` for a linked entry, so a reader sees a name and can look the id up."""
    found = _entry(entry_id)
    return entry_id if found is None else f"{found[1]['title']} ({entry_id})"


def disclaimer() -> str:
    """The statement that screening is not diagnosis, with a pointer to professional help."""
    c = _content()
    return f"{c['disclaimer']} {c['get_help']}"


def entry_ids() -> dict[str, list[str]]:
    """All explained ids by group: ``{"signs": [...], "roots": [...], "approaches": [...]}``."""
    c = _content()
    return {group: list(c[group]) for group in ("signs", "roots", "approaches")}


def explain(entry_id: str) -> Explanation:
    """Explain a sign, root or approach.

    Parameters
    ----------
    entry_id : str
        A sign id (e.g. ``"fears_rejection"``), a root id (e.g. ``"attachment_trauma"``)
        or an approach id (e.g. ``"couples_therapy"``).

    Returns
    -------
    Explanation

    Raises
    ------
    UnknownSignError
        If no entry has that id.
    """
    found = _entry(entry_id)
    if found is None:
        known = ", ".join(i for ids in entry_ids().values() for i in ids)
        raise UnknownSignError(f"no explanation for {entry_id!r}; known ids: {known}")
    group, e = found
    sources = _content()["sources"]
    return Explanation(
        id=entry_id,
        kind={"signs": "sign", "approaches": "approach"}.get(group) or e.get("kind", "root"),
        title=e["title"],
        summary=e["summary"],
        how_it_shows=tuple(e.get("how_it_shows", ())),
        not_this=tuple(e.get("not_this", ())),
        roots=tuple(e.get("roots", ())),
        approaches=tuple(e.get("approaches", ())),
        signs=tuple(e.get("signs", ())),
        sources=tuple(sources[s]["citation"] for s in e.get("sources", ())),
    )


def report(result: ScreenResult, *, markdown: bool = False, explain_signs: bool = True) -> str:
    """Render a screening as a readable report.

    Parameters
    ----------
    result : ScreenResult
        A screening; its evidence is quoted when it was made with ``keep_text=True``.
    markdown : bool
        Markdown instead of plain text.
    explain_signs : bool
        Add each present sign's explanation and links.

    Returns
    -------
    str
        The signs found (with score, who shows them and evidence), their explanations, and the
        statement that this is screening, not diagnosis.
    """
    h1, h2, bullet, quote = ("# ", "## ", "- ", "> ") if markdown else ("", "", "  - ", "    > ")
    out = [f"{h1}Screening report (model {result.model}, profile {result.profile})", ""]
    if result.english and result.triage_score is not None:
        out += [
            f"Triage score (for ordering texts; higher means more likely to carry a sign): {result.triage_score:.2f}",
            "",
        ]
    if not result.english:
        out += ["The text was not recognised as English, so it was not screened.", ""]
    elif not result.signs:
        out += ["No sign of intimacy avoidance was found.", ""]
    for r in result.signs:
        ex = explain(r.sign)
        who = ", ".join(r.subjects) or "unclear"
        out += [f"{h2}{ex.title} ({r.sign})", f"score {r.score:.2f} (threshold {r.threshold:.2f}); shown by: {who}"]
        for e in r.evidence:
            snippet = result.text[e.start : e.end] if result.text is not None else f"characters {e.start}-{e.end}"
            out.append(f"{quote}{' '.join(snippet.split())}")
        if explain_signs:
            out += ["", ex.summary]
            roots = ", ".join(explain(i).title for i in ex.roots)
            helps = ", ".join(explain(i).title for i in ex.approaches)
            out += [f"{bullet}Common roots: {roots}", f"{bullet}What can help: {helps}"]
        out.append("")
    out += [f"{h2}About this report" if markdown else "About this report:", disclaimer()]
    return "\n".join(out)
