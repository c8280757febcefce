#!/usr/bin/env python3
"""The statistical baseline for `rolecall eval`: TF-IDF + logistic regression, cross-validated.

Reads labelled postings (the LABELS.md format: id, title, text, primary, roles, fsds) and
writes out-of-fold predictions as JSONL (id, primary, roles, fsds), so that `rolecall eval
--baseline FILE` scores them with exactly the same code as rolecall itself. Every prediction
for a posting comes from a model that never saw that posting (stratified k-fold).

- primary: one multinomial logistic regression over title + text.
- roles: one binary logistic regression per role (one-vs-rest).
- fsds: one binary logistic regression.
All with class_weight="balanced" and TF-IDF on word 1-2 grams (sublinear tf, min_df 2).

Usage: tfidf_baseline.py GOLD.jsonl OUT.jsonl [--folds 5] [--seed 0]
"""

import argparse
import csv
import gzip
import json
import re
import sys

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline

ROLES = ["de", "ds", "mle", "analyst"]
CLASSES = ROLES + ["none"]

# The fields rolecall's reader looks for, in its order (crates/rolecall/src/input/record.rs),
# matched ignoring case, spaces, hyphens and underscores.
TEXT_FIELDS = ["text", "description", "body", "job_description", "description_text",
               "description_html", "job_text", "posting_text", "content", "job_summary",
               "full_description", "job_details", "job_desc", "details", "summary"]
TITLE_FIELDS = ["title", "job_title", "position", "position_title", "job_position",
                "position_name", "job_name", "role_title", "designation", "name"]
ID_FIELDS = ["id", "job_id", "identifier", "posting_id", "job_key", "uuid"]


def same_name(a, b):
    def letters(s):
        return "".join(c for c in s if c not in " -_\t").lower()
    return letters(a) == letters(b)


def field(rec, names):
    """The first of `names` that `rec` holds as a string or a number, as rolecall finds it."""
    keys = [k for k, v in rec.items() if isinstance(v, (str, int, float)) and not isinstance(v, bool)]
    for n in names:
        for k in [k for k in keys if k == n] or [k for k in keys if same_name(k, n)]:
            return str(rec[k])
    return None


def flag(v):
    if isinstance(v, bool):
        return v
    if isinstance(v, (int, float)) and v in (0, 1):
        return bool(v)
    if isinstance(v, str) and v.strip().lower() in ("true", "yes", "y", "1", "false", "no", "n", "0", ""):
        return v.strip().lower() in ("true", "yes", "y", "1")
    if v is None:
        return False
    raise ValueError(f"fsds {json.dumps(v)} is not true or false")


def raw_records(path):
    """(line, record or the error that stopped it) for each record of a gold file, as rolecall
    reads it: JSONL, a JSON array, CSV or TSV (the row's first line), gzip-compressed or not."""
    name = path.lower()
    opener = gzip.open if name.endswith(".gz") else open
    name = name.removesuffix(".gz")
    with opener(path, "rt", encoding="utf-8-sig", errors="replace", newline="") as f:
        if name.endswith((".csv", ".tsv", ".tab")):
            reader = csv.reader(f, delimiter="," if name.endswith(".csv") else "\t")
            header = [h.strip() for h in next(reader, [])]
            start = reader.line_num + 1
            for row in reader:
                yield start, dict(zip(header, row))
                start = reader.line_num + 1
        elif name.endswith(".json"):
            data = json.load(f)
            for i, rec in enumerate(data if isinstance(data, list) else [data], 1):
                yield i, rec
        else:
            for n, line in enumerate(f, 1):
                if line.strip():
                    try:
                        yield n, json.loads(line)
                    except ValueError as e:
                        yield n, e


def labelled(path):
    """The records `rolecall eval` scores, read as it reads them (the same ids, labels in any
    case, `roles` as a list or one string); the records it leaves out are left out here too."""
    rows, seen = [], set()
    for n, rec in raw_records(path):
        try:
            if isinstance(rec, Exception):
                raise rec
            rec = {k.strip(): v for k, v in rec.items()} if isinstance(rec, dict) else rec
            if not isinstance(rec, dict):
                raise ValueError("not an object")
            text = field(rec, TEXT_FIELDS)
            if text is None or not text.strip():
                raise ValueError("no text")
            get = lambda k: next((v for key, v in rec.items() if key.lower() == k), None)
            if get("primary") is None:
                raise KeyError("primary")
            primary = str(get("primary")).strip().lower()
            roles = get("roles") or []
            if isinstance(roles, str):
                roles = re.split(r"[,;|/+ ]+", roles)
            roles = [str(r).strip().strip("[]\"'").lower() for r in roles]
            roles = [r for r in roles if r]
            title_role = str(get("title_role") or "").strip().lower()
            if primary not in CLASSES or any(r not in ROLES for r in roles) or (
                title_role and title_role not in CLASSES
            ):
                raise ValueError("a label LABELS.md does not allow")
            row = {
                "id": field(rec, ID_FIELDS) or f"{path}:{n}",
                "title": field(rec, TITLE_FIELDS) or "",
                "text": text,
                "primary": primary,
                "roles": roles + ([primary] if primary != "none" and primary not in roles else []),
                "fsds": flag(get("fsds")),
            }
        except (ValueError, KeyError) as e:
            print(f"tfidf_baseline: {path}:{n}: left out ({e})", file=sys.stderr)
            continue
        if row["id"] in seen:
            print(f"tfidf_baseline: {path}:{n}: left out (repeated id)", file=sys.stderr)
            continue
        seen.add(row["id"])
        rows.append(row)
    return rows


def model():
    return make_pipeline(
        TfidfVectorizer(ngram_range=(1, 2), sublinear_tf=True, min_df=2, max_features=50000),
        LogisticRegression(max_iter=2000, class_weight="balanced", C=10.0),
    )


def out_of_fold(texts, y, folds, seed):
    """Predictions for every posting from models trained on the other folds."""
    y = np.asarray(y)
    pred = np.empty(len(y), dtype=object)
    # Stratify on y where every class has enough members; else fall back to plain folds.
    counts = {c: int((y == c).sum()) for c in set(y)}
    strat = y if min(counts.values()) >= folds else np.zeros(len(y))
    skf = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train, test in skf.split(texts, strat):
        if len(set(y[train])) == 1:
            pred[test] = y[train][0]
            continue
        m = model().fit([texts[i] for i in train], y[train])
        pred[test] = m.predict([texts[i] for i in test])
    return pred


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold")
    ap.add_argument("out")
    ap.add_argument("--folds", type=int, default=5)
    ap.add_argument("--seed", type=int, default=0)
    args = ap.parse_args()
    rows = labelled(args.gold)
    texts = [r["title"] + "\n" + r["text"] for r in rows]
    primary = out_of_fold(texts, [r["primary"] for r in rows], args.folds, args.seed)
    roles = {
        role: out_of_fold(texts, [role in r["roles"] for r in rows], args.folds, args.seed)
        for role in ROLES
    }
    fsds = out_of_fold(texts, [r["fsds"] for r in rows], args.folds, args.seed)
    with open(args.out, "w", encoding="utf-8") as out:
        for i, r in enumerate(rows):
            labels = [role for role in ROLES if roles[role][i]]
            if primary[i] != "none" and primary[i] not in labels:
                labels.insert(0, primary[i])
            rec = {"id": r["id"], "primary": str(primary[i]), "roles": labels, "fsds": bool(fsds[i])}
            out.write(json.dumps(rec) + "\n")


if __name__ == "__main__":
    main()
