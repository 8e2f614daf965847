#!/usr/bin/env python3
"""Tests of scripts/tsvlib.py (stdlib unittest; build_gazetteers.sh runs them).

    python3 scripts/test_tsvlib.py

The crate's test `fold::tests::python_folds_like_rust` checks the other half: that tsvlib keys a
table of tricky forms exactly as src/fold.rs does.
"""
from __future__ import annotations

import json
import subprocess
import sys
import tempfile
import unittest
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import tsvlib  # noqa: E402

SCRIPT = Path(__file__).resolve().parent / "tsvlib.py"


class Keys(unittest.TestCase):
    def test_keys(self):
        # (form, key), one row per case; what gazetteers/fold.tsv says each becomes.
        table = [
            ("Al-Sudani", "al sudani"),
            ("ZANU\u2013PF", "zanu pf"),                    # en dash: a space
            ("Rome\u2014Paris", "rome\u2014paris"),         # em dash: not in the table
            ("a - b", "a   b"),                            # a hyphen's space is not a run
            ("  Kata\u2019ib  Hezbollah ", "kata'ib hezbollah"),
            ("Hawai\u02bbi", "hawai'i"),
            ("O\u00b4Neill", "o'neill"),
            ("Erdo\u011fan", "erdogan"),
            ("\u1e62an\u2018\u0101\u2019", "san'a'"),
            ("\u015eahin", "sahin"),
            ("\u0141\u00f3d\u017a", "lodz"),
            ("\u00d8rsted", "orsted"),
            ("\u00de\u00f3r", "thor"),
            ("Stra\u00dfe", "strasse"),
            ("Cre\u0300me", "creme"),                      # a combining mark vanishes
            ("So\u00addani", "sodani"),                    # soft hyphen
            ("\u200dIraq\u200c", "iraq"),
            ("a \u200b b", "a b"),                         # a vanishing char inside a run
            ("Paris\u00a0Saint-Germain", "paris saint germain"),
            ("\u3000Tokyo\u3000", "tokyo"),
            ("\x1cx\x1f", "\x1cx\x1f"),                    # no White_Space (str.isspace says yes)
            ("\u0130stanbul", "istanbul"),
            ("\u039f\u0394\u03a5\u03a3\u03a3\u0395\u0391\u03a3", "\u03bf\u03b4\u03c5\u03c3\u03c3\u03b5\u03b1\u03c2"),
            ("", ""),
            ("\u00a0\u2003", ""),
        ]
        for form, want in table:
            with self.subTest(form=form):
                self.assertEqual(tsvlib.key(form), want)

    def test_fold_keeps_case_and_paragraphs(self):
        table = [
            ("Iraq\n\nSyria\nLebanon", "Iraq\nSyria Lebanon"),
            ("a\r\n\r\nb", "a\nb"),
            ("a\n\u00ad\nb", "a\nb"),
            ("McDONALD", "McDONALD"),
        ]
        for form, want in table:
            with self.subTest(form=form):
                self.assertEqual(tsvlib.fold(form), want)

    def test_entity_key_strips_the_article(self):
        table = [
            ("The Times of Israel", "times of israel"),
            ("THE HAGUE GROUP", "hague group"),
            ("Theresa May", "theresa may"),
            ("The", "the"),
        ]
        for form, want in table:
            with self.subTest(form=form):
                self.assertEqual(tsvlib.entity_key(form), want)


class FoldTableParse(unittest.TestCase):
    def test_bad_rows_name_their_line(self):
        table = [
            ("char\tto\nU+ZZZZ\ta\n", 2),
            ("char\tto\nab\n", 2),
            ("char\tto\n\n# c\nab\tc\n", 4),
            ("char\tto\nU+D800\ta\n", 2),          # a surrogate is no char
            ("char\tto\nU+0062..U+0061\ta\n", 2),  # a range backwards
            ("char\tto\nU+0041\tU+ZZ\n", 2),
            ("char\tto\na\tb\nU+0061\tc\n", 3),      # listed twice
        ]
        for text, line in table:
            with self.subTest(text=text):
                with self.assertRaises(tsvlib.TsvError) as e:
                    tsvlib.FoldTable.parse("f.tsv", text)
                self.assertEqual(e.exception.where, f"f.tsv:{line}")

    def test_no_header(self):
        with self.assertRaises(tsvlib.TsvError):
            tsvlib.FoldTable.parse("f.tsv", "# only a comment\n")

    def test_rows(self):
        t = tsvlib.FoldTable.parse("f.tsv", "char\tto\nx\tks\nU+0079\t\nU+0030..U+0039\t#\n \tX\n")
        self.assertEqual(t.fold(" xyz 2024 "), "ksz ####")
        self.assertTrue(t.drops("y"))
        self.assertEqual(t.fold("a  b"), "a b")  # a listed space is still white space

    def test_big_range(self):
        t = tsvlib.FoldTable.parse("f.tsv", "char\tto\nU+E000..U+F8FF\t\nU+10000..U+1FFFF\t?\n")
        self.assertEqual(t.fold("a\ue123b \U0001f600"), "ab ?")
        self.assertEqual(t.fold("a \ue000 b"), "a b")


class Tsv(unittest.TestCase):
    def test_read(self):
        text = "# comment\n\nid\tname\taliases\nx/1\tOne\tUno|Eins\n\n# more\nx/2\tTwo\t\n"
        t = tsvlib.read(None, ["id", "name", "aliases"], text=text, label="l.tsv")
        self.assertEqual(t.header, ["id", "name", "aliases"])
        self.assertEqual([r.line for r in t.rows], [4, 7])
        self.assertEqual(t.rows[0]["name"], "One")
        self.assertEqual(t.rows[0].list("aliases"), ["Uno", "Eins"])
        self.assertEqual(t.rows[1].list("aliases"), [])
        self.assertEqual(t.rows[1].list("absent"), [])
        self.assertEqual(t.where(t.rows[1]), "l.tsv:7")

    def test_problems(self):
        # (text, columns, any_order, spaces, the first message)
        table = [
            ("a\tb\n1\n", None, False, False, "l.tsv:2: 1 cells, header has 2: '1'"),
            ("a\tb\n", ["b", "a"], False, False, "l.tsv:1: header ['a', 'b'] != ['b', 'a']"),
            ("a\tb\r\n1\t2\r\n", None, False, False, "l.tsv: CR characters (use LF line endings)"),
            ("\ufeffa\tb\n", None, False, False, "l.tsv:1: starts with a byte order mark (BOM); "
                                                 "save it as UTF-8 without BOM"),
            ("a\tb\n1 \t2\n", None, False, True, "l.tsv:2: stray spaces in '1 '"),
            ("a\tb\n1\tx  y\n", None, False, True, "l.tsv:2: stray spaces in 'x  y'"),
            ("# nothing\n", None, False, False, "l.tsv: no header row"),
        ]
        for text, cols, any_order, spaces, want in table:
            with self.subTest(text=text):
                errors: list[str] = []
                tsvlib.read(None, cols, errors, any_order=any_order, spaces=spaces, text=text, label="l.tsv")
                self.assertEqual(errors[:1], [want])
                with self.assertRaises(tsvlib.TsvError):
                    tsvlib.read(None, cols, any_order=any_order, spaces=spaces, text=text, label="l.tsv")

    def test_any_order(self):
        errors: list[str] = []
        t = tsvlib.read(None, ["b", "a"], errors, any_order=True, text="a\tb\n1\t2\n", label="l.tsv")
        self.assertEqual(errors, [])
        self.assertEqual(t.rows[0]["b"], "2")

    def test_not_utf8(self):
        with tempfile.TemporaryDirectory() as d:
            p = Path(d) / "x.tsv"
            p.write_bytes(b"a\tb\n1\t\xff\n")
            errors: list[str] = []
            tsvlib.read(p, None, errors, label="x.tsv")
            self.assertEqual(errors, ["x.tsv:2: invalid UTF-8 at byte 6"])

    def test_write_read_back_and_rewrite(self):
        with tempfile.TemporaryDirectory() as d:
            p = Path(d) / "x.tsv"
            text = tsvlib.write(p, ["id", "name"], [["x/1", "One"], ["x/2", "Two"]], ["# made here"])
            self.assertEqual(text, "# made here\nid\tname\nx/1\tOne\nx/2\tTwo\n")
            t = tsvlib.read(p)
            t.rows[1]["name"] = "Deux"
            t.update(t.rows[1])
            t.save()
            self.assertEqual(p.read_text(encoding="utf-8"), "# made here\nid\tname\nx/1\tOne\nx/2\tDeux\n")

    def test_render_refuses_bad_cells(self):
        for rows in ([["a\tb"]], [["a\nb"]]):
            with self.subTest(rows=rows), self.assertRaises(ValueError):
                tsvlib.render(["x"], rows)
        with self.assertRaises(ValueError):
            tsvlib.render(["x"], [], ["not a comment"])


class Names(unittest.TestCase):
    def test_same_name(self):
        table = [
            ("ObjTo", "obj_to", True),
            ("PersonGivenName", "person/given-name", True),
            ("Month", "MONTH", True),
            ("Month", "months", False),
            ("NotName", "not name", True),
        ]
        for v, data, want in table:
            with self.subTest(v=v, data=data):
                self.assertEqual(tsvlib.same_name(v, data), want)

    def test_rust_enum(self):
        src = """
        // enum Decoy { No }
        named! {
            /// Doc, with a comma, and { braces }.
            #[derive(Clone, Copy)]
            pub(crate) enum Class {
                /// Month names.
                Month,
                #[allow(dead_code)]
                NotName, /* a, b */
                Tuple(u8),
                Weekday = 7,
            }
        }
        """
        with tempfile.TemporaryDirectory() as d:
            p = Path(d) / "x.rs"
            p.write_text(src, encoding="utf-8")
            self.assertEqual(tsvlib.rust_enum(p, "Class"), ["Month", "NotName", "Tuple", "Weekday"])
            self.assertIsNone(tsvlib.rust_enum(p, "Decoy"))


class CommandLine(unittest.TestCase):
    def run_cli(self, args: list[str], data: str) -> str:
        r = subprocess.run([sys.executable, str(SCRIPT), *args], input=data.encode("utf-8"),
                           capture_output=True, check=True)
        return r.stdout.decode("utf-8")

    def test_keys(self):
        self.assertEqual(self.run_cli(["keys"], "Al-Sudani\n\nERDO\u011eAN\n"), "al sudani\n\nerdogan\n")

    def test_json(self):
        forms = ["Iraq\n\nSyria", "", "Kata\u2019ib"]
        out = self.run_cli(["fold", "--json"], "".join(json.dumps(f) + "\n" for f in forms))
        self.assertEqual([json.loads(l) for l in out.splitlines()], ["Iraq\nSyria", "", "Kata'ib"])


if __name__ == "__main__":
    unittest.main()
