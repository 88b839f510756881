"""The second process that makes some outputs (optimizer/background.py): same result, same errors, no leftovers."""

from __future__ import annotations

import os
import pickle
import sys
from dataclasses import fields
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from test_cli_allocate import SAMPLE, SCENARIO, run

from optimizer._speed.background import in_background
from optimizer.domain import Application
from optimizer.report import outputs

linux_only = pytest.mark.skipif(sys.platform != "linux", reason="the second process is used on Linux only")


@linux_only
def test_the_child_makes_the_value_and_the_parent_gets_it() -> None:
    parent = os.getpid()
    with in_background(lambda: (os.getpid(), b"x" * 1_000_000)) as pending:  # far beyond a pipe's buffer
        pid, data = pending.result()
        assert pending.result() == (pid, data)  # asked again: the same value, the child not waited for twice
    assert pid != parent and data == b"x" * 1_000_000


@linux_only
def test_a_child_that_dies_is_made_up_for_here() -> None:
    parent = os.getpid()

    def make() -> int:
        if os.getpid() != parent:
            os._exit(3)  # as if killed: no result through the pipe
        return 42

    with in_background(make) as pending:
        assert pending.result() == 42


def test_an_error_is_raised_here_as_without_a_second_process() -> None:
    def make() -> bytes:
        raise ValueError("cannot make it")

    for enabled in (True, False):
        with pytest.raises(ValueError, match="cannot make it"), in_background(make, enabled=enabled) as pending:
            pending.result()


@linux_only
def test_leaving_without_the_result_ends_the_child() -> None:
    with in_background(lambda: b"y" * 10_000_000) as pending:
        pid = pending.pid
    assert pid is not None
    with pytest.raises(ChildProcessError):  # already waited for: no zombie left behind
        os.waitpid(pid, 0)


def test_disabled_it_makes_the_value_when_asked() -> None:
    calls: list[int] = []
    with in_background(lambda: calls.append(os.getpid()) or b"z", enabled=False) as pending:
        assert calls == []
        assert pending.result() == b"z"
    assert calls == [os.getpid()]


def test_the_outputs_are_the_same_bytes_with_and_without_the_second_process(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    code, _, err = run("allocate", SAMPLE, "--scenario", SCENARIO, "--out", tmp_path / "two")
    assert code == 0, err
    monkeypatch.setattr(outputs, "FORK_UP_TO", 0)
    code, _, err = run("allocate", SAMPLE, "--scenario", SCENARIO, "--out", tmp_path / "one")
    assert code == 0, err
    for name in ("allocation.csv", "allocation.xlsx", "report.html"):
        assert (tmp_path / "two" / name).read_bytes() == (tmp_path / "one" / name).read_bytes(), name


def test_an_application_sent_between_processes_is_the_same_application() -> None:
    """Application pickles as its fields in order (a second process sends read rows back that way): every field
    comes back, the optional ones too."""
    full = Application(7, "A-7", "重庆智造有限公司", "91500000MA5U0000XN", "两江新区", "5", "项目", Decimal("88.5"),
                       date(2026, 3, 2), "content", Decimal("1234.56"), Decimal(100), "C13", "small", True,
                       Decimal("0.01"), "group")
    plain = Application(8, "A-8", "b", "c", "d", "1", "p", Decimal(60), date(2026, 4, 1))
    for app in (full, plain):
        back = pickle.loads(pickle.dumps(app, protocol=pickle.HIGHEST_PROTOCOL))
        assert type(back) is Application and back == app
        names = [f.name for f in fields(Application)]
        assert [getattr(back, n) for n in names] == [getattr(app, n) for n in names]
