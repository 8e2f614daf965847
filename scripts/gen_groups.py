#!/usr/bin/env python3
"""Build gazetteers/groups.tsv from the hand-written sources in scripts/data/groups/*.tsv.

Usage: python3 scripts/gen_groups.py [--check]

Every source file has the groups.tsv header (see gazetteers/README.md):
    id  name  aliases  type  country  ambiguous
The script merges all source files, validates them, writes gazetteers/groups.tsv sorted by id
(unless --check is given) and prints counts per type and per source file.

Validation (any error -> exit status 1, nothing written):
  - every row has exactly as many cells as the header; header columns are the expected ones
  - ids are `group/<slug>` with a lowercase ASCII slug, unique across all files
  - no empty name, no leading/trailing spaces, no empty value inside a `|` list
  - type is one of the allowed types, country is empty or two upper-case letters
  - no surface form starts with "the "/"The " (the name may: the loader strips it)
  - no country possessive in an alias ("Russia's Defense Ministry"): write "Russian ..." forms
  - no duplicate surface form within an entry (after the matcher's folding)
  - every `ambiguous` value is one of the entry's own surface forms
  - a surface form shared by two entries must be marked ambiguous in both
Warnings (printed, not fatal): collisions with the other gazetteers (countries, places, people)
and one-word forms that are also given names (given_names.tsv), when the group's form is not
marked ambiguous.
"""
from __future__ import annotations

import collections
import glob
import os
import re
import sys

import tsvlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SRC_DIR = os.path.join(ROOT, "scripts", "data", "groups")
OUT = os.path.join(ROOT, "gazetteers", "groups.tsv")
GAZ = os.path.join(ROOT, "gazetteers")

COLUMNS = ["id", "name", "aliases", "type", "country", "ambiguous"]
TYPES = {"igo", "armed", "party", "media", "government", "military", "company", "ngo",
         "religious", "sports", "other"}
ID_RE = re.compile(r"^group/[a-z0-9]+(?:-[a-z0-9]+)*$")
COUNTRY_RE = re.compile(r"^[A-Z]{2}$")
# "Russia's Defense Ministry" style aliases are not wanted (the matcher does not split off
# possessives); possessives that are part of an organisation's own name are allowed.
POSSESSIVE_RE = re.compile(r"\b\w+['\u2019]s?\b(?=\s|$)")
NAME_POSSESSIVES = {"people", "children", "workers", "women", "lord", "prosecutor", "lions",
                    "martyrs", "mothers", "veterans", "doctors", "farmers", "reporters", "nation",
                    "shepherds", "writers", "heroes", "men", "god", "party", "soldiers",
                    "solicitor", "citizens", "victims", "peasants", "minister", "president",
                    "general", "leader", "king", "emir", "nations", "majesty", "moody", "poor",
                    "lloyd", "mcdonald", "jehovah", "students", "kellogg"}


def fold(form: str, strip_article: bool = True, casefold: bool = True) -> str:
    """The matcher's folding (src/fold.rs, via tsvlib), compared two ways.

    casefold=True (across entries): the matcher's key, without a leading article (as the loader
    strips it) and without apostrophes ("Kata'ib" and "Kataib" are real variants; two entries
    should not hold both), which is stricter than the matcher. casefold=False (within an entry):
    the matcher's fold with case kept except for "Al"/"AL", so "UN refugee agency" and "UN
    Refugee Agency" (both printed by news) stay distinct."""
    if casefold:
        k = tsvlib.key(tsvlib.strip_article(form) if strip_article else form)
        return k.replace("'", "")
    return " ".join("al" if w in ("Al", "AL") else w for w in tsvlib.fold(form).split(" "))


split_multi = tsvlib.split_multi


def read_tsv(path: str, errors: list[str], columns: list[str] | None = COLUMNS):
    """(header, [(line, row dict)]) of a list; with columns, its header must have them."""
    t = tsvlib.read(path, columns, errors, any_order=True, label=path)
    return t.header, [(r.line, r.dict()) for r in t.rows]


def main() -> int:
    check_only = "--check" in sys.argv[1:]
    errors: list[str] = []
    warnings: list[str] = []
    files = sorted(glob.glob(os.path.join(SRC_DIR, "*.tsv")))
    if not files:
        print(f"no source files in {SRC_DIR}", file=sys.stderr)
        return 1

    entries: dict[str, dict] = {}
    where: dict[str, str] = {}
    per_file = collections.Counter()
    for path in files:
        rel = os.path.relpath(path, ROOT)
        _, rows = read_tsv(path, errors)
        for lineno, row in rows:
            loc = f"{rel}:{lineno}"
            for col in COLUMNS:
                v = row[col]
                if v != v.strip():
                    errors.append(f"{loc}: leading/trailing space in {col}: {v!r}")
                if "  " in v:
                    errors.append(f"{loc}: double space in {col}: {v!r}")
            gid = row["id"]
            if not ID_RE.match(gid):
                errors.append(f"{loc}: bad id {gid!r}")
            if gid in entries:
                errors.append(f"{loc}: duplicate id {gid} (first at {where[gid]})")
                continue
            if not row["name"].strip():
                errors.append(f"{loc}: empty name")
            if row["type"] not in TYPES:
                errors.append(f"{loc}: bad type {row['type']!r}")
            if row["country"] and not COUNTRY_RE.match(row["country"]):
                errors.append(f"{loc}: bad country {row['country']!r}")
            aliases = split_multi(row["aliases"])
            amb = split_multi(row["ambiguous"])
            for col, vals in (("aliases", aliases), ("ambiguous", amb)):
                for v in vals:
                    if not v or v != v.strip():
                        errors.append(f"{loc}: empty or padded value in {col}: {row[col]!r}")
            for a in aliases:
                if a.lower().startswith("the "):
                    errors.append(f"{loc}: alias starts with 'the': {a!r}")
                for w in POSSESSIVE_RE.findall(a):
                    if w.rstrip("'’s").casefold() not in NAME_POSSESSIVES:
                        errors.append(f"{loc}: possessive in alias (write the country into the"
                                      f" name instead): {a!r}")
            forms = [row["name"]] + aliases
            seen: dict[str, str] = {}
            for f in forms:
                k = fold(f, strip_article=False, casefold=False)
                if k in seen:
                    errors.append(f"{loc}: duplicate surface form {f!r} ~ {seen[k]!r} in {gid}")
                seen[k] = f
            for a in amb:
                if a not in forms:
                    errors.append(f"{loc}: ambiguous value {a!r} is not a surface form of {gid}")
            if len(set(amb)) != len(amb):
                errors.append(f"{loc}: duplicate value in ambiguous of {gid}")
            entries[gid] = {"row": row, "forms": forms, "amb": set(amb), "file": rel}
            where[gid] = loc
            per_file[rel] += 1

    # Surface forms shared between entries.
    owners: dict[str, list[tuple[str, str]]] = collections.defaultdict(list)
    for gid, e in entries.items():
        keys = {}
        for f in e["forms"]:
            keys.setdefault(fold(f), f)
        for k, f in keys.items():
            owners[k].append((gid, f))
    for k, lst in sorted(owners.items()):
        if len(lst) < 2:
            continue
        for gid, f in lst:
            e = entries[gid]
            amb_keys = {fold(a) for a in e["amb"]}
            if k not in amb_keys:
                others = ", ".join(g for g, _ in lst if g != gid)
                errors.append(f"{where[gid]}: surface form {f!r} of {gid} shared with {others}"
                              f" but not marked ambiguous")

    # Collisions with the other gazetteers, if present (warnings only).
    other_specs = [("countries.tsv", ["name", "aliases", "demonyms"]),
                   ("places.tsv", ["name", "aliases"]),
                   ("people.tsv", ["name", "aliases"])]
    for fname, cols in other_specs:
        path = os.path.join(GAZ, fname)
        if not os.path.exists(path):
            continue
        errs2: list[str] = []
        _, rows = read_tsv(path, errs2, columns=None)
        for _, row in rows:
            for col in cols:
                for f in split_multi(row.get(col, "")):
                    k = fold(f)
                    for gid, gf in owners.get(k, []):
                        amb_keys = {fold(a) for a in entries[gid]["amb"]}
                        if k not in amb_keys:
                            warnings.append(f"{gid}: {gf!r} also in {fname} ({row.get('id')}),"
                                            f" not marked ambiguous")

    # Single-word forms that are also given names (given_names.tsv), if present (warnings only).
    gn_path = os.path.join(GAZ, "given_names.tsv")
    if os.path.exists(gn_path):
        _, rows = read_tsv(gn_path, [], columns=None)
        names = {fold(row["name"]) for _, row in rows}
        for gid, e in entries.items():
            amb_keys = {fold(a) for a in e["amb"]}
            for f in e["forms"]:
                k = fold(f)
                if " " not in k and k in names and k not in amb_keys:
                    warnings.append(f"{gid}: {f!r} is also a given name, not marked ambiguous")

    for w in sorted(set(warnings)):
        print("warning:", w, file=sys.stderr)
    if errors:
        for e in errors:
            print("error:", e, file=sys.stderr)
        print(f"{len(errors)} error(s); {OUT} not written", file=sys.stderr)
        return 1

    if not check_only:
        tsvlib.write(OUT, COLUMNS, ([entries[gid]["row"][c] for c in COLUMNS] for gid in sorted(entries)),
                     ["# Generated by scripts/gen_groups.py from scripts/data/groups/*.tsv;"
                      " edit the sources, not this file."])

    types = collections.Counter(e["row"]["type"] for e in entries.values())
    n_forms = sum(len(e["forms"]) for e in entries.values())
    n_amb = sum(len(e["amb"]) for e in entries.values())
    print(f"groups: {len(entries)} entries, {n_forms} surface forms, {n_amb} marked ambiguous")
    print("per type:")
    for t in sorted(types):
        print(f"  {t:<11}{types[t]:>5}")
    print("per source file:")
    for f in sorted(per_file):
        print(f"  {os.path.basename(f):<16}{per_file[f]:>5}")
    if not check_only:
        print(f"wrote {os.path.relpath(OUT, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
