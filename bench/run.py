#!/usr/bin/env python3
"""Times perfsite, Hugo and the cmark-gfm floor on the same generated corpus.

    python3 bench/run.py [--sizes 1000,10000,100000] [--runs 3] [--root DIR] [--retries 5]
                         [--perfsite PATH] [--hugo PATH] [--floor PATH]

Generates bench/out/corpus-N once (kept) and, when the root (--root; by default /dev/shm/perfsite-bench when
/dev/shm is a writable tmpfs, else bench/out) is elsewhere, copies every corpus there before any measurement. Then,
for each N in increasing order, runs the three tools in rounds, alternating them (perfsite, hugo, floor, perfsite,
...), each under `/usr/bin/time -v` and into a new folder ROOT/runs/N-tool-k that no other run used. Nothing is
deleted while a tool runs: on tmpfs a run's output is removed once that run has been measured, elsewhere only after
all measurements. A run during which other processes used the CPU (busy time from /proc/stat before and after,
less the tool's own user + sys) for more than max(0.2 s, 5 % of the tool's CPU) is discarded and repeated, up to
--retries times, then kept and marked noisy. Hugo is skipped at an N where its estimated peak memory exceeds 70 %
of MemAvailable. Prints, and writes to bench/out/results.md, the median wall time, CPU time (user + sys) and peak
resident memory of each tool, the ratios perfsite/Hugo and perfsite/floor, perfsite's growth, the cached rebuild and
the targets; raw numbers go to bench/out/results.json. Exits non-zero if a tool fails.
"""

import argparse
import datetime as dt
import json
import os
import platform
import re
import shlex
import shutil
import statistics
import subprocess
import sys
import time

BENCH = os.path.dirname(os.path.abspath(__file__))
REPO = os.path.dirname(BENCH)
OUT = os.path.join(BENCH, "out")
TIME = "/usr/bin/time"
TOOLS = ("perfsite", "hugo", "floor")
# perfsite's Pagefind index is not part of the comparison (Hugo builds none): it is measured on its own,
# docs/performance.md says how.
ENV = dict(os.environ, PERFSITE_PAGEFIND="")

# The idle check: a run is noisy when other processes used more CPU than this during it.
OTHERS_MIN_S = 0.2
OTHERS_SHARE = 0.05
# /proc/stat's cpu line: user nice system idle iowait irq softirq steal ...; busy is all but idle and iowait.
BUSY_FIELDS = (0, 1, 2, 5, 6, 7)
CLK_TCK = os.sysconf("SC_CLK_TCK")

# Hugo's memory rule: skipped when (peak RSS per issue) x N exceeds this share of MemAvailable.
HUGO_KB_PER_ISSUE = 512  # when Hugo has not run at any N yet
HUGO_MEM_SHARE = 0.70


def fail(msg):
    print(f"bench: {msg}", file=sys.stderr)
    sys.exit(1)


def corpus(n):
    """bench/out/corpus-N/content, generated once (into a temporary folder, renamed when complete)."""
    path = os.path.join(OUT, f"corpus-{n}")
    if os.path.isdir(os.path.join(path, "content")):
        return path
    tmp = path + ".tmp"
    shutil.rmtree(tmp, ignore_errors=True)
    print(f"generating {n} issues into {path}", flush=True)
    subprocess.run([sys.executable, os.path.join(BENCH, "generate.py"), str(n), tmp], check=True)
    os.rename(tmp, path)
    return path


def mounts():
    """(mount point, file system type) of every line of /proc/mounts."""
    rows = []
    with open("/proc/mounts") as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 3:
                rows.append((re.sub(r"\\([0-7]{3})", lambda m: chr(int(m.group(1), 8)), parts[1]), parts[2]))
    return rows


def fs_type(path):
    """The type of the file system holding path: that of the longest mount point above it (the last one mounted)."""
    path = os.path.realpath(path)
    best, kind = "", "?"
    for point, t in mounts():
        if (path == point or path.startswith(point.rstrip("/") + "/")) and len(point) >= len(best):
            best, kind = point, t
    return kind


def default_root():
    if (any(p == "/dev/shm" and t == "tmpfs" for p, t in mounts())
            and os.access("/dev/shm", os.W_OK | os.X_OK)):
        return "/dev/shm/perfsite-bench"
    return OUT


def busy_jiffies():
    with open("/proc/stat") as f:
        for line in f:
            if line.startswith("cpu "):
                values = [int(x) for x in line.split()[1:]]
                return sum(values[i] for i in BUSY_FIELDS if i < len(values))
    fail("no cpu line in /proc/stat")


def mem_available_kb():
    with open("/proc/meminfo") as f:
        for line in f:
            if line.startswith("MemAvailable:"):
                return int(line.split()[1])
    fail("no MemAvailable in /proc/meminfo")


def gb(kb):
    return kb / 1024 / 1024


def parse_time_v(text):
    """The figures of GNU time -v: wall, user and system seconds, peak RSS in KB."""
    def field(label):
        m = re.search(r"^\s*" + re.escape(label) + r".*?:\s*(\S+)\s*$", text, re.M)
        if not m:
            raise ValueError(f"no '{label}' in /usr/bin/time output:\n{text}")
        return m.group(1)

    wall = 0.0
    for part in field("Elapsed (wall clock) time").split(":"):
        wall = wall * 60 + float(part)
    return dict(gnu_wall=wall, user=float(field("User time (seconds)")), sys=float(field("System time (seconds)")),
                rss_kb=int(field("Maximum resident set size (kbytes)")))


def count_html(folder):
    return sum(1 for _, _, files in os.walk(folder) for f in files if f.endswith(".html"))


def issue_pages(tool, folder):
    """How many issues got their own page: a check that every tool rendered the whole corpus."""
    if tool == "perfsite":
        folder = os.path.join(folder, "issues")
        return sum(1 for f in os.listdir(folder) if re.match(r"\d+-.*\.html$", f))
    if tool == "hugo":
        return sum(1 for f in os.listdir(folder) if re.match(r"\d+-", f)
                   and os.path.isfile(os.path.join(folder, f, "index.html")))
    return sum(1 for f in os.listdir(folder) if f.endswith(".html"))


def run_once(tool, argv, cwd, log_dir, tag):
    """One run under GNU time, with the machine's busy CPU time (/proc/stat) read just before and just after."""
    report = os.path.join(log_dir, f"{tag}.time")
    with open(os.path.join(log_dir, f"{tag}.out"), "wb") as out, open(os.path.join(log_dir, f"{tag}.err"), "wb") as err:
        before = busy_jiffies()
        start = time.perf_counter()
        proc = subprocess.run([TIME, "-v", "-o", report] + argv, cwd=cwd, stdout=out, stderr=err, env=ENV)
        wall = time.perf_counter() - start
        after = busy_jiffies()
    if proc.returncode != 0:
        with open(os.path.join(log_dir, f"{tag}.err"), errors="replace") as f:
            tail = f.read()[-3000:]
        fail(f"{tool} failed with exit code {proc.returncode}: {shlex.join(argv)}\n{tail}")
    with open(report) as f:
        figures = parse_time_v(f.read())
    figures["wall"] = wall
    figures["cpu"] = figures["user"] + figures["sys"]
    figures["busy"] = (after - before) / CLK_TCK
    figures["others"] = figures["busy"] - figures["cpu"]
    return figures


class Bench:
    """The root's fresh folders, their removal, and the idle check with its retries."""

    def __init__(self, root, tmpfs, retries, log_dir):
        self.root, self.tmpfs, self.retries, self.log_dir = root, tmpfs, retries, log_dir
        self.runs_dir = os.path.join(root, "runs")
        os.makedirs(self.runs_dir, exist_ok=True)
        self.next_k = {}
        self.pending = []  # folders this invocation made and has not removed yet
        self.discards = 0

    def new_folder(self, name):
        """ROOT/runs/NAME-k with the first k that neither this invocation nor an earlier one used."""
        k = self.next_k.get(name, 1)
        while os.path.lexists(os.path.join(self.runs_dir, f"{name}-{k}")):
            k += 1
        self.next_k[name] = k + 1
        path = os.path.join(self.runs_dir, f"{name}-{k}")
        os.makedirs(path)
        self.pending.append(path)
        return path

    def measured(self, path):
        """A folder whose run has been measured: removed now on tmpfs, at the end elsewhere."""
        if self.tmpfs:
            self.remove(path)

    def remove(self, path):
        shutil.rmtree(path, ignore_errors=True)
        if path in self.pending:
            self.pending.remove(path)

    def cleanup(self):
        count = len(self.pending)
        for path in list(self.pending):
            self.remove(path)
        return count

    def measure(self, label, attempt, on_discard=None):
        """attempt() runs once and returns its figures; repeated while other processes used the CPU. Returns the
        kept figures (marked noisy when every attempt was) and the discarded ones."""
        discarded = []
        for i in range(self.retries + 1):
            fig = attempt()
            limit = max(OTHERS_MIN_S, OTHERS_SHARE * fig["cpu"])
            fig["noisy"] = fig["others"] > limit
            if not fig["noisy"]:
                return fig, discarded
            if i == self.retries:
                print(f"  {label}: still noisy after {self.retries} {'retry' if self.retries == 1 else 'retries'} ({fig['others']:.2f} CPU-s of other "
                      f"processes, limit {limit:.2f}): kept, marked noisy", flush=True)
                return fig, discarded
            self.discards += 1
            print(f"  {label}: discarded, other processes used the CPU: {fig['busy']:.2f} busy CPU-s, "
                  f"{fig['cpu']:.2f} of them the tool's, {fig['others']:.2f} > {limit:.2f} allowed; "
                  f"again ({i + 2}/{self.retries + 1})", flush=True)
            discarded.append(fig)
            if on_discard:
                on_discard(fig)


def rebuild(bench, perfsite, content, n, runs):
    """perfsite with its cache (.perfsite-cache/) in a fresh copy of the corpus under the root: a first build, then
    `runs` rebuilds, each after one more issue's title changed. Returns the figures of the first build and the
    median of the rebuilds."""
    argv = [perfsite, "build", "--content", "content", "--output", "public"]
    names = sorted(os.listdir(content))
    edits = []
    site = None

    def first():
        nonlocal site
        site = bench.new_folder(f"{n}-rebuild")
        shutil.copytree(content, os.path.join(site, "content"))
        fig = run_once("perfsite", argv, site, bench.log_dir, f"{os.path.basename(site)}-first")
        fig["folder"] = site
        return fig

    def again():
        # Each attempt, kept or discarded, changes one more issue; they are spread over the corpus.
        edits.append(names[(len(edits) + 1) * len(names) // (runs * (bench.retries + 1) + 1)])
        path = os.path.join(site, "content", edits[-1])
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        title = next(i for i, line in enumerate(lines) if line.startswith("title: "))
        lines[title] = lines[title].rstrip('"') + f' (edited {len(edits)})"'
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        # The output folder is kept: unchanged pages are linked from it.
        fig = run_once("perfsite", argv, site, bench.log_dir, f"{os.path.basename(site)}-{len(edits)}")
        fig["edited"] = edits[-1]
        return fig

    first_fig, discarded = bench.measure(f"N={n} rebuild, first build", first,
                                         on_discard=lambda fig: bench.measured(fig["folder"]))
    figures = []
    for r in range(runs):
        fig, d = bench.measure(f"N={n} rebuild {r + 1}/{runs}", again)
        figures.append(fig)
        discarded += d
    bench.measured(site)
    return dict(folder=site, argv=argv, first=first_fig, runs=figures, discarded=discarded,
                median={k: statistics.median(f[k] for f in figures) for k in ("wall", "cpu", "rss_kb")})


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000,100000",
                    help="corpus sizes, comma-separated (default 1000,10000,100000)")
    ap.add_argument("--runs", type=int, default=3, help="runs of each tool per size (default 3)")
    ap.add_argument("--root", default=None,
                    help="folder for the corpus copies and every run's output (default /dev/shm/perfsite-bench "
                         "when /dev/shm is a writable tmpfs, else bench/out)")
    ap.add_argument("--retries", type=int, default=5,
                    help="extra attempts of a run during which other processes used the CPU (default 5)")
    ap.add_argument("--perfsite", default=os.path.join(REPO, ".build", "release", "perfsite"),
                    help="the perfsite binary (default .build/release/perfsite)")
    ap.add_argument("--hugo", default="hugo", help="the hugo binary (default: hugo on PATH)")
    ap.add_argument("--floor", default=os.path.join(BENCH, "floor", "floor"), help="the floor program")
    args = ap.parse_args()
    sizes = sorted({int(s) for s in args.sizes.split(",") if s.strip()})
    if args.runs < 1 or not sizes or sizes[0] < 1:
        ap.error("need at least one size and one run")
    if args.retries < 0:
        ap.error("--retries cannot be negative")

    perfsite = os.path.abspath(args.perfsite)
    hugo = shutil.which(args.hugo)
    floor = os.path.abspath(args.floor)
    if not os.access(TIME, os.X_OK):
        fail(f"{TIME} is missing: apt-get install time (or run `make bench`)")
    if not os.access(perfsite, os.X_OK):
        fail(f"{perfsite} is missing: build it with `make release` (or pass --perfsite)")
    if not hugo:
        fail("hugo is missing: apt-get install hugo (or run `make bench`)")
    if not os.access(floor, os.X_OK):
        fail(f"{floor} is missing: build it as bench/README.md says (or run `make bench`)")

    os.makedirs(OUT, exist_ok=True)
    root = os.path.abspath(args.root or default_root())
    os.makedirs(root, exist_ok=True)
    if not os.access(root, os.W_OK | os.X_OK):
        fail(f"cannot write to {root} (pass --root)")
    kind = fs_type(root)
    tmpfs = kind == "tmpfs"
    log_dir = os.path.join(OUT, "logs")
    shutil.rmtree(log_dir, ignore_errors=True)
    os.makedirs(log_dir)

    def version(argv):
        try:
            return subprocess.run(argv, capture_output=True, text=True).stdout.strip().splitlines()[0]
        except (OSError, IndexError):
            return "?"

    cmark = version(["pkg-config", "--modversion", "libcmark-gfm"])
    env = dict(nproc=os.cpu_count(), machine=f"{platform.system()} {platform.machine()}",
               perfsite=version([perfsite, "--version"]), hugo=version([hugo, "version"]), cmark_gfm=cmark,
               date=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
               root=root, root_fs=kind, tmpfs=tmpfs, runs=args.runs, retries=args.retries)
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    print(f"nproc: {nproc}; perfsite {env['perfsite']}; {env['hugo']}; cmark-gfm {cmark}", flush=True)
    print(f"root: {root} (file system {kind}; tmpfs: {'yes' if tmpfs else 'no'})", flush=True)
    leftovers = sorted(os.listdir(os.path.join(root, "runs"))) if os.path.isdir(os.path.join(root, "runs")) else []
    if leftovers:
        print(f"  {len(leftovers)} folder(s) in {os.path.join(root, 'runs')} are left from an earlier invocation; "
              f"not used", flush=True)

    bench = Bench(root, tmpfs, args.retries, log_dir)
    copies = []
    try:
        # Every corpus is ready, and copied to the root, before the first measurement.
        contents = {}
        for n in sizes:
            content = os.path.join(corpus(n), "content")
            if os.path.realpath(root) != os.path.realpath(OUT):
                copy = os.path.join(root, f"corpus-{n}")
                k = 1
                while os.path.lexists(copy):
                    k += 1
                    copy = os.path.join(root, f"corpus-{n}-{k}")
                print(f"copying {os.path.relpath(os.path.dirname(content), REPO)} to {copy}", flush=True)
                copies.append(copy)
                shutil.copytree(content, os.path.join(copy, "content"))
                content = os.path.join(copy, "content")
            contents[n] = content
        scratch = os.path.join(root, "scratch")  # perfsite's working folder: no perfsite.yml, no templates/
        if os.path.isdir(scratch) and os.listdir(scratch):
            shutil.rmtree(scratch)
        os.makedirs(scratch, exist_ok=True)

        results, commands = {}, {}
        for n in sizes:
            results[n] = measure_size(bench, n, contents[n], args.runs, perfsite, hugo, floor, scratch, results)
            commands[n] = results[n].pop("commands")
    finally:
        removed = bench.cleanup()
        for copy in copies:
            shutil.rmtree(copy, ignore_errors=True)
        if removed and not tmpfs:
            print(f"removed the {removed} run folder(s) left in {root}: it is not tmpfs, so creating many files on "
                  f"it in the next minutes may be slow", flush=True)

    report_results(env, nproc, sizes, results, commands, bench.discards)
    return 0


def measure_size(bench, n, content, runs, perfsite, hugo, floor, scratch, results):
    """The rounds of the three tools at N, then the rebuild."""
    def argv(tool, out):
        if tool == "perfsite":
            return [perfsite, "build", "--no-cache", "--content", content, "--output", out], scratch
        if tool == "hugo":
            return [hugo, "--source", os.path.join(BENCH, "hugo"), "--contentDir", content,
                    "--destination", out, "--quiet"], REPO
        return [floor, content, out], REPO

    # Hugo's memory rule: the peak RSS per issue at the largest N it ran at, or an assumed 0.5 MB, times N.
    hugo_at = [m for m in results if results[m]["median"].get("hugo")]
    if hugo_at:
        m = max(hugo_at)
        per_issue, basis = results[m]["median"]["hugo"]["rss_kb"] / m, f"measured at N={m:,}"
    else:
        per_issue, basis = HUGO_KB_PER_ISSUE, "assumed"
    available = mem_available_kb()
    hugo_memory = dict(need_kb=per_issue * n, kb_per_issue=per_issue, basis=basis, mem_available_kb=available,
                       skipped=per_issue * n > HUGO_MEM_SHARE * available)
    tools = [t for t in TOOLS if not (t == "hugo" and hugo_memory["skipped"])]
    if hugo_memory["skipped"]:
        print(f"  N={n} hugo skipped: would need about {gb(hugo_memory['need_kb']):.1f} GB "
              f"({per_issue / 1024:.2f} MB per issue, {basis}); {HUGO_MEM_SHARE:.0%} of MemAvailable is "
              f"{gb(HUGO_MEM_SHARE * available):.1f} GB", flush=True)

    per_tool = {t: [] for t in tools}
    discarded = {t: [] for t in tools}
    pages, commands = {}, {}
    for r in range(runs):
        for tool in tools:
            def attempt():
                out = bench.new_folder(f"{n}-{tool}")
                a, cwd = argv(tool, out)
                fig = run_once(tool, a, cwd, bench.log_dir, os.path.basename(out))
                fig["folder"], fig["argv"], fig["cwd"] = out, a, cwd
                return fig

            fig, d = bench.measure(f"N={n} run {r + 1}/{runs} {tool}", attempt,
                                   on_discard=lambda fig: bench.measured(fig["folder"]))
            discarded[tool] += d
            out = fig["folder"]
            got = issue_pages(tool, out)
            if got != n:
                fail(f"{tool} wrote {got} issue pages for {n} issues: {shlex.join(fig['argv'])}")
            if tool not in pages:
                pages[tool] = count_html(out)
                commands[tool] = (fig["argv"], fig["cwd"])
            bench.measured(out)
            per_tool[tool].append(fig)
            print(f"  N={n} run {r + 1}/{runs} {tool:8s} wall {fig['wall']:7.3f} s  cpu {fig['cpu']:7.2f} s  "
                  f"rss {fig['rss_kb'] / 1024:7.1f} MB  others {fig['others']:5.2f} CPU-s"
                  + ("  NOISY" if fig["noisy"] else ""), flush=True)

    rb = rebuild(bench, perfsite, content, n, runs)
    discarded["rebuild"] = rb.pop("discarded")
    commands["rebuild"] = (rb["argv"], rb["folder"])
    print(f"  N={n} perfsite with its cache: first build {rb['first']['wall']:.3f} s; after one issue changed "
          f"{rb['median']['wall']:.3f} s (median of {runs})", flush=True)
    return dict(
        pages=pages,
        runs=per_tool,
        discarded=discarded,
        median={t: {k: statistics.median(f[k] for f in figs) for k in ("wall", "cpu", "rss_kb", "gnu_wall")}
                for t, figs in per_tool.items()},
        hugo_memory=hugo_memory,
        rebuild=rb,
        commands=commands,
    )


def report_results(env, nproc, sizes, results, commands, discards):
    def ratio(a, b):
        return f"{a / b:.2f}" if a is not None and b else "n/a"

    def wall(n, tool):
        m = results[n]["median"].get(tool)
        return m["wall"] if m else None

    def cpu(n, tool):
        m = results[n]["median"].get(tool)
        return m["cpu"] if m else None

    lines = ["| N | tool | median wall s | median CPU s (user+sys) | median peak RSS MB | HTML pages | runs kept "
             "(noisy) | discarded |", "|---:|---|---:|---:|---:|---:|---:|---:|"]
    for n in sizes:
        for t in TOOLS:
            m = results[n]["median"].get(t)
            if m is None:
                need = results[n]["hugo_memory"]["need_kb"]
                lines.append(f"| {n:,} | {t} | skipped: would need about {gb(need):.1f} GB | | | | | |")
                continue
            figs = results[n]["runs"][t]
            noisy = sum(1 for f in figs if f["noisy"])
            lines.append(f"| {n:,} | {t} | {m['wall']:.3f} | {m['cpu']:.3f} | {m['rss_kb'] / 1024:.1f} | "
                         f"{results[n]['pages'][t]:,} | {len(figs)} ({noisy}) | {len(results[n]['discarded'][t])} |")

    lines += ["", "| N | perfsite/Hugo wall | perfsite/floor wall | perfsite/Hugo CPU | perfsite/floor CPU |",
              "|---:|---:|---:|---:|---:|"]
    for n in sizes:
        lines.append(f"| {n:,} | {ratio(wall(n, 'perfsite'), wall(n, 'hugo'))} | "
                     f"{ratio(wall(n, 'perfsite'), wall(n, 'floor'))} | "
                     f"{ratio(cpu(n, 'perfsite'), cpu(n, 'hugo'))} | {ratio(cpu(n, 'perfsite'), cpu(n, 'floor'))} |")

    growth = {}
    if len(sizes) > 1:
        lines += ["", "| from N | to N | issues × | perfsite wall × |", "|---:|---:|---:|---:|"]
        for a, b in zip(sizes, sizes[1:]):
            growth[(a, b)] = wall(b, "perfsite") / wall(a, "perfsite")
            lines.append(f"| {a:,} | {b:,} | {b / a:.1f} | {growth[(a, b)]:.2f} |")

    lines += ["", "| N | first build with the cache, wall s | rebuild after one issue changed, median wall s | "
                  "rebuild / full build (no cache) | noisy runs | discarded |", "|---:|---:|---:|---:|---:|---:|"]
    share = {}
    for n in sizes:
        rb = results[n]["rebuild"]
        share[n] = rb["median"]["wall"] / wall(n, "perfsite")
        noisy = sum(1 for f in rb["runs"] if f["noisy"]) + (1 if rb["first"]["noisy"] else 0)
        lines.append(f"| {n:,} | {rb['first']['wall']:.3f} | {rb['median']['wall']:.3f} | {100 * share[n]:.1f} % | "
                     f"{noisy} | {len(results[n]['discarded']['rebuild'])} |")
    table = "\n".join(lines)

    # The targets, at the sizes that were run.
    targets = []

    def target(what, figure, met):
        targets.append(dict(target=what, measured=figure, met=met))

    if 10000 in results:
        m = results[10000]["median"]
        p, f, h = m["perfsite"], m["floor"], m.get("hugo")
        target("N=10,000: wall ≤ 1.5 × floor's", f"{p['wall'] / f['wall']:.2f} × ({p['wall']:.2f} s against "
               f"{f['wall']:.2f} s)", p["wall"] <= 1.5 * f["wall"])
        if h:
            target("N=10,000: wall ≤ 0.25 × Hugo's", f"{p['wall'] / h['wall']:.2f} × ({p['wall']:.2f} s against "
                   f"{h['wall']:.2f} s)", p["wall"] <= 0.25 * h["wall"])
        else:
            target("N=10,000: wall ≤ 0.25 × Hugo's", "n/a (Hugo skipped)", None)
        target("N=10,000: peak RSS < 300 MB", f"{p['rss_kb'] / 1024:.1f} MB", p["rss_kb"] / 1024 < 300)
        target("N=10,000: rebuild ≤ 5 % of the full build", f"{100 * share[10000]:.1f} % "
               f"({results[10000]['rebuild']['median']['wall']:.2f} s against {p['wall']:.2f} s)",
               share[10000] <= 0.05)
    if 100000 in results:
        p = results[100000]["median"]["perfsite"]
        target("N=100,000: wall < 30 s", f"{p['wall']:.2f} s", p["wall"] < 30)
        target("N=100,000: peak RSS < 500 MB", f"{p['rss_kb'] / 1024:.1f} MB", p["rss_kb"] / 1024 < 500)
        if 10000 in results:
            g = wall(100000, "perfsite") / wall(10000, "perfsite")
            target("wall growth 10,000 → 100,000 ≤ 11 ×", f"{g:.2f} ×", g <= 11)

    def verdict(met):
        return "n/a" if met is None else "met" if met else "not met"

    width = max((len(t["target"]) for t in targets), default=0)
    width2 = max((len(t["measured"]) for t in targets), default=0)
    target_lines = [f"  {t['target']:{width}s}  {t['measured']:{width2}s}  {verdict(t['met'])}" for t in targets]
    target_md = (["| target | measured | |", "|---|---:|---|"]
                 + [f"| {t['target']} | {t['measured']} | {verdict(t['met'])} |" for t in targets])

    kept = [f for n in sizes for figs in results[n]["runs"].values() for f in figs]
    kept += [f for n in sizes for f in [results[n]["rebuild"]["first"]] + results[n]["rebuild"]["runs"]]
    noisy = sum(1 for f in kept if f["noisy"])
    skipped = [n for n in sizes if results[n]["hugo_memory"]["skipped"]]
    notes = [f"{env['runs']} run(s) of each tool per N, alternating perfsite, hugo, floor; medians.",
             f"Root: {env['root']} (file system {env['root_fs']}; tmpfs: {'yes' if env['tmpfs'] else 'no'}). Every run wrote "
             "into a new folder, ROOT/runs/N-tool-k; nothing was deleted while a tool ran"
             + (" (a run's output was removed once it had been measured)." if env["tmpfs"] else
                " (run folders were removed after all measurements)."),
             f"Idle check: busy CPU time from /proc/stat (user+nice+system+irq+softirq+steal) before and after each "
             f"run, less the tool's user+sys; a run where other processes used more than max({OTHERS_MIN_S} s, "
             f"{OTHERS_SHARE:.0%} of the tool's CPU) was discarded and repeated, up to {env['retries']} more time(s). "
             f"Discarded: {discards}; kept noisy: {noisy} of {len(kept)} runs.",
             "Hugo is skipped where (its peak RSS per issue at the largest N it ran at, or 0.5 MB) × N exceeds "
             f"{HUGO_MEM_SHARE:.0%} of MemAvailable" + (f": skipped at N = {', '.join(f'{n:,}' for n in skipped)}."
                                                        if skipped else "; it was never skipped."),
             "Wall: monotonic clock around `/usr/bin/time -v` (GNU time's own elapsed, 10 ms resolution, is in "
             "results.json as gnu_wall); CPU: its User + System time; memory: its Maximum resident set size.",
             "The floor is single-threaded: it reads, parses (cmark-gfm + extensions) and writes each issue, nothing more.",
             f"nproc: {nproc}; {env['machine']}; perfsite {env['perfsite']}; {env['hugo']}; cmark-gfm {env['cmark_gfm']}; "
             f"{env['date']}."]
    cmd_lines = []
    for n in sizes:
        cmd_lines.append(f"N={n} (first kept run; every run writes to a new ROOT/runs/N-tool-k):")
        for t in TOOLS + ("rebuild",):
            if t in commands[n]:
                a, cwd = commands[n][t]
                cmd_lines.append(f"  (cd {shlex.quote(cwd)} && /usr/bin/time -v {shlex.join(a)})")
    report = "\n".join(["# perfsite benchmark", "", table, "", "Targets:", ""]
                       + (target_md if targets else ["None: neither N = 10,000 nor N = 100,000 was run."])
                       + [""] + [f"- {x}" for x in notes] + ["", "Commands:", "", "```"] + cmd_lines + ["```", ""])
    print()
    print(table)
    print("\nTargets:")
    print("\n".join(target_lines) if targets else "  none: neither N = 10,000 nor N = 100,000 was run")
    print()
    for x in notes:
        print(x)
    print("\nCommands:")
    print("\n".join(cmd_lines))
    with open(os.path.join(OUT, "results.md"), "w") as f:
        f.write(report)
    with open(os.path.join(OUT, "results.json"), "w") as f:
        json.dump(dict(env=env, discards=discards, noisy=noisy, targets=targets,
                       growth={f"{a}-{b}": g for (a, b), g in growth.items()},
                       commands={str(n): {t: [a, c] for t, (a, c) in commands[n].items()} for n in sizes},
                       results={str(n): results[n] for n in sizes}), f, indent=1)
    print(f"\nwrote {os.path.relpath(os.path.join(OUT, 'results.md'), REPO)}")


if __name__ == "__main__":
    sys.exit(main())
