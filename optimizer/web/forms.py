"""The scenario form: every key of the scenario file as fields a person types into, and back.

    form fields ──scenario_data──▶ the scenario as a dict (what load_scenario takes) ──toml_text──▶ the TOML file
    a TOML file (a preset, a run's scenario) ──form_of──▶ the fields, filled in
    the fields ──form_pairs──▶ the form as its inputs name them (what an upload carries: `carried_text`)

Amounts stay as typed (`1.5亿`, `500万`): the library reads them as it reads a scenario file, and says what is wrong
with a value exactly as it would for the file. Shares and ratios may be typed as `0.2` or `20%`. An empty field is a
key left out (its default applies).
"""

from __future__ import annotations

import re
import tomllib
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

from optimizer.domain import Problem
from optimizer.rules.policy import Policy
from optimizer.words import Phrase

PRESETS = Path(__file__).parent / "presets"  # a link to the project's data/ folder: the shipped scenarios
BLANK_ENVELOPES = 1  # empty envelope rows below those filled in (the page's script adds more)
MAX_ENVELOPES = 50
_LIST = re.compile(r"[,，、;；\s]+")
_INTEGER = re.compile(r"\A[+-]?[0-9]+\Z")
_DIGITS = 100  # characters of a number the form converts; longer is text (Python's int() stops at 4,300 digits)
_NUMBER = re.compile(r"\A[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z")
CARRIED = "carried"  # the upload form's hidden field: the scenario form as it stood, its fields urlencoded
MOST_CARRIED_FIELDS = 400  # as many as a posted form may have


@dataclass(frozen=True)
class EnvelopeFields:
    name: str = ""
    clauses: str = ""
    max: str = ""
    max_share: str = ""
    min: str = ""

    @property
    def empty(self) -> bool:
        return not any((self.name, self.clauses, self.max, self.max_share, self.min))


@dataclass(frozen=True)
class ScenarioFields:
    """The scenario form as typed: every value a string, "" where nothing was typed."""

    name: str = ""
    year: str = ""
    budget: str = ""
    reserve: str = ""
    fixed_awards: str = "whole"
    min_funding_ratio: str = ""
    rounding: str = ""
    weights: Mapping[str, str] = field(default_factory=dict)  # clause id -> weight as typed
    envelopes: tuple[EnvelopeFields, ...] = ()
    district_max_share: str = ""
    applicant_max_total: str = ""
    applicant_max_period_total: str = ""  # over the policy's whole period, the ledger's awards included
    group_max_total: str = ""  # enterprises under common control (the workbook's group column), together

    def rows(self) -> tuple[EnvelopeFields, ...]:
        """The envelope rows the page shows: those filled in, then blank ones."""
        return self.envelopes + (EnvelopeFields(),) * BLANK_ENVELOPES


@dataclass(frozen=True)
class Preset:
    key: str  # the file's stem: scenario_2026
    name: str  # the scenario's own name: 2026 base case
    path: Path


def presets() -> dict[str, Preset]:
    """The shipped scenarios (data/scenario_2026*.toml), by key."""
    found: dict[str, Preset] = {}
    for path in sorted(PRESETS.glob("scenario_*.toml")):
        name = read_toml_bytes(path.read_bytes()).get("name", path.stem)
        found[path.stem] = Preset(path.stem, str(name), path)
    return found


def read_toml_bytes(data: bytes) -> dict[str, Any]:
    """A TOML document's tables, or {} when it cannot be read (the library says why when it is used)."""
    try:
        return tomllib.loads(data.decode("utf-8-sig"))
    except (ValueError, RecursionError):  # not UTF-8, not TOML, an integer past Python's 4,300 digits, or nested
        # past Python's recursion limit
        return {}


# ---------------------------------------------------------------------------------------------- form → scenario


def fields_of(form: Mapping[str, str], policy: Policy) -> ScenarioFields:
    """The fields of a posted form (names as the page's inputs have them)."""
    def get(key: str) -> str:
        return str(form.get(key, "")).strip()

    envelopes = []
    for index in range(MAX_ENVELOPES):
        envelope = EnvelopeFields(*(get(f"envelope_{index}_{key}") for key in
                                    ("name", "clauses", "max", "max_share", "min")))
        if not envelope.empty:
            envelopes.append(envelope)
    return ScenarioFields(
        name=get("name"), year=get("year"), budget=get("budget"), reserve=get("reserve"),
        fixed_awards=get("fixed_awards") or "whole", min_funding_ratio=get("min_funding_ratio"),
        rounding=get("rounding"),
        weights={cid: get(f"weight_{cid}") for cid in policy.clauses if get(f"weight_{cid}")},
        envelopes=tuple(envelopes), district_max_share=get("district_max_share"),
        applicant_max_total=get("applicant_max_total"), applicant_max_period_total=get("applicant_max_period_total"),
        group_max_total=get("group_max_total"))


def scenario_data(fields: ScenarioFields) -> dict[str, Any]:
    """The scenario as load_scenario and the TOML file take it: the keys typed in, in the file's order."""
    data: dict[str, Any] = {}
    _put(data, "name", fields.name)
    _put(data, "year", _year(fields.year))
    _put(data, "budget", fields.budget)
    _put(data, "reserve", fields.reserve)
    _put(data, "fixed_awards", fields.fixed_awards)
    _put(data, "min_funding_ratio", _number(fields.min_funding_ratio))
    _put(data, "rounding", _integer(fields.rounding))
    if fields.weights:
        data["weights"] = {cid: _number(value) for cid, value in fields.weights.items()}
    if fields.envelopes:
        data["envelopes"] = [_envelope(e) for e in fields.envelopes]
    if fields.district_max_share:
        data["districts"] = {"max_share": _number(fields.district_max_share)}
    applicants: dict[str, Any] = {}
    _put(applicants, "max_total", fields.applicant_max_total)
    _put(applicants, "max_period_total", fields.applicant_max_period_total)
    if applicants:
        data["applicants"] = applicants
    if fields.group_max_total:
        data["groups"] = {"max_total": fields.group_max_total}
    return data


def _envelope(envelope: EnvelopeFields) -> dict[str, Any]:
    table: dict[str, Any] = {}
    _put(table, "name", envelope.name)
    table["clauses"] = [c for c in _LIST.split(envelope.clauses) if c]
    _put(table, "max", envelope.max)
    _put(table, "max_share", _number(envelope.max_share))
    _put(table, "min", envelope.min)
    return table


def _put(table: dict[str, Any], key: str, value: Any) -> None:
    if value != "":
        table[key] = value


def _year(text: str) -> int | str:
    """A year as an officer types it — 2026, 2026年, 2026年度 — or the text as typed (the library says what is
    wrong with it)."""
    number = _integer(text.strip().removesuffix("年度").removesuffix("年"))
    return number if isinstance(number, int) else text


def _integer(text: str) -> int | str:
    """A whole number as typed, or the text (the library says what is wrong with it)."""
    cleaned = text.replace(",", "").replace("，", "")
    return int(cleaned) if _INTEGER.match(cleaned) and len(cleaned) <= _DIGITS else text


def _number(text: str) -> int | float | str:
    """A share, ratio or weight: `0.2`, `20%`, `1.5`; or the text, for the library to say what is wrong with it."""
    value = text.strip().replace("％", "%")
    scale = 1.0
    if value.endswith("%"):
        value, scale = value[:-1].strip(), 100.0
    if len(value) > _DIGITS:
        return text
    if _INTEGER.match(value) and scale == 1.0:
        return int(value)
    if _NUMBER.match(value):
        return float(value) / scale
    return text


# ---------------------------------------------------------------------------------------------- carried


def form_pairs(fields: ScenarioFields) -> list[tuple[str, str]]:
    """The fields as the page's inputs name them (`name`, `weight_4`, `envelope_0_max`, …): those typed in."""
    pairs = [("name", fields.name), ("year", fields.year), ("budget", fields.budget), ("reserve", fields.reserve),
             ("fixed_awards", fields.fixed_awards), ("min_funding_ratio", fields.min_funding_ratio),
             ("rounding", fields.rounding), ("district_max_share", fields.district_max_share),
             ("applicant_max_total", fields.applicant_max_total),
             ("applicant_max_period_total", fields.applicant_max_period_total),
             ("group_max_total", fields.group_max_total)]
    pairs += [(f"weight_{cid}", value) for cid, value in fields.weights.items()]
    for index, envelope in enumerate(fields.envelopes):
        pairs += [(f"envelope_{index}_{key}", getattr(envelope, key))
                  for key in ("name", "clauses", "max", "max_share", "min")]
    return [(key, value) for key, value in pairs if value]


def carried_text(fields: ScenarioFields, settings: Mapping[str, str]) -> str:
    """The scenario form as it stands, and its settings (solver, …), as the upload form carries them past the upload:
    urlencoded, named as the form's inputs are (the page's script puts in what was typed since)."""
    return urlencode([*form_pairs(fields), *((key, value) for key, value in settings.items() if value)])


def carried_form(text: str) -> dict[str, str] | None:
    """The form an upload carried, as a posted form's fields (read no more trustingly: `fields_of` takes what it
    knows, and the form is checked when it is run); None when nothing was carried or it is no form."""
    if not text.strip():
        return None
    try:
        return dict(parse_qsl(text, keep_blank_values=True, max_num_fields=MOST_CARRIED_FIELDS))
    except ValueError:  # more fields than any form has
        return None


# ---------------------------------------------------------------------------------------------- scenario → form


def form_of(data: Mapping[str, Any], policy: Policy) -> ScenarioFields:
    """The form filled in from a scenario file's tables (a preset, or a run's scenario)."""
    parents = policy.parent_ids()
    weights: dict[str, str] = {}
    raw_weights = data.get("weights", {})
    for key, value in (raw_weights.items() if isinstance(raw_weights, dict) else ()):
        for cid in parents.get(str(key).strip().lower(), (str(key).strip().lower(),)):
            weights[cid] = _shown(value)
    raw_envelopes = data.get("envelopes", [])
    envelopes = tuple(
        EnvelopeFields(_shown(e.get("name")), _listed(e.get("clauses")), _shown(e.get("max")),
                       _shown(e.get("max_share")), _shown(e.get("min")))
        for e in (raw_envelopes if isinstance(raw_envelopes, list) else []) if isinstance(e, dict))
    return ScenarioFields(
        name=_shown(data.get("name")), year=_shown(data.get("year")), budget=_shown(data.get("budget")),
        reserve=_shown(data.get("reserve")), fixed_awards=_shown(data.get("fixed_awards")) or "whole",
        min_funding_ratio=_shown(data.get("min_funding_ratio")), rounding=_shown(data.get("rounding")),
        weights=weights, envelopes=envelopes,
        district_max_share=_shown(_table(data, "districts").get("max_share")),
        applicant_max_total=_shown(_table(data, "applicants").get("max_total")),
        applicant_max_period_total=_shown(_table(data, "applicants").get("max_period_total")),
        group_max_total=_shown(_table(data, "groups").get("max_total")))


def _table(data: Mapping[str, Any], key: str) -> Mapping[str, Any]:
    value = data.get(key, {})
    return value if isinstance(value, dict) else {}


def _listed(value: Any) -> str:
    """A list of clause ids as the form writes it ("3, 4"); anything else as it is, for the checks to name."""
    return ", ".join(map(_shown, value)) if isinstance(value, list) else _shown(value)


def _shown(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return format(value, ".15g")
    return str(value)


# ---------------------------------------------------------------------------------------------- TOML


def toml_text(data: Mapping[str, Any], lang: str) -> str:
    """The scenario as a TOML file the command line reads (and load_scenario accepts back as it is)."""
    lines = [f"# {Phrase.of('web.toml.header').text(lang)}", ""]
    tables = {"weights", "envelopes", "districts", "applicants", "groups"}
    lines += [f"{key} = {_value(value)}" for key, value in data.items() if key not in tables]
    if "weights" in data:
        lines += ["", "[weights]"] + [f"{_string(k)} = {_value(v)}" for k, v in data["weights"].items()]
    for envelope in data.get("envelopes", []):
        lines += ["", "[[envelopes]]"] + [f"{k} = {_value(v)}" for k, v in envelope.items()]
    for table in ("districts", "applicants", "groups"):
        if table in data:
            lines += ["", f"[{table}]"] + [f"{k} = {_value(v)}" for k, v in data[table].items()]
    return "\n".join(lines) + "\n"


def _value(value: Any) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        text = repr(value)
        return text if any(c in text for c in ".en") else text + ".0"  # 'inf', 'nan' are TOML too
    if isinstance(value, Sequence) and not isinstance(value, str):
        return "[" + ", ".join(_value(v) for v in value) + "]"
    return _string(str(value))


def _string(text: str) -> str:
    """A TOML basic string: quotes, backslashes and control characters escaped."""
    out = []
    for char in text:
        if char in ('"', "\\"):
            out.append("\\" + char)
        elif ord(char) < 0x20 or ord(char) == 0x7F:
            out.append(f"\\u{ord(char):04X}")
        else:
            out.append(char)
    return '"' + "".join(out) + '"'


# ------------------------------------------------------------------------------ what is wrong, in the form's words

# the scenario's keys as the form labels their fields (a problem says `districts.max_share：2.0 超出…` of a file)
FIELD_LABELS = {
    "name": "web.form.name", "year": "web.form.year", "budget": "web.form.budget", "reserve": "web.form.reserve",
    "fixed_awards": "web.form.fixed_awards", "min_funding_ratio": "web.form.min_funding_ratio",
    "rounding": "web.form.rounding", "districts.max_share": "web.form.district_max_share",
    "applicants.max_total": "web.form.applicant_max_total",
    "applicants.max_period_total": "web.form.applicant_max_period_total",
    "groups.max_total": "web.form.group_max_total",
}
ENVELOPE_FIELDS = {"name": "web.form.env_name", "clauses": "web.form.env_clauses", "max": "web.form.env_max",
                   "max_share": "web.form.env_max_share", "min": "web.form.env_min"}
_ENVELOPE_KEY = re.compile(r"envelopes\[(\d+)\](?: \((.*)\))?(?:\.(\w+))?")
# problems that name keys in their own words: the form's
FORM_CODES = {"scenario.no_budget": "web.form.no_budget",
              "scenario.reserve_above_budget": "web.form.reserve_above_budget"}


def field_label(key: str) -> tuple[str, str] | None:
    """The form's label of a scenario key, in both languages: `districts.max_share` → 单个区县最多占可分配额的比例,
    `weights.4` → 第4条的权重, `envelopes[1] (人工智能赋能).max` → 专项额度“人工智能赋能”的上限金额 (the first of
    those named: `envelopes[1].max` → 第1项专项额度的上限金额); None for another key."""
    if key in FIELD_LABELS:
        return Phrase.of(FIELD_LABELS[key]).both()
    if key.startswith("weights."):
        return Phrase.of("web.form.weight_of", clause=key.removeprefix("weights.")).both()
    found = _ENVELOPE_KEY.fullmatch(key)
    if found is None:
        return None
    number, name, field_key = found.groups()
    envelope = Phrase.of("web.form.envelope_named", name=name) if name else Phrase.of("web.form.envelope_number",
                                                                                        number=number)
    if field_key is None:
        return envelope.both()
    return Phrase.of("web.form.envelope_field", envelope=envelope.both(),
                     field=Phrase.of(ENVELOPE_FIELDS.get(field_key, "web.form.envelopes")).both()).both()


def on_the_form(problem: Problem, lang: str) -> str:
    """A problem of the form's scenario as the form says it: its fields by their labels, not the file's keys, and
    no `scenario：` in front (the form is no file)."""
    message = problem.message
    params = dict(message.params)
    at = params.get("at")
    if isinstance(at, tuple) and at[1]:
        label = field_label(at[1].removesuffix(": "))
        if label is not None:
            params["at"] = Phrase.of("rules.at", key=label).both()
    code = FORM_CODES.get(message.code, message.code)
    return Phrase(code, tuple(params.items())).text(lang, "web")
