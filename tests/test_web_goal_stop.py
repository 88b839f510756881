"""停止证明: a goal search's proof stopped by the officer. While it works the page offers the button (a POST with the
page's CSRF token); the worker's progress finds the request between two solves, and the search ends as at its limit —
its files whole — the page saying the proof was stopped on request, with the stretch it settled. A search ended, or
one without a proof, is refused with a sentence, nothing changed.

The stopped search is made here in the test's process (goal_tasks.goal_run, the sample scoring 85 or more in full to
100万, about 3 seconds): the officer's request is made when the proof has made 20 solves."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from test_web_goal_proof import ASKED, goal_searched, queued_goal, said, stop_path
from webapp import CSRF, TestClient, sample_run, wait_page

from optimizer.web.goal_tasks import GoalProgress
from optimizer.web.registry import Registry

AFTER = 20  # the proof's solves when the officer asks it to stop


@pytest.fixture(scope="module")
def done(client: TestClient) -> str:
    return sample_run(client)


class PressedAt(GoalProgress):
    """The worker's progress, as the officer presses 停止证明 once the proof has made AFTER solves: the stop file
    made, then read as the worker reads it."""

    def __call__(self, solves: int, proof: int) -> None:
        if proof >= AFTER and self.stop is not None:
            self.stop.touch()
        super().__call__(solves, proof)


@pytest.fixture(scope="module")
def stopped(data: Path, done: str) -> Iterator[str]:
    yield goal_searched(data, done, ASKED, GoalProgress=PressedAt)


def test_a_proof_stopped_on_request_says_so_with_the_stretch_it_settled(client: TestClient, data: Path,
                                                                       stopped: str) -> None:
    """An officer's wish: a proof at 1万 may take tens of minutes, and could not be stopped keeping what it proved.
    Stopped after 20 of its solves, the answer is that of a proof limited to 20 (tests/test_web_goal_proof.py): found
    18,500万, every budget from 16,500万 to 18,400万 proven not enough — said as stopped on request, not at a limit."""
    record = Registry(data).get(stopped)
    assert record is not None
    goal = record.outcome["goal"]
    assert (goal["budget"], goal["settled"], goal["proven"], goal["stopped"], goal["proof_solves"]) == (
        185_000_000, 165_000_000, False, True, AFTER)
    page = client.get(f"/goals/{stopped}?lang=zh").text
    assert said(page, "goal-not-monotone") == (
        "证明已按您的要求提前停止：按 100万元 一档，16,500万元 至 18,400万元 之间的预算都已证明不够；"
        "16,500万元 以下未全部核查，可能也能资助。")
    assert said(page, "goal-headline").startswith("测算找到的最低预算（未能证明为最低；")
    assert "证明用满" not in page and 'id="goal-stop-form"' not in page
    english = client.get(f"/goals/{stopped}?lang=en").text
    assert said(english, "goal-not-monotone") == (
        "The proof was stopped at your request: in steps of 100万, every budget from 16,500万 to 18,400万 is proven "
        "not enough; those below 16,500万 were not all settled and may fund them too.")
    written = {path.name for path in Registry(data).run_folder(record).iterdir() if path.name != ".budgetopt.lock"}
    assert written == {"goal.csv", "goal.xlsx"}  # whole: no file half-written


def test_the_working_page_offers_the_stop_and_the_request_is_said(client: TestClient, data: Path,
                                                                  done: str) -> None:
    registry = Registry(data)
    source = registry.get(done)
    assert source is not None
    proving = queued_goal(registry, source, {**ASKED, "precision": "1万"})
    registry.started(proving.id)
    page = client.get(f"/goals/{proving.id}?lang=zh").text
    form = said(page, "goal-stop-form")
    assert "停止证明" in form and f'<input type="hidden" name="csrf_token" value="{CSRF}">' in page
    assert said(page, "goal-stop-hint") == ("停止后，已做的求解不会白费：所得预算标明未能证明为最低，并写明已证明不够的"
                                            "预算区间。")
    assert client.post(f"/goals/{proving.id}/stop").status_code == 403  # no token: nothing asked
    assert not stop_path(registry, proving).exists()
    answer = client.post(f"/goals/{proving.id}/stop?lang=zh", data={"csrf_token": CSRF})
    assert (answer.status_code, answer.headers["location"]) == (303, f"/goals/{proving.id}")
    assert stop_path(registry, proving).exists()
    page = client.get(f"/goals/{proving.id}?lang=zh").text
    assert said(page, "goal-stop-asked") == "已请求停止证明：当前这次求解结束后即停止，随后显示结果。"
    assert 'id="goal-stop-form"' not in page
    english = client.get(f"/goals/{proving.id}?lang=en").text
    assert said(english, "goal-stop-asked") == ("The proof is asked to stop: it stops after the solve under way, and "
                                                "the result follows.")
    plain = queued_goal(registry, source, {**ASKED, "prove": False})
    registry.started(plain.id)
    assert 'id="goal-stop-form"' not in client.get(f"/goals/{plain.id}").text  # no proof: nothing to stop


def test_a_search_ended_or_without_a_proof_is_not_stopped(client: TestClient, data: Path, done: str,
                                                          stopped: str) -> None:
    registry = Registry(data)
    record = registry.get(stopped)
    assert record is not None
    before = dict(record.outcome)
    stop_path(registry, record).unlink()
    answer = client.post(f"/goals/{stopped}/stop?lang=zh", data={"csrf_token": CSRF})
    assert answer.status_code == 409
    assert f"目标预算测算 {stopped} 已结束，没有可停止的证明；其结果未作任何改动。" in answer.text
    english = client.post(f"/goals/{stopped}/stop?lang=en", data={"csrf_token": CSRF})
    assert f"Goal search {stopped} has ended: there is no proof to stop, and its result is as it was." in english.text
    # the way back to the search (an officer's review: a stale tab's refusal linked only to 运行记录)
    assert f'<a href="/goals/{stopped}" id="goal-back">查看该测算</a>' in answer.text
    assert f'<a href="/goals/{stopped}" id="goal-back">See the goal search</a>' in english.text
    # its language link goes to the search's page, not to this POST-only address (an officer's review: 405)
    assert f'id="lang-switch" href="/goals/{stopped}?lang=en"' in answer.text
    assert f'id="lang-switch" href="/goals/{stopped}?lang=zh"' in english.text
    assert client.get(f"/goals/{stopped}?lang=en").status_code == 200
    again = registry.get(stopped)
    assert again is not None and again.outcome == before and not stop_path(registry, record).exists()
    source = registry.get(done)
    assert source is not None
    plain = queued_goal(registry, source, {**ASKED, "prove": False})
    registry.started(plain.id)
    refused = client.post(f"/goals/{plain.id}/stop?lang=zh", data={"csrf_token": CSRF})
    assert refused.status_code == 409 and f"目标预算测算 {plain.id} 没有要求证明，没有可停止的证明。" in refused.text
    assert f'<a href="/goals/{plain.id}" id="goal-back">' in refused.text
    assert client.post("/goals/20990101-000000-abcdef/stop", data={"csrf_token": CSRF}).status_code == 404
    assert client.post(f"/goals/{done}/stop", data={"csrf_token": CSRF}).status_code == 404  # a run, not a goal


def test_the_app_s_worker_stops_the_proof_asked_to_stop(client: TestClient, data: Path, done: str) -> None:
    """Through the app: a search with a proof to 1万 (minutes of work) asked to stop as soon as it is queued ends
    within seconds — its bisection and probing done, its proof stopped before its next solve — and says so."""
    answer = client.post("/goals?lang=zh", data={"csrf_token": CSRF, "run": done, "min_score": "85", "fund": "full",
                                                 "precision": "1万", "prove": "1"})
    assert answer.status_code == 303, answer.text
    goal_id = answer.headers["location"].removeprefix("/goals/")
    assert client.post(f"/goals/{goal_id}/stop", data={"csrf_token": CSRF}).status_code == 303
    page = wait_page(client, f"/goals/{goal_id}?lang=zh")
    assert 'data-status="done"' in page
    record = Registry(data).get(goal_id)
    assert record is not None and record.outcome["goal"]["stopped"] is True
    assert said(page, "goal-not-monotone").startswith("证明已按您的要求提前停止")
    assert said(page, "goal-headline").startswith("测算找到的最低预算（未能证明为最低；")
