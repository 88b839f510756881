"""Reading a finished run back: the folder `allocate` wrote (allocation.csv and manifest.json)."""

from __future__ import annotations

import csv
import hashlib
import io
from collections.abc import Mapping
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import Any

from optimizer.errors import Hint, InputError, Mismatch
from optimizer.reading.allocation_file import allow_long_fields
from optimizer.reading.manifest_file import UNREADABLE, edited, read_json, unreadable_reason, wrong_keys
from optimizer.words import Phrase, readable_name

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n")

# what a run's files are saved as when downloaded from the app, so that each round's are told apart in a downloads
# folder — `<运行编号>-分配结果.xlsx` (`<run id>-allocation.xlsx` in English) — and found so again beside a manifest
# saved as `<运行编号>-复核清单.json`
SAVED_AS: Mapping[str, tuple[str, str]] = {
    "allocation.csv": ("分配结果", "allocation"), "allocation.xlsx": ("分配结果", "allocation"),
    "manifest.json": ("复核清单", "manifest"), "report.html": ("汇总报告", "report"),
    "notice.xlsx": ("公示名单", "notice"), "awards.json": ("获资助名单", "awards"),
    # a sweep's, a stability run's and a comparison's, as the app saves them (not verified: no manifest)
    **{f"sweep.{ext}": ("预算测算", "sweep") for ext in ("csv", "xlsx", "html")},
    **{f"stability.{ext}": ("稳定性分析", "stability") for ext in ("csv", "xlsx", "html")},
    **{f"compare.{ext}": ("两次分配对比", "compare") for ext in ("xlsx", "html")},
    **{f"goal.{ext}": ("目标预算测算", "goal") for ext in ("csv", "xlsx")},
    **{f"plan.{ext}": ("年度分配测算", "plan") for ext in ("csv", "xlsx")},
}


def download_name(run_id: str, name: str, lang: str) -> str:
    """What the run's file `name` is saved as when downloaded: `20261207-070658-312dde-公示名单.xlsx` (`…-notice.xlsx`
    in English); a file not in SAVED_AS keeps its name after the run's id."""
    words = SAVED_AS.get(name)
    stem, dot, suffix = name.rpartition(".")
    return f"{run_id}-{(words[0] if lang == 'zh' else words[1]) if words else stem}{dot}{suffix}"


def run_file(manifest: Path, name: str) -> Path:
    """Where the run's file `name` is beside its `manifest`: under its own name, or, the manifest saved as the app
    downloads it (`<运行编号>-复核清单.json`), under the name the app saved it as, in either language.

    >>> run_file(Path("r/20261207-070658-312dde-复核清单.json"), "notice.xlsx").name   # none there: the Chinese name
    '20261207-070658-312dde-公示名单.xlsx'
    >>> run_file(Path("r/manifest.json"), "notice.xlsx").name
    'notice.xlsx'
    """
    folder = manifest.parent
    for lang, word in zip(("zh", "en"), SAVED_AS["manifest.json"], strict=True):
        ending = f"-{word}.json"
        if manifest.name.endswith(ending) and manifest.name != ending[1:]:
            run_id = manifest.name[:-len(ending)]
            candidates = [folder / download_name(run_id, name, each) for each in (lang, "en", "zh")]
            return next((path for path in candidates if path.is_file()), candidates[0])
    return folder / name


class RunFolderError(InputError):
    """The folder is not the output of an allocate run; the message says what is missing."""


@dataclass(frozen=True)
class RunRow:
    """One row of a run's allocation.csv."""

    application_id: str
    applicant: str
    district: str
    clause: str
    entitlement: int
    allocated: int
    status: str
    reason: str
    credit_code: str = ""  # whose it is (the distribution counts applicants by it); "" in a file without it
    score: Decimal | None = None  # the 评审得分; None where the row has none (an invalid row) or the file no column


@dataclass(frozen=True)
class RunData:
    """What compare needs from a run's folder: its rows and the facts of its manifest."""

    label: str
    rows: tuple[RunRow, ...]
    manifest: Mapping[str, Any]

    @property
    def scenario_name(self) -> str:
        return str(self.manifest.get("scenario", {}).get("name", ""))

    def total(self, key: str) -> int:
        return int(self.manifest.get("totals", {}).get(key, 0))

    @property
    def objective(self) -> Decimal:
        return Decimal(str(self.manifest.get("objective", "0")))

    @property
    def weights(self) -> dict[str, Decimal] | None:
        """The clause weights the run's scenario gave (a clause not named weighs 1); None when the run did not
        record its scenario."""
        scenario = self.manifest.get("scenario")
        if not isinstance(scenario, Mapping) or not isinstance(scenario.get("weights"), Mapping):
            return None
        return {str(k): Decimal(str(v)) for k, v in scenario["weights"].items()}

    @property
    def budget_marginal(self) -> Decimal | None:
        """The weighted score the next yuan of the run's budget would buy (its marginal value); None when the budget
        did not bind or the run did not record it (runs before December 2026)."""
        value = self.manifest.get("budget_marginal")
        return None if value is None else Decimal(str(value))

    @property
    def marginal_recorded(self) -> bool:
        """Whether the run recorded its budget's marginal value (null when the budget did not bind): from December
        2026."""
        return "budget_marginal" in self.manifest


def check_run_folder(folder: Path, *names: str) -> None:
    """RunFolderError when `folder` is not a folder holding the files `names` (what an allocate run wrote)."""
    if not folder.is_dir():
        code = "run.not_a_folder" if folder.exists() else "run.no_folder"
        raise RunFolderError.one(folder, Phrase.of(code), hint=Hint("run_folder"))
    for name in names:
        if not (folder / name).is_file():
            raise RunFolderError.one(folder, Phrase.of("run.missing_file", name=name), hint=Hint("run_folder"))


def read_run(folder: Path) -> RunData:
    csv_path, manifest_path = folder / "allocation.csv", folder / "manifest.json"
    check_run_folder(folder, csv_path.name, manifest_path.name)
    try:
        manifest = read_json(manifest_path)
        data = csv_path.read_bytes()
        text = data.decode("utf-8-sig")
    except UNREADABLE as exc:  # the CSV's UTF-8 too (a ValueError)
        raise RunFolderError.one(folder, Phrase.of("run.unreadable", error=unreadable_reason(exc))) from exc
    wrong = wrong_keys(manifest, complete=False)
    if wrong:
        raise RunFolderError.one(manifest_path, edited(wrong))
    rows = []
    allow_long_fields()
    reader = csv.DictReader(io.StringIO(text))
    for number, record in enumerate(reader, start=2):
        if None in record or None in record.values():  # a row cut short, or longer than the header
            found = sum(v is not None for k, v in record.items() if k is not None) + len(record.get(None) or ())
            raise RunFolderError.one(csv_path, Phrase.of("run.row_length", found=found,
                                                         expected=len(reader.fieldnames or ())), row=number)
        try:
            rows.append(RunRow(
                application_id=_plain(record["application_id"]), applicant=_plain(record["applicant"]),
                district=_plain(record["district"]), clause=_plain(record["clause"]),
                entitlement=int(record["entitlement"]), allocated=int(record["allocated"]),
                status=record["status"], reason=_plain(record["reason"]),
                credit_code=_plain(record.get("credit_code") or ""), score=score_of(_plain(record.get("score") or ""))))
        except (KeyError, ValueError, TypeError) as exc:
            raise RunFolderError.one(csv_path, Phrase.of("run.bad_row", error=str(exc)), row=number) from exc
    _check_written(csv_path, data, manifest)  # after the rows: a row cut short is named where it is
    return RunData(readable_name(folder.name or str(folder)), tuple(rows), manifest)


def score_of(text: str) -> Decimal | None:
    """A row's score as written; None for no score (an invalid row's cell is kept as it was)."""
    try:
        number = Decimal(text)
    except ArithmeticError:
        return None
    return number if number.is_finite() else None


def _check_written(path: Path, data: bytes, manifest: Mapping[str, Any]) -> None:
    """Mismatch (exit 4) when allocation.csv is not the file the run wrote, as its manifest records it: an award
    edited in it since would be searched, compared and counted as the run's."""
    outputs = manifest.get("outputs")
    recorded = outputs.get("allocation.csv", {}).get("sha256") if isinstance(outputs, dict) else None
    found = hashlib.sha256(data).hexdigest()
    if isinstance(recorded, str) and found != recorded:
        raise Mismatch([Phrase.of("run.allocation_changed", path=readable_name(str(path)), was=recorded[:12],
                                  now=found[:12])])


def _plain(text: str) -> str:
    """Undo the leading ' that keeps formula-like text inert in the CSV."""
    return text[1:] if text.startswith("'") and text[1:].startswith(_FORMULA_START) else text
