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
NEW = ["He never talks about money.", "nothing here matches qqq", "we go quiet", "", "im sure he doesnt care, Tom"]


def test_fitted_blocks_compute_what_scikit_learn_computes() -> None:
    for name, settings in FEATURE_BLOCKS.items():
        opts = {
            k: v for k, v in settings.items() if k not in ("scale", "names", "apostrophes")
        }  # ours, not scikit-learn's
        for scale in (1.0, 3.0):
            block, counts = _fit_block(name, DOCS, scale)
            ref = TfidfVectorizer(analyzer=ANALYZERS[name], lowercase=False, **opts).fit(DOCS)
            assert list(block.terms) == ref.get_feature_names_out().tolist()
            np.testing.assert_allclose(block.idf, ref.idf_)
            want_new, want = scale * ref.transform(NEW).toarray(), scale * ref.transform(DOCS).toarray()
            np.testing.assert_allclose(block.transform(NEW).toarray(), want_new, atol=1e-12)
            np.testing.assert_allclose(block.weight(counts).toarray(), want, atol=1e-12)
