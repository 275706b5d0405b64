"""Whole commands as a user runs them, on generated record folders of growing size.

Each command runs as its own process (the ``tracker`` script beside this Python) on a folder of records made by
``records.write_records`` (each record an area, and an area, a ``within`` distance, a direction and a
count claim). For each size the table gives the median elapsed time of the rounds, the process's peak
memory (its own maximum resident set, from ``wait4``), the ratio to ``tracker validate`` of the same
folder, and the size of what the command wrote; the last column is the growth exponent of the time
between two sizes (``log(t2 / t1) / log(n2 / n1)``: 1 is linear, about 1.1 is n log n over these
sizes, 2 is quadratic).

With ``--events``, ``tracker map`` is also timed on event tables of made-up ACLED-like rows
(``acled_like.write_acled_like``, imported with ``tracker import acled``): plain point events, which the
map aggregates into cells from the table's columns; its targets are absolute (seconds, peak MB).

    python benchmarks/commands.py                      # 1,000 and 10,000 records
    python benchmarks/commands.py --sizes 1000 10000 100000 --rounds 3
    python benchmarks/commands.py --only check --only validate
    python benchmarks/commands.py --only map --sizes 1000 --events 1000000 --keep /tmp/cmd
    python benchmarks/commands.py --only map --sizes 10000 --keep /tmp/cmd --page   # and open the maps

With ``--page``, each map written is opened in headless Chromium (Debian's, through Playwright, every
request but the file's own blocked): the seconds until it has loaded and drawn, and the errors its
console and page reported.
"""

from __future__ import annotations

import argparse
import math
import os
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from acled_like import write_acled_like  # noqa: E402
from records import write_records  # noqa: E402

#: The installed command, beside the Python running this script.
TRACKER = Path(sys.executable).parent / "tracker"

#: The commands measured, with what each writes (None: nothing) and its target against validate.
COMMANDS: dict[str, tuple[list[str], str | None, float | None]] = {
    "validate": (["validate", "{folder}"], None, None),
    "check": (["check", "{folder}", "--json"], None, 2.0),
    "export -o x.parquet": (["export", "{folder}", "-o", "{out}/x.parquet", "--force"], "x.parquet", 1.5),
    "map --offline": (["map", "{folder}", "--offline", "-o", "{out}/map.html", "--force"], "map.html", 3.0),
}
#: The command measured on imported event tables, what it writes, and its limits: seconds and peak MB.
TABLE_MAP = (["map", "{table}", "--offline", "-o", "{out}/events-map.html", "--force"], "events-map.html")
TABLE_LIMITS = (30.0, 2000.0)


@dataclass
class Run:
    command: str
    size: int
    seconds: float
    peak_mb: float
    written_mb: float | None
    failed: str | None = None
    cpu: float = float("nan")  # median CPU seconds (user and system) of the process, steadier on a shared machine
    limits: tuple[float, float] | None = None  # seconds and peak MB, for a command with absolute targets


def run_once(argv: list[str]) -> tuple[float, float, str | None, float]:
    """Elapsed seconds, peak resident memory in MB, when it failed the last line of its stderr, and the
    CPU seconds (user and system) the process used."""
    start = time.perf_counter()
    process = subprocess.Popen([str(TRACKER), *argv], stdout=subprocess.DEVNULL,
                               stderr=subprocess.PIPE)
    assert process.stderr is not None
    errors = process.stderr.read()
    _, status, usage = os.wait4(process.pid, 0)
    seconds = time.perf_counter() - start
    process.returncode = os.waitstatus_to_exitcode(status)
    failed = None
    # check exits 1 when a claim fails; that is an answer, not a failure of the command
    if process.returncode not in (0, 1) or (process.returncode == 1 and "check" not in argv[:1]):
        failed = (errors.decode("utf-8", "replace").strip().splitlines() or ["exit status"])[-1]
    return seconds, usage.ru_maxrss / 1024, failed, usage.ru_utime + usage.ru_stime


def rounds_of(argv: list[str], rounds: int) -> tuple[float, float, str | None, float]:
    """The median seconds, the peak memory (MB) and the median CPU seconds of ``rounds`` runs of ``argv``,
    stopping at a failure."""
    times, peaks, cpus, failed = [], [], [], None
    for _ in range(rounds):
        seconds, peak, failed, cpu = run_once(argv)
        times.append(seconds)
        peaks.append(peak)
        cpus.append(cpu)
        if failed:
            break
    return statistics.median(times), max(peaks), failed, statistics.median(cpus)


def measure(sizes: list[int], rounds: int, only: list[str] | None, work: Path) -> list[Run]:
    runs: list[Run] = []
    for size in sizes:
        folder = work / f"records-{size}"
        if not folder.exists():
            write_records(folder, size)
        out = work / f"out-{size}"
        out.mkdir(exist_ok=True)
        for name, (template, written, _target) in COMMANDS.items():
            if only and name.split()[0] not in only:
                continue
            argv = [part.format(folder=folder, out=out) for part in template]
            seconds, peak, failed, cpu = rounds_of(argv, rounds)
            size_mb = (out / written).stat().st_size / 1e6 if written and (out / written).exists() else None
            runs.append(Run(name, size, seconds, peak, size_mb, failed, cpu=cpu))
            print(f"  {name} on {size:,} records: {seconds:.1f} s", file=sys.stderr, flush=True)
    return runs


def measure_tables(sizes: list[int], rounds: int, work: Path) -> list[Run]:
    """``tracker map`` of event tables of ``sizes`` ACLED-like rows (imported once, then kept in ``work``)."""
    runs: list[Run] = []
    for size in sizes:
        table = work / f"events-{size}.parquet"
        if not table.exists():
            csv = write_acled_like(work / f"events-{size}.csv", size)
            _, _, failed, _ = run_once(["import", "acled", str(csv), "-o", str(table), "--force"])
            csv.unlink()
            if failed:
                raise SystemExit(f"tracker import of {size:,} rows failed: {failed}")
        out = work / f"out-events-{size}"
        out.mkdir(exist_ok=True)
        template, written = TABLE_MAP
        argv = [part.format(table=table, out=out) for part in template]
        seconds, peak, failed, cpu = rounds_of(argv, rounds)
        size_mb = (out / written).stat().st_size / 1e6 if (out / written).exists() else None
        runs.append(Run("map --offline (event table)", size, seconds, peak, size_mb, failed, cpu=cpu,
                        limits=TABLE_LIMITS))
        print(f"  map on a table of {size:,} events: {seconds:.1f} s", file=sys.stderr, flush=True)
    return runs


def page_loads(paths: list[Path]) -> list[str]:
    """For each page, a line: seconds until it has loaded and drawn in headless Chromium, and its errors."""
    import shutil

    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    lines = []
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=["--no-sandbox", "--disable-gpu"])
        for path in paths:
            context = browser.new_context()
            context.route("**/*", lambda route: route.continue_() if route.request.url.startswith("file:")
                          else route.abort())
            page = context.new_page()
            errors: list[str] = []
            page.on("console", lambda message, errors=errors: errors.append(message.text)
                    if message.type == "error" else None)
            page.on("pageerror", lambda error, errors=errors: errors.append(str(error)))
            start = time.perf_counter()
            page.goto(path.as_uri(), wait_until="load", timeout=300_000)
            page.wait_for_function("() => document.querySelectorAll('.leaflet-interactive, .leaflet-marker-icon,"
                                   " .leaflet-pane > canvas').length > 0", timeout=300_000)
            seconds = time.perf_counter() - start
            context.close()
            lines.append(f"page load of {path} in headless Chromium: {seconds:.1f} s, "
                         f"{len(errors)} errors{': ' + '; '.join(errors[:3]) if errors else ''}")
        browser.close()
    return lines


def exponent(first: Run, last: Run, cpu: bool = False) -> float | None:
    before, after = (first.cpu, last.cpu) if cpu else (first.seconds, last.seconds)
    if first.size == last.size or not before > 0:
        return None
    return math.log(after / before) / math.log(last.size / first.size)


def table(runs: list[Run]) -> str:
    lines = ["| command | records or events | median s | peak MB | vs validate | target | written MB | growth exp. "
             "| CPU s | CPU vs validate | CPU growth exp. |",
             "|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"]
    validate = {run.size: run.seconds for run in runs if run.command == "validate"}
    validate_cpu = {run.size: run.cpu for run in runs if run.command == "validate"}
    for run in runs:
        previous = [r for r in runs if r.command == run.command and r.size < run.size]
        growth = exponent(previous[-1], run) if previous else None
        cpu_growth = exponent(previous[-1], run, cpu=True) if previous else None
        cpu_ratio = run.cpu / validate_cpu[run.size] if run.size in validate_cpu and run.limits is None else None
        if run.limits is not None:
            ratio, (seconds, megabytes) = None, run.limits
            verdict = " ok" if run.seconds <= seconds and run.peak_mb <= megabytes else " over"
            wanted = f"≤ {seconds:.0f} s, ≤ {megabytes:,.0f} MB{verdict}"
        else:
            target = COMMANDS[run.command][2]
            ratio = run.seconds / validate[run.size] if run.size in validate else None
            verdict = "" if ratio is None or target is None else (" ok" if ratio <= target else " over")
            wanted = f"{'' if target is None else f'≤ {target:.1f}×'}{verdict}"
        lines.append(
            f"| {run.command}{' (failed: ' + run.failed + ')' if run.failed else ''} | {run.size:,} | "
            f"{run.seconds:.1f} | {run.peak_mb:,.0f} | {'' if ratio is None else f'{ratio:.2f}×'} | {wanted} | "
            f"{'' if run.written_mb is None else f'{run.written_mb:.1f}'} | "
            f"{'' if growth is None else f'{growth:.2f}'} | {run.cpu:.1f} | "
            f"{'' if cpu_ratio is None else f'{cpu_ratio:.2f}×'} | "
            f"{'' if cpu_growth is None else f'{cpu_growth:.2f}'} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 10000],
                        help="records per folder (none: no folder)")
    parser.add_argument("--rounds", type=int, default=3, help="runs of each command per size (median)")
    parser.add_argument("--only", action="append", choices=sorted({name.split()[0] for name in COMMANDS}),
                        help="measure only these commands (validate is always useful beside them)")
    parser.add_argument("--events", type=int, nargs="+", default=[],
                        help="also time `tracker map` on imported event tables of this many rows")
    parser.add_argument("--keep", type=Path, help="keep the generated folders here, to reuse next time")
    parser.add_argument("--page", action="store_true", help="open each map written in headless Chromium")
    args = parser.parse_args()
    if args.keep:
        args.keep.mkdir(parents=True, exist_ok=True)
        runs = measure(sorted(args.sizes), args.rounds, args.only, args.keep)
        runs += measure_tables(sorted(args.events), args.rounds, args.keep)
        pages = [args.keep / f"out-{size}" / "map.html" for size in sorted(args.sizes)]
        if args.page:
            print("\n".join(page_loads([page for page in pages if page.exists()])))
    else:
        with tempfile.TemporaryDirectory(prefix="tracker-commands-") as work:
            runs = measure(sorted(args.sizes), args.rounds, args.only, Path(work))
            runs += measure_tables(sorted(args.events), args.rounds, Path(work))
    print(table(runs))
    return 1 if any(run.failed for run in runs) else 0


if __name__ == "__main__":
    raise SystemExit(main())
