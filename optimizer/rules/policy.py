"""The policy model: 渝经信规范〔2026〕2号 as data (models/*.toml), each clause citing its own sentence.

A clause model that does not make sense (unknown kind, a matching clause without a rate, a duplicate id...) is
refused with a sentence naming the clause, before anything is read or solved.
"""

from __future__ import annotations

import tomllib
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date
from decimal import Decimal
from enum import StrEnum
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

from optimizer.errors import InputError
from optimizer.money import AmountError, floor_yuan, parse_amount, parse_rate
from optimizer.words import BASES, INDUSTRIES, SIZES


class PolicyError(InputError):
    """A policy model file that cannot be used; the message names the file and the clause."""


class Kind(StrEnum):
    FIXED = "fixed"  # 给予 N 万元奖励: a set award
    CAPPED = "capped"  # 给予最高 N 万元奖励: any amount up to N
    MATCHING = "matching"  # 按照不超过…的 R%，给予最高 N 万元: at most R% of the base and at most N
    PROCUREMENT = "procurement"  # bought as a government service: never a grant


KIND_LABELS = {
    Kind.FIXED: ("定额", "fixed"),
    Kind.CAPPED: ("最高限额", "capped"),
    Kind.MATCHING: ("比例补助", "matching"),
    Kind.PROCUREMENT: ("政府购买服务", "procurement"),
}

DEFAULT_POLICY = "cq-ai-manufacturing-2026.toml"


@dataclass(frozen=True)
class Section:
    id: str
    title_zh: str
    title_en: str

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en


@dataclass(frozen=True)
class Clause:
    """One award of the policy, e.g. clause 7b: at most 10% of the investment, at most 300万, if recognised."""

    id: str
    section: str
    title_zh: str
    title_en: str
    kind: Kind
    source: str  # the Chinese sentence the clause comes from
    maximum: int | None = None  # whole yuan; None only for procurement
    rate: Decimal | None = None  # matching only
    base: str | None = None  # matching only: "investment" or "event_cost"
    precondition_zh: str | None = None
    precondition_en: str | None = None
    industries: tuple[str, ...] = ()  # empty: any industry
    sizes: tuple[str, ...] = ()  # empty: any size

    def title(self, lang: str) -> str:
        return self.title_zh if lang == "zh" else self.title_en

    def precondition(self, lang: str) -> str | None:
        return self.precondition_zh if lang == "zh" else self.precondition_en

    @property
    def is_grant(self) -> bool:
        return self.kind is not Kind.PROCUREMENT


@dataclass(frozen=True)
class Policy:
    """A policy document: its identity, validity period, sections and clauses (in the document's order)."""

    id: str
    number: str
    title_zh: str
    title_en: str
    issuers_zh: tuple[str, ...]
    issuers_en: tuple[str, ...]
    issued_on: date
    valid_from: date
    valid_until: date
    sections: Mapping[str, Section]
    clauses: Mapping[str, Clause]
    path: Path
    shipped: bool = False  # the model installed with budgetopt, rather than a file the user gave
    # the document's own sentences for its document-wide rules, as [document] cites them; "" when a model has none
    validity_source: str = ""  # its period of validity: 本政策措施自印发之日起施行，有效期截至…
    maximum_source: str = ""  # standards are maxima, within a budget: 本政策措施所列激励措施标准均为最高标准…
    once_source: str = ""  # 就高、不重复: 同一申报主体同一内容的事项与市级同类政策有重叠的…

    def clause(self, clause_id: str) -> Clause:
        return self.clauses[clause_id]

    def section_of(self, clause_id: str) -> Section:
        return self.sections[self.clauses[clause_id].section]

    def ids_text(self) -> str:
        """`1…20, 7a/7b, 8a/8b…` — the clause ids the way a message lists them."""
        plain = [c for c in self.clauses if c.isdigit()]
        split: dict[str, list[str]] = {}
        for cid in self.clauses:
            if not cid.isdigit():
                split.setdefault(cid.rstrip("abcdefgh"), []).append(cid)
        groups = ", ".join("/".join(v) for v in split.values())
        head = f"{plain[0]}…{plain[-1]}" if plain else ""
        return ", ".join(p for p in (head, groups) if p)

    def parent_ids(self) -> Mapping[str, tuple[str, ...]]:
        """Clause numbers the model splits into lettered awards: {"7": ("7a", "7b"), ...}."""
        parents: dict[str, list[str]] = {}
        for cid in self.clauses:
            stem = cid.rstrip("abcdefgh")
            if stem != cid:
                parents.setdefault(stem, []).append(cid)
        return {k: tuple(v) for k, v in parents.items()}


def default_policy_path() -> Path:
    """The shipped model, wherever the package is installed (models/ travels inside it)."""
    return Path(str(resources.files("optimizer") / "models" / DEFAULT_POLICY))


def load_policy(path: Path | str | None = None) -> Policy:
    """Read and check a policy model — the shipped 渝经信规范〔2026〕2号 when `path` is None; raise PolicyError naming
    the clause when it does not make sense."""
    return _shipped_policy() if path is None else _read_policy(Path(path))


@cache
def _shipped_policy() -> Policy:
    return replace(_read_policy(default_policy_path()), shipped=True)


def _read_policy(path: Path) -> Policy:
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise PolicyError.one(path, f"cannot read the policy model ({exc.strerror or exc})") from exc
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise PolicyError.one(path, f"not a valid TOML file ({exc})") from exc
    return _policy_from(data, path)


def _policy_from(data: Mapping[str, Any], path: Path) -> Policy:
    doc = _table(data, "document", path)
    sections = {s.id: s for s in (_section(raw, path) for raw in _array(data, "sections", path))}
    clauses: dict[str, Clause] = {}
    for index, raw in enumerate(_array(data, "clauses", path), start=1):
        clause = _clause(raw, index, sections, path)
        if clause.id in clauses:
            raise PolicyError.one(path, f"clause {clause.id} is defined twice")
        clauses[clause.id] = clause
    if not clauses:
        raise PolicyError.one(path, "the policy model has no clauses")
    policy = Policy(
        id=_text(doc, "id", "document", path),
        number=_text(doc, "number", "document", path),
        title_zh=_text(doc, "title_zh", "document", path),
        title_en=_text(doc, "title_en", "document", path),
        issuers_zh=tuple(doc.get("issuers_zh", ())),
        issuers_en=tuple(doc.get("issuers_en", ())),
        issued_on=_date(doc, "issued_on", path),
        valid_from=_date(doc, "valid_from", path),
        valid_until=_date(doc, "valid_until", path),
        sections=sections,
        clauses=clauses,
        path=path,
        validity_source=_optional_text(doc, "validity_source", path),
        maximum_source=_optional_text(doc, "maximum_source", path),
        once_source=_optional_text(doc, "once_source", path),
    )
    if policy.valid_until < policy.valid_from:
        raise PolicyError.one(path, f"document: valid_until {policy.valid_until} is before valid_from")
    return policy


def policy_text(policy: Policy) -> str | None:
    """The document's Chinese text when it lies beside the model (models/<id>.zh.txt), else None."""
    candidate = policy.path.with_name(f"{policy.id}.zh.txt")
    return candidate.read_text(encoding="utf-8") if candidate.exists() else None


def _clause(raw: Mapping[str, Any], index: int, sections: Mapping[str, Section], path: Path) -> Clause:
    cid = str(raw.get("id", "")).strip().lower()
    where = f"clause {cid}" if cid else f"clause #{index} (no id)"
    if not cid:
        raise PolicyError.one(path, f"{where}: every clause needs an id")
    try:
        kind = Kind(str(raw.get("kind")))
    except ValueError:
        kinds = ", ".join(k.value for k in Kind)
        raise PolicyError.one(path, f"{where}: unknown kind {raw.get('kind')!r} (one of {kinds})") from None
    section = _text(raw, "section", where, path)
    if section not in sections:
        raise PolicyError.one(path, f"{where}: section {section!r} is not one of the document's sections")
    clause = Clause(
        id=cid,
        section=section,
        title_zh=_text(raw, "title_zh", where, path),
        title_en=_text(raw, "title_en", where, path),
        kind=kind,
        source=_text(raw, "source", where, path),
        maximum=_maximum(raw, kind, where, path),
        rate=_rate(raw, kind, where, path),
        base=_base(raw, kind, where, path),
        precondition_zh=raw.get("precondition_zh"),
        precondition_en=raw.get("precondition_en"),
        industries=_codes(raw, "industries", INDUSTRIES, where, path),
        sizes=_codes(raw, "sizes", SIZES, where, path),
    )
    if (clause.precondition_zh is None) != (clause.precondition_en is None):
        raise PolicyError.one(path, f"{where}: a precondition needs both precondition_zh and precondition_en")
    known = {"id", "section", "title_zh", "title_en", "kind", "source", "maximum", "rate", "base",
             "precondition_zh", "precondition_en", "industries", "sizes"}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise PolicyError.one(path, f"{where}: unknown key {unknown[0]!r}")
    return clause


def _maximum(raw: Mapping[str, Any], kind: Kind, where: str, path: Path) -> int | None:
    if kind is Kind.PROCUREMENT:
        if "maximum" in raw:
            raise PolicyError.one(path, f"{where}: a procurement clause pays no grant and has no maximum")
        return None
    if "maximum" not in raw:
        raise PolicyError.one(path, f"{where}: a {kind.value} clause needs a maximum")
    try:
        amount = parse_amount(raw["maximum"])
    except AmountError as exc:
        raise PolicyError.one(path, f"{where}: maximum {exc}") from None
    if amount <= 0 or amount != floor_yuan(amount):
        raise PolicyError.one(path, f"{where}: maximum must be a positive whole number of yuan")
    return floor_yuan(amount)


def _rate(raw: Mapping[str, Any], kind: Kind, where: str, path: Path) -> Decimal | None:
    if kind is not Kind.MATCHING:
        if "rate" in raw:
            raise PolicyError.one(path, f"{where}: only a matching clause has a rate")
        return None
    if "rate" not in raw:
        raise PolicyError.one(path, f"{where}: a matching clause needs a rate (e.g. rate = \"10%\")")
    try:
        rate = parse_rate(raw["rate"])
    except AmountError as exc:
        raise PolicyError.one(path, f"{where}: rate {exc}") from None
    if not 0 < rate <= 1:
        raise PolicyError.one(path, f"{where}: rate must be above 0% and at most 100%")
    return rate


def _base(raw: Mapping[str, Any], kind: Kind, where: str, path: Path) -> str | None:
    if kind is not Kind.MATCHING:
        if "base" in raw:
            raise PolicyError.one(path, f"{where}: only a matching clause has a base")
        return None
    base = raw.get("base", "investment")
    if base not in BASES:
        raise PolicyError.one(path, f"{where}: unknown base {base!r} (one of {', '.join(BASES)})")
    return str(base)


def _codes(raw: Mapping[str, Any], key: str, allowed: Mapping[str, Any], where: str, path: Path) -> tuple[str, ...]:
    values = raw.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise PolicyError.one(path, f"{where}: {key} must be a list of codes")
    for value in values:
        if value not in allowed:
            raise PolicyError.one(path, f"{where}: unknown {key[:-1] if key != 'industries' else 'industry'} {value!r}")
    return tuple(values)


def _section(raw: Mapping[str, Any], path: Path) -> Section:
    sid = _text(raw, "id", "section", path)
    return Section(sid, _text(raw, "title_zh", f"section {sid}", path), _text(raw, "title_en", f"section {sid}", path))


def _table(data: Mapping[str, Any], key: str, path: Path) -> Mapping[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise PolicyError.one(path, f"the policy model needs a [{key}] table")
    return value


def _array(data: Mapping[str, Any], key: str, path: Path) -> list[Mapping[str, Any]]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise PolicyError.one(path, f"the policy model needs [[{key}]] entries")
    return value


def _text(raw: Mapping[str, Any], key: str, where: str, path: Path) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise PolicyError.one(path, f"{where}: {key} is missing or empty")
    return value


def _optional_text(raw: Mapping[str, Any], key: str, path: Path) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise PolicyError.one(path, f"document: {key} must be text (the sentence of the document)")
    return value.strip()


def _date(raw: Mapping[str, Any], key: str, path: Path) -> date:
    value = raw.get(key)
    if not isinstance(value, date):
        raise PolicyError.one(path, f"document: {key} must be a date (e.g. 2026-02-02)")
    return value
