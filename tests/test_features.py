from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from intimacy_screen.features import ANALYZERS, FEATURE_BLOCKS
from intimacy_screen.training.train import _fit_block

DOCS = [
    "He never wants to talk about us.",
    "We argue about money, not feelings!",
    "i just go quiet when she gets close",
    "",
    "He plays games every night until 2am and I go to bed alone.",
    "He never wants to play games.",
]
NEW = ["He never talks about money.", "nothing here matches qqq", "we go quiet", ""]


def test_fitted_blocks_compute_what_scikit_learn_computes() -> None:
    for name, opts in FEATURE_BLOCKS.items():
        block, counts = _fit_block(name, DOCS)
        ref = TfidfVectorizer(analyzer=ANALYZERS[name], lowercase=False, **opts).fit(DOCS)
        assert list(block.terms) == ref.get_feature_names_out().tolist()
        np.testing.assert_allclose(block.idf, ref.idf_)
        np.testing.assert_allclose(block.transform(NEW).toarray(), ref.transform(NEW).toarray(), atol=1e-12)
        np.testing.assert_allclose(block.weight(counts).toarray(), ref.transform(DOCS).toarray(), atol=1e-12)
