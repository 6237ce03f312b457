"""Evaluation of a model on labelled texts: the figures the README and the model card report."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np

from ..screen import Screener
from ..signs import SIGN_IDS
from .data import LabelledText


def average_precision(scores: np.ndarray, truth: np.ndarray) -> float:
    """Average precision (area under the precision-recall steps), 0.0 with no positives."""
    if truth.sum() == 0:
        return 0.0
    order = np.argsort(-scores, kind="stable")
    t = truth[order]
    hits = np.cumsum(t)
    prec = hits / np.arange(1, len(t) + 1)
    return float((prec * t).sum() / t.sum())


def _prf(tp: float, fp: float, fn: float) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def calibration(scores: np.ndarray, truth: np.ndarray, bins: int = 10) -> tuple[float, float]:
    """Brier score and expected calibration error over all (text, sign) pairs."""
    s, t = scores.ravel(), truth.ravel().astype(float)
    brier = float(np.mean((s - t) ** 2))
    idx = np.minimum((s * bins).astype(int), bins - 1)
    ece = 0.0
    for b in range(bins):
        m = idx == b
        if m.any():
            ece += m.mean() * abs(s[m].mean() - t[m].mean())
    return brier, float(ece)


def _f1_rows(pred: np.ndarray, truth: np.ndarray) -> np.ndarray:
    """F1 along the last axis of boolean arrays shaped ``(..., n_texts)``."""
    tp = (pred & truth).sum(axis=-1)
    denom = pred.sum(axis=-1) + truth.sum(axis=-1)
    return np.where(denom > 0, 2 * tp / np.maximum(denom, 1), 0.0)


def bootstrap_intervals(
    scores: np.ndarray, pred: np.ndarray, truth: np.ndarray, rounds: int = 1000, seed: int = 0
) -> dict[str, list[float]]:
    """95% percentile intervals of macro-F1, any-sign F1 and mean average precision, resampling texts.

    With a few positives per sign, one text more or less moves a per-sign F1 a lot; the intervals
    say how far the headline figures could move on another sample of the same kind of posts.

    Parameters
    ----------
    scores, pred, truth : numpy.ndarray
        Shape ``(n_texts, 10)``: calibrated scores, yes/no predictions and true labels.
    rounds : int
        Number of resamples.
    seed : int
        Seed of the resampling (the intervals are reproducible).

    Returns
    -------
    dict
        ``macro_f1``, ``any_sign_f1`` and ``mean_average_precision``, each ``[low, high]``.
    """
    rng = np.random.default_rng(seed)
    idx = rng.integers(0, len(truth), size=(rounds, len(truth)))
    P, T = pred[idx].transpose(0, 2, 1), truth[idx].transpose(0, 2, 1)  # (rounds, 10, n)
    macro = _f1_rows(P, T).mean(axis=1)
    any_f1 = _f1_rows(np.asarray(P.any(axis=1)), np.asarray(T.any(axis=1)))
    S = scores[idx]
    mean_ap = np.array(
        [np.mean([average_precision(S[b, :, k], T[b, k]) for k in range(T.shape[1])]) for b in range(rounds)]
    )

    def interval(x: np.ndarray) -> list[float]:
        return [round(float(v), 3) for v in np.percentile(x, [2.5, 97.5])]

    return {"macro_f1": interval(macro), "any_sign_f1": interval(any_f1), "mean_average_precision": interval(mean_ap)}


def evaluate(screener: Screener, records: Sequence[LabelledText], bootstrap: int = 1000) -> dict[str, Any]:
    """Screen labelled texts and compute quality figures.

    Parameters
    ----------
    screener : Screener
        The model and profile to evaluate.
    records : sequence of LabelledText
        Labelled texts (either format).
    bootstrap : int
        Resamples for the 95% intervals of the headline figures (0: none).

    Returns
    -------
    dict
        ``per_sign`` (precision, recall, f1, average_precision, support), ``macro_f1``,
        ``micro_f1``, ``any_sign`` (precision, recall, f1), ``sign_free_tagged`` (share of
        sign-free texts given any sign), ``subject_accuracy`` (exact subject set on correctly
        found signs) and ``subject_overlap``, ``brier``, ``ece`` and ``confusion`` (for each
        true sign, the other signs wrongly predicted on its texts), ``mean_average_precision``,
        ``any_sign_ranking`` (average precision for "any sign" of the highest sign score and, when the
        model has one, of the triage score) and ``intervals`` (see :func:`bootstrap_intervals`; empty
        when ``bootstrap`` is 0).
    """
    results = screener.screen_many([r.text for r in records])
    S = np.array([[res.scores[s] for s in SIGN_IDS] for res in results])
    pred = np.array([[res[s].present for s in SIGN_IDS] for res in results])
    T = np.array([[s in r.subjects for s in SIGN_IDS] for r in records])
    per: dict[str, Any] = {}
    aps = [average_precision(S[:, k], T[:, k]) for k in range(len(SIGN_IDS))]
    tps = fps = fns = 0
    for k, sign in enumerate(SIGN_IDS):
        tp = int((pred[:, k] & T[:, k]).sum())
        fp = int((pred[:, k] & ~T[:, k]).sum())
        fn = int((~pred[:, k] & T[:, k]).sum())
        tps, fps, fns = tps + tp, fps + fp, fns + fn
        p, r, f = _prf(tp, fp, fn)
        per[sign] = {
            "precision": round(p, 3), "recall": round(r, 3), "f1": round(f, 3),
            "average_precision": round(aps[k], 3), "support": int(T[:, k].sum()),
        }  # fmt: skip
    any_t, any_p = np.asarray(T.any(axis=1)), np.asarray(pred.any(axis=1))
    # Ranking texts for "any sign": the triage score when the model has one, against the highest sign score.
    ranking = {"highest_sign_score": round(average_precision(S.max(axis=1), any_t), 3)}
    if results and results[0].triage_score is not None:
        triage = np.array([res.triage_score for res in results], dtype=float)
        ranking["triage_score"] = round(average_precision(triage, any_t), 3)
    ap, ar, af = _prf(int((any_t & any_p).sum()), int((~any_t & any_p).sum()), int((any_t & ~any_p).sum()))
    exact = overlap = found = 0
    for rec, res in zip(records, results):
        for sign, gold in rec.subjects.items():
            if res[sign].present:
                found += 1
                exact += set(res[sign].subjects) == set(gold)
                overlap += bool(set(res[sign].subjects) & set(gold))
    brier, ece = calibration(S, T)
    confusion = {
        g: {p: int((T[:, i] & ~T[:, j] & pred[:, j]).sum()) for j, p in enumerate(SIGN_IDS) if j != i}
        for i, g in enumerate(SIGN_IDS)
    }
    free = ~any_t
    intervals = bootstrap_intervals(S, pred, T, bootstrap) if bootstrap and len(records) else {}
    return {
        "n_texts": len(records),
        "per_sign": per,
        "macro_f1": round(float(np.mean([v["f1"] for v in per.values()])), 3),
        "micro_f1": round(_prf(tps, fps, fns)[2], 3),
        "any_sign": {"precision": round(ap, 3), "recall": round(ar, 3), "f1": round(af, 3)},
        "mean_average_precision": round(float(np.mean(aps)), 3),
        "any_sign_ranking": ranking,
        "intervals": intervals,
        "sign_free_tagged": round(float(any_p[free].mean()) if free.any() else 0.0, 3),
        "subject_accuracy": round(exact / found, 3) if found else None,
        "subject_overlap": round(overlap / found, 3) if found else None,
        "brier": round(brier, 4),
        "ece": round(ece, 4),
        "confusion": {g: {p: n for p, n in row.items() if n} for g, row in confusion.items()},
        "profile": screener.profile,
        "model": screener.model.version,
    }


def format_report(report: dict[str, Any]) -> str:
    """A fixed-width text table of an :func:`evaluate` report."""
    lines = [f"{'sign':24s} {'prec':>6s} {'rec':>6s} {'f1':>6s} {'ap':>6s} {'n':>5s}"]
    for sign, v in report["per_sign"].items():
        lines.append(
            f"{sign:24s} {v['precision']:6.3f} {v['recall']:6.3f} {v['f1']:6.3f} {v['average_precision']:6.3f} {v['support']:5d}"
        )
    a = report["any_sign"]
    ci = report.get("intervals") or {}

    def span(key: str) -> str:
        return f" (95% interval {ci[key][0]:.3f}-{ci[key][1]:.3f})" if key in ci else ""

    lines += [
        f"macro-F1 {report['macro_f1']:.3f}{span('macro_f1')}   micro-F1 {report['micro_f1']:.3f}",
        f"any sign: precision {a['precision']:.3f} recall {a['recall']:.3f} F1 {a['f1']:.3f}{span('any_sign_f1')}",
        f"mean average precision {report['mean_average_precision']:.3f}{span('mean_average_precision')}",
        "ranking texts for any sign (average precision): "
        + ", ".join(f"{k.replace('_', ' ')} {v:.3f}" for k, v in report["any_sign_ranking"].items()),
        f"sign-free texts tagged: {report['sign_free_tagged']:.3f}",
        f"subject accuracy (exact) {report['subject_accuracy']}  (overlap {report['subject_overlap']})",
        f"Brier {report['brier']:.4f}   ECE {report['ece']:.4f}",
    ]
    confused = [
        f"  {g} -> " + ", ".join(f"{p} {n}" for p, n in row.items()) for g, row in report["confusion"].items() if row
    ]
    if confused:
        lines.append("wrongly predicted alongside a true sign:")
        lines += confused
    return "\n".join(lines)


def _no_apostrophes(text: str) -> str:
    return re.sub("['\u2019]", "", text)


def _no_punctuation(text: str) -> str:
    return re.sub(r"[.!?,;:\u2026]", "", text)


def _swapped_gender(text: str) -> str:
    from .augment import swap_gender

    return swap_gender(text)[0]


#: Rewrites of a text that should leave its result (nearly) unchanged, for :func:`rewrite_report`.
REWRITES: dict[str, Callable[[str], str]] = {
    "gender": _swapped_gender,  # he / she, husband / wife, "(28F)" / "(28M)", ... (see augment.swap_gender)
    "no-apostrophes": _no_apostrophes,  # "don't" -> "dont", "I'm" -> "Im"
    "lower-case": str.lower,
    "no-punctuation": _no_punctuation,  # sentence and clause punctuation dropped, line breaks kept
}


def rewrite_report(
    screener: Screener, items: Sequence[tuple[str, str | None]], rewrite: str = "gender"
) -> dict[str, Any]:
    """How much results move when texts are rewritten in a way that should not matter.

    Parameters
    ----------
    screener : Screener
        The model to measure.
    items : sequence of (str, str or None)
        Texts, each with the sign to follow (``None``: all ten). Texts the rewrite leaves unchanged
        are skipped.
    rewrite : str
        A key of :data:`REWRITES`.

    Returns
    -------
    dict
        ``n_texts`` and ``n_rewritten``; ``per_sign`` and ``all``: for the (text, sign) pairs followed,
        ``n``, the ``mean`` and ``p90`` of the absolute change in score, and the tag ``flips``;
        ``flipped``: ``(item index, sign, score before, score after)`` for every tag that changes.
    """
    change = REWRITES[rewrite]
    rewritten = [(i, change(text)) for i, (text, _) in enumerate(items)]
    rewritten = [(i, w) for i, w in rewritten if w != items[i][0]]
    before = screener.screen_many([items[i][0] for i, _ in rewritten])
    after = screener.screen_many([w for _, w in rewritten])
    moves: dict[str, list[float]] = {s: [] for s in SIGN_IDS}
    flipped: list[tuple[int, str, float, float]] = []
    for (i, _), a, b in zip(rewritten, before, after):
        sign = items[i][1]
        for s in [sign] if sign else SIGN_IDS:
            moves[s].append(abs(a[s].score - b[s].score))
            if a[s].present != b[s].present:
                flipped.append((i, s, a[s].score, b[s].score))

    def summary(d: list[float], flips: int) -> dict[str, Any]:
        d = sorted(d)
        return {
            "n": len(d),
            "mean": sum(d) / len(d) if d else 0.0,
            "p90": d[min(len(d) - 1, int(0.9 * len(d)))] if d else 0.0,
            "flips": flips,
        }

    return {
        "n_texts": len(items),
        "n_rewritten": len(rewritten),
        "per_sign": {s: summary(d, sum(f[1] == s for f in flipped)) for s, d in moves.items() if d},
        "all": summary([x for d in moves.values() for x in d], len(flipped)),
        "flipped": flipped,
    }


def pair_report(screener: Screener, pairs: Sequence[dict[str, str]]) -> dict[str, Any]:
    """How often a sign text is tagged and its sign-free twin is not (the negation-pair sets).

    Parameters
    ----------
    screener : Screener
        The model to measure.
    pairs : sequence of dict
        Records with ``sign``, ``positive`` (a text showing the sign), ``negative`` (its twin, which does
        not: negated, denied, hypothetical, asked about or a one-off) and ``kind``, as in
        ``tests/data/negation_pairs.jsonl``.

    Returns
    -------
    dict
        ``n``, ``right`` (positive tagged with the sign and twin not), ``positives_found``,
        ``twins_tagged`` (twins tagged with the pair's sign), ``by_kind`` and ``by_sign`` (``[right, n]``),
        and ``wrong``: the indices of the pairs not right.
    """
    pos = screener.screen_many([p["positive"] for p in pairs])
    neg = screener.screen_many([p["negative"] for p in pairs])
    found = [a[p["sign"]].present for p, a in zip(pairs, pos)]
    raised = [b[p["sign"]].present for p, b in zip(pairs, neg)]
    right = [f and not r for f, r in zip(found, raised)]
    by_kind: dict[str, list[int]] = {}
    by_sign: dict[str, list[int]] = {s: [0, 0] for s in SIGN_IDS if any(p["sign"] == s for p in pairs)}
    for p, ok in zip(pairs, right):
        for table, key in ((by_kind, p.get("kind", "")), (by_sign, p["sign"])):
            cell = table.setdefault(key, [0, 0])
            cell[0] += ok
            cell[1] += 1
    return {
        "n": len(pairs),
        "right": sum(right),
        "positives_found": sum(found),
        "twins_tagged": sum(raised),
        "by_kind": by_kind,
        "by_sign": by_sign,
        "wrong": [i for i, ok in enumerate(right) if not ok],
    }
