#!/usr/bin/env python3
"""Build gazetteers/countries.tsv and gazetteers/places.tsv (format: gazetteers/README.md).

How to run (from the repository root; Python 3.11, standard library only):

    python3 scripts/gen_countries.py            # installs the npm packages if missing, writes both
    python3 scripts/gen_countries.py --check    # validate only, write nothing

The script reads three npm packages, pinned to these versions:

    i18n-iso-countries@7.14.0     (MIT)          ISO 3166-1 alpha-2 codes (+ XK) and English names
    cldr-localenames-full@48.2.0  (Unicode-3.0)  CLDR English territory names, short/variant forms
    countries-list@3.4.1          (MIT)          capitals

They are looked up under --packages DIR (a node_modules folder, default
/tmp/gazette-npm/node_modules). When they are missing the script runs

    npm install --prefix /tmp/gazette-npm i18n-iso-countries@7.14.0 \
        cldr-localenames-full@48.2.0 countries-list@3.4.1

itself (pass --no-install to fail instead). A different installed version is an error unless
--any-version is given.

Hand-written inputs (the judgement calls live there, not in this code):

  scripts/data/countries_overlay.tsv   one row per country code:
        id  name  aliases  drop  demonyms  ambiguous
     name      the canonical (news) name; empty = CLDR's short form, else its main form
     aliases   added aliases (listed first, before the package forms)
     drop      package forms to discard (matched after folding)
     demonyms  adjectives and nouns (Iraqi|Iraqis); `-` = deliberately none (uninhabited)
     ambiguous the entry's forms (name, alias or demonym) that are also ordinary words,
               given names or names of other kinds

  scripts/data/places.tsv   rows in the places.tsv format. A country that has at least one
     row of type `capital` there takes its capital(s) from those rows; the other countries get
     their capital from countries-list (skipped when the capital's name is the country's own name,
     as for city-states, or when countries-list has none).

Package forms are normalised: " & " -> " and ", "Congo - Kinshasa" -> "Congo-Kinshasa", a
leading "The " is removed, forms with a comma or parentheses are dropped ("Korea, Republic
of"), and "St. X"/"U.S. X" also get the "St X"/"US X" spelling.

Validation (any error -> exit status 1, nothing written): header and cell counts, ids
(ISO alpha-2 / place/<slug>), unique and sorted ids, no empty names, no padded or empty list
values, no surface form starting with "the" (a name may: the loader strips it), no duplicated
surface form within an entry, `ambiguous` values are the entry's own forms, a surface form
shared by two entries (countries and places together, demonyms included) is marked ambiguous
in both, every inhabited country has demonyms, place countries and types are known. The written
files are read back and checked again. Collisions with the other gazetteers (people, groups)
are printed as warnings.
"""
from __future__ import annotations

import argparse
import collections
import json
import os
import re
import subprocess
import sys
import unicodedata

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GAZ = os.path.join(ROOT, "gazetteers")
DATA = os.path.join(ROOT, "scripts", "data")
OVERLAY = os.path.join(DATA, "countries_overlay.tsv")
HISTORICAL = os.path.join(DATA, "countries_historical.tsv")
PLACES_SRC = os.path.join(DATA, "places.tsv")
OUT_COUNTRIES = os.path.join(GAZ, "countries.tsv")
OUT_PLACES = os.path.join(GAZ, "places.tsv")

DEFAULT_PREFIX = "/tmp/gazette-npm"
PINNED = {
    "i18n-iso-countries": "7.14.0",
    "cldr-localenames-full": "48.2.0",
    "countries-list": "3.4.1",
}

COUNTRY_COLUMNS = ["id", "name", "aliases", "demonyms", "ambiguous"]
OVERLAY_COLUMNS = ["id", "name", "aliases", "drop", "demonyms", "ambiguous"]
PLACE_COLUMNS = ["id", "name", "aliases", "country", "type", "ambiguous"]
PLACE_TYPES = {
    "capital", "city", "town", "district", "region", "nation", "state", "province",
    "territory", "crossing", "camp", "base", "site", "island", "sea", "strait", "canal",
    "river", "lake", "mountain", "desert", "continent", "venue",
}
COUNTRY_ID_RE = re.compile(r"^[A-Z]{2}$")
PLACE_ID_RE = re.compile(r"^place/[a-z0-9]+(?:-[a-z0-9]+)*$")
# Countries without a capital entry although countries-list names one: Hong Kong's "City of
# Victoria" is not a name news uses.
NO_CAPITAL = {"HK"}

APOSTROPHES = "'\u2018\u2019\u02bc\u02bb`\u00b4\u2032"
HYPHENS = "-\u2010\u2011\u2012\u2013\u2014\u2212"
LETTERS = {"\u0131": "i", "\u0142": "l", "\u0141": "L", "\u00f8": "o", "\u00d8": "O",
           "\u00df": "ss", "\u0111": "d", "\u0110": "D", "\u00e6": "ae", "\u00c6": "AE",
           "\u0153": "oe", "\u0152": "OE", "\u00fe": "th", "\u00f0": "d"}


# ----------------------------------------------------------------------------------------------
# helpers

def fold(form: str, casefold: bool = True) -> str:
    """Approximate the matcher's folding: diacritics, apostrophe style, hyphen/space, case.

    casefold=False keeps case except "al"/"Al" (used within one entry, where "US" and "Us"
    would be distinct forms); across entries the comparison is case-insensitive, which is
    stricter than the matcher."""
    s = "".join(LETTERS.get(c, c) for c in form)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    for a in APOSTROPHES:
        s = s.replace(a, "'")
    for h in HYPHENS:
        s = s.replace(h, " ")
    s = " ".join(s.split())
    if casefold:
        return s.casefold()
    return " ".join("al" if w in ("Al", "AL") else w for w in s.split(" "))


def slug(text: str) -> str:
    s = "".join(LETTERS.get(c, c) for c in text)
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c)).lower()
    for a in APOSTROPHES:
        s = s.replace(a, "")
    s = re.sub(r"[^a-z0-9]+", "-", s).strip("-")
    return s


def split_multi(cell: str) -> list[str]:
    return cell.split("|") if cell else []


def read_tsv(path: str, columns: list[str], errors: list[str]) -> list[tuple[int, dict]]:
    rel = os.path.relpath(path, ROOT)
    header = None
    rows: list[tuple[int, dict]] = []
    with open(path, "rb") as fh:
        raw_bytes = fh.read()
    try:
        text = raw_bytes.decode("utf-8")
    except UnicodeDecodeError as exc:
        errors.append(f"{rel}: not UTF-8: {exc}")
        return rows
    if "\r" in text:
        errors.append(f"{rel}: CR in file (LF line endings only)")
    for lineno, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            if sorted(header) != sorted(columns):
                errors.append(f"{rel}:{lineno}: header {header} != {columns}")
                return rows
            continue
        if len(cells) != len(header):
            errors.append(f"{rel}:{lineno}: {len(cells)} cells, header has {len(header)}: {line!r}")
            continue
        rows.append((lineno, dict(zip(header, cells))))
    if header is None:
        errors.append(f"{rel}: no header")
    return rows


def add_form(forms: list[str], form: str) -> None:
    """Append form unless an equivalent one (within-entry folding) is already there."""
    k = fold(form, casefold=False)
    if all(fold(f, casefold=False) != k for f in forms):
        forms.append(form)


# ----------------------------------------------------------------------------------------------
# packages

def ensure_packages(node_modules: str, install: bool, any_version: bool) -> dict[str, str]:
    def version(pkg: str) -> str | None:
        p = os.path.join(node_modules, pkg, "package.json")
        if not os.path.exists(p):
            return None
        with open(p, encoding="utf-8") as fh:
            return json.load(fh).get("version")

    missing = [p for p in PINNED if version(p) is None]
    if missing:
        if not install:
            sys.exit(f"error: packages missing under {node_modules}: {', '.join(missing)}\n"
                     f"run: npm install --prefix {os.path.dirname(node_modules)} "
                     + " ".join(f"{p}@{v}" for p, v in PINNED.items()))
        prefix = os.path.dirname(os.path.abspath(node_modules))
        cmd = ["npm", "install", "--no-audit", "--no-fund", "--prefix", prefix] + \
              [f"{p}@{v}" for p, v in PINNED.items()]
        print("running:", " ".join(cmd), file=sys.stderr)
        subprocess.run(cmd, check=True)
    found = {p: version(p) for p in PINNED}
    for p, v in found.items():
        if v != PINNED[p]:
            msg = f"{p} is {v}, pinned {PINNED[p]}"
            if not any_version:
                sys.exit(f"error: {msg} (use --any-version to accept it)")
            print("warning:", msg, file=sys.stderr)
    return found  # type: ignore[return-value]


def load_json(node_modules: str, *parts: str):
    with open(os.path.join(node_modules, *parts), encoding="utf-8") as fh:
        return json.load(fh)


def normalise_package_form(form: str) -> list[str]:
    """Package name -> zero or more surface forms as news prints them."""
    f = form.strip()
    f = f.replace(" & ", " and ")
    f = f.replace(" - ", "-")
    if f.lower().startswith("the "):
        f = f[4:]
    if any(c in f for c in ",()"):
        return []
    out = [f]
    if "St. " in f:
        out.append(f.replace("St. ", "St "))
    if "U.S. " in f:
        out.append(f.replace("U.S. ", "US "))
    return out


# ----------------------------------------------------------------------------------------------
# countries

def build_countries(nm: str, errors: list[str], notes: list[str]):
    i18n = load_json(nm, "i18n-iso-countries", "langs", "en.json")["countries"]
    cldr = load_json(nm, "cldr-localenames-full", "main", "en", "territories.json")
    cldr = cldr["main"]["en"]["localeDisplayNames"]["territories"]
    codes = sorted(i18n)
    if len(codes) != 250 or "XK" not in codes:
        errors.append(f"i18n-iso-countries: expected 249 ISO codes + XK, got {len(codes)}")

    overlay_rows = read_tsv(OVERLAY, OVERLAY_COLUMNS, errors)
    overlay: dict[str, tuple[int, dict]] = {}
    for lineno, row in overlay_rows:
        cid = row["id"]
        if cid in overlay:
            errors.append(f"countries_overlay.tsv:{lineno}: duplicate id {cid}")
        if cid not in i18n:
            errors.append(f"countries_overlay.tsv:{lineno}: {cid} is not a code of the package")
        overlay[cid] = (lineno, row)

    entries: dict[str, dict] = {}
    for cid in codes:
        # package forms, CLDR first (short form, main form, variants), then i18n-iso-countries
        cldr_keys = [f"{cid}-alt-short", cid] + sorted(
            k for k in cldr if k.startswith(cid + "-alt-") and k != f"{cid}-alt-short")
        pkg_raw = [cldr[k] for k in cldr_keys if k in cldr]
        v = i18n[cid]
        pkg_raw += v if isinstance(v, list) else [v]
        pkg: list[str] = []
        for raw in pkg_raw:
            for f in normalise_package_form(raw):
                add_form(pkg, f)
        if not pkg:
            errors.append(f"{cid}: no usable package name")
            continue
        lineno, row = overlay.get(cid, (0, None))
        if row is None:
            errors.append(f"{cid}: no row in countries_overlay.tsv")
            row = {c: "" for c in OVERLAY_COLUMNS}
        loc = f"countries_overlay.tsv:{lineno}"
        for col in OVERLAY_COLUMNS:
            if row[col] != row[col].strip():
                errors.append(f"{loc}: padded cell {col}: {row[col]!r}")
        name = row["name"] or pkg[0]
        drop = {fold(d) for d in split_multi(row["drop"])}
        for d in split_multi(row["drop"]):
            if all(fold(p) != fold(d) for p in pkg):
                errors.append(f"{loc}: drop value {d!r} is not a package form of {cid}")
        aliases: list[str] = []
        for a in split_multi(row["aliases"]) + pkg:
            if fold(a) in drop:
                continue
            if fold(a, casefold=False) == fold(name, casefold=False):
                continue
            add_form(aliases, a)
        if row["demonyms"] == "-":
            demonyms: list[str] = []
        else:
            demonyms = split_multi(row["demonyms"])
            if not demonyms:
                errors.append(f"{loc}: {cid} has no demonyms (write - for none)")
        entries[cid] = {
            "id": cid, "name": name, "aliases": aliases, "demonyms": demonyms,
            "ambiguous": split_multi(row["ambiguous"]), "loc": loc, "file": "countries.tsv",
        }
        if row["name"] and row["name"] != pkg[0]:
            notes.append(f"{cid}: name {row['name']!r} (package: {pkg[0]!r})")
    # Historical states (hand-written), under their retired ISO 3166-1 codes.
    for lineno, row in read_tsv(HISTORICAL, ["id", "name", "aliases", "demonyms", "ambiguous"], errors):
        cid = row["id"]
        loc = f"countries_historical.tsv:{lineno}"
        if cid in entries:
            errors.append(f"{loc}: {cid} is a current country code")
            continue
        entries[cid] = {
            "id": cid, "name": row["name"], "aliases": split_multi(row["aliases"]),
            "demonyms": split_multi(row["demonyms"]), "ambiguous": split_multi(row["ambiguous"]),
            "loc": loc, "file": "countries.tsv",
        }
    return entries


# ----------------------------------------------------------------------------------------------
# places

def build_places(nm: str, countries: dict[str, dict], errors: list[str], notes: list[str]):
    clist = load_json(nm, "countries-list", "countries.min.json")
    rows = read_tsv(PLACES_SRC, PLACE_COLUMNS, errors)
    entries: dict[str, dict] = {}
    hand_capitals: dict[str, list[dict]] = collections.defaultdict(list)
    for lineno, row in rows:
        loc = f"scripts/data/places.tsv:{lineno}"
        pid = row["id"]
        if pid in entries:
            errors.append(f"{loc}: duplicate id {pid} (first at {entries[pid]['loc']})")
            continue
        e = {
            "id": pid, "name": row["name"], "aliases": split_multi(row["aliases"]),
            "country": row["country"], "type": row["type"],
            "ambiguous": split_multi(row["ambiguous"]), "loc": loc, "file": "places.tsv",
        }
        entries[pid] = e
        if row["type"] == "capital":
            hand_capitals[row["country"]].append(e)

    n_auto = 0
    for cid in sorted(countries):
        info = clist.get(cid)
        cap = (info or {}).get("capital", "").strip()
        if cid in hand_capitals:
            if cap:
                forms = {fold(f) for e in hand_capitals[cid] for f in [e["name"]] + e["aliases"]}
                if fold(cap) not in forms:
                    notes.append(f"{cid}: capital {cap!r} from countries-list replaced by "
                                 + ", ".join(repr(e["name"]) for e in hand_capitals[cid]))
            continue
        if not cap or cid in NO_CAPITAL:
            notes.append(f"{cid}: no capital entry (countries-list: {cap!r})")
            continue
        c = countries[cid]
        if fold(cap) in {fold(f) for f in [c["name"]] + c["aliases"]}:
            notes.append(f"{cid}: capital {cap!r} is the country's own name; no place entry")
            continue
        pid = "place/" + slug(cap)
        if pid in entries:
            pid = f"{pid}-{cid.lower()}"
        if pid in entries:
            errors.append(f"{cid}: capital id {pid} already taken")
            continue
        entries[pid] = {
            "id": pid, "name": cap, "aliases": [], "country": cid, "type": "capital",
            "ambiguous": [], "loc": f"countries-list:{cid}", "file": "places.tsv",
        }
        n_auto += 1
    missing_cap = sorted(cid for cid in countries
                         if (clist.get(cid) or {}).get("capital") and cid not in NO_CAPITAL
                         and not any(e["type"] == "capital" and e["country"] == cid
                                     for e in entries.values()))
    return entries, n_auto, missing_cap


# ----------------------------------------------------------------------------------------------
# validation

def entry_forms(e: dict) -> list[str]:
    return [e["name"]] + e["aliases"] + e.get("demonyms", [])


def validate(countries: dict[str, dict], places: dict[str, dict], errors: list[str]) -> None:
    for kind, entries in (("country", countries), ("place", places)):
        for eid, e in entries.items():
            loc = f"{e['loc']} ({eid})"
            if kind == "country" and not COUNTRY_ID_RE.match(eid):
                errors.append(f"{loc}: bad country id")
            if kind == "place":
                if not PLACE_ID_RE.match(eid):
                    errors.append(f"{loc}: bad place id")
                if e["type"] not in PLACE_TYPES:
                    errors.append(f"{loc}: unknown type {e['type']!r}")
                if e["country"] and e["country"] not in countries:
                    errors.append(f"{loc}: unknown country {e['country']!r}")
                if e["type"] == "capital" and not e["country"]:
                    errors.append(f"{loc}: capital without country")
            if not e["name"] or not e["name"].strip():
                errors.append(f"{loc}: empty name")
            forms = entry_forms(e)
            for f in forms + e["ambiguous"]:
                if not f or f != f.strip() or "  " in f or any(c in f for c in "\t\n\r|"):
                    errors.append(f"{loc}: empty, padded or bad value {f!r}")
            for f in forms[1:]:
                if f.lower().startswith("the "):
                    errors.append(f"{loc}: surface form starts with 'the': {f!r}")
            seen: dict[str, str] = {}
            for f in forms:
                k = fold(f, casefold=False)
                if k in seen:
                    errors.append(f"{loc}: duplicate surface form {f!r} ~ {seen[k]!r}")
                seen[k] = f
            for a in e["ambiguous"]:
                if a not in forms:
                    errors.append(f"{loc}: ambiguous value {a!r} is not a form of the entry")
            if len(set(e["ambiguous"])) != len(e["ambiguous"]):
                errors.append(f"{loc}: duplicate value in ambiguous")

    # shared surface forms, countries and places together
    owners: dict[str, list[tuple[dict, str]]] = collections.defaultdict(list)
    for entries in (countries, places):
        for e in entries.values():
            keys: dict[str, str] = {}
            for f in entry_forms(e):
                keys.setdefault(fold(f), f)
                if e["name"].lower().startswith("the ") and f == e["name"]:
                    keys.setdefault(fold(f[4:]), f)
            for k, f in keys.items():
                owners[k].append((e, f))
    for k, lst in sorted(owners.items()):
        if len(lst) < 2:
            continue
        for e, f in lst:
            if k not in {fold(a) for a in e["ambiguous"]}:
                others = ", ".join(o["id"] for o, _ in lst if o is not e)
                errors.append(f"{e['loc']} ({e['id']}): surface form {f!r} shared with {others}"
                              " but not marked ambiguous")


def other_gazetteer_warnings(countries: dict, places: dict) -> list[str]:
    ours: dict[str, list[tuple[dict, str]]] = collections.defaultdict(list)
    for entries in (countries, places):
        for e in entries.values():
            for f in entry_forms(e):
                ours[fold(f)].append((e, f))
    warnings = []
    for fname, cols in (("people.tsv", ["name", "aliases"]), ("groups.tsv", ["name", "aliases"])):
        path = os.path.join(GAZ, fname)
        if not os.path.exists(path):
            continue
        errs: list[str] = []
        header_cols = {"people.tsv": ["id", "name", "aliases", "gender", "country", "role",
                                      "qid", "ambiguous"],
                       "groups.tsv": ["id", "name", "aliases", "type", "country", "ambiguous"]}
        for _, row in read_tsv(path, header_cols[fname], errs):
            their_amb = {fold(a) for a in split_multi(row.get("ambiguous", ""))}
            for col in cols:
                for f in split_multi(row.get(col, "")):
                    for e, ef in ours.get(fold(f), []):
                        mine = fold(ef) in {fold(a) for a in e["ambiguous"]}
                        if not (mine and fold(f) in their_amb):
                            warnings.append(f"{e['id']} {ef!r} also in {fname} ({row.get('id')});"
                                            f" ambiguous here: {mine}, there: {fold(f) in their_amb}")
    return sorted(set(warnings))


# ----------------------------------------------------------------------------------------------
# output

HEADER_NOTE = {
    "countries.tsv": [
        "# Generated by scripts/gen_countries.py: do not edit; edit scripts/data/countries_overlay.tsv.",
        "# Names and aliases from i18n-iso-countries (MIT) and Unicode CLDR via cldr-localenames-full",
        "# (Copyright (c) Unicode, Inc., Unicode License v3; notice in gazetteers/README.md), merged",
        "# with the hand-written overlay (news names, aliases, demonyms, ambiguity).",
    ],
    "places.tsv": [
        "# Generated by scripts/gen_countries.py: do not edit; edit scripts/data/places.tsv.",
        "# Capitals not listed by hand come from countries-list (MIT); the rest is hand-written.",
        "# country is empty for places that span several countries (Middle East, Kashmir, Nile).",
    ],
}


def render(fname: str, columns: list[str], entries: dict[str, dict]) -> str:
    lines = list(HEADER_NOTE[fname])
    lines.append("\t".join(columns))
    for eid in sorted(entries):
        e = entries[eid]
        cells = []
        for c in columns:
            v = e[c]
            cells.append("|".join(v) if isinstance(v, list) else v)
        lines.append("\t".join(cells))
    return "\n".join(lines) + "\n"


def check_written(text: str, fname: str, columns: list[str], errors: list[str]) -> None:
    header = None
    ids = []
    for lineno, line in enumerate(text.rstrip("\n").split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            if header != columns:
                errors.append(f"{fname}: header {header}")
            continue
        if len(cells) != len(header):
            errors.append(f"{fname}:{lineno}: {len(cells)} cells, header has {len(header)}")
        row = dict(zip(header, cells))
        if not row.get("name"):
            errors.append(f"{fname}:{lineno}: empty name")
        ids.append(row.get("id", ""))
    if ids != sorted(ids):
        errors.append(f"{fname}: ids not sorted")
    if len(ids) != len(set(ids)):
        errors.append(f"{fname}: duplicate ids")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--packages", default=os.path.join(DEFAULT_PREFIX, "node_modules"),
                    help="node_modules folder holding the pinned packages")
    ap.add_argument("--check", action="store_true", help="validate only, write nothing")
    ap.add_argument("--no-install", action="store_true", help="fail when packages are missing")
    ap.add_argument("--any-version", action="store_true", help="accept other package versions")
    ap.add_argument("--notes", action="store_true", help="print the judgement-call notes")
    args = ap.parse_args()

    versions = ensure_packages(args.packages, not args.no_install, args.any_version)
    errors: list[str] = []
    notes: list[str] = []
    countries = build_countries(args.packages, errors, notes)
    places, n_auto, missing_cap = build_places(args.packages, countries, errors, notes)
    validate(countries, places, errors)
    inhabited_without = [c for c, e in countries.items() if not e["demonyms"]]

    texts = {
        "countries.tsv": render("countries.tsv", COUNTRY_COLUMNS, countries),
        "places.tsv": render("places.tsv", PLACE_COLUMNS, places),
    }
    check_written(texts["countries.tsv"], "countries.tsv", COUNTRY_COLUMNS, errors)
    check_written(texts["places.tsv"], "places.tsv", PLACE_COLUMNS, errors)

    for w in other_gazetteer_warnings(countries, places):
        print("warning:", w, file=sys.stderr)
    if args.notes:
        for n in notes:
            print("note:", n, file=sys.stderr)
    if errors:
        for e in errors:
            print("error:", e, file=sys.stderr)
        print(f"{len(errors)} error(s); nothing written", file=sys.stderr)
        return 1

    if not args.check:
        for fname, path in (("countries.tsv", OUT_COUNTRIES), ("places.tsv", OUT_PLACES)):
            with open(path, "w", encoding="utf-8", newline="\n") as fh:
                fh.write(texts[fname])
            with open(path, encoding="utf-8", newline="") as fh:
                back = fh.read()
            if back != texts[fname]:
                print(f"error: {path} reads back differently", file=sys.stderr)
                return 1

    n_alias = sum(len(e["aliases"]) for e in countries.values())
    n_dem = sum(len(e["demonyms"]) for e in countries.values())
    n_amb_c = sum(len(e["ambiguous"]) for e in countries.values())
    types = collections.Counter(e["type"] for e in places.values())
    n_palias = sum(len(e["aliases"]) for e in places.values())
    n_amb_p = sum(len(e["ambiguous"]) for e in places.values())
    print("packages: " + ", ".join(f"{p}@{v}" for p, v in versions.items()))
    print(f"countries: {len(countries)} entries, {n_alias} aliases, {n_dem} demonyms, "
          f"{n_amb_c} ambiguous forms; without demonyms: {' '.join(inhabited_without) or '-'}")
    print(f"places: {len(places)} entries ({n_auto} capitals from countries-list), "
          f"{n_palias} aliases, {n_amb_p} ambiguous forms")
    print("places per type: " + ", ".join(f"{t} {n}" for t, n in sorted(types.items())))
    print(f"countries without a capital entry: {' '.join(missing_cap) or '-'}")
    if not args.check:
        print(f"wrote {os.path.relpath(OUT_COUNTRIES, ROOT)} and {os.path.relpath(OUT_PLACES, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
