"""The browser app in a real browser: `budgetopt serve` started as the officer starts it, Debian's Chromium driven by
Playwright through the pages as a finance officer clicks them — upload, the scenario form, run, download, how sure
the funding line is — and the allocation.csv and stability.csv downloaded are the command line's, byte for byte. No
page logs an error, no request fails, and no request goes to any other host than the app's own.

Chromium is Debian's package and Playwright is a dev dependency; `.ci/run` installs both. Without them the module is
skipped, as tests/test_libreoffice.py is without LibreOffice.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from click.testing import CliRunner
from helpers import ZH_HEADERS, code, row, write_rows
from webapp import CHROMIUM_PATH, DONE_MS, SAMPLE, Officer, Served, cli_allocate, launch_chromium, served

from optimizer.cli import cli
from optimizer.jobs.corrections import correction_notice
from optimizer.jobs.summary import ledger_summary
from optimizer.web.registry import Registry

sync_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install -e '.[dev]')")
if not CHROMIUM_PATH.is_file():
    pytest.skip(f"Chromium is not installed at {CHROMIUM_PATH} (.ci/run installs it)", allow_module_level=True)

expect = sync_api.expect


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Served]:
    with served(tmp_path_factory.mktemp("serve") / "data") as running:
        yield running


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    with sync_api.sync_playwright() as playwright:
        chromium = launch_chromium(playwright)
        try:
            yield chromium
        finally:
            chromium.close()


@pytest.fixture(scope="module")
def officer(browser: Any, server: Served, tmp_path_factory: pytest.TempPathFactory) -> Iterator[Officer]:
    person = Officer(browser, server, tmp_path_factory.mktemp("downloads"))
    person.sign_in()
    yield person
    person.close()


@pytest.fixture(scope="module")
def first_run(officer: Officer) -> str:
    """The officer's day: the sample workbook uploaded, 1.5亿 with a 20% district cap typed into the form, run."""
    officer.upload(SAMPLE)
    page = officer.page
    expect(page.locator("#no-problems")).to_contain_text("434")
    page.fill("#f-budget", "1.5亿")
    page.fill("#f-district", "20%")
    return officer.run()


def test_the_officers_day_gives_the_command_lines_allocation(officer: Officer, first_run: str, server: Served,
                                                           tmp_path: Path) -> None:
    page = officer.page
    expect(page.locator("#run-budget")).to_have_text("15,000.00万元")
    downloaded = officer.download("#download-allocation-csv")
    manifest = json.loads(officer.download("#download-manifest-json"))
    assert manifest["scenario"]["districts"]["max_share"] == "0.2"  # the scenario the app ran, as its manifest says
    scenario = tmp_path / "scenario.toml"
    scenario.write_text("[districts]\nmax_share = 0.2\n", encoding="utf-8")
    cli = cli_allocate(tmp_path / "cli", SAMPLE, "--budget", "1.5亿", "--scenario", str(scenario))
    assert downloaded == (cli / "allocation.csv").read_bytes()
    assert manifest["scenario"] == json.loads((cli / "manifest.json").read_text(encoding="utf-8"))["scenario"]
    assert manifest["outputs"]["allocation.csv"]["sha256"] == (
        json.loads((cli / "manifest.json").read_text(encoding="utf-8"))["outputs"]["allocation.csv"]["sha256"])
    officer.watch.assert_clean()


def test_one_applications_outcome_and_the_report_on_the_run_page(officer: Officer, first_run: str) -> None:
    officer.open(f"/runs/{first_run}")
    page = officer.page
    page.fill("#search", "2026-0061")
    officer.follow("#search-button")
    expect(page.locator("#match-1")).to_contain_text("2026-0061")
    report = page.frame_locator("#report")
    expect(report.locator("h1").first).to_be_visible()
    officer.watch.assert_clean()


def test_the_run_pages_warnings_as_the_report_groups_them(officer: Officer, first_run: str) -> None:
    """The 就高 warning under report.html's heading, not at the workbook's name; the notes at a cell folded, as its
    other notes (an officer's review)."""
    officer.open(f"/runs/{first_run}")
    page = officer.page
    expect(page.locator("#run-action h2")).to_have_text("警告（公示前须处理）")
    expect(page.locator("#run-caution-1")).to_contain_text("1项内容按就高保留了核定额较高的申报")
    expect(page.locator("#run-action")).not_to_contain_text("sample_applications.xlsx")
    expect(page.locator("#run-warnings summary")).to_have_text("其他提示（3条）")
    expect(page.locator("#warnings-table")).to_be_hidden()
    page.locator("#run-warnings summary").click()
    expect(page.locator("#warnings-table th").nth(2)).to_have_text("提示")
    officer.watch.assert_clean()


def test_how_sure_is_the_funding_line(officer: Officer, first_run: str, server: Served, tmp_path: Path) -> None:
    """From the run's page to a stability run of its workbook and scenario (5 draws), its findings and report, and
    the command line's stability.csv."""
    officer.open(f"/runs/{first_run}")
    page = officer.page
    officer.follow("#stability-link")
    expect(page.locator("#s-draws")).to_have_value("200")
    page.fill("#s-draws", "5")
    officer.follow("#stability-button")
    expect(page.locator("#run-status")).to_have_attribute("data-status", "done", timeout=DONE_MS)
    page.wait_for_load_state("networkidle")
    expect(page.locator("#class-sometimes")).to_be_visible()
    expect(page.frame_locator("#stability-report").locator("h1").first).to_be_visible()
    downloaded = officer.download("#download-stability-csv")
    record = Registry(server.data).get(page.url.rsplit("/", 1)[1])
    assert record is not None and record.scenario is not None and record.params["draws"] == 5
    result = CliRunner().invoke(cli, ["stability", str(SAMPLE), "--scenario", str(server.data / "inputs" /
                                                                                   record.scenario),
                                      "--draws", "5", "--sigma", "2", "--seed", "1", "--out", str(tmp_path), "--quiet"])
    assert result.exit_code == 0, result.output
    assert downloaded == (tmp_path / "stability.csv").read_bytes()
    officer.watch.assert_clean()


def test_an_upload_keeps_the_scenario_the_form_had(officer: Officer, first_run: str, tmp_path: Path) -> None:
    """A second round started from the first run (以此为基础新建分配), a value typed, then its workbook uploaded: the
    form keeps the first run's scenario and what was typed (carried by the page's script)."""
    second = write_rows(tmp_path / "第二批申报汇总表.xlsx", [row(application_id="2026-B001", credit_code=code(5))])
    officer.open(f"/new?from={first_run}")
    page = officer.page
    expect(page.locator("#f-budget")).to_have_value("1.5亿")
    page.fill("#f-name", "第二批")
    page.set_input_files("#workbook-file", str(second))
    officer.follow("#upload-button")
    expect(page.locator("#uploaded")).to_contain_text("第二批申报汇总表.xlsx")
    expect(page.locator("#f-budget")).to_have_value("1.5亿")
    expect(page.locator("#f-district")).to_have_value("0.2")
    expect(page.locator("#f-name")).to_have_value("第二批")
    officer.watch.assert_clean()


def test_a_broken_scenario_file_keeps_what_was_typed(officer: Officer, first_run: str, tmp_path: Path) -> None:
    """An officer's review: a form filled in, then a broken scenario file chosen — the file's error, and every field
    emptied. The page's script carries the form as it stands with the file, what was typed since the page came too."""
    broken = tmp_path / "bad.toml"
    broken.write_text("[[envelopes]\nname = 1\n", encoding="utf-8")
    officer.open(f"/new?from={first_run}")
    page = officer.page
    page.fill("#f-name", "第三批")
    page.set_input_files("#scenario-file", str(broken))
    officer.follow("#scenario-file-button")
    expect(page.locator("#scenario-file-problems")).to_contain_text("bad.toml")
    expect(page.locator("#f-name")).to_have_value("第三批")
    expect(page.locator("#f-budget")).to_have_value("1.5亿")
    expect(page.locator("#f-district")).to_have_value("0.2")


def test_a_workbook_with_a_bad_row_shows_its_problems_by_row_and_column(officer: Officer, tmp_path: Path) -> None:
    book = write_rows(tmp_path / "申报汇总.xlsx", [row(application_id="A-1", credit_code=code(1)),
                                                row(application_id="A-2", credit_code=code(2), score=140)],
                      ZH_HEADERS, "申报项目")
    officer.upload(book)
    table = officer.page.locator("#problems tbody tr")
    expect(table).to_have_count(1)
    assert table.first.locator("td").all_inner_texts() == ["3", "评审得分", "应在0到100之间，填写的是 140"]
    expect(officer.page.locator("#problems-count")).to_contain_text("发现 1 处问题")
    officer.watch.assert_clean()


def test_a_second_run_and_the_two_compared(officer: Officer, first_run: str) -> None:
    officer.upload(SAMPLE)
    page = officer.page
    officer.choose_preset("scenario_2026_ai_push")  # a preset chosen is a preset filled in
    expect(page.locator("#f-name")).to_have_value("2026年人工智能加力方案")  # the Chinese form fills its Chinese name
    second = officer.run()
    officer.follow("#nav-runs")
    expect(page.locator("#compare-button")).to_be_disabled()  # two picks, no more and no fewer
    page.check(f"#pick-{first_run}")
    page.check(f"#pick-{second}")
    officer.follow("#compare-button")
    expect(page.locator("#compare-runs")).to_contain_text("A：default · 1.5亿元")  # as the run lists name them
    expect(page.locator("#compare-runs")).to_contain_text("B：2026年人工智能加力方案 · 2亿元")
    expect(page.locator("#compare-count")).to_contain_text("项申报的结果不同")
    expect(page.frame_locator("#compare-report").locator("h1").first).to_be_visible()
    assert officer.download("#download-compare-xlsx")[:2] == b"PK"
    officer.watch.assert_clean()


def test_the_least_budget_for_a_goal(officer: Officer) -> None:
    """From a run of the 2026 preset to its goal search (every eligible application scoring 85 or more, in full):
    the least budget found, its goal.csv, and a new allocation at that budget. Before the ledger is made (the last
    test): a ledger counted would change the answer."""
    officer.upload(SAMPLE)
    officer.choose_preset("scenario_2026")
    officer.run()
    page = officer.page
    officer.follow("#goal-link")
    page.fill("#goal-min-score", "85")
    officer.follow("#goal-button")
    expect(page.locator("#run-status")).to_have_attribute("data-status", "done", timeout=DONE_MS)
    page.wait_for_load_state("networkidle")
    # optimizer.min_budget's answer, the year's whole budget
    expect(page.locator("#goal-headline")).to_have_text(
        "所需最低预算（全年预算，含预留 500万元）：18,433万元（1.84亿元）")
    table = officer.download("#download-goal-csv")
    # the UTF-8 BOM, then the header
    assert table.split(b"\r\n", 1)[0].decode() == ("\ufeffapplication_id,applicant,clause,score,status,allocated,"
                                                   "reachable,sets_budget,status_at_high,allocated_at_high,"
                                                   "reason_at_high,elsewhere,elsewhere_proven_least,together,"
                                                   "together_proven_least")
    officer.follow("#goal-new-run")
    expect(page.locator("#f-budget")).to_have_value("18433万")
    officer.watch.assert_clean()


def test_chinese_by_default_and_english_on_request(officer: Officer) -> None:
    officer.open("/")
    page = officer.page
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    expect(page.locator("#nav-new")).to_have_text("新建分配")
    officer.follow("#lang-switch")
    assert page.locator("html").get_attribute("lang") == "en"
    expect(page.locator("#nav-new")).to_have_text("New run")
    officer.follow("#nav-new")  # remembered from page to page
    expect(page.locator("h1")).to_have_text("New run")
    officer.follow("#lang-switch")
    expect(page.locator("h1")).to_have_text("新建分配")
    assert page.locator("html").get_attribute("lang") == "zh-CN"
    officer.watch.assert_clean()


def test_a_wrong_token_gets_the_refusal_page_not_the_app(browser: Any, server: Served,
                                                         tmp_path: Path) -> None:
    stranger = Officer(browser, server, tmp_path)
    try:
        page = stranger.page
        answer = stranger.open("/?token=not-the-token")
        assert answer is not None and answer.status == 403
        expect(page.locator("#message")).to_have_text("令牌不正确。请打开 budgetopt serve 启动时显示的地址。")
        assert page.locator("nav").count() == 0 and page.locator("#runs-table").count() == 0
        answer = stranger.open("/new")  # and no cookie was set: still outside
        assert answer is not None and answer.status == 403
        expect(page.locator("#message")).to_contain_text("没有访问权限")
        refused = "console.error: Failed to load resource: the server responded with a status of 403 (Forbidden)"
        assert stranger.watch.console == [refused, refused]  # Chromium's note on each refused page, and nothing else
        assert (stranger.watch.failed, stranger.watch.foreign) == ([], [])
    finally:
        stranger.close()


def test_the_year_published_and_the_ledger(officer: Officer, server: Served) -> None:
    """Last, since every run after it counts the ledger it makes: a run of the 2026 preset, published (公示) from its
    page — the ledger made on the way — its 公示 list downloaded, the ledger's page listing its awards, and one of
    them revoked from there (核减)."""
    officer.upload(SAMPLE)
    officer.choose_preset("scenario_2026")
    run_id = officer.run()
    page = officer.page
    officer.follow("#publish-link")
    expect(page.locator("#ledger-absent")).to_contain_text("还没有资助台账")
    officer.follow("#make-ledger")
    expect(page.locator("#publish-warning")).to_contain_text("台账只增不改")
    expect(page.locator("#objection-days")).to_have_value("5")
    officer.follow("#publish-button")
    expect(page.locator("#published-headline")).to_contain_text("已公示：")
    with page.expect_download() as started:  # saved under the run's id: each round's list told apart
        page.click("#download-notice-xlsx")
    assert started.value.suggested_filename == f"{run_id}-公示名单.xlsx"
    notice = officer.download("#download-notice-xlsx")
    assert notice[:2] == b"PK" and notice == (server.data / "runs" / run_id / "notice.xlsx").read_bytes()
    officer.follow("#back-to-run")
    expect(page.locator("#run-published")).to_contain_text("已公示")
    assert page.locator("#publish-link").count() == 0
    officer.follow("#nav-ledger")
    expect(page.locator("#ledger-intact")).to_contain_text("完整")
    expect(page.locator("#ledger-totals")).to_contain_text("渝经信规范〔2026〕2号")
    page.fill("#ledger-search", "2026-0061")
    officer.follow("#ledger-search-button")
    expect(page.locator("#ledger-entries tbody tr")).to_have_count(1)
    assert officer.download("#ledger-csv")[:3] == "\ufeff".encode()
    officer.follow("#ledger-entries .correct-link")  # an objection upheld: the award lowered, then counted so
    expect(page.locator("#correct-seq")).not_to_have_value("")
    page.fill("#correct-to", "0")
    page.fill("#correct-basis", "渝经信发〔2027〕5号：公示异议成立")
    officer.follow("#correct-button")  # first what would be recorded, to confirm: nothing written yet
    expect(page.locator("#correct-what")).to_contain_text("将撤销第")
    expect(page.locator("#correct-award-application")).to_have_text("2026-0061")
    officer.follow("#correct-confirm")
    expect(page.locator("#correct-done")).to_contain_text("撤销第")
    expect(page.locator("#correct-done")).to_contain_text("依据：渝经信发〔2027〕5号：公示异议成立")
    expect(page.locator("#ledger-entries tr.correction")).to_have_count(1)
    # the list sent with a district's funds: the summary of one district, saved under a name that says so
    page.select_option("#summary-year", "2026")
    page.select_option("#summary-district", "两江新区")
    with page.expect_download() as started:
        page.click("#summary-button")
    assert started.value.suggested_filename == "渝经信规范〔2026〕2号-2026-两江新区-资助汇总.xlsx"
    saved = officer.downloads / "summary.xlsx"
    started.value.save_as(saved)
    ledger = server.data / "ledger.sqlite"
    assert saved.read_bytes() == ledger_summary(ledger, year=2026, district="两江新区").xlsx()
    # the revocation announced: the year's correction notice from its link, then from the form with 10 days to object
    with page.expect_download() as started:
        page.click(".corrections-link")
    assert started.value.suggested_filename == "渝经信规范〔2026〕2号-2026-更正公告.xlsx"
    started.value.save_as(saved)
    assert saved.read_bytes() == correction_notice(ledger, year=2026).xlsx()
    page.fill("#corrections-days", "10")
    with page.expect_download() as started:
        page.click("#corrections-button")
    started.value.save_as(saved)
    assert saved.read_bytes() == correction_notice(ledger).xlsx(objection_days=10)
    with page.expect_download() as started:  # and its checks, a file of their own, never published
        page.click("#checks-button")
    assert started.value.suggested_filename == "渝经信规范〔2026〕2号-更正公告-核对信息.xlsx"
    started.value.save_as(saved)
    assert saved.read_bytes() == correction_notice(ledger).checks_xlsx(objection_days=10)  # the form's days, as typed
    officer.open(f"/runs/{run_id}")  # the run's page says what its awards stand at now
    expect(page.locator("#run-corrected")).to_contain_text("其后撤销1项：本次公示的资助现为126项")
    officer.watch.assert_clean()
