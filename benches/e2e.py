#!/usr/bin/env python3
"""End-to-end throughput, start-up and memory of rolecall against the limit, in one run.

Builds a JSONL corpus of at least --mb MB by repeating and shuffling ../shared/data/dev/*.jsonl
(generated under target/bench/, never committed), then measures, as medians of --runs runs on
this machine in this run:

  rolecall -j2 and -j1      JSONL in, JSONL out with evidence, to /dev/null
  ac_scan                   the same Aho-Corasick automaton over the same bytes, nothing else
  rg -j1 --count-matches    ripgrep counting every match of the lexicon's terms (-i -w -F -f)
  cat                       the I/O floor

and prints MB/s, postings/s and each ratio; then start-up latency for one posting through
stdin against rg on the same posting, and peak memory (/usr/bin/time -v) on the corpus and on
one posting. With --csv FILE the figures are also written as CSV.

Usage: benches/e2e.py [--mb 200] [--runs 5] [--csv benches/results/DATE.csv]
"""

import argparse
import json
import os
import random
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
DATA = os.path.join(ROOT, "..", "shared", "data", "dev")
BENCH = os.path.join(ROOT, "target", "bench")
ROLECALL = os.path.join(ROOT, "target", "release", "rolecall")
AC_SCAN = os.path.join(ROOT, "target", "release", "ac_scan")


def build():
    subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "rolecall-cli", "-p", "rolecall-benches"], cwd=ROOT, check=True)


def corpus(mb):
    path = os.path.join(BENCH, f"corpus-{mb}mb.jsonl")
    if os.path.exists(path):
        return path
    if not os.path.isdir(DATA):
        sys.exit(f"e2e.py: {DATA} not found: the corpus is built from ../shared/data/dev/")
    lines = []
    for name in sorted(os.listdir(DATA)):
        if name.endswith(".jsonl") and name != "gold.jsonl":
            with open(os.path.join(DATA, name), "rb") as f:
                lines += [line for line in f.read().splitlines() if line.strip()]
    rng = random.Random(1)
    total = 0
    tmp = path + ".tmp"
    with open(tmp, "wb") as out:
        while total < mb * 1024 * 1024:
            rng.shuffle(lines)
            for line in lines:
                out.write(line + b"\n")
                total += len(line) + 1
    os.replace(tmp, path)
    return path


def timed(cmd, runs, stdin=None):
    """Median wall time of `cmd` over `runs` runs (after one warm-up), output discarded."""
    times = []
    for i in range(runs + 1):
        src = open(stdin, "rb") if stdin else subprocess.DEVNULL
        t0 = time.perf_counter()
        subprocess.run(cmd, stdin=src, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        dt = time.perf_counter() - t0
        if stdin:
            src.close()
        if i > 0:
            times.append(dt)
    return statistics.median(times)


def peak_kb(cmd, stdin=None):
    src = open(stdin, "rb") if stdin else subprocess.DEVNULL
    out = subprocess.run(["/usr/bin/time", "-v"] + cmd, stdin=src, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True, check=True)
    for line in out.stderr.splitlines():
        if "Maximum resident set size" in line:
            return int(line.split(":")[1])
    return -1


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=int, default=200)
    ap.add_argument("--runs", type=int, default=5)
    ap.add_argument("--csv")
    args = ap.parse_args()
    if not shutil.which("rg"):
        sys.exit("e2e.py: ripgrep not found (Debian: apt-get install ripgrep)")
    build()
    os.makedirs(BENCH, exist_ok=True)
    path = corpus(args.mb)
    size = os.path.getsize(path)
    with open(path, "rb") as f:
        postings = sum(1 for _ in f)
    terms = os.path.join(BENCH, "terms.txt")
    with open(terms, "w") as f:
        subprocess.run([ROLECALL, "lexicon", "terms", "--spellings"], stdout=f, check=True)
    one = os.path.join(BENCH, "one.jsonl")
    with open(path, "rb") as f, open(one, "wb") as o:
        o.write(f.readline())
    rg_version = subprocess.run(["rg", "--version"], capture_output=True, text=True).stdout.splitlines()[0]

    rg = ["rg", "-j1", "--count-matches", "-i", "-w", "-F", "-f", terms]
    rows = [
        ("rolecall -j2", [ROLECALL, "-j2", "-q", "-f", "jsonl", path]),
        ("rolecall -j1", [ROLECALL, "-j1", "-q", "-f", "jsonl", path]),
        ("ac_scan (limit)", [AC_SCAN, path]),
        (f"rg -j1 --count-matches ({rg_version})", rg + [path]),
        ("cat (I/O floor)", ["cat", path]),
    ]
    print(f"corpus: {size / 1e6:.0f} MB, {postings} postings; median of {args.runs} runs; {os.cpu_count()} cores")
    results = {}
    for name, cmd in rows:
        results[name] = timed(cmd, args.runs)
    limit = results["ac_scan (limit)"]
    print(f"{'command':<48}{'median s':>10}{'MB/s':>10}{'postings/s':>12}{'vs ac_scan':>12}")
    for name, _ in rows:
        t = results[name]
        print(f"{name:<48}{t:>10.3f}{size / 1e6 / t:>10.1f}{postings / t:>12.0f}{limit / t:>12.2f}")
    j2, j1 = results["rolecall -j2"], results["rolecall -j1"]
    rgt = results[rows[3][0]]
    print(f"\nthroughput -j2 / bare scan (1 thread): {limit / j2:.2f}   (target >= 0.5)")
    print(f"rolecall -j2 vs rg --count-matches:    {rgt / j2:.2f}x faster (target > 1)")
    print(f"scaling -j2 / -j1:                     {j1 / j2:.2f}   (target >= 1.7)")

    start_rc = timed([ROLECALL, "-q", "-f", "jsonl"], args.runs * 4, stdin=one)
    start_rg = timed(rg, args.runs * 4, stdin=one)
    print(f"\nstart-up, one posting on stdin: rolecall {start_rc * 1000:.1f} ms, rg {start_rg * 1000:.1f} ms, ratio {start_rc / start_rg:.2f} (target <= 2)")

    mem_big = peak_kb([ROLECALL, "-j2", "-q", path])
    mem_one = peak_kb([ROLECALL, "-q"], stdin=one)
    print(f"peak memory: {mem_big / 1024:.1f} MB on the corpus (target < 64), {mem_one / 1024:.1f} MB on one posting")

    if args.csv:
        os.makedirs(os.path.dirname(os.path.abspath(args.csv)), exist_ok=True)
        with open(args.csv, "w") as f:
            f.write("measure,value,unit\n")
            f.write(f"corpus_bytes,{size},B\ncorpus_postings,{postings},postings\n")
            for name, _ in rows:
                f.write(f"\"{name}\",{results[name]:.4f},s\n")
            f.write(f"startup_rolecall,{start_rc * 1000:.2f},ms\nstartup_rg,{start_rg * 1000:.2f},ms\n")
            f.write(f"peak_rss_corpus,{mem_big},KB\npeak_rss_one,{mem_one},KB\n")


if __name__ == "__main__":
    main()
