"""Run kring's benchmarks: `make bench`, or `.venv/bin/python bench/run.py [--only NAME] [--list]`.

Every module in bench/ whose file name does not start with an underscore (and is not this file) and that
defines `run() -> list[Result]` is a benchmark; it may declare `TARGETS = {result name: Target(...)}`. The
other scripts there (linkage_loss.py, linkage_bound.py, ...) are tools for studying one part, run by hand.
Modules run one after another, in alphabetical order, each in its own Python process, so each can set up
Django (settings, database) its own way. Results are printed as a table and one line each, and written to
var/bench/results.json. A missed target is printed as TARGET MISSED; it does not change the exit status
(benchmarks inform, they do not gate). The exit status is 1 only when a benchmark module fails to run.
See bench/README.md.
"""

import argparse
import importlib
import json
import math
import os
import platform
import re
import shutil
import subprocess
import sys
import tempfile
import time
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

from _harness import Target

BENCH_DIR = Path(__file__).resolve().parent
ROOT = BENCH_DIR.parent
RESULTS_PATH = ROOT / "var" / "bench" / "results.json"
NOT_BENCHMARKS = frozenset({"run"})


RUN_DEFINED = re.compile(r"^def run\(", re.MULTILINE)


def discover() -> list[str]:
    """The benchmark module names, in the order they run: those that define `run()` (read from the source,
    without importing: a tool beside them may need what a benchmark run does not install)."""
    return sorted(
        path.stem
        for path in BENCH_DIR.glob("*.py")
        if not path.stem.startswith("_")
        and path.stem not in NOT_BENCHMARKS
        and RUN_DEFINED.search(path.read_text(encoding="utf-8"))
    )


# --- child: run one module and hand its results back as JSON ---------------------------------------------


def run_child(name: str, out: Path) -> None:
    if str(BENCH_DIR) not in sys.path:
        sys.path.insert(0, str(BENCH_DIR))
    module = importlib.import_module(name)
    run = getattr(module, "run", None)
    if not callable(run):
        raise SystemExit(f"bench/{name}.py is in bench/ but has no run() function")
    results = run()
    targets = getattr(module, "TARGETS", {})
    payload = {
        "results": [result.as_dict() for result in results],
        "targets": {result_name: target.as_dict() for result_name, target in targets.items()},
    }
    out.write_text(json.dumps(payload), encoding="utf-8")


# --- parent: run every module, report, write JSON --------------------------------------------------------


def run_module(name: str) -> tuple[dict[str, Any] | None, float]:
    """Run one module in a child process; its JSON payload (None if it failed) and the seconds it took."""
    started = time.perf_counter()
    with tempfile.TemporaryDirectory(prefix="kring-bench-") as tmp:
        out = Path(tmp) / "results.json"
        command = [sys.executable, str(Path(__file__).resolve()), "--child", name, "--out", str(out)]
        completed = subprocess.run(command, check=False, cwd=ROOT)  # noqa: S603 — our own interpreter and script
        payload = (
            json.loads(out.read_text(encoding="utf-8"))
            if completed.returncode == 0 and out.exists()
            else None
        )
    return payload, time.perf_counter() - started


def target_met(target: dict[str, float | None] | None, ratio: float) -> bool | None:
    return None if target is None else Target(**target).met_by(ratio)


def describe_target(target: dict[str, float | None] | None) -> str:
    return "-" if target is None else Target(**target).describe()


def fmt_value(value: float) -> str:
    if math.isnan(value):
        return "nan"
    magnitude = abs(value)
    if magnitude >= 1000:
        return f"{value:.0f}"
    if magnitude >= 10:
        return f"{value:.1f}"
    if magnitude >= 1:
        return f"{value:.2f}"
    return f"{value:.3g}"


def fmt_ratio(ratio: float) -> str:
    return f"{ratio:.3f}" if math.isnan(ratio) or abs(ratio) >= 0.01 else f"{ratio:.3g}"


def print_table(results: list[dict[str, Any]]) -> None:
    headers = ("name", "value", "unit", "baseline", "ratio", "target", "status", "description")
    rows = [
        (
            result["name"],
            fmt_value(result["value"]),
            result["unit"],
            fmt_value(result["baseline_value"]),
            fmt_ratio(result["ratio"]),
            describe_target(result["target"]),
            {None: "", True: "met", False: "TARGET MISSED"}[result["target_met"]],
            result["description"],
        )
        for result in results
    ]
    widths = [max(len(str(row[i])) for row in [headers, *rows]) for i in range(len(headers) - 1)]
    right_aligned = {1, 3, 4}
    for row in [headers, *rows]:
        cells = [
            str(cell).rjust(width) if i in right_aligned else str(cell).ljust(width)
            for i, (cell, width) in enumerate(zip(row, widths, strict=False))
        ]
        print("  ".join([*cells, row[-1]]).rstrip())


def result_line(result: dict[str, Any]) -> str:
    unit = result["unit"]
    line = (
        f"{result['name']}: {fmt_value(result['value'])} {unit} "
        f"(baseline {fmt_value(result['baseline_value'])} {unit}, ratio {fmt_ratio(result['ratio'])})"
    )
    if result["target_met"] is False:
        line += f" TARGET MISSED (target ratio {describe_target(result['target'])})"
    return line


def git_revision() -> dict[str, Any]:
    git = shutil.which("git")
    if git is None:
        return {}

    def ask(*args: str) -> str:
        completed = subprocess.run(  # noqa: S603 — fixed git arguments
            [git, *args], cwd=ROOT, capture_output=True, text=True, check=False
        )
        return completed.stdout.strip() if completed.returncode == 0 else ""

    return {"commit": ask("rev-parse", "HEAD"), "dirty": bool(ask("status", "--porcelain"))}


def environment() -> dict[str, Any]:
    def version(distribution: str) -> str | None:
        try:
            return metadata.version(distribution)
        except metadata.PackageNotFoundError:
            return None

    return {
        "python": platform.python_version(),
        "django": version("django"),
        "platform": platform.platform(),
        "machine": platform.machine(),
        "cpu_count": os.cpu_count(),
        "git": git_revision(),
    }


def write_results(document: dict[str, Any]) -> None:
    RESULTS_PATH.parent.mkdir(parents=True, exist_ok=True)
    partial = RESULTS_PATH.with_suffix(".json.partial")
    partial.write_text(json.dumps(document, indent=2, allow_nan=True) + "\n", encoding="utf-8")
    partial.replace(RESULTS_PATH)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Run kring's benchmarks (see bench/README.md).")
    parser.add_argument(
        "--only",
        action="append",
        metavar="NAME",
        help="run only this benchmark module (repeatable), e.g. pages",
    )
    parser.add_argument("--list", action="store_true", help="list the benchmark modules and exit")
    parser.add_argument(
        "--linkage-n",
        type=int,
        metavar="N",
        help="registrations in the linkage benchmark (default 100000; sets KRING_BENCH_LINKAGE_N)",
    )
    parser.add_argument(
        "--db",
        choices=("sqlite", "postgres"),
        help="the database the page benchmarks run on (default sqlite, a temporary file); postgres drops and "
        "creates the database in KRING_BENCH_DATABASE_URL (default "
        "postgres://postgres:postgres@127.0.0.1:5432/kring_bench; its name must contain 'bench')",
    )
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)

    if args.child:
        run_child(args.child, args.out)
        return 0
    if args.linkage_n:
        os.environ["KRING_BENCH_LINKAGE_N"] = str(args.linkage_n)
    if args.db:
        os.environ["KRING_BENCH_DB"] = args.db

    available = discover()
    if args.list:
        print("\n".join(available))
        return 0
    names = available
    if args.only:
        unknown = sorted(set(args.only) - set(available))
        if unknown:
            parser.error(f"no benchmark module named {', '.join(unknown)}; available: {', '.join(available)}")
        names = [name for name in available if name in args.only]

    env = environment()
    started_at = datetime.now(UTC)
    started = time.perf_counter()
    git = env["git"]
    revision = (git.get("commit") or "?")[:10] + (" (uncommitted changes)" if git.get("dirty") else "")
    env["bench_db"] = os.environ.get("KRING_BENCH_DB", "sqlite")
    print(
        f"kring benchmarks: {', '.join(names)} | database {env['bench_db']} | "
        f"Python {env['python']}, Django {env['django']}, "
        f"{env['cpu_count']} CPUs | git {revision}",
        flush=True,
    )

    results: list[dict[str, Any]] = []
    modules: dict[str, dict[str, Any]] = {}
    for name in names:
        print(f"\n== {name} ==", flush=True)
        payload, seconds = run_module(name)
        if payload is None:
            print(f"{name}: FAILED (see the error above)", flush=True)
            modules[name] = {"status": "failed", "seconds": round(seconds, 2)}
            continue
        print(f"{name}: done in {seconds:.1f} s", flush=True)
        modules[name] = {"status": "ok", "seconds": round(seconds, 2)}
        targets = payload["targets"]
        for result in payload["results"]:
            target = targets.get(result["name"])
            results.append(
                {
                    **result,
                    "module": name,
                    "target": target,
                    "target_met": target_met(target, result["ratio"]),
                }
            )
        for unknown_target in sorted(set(targets) - {result["name"] for result in payload["results"]}):
            print(f"{name}: warning: TARGETS names {unknown_target!r}, which is no result of this module")

    if results:
        print()
        print_table(results)
        print()
        for result in results:
            print(result_line(result))
        summary = [line for result in results for line in result.get("details", {}).get("summary", [])]
        if summary:  # the linkage module's headline lines, again at the end
            print()
            print("\n".join(summary))
    missed = [result["name"] for result in results if result["target_met"] is False]
    failed = [name for name, module in modules.items() if module["status"] != "ok"]
    seconds = time.perf_counter() - started
    print(
        f"\n{len(results)} results from {len(names) - len(failed)} of {len(names)} modules "
        f"in {seconds:.1f} s; targets missed: {len(missed)}; written to {RESULTS_PATH.relative_to(ROOT)}"
    )
    if failed:
        print(f"FAILED modules: {', '.join(failed)}")

    write_results(
        {
            "started_at": started_at.isoformat(timespec="seconds"),
            "seconds": round(seconds, 2),
            "only": args.only,
            "environment": env,
            "modules": modules,
            "results": results,
            "targets_missed": missed,
        }
    )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
