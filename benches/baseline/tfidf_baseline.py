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
import json

import numpy as np
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import LogisticRegression
from sklearn.model_selection import StratifiedKFold
from sklearn.pipeline import make_pipeline

ROLES = ["de", "ds", "mle", "analyst"]


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
    rows = [json.loads(line) for line in open(args.gold, encoding="utf-8") if line.strip()]
    texts = [(r.get("title") or "") + "\n" + (r.get("text") or "") for r in rows]
    primary = out_of_fold(texts, [r["primary"] for r in rows], args.folds, args.seed)
    roles = {
        role: out_of_fold(texts, [role in r.get("roles", []) for r in rows], args.folds, args.seed)
        for role in ROLES
    }
    fsds = out_of_fold(texts, [bool(r.get("fsds")) for r in rows], args.folds, args.seed)
    with open(args.out, "w", encoding="utf-8") as out:
        for i, r in enumerate(rows):
            labels = [role for role in ROLES if roles[role][i]]
            if primary[i] != "none" and primary[i] not in labels:
                labels.insert(0, primary[i])
            rec = {"id": r["id"], "primary": str(primary[i]), "roles": labels, "fsds": bool(fsds[i])}
            out.write(json.dumps(rec) + "\n")


if __name__ == "__main__":
    main()
