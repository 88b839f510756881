"""The award ledger a goal search counts: as its source run counted it, as a two-year plan counts the first year's —
not as it stands when the search starts. An officer's review: a search on a run published since counted the ledger
holding that run's own awards, and headlined a second round's budget (27,079万元, 63/89) for the question that gave
18,433万元."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from test_web_goal_proof import said
from webapp import BEARER, SAMPLE, SCENARIO, app_client, goal_asked, sample_run, sign_in

import optimizer
from optimizer.ledger import read_ledger
from optimizer.web.goal_tasks import GoalJob, goal_ledger
from optimizer.web.ledgers import LedgerFacts
from optimizer.web.registry import Registry
from optimizer.web.runner import goal_ledger as asked_ledger
from optimizer.web.tasks import RunJob

FORM = {"min_score": "85", "fund": "full", "precision": "100万"}


def test_a_goal_of_a_run_published_since_is_the_goal_before_publishing(tmp_path: Path) -> None:
    ledger = optimizer.init_ledger(tmp_path / "台账.sqlite").path
    data = tmp_path / "data"
    with app_client(data, ledger=ledger) as client:
        sign_in(client)
        run = sample_run(client)
        before = goal_asked(client, run, FORM)
        assert client.post(f"/api/runs/{run}/publish", headers=BEARER).status_code == 200
        assert len(read_ledger(ledger).entries) == 127  # the ledger now holds the run's own awards
        after = goal_asked(client, run, FORM)
        page = client.get(f"/goals/{after}?lang=zh").text
        english = client.get(f"/goals/{after}?lang=en").text
    registry = Registry(data)
    first, second = registry.get(before), registry.get(after)
    assert first is not None and second is not None
    assert second.budget == first.budget == 185_000_000
    assert second.outcome["goal"] == first.outcome["goal"]
    assert second.params["ledger"]["entries"] == 0  # as the run counted it: empty
    assert said(page, "goal-headline") == "所需最低预算（全年预算，含预留 500万元）：18,500万元（1.85亿元）"
    assert "资助台账已记本政策2026年度此前各批资助" not in page and "再次分配" not in page
    assert re.search(r'<dt>资助台账（来源运行计入的）</dt><dd id="run-ledger" title="[^"]+">'
                     r"台账.sqlite（尚无记录）</dd>", page)
    assert re.search(r'<dt>Award ledger \(as the source run counted it\)</dt><dd id="run-ledger" title="[^"]+">'
                     r"台账.sqlite \(no entries yet\)</dd>", english)


def test_a_ledger_changed_since_the_run_fails_the_goal_with_a_sentence(tmp_path: Path) -> None:
    """Not the ledger the run counted (its first entries end in another hash): the search fails, naming it, rather
    than count what the run did not."""
    ledger = optimizer.init_ledger(tmp_path / "台账.sqlite").path
    facts = LedgerFacts(str(ledger), ledger.name, 0, "f" * 64, True)
    run = RunJob(SAMPLE, SAMPLE.name, SCENARIO, "2026 base case", None, "highs", "zh", False, tmp_path / "out")
    job = GoalJob(run, "85", "", "", True, "100万", "20261207-070658-312dde", as_run=True, counted=facts)
    outcome = goal_ledger(job)
    assert not isinstance(outcome, tuple) and outcome.status == "failed" and outcome.ledger == facts
    assert outcome.error is not None and outcome.error[0] == (
        "台账.sqlite：不是运行 20261207-070658-312dde 计入时的资助台账：其前0条记录与该次运行记录的末条哈希不符。"
        "请以该运行为基础重新运行（会计入现在的台账），再测算")
    counted, said_of = goal_ledger(GoalJob(run, "85", "", "", True, "100万", as_run=True))  # type: ignore[misc]
    assert counted.ref is None and said_of is None  # the run counted none: nor does the search


@pytest.mark.parametrize(("params", "expected"), [
    ({"from": "r"}, (False, None)),  # asked before a search counted the run's: the ledger as it stands
    ({"from": "r", "ledger": None}, (True, None)),
    ({"from": "r", "ledger": {"path": "/d/l.sqlite", "name": "l.sqlite", "entries": 3, "head": "ab", "default": True}},
     (True, LedgerFacts("/d/l.sqlite", "l.sqlite", 3, "ab", True))),
])
def test_the_ledger_a_goal_asks_for(params: dict[str, object], expected: tuple[bool, LedgerFacts | None]) -> None:
    assert asked_ledger(params) == expected
