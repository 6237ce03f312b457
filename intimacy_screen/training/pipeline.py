"""``intimacy-screen train``: read, check, train, evaluate and write a model directory."""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Sequence
from importlib import resources
from pathlib import Path
from typing import Any

import numpy as np

from ..screen import Screener
from .data import fingerprint, read_labelled
from .evaluate import evaluate, format_report
from .train import TrainConfig, train


def model_card(meta: dict[str, Any]) -> str:
    """A short Markdown model card from a model's metadata."""
    cv = meta["cross_validation"]
    scope = meta.get("n_scope_sentences", {})
    lines = [
        f"# intimacy_screen model {meta['model_version']}",
        "",
        "**Intended use**: screening journal entries and forum posts for ten signs of intimacy avoidance, to",
        "surface text for a person to read (a journaling app's reflection prompts, a moderator's queue, research).",
        "Not for diagnosis, not for decisions about a person without human review.",
        "",
        "**Model**: sentence-level logistic regressions over word n-grams (with negation and hypothetical marks),",
        "character n-grams and a curated cue lexicon, trained on the evidence sentences of the training data, and a",
        "whole-text scorer over the same features; a sign-blind scope scorer fitted on the contrastive pairs",
        f"({scope.get('sign', 0)} sign sentences against {scope.get('twin', 0)} sentences their twins changed) is added to",
        f"both with weight {meta['config'].get('scope_weight', 0)}; a per-sign logistic calibration turns the two",
        "strongest sentences, the length and the whole-text score into a probability; thresholds per profile tuned by",
        f"cross-validation on training texts of {meta['config'].get('tune_min_words', 0)}+ words outside the pairs, with",
        "sign-free texts re-weighted to their share in real posts. Subjects: a small logistic model over",
        'person-reference cues in the evidence. Triage score: a sign-blind whole-text logistic regression ("any sign',
        'here?", scope weights added) calibrated together with the highest sign logit'
        + (
            f" (cross-validated average precision {cv['triage_average_precision']})."
            if "triage_average_precision" in cv
            else "."
        ),
        "",
        f"**Training data**: {meta['n_texts']} texts"
        + (
            f" and {meta['n_gender_swapped']} copies with gendered words swapped (he / she, husband / wife, ...)"
            if meta.get("n_gender_swapped")
            else ""
        )
        + f" ({meta['n_sentences']} sentences), files {', '.join(meta['data_files'])},",
        f"fingerprint `{meta['data_fingerprint'][:16]}`; seed {meta['seed']}; trained in {meta['training_seconds']} s.",
        "",
        f"**Cross-validated macro-F1** (training data, balanced profile): {cv['macro_f1']}",
        "",
        "| sign | precision | recall | F1 |",
        "| --- | --- | --- | --- |",
    ]
    lines += [f"| {s} | {v['precision']} | {v['recall']} | {v['f1']} |" for s, v in cv["per_sign"].items()]
    if meta.get("evaluation"):
        ev = meta["evaluation"]
        lines += [
            "",
            f"**Evaluation on {ev['file']}** ({ev['n_texts']} texts): macro-F1 {ev['macro_f1']}, any-sign F1",
            f"{ev['any_sign']['f1']}, sign-free texts tagged {ev['sign_free_tagged']}, subject accuracy {ev['subject_accuracy']}.",
        ]
        ranking = ev.get("any_sign_ranking") or {}
        if ranking:
            lines.append(
                "Ranking texts for any sign (average precision): "
                + ", ".join(f"{k.replace('_', ' ')} {v}" for k, v in ranking.items())
                + "."
            )
        ci = ev.get("intervals") or {}
        if ci:
            lines.append(
                f"95% intervals over texts (bootstrap): macro-F1 {ci['macro_f1'][0]}-{ci['macro_f1'][1]}, any-sign F1 "
                f"{ci['any_sign_f1'][0]}-{ci['any_sign_f1'][1]}, mean average precision "
                f"{ci['mean_average_precision'][0]}-{ci['mean_average_precision'][1]}."
            )
    choices = resources.files("intimacy_screen") / "data" / "model_choices.md"
    lines += ["", choices.read_text(encoding="utf-8").rstrip()]
    lines += [
        "",
        "**Limits**: English only; trained on texts written for the project, so real posts score lower than",
        "cross-validation suggests; signs told only across many sentences, sarcasm and rare phrasing are missed.",
        "",
    ]
    return "\n".join(lines)


def run_training(
    data: Sequence[str | Path],
    output: str | Path,
    *,
    seed: int = 13,
    eval_path: str | Path | None = None,
    gender_balance: bool = True,
    log: Callable[[str], None] = lambda m: None,
) -> dict[str, Any]:
    """Train on labelled JSONL files and write a model directory.

    Parameters
    ----------
    data : sequence of path
        Labelled JSONL files (corpus or simple format).
    output : path
        The model directory to write (``model.npz``, ``model.json``, ``MODEL_CARD.md``).
    seed : int
        Random seed; the same data and seed give the same model.
    eval_path : path, optional
        Labelled JSONL to evaluate the new model on; figures go into ``model.json``.
    gender_balance : bool
        Also train on every text with its gendered words swapped (he / she, husband / wife, ...), so
        that scores barely depend on gender; about twice the training time.
    log : callable
        Receives progress lines.

    Returns
    -------
    dict
        The model's metadata.

    Raises
    ------
    DataError
        If the data is not valid (the message names file and line).
    """
    paths = [Path(p) for p in data]
    records = read_labelled(paths)
    log(f"read {len(records)} labelled texts from {len(paths)} file(s)")
    model, report = train(records, TrainConfig(seed=seed, gender_balance=gender_balance), progress=log)
    fp = fingerprint(paths)
    meta = model.meta
    # The version names the data, the seed and the weights: code changes that alter the weights
    # (features, subject rules) give a new version even when the data and seed are the same.
    weights = hashlib.sha256()
    for name, array in sorted(model.arrays().items()):
        weights.update(name.encode() + np.ascontiguousarray(array).tobytes())
    meta.update(
        model_version=f"{fp[:10]}-s{seed}-{weights.hexdigest()[:6]}",
        data_fingerprint=fp,
        data_files=[p.name for p in sorted(paths)],
    )
    for sign, v in report["per_sign"].items():
        log(f"  {sign:24s} cv precision {v['precision']:.3f} recall {v['recall']:.3f} F1 {v['f1']:.3f}")
    log(f"  cv macro-F1 {report['macro_f1']:.3f}")
    if eval_path is not None:
        ev = evaluate(Screener(model), read_labelled([eval_path]))
        ev["file"] = Path(eval_path).name
        meta["evaluation"] = ev
        log(f"evaluation on {eval_path}:\n{format_report(ev)}")
    out = model.save(output)
    (out / "MODEL_CARD.md").write_text(model_card(json.loads((out / "model.json").read_text())), encoding="utf-8")
    log(f"model written to {out}")
    return meta
