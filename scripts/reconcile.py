#!/usr/bin/env python3
"""Cross-list clean-up of the entity gazetteers.

    python3 scripts/reconcile.py [--check]

1. Drops aliases that are a demonym followed by another form of the same
   entry ("Lebanese Hezbollah" for Hezbollah): the matcher finds the demonym
   and the name on their own, and news annotation marks them apart.
2. Takes royal and office titles off people's aliases when two or more words
   remain ("King Abdullah II" -> "Abdullah II"): a title is its own mention,
   not part of the person's span. One-word remainders ("King Charles") stay.
3. Marks surface forms shared by entries of different kinds as ambiguous.

Run after the list generators (gen_countries.py, gen_people.py, gen_groups.py).
The library refuses a surface form that two entity lists claim for different
kinds unless both rows mark it in their `ambiguous` column ("Jordan" the
country and the river, "Masisi" the president and the territory). This script
finds every such form across gazetteers/{countries,places,people,groups}.tsv
and adds it to the `ambiguous` cell of each row that holds it. With --check it
only reports and exits 1 when anything is unmarked.
"""
import sys
from collections import defaultdict
from pathlib import Path

import tsvlib

ROOT = Path(__file__).resolve().parent.parent / "gazetteers"
FILES = {"countries.tsv": "country", "places.tsv": "place", "people.tsv": "person", "groups.tsv": "group"}


def key(s):
    """The loader's key of a surface form: the matcher's folding (src/fold.rs, via tsvlib),
    lower-cased, without a leading article."""
    return tsvlib.entity_key(s)


def load(path):
    """The list at `path` (tsvlib.Tsv): rows keep their line, for rewriting the file in place."""
    return tsvlib.read(path)


def drop_demonym_aliases(check):
    """Step 1: aliases of the form "<demonym> <form of the same entry>"."""
    countries = load(ROOT / "countries.tsv")
    demonyms = {key(d) for r in countries.rows for d in r.list("demonyms") if d}
    found = 0
    for name in ("groups.tsv", "people.tsv"):
        t = load(ROOT / name)
        col = t.cols
        changed = False
        for row in t.rows:
            cells = row.cells
            aliases = [a for a in cells[col["aliases"]].split("|") if a]
            forms = {key(cells[col["name"]])} | {key(a) for a in aliases}
            keep = []
            for a in aliases:
                words = key(a).split(" ", 1)
                if len(words) == 2 and words[0] in demonyms and words[1] in forms:
                    found += 1
                    if check:
                        print(f"{name}:{row.line}: alias `{a}` is a demonym plus another form of the entry")
                    continue
                keep.append(a)
            if len(keep) != len(aliases):
                cells[col["aliases"]] = "|".join(keep)
                amb = [x for x in cells[col["ambiguous"]].split("|") if x and key(x) in {key(k) for k in keep} | {key(cells[col["name"]])}]
                cells[col["ambiguous"]] = "|".join(amb)
                t.update(row)
                changed = True
        if changed and not check:
            t.save()
    return found


TITLE_PREFIXES = ("Grand Ayatollah", "Crown Prince", "Prime Minister", "King", "Queen", "Prince", "Princess",
                  "Emperor", "Empress", "Ayatollah", "President", "Sultan", "Emir")


def strip_title_aliases(check):
    """Step 2: "<title> <name of two words or more>" aliases lose the title;
    "<form> of <country>" aliases of a form the entry has go."""
    crows = load(ROOT / "countries.tsv").rows
    countries = {key(r["name"]) for r in crows} | {key(a) for r in crows for a in r.list("aliases")}
    people = load(ROOT / "people.tsv")
    col = people.cols
    found = 0
    for row in people.rows:
        cells = row.cells
        forms = [cells[col["name"]]] + [a for a in cells[col["aliases"]].split("|") if a]
        keys = {key(f) for f in forms}
        out = []
        for a in [a for a in cells[col["aliases"]].split("|") if a]:
            t = next((t for t in TITLE_PREFIXES if a.startswith(t + " ")), None)
            rest = a[len(t) + 1:] if t else ""
            if t and len(rest.split()) >= 2:
                found += 1
                if check:
                    print(f"people.tsv:{row.line}: alias `{a}` starts with the title `{t}`")
                if key(rest) in keys:
                    continue
                keys.add(key(rest))
                a = rest
            head, sep, tail = a.rpartition(" of ")
            if sep and key(head) in keys and key(tail) in countries:
                found += 1
                if check:
                    print(f"people.tsv:{row.line}: alias `{a}` is another form plus its country")
                continue
            out.append(a)
        amb = [x for x in cells[col["ambiguous"]].split("|") if x and key(x) in {key(f) for f in out} | {key(cells[col["name"]])}]
        new = "|".join(out)
        if new != cells[col["aliases"]]:
            cells[col["aliases"]] = new
            cells[col["ambiguous"]] = "|".join(amb)
            people.update(row)
    if found and not check:
        people.save()
    return found


def main():
    check = "--check" in sys.argv
    dropped = drop_demonym_aliases(check) + strip_title_aliases(check)
    print(f"{dropped} demonym-plus-name or title-plus-name aliases {'found' if check else 'fixed'}")
    data = {}
    claims = defaultdict(set)  # key -> kinds
    for name, kind in FILES.items():
        t = load(ROOT / name)
        data[name] = t
        for row in t.rows:
            forms = [(row["name"], kind)]
            forms += [(a, kind) for a in row.list("aliases")]
            forms += [(a, "nationality") for a in row.list("demonyms")]
            seen = set()
            for f, k in forms:
                kf = key(f)
                if kf and kf not in seen:
                    seen.add(kf)
                    claims[kf].add(k)
    shared = {k for k, kinds in claims.items() if len(kinds) > 1}
    missing = 0
    for name, t in data.items():
        if "ambiguous" not in t.cols:
            continue
        changed = False
        for row in t.rows:
            forms = [row["name"]] + row.list("aliases") + row.list("demonyms")
            amb = [x for x in row.list("ambiguous") if x]
            ambk = {key(x) for x in amb}
            for f in forms:
                if not f:
                    continue
                kf = key(f)
                if kf in shared and kf not in ambk:
                    missing += 1
                    if check:
                        print(f"{name}:{row.line}: `{f}` is also a {', '.join(sorted(claims[kf]))}: not marked ambiguous")
                    amb.append(tsvlib.strip_article(f))
                    ambk.add(kf)
                    changed = True
            row["ambiguous"] = "|".join(amb)
            t.update(row)
        if changed and not check:
            t.save()
    print(f"{len(shared)} surface forms are shared across kinds; {missing} marks {'missing' if check else 'added'}")
    if check and (missing or dropped):
        sys.exit(1)


if __name__ == "__main__":
    main()
