"""The model bundle: file format, checks and lazy, thread-safe loading of the shipped model.

A model is a directory with two files:

``model.npz``
    NumPy arrays only (vocabularies, idf weights, coefficients), read with
    ``allow_pickle=False``: loading it cannot run code.
``model.json``
    Versions, the SHA-256 of ``model.npz``, thresholds per profile, data fingerprint,
    evaluation figures. Checked before ``model.npz`` is opened.
"""

from __future__ import annotations

import hashlib
import json
import threading
from dataclasses import dataclass, field
from importlib import metadata, resources
from pathlib import Path
from typing import Any

import numpy as np

from .errors import ModelLoadError, ModelVersionError
from .features import ANALYZERS, TfidfBlock, Vectorizer
from .signs import SIGN_IDS
from .subjects import N_SUBJECT_FEATURES, N_SUBJECT_FEATURES_0_2

FORMAT = "intimacy_screen.model"
FORMAT_VERSION = 1
MODEL_FILE = "model.npz"
META_FILE = "model.json"
PROFILES = ("balanced", "precise", "sensitive")


@dataclass(frozen=True)
class Model:
    """A loaded model: the sentence scorer, the text-level calibration and the thresholds.

    Attributes
    ----------
    vectorizer : Vectorizer
        Sentence features.
    coef, intercept : numpy.ndarray
        Sentence-level linear scorer, shapes ``(n_features, 10)`` and ``(10,)``.
    text_coef, text_intercept : numpy.ndarray
        Whole-text linear scorer over the same features, same shapes.
    agg_coef, agg_intercept : numpy.ndarray
        Text-level calibration from the sentence and text scores, shapes ``(10, 4)`` and ``(10,)``.
    thresholds : dict
        Profile name to an array of ten thresholds.
    subject_coef, subject_intercept : numpy.ndarray
        Subject model (self, partner, other), shapes ``(3, N_SUBJECT_FEATURES)`` and ``(3,)``.
    meta : dict
        The content of ``model.json``.
    scope_coef : numpy.ndarray, optional
        The sign-blind scope weights already included in ``coef`` and ``text_coef`` (of the signs
        that ``scope_signs`` marks), shape ``(n_features,)``; kept apart only to name the terms that
        weigh most for a sign itself.
    scope_signs : numpy.ndarray, optional
        Shape ``(10,)``: 1 for the signs the scope weights were added to, 0 for the others
        (all ones when absent).
    triage_coef, triage_params : numpy.ndarray, optional
        The triage scorer: sign-blind whole-text weights ``(n_features,)`` (scope weights included),
        and ``(4,)``: its intercept, then the calibration's weight on its logit, its weight on the
        highest sign logit and its intercept. Absent in older models, which then give no triage score.
    """

    vectorizer: Vectorizer
    coef: np.ndarray
    intercept: np.ndarray
    text_coef: np.ndarray
    text_intercept: np.ndarray
    agg_coef: np.ndarray
    agg_intercept: np.ndarray
    thresholds: dict[str, np.ndarray]
    subject_coef: np.ndarray
    subject_intercept: np.ndarray
    meta: dict[str, Any] = field(default_factory=dict)
    scope_coef: np.ndarray | None = None
    scope_signs: np.ndarray | None = None
    triage_coef: np.ndarray | None = None
    triage_params: np.ndarray | None = None

    @property
    def version(self) -> str:
        """The model version string recorded in ``model.json``."""
        return str(self.meta.get("model_version", "unknown"))

    def arrays(self) -> dict[str, np.ndarray]:
        """The arrays stored in ``model.npz``."""
        out: dict[str, np.ndarray] = {
            "coef": self.coef.astype(np.float32),
            "intercept": self.intercept.astype(np.float64),
            "text_coef": self.text_coef.astype(np.float32),
            "text_intercept": self.text_intercept.astype(np.float64),
            "agg_coef": self.agg_coef.astype(np.float64),
            "agg_intercept": self.agg_intercept.astype(np.float64),
            "subject_coef": self.subject_coef.astype(np.float64),
            "subject_intercept": self.subject_intercept.astype(np.float64),
        }
        if self.scope_coef is not None:
            out["scope_coef"] = self.scope_coef.astype(np.float32)
        if self.scope_signs is not None:
            out["scope_signs"] = self.scope_signs.astype(np.float64)
        if self.triage_coef is not None and self.triage_params is not None:
            out["triage_coef"] = self.triage_coef.astype(np.float32)
            out["triage_params"] = self.triage_params.astype(np.float64)
        for b in self.vectorizer.blocks:
            out[f"block_{b.analyzer}_terms"] = np.array(b.terms, dtype=str)
            out[f"block_{b.analyzer}_idf"] = b.idf
        return out

    def save(self, directory: str | Path) -> Path:
        """Write ``model.npz`` and ``model.json`` into ``directory`` (created if needed).

        Returns
        -------
        Path
            The directory.
        """
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        npz = directory / MODEL_FILE
        with open(npz, "wb") as fh:
            np.savez_compressed(fh, **self.arrays())  # type: ignore[arg-type]
        meta = dict(self.meta)
        meta.update(
            format=FORMAT,
            format_version=FORMAT_VERSION,
            sha256=_sha256(npz),
            blocks=[
                {
                    "analyzer": b.analyzer,
                    "sublinear_tf": b.sublinear_tf,
                    "scale": b.scale,
                    "names": b.names,
                    "apostrophes": b.apostrophes,
                }
                for b in self.vectorizer.blocks
            ],
            signs=list(SIGN_IDS),
            thresholds={p: dict(zip(SIGN_IDS, map(float, t))) for p, t in self.thresholds.items()},
        )
        (directory / META_FILE).write_text(json.dumps(meta, indent=2, sort_keys=False) + "\n", encoding="utf-8")
        return directory


def _sha256(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for chunk in iter(lambda: fh.read(1 << 20), b""):
            h.update(chunk)
    return h.hexdigest()


def _minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


def read_meta(directory: str | Path) -> dict[str, Any]:
    """Read and check ``model.json`` of a model directory.

    Raises
    ------
    ModelLoadError
        If the file is missing, not JSON, or not an intimacy_screen model.
    ModelVersionError
        If the model's format or scikit-learn minor version does not match this installation.
    """
    path = Path(directory) / META_FILE
    try:
        meta = json.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        raise ModelLoadError(f"{path} not found: not an intimacy_screen model directory") from None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise ModelLoadError(f"{path} is not readable JSON: {exc}") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT:
        raise ModelLoadError(f"{path} does not describe an intimacy_screen model")
    if meta.get("format_version") != FORMAT_VERSION:
        raise ModelVersionError(
            f"model format {meta.get('format_version')!r} is not supported by this version "
            f"(expects {FORMAT_VERSION}); retrain the model or install a matching intimacy_screen"
        )
    trained = str(meta.get("versions", {}).get("scikit-learn", ""))
    try:
        installed = metadata.version("scikit-learn")
    except metadata.PackageNotFoundError:
        installed = trained
    if trained and _minor(trained) != _minor(installed):
        raise ModelVersionError(
            f"model was trained with scikit-learn {trained}, but {installed} is installed; "
            f"install scikit-learn=={_minor(trained)}.* or retrain with `intimacy-screen train`"
        )
    if list(meta.get("signs", [])) != list(SIGN_IDS):
        raise ModelLoadError(f"{path} lists other signs than this version of intimacy_screen")
    return meta


def load_model(directory: str | Path) -> Model:
    """Load and verify a model directory.

    The metadata and the SHA-256 of ``model.npz`` are checked before any array is used,
    and the arrays are read without pickle.

    Parameters
    ----------
    directory : str or Path
        A directory written by :meth:`Model.save` (``intimacy-screen train`` makes one).

    Returns
    -------
    Model

    Raises
    ------
    ModelLoadError
        If the directory is missing, damaged, tampered with or not a model.
    ModelVersionError
        If it was made for another format or scikit-learn minor version.
    """
    directory = Path(directory)
    meta = read_meta(directory)
    npz = directory / MODEL_FILE
    if not npz.is_file():
        raise ModelLoadError(f"{npz} not found")
    if _sha256(npz) != meta.get("sha256"):
        raise ModelLoadError(f"{npz} does not match the SHA-256 recorded in {META_FILE}: damaged or altered")
    try:
        with np.load(npz, allow_pickle=False) as data:
            arrays = {k: data[k] for k in data.files}
    except Exception as exc:  # zipfile, ValueError, OSError...: all mean "unusable file"
        raise ModelLoadError(f"{npz} cannot be read: {exc}") from None
    try:
        blocks = []
        for spec in meta["blocks"]:
            name = spec["analyzer"]
            if name not in ANALYZERS:
                raise ModelVersionError(
                    f"{directory} uses feature block {name!r}, which this version of intimacy_screen does not "
                    "have: it was made by a newer version"
                )
            terms = tuple(arrays[f"block_{name}_terms"].tolist())
            idf = arrays[f"block_{name}_idf"]
            blocks.append(
                TfidfBlock(
                    name,
                    terms,
                    idf,
                    bool(spec["sublinear_tf"]),
                    float(spec.get("scale", 1.0)),
                    bool(spec.get("names", False)),
                    bool(spec.get("apostrophes", False)),
                )
            )
        vectorizer = Vectorizer(tuple(blocks))
        n = len(SIGN_IDS)
        coef = arrays["coef"]
        if arrays["subject_coef"].shape == (3, N_SUBJECT_FEATURES_0_2):
            # A model made before the actor features: they get no weight.
            arrays["subject_coef"] = np.pad(
                arrays["subject_coef"], ((0, 0), (0, N_SUBJECT_FEATURES - N_SUBJECT_FEATURES_0_2))
            )
        if (
            coef.shape != (vectorizer.n_features, n)
            or arrays["text_coef"].shape != coef.shape
            or arrays["agg_coef"].shape[0] != n
            or arrays["subject_coef"].shape != (3, N_SUBJECT_FEATURES)
            or ("scope_coef" in arrays and arrays["scope_coef"].shape != (vectorizer.n_features,))
            or ("scope_signs" in arrays and arrays["scope_signs"].shape != (n,))
            or ("triage_coef" in arrays and arrays["triage_coef"].shape != (vectorizer.n_features,))
            or ("triage_coef" in arrays) != ("triage_params" in arrays)
            or ("triage_params" in arrays and arrays["triage_params"].shape != (4,))
        ):
            raise ValueError("array shapes do not fit together")
        thresholds = {p: np.array([float(t[s]) for s in SIGN_IDS]) for p, t in meta["thresholds"].items()}
    except (KeyError, ValueError, TypeError) as exc:
        raise ModelLoadError(f"{directory} is not a complete intimacy_screen model: {exc}") from None
    return Model(
        vectorizer,
        coef,
        arrays["intercept"],
        arrays["text_coef"],
        arrays["text_intercept"],
        arrays["agg_coef"],
        arrays["agg_intercept"],
        thresholds,
        arrays["subject_coef"],
        arrays["subject_intercept"],
        meta,
        arrays.get("scope_coef"),
        arrays.get("scope_signs"),
        arrays.get("triage_coef"),
        arrays.get("triage_params"),
    )


_default: Model | None = None
_lock = threading.Lock()


def default_model_dir() -> Path:
    """The directory of the model shipped inside the package."""
    return Path(str(resources.files("intimacy_screen") / "data" / "model"))


def default_model() -> Model:
    """Load the shipped model on first use (once, thread-safely) and return it."""
    global _default
    if _default is None:
        with _lock:
            if _default is None:
                _default = load_model(default_model_dir())
    return _default
