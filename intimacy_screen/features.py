"""Sentence features: the feature set, and the fitted vectoriser used at screening time.

Training fits scikit-learn ``TfidfVectorizer`` objects with the analyzers named in
:data:`FEATURE_BLOCKS`; :func:`compile_vectorizer` keeps only their vocabulary and idf
weights, so screening needs NumPy and SciPy but never imports scikit-learn (whose import
alone takes longer than our whole cold-start budget).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

import numpy as np
from scipy import sparse

from .text import char_features, word_features

ANALYZERS: dict[str, Callable[[str], list[str]]] = {
    "words": word_features,
    "chars": char_features,
}

#: Feature blocks and their TfidfVectorizer settings. Each block is L2-normalised on its own.
FEATURE_BLOCKS: dict[str, dict[str, Any]] = {
    "words": {"min_df": 2, "sublinear_tf": True, "max_features": 60000},
    "chars": {"min_df": 3, "sublinear_tf": True, "max_features": 80000},
}


@dataclass(frozen=True)
class TfidfBlock:
    """One fitted TF-IDF block: analyzer name, vocabulary and idf weights."""

    analyzer: str
    terms: tuple[str, ...]
    idf: np.ndarray
    sublinear_tf: bool

    @cached_property
    def index(self) -> dict[str, int]:
        """Term to column."""
        return {t: j for j, t in enumerate(self.terms)}

    def transform(self, docs: Sequence[str]) -> sparse.csr_matrix:
        """Return the L2-normalised TF-IDF rows of ``docs``, as scikit-learn computes them."""
        analyze = ANALYZERS[self.analyzer]
        index = self.index
        indptr = [0]
        cols: list[int] = []
        vals: list[float] = []
        for doc in docs:
            counts: dict[int, int] = {}
            for feat in analyze(doc):
                j = index.get(feat)
                if j is not None:
                    counts[j] = counts.get(j, 0) + 1
            cols.extend(counts.keys())
            vals.extend(counts.values())
            indptr.append(len(cols))
        data = np.asarray(vals, dtype=np.float64)
        if self.sublinear_tf:
            np.log(data, out=data)
            data += 1.0
        col = np.asarray(cols, dtype=np.int32)
        data *= self.idf[col]
        ptr = np.asarray(indptr, dtype=np.int64)
        lengths = np.diff(ptr)
        rows = np.repeat(np.arange(len(docs)), lengths)
        norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=len(docs)))
        norms[norms == 0] = 1.0
        data /= norms[rows]
        return sparse.csr_matrix((data, col, ptr), shape=(len(docs), len(self.idf)))


@dataclass(frozen=True)
class Vectorizer:
    """The fitted feature blocks, stacked side by side."""

    blocks: tuple[TfidfBlock, ...]

    @property
    def n_features(self) -> int:
        """Total number of columns."""
        return sum(len(b.idf) for b in self.blocks)

    def transform(self, docs: Sequence[str]) -> sparse.csr_matrix:
        """Return the feature rows of ``docs`` (one row per document)."""
        return sparse.hstack([b.transform(docs) for b in self.blocks], format="csr")

    def feature_names(self) -> list[str]:
        """Return the column names, prefixed with their block name."""
        return [f"{b.analyzer}:{t}" for b in self.blocks for t in b.terms]


def compile_vectorizer(fitted: dict[str, Any]) -> Vectorizer:
    """Keep what screening needs from fitted scikit-learn ``TfidfVectorizer`` objects.

    Parameters
    ----------
    fitted : dict
        Block name (a key of :data:`FEATURE_BLOCKS`) to fitted ``TfidfVectorizer``.

    Returns
    -------
    Vectorizer
        The equivalent vectoriser that needs no scikit-learn.
    """
    blocks = []
    for name, vec in fitted.items():
        terms = [""] * len(vec.vocabulary_)
        for t, j in vec.vocabulary_.items():
            terms[j] = str(t)
        blocks.append(TfidfBlock(name, tuple(terms), np.asarray(vec.idf_, dtype=np.float64), bool(vec.sublinear_tf)))
    return Vectorizer(tuple(blocks))
