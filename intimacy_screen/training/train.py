"""Training: sentence-level scorer from evidence spans, text-level calibration, tuned thresholds.

1. Every text is cut into sentences (:func:`intimacy_screen.text.sentence_spans`). A sentence
   is a positive for a sign when it lies inside that sign's evidence; all other sentences,
   including those around the evidence, are negatives. Texts without evidence spans (the
   simple format) are used whole.
2. TF-IDF blocks (:data:`intimacy_screen.features.FEATURE_BLOCKS`) and one logistic regression
   per sign score sentences.
3. Out-of-fold sentence scores (grouped by text) give, per text, the highest and second-highest
   sentence score; a small logistic regression per sign turns them into a calibrated text score.
4. Thresholds per profile are tuned on those out-of-fold text scores, with sign-free texts
   re-weighted to the share they have in real posts (see ``SIGN_FREE_SHARE``).
"""

from __future__ import annotations

import platform
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import metadata
from typing import Any

import numpy as np

from ..features import ANALYZERS, FEATURE_BLOCKS, Vectorizer, compile_vectorizer
from ..model import Model
from ..screen import text_features
from ..signs import SIGN_IDS
from ..text import sentence_spans
from .data import LabelledText

#: Share of real relationship-advice posts that carry no sign (about four in five).
SIGN_FREE_SHARE = 0.8
#: Precision the "precise" profile aims at, and recall the "sensitive" profile aims at.
PRECISE_TARGET = 0.75
SENSITIVE_TARGET = 0.8


@dataclass(frozen=True)
class TrainConfig:
    """Training settings (the defaults are the shipped model's)."""

    seed: int = 13
    folds: int = 5
    C: float = 4.0
    class_weight: str | None = "balanced"
    blocks: tuple[str, ...] = ("words", "chars")
    sign_free_share: float = SIGN_FREE_SHARE
    min_overlap: float = 0.5


def sentence_units(
    records: Sequence[LabelledText], min_overlap: float = 0.5
) -> tuple[list[str], np.ndarray, np.ndarray]:
    """Cut labelled texts into training units with one label row each.

    Returns
    -------
    units : list of str
    Y : numpy.ndarray
        Shape ``(n_units, 10)``, 0/1.
    groups : numpy.ndarray
        Index of the source text of each unit.
    """
    units: list[str] = []
    rows: list[np.ndarray] = []
    groups: list[int] = []
    for g, rec in enumerate(records):
        if rec.signs and not rec.evidence:
            y = np.array([s in rec.subjects for s in SIGN_IDS], dtype=np.int8)
            units.append(rec.text)
            rows.append(y)
            groups.append(g)
            continue
        for s, e in sentence_spans(rec.text):
            y = np.zeros(len(SIGN_IDS), dtype=np.int8)
            for k, sign in enumerate(SIGN_IDS):
                for a, b in rec.evidence.get(sign, ()):
                    if min(b, e) - max(a, s) >= min_overlap * (e - s):
                        y[k] = 1
            units.append(rec.text[s:e])
            rows.append(y)
            groups.append(g)
    return units, np.array(rows), np.array(groups)


def _fit_vectorizer(units: Sequence[str], blocks: Sequence[str]) -> Vectorizer:
    from sklearn.feature_extraction.text import TfidfVectorizer

    fitted = {}
    for name in blocks:
        vec = TfidfVectorizer(analyzer=ANALYZERS[name], lowercase=False, dtype=np.float64, **FEATURE_BLOCKS[name])
        vec.fit(units)
        fitted[name] = vec
    return compile_vectorizer(fitted)


def _fit_linear(X: Any, Y: np.ndarray, cfg: TrainConfig) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    coef = np.zeros((X.shape[1], Y.shape[1]))
    intercept = np.full(Y.shape[1], -8.0)
    for k in range(Y.shape[1]):
        if Y[:, k].min() == Y[:, k].max():
            continue  # a sign with no positives here stays off
        clf = LogisticRegression(C=cfg.C, class_weight=cfg.class_weight, solver="liblinear", random_state=cfg.seed)
        clf.fit(X, Y[:, k])
        coef[:, k] = clf.coef_[0]
        intercept[k] = clf.intercept_[0]
    return coef, intercept


def _text_level(records: Sequence[LabelledText], logits: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Text features ``(n_texts, 10, 3)`` from unit logits."""
    feats = np.zeros((len(records), len(SIGN_IDS), 3))
    bounds = np.searchsorted(groups, np.arange(len(records) + 1))
    for g in range(len(records)):
        z = logits[bounds[g] : bounds[g + 1]]
        if len(z):
            feats[g] = text_features(z)
    return feats


def _weights(T: np.ndarray, share: float) -> np.ndarray:
    free = T.sum(axis=1) == 0
    n_free, n_signed = free.sum(), (~free).sum()
    w = np.ones(len(T))
    if n_free and n_signed:
        w[free] = share / (1 - share) * n_signed / n_free
    return w


def _pr_curve(p: np.ndarray, y: np.ndarray, w: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    order = np.argsort(-p, kind="stable")
    p, y, w = p[order], y[order], w[order]
    tp = np.cumsum(w * y)
    fp = np.cumsum(w * (1 - y))
    total = max((w * y).sum(), 1e-12)
    return p, tp / np.maximum(tp + fp, 1e-12), tp / total


def tune_thresholds(P: np.ndarray, T: np.ndarray, w: np.ndarray) -> dict[str, np.ndarray]:
    """Per-sign thresholds for each profile from out-of-fold text probabilities.

    ``balanced`` maximises weighted F1; ``precise`` is the lowest threshold reaching
    :data:`PRECISE_TARGET` precision (or the balanced one if never reached, whichever is higher);
    ``sensitive`` the highest threshold reaching :data:`SENSITIVE_TARGET` recall (or lower than balanced).
    """
    out = {name: np.zeros(P.shape[1]) for name in ("balanced", "precise", "sensitive")}
    for k in range(P.shape[1]):
        p, prec, rec = _pr_curve(P[:, k], T[:, k], w)
        f1 = 2 * prec * rec / np.maximum(prec + rec, 1e-12)
        i = int(np.argmax(f1))
        bal = float(p[i])
        ok = np.nonzero(prec >= PRECISE_TARGET)[0]
        pre = float(p[ok[-1]]) if len(ok) else bal
        ok = np.nonzero(rec >= SENSITIVE_TARGET)[0]
        sen = float(p[ok[0]]) if len(ok) else bal
        out["balanced"][k] = bal
        out["precise"][k] = max(pre, bal)
        out["sensitive"][k] = min(sen, bal)
    return out


def _fit_aggregator(F: np.ndarray, T: np.ndarray, cfg: TrainConfig) -> tuple[np.ndarray, np.ndarray]:
    from sklearn.linear_model import LogisticRegression

    coef = np.zeros((len(SIGN_IDS), F.shape[2]))
    intercept = np.full(len(SIGN_IDS), -8.0)
    for k in range(len(SIGN_IDS)):
        if T[:, k].min() == T[:, k].max():
            continue
        clf = LogisticRegression(C=1.0, random_state=cfg.seed).fit(F[:, k, :], T[:, k])
        coef[k], intercept[k] = clf.coef_[0], clf.intercept_[0]
    return coef, intercept


def versions() -> dict[str, str]:
    """Versions of the libraries that shape a model."""
    out = {"python": platform.python_version()}
    for dist in ("intimacy_screen", "scikit-learn", "nltk", "numpy", "scipy", "joblib"):
        try:
            out[dist] = metadata.version(dist)
        except metadata.PackageNotFoundError:
            out[dist] = "not installed"
    return out


def train(
    records: Sequence[LabelledText],
    cfg: TrainConfig = TrainConfig(),
    progress: Callable[[str], None] = lambda msg: None,
) -> tuple[Model, dict[str, Any]]:
    """Train a model on labelled texts.

    Parameters
    ----------
    records : sequence of LabelledText
        The training data.
    cfg : TrainConfig
        Settings.
    progress : callable
        Called with one-line progress messages.

    Returns
    -------
    model : Model
        The trained model (metadata without data fingerprint; the caller adds it).
    report : dict
        Cross-validated figures per sign, at the balanced thresholds.
    """
    from sklearn.model_selection import GroupKFold

    t0 = time.perf_counter()
    units, Y, groups = sentence_units(records, cfg.min_overlap)
    T = np.array([[s in r.subjects for s in SIGN_IDS] for r in records], dtype=np.int8)
    progress(
        f"{len(records)} texts, {len(units)} sentences; positives per sign: {dict(zip(SIGN_IDS, T.sum(0).tolist()))}"
    )
    oof = np.zeros(Y.shape)
    # Shuffle texts across folds deterministically (GroupKFold itself does not shuffle).
    rng = np.random.default_rng(cfg.seed)
    perm = rng.permutation(len(records))
    fold_of = perm[groups] % cfg.folds
    for f in range(cfg.folds):
        tr, te = fold_of != f, fold_of == f
        vec = _fit_vectorizer([u for u, m in zip(units, tr) if m], cfg.blocks)
        coef, icpt = _fit_linear(vec.transform([u for u, m in zip(units, tr) if m]), Y[tr], cfg)
        oof[te] = vec.transform([u for u, m in zip(units, te) if m]) @ coef + icpt
        progress(f"fold {f + 1}/{cfg.folds} done ({time.perf_counter() - t0:.0f}s)")
    del GroupKFold
    F = _text_level(records, oof, groups)
    agg_coef, agg_icpt = _fit_aggregator(F, T, cfg)
    P = 1 / (1 + np.exp(-(np.einsum("nkf,kf->nk", F, agg_coef) + agg_icpt)))
    w = _weights(T, cfg.sign_free_share)
    thresholds = tune_thresholds(P, T, w)
    report = cv_report(P, T, w, thresholds["balanced"])
    progress("final fit on all data")
    vec = _fit_vectorizer(units, cfg.blocks)
    coef, icpt = _fit_linear(vec.transform(units), Y, cfg)
    meta = {
        "created": datetime.now(timezone.utc).isoformat(timespec="seconds"),
        "seed": cfg.seed,
        "config": {k: (list(v) if isinstance(v, tuple) else v) for k, v in cfg.__dict__.items()},
        "versions": versions(),
        "n_texts": len(records),
        "n_sentences": len(units),
        "cross_validation": report,
        "training_seconds": round(time.perf_counter() - t0, 1),
    }
    progress(f"trained in {meta['training_seconds']}s")
    return Model(vec, coef, icpt, agg_coef, agg_icpt, thresholds, meta), report


def cv_report(P: np.ndarray, T: np.ndarray, w: np.ndarray, thr: np.ndarray) -> dict[str, Any]:
    """Weighted precision, recall and F1 per sign of out-of-fold predictions at ``thr``."""
    pred = P >= thr
    per = {}
    for k, sign in enumerate(SIGN_IDS):
        tp = (w * (pred[:, k] & (T[:, k] == 1))).sum()
        fp = (w * (pred[:, k] & (T[:, k] == 0))).sum()
        fn = (w * (~pred[:, k] & (T[:, k] == 1))).sum()
        p = tp / max(tp + fp, 1e-12)
        r = tp / max(tp + fn, 1e-12)
        per[sign] = {"precision": round(p, 3), "recall": round(r, 3), "f1": round(2 * p * r / max(p + r, 1e-12), 3)}
    return {"per_sign": per, "macro_f1": round(float(np.mean([v["f1"] for v in per.values()])), 3)}
