"""Chongqing's county-level divisions (models/chongqing-divisions.toml): the names the district column accepts, and
the region of 一区两群 each belongs to (the distribution measures group districts by it)."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from functools import cache
from importlib import resources
from pathlib import Path

from optimizer.money import normalize_text

_PREFIXES = ("重庆市", "重庆")


@dataclass(frozen=True)
class Division:
    """What a district cell names: the current division, and the abolished name it was written as, if any."""

    name: str
    abolished_name: str | None = None
    abolished_on: date | None = None


@dataclass(frozen=True)
class Region:
    """One region of 一区两群 and the divisions in it."""

    name: str  # 主城都市区, 渝东北三峡库区城镇群, 渝东南武陵山区城镇群
    name_en: str
    members: tuple[str, ...]

    def title(self, lang: str) -> str:
        return self.name if lang == "zh" else self.name_en


@dataclass(frozen=True)
class Divisions:
    as_of: date
    names: tuple[str, ...]  # current divisions, in the model's order
    aliases: dict[str, str]
    abolished: dict[str, tuple[str, date]]
    regions: tuple[Region, ...] = ()  # 一区两群, in the model's order; every division is in exactly one
    regions_source: tuple[str, str] = ("", "")  # where the grouping comes from, in Chinese and English

    def region_of(self, name: str) -> Region | None:
        """The region of 一区两群 a current division belongs to; None for a name that is not one."""
        return next((r for r in self.regions if name in r.members), None)

    def lookup(self, text: str) -> Division | None:
        """The division a cell names, or None. `重庆市渝北区` → 两江新区 (abolished name noted)."""
        name = normalize_text(text).replace(" ", "")
        for prefix in _PREFIXES:
            if name.startswith(prefix) and len(name) > len(prefix):
                name = name[len(prefix):]
                break
        if name in self.names:
            return Division(name)
        if name in self.aliases:
            return Division(self.aliases[name])
        if name in self.abolished:
            replaced_by, on = self.abolished[name]
            return Division(replaced_by, name, on)
        return None


def divisions_path() -> Path:
    return Path(str(resources.files("optimizer") / "models" / "chongqing-divisions.toml"))


@cache
def chongqing() -> Divisions:
    text = divisions_path().read_text(encoding="utf-8")
    data = tomllib.loads(text)
    names = tuple(data["districts"] + data["counties"] + data["autonomous_counties"] + data["zones"])
    abolished = {old: (v["replaced_by"], v["on"]) for old, v in data["abolished"].items()}
    regions = tuple(Region(r["name"], r["name_en"], tuple(r["members"])) for r in data["regions"])
    source = (data["regions_source"]["zh"], data["regions_source"]["en"])
    return Divisions(data["as_of"], names, dict(data["aliases"]), abolished, regions, source)
