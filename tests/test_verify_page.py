"""verify reads report.html's tables of applications back (reading/report_html.py), and allocation.xlsx's 状态说明 and
原因, whatever wrote them: an auditor's review found report.html edited with its hash recomputed, under an earlier
writers' version (whose bytes this budgetopt cannot reproduce), only a note."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from verified import allocated, edit_manifest, rehash, run

from optimizer.jobs.verify import verify
from optimizer.reading.report_html import PageError, PageLimits, page_tables, read_page_tables
from optimizer.report.manifest import WRITERS

PAGE_EDITED = ("the report.html beside manifest.json has the SHA-256 the manifest records, but its tables of "
               "applications, read back, are not the run's allocation: changed after the run")


@pytest.fixture(scope="module")
def made(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The sample allocated (in English) on copies of its workbook and scenario."""
    return allocated(tmp_path_factory.mktemp("page"))


@pytest.fixture
def recorded(made: Path, tmp_path: Path) -> Path:
    """A copy of the run, its manifest saying an earlier writers' version wrote its files."""
    shutil.copytree(made, tmp_path, dirs_exist_ok=True)
    edit_manifest(tmp_path / "run", lambda d: d["tool"].update(writers=WRITERS - 1))
    return tmp_path / "run"


def edit_page(folder: Path, change: Callable[[str], str], *, row: str | None = None,
              table: str = "<h2>Applications</h2>") -> None:
    """report.html edited after `table`'s heading — in the row of the application `row` only, where given — and its
    hash in the manifest with it."""
    path = folder / "report.html"
    page = path.read_text(encoding="utf-8")
    start = page.index(table)
    if row is None:
        edited = page[:start] + change(page[start:])
    else:
        found = re.compile(rf"<tr>(?:(?!</tr>).)*<td>{row}</td>.*?</tr>").search(page, start)
        assert found is not None
        edited = page[:found.start()] + change(found.group()) + page[found.end():]
    assert edited != page
    path.write_text(edited, encoding="utf-8")
    rehash(folder, "report.html")


# --- report.html's tables of applications


def test_an_amount_edited_in_an_earlier_writers_report_is_named(recorded: Path) -> None:
    """An auditor's review: an earlier writers' report.html edited, its SHA-256 recomputed, was only a note."""
    edit_page(recorded, lambda tr: tr.replace('data-v="0.0">0.00</td><td>not funded',
                                              'data-v="0.0">50.00</td><td>not funded'), row="2026-0001")
    code, out, err = run("verify", recorded / "manifest.json")
    assert code == 4, out
    assert err.endswith(f"  {PAGE_EDITED}\n  report.html, table 'Applications', row 2 (2026-0001): allocated is "
                        "50万, 0 yuan in the run's allocation.csv\n"), err
    assert verify(recorded / "manifest.json").texts("zh") == (
        "manifest.json 旁的 report.html 虽有复核清单记录的 SHA-256，但读回的申报明细与该次运行的分配不同："
        "运行后被改动过",
        "report.html「Applications」表第2行（2026-0001）：分配额为50万元，该次运行的 allocation.csv 为0元")


def test_a_status_and_a_reason_edited_in_the_report_are_named(recorded: Path) -> None:
    edit_page(recorded, lambda tr: tr.replace("<td>not funded</td><td>fixed award of 500,000;",
                                              "<td>funded in full</td><td>fixed award of 500,000 (paid);"),
              row="2026-0001")
    assert verify(recorded / "manifest.json").texts("en")[1:] == (
        "report.html, table 'Applications', row 2 (2026-0001): status is 'funded in full', 'not funded' in the run "
        "(UNFUNDED in its allocation.csv)",
        "report.html, table 'Applications', row 2 (2026-0001): reason is 'fixed award of 500,000 (paid); the budget "
        "ran out at the funding line; all-or-nothing: 500,000 does … (122 characters)', 'fixed award of 500,000; the "
        "budget ran out at the funding line; all-or-nothing: 500,000 does not fit… (115 characters)' in the run's "
        "allocation.csv")


def test_a_row_taken_out_of_the_report_and_a_row_of_the_funding_line_edited_are_named(recorded: Path) -> None:
    edit_page(recorded, lambda tr: "", row="2026-0002")
    page = (recorded / "report.html").read_text(encoding="utf-8")
    first = re.search(r"<h2>The funding line</h2>.*?<tbody><tr>.*?<td>(\d{4}-\d{4})</td><td>([^<]*)</td>", page)
    assert first is not None
    line, applicant = first.groups()
    edit_page(recorded, lambda tr: tr.replace(f"<td>{applicant}</td>", "<td>重庆另一家有限公司</td>"), row=line,
              table="<h2>The funding line</h2>")
    assert verify(recorded / "manifest.json").texts("en")[1:] == (
        f"report.html, table 'The funding line', row 2 ({line}): applicant is '重庆另一家有限公司', '{applicant}' in "
        "the run's allocation.csv",
        "report.html, table 'Applications', has no row for 2026-0002, which the run's allocation.csv has")


def test_a_column_given_twice_is_compared_twice_and_an_amount_that_is_none_is_quoted(recorded: Path) -> None:
    """A page whose 分配额 column is there twice, the run's amounts in the second, is not read by the second alone;
    an amount written with an exponent is no amount a page shows (nor one to work out: 10 to the billionth)."""
    statuses = "funded in full|partly funded|not funded|ineligible|duplicate|invalid row"
    edit_page(recorded, lambda rest: re.sub(rf'(data-v="[\d.]+">([\d,.]+)</td>)(<td>(?:{statuses})</td>)',
                                            r"\1<td>\2</td>\3", rest.replace(
                                                '<th class="n">Allocated (万元)</th>',
                                                '<th class="n">Allocated (万元)</th><th>Allocated (万元)</th>', 1)))
    edit_page(recorded, lambda tr: tr.replace('data-v="0.0">0.00</td><td>0.00</td><td>not funded',
                                              'data-v="0.0">50.00</td><td>0.00</td><td>not funded'), row="2026-0001")
    edit_page(recorded, lambda tr: tr.replace('data-v="0.0">0.00</td><td>0.00</td><td>not funded',
                                              'data-v="0.0">9e999999999</td><td>0.00</td><td>not funded'),
              row="2026-0002")
    assert verify(recorded / "manifest.json").texts("en")[1:] == (
        "report.html, table 'Applications', row 2 (2026-0001): allocated is 50万, 0 yuan in the run's allocation.csv",
        "report.html, table 'Applications', row 3 (2026-0002): allocated is '9e999999999', 0 yuan in the run's "
        "allocation.csv")


def test_a_report_without_its_table_of_applications_or_a_column_is_a_difference(recorded: Path) -> None:
    edit_page(recorded, lambda rest: rest.replace("<th class=\"n\">Allocated (万元)</th>", "<th>Paid</th>", 1))
    assert verify(recorded / "manifest.json").texts("en")[1:] == (
        "report.html, table 'Applications', has no allocated column",)
    edit_page(recorded, lambda rest: rest.replace("<th class=\"n\">Row</th>", "<th>#</th>", 1))
    assert verify(recorded / "manifest.json").texts("en") == (
        "the report.html beside manifest.json has no table of the applications (one headed 'Application ID' and "
        "'Row'): changed after the run",)


def test_a_report_that_cannot_be_read_back_is_a_difference(recorded: Path) -> None:
    (recorded / "report.html").write_bytes(b"<html>\xff\xfe</html>")
    rehash(recorded, "report.html")
    check = verify(recorded / "manifest.json")
    assert check.texts("en") == ("the report.html beside manifest.json cannot be read back for its applications: "
                                 "report.html: not UTF-8 text (byte 6 cannot be decoded)",)
    assert check.texts("zh") == ("manifest.json 旁的 report.html 无法读回其申报明细：report.html：不是 UTF-8 文本"
                                 "（第6个字节无法解码）",)


def test_a_report_edited_without_its_hash_names_the_rows_too(recorded: Path) -> None:
    edit_page(recorded, lambda tr: tr.replace("<td>2026-0001</td><td>重庆华岩科技股份有限公司</td>",
                                              "<td>2026-0001</td><td>重庆华岩科技有限公司</td>"), row="2026-0001")
    edit_manifest(recorded, lambda d: d["outputs"]["report.html"].update(sha256="0" * 64))
    assert verify(recorded / "manifest.json").texts("en") == (
        "the report.html beside manifest.json is not the file the run wrote (the re-run's differs): changed since",
        "report.html, table 'Applications', row 2 (2026-0001): applicant is '重庆华岩科技有限公司', "
        "'重庆华岩科技股份有限公司' in the run's allocation.csv")


# --- allocation.xlsx's 状态 (the status in words) and 原因


def edit_sheet(folder: Path, cell: str, before: str, after: str) -> None:
    """allocation.xlsx's first sheet's text cell `cell`, which begins `before`, made to begin `after`; its hash with
    it."""
    path = folder / "allocation.xlsx"
    edited = io.BytesIO()
    old = f'<c r="{cell}" s="0" t="inlineStr"><is><t xml:space="preserve">{before}'.encode()
    new = f'<c r="{cell}" s="0" t="inlineStr"><is><t xml:space="preserve">{after}'.encode()
    with zipfile.ZipFile(path) as was, zipfile.ZipFile(edited, "w", zipfile.ZIP_DEFLATED) as now:
        for info in was.infolist():
            data = was.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                assert data.count(old) == 1
                data = data.replace(old, new)
            now.writestr(info, data)
    path.write_bytes(edited.getvalue())
    rehash(folder, "allocation.xlsx")


def test_the_status_in_words_and_the_reason_of_allocation_xlsx_are_compared(recorded: Path) -> None:
    """What 状态 (in words, since writers' version 8; 状态说明 before) and 原因 say is what a signed printout says of
    an application: not compared, an earlier writers' workbook could say 全额资助 beside 0 with exit 0."""
    edit_sheet(recorded, "K2", "not funded", "funded in full")
    edit_sheet(recorded, "L2", "fixed award of 500,000; the budget", "fixed award of 500,000, paid; the budget")
    check = verify(recorded / "manifest.json")
    assert check.texts("en") == (
        "the allocation.xlsx beside manifest.json has the SHA-256 the manifest records, but its allocation sheet, read "
        "back, is not the run's allocation: changed after the run",
        "allocation.xlsx row 2 (2026-0001): status is 'funded in full', 'not funded' in the run (UNFUNDED in its "
        "allocation.csv)",
        "allocation.xlsx row 2 (2026-0001): reason is 'fixed award of 500,000, paid; the budget ran out at the "
        "funding line; all-or-nothing: 500,000 does n… (121 characters)', 'fixed award of 500,000; the budget ran out "
        "at the funding line; all-or-nothing: 500,000 does not fit… (115 characters)' in the run's allocation.csv")
    assert check.texts("zh")[1] == ("allocation.xlsx 第2行（2026-0001）：状态为“funded in full”，该次运行为"
                                    "“not funded”（allocation.csv 中为 UNFUNDED）")


# --- reading a page back, as a hostile file


PAGE = ("<h2>Applications</h2><table><thead><tr><th>ID</th><th>Allocated</th></tr></thead><tbody>"
        "<tr><td>2026-0001</td><td>50.00</td></tr></tbody></table>")


def test_a_page_is_read_as_its_tables_text_without_scripts_styles_or_comments() -> None:
    page = ("<h2>Applications</h2><style>td{display:none}</style><table><tr><th>ID</th><th>Allocated</th></tr>"
            "<tr><td>2026-&#48;001<!-- 2026-0002 --></td><td><b>5</b>0.00<script>x = '<td>9</td>'</script></td></tr>"
            "<tr><td>A &amp; B</td><td><table><tr><th>inner</th></tr><tr><td>x</td></tr></table> 0 </td></tr>"
            "</table>")
    outer, inner = page_tables(page.encode(), "report.html")
    assert (outer.heading, outer.headers, outer.rows) == ("Applications", ("ID", "Allocated"),
                                                          (("2026-0001", "50.00"), ("A & B", "0")))
    assert (inner.headers, inner.rows) == (("inner",), (("x",),))


@pytest.mark.parametrize(("data", "limits", "said"), [
    (PAGE.encode() + b" " * 10, PageLimits(max_bytes=len(PAGE)), "larger than 0 MB, which no report.html budgetopt "
                                                                   "writes is"),
    (PAGE.encode("utf-16"), PageLimits(), "not UTF-8 text (byte 0 cannot be decoded)"),
    (PAGE.encode(), PageLimits(max_cells=3), "its tables hold more than 3 cells"),
    (PAGE.encode(), PageLimits(max_cell_chars=5), "a cell is longer than 5 characters"),
    (("<table><tr><td>" + "&#x4e00;" * 10 + "</td></tr></table>").encode(), PageLimits(max_cell_chars=9),
     "a cell is longer than 9 characters"),
])
def test_a_page_beyond_the_limits_is_refused_with_a_reason(data: bytes, limits: PageLimits, said: str) -> None:
    with pytest.raises(PageError) as caught:
        page_tables(data, "report.html", limits)
    assert caught.value.problems[0].text("en") == f"report.html: {said}"


def test_a_page_that_is_not_there_cannot_be_opened(tmp_path: Path) -> None:
    with pytest.raises(PageError) as caught:
        read_page_tables(tmp_path / "report.html")
    assert caught.value.problems[0].text("en").startswith("report.html: cannot be opened (")
