"""The bytes of a run's files on the sample, pinned with the version of their writers (report/manifest.py, WRITERS).

verify judges a file that differs from what this budgetopt writes, though its SHA-256 is the one the manifest
records, edited with its hash when the manifest records these writers, this version and these packages — and written
by an earlier budgetopt otherwise. That holds only if the writers' version changes whenever their bytes do: this
test fails on any change to them. Then add one to WRITERS, and pin the new digests here under it.
(allocation.csv is verified by re-running, and its reasons by their own version, solving/explain.py's REASONS.)
"""

from __future__ import annotations

import hashlib
from pathlib import Path

import pytest
from helpers import ROOT

from optimizer import allocate
from optimizer.report.manifest import WRITERS

PINNED = {
    1: {
        "zh": {
            "allocation.csv": "8e9e6b84630601cfa7a6bec00a822d3d533040085fad73e9b38d6de0f3f81635",
            "allocation.xlsx": "64bf6dfbce8cb04b6692df0663d3b92e1d279325f22b0340a614b55b7f73457d",
            "report.html": "dd483cd05ea1d9c9765672b5af8ddc0fe6515e2c542dc9a64ad0ec77e2f80031",
            "model.lp": "110a69da562a9ab1365dac7d90e1744797b6ba7b0228bb1db14bce80bdbe11f8",
            "model.mps": "9f93ec6c87dd4233099e41579897fc32732e47586707f0ffe5c046ea6fc1ecbe",
        },
        "en": {
            "allocation.csv": "aed9e5794f871c9dec90cfe161229871c1265264e4a4a484d723e10b1c74f8db",
            "allocation.xlsx": "71d418dcdfbd4662f13e65c3e41e66da68482f8b5de174b554af4fc16014cef9",
            "report.html": "2eacb4f38ac748e43994dee1d1aebfbca6d883c1dccce9d6ec0d944a522e14b5",
        },
    },
    2: {  # the run's warnings in report.html and the parameters sheet
        "zh": {
            "allocation.csv": "8e9e6b84630601cfa7a6bec00a822d3d533040085fad73e9b38d6de0f3f81635",
            "allocation.xlsx": "470cee05caec6101daccc6ea884141825517d11ae78276fab8f7752552b98121",
            "report.html": "1e00ee7c2a318fbc8d606a1f48ba474cf1ae4b22e3c5666dc52cfb07ab6ba016",
            "model.lp": "110a69da562a9ab1365dac7d90e1744797b6ba7b0228bb1db14bce80bdbe11f8",
            "model.mps": "9f93ec6c87dd4233099e41579897fc32732e47586707f0ffe5c046ea6fc1ecbe",
        },
        "en": {
            "allocation.csv": "aed9e5794f871c9dec90cfe161229871c1265264e4a4a484d723e10b1c74f8db",
            "allocation.xlsx": "832333b969a58d7e3f0cb61107bf83357e01e9b8b7cc42fba208ffa4127f57a6",
            "report.html": "2e6a87eb2b54d4bb0debb84d9766610fbe7f3a70e69928e15d411b24f4b80704",
        },
    },
    3: {  # the parameters name the period cap and the group cap, set or not
        "zh": {
            "allocation.csv": "8e9e6b84630601cfa7a6bec00a822d3d533040085fad73e9b38d6de0f3f81635",
            "allocation.xlsx": "03bc736e78e1c3b7bdf70237476fb0a1ff45de90bda9a1637e2939dece3e4f28",
            "report.html": "1e00ee7c2a318fbc8d606a1f48ba474cf1ae4b22e3c5666dc52cfb07ab6ba016",
            "model.lp": "110a69da562a9ab1365dac7d90e1744797b6ba7b0228bb1db14bce80bdbe11f8",
            "model.mps": "9f93ec6c87dd4233099e41579897fc32732e47586707f0ffe5c046ea6fc1ecbe",
        },
        "en": {
            "allocation.csv": "aed9e5794f871c9dec90cfe161229871c1265264e4a4a484d723e10b1c74f8db",
            "allocation.xlsx": "f221c5a38cd493db5294f94a6760f3dbabdefda82df961fa4e3dc4327dc68cc1",
            "report.html": "2e6a87eb2b54d4bb0debb84d9766610fbe7f3a70e69928e15d411b24f4b80704",
        },
    },
}
RUNS = {"zh": ("sample_applications.xlsx", "scenario_2026.toml", True),
        "en": ("sample_applications_2027.xlsx", "scenario_2027.toml", False)}


@pytest.mark.parametrize("lang", sorted(RUNS))
def test_the_files_of_a_run_are_the_bytes_pinned_for_their_writers(lang: str, tmp_path: Path) -> None:
    workbook, scenario, model = RUNS[lang]
    allocate(ROOT / "data" / workbook, ROOT / "data" / scenario).write(tmp_path, lang, export_model=model)
    written = {path.name: hashlib.sha256(path.read_bytes()).hexdigest() for path in sorted(tmp_path.iterdir())
               if path.name != "manifest.json" and not path.name.startswith(".")}  # the time; our own marks
    assert WRITERS in PINNED, f"pin the files written by WRITERS = {WRITERS} here"
    assert written == PINNED[WRITERS][lang], (
        "a run's files are other bytes than the writers' version pinned: if that is meant, add one to WRITERS "
        "(optimizer/report/manifest.py) and pin these digests under it")
