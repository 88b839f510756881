"""The clauses of 渝经信规范〔2026〕2号 as stories, read from tests/clauses/*.yaml (one file per clause id).

Each story cites the Chinese sentence it tests, says what the applicant brings (`given`) and what follows: `entitled`
(whole yuan, written `300万` or 3000000), `ineligible` (the reason codes, all of them) or `duplicate` (就高、不重复:
one outcome per application, an amount or the word `duplicate`). `given` is one application, or a list of them.

Every story starts from a neutral application — the file's clause, submitted on 2026-03-15, score 85, and NO
investment, NO confirmed qualification and NO enterprise size — so that a story states everything it relies on.
A file, story or field this module does not know stops the collection with a message naming it: nothing is skipped.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from helpers import ROOT, app

from optimizer.domain import Application, Entitlement, Status
from optimizer.money import parse_amount
from optimizer.rules.entitle import entitle
from optimizer.rules.policy import Clause, Policy, load_policy
from optimizer.words import INDUSTRIES, SIZES

CLAUSES = ROOT / "tests" / "clauses"
TEXT = ROOT / "models" / "cq-ai-manufacturing-2026.zh.txt"
NEUTRAL: dict[str, Any] = {"investment": None, "qualified": None, "enterprise_size": None}
STORY_KEYS = {"story", "policy", "given", "year", "entitled", "ineligible", "duplicate"}
OUTCOMES = ("entitled", "ineligible", "duplicate")
AMOUNTS = {"investment", "requested", "prior_support"}
GIVEN_KEYS = AMOUNTS | {"qualified", "industry", "enterprise_size", "submitted_on", "score", "content_key"}
GENERAL_RULES = {"outside_period", "outside_year"}  # the closing paragraph's rules, shared by every clause
DUPLICATE = "duplicate"

Outcome = int | frozenset[str] | str  # entitled amount | reason codes of an ineligibility | DUPLICATE


class StoryError(ValueError):
    """A story file that does not say what it means; the message names the file and the story."""


@dataclass(frozen=True)
class Story:
    clause: str
    where: str  # file and story number, for messages
    text: str
    policy: str
    applications: tuple[Application, ...]
    year: int | None
    expected: tuple[Outcome, ...]  # one per application


def clause_id(path: Path) -> str:
    """`07b.yaml` and `clause_7b.yaml` are clause 7b."""
    return path.stem.removeprefix("clause_").lstrip("0").lower()


def natural(path: Path) -> list[int | str]:
    """`7b` after `7a` and before `10`."""
    return [int(t) if t.isdigit() else t for t in re.split(r"(\d+)", path.name)]


def load_stories(policy: Policy, folder: Path = CLAUSES) -> list[Story]:
    stories: list[Story] = []
    for path in sorted(folder.iterdir(), key=natural):
        if path.suffix != ".yaml" or clause_id(path) not in policy.clauses:
            raise StoryError(f"{path.name}: not a story file of a clause of the policy model (e.g. 07b.yaml)")
        raw = yaml.safe_load(path.read_text(encoding="utf-8"))
        if not isinstance(raw, list) or not raw:
            raise StoryError(f"{path.name}: must be a non-empty list of stories")
        stories += [parse_story(entry, clause_id(path), f"{path.name}, story {n}") for n, entry in enumerate(raw, 1)]
    return stories


def parse_story(raw: Any, clause: str, where: str) -> Story:
    if not isinstance(raw, dict):
        raise StoryError(f"{where}: a story is a mapping")
    unknown = sorted(set(raw) - STORY_KEYS)
    outcomes = [key for key in OUTCOMES if key in raw]
    if unknown or len(outcomes) != 1 or not {"story", "policy", "given"} <= set(raw):
        raise StoryError(f"{where}: needs story, policy, given and one of {OUTCOMES}; unknown keys: {unknown}")
    if not isinstance(raw["story"], str) or not isinstance(raw["policy"], str):
        raise StoryError(f"{where}: story and policy must be text")
    if not isinstance(raw.get("year"), int | None):
        raise StoryError(f"{where}: year must be a year such as 2026")
    given = raw["given"] if isinstance(raw["given"], list) else [raw["given"]]
    several = len(given) > 1
    applications = tuple(application(clause, g, i, several, f"{where} ({raw['story']!r})") for i, g in enumerate(given))
    expected = tuple(outcome_of(outcomes[0], raw[outcomes[0]], len(applications), where))
    return Story(clause, where, raw["story"], raw["policy"], applications, raw.get("year"), expected)


def application(clause: str, given: Any, index: int, several: bool, where: str) -> Application:
    """The neutral application of `clause`, with the fields the story gives (`clause` too, in a list of several)."""
    if not isinstance(given, dict):
        raise StoryError(f"{where}: an application is a mapping of fields, not {given!r}")
    unknown = sorted(set(given) - GIVEN_KEYS - ({"clause"} if several else set()))
    if unknown:
        raise StoryError(f"{where}: unknown fields {unknown}")
    fields = {**NEUTRAL, "clause": clause, "application_id": f"A-{index + 1:03d}", "row": index + 2}
    for key, value in given.items():
        fields[key] = field_value(key, value, where)
    return app(**fields)


def field_value(key: str, value: Any, where: str) -> Any:
    ok = {"qualified": value is None or isinstance(value, bool), "industry": value in INDUSTRIES,
          "enterprise_size": value in SIZES, "submitted_on": isinstance(value, date),
          "content_key": isinstance(value, str), "clause": str(value) in POLICY.clauses}
    if not ok.get(key, True):
        raise StoryError(f"{where}: {key} cannot be {value!r}")
    if key in AMOUNTS:
        return parse_amount(value)
    if key == "clause":
        return str(value)
    return Decimal(str(value)) if key == "score" else value


def outcome_of(kind: str, value: Any, count: int, where: str) -> list[Outcome]:
    """`entitled`: an amount, or a list of them for several applications; `ineligible`: the reason codes of one;
    `duplicate`: one outcome per application, an amount or `duplicate` (at least one)."""
    values = value if isinstance(value, list) else [value]
    amounts = len(values) == count and all(isinstance(v, int | str) and not isinstance(v, bool) for v in values)
    if amounts and ((kind, DUPLICATE in values) in {("entitled", False), ("duplicate", True)}):
        return [DUPLICATE if v == DUPLICATE else yuan(v, where) for v in values]
    if kind == "ineligible" and count == 1 and isinstance(value, list) and value:
        return [frozenset(value)]
    raise StoryError(f"{where}: {kind}: {value!r} does not fit {count} application(s)")


def yuan(value: int | str, where: str) -> int:
    amount = parse_amount(value)
    if amount != int(amount):
        raise StoryError(f"{where}: an entitlement is whole yuan, not {value!r}")
    return int(amount)


def outcome(ent: Entitlement) -> Outcome:
    if ent.status is None:
        return ent.amount
    if ent.status is Status.INELIGIBLE:
        assert ent.amount == 0
        return frozenset(r.code for r in ent.reasons)
    return DUPLICATE


def paragraphs(text: str) -> dict[str, str]:
    """The numbered paragraphs of the text ("7": "支持制造企业…"), and "general": the closing paragraph."""
    found = {m[1]: m[2] for m in re.finditer(r"(?m)(?:^|\])(\d{1,2})\.(.+)$", text)}
    found["general"] = next(line for line in text.splitlines() if line.startswith("本政策措施"))
    return {key: re.sub(r"\s+", "", value) for key, value in found.items()}


def clause_limits(story: Story, clause: Clause) -> bool:
    """Refused by a rule of its own clause, or paid less than the clause's maximum, ⌊rate × base⌋ or its request."""
    if len(story.expected) != 1:
        return False
    [expected], [a] = story.expected, story.applications
    if isinstance(expected, frozenset):
        return bool(expected - GENERAL_RULES)
    if not isinstance(expected, int) or a.prior_support:
        return False
    by_rate = clause.rate * a.investment if clause.rate is not None and a.investment is not None else None
    return any(limit is not None and expected < limit for limit in (clause.maximum, a.requested, by_rate))


POLICY = load_policy()
PARAGRAPHS = paragraphs(TEXT.read_text(encoding="utf-8"))
STORIES = load_stories(POLICY)


@pytest.mark.parametrize("story", [pytest.param(s, id=s.text) for s in STORIES])
def test_story(story: Story, policy: Policy) -> None:
    cited = re.sub(r"\s+", "", story.policy)
    own = PARAGRAPHS[story.clause.rstrip("ab")]
    assert cited in own or cited in PARAGRAPHS["general"], f"{story.where}: not in its clause's paragraph or the rules"
    result = entitle(story.applications, policy, year=story.year)
    assert tuple(outcome(e) for e in result) == story.expected, f"{story.where}: {[e.reasons for e in result]}"


def test_every_clause_has_a_story_entitled_and_one_its_own_rule_limits(policy: Policy) -> None:
    missing = []
    for cid, clause in policy.clauses.items():
        mine = [s for s in STORIES if s.clause == cid and len(s.expected) == 1]
        if clause.is_grant and not any(isinstance(s.expected[0], int) for s in mine):
            missing.append(f"{cid}: no entitled story")
        if not any(clause_limits(s, clause) for s in mine):
            missing.append(f"{cid}: no story refused or reduced by a rule of its own")
    assert not missing


def test_story_texts_are_unique() -> None:
    texts = [s.text for s in STORIES]
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize(("raw", "fault"), [
    ({"story": "s", "policy": "p", "given": {}, "entitled": 1, "entitles": 2}, "unknown keys: ['entitles']"),
    ({"story": "s", "policy": "p", "given": {"investmnet": "1万"}, "entitled": 1}, "unknown fields ['investmnet']"),
    ({"story": "s", "policy": "p", "given": {"industry": "food"}, "entitled": 1}, "industry cannot be 'food'"),
    ({"story": "s", "policy": "p", "given": {}}, "one of"),
    ({"story": "s", "policy": "p", "given": [{}, {}], "entitled": 1}, "does not fit 2"),
    ({"story": "s", "policy": "p", "given": {}, "entitled": "300000.5"}, "whole yuan"),
])
def test_a_story_that_does_not_say_what_it_means_is_refused(raw: dict[str, Any], fault: str) -> None:
    with pytest.raises(StoryError, match=re.escape(fault)):
        parse_story(raw, "7b", "test.yaml, story 1")


def test_a_file_for_no_clause_of_the_model_is_refused(tmp_path: Path) -> None:
    (tmp_path / "07c.yaml").write_text("- {story: s, policy: p, given: {}, entitled: 1}\n", encoding="utf-8")
    with pytest.raises(StoryError, match=r"07c\.yaml"):
        load_stories(POLICY, tmp_path)
