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
import unicodedata
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent / "gazetteers"
FILES = {"countries.tsv": "country", "places.tsv": "place", "people.tsv": "person", "groups.tsv": "group"}


def key(s):
    """The library's matching key: folded, lower-cased, without a leading article."""
    s = s.strip()
    for art in ("The ", "the "):
        if s.startswith(art):
            s = s[len(art):]
    s = s.replace("’", "'").replace("‘", "'").replace("ʼ", "'").replace("`", "'")
    s = s.replace("-", " ").replace("\u2010", " ").replace("\u2011", " ")
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("ß", "ss").replace("ı", "i").replace("ł", "l").replace("ø", "o").replace("đ", "d")
    return " ".join(s.split()).lower()


def load(path):
    lines = path.read_text(encoding="utf-8").split("\n")
    header = None
    rows = []
    for i, line in enumerate(lines):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            continue
        rows.append((i, cells))
    return lines, header, rows


def drop_demonym_aliases(check):
    """Step 1: aliases of the form "<demonym> <form of the same entry>"."""
    _, cheader, crows = load(ROOT / "countries.tsv")
    cc = {h: j for j, h in enumerate(cheader)}
    demonyms = {key(d) for _, cells in crows for d in cells[cc["demonyms"]].split("|") if d}
    found = 0
    for name in ("groups.tsv", "people.tsv"):
        path = ROOT / name
        lines, header, rows = load(path)
        col = {h: j for j, h in enumerate(header)}
        changed = False
        for i, cells in rows:
            aliases = [a for a in cells[col["aliases"]].split("|") if a]
            forms = {key(cells[col["name"]])} | {key(a) for a in aliases}
            keep = []
            for a in aliases:
                words = key(a).split(" ", 1)
                if len(words) == 2 and words[0] in demonyms and words[1] in forms:
                    found += 1
                    if check:
                        print(f"{name}:{i + 1}: alias `{a}` is a demonym plus another form of the entry")
                    continue
                keep.append(a)
            if len(keep) != len(aliases):
                cells[col["aliases"]] = "|".join(keep)
                amb = [x for x in cells[col["ambiguous"]].split("|") if x and key(x) in {key(k) for k in keep} | {key(cells[col["name"]])}]
                cells[col["ambiguous"]] = "|".join(amb)
                lines[i] = "\t".join(cells)
                changed = True
        if changed and not check:
            path.write_text("\n".join(lines), encoding="utf-8")
    return found


TITLE_PREFIXES = ("Grand Ayatollah", "Crown Prince", "Prime Minister", "King", "Queen", "Prince", "Princess",
                  "Emperor", "Empress", "Ayatollah", "President", "Sultan", "Emir")


def strip_title_aliases(check):
    """Step 2: "<title> <name of two words or more>" aliases lose the title;
    "<form> of <country>" aliases of a form the entry has go."""
    _, cheader, crows = load(ROOT / "countries.tsv")
    cc = {h: j for j, h in enumerate(cheader)}
    countries = {key(c[cc["name"]]) for _, c in crows} | {
        key(a) for _, c in crows for a in c[cc["aliases"]].split("|") if a
    }
    path = ROOT / "people.tsv"
    lines, header, rows = load(path)
    col = {h: j for j, h in enumerate(header)}
    found = 0
    for i, cells in rows:
        forms = [cells[col["name"]]] + [a for a in cells[col["aliases"]].split("|") if a]
        keys = {key(f) for f in forms}
        out = []
        for a in [a for a in cells[col["aliases"]].split("|") if a]:
            t = next((t for t in TITLE_PREFIXES if a.startswith(t + " ")), None)
            rest = a[len(t) + 1:] if t else ""
            if t and len(rest.split()) >= 2:
                found += 1
                if check:
                    print(f"people.tsv:{i + 1}: alias `{a}` starts with the title `{t}`")
                if key(rest) in keys:
                    continue
                keys.add(key(rest))
                a = rest
            head, sep, tail = a.rpartition(" of ")
            if sep and key(head) in keys and key(tail) in countries:
                found += 1
                if check:
                    print(f"people.tsv:{i + 1}: alias `{a}` is another form plus its country")
                continue
            out.append(a)
        amb = [x for x in cells[col["ambiguous"]].split("|") if x and key(x) in {key(f) for f in out} | {key(cells[col["name"]])}]
        new = "|".join(out)
        if new != cells[col["aliases"]]:
            cells[col["aliases"]] = new
            cells[col["ambiguous"]] = "|".join(amb)
            lines[i] = "\t".join(cells)
    if found and not check:
        path.write_text("\n".join(lines), encoding="utf-8")
    return found


def main():
    check = "--check" in sys.argv
    dropped = drop_demonym_aliases(check) + strip_title_aliases(check)
    print(f"{dropped} demonym-plus-name or title-plus-name aliases {'found' if check else 'fixed'}")
    data = {}
    claims = defaultdict(set)  # key -> kinds
    for name, kind in FILES.items():
        path = ROOT / name
        lines, header, rows = load(path)
        data[name] = (path, lines, header, rows)
        col = {h: j for j, h in enumerate(header)}
        for _, cells in rows:
            forms = [(cells[col["name"]], kind)]
            forms += [(a, kind) for a in cells[col["aliases"]].split("|") if a] if "aliases" in col else []
            forms += [(a, "nationality") for a in cells[col["demonyms"]].split("|") if a] if "demonyms" in col else []
            seen = set()
            for f, k in forms:
                kf = key(f)
                if kf and kf not in seen:
                    seen.add(kf)
                    claims[kf].add(k)
    shared = {k for k, kinds in claims.items() if len(kinds) > 1}
    missing = 0
    for name, (path, lines, header, rows) in data.items():
        col = {h: j for j, h in enumerate(header)}
        if "ambiguous" not in col:
            continue
        a = col["ambiguous"]
        changed = False
        for i, cells in rows:
            forms = [cells[col["name"]]]
            forms += [x for x in cells[col["aliases"]].split("|") if x] if "aliases" in col else []
            forms += [x for x in cells[col["demonyms"]].split("|") if x] if "demonyms" in col else []
            amb = [x for x in cells[a].split("|") if x]
            ambk = {key(x) for x in amb}
            for f in forms:
                kf = key(f)
                if kf in shared and kf not in ambk:
                    missing += 1
                    if check:
                        print(f"{name}:{i + 1}: `{f}` is also a {', '.join(sorted(claims[kf]))}: not marked ambiguous")
                    amb.append(f.removeprefix("The ").removeprefix("the "))
                    ambk.add(kf)
                    changed = True
            cells[a] = "|".join(amb)
            lines[i] = "\t".join(cells)
        if changed and not check:
            path.write_text("\n".join(lines), encoding="utf-8")
    print(f"{len(shared)} surface forms are shared across kinds; {missing} marks {'missing' if check else 'added'}")
    if check and (missing or dropped):
        sys.exit(1)


if __name__ == "__main__":
    main()
