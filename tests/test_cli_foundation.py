"""`budgetopt validate`, `policy` and `template`: exit codes and the exact words users see."""

from __future__ import annotations

import os
from pathlib import Path

import openpyxl
import pytest
from click.testing import CliRunner
from clirun import run
from helpers import EN_HEADERS, ROOT, ZH_HEADERS, row, write_rows

from optimizer.cli import cli
from optimizer.cli import commands as cli_module
from optimizer.cli.common import visible

SAMPLE = ROOT / "data" / "sample_applications.xlsx"


def run_en(*args: object) -> tuple[int, str, str]:
    """The command line with BUDGETOPT_LANG=en: every sentence in English."""
    result = CliRunner(env={"BUDGETOPT_LANG": "en"}).invoke(cli, [str(a) for a in args])
    return result.exit_code, result.stdout, result.stderr


def test_validate_accepts_the_sample_and_summarises_the_demand() -> None:
    code, out, err = run("validate", str(SAMPLE))
    assert code == 0, err
    assert out.startswith("sample_applications.xlsx，工作表 申报项目：读取 ")
    labels = ("符合条件", "不符合条件", "重复申报", "申报需求合计（元）", "申报需求合计（万元）", "不符合条件的原因：")
    for label in labels:
        assert label in out
    assert "第27行，所属区县列：警告：渝北区已于2026-01-25撤销，按两江新区读取" in err


def test_validate_in_english() -> None:
    code, out, _ = run("validate", str(SAMPLE), "--lang", "en")
    assert code == 0
    assert "rows read" in out and "demand (yuan)" in out and "ineligible, by reason:" in out


def test_validate_counts_and_demand_are_right(tmp_path: Path) -> None:
    rows = [row(application_id="A", clause="7a"), row(application_id="B", clause="8a", qualified="no"),
            row(application_id="C", clause="7b", investment=12_345_678.9)]
    code, out, _ = run("validate", str(write_rows(tmp_path / "apps.xlsx", rows)), "--lang", "en")
    assert code == 0
    lines = [" ".join(line.split()) for line in out.splitlines()]
    assert "eligible 2" in lines and "ineligible 1" in lines and "duplicate 0" in lines
    assert "demand (yuan) 1,734,567" in lines and "demand (万元) 173.46" in lines
    assert "1 precondition not confirmed" in lines


def test_validate_rejects_a_broken_workbook_listing_every_problem(tmp_path: Path) -> None:
    path = write_rows(tmp_path / "sample.xlsx", [row(credit_code="91350100M000100Y4X"), row(application_id="A-2",
                      score=150)], headers=ZH_HEADERS, sheet="申报项目")
    code, out, err = run_en("validate", str(path))
    assert code == 2 and out == ""
    assert err.splitlines() == [
        "sample.xlsx, sheet 申报项目, row 2, column 统一社会信用代码: check character is 'X', expected '3'",
        "sample.xlsx, sheet 申报项目, row 3, column 评审得分: must be between 0 and 100, found 150",
        "2 problem(s) in sample.xlsx; nothing was solved or written.",
    ]


def test_validate_a_missing_file(tmp_path: Path) -> None:
    code, _, err = run_en("validate", str(tmp_path / "nope.xlsx"))
    assert code == 2
    assert err.startswith("nope.xlsx: cannot be opened")


def test_policy_prints_all_24_clauses_in_chinese_by_default() -> None:
    code, out, _ = run("policy")
    assert code == 0
    assert out.startswith("渝经信规范〔2026〕2号  重庆市促进实数融合推动“人工智能+制造”若干政策")
    ids = [line.split()[0] for line in out.splitlines()[5:]]
    assert ids == ["1", "2", "3", "4", "5", "6", "7a", "7b", "8a", "8b", "9", "10", "11a", "11b", "12", "13",
                   "14a", "14b", "15", "16", "17", "18", "19", "20"]
    assert "先进级智能工厂" in out and "比例补助" in out


def test_policy_in_english() -> None:
    code, out, _ = run("policy", "--lang", "en")
    assert code == 0 and "Advanced-level smart factory" in out and "matching" in out


def test_policy_refuses_a_malformed_model(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text((ROOT / "models" / "cq-ai-manufacturing-2026.toml").read_text(encoding="utf-8").replace(
        'kind = "capped"', 'kind = "generous"', 1), encoding="utf-8")
    code, _, err = run_en("policy", "--policy", str(bad))
    assert code == 2
    assert err.strip() == (f"{bad}: clause 3: unknown kind 'generous' (one of fixed, capped, matching, "
                           "procurement)")


def test_template_is_read_by_validate_as_a_workbook_with_no_applications_yet(tmp_path: Path) -> None:
    out_path = tmp_path / "申报汇总表.xlsx"
    code, out, _ = run("template", str(out_path))
    assert code == 0 and out.strip() == f"已写出 {out_path}"
    code, out, err = run_en("validate", str(out_path))
    assert code == 2 and out == ""  # its headers are all read; there is nothing below them yet
    assert err.splitlines() == ["申报汇总表.xlsx, sheet 申报项目: the workbook has no applications",
                                "1 problem(s) in 申报汇总表.xlsx; nothing was solved or written."]


def test_template_never_replaces_a_file_without_overwrite(tmp_path: Path) -> None:
    # a filled-in workbook of the same name was replaced without a word
    filled = tmp_path / "申报汇总表.xlsx"
    write_rows(filled, [row()])
    before = filled.read_bytes()
    assert run_en("template", filled) == (2, "", f"{filled}: exists already (or add --overwrite)\n")
    assert filled.read_bytes() == before
    assert run_en("template", filled, "--overwrite") == (0, f"wrote {filled}\n", "")
    assert filled.read_bytes() != before and openpyxl.load_workbook(filled).sheetnames == ["申报项目", "选项"]


def test_template_into_a_folder_not_yet_made_makes_it(tmp_path: Path) -> None:
    # it was an unexpected error (xlsxwriter's FileCreateError), exit 1
    out_path = tmp_path / "2027" / "申报汇总表.xlsx"
    assert run_en("template", out_path) == (0, f"wrote {out_path}\n", "")
    assert openpyxl.load_workbook(out_path).sheetnames == ["申报项目", "选项"]
    assert sorted(p.name for p in out_path.parent.iterdir() if not p.name.startswith(".")) == ["申报汇总表.xlsx"]


def test_template_has_headers_notes_and_drop_downs(tmp_path: Path) -> None:
    out_path = tmp_path / "t.xlsx"
    run("template", str(out_path))
    sheet = openpyxl.load_workbook(out_path)["申报项目"]
    headers = [c.value for c in sheet[1]]
    assert headers[:3] == ["申报编号", "申报单位", "统一社会信用代码"] and "实际投资额（万元）" in headers
    assert all(c.comment is not None for c in sheet[1])
    validated = {str(v.sqref).split(":")[0] for v in sheet.data_validations.dataValidation}
    assert {"D2", "E2", "L2", "M2", "N2"} <= validated  # district, clause, industry, size, qualified


def test_template_filled_in_reads_back(tmp_path: Path) -> None:
    out_path = tmp_path / "t.xlsx"
    run("template", str(out_path))
    book = openpyxl.load_workbook(out_path)
    sheet = book["申报项目"]
    values = row(investment=4000, clause="7b", qualified="是", enterprise_size="中型")
    fields = ["application_id", "applicant", "credit_code", "district", "clause", "project", "content_key",
              "investment", "requested", "score", "submitted_on", "industry", "enterprise_size", "qualified",
              "prior_support"]
    for col, field in enumerate(fields, start=1):
        sheet.cell(row=2, column=col, value=values[field])
    book.save(out_path)
    code, out, err = run("validate", str(out_path), "--lang", "en")
    assert code == 0, err
    assert "demand (yuan)  3,000,000" in out


@pytest.mark.parametrize("command", ["validate", "policy", "template"])
def test_every_command_has_help_with_an_example(command: str) -> None:
    code, out, _ = run(command, "--help")
    assert code == 0 and "示例：" in out and f"budgetopt {command}" in out


def test_an_unexpected_error_is_a_sentence_not_a_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object, **__: object) -> None:
        raise RuntimeError("disk on fire")

    monkeypatch.setattr(cli_module, "policy_table", broken)
    code, _, err = run_en("policy")
    assert code == 1
    assert err.strip() == "unexpected error: RuntimeError: disk on fire (run with --debug for the traceback)"
    assert "Traceback" not in err


def test_a_command_collects_no_cycles_while_it_runs_and_the_server_does(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from optimizer.cli import serve

    seen: list[bool] = []
    monkeypatch.setattr(cli_module, "policy_table", lambda *_, **__: seen.append(gc.isenabled()) or "")
    monkeypatch.setattr(serve, "serve", lambda *_, **__: seen.append(gc.isenabled()))
    assert gc.isenabled()
    assert run("policy")[0] == 0 and run("serve", "--no-browser")[0] == 0
    assert seen == [False, True] and gc.isenabled()  # on again once the command has ended


def test_python_m_optimizer_is_the_same_command() -> None:
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-m", "optimizer", "policy", "--lang", "en"], capture_output=True,
                          text=True, check=False)
    assert done.returncode == 0 and "Sub-sector industry brain" in done.stdout


def test_control_characters_are_shown_not_obeyed() -> None:
    assert visible("a\x1b[31mb\x07\tc\r\n\x00\x7f\x9b") == "a\u241b[31mb\u2407\tc\r\n\u2400\u2421<9B>"
    assert visible("申报编号 A-001") == "申报编号 A-001"


def test_a_cell_that_would_command_the_terminal_is_quoted_visibly(tmp_path: Path) -> None:
    # Excel stores ESC and BEL as _x001B_ and _x0007_, and the reader hands them on: quoted in a message, they cleared
    # the screen, retitled the window or coloured the rest of the output of whoever ran validate on a terminal
    import xlsxwriter

    path = tmp_path / "esc.xlsx"
    book = xlsxwriter.Workbook(str(path))
    sheet = book.add_worksheet("applications")
    values = row(investment="\x1b[2J\x1b]0;pwned\x07", applicant="企业\x1b[8m")
    for col, header in enumerate(EN_HEADERS):
        sheet.write_string(0, col, header)
        if values[header] is not None:
            sheet.write_string(1, col, str(values[header]))
    book.close()
    result = CliRunner(env={"BUDGETOPT_LANG": "en"}).invoke(cli, ["validate", str(path)], color=True)  # as a tty
    assert result.exit_code == 2
    assert "column investment: '\u241b[2J\u241b]0;pwned\u2407' is not a number" in result.stderr
    assert "\x1b" not in result.output and "\x07" not in result.output


def test_a_reader_that_stops_early_gets_no_traceback_and_the_pipes_exit_status() -> None:
    """`budgetopt policy | head`, the reader gone before the output is written (`true` reads nothing): exit 141, as a
    shell reports a program its reader left (it was 1, "anything unexpected"), and nothing said on stderr."""
    import subprocess
    import sys

    done = subprocess.run(["bash", "-o", "pipefail", "-c", f"'{sys.executable}' -m optimizer policy | true"],
                          capture_output=True, text=True, check=False, env={**os.environ, "BUDGETOPT_LANG": "en"})
    assert (done.returncode, done.stderr) == (141, "")
