"""What budgetopt says about the faces step, by code: (Chinese, English) templates (see catalog.py)."""

from __future__ import annotations

MESSAGES: dict[str, tuple[str, str]] = {
    # remedies that depend on how budgetopt was called (errors.Hint): as the library's arguments, and as options
    "hint.file_limit": ("（FileLimits.{value}）", " (FileLimits.{value})"),
    "hint.file_limit@cli": ("（{option}）", " with {option}"),
    "hint.time_limit": ("（请放宽 time_limit）", " (raise time_limit)"),
    "hint.time_limit@cli": ("（请放宽 --time-limit）", " (raise --time-limit)"),
    "hint.other_solver": ("（可试 solver=\"{value}\"）", " (try solver=\"{value}\")"),
    "hint.other_solver@cli": ("（可试 --solver {value}）", " (try --solver {value})"),
    "hint.other_solver_then": ("；可试 solver=\"{value}\"", "; try solver=\"{value}\""),
    "hint.other_solver_then@cli": ("；可试 --solver {value}", "; try --solver {value}"),
    "hint.highs_missing": ("；请用 solver=\"cbc\" 或重新安装", "; use solver=\"cbc\" or reinstall"),
    "hint.highs_missing@cli": ("；请用 --solver cbc 或重新安装", "; use --solver cbc or reinstall"),
    "hint.run_folder": ("（请给出一次 allocate 运行写出的文件夹）", " (give the folder an allocate run wrote)"),
    "hint.run_folder@cli": ("（请给出一次 allocate 运行的 --out 文件夹）",
                            " (give the --out folder of an allocate run)"),
}
