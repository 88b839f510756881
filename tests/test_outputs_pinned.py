"""The bytes of a run's files on the sample, pinned with the version of their writers (report/manifest.py, WRITERS).

verify judges a file that differs from what this budgetopt writes, though its SHA-256 is the one the manifest
records, edited with its hash when the manifest records these writers, this version and these packages — and written
by an earlier budgetopt otherwise. That holds only if the writers' version changes whenever their bytes do: this
test fails on any change to them. Then add one to WRITERS, and pin the new digests here under it — never change
the digests of a version that has landed on main (runs written by it would read as edited with their hashes); those
of the version a branch introduces may change until it lands.
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
    2: {  # the run's warnings in report.html and the parameters (those asking for action first); the period and
        #   group caps among the parameters, set or not
        "zh": {
            "allocation.csv": "8e9e6b84630601cfa7a6bec00a822d3d533040085fad73e9b38d6de0f3f81635",
            "allocation.xlsx": "857c9edd82ef24fef5d9dd2387ee24e0e0a950f50c4e2f7206564dc746100bbb",
            "report.html": "661a57b6cccbfdc77500b84d2511a38152c90b6d0bb328b76d46a382a59704f0",
            "model.lp": "110a69da562a9ab1365dac7d90e1744797b6ba7b0228bb1db14bce80bdbe11f8",
            "model.mps": "9f93ec6c87dd4233099e41579897fc32732e47586707f0ffe5c046ea6fc1ecbe",
        },
        "en": {
            "allocation.csv": "aed9e5794f871c9dec90cfe161229871c1265264e4a4a484d723e10b1c74f8db",
            "allocation.xlsx": "d8fc8d9591e39858eb16343fa3e090799b0f2841c02fd67116f5ce7aecdc9fa6",
            "report.html": "00b8a4accdfa7f144433baf5cf1079da839dcdfa0754fa948360285905b6eb1c",
        },
    },
    3: {  # the warnings to deal with before the 公示 apart from the other notes (both runs have both kinds: the
        #   2026 sample's 就高 case; the 2027 sample's period cap without the ledger and its 就高 cases), the
        #   workbook's sheet of them beside the allocation, which it opens at; long cells wrapped; the parameters'
        #   names as labels
        "zh": {
            "allocation.csv": "8e9e6b84630601cfa7a6bec00a822d3d533040085fad73e9b38d6de0f3f81635",
            "allocation.xlsx": "c414deca5f7f7bf910cb60d100e164074b38c99e07cbab3e940f4ca2ea42e678",
            "report.html": "07bef09fa61536059cc628e56fbb33b13ec5049d1b4d4779002f8dc49b49a43b",
            "model.lp": "110a69da562a9ab1365dac7d90e1744797b6ba7b0228bb1db14bce80bdbe11f8",
            "model.mps": "9f93ec6c87dd4233099e41579897fc32732e47586707f0ffe5c046ea6fc1ecbe",
        },
        "en": {
            "allocation.csv": "aed9e5794f871c9dec90cfe161229871c1265264e4a4a484d723e10b1c74f8db",
            "allocation.xlsx": "3b4c13978cace23c3d483fb79b3b099a224f24044b76ec0e84e8026a109a0803",
            "report.html": "b57be01afd5fd6cfde550e424f96e21fda11bea66057bf1878a27430bf6cc60b",
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
