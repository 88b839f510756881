"""Click's own complaints about a command line in the run's language: each kind, its exact sentence in Chinese and
in English, the command's usage after it, exit 2 — before, `Error: Invalid value for '--time-limit': 应为有限的数…`
mixed the two languages, and a mistyped option was English whatever --lang said."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from optimizer.cli import cli
from optimizer.cli.usage import lang_in

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = str(ROOT / "data" / "sample_applications.xlsx")


def run(*args: str, env: dict[str, str] | None = None) -> tuple[int, list[str]]:
    result = CliRunner(env=env or {}).invoke(cli, list(args), prog_name="budgetopt")
    return result.exit_code, result.stderr.splitlines()


CASES = [  # (arguments, Chinese, English)
    (["allocate", SAMPLE, "--time-limit", "abc"], "--time-limit：应为大于 0 的数，填写的是 abc",
     "--time-limit: must be a number above 0, found abc"),
    (["allocate", SAMPLE, "--time-limit", "nan"], "--time-limit：应为有限的数，填写的是 nan",
     "--time-limit: must be a finite number, found nan"),
    (["sweep", SAMPLE, "--steps", "-3"], "--steps：应为不小于 1 的整数，填写的是 -3",
     "--steps: must be a whole number of at least 1, found -3"),
    (["serve", "--port", "99999"], "--port：应为 1 至 65535 的整数，填写的是 99999",
     "--port: must be a whole number from 1 to 65535, found 99999"),
    (["allocate", SAMPLE, "--solver", "glpk"], "--solver：应为 highs、cbc、auto 之一，填写的是 glpk",
     "--solver: must be one of highs, cbc, auto, found glpk"),
    (["allocate", "data"], "WORKBOOK：data 是文件夹，这里要的是文件",
     "WORKBOOK: data is a folder; a file is needed here"),
    (["allocate", SAMPLE, "--out", SAMPLE], f"--out：{SAMPLE} 是文件，这里要的是文件夹",
     f"--out: {SAMPLE} is a file; a folder is needed here"),
    (["allocate"], "缺少 WORKBOOK", "WORKBOOK is missing"),
    (["stability", SAMPLE, "--sigma", "2", "--seed", "1"], "缺少必填选项 --draws", "the option --draws is required"),
    (["allocate", SAMPLE, "--ovewrite"], "没有 --ovewrite 这个选项（是否想用 --overwrite 或 --solver？）",
     "there is no option --ovewrite (did you mean --overwrite or --solver?)"),
    (["allocate", SAMPLE, "--frobnicate"], "没有 --frobnicate 这个选项", "there is no option --frobnicate"),
    (["alocate"], "没有 alocate 这个命令（是否想用 allocate 或 validate？）",
     "there is no command alocate (did you mean allocate or validate?)"),
    (["allocate", SAMPLE, "--budget"], "--budget 后面要给出一个值", "--budget needs a value after it"),
    (["allocate", SAMPLE, "--quiet=yes"], "--quiet 不带值（只写 --quiet 即可）",
     "--quiet takes no value (write just --quiet)"),
    (["allocate", SAMPLE, "b.xlsx"], "多余的参数：b.xlsx", "unexpected argument(s): b.xlsx"),
    (["template", "x.txt"], "OUT_XLSX：申报表模板必须是 .xlsx 文件", "OUT_XLSX: the template must be an .xlsx file"),
]


@pytest.mark.parametrize(("args", "chinese", "english"), CASES, ids=[" ".join(c[0][:1] + c[0][2:]) for c in CASES])
def test_each_kind_of_usage_error_is_one_sentence_in_the_runs_language(args: list[str], chinese: str,
                                                                       english: str) -> None:
    code, lines = run(*args)
    assert (code, lines[0]) == (2, chinese)
    assert run(*args, env={"BUDGETOPT_LANG": "en"})[1][0] == english
    if args[0] != "serve":  # the app's language is each browser's
        code, lines = run(args[0], "--lang", "en", *args[1:])  # --lang before the mistake
        assert (code, lines[0]) == (2, english)


def test_a_command_named_by_another_word_is_pointed_to() -> None:
    # an auditor typed `ledger verify` for `ledger check`
    assert run("ledger", "verify", "x.sqlite")[1][0] == "没有 verify 这个命令（是否想用 check？）"
    assert run("ledger", "list", env={"BUDGETOPT_LANG": "en"})[1][0] == "there is no command list (did you mean show?)"
    assert run("run")[1][0] == "没有 run 这个命令（是否想用 allocate？）"
    assert run("ledger", "allocate")[1][0] == "没有 allocate 这个命令"  # not a command of that group


def test_the_usage_and_the_help_follow_the_sentence() -> None:
    assert run("allocate", SAMPLE, "--time-limit", "0")[1] == [
        "--time-limit：应为大于 0 的数，填写的是 0",
        "用法：budgetopt allocate [OPTIONS] WORKBOOK（budgetopt allocate --help 说明每个选项，附示例）"]
    assert run("ledger", "show", "x.sqlite", "y", "--lang", "en")[1] == [
        "unexpected argument(s): y",
        "usage: budgetopt ledger show [OPTIONS] LEDGER (budgetopt ledger show --help explains each option, with an "
        "example)"]


def test_a_mistyped_option_is_said_in_the_language_asked_for_after_it() -> None:
    """Click refuses `--xyzzy` before it has read `--lang en` (or any option after it)."""
    assert run("allocate", SAMPLE, "--xyzzy", "--lang", "en")[1][0] == "there is no option --xyzzy"
    assert run("allocate", SAMPLE, "--xyzzy", "--lang=en")[1][0] == "there is no option --xyzzy"
    assert run("allocate", SAMPLE, "--xyzzy", "--lang", "zh", env={"BUDGETOPT_LANG": "en"})[1][0] == \
        "没有 --xyzzy 这个选项"


@pytest.mark.parametrize(("args", "lang"), [
    (["allocate", "--lang", "en"], "en"), (["--lang=EN"], "en"), (["--lang", "en", "--lang", "zh"], "zh"),
    (["--lang", "fr"], None), (["--lang"], None), (["x", "--", "--lang", "en"], None), ([], None)])
def test_the_language_is_found_among_the_words_typed_as_click_would_take_it(args: list[str],
                                                                            lang: str | None) -> None:
    assert lang_in(args) == lang


def test_control_characters_typed_are_shown_not_obeyed() -> None:
    code, lines = run("allocate", SAMPLE, "--solver", "\x1b[2Jhighs")
    assert code == 2 and lines[0] == "--solver：应为 highs、cbc、auto 之一，填写的是 ␛[2Jhighs"


def test_a_long_value_is_quoted_in_brief() -> None:
    code, lines = run("sweep", SAMPLE, "--steps", "9" * 300 + "x")
    assert code == 2 and lines[0] == f"--steps：应为不小于 1 的整数，填写的是 {'9' * 100}…（共 301 个字符）"


def test_a_group_called_alone_still_shows_its_help() -> None:
    result = CliRunner().invoke(cli, ["ledger"], prog_name="budgetopt")
    assert result.exit_code == 2 and "命令：" in result.output and "import" in result.output


def test_the_installed_command_says_it_too() -> None:
    """`python -m optimizer` (the `budgetopt` script's entry) goes through the same main as the tests' runner."""
    done = subprocess.run([sys.executable, "-m", "optimizer", "allocate", SAMPLE, "--solver", "glpk"],
                          capture_output=True, text=True, timeout=120, cwd=ROOT)
    assert (done.returncode, done.stdout, done.stderr.splitlines()[0]) == (
        2, "", "--solver：应为 highs、cbc、auto 之一，填写的是 glpk")


def test_lang_may_come_before_the_command_too() -> None:
    """`budgetopt --lang en validate …` was `there is no option --lang`; after the command it always worked."""
    for args in (["--lang", "en", "validate", SAMPLE], ["validate", SAMPLE, "--lang", "en"]):
        result = CliRunner().invoke(cli, args, prog_name="budgetopt")
        assert result.exit_code == 0 and "demand (yuan)" in result.stdout, args
    result = CliRunner(env={"BUDGETOPT_LANG": "en"}).invoke(cli, ["--lang", "zh", "validate", SAMPLE])
    assert result.exit_code == 0 and "申报需求合计" in result.stdout
    assert run("--lang", "fr", "validate", SAMPLE) == (2, [
        "--lang：应为 zh、en 之一，填写的是 fr",
        "用法：budgetopt [OPTIONS] COMMAND [ARGS]...（budgetopt --help 说明每个选项，附示例）"])
