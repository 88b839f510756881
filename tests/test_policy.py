"""The policy model: complete, citing the Chinese text, and refusing models that do not make sense."""

from __future__ import annotations

import contextlib
import copy
import json
import re
import tomllib
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from helpers import ROOT, places, put
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from optimizer.errors import InputError
from optimizer.money import MAX_AMOUNT
from optimizer.reading.applications import read_workbook
from optimizer.rules.policy import Kind, Policy, PolicyError, default_policy_path, load_policy, policy_text

IDS = ["1", "2", "3", "4", "5", "6", "7a", "7b", "8a", "8b", "9", "10", "11a", "11b", "12", "13", "14a", "14b",
       "15", "16", "17", "18", "19", "20"]


def test_the_model_has_all_24_clauses_in_the_documents_order(policy: Policy) -> None:
    assert list(policy.clauses) == IDS


def test_the_document_is_identified(policy: Policy) -> None:
    assert policy.number == "渝经信规范〔2026〕2号"
    assert policy.issuers_zh == ("重庆市经济和信息化委员会", "重庆市财政局")
    assert (policy.issued_on, policy.valid_from, policy.valid_until) == (
        date(2026, 2, 2), date(2026, 2, 2), date(2027, 12, 31))


def test_every_clause_cites_a_sentence_of_the_chinese_text(policy: Policy) -> None:
    text = policy_text(policy)
    assert text is not None
    for clause in policy.clauses.values():
        assert clause.source in text, clause.id


def test_each_cited_amount_is_the_clauses_maximum_and_rate(policy: Policy) -> None:
    """The numbers in the model are the numbers in the sentence it cites."""
    for clause in policy.clauses.values():
        if clause.maximum is None:
            continue
        maximum = re.findall(r"(\d+)万元", clause.source)[-1]
        assert clause.maximum == int(maximum) * 10_000, clause.id
        if clause.rate is not None:
            assert f"{int(clause.rate * 100)}%" in clause.source, clause.id


def test_kinds_follow_the_wording(policy: Policy) -> None:
    for clause in policy.clauses.values():
        if clause.kind is Kind.MATCHING:
            assert "不超过" in clause.source and "最高" in clause.source
        elif clause.kind is Kind.CAPPED:
            assert "最高" in clause.source and "不超过" not in clause.source
        elif clause.kind is Kind.FIXED:
            assert "最高" not in clause.source


def test_the_shipped_model_travels_inside_the_package() -> None:
    assert default_policy_path().parent.name == "models"
    assert default_policy_path().exists()


def test_clause_20_is_a_share_of_the_event_cost(policy: Policy) -> None:
    clause = policy.clause("20")
    assert (clause.kind, clause.rate, clause.base, clause.maximum) == (
        Kind.MATCHING, Decimal("0.3"), "event_cost", 5_000_000)


MINIMAL = """
[document]
id = "t"
number = "测试〔2026〕1号"
title_zh = "测试"
title_en = "test"
issued_on = 2026-01-01
valid_from = 2026-01-01
valid_until = 2026-12-31

[[sections]]
id = "一"
title_zh = "一"
title_en = "one"

"""


def write_model(tmp_path: Path, clauses: str) -> Path:
    path = tmp_path / "model.toml"
    path.write_text(MINIMAL + clauses, encoding="utf-8")
    return path


def clause_toml(cid: str = "1", **fields: str) -> str:
    values = {"section": '"一"', "title_zh": '"甲"', "title_en": '"a"', "kind": '"fixed"', "maximum": '"50万"',
              "source": '"给予50万元奖励。"', **fields}
    body = "\n".join(f"{k} = {v}" for k, v in values.items() if v is not None)
    return f'[[clauses]]\nid = "{cid}"\n{body}\n\n'


def test_a_minimal_model_loads(tmp_path: Path) -> None:
    policy = load_policy(write_model(tmp_path, clause_toml()))
    assert policy.clause("1").maximum == 500_000


@pytest.mark.parametrize(("clauses", "message"), [
    (clause_toml(kind='"bonus"'), "clause 1: unknown kind 'bonus' (one of fixed, capped, matching, procurement)"),
    (clause_toml(kind='"matching"'), 'clause 1: a matching clause needs a rate (e.g. rate = "10%")'),
    (clause_toml() + clause_toml(), "clause 1 is defined twice"),
    (clause_toml(kind='"matching"', rate='"150%"'), "clause 1: rate must be above 0% and at most 100%"),
    (clause_toml(maximum=None), "clause 1: a fixed clause needs a maximum"),
    (clause_toml(kind='"procurement"'), "clause 1: a procurement clause pays no grant and has no maximum"),
    (clause_toml(section='"九"'), "clause 1: section '九' is not one of the document's sections"),
    (clause_toml(rate='"10%"'), "clause 1: only a matching clause has a rate"),
    (clause_toml(industries='["mining"]'), "clause 1: unknown industry 'mining'"),
    (clause_toml(maximum='"lots"'), "clause 1: maximum 'lots' is not an amount"),
    (clause_toml(colour='"red"'), "clause 1: unknown key 'colour'"),
    # found by editing the shipped model at random: each of these was an "unexpected error" (TypeError), exit 1
    (clause_toml(maximum="[1]"), "clause 1: maximum [1] is not an amount"),
    (clause_toml(maximum='{a = 1}'), "clause 1: maximum {'a': 1} is not an amount"),
    (clause_toml(maximum='"1e400万"'), "clause 1: maximum 1e400万 is too large to be an amount (at most "
                                      "1,000,000,000,000,000 yuan)"),
    (clause_toml(kind='"matching"', rate='"10%"', base="[1]"),
     "clause 1: unknown base [1] (one of investment, event_cost)"),
    (clause_toml(precondition_zh="5", precondition_en='"x"'), "clause 1: precondition_zh must be text"),
])
def test_a_malformed_model_is_refused_naming_the_clause(tmp_path: Path, clauses: str, message: str) -> None:
    path = write_model(tmp_path, clauses)
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    assert str(caught.value).startswith(f"{path}: {message}")


def test_an_unreadable_model_is_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(PolicyError, match="cannot read the policy model"):
        load_policy(tmp_path / "missing.toml")
    bad = tmp_path / "bad.toml"
    bad.write_text("[document\n", encoding="utf-8")
    with pytest.raises(PolicyError, match="not a valid TOML file"):
        load_policy(bad)


@pytest.mark.parametrize(("clauses", "message"), [
    (clause_toml(kind='"bonus"'), "条款 1：未知的 kind 'bonus'（应为 fixed, capped, matching, procurement 之一）"),
    (clause_toml(kind='"matching"'), '条款 1：比例补助类条款须设 rate（例如 rate = "10%"）'),
    (clause_toml() + clause_toml(), "条款 1 定义了两次"),
    (clause_toml(maximum=None), "条款 1：定额类条款须设 maximum"),
    (clause_toml(industries='["mining"]'), "条款 1：未知的行业代码 'mining'"),
    (clause_toml(maximum='"lots"'), "条款 1：maximum “lots”不是金额（可写作 120000000、120,000,000、12000万、1.2亿，"
                                    "或 3000元）"),
    (clause_toml(kind='"matching"', rate='"ten"'), "条款 1：rate “ten”不是数字"),
    (clause_toml(cid=""), "第1个条款（无 id）：每个条款都须有 id"),
    (clause_toml(section='"九"'), "条款 1：section '九' 不是文件中的章节"),
])
def test_a_malformed_model_is_refused_in_chinese(tmp_path: Path, clauses: str, message: str) -> None:
    path = write_model(tmp_path, clauses)
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    assert caught.value.text("zh") == f"{path}：{message}"


def test_a_model_without_its_tables_in_both_languages(tmp_path: Path) -> None:
    path = tmp_path / "model.toml"
    path.write_text('[[sections]]\nid = "一"\ntitle_zh = "一"\ntitle_en = "one"\n', encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    assert (caught.value.text("en"), caught.value.text("zh")) == (
        f"{path}: the policy model needs a [document] table", f"{path}：政策模型须有 [document] 表")
    path.write_text(MINIMAL.replace("valid_until = 2026-12-31", "valid_until = 2025-12-31") + clause_toml(),
                    encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    assert (caught.value.text("en"), caught.value.text("zh")) == (
        f"{path}: document: valid_until 2025-12-31 is before valid_from",
        f"{path}：document 表：valid_until 2025-12-31 早于 valid_from")


@pytest.mark.parametrize("issuers", ["true", "5", '["甲", 2]'])
def test_issuers_must_be_a_list_of_texts(tmp_path: Path, issuers: str) -> None:
    path = tmp_path / "model.toml"
    path.write_text(MINIMAL.replace("[document]\n", f"[document]\nissuers_zh = {issuers}\n", 1) + clause_toml(),
                    encoding="utf-8")
    assert "issuers_zh = " in path.read_text(encoding="utf-8")
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    assert (caught.value.text("en"), caught.value.text("zh")) == (
        f"{path}: document: issuers_zh must be a list of texts", f"{path}：document 表：issuers_zh 须为文本列表")


def test_an_unreadable_model_in_chinese(tmp_path: Path) -> None:
    with pytest.raises(PolicyError) as caught:
        load_policy(tmp_path / "missing.toml")
    assert caught.value.text("zh") == f"{tmp_path / 'missing.toml'}：无法读取政策模型（文件不存在）"
    assert caught.value.text("en") == f"{tmp_path / 'missing.toml'}: cannot read the policy model (No such file or " \
                                      "directory)"


def test_an_unquoted_maximum_is_told_how_to_write_it(tmp_path: Path) -> None:
    path = write_model(tmp_path, clause_toml(maximum="50万"))
    with pytest.raises(PolicyError) as caught:
        load_policy(path)
    line = MINIMAL.count("\n") + 7  # [[clauses]], id, section, titles, kind, then maximum
    assert caught.value.text("en").endswith(f"; line {line} reads maximum = 50万: an amount with a unit or thousands "
                                            'separators must be in quotes: maximum = "50万"')
    assert caught.value.text("zh").startswith(f"{path}：不是有效的 TOML 文件（第{line}行第13列：")


def test_the_clause_ids_in_both_languages(policy: Policy) -> None:
    assert policy.ids_words() == ("1…20、7a/7b、8a/8b、11a/11b、14a/14b", "1…20, 7a/7b, 8a/8b, 11a/11b, 14a/14b")


# ---------------------------------------------------------------- any edit of the shipped model: a sentence or a model


def toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, (int, float)):
        return {"nan": "nan", "inf": "inf", "-inf": "-inf"}.get(repr(value), repr(value))
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, list):
        return "[" + ", ".join(map(toml_value, value)) + "]"
    assert isinstance(value, dict)
    return "{" + ", ".join(f"{json.dumps(k)} = {toml_value(v)}" for k, v in value.items()) + "}"


def toml_text(model: dict[str, Any]) -> str:
    """The model as TOML: its tables and arrays of tables, each key a line; any other value inline, first."""
    tables = {k: v for k, v in model.items() if isinstance(v, dict) or (
        isinstance(v, list) and v and all(isinstance(t, dict) for t in v))}
    lines = [f"{k} = {toml_value(v)}" for k, v in model.items() if k not in tables]
    for name, part in tables.items():
        for table in part if isinstance(part, list) else [part]:
            lines.append(f"[[{name}]]" if isinstance(part, list) else f"[{name}]")
            lines += [f"{json.dumps(k, ensure_ascii=False)} = {toml_value(v)}" for k, v in table.items()]
    return "\n".join(lines) + "\n"


SHIPPED = tomllib.loads(default_policy_path().read_text(encoding="utf-8"))
ODD = [float("nan"), float("inf"), -1, 0, "", "x", [], {}, True, 10**30, "1e400万", "-5万", "200%", [1], {"a": 1},
       date(1900, 1, 1), "7a", 1.5, ...]


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(place=st.sampled_from([p for p in places(SHIPPED) if len(p) > 1]), value=st.sampled_from(ODD))
def test_an_edited_model_is_a_sentence_or_a_model(tmp_path: Path, place: tuple[Any, ...], value: object) -> None:
    """A bureau may edit the model (a policy of its own, next year's): any value at any key is refused with a
    sentence or read, and a model read reads a workbook — never an unexpected error. Editing the shipped model
    at random found eight: a list or a table as a maximum or a base, a number as the issuers (TypeError), a maximum
    of 1e400万."""
    model = copy.deepcopy(SHIPPED)
    put(model, place, value)
    path = tmp_path / "model.toml"
    path.write_text(toml_text(model), encoding="utf-8")
    try:
        policy = load_policy(path)
    except PolicyError as exc:
        assert str(exc)
        return
    assert all(c.maximum is None or 0 < c.maximum <= MAX_AMOUNT for c in policy.clauses.values())
    with contextlib.suppress(InputError):
        read_workbook(ROOT / "data" / "sample_applications.xlsx", policy, skip_invalid=True)
