#!/usr/bin/env python3
"""citynet's benchmark harness.

    python3 Benchmarks/run.py                               # every suite, 20 MB and 200 MB inputs, 5 rounds
    python3 Benchmarks/run.py --suite csv --sizes 20 --rounds 3
    python3 Benchmarks/run.py --suite all --record          # also append the results to Benchmarks/RESULTS.md
    python3 Benchmarks/run.py --citynet /bin/true --no-build --sizes 1 --rounds 2   # exercise the loop only

It builds citynet in release (`swift build -c release --product citynet`), generates the inputs it lacks into
Benchmarks/.data/ (deterministic: the same seed gives the same bytes), then runs each suite in alternating
rounds: round r runs every command of the suite once, in order, so that a slow spell of the machine hits every
command alike. For each command it reports the median wall time, MB/s (input bytes / median time, 1 MB = 10^6
bytes), rows/s, the median peak RSS and the median CPU time, and for citynet the durations its manifest.json
records. See Benchmarks/README.md.

Only the Python standard library is used; Polars and DuckDB are used by the csv suite when they import.
"""

import argparse
import datetime
import hashlib
import json
import os
import platform
import shlex
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

BENCH = Path(__file__).resolve().parent
ROOT = BENCH.parent
DATA = BENCH / ".data"
OUT = BENCH / "out"
RESULTS = BENCH / "RESULTS.md"
MB = 1_000_000

# Runs one command and measures it, in a fresh lean Python rather than in this process. On Linux, a child's
# ru_maxrss starts from the RSS of the process it was forked from (exec records the old address space's peak),
# so measuring from the harness would put a floor of the harness's own peak RSS under every figure. This
# launcher is started with -S -I and imports only os, sys and time; its floor is measured and reported
# (`/bin/true` run through it). Wall time is perf_counter around fork/exec/wait4, not the launcher's start-up.
LAUNCHER = r"""
import os, sys, time
result, command = sys.argv[1], sys.argv[2:]
start = time.perf_counter()
pid = os.fork()
if pid == 0:
    try:
        os.execvp(command[0], command)
    except OSError as error:
        os.write(2, ("cannot run %s: %s\n" % (command[0], error)).encode())
    os._exit(127)
_, status, usage = os.wait4(pid, 0)
elapsed = time.perf_counter() - start
with open(result, "w") as handle:
    handle.write("%r %d %d %r %r\n" % (elapsed, os.waitstatus_to_exitcode(status), usage.ru_maxrss,
                                      usage.ru_utime, usage.ru_stime))
"""


class BenchError(Exception):
    pass


# ----------------------------------------------------------------------------------------------------------
# Inputs


class Input:
    """A generated input file: where it is, its size, its record count and its SHA-256."""

    def __init__(self, label, path, records, size, sha256):
        self.label = label
        self.path = path
        self.records = records
        self.size = size
        self.sha256 = sha256

    @property
    def relative(self):
        return os.path.relpath(self.path, ROOT)


def sha256_of(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        while True:
            chunk = handle.read(1 << 20)
            if not chunk:
                break
            digest.update(chunk)
    return digest.hexdigest()


def size_label(megabytes):
    return "%gMB" % megabytes


def ensure_input(label, filename, generator, size_args, seed, count_key):
    """Generates `filename` in .data/ unless it and its .meta.json (bytes, records, sha256) are there and agree."""
    path = DATA / filename
    meta_path = DATA / (filename + ".meta.json")
    meta = None
    if path.exists() and meta_path.exists():
        try:
            meta = json.loads(meta_path.read_text())
        except ValueError:
            meta = None
        if meta is not None and meta.get("bytes") != path.stat().st_size:
            meta = None
    if meta is not None:
        sha = sha256_of(path)
        if sha != meta.get("sha256"):
            print(f"  {filename}: SHA-256 differs from {meta_path.name}; generating it again")
            meta = None
    if meta is None:
        DATA.mkdir(parents=True, exist_ok=True)
        command = [sys.executable, str(BENCH / generator), *size_args, "--seed", str(seed), "--out", str(path)]
        print(f"  generating {os.path.relpath(path, ROOT)}: {shlex.join(command)}", flush=True)
        started = datetime.datetime.now()
        completed = subprocess.run(command, cwd=ROOT, capture_output=True, text=True)
        if completed.returncode != 0:
            raise BenchError(f"the generator failed (exit {completed.returncode}):\n{completed.stderr}")
        meta = json.loads(completed.stdout.strip().splitlines()[-1])
        meta["path"] = os.path.relpath(path, ROOT)
        meta_path.write_text(json.dumps(meta, indent=2) + "\n")
        seconds = (datetime.datetime.now() - started).total_seconds()
        print(f"    done in {seconds:.1f} s", flush=True)
    records = meta[count_key]
    item = Input(label, path, records, meta["bytes"], meta["sha256"])
    print(f"  {item.relative}: {item.size:,} bytes, {records:,} {count_key}, sha256 {item.sha256}", flush=True)
    return item


def csv_input(megabytes, seed):
    return ensure_input(size_label(megabytes), f"initiatives-{size_label(megabytes)}-seed{seed}.csv",
                        "generate_initiatives_csv.py", ["--megabytes", "%g" % megabytes], seed, "rows")


def csv_rows_input(rows, seed):
    return ensure_input(f"{rows:,} rows", f"initiatives-{rows}rows-seed{seed}.csv",
                        "generate_initiatives_csv.py", ["--rows", str(rows)], seed, "rows")


def iati_input(megabytes, seed):
    return ensure_input(size_label(megabytes), f"iati-{size_label(megabytes)}-seed{seed}.xml",
                        "generate_iati.py", ["--megabytes", "%g" % megabytes], seed, "activities")


# ----------------------------------------------------------------------------------------------------------
# Commands and measurement


class Command:
    """One benchmarked command line, on one input."""

    def __init__(self, name, argv, item, pipeline=None, output=None, stdout_to_null=False):
        self.name = name
        self.argv = [str(a) for a in argv]
        self.input = item
        self.pipeline = pipeline  # citynet: the pipeline's output folder under OUT, for manifest.json
        self.output = output  # a reference's table, compared with citynet's
        self.stdout_to_null = stdout_to_null
        self.samples = []  # (seconds, peak RSS KiB, CPU seconds)
        self.manifests = []  # citynet: per round, the facts read from manifest.json

    @property
    def is_citynet(self):
        return self.pipeline is not None

    def display(self):
        return shlex.join(os.path.relpath(a, ROOT) if a.startswith(str(ROOT) + "/") else a for a in self.argv)


def measure(argv, stdout_to_null=False):
    """Runs argv from the repository root; returns (seconds, exit code, peak RSS KiB, CPU s, stdout, stderr)."""
    with tempfile.TemporaryDirectory(prefix="citynet-bench-") as scratch:
        result = os.path.join(scratch, "result")
        stdout_path = os.path.join(scratch, "stdout")
        stderr_path = os.path.join(scratch, "stderr")
        with open(stdout_path, "wb") as stdout, open(stderr_path, "wb") as stderr:
            completed = subprocess.run(
                [sys.executable, "-S", "-I", "-c", LAUNCHER, result, *argv],
                cwd=ROOT, stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL if stdout_to_null else stdout, stderr=stderr,
            )
        with open(stdout_path, "rb") as handle:
            out = handle.read().decode("utf-8", "replace")
        with open(stderr_path, "rb") as handle:
            err = handle.read().decode("utf-8", "replace")
        if completed.returncode != 0 or not os.path.exists(result):
            raise BenchError(f"the measuring launcher failed (exit {completed.returncode}) for "
                             f"{shlex.join(argv)}:\n{err}")
        with open(result) as handle:
            seconds, code, rss, user, system = handle.read().split()
    return float(seconds), int(code), int(rss), float(user) + float(system), out, err


def run_once(command):
    manifest_path = OUT / command.pipeline / "manifest.json" if command.is_citynet else None
    if manifest_path is not None and manifest_path.exists():
        manifest_path.unlink()  # so that a stale manifest is never read as this run's
    seconds, code, rss, cpu, out, err = measure(command.argv, command.stdout_to_null)
    if code != 0:
        tail = err[-6000:] if err.strip() else out[-6000:]
        raise BenchError(f"{command.name} on {command.input.relative} exited {code}:\n"
                         f"  {command.display()}\n{tail}")
    command.samples.append((seconds, rss, cpu))
    if manifest_path is not None:
        command.manifests.append(read_manifest(manifest_path))
    return seconds, rss


def read_manifest(path):
    if not path.exists():
        return None
    manifest = json.loads(path.read_text())
    source = manifest["sources"][0] if manifest.get("sources") else {}
    facts = {
        "version": manifest.get("citynet_version"),
        "duration_ms": manifest.get("duration_ms"),
        "source_ms": sum(s.get("duration_ms", 0) for s in manifest.get("sources", [])),
        "read": source.get("read"),
        "accepted": source.get("accepted"),
        "rejected": source.get("rejected"),
        "aggregates": {a["name"]: a.get("duration_ms") for a in manifest.get("aggregates", [])},
        "database": manifest.get("database"),
        "tables": {},
    }
    for output in manifest.get("outputs", []):
        name = output["path"]
        if name.endswith(".csv") and name != "rejects.csv":
            facts["tables"][name] = read_table(path.parent / name)
    return facts


def read_table(path):
    """A CSV table's lines without line ends, to compare citynet's output with a reference's."""
    try:
        return [line.rstrip("\r") for line in path.read_text(encoding="utf-8").splitlines()]
    except OSError:
        return None


def run_rounds(title, commands, rounds):
    print(f"\n== {title}: {len(commands)} commands x {rounds} rounds", flush=True)
    for number in range(1, rounds + 1):
        for command in commands:
            seconds, rss = run_once(command)
            print(f"  [round {number}/{rounds}] {command.name:<22} {command.input.label:>10}: "
                  f"{seconds:8.3f} s  {rss / 1024:8.1f} MiB", flush=True)


# ----------------------------------------------------------------------------------------------------------
# Reporting


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(value, pattern, missing="n/a"):
    return missing if value is None else pattern.format(value)


def table(headers, rows, right=None):
    right = set(range(1, len(headers))) if right is None else right
    lines = ["| " + " | ".join(headers) + " |",
             "|" + "|".join("---:" if i in right else "---" for i in range(len(headers))) + "|"]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def command_rows(commands, floor_kib):
    rows = []
    for command in commands:
        times = [s[0] for s in command.samples]
        seconds = median(times)
        rss = median([s[1] for s in command.samples])
        cpu = median([s[2] for s in command.samples])
        rss_text = fmt(rss / 1024 if rss else None, "{:.1f}")
        if rss is not None and floor_kib and rss <= floor_kib * 1.05:
            rss_text += " (floor)"
        rows.append([
            command.name, command.input.label, fmt(seconds, "{:.3f}"),
            f"{min(times):.3f}–{max(times):.3f}" if times else "n/a",
            fmt(command.input.size / MB / seconds if seconds else None, "{:.1f}"),
            fmt(command.input.records / seconds if seconds else None, "{:,.0f}"),
            rss_text, fmt(cpu, "{:.2f}"),
        ])
    return table(["command", "input", "median s", "min–max s", "MB/s", "records/s", "peak RSS MiB", "CPU s"],
                 rows, right={2, 3, 4, 5, 6, 7})


def citynet_rows(commands):
    rows = []
    notes = []
    for command in commands:
        if not command.is_citynet:
            continue
        manifests = [m for m in command.manifests if m]
        if not manifests:
            notes.append(f"- {command.name} on {command.input.label}: no manifest.json was written "
                         f"(is {command.argv[0]} citynet?)")
            continue
        last = manifests[-1]
        if last["read"] != command.input.records or last["rejected"]:
            notes.append(f"- WARNING {command.name} on {command.input.label}: read {last['read']} records "
                         f"(the generator wrote {command.input.records:,}), rejected {last['rejected']}")
        aggregates = {}
        for manifest in manifests:
            for name, ms in manifest["aggregates"].items():
                aggregates.setdefault(name, []).append(ms)
        aggregate_text = "; ".join(f"{name} {median(values):.0f}" for name, values in aggregates.items())
        rows.append([
            command.name, command.input.label, last["version"] or "?",
            fmt(median([m["duration_ms"] for m in manifests]), "{:.0f}"),
            fmt(median([m["source_ms"] for m in manifests]), "{:.0f}"),
            aggregate_text or "n/a",
            f"{last['read']:,}" if last["read"] is not None else "n/a",
            last["rejected"] if last["rejected"] is not None else "n/a",
        ])
    text = ""
    if rows:
        text = table(["command", "input", "citynet", "run ms", "sources ms", "aggregates ms", "read", "rejected"],
                     rows, right={3, 4, 6, 7})
    return text, notes


def agreement_notes(commands):
    """Whether each reference wrote the same table as citynet on the same input (last rounds compared)."""
    notes = []
    citynet_tables = {}
    for command in commands:
        manifests = [m for m in command.manifests if m]
        if command.is_citynet and manifests and manifests[-1]["tables"]:
            citynet_tables[command.input.path] = next(iter(manifests[-1]["tables"].values()))
    for command in commands:
        if command.output is None:
            continue
        expected = citynet_tables.get(command.input.path)
        if expected is None:
            notes.append(f"- {command.name} on {command.input.label}: no citynet table to compare with")
            continue
        got = read_table(command.output)
        verdict = "same table as citynet" if got == expected else "DIFFERENT table from citynet"
        notes.append(f"- {command.name} on {command.input.label}: {verdict} "
                     f"({len(expected) - 1} rows; {os.path.relpath(command.output, ROOT)})")
    return notes


def report_suite(name, commands, floor_kib, extra=""):
    parts = [f"### {name}", "", command_rows(commands, floor_kib)]
    citynet_text, notes = citynet_rows(commands)
    if citynet_text:
        parts += ["", "citynet's manifest.json (medians; `aggregates ms` is the aggregation alone):", "",
                  citynet_text]
    notes += agreement_notes(commands)
    if extra:
        parts += ["", extra]
    if notes:
        parts += ["", *notes]
    return "\n".join(parts)


# ----------------------------------------------------------------------------------------------------------
# Suites


def python_module_works(module):
    completed = subprocess.run([sys.executable, "-c", f"import {module}"], capture_output=True)
    return completed.returncode == 0


def citynet_command(citynet, pipeline, item):
    name = Path(pipeline).stem
    # --force: every round does the whole job (a rerun on unchanged inputs would otherwise be up to date).
    return Command(f"citynet {name}", [citynet, "run", f"Benchmarks/pipelines/{pipeline}", "--param",
                                        f"file={item.relative}", "--output-dir", os.path.relpath(OUT, ROOT),
                                        "--force", "--quiet"],
                   item, pipeline=f"bench/{name}")


def csv_suite(args, citynet, floor_kib):
    print("\n== csv suite: inputs", flush=True)
    items = [csv_input(size, args.seed) for size in args.sizes]
    references = []
    if not args.no_compare:
        for module in ("polars", "duckdb"):
            if python_module_works(module):
                references.append(module)
            else:
                print(f"  ({module} does not import: its comparison is skipped; pip install {module})")
    commands = []
    for item in items:
        commands.append(citynet_command(citynet, "initiatives-csv.yml", item))
        commands.append(Command("wc -l", ["wc", "-l", item.relative], item))
        for module in references:
            output = OUT / "compare" / f"{module}-{item.path.stem}.csv"
            output.parent.mkdir(parents=True, exist_ok=True)
            commands.append(Command(f"{module} (python)", [sys.executable, BENCH / f"compare_{module}.py",
                                                           item.relative, "--out", output], item, output=output))
    run_rounds("csv suite", commands, args.rounds)
    return report_suite("csv: initiatives CSV (records = rows)", commands, floor_kib)


def iati_suite(args, citynet, floor_kib):
    print("\n== iati suite: inputs", flush=True)
    items = [iati_input(size, args.seed) for size in args.sizes]
    commands = []
    for item in items:
        commands.append(citynet_command(citynet, "iati.yml", item))
        commands.append(Command("xmllint --sax", ["xmllint", "--sax", "--noout", item.relative], item,
                                stdout_to_null=True))
        commands.append(Command("xmllint --stream", ["xmllint", "--stream", "--noout", item.relative], item,
                                stdout_to_null=True))
    run_rounds("iati suite", commands, args.rounds)
    rows = []
    for item in items:
        mine = next(c for c in commands if c.is_citynet and c.input is item)
        sax = next(c for c in commands if c.name == "xmllint --sax" and c.input is item)
        ours, theirs = median([s[0] for s in mine.samples]), median([s[0] for s in sax.samples])
        rows.append([item.label, f"{ours:.3f}", f"{theirs:.3f}", f"{ours / theirs:.2f}"])
    ratio = ("citynet / `xmllint --sax --noout` (median wall times):\n\n"
             + table(["input", "citynet s", "xmllint --sax s", "ratio"], rows))
    return report_suite("iati: IATI 2.03 activities (records = activities)", commands, floor_kib, ratio)


def memory_suite(args, citynet, floor_kib):
    print("\n== memory suite: inputs", flush=True)
    empty = csv_rows_input(0, args.seed)
    full = csv_rows_input(args.memory_rows, args.seed)
    commands = [citynet_command(citynet, "initiatives-dataset.yml", empty),
                citynet_command(citynet, "initiatives-dataset.yml", full),
                citynet_command(citynet, "initiatives-memory.yml", empty),
                citynet_command(citynet, "initiatives-memory.yml", full)]
    run_rounds("memory suite", commands, args.rounds)
    rows = []
    for what, (header_only, rows_file) in [("the Dataset alone (read and normalise)", commands[0:2]),
                                           ("the whole run (with the region × SDG aggregate)", commands[2:4])]:
        base = median([s[1] for s in header_only.samples])
        peak = median([s[1] for s in rows_file.samples])
        per = (peak - base) * 1024 / full.records if full.records else None
        rows.append([what, f"{base / 1024:.1f}", f"{peak / 1024:.1f}", fmt(per, "{:.0f}")])
    summary = table(["what", "header-only peak RSS MiB", f"{full.records:,}-row peak RSS MiB", "bytes per initiative"],
                    rows)
    extra = (f"Memory per initiative = (median peak RSS on the {full.records:,}-row file − median peak RSS on the "
             "header-only file) / rows. The first row is what a Dataset costs: everything the run keeps per record "
             "(the columns, interned ids and titles, indexes), not only the struct. The second adds the aggregation's "
             "working columns.\n\n" + summary)
    return report_suite("memory: what a Dataset costs per initiative", commands, floor_kib, extra)


def database_suite(args, citynet, floor_kib):
    print("\n== database suite: inputs", flush=True)
    item = csv_rows_input(args.database_rows, args.seed)
    sinks = [("sqlite", "citynet.sqlite")]
    url = os.environ.get("CITYNET_BENCH_DATABASE_URL")
    if url:
        sinks.append(("postgres", url))
    else:
        print("  (CITYNET_BENCH_DATABASE_URL is not set: PostgreSQL is skipped; `.ci/postgres start` prints one)")
    commands = []
    for sink, target in sinks:
        command = citynet_command(citynet, "initiatives-csv.yml", item)
        command.name = f"citynet --database {sink}"
        command.argv += ["--database", target]
        commands.append(command)
    run_rounds("database suite", commands, args.rounds)
    rows = []
    for command in commands:
        loads = [m["database"] for m in command.manifests if m and m.get("database")]
        if not loads:
            continue
        seconds = median([load["duration_ms"] for load in loads]) / 1000
        written = loads[-1]["rows"]
        rows.append([command.name.split()[-1], f"{item.records:,}", f"{written:,}", f"{seconds:.1f}",
                     f"{written / seconds:,.0f}", f"{item.records / seconds:,.0f}"])
    extra = ("The load alone, from the manifest's `database.duration_ms` (opening the database, deleting the "
             "pipeline's previous rows, inserting every row of every table in one transaction, commit). Rows = "
             "rows of all tables (initiatives, their SDGs, themes and countries, cities, countries, the aggregate).\n\n"
             + table(["sink", "initiatives", "rows written", "load s (median)", "rows/s", "initiatives/s"], rows,
                     right={1, 2, 3, 4, 5}))
    return report_suite("database: loading initiatives into SQLite and PostgreSQL", commands, floor_kib, extra)


SUITES = {"csv": csv_suite, "iati": iati_suite, "memory": memory_suite, "database": database_suite}


# ----------------------------------------------------------------------------------------------------------
# Machine, build, main


def first_line(argv):
    try:
        completed = subprocess.run(argv, capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return "unavailable"
    text = (completed.stdout or completed.stderr).strip()
    return text.splitlines()[0] if text else "unavailable"


def git_commit():
    """The checked-out commit, read from .git without running git (best effort)."""
    git = ROOT / ".git"
    try:
        head = (git / "HEAD").read_text().strip()
        if not head.startswith("ref: "):
            return head[:12]
        ref = head[5:]
        if (git / ref).exists():
            return f"{(git / ref).read_text().strip()[:12]} ({ref.rsplit('/', 1)[-1]})"
        packed = git / "packed-refs"
        if packed.exists():
            for line in packed.read_text().splitlines():
                if line.endswith(" " + ref):
                    return f"{line.split()[0][:12]} ({ref.rsplit('/', 1)[-1]})"
    except OSError:
        pass
    return "unknown"


def machine_facts():
    cpu = "unknown"
    memory = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
        for line in Path("/proc/meminfo").read_text().splitlines():
            if line.startswith("MemTotal:"):
                memory = f"{int(line.split()[1]) / 1024 / 1024:.1f} GiB"
                break
    except OSError:
        pass
    facts = [
        ("cores (nproc)", str(os.cpu_count())),
        ("CPU", cpu),
        ("memory", memory),
        ("kernel", f"{platform.system()} {platform.release()}"),
        ("swift", first_line(["swift", "--version"])),
        ("python", platform.python_version()),
        ("xmllint", first_line(["xmllint", "--version"])),
        ("commit", git_commit()),
    ]
    for module in ("polars", "duckdb"):
        try:
            from importlib import metadata
            facts.append((module, metadata.version(module)))
        except Exception:  # noqa: BLE001 - absent or broken: just not listed
            pass
    return facts


def build(args):
    if args.citynet:
        path = Path(args.citynet)
        if not path.is_absolute() and os.sep in args.citynet:
            path = (Path.cwd() / path).resolve()
        elif os.sep not in args.citynet:
            found = shutil.which(args.citynet)
            path = Path(found) if found else path
    else:
        path = ROOT / ".build" / "release" / "citynet"
    if not args.no_build and not args.citynet:
        command = ["swift", "build", "-c", "release", "--product", "citynet"]
        print(f"== build: {shlex.join(command)} (in {ROOT})", flush=True)
        completed = subprocess.run(command, cwd=ROOT)
        if completed.returncode != 0:
            raise BenchError(f"the release build failed (exit {completed.returncode})")
    if not path.exists() or not os.access(path, os.X_OK):
        raise BenchError(f"no citynet binary at {path}" + ("" if args.no_build or args.citynet else
                                                          " after the build"))
    print(f"== citynet: {os.path.relpath(path, ROOT) if str(path).startswith(str(ROOT)) else path}", flush=True)
    return str(path)


def parse_args(argv):
    parser = argparse.ArgumentParser(
        description="citynet's benchmark harness (see Benchmarks/README.md).",
        formatter_class=argparse.ArgumentDefaultsHelpFormatter)
    parser.add_argument("--suite", choices=["csv", "iati", "memory", "database", "all"], default="all", help="what to run")
    parser.add_argument("--sizes", default="20,200", help="input sizes of the csv and iati suites, in MB")
    parser.add_argument("--rounds", type=int, default=5, help="alternating rounds; each runs every command once")
    parser.add_argument("--memory-rows", type=int, default=1_000_000, help="rows of the memory suite's big file")
    parser.add_argument("--database-rows", type=int, default=1_000_000,
                        help="initiatives loaded by the database suite")
    parser.add_argument("--seed", type=int, default=42, help="the generators' seed")
    parser.add_argument("--citynet", help="use this citynet binary (implies no build)")
    parser.add_argument("--no-build", action="store_true", help="use .build/release/citynet as it is")
    parser.add_argument("--no-compare", action="store_true", help="skip the Polars and DuckDB references")
    parser.add_argument("--record", action="store_true", help="append the results to Benchmarks/RESULTS.md")
    args = parser.parse_args(argv)
    try:
        args.sizes = [float(s) for s in args.sizes.split(",") if s.strip()]
    except ValueError:
        parser.error(f"--sizes takes numbers of MB separated by commas, not {args.sizes!r}")
    if not args.sizes or any(s <= 0 for s in args.sizes):
        parser.error("--sizes needs at least one size above 0")
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    if args.memory_rows < 1:
        parser.error("--memory-rows must be at least 1")
    return args


def ensure_gitignore():
    path = BENCH / ".gitignore"
    wanted = [".data/", "out/"]
    lines = path.read_text().splitlines() if path.exists() else []
    missing = [w for w in wanted if w not in lines]
    if missing:
        path.write_text("\n".join(lines + missing) + "\n")


def main(argv=None):
    args = parse_args(sys.argv[1:] if argv is None else argv)
    command_line = shlex.join(["python3", os.path.relpath(os.path.abspath(sys.argv[0]), ROOT), *sys.argv[1:]])
    ensure_gitignore()
    started = datetime.datetime.now(datetime.timezone.utc)
    try:
        citynet = build(args)
        OUT.mkdir(parents=True, exist_ok=True)
        floor = median([measure(["/bin/true"])[2] for _ in range(3)])
        print(f"== measurement floor: /bin/true through the launcher peaks at {floor / 1024:.1f} MiB "
              "(no command can show less)", flush=True)
        suites = list(SUITES) if args.suite == "all" else [args.suite]
        sections = [SUITES[name](args, citynet, floor) for name in suites]
    except BenchError as error:
        print(f"\nrun.py: error: {error}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("\nrun.py: interrupted", file=sys.stderr)
        return 130

    header = [
        f"## {started:%Y-%m-%d %H:%M} UTC — suite {args.suite}, {args.rounds} rounds",
        "",
        f"Command: `{command_line}`",
        "",
        f"citynet binary: `{os.path.relpath(citynet, ROOT) if citynet.startswith(str(ROOT)) else citynet}`; "
        f"measurement floor (peak RSS of `/bin/true` through the launcher): {floor / 1024:.1f} MiB.",
        "",
        table(["machine", ""], machine_facts(), right=set()),
        "",
        "Times are medians of the rounds (wall clock); MB = 10^6 bytes; peak RSS is the median of "
        "`ru_maxrss` from `wait4`; CPU s is user + system time (above the wall time for multi-threaded tools).",
    ]
    text = "\n".join(header) + "\n\n" + "\n\n".join(sections) + "\n"
    print("\n" + text)
    if args.record:
        if not RESULTS.exists():
            RESULTS.write_text("# Benchmark results\n\nSections appended by `python3 Benchmarks/run.py --record`, "
                               "newest last. See README.md for what is measured and how.\n")
        with open(RESULTS, "a", encoding="utf-8") as handle:
            handle.write("\n" + text)
        print(f"recorded in {os.path.relpath(RESULTS, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
