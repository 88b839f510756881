"""How the money is spread: concentration across districts, the regions of 一区两群 and applicants, computed exactly.

Over the eligible applications (FUNDED, PARTIAL, UNFUNDED), with x_d the money allocated to district d, the districts
counted being those with at least one eligible application (n of them, mean μ = Σx / n):

    hhi_district           Σ (x_d / Σx)²
    hhi_applicant          the same over credit codes (those with at least one eligible application)
    gini_district          Σ_i Σ_j |x_i − x_j| / (2 n² μ)
    theil_district         (1/n) Σ (x_d/μ) ln(x_d/μ), with 0 ln 0 = 0
    theil_between_regions  Σ_g (n_g/n)(μ_g/μ) ln(μ_g/μ) over the regions g of 一区两群 that have counted districts
    top5_applicant_share   the share of the five credit codes with the most money

and for each district and region its share of the money and the share of its eligible demand met (allocated ÷ the
sum of the entitlements of its eligible applications).

Everything is exact: the rational measures are `Fraction`s, the two Theil indices `Decimal`s to 50 significant
digits (a logarithm has no exact decimal; 50 digits are exact far beyond any figure shown). A value is rounded once,
where it is shown (`places`): 6 decimals in manifest.json and sweep.csv, fewer on a page. With nothing allocated
(Σx = 0) the measures and the shares of the money are undefined: None (null in JSON, an empty cell, "—" on a page).
A single district gives HHI 1, Gini 0 and Theil 0. A district outside the divisions list (never one the workbook
reader accepted) counts as a region of its own.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Context, Decimal
from fractions import Fraction
from typing import Any

from optimizer.domain import Award, Status
from optimizer.reading.run_folder import RunData
from optimizer.report.units import say
from optimizer.rules.divisions import Divisions, chongqing

ELIGIBLE = (Status.FUNDED, Status.PARTIAL, Status.UNFUNDED)
MEASURES = ("hhi_district", "hhi_applicant", "gini_district", "theil_district", "theil_between_regions",
            "top5_applicant_share")
PLACES = 6  # decimals of every measure and share in manifest.json and sweep.csv
TOP = 5  # applicants in top5_applicant_share
_LN = Context(prec=50)  # significant digits of a logarithm

Value = Fraction | Decimal  # exact: a ratio of whole yuan, or a sum of logarithms to 50 digits


@dataclass(frozen=True, slots=True)
class Part:
    """One eligible application's part in the spread: where it is, whose it is, what it asked and got (yuan)."""

    district: str
    credit_code: str
    entitlement: int
    allocated: int


@dataclass(frozen=True)
class Share:
    """A district or a region: its eligible demand, the money it received, its share of all the money and the
    share of its demand met."""

    key: str  # the district's name, or the region's Chinese name
    region: str  # the region's Chinese name (a region's is its own)
    districts: int  # districts counted (1 for a district)
    applications: int  # eligible applications
    demand: int  # Σ entitlement, yuan
    allocated: int  # yuan
    share: Fraction | None  # allocated ÷ all the money; None when nothing is allocated
    met: Fraction | None  # allocated ÷ demand; None when there is no demand


@dataclass(frozen=True)
class Distribution:
    """The measures of one allocation, and its districts (most money first) and regions (一区两群 order)."""

    allocated: int
    demand: int
    districts_counted: int  # n
    applicants_counted: int
    hhi_district: Fraction | None
    hhi_applicant: Fraction | None
    gini_district: Fraction | None
    theil_district: Decimal | None
    theil_between_regions: Decimal | None
    top5_applicant_share: Fraction | None
    districts: tuple[Share, ...]
    regions: tuple[Share, ...]

    def measure(self, key: str) -> Value | None:
        """One of MEASURES by its name."""
        value: Value | None = getattr(self, key)
        return value

    def as_dict(self) -> dict[str, Any]:
        """What manifest.json records under "distribution": the measures as numbers rounded to PLACES decimals
        (null when undefined), amounts in whole yuan."""
        return {
            "eligible_statuses": [s.value for s in ELIGIBLE],
            "districts_counted": self.districts_counted, "applicants_counted": self.applicants_counted,
            "allocated": self.allocated, "demand": self.demand,
            **{key: number(self.measure(key)) for key in MEASURES},
            "regions": [_share_dict(r, "region") for r in self.regions],
            "districts": [_share_dict(d, "district") for d in self.districts],
        }


def _share_dict(s: Share, what: str) -> dict[str, Any]:
    first = {"region": s.key, "districts": s.districts} if what == "region" else {"district": s.key,
                                                                                  "region": s.region}
    return {**first, "applications": s.applications, "demand": s.demand, "allocated": s.allocated,
            "share": number(s.share), "demand_met": number(s.met)}


def distribution(parts: Iterable[Part], divisions: Divisions | None = None) -> Distribution:
    """The measures over `parts`, the eligible applications; regions from `divisions` (the shipped list by
    default). The result does not depend on the order of `parts`."""
    return _measure(((p.district, p.credit_code, p.entitlement, p.allocated) for p in parts), divisions)


def _measure(rows: Iterable[tuple[str, str, int, int]], divisions: Divisions | None) -> Distribution:
    """`distribution` over (district, credit code, entitlement, allocated) rows: one pass, plain tuples (a large
    year has a hundred thousand)."""
    divisions = divisions or chongqing()
    region_of = {member: r.name for r in divisions.regions for member in r.members}
    by_district: dict[str, list[int]] = {}  # [applications, demand, allocated]
    by_code: dict[str, int] = {}
    for district, credit_code, entitlement, allocated in rows:
        totals = by_district.get(district)
        if totals is None:
            totals = by_district[district] = [0, 0, 0]
        totals[0] += 1
        totals[1] += entitlement
        totals[2] += allocated
        by_code[credit_code] = by_code.get(credit_code, 0) + allocated
    total = sum(t[2] for t in by_district.values())
    districts = [_share(d, region_of.get(d, d), 1, t[0], t[1], t[2], total) for d, t in by_district.items()]
    regions = _regions(districts, [r.name for r in divisions.regions], total)
    x = [d.allocated for d in districts]
    return Distribution(
        allocated=total, demand=sum(d.demand for d in districts), districts_counted=len(x),
        applicants_counted=len(by_code), hhi_district=hhi(x), hhi_applicant=hhi(by_code.values()),
        gini_district=gini(x), theil_district=theil(x),
        theil_between_regions=theil_between([(r.districts, r.allocated) for r in regions if r.districts], len(x)),
        top5_applicant_share=top_share(by_code.values(), TOP),
        districts=tuple(sorted(districts, key=lambda d: (-d.allocated, d.key))), regions=tuple(regions))


def _share(key: str, region: str, districts: int, applications: int, demand: int, allocated: int,
           total: int) -> Share:
    return Share(key, region, districts, applications, demand, allocated,
                 Fraction(allocated, total) if total else None, Fraction(allocated, demand) if demand else None)


def _regions(districts: list[Share], order: list[str], total: int) -> list[Share]:
    """Every region of 一区两群 (with no districts counted, zeros), then any district outside them as its own."""
    members: dict[str, list[Share]] = {name: [] for name in order}
    for d in districts:
        members.setdefault(d.region, []).append(d)
    return [_share(name, name, len(ds), sum(d.applications for d in ds), sum(d.demand for d in ds),
                   sum(d.allocated for d in ds), total)
            for name, ds in sorted(members.items(), key=lambda kv: _rank(order, kv[0]))]


def _rank(order: list[str], name: str) -> tuple[int, str]:
    return (order.index(name), "") if name in order else (len(order), name)


def of_awards(awards: Iterable[Award], divisions: Divisions | None = None) -> Distribution:
    """The spread of an allocation's awards."""
    return _measure(((a.district, a.credit_code, a.entitlement, a.allocated) for a in awards
                     if a.status in ELIGIBLE), divisions)


def of_run(run: RunData, divisions: Divisions | None = None) -> Distribution:
    """The spread of a finished run, from its allocation.csv."""
    statuses = {s.value for s in ELIGIBLE}
    return _measure(((r.district, r.credit_code, r.entitlement, r.allocated) for r in run.rows
                     if r.status in statuses), divisions)


# The measures, each over whole amounts of yuan; None where Σx = 0 (or nothing is counted).

def hhi(amounts: Iterable[int]) -> Fraction | None:
    """Σ (x / Σx)²: 1/n when the money is spread evenly over n, 1 when one gets it all."""
    xs = list(amounts)
    total = sum(xs)
    return Fraction(sum(x * x for x in xs), total * total) if total else None


def gini(amounts: Iterable[int]) -> Fraction | None:
    """Σ_i Σ_j |x_i − x_j| / (2 n² μ) = Σ_i Σ_j |x_i − x_j| / (2 n Σx): 0 when even, (n − 1)/n when one gets all."""
    xs = list(amounts)
    total = sum(xs)
    if not total:
        return None
    return Fraction(sum(abs(a - b) for a in xs for b in xs), 2 * len(xs) * total)


def theil(amounts: Iterable[int]) -> Decimal | None:
    """(1/n) Σ (x/μ) ln(x/μ) = Σ (x/Σx) ln(n x / Σx), with 0 ln 0 = 0: 0 when even, ln n when one gets all."""
    xs = list(amounts)
    return theil_between([(1, x) for x in xs], len(xs))


def theil_between(groups: Iterable[tuple[int, int]], n: int) -> Decimal | None:
    """Σ_g (n_g/n)(μ_g/μ) ln(μ_g/μ) for groups of (n_g members, X_g yuan), μ_g = X_g/n_g, μ = ΣX/n; it reduces to
    Σ_g (X_g/ΣX) ln(n X_g / (n_g ΣX)), a sum of logarithms of whole numbers. With one member per group it is the
    Theil index itself."""
    gs = [(size, x) for size, x in groups]
    total = sum(x for _, x in gs)
    if not total:
        return None
    found = Decimal(0)
    for size, x in sorted(gs):  # sorted: the same sum whatever the order given
        if x:  # 0 ln 0 = 0
            found = _LN.add(found, _LN.multiply(Decimal(x), _ln(Fraction(n * x, size * total))))
    value = _LN.divide(found, Decimal(total))
    return value if value > 0 else Decimal(0)  # never below 0, nor a -0 from the last digit


def _ln(ratio: Fraction) -> Decimal:
    """ln of a ratio of whole numbers in lowest terms, to 50 digits: exactly 0 for 1."""
    return _LN.subtract(_LN.ln(Decimal(ratio.numerator)), _LN.ln(Decimal(ratio.denominator)))


def top_share(amounts: Iterable[int], k: int) -> Fraction | None:
    """The share of the k largest amounts (all of them when there are fewer)."""
    xs = sorted(amounts, reverse=True)
    total = sum(xs)
    return Fraction(sum(xs[:k]), total) if total else None


# Rounding, once, where a value is shown

def rounded(value: Value, places: int = PLACES) -> Decimal:
    """The value to `places` decimals, half away from zero; never a -0."""
    if isinstance(value, Decimal):
        shown = value.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=_LN)
    else:
        scaled = abs(value) * 10 ** places
        whole = (2 * scaled.numerator + scaled.denominator) // (2 * scaled.denominator)
        shown = Decimal(whole if value >= 0 else -whole).scaleb(-places)
    return shown if shown != 0 else Decimal(0).scaleb(-places)


def number(value: Value | None, places: int = PLACES) -> float | None:
    """A JSON number of `places` decimals (0.625, 0.179871), None for undefined. The float holds the rounded
    decimal exactly enough to read it back: round(x, 6) gives the same decimals."""
    return None if value is None else float(rounded(value, places))


def text(value: Value | None, places: int = PLACES) -> str:
    """A fixed-point text without trailing zeros (`0.625`, `0`), "" for undefined: sweep.csv's cells."""
    if value is None:
        return ""
    shown = rounded(value, places)
    return "0" if shown == 0 else f"{shown.normalize():f}"


def percent(value: Value | None, places: int = 1) -> str:
    """A share as a percentage, rounded once (`12.3%`), "—" for undefined."""
    if value is None:
        return "—"
    hundredfold = _LN.multiply(value, Decimal(100)) if isinstance(value, Decimal) else value * 100
    return f"{rounded(hundredfold, places):f}%"


def measure_text(value: Value | None, places: int = 4) -> str:
    """A measure for people (`0.0712`), "—" for undefined."""
    return "—" if value is None else f"{rounded(value, places):f}"


def difference(a: Value | None, b: Value | None) -> Value | None:
    """b − a, exactly; None when either is undefined."""
    if a is None or b is None:
        return None
    if isinstance(a, Fraction) and isinstance(b, Fraction):
        return b - a
    return _LN.subtract(_decimal(b), _decimal(a))


def _decimal(value: Value) -> Decimal:
    return value if isinstance(value, Decimal) else _LN.divide(Decimal(value.numerator), Decimal(value.denominator))


def signed(text_of: str) -> str:
    """A change as shown: `+0.0123`, `−1.5%`, `0` (a zero has no sign)."""
    if text_of.startswith("-"):
        return "−" + text_of[1:]
    return text_of if text_of.strip("0.%") == "" or text_of == "—" else "+" + text_of


# Words for the measures and regions (words/msg_report.py, report.distribution.*)

def measure_name(key: str, lang: str) -> str:
    """One of MEASURES in words: 区县集中度（HHI）, Concentration across districts (HHI)."""
    return say(f"report.distribution.measure.{key}", lang)


def measure_shown(key: str, value: Value | None) -> str:
    """A measure for people: a share as a percentage (`38.2%`), an index to four decimals (`0.0712`)."""
    return percent(value) if key == "top5_applicant_share" else measure_text(value)


def change_shown(key: str, a: Value | None, b: Value | None, lang: str) -> str:
    """How a measure changed from a to b: `+0.0123`, or for a share `+1.5个百分点` (`+1.5 points`)."""
    delta = difference(a, b)
    if delta is None:
        return "—"
    if key == "top5_applicant_share":
        return points(delta, lang)
    return signed(measure_text(delta))


def points(delta: Value, lang: str) -> str:
    """A change of a share in percentage points, rounded once: `+1.5个百分点`."""
    return say("report.distribution.points", lang, value=signed(percent(delta).rstrip("%")))


def region_title(name: str, lang: str, divisions: Divisions | None = None) -> str:
    """A region of 一区两群 in the run's language (a name that is not a region, as it is)."""
    region = next((r for r in (divisions or chongqing()).regions if r.name == name), None)
    return region.title(lang) if region is not None else name


def regions_source(divisions: Divisions | None = None) -> tuple[str, str]:
    """Where the grouping into 一区两群 comes from, in Chinese and English (models/chongqing-divisions.toml)."""
    return (divisions or chongqing()).regions_source


def region_of(district: str, divisions: Divisions | None = None) -> str:
    """The Chinese name of a district's region; the district's own name when it is in none (see the module)."""
    region = (divisions or chongqing()).region_of(district)
    return district if region is None else region.name
