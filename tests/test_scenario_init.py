"""The starting scenario (`budgetopt scenario init FILE`): every key, explained in the officer's language, and a file
that allocate accepts as it is."""

from __future__ import annotations

import re
import tomllib
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from optimizer.rules.policy import Policy
from optimizer.rules.scenario import ENVELOPE_KEYS, KNOWN_KEYS, Envelope, Scenario, load_scenario
from optimizer.rules.scenario_template import scenario_template

CJK = re.compile(r"[\u4e00-\u9fff]")


def written(tmp_path: Path, lang: str) -> Path:
    path = tmp_path / f"scenario.{lang}.toml"
    path.write_text(scenario_template(lang), encoding="utf-8")
    return path


def test_the_template_loads_as_it_is(tmp_path: Path, policy: Policy) -> None:
    s = load_scenario(written(tmp_path, "zh"), policy=policy)
    assert s == Scenario(
        name="2026年度方案", year=2026, budget=200_000_000, reserve=5_000_000, fixed_awards="whole",
        min_funding_ratio=Decimal("0.3"), rounding=100, weights={"4": Decimal("1.3")},
        envelopes=(Envelope("人工智能赋能", ("3", "4", "5", "6"), max=40_000_000, min=15_000_000),),
        district_max_share=Decimal("0.3"), applicant_max_total=6_000_000)


def test_the_english_template_is_the_same_scenario(tmp_path: Path, policy: Policy) -> None:
    zh = load_scenario(written(tmp_path, "zh"), policy=policy)
    en = load_scenario(written(tmp_path, "en"), policy=policy)
    assert en.name == "2026 base case"
    assert replace(en, name=zh.name) == zh


def comments(text: str) -> dict[str, str]:
    """Each key (or table) of the template, active or written commented out, and the comment that explains it."""
    found = {}
    for line in text.splitlines():
        key = re.match(r'(?:# )?(?:\[+(\w+)\]+|"?(\w+)"?\s*=)', line)
        if key and "  #" in line:
            found[key.group(1) or key.group(2)] = line.split("  #", 1)[1].strip(" #")
    return found


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_key_is_there_and_explained(lang: str) -> None:
    explained = comments(scenario_template(lang))
    assert set(KNOWN_KEYS) | set(ENVELOPE_KEYS) <= set(explained)
    assert all(explained.values())


def test_the_chinese_template_explains_in_chinese() -> None:
    text = scenario_template()
    assert all(CJK.search(comment) for comment in comments(text).values())
    header = [line for line in text.splitlines() if line.startswith("# ") and "=" not in line]
    assert all(CJK.search(line) for line in header)
    assert '"3000万"' in text and '"3000元"' in text and "10000" in text  # how to write an amount
    assert 'budget = "2亿"' in text


def test_the_english_template_explains_in_english() -> None:
    assert all(re.search(r"[a-z]{3}", comment) for comment in comments(scenario_template("en")).values())


def test_the_comments_line_up(tmp_path: Path) -> None:
    """Keys' comments start in one column, a Chinese character counting two (as an editor shows them)."""
    import unicodedata

    def width(text: str) -> int:
        return sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in text)

    starts = {width(line[:line.index(" #") + 1]) for line in scenario_template().splitlines()
              if " #" in line and not line.startswith("#")}
    assert len(starts) == 1


def test_the_template_is_valid_toml_in_both_languages() -> None:
    for lang in ("zh", "en"):
        assert tomllib.loads(scenario_template(lang))["budget"] == "2亿"
