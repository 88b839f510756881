"""allocation.xlsx opens in a spreadsheet program other than our own readers: LibreOffice Calc, headless, converts
every sheet to CSV, and what it read is what we wrote — the amounts in 万元, which are the CSV's yuan exactly.

LibreOffice is Debian's `libreoffice-calc-nogui`; `.ci/run` installs it when it is missing. The workbook's zip is
written by our own packer (optimizer/report/fastxlsx.py), so this is the check that a real spreadsheet accepts it.
"""

from __future__ import annotations

import csv
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import ROOT

from optimizer.cli import cli
from optimizer.words import STATUS_LABELS

SOFFICE = shutil.which("soffice")
pytestmark = pytest.mark.skipif(SOFFICE is None, reason="LibreOffice is not installed (.ci/run installs it)")
SHEETS = ["分配结果", "按条款", "按篇章", "按区县", "约束", "运行参数"]


def test_libreoffice_reads_every_sheet_of_the_workbook(tmp_path: Path) -> None:
    out = tmp_path / "run"
    result = CliRunner().invoke(cli, ["allocate", str(ROOT / "data" / "sample_applications.xlsx"), "--scenario",
                                      str(ROOT / "data" / "scenario_2026.toml"), "--out", str(out), "--quiet",
                                      "--lang", "zh"])
    assert result.exit_code == 0, result.stderr
    assert SOFFICE is not None
    # every sheet, UTF-8 (76), comma-separated (44), values as shown; a profile of its own, so runs do not meet
    converted = subprocess.run(
        [SOFFICE, f"-env:UserInstallation=file://{tmp_path / 'profile'}", "--headless", "--convert-to",
         "csv:Text - txt - csv (StarCalc):44,34,76,1,,0,false,true,false,false,false,-1",
         "--outdir", str(tmp_path), str(out / "allocation.xlsx")], capture_output=True, text=True, timeout=240)
    assert converted.returncode == 0, converted.stderr
    read = {name: list(csv.reader((tmp_path / f"allocation-{name}.csv").open(encoding="utf-8")))
            for name in SHEETS}
    with (out / "allocation.csv").open(encoding="utf-8-sig") as handle:
        ours = list(csv.DictReader(handle))
    sheet = read["分配结果"]
    assert len(sheet) == len(ours) + 1 and sheet[0][:3] == ["行号", "申报编号", "申报单位"]
    assert sheet[0][8:10] == ["核定额（万元）", "分配额（万元）"]
    # the workbook shows 万元, the CSV whole yuan: 万元 × 10,000 is the CSV's amount, to the yuan
    assert [(row[1], Decimal(row[8]) * 10_000, Decimal(row[9]) * 10_000, row[10]) for row in sheet[1:]] == [
        (row["application_id"], Decimal(row["entitlement"]), Decimal(row["allocated"]),
         STATUS_LABELS[row["status"]][0]) for row in ours]  # the status in words in a Chinese workbook
    assert any(not row[9].endswith("0000") and "." in row[9] for row in sheet[1:])  # amounts in 万元 with decimals
    assert read["运行参数"][0] == ["参数", "值"] and len(read["约束"]) > 1
