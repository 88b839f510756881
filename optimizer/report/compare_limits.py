"""Which of one run's limits the other's awards break, in words — the sentence (the first few, how many more, where
all are listed), each limit broken as the files list it, the judged run's total over the measuring run's smaller
budget told apart from the budgets' difference (and what the rest comes from), audit's other findings counted, and
audit's lines with their sources in words rather than the scenario's keys — for compare.xlsx's and compare.html's
限额核对, the valuation's sentence (compare_words.py) and the app's page alike."""

from __future__ import annotations

import re

from optimizer.report.compare_ledger import breach_text, ledger_text, sentences
from optimizer.report.units import amount_text
from optimizer.results import Breach, ComparisonResult, LimitCheck
from optimizer.words import Phrase, pick

SHOWN_BREACHES = 3  # the limits broken a sentence names; the others are counted, and listed in compare.xlsx


def limits_text(check: LimitCheck | None, lang: str, face: str | None = None, shown: int = SHOWN_BREACHES,
                listed: str | None = None, c: ComparisonResult | None = None) -> str:
    """Which of one run's limits the other's awards break (the first `shown`, and how many more, and where all are
    listed: compare.xlsx, or below on the app's page; `listed="html"`, further down compare.html), that they keep
    them all, or why they were not checked; "" when no check was asked for. Given the comparison `c`, a total over
    the measuring run's budget that is the budgets' difference is said as that, before the list, not in it (see
    budget_aside)."""
    if check is None:
        return ""
    sides = {"judged": check.judged, "by": check.by}
    if check.unchecked is not None:
        why = tuple(check.unchecked.text(language, face).rstrip("。.") for language in ("zh", "en"))
        return Phrase.of("report.compare.limits_unchecked", why=why, **sides).text(lang, face)
    ledger = ledger_text(check, lang, face)
    aside = None if c is None else budget_aside(c, check)
    breaches = [b for b in check.breaches if b is not aside]
    budget = "" if aside is None or c is None else Phrase.of(
        "report.compare.limits_budget_aside", over=_amounts(aside.over), gap=_amounts(_budget_gap(c, check)),
        **sides).text(lang, face)
    if not breaches and not check.others:
        kept = "report.compare.limits_kept" + ("_else" if budget else "")
        return sentences(budget, Phrase.of(kept, **sides).text(lang, face), ledger, lang=lang)
    named = [breach_words(c, check, b, lang) for b in breaches[:shown]]
    more = len(breaches) - shown
    others = other_rules(check.others, lang, sides, alone=not breaches)
    where = "report.compare.limits_more" + (f".{listed}" if listed else "")
    said = Phrase.of("report.compare.limits_broken", breaches=("；" if lang == "zh" else "; ").join(named),
                     more=Phrase.of(where, count=more).text(lang, face) if more > 0 else "",
                     **sides).text(lang, face) if breaches else ""
    return sentences(budget, said, others, ledger, lang=lang)


def budget_aside(c: ComparisonResult, check: LimitCheck) -> Breach | None:
    """The judged run's total over what the measuring run may allocate, when it is over by no more than the judged
    run's budget is larger: the budgets' difference, which the valuation tells apart, not a limit broken (a
    planner's review: `A的分配不满足B的限额：合计分配11,699.981万元，可分配额最多9,700.00万元` opened the list,
    under B's smaller budget). None otherwise: the budgets are equal, or the total is over by more (a larger reserve,
    say: see breach_words)."""
    return next((b for b in check.breaches if b.rule == "budget" and 0 < b.over == budget_part(c, check, b)), None)


def breach_words(c: ComparisonResult | None, check: LimitCheck, breach: Breach, lang: str) -> str:
    """One limit broken as the lists say it (breach_text) — but the judged run's total over the measuring run's
    smaller budget in two parts, the budgets' difference and the rest, when it is over by more (a planner's review:
    B at 1.8亿 with a 700万 reserve, and A's whole 2,199.991万 over it listed as the limit broken, the 2000万 budgets'
    difference said just before included), with where the rest comes from where that is the measuring run's larger
    reserve (rest_source): `合计分配19,499.991万元，可分配额最多17,300.00万元，超出2,199.991万元，其中2,000.00万元
    是两次运行的预算之差，其余199.991万元来自B较多的预留（700.00万元，A为500.00万元），计为超限`; and marked as
    that difference when it is over by no more (budget_aside: the sentence says it apart, the files list it, marked,
    among the rest — an officer's review: compare.xlsx listed it first of nine, unmarked, under a sentence that
    counted eight); and, the budgets equal, the total over by the measuring run's larger reserve said with how much
    and whence (_reserve_words). Every amount as the rest of the row says it (amount_text: an officer's review read
    `2000万元` beside `1,999.991万元`)."""
    text = breach_text(breach, lang)
    part = budget_part(c, check, breach)
    if c is not None and not part and breach.rule == "budget" and breach.over > 0 and _budget_gap(c, check) == 0:
        return _reserve_words(c, check, breach, lang) or text
    if not part or c is None:
        return text
    gap = amount_text(_budget_gap(c, check), lang)
    if part == breach.over:
        return Phrase.of("report.compare.breach.budget_within", breach=text, gap=gap).text(lang)
    source = rest_source(c, check)
    return Phrase.of("report.compare.breach.budget_beyond", used=amount_text(breach.used, lang),
                     limit=amount_text(breach.limit, lang), over=amount_text(breach.over, lang), gap=gap,
                     rest=amount_text(breach.over - part, lang),
                     source=source.text(lang) if source is not None else "").text(lang)


def _reserve_words(c: ComparisonResult, check: LimitCheck, breach: Breach, lang: str) -> str | None:
    """The judged run's total over what the measuring run may allocate, under equal budgets, where the measuring run's
    larger reserve is all it comes from: `合计分配19,499.991万元，可分配额最多19,300.00万元，超出199.991万元，来自B较多
    的预留（700.00万元，A为500.00万元）` (an auditor's review: said neither how much nor whence, where a smaller budget
    said both); None where the reserve is not its source."""
    if rest_source(c, check) is None:
        return None
    runs = {"A": c.a, "B": c.b}
    return Phrase.of("report.compare.breach.budget_reserve", used=amount_text(breach.used, lang),
                     limit=amount_text(breach.limit, lang), over=amount_text(breach.over, lang), by=check.by,
                     judged=check.judged, reserve=amount_text(runs[check.by].total("reserve"), lang),
                     other=amount_text(runs[check.judged].total("reserve"), lang)).text(lang)


def budget_part(c: ComparisonResult | None, check: LimitCheck, breach: Breach) -> int:
    """How much of a limit broken is the budgets' difference, not counted as over it: of the judged run's total over
    what the measuring run may allocate, as much as the judged run's budget is larger (the whole excess at most);
    0 for any other limit, or where the judged run's budget is not the larger.

    The files' rows count the rest as over (counted_over) and this part beside it (a planner's review: the row's
    超出 held the whole 21,999,910 where the sentence beside it counted 1,999,910)."""
    if c is None or breach.rule != "budget" or breach.over <= 0:
        return 0
    return max(0, min(breach.over, _budget_gap(c, check)))


def counted_over(c: ComparisonResult | None, check: LimitCheck, breach: Breach) -> int:
    """How far a limit is broken, as the sentence counts it: the whole excess but the budgets' difference (0 for a
    total within it); below a floor, negative."""
    return breach.over - budget_part(c, check, breach)


def rest_source(c: ComparisonResult, check: LimitCheck) -> Phrase | None:
    """Where the judged run's total over the measuring run's available, beyond the budgets' difference, comes from,
    when that is the measuring run's larger reserve (the year's earlier rounds alike): the rest is that reserve's
    excess, less what the judged run left unspent — `来自B较多的预留（700.00万元，A为500.00万元），`; None otherwise."""
    runs = {"A": c.a, "B": c.b}
    judged, by = runs[check.judged], runs[check.by]
    if judged.total("earlier_rounds") != by.total("earlier_rounds") or by.total("reserve") <= judged.total("reserve"):
        return None
    return Phrase.of("report.compare.breach.rest_reserve", by=check.by, judged=check.judged,
                     reserve=_amounts(by.total("reserve")), other=_amounts(judged.total("reserve")))


def budget_note(c: ComparisonResult | None, check: LimitCheck, breach: Breach) -> Phrase | None:
    """What audit's line of a limit broken is followed by where part of it is the budgets' difference, in audit's
    yuan: `（未超过两次运行的预算之差20,000,000元，不计为超限）` where all of it is (an officer's and a planner's
    review: the line read `超出19,999,910元` beside a row marked as not counted), `（其中20,000,000元为两次运行的预算
    之差，其余1,999,910元计为超限）` where part is; None where none is."""
    part = budget_part(c, check, breach)
    if not part or c is None:
        return None
    if part == breach.over:
        return Phrase.of("report.compare.line.budget_within", gap=f"{_budget_gap(c, check):,}")
    return Phrase.of("report.compare.line.budget_beyond", gap=f"{part:,}", rest=f"{breach.over - part:,}")


def _amounts(yuan: int) -> tuple[str, str]:
    return amount_text(yuan, "zh"), amount_text(yuan, "en")


def listed_breaches(c: ComparisonResult, check: LimitCheck) -> tuple[Breach, ...]:
    """The limits the sentence lists as broken: the check's, but the total that is the budgets' difference."""
    aside = budget_aside(c, check)
    return tuple(b for b in check.breaches if b is not aside)


def _budget_gap(c: ComparisonResult, check: LimitCheck) -> int:
    """How much larger the judged run's budget is than the measuring run's (negative: smaller)."""
    runs = {"A": c.a, "B": c.b}
    return runs[check.judged].total("budget") - runs[check.by].total("budget")


OTHER_RULES = ("rounding", "min_ratio", "whole_award")  # said by name; any other rule audit finds, as "其他"


def other_rules(rules: tuple[str, ...], lang: str, sides: dict[str, str], alone: bool) -> str:
    """Audit's findings of one run's awards other than a limit broken, counted, with their rules: `另有12处不符合A的
    其他规则（取整单位、最低资助比例）。` — `alone`, when no limit is broken; "" for none."""
    if not rules:
        return ""
    named = [rule if rule in OTHER_RULES else "other" for rule in rules]
    kinds = [Phrase.of(f"report.compare.rule.{rule}").text(lang) for rule in dict.fromkeys(named)]
    code = "report.compare.limits_other_alone" if alone else "report.compare.limits_other"
    return Phrase.of(code, count=len(rules), rules=("、" if lang == "zh" else ", ").join(kinds), **sides).text(lang)


def other_findings(check: LimitCheck) -> list[tuple[str, Phrase]]:
    """A check's findings other than a limit broken: each rule with audit's line ([] when not kept)."""
    return list(zip(check.others, check.other_lines, strict=False))


# the scenario's keys audit's lines cite, each as the setting's name in words (report.compare.key.*)
_KEYS = (("budget", r"budget、reserve|budget, reserve"),
         ("envelope_max", r'\[\[envelopes\]\] "(?P<name>.+?)" (?:max、max_share|max, max_share|max_share|max)'),
         ("envelope_min", r'\[\[envelopes\]\] "(?P<name>.+?)" min'),
         ("district_share", r"\[districts\] max_share"), ("applicant_cap", r"\[applicants\] max_total"),
         ("applicant_period_cap", r"\[applicants\] max_period_total"), ("group_cap", r"\[groups\] max_total"),
         ("rounding", r"rounding"), ("min_ratio", r"min_funding_ratio"), ("whole_award", r'fixed_awards = "whole"'),
         ("year", r"year"))


def audit_line(line: Phrase, by: str, lang: str, face: str | None = None, note: Phrase | None = None) -> str:
    """Audit's line of a finding, where it comes from said in words rather than the scenario's TOML keys — `……超出
    20,000,000元——A的情景：专项额度“人工智能赋能”上限`, not `——情景：[[envelopes]] "人工智能赋能" max` (an
    officer's review); `by`, whose scenario. A key not known here is left as audit says it. A limit is not introduced
    by audit's key for it in English (`人工智能赋能: envelope max: …`, not `envelope:人工智能赋能: envelope max: …`),
    and a status line gives no advice on editing a sheet by hand: two runs compared were not edited. `note`
    follows audit's finding, before its source (budget_note)."""
    params = dict(line.params)
    source = params.get("source")
    if line.code != "audit.violation" or not isinstance(source, tuple):
        return line.text(lang, face)
    text = pick(source, lang)
    scenario = re.escape(Phrase.of("audit.source.scenario", keys="").text(lang))
    for key, pattern in _KEYS:
        def said(found: re.Match[str], key: str = key) -> str:
            setting = Phrase.of(f"report.compare.key.{key}", name=found.groupdict().get("name") or "")
            return Phrase.of("report.compare.set_in", by=by, setting=setting.both()).text(lang, face)
        # the keys alone, or (audit's Chinese) after the setting in words: `情景：单户上限（[applicants] max_total）`
        text = re.sub(f"{scenario}(?P<words>[^；（]*（)?(?:{pattern})(?(words)）)(?=；|; |$)", said, text)
    what = _said(params["what"], lang).removesuffix(Phrase.of("audit.status_advice").text(lang))
    what += note.text(lang) if note is not None else ""
    subject = _said(params["subject"], lang)
    if lang != "zh":
        keyed = re.fullmatch(r"(?:envelope|envelope_min|district_share|applicant_cap|applicant_period_cap|group_cap)"
                             r":(?P<name>.+)|(?P<budget>budget)", subject)
        if keyed and keyed.group("budget"):  # `budget less reserve: …` says it
            return Phrase.of("report.compare.line_unkeyed", what=what, source=text).text(lang)
        subject = keyed.group("name") if keyed else subject
    return Phrase.of("audit.violation", subject=subject, what=what, source=text).text(lang)


def _said(words: object, lang: str) -> str:
    """A parameter of a phrase in `lang`: a (Chinese, English) pair, or the same in both."""
    return pick(words, lang) if isinstance(words, tuple) else str(words)
