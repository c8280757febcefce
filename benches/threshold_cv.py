#!/usr/bin/env python3
"""Are rolecall's thresholds fitted to the dev postings? Leave-one-board-out over a grid.

The main thresholds of keywords/rules.toml were chosen on ../shared/data/dev/gold.jsonl, so the
figures measured there are optimistic. This script estimates by how much. For each job board's
dump in the gold set (the `source` field), it picks the grid point with the best primary-role
macro-F1 on the *other* boards, then scores the held-out board with it. The held-out
predictions of all folds together give a cross-validated figure, which is compared with the
shipped thresholds' figure on the same postings. A small gap means the thresholds carry over to
postings they were not chosen on; a large one means they were fitted to these rows.

The FSDS flag's thresholds (by FSDS F1) and the roles' own label thresholds (by labels micro-F1)
are cross-validated the same way, each on a grid of its own with the other thresholds as
shipped.

Each grid point is one `rolecall --lexicon DIR` run over the gold postings, with DIR holding
only a rules.toml (the shipped one with the grid's values written in). Standard library only.

Usage: benches/threshold_cv.py [GOLD.jsonl] [--rolecall PATH]
"""

import argparse
import collections
import itertools
import json
import os
import pathlib
import re
import subprocess
import sys
import tempfile

ROOT = pathlib.Path(__file__).resolve().parent.parent
CLASSES = ["de", "ds", "mle", "analyst", "none"]

# (section, key) -> candidate values; the shipped value is always among them. The primary role's
# thresholds, chosen by macro-F1:
GRID = {
    ("title", "prior"): [2.0, 3.0, 4.0],
    ("primary", "title_tiebreak"): [0.3, 0.4, 0.5],
    ("primary", "analyst_margin"): [0.05, 0.15, 0.3],
    ("primary", "min_strength"): [0.3, 0.35, 0.4],
    ("labels", "min_share"): [0.1, 0.15, 0.2],
}
# The FSDS flag's, chosen by FSDS F1 (they change no primary role). 1 for span_de_ds is off.
FSDS_GRID = {
    ("fsds", "span_de_ds"): [0.7, 0.8, 0.9, 1.0],
    ("fsds", "span_stage_min"): [0.5, 0.6, 0.7],
    ("fsds", "role_min"): [0.3, 0.4, 0.5],
    ("fsds", "manager"): [0.5, 1.0],
}
# The roles' own label thresholds, chosen by labels (role set) micro-F1.
LABELS_GRID = {
    ("labels.role_min_strength", "ds"): [0.45, 0.55, 0.65, 0.75],
    ("labels.role_min_strength", "analyst"): [0.45, 0.55, 0.65],
}


def set_value(toml: str, section: str, key: str, value: float) -> str:
    """`toml` with `key` of `[section]` set to `value` (the file's own layout is kept)."""
    out, current, done = [], None, False
    for line in toml.splitlines():
        m = re.match(r"\s*\[([^\]]+)\]", line)
        if m:
            current = m.group(1).strip()
        elif current == section and re.match(rf"\s*{re.escape(key)}\s*=", line):
            line, done = f"{key} = {value}", True
        out.append(line)
    if not done:
        sys.exit(f"threshold_cv.py: no {key} in [{section}] of rules.toml")
    return "\n".join(out) + "\n"


def shipped_value(toml: str, section: str, key: str) -> float:
    current = None
    for line in toml.splitlines():
        m = re.match(r"\s*\[([^\]]+)\]", line)
        if m:
            current = m.group(1).strip()
        elif current == section:
            m = re.match(rf"\s*{re.escape(key)}\s*=\s*([0-9.]+)", line)
            if m:
                return float(m.group(1))
    sys.exit(f"threshold_cv.py: no {key} in [{section}] of rules.toml")


def macro_f1(pairs) -> float:
    """Macro-F1 over the classes present in gold or predictions, as `rolecall eval` computes it."""
    tp, fp, fn = collections.Counter(), collections.Counter(), collections.Counter()
    for gold, pred in pairs:
        if gold == pred:
            tp[gold] += 1
        else:
            fp[pred] += 1
            fn[gold] += 1
    f1s = []
    for c in CLASSES:
        if tp[c] + fp[c] + fn[c] == 0:
            continue
        p = tp[c] / (tp[c] + fp[c]) if tp[c] + fp[c] else 0.0
        r = tp[c] / (tp[c] + fn[c]) if tp[c] + fn[c] else 0.0
        f1s.append(2 * p * r / (p + r) if p + r else 0.0)
    return sum(f1s) / len(f1s)


def fsds_prf(pairs) -> tuple:
    """FSDS precision, recall and F1 over (gold flag, predicted flag) pairs."""
    tp = sum(g and p for g, p in pairs)
    fp = sum(p and not g for g, p in pairs)
    fn = sum(g and not p for g, p in pairs)
    prec = tp / (tp + fp) if tp + fp else 0.0
    rec = tp / (tp + fn) if tp + fn else 0.0
    return prec, rec, 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def labels_micro_f1(pairs) -> float:
    """Micro-F1 of the role sets over (gold roles, predicted labels) pairs."""
    tp = sum(len(set(g) & set(p)) for g, p in pairs)
    fp = sum(len(set(p) - set(g)) for g, p in pairs)
    fn = sum(len(set(g) - set(p)) for g, p in pairs)
    return 2 * tp / (2 * tp + fp + fn) if tp else 0.0


def accuracy(pairs) -> float:
    return sum(g == p for g, p in pairs) / len(pairs)


def predict(rolecall: str, inputs: pathlib.Path, rules: str, workdir: pathlib.Path) -> dict:
    """id -> (primary role, FSDS flag, labels) for every gold posting, with `rules` as rules.toml."""
    lexdir = workdir / "lexicon"
    lexdir.mkdir(exist_ok=True)
    (lexdir / "rules.toml").write_text(rules, encoding="utf-8")
    out = subprocess.run(
        [rolecall, "--lexicon", str(lexdir), "-f", "jsonl", "--no-evidence", str(inputs)],
        check=True, capture_output=True, text=True,
    ).stdout
    return {
        r["id"]: (r["primary"] or "none", r["fsds"]["flag"], r["labels"])
        for r in map(json.loads, out.splitlines())
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", default=str(ROOT.parent / "shared/data/dev/gold.jsonl"))
    ap.add_argument("--rolecall", default=None, help="the binary (default: build and use target/release/rolecall)")
    args = ap.parse_args()
    if not os.path.exists(args.gold):
        sys.exit(f"threshold_cv.py: {args.gold} not found (the labelled data lives in ../shared/data/dev/)")
    rolecall = args.rolecall
    if rolecall is None:
        subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "rolecall-cli"], cwd=ROOT, check=True)
        rolecall = str(ROOT / "target/release/rolecall")

    gold = [json.loads(line) for line in open(args.gold, encoding="utf-8") if line.strip()]
    board = {g["id"]: g["source"].split("/")[-1].split(".")[0] for g in gold}
    truth = {g["id"]: g["primary"] for g in gold}
    flag = {g["id"]: bool(g["fsds"]) for g in gold}
    roles = {g["id"]: g["roles"] for g in gold}
    boards = sorted(set(board.values()))
    shipped_toml = (ROOT / "keywords/rules.toml").read_text(encoding="utf-8")
    shipped = tuple(shipped_value(shipped_toml, s, k) for s, k in GRID)
    shipped_fsds = tuple(shipped_value(shipped_toml, s, k) for s, k in FSDS_GRID)
    shipped_labels = tuple(shipped_value(shipped_toml, s, k) for s, k in LABELS_GRID)

    with tempfile.TemporaryDirectory() as tmp:
        work = pathlib.Path(tmp)
        inputs = work / "gold-in.jsonl"
        with open(inputs, "w", encoding="utf-8") as f:
            for g in gold:
                f.write(json.dumps({"id": g["id"], "title": g["title"], "text": g["text"]}) + "\n")
        points = list(itertools.product(*GRID.values()))
        print(f"{len(gold)} postings from {len(boards)} boards; {len(points)} grid points over "
              + ", ".join(f"{s}.{k}" for s, k in GRID), flush=True)

        def run_grid(grid, points):
            """point -> predictions, each point's values written into the shipped rules."""
            out = {}
            for point in points:
                rules = shipped_toml
                for (section, key), value in zip(grid, point):
                    rules = set_value(rules, section, key, value)
                out[point] = predict(rolecall, inputs, rules, work)
            return out

        preds = run_grid(GRID, points)
        fsds_points = list(itertools.product(*FSDS_GRID.values()))
        fsds_preds = run_grid(FSDS_GRID, fsds_points)
        labels_points = list(itertools.product(*LABELS_GRID.values()))
        labels_preds = run_grid(LABELS_GRID, labels_points)

    def pairs(point, ids):
        return [(truth[i], preds[point][i][0]) for i in ids]

    def flag_pairs(point, ids):
        return [(flag[i], fsds_preds[point][i][1]) for i in ids]

    def label_pairs(point, ids):
        return [(roles[i], labels_preds[point][i][2]) for i in ids]

    ids_of = {b: [i for i in truth if board[i] == b] for b in boards}
    everyone = list(truth)

    def leave_one_board_out(points, pairs_of, score):
        """Each board's fold (board, the point best on the other boards by `score`, its
        postings), the held-out pairs of all folds, and the point best on all postings."""
        folds, held = [], []
        for b in boards:
            train = [i for i in truth if board[i] != b]
            best = max(points, key=lambda p: score(pairs_of(p, train)))
            folds.append((b, best, ids_of[b]))
            held += pairs_of(best, ids_of[b])
        return folds, held, max(points, key=lambda p: score(pairs_of(p, everyone)))

    def values(point):
        return " ".join(f"{v:g}" for v in point)

    def summary(header, figures, held, pairs_of, shipped_point, best_point):
        """The held-out, shipped and best-in-sample rows of `figures` (a tuple per pairs)."""
        widths = [max(10, len(h) + 1) for h in header]
        print(f"{'':<30}" + "".join(f"{h:>{w}}" for h, w in zip(header, widths)))
        for name, prs in [
            ("leave-one-board-out", held),
            ("shipped thresholds", pairs_of(shipped_point, everyone)),
            ("best grid point, all postings", pairs_of(best_point, everyone)),
        ]:
            print(f"{name:<30}" + "".join(f"{v:>{w}.3f}" for v, w in zip(figures(prs), widths)))

    def grid_line(grid, shipped_point, best_point):
        return (f"grid order: {', '.join(f'{s}.{k}' for s, k in grid)}; shipped "
                f"{values(shipped_point)}; best on all postings {values(best_point)}")

    folds, held_out, best_all = leave_one_board_out(points, pairs, macro_f1)
    print(f"\n{'held-out board':<34}{'n':>4}  {'chosen on the others':<28}{'acc CV':>8}{'shipped':>9}")
    for b, best, test in folds:
        print(f"{b:<34}{len(test):>4}  {values(best):<28}{accuracy(pairs(best, test)):>8.3f}"
              f"{accuracy(pairs(shipped, test)):>9.3f}")
    print("\n" + grid_line(GRID, shipped, best_all))
    summary(["accuracy", "macro-F1"], lambda prs: (accuracy(prs), macro_f1(prs)),
            held_out, pairs, shipped, best_all)

    # The FSDS thresholds, the same way, by FSDS F1 (few positives per board: noisy).
    print(f"\nFSDS: {len(fsds_points)} grid points over "
          + ", ".join(f"{s}.{k}" for s, k in FSDS_GRID) + f"; {sum(flag.values())} positives")
    print(f"{'held-out board':<34}{'n':>4}{'pos':>5}  {'chosen on the others':<20}{'flags CV':>9}{'shipped':>9}")
    folds, fsds_held_out, best_fsds = leave_one_board_out(
        fsds_points, flag_pairs, lambda prs: fsds_prf(prs)[2])
    for b, best, test in folds:
        right = lambda p: sum(g == q for g, q in flag_pairs(p, test))
        print(f"{b:<34}{len(test):>4}{sum(flag[i] for i in test):>5}  {values(best):<20}"
              f"{right(best):>9}{right(shipped_fsds):>9}")
    print(grid_line(FSDS_GRID, shipped_fsds, best_fsds))
    summary(["FSDS P", "FSDS R", "FSDS F1"], fsds_prf, fsds_held_out, flag_pairs,
            shipped_fsds, best_fsds)

    # The roles' label thresholds, by labels micro-F1.
    print(f"\nlabels: {len(labels_points)} grid points over "
          + ", ".join(f"{s}.{k}" for s, k in LABELS_GRID))
    print(f"{'held-out board':<34}{'n':>4}  {'chosen on the others':<20}{'F1 CV':>9}{'shipped':>9}")
    folds, labels_held_out, best_labels = leave_one_board_out(
        labels_points, label_pairs, labels_micro_f1)
    for b, best, test in folds:
        print(f"{b:<34}{len(test):>4}  {values(best):<20}{labels_micro_f1(label_pairs(best, test)):>9.3f}"
              f"{labels_micro_f1(label_pairs(shipped_labels, test)):>9.3f}")
    print(grid_line(LABELS_GRID, shipped_labels, best_labels))
    summary(["labels micro-F1"], lambda prs: (labels_micro_f1(prs),), labels_held_out,
            label_pairs, shipped_labels, best_labels)
    return 0


if __name__ == "__main__":
    sys.exit(main())
