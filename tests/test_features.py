from __future__ import annotations

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer

from intimacy_screen.features import ANALYZERS, FEATURE_BLOCKS, compile_vectorizer

DOCS = [
    "He never wants to talk about us.",
    "We argue about money, not feelings!",
    "i just go quiet when she gets close",
    "",
    "He plays games every night until 2am and I go to bed alone.",
]


def test_compiled_vectorizer_matches_scikit_learn() -> None:
    fitted = {
        name: TfidfVectorizer(analyzer=ANALYZERS[name], lowercase=False, **{**FEATURE_BLOCKS[name], "min_df": 1}).fit(
            DOCS
        )
        for name in FEATURE_BLOCKS
    }
    compiled = compile_vectorizer(fitted)
    new = ["He never talks about money.", "nothing here matches qqq", "we go quiet"]
    for block, (name, vec) in zip(compiled.blocks, fitted.items()):
        assert block.analyzer == name
        np.testing.assert_allclose(block.transform(new).toarray(), vec.transform(new).toarray(), atol=1e-12)
    assert compiled.transform(new).shape == (3, compiled.n_features)
    assert len(compiled.feature_names()) == compiled.n_features
