"""Reading a finished run back: the folder `allocate` wrote (allocation.csv and manifest.json)."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from optimizer.jobs.compare import RunData, RunRow

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")


class RunFolderError(ValueError):
    """The folder is not the output of an allocate run; the message says what is missing."""


def read_run(folder: Path) -> RunData:
    csv_path, manifest_path = folder / "allocation.csv", folder / "manifest.json"
    for path in (csv_path, manifest_path):
        if not path.is_file():
            raise RunFolderError(f"{folder}: no {path.name} here (give the --out folder of an allocate run)")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        text = csv_path.read_text(encoding="utf-8-sig")
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise RunFolderError(f"{folder}: cannot read the run's files ({exc})") from exc
    rows = []
    for number, record in enumerate(csv.DictReader(io.StringIO(text)), start=2):
        try:
            rows.append(RunRow(
                application_id=_plain(record["application_id"]), applicant=_plain(record["applicant"]),
                district=_plain(record["district"]), clause=_plain(record["clause"]),
                entitlement=int(record["entitlement"]), allocated=int(record["allocated"]),
                status=record["status"], reason=_plain(record["reason"])))
        except (KeyError, ValueError, TypeError) as exc:
            raise RunFolderError(f"{csv_path}, row {number}: not a row of an allocation ({exc})") from exc
    return RunData(folder.name or str(folder), tuple(rows), manifest)


def _plain(text: str) -> str:
    """Undo the leading ' that keeps formula-like text inert in the CSV."""
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA_START) else text
