"""Sentence features: the feature set, and the fitted vectoriser used at screening time.

Training fits each block's vocabulary with scikit-learn's ``CountVectorizer`` and the
analyzers named in :data:`FEATURE_BLOCKS`; the model keeps only the vocabulary and idf
weights, and :class:`TfidfBlock` computes TF-IDF rows exactly as scikit-learn's
``TfidfVectorizer`` would. Screening therefore needs NumPy and SciPy but never imports
scikit-learn (whose import alone takes longer than our whole cold-start budget).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cached_property
from itertools import chain
from typing import Any

import numpy as np
from scipy import sparse

from .cues import cue_features, gate_words
from .text import char_features, char_words, name_end, restore_apostrophes, word_char_grams, word_features

_WORD_CACHE_SIZE = 200_000

ANALYZERS: dict[str, Callable[[str], list[str]]] = {
    "words": word_features,
    "chars": char_features,
    "cues": cue_features,
}

#: Feature blocks and their TfidfVectorizer settings. Each block is L2-normalised on its own.
#: ``names``: the block reads given names as one placeholder (see :func:`word_features`).
#: ``apostrophes``: the block restores bare contractions such as "dont" (see :func:`restore_apostrophes`).
FEATURE_BLOCKS: dict[str, dict[str, Any]] = {
    "words": {"min_df": 2, "sublinear_tf": True, "max_features": 90000, "names": True, "apostrophes": True},
    "chars": {"min_df": 3, "sublinear_tf": True, "max_features": 80000, "names": True, "apostrophes": True},
    "cues": {"min_df": 1, "sublinear_tf": False, "max_features": None, "scale": 2.0},
}


def analyze(analyzer: str, doc: str, names: bool = False, apostrophes: bool = False) -> list[str]:
    """The features of one sentence for the block ``analyzer``.

    ``names`` and ``apostrophes`` are the block's settings (see :data:`FEATURE_BLOCKS`); the cue
    block has neither.
    """
    if analyzer == "words":
        return word_features(doc, names, apostrophes)
    if analyzer == "chars":
        return [g for word in char_words(doc, names, apostrophes) for g in word_char_grams(word)]
    return ANALYZERS[analyzer](doc)


@dataclass(frozen=True)
class TfidfBlock:
    """One fitted TF-IDF block: analyzer name, vocabulary and idf weights."""

    analyzer: str
    terms: tuple[str, ...]
    idf: np.ndarray
    sublinear_tf: bool
    scale: float = 1.0  # the block's share of the regularised weight: a larger scale is penalised less
    names: bool = False  # given names as one placeholder (words) or left out (chars); models since 0.5
    apostrophes: bool = False  # bare contractions restored ("dont" -> "don't"); models since 0.7

    @cached_property
    def index(self) -> dict[str, int]:
        """Term to column."""
        return {t: j for j, t in enumerate(self.terms)}

    @cached_property
    def _word_columns(self) -> dict[str, tuple[int, ...]]:
        """Cache of a word's char n-gram columns (char n-grams never cross a word boundary)."""
        return {}

    def _columns(self, doc: str) -> list[int]:
        index = self.index
        if self.analyzer != "chars":
            return [
                j for j in map(index.get, analyze(self.analyzer, doc, self.names, self.apostrophes)) if j is not None
            ]
        cache = self._word_columns
        # Names and bare contractions are handled below, once per distinct word: a contraction never
        # spans white space, so restoring it word by word gives what restoring the sentence would.
        words = char_words(doc, names=False, apostrophes=False)
        try:  # usually every word is cached; the cache only grows, so this is thread-safe
            return list(chain.from_iterable(map(cache.__getitem__, words)))
        except KeyError:
            pass
        cols: list[int] = []
        for word in words:
            c = cache.get(word)
            if c is None:
                w = restore_apostrophes(word) if self.apostrophes else word
                grams = () if self.names and name_end(w) else word_char_grams(w)
                c = tuple([j for j in map(index.get, grams) if j is not None])
                if len(cache) < _WORD_CACHE_SIZE:
                    cache[word] = c
            cols.extend(c)
        return cols

    def counts(self, docs: Sequence[str]) -> sparse.csr_matrix:
        """Return the raw term counts of ``docs`` over this block's vocabulary."""
        return self._count_matrix(map(self._columns, docs), len(docs))

    def token_counts(self, token_lists: Iterable[list[str]], n_docs: int) -> sparse.csr_matrix:
        """Return the raw term counts of documents already turned into tokens."""
        index = self.index
        return self._count_matrix(([j for j in map(index.get, toks) if j is not None] for toks in token_lists), n_docs)

    def _count_matrix(self, columns: Iterable[list[int]], n_docs: int) -> sparse.csr_matrix:
        cols: list[int] = []
        indptr = [0]
        for c in columns:
            cols.extend(c)
            indptr.append(len(cols))
        m = sparse.csr_matrix(
            (np.ones(len(cols)), np.asarray(cols, dtype=np.int32), np.asarray(indptr, dtype=np.int64)),
            shape=(n_docs, len(self.idf)),
        )
        m.sum_duplicates()  # repeated terms become counts
        return m

    def weight(self, counts: sparse.csr_matrix) -> sparse.csr_matrix:
        """Turn raw counts into L2-normalised TF-IDF rows, as scikit-learn computes them."""
        data = counts.data.astype(np.float64, copy=True)
        if self.sublinear_tf:
            np.log(data, out=data)
            data += 1.0
        data *= self.idf[counts.indices]
        rows = np.repeat(np.arange(counts.shape[0]), np.diff(counts.indptr))
        norms = np.sqrt(np.bincount(rows, weights=data * data, minlength=counts.shape[0]))
        norms[norms == 0] = 1.0
        data *= self.scale / norms[rows]
        return sparse.csr_matrix((data, counts.indices, counts.indptr), shape=counts.shape)

    def transform(self, docs: Sequence[str]) -> sparse.csr_matrix:
        """Return the L2-normalised TF-IDF rows of ``docs``."""
        return self.weight(self.counts(docs))


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

    def transform_grouped(
        self, sentences: Sequence[str], groups: np.ndarray, n_groups: int, texts: Sequence[str] | None = None
    ) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
        """Feature rows of sentences and of the texts they belong to, from one pass over the sentences.

        A text's row is computed from the summed counts of its sentences, so texts cost almost
        nothing beyond their sentences.

        Parameters
        ----------
        sentences : sequence of str
            All sentences, text after text.
        groups : numpy.ndarray
            The index of the text of each sentence.
        n_groups : int
            The number of texts.
        texts : sequence of str, optional
            The text of each group; when given, the cue block tests its gate words once per distinct
            text (several groups may be windows of one text).

        Returns
        -------
        (sentence_rows, text_rows) : tuple of scipy.sparse.csr_matrix
        """
        member = sparse.csr_matrix(
            (np.ones(len(groups)), (np.asarray(groups, dtype=np.int64), np.arange(len(groups)))),
            shape=(n_groups, len(groups)),
        )
        sent_blocks, text_blocks = [], []
        for b in self.blocks:
            if b.analyzer == "cues" and texts is not None:
                found = {t: gate_words(t) for t in dict.fromkeys(texts)}
                c = b.token_counts(map(cue_features, sentences, (found[texts[g]] for g in groups)), len(sentences))
            else:
                c = b.counts(sentences)
            sent_blocks.append(b.weight(c))
            text_blocks.append(b.weight((member @ c).tocsr()))
        return sparse.hstack(sent_blocks, format="csr"), sparse.hstack(text_blocks, format="csr")

    def feature_names(self) -> list[str]:
        """Return the column names, prefixed with their block name."""
        return [f"{b.analyzer}:{t}" for b in self.blocks for t in b.terms]
