from __future__ import annotations

import dataclasses
import json
import shutil
from pathlib import Path

import numpy as np
import pytest

import intimacy_screen as isc
from intimacy_screen.features import Vectorizer
from intimacy_screen.model import default_model_dir, load_model
from intimacy_screen.training.data import fingerprint

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture()
def model_copy(tmp_path: Path) -> Path:
    dst = tmp_path / "m"
    shutil.copytree(default_model_dir(), dst)
    return dst


def test_shipped_model_loads_and_records_its_making() -> None:
    m = load_model(default_model_dir())
    meta = m.meta
    for key in ("model_version", "data_fingerprint", "seed", "versions", "thresholds", "cross_validation", "sha256"):
        assert key in meta
    assert set(meta["thresholds"]) == {"balanced", "precise", "sensitive"}
    assert (default_model_dir() / "MODEL_CARD.md").is_file()
    assert (default_model_dir() / "model.npz").stat().st_size < 30_000_000


def test_shipped_model_is_trained_on_the_current_training_data() -> None:
    """Fails when training_data/ changed and the shipped model was not retrained."""
    files = sorted((ROOT / "training_data").glob("*.jsonl"))
    assert load_model(default_model_dir()).meta["data_fingerprint"] == fingerprint(files), (
        "retrain: intimacy-screen train --data training_data/corpus.jsonl --output intimacy_screen/data/model"
    )


def test_save_and_load_round_trip(model_copy: Path, tmp_path: Path) -> None:
    m = load_model(model_copy)
    m.save(tmp_path / "again")
    again = isc.Screener.from_path(tmp_path / "again")
    text = "She scrolls her phone all evening and never looks up when I talk."
    assert again.screen(text).to_dict() == isc.Screener(m).screen(text).to_dict()


def test_model_without_triage_scorer_still_screens(model_copy: Path, tmp_path: Path) -> None:
    old = dataclasses.replace(load_model(model_copy), triage_coef=None, triage_params=None)
    old.save(tmp_path / "old")
    res = isc.Screener.from_path(tmp_path / "old").screen("He hasn't hugged me in months.")
    assert res.triage_score is None and "triage_score" not in res.to_dict()
    assert res["withholds_affection"].present


def test_model_from_before_the_actor_features_still_screens(model_copy: Path, tmp_path: Path) -> None:
    from intimacy_screen.subjects import N_SUBJECT_FEATURES_0_2

    m = load_model(model_copy)
    old = dataclasses.replace(m, subject_coef=m.subject_coef[:, :N_SUBJECT_FEATURES_0_2])
    old.save(tmp_path / "old")
    res = isc.Screener.from_path(tmp_path / "old").screen("He hasn't hugged me in months.")
    assert res["withholds_affection"].present and res["withholds_affection"].subjects == ("partner",)


def _without_block_setting(model_copy: Path, key: str) -> Vectorizer:
    """The vectoriser of the shipped model as a version from before the block setting ``key`` reads it."""
    meta = json.loads((model_copy / "model.json").read_text())
    assert all(b[key] == (b["analyzer"] != "cues") for b in meta["blocks"])
    for b in meta["blocks"]:
        del b[key]
    (model_copy / "model.json").write_text(json.dumps(meta))
    return load_model(model_copy).vectorizer


def test_model_from_before_name_placeholders_reads_names_as_words(model_copy: Path) -> None:
    old = _without_block_setting(model_copy, "names")
    assert not any(b.names for b in old.blocks)
    assert old.transform(["Tom"]).nnz > load_model(default_model_dir()).vectorizer.transform(["Tom"]).nnz


def test_model_from_before_restored_apostrophes_reads_bare_contractions_as_written(model_copy: Path) -> None:
    old = _without_block_setting(model_copy, "apostrophes")
    new = load_model(default_model_dir()).vectorizer
    assert not any(b.apostrophes for b in old.blocks)
    assert (old.transform(["he dont"]) != old.transform(["he don't"])).nnz > 0
    assert (new.transform(["he dont"]) != new.transform(["he don't"])).nnz == 0


def test_truncated_file_is_refused(model_copy: Path) -> None:
    npz = model_copy / "model.npz"
    npz.write_bytes(npz.read_bytes()[:1000])
    with pytest.raises(isc.ModelLoadError, match="SHA-256"):
        load_model(model_copy)


def test_altered_file_with_matching_hash_but_bad_content_is_refused(model_copy: Path) -> None:
    npz = model_copy / "model.npz"
    npz.write_bytes(b"not a zip file at all")
    meta = json.loads((model_copy / "model.json").read_text())
    import hashlib

    meta["sha256"] = hashlib.sha256(npz.read_bytes()).hexdigest()
    (model_copy / "model.json").write_text(json.dumps(meta))
    with pytest.raises(isc.ModelLoadError, match="cannot be read"):
        load_model(model_copy)


def test_foreign_or_missing_metadata_is_refused(model_copy: Path, tmp_path: Path) -> None:
    (model_copy / "model.json").write_text('{"hello": 1}')
    with pytest.raises(isc.ModelLoadError, match="does not describe"):
        load_model(model_copy)
    (model_copy / "model.json").write_text("{broken")
    with pytest.raises(isc.ModelLoadError, match="not readable JSON"):
        load_model(model_copy)
    with pytest.raises(isc.ModelLoadError, match="not found"):
        load_model(tmp_path / "empty")


def test_other_scikit_learn_minor_is_refused(model_copy: Path) -> None:
    meta = json.loads((model_copy / "model.json").read_text())
    meta["versions"]["scikit-learn"] = "0.24.2"
    (model_copy / "model.json").write_text(json.dumps(meta))
    with pytest.raises(isc.ModelVersionError, match="scikit-learn 0.24.2"):
        load_model(model_copy)


def test_feature_block_from_a_newer_version_is_refused(model_copy: Path) -> None:
    meta = json.loads((model_copy / "model.json").read_text())
    meta["blocks"].append({"analyzer": "embeddings", "sublinear_tf": False})
    (model_copy / "model.json").write_text(json.dumps(meta))
    with pytest.raises(isc.ModelVersionError, match="'embeddings'"):
        load_model(model_copy)


def test_no_pickle_in_the_model_file() -> None:
    with np.load(default_model_dir() / "model.npz", allow_pickle=False) as data:
        assert all(data[k].dtype != object for k in data.files)


def test_scope_weights_favour_patterns_and_are_left_out_of_evidence_terms() -> None:
    model = load_model(default_model_dir())
    assert model.scope_coef is not None
    col = model.vectorizer.blocks[0].index
    # Learned from the contrastive pairs: pattern words raise a sentence, one-off and resolved words lower it.
    assert model.scope_coef[col["every"]] > 0 > model.scope_coef[col["normally"]]
    text = "Every time I bring up our future, my boyfriend changes the subject."
    assert "time" in isc.screen(text)["avoids_deep_talk"].evidence[0].terms
    # A word's weight as a scope word is not counted when naming the terms that weigh most for a sign.
    scope = model.scope_coef.copy()
    scope[col["time"]] += 100.0
    res = isc.Screener(dataclasses.replace(model, scope_coef=scope)).screen(text)
    assert res["avoids_deep_talk"].evidence[0].terms and "time" not in res["avoids_deep_talk"].evidence[0].terms
    # ... unless the scope weights were never added to that sign (TrainConfig.scope_skip).
    assert model.scope_signs is not None and model.scope_signs[isc.SIGN_IDS.index("fears_rejection")] == 0
    outside = np.ones(len(isc.SIGN_IDS))
    outside[isc.SIGN_IDS.index("avoids_deep_talk")] = 0.0
    res = isc.Screener(dataclasses.replace(model, scope_coef=scope, scope_signs=outside)).screen(text)
    assert "time" in res["avoids_deep_talk"].evidence[0].terms


def test_evidence_terms_name_the_cue_phrase_and_hide_scope_marks() -> None:
    res = isc.screen("Every time I bring up our future, my boyfriend changes the subject.")
    assert res["avoids_deep_talk"].evidence[0].terms[0] == "changes the subject"
    terms = isc.screen("We haven't had sex in over a year.")["sexual_withholding"].evidence[0].terms
    assert terms[0] == "haven't had sex"
    assert all("_NEG" not in t and "_HYP" not in t for t in terms)
