"""The award ledger on the command line (docs/ledger.md): `budgetopt ledger init | import | correct | show | summary |
corrections | check` and `budgetopt publish`."""

from __future__ import annotations

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import replace
from pathlib import Path

import click

from optimizer.cli.common import EXIT_DIFFERENCE, LANG, limit_options, print_problems, refuse_existing, say, write_new
from optimizer.cli.helptext import Command, Group
from optimizer.cli.usage import FilePath, FolderPath, Whole
from optimizer.errors import InputError
from optimizer.jobs.corrections import checks_name, correction_notice
from optimizer.jobs.ledger import correct_award, entries, import_awards
from optimizer.jobs.ledger_reports import xlsx_name
from optimizer.jobs.publish import publish
from optimizer.jobs.summary import ledger_summary
from optimizer.ledger import check_ledger, init_ledger
from optimizer.reading.guard import FileLimits
from optimizer.report.correction_notice import LAYOUTS as CORRECTION_LAYOUTS
from optimizer.report.ledger_out import ledger_csv, ledger_text
from optimizer.report.notice import LAYOUT, MOST_BATCH, MOST_OBJECTION_DAYS

LEDGER_FILE = click.argument("ledger", type=FilePath())


@click.group("ledger", cls=Group)
def ledger_group() -> None:
    """The award ledger: every award granted, so that a content is paid once across years and policies.

    \b
    Example:
      budgetopt ledger init 台账.sqlite
      budgetopt ledger show 台账.sqlite --credit-code 91500106MA7L4Q8GYA
    """


@ledger_group.command("init")
@LEDGER_FILE
@LANG
def ledger_init(ledger: Path, lang: str) -> None:
    """Create an empty award ledger (a SQLite file); an existing file is never replaced.

    \b
    Example:
      budgetopt ledger init 台账.sqlite
    """
    init_ledger(ledger)
    click.echo(say("ledger.created", path=ledger))


@ledger_group.command("import")
@LEDGER_FILE
@click.argument("awards_xlsx", type=FilePath())
@click.option("--policy", "policy_name", required=True, metavar="NAME",
              help="The policy the awards were granted under, e.g. 渝府发〔2025〕9号.")
@LANG
@limit_options
def ledger_import(ledger: Path, awards_xlsx: Path, policy_name: str, lang: str, limits: FileLimits) -> None:
    """Record awards granted under another municipal policy.

    AWARDS_XLSX has the columns 统一社会信用代码, 事项标识, 金额 (unit in the header, e.g. 金额（万元）) and 拨付日期,
    and optionally 申报单位 and 关联企业组.

    Awards imported under this policy's own number (awards it made outside budgetopt) count, in the year of their
    拨付日期, towards that year's budget and caps, as an earlier round of it.

    \b
    Example:
      budgetopt ledger import 台账.sqlite data/awards_other_policy_2026.xlsx --policy 市级技术改造专项（2026年度）
    """
    imported = import_awards(ledger, awards_xlsx, policy_name, limits=limits)
    print_problems(imported.warnings)
    click.echo(imported.summary().text())


@ledger_group.command("correct")
@LEDGER_FILE
@click.argument("seq", type=Whole(min=1))
@click.option("--to", "amount", required=True, metavar="AMOUNT",
              help="What the award stands at after the correction, e.g. 1000000 or 100万; 0 revokes it; at most "
                   "what it was first granted at.")
@click.option("--basis", required=True, metavar="TEXT",
              help="The decision it rests on: its document number, the outcome of an objection.")
@click.option("--on", "day", metavar="DATE",
              help="The decision's date as YYYY-MM-DD, today or before (default: today).")
@LANG
def ledger_correct(ledger: Path, seq: int, amount: str, basis: str, day: str | None, lang: str) -> None:
    """Lower (核减) or revoke (--to 0) the award of entry SEQ.

    Entries are never changed: the correction is an entry of its own, in the hash chain. Prior support, the period
    cap, audit and the totals count the award as it then stands.

    A correction recorded by mistake is put right the same way: --to may be higher than the award stands at now, up
    to what it was first granted at (its 公示 amount, or the amount imported). That raises it again (调增), or
    restores it (恢复), a revoked award too.

    \b
    Example:
      budgetopt ledger correct 台账.sqlite 2 --to 0 --basis "渝经信发〔2027〕5号：公示异议成立"
      budgetopt ledger correct 台账.sqlite 2 --to 100万 --basis "渝经信发〔2027〕6号：异议复核不成立，恢复资助"
    """
    with as_options("to", "basis", "on"):
        corrected = correct_award(ledger, seq, to=amount, basis=basis, on=day)
    click.echo(corrected.summary().text())


@contextmanager
def as_options(*names: str) -> Iterator[None]:
    """The library's arguments `names`, named in its InputError, as this command's options (--to); a LedgerError is
    the file's, and left as it is."""
    try:
        yield
    except InputError as exc:
        if type(exc) is not InputError:
            raise
        options = {name: f"--{name}" for name in names}
        raise InputError([replace(p, file=options.get(p.file, p.file)) for p in exc.problems]) from None


@ledger_group.command("show")
@LEDGER_FILE
@click.option("--credit-code", metavar="CODE", help="Only this applicant's entries.")
@click.option("--csv", "as_csv", is_flag=True, help="Every field as CSV (UTF-8 with BOM) on stdout, for Excel.")
@LANG
def ledger_show(ledger: Path, credit_code: str | None, as_csv: bool, lang: str) -> None:
    """List the ledger's entries in the order recorded, with their total.

    \b
    Example:
      budgetopt ledger show 台账.sqlite --credit-code 91500106MA7L4Q8GYA
      budgetopt ledger show 台账.sqlite --csv > 台账.csv
    """
    found = entries(ledger, credit_code=credit_code)
    if as_csv:
        sys.stdout.buffer.write(ledger_csv(found))
        sys.stdout.flush()
    else:
        click.echo(ledger_text(found, lang))


@ledger_group.command("summary")
@LEDGER_FILE
@click.argument("out_xlsx", type=FilePath())
@click.option("--year", type=Whole(min=1900, max=2999), metavar="YEAR",
              help="Only this year's awards (default: every year).")
@click.option("--district", metavar="NAME", help="Only this district's awards: the list sent with its funds.")
@click.option("--policy", "policy_name", metavar="NAME",
              help="Another policy's imported awards (default: this policy's, 渝经信规范〔2026〕2号).")
@click.option("--upto", type=Whole(min=0), metavar="N",
              help="From the first N entries only: an earlier summary made again (it names its N).")
@click.option("--overwrite", is_flag=True, help="Replace OUT_XLSX if it exists.")
@LANG
def ledger_summary_command(ledger: Path, out_xlsx: Path, year: int | None, district: str | None,
                           policy_name: str | None, upto: int | None, overwrite: bool, lang: str) -> None:
    """Sum up the awards as they stand, by year, clause and district, in a workbook.

    Each award counts as it stands after its corrections (核减、撤销), with what it was first granted at; the
    workbook names the entries it was made from (their number and the last hash).

    \b
    Example:
      budgetopt ledger summary 台账.sqlite 2026年度资助汇总.xlsx --year 2026
      budgetopt ledger summary 台账.sqlite 两江新区2026.xlsx --year 2026 --district 两江新区
    """
    refuse_existing(xlsx_name(out_xlsx), overwrite)
    with as_options("year", "district", "policy", "upto"):
        summary = ledger_summary(ledger, year=year, district=district, policy=policy_name, upto=upto)
    for found in summary.changed_after:
        click.echo(say("summary.changed_after", upto=upto, finding=found.text()), err=True)
    click.echo(summary.text(lang))
    write_new(out_xlsx, summary.xlsx(lang), overwrite)


@ledger_group.command("corrections")
@LEDGER_FILE
@click.argument("out_xlsx", type=FilePath())
@click.option("--year", type=Whole(min=1900, max=2999), metavar="YEAR",
              help="Only the corrections of this year's awards (default: every year).")
@click.option("--policy", "policy_name", metavar="NAME",
              help="Corrections of another policy's imported awards (default: this policy's, 渝经信规范〔2026〕2号).")
@click.option("--after", type=Whole(min=0), metavar="N",
              help="Only the corrections recorded after entry N: those since the last notice (its checks name its N).")
@click.option("--upto", type=Whole(min=0), metavar="N",
              help="From the first N entries only: an earlier notice made again (its checks name its N).")
@click.option("--objection-days", type=Whole(min=1, max=MOST_OBJECTION_DAYS), default=5, show_default=True,
              metavar="DAYS", help="Working days in which to object, as the notice of this policy's corrections says.")
@click.option("--batch", type=Whole(min=1, max=MOST_BATCH), metavar="N",
              help="The notice's number among the year's, in its title: 更正公告（第二批） for 2.")
@click.option("--layout", type=Whole(min=min(CORRECTION_LAYOUTS), max=max(CORRECTION_LAYOUTS)), default=LAYOUT,
              show_default=True, metavar="N",
              help="Write the notice as this layout did, to make one posted before again (its checks name its layout): "
                   "3 cites each clause by budgetopt's id (第7b条), as before 7 December 2026.")
@click.option("--overwrite", is_flag=True, help="Replace OUT_XLSX if it exists.")
@LANG
def ledger_corrections_command(ledger: Path, out_xlsx: Path, year: int | None, policy_name: str | None,
                               after: int | None, upto: int | None, objection_days: int, batch: int | None,
                               layout: int, overwrite: bool, lang: str) -> None:
    """The correction notice (更正公告) of the awards lowered or revoked, one line a correction.

    Each line gives what the award stood at before the correction and after it, and the basis and the date of the
    decision. Beside OUT_XLSX, its checks (OUT-核对信息.xlsx), not for publication: each line's ledger entries, and the
    number N of entries the notice was made from.

    \b
    Example:
      budgetopt ledger corrections 台账.sqlite 2026年度更正公告.xlsx --year 2026
      budgetopt ledger corrections 台账.sqlite 更正公告（第二批）.xlsx --after 128 --batch 2
      budgetopt ledger corrections 台账.sqlite 更正公告.xlsx --year 2026 --upto 129 --layout 3
    """
    checks = checks_name(xlsx_name(out_xlsx, "corrections.not_xlsx"), lang)
    for path in (out_xlsx, checks):
        refuse_existing(path, overwrite)
    with as_options("year", "policy", "after", "upto"):
        notice = correction_notice(ledger, year=year, policy=policy_name, after=after, upto=upto)
    for found in notice.changed_after:
        click.echo(say("corrections.changed_after", upto=upto, finding=found.text()), err=True)
    click.echo(notice.text(lang))
    notice.write(out_xlsx, lang, objection_days, batch, layout)
    click.echo(say("corrections.wrote", notice=out_xlsx, checks=checks))
    click.echo(say("corrections.next", entries=notice.listed.entries))


@ledger_group.command("check")
@LEDGER_FILE
@LANG
def ledger_check(ledger: Path, lang: str) -> None:
    """Check the ledger's hash chain: exit 0 when intact, 4 naming every entry changed, removed or reordered.

    \b
    Example:
      budgetopt ledger check 台账.sqlite
    """
    tampering = check_ledger(ledger)
    if not tampering:
        click.echo(say("ledger.intact", path=ledger, **_facts(ledger)))
        return
    for found in tampering:
        click.echo(found.text(), err=True)
    click.echo(say("ledger.not_intact", path=ledger, count=len(tampering)), err=True)
    raise click.exceptions.Exit(EXIT_DIFFERENCE)


def _facts(ledger: Path) -> dict[str, object]:
    """The count and the last hash in full: what an auditor copies down, to hold the file to later (docs/ledger.md:
    a ledger cannot vouch for itself)."""
    found = entries(ledger)
    return {"entries": len(found), "head": found[-1].hash if found else "—"}


@click.command("publish", cls=Command)
@click.argument("run_dir", type=FolderPath())
@click.option("--ledger", "ledger_path", required=True, type=FilePath(),
              help="The award ledger to record the run's awards in.")
@click.option("--objection-days", type=Whole(min=1, max=MOST_OBJECTION_DAYS), default=5, show_default=True,
              help="Working days of the 公示 period, as the notice says.")
@click.option("--batch", type=Whole(min=1, max=MOST_BATCH), metavar="N",
              help="The list's number among the year's, in its title: 公示名单（第二批） for 2. By default the "
                   "ledger's publications of the policy's year are counted: the second is 2, the first has none.")
@click.option("--starts", metavar="DATE",
              help="The 公示's first day, as YYYY-MM-DD: said with its period, and the notice's date (else left to "
                   "fill in).")
@click.option("--contact", metavar="TEXT", help="Who answers questions on the list, and how: a line of the notice.")
@LANG
def publish_command(run_dir: Path, ledger_path: Path, objection_days: int, batch: int | None, starts: str | None,
                    contact: str | None, lang: str) -> None:
    """Publish a run: the 公示 list notice.xlsx and awards.json into RUN_DIR, its awards into the ledger.

    All of the run's awards are recorded, or none.

    Refused (exit 2) when the run is already in the ledger or did not count the ledger as it now stands; exit 4
    when the run's allocation.csv or workbook no longer match its manifest.

    \b
    Example:
      budgetopt allocate data/sample_applications.xlsx --scenario data/scenario_2026.toml --out r2026 \\
                         --ledger 台账.sqlite
      budgetopt publish r2026 --ledger 台账.sqlite --starts 2026-12-08 --contact "经信委 张三 023-6388 0000"
    """
    with as_options("starts", "contact"):
        published = publish(run_dir, ledger_path, lang=lang, objection_days=objection_days, batch=batch,
                            starts=starts, contact=contact)
    click.echo(published.summary().text())
