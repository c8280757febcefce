#!/usr/bin/env python3
"""Two rolecall builds on the same corpus, runs interleaved: is the new one slower?

On a shared VM the speed of the machine drifts from minute to minute, so two builds timed
minutes apart can differ by 20% with no change in the code. Interleaving the runs (A, B, A,
B, ...) exposes both to the same drift; the medians and their ratio are the comparison.

Usage: benches/ab.py BASE_BINARY NEW_BINARY [--corpus FILE] [--runs 6] [--threads 2]
(the corpus defaults to the one benches/e2e.py builds: target/bench/corpus-200mb.jsonl)
"""

import argparse
import os
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(binary: str, corpus: str, threads: int) -> float:
    start = time.perf_counter()
    subprocess.run(
        [binary, "-j", str(threads), "-q", "--format", "jsonl", corpus],
        stdout=subprocess.DEVNULL,
        check=True,
    )
    return time.perf_counter() - start


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("base")
    ap.add_argument("new")
    ap.add_argument("--corpus", default=os.path.join(ROOT, "target", "bench", "corpus-200mb.jsonl"))
    ap.add_argument("--runs", type=int, default=6)
    ap.add_argument("--threads", type=int, default=2)
    args = ap.parse_args()
    if not os.path.exists(args.corpus):
        print(f"ab.py: {args.corpus} not found (benches/e2e.py builds it)", file=sys.stderr)
        return 2
    mb = os.path.getsize(args.corpus) / 1e6
    times = {"base": [], "new": []}
    for _ in range(args.runs):
        for name, binary in (("base", args.base), ("new", args.new)):
            times[name].append(timed(binary, args.corpus, args.threads))
    print(f"corpus: {mb:.0f} MB; -j{args.threads}; {args.runs} runs each, interleaved")
    for name, binary in (("base", args.base), ("new", args.new)):
        runs = " ".join(f"{t:.2f}" for t in times[name])
        print(f"{name:<5} {statistics.median(times[name]):7.3f} s median   ({runs})   {binary}")
    ratio = statistics.median(times["new"]) / statistics.median(times["base"])
    print(f"new / base: {ratio:.3f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
