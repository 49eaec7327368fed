#!/usr/bin/env python3
"""Times perfsite, Hugo and the cmark-gfm floor on the same generated corpus.

    python3 bench/run.py [--sizes 1000,10000] [--runs 5] [--perfsite PATH] [--hugo PATH] [--floor PATH]

For each N: generates bench/out/corpus-N (once; kept), then runs the three tools in rounds, alternating them
(perfsite, hugo, floor, perfsite, hugo, floor, ...), each under `/usr/bin/time -v` with its output folder cleared
before the run. Prints, and writes to bench/out/results.md, a table of the median wall time, CPU time (user + sys)
and peak resident memory of each tool, and the ratios perfsite/Hugo and perfsite/floor. Raw numbers go to
bench/out/results.json. Exits non-zero if a tool fails.
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


def run_once(tool, argv, cwd, out_dir, log_dir, tag):
    if out_dir is not None:
        shutil.rmtree(out_dir, ignore_errors=True)
        os.makedirs(out_dir)
    report = os.path.join(log_dir, f"{tag}.time")
    with open(os.path.join(log_dir, f"{tag}.out"), "wb") as out, open(os.path.join(log_dir, f"{tag}.err"), "wb") as err:
        start = time.perf_counter()
        # perfsite's Pagefind index is not part of the comparison (Hugo builds none): it is measured on its own,
        # docs/performance.md says how.
        env = dict(os.environ, PERFSITE_PAGEFIND="")
        proc = subprocess.run([TIME, "-v", "-o", report] + argv, cwd=cwd, stdout=out, stderr=err, env=env)
        wall = time.perf_counter() - start
    if proc.returncode != 0:
        with open(os.path.join(log_dir, f"{tag}.err"), errors="replace") as f:
            tail = f.read()[-3000:]
        fail(f"{tool} failed with exit code {proc.returncode}: {shlex.join(argv)}\n{tail}")
    with open(report) as f:
        figures = parse_time_v(f.read())
    figures["wall"] = wall
    figures["cpu"] = figures["user"] + figures["sys"]
    return figures


def rebuild(perfsite, content, n, runs, log_dir):
    """perfsite with its cache (.perfsite-cache/) in a copy of the corpus: a first build, then `runs` rebuilds, each
    after one more issue's title changed. Returns the figures of the first build and the median of the rebuilds."""
    site = os.path.join(OUT, f"rebuild-{n}")
    shutil.rmtree(site, ignore_errors=True)
    shutil.copytree(content, os.path.join(site, "content"))
    argv = [perfsite, "build", "--content", "content", "--output", "public"]
    first = run_once("perfsite", argv, site, os.path.join(site, "public"), log_dir, f"{n}-rebuild-first")
    names = sorted(os.listdir(os.path.join(site, "content")))
    figures = []
    for r in range(runs):
        path = os.path.join(site, "content", names[(r + 1) * len(names) // (runs + 1)])
        with open(path, encoding="utf-8") as f:
            lines = f.read().split("\n")
        title = next(i for i, line in enumerate(lines) if line.startswith("title: "))
        lines[title] = lines[title].rstrip('"') + f' (edited {r + 1})"'
        with open(path, "w", encoding="utf-8") as f:
            f.write("\n".join(lines))
        # The output folder is kept: unchanged pages are linked from it.
        figures.append(run_once("perfsite", argv, site, None, log_dir, f"{n}-rebuild-{r + 1}"))
    return dict(first=first, runs=figures,
                median={k: statistics.median(f[k] for f in figures) for k in ("wall", "cpu", "rss_kb")})


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--sizes", default="1000,10000", help="corpus sizes, comma-separated (default 1000,10000)")
    ap.add_argument("--runs", type=int, default=5, help="runs of each tool per size (default 5)")
    ap.add_argument("--perfsite", default=os.path.join(REPO, ".build", "release", "perfsite"),
                    help="the perfsite binary (default .build/release/perfsite)")
    ap.add_argument("--hugo", default="hugo", help="the hugo binary (default: hugo on PATH)")
    ap.add_argument("--floor", default=os.path.join(BENCH, "floor", "floor"), help="the floor program")
    args = ap.parse_args()
    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    if args.runs < 1 or not sizes:
        ap.error("need at least one size and one run")

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
    scratch = os.path.join(OUT, "scratch")  # perfsite's working folder: no perfsite.yml, no templates/
    shutil.rmtree(scratch, ignore_errors=True)
    os.makedirs(scratch)
    runs_dir = os.path.join(OUT, "run")
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
               date=dt.datetime.now(dt.timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))
    nproc = subprocess.run(["nproc"], capture_output=True, text=True).stdout.strip()
    print(f"nproc: {nproc}; perfsite {env['perfsite']}; {env['hugo']}; cmark-gfm {cmark}", flush=True)

    results = {}
    commands = {}
    for n in sizes:
        content = os.path.join(corpus(n), "content")
        outs = {t: os.path.join(runs_dir, t) for t in ("perfsite", "hugo", "floor")}
        tools = [
            ("perfsite", [perfsite, "build", "--no-cache", "--content", content, "--output", outs["perfsite"]], scratch),
            ("hugo", [hugo, "--source", os.path.join(BENCH, "hugo"), "--contentDir", content,
                      "--destination", outs["hugo"], "--quiet"], REPO),
            ("floor", [floor, content, outs["floor"]], REPO),
        ]
        commands[n] = [(t, argv, cwd) for t, argv, cwd in tools]
        per_tool = {t: [] for t, _, _ in tools}
        pages = {}
        for r in range(args.runs):
            for tool, argv, cwd in tools:
                fig = run_once(tool, argv, cwd, outs[tool], log_dir, f"{n}-{tool}-{r + 1}")
                per_tool[tool].append(fig)
                if r == 0:
                    pages[tool] = count_html(outs[tool])
                    got = issue_pages(tool, outs[tool])
                    if got != n:
                        fail(f"{tool} wrote {got} issue pages for {n} issues: {shlex.join(argv)}")
                print(f"  N={n} run {r + 1}/{args.runs} {tool:8s} wall {fig['wall']:7.3f} s  cpu {fig['cpu']:7.2f} s  "
                      f"rss {fig['rss_kb'] / 1024:7.1f} MB", flush=True)
        results[n] = dict(
            pages=pages,
            runs=per_tool,
            median={t: {k: statistics.median(f[k] for f in figs) for k in ("wall", "cpu", "rss_kb", "gnu_wall")}
                    for t, figs in per_tool.items()},
            rebuild=rebuild(perfsite, content, n, args.runs, log_dir),
        )
        rb = results[n]["rebuild"]
        print(f"  N={n} perfsite with its cache: first build {rb['first']['wall']:.3f} s; after one issue changed "
              f"{rb['median']['wall']:.3f} s (median of {args.runs})", flush=True)

    lines = ["| N | tool | median wall s | median CPU s (user+sys) | median peak RSS MB | HTML pages |",
             "|---:|---|---:|---:|---:|---:|"]
    for n in sizes:
        for t in ("perfsite", "hugo", "floor"):
            m = results[n]["median"][t]
            lines.append(f"| {n:,} | {t} | {m['wall']:.3f} | {m['cpu']:.3f} | {m['rss_kb'] / 1024:.1f} | "
                         f"{results[n]['pages'][t]:,} |")
    lines += ["", "| N | perfsite/Hugo wall | perfsite/floor wall | perfsite/Hugo CPU | perfsite/floor CPU |",
              "|---:|---:|---:|---:|---:|"]

    def ratio(a, b):
        return f"{a / b:.2f}" if b > 0 else "n/a"

    rebuild_lines = ["| N | first build with the cache, wall s | rebuild after one issue changed, median wall s | "
                     "rebuild / full build (no cache) |", "|---:|---:|---:|---:|"]
    for n in sizes:
        rb, full = results[n]["rebuild"], results[n]["median"]["perfsite"]["wall"]
        rebuild_lines.append(f"| {n:,} | {rb['first']['wall']:.3f} | {rb['median']['wall']:.3f} | "
                             f"{100 * rb['median']['wall'] / full:.0f} % |")

    for n in sizes:
        m = results[n]["median"]
        lines.append(f"| {n:,} | {ratio(m['perfsite']['wall'], m['hugo']['wall'])} | "
                     f"{ratio(m['perfsite']['wall'], m['floor']['wall'])} | "
                     f"{ratio(m['perfsite']['cpu'], m['hugo']['cpu'])} | {ratio(m['perfsite']['cpu'], m['floor']['cpu'])} |")
    lines += [""] + rebuild_lines
    table = "\n".join(lines)

    notes = [f"{args.runs} run(s) of each tool per N, alternating perfsite, hugo, floor; medians.",
             "Wall: monotonic clock around `/usr/bin/time -v` (GNU time's own elapsed, 10 ms resolution, is in "
             "results.json as gnu_wall); CPU: its User + System time; memory: its Maximum resident set size.",
             "The floor is single-threaded: it reads, parses (cmark-gfm + extensions) and writes each issue, nothing more.",
             f"nproc: {nproc}; {env['machine']}; perfsite {env['perfsite']}; {env['hugo']}; cmark-gfm {cmark}; {env['date']}."]
    cmd_lines = []
    for n in sizes:
        cmd_lines.append(f"N={n}:")
        for t, argv, cwd in commands[n]:
            cmd_lines.append(f"  (cd {shlex.quote(cwd)} && /usr/bin/time -v {shlex.join(argv)})")
    report = "\n".join(["# perfsite benchmark", "", table, ""] + [f"- {x}" for x in notes]
                       + ["", "Commands:", "", "```"] + cmd_lines + ["```", ""])
    print()
    print(table)
    print()
    for x in notes:
        print(x)
    print("\nCommands:")
    print("\n".join(cmd_lines))
    with open(os.path.join(OUT, "results.md"), "w") as f:
        f.write(report)
    with open(os.path.join(OUT, "results.json"), "w") as f:
        json.dump(dict(env=env, commands={str(n): [[t, a, c] for t, a, c in commands[n]] for n in sizes},
                       results={str(n): results[n] for n in sizes}), f, indent=1)
    print(f"\nwrote {os.path.relpath(os.path.join(OUT, 'results.md'), REPO)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
