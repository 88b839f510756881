"""`--help` in the run's language: every command's and option's help has its Chinese (words/help_zh.py), and no
Chinese is left without its English; Chinese help fits the terminal; English on request."""

from __future__ import annotations

import inspect
import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import click
import pytest
from click.testing import CliRunner

from optimizer.cli import cli
from optimizer.cli.helptext import columns, said, wrapped
from optimizer.words import use_lang
from optimizer.words.help_zh import HELP_ZH

WIDE = re.compile(r"[\u2e80-\ufe4f\uff00-\uffef]")


def commands(command: click.Command = cli, path: tuple[str, ...] = ()) -> list[tuple[tuple[str, ...],
                                                                                  click.Command]]:
    found = [(path, command)]
    if isinstance(command, click.Group):
        for name, sub in sorted(command.commands.items()):
            found += commands(sub, (*path, name))
    return found


def english_texts() -> set[str]:
    """Every text the help shows: a command's paragraphs (not its examples), each option's help, click's own."""
    texts = {"Show this message and exit."}
    for _, command in commands():
        if command.help:
            texts |= {" ".join(part.split()) for part in inspect.cleandoc(command.help).split("\n\n")
                      if not part.startswith("\b")}
        texts |= {" ".join(param.help.split()) for param in command.params
                  if isinstance(param, click.Option) and param.help}
    return texts


def test_every_help_text_has_its_chinese_and_every_chinese_its_english() -> None:
    english = english_texts()
    assert sorted(english - HELP_ZH.keys()) == []  # a help text added or edited: its Chinese in help_zh.py
    assert sorted(HELP_ZH.keys() - english) == []  # a Chinese text whose English is gone


def help_of(path: tuple[str, ...], env: dict[str, str] | None = None) -> str:
    result = CliRunner(env=env or {}).invoke(cli, [*path, "--help"], prog_name="budgetopt", terminal_width=80)
    assert result.exit_code == 0, result.output
    return result.output


@pytest.mark.parametrize("path", [path for path, _ in commands()], ids=lambda path: " ".join(path) or "budgetopt")
def test_chinese_help_is_chinese_and_fits_the_terminal(path: tuple[str, ...]) -> None:
    text = help_of(path)
    assert text.startswith("用法：budgetopt") and "选项：" in text and "示例：" in text
    assert "Usage" not in text and "Options" not in text and "default:" not in text and "Show this" not in text
    long = [line for line in text.splitlines() if WIDE.search(line) and columns(line) > 80
            and not line.lstrip().startswith("budgetopt ")]  # an example's command is as written
    assert long == []
    assert [line for line in text.splitlines() if line.count("[") != line.count("]")] == []  # [默认：…] kept whole


@pytest.mark.parametrize("env", [{"BUDGETOPT_LANG": "en"}, None])
def test_english_help_on_request(env: dict[str, str] | None) -> None:
    result = CliRunner(env=env or {}).invoke(cli, ["allocate", "--help"] + ([] if env else ["--lang", "en"]),
                                             prog_name="budgetopt")
    assert result.output.startswith("Usage: budgetopt allocate [OPTIONS] WORKBOOK")
    assert "Options:" in result.output and "Example:" in result.output and "[default: highs]" in result.output
    assert not WIDE.search(result.output.replace("1.5亿", "").replace("渝经信规范〔2026〕2号", "")
                           .replace("就高、不重复", "").replace("12000万 or 1.2亿", ""))


def test_what_click_adds_to_an_option_is_said_in_chinese_too() -> None:
    text = help_of(("serve",))
    assert "监听的端口。  [默认：8765；1<=x<=65535]" in text
    assert re.search(r"^  (-h, )?--help +显示此帮助并退出。$", text, re.MULTILINE)  # click's own option too


def test_a_groups_list_of_commands_says_each_in_its_first_sentence() -> None:
    text = help_of(("ledger",))
    assert "命令：" in text and "  show         按记入的顺序列出台账中的记录及其合计\n" in text


@pytest.mark.parametrize(("text", "width", "lines"), [
    ("资助台账：记录每一笔已给予的资助", 10, ["资助台账：", "记录每一笔", "已给予的资", "助"]),
    ("写出 allocation.csv、allocation.xlsx 和 report.html", 24,
     ["写出 allocation.csv、", "allocation.xlsx 和", "report.html"]),
    ("监听的地址，默认", 10, ["监听的地", "址，默认"]),  # a comma never starts a line: its character goes down too
    ("设置）。", 6, ["设", "置）。"]),
    ("单位为分（例如 2）", 10, ["单位为分", "（例如 2）"]),  # an opening mark never ends a line
    ("", 10, []),
])
def test_chinese_is_wrapped_by_the_columns_it_takes(text: str, width: int, lines: list[str]) -> None:
    assert wrapped(text, width) == lines


def test_a_text_is_found_whatever_its_line_breaks() -> None:
    assert said("Port to\n  listen on.") == "监听的端口。"
    assert said("Not a help text.") == "Not a help text."


def test_the_readmes_table_of_commands_is_made_in_english_whatever_the_language() -> None:
    """scripts/command_table.py run from a shell (Chinese by default) would have put Chinese into the README."""
    root = Path(__file__).resolve().parents[1]
    made = subprocess.run([sys.executable, "scripts/command_table.py"], capture_output=True, text=True, cwd=root,
                          env={**os.environ, "BUDGETOPT_LANG": "zh"}, timeout=120, check=True)
    readme = (root / "README.md").read_text(encoding="utf-8")
    assert made.stdout and made.stdout in readme


def help_examples() -> dict[str, list[str]]:
    """Each command's examples as its `--help` shows them (a line ending in \\ continued), by command."""
    found: dict[str, list[str]] = {}
    with use_lang("en"):
        for path, command in commands():
            text = (command.help or "").partition("Example:")[2].replace("\\\n", " ")
            lines = [" ".join(line.split()) for line in text.splitlines() if line.strip().startswith("budgetopt")]
            if lines:
                found[" ".join(path) or "budgetopt"] = lines
    return found


ALLOCATED = "budgetopt allocate data/sample_applications.xlsx --scenario data/scenario_2026.toml"
# what an example needs done before it, as a user following the docs would have done it
SET_UP = {
    "audit": [ALLOCATED, "cp reports/sample_applications/allocation.csv edited.csv"],
    "verify": [ALLOCATED, "mkdir 收到的运行 收到的材料", "cp reports/sample_applications/* 收到的运行/",
               "cp data/sample_applications.xlsx data/scenario_2026.toml 收到的材料/",
               "budgetopt ledger init 台账.sqlite", f"{ALLOCATED} --ledger 台账.sqlite --out r2026 --quiet",
               "budgetopt publish r2026 --ledger 台账.sqlite", "mv 台账.sqlite 台账-备份.sqlite"],
    "ledger": ["budgetopt ledger init 台账.sqlite",
               "budgetopt ledger import 台账.sqlite data/awards_other_policy_2026.xlsx --policy 市级技术改造专项"],
    "ledger import": ["budgetopt ledger init 台账.sqlite"],
    "ledger show": ["budgetopt ledger init 台账.sqlite",
                    "budgetopt ledger import 台账.sqlite data/awards_other_policy_2026.xlsx --policy 市级技术改造专项"],
    "ledger check": ["budgetopt ledger init 台账.sqlite"],
    "publish": ["budgetopt ledger init 台账.sqlite"],
    "ledger summary": ["budgetopt ledger init 台账.sqlite",
                       "budgetopt allocate data/sample_applications.xlsx --scenario data/scenario_2026.toml "
                       "--ledger 台账.sqlite --out r2026 --quiet",
                       "budgetopt publish r2026 --ledger 台账.sqlite"],
}
SET_UP["ledger correct"] = SET_UP["ledger show"]  # an imported award to correct
SET_UP["ledger corrections"] = [*SET_UP["ledger summary"],  # the sample's 127 awards published, then two corrected
                                "budgetopt ledger correct 台账.sqlite 2 --to 0 --basis 公示异议成立",
                                "budgetopt ledger correct 台账.sqlite 5 --to 100万 --basis 验收核减"]
NOT_RUN = {"serve": "it serves until stopped", "stability": "a thousand draws: a minute"}


def test_every_help_example_runs_with_the_shipped_data(tmp_path: Path) -> None:
    """The examples pointed at folders and files nobody had (reports/ai_priority, 2025年技改专项拨付清单.xlsx, a credit
    code the data does not hold): each command's examples now run, in a folder holding the shipped data/, after
    what the docs have a user do first — the ledger's `ledger init` of its own example made by SET_UP instead."""
    root = Path(__file__).resolve().parents[1]
    examples = help_examples()
    assert NOT_RUN.keys() <= examples.keys() and SET_UP.keys() <= examples.keys()
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ['PATH']}"}
    for command, lines in examples.items():
        if command in NOT_RUN:
            continue
        folder = tmp_path / command.replace(" ", "_")
        shutil.copytree(root / "data", folder / "data")
        for line in SET_UP.get(command, []) + [line for line in lines if line != "budgetopt ledger init 台账.sqlite"
                                               or command not in SET_UP]:
            done = subprocess.run(["bash", "-c", line], cwd=folder, env=env, capture_output=True, text=True,
                                  timeout=300)
            assert done.returncode == 0, f"{command}: {line}\n{done.stderr}"
