#!/usr/bin/env python3
"""Merge scripts/data/people/*.tsv into gazetteers/people.tsv.

Each source file follows the people.tsv format of gazetteers/README.md
(header `id name aliases gender country role qid ambiguous`, TAB-separated,
`#` comments and blank lines ignored).  The script validates every row,
merges the files, sorts by id, writes gazetteers/people.tsv and prints counts.

Usage:  python3 scripts/gen_people.py [--check]   (--check: validate only)
Exit status 1 when any error is found (nothing is written then).
"""
from __future__ import annotations

import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

import tsvlib

ROOT = Path(__file__).resolve().parent.parent
SRC_DIR = ROOT / "scripts" / "data" / "people"
OUT = ROOT / "gazetteers" / "people.tsv"
COLUMNS = ["id", "name", "aliases", "gender", "country", "role", "qid", "ambiguous"]

ID_RE = re.compile(r"^person/[a-z0-9]+(?:-[a-z0-9]+)*$")
QID_RE = re.compile(r"^Q[1-9][0-9]*$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")


def fold(form: str) -> str:
    """Across entries: the matcher's key (src/fold.rs, via tsvlib): diacritics, apostrophes,
    hyphen/space and case folded."""
    return tsvlib.key(form)


def fold_exact(form: str) -> str:
    """Within an entry: the matcher's folding with case kept, except that "al"/"Al"/"AL" and
    ALL-CAPS tokens are lower-cased ("Kim Jong Un" and "Kim Jong-un" stay apart)."""
    toks = []
    for t in tsvlib.fold(form).split(" "):
        if t in ("Al", "al", "AL") or (t.isupper() and len(t) > 1):
            t = t.lower()
        toks.append(t)
    return " ".join(toks)


split_multi = tsvlib.split_multi


def read_source(path: Path, errors: list[str]) -> list[dict]:
    t = tsvlib.read(path, COLUMNS, errors, any_order=True, label=path.name)
    rows: list[dict] = []
    for r in t.rows:
        row = r.dict()
        row["_where"] = t.where(r)
        row["_file"] = path.stem
        rows.append(row)
    return rows


def validate_row(row: dict, errors: list[str]) -> None:
    w = row["_where"]
    for col in COLUMNS:
        v = row[col]
        if v != v.strip():
            errors.append(f"{w}: leading/trailing space in {col}: {v!r}")
        if '"' in v:
            errors.append(f"{w}: double quote in {col}: {v!r}")
        if "  " in v:
            errors.append(f"{w}: double space in {col}: {v!r}")
    if not ID_RE.match(row["id"]):
        errors.append(f"{w}: bad id {row['id']!r}")
    if not row["name"]:
        errors.append(f"{w}: empty name")
    if row["gender"] not in ("m", "f", ""):
        errors.append(f"{w}: bad gender {row['gender']!r}")
    if row["country"] and not COUNTRY_RE.match(row["country"]):
        errors.append(f"{w}: bad country {row['country']!r}")
    if row["qid"] and not QID_RE.match(row["qid"]):
        errors.append(f"{w}: bad qid {row['qid']!r}")
    if not row["role"]:
        errors.append(f"{w}: empty role")
    forms = [row["name"]] + split_multi(row["aliases"])
    seen: dict[str, str] = {}
    for f in forms:
        if not f:
            errors.append(f"{w}: empty alias value (stray '|')")
            continue
        if f != f.strip():
            errors.append(f"{w}: space around alias {f!r}")
        if re.match(r"(?i)^the\s", f):
            errors.append(f"{w}: surface form starts with 'the': {f!r}")
        k = fold_exact(f)
        if k in seen:
            errors.append(f"{w}: duplicate surface form within entry: {seen[k]!r} / {f!r}")
        seen[k] = f
    for a in split_multi(row["ambiguous"]):
        if a not in forms:
            errors.append(f"{w}: ambiguous form {a!r} is not a name/alias of the entry")


def main() -> int:
    check_only = "--check" in sys.argv[1:]
    errors: list[str] = []
    files = sorted(SRC_DIR.glob("*.tsv"))
    if not files:
        print(f"no source files in {SRC_DIR}", file=sys.stderr)
        return 1
    rows: list[dict] = []
    per_file: Counter = Counter()
    for p in files:
        got = read_source(p, errors)
        per_file[p.stem] = len(got)
        rows.extend(got)
    for r in rows:
        validate_row(r, errors)

    # unique ids
    by_id: dict[str, dict] = {}
    for r in rows:
        if r["id"] in by_id:
            errors.append(f"{r['_where']}: duplicate id {r['id']} (also {by_id[r['id']]['_where']})")
        else:
            by_id[r["id"]] = r
    # unique qids
    by_qid: dict[str, dict] = {}
    for r in rows:
        q = r["qid"]
        if q:
            if q in by_qid:
                errors.append(f"{r['_where']}: qid {q} also on {by_qid[q]['id']}")
            else:
                by_qid[q] = r
    # surface forms shared across entries must be ambiguous in all of them
    owners: dict[str, list[tuple[dict, str]]] = defaultdict(list)
    for r in rows:
        for f in [r["name"]] + split_multi(r["aliases"]):
            if f:
                owners[fold(f)].append((r, f))
    for key, lst in owners.items():
        ids = {r["id"] for r, _ in lst}
        if len(ids) < 2:
            continue
        bad = [f"{r['id']}({f})" for r, f in lst if f not in split_multi(r["ambiguous"])]
        if bad:
            errors.append(
                f"surface form {key!r} shared by {sorted(ids)}; not marked ambiguous in: {', '.join(bad)}"
            )

    if errors:
        for e in errors:
            print("ERROR:", e, file=sys.stderr)
        print(f"{len(errors)} error(s); {OUT.name} not written", file=sys.stderr)
        return 1

    rows.sort(key=lambda r: r["id"])
    if not check_only:
        tsvlib.write(OUT, COLUMNS, ([r[c] for c in COLUMNS] for r in rows), [
            "# People gazetteer, generated by scripts/gen_people.py from scripts/data/people/*.tsv.",
            "# Do not edit by hand: edit the sources and rerun the script.",
        ])

    n_alias = sum(len(split_multi(r["aliases"])) for r in rows)
    n_amb = sum(1 for r in rows if r["ambiguous"])
    g = Counter(r["gender"] or "?" for r in rows)
    print(f"{'validated' if check_only else 'wrote ' + str(OUT.relative_to(ROOT))}: {len(rows)} people")
    print("per source file:")
    for k in sorted(per_file):
        print(f"  {k:<20} {per_file[k]:>5}")
    print(f"aliases: {n_alias}   surface forms: {len(rows) + n_alias}")
    print(f"with qid: {sum(1 for r in rows if r['qid'])}   with ambiguous forms: {n_amb}")
    print(f"gender: " + ", ".join(f"{k}={v}" for k, v in sorted(g.items())))
    print(f"countries: {len({r['country'] for r in rows if r['country']})}")
    if "--single" in sys.argv[1:]:
        # list single-token aliases for manual review
        for r in rows:
            for a in split_multi(r["aliases"]):
                if " " not in a and "-" not in a:
                    amb = " (ambiguous)" if a in split_multi(r["ambiguous"]) else ""
                    print(f"  single: {a}{amb}  <- {r['id']}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
