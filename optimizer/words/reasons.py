"""Reasons for people: how an entitlement was set and why an award is less than it, in Chinese or English.

Domain values carry these facts as codes (`Reason`, `Basis`); only this module turns them into sentences, so the
CSV, the workbook and the HTML page say the same thing in the same words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal
from functools import lru_cache
from typing import TYPE_CHECKING

from optimizer.money import format_decimal, format_yuan
from optimizer.words.core import pick
from optimizer.words.labels import BASES, INDUSTRIES, SIZES

if TYPE_CHECKING:
    from optimizer.domain import Award, Basis, Reason

_ELIGIBLE = ("FUNDED", "PARTIAL", "UNFUNDED")

_REASONS: Mapping[str, tuple[str, str]] = {
    "procurement": ("第{clause}条为政府购买服务事项，不向申报单位拨付资金",
                    "clause {clause} is a government-procured service, never a grant"),
    "outside_period": ("申报日期{date}不在政策有效期（{start}至{end}）内",
                       "submitted on {date}, outside the policy's period {start} … {end}"),
    "outside_year": ("申报日期{date}不在{year}年度内", "submitted on {date}, outside the scenario year {year}"),
    "not_qualified": ("未确认资格：{zh}", "precondition not confirmed: {en}"),
    "industry_missing": ("未填写所属行业（第{clause}条仅支持{admitted_zh}）",
                         "industry not given (clause {clause} admits only {admitted_en})"),
    "industry_not_admitted": ("所属行业“{industry_zh}”不在第{clause}条支持范围（{admitted_zh}）",
                              "industry {industry_en} is not one clause {clause} admits ({admitted_en})"),
    "size_missing": ("未填写企业规模（第{clause}条仅支持{admitted_zh}企业）",
                     "enterprise size not given (clause {clause} admits only {admitted_en} enterprises)"),
    "size_not_admitted": ("{size_zh}企业不在第{clause}条支持范围（{admitted_zh}企业）",
                          "a {size_en} enterprise is not one clause {clause} admits ({admitted_en})"),
    "no_base": ("未填写{base_zh}或为0（按比例奖补）", "no {base_en} given (the award is a share of it)"),
    "superseded": ("同一内容就高保留申报{kept}，本项不重复资助",
                   "same content as {kept}, which is kept at the higher standard (not paid twice)"),
    "superseded_unfunded": ("同一内容就高保留申报{kept}，本项不重复资助（申报{kept}因预算等限额未获资助）",
                            "same content as {kept}, which is kept at the higher standard (not paid twice); {kept} "
                            "went unfunded under the budget and limits"),
    "prior_support_covers": ("已获市级同类支持{prior}元，不低于本项标准",
                             "already granted {prior} yuan for this content by other municipal policies"),
    "ledger_covers": ("台账记录该内容已获资助：{awards_zh}，合计{prior}元，不低于本项标准",
                      "the ledger records {prior} yuan already granted for this content ({awards_en}), not less "
                      "than this award"),
    "ledger_and_declared_cover": ("台账记录该内容已获资助：{awards_zh}，另申报表填写已获市级同类支持{declared}元，"
                                  "合计{prior}元，不低于本项标准",
                                  "the ledger records {awards_en} already granted for this content, and the "
                                  "workbook {declared} yuan from other municipal policies: {prior} yuan in all, not "
                                  "less than this award"),
    "budget": ("年度预算已分配完（资助线以下）", "the budget ran out at the funding line"),
    "budget_after": ("年度预算已分配完（资助线以下；本年度此前各批已资助{earlier}元，本次可分配{left}元）",
                     "the budget ran out at the funding line ({earlier} granted in this year's earlier rounds, "
                     "{left} available in this one)"),
    "envelope": ("专项额度“{name}”已用满", 'envelope "{name}" is full'),
    "envelope_after": ("专项额度“{name}”已用满（本年度此前各批已用{earlier}元，本次至多{left}元）",
                       'envelope "{name}" is full ({earlier} used in this year\'s earlier rounds, at most {left} in '
                       "this one)"),
    "district_share": ("{name}已达区县资金占比上限", "the district share of {name} is reached"),
    "district_share_after": ("{name}已达区县资金占比上限（本年度此前各批已获{earlier}元，本次至多{left}元）",
                             "the district share of {name} is reached ({earlier} granted in this year's earlier "
                             "rounds, at most {left} in this one)"),
    "applicant_cap": ("申报单位已达单户资助上限", "the applicant's cap is reached"),
    "applicant_cap_after": ("申报单位已达单户资助上限（本年度此前各批已获{earlier}元，本次至多{left}元）",
                            "the applicant's cap is reached ({earlier} granted in this year's earlier rounds, at "
                            "most {left} in this one)"),
    "applicant_period_cap": ("申报单位已达政策有效期内的资助上限",
                             "the applicant's cap over the policy's period is reached"),
    "applicant_period_cap_after": ("申报单位已达政策有效期内的资助上限（此前已获本政策资助{earlier}元，"
                                   "本次至多{left}元）",
                                   "the applicant's cap over the policy's period is reached ({earlier} granted under "
                                   "this policy before this run, at most {left} in it)"),
    "group_cap": ("关联企业组“{name}”已达资助上限", "the cap of the linked enterprises {name} is reached"),
    "group_cap_after": ("关联企业组“{name}”已达资助上限（本年度此前各批已获{earlier}元，本次至多{left}元）",
                        "the cap of the linked enterprises {name} is reached ({earlier} granted in this year's "
                        "earlier rounds, at most {left} in this one)"),
    "whole": ("定额奖励须全额拨付，剩余{left}元不足{amount}元",
              "all-or-nothing: {amount} does not fit in the {left} left"),
    "min_ratio": ("最低资助比例要求至少{floor}元，剩余仅{left}元",
                  "the minimum funding ratio needs {floor}, only {left} left"),
    "rounding": ("按{unit}元取整", "rounded down to a multiple of {unit}"),
    "zero_value": ("评审得分或条款权重为0", "its score or its clause's weight is 0"),
    "zero_entitlement": ("核定额不足1元", "entitled to less than one yuan"),
    "invalid": ("{problems_zh}", "{problems_en}"),
}

_REASON_KINDS: Mapping[str, tuple[str, str]] = {
    "procurement": ("政府购买服务事项", "government-procured service"),
    "outside_period": ("申报日期不在政策有效期内", "submitted outside the policy's period"),
    "outside_year": ("申报日期不在本年度内", "submitted outside the scenario year"),
    "not_qualified": ("未确认资格", "precondition not confirmed"),
    "industry_missing": ("未填写所属行业", "industry not given"),
    "industry_not_admitted": ("行业不在支持范围", "industry not admitted"),
    "size_missing": ("未填写企业规模", "enterprise size not given"),
    "size_not_admitted": ("企业规模不在支持范围", "enterprise size not admitted"),
    "no_base": ("未填写投资额（费用）", "no investment or event cost given"),
    "superseded": ("同一内容就高保留另一项", "same content kept at a higher standard"),
    "superseded_unfunded": ("同一内容就高保留另一项", "same content kept at a higher standard"),
    "prior_support_covers": ("已获同类支持", "already supported"),
    "ledger_covers": ("台账记录已获资助", "already granted, says the ledger"),
    "ledger_and_declared_cover": ("台账记录及申报表所填已获资助", "already granted, says the ledger and the workbook"),
    "applicant_period_cap_after": ("已达政策有效期内的资助上限", "the cap over the policy's period"),
}

_BASIS: Mapping[str, tuple[str, str]] = {
    "standard": ("定额奖励{gross}元", "fixed award of {gross}"),
    "maximum": ("按最高标准{gross}元", "the clause maximum of {gross}"),
    "rate": ("按{base_zh}比例核定{gross}元", "share of {base_en}: {gross}"),
    "requested": ("按申请金额{gross}元", "amount requested: {gross}"),
}


@lru_cache(maxsize=2**16)  # a year's reasons repeat: ~5,000 distinct among 100,000 rows
def reason_text(reason: Reason, lang: str) -> str:
    template = _REASONS.get(reason.code)
    if template is None:
        return reason.code
    return pick(template, lang).format_map(_with_names(reason.values))


def reason_kind(code: str, lang: str) -> str:
    """A few words naming a kind of reason, for counts: 未确认资格 / precondition not confirmed."""
    return pick(_REASON_KINDS[code], lang) if code in _REASON_KINDS else code


@lru_cache(maxsize=2**16)  # fixed awards share their basis: about half are repeats
def basis_text(basis: Basis, lang: str, base: str | None = None) -> str:
    """How the entitlement was set: `实际投资额40,000,000元×10%=4,000,000元，按最高标准3,000,000元`."""
    zh = lang == "zh"
    names = _base_names(base or "investment")
    parts = []
    if basis.rate is not None and basis.base is not None and basis.by_rate is not None:
        rate, amount = ratio_text(basis.rate), f"{basis.by_rate:,}"
        parts.append(f"{names['base_zh']}{format_yuan(basis.base)}元×{rate}={amount}元" if zh else
                     f"{rate} of {format_yuan(basis.base)} {names['base_en']} = {amount}")
        if basis.set_by == "rate":
            return _with_prior(parts, basis, zh)
    text = pick(_BASIS[basis.set_by], lang).format_map({"gross": f"{basis.gross:,}", **names})
    parts.append(f"capped at {text}" if parts and not zh and basis.set_by == "maximum" else text)
    return _with_prior(parts, basis, zh)


def _with_prior(parts: list[str], basis: Basis, zh: bool) -> str:
    if basis.prior_support:
        prior = f"{basis.prior_support:,}"
        if basis.ledger and basis.declared:
            counted = ledger_words(ledger_param(basis.ledger), "zh" if zh else "en")
            declared = f"{basis.declared:,}"
            parts.append(f"扣除已获资助{prior}元（台账记录：{counted}；申报表填写的市级同类支持{declared}元）"
                         if zh else
                         f"less {prior} already granted ({counted}, says the ledger; {declared} from other municipal "
                         "policies, says the workbook)")
        elif basis.ledger:
            counted = ledger_words(ledger_param(basis.ledger), "zh" if zh else "en")
            parts.append(f"扣除台账记录的已获资助{prior}元（{counted}）" if zh else
                         f"less {prior} already granted ({counted}, says the ledger)")
        else:
            parts.append(f"扣除已获支持{prior}元" if zh else f"less {prior} already granted")
    return ("，" if zh else ", ").join(parts)


_FIELD, _ENTRY = "\x1f", "\x1e"  # a reason's parameters are text: the ledger's awards joined by control characters


def ledger_param(awards: Iterable[tuple[str, int, int, str, int]]) -> str:
    """The ledger's awards counted — (policy, year, amount, application_id, amount first granted) — as one reason
    parameter."""
    return _ENTRY.join(_FIELD.join((policy, str(year), str(amount), app_id, str(was)))
                       for policy, year, amount, app_id, was in awards)


def ledger_words(param: str, lang: str) -> str:
    """The ledger's awards counted: `渝经信规范〔2026〕2号2026年度资助500,000元（2026-0374）；…` /
    `渝经信规范〔2026〕2号 2026: 500,000 (2026-0374); …` — the year left out where the policy's name says it
    (`市级技术改造专项（2026年度）资助…`, not `…（2026年度）2026年度资助…`); an award a correction lowered with what it
    was first granted at (`资助100,000元（2026-0012，原169,900元，已核减）`)."""
    said = []
    for entry in param.split(_ENTRY):
        policy, year, amount, app_id, was = entry.split(_FIELD)
        notes = [app_id] if app_id else []
        if int(was) != int(amount):
            notes.append(f"原{int(was):,}元，已核减" if lang == "zh" else f"lowered from {int(was):,}")
        which = ("（" + "，".join(notes) + "）" if lang == "zh" else " (" + ", ".join(notes) + ")") if notes else ""
        named = f"{year}年度" in policy
        said.append((f"{policy}{'' if named else f'{year}年度'}资助{int(amount):,}元" if lang == "zh" else
                     f"{policy}{'' if named else f' {year}'}: {int(amount):,}") + which)
    return ("；" if lang == "zh" else "; ").join(said)


def award_reason(award: Award, lang: str, base: str | None) -> str:
    """The CSV's `reason`: how the entitlement was set, then why the award is less (or nothing). `base` is what the
    award's clause pays a share of (investment, event_cost), if anything."""
    parts = []
    if award.basis is not None and award.status in _ELIGIBLE:
        parts.append(basis_text(award.basis, lang, base))
    parts += [reason_text(r, lang) for r in award.reasons]
    return ("；" if lang == "zh" else "; ").join(parts)


def _with_names(values: Mapping[str, str]) -> dict[str, str]:
    """Add the Chinese and English names of codes a template may use (industry, size, base)."""
    names = dict(values)
    if "industry" in values:
        zh, en = INDUSTRIES.get(values["industry"], (values["industry"], values["industry"]))
        names.update(industry_zh=zh, industry_en=en)
    if "size" in values:
        zh, en = SIZES.get(values["size"], (values["size"], values["size"]))
        names.update(size_zh=zh, size_en=en)
    if "admitted" in values:
        table = INDUSTRIES if "industry" in values else SIZES
        codes = [c for c in values["admitted"].split(",") if c]
        names.update(admitted_zh="、".join(table[c][0] for c in codes),
                     admitted_en=", ".join(table[c][1] for c in codes))
    if "base" in values:
        names.update(_base_names(values["base"]))
    if "awards" in values:
        names.update(awards_zh=ledger_words(values["awards"], "zh"), awards_en=ledger_words(values["awards"], "en"))
    for key in ("prior", "amount", "left", "floor", "declared", "earlier"):
        if key in values:
            names[key] = format_yuan(Decimal(values[key]))
    return names


def _base_names(base: str) -> dict[str, str]:
    zh, en = BASES.get(base, (base, base))
    return {"base_zh": zh, "base_en": en}


@lru_cache(maxsize=2**10)  # a clause's rate, on each of its applications
def ratio_text(value: Decimal) -> str:
    return f"{format_decimal(value * 100)}%"
