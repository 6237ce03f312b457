"""The built wheel really carries the model and data files, and its entry point works."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from .conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    subprocess.run(
        [sys.executable, "-m", "pip", "wheel", str(ROOT), "--no-deps", "--no-build-isolation", "-q", "-w", str(out)],
        check=True,
        capture_output=True,
    )
    (whl,) = out.glob("intimacy_screen-*.whl")
    return whl


def test_wheel_contains_model_and_data(wheel: Path) -> None:
    names = zipfile.ZipFile(wheel).namelist()
    for f in ("model.npz", "model.json", "MODEL_CARD.md"):
        assert f"intimacy_screen/data/model/{f}" in names
    assert "intimacy_screen/data/explanations.json" in names
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "intimacy-screen = intimacy_screen.cli:main" in zipfile.ZipFile(wheel).read(entry).decode()
    assert not any(n.startswith(("tests/", "training_data/")) for n in names)


def test_installed_wheel_screens_from_another_directory(wheel: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    zipfile.ZipFile(wheel).extractall(site)
    env = {**os.environ, "PYTHONPATH": str(site)}
    out = subprocess.run(
        [sys.executable, "-c", "from intimacy_screen.cli import main; import sys; sys.exit(main(sys.argv[1:]))",
         "screen", "--text", "He never wants to talk about us.", "--json"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert '"scores"' in out.stdout
    check = subprocess.run(
        [sys.executable, "-c", "import intimacy_screen, sys; print(intimacy_screen.__file__)"],
        cwd=tmp_path, env=env, capture_output=True, text=True, check=True,
    )  # fmt: skip
    assert check.stdout.startswith(str(site))
