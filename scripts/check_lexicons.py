#!/usr/bin/env python3
"""Validate the lexicon lists against gazetteers/README.md.

    python3 scripts/check_lexicons.py        # from the repository root; stdlib only

Checks gazetteers/titles.tsv, cues.tsv, speaker_nouns.tsv, the hand-written
scripts/data/given_names_*.tsv and (through scripts/gen_given_names.py's own validator)
gazetteers/given_names.tsv: UTF-8, LF endings, header, cell count, no stray spaces, required
cells filled, allowed values, unique and sorted keys (also after the matcher's folding of case,
diacritics, apostrophes and hyphen/space), minimum counts.  Exits 1 on any error and ends
with a line "N passed, N failed".
"""
from __future__ import annotations

import re
import sys
import unicodedata
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
GAZ = ROOT / "gazetteers"

FRAMES = ("quote", "that", "obj_to", "as", "colon")
TITLE_SMALL_WORDS = {"of", "for", "the", "and", "in", "on", "without", "to"}


def fold(s: str) -> str:
    s = unicodedata.normalize("NFKD", s)
    s = "".join(c for c in s if not unicodedata.combining(c))
    s = s.replace("\u2019", "'").replace("\u2018", "'").replace("'", "")
    return re.sub(r"[-\s]+", " ", s).strip().casefold()


def read(path: Path, errors: list[str]) -> tuple[list[str], list[tuple[int, list[str]]]]:
    raw = path.read_bytes()
    if raw.startswith(b"\xef\xbb\xbf"):
        errors.append(f"{path.name}: BOM")
    if b"\r" in raw:
        errors.append(f"{path.name}: CR line endings")
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as e:
        errors.append(f"{path.name}: not UTF-8 ({e})")
        return [], []
    header: list[str] = []
    rows = []
    for ln, line in enumerate(text.split("\n"), 1):
        if not line.strip() or line.startswith("#"):
            continue
        cells = line.split("\t")
        if not header:
            header = cells
            continue
        if len(cells) != len(header):
            errors.append(f"{path.name}:{ln}: {len(cells)} cells, header has {len(header)}")
            continue
        for c in cells:
            if c != c.strip() or "  " in c:
                errors.append(f"{path.name}:{ln}: stray spaces in {c!r}")
        rows.append((ln, cells))
    return header, rows


def check_table(path: Path, columns: list[str], required: set[str], min_rows: int,
                row_check, errors: list[str]) -> int:
    header, rows = read(path, errors)
    if header != columns:
        errors.append(f"{path.name}: header {header} != {columns}")
        return 0
    keys = []
    folded: dict[str, str] = {}
    for ln, cells in rows:
        rec = dict(zip(columns, cells))
        for col in required:
            if not rec[col]:
                errors.append(f"{path.name}:{ln}: empty {col}")
        for col, val in rec.items():
            if val and "|" in val and any(not v or v != v.strip() for v in val.split("|")):
                errors.append(f"{path.name}:{ln}: bad |-list in {col}: {val!r}")
        key = cells[0]
        if key.lower().startswith("the "):
            errors.append(f"{path.name}:{ln}: starts with 'the': {key!r}")
        f = fold(key)
        if f in folded:
            errors.append(f"{path.name}:{ln}: {key!r} duplicates {folded[f]!r} (after folding)")
        folded[f] = key
        keys.append(key)
        for msg in row_check(rec):
            errors.append(f"{path.name}:{ln}: {msg}")
    if keys != sorted(keys):
        bad = next(i for i in range(1, len(keys)) if keys[i - 1] > keys[i])
        errors.append(f"{path.name}: not sorted near {keys[bad - 1]!r} / {keys[bad]!r}")
    if len(keys) < min_rows:
        errors.append(f"{path.name}: {len(keys)} rows < {min_rows}")
    return len(keys)


def title_row(r):
    if r["gender"] not in ("", "m", "f"):
        yield f"gender {r['gender']!r}"
    if r["type"] not in ("honorific", "role", "military"):
        yield f"type {r['type']!r}"
    for w in r["title"].split(" "):
        if not (w[0].isupper() or w[0].isdigit() or w in TITLE_SMALL_WORDS or w.startswith("d'")):
            yield f"not Title Case: {r['title']!r}"


def cue_row(r):
    if r["pos"] not in ("verb", "phrase"):
        yield f"pos {r['pos']!r}"
    fr = r["frames"].split("|") if r["frames"] else []
    if not fr or any(f not in FRAMES for f in fr) or len(set(fr)) != len(fr):
        yield f"frames {r['frames']!r}"
    if r["pos"] == "verb" and (" " in r["form"] or not r["form"].islower()):
        yield f"verb form must be one lower-case word: {r['form']!r}"
    if r["pos"] == "phrase" and " " not in r["form"]:
        yield f"phrase must have several words: {r['form']!r}"


def noun_row(r):
    if r["gender"] not in ("", "m", "f"):
        yield f"gender {r['gender']!r}"
    if not (r["noun"].islower() or r["noun"].isupper()):
        yield f"noun should be lower case (or an acronym): {r['noun']!r}"


NAME_RE = re.compile(r"[A-Z][a-z]+(?:[-'][A-Za-z][a-z]+)*")


def hand_name_row(r):
    if not NAME_RE.fullmatch(r["name"]):
        yield f"bad name {r['name']!r}"
    if r["gender"] not in ("m", "f", "u"):
        yield f"gender {r['gender']!r}"


def main() -> int:
    results = []  # (label, count, errors)

    def run(label, fn):
        errors: list[str] = []
        try:
            n = fn(errors)
        except SystemExit as e:  # gen_given_names.validate raises SystemExit on errors
            errors.append(str(e))
            n = 0
        results.append((label, n, errors))

    run("titles.tsv", lambda e: check_table(GAZ / "titles.tsv", ["title", "gender", "type"],
                                            {"title", "type"}, 300, title_row, e))
    run("cues.tsv", lambda e: check_table(GAZ / "cues.tsv", ["form", "lemma", "pos", "frames"],
                                          {"form", "lemma", "pos", "frames"}, 200, cue_row, e))
    run("speaker_nouns.tsv", lambda e: check_table(GAZ / "speaker_nouns.tsv",
                                                   ["noun", "plural", "gender"],
                                                   {"noun", "plural"}, 80, noun_row, e))
    for path in sorted((ROOT / "scripts" / "data").glob("given_names_*.tsv")):
        run(f"data/{path.name}", lambda e, p=path: check_table(p, ["name", "gender"],
                                                                {"name", "gender"}, 10,
                                                                hand_name_row, e))
    if (GAZ / "given_names.tsv").exists():
        sys.path.insert(0, str(ROOT / "scripts"))
        import gen_given_names  # noqa: PLC0415  (stdlib-only at import time)

        run("given_names.tsv", lambda e: gen_given_names.validate())
    failed = 0
    for label, n, errors in results:
        status = "ok" if not errors else "FAIL"
        print(f"{status:4} {label}: {n} rows")
        for msg in errors[:40]:
            print(f"     {msg}")
        failed += bool(errors)
    print(f"{len(results) - failed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
