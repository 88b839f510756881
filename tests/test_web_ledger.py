"""The award ledger in the browser app (`budgetopt serve --ledger`): every run counts it as `budgetopt allocate
--ledger` does — the same allocation.csv, byte for byte — the data folder's own ledger.sqlite when none is named,
read when each run starts; the pages say which ledger is counted; a ledger whose chain does not hold fails the run
with the library's sentence, never a traceback."""

from __future__ import annotations

import html
import json
import re
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import ROOT, tamper
from webapp import BEARER, CSRF, TestClient, app_client, cli_allocate, sign_in, submit, wait, wait_page

from optimizer.cli import cli
from optimizer.jobs.ledger import import_awards
from optimizer.ledger import LedgerTampered, check_ledger, init_ledger, read_ledger
from optimizer.words import use_lang

BOOK = ROOT / "data" / "sample_applications_2027.xlsx"
SCENARIO = ROOT / "data" / "scenario_2027.toml"
AWARDS = ROOT / "data" / "awards_other_policy_2026.xlsx"
OTHER_POLICY = "市级技改专项"


def make_ledger(path: Path) -> Path:
    """A ledger holding the two awards of another policy that the 2027 sample's applications received before."""
    init_ledger(path)
    import_awards(path, AWARDS, OTHER_POLICY)
    return path


def page(client: TestClient, path: str) -> str:
    """A page's text as the reader sees it (entities such as &#39; read as the characters)."""
    answer = client.get(path)
    assert answer.status_code == 200, answer.text
    return html.unescape(answer.text)


def run_file(client: TestClient, run_id: str, name: str) -> bytes:
    answer = client.get(f"/api/runs/{run_id}/files/{name}", headers=BEARER)
    assert answer.status_code == 200, answer.text
    return answer.content


@pytest.fixture(scope="module")
def ledger(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_ledger(tmp_path_factory.mktemp("ledger") / "资助台账.sqlite")


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, ledger: Path) -> Iterator[TestClient]:
    with app_client(tmp_path_factory.mktemp("data"), ledger=ledger) as client:
        yield sign_in(client)


@pytest.fixture(scope="module")
def counted(client: TestClient) -> str:
    """A run of the 2027 sample that counted the ledger named with --ledger."""
    run = submit(client, BOOK, SCENARIO).json()["id"]
    assert wait(client, run)["status"] == "done"
    return str(run)


def test_a_run_with_the_ledger_is_the_command_lines_allocation(client: TestClient, counted: str, ledger: Path,
                                                              tmp_path: Path) -> None:
    ours = run_file(client, counted, "allocation.csv")
    cli = cli_allocate(tmp_path / "cli", BOOK, "--scenario", str(SCENARIO), "--ledger", str(ledger))
    assert ours == (cli / "allocation.csv").read_bytes()
    without = cli_allocate(tmp_path / "without", BOOK, "--scenario", str(SCENARIO))
    assert ours != (without / "allocation.csv").read_bytes()  # the ledger changed something: the test means it
    text = ours.decode("utf-8-sig")
    assert text.count(f"扣除台账记录的已获资助1,000,000元（{OTHER_POLICY}2026年度资助1,000,000元）") == 1
    recorded = json.loads(run_file(client, counted, "manifest.json"))["inputs"]["ledger"]
    state = read_ledger(ledger)
    assert (recorded["entries"], recorded["sha256"]) == (2, state.head)


def test_the_run_page_says_which_ledger_it_counted(client: TestClient, counted: str, ledger: Path) -> None:
    head = read_ledger(ledger).head
    english = page(client, f"/runs/{counted}?lang=en")
    assert f'<dd id="run-ledger" title="{ledger}">资助台账.sqlite (2 entries, last entry\'s hash {head[:12]}…)' in (
        english)
    chinese = page(client, f"/runs/{counted}?lang=zh")
    assert f"资助台账.sqlite（2条记录，末条哈希 {head[:12]}…）" in chinese
    # what the ledger did to this run, as the command line says it (the page named the ledger only)
    said = CliRunner().invoke(cli, ["allocate", str(BOOK), "--scenario", str(SCENARIO), "--ledger", str(ledger),
                                    "--out", str(ledger.parent / "cli-reduced"), "--quiet"])
    reduced = re.search(r"：(\d+)项申报因台账记录的同一内容资助被扣减或不予资助", said.stdout)
    assert reduced is not None and int(reduced.group(1)) > 0, said.output
    assert (f'<span id="run-ledger-reduced">{reduced.group(1)}项申报因台账记录的同一内容资助被扣减或不予资助'
            '（就高、不重复）</span>') in chinese


def test_the_new_run_page_says_which_ledger_the_next_run_counts(client: TestClient, ledger: Path) -> None:
    head = read_ledger(ledger).head
    assert (f"counting the award ledger {ledger} (named with --ledger at the start; 2 entries, last entry's hash "
            f"{head[:12]}…)") in page(client, "/new?lang=en")
    assert f"计入资助台账 {ledger}（启动时以 --ledger 指定；2条记录，末条哈希 {head[:12]}…）" in page(
        client, "/new?lang=zh")


def test_a_sweep_counts_the_ledger_as_the_command_line_does(client: TestClient, counted: str, ledger: Path,
                                                            tmp_path: Path) -> None:
    form = {"csrf_token": CSRF, "run": counted, "start": "8000万", "stop": "1.2亿", "steps": "2"}
    answer = client.post("/sweeps?lang=zh", data=form)
    assert answer.status_code == 303, answer.text
    path = answer.headers["location"]
    assert "资助台账.sqlite（2条记录" in wait_page(client, f"{path}?lang=zh")
    ours = client.get(f"{path}/files/sweep.csv").content
    result = CliRunner().invoke(cli, ["sweep", str(BOOK), "--scenario", str(SCENARIO), "--levels", "8000万,1.2亿",
                                      "--ledger", str(ledger), "--workers", "1", "--out", str(tmp_path / "sweep"),
                                      "--quiet"])
    assert result.exit_code == 0, result.output
    assert ours == (tmp_path / "sweep" / "sweep.csv").read_bytes()


def test_verify_and_audit_find_the_ledger_the_run_counted(client: TestClient, counted: str) -> None:
    verified = client.post(f"/runs/{counted}/verify?lang=en", data={"csrf_token": CSRF})
    assert verified.status_code == 200
    assert re.search(r'<p class="ok" id="verify-headline">[^<]*identical', verified.text), verified.text
    allocation = run_file(client, counted, "allocation.csv")
    audited = client.post(f"/runs/{counted}/audit?lang=en", data={"csrf_token": CSRF},
                          files={"allocation": ("allocation.csv", allocation)})
    assert '<p class="ok" id="audit-verdict">' in audited.text, audited.text


# ---------------------------------------------------------------- the data folder's own ledger


def test_the_data_folders_ledger_is_counted_from_the_run_after_it_appears(tmp_path: Path) -> None:
    data = tmp_path / "data"
    with app_client(data) as client:
        sign_in(client)
        assert f"no award ledger is counted: none was named with --ledger at the start, and the data folder has no " \
               f"ledger.sqlite ({data.absolute() / 'ledger.sqlite'})" in page(client, "/new?lang=en")
        before = submit(client, BOOK, SCENARIO).json()["id"]
        assert wait(client, before)["status"] == "done"
        assert "ledger" not in json.loads(run_file(client, before, "manifest.json"))["inputs"]
        assert '<dd id="run-ledger">none counted</dd>' in client.get(f"/runs/{before}?lang=en").text

        own = make_ledger(data / "ledger.sqlite")  # made while the app runs: the next run counts it
        assert "(the data folder's ledger.sqlite; 2 entries" in page(client, "/new?lang=en")
        after = submit(client, BOOK, SCENARIO).json()["id"]
        assert wait(client, after)["status"] == "done"
        manifest = json.loads(run_file(client, after, "manifest.json"))
        assert manifest["inputs"]["ledger"]["path"] == "../../ledger.sqlite"
        cli = cli_allocate(tmp_path / "cli", BOOK, "--scenario", str(SCENARIO), "--ledger", str(own))
        assert run_file(client, after, "allocation.csv") == (cli / "allocation.csv").read_bytes()
        assert run_file(client, after, "allocation.csv") != run_file(client, before, "allocation.csv")


def test_a_published_year_run_again_says_plainly_that_its_own_awards_count(tmp_path: Path) -> None:
    """Once the 2026 run was published into the data folder's ledger, running 2026 again in the app marked its
    applications duplicates of their own awards, with no word on the page."""
    data = tmp_path / "data"
    sample = ROOT / "data" / "sample_applications.xlsx"
    with app_client(data) as client:
        sign_in(client)
        init_ledger(data / "ledger.sqlite")
        first = submit(client, sample, ROOT / "data" / "scenario_2026.toml").json()["id"]
        assert wait(client, first)["status"] == "done"
        published = CliRunner().invoke(cli, ["publish", str(data / "runs" / first), "--ledger",
                                             str(data / "ledger.sqlite")])
        assert published.exit_code == 0, published.output
        again = submit(client, sample, ROOT / "data" / "scenario_2026.toml").json()["id"]
        assert wait(client, again)["status"] == "done"
        shown = page(client, f"/runs/{again}?lang=zh")
        caution = re.search(r'<p class="caution" id="run-caution-1">(.*?)</p>', shown)
        assert caution is not None and "资助台账中已有本申报表中 127 项申报自己的资助" in caution.group(1)
        # above the results (合计, the report), as docs/web.md says; the published run named as the runs list names
        # it, with a link, not by its manifest's hash; 复核, the page's word, not (verify)
        assert shown.index('id="run-caution-1"') < shown.index('id="results"')
        assert f'公示运行 <a href="/runs/{first}" class="caution-run">{first}</a> 时记入' in caution.group(1)
        assert "请复核该次运行；" in caution.group(1) and "verify" not in caution.group(1)
        english = page(client, f"/runs/{again}?lang=en")
        assert f'recorded when run <a href="/runs/{first}" class="caution-run">{first}</a> was published' in english
        assert "申报自己的资助" not in page(client, f"/runs/{first}?lang=zh")  # the first run: none of its own yet


def test_a_published_run_the_app_does_not_know_is_named_as_the_library_names_it() -> None:
    from types import SimpleNamespace

    from optimizer.web.run_page import cautions_of

    said = "资助台账中已有本申报表中 3 项申报自己的资助（2026-0001、…，公示运行 0123456789ab… 时记入）"
    record = SimpleNamespace(outcome={"warnings": [{"row": None, "column": None, "zh": said, "en": "…"},
                                                   {"row": 4, "column": "score", "zh": "at a cell", "en": "…"}]})
    nothing_known = SimpleNamespace(registry=SimpleNamespace(runs=lambda: []))
    assert cautions_of(nothing_known, record, "zh") == [[(said, "")]]  # type: ignore[arg-type]


# ---------------------------------------------------------------- a ledger whose chain does not hold


def test_a_tampered_ledger_fails_the_run_with_the_librarys_sentence(tmp_path: Path) -> None:
    ledger = make_ledger(tmp_path / "ledger.sqlite")
    with app_client(tmp_path / "data", ledger=ledger) as client:
        sign_in(client)
        tamper(ledger, 1)
        with pytest.raises(LedgerTampered) as caught:
            read_ledger(ledger)
        english, chinese = caught.value.text("en"), caught.value.text("zh")
        assert english.startswith("ledger.sqlite: entry 1 was changed (")
        assert f"The award ledger {ledger} cannot be used; runs started now will fail:\n{english}" in page(
            client, "/new?lang=en")

        run = submit(client, BOOK, SCENARIO, lang="en").json()["id"]
        outcome = wait(client, run)
        assert outcome["status"] == "failed"
        assert outcome["problems"] == [{"row": None, "column": None, "message": english}]
        shown = page(client, f"/runs/{run}?lang=zh")
        assert f'<p class="bad" id="run-error">{chinese}</p>' in shown and "Traceback" not in shown
        assert client.get(f"/api/runs/{run}/files/allocation.csv", headers=BEARER).status_code == 404


def test_serve_refuses_a_ledger_that_is_not_one(tmp_path: Path) -> None:
    with use_lang("zh"):  # the command line's default (serve has no --lang: BUDGETOPT_LANG, else Chinese)
        result = CliRunner().invoke(cli, ["serve", "--no-browser", "--data", str(tmp_path / "data"), "--ledger",
                                          str(tmp_path / "台账.sqlite")])
    assert (result.exit_code, result.stdout, result.stderr) == (2, "", "台账.sqlite：资助台账文件不存在\n")
    shutil.copy(AWARDS, tmp_path / "awards.sqlite")  # a workbook under a ledger's name
    result = CliRunner(env={"BUDGETOPT_LANG": "en"}).invoke(cli, ["serve", "--no-browser", "--data",
                                                                 str(tmp_path / "data"), "--ledger",
                                                                 str(tmp_path / "awards.sqlite")])
    assert (result.exit_code, result.stdout) == (2, "")  # no address printed: nothing listens
    assert result.stderr == "awards.sqlite: is not a budgetopt ledger (not an SQLite database)\n"


def test_the_ledger_page_totals_a_policy_by_its_number_however_bracketed() -> None:
    # as the ledger counts them (the period cap, prior support): 〔2026〕 and (2026) are one policy
    from optimizer.domain import LedgerAward
    from optimizer.ledger import Entry
    from optimizer.ledger.summary import PolicyYear, by_policy_year

    def entry(seq: int, policy: str, amount: int) -> Entry:
        return Entry(seq, LedgerAward(policy, 2026, "91500000MA5U000001", f"事项{seq}", amount), "", "", "")

    entries = [entry(1, "渝经信规范〔2026〕2号", 100), entry(2, "渝经信规范(2026)2号", 50), entry(3, OTHER_POLICY, 7)]
    assert by_policy_year(entries) == [PolicyYear("渝经信规范〔2026〕2号", 2026, 2, 150),
                                       PolicyYear(OTHER_POLICY, 2026, 1, 7)]


# ---------------------------------------------------------- a correction put right on the ledger's page (调增、恢复)


def words(answer: object) -> str:
    """A page's words as the reader sees them: tags dropped, entities read, spaces collapsed."""
    return re.sub(r"\s+", " ", html.unescape(re.sub(r"<[^>]+>", " ", answer.text)))  # type: ignore[attr-defined]


def hidden(page: str) -> dict[str, str]:
    return {name: html.unescape(value)
            for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', page)}


@pytest.fixture()
def own(tmp_path: Path) -> Iterator[tuple[TestClient, Path]]:
    """An app over a data folder of its own, whose ledger.sqlite holds the two awards of another policy: entry 1 of
    300,000, entry 2 of 1,000,000."""
    make_ledger(tmp_path / "data" / "ledger.sqlite")
    with app_client(tmp_path / "data") as client:
        yield sign_in(client), tmp_path / "data" / "ledger.sqlite"


def test_a_lowering_typed_wrong_is_raised_again_on_the_ledgers_page(own: tuple[TestClient, Path]) -> None:
    """10万 recorded for 90万: the form takes the higher amount, the confirmation page says it raises the award
    (调增) and what it was first granted at, and only 确认记入台账 records it."""
    from optimizer.jobs.ledger import correct_award
    from optimizer.web.publishing import award_words

    client, ledger = own
    correct_award(ledger, 2, to="10万", basis="追回")
    listed = client.get("/ledger")
    assert 'href="/ledger?correct=2#correct" class="correct-link">更正</a>' in listed.text  # corrected: 更正
    assert 'href="/ledger?correct=1#correct" class="correct-link">核减</a>' in listed.text
    assert "核减、撤销或恢复资助" in words(listed) and "更正后金额" in words(listed)
    who = award_words(read_ledger(ledger).entries[1], "zh")
    shown = client.post("/ledger/correct", data={"csrf_token": CSRF, "seq": "2", "to": "90万",
                                                 "basis": "更正第3条录入错误"})
    said = words(shown)
    assert shown.status_code == 200 and read_ledger(ledger).count == 3  # nothing recorded yet
    assert "确认调增资助" in said and f"将把第2条资助（{who}）由10.00万元调增为90.00万元。" in said
    for fact in ("原资助金额 100.00万元（1,000,000元）", "调增为 90.00万元（900,000元）", "调增金额 80.00万元",
                 "记入一条更正记录"):
        assert fact in said, fact
    done = client.post("/ledger/correct", data={**hidden(shown.text), "step": "confirm"})
    assert done.status_code == 200
    assert ("记入第4条记录：调增第2条资助（重庆铜锣机电集团有限公司，91500233MACGN0PF5U，市级技改专项，2026年度），"
            "由100,000元增为900,000元（原资助金额1,000,000元），依据：更正第3条录入错误（现共4条记录）") in words(done)
    assert f"调增第2条（{date.today()}）：更正第3条录入错误" in words(done) and "核减后为90.00万元" in words(done)
    assert read_ledger(ledger).stands_at(2) == 900_000
    refused = client.post("/ledger/correct", data={"csrf_token": CSRF, "seq": "2", "to": "100.01万", "basis": "x"})
    assert refused.status_code == 409 and ("第2条资助的导入金额为1,000,000元（现为900,000元）：更正后的金额不能高于"
                                           "导入金额") in words(refused)
    assert 'id="correct-to" value="100.01万"' in refused.text and read_ledger(ledger).count == 4
    english = words(client.post("/ledger/correct?lang=en", data={"csrf_token": CSRF, "seq": "2", "to": "100万",
                                                                  "basis": "x"}))
    assert "Confirm: restore an award" in english and (
        f"The award of entry 2 ({award_words(read_ledger(ledger).entries[1], 'en')}) will be restored from 90.00万 "
        "to the 100.00万 first granted.") in english


def test_a_revoked_award_is_restored_on_the_ledgers_page(own: tuple[TestClient, Path]) -> None:
    from optimizer.jobs.ledger import correct_award
    from optimizer.ledger.summary import by_policy_year
    from optimizer.web.publishing import award_words

    client, ledger = own
    correct_award(ledger, 1, to=0, basis="追回")
    listed = client.get("/ledger")
    assert 'href="/ledger?correct=1#correct" class="correct-link restore-link">恢复</a>' in listed.text
    shown = client.post("/ledger/correct", data={"csrf_token": CSRF, "seq": "1", "to": "30万", "basis": "追回有误"})
    said = words(shown)
    who = award_words(read_ledger(ledger).entries[0], "zh")
    assert "确认恢复资助" in said and f"将把第1条资助（{who}）由0元恢复为原资助金额30.00万元。" in said
    assert "恢复为 30.00万元（300,000元）" in said
    done = client.post("/ledger/correct", data={**hidden(shown.text), "step": "confirm"})
    assert done.status_code == 200 and "恢复第1条资助" in words(done)
    assert "由0元恢复为原资助金额300,000元" in words(done)
    state = read_ledger(ledger)
    assert state.stands_at(1) == 300_000 and [t.count for t in by_policy_year(state.entries)] == [2]
    assert f"恢复第1条（{date.today()}）：追回有误" in words(done) and "已恢复为原金额" in words(done)
    assert 'href="/ledger?correct=1#correct" class="correct-link">更正</a>' in done.text


def test_a_raise_and_a_restore_by_the_api(own: tuple[TestClient, Path]) -> None:
    """A finance system puts a mistaken recovery right: the same correction as the page's, with its kind."""
    client, ledger = own

    def post(**fields: str) -> tuple[int, dict[str, object]]:
        answer = client.post("/api/ledger/corrections", data=fields, headers=BEARER)
        return answer.status_code, answer.json()

    status, lowered = post(seq="2", to="40万", basis="追回60万")
    assert (status, lowered["kind"], lowered["after"]) == (200, "lowered", 400_000)
    status, raised = post(seq="2", to="94万", basis="更正：追回6万", lang="en")
    assert status == 200 and {k: v for k, v in raised.items() if k != "said"} == {
        "entry": 4, "corrects": 2, "before": 400_000, "after": 940_000, "kind": "raised", "entries": 4}
    assert "raised from 400,000 to 940,000 yuan (1,000,000 first granted)" in str(raised["said"])
    same = "第2条资助现为940,000元，与更正后的金额相同：无需更正"
    assert post(seq="2", to="94万", basis="x") == (409, {"error": same})
    above = "第2条资助的导入金额为1,000,000元（现为940,000元）：更正后的金额不能高于导入金额"
    assert post(seq="2", to="101万", basis="x") == (409, {"error": above})
    status, revoked = post(seq="1", to="0", basis="撤销")
    assert (status, revoked["kind"]) == (200, "revoked")
    status, restored = post(seq="1", to="300000", basis="撤销有误")
    assert (status, restored["kind"], restored["before"], restored["after"]) == (200, "restored", 0, 300_000)
    assert client.get("/api/ledger", headers=BEARER).json()["total"] == 1_240_000
    assert read_ledger(ledger).count == 6 and check_ledger(ledger) == ()


def test_what_a_run_did_not_count_names_the_raises_apart() -> None:
    from optimizer.domain import LedgerAward
    from optimizer.ledger import Entry
    from optimizer.web.ledgers import since_said

    def entry(seq: int, amount: int, corrects: int | None = None) -> Entry:
        return Entry(seq, LedgerAward(OTHER_POLICY, 2026, "91500000MA5U000001", "事项", amount, corrects=corrects,
                                      basis=None if corrects is None else "x"), "", "", "")

    assert since_said([entry(2, -100, 1), entry(3, 50, 1), entry(4, 50, 1), entry(5, 7)]) == (
        "1项导入的资助、1条核减或撤销记录、2条调增或恢复记录",
        "1 award(s) imported, 1 correction(s) lowering or revoking an award, 2 correction(s) raising or restoring an "
        "award")
