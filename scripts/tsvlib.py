#!/usr/bin/env python3
"""The gazetteer TSV format and the matcher's folding, shared by every script in scripts/.

    import tsvlib                                   # the scripts run from scripts/, so it imports
    t = tsvlib.read(path, ["id", "name"], errors)   # header, rows with their line numbers
    for row in t.rows: row["name"], row.list("aliases"), row.line
    tsvlib.fold("Kata’ib  Hezbollah")               # "Kata'ib Hezbollah"
    tsvlib.key("Al-Sudani")                         # "al sudani"

TSV (gazetteers/README.md, "Format"): UTF-8 without BOM, LF line endings, lines starting with `#`
are comments, blank lines are skipped, the first other line is the header, cells are separated by
TABs, multi-valued cells are `|`-lists.

Folding: `fold` and `key` are src/fold.rs's `FoldTable::fold` and `FoldTable::key`, driven by the
same table, gazetteers/fold.tsv: the form is trimmed; a char the table maps becomes its
replacement or vanishes; a run of white space (and of vanishing chars inside it) becomes one space,
or "\\n" when it holds two or more newlines; `key` then lower-cases (ASCII lower-casing for an ASCII
string, full Unicode lower-casing otherwise). White space is Unicode White_Space, as Rust's
`char::is_whitespace` and `str::trim` have it (not Python's `str.isspace`). The crate's test
`fold::tests::python_folds_like_rust` runs this file's command line on a table of tricky forms
and compares every key with Rust's.

Command line (stdlib only):

    python3 scripts/tsvlib.py keys [--json] < forms    # one key a line (JSON strings with --json)
    python3 scripts/tsvlib.py fold [--json] < forms    # one folded form a line
    python3 scripts/tsvlib.py check FILE...            # parse TSVs (fold.tsv as a fold table)

Without --json every input line is one form (so a form cannot hold a newline); with --json every
line is a JSON string, and every output line too.
"""
from __future__ import annotations

import bisect
import functools
import json
import re
import sys
from pathlib import Path
from typing import Iterable, Sequence

ROOT = Path(__file__).resolve().parent.parent
GAZ = ROOT / "gazetteers"
FOLD_TSV = GAZ / "fold.tsv"
LEXICON_TSV = GAZ / "lexicon.tsv"

# Unicode White_Space: what Rust's char::is_whitespace and str::trim use. Python's str.isspace
# differs (it takes U+001C..U+001F too).
WHITE_SPACE = "\t\n\x0b\x0c\r \x85\xa0\u1680" + "".join(map(chr, range(0x2000, 0x200B))) + \
    "\u2028\u2029\u202f\u205f\u3000"
_WS_SET = frozenset(WHITE_SPACE)
_WS_RUN = re.compile("[" + re.escape(WHITE_SPACE) + "]+")


def trim(s: str) -> str:
    """Rust's `str::trim`: strips Unicode White_Space at both ends."""
    return s.strip(WHITE_SPACE)


def ascii_lower(s: str) -> str:
    """Rust's `str::to_ascii_lowercase`: only A-Z change."""
    return s.encode("utf-8", "surrogatepass").lower().decode("utf-8", "surrogatepass")


def lower(folded: str) -> str:
    """src/fold.rs `lower`: ASCII lower-casing for an ASCII string, full Unicode lower-casing
    (with the final-sigma rule, like Rust's `str::to_lowercase`) otherwise."""
    return folded.lower()  # str.lower is both; for ASCII it only changes A-Z


# ----------------------------------------------------------------------------------------------
# errors


class TsvError(ValueError):
    """A problem with a list, at `where` ("path:line" or "path")."""

    def __init__(self, where: str, msg: str):
        super().__init__(f"{where}: {msg}")
        self.where = where
        self.msg = msg


def _report(errors: list[str] | None, where: str, msg: str) -> None:
    if errors is None:
        raise TsvError(where, msg)
    errors.append(f"{where}: {msg}")


# ----------------------------------------------------------------------------------------------
# the fold table


class FoldTable:
    """gazetteers/fold.tsv parsed: what each char becomes (src/fold.rs `FoldTable`)."""

    def __init__(self) -> None:
        self.drop: dict[int, None] = {}      # chars that vanish (for str.translate)
        self.replace: dict[int, str] = {}    # chars that become a string
        # Ranges too large to list one char at a time: sorted (lo, hi, replacement or None).
        self.ranges: list[tuple[int, int, str | None]] = []
        self._range_lo: list[int] = []

    @classmethod
    def parse(cls, source: str, text: str) -> "FoldTable":
        """Parses a table in the format of gazetteers/fold.tsv, as `FoldTable::parse` does.
        Raises TsvError naming the line. Unlike the Rust parser it also refuses a char listed
        twice (Rust lets the later row win below U+2100 and is undefined above)."""
        t = cls()
        header = False
        seen: list[tuple[int, int, int]] = []  # (lo, hi, line)
        for i, raw in enumerate(text.split("\n")):
            line = i + 1
            l = raw[:-1] if raw.endswith("\r") else raw
            if not trim(l) or l.startswith("#"):
                continue
            if not header:
                header = True
                continue
            if "\t" not in l:
                raise TsvError(f"{source}:{line}", "2 cells expected (char, to)")
            frm, to = l.split("\t", 1)
            bad = TsvError(f"{source}:{line}", f"`{frm}` is no char, U+XXXX or U+XXXX..U+YYYY")
            if ".." in frm:
                a, b = frm.split("..", 1)
                lo, hi = _code_point(a), _code_point(b)
            else:
                lo = hi = _code_point(frm)
            if lo is None or hi is None:
                raise bad
            if to == "":
                out: str | None = None
            elif to.startswith("U+"):
                c = _code_point(to)
                if c is None:
                    raise TsvError(f"{source}:{line}", f"`{to}` is no U+XXXX code point")
                out = chr(c)
            else:
                out = to
            if lo > hi:
                raise bad
            for a, b, l0 in seen:
                if lo <= b and a <= hi:
                    raise TsvError(f"{source}:{line}", f"`{frm}` overlaps the row at line {l0}")
            seen.append((lo, hi, line))
            t._add(lo, hi, out)
        if not header:
            raise TsvError(f"{source}:0", "no header row")
        return t

    def _add(self, lo: int, hi: int, out: str | None) -> None:
        if hi - lo >= 4096:
            k = bisect.bisect(self._range_lo, lo)
            self._range_lo.insert(k, lo)
            self.ranges.insert(k, (lo, hi, out))
            return
        for c in range(lo, hi + 1):
            if out is None:
                self.drop[c] = None
            else:
                self.replace[c] = out
        # White space is never folded by the table (Rust tests it first).
        for c in range(lo, hi + 1):
            if chr(c) in _WS_SET:
                self.drop.pop(c, None)
                self.replace.pop(c, None)

    def out(self, c: str) -> str | None | bool:
        """What `c` becomes: a string, None (it vanishes) or False (it stays)."""
        u = ord(c)
        if u in self.drop:
            return None
        if u in self.replace:
            return self.replace[u]
        k = bisect.bisect_right(self._range_lo, u) - 1
        if k >= 0 and self.ranges[k][0] <= u <= self.ranges[k][1] and c not in _WS_SET:
            return self.ranges[k][2]
        return False

    def drops(self, c: str) -> bool:
        """Whether `c` vanishes from folded text."""
        return self.out(c) is None

    def folded(self, text: str) -> str:
        """src/fold.rs `Folded::new(text).text`: the folded text, untrimmed."""
        if self.ranges:
            return self._folded_slow(text)
        # Vanishing chars go first (so white space they separated is one run), then the runs of
        # white space, then the replacements (a replacement space is not part of a run).
        s = text.translate(self.drop)
        s = _WS_RUN.sub(_run, s)
        return s.translate(self.replace)

    def _folded_slow(self, text: str) -> str:
        out: list[str] = []
        i, n = 0, len(text)
        while i < n:
            c = text[i]
            i += 1
            if c in _WS_SET:
                newlines = c == "\n"
                while i < n:
                    c2 = text[i]
                    if c2 in _WS_SET:
                        newlines += c2 == "\n"
                    elif not self.drops(c2):
                        break
                    i += 1
                out.append("\n" if newlines >= 2 else " ")
                continue
            o = self.out(c)
            if o is False:
                out.append(c)
            elif o is not None:
                out.append(o)
        return "".join(out)

    def fold(self, s: str) -> str:
        """`FoldTable::fold`: a list form folded the way text is folded."""
        return self.folded(trim(s))

    def key(self, s: str) -> str:
        """`FoldTable::key`: folded, then lower-cased."""
        return lower(self.fold(s))


def _run(m: re.Match) -> str:
    return "\n" if m.group().count("\n") >= 2 else " "


_HEX = re.compile(r"\+?[0-9A-Fa-f]+")


def _code_point(cell: str) -> int | None:
    """A char cell: the char itself or U+XXXX (src/fold.rs `code_point`)."""
    if cell.startswith("U+"):
        h = cell[2:]
        if not _HEX.fullmatch(h):
            return None
        u = int(h, 16)
        if u > 0x10FFFF or 0xD800 <= u <= 0xDFFF:
            return None
        return u
    return ord(cell) if len(cell) == 1 else None


@functools.lru_cache(maxsize=None)
def table() -> FoldTable:
    """The table of gazetteers/fold.tsv (the one embedded in the crate)."""
    return FoldTable.parse("gazetteers/fold.tsv", FOLD_TSV.read_text(encoding="utf-8"))


@functools.lru_cache(maxsize=1 << 17)
def fold(s: str) -> str:
    """A list form folded as the matcher folds it (case kept): src/fold.rs `FoldTable::fold`."""
    return table().fold(s)


@functools.lru_cache(maxsize=1 << 17)
def key(s: str) -> str:
    """The lookup key of a form: folded and lower-cased, src/fold.rs `FoldTable::key`."""
    return lower(fold(s))


# ----------------------------------------------------------------------------------------------
# names written in data (src/named.rs) and the lexicon


def same_name(variant: str, data: str) -> bool:
    """src/named.rs `same_name`: a name written in data (`obj_to`, `person/given-name`) names a
    variant (`ObjTo`, `PersonGivenName`) when equal without ASCII case and `_ - . /` and spaces."""
    def squash(s: str) -> str:
        return ascii_lower("".join(c for c in s if c not in "_-./ "))
    return squash(variant) == squash(data)


def rust_enum(path: Path, name: str) -> list[str] | None:
    """The variants of `enum <name>` in a Rust source file (comments and attributes skipped), or
    None when the file has no such enum."""
    src = path.read_text(encoding="utf-8")
    src = re.sub(r"//[^\n]*", "", src)
    src = re.sub(r"/\*.*?\*/", "", src, flags=re.S)
    m = re.search(r"\benum\s+" + re.escape(name) + r"\s*\{", src)
    if not m:
        return None
    body, depth, i = [], 1, m.end()
    while i < len(src) and depth:
        c = src[i]
        depth += {"{": 1, "}": -1}.get(c, 0)
        if depth:
            body.append(c)
        i += 1
    text = re.sub(r"#\[[^\]]*\]", "", "".join(body))
    out = []
    for part in text.split(","):
        part = part.strip()
        if not part:
            continue
        # `Name`, `Name = 3`, `Name(T)`, `Name { .. }`: the identifier comes first.
        m2 = re.match(r"[A-Za-z_][A-Za-z0-9_]*", part)
        if m2:
            out.append(m2.group())
    return out


@functools.lru_cache(maxsize=None)
def definite_words() -> frozenset[str]:
    """The keys of the lexicon's `definite` words ("the"): what `strip_article` strips."""
    t = read(LEXICON_TSV, ["word", "class"])
    return frozenset(key(r["word"]) for r in t.rows if same_name("Definite", r["class"]))


def strip_article(form: str) -> str:
    """src/gazetteer.rs `strip_article`: the loader matches "The Times of Israel" as "Times of
    Israel" (a first word of under 8 bytes whose lower case is a `definite` lexicon word)."""
    first, sep, rest = form.partition(" ")
    if sep and len(first.encode("utf-8")) < 8 and ascii_lower(first) in definite_words():
        return rest
    return form


def entity_key(form: str) -> str:
    """The key the loader gives a surface form of an entity list (leading article stripped)."""
    return key(strip_article(form))


# ----------------------------------------------------------------------------------------------
# TSV


def split_multi(cell: str) -> list[str]:
    """The values of a `|`-list cell ("" is none). Empty values are kept, for checks to see."""
    return cell.split("|") if cell else []


class Row:
    """One data row: its 1-based line, its cells and access by column name."""

    __slots__ = ("line", "cells", "_cols")

    def __init__(self, line: int, cells: list[str], cols: dict[str, int]):
        self.line = line
        self.cells = cells
        self._cols = cols

    def __getitem__(self, col: str) -> str:
        return self.cells[self._cols[col]]

    def __setitem__(self, col: str, value: str) -> None:
        self.cells[self._cols[col]] = value

    def __contains__(self, col: str) -> bool:
        return col in self._cols

    def get(self, col: str, default: str = "") -> str:
        i = self._cols.get(col)
        return self.cells[i] if i is not None and i < len(self.cells) else default

    def list(self, col: str) -> list[str]:
        """The `|`-list in column `col` (absent column: none)."""
        return split_multi(self.get(col))

    def dict(self) -> dict[str, str]:
        return {c: self.cells[i] for c, i in self._cols.items()}

    def __repr__(self) -> str:
        return f"Row({self.line}, {self.cells!r})"


class Tsv:
    """A parsed list: where it came from, its header and rows, and its lines (for rewriting a
    file in place, keeping comments and order)."""

    def __init__(self, path: Path | None, label: str, lines: list[str]):
        self.path = path
        self.label = label
        self.lines = lines
        self.header: list[str] = []
        self.rows: list[Row] = []
        self.cols: dict[str, int] = {}

    def where(self, row: Row | int) -> str:
        """"label:line" for messages."""
        return f"{self.label}:{row.line if isinstance(row, Row) else row}"

    def update(self, row: Row) -> None:
        """Writes a changed row back into `lines`."""
        self.lines[row.line - 1] = "\t".join(row.cells)

    def text(self) -> str:
        return "\n".join(self.lines)

    def save(self) -> None:
        """Writes `lines` back to the file (LF line endings)."""
        assert self.path is not None
        with open(self.path, "w", encoding="utf-8", newline="\n") as fh:
            fh.write(self.text())


def label_of(path: Path | str) -> str:
    """A path as messages name it: relative to the repository root when inside it."""
    p = Path(path).resolve()
    try:
        return str(p.relative_to(ROOT))
    except ValueError:
        return str(path)


def read(path: Path | str, columns: Sequence[str] | None = None, errors: list[str] | None = None,
         *, any_order: bool = False, spaces: bool = False, label: str | None = None,
         text: str | None = None) -> Tsv:
    """Reads a list in the gazetteer format.

    columns: the expected header (any order with any_order=True); a different header is an
    error and gives no rows. spaces=True: a cell with spaces around it or a double space is an
    error. Problems (not UTF-8, BOM, CR, NUL, no header, wrong cell count) are appended to
    `errors` as "label:line: message", or raised as TsvError when `errors` is None. A row with
    the wrong cell count is left out. `text` parses the given text instead of reading `path`.
    """
    lbl = label or label_of(path)
    if text is None:
        raw = Path(path).read_bytes()
        try:
            text = raw.decode("utf-8")
        except UnicodeDecodeError as e:
            line = raw[:e.start].count(b"\n") + 1
            _report(errors, f"{lbl}:{line}", f"invalid UTF-8 at byte {e.start}")
            return Tsv(Path(path), lbl, [])
    t = Tsv(Path(path) if path is not None else None, lbl, text.split("\n"))
    if text.startswith("\ufeff"):
        _report(errors, f"{lbl}:1", "starts with a byte order mark (BOM); save it as UTF-8 without BOM")
    if "\r" in text:
        _report(errors, lbl, "CR characters (use LF line endings)")
    header: list[str] | None = None
    for i, raw_line in enumerate(t.lines):
        ln = i + 1
        line = raw_line[:-1] if raw_line.endswith("\r") else raw_line
        if i == 0:
            line = line.removeprefix("\ufeff")
        if not trim(line) or line.startswith("#"):
            continue
        if "\0" in line:
            _report(errors, f"{lbl}:{ln}", "NUL byte")
            continue
        cells = line.split("\t")
        if header is None:
            header = cells
            t.header = header
            t.cols = {c: j for j, c in enumerate(header)}
            if columns is not None:
                want = list(columns)
                if (sorted(header) != sorted(want)) if any_order else (header != want):
                    _report(errors, f"{lbl}:{ln}", f"header {header} != {want}")
                    return t
            continue
        if len(cells) != len(header):
            _report(errors, f"{lbl}:{ln}", f"{len(cells)} cells, header has {len(header)}: {line!r}")
            continue
        if spaces:
            for c in cells:
                if c != c.strip() or "  " in c:
                    _report(errors, f"{lbl}:{ln}", f"stray spaces in {c!r}")
        t.rows.append(Row(ln, cells, t.cols))
    if header is None:
        _report(errors, lbl, "no header row")
    return t


def render(header: Sequence[str], rows: Iterable[Sequence[str]], comments: Iterable[str] = ()) -> str:
    """A list's text: the comment lines (each written as given, starting with "#"), the header,
    the rows; LF line endings and a final newline. A cell holding a TAB or a newline is an
    error."""
    out = []
    for c in comments:
        if not c.startswith("#") or "\n" in c:
            raise ValueError(f"not a comment line: {c!r}")
        out.append(c)
    for r in [header, *rows]:
        for cell in r:
            if "\t" in cell or "\n" in cell or "\r" in cell:
                raise ValueError(f"a cell holds a TAB or a line break: {cell!r}")
        out.append("\t".join(r))
    return "\n".join(out) + "\n"


def write(path: Path | str, header: Sequence[str], rows: Iterable[Sequence[str]],
          comments: Iterable[str] = ()) -> str:
    """Writes a list (see `render`) and returns its text."""
    text = render(header, rows, comments)
    with open(path, "w", encoding="utf-8", newline="\n") as fh:
        fh.write(text)
    return text


# ----------------------------------------------------------------------------------------------
# command line


def main(argv: list[str]) -> int:
    if not argv or argv[0] in ("-h", "--help"):
        print(__doc__)
        return 0 if argv else 2
    cmd, args = argv[0], argv[1:]
    if cmd in ("keys", "fold"):
        as_json = "--json" in args
        f = key if cmd == "keys" else fold
        data = sys.stdin.buffer.read().decode("utf-8")
        if as_json:
            forms = [json.loads(l) for l in data.split("\n") if l.strip()]
        else:
            forms = data.split("\n")
            if forms and forms[-1] == "":
                forms.pop()
        out = sys.stdout.buffer
        for s in forms:
            r = f(s)
            out.write(((json.dumps(r, ensure_ascii=False) if as_json else r) + "\n").encode("utf-8"))
        return 0
    if cmd == "check":
        bad = 0
        for p in args:
            try:
                if Path(p).name == "fold.tsv":
                    FoldTable.parse(label_of(p), Path(p).read_text(encoding="utf-8"))
                    print(f"ok   {p}")
                    continue
                errs: list[str] = []
                t = read(p, errors=errs)
                for e in errs:
                    print(f"     {e}")
                print(f"{'ok  ' if not errs else 'FAIL'} {p}: {len(t.rows)} rows")
                bad += bool(errs)
            except (TsvError, OSError, UnicodeDecodeError) as e:
                print(f"FAIL {p}: {e}")
                bad += 1
        return 1 if bad else 0
    print(f"unknown command {cmd!r} (keys, fold, check)", file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
