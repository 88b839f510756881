"""Write a run's files all at once: every file is prepared in memory, written beside its final name, then moved
into place — a run that fails, or is stopped, leaves the previous outputs as they were. Files we did not write are
left alone.

Runs never hurt each other: two runs writing into one folder take turns (a lock on `.budgetopt.lock` in it), and
a folder that holds another run's outputs — its manifest.json records other inputs or settings — is replaced only
when the caller allows it (`overwrite`); the same run done again replaces its own outputs quietly.
"""

from __future__ import annotations

import contextlib
import json
import os
import tempfile
from collections.abc import Iterator, Mapping
from pathlib import Path
from typing import Any

from optimizer.errors import Hint, InputError
from optimizer.words import Phrase, os_reason

try:
    import fcntl
except ImportError:  # pragma: no cover - not on Windows: runs into one folder are not serialised there
    fcntl = None  # type: ignore[assignment]

LOCK = ".budgetopt.lock"
MANIFEST = "manifest.json"


def write_all(out_dir: Path, files: Mapping[str, bytes], *, overwrite: bool = False) -> list[Path]:
    """Write every file or none: temporary files in the same folder first, then one rename each."""
    writable(out_dir)
    try:
        out_dir.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise InputError.one(out_dir, Phrase.of("out.unwritable", detail=os_reason(exc))) from None
    with _turn(out_dir):
        new = files.get(MANIFEST)
        if not overwrite and new is not None:  # a sweep or a comparison (no manifest): replaced as they come
            refuse_another_run(out_dir, run_identity(json.loads(new)))
        for stale in out_dir.glob(".*.tmp"):  # left by a run that was killed while writing: ours by their names
            if any(stale.name.startswith(f".{name}.") for name in files):
                stale.unlink(missing_ok=True)
        staged: list[tuple[str, Path]] = []
        try:
            for name, data in files.items():
                handle, temporary = tempfile.mkstemp(prefix=f".{name}.", suffix=".tmp", dir=out_dir)
                staged.append((name, Path(temporary)))
                with os.fdopen(handle, "wb") as stream:
                    stream.write(data)
                    stream.flush()
                    os.fsync(stream.fileno())
                os.chmod(temporary, 0o644)
            _swap_in(out_dir, staged)
        finally:
            for _, path in staged:
                path.unlink(missing_ok=True)
    return [out_dir / name for name in files]


def writable(out_dir: Path) -> None:
    """An InputError saying why files cannot be written into `out_dir` (or the folders it would be made in), so that
    a run is refused before it is solved, not after; nothing is created."""
    here = out_dir.absolute()
    while not here.exists() and here != here.parent:
        here = here.parent
    if not here.is_dir():
        raise InputError.one(out_dir, Phrase.of("out.not_a_folder", path=here))
    if not os.access(here, os.W_OK | os.X_OK):
        raise InputError.one(out_dir, Phrase.of("out.unwritable", detail=os.strerror(13)))


def refuse_another_run(out_dir: Path, identity: tuple[object, ...]) -> None:
    """An InputError when `out_dir` holds the outputs of a run other than the one of `identity` (its inputs by
    SHA-256 and its settings: `run_identity`); nothing when it holds none, or this same run's."""
    recorded = out_dir / MANIFEST
    if not recorded.is_file():
        return
    try:
        same = run_identity(json.loads(recorded.read_bytes())) == identity
    except (OSError, ValueError, TypeError, AttributeError, KeyError):
        same = False
    if not same:
        raise InputError.one(out_dir, Phrase.of("out.another_run"), hint=Hint("overwrite"))


def run_identity(manifest: Mapping[str, Any]) -> tuple[object, ...]:
    """What makes two runs the same run: their inputs (by SHA-256) and how they were asked for."""
    inputs = {role: info.get("sha256") for role, info in manifest["inputs"].items()}
    return inputs, manifest["command"]


@contextlib.contextmanager
def _turn(out_dir: Path) -> Iterator[None]:
    """Hold the folder's lock while writing: a second run into the same folder waits for its turn."""
    if fcntl is None:  # pragma: no cover
        yield
        return
    with open(out_dir / LOCK, "a+b") as lock:
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(lock.fileno(), fcntl.LOCK_UN)


def _swap_in(out_dir: Path, staged: list[tuple[str, Path]]) -> None:
    """Move every staged file into place; if one move fails, put back what was there before."""
    moved: list[tuple[Path, Path | None]] = []  # (target, the previous file's backup or None)
    try:
        for name, path in staged:
            target = out_dir / name
            backup = None
            if target.exists():
                backup = target.with_name(f".{name}.previous.tmp")
                os.replace(target, backup)
            moved.append((target, backup))
            os.replace(path, target)
    except BaseException:
        for target, backup in reversed(moved):
            if backup is not None:
                os.replace(backup, target)
            else:
                target.unlink(missing_ok=True)
        raise
    for _, backup in moved:
        if backup is not None:
            backup.unlink(missing_ok=True)
