"""Training: sentence and whole-text scorers, text-level calibration, tuned thresholds.

1. Every text is cut into sentences (:func:`intimacy_screen.text.sentence_spans`). A sentence
   is a positive for a sign when it lies inside that sign's evidence; all other sentences,
   including those around the evidence, are negatives. Texts without evidence spans (the
   simple format) are used whole.
2. The vocabulary and idf weights of each feature block
   (:data:`intimacy_screen.features.FEATURE_BLOCKS`) are fitted once on all sentences (no labels
   are used, so cross-validation stays honest about the labels).
3. One logistic regression per sign scores sentences; another scores whole texts, whose
   features are the summed counts of their sentences. A sign-blind *scope* scorer, fitted on the
   contrastive pairs only (texts with ``twin_of``), is added to all of them: it tells the sentences
   that carry a sign in the first text of a pair from the sentences its sign-free twin changed. The
   twins share their topic words, so it learns what turns a described pattern into a negated,
   denied, one-off, resolved or hypothetical mention (word n-grams only). ``TrainConfig.scope_weight``
   times its weights is added to every sign's sentence and whole-text weights, except the signs of
   ``TrainConfig.scope_skip``; the model keeps the sums, so screening costs nothing more.
4. Out-of-fold scores (folds split by text) give, per text, the two highest sentence scores,
   the length and the whole-text score; a small logistic regression per sign turns them into a
   calibrated text probability.
5. A sign-blind whole-text scorer ("any sign here?", scope weights added) and the highest calibrated
   sign logit, calibrated together on the out-of-fold scores, give the triage score, which only
   orders texts.
6. Thresholds per profile are tuned on those out-of-fold probabilities of the texts of
   ``TrainConfig.tune_min_words`` words or more that are not in a contrastive pair (the ones most
   like real posts), with sign-free texts re-weighted to the share they have in real posts (see
   ``SIGN_FREE_SHARE``).
"""

from __future__ import annotations

import platform
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from datetime import UTC, datetime
from functools import partial
from importlib import metadata
from typing import Any

import numpy as np
from scipy import sparse

from ..errors import UnknownSignError
from ..features import FEATURE_BLOCKS, TfidfBlock, Vectorizer, analyze
from ..model import Model
from ..screen import Screener, text_features, triage_features
from ..signs import SIGN_IDS, SUBJECT_IDS
from ..subjects import N_SUBJECT_FEATURES, pick_subjects, subject_features
from ..text import sentence_spans
from .augment import gender_swapped
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
    folds: int = 3
    C: float = 0.5
    text_C: float = 2.0
    class_weight: str | None = "balanced"
    blocks: tuple[str, ...] = ("words", "chars", "cues")
    sign_free_share: float = SIGN_FREE_SHARE
    min_overlap: float = 0.5
    jobs: int = 2
    tune_min_words: int = 100  # thresholds are tuned on texts of at least this many words
    scope_weight: float = 2.0  # weight of the scope scorer added to every sign's scorers (0: none)
    scope_C: float = 1.0  # regularisation of the scope scorer
    # Signs the scope scorer is not added to. Fear of rejection is anticipation by nature ("I'm sure
    # he'll get bored of me"), the very worried/hypothetical wording the scope scorer pushes down.
    scope_skip: tuple[str, ...] = ("fears_rejection",)
    threshold_rounds: int = 50  # bootstrap resamples whose median threshold is taken (0: one argmax)
    # Train on every text also with its gendered words swapped (see augment.py), with the
    # regularisation halved so that an original text and its copy weigh what the original did alone.
    gender_balance: bool = True


@dataclass(frozen=True)
class _Prepared:
    """Everything training derives from the texts before any label is fitted."""

    vectorizer: Vectorizer
    unit_rows: sparse.csr_matrix  # one row per training unit
    unit_labels: np.ndarray  # (n_units, 10)
    unit_text: np.ndarray  # text index of each unit
    sent_rows: sparse.csr_matrix  # one row per sentence, as screening cuts them
    sent_text: np.ndarray  # text index of each sentence
    text_rows: sparse.csr_matrix  # one row per text
    text_labels: np.ndarray  # (n_texts, 10)


def _fit_block(name: str, docs: Sequence[str], scale: float | None = None) -> tuple[TfidfBlock, sparse.csr_matrix]:
    """Fit one block's vocabulary and idf (scikit-learn's smooth idf) and return the counts too.

    ``scale`` defaults to the block's scale in :data:`FEATURE_BLOCKS`.
    """
    from sklearn.feature_extraction.text import CountVectorizer

    opts = FEATURE_BLOCKS[name]
    scale = opts.get("scale", 1.0) if scale is None else scale
    cv = CountVectorizer(
        analyzer=partial(analyze, name, names=opts.get("names", False), apostrophes=opts.get("apostrophes", False)),
        lowercase=False,
        min_df=opts["min_df"],
        max_features=opts["max_features"],
        dtype=np.float64,
    )
    counts = cv.fit_transform(docs).tocsr()
    terms = [""] * len(cv.vocabulary_)
    for t, j in cv.vocabulary_.items():
        terms[j] = str(t)
    df = np.bincount(counts.indices, minlength=len(terms))
    idf = np.log((1 + len(docs)) / (1 + df)) + 1.0
    block = TfidfBlock(
        name,
        tuple(terms),
        idf,
        bool(opts["sublinear_tf"]),
        scale,
        opts.get("names", False),
        opts.get("apostrophes", False),
    )
    return block, counts


def prepare(records: Sequence[LabelledText], cfg: TrainConfig) -> _Prepared:
    """Cut texts into sentences, label the sentences, fit the vocabularies and build all feature rows."""
    sents: list[str] = []
    sent_text: list[int] = []
    sent_labels: list[np.ndarray] = []
    for g, rec in enumerate(records):
        spans = sentence_spans(rec.text) or [(0, len(rec.text))]
        for s, e in spans:
            y = np.zeros(len(SIGN_IDS), dtype=np.int8)
            for k, sign in enumerate(SIGN_IDS):
                for a, b in rec.evidence.get(sign, ()):
                    if min(b, e) - max(a, s) >= cfg.min_overlap * (e - s):
                        y[k] = 1
            sents.append(rec.text[s:e])
            sent_text.append(g)
            sent_labels.append(y)
    st = np.array(sent_text)
    T = np.array([[s in r.subjects for s in SIGN_IDS] for r in records], dtype=np.int8)
    member = sparse.csr_matrix((np.ones(len(st)), (st, np.arange(len(st)))), shape=(len(records), len(st)))
    blocks, sent_parts, text_parts = [], [], []
    for name in cfg.blocks:
        block, counts = _fit_block(name, sents)
        blocks.append(block)
        sent_parts.append(block.weight(counts))
        text_parts.append(block.weight((member @ counts).tocsr()))
    sent_rows = sparse.hstack(sent_parts, format="csr")
    text_rows = sparse.hstack(text_parts, format="csr")
    # Texts labelled without evidence (simple format) train the sentence scorer as one whole unit.
    whole = np.array([bool(r.signs) and not r.evidence for r in records])
    keep = ~whole[st]
    unit_rows = sparse.vstack([sent_rows[keep], text_rows[whole]], format="csr")
    unit_labels = np.vstack([np.array(sent_labels).reshape(-1, len(SIGN_IDS))[keep], T[whole]])
    unit_text = np.concatenate([st[keep], np.nonzero(whole)[0]])
    return _Prepared(Vectorizer(tuple(blocks)), unit_rows, unit_labels, unit_text, sent_rows, st, text_rows, T)


def contrast_sentences(
    records: Sequence[LabelledText], min_overlap: float = 0.5
) -> tuple[list[str], list[str], list[int]]:
    """Sentences of the contrastive pairs for the scope scorer.

    A sentence of the sign text is evidence when at least ``min_overlap`` of it lies inside an
    evidence span, as in :func:`prepare`.

    Returns
    -------
    positives, negatives : list of str
        Evidence sentences of each pair's sign text, and the sentences of its sign-free twin; sentences
        the two texts share word for word are left out (they say nothing about scope).
    owner : list of int
        For each sentence (positives first, then negatives), the index of the twin record in ``records``.
    """
    by_id = {r.id: i for i, r in enumerate(records)}
    pos: list[str] = []
    neg: list[str] = []
    pos_owner: list[int] = []
    neg_owner: list[int] = []
    for j, twin in enumerate(records):
        i = by_id.get(twin.twin_of) if twin.twin_of else None
        if i is None:
            continue
        first = records[i]
        a = [(s, e, first.text[s:e]) for s, e in sentence_spans(first.text)]
        b = [twin.text[s:e] for s, e in sentence_spans(twin.text)]
        shared = {t for _, _, t in a} & set(b)
        spans = [span for v in first.evidence.values() for span in v]
        for s, e, t in a:
            if t not in shared and any(min(e, y) - max(s, x) >= min_overlap * (e - s) for x, y in spans):
                pos.append(t)
                pos_owner.append(j)
        for t in b:
            if t not in shared:
                neg.append(t)
                neg_owner.append(j)
    return pos, neg, pos_owner + neg_owner


_PERSON = frozenset(
    "i i'm i've i'd i'll me my mine myself we we're we've us our ours you you're your yours he he's him his she "
    "she's her hers they they're them their theirs".split()
)


def _fit_scope(
    vectorizer: Vectorizer, X: sparse.csr_matrix, y: np.ndarray, C: float, cfg: TrainConfig
) -> tuple[np.ndarray, float]:
    """The scope scorer: weights over all columns (zero outside the word block) and its intercept."""
    from sklearn.linear_model import LogisticRegression

    n = vectorizer.n_features
    if len(y) == 0 or y.min() == y.max():
        return np.zeros(n), 0.0
    # Word n-grams carry the scope marks (_NEG, _HYP) and the time and frequency words; character
    # n-grams and cues made the scope scorer worse (see model_choices.md).
    start = 0
    for block in vectorizer.blocks:
        if block.analyzer == "words":
            break
        start += len(block.terms)
    else:
        return np.zeros(n), 0.0
    # Person references are left out too: who does something is the subject model's business, and in
    # the pairs the sign sentence names people more often than its twin's changed clause does.
    cols = np.array(
        [start + j for j, t in enumerate(block.terms) if _PERSON.isdisjoint(w.split("_")[0] for w in t.split())],
        dtype=np.int64,
    )
    clf = LogisticRegression(C=C, solver="liblinear", random_state=cfg.seed)
    clf.fit(sparse.csc_matrix(X)[:, cols], y)
    w = np.zeros(n)
    w[cols] = clf.coef_[0]
    return w, float(clf.intercept_[0])


def assign_folds(records: Sequence[LabelledText], folds: int, seed: int) -> np.ndarray:
    """Cross-validation fold of each text.

    Texts whose ids share a source prefix (the part before the last ``-``, e.g. one writer's batch
    ``w3-0012``) stay together when there are at least ``2 * folds`` such sources: held-out scores then
    reflect a new source's style, as real posts will, which keeps the tuned thresholds honest.
    Otherwise texts are shuffled into folds. Deterministic for a seed.
    """
    rng = np.random.default_rng(seed)
    sources = [r.id.rsplit("-", 1)[0] if "-" in r.id else "" for r in records]
    names = sorted(set(sources))
    if len(names) >= 2 * folds:
        order = {name: i % folds for i, name in enumerate(rng.permutation(names))}
        return np.array([order[s] for s in sources])
    return rng.permutation(len(records)) % folds


def _fit_linear(X: Any, Y: np.ndarray, C: float, cfg: TrainConfig) -> tuple[np.ndarray, np.ndarray]:
    """One logistic regression per sign, fitted in ``cfg.jobs`` worker processes."""
    from joblib import Parallel, delayed
    from sklearn.linear_model import LogisticRegression

    # Canonicalise once here rather than in each of the ten fits (scikit-learn would do it per copy).
    X = sparse.csr_matrix(X)
    X.sum_duplicates()
    X.sort_indices()

    def fit(k: int) -> tuple[np.ndarray, float]:
        if Y[:, k].min() == Y[:, k].max():
            return np.zeros(X.shape[1]), -8.0  # a sign with no positives here stays off
        clf = LogisticRegression(C=C, class_weight=cfg.class_weight, solver="liblinear", random_state=cfg.seed)
        clf.fit(X, Y[:, k])
        return clf.coef_[0], float(clf.intercept_[0])

    fits = Parallel(n_jobs=cfg.jobs, prefer="processes")(delayed(fit)(k) for k in range(Y.shape[1]))
    return np.stack([c for c, _ in fits], axis=1), np.array([i for _, i in fits])


def _text_level(sent_logits: np.ndarray, sent_text: np.ndarray, text_logits: np.ndarray) -> np.ndarray:
    """Text features ``(n_texts, 10, 4)`` from sentence and whole-text logits."""
    return text_features(sent_logits, np.bincount(sent_text, minlength=len(text_logits)), text_logits)


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


def tune_thresholds(
    P: np.ndarray, T: np.ndarray, w: np.ndarray, rounds: int = 0, seed: int = 0
) -> dict[str, np.ndarray]:
    """Per-sign thresholds for each profile from out-of-fold text probabilities.

    ``balanced`` maximises weighted F1; ``precise`` is the lowest threshold reaching
    :data:`PRECISE_TARGET` precision (or the balanced one if never reached, whichever is higher);
    ``sensitive`` the highest threshold reaching :data:`SENSITIVE_TARGET` recall (or lower than balanced).
    With ``rounds`` > 0, each threshold is the median over that many bootstrap resamples of the texts:
    the F1 curve is flat near its top, so a single argmax moves a lot between near-identical models.
    """
    if rounds:
        rng = np.random.default_rng(seed)
        runs = [tune_thresholds(P[i], T[i], w[i]) for i in (rng.integers(0, len(P), len(P)) for _ in range(rounds))]
        return {name: np.median([r[name] for r in runs], axis=0) for name in runs[0]}
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


def _fit_triage(G: np.ndarray, y: np.ndarray, cfg: TrainConfig) -> tuple[np.ndarray, float]:
    """Calibrate the triage score on out-of-fold features.

    Returns ``[w_any, w_sign, bias]`` and the out-of-fold average precision of the score for "any sign".
    """
    from sklearn.linear_model import LogisticRegression

    from .evaluate import average_precision

    if y.min() == y.max():
        return np.array([0.0, 0.0, -8.0]), 0.0
    clf = LogisticRegression(C=1.0, random_state=cfg.seed).fit(G, y)
    ap = average_precision(clf.decision_function(G), y.astype(bool))
    return np.r_[clf.coef_[0], clf.intercept_[0]], round(ap, 3)


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


def fit_subject_model(
    records: Sequence[LabelledText],
    seed: int,
    span_terms: Callable[[list[tuple[str, int, int, int]]], list[tuple[str, ...]]] | None = None,
) -> tuple[np.ndarray, np.ndarray, float]:
    """Fit the subject model on every labelled evidence of the corpus format.

    ``span_terms`` gives the sign model's weightiest terms of evidence spans (see
    ``Screener._span_terms``), from which the subject features read who acts.

    Returns
    -------
    coef, intercept : numpy.ndarray
        Shapes ``(3, N_SUBJECT_FEATURES)`` and ``(3,)``.
    cv_accuracy : float
        Exact-match accuracy of the subject sets under 5-fold cross-validation.
    """
    from sklearn.linear_model import LogisticRegression

    items = [(rec, sign, spans) for rec in records for sign, spans in rec.evidence.items()]
    flat = [(rec.text, a, b, SIGN_IDS.index(sign)) for rec, sign, spans in items for a, b in spans]
    found = iter(span_terms(flat) if span_terms and flat else [()] * len(flat))
    X, Y = [], []
    for rec, sign, spans in items:
        terms = [next(found) for _ in spans]
        X.append(subject_features(rec.text, spans, SIGN_IDS.index(sign), terms=terms))
        Y.append([s in rec.subjects[sign] for s in SUBJECT_IDS])
    coef = np.zeros((len(SUBJECT_IDS), N_SUBJECT_FEATURES))
    intercept = np.array([0.0, -1.0, -2.0])  # no evidence spans at all: default to the writer
    if len(X) < 20:
        return coef, intercept, float("nan")
    Xa, Ya = np.array(X), np.array(Y, dtype=int)
    folds = np.arange(len(Xa)) % 5
    correct = 0
    for f in range(6):
        tr = folds != f if f < 5 else np.ones(len(Xa), dtype=bool)
        Z = np.zeros((len(Xa), len(SUBJECT_IDS)))
        for j in range(len(SUBJECT_IDS)):
            if Ya[tr, j].min() == Ya[tr, j].max():
                coef[j], intercept[j] = 0.0, (5.0 if Ya[tr, j].max() else -5.0)
            else:
                clf = LogisticRegression(C=1.0, random_state=seed, max_iter=1000).fit(Xa[tr], Ya[tr, j])
                coef[j], intercept[j] = clf.coef_[0], clf.intercept_[0]
            Z[:, j] = Xa @ coef[j] + intercept[j]
        if f < 5:
            te = folds == f
            for z, y in zip(Z[te], Ya[te]):
                correct += set(pick_subjects(z)) == {s for s, v in zip(SUBJECT_IDS, y) if v}
    return coef, intercept, correct / len(Xa)


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
    unknown = set(cfg.scope_skip) - set(SIGN_IDS)
    if unknown:
        raise UnknownSignError(f"TrainConfig.scope_skip names unknown sign ids: {sorted(unknown)}")
    scope_signs = np.array([s not in cfg.scope_skip for s in SIGN_IDS], dtype=float)
    t0 = time.perf_counter()
    n_original = len(records)
    c_scale = 1.0
    if cfg.gender_balance:
        records = [*records, *gender_swapped(records)]
        c_scale = 0.5
    data = prepare(records, cfg)
    T = data.text_labels
    progress(
        f"{n_original} texts and {len(records) - n_original} gender-swapped copies, {data.sent_rows.shape[0]} sentences, {data.vectorizer.n_features} features; "
        f"texts per sign: {dict(zip(SIGN_IDS, T.sum(0).tolist()))} ({time.perf_counter() - t0:.0f}s)"
    )
    fold = assign_folds(records, cfg.folds, cfg.seed)
    pos, neg, owner = contrast_sentences(records, cfg.min_overlap)
    scope_X = data.vectorizer.transform(pos + neg) if pos and neg else sparse.csr_matrix((0, 0))
    scope_y = np.r_[np.ones(len(pos)), np.zeros(len(neg))]
    scope_fold = fold[np.array(owner, dtype=np.int64)]

    # The whole-text scorers get an eleventh column: the sign-blind triage scorer ("any sign here?").
    text_T = np.c_[T, T.max(axis=1)]
    text_share = np.r_[scope_signs, 1.0]

    def fit(keep_u: np.ndarray, keep_t: np.ndarray, keep_scope: np.ndarray) -> tuple[np.ndarray, ...]:
        """Sentence and whole-text weights and intercepts, with the scope weights (fitted on ``keep_scope``)."""
        coef, icpt = _fit_linear(data.unit_rows[keep_u], data.unit_labels[keep_u], cfg.C * c_scale, cfg)
        tcoef, ticpt = _fit_linear(data.text_rows[keep_t], text_T[keep_t], cfg.text_C * c_scale, cfg)
        n = data.vectorizer.n_features
        w, b = np.zeros(n), 0.0
        if cfg.scope_weight and keep_scope.any():
            w, b = _fit_scope(data.vectorizer, scope_X[keep_scope], scope_y[keep_scope], cfg.scope_C * c_scale, cfg)
            w, b = cfg.scope_weight * w, cfg.scope_weight * b
        coef, icpt = coef + w[:, None] * scope_signs, icpt + b * scope_signs
        return w, coef, icpt, tcoef + w[:, None] * text_share, ticpt + b * text_share

    oof_sent = np.zeros((data.sent_rows.shape[0], len(SIGN_IDS)))
    oof_text = np.zeros((len(records), len(SIGN_IDS) + 1))
    for f in range(cfg.folds):
        tr_u, tr_t = fold[data.unit_text] != f, fold != f
        _, coef, icpt, tcoef, ticpt = fit(tr_u, tr_t, scope_fold != f)
        te_s = fold[data.sent_text] == f
        oof_sent[te_s] = data.sent_rows[te_s] @ coef + icpt
        oof_text[~tr_t] = data.text_rows[~tr_t] @ tcoef + ticpt
        progress(f"fold {f + 1}/{cfg.folds} done ({time.perf_counter() - t0:.0f}s)")
    F = _text_level(oof_sent, data.sent_text, oof_text[:, : len(SIGN_IDS)])
    agg_coef, agg_icpt = _fit_aggregator(F, T, cfg)
    Z = np.einsum("nkf,kf->nk", F, agg_coef) + agg_icpt
    P = 1 / (1 + np.exp(-Z))
    triage_calib, triage_ap = _fit_triage(triage_features(oof_text[:, -1], Z), T.max(axis=1), cfg)
    w = _weights(T, cfg.sign_free_share)
    # Thresholds come from the texts that look most like real posts: long ones, when asked, and not
    # the contrastive pairs, which are near-misses by design and half positive, unlike real posts.
    paired = {r.twin_of for r in records if r.twin_of}
    tune = np.array([not (r.twin_of or r.id in paired) for r in records])
    long = tune & np.array([len(r.text.split()) >= cfg.tune_min_words for r in records])
    if (T[long].sum(axis=0) >= np.minimum(10, T[tune].sum(axis=0))).all():
        tune = long  # else too few long texts for some sign (short-text data): tune on all of them
    if not tune.any():
        tune[:] = True
    thresholds = tune_thresholds(
        P[tune], T[tune], _weights(T[tune], cfg.sign_free_share), cfg.threshold_rounds, cfg.seed
    )
    report = cv_report(P, T, w, thresholds["balanced"])
    report["triage_average_precision"] = triage_ap
    progress("final fit on all data")
    everything = (np.ones(n, dtype=bool) for n in (len(data.unit_text), len(records), len(scope_y)))
    scope_w, coef, icpt, tcoef, ticpt = fit(*everything)
    model = Model(
        data.vectorizer,
        coef,
        icpt,
        tcoef[:, : len(SIGN_IDS)],
        ticpt[: len(SIGN_IDS)],
        agg_coef,
        agg_icpt,
        thresholds,
        np.zeros((len(SUBJECT_IDS), N_SUBJECT_FEATURES)),
        np.zeros(len(SUBJECT_IDS)),
        {},
        scope_w,
        scope_signs,
        tcoef[:, -1],
        np.r_[ticpt[-1], triage_calib],
    )
    # The subject model reads who does what the sign model weighs most, so it comes last.
    subj_coef, subj_icpt, subj_acc = fit_subject_model(records, cfg.seed, Screener(model)._span_terms)
    report["subject_accuracy"] = round(subj_acc, 3)
    progress(f"subject model: cross-validated exact accuracy {subj_acc:.3f}")
    meta = {
        "created": datetime.now(UTC).isoformat(timespec="seconds"),
        "seed": cfg.seed,
        "config": {k: (list(v) if isinstance(v, tuple) else v) for k, v in cfg.__dict__.items()},
        "versions": versions(),
        "n_texts": n_original,
        "n_gender_swapped": len(records) - n_original,
        "n_sentences": int(data.sent_rows.shape[0]),
        "n_scope_sentences": {"sign": len(pos), "twin": len(neg)},
        "cross_validation": report,
        "training_seconds": round(time.perf_counter() - t0, 1),
    }
    progress(f"trained in {meta['training_seconds']}s")
    model = replace(model, subject_coef=subj_coef, subject_intercept=subj_icpt, meta=meta)
    return model, report


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
