#!/usr/bin/env python3
"""How much rolecall's figures depend on the layout of a posting.

Takes the labelled postings that still have their line breaks (at least 3), writes copies under
target/eval/ in which every line break is turned into a space or removed outright (the two ways
scraped dumps lose them: half of the dev gold arrived with none), and one without its title (a
dump with the body alone), and scores each with `rolecall eval`. The labels are the same, so
any difference is the layout's doing.

Then every labelled posting is scored as labelled and respelt in British English (title and
body), word by word from the `breame` package's American-to-British dictionary, which is
independent of rolecall's own spelling rules: the dev postings come from American boards, the
held-out ones may not.

Last, every labelled posting is scored with its spaces as pasted from a web page or a
spreadsheet: each space a no-break space, or two spaces. A phrase is one phrase however it is
spaced.

Usage: benches/format_robustness.py [GOLD.jsonl] [--rolecall PATH]
(the spelling run needs `breame`: target/venv-baseline/bin/pip install breame, and run the
script with target/venv-baseline/bin/python)
"""

import argparse
import json
import pathlib
import re
import subprocess
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent

VARIANTS = {
    "as labelled": lambda r: r,
    "breaks -> spaces": lambda r: {**r, "text": re.sub(r"\s*\n\s*", " ", r["text"])},
    "breaks removed": lambda r: {**r, "text": re.sub(r"\s*\n\s*", "", r["text"])},
    "title removed": lambda r: {**r, "title": ""},
}

# Each space of a posting (title and body) becomes this.
SPACINGS = {
    "as written": " ",
    "no-break spaces": "\u00a0",
    "double spaces": "  ",
}


def british(text: str) -> str:
    """`text` with every word that has a British spelling respelt, keeping its case."""
    from breame.spelling import get_british_spelling

    def respell(m: re.Match) -> str:
        word = m.group(0)
        uk = get_british_spelling(word.lower())
        if not uk or uk == word.lower():
            return word
        if word.isupper() and len(word) > 1:
            return uk.upper()
        if word[0].isupper():
            return uk[0].upper() + uk[1:]
        return uk

    return re.sub(r"[A-Za-z]+", respell, text)


def figures(rolecall: str, path: pathlib.Path) -> dict:
    out = subprocess.run(
        [rolecall, "eval", "--json", str(path)], check=True, capture_output=True, text=True
    ).stdout
    r = json.loads(out)[0]
    return {
        "accuracy": r["accuracy"],
        "macro-F1": r["macro_f1"],
        "none P": r["per_class"]["none"]["precision"],
        "FSDS P": r["fsds"]["precision"],
        "FSDS R": r["fsds"]["recall"],
        "labels F1": r["labels_micro_f1"],
    }


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("gold", nargs="?", default=str(ROOT.parent / "shared/data/dev/gold.jsonl"))
    ap.add_argument("--rolecall", default=None, help="the binary (default: build and use target/release/rolecall)")
    args = ap.parse_args()
    rolecall = args.rolecall
    if rolecall is None:
        subprocess.run(["cargo", "build", "--release", "--quiet", "-p", "rolecall-cli"], cwd=ROOT, check=True)
        rolecall = str(ROOT / "target/release/rolecall")
    rows = [json.loads(line) for line in open(args.gold, encoding="utf-8") if line.strip()]
    kept = [r for r in rows if r.get("text", "").count("\n") >= 3]
    outdir = ROOT / "target/eval"
    outdir.mkdir(parents=True, exist_ok=True)
    print(f"{len(kept)} of {len(rows)} labelled postings have their line breaks; the same postings in {len(VARIANTS)} forms\n")
    header = None
    for i, (name, change) in enumerate(VARIANTS.items()):
        path = outdir / f"layout-{i}.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for r in kept:
                f.write(json.dumps(change(r)) + "\n")
        figs = figures(rolecall, path)
        if header is None:
            header = list(figs)
            print(f"{'layout':<20}" + "".join(f"{h:>11}" for h in header))
        print(f"{name:<20}" + "".join(f"{figs[h]:>11.3f}" for h in header))
    print(f"\nall {len(rows)} labelled postings, spaced as written and as pasted from web pages\n")
    print(f"{'spacing':<20}" + "".join(f"{h:>11}" for h in header))
    for name, space in SPACINGS.items():
        path = outdir / f"spacing-{len(space)}-{ord(space[0])}.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for r in rows:
                f.write(json.dumps({**r, "title": r.get("title", "").replace(" ", space),
                                    "text": r["text"].replace(" ", space)}) + "\n")
        figs = figures(rolecall, path)
        print(f"{name:<20}" + "".join(f"{figs[h]:>11.3f}" for h in header))
    try:
        import breame  # noqa: F401
    except ImportError:
        print("\nspelling: skipped (needs breame; see the usage above)")
        return 0
    print(f"\nall {len(rows)} labelled postings, American and British spelling\n")
    print(f"{'spelling':<20}" + "".join(f"{h:>11}" for h in header))
    changed = 0
    for name, change in [("as labelled", lambda r: r),
                         ("British", lambda r: {**r, "title": british(r.get("title", "")), "text": british(r["text"])})]:
        path = outdir / f"spelling-{name.split()[0].lower()}.jsonl"
        with open(path, "w", encoding="utf-8") as f:
            for r in rows:
                c = change(r)
                changed += c["text"] != r["text"]
                f.write(json.dumps(c) + "\n")
        figs = figures(rolecall, path)
        print(f"{name:<20}" + "".join(f"{figs[h]:>11.3f}" for h in header))
    print(f"({changed} of {len(rows)} bodies changed by the respelling)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
