"""One language per run, Chinese by default: every phrase has its Chinese and its English, with the same
parameters, and the run's language decides which is said."""

from __future__ import annotations

import errno
import os
import string
from collections import Counter

import pytest

from optimizer.domain import Problem
from optimizer.words import Phrase, default_lang, os_reason, use_lang
from optimizer.words.catalog import CATALOG, CATALOGUES


def fields(template: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def test_no_code_is_defined_twice() -> None:
    counts = Counter(code for catalogue in CATALOGUES.values() for code in catalogue)
    assert [code for code, n in counts.items() if n > 1] == []


@pytest.mark.parametrize("code", sorted(CATALOG))
def test_both_languages_take_the_same_parameters(code: str) -> None:
    zh, en = CATALOG[code]
    assert zh.strip() and en.strip()
    assert fields(zh) == fields(en), code


def test_a_face_variant_has_its_plain_phrase() -> None:
    assert [c for c in CATALOG if "@" in c and c.split("@")[0] not in CATALOG] == []


def test_chinese_unless_the_run_or_the_environment_says_otherwise(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("BUDGETOPT_LANG", raising=False)
    with use_lang(None):  # as a run that chose no language (the tests choose English)
        assert default_lang() == "zh"
        monkeypatch.setenv("BUDGETOPT_LANG", "EN ")
        assert default_lang() == "en"
        monkeypatch.setenv("BUDGETOPT_LANG", "fr")
        assert default_lang() == "zh"
        with use_lang("en"):
            assert default_lang() == "en"


def test_a_problem_is_said_in_the_runs_language() -> None:
    problem = Problem.of("s.toml", "scenario.no_budget", row=3)
    assert problem.text("en") == "s.toml, row 3: no budget: give a budget or set budget in the scenario"
    assert problem.text("zh") == "s.toml，第3行：没有年度预算：请给出预算，或在情景文件中设置 budget"
    assert problem.text("en", face="cli").endswith("give --budget or set budget in the scenario file")
    with use_lang("zh"):
        assert str(problem) == problem.text("zh")


def test_a_parameter_may_differ_by_language() -> None:
    phrase = Phrase.of("hint.other_solver", value=("甲", "A"))
    assert phrase.text("zh") == "（可试 solver=\"甲\"）" and phrase.text("en") == " (try solver=\"A\")"


@pytest.mark.parametrize(("error", "said"), [
    (errno.ENOENT, "文件不存在"), (errno.EACCES, "没有权限"), (errno.ENOSPC, "磁盘空间不足"),
    (errno.EROFS, "磁盘只读，不能写入"), (errno.ENOTDIR, "路径中有一项不是文件夹")])
def test_the_operating_systems_reasons_are_said_in_chinese(error: int, said: str) -> None:
    """`无法写入此文件夹（No space left on device）`: the operating system's English inside a Chinese sentence."""
    assert os_reason(OSError(error, os.strerror(error))) == (said, os.strerror(error))
    assert os_reason(OSError(errno.EXDEV, "Invalid cross-device link")) == ("Invalid cross-device link",) * 2
