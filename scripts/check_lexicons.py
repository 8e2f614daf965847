#!/usr/bin/env python3
"""Validate the lexicon lists against gazetteers/README.md.

    python3 scripts/check_lexicons.py        # from the repository root; stdlib only

Checks gazetteers/titles.tsv, cues.tsv, speaker_nouns.tsv, the hand-written
scripts/data/given_names_*.tsv and (through scripts/gen_given_names.py's own validator)
gazetteers/given_names.tsv: UTF-8, LF endings, header, cell count, no stray spaces, required
cells filled, allowed values, unique and sorted keys (also after the matcher's folding of case,
diacritics, apostrophes and hyphen/space: tsvlib.key, the same as src/fold.rs), minimum counts.
cues.tsv and speaker_nouns.tsv are generated (scripts/gen_cues.py, scripts/gen_speaker_nouns.py);
their generators' --check also runs here, so a stale file fails.  It also checks the rules' data:
lexicon.tsv (every class a variant of `enum Class` in src/lexicon.rs, read from the source; no
(word, class) twice), rules.tsv (unique ids, a `Table` variant of src/ruleset.rs, confidence 0 to
1, a pattern only for quote and reported rules), rule_examples.tsv (every example names a rule,
balanced [[ ]] and {{ }} marks, every rule an example with a mark), fold.tsv (parses as
src/fold.rs parses it) and party_tags.tsv (sorted, one row per tag and country, an ISO code, a
party of groups.tsv, a one-letter tag also a `party_letter` of lexicon.tsv).  Lists are read with scripts/tsvlib.py.  Exits 1 on any error and ends
with a line "N passed, N failed".
"""
from __future__ import annotations

import math
import re
import sys
from pathlib import Path

import tsvlib

ROOT = Path(__file__).resolve().parent.parent
GAZ = ROOT / "gazetteers"

# cues.tsv (gazetteers/README.md says what each value means).
CUE_CLASSES = ("speech", "thought", "evidence")
CUE_POS = ("base", "pres", "past", "pastpart", "ing", "prep", "adj")
FRAMES = ("quote", "colon", "that", "clause", "wh", "to", "obj_to", "obj_that", "obj_clause", "obj",
          "obj_of", "of", "for", "as", "src")
CUE_MIN_LEMMAS = {"speech": 350, "thought": 40, "evidence": 25}
# speaker_nouns.tsv
NOUN_TYPES = ("person", "group", "outlet", "document")
TITLE_SMALL_WORDS = {"of", "for", "the", "and", "in", "on", "without", "to"}


def fold(s: str) -> str:
    """The matcher's key (src/fold.rs, via tsvlib): case, diacritics, apostrophes, hyphen/space."""
    return tsvlib.key(s)


def read(path: Path, errors: list[str]) -> tuple[list[str], list[tuple[int, list[str]]]]:
    t = tsvlib.read(path, None, errors, spaces=True, label=path.name)
    return t.header, [(r.line, r.cells) for r in t.rows]


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
    if r["class"] not in CUE_CLASSES:
        yield f"class {r['class']!r}"
    if r["pos"] not in CUE_POS:
        yield f"pos {r['pos']!r}"
    fr = r["frames"].split("|") if r["frames"] else []
    if not fr or any(f not in FRAMES for f in fr) or len(set(fr)) != len(fr):
        yield f"frames {r['frames']!r}"
    elif fr != [f for f in FRAMES if f in fr]:
        yield f"frames not in the order {FRAMES}: {r['frames']!r}"
    form = r["form"]
    if not re.fullmatch(r"[a-z]+(?:[ '][a-z]+)*", form):
        yield f"form must be lower-case words: {form!r}"
    if r["pos"] == "prep" and " " not in form:
        yield f"a prep cue has several words: {form!r}"
    if r["pos"] == "adj" and " " in form:
        yield f"an adj cue is one word: {form!r}"
    if r["pos"] in ("prep", "adj") and form != r["lemma"]:
        yield f"a {r['pos']} cue is its own lemma: {form!r} / {r['lemma']!r}"


def check_cues(errors: list[str]) -> int:
    """cues.tsv: one row per (form, pos), sorted by form then pos; one class per lemma; enough
    lemmas per class."""
    path = GAZ / "cues.tsv"
    columns = ["form", "lemma", "class", "pos", "frames"]
    header, rows = read(path, errors)
    if header != columns:
        errors.append(f"{path.name}: header {header} != {columns}")
        return 0
    keys: list[tuple[str, int]] = []
    seen: dict[tuple[str, str], int] = {}
    lemma_class: dict[str, str] = {}
    lemmas: dict[str, set[str]] = {c: set() for c in CUE_CLASSES}
    for ln, cells in rows:
        rec = dict(zip(columns, cells))
        for col in columns:
            if not rec[col]:
                errors.append(f"{path.name}:{ln}: empty {col}")
        for msg in cue_row(rec):
            errors.append(f"{path.name}:{ln}: {msg}")
        key = (fold(rec["form"]), rec["pos"])
        if key in seen:
            errors.append(f"{path.name}:{ln}: {rec['form']!r} ({rec['pos']}) repeats line {seen[key]}")
        seen[key] = ln
        if lemma_class.setdefault(rec["lemma"], rec["class"]) != rec["class"]:
            errors.append(f"{path.name}:{ln}: lemma {rec['lemma']!r} in two classes")
        if rec["class"] in lemmas:
            lemmas[rec["class"]].add(rec["lemma"])
        pos_i = CUE_POS.index(rec["pos"]) if rec["pos"] in CUE_POS else len(CUE_POS)
        keys.append((rec["form"], pos_i))
    if keys != sorted(keys):
        bad = next(i for i in range(1, len(keys)) if keys[i - 1] > keys[i])
        errors.append(f"{path.name}: not sorted (form, then pos) near {keys[bad - 1]} / {keys[bad]}")
    for cls, need in CUE_MIN_LEMMAS.items():
        if len(lemmas[cls]) < need:
            errors.append(f"{path.name}: {len(lemmas[cls])} {cls} lemmas < {need}")
    return len(rows)


def noun_row(r):
    if r["gender"] not in ("", "m", "f"):
        yield f"gender {r['gender']!r}"
    if r["type"] not in NOUN_TYPES:
        yield f"type {r['type']!r}"
    if r["gender"] and r["type"] != "person":
        yield f"only a person noun has a gender: {r['noun']!r}"
    if not (r["noun"].islower() or r["noun"].isupper()):
        yield f"noun should be lower case (or an acronym): {r['noun']!r}"


def check_noun_forms(errors: list[str]) -> None:
    """No singular or plural of speaker_nouns.tsv is another row's form (after folding)."""
    path = GAZ / "speaker_nouns.tsv"
    header, rows = read(path, [])
    if "noun" not in header or "plural" not in header:
        return
    ni, pi = header.index("noun"), header.index("plural")
    owner: dict[str, int] = {}
    for ln, cells in rows:
        forms = {fold(cells[ni])} | {fold(p) for p in cells[pi].split("|") if p}
        for f in forms:
            if f in owner:
                errors.append(f"{path.name}:{ln}: {f!r} is also a form at line {owner[f]}")
            owner[f] = ln


def run_generator_check(module: str, errors: list[str]) -> None:
    """A generated list must be what its sources generate."""
    import subprocess  # noqa: PLC0415

    r = subprocess.run([sys.executable, str(ROOT / "scripts" / f"{module}.py"), "--check"],
                       capture_output=True, text=True)
    if r.returncode != 0:
        errors.extend(line for line in r.stderr.splitlines() if line.strip())


NAME_RE = re.compile(r"[A-Z][a-z]+(?:[-'][A-Za-z][a-z]+)*")


def hand_name_row(r):
    if not NAME_RE.fullmatch(r["name"]):
        yield f"bad name {r['name']!r}"
    if r["gender"] not in ("m", "f", "u"):
        yield f"gender {r['gender']!r}"


def rust_variants(rel: str, enum: str, errors: list[str]) -> list[str]:
    """The variants of `enum` in the Rust source `rel` (an error when there is none)."""
    variants = tsvlib.rust_enum(ROOT / rel, enum) if (ROOT / rel).exists() else None
    if not variants:
        errors.append(f"{rel}: no `enum {enum}` to check against")
        return []
    return variants


def variant(variants: list[str], cell: str) -> str | None:
    """The variant a data cell names (src/named.rs `same_name`: case, `_`, `-`, `.`, `/` and spaces
    ignored), or None."""
    return next((v for v in variants if tsvlib.same_name(v, cell)), None)


def check_lexicon(errors: list[str]) -> int:
    """lexicon.tsv: header `word class`; every class a variant of `enum Class` (src/lexicon.rs);
    no (word, class) twice."""
    path = GAZ / "lexicon.tsv"
    columns = ["word", "class"]
    header, rows = read(path, errors)
    if header != columns:
        errors.append(f"{path.name}: header {header} != {columns}")
        return 0
    classes = rust_variants("src/lexicon.rs", "Class", errors)
    seen: dict[tuple[str, str], int] = {}
    for ln, (word, cls) in rows:
        if not word:
            errors.append(f"{path.name}:{ln}: empty word")
        v = variant(classes, cls) if classes else cls
        if v is None:
            errors.append(f"{path.name}:{ln}: class {cls!r} is no variant of `enum Class` in src/lexicon.rs")
            continue
        if (word, v) in seen:
            errors.append(f"{path.name}:{ln}: {word!r} ({cls}) repeats line {seen[(word, v)]}")
        seen.setdefault((word, v), ln)
    return len(rows)


def check_party_tags(errors: list[str]) -> int:
    """party_tags.tsv: header `tag country group`; sorted by tag and country, each pair once; a
    tag is one word of letters and digits (one letter: also a `party_letter` of lexicon.tsv, or the
    segmenter never splits "D-N.Y."); country an ISO 3166-1 code; group empty or the id of a
    `party` row of groups.tsv."""
    path = GAZ / "party_tags.tsv"
    columns = ["tag", "country", "group"]
    header, rows = read(path, errors)
    if header != columns:
        errors.append(f"{path.name}: header {header} != {columns}")
        return 0
    _, lex = read(GAZ / "lexicon.tsv", errors)
    letters = {w for _, (w, c) in lex if c == "party_letter"}
    _, groups = read(GAZ / "groups.tsv", errors)
    parties = {cells[0] for _, cells in groups if len(cells) > 3 and cells[3] == "party"}
    keys = []
    for ln, (tag, country, group) in rows:
        if not tag or not all(ch.isalnum() for ch in tag):
            errors.append(f"{path.name}:{ln}: tag {tag!r} is not one word of letters and digits")
        if len(tag) == 1 and tag not in letters:
            errors.append(f"{path.name}:{ln}: one-letter tag {tag!r} is no party_letter of lexicon.tsv")
        if not re.fullmatch(r"[A-Z]{2}", country):
            errors.append(f"{path.name}:{ln}: country {country!r} is no ISO 3166-1 code")
        if group and group not in parties:
            errors.append(f"{path.name}:{ln}: group {group!r} is no party of groups.tsv")
        keys.append((tag, country))
    if len(set(keys)) != len(keys):
        errors.append(f"{path.name}: a tag is given twice for one country")
    if keys != sorted(keys):
        errors.append(f"{path.name}: not sorted by tag and country")
    return len(rows)


RULE_COLUMNS = ["id", "table", "confidence", "description", "pattern"]
# Tables whose rules are constructions with a pattern (src/ruleset.rs `Table`).
PATTERN_TABLES = ("Quote", "Reported")


def check_rules(errors: list[str], ids: list[str]) -> int:
    """rules.tsv: header; ids unique; table a variant of `enum Table` (src/ruleset.rs); confidence
    0 to 1; a description; a pattern only in the quote and reported tables, and a rule without
    one written in code (a variant of `enum RuleId`, when src/ruleset.rs has it). Fills `ids`."""
    path = GAZ / "rules.tsv"
    header, rows = read(path, errors)
    if header != RULE_COLUMNS:
        errors.append(f"{path.name}: header {header} != {RULE_COLUMNS}")
        return 0
    tables = rust_variants("src/ruleset.rs", "Table", errors)
    code_rules = tsvlib.rust_enum(ROOT / "src" / "ruleset.rs", "RuleId")
    seen: dict[str, int] = {}
    for ln, cells in rows:
        r = dict(zip(RULE_COLUMNS, cells))
        where = f"{path.name}:{ln}"
        rid = r["id"]
        if not re.fullmatch(r"[a-z]+/[a-z]+(?:-[a-z]+)*", rid):
            errors.append(f"{where}: id {rid!r} is not table/name-in-lower-case")
        if rid in seen:
            errors.append(f"{where}: id {rid!r} repeats line {seen[rid]}")
        seen.setdefault(rid, ln)
        ids.append(rid)
        table = variant(tables, r["table"]) if tables else r["table"]
        if table is None:
            errors.append(f"{where}: table {r['table']!r} is no variant of `enum Table` in src/ruleset.rs")
        try:
            conf = float(r["confidence"])
        except ValueError:
            conf = math.nan
        if not 0.0 <= conf <= 1.0:
            errors.append(f"{where}: confidence {r['confidence']!r} is not a number from 0 to 1")
        if not r["description"]:
            errors.append(f"{where}: empty description")
        if r["pattern"] and table is not None and table not in PATTERN_TABLES:
            errors.append(f"{where}: a pattern in table {r['table']!r}: only "
                          f"{' and '.join(t.lower() for t in PATTERN_TABLES)} rules have one")
        if not r["pattern"] and code_rules is not None and variant(code_rules, rid) is None:
            errors.append(f"{where}: {rid!r} has no pattern and is no `RuleId` in src/ruleset.rs")
    return len(rows)


def marks_error(example: str) -> str | None:
    """What is wrong with the `[[...]]` and `{{...}}` marks of an example, if anything."""
    open_ = {"[[": False, "{{": False}
    close = {"]]": "[[", "}}": "{{"}
    i = 0
    while i < len(example):
        two = example[i:i + 2]
        if two in open_:
            if open_[two]:
                return f"{two} inside {two}"
            open_[two] = True
            i += 2
        elif two in close:
            if not open_[close[two]]:
                return f"{two} closes no {close[two]}"
            open_[close[two]] = False
            i += 2
        else:
            i += 1
    unclosed = [m for m, o in open_.items() if o]
    return f"unclosed {' and '.join(unclosed)}" if unclosed else None


def check_rule_examples(errors: list[str], ids: list[str]) -> int:
    """rule_examples.tsv: every example names a rule of rules.tsv, its marks are balanced, and
    every rule has an example with a `[[` or `{{` mark."""
    path = GAZ / "rule_examples.tsv"
    columns = ["rule", "example"]
    header, rows = read(path, errors)
    if header != columns:
        errors.append(f"{path.name}: header {header} != {columns}")
        return 0
    known = set(ids)
    marked: set[str] = set()
    for ln, (rule, example) in rows:
        if rule not in known:
            errors.append(f"{path.name}:{ln}: rule {rule!r} is not in rules.tsv")
        if not example:
            errors.append(f"{path.name}:{ln}: empty example")
        bad = marks_error(example)
        if bad:
            errors.append(f"{path.name}:{ln}: {bad}: {example!r}")
        elif "[[" in example or "{{" in example:
            marked.add(rule)
    for rid in ids:
        if rid not in marked:
            errors.append(f"{path.name}: rule {rid!r} has no example with a [[ or {{{{ mark")
    return len(rows)


def check_fold(errors: list[str]) -> int:
    """fold.tsv parses as src/fold.rs parses it (and no char is listed twice)."""
    path = GAZ / "fold.tsv"
    _, rows = read(path, [])  # for the count; cells may end in a TAB-less empty `to`
    try:
        tsvlib.FoldTable.parse(path.name, path.read_text(encoding="utf-8"))
    except (tsvlib.TsvError, UnicodeDecodeError) as e:
        errors.append(str(e))
    return len(rows)


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
    def cues(e):
        n = check_cues(e)
        run_generator_check("gen_cues", e)
        return n

    def nouns(e):
        n = check_table(GAZ / "speaker_nouns.tsv", ["noun", "plural", "gender", "type"],
                        {"noun", "plural", "type"}, 400, noun_row, e)
        check_noun_forms(e)
        run_generator_check("gen_speaker_nouns", e)
        return n

    run("cues.tsv", cues)
    run("speaker_nouns.tsv", nouns)
    for path in sorted((ROOT / "scripts" / "data").glob("given_names_*.tsv")):
        run(f"data/{path.name}", lambda e, p=path: check_table(p, ["name", "gender"],
                                                                {"name", "gender"}, 10,
                                                                hand_name_row, e))
    rule_ids: list[str] = []
    run("lexicon.tsv", check_lexicon)
    run("rules.tsv", lambda e: check_rules(e, rule_ids))
    run("rule_examples.tsv", lambda e: check_rule_examples(e, rule_ids))
    run("fold.tsv", check_fold)
    run("party_tags.tsv", check_party_tags)
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
