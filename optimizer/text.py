"""Words for people: reasons and labels in Chinese (the default) or English.

Domain values carry facts as codes (`Reason`); only this module turns them into sentences, so the CSV, the
workbook and the HTML page say the same thing in the same words.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from decimal import Decimal

from optimizer.domain import Basis, Reason, Status
from optimizer.money import format_decimal, format_yuan
from optimizer.policy import BASES, INDUSTRIES, SIZES

LANGS = ("zh", "en")

STATUS_LABELS: Mapping[Status, tuple[str, str]] = {
    Status.FUNDED: ("全额资助", "funded in full"),
    Status.PARTIAL: ("部分资助", "partly funded"),
    Status.UNFUNDED: ("未获资助", "not funded"),
    Status.INELIGIBLE: ("不符合条件", "ineligible"),
    Status.DUPLICATE: ("重复申报", "duplicate"),
    Status.INVALID: ("数据有误", "invalid row"),
}

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
    "superseded": ("同一内容已按更高标准支持：{kept}", "same content as {kept}, which is kept at the higher standard"),
    "prior_support_covers": ("已获市级同类支持{prior}元，不低于本项标准",
                             "already granted {prior} yuan for this content by other municipal policies"),
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
    "superseded": ("同一内容按更高标准支持", "same content kept at a higher standard"),
    "prior_support_covers": ("已获同类支持", "already supported"),
}

_BASIS: Mapping[str, tuple[str, str]] = {
    "standard": ("定额奖励{gross}元", "fixed award of {gross}"),
    "maximum": ("按最高标准{gross}元", "clause maximum of {gross}"),
    "rate": ("按{base_zh}比例核定{gross}元", "share of {base_en}: {gross}"),
    "requested": ("按申请金额{gross}元", "amount requested: {gross}"),
}


def pick(pair: tuple[str, str], lang: str) -> str:
    return pair[0] if lang == "zh" else pair[1]


def status_label(status: Status, lang: str) -> str:
    return pick(STATUS_LABELS[status], lang)


def reason_text(reason: Reason, lang: str) -> str:
    template = _REASONS.get(reason.code)
    if template is None:
        return reason.code
    return pick(template, lang).format_map(_with_names(reason.values))


def reason_kind(code: str, lang: str) -> str:
    """A few words naming a kind of reason, for counts: 未确认资格 / precondition not confirmed."""
    return pick(_REASON_KINDS[code], lang) if code in _REASON_KINDS else code


def reasons_text(reasons: Iterable[Reason], lang: str) -> str:
    return ("；" if lang == "zh" else "; ").join(reason_text(r, lang) for r in reasons)


def basis_text(basis: Basis, lang: str, base: str | None = None) -> str:
    names = {"gross": f"{basis.gross:,}", **_base_names(base or "investment")}
    text = pick(_BASIS[basis.set_by], lang).format_map(names)
    if basis.prior_support:
        prior = f"{basis.prior_support:,}"
        text += f"，扣除已获支持{prior}元" if lang == "zh" else f", less {prior} granted"
    return text


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
    if "prior" in values:
        names["prior"] = format_yuan(Decimal(values["prior"]))
    return names


def _base_names(base: str) -> dict[str, str]:
    zh, en = BASES.get(base, (base, base))
    return {"base_zh": zh, "base_en": en}


def ratio_text(value: Decimal) -> str:
    return f"{format_decimal(value * 100)}%"
