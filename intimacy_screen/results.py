"""Result types: frozen dataclasses with ``to_dict()`` for the JSON record."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .signs import SIGN_IDS, check_sign_id


@dataclass(frozen=True, slots=True)
class Evidence:
    """A sentence that carries a sign.

    Attributes
    ----------
    start, end : int
        Character offsets into the screened text: ``text[start:end]`` is the sentence.
    score : float
        The sentence's own probability for the sign.
    terms : tuple of str
        The words that weighed most for the sign in this sentence, strongest first.
    """

    start: int
    end: int
    score: float
    terms: tuple[str, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form ``{"start", "end", "score", "terms"}``."""
        return {"start": self.start, "end": self.end, "score": round(self.score, 4), "terms": list(self.terms)}


@dataclass(frozen=True, slots=True)
class SignResult:
    """The screening outcome for one sign.

    Attributes
    ----------
    sign : str
        One of :data:`intimacy_screen.SIGN_IDS`.
    score : float
        Calibrated probability that the text shows the sign.
    threshold : float
        The threshold of the profile used; ``present`` is ``score >= threshold``.
    present : bool
        Whether the sign is tagged.
    subjects : tuple of str
        Who shows it (``"self"``, ``"partner"``, ``"other"``); empty when not present.
    evidence : tuple of Evidence
        The sentences that carry it, strongest first; empty when not present.
    """

    sign: str
    score: float
    threshold: float
    present: bool
    subjects: tuple[str, ...] = ()
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form used in the ``signs`` list of a record."""
        return {
            "sign": self.sign,
            "score": round(self.score, 4),
            "threshold": round(self.threshold, 4),
            "subjects": list(self.subjects),
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class ScreenResult:
    """The screening of one text.

    Attributes
    ----------
    results : tuple of SignResult
        One entry per sign, in the order of :data:`intimacy_screen.SIGN_IDS`.
    model : str
        Version of the model that produced it.
    profile : str
        The operating point used (``"balanced"``, ``"precise"`` or ``"sensitive"``).
    english : bool
        False when the text was not recognised as English; such text gets no signs.
    text : str or None
        The screened text, kept only when asked for (``keep_text=True``).
    triage_score : float or None
        A score in [0, 1] for ordering texts by how likely they are to carry any sign at all: a
        sign-blind whole-text scorer combined with the highest sign score. It ranks real posts better
        than the highest sign score does, but it is calibrated on the training corpus, where signs are
        common, so on real posts it runs high: sort by it rather than read it as a probability. It
        does not decide which signs are present. None with models that have no triage scorer.
    """

    results: tuple[SignResult, ...]
    model: str
    profile: str
    english: bool = True
    text: str | None = None
    triage_score: float | None = None

    @property
    def signs(self) -> list[SignResult]:
        """The present signs, highest score first."""
        return sorted((r for r in self.results if r.present), key=lambda r: -r.score)

    @property
    def scores(self) -> dict[str, float]:
        """Every sign's score, by sign id."""
        return {r.sign: r.score for r in self.results}

    @property
    def any_sign(self) -> bool:
        """Whether at least one sign is present."""
        return any(r.present for r in self.results)

    def __getitem__(self, sign: str) -> SignResult:
        """The result of one sign; raises :class:`UnknownSignError` for an unknown id."""
        return self.results[SIGN_IDS.index(check_sign_id(sign))]

    def evidence_text(self, sign: str) -> list[str]:
        """The evidence sentences of ``sign`` as strings (needs ``keep_text=True``).

        Raises
        ------
        ValueError
            If the result was made without keeping the text.
        """
        if self.text is None:
            raise ValueError("the text was not kept; screen with keep_text=True")
        return [self.text[e.start : e.end] for e in self[sign].evidence]

    def to_dict(self, *, id: Any = None, include_text: bool = False) -> dict[str, Any]:
        """Return the JSON record of the output contract.

        Parameters
        ----------
        id : any, optional
            The row id to put first in the record (left out when None).
        include_text : bool
            Add the screened text under ``"text"`` (only if it was kept).

        Returns
        -------
        dict
            ``{"id", "signs": [present signs, highest first], "scores": {all ten}, "triage_score",
            "model", "profile", "english"}`` (``triage_score`` only when the model has a triage scorer).
        """
        record: dict[str, Any] = {} if id is None else {"id": id}
        record["signs"] = [r.to_dict() for r in self.signs]
        record["scores"] = {r.sign: round(r.score, 4) for r in self.results}
        if self.triage_score is not None:
            record["triage_score"] = round(self.triage_score, 4)
        record["model"] = self.model
        record["profile"] = self.profile
        record["english"] = self.english
        if include_text and self.text is not None:
            record["text"] = self.text
        return record
