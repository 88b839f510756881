"""What the tests of verify reading a run's printed files back share (test_verify_page.py, test_verify_printed.py):
the command line in English, the sample allocated on copies of its workbook and scenario, and a manifest edited as
whoever edited a file would (its SHA-256 made the file's as it is now)."""

from __future__ import annotations

import hashlib
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

from clirun import run_en as run
from helpers import ROOT

SAMPLE = ROOT / "data" / "sample_applications.xlsx"
SCENARIO = ROOT / "data" / "scenario_2026.toml"


def allocated(folder: Path, *options: str) -> Path:
    """The sample allocated (in English) into `folder`/run, on copies of its workbook and scenario beside it."""
    shutil.copy(SAMPLE, folder / "apps.xlsx")
    shutil.copy(SCENARIO, folder / "scenario.toml")
    code, _, err = run("allocate", folder / "apps.xlsx", "--scenario", folder / "scenario.toml", "--out",
                       folder / "run", *options, "--quiet")
    assert code == 0, err
    return folder


def edit_manifest(folder: Path, change: Callable[[dict[str, Any]], None]) -> None:
    path = folder / "manifest.json"
    document = json.loads(path.read_text(encoding="utf-8"))
    change(document)
    path.write_text(json.dumps(document, ensure_ascii=False, indent=2), encoding="utf-8")


def rehash(folder: Path, name: str) -> None:
    """The manifest's SHA-256 of the file `name` made the file's as it is now, as whoever edited it would."""
    digest = hashlib.sha256((folder / name).read_bytes()).hexdigest()
    edit_manifest(folder, lambda d: d["outputs"][name].update(sha256=digest))
