"""How the audit says what it finds (rules/audit.py): each violation one line, in Chinese or English
(words/msg_audit.py) — the application (`2026-0007 (row 8)`, `2026-0007（第8行）`, the workbook row) or the limit
(`budget`, `envelope:<name>`, `envelope_min:<name>`, `district_share:<district>`, `applicant_cap:<credit code>`; in
Chinese 预算总额, 专项额度“<name>”, …), the rule, the amounts, and after a dash where the rule comes from, in words the
user has: the policy's own sentence (`渝经信规范〔2026〕2号 clause 7b: 对先进级智能工厂项目，…`,
`渝经信规范〔2026〕2号第7b条：…`), the scenario's setting (`scenario: [districts] max_share`,
`情景：区县占比上限（[districts] max_share）`), or the README's section (`README, Outputs`, `见 README「Outputs」`).
`Violation.subject` is the English form, a stable key.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from optimizer.rules.policy import Clause, Policy
from optimizer.words import Phrase

Words = tuple[str, str]  # the same thing said in Chinese and in English

# where the rules of budgetopt itself are written down for users: the README's sections
OUTPUTS = Phrase.of("audit.source.readme", section="Outputs",  # one row per input row, the statuses, entitlement
                    rule=Phrase.of("audit.rule.outputs").both())
WORKBOOK = Phrase.of("audit.source.readme", section="The application workbook",  # a readable row; requested
                     rule=Phrase.of("audit.rule.workbook").both())
_POLICY_SOURCES = ("audit.source.clause", "audit.source.policy", "audit.source.validity")


@dataclass(frozen=True)
class Violation:
    """One broken rule: a short stable code, whom it concerns, and the whole story in one line, in either language."""

    rule: str  # e.g. "budget", "above_entitlement", "status", "missing_row"
    subject: str  # `2026-0007 (row 8)`, `allocation row 9 (X-1)`, `budget`, `envelope:人工智能赋能`, ... (English)
    phrase: Phrase  # the line: the subject, the rule, the amounts, then a dash and where the rule comes from
    # a limit of the scenario (budget, envelope, district share, applicant or group cap): what the allocation put under
    # it and what it allowed (for an envelope's floor: what had to be reached), and its name as people know it (the
    # envelope, district, applicant or group); None and "" for the other rules
    amounts: tuple[int, int] | None = None
    name: str = ""

    def text(self, lang: str | None = None) -> str:
        """The line in `lang` (default: the run's); data with line breaks is flattened."""
        return " ".join(self.phrase.text(lang).split("\n")).replace("\r", " ")

    @property
    def message(self) -> str:
        return self.text()

    def __str__(self) -> str:
        return self.text()


def joined(phrases: Iterable[Phrase]) -> Words:
    """Several facts, `；` / `; ` between them."""
    said = [p.both() for p in phrases]
    return "；".join(zh for zh, _ in said), "; ".join(en for _, en in said)


def listed(items: Iterable[str]) -> Words:
    """`4、10` / `4, 10`."""
    items = list(items)
    return "、".join(items), ", ".join(items)


def cite_clause(policy: Policy, clause: Clause) -> Phrase:
    """The policy's own words for a clause's rule: `渝经信规范〔2026〕2号 clause 7b: <the clause's sentence>`."""
    return Phrase.of("audit.source.clause", number=policy.number, clause=clause.id, sentence=clause.source)


def cite_policy(policy: Policy, sentence: str) -> Phrase:
    """The policy's own words for a rule of the whole document (e.g. its 就高、不重复 sentence)."""
    return Phrase.of("audit.source.policy", number=policy.number, sentence=sentence)


def cite_once(policy: Policy) -> Phrase:
    """就高、不重复, in the document's sentence when the model cites it."""
    return cite_policy(policy, policy.once_source or "就高、不重复")


def cite_scenario(keys: Words | str, setting: str, name: str = "") -> Phrase:
    """A rule of the scenario as a source: in Chinese its `setting` in words (compare's, `report.compare.key.…`)
    before the scenario file's keys — `情景：年度预算和预留（budget、reserve）`, not the keys alone amid Chinese text (a
    planner's review) — in English the keys, English words already (`scenario: budget, reserve`)."""
    zh, en = keys if isinstance(keys, tuple) else (keys, keys)
    words = Phrase.of(f"report.compare.key.{setting}", name=name).text("zh")
    return Phrase.of("audit.source.scenario", keys=(f"{words}（{zh}）", en))


def _sources(sources: Iterable[Phrase], lang: str) -> str:
    """Several sources, each once: the scenario's keys and the README first, then the policy's sentences; `; ` (`；`)
    between them, or just a space (nothing) after a sentence that ends with its own 。."""
    ordered = sorted(dict.fromkeys(sources), key=lambda s: s.code in _POLICY_SOURCES)
    texts = [s.text(lang) for s in ordered]
    after_sentence, between = ("", "；") if lang == "zh" else (" ", "; ")
    return "".join(t + (after_sentence if t.endswith("。") else between) for t in texts[:-1]) + (
        texts[-1] if texts else "")


def violation(rule: str, subject: Phrase, what: Phrase, sources: Iterable[Phrase],
              amounts: tuple[int, int] | None = None, name: str = "") -> Violation:
    """A violation: the subject, then `what` (the rule and the amounts), then a dash and where the rule comes from;
    for a limit, what was put under it and what it allowed (`amounts`), and its `name`."""
    cited = tuple(sources)
    line = Phrase.of("audit.violation", subject=subject.both(), what=what.both(),
                     source=(_sources(cited, "zh"), _sources(cited, "en")))
    return Violation(rule, subject.text("en"), line, amounts, name)
