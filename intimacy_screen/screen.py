"""Screening: sentence scores, text scores, thresholds, evidence and subjects."""

from __future__ import annotations

import numbers
import re
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import numpy as np

from .cues import cue_phrase
from .errors import InvalidInputError, InvalidThresholdError, UnknownProfileError, UnknownSignError
from .model import Model, default_model, load_model
from .results import Evidence, ScreenResult, SignResult
from .signs import SIGN_IDS
from .subjects import resolve_subjects
from .text import NAME_TOKEN, sentence_spans

_CLIP = 8.0
# Length enters the text score as log(n_sentences), capped at the longest texts training sees,
# so that a very long journal is not discounted beyond what the calibration learned.
_MAX_SENTENCES = 60
# A text longer than that is read by the whole-text scorer in windows of this many sentences, keeping
# the best window: over a 5,000-word journal the summed counts of one telling passage would be drowned
# by everything else (training texts have at most ~35 sentences).
_TEXT_WINDOW = 40
_MAX_EVIDENCE = 3
_ENGLISH = frozenset(
    "the and to a i of it is was my that in he she we you me for with but not his her they this so on have be "
    "just like what are do don't dont at all about him when or if can im i'm your our their them us there "
    "has had been would could will an as by from one no out up get got how who why really very too even any "
    "some more than then also because only never always every it's its did does doesn't didn't won't can't "
    "cant wont isn't he's she's i've ive i'll we're they're".split()
)
# Function words of other languages written in Latin script that are not English words: a text with
# more of these than of the English ones is not English, however short.
_FOREIGN = frozenset(
    "el la los las y que de en por para con una es está mi su muy pero como del al lo le les et est je tu "
    "il elle nous vous pas une des du au avec sur dans qui mais ou der das und ich nicht ist ein eine "
    "mit zu auf dem sie wir het een ik niet jij che non sono della não você eu ele ela "
    "uma com mas hola nunca siempre novio novia marido esposa mujer habla mon ma mes mari ne suis mein meine "
    "mann frau mir".split()
)
_WORDS = re.compile(r"[^\W\d_]+", re.UNICODE)
_NON_LATIN = re.compile(r"[^\W\d_\x00-\u024f]", re.UNICODE)
_MARK = re.compile(r"_(?:NEG|HYP)\b")
# Terms made only of these explain nothing to a reader, whatever their weight.
_FILLER = frozenset("i me my we us our you he she it they him her them the a an and or to of in on at so".split())


def _looks_english(text: str) -> bool:
    """Cheap check that a text is English.

    Mostly Latin script; other languages' function words do not outnumber English ones; and in
    longer texts enough of the words are common English ones. Short texts get the benefit of the
    doubt: a plain one-line statement ("Emotionally distant husband, exhausted wife.") may hold no
    common word at all.
    """
    head = text[:5000].lower()
    words = _WORDS.findall(head)
    if len(_NON_LATIN.findall(head)) > 0.3 * sum(map(len, words)):  # mostly another script
        return False
    english = sum(map(_ENGLISH.__contains__, words))
    foreign = sum(map(_FOREIGN.__contains__, words)) + head.count("¿") + head.count("¡")
    if foreign and foreign >= english:
        return False
    return len(words) < 15 or english / len(words) >= 0.12


def _cue_columns(model: Model) -> list[int]:
    """Column of each sign's cue token in the model's feature rows (-1 where there is none)."""
    offset = 0
    for block in model.vectorizer.blocks:
        if block.analyzer == "cues":
            return [offset + block.index[f"cue:{s}"] if f"cue:{s}" in block.index else -1 for s in SIGN_IDS]
        offset += len(block.terms)
    return [-1] * len(SIGN_IDS)


def _sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def text_features(sentence_logits: np.ndarray, n_sentences: np.ndarray, text_logits: np.ndarray) -> np.ndarray:
    """Text-level features per sign from sentence logits and whole-text logits, for many texts.

    Parameters
    ----------
    sentence_logits : numpy.ndarray
        Shape ``(total_sentences, 10)``: the sentences of all texts, text after text.
    n_sentences : numpy.ndarray
        Number of sentences of each text.
    text_logits : numpy.ndarray
        Shape ``(n_texts, 10)``: the whole-text scorer's logits.

    Returns
    -------
    numpy.ndarray
        Shape ``(n_texts, 10, 4)``: per sign the highest and second-highest sentence logit,
        ``log(n_sentences)`` (capped) and the whole-text logit; zeros for texts without sentences.
    """
    n = np.asarray(n_sentences, dtype=np.int64)
    feats = np.zeros((len(n), text_logits.shape[1], 4))
    full = n > 0
    if not full.any():
        return feats
    z = np.clip(sentence_logits, -_CLIP, _CLIP)
    starts = (np.cumsum(n) - n)[full]
    group = np.repeat(np.arange(len(starts)), n[full])
    top = np.maximum.reduceat(z, starts, axis=0)
    # The second-highest: mask the first occurrence of each text's top, then take the max again.
    is_top = z == top[group]
    seen = np.cumsum(is_top, axis=0)
    before = np.vstack([np.zeros((1, z.shape[1]), dtype=seen.dtype), seen])[starts]
    first_top = is_top & (seen - before[group] == 1)
    second = np.maximum.reduceat(np.where(first_top, -_CLIP, z), starts, axis=0)
    second[n[full] == 1] = -_CLIP
    feats[full, :, 0] = top
    feats[full, :, 1] = second
    feats[full, :, 2] = np.log(np.minimum(n[full], _MAX_SENTENCES))[:, None]
    feats[full, :, 3] = np.clip(text_logits[full], -_CLIP, _CLIP)
    return feats


def _check_overrides(thresholds: Mapping[str, float]) -> tuple[tuple[int, float], ...]:
    """Validate threshold overrides; return ``(sign index, value)`` pairs."""
    out: list[tuple[int, float]] = []
    for sign, value in thresholds.items():
        if sign not in SIGN_IDS:
            raise UnknownSignError(f"unknown sign id {sign!r} in thresholds; known: {', '.join(SIGN_IDS)}")
        if isinstance(value, bool) or not isinstance(value, numbers.Real) or not 0.0 <= value <= 1.0:
            raise InvalidThresholdError(f"threshold for {sign} must be a number between 0 and 1, not {value!r}")
        out.append((SIGN_IDS.index(sign), float(value)))
    return tuple(out)


def triage_features(any_logits: np.ndarray, sign_logits: np.ndarray) -> np.ndarray:
    """Features of the triage calibration: the triage scorer's logit and the highest sign logit.

    Parameters
    ----------
    any_logits : numpy.ndarray
        Shape ``(n_texts,)``: the sign-blind whole-text scorer's logits.
    sign_logits : numpy.ndarray
        Shape ``(n_texts, 10)``: the calibrated sign logits.

    Returns
    -------
    numpy.ndarray
        Shape ``(n_texts, 2)``.
    """
    return np.c_[np.clip(any_logits, -_CLIP, _CLIP), np.clip(sign_logits.max(axis=1), -_CLIP, _CLIP)]


class Screener:
    """Screens texts for the ten signs with one model and one profile.

    Thread-safe: a Screener holds no mutable state after construction, so one instance
    can serve many threads.

    Parameters
    ----------
    model : Model, optional
        A loaded model; the shipped model (loaded on first use) when omitted.
    profile : str
        Operating point: ``"balanced"`` (best F1, the default), ``"precise"`` or ``"sensitive"``.
    thresholds : mapping of str to float, optional
        Your own thresholds for some signs (sign id to a number in [0, 1]), replacing the profile's
        for those signs; results then name the profile ``"<profile>+custom"``.

    Raises
    ------
    UnknownProfileError
        If the model has no such profile.
    UnknownSignError
        If ``thresholds`` names an unknown sign.
    InvalidThresholdError
        If a threshold is not a number in [0, 1].
    """

    def __init__(
        self, model: Model | None = None, profile: str = "balanced", thresholds: Mapping[str, float] | None = None
    ) -> None:
        self._model = model
        self._profile = profile
        self._overrides = _check_overrides(thresholds or {})
        if model is not None:
            self._check_profile(model, profile)

    @classmethod
    def from_path(
        cls, path: str | Path, profile: str = "balanced", thresholds: Mapping[str, float] | None = None
    ) -> Screener:
        """Load a model directory (as written by ``intimacy-screen train``) and return a Screener.

        Raises
        ------
        ModelLoadError
            If the directory is not a usable model.
        """
        return cls(load_model(path), profile, thresholds)

    @staticmethod
    def _check_profile(model: Model, profile: str) -> None:
        if profile not in model.thresholds:
            raise UnknownProfileError(f"unknown profile {profile!r}; this model has: {', '.join(model.thresholds)}")

    @property
    def model(self) -> Model:
        """The model in use (loading the shipped model on first access)."""
        if self._model is None:
            model = default_model()
            self._check_profile(model, self._profile)
            self._model = model
        return self._model

    @property
    def profile(self) -> str:
        """The profile in use, ``"<profile>+custom"`` when some thresholds were given."""
        return f"{self._profile}+custom" if self._overrides else self._profile

    @property
    def thresholds(self) -> dict[str, float]:
        """The threshold of each sign in use (the profile's, or yours where given)."""
        return dict(zip(SIGN_IDS, self._thresholds(self.model).tolist()))

    def _thresholds(self, model: Model) -> np.ndarray:
        thr = np.array(model.thresholds[self._profile], dtype=np.float64)
        for k, value in self._overrides:
            thr[k] = value
        return thr

    def screen(self, text: str, *, keep_text: bool = False) -> ScreenResult:
        """Screen one text.

        Parameters
        ----------
        text : str
            A journal entry, post or comment, of any length.
        keep_text : bool
            Keep the text in the result (for :meth:`ScreenResult.evidence_text` and reports).

        Returns
        -------
        ScreenResult

        Raises
        ------
        InvalidInputError
            If ``text`` is not a string.
        """
        return self.screen_many([text], keep_text=keep_text)[0]

    def screen_many(self, texts: Iterable[str], *, keep_text: bool = False) -> list[ScreenResult]:
        """Screen many texts at once (faster than one by one).

        Parameters
        ----------
        texts : iterable of str
            The texts.
        keep_text : bool
            Keep each text in its result.

        Returns
        -------
        list of ScreenResult
            Same length and order as ``texts``.

        Raises
        ------
        InvalidInputError
            If any item is not a string (the message gives its position).
        """
        texts = list(texts) if not isinstance(texts, str) else [texts]
        for i, t in enumerate(texts):
            if not isinstance(t, str):
                raise InvalidInputError(f"text at position {i} is {type(t).__name__}, not str")
        model = self.model
        thresholds = self._thresholds(model)
        english = [_looks_english(t) for t in texts]
        spans = [sentence_spans(t) if ok else [] for t, ok in zip(texts, english)]
        sentences = [t[s:e] for t, sp in zip(texts, spans) for s, e in sp]
        counts = np.array([len(sp) for sp in spans], dtype=np.int64)
        long = counts > _MAX_SENTENCES
        windows = np.where(long, -(-counts // _TEXT_WINDOW), 1)
        first_window = np.cumsum(windows) - windows
        groups = np.repeat(first_window, counts)
        window_texts = texts
        if long.any():
            within = np.arange(len(sentences)) - np.repeat(np.cumsum(counts) - counts, counts)
            groups += np.where(np.repeat(long, counts), within // _TEXT_WINDOW, 0)
            window_texts = [t for t, w in zip(texts, windows.tolist()) for _ in range(w)]
        X, Xw = model.vectorizer.transform_grouped(sentences, groups, len(window_texts), window_texts)
        logits = np.asarray(X @ model.coef, dtype=np.float64) + model.intercept
        window_logits = np.asarray(Xw @ model.text_coef, dtype=np.float64) + model.text_intercept
        text_logits = np.maximum.reduceat(window_logits, first_window, axis=0)
        feats = text_features(logits, counts, text_logits)
        sign_logits = np.einsum("nkf,kf->nk", feats, model.agg_coef) + model.agg_intercept
        probs_all = _sigmoid(sign_logits)
        probs_all[counts == 0] = 0.0
        triage: list[float | None] = [None] * len(texts)
        if model.triage_coef is not None and model.triage_params is not None:
            t_int, w_any, w_sign, bias = model.triage_params
            any_logits = np.maximum.reduceat(np.asarray(Xw @ model.triage_coef) + t_int, first_window)
            g = triage_features(any_logits, sign_logits)
            triage = np.where(counts > 0, _sigmoid(g[:, 0] * w_any + g[:, 1] * w_sign + bias), 0.0).tolist()
        present_all = (probs_all >= thresholds) & (counts > 0)[:, None]
        cue_cols = _cue_columns(model)
        out: list[ScreenResult] = []
        row = 0
        for i, (text, sp, ok) in enumerate(zip(texts, spans, english)):
            n = len(sp)
            probs = probs_all[i].tolist()
            results = []
            for k, sign in enumerate(SIGN_IDS):
                p = probs[k]
                if present_all[i, k]:
                    ev = self._evidence(text, X, logits, row, sp, k, cue_cols[k])
                    subjects = resolve_subjects(
                        text,
                        [(e.start, e.end) for e in ev],
                        k,
                        model.subject_coef,
                        model.subject_intercept,
                        [e.terms for e in ev],
                    )
                    results.append(SignResult(sign, p, float(thresholds[k]), True, subjects, ev))
                else:
                    results.append(SignResult(sign, p, float(thresholds[k]), False))
            out.append(
                ScreenResult(tuple(results), model.version, self.profile, ok, text if keep_text else None, triage[i])
            )
            row += n
        return out

    def _span_terms(self, items: Sequence[tuple[str, int, int, int]]) -> list[tuple[str, ...]]:
        """What weighed most for a sign in given spans, as evidence reports it.

        Parameters
        ----------
        items : sequence of (text, start, end, sign_index)
            A span ``text[start:end]`` and the position of a sign in :data:`SIGN_IDS`.

        Returns
        -------
        list of tuple of str
            The terms of each span, as in :attr:`Evidence.terms`.
        """
        model = self.model
        spans = [t[s:e] for t, s, e, _ in items]
        X, _ = model.vectorizer.transform_grouped(spans, np.arange(len(items)), len(items), [t for t, *_ in items])
        cue_cols = _cue_columns(model)
        return [self._terms(span, X, i, it[3], cue_cols[it[3]]) for i, (span, it) in enumerate(zip(spans, items))]

    def _evidence(
        self,
        text: str,
        X: object,
        logits: np.ndarray,
        row: int,
        spans: Sequence[tuple[int, int]],
        k: int,
        cue_col: int,
    ) -> tuple[Evidence, ...]:
        z = logits[row : row + len(spans), k]
        order = np.argsort(-z, kind="stable")
        top = z[order[0]]
        chosen = [order[0]] + [i for i in order[1:_MAX_EVIDENCE] if z[i] >= 0.0 and z[i] >= top - 2.0]
        return tuple(
            Evidence(
                spans[i][0],
                spans[i][1],
                float(_sigmoid(z[i])),
                self._terms(text[slice(*spans[i])], X, row + i, k, cue_col),
            )
            for i in chosen
        )

    def _terms(self, sentence: str, X: object, r: int, k: int, cue_col: int, n: int = 3) -> tuple[str, ...]:
        """What weighed most for sign ``k`` in ``sentence`` (row ``r`` of ``X``).

        First the sign's cue phrase when its cue fired (the cue feature is usually the largest single
        weight, and its phrase says more than the feature's name), then the ``n`` word features with the
        largest positive contribution. The sign-blind scope weights ("every", "since", ...) are left out
        of those: they say that a sentence describes a pattern, not which sign it is. ``cue_col`` is the
        column of the sign's cue token (see :func:`_cue_columns`).
        """
        # Slicing the CSR arrays directly: X[r] builds a new sparse matrix and costs ~50 us.
        a, b = X.indptr[r], X.indptr[r + 1]  # type: ignore[attr-defined]
        indices, data = X.indices[a:b], X.data[a:b]  # type: ignore[attr-defined]
        phrase = cue_phrase(sentence, SIGN_IDS[k]) if cue_col in indices else None
        words = self.model.vectorizer.blocks[0]
        mask = indices < len(words.terms)
        cols, vals = indices[mask], data[mask]
        weights = self.model.coef[cols, k]
        if self.model.scope_coef is not None:
            share = 1.0 if self.model.scope_signs is None else float(self.model.scope_signs[k])
            weights = weights - share * self.model.scope_coef[cols]
        contrib = vals * weights
        contrib[[NAME_TOKEN in words.terms[c] for c in cols]] = 0.0  # a placeholder tells a reader nothing
        best = np.argsort(-contrib, kind="stable")[:n]
        # Scope marks are the model's business; a reader sees the words as written.
        found = [_MARK.sub("", words.terms[cols[i]]) for i in best if contrib[i] > 0]
        out = [] if phrase is None else [phrase]
        for term in found:
            if term not in out and (phrase is None or term not in phrase) and not _FILLER.issuperset(term.split()):
                out.append(term)
        return tuple(out)
