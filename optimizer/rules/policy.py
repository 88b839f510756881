"""The policy model: 渝经信规范〔2026〕2号 as data (models/*.toml), each clause citing its own sentence.

A clause model that does not make sense (unknown kind, a matching clause without a rate, a duplicate id...) is
refused with a sentence naming the clause, before anything is read or solved.
"""

from __future__ import annotations

import re
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
from optimizer.words import BASES, INDUSTRIES, SIZES, Phrase

Where = tuple[str, str]  # a place in the model, (Chinese, English): ("条款 7a", "clause 7a")


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

    def ids_words(self) -> tuple[str, str]:
        """The clause ids the way a message lists them, in Chinese and English (a phrase's parameter)."""
        return (self.ids_text("、"), self.ids_text())

    def ids_text(self, sep: str = ", ") -> str:
        """`1…20, 7a/7b, 8a/8b…` — the clause ids the way a message lists them."""
        plain = [c for c in self.clauses if c.isdigit()]
        split: dict[str, list[str]] = {}
        for cid in self.clauses:
            if not cid.isdigit():
                split.setdefault(cid.rstrip("abcdefgh"), []).append(cid)
        groups = sep.join("/".join(v) for v in split.values())
        head = f"{plain[0]}…{plain[-1]}" if plain else ""
        return sep.join(p for p in (head, groups) if p)

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
    return _policy_from(read_toml(path, str(path), PolicyError, "policy.unreadable"), path)


def read_toml(path: Path, file: str, error: type[InputError], unreadable: str) -> dict[str, Any]:
    """A TOML file's tables, else `error` at `file` saying why not: the phrase `unreadable` when the file cannot be
    read, tomllib's words (for an unquoted amount, how to write it) when it is not TOML."""
    try:
        if special_file(path):
            raise error.one(file, Phrase.of(unreadable, detail=Phrase.of("file.not_regular").both()))
        data = path.read_bytes()
        text = data.decode("utf-8-sig")  # Notepad's "UTF-8 with BOM" too
    except OSError as exc:
        raise error.one(file, Phrase.of(unreadable, detail=file_trouble(exc))) from exc
    except UnicodeDecodeError as exc:  # a workbook chosen by mistake, or Notepad's "ANSI" (GBK on Chinese Windows)
        binary = data.startswith(b"PK\x03\x04") or b"\0" in data[:4096]
        raise error.one(file, Phrase.of("toml.binary" if binary else "toml.not_utf8")) from exc
    try:
        return tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise error.one(file, toml_trouble(exc, text)) from exc
    except ValueError as exc:  # an integer of more digits than Python converts (4,300)
        raise error.one(file, Phrase.of("toml.number_too_long")) from exc
    except RecursionError as exc:  # arrays or tables nested past Python's recursion limit
        raise error.one(file, Phrase.of("toml.too_deep")) from exc


def _policy_from(data: Mapping[str, Any], path: Path) -> Policy:
    doc = _table(data, "document", path)
    sections = {s.id: s for s in (_section(raw, path) for raw in _array(data, "sections", path))}
    clauses: dict[str, Clause] = {}
    for index, raw in enumerate(_array(data, "clauses", path), start=1):
        clause = _clause(raw, index, sections, path)
        if clause.id in clauses:
            raise _refusal(path, "policy.clause_twice", id=clause.id)
        clauses[clause.id] = clause
    if not clauses:
        raise _refusal(path, "policy.no_clauses")
    document = Phrase.of("policy.where.document").both()
    policy = Policy(
        id=_text(doc, "id", document, path),
        number=_text(doc, "number", document, path),
        title_zh=_text(doc, "title_zh", document, path),
        title_en=_text(doc, "title_en", document, path),
        issuers_zh=_texts(doc, "issuers_zh", document, path),
        issuers_en=_texts(doc, "issuers_en", document, path),
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
        raise _refusal(path, "policy.valid_until_before", until=str(policy.valid_until))
    return policy


def policy_text(policy: Policy) -> str | None:
    """The document's Chinese text when it lies beside the model (models/<id>.zh.txt), else None."""
    candidate = policy.path.with_name(f"{policy.id}.zh.txt")
    return candidate.read_text(encoding="utf-8") if candidate.exists() else None


def _clause(raw: Mapping[str, Any], index: int, sections: Mapping[str, Section], path: Path) -> Clause:
    cid = str(raw.get("id", "")).strip().lower()
    where = (Phrase.of("policy.where.clause", id=cid) if cid
             else Phrase.of("policy.where.clause_no_id", index=index)).both()
    if not cid:
        raise _refusal(path, "policy.no_id", where=where)
    try:
        kind = Kind(str(raw.get("kind")))
    except ValueError:
        kinds = ", ".join(k.value for k in Kind)
        raise _refusal(path, "policy.unknown_kind", where=where, kind=repr(raw.get("kind")), kinds=kinds) from None
    section = _text(raw, "section", where, path)
    if section not in sections:
        raise _refusal(path, "policy.unknown_section", where=where, section=repr(section))
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
        precondition_zh=_optional(raw, "precondition_zh", where, path),
        precondition_en=_optional(raw, "precondition_en", where, path),
        industries=_codes(raw, "industries", INDUSTRIES, where, path),
        sizes=_codes(raw, "sizes", SIZES, where, path),
    )
    if (clause.precondition_zh is None) != (clause.precondition_en is None):
        raise _refusal(path, "policy.precondition_pair", where=where)
    known = {"id", "section", "title_zh", "title_en", "kind", "source", "maximum", "rate", "base",
             "precondition_zh", "precondition_en", "industries", "sizes"}
    unknown = sorted(set(raw) - known)
    if unknown:
        raise _refusal(path, "policy.unknown_key", where=where, key=repr(unknown[0]))
    return clause


def _maximum(raw: Mapping[str, Any], kind: Kind, where: Where, path: Path) -> int | None:
    if kind is Kind.PROCUREMENT:
        if "maximum" in raw:
            raise _refusal(path, "policy.procurement_maximum", where=where)
        return None
    if "maximum" not in raw:
        raise _refusal(path, "policy.needs_maximum", where=where, kind=(KIND_LABELS[kind][0], kind.value))
    try:
        amount = parse_amount(raw["maximum"])
    except AmountError as exc:
        raise _refusal(path, exc.code, at=_at(where, "maximum"), **exc.params) from None
    if amount <= 0 or amount != floor_yuan(amount):
        raise _refusal(path, "policy.maximum_not_whole", where=where)
    return floor_yuan(amount)


def _rate(raw: Mapping[str, Any], kind: Kind, where: Where, path: Path) -> Decimal | None:
    if kind is not Kind.MATCHING:
        if "rate" in raw:
            raise _refusal(path, "policy.rate_not_matching", where=where)
        return None
    if "rate" not in raw:
        raise _refusal(path, "policy.needs_rate", where=where)
    try:
        rate = parse_rate(raw["rate"])
    except AmountError as exc:
        raise _refusal(path, exc.code, at=_at(where, "rate"), **exc.params) from None
    if not 0 < rate <= 1:
        raise _refusal(path, "policy.rate_range", where=where)
    return rate


def _base(raw: Mapping[str, Any], kind: Kind, where: Where, path: Path) -> str | None:
    if kind is not Kind.MATCHING:
        if "base" in raw:
            raise _refusal(path, "policy.base_not_matching", where=where)
        return None
    base = raw.get("base", "investment")
    if not isinstance(base, str) or base not in BASES:
        raise _refusal(path, "policy.unknown_base", where=where, base=repr(base), bases=", ".join(BASES))
    return str(base)


_CODE_KINDS = {"industries": ("行业代码", "industry"), "sizes": ("企业规模代码", "size")}


def _codes(raw: Mapping[str, Any], key: str, allowed: Mapping[str, Any], where: Where,
           path: Path) -> tuple[str, ...]:
    values = raw.get(key, [])
    if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
        raise _refusal(path, "policy.codes_not_list", where=where, key=key)
    for value in values:
        if value not in allowed:
            raise _refusal(path, "policy.unknown_code", where=where, what=_CODE_KINDS[key], value=repr(value))
    return tuple(values)


def _section(raw: Mapping[str, Any], path: Path) -> Section:
    sid = _text(raw, "id", Phrase.of("policy.where.section").both(), path)
    where = Phrase.of("policy.where.section_id", id=sid).both()
    return Section(sid, _text(raw, "title_zh", where, path), _text(raw, "title_en", where, path))


def _table(data: Mapping[str, Any], key: str, path: Path) -> Mapping[str, Any]:
    value = data.get(key)
    if not isinstance(value, dict):
        raise _refusal(path, "policy.needs_table", key=key)
    return value


def _array(data: Mapping[str, Any], key: str, path: Path) -> list[Mapping[str, Any]]:
    value = data.get(key)
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        raise _refusal(path, "policy.needs_array", key=key)
    return value


def _text(raw: Mapping[str, Any], key: str, where: Where, path: Path) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise _refusal(path, "policy.missing_text", where=where, key=key)
    return value


def _texts(raw: Mapping[str, Any], key: str, where: Where, path: Path) -> tuple[str, ...]:
    value = raw.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise _refusal(path, "policy.not_texts", where=where, key=key)
    return tuple(value)


def _optional(raw: Mapping[str, Any], key: str, where: Where, path: Path) -> str | None:
    value = raw.get(key)
    if value is not None and not isinstance(value, str):
        raise _refusal(path, "policy.key_not_text", where=where, key=key)
    return value


def _optional_text(raw: Mapping[str, Any], key: str, path: Path) -> str:
    value = raw.get(key, "")
    if not isinstance(value, str):
        raise _refusal(path, "policy.not_text", key=key)
    return value.strip()


def _date(raw: Mapping[str, Any], key: str, path: Path) -> date:
    value = raw.get(key)
    if not isinstance(value, date):
        raise _refusal(path, "policy.not_a_date", key=key)
    return value


def _refusal(path: Path, code: str, **params: object) -> PolicyError:
    return PolicyError.one(path, Phrase.of(code, **params))


def _at(where: Where, key: str) -> Where:
    """The `{at}` of an amount's message: `clause 1: maximum `."""
    return Phrase.of("policy.at", where=where, key=key).both()


def special_file(path: Path) -> bool:
    """Whether `path` is there but neither a file nor a folder: a pipe (whose opening waits for a writer for good),
    a device. Refused before it is opened."""
    return path.exists() and not (path.is_file() or path.is_dir())


def file_trouble(exc: OSError) -> tuple[str, str]:
    """Why a file cannot be read: the system's words in English, ours in Chinese where we know the reason."""
    english = exc.strerror or str(exc)
    code = {FileNotFoundError: "file.not_found", IsADirectoryError: "file.is_folder",
            PermissionError: "file.no_permission"}.get(type(exc))
    return (Phrase.of(code).text("zh") if code else english, english)


_TOML_PLACE = re.compile(r"(?P<reason>.*?) \((?:at line (?P<line>\d+), column (?P<column>\d+)|at end of document)\)")
# possessive (`++`, `*+`) and one digit required by a lookahead: `[\d.,]*\d[\d.,]*` and `\s*` on both sides of an
# optional unit made a long line of digits or spaces quadratic (a 100,000-space line: minutes)
_AMOUNT_LINE = re.compile(r"\s*+(?P<key>[\w.\-\"']++)\s*+=\s*+"
                          r"(?P<value>[+-]?(?=[\d.,，]*\d)[\d.,，]++(?:\s*+(?:万元|亿元|万|亿|元))?)\s*+(#.*)?")


# tomllib's reasons (Python 3.11 to 3.13), in Chinese: "toml.reason.<code>", the named groups its parameters.
_TOML_REASONS = tuple((re.compile(pattern), code) for pattern, code in (
    (r"Invalid statement", "statement"),
    (r"Expected newline or end of document after a statement", "newline"),
    (r"Expected '=' after a key in a key/value pair", "equals"),
    (r"Expected '\]' at the end of a table declaration", "table_end"),
    (r"Expected '\]\]' at the end of an array declaration", "array_table_end"),
    (r"Expected (?P<what>'.*')", "expected"),
    (r"(?:Found invalid|Illegal) character (?P<what>.+)", "character"),
    (r"Cannot declare (?P<key>.+) twice", "declared_twice"),
    (r"Cannot overwrite a value", "overwrite"),
    (r"Cannot (?:mutate immutable|redefine) namespace (?P<key>.+)", "redefine"),
    (r"Duplicate inline table key (?P<key>.+)", "inline_key_twice"),
    (r"Invalid date or datetime", "date"),
    (r"Invalid hex value|Escaped character is not a Unicode scalar value", "escape"),
    (r"Invalid initial character for a key part", "key_start"),
    (r"Invalid value", "value"),
    (r"Unclosed array", "array"),
    (r"Unclosed inline table", "inline_table"),
    (r"Unescaped '\\' in a string", "backslash"),
    (r"Unterminated string", "string"),
))


def toml_reason(reason: str) -> tuple[str, str]:
    """tomllib's reason in Chinese and as it is (a reason this table does not know stays English in both).

    >>> toml_reason("Cannot declare ('districts',) twice")
    ('districts 声明了两次', "Cannot declare ('districts',) twice")
    """
    for pattern, code in _TOML_REASONS:
        found = pattern.fullmatch(reason)
        if found:
            params = {name: _dotted(value) for name, value in found.groupdict().items()}
            return Phrase.of(f"toml.reason.{code}", **params).text("zh"), reason
    return reason, reason


def _dotted(key: str) -> str:
    """A key as tomllib words it (a tuple's repr: ('districts', 'max_share')) as a scenario file writes it."""
    parts = re.findall(r"'((?:[^'\\]|\\.)*)'", key) if key.startswith("(") else []
    return ".".join(parts) if parts else key


def toml_trouble(exc: tomllib.TOMLDecodeError, text: str) -> Phrase:
    """Why a text is not TOML: tomllib's words, its place in Chinese too, and for an amount written without quotes
    (`budget = 3000万`, `max = 3,000,000`) how to write it: `budget = "3000万"`."""
    detail = str(exc)
    place = _TOML_PLACE.fullmatch(detail)
    if place is None:
        return Phrase.of("toml.invalid", detail=detail)
    reason, line, column = place.group("reason", "line", "column")
    said = toml_reason(reason)
    where = Phrase.of("toml.at_line", reason=said, line=line, column=column) if line else Phrase.of(
        "toml.at_end", reason=said)
    lines = text.splitlines()
    amount = _AMOUNT_LINE.fullmatch(lines[int(line) - 1]) if line and int(line) <= len(lines) else None
    if amount is None or not re.search(r"[万亿元,，]", amount.group("value")):
        return Phrase.of("toml.invalid", detail=where.both())
    return Phrase.of("toml.amount_unquoted", detail=where.both(), line=line, text=lines[int(line) - 1].strip(),
                     key=amount.group("key"), value=amount.group("value").strip())
