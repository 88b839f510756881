"""The record of awards in the browser app: publishing a run (公示) as `budgetopt publish` does — the same notice.xlsx,
awards.json and ledger entries — once, and only a run that counted the ledger as it stands and whose files are as it
wrote them; the ledger's page (its file, chain, totals, entries, CSV), making the data folder's ledger, importing
another policy's awards with every problem by row and column; the blank workbook to download."""

from __future__ import annotations

import html
import io
import json
import re
import shutil
import sqlite3
import time
from collections.abc import Iterator
from datetime import date, datetime, timedelta
from pathlib import Path
from urllib.parse import quote

import openpyxl
import pytest
from click.testing import CliRunner
from helpers import ROOT, code, row, tamper, write_rows
from webapp import BEARER, CSRF, SAMPLE, SCENARIO, TestClient, app_client, sign_in, submit, wait

from optimizer.cli import cli
from optimizer.jobs.ledger import entries
from optimizer.ledger import init_ledger, read_ledger
from optimizer.ledger.summary import by_policy_year
from optimizer.report.ledger_out import ledger_csv
from optimizer.report.units import amount_text

AWARDS = ROOT / "data" / "awards_other_policy_2026.xlsx"
OTHER_POLICY = "市级技改专项"


def text(answer: object) -> str:
    """A page's words as the reader sees them: tags dropped, entities read, spaces collapsed."""
    page = html.unescape(re.sub(r"<[^>]+>", " ", answer.text))  # type: ignore[attr-defined]
    return re.sub(r"\s+", " ", page)


def finished_run(client: TestClient, **fields: str) -> str:
    """A run of the 2026 sample, done. (Two runs of the same inputs in the same second write the same manifest, and
    are one run to the ledger: tests that need two give them different budgets.)"""
    run_id = str(submit(client, SAMPLE, SCENARIO, **fields).json()["id"])
    assert wait(client, run_id)["status"] == "done"
    return run_id


def publish(client: TestClient, run_id: str, days: str = "5") -> object:
    return client.post(f"/runs/{run_id}/publish", data={"csrf_token": CSRF, "objection_days": days})


def make_ledger(client: TestClient, back: str = "") -> object:
    return client.post("/ledger/new", data={"csrf_token": CSRF, "back": back})


def import_awards(client: TestClient, name: str, data: bytes, policy: str = OTHER_POLICY) -> object:
    return client.post("/ledger/import", data={"csrf_token": CSRF, "policy": policy}, files={"awards": (name, data)})


def awards_book(path: Path) -> bytes:
    """Another policy's awards workbook of one award (not the shipped one's)."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "awards"
    sheet.append(["统一社会信用代码", "事项标识", "金额（万元）", "拨付日期"])
    sheet.append([code(77), "另一事项", 10, "2026-10-01"])
    book.save(path)
    return path.read_bytes()


@pytest.fixture()
def data(tmp_path: Path) -> Path:
    return tmp_path / "data"


@pytest.fixture()
def client(data: Path) -> Iterator[TestClient]:
    with app_client(data) as client:
        yield sign_in(client)


# ---------------------------------------------------------------- publishing a run


def test_publishing_in_the_app_is_budgetopt_publish(client: TestClient, data: Path, tmp_path: Path) -> None:
    run_id = finished_run(client)
    folder = data / "runs" / run_id
    before = tmp_path / "cli" / "runs" / run_id  # the same run, to publish with the command line into its own ledger
    shutil.copytree(folder, before)
    shutil.copytree(data / "inputs", tmp_path / "cli" / "inputs")  # where its manifest finds its inputs

    first = client.get(f"/runs/{run_id}/publish")
    assert first.status_code == 200 and 'id="publish-no-ledger"' in first.text  # no ledger yet: make it first
    assert 'id="publish-form"' not in first.text
    made = make_ledger(client, f"/runs/{run_id}/publish")
    assert made.status_code == 303 and made.headers["location"] == f"/runs/{run_id}/publish"  # type: ignore[attr-defined]
    assert read_ledger(data / "ledger.sqlite").count == 0

    assert "ledger.sqlite（尚无记录）" in text(client.get(f"/runs/{finished_run(client)}"))  # an empty ledger counted
    ready = client.get(f"/runs/{run_id}/publish")
    assert 'id="publish-form"' in ready.text
    assert "将把 127 项资助记入资助台账" in text(ready)  # 123 funded + 4 partly funded
    done = publish(client, run_id, "7")
    assert done.status_code == 303 and done.headers["location"] == f"/runs/{run_id}/publish"  # type: ignore[attr-defined]

    page = text(client.get(f"/runs/{run_id}/publish"))
    assert "已公示：127项资助，合计 19,499.991万元" in page and "（第1至127条记录）" in page
    # the whole hash to copy down, as publish prints it (a review: the app showed none)
    assert f"用以日后核对台账未被改写：127 {read_ledger(data / 'ledger.sqlite').head}" in page
    ledger = tmp_path / "cli.sqlite"
    init_ledger(ledger)
    result = CliRunner().invoke(cli, ["publish", str(before), "--ledger", str(ledger), "--objection-days", "7"])
    assert result.exit_code == 0, result.output
    for name in ("notice.xlsx", "awards.json"):
        answer = client.get(f"/runs/{run_id}/files/{name}")
        assert answer.status_code == 200, name
        assert answer.content == (folder / name).read_bytes(), name
    assert (folder / "notice.xlsx").read_bytes() == (before / "notice.xlsx").read_bytes()
    # awards.json pins the ledger each was published into (its file, entries and head, whose hashes cover the
    # moment each entry was recorded): the same but for that
    ours_json, theirs_json = (json.loads((where / "awards.json").read_bytes()) for where in (folder, before))
    pin = ours_json.pop("ledger", None)
    theirs_json.pop("ledger", None)
    assert ours_json == theirs_json
    assert pin is None or (pin["entries"], pin["head"]) == (127, read_ledger(data / "ledger.sqlite").head)
    ours, theirs = read_ledger(data / "ledger.sqlite").awards, read_ledger(ledger).awards
    assert ours == theirs and len(ours) == 127
    notice = openpyxl.load_workbook(folder / "notice.xlsx").active
    assert any("7个工作日" in str(cell.value) for row in notice.iter_rows() for cell in row if cell.value)


def test_the_app_publishes_a_notice_with_its_first_day_and_contact(client: TestClient) -> None:
    """The publish page asks for the 公示's first day and a contact, as `publish --starts --contact` takes them; a
    mistake is named by the form's label, nothing published."""
    make_ledger(client)
    run_id = finished_run(client)
    form = {"csrf_token": CSRF, "objection_days": "5", "starts": "2026-12-08", "contact": "甲" * 61}
    refused = client.post(f"/runs/{run_id}/publish?lang=zh", data=form)
    assert refused.status_code == 400
    assert "联系人及电话：联系人至多60个字符" in text(refused) and 'value="2026-12-08"' in refused.text
    done = client.post(f"/runs/{run_id}/publish", data={**form, "contact": "经信委 张三 023-6388 0000"})
    assert done.status_code == 303
    notice = openpyxl.load_workbook(io.BytesIO(client.get(f"/runs/{run_id}/files/notice.xlsx").content)).active
    lines = [row[0] for row in notice.iter_rows(values_only=True)]
    assert lines[-5].startswith("公示期为5个工作日（自2026年12月8日起）。")
    assert lines[-4:] == ["联系人及电话：经信委 张三 023-6388 0000", "特此公示。",
                          "重庆市经济和信息化委员会　重庆市财政局", "2026年12月8日"]
    # 政策条款 cites the policy's item and the clause's title (第11条 中小企业数字化改造), not budgetopt's id (第11a条)
    cited = {row[5] for row in notice.iter_rows(min_row=4, values_only=True) if isinstance(row[0], int)}
    assert "第11条 中小企业数字化改造" in cited and all(re.fullmatch(r"第\d+条 \S.*", str(c)) for c in cited), cited
    assert json.loads(client.get(f"/runs/{run_id}/files/awards.json").content)["notice"]["layout"] == 4


def test_the_run_page_says_it_was_published(client: TestClient, data: Path) -> None:
    run_id = finished_run(client)
    assert 'id="publish-link"' in client.get(f"/runs/{run_id}").text
    assert client.get(f"/runs/{run_id}/files/notice.xlsx").status_code == 404  # not published: no 公示 list
    make_ledger(client)
    publish(client, run_id)
    page = client.get(f"/runs/{run_id}")
    assert 'id="publish-link"' not in page.text and 'id="download-notice-xlsx"' in page.text
    assert "已公示（127项资助，合计 19,499.991万元）" in text(page)
    english = text(client.get(f"/runs/{run_id}?lang=en"))
    assert "Published (127 awards, 19,499.991万 in all)" in english


def test_a_published_run_says_what_its_awards_stand_at_after_corrections(client: TestClient, data: Path,
                                                                         monkeypatch: pytest.MonkeyPatch) -> None:
    """The run page is where an officer looks an enterprise up when it phones: after 核减 and 撤销 it still quoted
    the 公示 amounts. It now says how many were corrected and what the awards stand at, with the year's 更正公告,
    and a corrected application's line what it stands at now — the ledger read once for the page."""
    run_id = finished_run(client)
    make_ledger(client)
    publish(client, run_id)
    assert 'id="run-corrected"' not in client.get(f"/runs/{run_id}").text  # nothing corrected yet
    entries = read_ledger(data / "ledger.sqlite").entries
    lowered, revoked = entries[4].award, entries[11].award
    assert confirmed(client, seq="5", to="1万", basis="验收核减").status_code == 200  # type: ignore[attr-defined]
    assert confirmed(client, seq="12", to="0", basis="异议成立").status_code == 200  # type: ignore[attr-defined]
    standing = 194_999_910 - lowered.amount + 10_000 - revoked.amount

    import optimizer.web.ledgers as ledgers
    reads = []
    monkeypatch.setattr(ledgers, "read_ledger", lambda *a, **k: reads.append(a) or read_ledger(*a, **k))
    page = client.get(f"/runs/{run_id}", params={"q": lowered.application_id})
    assert len(reads) == 1  # once for the page: published, what its awards stand at, the search's corrections
    said = text(page)
    assert "已公示（127项资助，合计 19,499.991万元）" in said  # what was published
    assert f"其后核减1项、撤销1项：本次公示的资助现为126项，合计 {amount_text(standing, 'zh')}。" in said
    assert (f'<a href="/ledger/corrections.xlsx?policy={quote(lowered.policy)}&amp;year=2026" download '
            'id="run-corrections-link">2026年度更正公告（Excel）</a>') in page.text
    assert client.get(f"/ledger/corrections.xlsx?policy={quote(lowered.policy)}&year=2026").status_code == 200
    assert '<span class="now" id="match-1-now">现为1.00万元</span>' in page.text
    gone = client.get(f"/runs/{run_id}", params={"q": revoked.application_id})
    assert '<span class="now" id="match-1-now">已撤销</span>' in gone.text
    untouched = client.get(f"/runs/{run_id}", params={"q": entries[0].award.application_id})
    assert 'id="match-1"' in untouched.text and 'class="now"' not in untouched.text
    english = text(client.get(f"/runs/{run_id}?lang=en"))
    assert "Corrected since: 1 lowered, 1 revoked; the awards of this publication now stand at 126, " in english


def test_a_published_runs_files_are_saved_under_names_that_tell_the_rounds_apart(client: TestClient,
                                                                                 data: Path) -> None:
    run_id = finished_run(client)
    make_ledger(client)
    publish(client, run_id)
    notice = client.get(f"/runs/{run_id}/files/notice.xlsx")
    assert notice.headers["content-disposition"] == (
        f'attachment; filename="{run_id}-notice.xlsx"; filename*=UTF-8\'\'{run_id}-{quote("公示名单.xlsx")}')
    assert notice.content == (data / "runs" / run_id / "notice.xlsx").read_bytes()  # on disk: notice.xlsx
    by_api = client.get(f"/api/runs/{run_id}/files/awards.json?lang=en", headers=BEARER)
    assert by_api.headers["content-disposition"].endswith(f"filename*=UTF-8''{run_id}-awards.json")
    for page in (client.get(f"/runs/{run_id}").text, client.get(f"/runs/{run_id}/publish").text):
        assert f'download="{run_id}-公示名单.xlsx"' in page and f'download="{run_id}-获资助名单.json"' in page


def test_a_run_refused_after_a_correction_says_a_correction_was_recorded(client: TestClient, data: Path) -> None:
    """公示 refused a run made before a 核减 as though awards had been published or imported since."""
    make_ledger(client)
    import_awards(client, "其他政策.xlsx", AWARDS.read_bytes())
    run_id = finished_run(client)  # counted the 2 entries
    assert confirmed(client, seq="2", to="50万", basis="追回").status_code == 200  # type: ignore[attr-defined]
    said = text(client.get(f"/runs/{run_id}/publish"))
    assert ("本次运行分配时资助台账有2条记录，现有3条：其后记入的1条核减或撤销记录没有计入本次运行，不能公示。"
            "请以此为基础新建分配（会计入现在的台账），再公示新的运行。") in said
    assert "其后记入的1条核减或撤销记录" in text(client.get(f"/runs/{run_id}"))
    import_awards(client, "again.xlsx", awards_book(data.parent / "again.xlsx"))
    assert "其后记入的1项导入的资助、1条核减或撤销记录" in text(client.get(f"/runs/{run_id}/publish"))
    english = text(client.get(f"/runs/{run_id}/publish?lang=en"))
    assert "what was recorded since (1 award(s) imported, 1 correction(s) lowering or revoking an award)" in english


def test_the_runs_page_marks_the_run_published(client: TestClient) -> None:
    make_ledger(client)
    published, other = finished_run(client), finished_run(client, budget="1.9亿")
    assert 'id="published-' not in client.get("/").text
    publish(client, published)
    page = client.get("/").text
    assert f'href="/runs/{published}/publish" class="status status-published" id="published-{published}">已公示' in page
    assert f'id="published-{other}"' not in page


def test_publishing_does_not_wait_behind_a_long_solve(tmp_path: Path) -> None:
    """One solving worker, busy with a stability run of many draws: publishing (a read of the workbook, two files
    and one transaction) is done by the readers of uploads, and does not wait for it."""
    from optimizer.web.registry import NewRun

    with app_client(tmp_path / "data", workers=1) as client:
        sign_in(client)
        run_id = finished_run(client)
        web = client.app.state.web  # type: ignore[attr-defined]
        source = web.registry.get(run_id)
        long = web.registry.add(NewRun(web.registry.stored_input(source.workbook),
                                       web.registry.stored_input(source.scenario), source.scenario_name, None,
                                       source.budget, kind="stability",
                                       params={"draws": 5000, "sigma": "2", "seed": 1}))
        web.running.start(long)
        while web.registry.get(long.id).status != "running":
            time.sleep(0.05)
        make_ledger(client)
        assert publish(client, run_id).status_code == 303
        assert 'id="published"' in client.get(f"/runs/{run_id}/publish").text
        assert web.registry.get(long.id).status == "running"  # still solving its draws


def test_a_run_is_published_once(client: TestClient, data: Path) -> None:
    run_id = finished_run(client)
    make_ledger(client)
    publish(client, run_id)
    again = publish(client, run_id)
    assert again.status_code == 303  # the page says it is published; nothing more is recorded
    assert read_ledger(data / "ledger.sqlite").count == 127
    assert 'id="published"' in client.get(f"/runs/{run_id}/publish").text


def test_a_run_that_did_not_count_the_ledger_as_it_stands_is_not_published(client: TestClient, data: Path) -> None:
    make_ledger(client)
    run_id = finished_run(client)  # counted the empty ledger
    assert import_awards(client, "其他政策.xlsx", AWARDS.read_bytes()).status_code == 200  # then it grew
    count = read_ledger(data / "ledger.sqlite").count
    page = client.get(f"/runs/{run_id}/publish")
    said = text(page)
    assert f"本次运行分配时资助台账有0条记录，现有{count}条" in said and str(data / "runs") not in said
    assert 'id="publish-form"' not in page.text and f'href="/new?from={run_id}"' in page.text
    assert publish(client, run_id).status_code == 303
    assert read_ledger(data / "ledger.sqlite").count == count


def test_another_allocation_of_a_published_year_is_refused_as_published_not_as_stale(client: TestClient,
                                                                                      data: Path) -> None:
    # an auditor's review: "allocate again with the ledger" would count the year's own awards as paid already
    make_ledger(client)
    first, second = finished_run(client), finished_run(client, budget="1.9亿")  # both counted the empty ledger
    publish(client, first)
    page = client.get(f"/runs/{second}/publish")
    said = text(page)
    assert "这一年度已经公示过" in said and "现有127条" not in said
    assert 'id="publish-form"' not in page.text and f'href="/new?from={second}"' not in page.text
    assert publish(client, second).status_code == 303
    assert read_ledger(data / "ledger.sqlite").count == 127


def test_a_published_year_run_again_is_not_published_again(client: TestClient, data: Path) -> None:
    make_ledger(client)
    first = finished_run(client)
    publish(client, first)
    again = finished_run(client, budget="4亿")  # counts the ledger: its own awards as support already granted (and
    # the year's budget as used by them: a larger one leaves room for the applications without a 事项标识)
    page = client.get(f"/runs/{again}/publish")
    assert "资助台账已记录本次运行中" in text(page) and 'id="publish-form"' not in page.text
    assert publish(client, again).status_code == 303
    assert read_ledger(data / "ledger.sqlite").count == 127


def test_a_later_round_of_a_published_year_shows_what_the_earlier_rounds_granted(client: TestClient,
                                                                                  data: Path) -> None:
    """The run's totals, its warning and the API's totals say what the year's published awards took of the budget
    (docs/ledger.md, A year's later rounds)."""
    make_ledger(client)
    first = finished_run(client)
    publish(client, first)
    granted = client.get(f"/api/runs/{first}").json()["totals"]["allocated"]
    later = finished_run(client, budget="4亿")
    totals = client.get(f"/api/runs/{later}").json()["totals"]
    assert (totals["earlier_rounds"], totals["available"]) == (granted, 400_000_000 - 5_000_000 - granted)
    page = client.get(f"/runs/{later}")
    assert f'id="total-earlier">{granted / 10_000:,.3f}万元<' in page.text
    assert f"资助台账已记本政策2026年度此前各批资助{granted:,}元（127项）" in text(page)
    assert 'id="total-earlier"' not in client.get(f"/runs/{first}").text
    compared = text(client.get(f"/compare?run={first}&run={later}"))
    assert "本年度此前各批已资助" in compared and "earlier_rounds" not in compared


def test_a_later_rounds_budget_the_earlier_rounds_spent_is_named_as_the_forms_field(client: TestClient) -> None:
    """The refusal is placed at 年度预算, the field the officer typed it in — not at the library's `budget`."""
    make_ledger(client)
    first = finished_run(client, budget="1亿")
    publish(client, first)
    later = str(submit(client, SAMPLE, SCENARIO, budget="9000万").json()["id"])  # the first round took 9,499.99万
    body = wait(client, later)
    assert body["status"] == "invalid"
    said = text(client.get(f"/runs/{later}?lang=zh"))
    assert "年度预算：" in said and "budget：" not in said
    assert "Annual budget: " in text(client.get(f"/runs/{later}?lang=en"))


def test_a_second_round_published_in_the_app_is_the_years_second_batch(client: TestClient, data: Path,
                                                                        tmp_path: Path) -> None:
    """The publish page says the list will be titled （第二批）, and the notice the app writes is (docs/ledger.md)."""
    make_ledger(client)
    first = finished_run(client, budget="1亿")
    assert 'id="publish-batch"' not in client.get(f"/runs/{first}/publish").text  # a year's first: no number
    publish(client, first)
    granted = client.get(f"/api/runs/{first}").json()["totals"]["allocated"]
    said = text(client.get("/new"))  # before the second round: what the year holds, and what its budget means
    assert (f"资助台账中本政策已有：2026年度48项，合计{amount_text(granted, 'zh')}。"
            "分配某一年度的后续批次（第二批）时") in said
    rows = [row(application_id=f"2026-B{i:03d}", credit_code=code(900 + i), applicant=f"第二批企业{i}",
                district="万州区", score=60 + i, submitted_on=date(2026, 9, 1)) for i in range(6)]
    workbook = write_rows(tmp_path / "第二批.xlsx", rows)
    second_id = str(submit(client, workbook, SCENARIO, budget="1.2亿").json()["id"])
    assert wait(client, second_id)["status"] == "done"
    run_page = client.get(f"/runs/{second_id}")  # its binding limits: what the first round used, what it left
    assert re.search(r'<table id="binding">\s*<thead><tr><th>限额</th><th>此前已用</th><th>本次限额</th>',
                     run_page.text)
    assert "本批可分配" in text(run_page)
    page = client.get(f"/runs/{second_id}/publish")
    assert "资助台账中已有本政策该年度的公示：本次公示名单的标题注明（第二批）" in text(page)
    assert publish(client, second_id).status_code == 303
    notice = openpyxl.load_workbook(io.BytesIO(client.get(f"/runs/{second_id}/files/notice.xlsx").content)).active
    assert str(notice["A1"].value).endswith("2026年度拟支持项目公示名单（第二批）")


def test_a_run_stored_before_earlier_rounds_were_counted_still_shows(client: TestClient, data: Path) -> None:
    """Runs finished by an earlier budgetopt keep totals without `earlier_rounds` in runs.sqlite: their page shows."""
    run_id = finished_run(client)
    with sqlite3.connect(data / "runs.sqlite") as db:
        (outcome,) = db.execute("SELECT outcome FROM runs WHERE id = ?", (run_id,)).fetchone()
        old = json.loads(outcome)
        del old["totals"]["earlier_rounds"]
        db.execute("UPDATE runs SET outcome = ? WHERE id = ?", (json.dumps(old), run_id))
    db.close()
    page = client.get(f"/runs/{run_id}")
    assert page.status_code == 200 and 'id="total-allocated"' in page.text and 'id="total-earlier"' not in page.text


def test_a_run_without_a_year_says_on_its_page_that_it_cannot_be_published(client: TestClient, tmp_path: Path) -> None:
    scenario = tmp_path / "无年度.toml"
    scenario.write_text('name = "no year"\nbudget = "2亿"\n', encoding="utf-8")
    run_id = str(submit(client, SAMPLE, scenario).json()["id"])
    assert wait(client, run_id)["status"] == "done"
    said = text(client.get(f"/runs/{run_id}"))
    assert "本次运行的分配方案没有填写年度，不能公示" in said and f"{run_id}/manifest.json" not in said
    assert 'id="publish-blocked"' not in client.get(f"/runs/{finished_run(client)}").text


def test_a_run_made_without_the_ledger_is_not_published_into_one_with_awards(client: TestClient, data: Path) -> None:
    run_id = finished_run(client)  # no ledger: counted none
    make_ledger(client)
    assert import_awards(client, "其他政策.xlsx", AWARDS.read_bytes()).status_code == 200
    said = text(client.get(f"/runs/{run_id}/publish"))
    assert "本次运行分配时没有计入资助台账，而台账现有2条记录" in said


def test_an_allocation_edited_since_the_run_is_not_published(client: TestClient, data: Path) -> None:
    run_id = finished_run(client)
    make_ledger(client)
    csv = data / "runs" / run_id / "allocation.csv"
    csv.write_bytes(csv.read_bytes().replace(b",FUNDED,", b",FUNDED ,", 1))
    assert publish(client, run_id).status_code == 303  # type: ignore[attr-defined]  # found before publishing
    page = client.get(f"/runs/{run_id}/publish")
    said = text(page)
    assert f"{run_id}/allocation.csv 在运行后已被修改" in said and str(data / "runs") not in said
    assert 'id="publish-form"' not in page.text
    assert read_ledger(data / "ledger.sqlite").count == 0
    assert not (data / "runs" / run_id / "notice.xlsx").exists()


def test_a_workbook_edited_since_the_run_is_named_as_the_officer_named_it(client: TestClient, data: Path) -> None:
    run_id = finished_run(client)
    make_ledger(client)
    stored = next((data / "inputs").glob("*.xlsx"))
    stored.write_bytes(stored.read_bytes() + b"\0")
    said = text(client.get(f"/runs/{run_id}/publish"))
    assert f"申报表 {SAMPLE.name} 在运行后已被修改" in said and stored.name not in said


def test_a_ledger_changed_outside_budgetopt_is_not_cured_by_running_again(client: TestClient, data: Path) -> None:
    run_id = finished_run(client)
    make_ledger(client)
    publish(client, run_id)
    tamper(data / "ledger.sqlite", 5, "amount = amount + 100")
    page = client.get(f"/runs/{run_id}/publish")
    said = text(page)
    assert "ledger.sqlite：第5条记录已被修改" in said and "请找回台账的备份" in said
    assert 'id="rerun-link"' not in page.text and 'id="publish-form"' not in page.text


@pytest.mark.parametrize("days", ["0", "31", "abc", "", "5.5", "9" * 4301])
def test_the_objection_period_is_a_number_of_working_days(client: TestClient, data: Path, days: str) -> None:
    run_id = finished_run(client)
    make_ledger(client)
    refused = publish(client, run_id, days)
    assert refused.status_code == 400  # type: ignore[attr-defined]
    assert "公示期应为 1 至 30 个工作日" in text(refused)
    assert read_ledger(data / "ledger.sqlite").count == 0


def test_only_the_published_files_of_a_run(client: TestClient) -> None:
    run_id = finished_run(client)
    make_ledger(client)
    publish(client, run_id)
    for name in ("allocation.csv", "manifest.json", "..%2Fmanifest.json", "notice.xls", "ledger.sqlite"):
        assert client.get(f"/runs/{run_id}/files/{name}").status_code == 404, name
    assert client.get("/runs/20990101-000000-abcdef/files/notice.xlsx").status_code == 404


def test_an_unfinished_run_is_not_published(client: TestClient, tmp_path: Path) -> None:
    bad = tmp_path / "bad.xlsx"
    bad.write_bytes(b"not a workbook")
    answer = submit(client, SAMPLE, SCENARIO, budget="0")
    run_id = answer.json()["id"]
    assert wait(client, run_id)["status"] == "invalid"
    page = client.get(f"/runs/{run_id}/publish")
    assert "只有已完成的运行才能公示" in text(page) and 'id="publish-form"' not in page.text
    assert 'id="publish-link"' not in client.get(f"/runs/{run_id}").text


def test_publishing_by_the_api(client: TestClient, data: Path) -> None:
    run_id = finished_run(client)
    refused = client.post(f"/api/runs/{run_id}/publish", headers=BEARER)
    assert refused.status_code == 409 and refused.json()["error"].startswith("还没有资助台账")
    assert client.post("/ledger/new", headers=BEARER).status_code == 303  # a script needs no CSRF token
    assert client.post(f"/api/runs/{run_id}/publish", data={"objection_days": "0"},
                       headers=BEARER).json() == {"error": "公示期应为 1 至 30 个工作日"}
    done = client.post(f"/api/runs/{run_id}/publish", data={"objection_days": "7"}, headers=BEARER)
    assert done.status_code == 200
    assert done.json() == {"id": run_id, "awards": 127, "total": 194_999_910, "entries": [1, 127],
                           "ledger": str((data / "ledger.sqlite").absolute()), "files": ["notice.xlsx", "awards.json"]}
    again = client.post(f"/api/runs/{run_id}/publish", headers=BEARER)
    assert again.status_code == 409
    assert again.json() == {"error": "该次运行已公示（资助台账第1至127条记录），不重复公示"}
    notice = client.get(f"/api/runs/{run_id}/files/notice.xlsx", headers=BEARER)
    assert notice.status_code == 200 and notice.content == (data / "runs" / run_id / "notice.xlsx").read_bytes()
    facts = client.get("/api/ledger", headers=BEARER).json()
    assert facts == {"path": str((data / "ledger.sqlite").absolute()), "exists": True, "intact": True,
                     "entries": 127, "total": 194_999_910, "head": read_ledger(data / "ledger.sqlite").head,
                     "problem": None, "tampering": [],
                     "by_policy_year": [{"policy": "渝经信规范〔2026〕2号", "year": 2026, "awards": 127,
                                         "amount": 194_999_910, "corrections": 0}]}


def test_the_api_says_what_is_wrong_with_the_ledger(client: TestClient, data: Path) -> None:
    assert client.get("/api/ledger", headers=BEARER).json()["exists"] is False
    make_ledger(client)
    import_awards(client, "其他政策.xlsx", AWARDS.read_bytes())
    tamper(data / "ledger.sqlite", 2)
    facts = client.get("/api/ledger?lang=en", headers=BEARER).json()
    assert facts["intact"] is False and facts["entries"] is None and len(facts["tampering"]) == 1
    assert "entry 2 was changed" in facts["tampering"][0]


# ---------------------------------------------------------------- the ledger's page


def test_no_ledger_yet_then_an_empty_one(client: TestClient, data: Path) -> None:
    page = client.get("/ledger")
    assert page.status_code == 200 and 'id="make-ledger"' in page.text
    assert f"将建在数据文件夹中：{data.absolute() / 'ledger.sqlite'}" in text(page)
    made = make_ledger(client, "https://evil.example/")
    assert made.headers["location"] == "/ledger"  # type: ignore[attr-defined]  # only back to the app's own pages
    page = client.get("/ledger")
    assert 'id="make-ledger"' not in page.text and "台账还没有记录。" in text(page)
    assert "0条，合计" in text(page) and "完整：没有在 budgetopt 之外的改动" in text(page)
    assert make_ledger(client).status_code == 303  # once made, asking again changes nothing
    assert read_ledger(data / "ledger.sqlite").count == 0


def test_a_district_with_no_award_is_said_on_the_ledgers_page(client: TestClient, data: Path) -> None:
    """A district that got nothing gave the bare 无法继续 page: the ledger's page says so beside the form, the
    choices kept; a correction notice there is none of likewise."""
    from optimizer.rules.divisions import chongqing

    run_id = finished_run(client)
    make_ledger(client)
    publish(client, run_id)
    awarded = {entry.award.district for entry in read_ledger(data / "ledger.sqlite").entries}
    district = next(name for region in chongqing().regions for name in region.members if name not in awarded)
    answer = client.get("/ledger/summary.xlsx", params={"policy": "渝经信规范〔2026〕2号", "year": "2026",
                                                        "district": district})
    assert answer.status_code == 404 and 'id="ledger-totals"' in answer.text  # the ledger's page, not 无法继续
    found = re.search(r'<p class="refusal" id="summary-refusal">([^<]*)</p>', answer.text)
    assert found is not None and "没有可汇总的资助" in found.group(1) and district in html.unescape(found.group(1))
    assert '<option selected>2026</option>' in answer.text
    notice = client.get("/ledger/corrections.xlsx", params={"year": "2026"})  # nothing corrected yet
    assert notice.status_code == 404 and 'id="corrections-refusal"' in notice.text
    assert "没有可列入更正公告的更正" in text(notice)
    assert client.get("/ledger/summary.xlsx", params={"year": "2026"}).status_code == 200  # what there is: the file


def test_the_ledger_named_at_the_start_is_not_made_here(tmp_path: Path) -> None:
    ledger = tmp_path / "台账.sqlite"
    init_ledger(ledger)
    with app_client(tmp_path / "data", ledger=ledger) as client:
        sign_in(client)
        page = client.get("/ledger")
        assert 'id="make-ledger"' not in page.text and "启动时以 --ledger 指定" in text(page)
        refused = make_ledger(client)
        assert refused.status_code == 400  # type: ignore[attr-defined]
        assert "资助台账由启动时的 --ledger 指定" in text(refused)
    assert not (tmp_path / "data" / "ledger.sqlite").exists()


def test_importing_another_policys_awards(client: TestClient, data: Path) -> None:
    make_ledger(client)
    done = import_awards(client, "其他政策.xlsx", AWARDS.read_bytes())
    assert done.status_code == 200  # type: ignore[attr-defined]
    said = text(done)
    assert "已从 其他政策.xlsx 导入2项“市级技改专项”资助，合计1,300,000元" in said
    assert "市级技改专项 2026 2 130.00万元" in said  # by policy and year
    assert "91500106MA7L4Q8GYA 嘉陵装备-数字化改造" in said
    kept = list((data / "imports").iterdir())
    assert len(kept) == 1 and kept[0].read_bytes() == AWARDS.read_bytes()
    assert not list((data / "tmp").iterdir())

    again = import_awards(client, "again.xlsx", AWARDS.read_bytes())
    assert again.status_code == 400  # type: ignore[attr-defined]
    assert "again.xlsx 中的这项资助台账已有记录（第1条，“市级技改专项”）：91500106MA7L4Q8GYA" in text(again)
    assert read_ledger(data / "ledger.sqlite").count == 2
    assert len(list((data / "imports").iterdir())) == 1 and not list((data / "tmp").iterdir())


def test_an_awards_workbook_with_problems_is_shown_by_row_and_column(client: TestClient, data: Path) -> None:
    make_ledger(client)
    refused = import_awards(client, "申报表.xlsx", SAMPLE.read_bytes())
    assert refused.status_code == 400  # type: ignore[attr-defined]
    assert 'id="import-problems"' in refused.text  # type: ignore[attr-defined]
    said = text(refused)
    assert "资助清单有" in said and "未导入任何记录" in said
    assert re.search(r"<td class=\"num\">2</td><td>事项标识</td><td>为空；此项必填</td>", refused.text)  # type: ignore[attr-defined]
    assert read_ledger(data / "ledger.sqlite").count == 0 and not list((data / "tmp").iterdir())


@pytest.mark.parametrize(("name", "content", "policy", "sentence"), [
    ("a.xls", b"x", OTHER_POLICY, "a.xls：不是 .xlsx 工作簿"),
    ("a.xlsx", AWARDS.read_bytes(), "", "请填写政策名称"),
    ("a.xlsx", AWARDS.read_bytes(), "政" * 300, "政策名称有 300 个字符，最多 200 个：请只写政策的名称，如其文号"),
    ("a.xlsx", AWARDS.read_bytes(), "市级\n技改", "政策名称中有换行符或其他控制字符"),
])
def test_an_import_refused(client: TestClient, data: Path, name: str, content: bytes, policy: str,
                           sentence: str) -> None:
    make_ledger(client)
    refused = import_awards(client, name, content, policy)
    assert refused.status_code == 400  # type: ignore[attr-defined]
    assert sentence in text(refused) and 'id="import-problems"' not in refused.text  # type: ignore[attr-defined]
    assert read_ledger(data / "ledger.sqlite").count == 0 and not list((data / "tmp").iterdir())


def test_an_import_before_the_ledger_is_made_says_so(client: TestClient, data: Path) -> None:
    refused = import_awards(client, "其他政策.xlsx", AWARDS.read_bytes())
    assert refused.status_code == 400  # type: ignore[attr-defined]
    assert "还没有资助台账：请先在本页新建资助台账，再导入" in text(refused)
    assert not (data / "ledger.sqlite").exists() and not list((data / "tmp").iterdir())


def test_the_ledger_shows_its_times_in_the_computers_own_zone(client: TestClient, data: Path,
                                                              monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("TZ", "Asia/Shanghai")
    time.tzset()
    try:
        make_ledger(client)
        import_awards(client, "其他政策.xlsx", AWARDS.read_bytes())
        recorded = datetime.fromisoformat(read_ledger(data / "ledger.sqlite").entries[0].recorded_at)
        assert recorded.utcoffset() == timedelta(0)  # the ledger keeps UTC; the page shows Chongqing's time
        shown = (recorded + timedelta(hours=8)).strftime("%Y-%m-%d %H:%M:%S")
        assert f"<td>{shown}</td>" in client.get("/ledger").text
    finally:
        monkeypatch.undo()
        time.tzset()


def test_the_entries_found_and_the_csv_of_them_all(client: TestClient, data: Path, tmp_path: Path) -> None:
    run_id = finished_run(client)
    make_ledger(client)
    publish(client, run_id)
    found = text(client.get("/ledger?q=91500106MA40KG94D3"))
    assert "共1条记录，合计 40.59万元" in found and "重庆华岩电子集团有限公司" in found
    assert "共2条记录" in text(client.get("/ledger?q=铜锣水泥"))
    everything = text(client.get("/ledger"))
    assert "共127条记录" in everything and "下表只列出" not in everything
    csv = client.get("/ledger/ledger.csv")
    assert csv.status_code == 200 and csv.headers["content-disposition"] == 'attachment; filename="ledger.csv"'
    assert csv.content == ledger_csv(entries(data / "ledger.sqlite"))
    shown = CliRunner().invoke(cli, ["ledger", "show", str(data / "ledger.sqlite"), "--csv"])
    assert shown.exit_code == 0 and shown.stdout_bytes == csv.content


def test_a_ledger_changed_outside_budgetopt_is_named_not_shown(client: TestClient, data: Path) -> None:
    make_ledger(client)
    import_awards(client, "其他政策.xlsx", AWARDS.read_bytes())
    tamper(data / "ledger.sqlite", 1)
    page = client.get("/ledger")
    said = text(page)
    assert "哈希链不完整，发现 1 处在 budgetopt 之外的改动" in said and "第1条记录已被修改" in said
    assert 'id="ledger-entries"' not in page.text and 'id="import-form"' not in page.text
    assert client.get("/ledger/ledger.csv").status_code == 404


def test_a_file_that_is_no_ledger(client: TestClient, data: Path) -> None:
    (data / "ledger.sqlite").write_bytes(b"hello")
    said = text(client.get("/ledger"))
    assert "无法使用" in said and "不是 budgetopt 资助台账" in said and "请找回台账的备份" in said
    refused = import_awards(client, "其他政策.xlsx", AWARDS.read_bytes())
    assert refused.status_code == 409  # type: ignore[attr-defined]
    said = text(refused)
    assert said.count("不是 budgetopt 资助台账") == 1 and "资助台账现在无法使用（原因见本页上方），不能导入。" in said


def test_a_run_published_into_the_ledger_it_counted_is_not_published_into_another(tmp_path: Path) -> None:
    given = tmp_path / "given.sqlite"
    init_ledger(given)
    with app_client(tmp_path / "data", ledger=given) as client:
        sign_in(client)
        run_id = finished_run(client)
        publish(client, run_id)
        assert read_ledger(given).count == 127
    with app_client(tmp_path / "data") as client:  # started again without --ledger: the data folder's ledger
        sign_in(client)
        make_ledger(client)
        page = client.get(f"/runs/{run_id}/publish")
        said = text(page)
        assert f"本次运行已公示到它所计入的资助台账 {given.resolve()}，不再公示到现在使用的这一本。" in said
        assert 'id="rerun-link"' not in page.text and 'id="publish-form"' not in page.text
    assert read_ledger(tmp_path / "data" / "ledger.sqlite").count == 0


def test_a_run_without_an_award_is_not_published(client: TestClient, tmp_path: Path) -> None:
    scenario = tmp_path / "tiny.toml"
    scenario.write_text('year = 2026\nbudget = "1000元"\nmin_funding_ratio = 0.5\n', encoding="utf-8")
    run_id = str(submit(client, SAMPLE, scenario).json()["id"])
    assert wait(client, run_id)["status"] == "done"
    make_ledger(client)
    page = client.get(f"/runs/{run_id}/publish")
    assert "本次运行没有获资助的申报，无须公示。" in text(page) and 'id="rerun-link"' not in page.text
    answer = client.post(f"/api/runs/{run_id}/publish", headers=BEARER)
    assert answer.status_code == 409 and answer.json() == {"error": f"{run_id}：本次运行没有获资助的申报，无须公示。"}


def test_the_ledger_page_in_english(client: TestClient) -> None:
    make_ledger(client)
    said = text(client.get("/ledger?lang=en"))
    assert "(the data folder's ledger.sqlite)" in said and "intact: nothing changed outside budgetopt" in said


def test_the_forms_addresses_go_back_to_the_ledger(client: TestClient) -> None:
    for path in ("/ledger/new", "/ledger/import"):
        answer = client.get(path)
        assert answer.status_code == 303 and answer.headers["location"] == "/ledger", path


# ---------------------------------------------------------------- the blank workbook


def test_the_blank_workbook_is_budgetopt_templates(client: TestClient, tmp_path: Path) -> None:
    answer = client.get("/template.xlsx")
    assert answer.status_code == 200
    assert answer.headers["content-disposition"] == 'attachment; filename="template.xlsx"'
    result = CliRunner().invoke(cli, ["template", str(tmp_path / "t.xlsx")])
    assert result.exit_code == 0, result.output
    assert answer.content == (tmp_path / "t.xlsx").read_bytes()
    assert 'href="/template.xlsx"' in client.get("/new").text


# ---------------------------------------------------------------- corrections (核减、撤销)


def correct(client: TestClient, **fields: str) -> object:
    """The correction form sent: the page that shows what would be recorded, to confirm (or why not)."""
    return client.post("/ledger/correct", data={"csrf_token": CSRF, **fields})


def hidden_fields(page: str) -> dict[str, str]:
    return {name: html.unescape(value)
            for name, value in re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', page)}


def confirmed(client: TestClient, **fields: str) -> object:
    """The correction form sent, then confirmed as the confirmation page's button does (its fields as it holds them);
    the page that refused it, when it did."""
    shown = correct(client, **fields)
    if 'id="correct-confirm-form"' not in shown.text:  # type: ignore[attr-defined]
        return shown
    return client.post("/ledger/correct", data={**hidden_fields(shown.text), "step": "confirm"})  # type: ignore[attr-defined]


def test_an_award_lowered_on_the_ledgers_page_is_budgetopt_ledger_correct(client: TestClient, data: Path) -> None:
    make_ledger(client)
    import_awards(client, "其他政策.xlsx", AWARDS.read_bytes())
    listed = client.get("/ledger?correct=1")
    assert 'href="/ledger?correct=2#correct"' in listed.text and 'id="correct-seq" value="1"' in listed.text
    assert f'max="{date.today().isoformat()}"' in listed.text  # the browser offers no date a decision cannot have
    done = confirmed(client, seq="２", to="50万", basis="渝经信发〔2027〕5号：追回50万", on="2026-10-01")  # an IME's ２
    said = text(done)
    assert done.status_code == 200
    assert "已在资助台账 " in said and "记入第3条记录：核减第2条资助" in said and "由1,000,000元减为500,000元" in said
    state = read_ledger(data / "ledger.sqlite")
    assert state.stands_at(2) == 500_000 and state.entries[-1].award.basis == "渝经信发〔2027〕5号：追回50万"
    assert str(state.entries[-1].award.awarded_on) == "2026-10-01"  # after its payment, 2026-09-15
    assert '<tr id="entry-3" class="correction">' in done.text
    assert "核减第2条（2026-10-01）：渝经信发〔2027〕5号：追回50万" in said
    assert "核减后为50.00万元" in said and "共3条记录，合计 80.00万元" in said  # 100万 + 30万 − 50万
    assert 'href="/ledger?correct=3#correct"' not in done.text  # a correction is not corrected itself
    assert [(t.policy, t.count, t.amount) for t in by_policy_year(state.entries)] == [(OTHER_POLICY, 2, 800_000)]
    revoked = confirmed(client, seq="2", to="0", basis="撤销")
    assert [t.count for t in by_policy_year(read_ledger(data / "ledger.sqlite").entries)] == [1]  # revoked: none
    assert revoked.status_code == 200 and "已撤销" in text(revoked)
    assert 'href="/ledger?correct=1#correct" class="correct-link">核减</a>' in revoked.text
    assert 'href="/ledger?correct=2#correct" class="correct-link restore-link">恢复</a>' in revoked.text  # restorable


@pytest.mark.parametrize(("fields", "status", "said"), [
    ({"seq": "1", "to": "abc", "basis": ""}, 400, "更正后的金额应为0或以上的整元金额（如 1000000、100万），"
                                                  "而不是“abc” 请写明更正的依据（如决定的文号、公示异议的处理结果）"),
    ({"seq": "x", "to": "0", "basis": "撤销"}, 400, "记录序号应为1或以上的整数，而不是“x”"),
    ({"seq": "2", "to": "100万", "basis": "x"}, 409, "第2条资助现为1,000,000元，与更正后的金额相同：无需更正"),
    ({"seq": "2", "to": "200万", "basis": "x"}, 409, "第2条资助的导入金额为1,000,000元（现为1,000,000元）："
                                                    "更正后的金额不能高于导入金额"),
    ({"seq": "9", "to": "0", "basis": "x"}, 409, "没有第9条记录（共2条）"),
    ({"seq": "1", "to": "0", "basis": "x", "on": "2026-01-01"}, 409, "更正决定的日期2026-01-01早于第1条资助的日期"),
])
def test_a_correction_refused_on_the_page_says_why_and_keeps_what_was_typed(
        client: TestClient, data: Path, fields: dict[str, str], status: int, said: str) -> None:
    make_ledger(client)
    import_awards(client, "其他政策.xlsx", AWARDS.read_bytes())
    refused = correct(client, **fields)
    assert refused.status_code == status and said in text(refused)
    assert f'id="correct-basis" value="{fields["basis"]}"' in refused.text
    assert f'id="correct-on" value="{fields.get("on", "")}"' in refused.text
    assert read_ledger(data / "ledger.sqlite").count == 2


def test_a_correction_needs_the_pages_csrf_token_and_a_ledger(client: TestClient, data: Path) -> None:
    assert correct(client, seq="1", to="0", basis="x").status_code == 400  # no ledger yet
    assert "还没有资助台账，没有可以核减的资助。" in text(correct(client, seq="1", to="0", basis="x"))
    assert not (data / "ledger.sqlite").exists()
    make_ledger(client)
    import_awards(client, "其他政策.xlsx", AWARDS.read_bytes())
    forged = client.post("/ledger/correct", data={"seq": "1", "to": "0", "basis": "x"})
    assert forged.status_code == 403 and read_ledger(data / "ledger.sqlite").count == 2
    shown = correct(client, seq="1", to="0", basis="x")
    forged = client.post("/ledger/correct", data={**hidden_fields(shown.text), "csrf_token": "", "step": "confirm"})  # type: ignore[attr-defined]
    assert forged.status_code == 403 and read_ledger(data / "ledger.sqlite").count == 2  # confirming needs it too
    assert client.get("/ledger/correct", follow_redirects=False).headers["location"] == "/ledger"


def test_a_correction_is_shown_to_be_confirmed_before_anything_is_recorded(client: TestClient, data: Path) -> None:
    """核减 was saved in one click, the form naming no more than an entry's number: a mistyped 12 for 21 cut another
    enterprise's award, for good. The form now shows what would be recorded — who, which award, from what to
    what, on what basis — and only 确认记入台账 records it; 返回修改 gives the form back as typed."""
    run_id = finished_run(client)
    make_ledger(client)
    publish(client, run_id)
    entry = read_ledger(data / "ledger.sqlite").entries[4]
    award = entry.award
    listed = client.get(f"/ledger?correct={entry.seq}")  # the form names the award beside its number
    who = f"{award.applicant}，{award.application_id}，第{award.clause}条，{award.project}"
    assert f"第{entry.seq}条资助：{who}，" in text(listed)
    assert f'<td class="nowrap">{award.clause}</td><td>{award.project}</td>' in listed.text  # its clause, project
    today = date.today().isoformat()  # the award was published today: its correction is decided today
    fields = {"seq": str(entry.seq), "to": "1万", "basis": "渝经信发〔2027〕9号：验收核减", "on": today}
    shown = correct(client, **fields)
    assert shown.status_code == 200 and 'id="correct-confirm-form"' in shown.text  # type: ignore[attr-defined]
    said = text(shown)
    assert read_ledger(data / "ledger.sqlite").count == 127  # nothing recorded yet
    assert not any((data / "tmp").iterdir())  # the copy of the ledger the library decided it in: gone
    assert f"将把第{entry.seq}条资助（{who}）由{amount_text(award.amount, 'zh')}核减为1.00万元。" in said
    for fact in (award.credit_code, award.application_id, award.clause, award.project, "2026",
                 f"（{award.amount:,}元）", "（10,000元）", "渝经信发〔2027〕9号：验收核减", today):
        assert str(fact) in said, fact
    assert "确认记入台账" in said and "返回修改" in said
    back = client.post("/ledger/correct", data={**hidden_fields(shown.text), "step": "back"})  # type: ignore[attr-defined]
    assert back.status_code == 200 and read_ledger(data / "ledger.sqlite").count == 127
    assert 'id="correct-to" value="1万"' in back.text
    assert 'id="correct-basis" value="渝经信发〔2027〕9号：验收核减"' in back.text
    done = client.post("/ledger/correct", data={**hidden_fields(shown.text), "step": "confirm"})  # type: ignore[attr-defined]
    assert done.status_code == 200 and f"核减第{entry.seq}条资助" in text(done)
    state = read_ledger(data / "ledger.sqlite")
    assert state.count == 128 and state.stands_at(entry.seq) == 10_000
    english = text(client.post("/ledger/correct?lang=en", data={"csrf_token": CSRF, "seq": str(entry.seq), "to": "0",
                                                               "basis": "x"}))
    assert f"The award of entry {entry.seq} ({award.applicant}, {award.application_id}, clause {award.clause}" in (
        english) and "now 1.00万, will be revoked" in english


def test_a_correction_confirmed_after_the_award_changed_is_not_recorded(client: TestClient, data: Path) -> None:
    make_ledger(client)
    import_awards(client, "其他政策.xlsx", AWARDS.read_bytes())
    shown = correct(client, seq="2", to="50万", basis="追回")
    meanwhile = client.post("/api/ledger/corrections", data={"seq": "2", "to": "80万", "basis": "另一位经办人"},
                            headers=BEARER)
    assert meanwhile.status_code == 200
    late = client.post("/ledger/correct", data={**hidden_fields(shown.text), "step": "confirm"})  # type: ignore[attr-defined]
    assert late.status_code == 409
    assert "第2条资助在确认前已有变动：核对时为100.00万元，现为80.00万元（可能正是这一更正已经记入" in text(late)
    assert "本次没有记入" in text(late)
    state = read_ledger(data / "ledger.sqlite")
    assert state.count == 3 and state.stands_at(2) == 800_000
    assert 'id="correct-to" value="50万"' in late.text  # the form as typed, to check and send again


def test_a_correction_by_the_api(client: TestClient, data: Path) -> None:
    """A finance system records a recovery: the same correction as the page's, JSON in and out, no CSRF token."""
    fields = {"seq": "2", "to": "40万", "basis": "渝财发〔2027〕3号：追回60万", "on": "2026-10-01"}
    none_yet = client.post("/api/ledger/corrections", data=fields, headers=BEARER)
    assert none_yet.status_code == 404 and none_yet.json() == {"error": "还没有资助台账，没有可以核减的资助。"}
    make_ledger(client)
    import_awards(client, "其他政策.xlsx", AWARDS.read_bytes())
    done = client.post("/api/ledger/corrections", data={**fields, "lang": "en"}, headers=BEARER)
    assert done.status_code == 200
    assert {k: v for k, v in done.json().items() if k != "said"} == {"entry": 3, "corrects": 2, "before": 1_000_000,
                                                                     "after": 400_000, "kind": "lowered", "entries": 3}
    assert "lowered from 1,000,000 to 400,000 yuan" in done.json()["said"]
    again = client.post("/api/ledger/corrections", data=fields, headers=BEARER)
    assert again.status_code == 409
    assert again.json() == {"error": "第2条资助现为400,000元，与更正后的金额相同：无需更正"}
    wrong = client.post("/api/ledger/corrections", data={"seq": "2", "to": "x"}, headers=BEARER)
    assert wrong.status_code == 400 and wrong.json()["error"].startswith("更正后的金额应为0或以上的整元金额")
    assert client.post("/api/ledger/corrections", data=fields).status_code == 403  # a cookie, no CSRF token
    assert client.get("/api/ledger", headers=BEARER).json()["total"] == 700_000
