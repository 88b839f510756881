"""Write a run's files all at once: every file is prepared in memory, written beside its final name, then moved
into place — a run that fails leaves the previous outputs as they were. Files we did not write are left alone."""

from __future__ import annotations

import os
import tempfile
from collections.abc import Mapping
from pathlib import Path


def write_all(out_dir: Path, files: Mapping[str, bytes]) -> list[Path]:
    """Write every file or none: temporary files in the same folder first, then one rename each."""
    out_dir.mkdir(parents=True, exist_ok=True)
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
