//! Internal normalisation for matching, with a map back to the original text.
//!
//! The matcher never sees the caller's text as is: apostrophes, hyphens,
//! diacritics and invisible characters are folded as `gazetteers/fold.tsv`
//! says, and runs of white space become one space (a blank line stays a
//! paragraph break). [`Folded`] keeps, run by run, where each folded byte came
//! from, so every match maps back to exact byte offsets on char boundaries of
//! the original. The list scripts fold with the same table
//! (`scripts/tsvlib.py`), so a list form and the text it should match always
//! fold alike.

use crate::span::Blocks;
use crate::Error;

/// What one char becomes: itself, nothing, or a replacement string.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Out {
    Same,
    Drop,
    Str(u16),
}

/// The chars below this have a slot in the dense table.
const DENSE: u32 = 0x2100;

/// The folding table, read from `gazetteers/fold.tsv`.
#[derive(Clone, Debug)]
pub(crate) struct FoldTable {
    dense: Vec<Out>,
    /// Chars at or above `DENSE`: sorted, non-overlapping ranges.
    ranges: Vec<(u32, u32, Out)>,
    reps: Vec<String>,
    /// ASCII bytes copied as they are (not white space, not folded).
    plain: [bool; 128],
}

/// Reads a char cell: the char itself or `U+XXXX`.
fn code_point(cell: &str) -> Option<char> {
    match cell.strip_prefix("U+") {
        Some(hex) => u32::from_str_radix(hex, 16).ok().and_then(char::from_u32),
        None => {
            let mut cs = cell.chars();
            let c = cs.next()?;
            cs.next().is_none().then_some(c)
        }
    }
}

impl FoldTable {
    /// The table embedded in the crate.
    pub(crate) fn embedded() -> Result<FoldTable, Error> {
        FoldTable::parse("gazetteers/fold.tsv", include_str!("../gazetteers/fold.tsv"))
    }

    /// Parses a table in the format of `gazetteers/fold.tsv`.
    pub(crate) fn parse(source: &str, text: &str) -> Result<FoldTable, Error> {
        let mut t = FoldTable {
            dense: vec![Out::Same; DENSE as usize],
            ranges: Vec::new(),
            reps: Vec::new(),
            plain: [false; 128],
        };
        let mut header = false;
        for (i, raw) in text.split('\n').enumerate() {
            let line = i + 1;
            let l = raw.strip_suffix('\r').unwrap_or(raw);
            if l.trim().is_empty() || l.starts_with('#') {
                continue;
            }
            if !header {
                header = true;
                continue;
            }
            let (from, to) =
                l.split_once('\t').ok_or_else(|| Error::data(source, line, "2 cells expected (char, to)"))?;
            let bad = || Error::data(source, line, format!("`{}` is no char, U+XXXX or U+XXXX..U+YYYY", from));
            let (lo, hi) = match from.split_once("..") {
                Some((a, b)) => (code_point(a).ok_or_else(bad)?, code_point(b).ok_or_else(bad)?),
                None => {
                    let c = code_point(from).ok_or_else(bad)?;
                    (c, c)
                }
            };
            let out = match to {
                "" => Out::Drop,
                _ => {
                    let rep = match to.strip_prefix("U+") {
                        Some(_) => code_point(to)
                            .map(String::from)
                            .ok_or_else(|| Error::data(source, line, format!("`{}` is no U+XXXX code point", to)))?,
                        None => to.to_string(),
                    };
                    // Folding never lengthens a text (so that folded
                    // offsets fit where the text's do, in 32 bits).
                    if rep.len() > lo.len_utf8() {
                        return Err(Error::data(
                            source,
                            line,
                            format!("`{}` folds to `{}`, which is longer: folding never lengthens a text", from, to),
                        ));
                    }
                    t.reps.push(rep);
                    Out::Str((t.reps.len() - 1) as u16)
                }
            };
            if lo > hi {
                return Err(bad());
            }
            for c in lo as u32..=hi as u32 {
                if c < DENSE {
                    t.dense[c as usize] = out;
                }
            }
            if hi as u32 >= DENSE {
                t.ranges.push(((lo as u32).max(DENSE), hi as u32, out));
            }
        }
        if !header {
            return Err(Error::data(source, 0, "no header row"));
        }
        t.ranges.sort_by_key(|r| r.0);
        for b in 0..128u8 {
            t.plain[b as usize] = t.dense[b as usize] == Out::Same && !b.is_ascii_whitespace() && b != 0x0B;
        }
        Ok(t)
    }

    #[inline]
    fn out(&self, c: char) -> Out {
        let u = c as u32;
        if u < DENSE {
            return self.dense[u as usize];
        }
        let i = self.ranges.partition_point(|r| r.1 < u);
        match self.ranges.get(i) {
            Some(&(lo, _, out)) if lo <= u => out,
            _ => Out::Same,
        }
    }

    /// Whether `c` vanishes from folded text.
    pub(crate) fn drops(&self, c: char) -> bool {
        self.out(c) == Out::Drop
    }

    /// Folds a surface form from a list the same way text is folded.
    pub(crate) fn fold(&self, s: &str) -> String {
        let mut out = String::new();
        self.fold_into(s, &mut out);
        out
    }

    /// Appends the folded form of `s` to `out` (a plain ASCII name without
    /// allocating).
    pub(crate) fn fold_into(&self, s: &str, out: &mut String) {
        let s = s.trim();
        // Most list entries are plain ASCII words: nothing to fold.
        if s.bytes().all(|b| b.is_ascii() && (self.plain[b as usize] || b == b' ')) && !s.contains("  ") {
            out.push_str(s);
        } else {
            fold_with(s, self, out);
        }
    }

    /// Appends the lookup key of `s` to `out` (a plain ASCII word without
    /// allocating).
    pub(crate) fn key_into(&self, s: &str, out: &mut String) {
        if s.bytes().all(|b| b.is_ascii() && self.plain[b as usize]) {
            let start = out.len();
            out.push_str(s);
            out[start..].make_ascii_lowercase();
        } else {
            out.push_str(&self.key(s));
        }
    }

    /// Whether `s` is its own lookup key: plain ASCII with no capital
    /// ("minister", not "Minister" or "ministère").
    #[inline]
    pub(crate) fn is_own_key(&self, s: &str) -> bool {
        s.bytes().all(|b| b.is_ascii() && self.plain[b as usize] && !b.is_ascii_uppercase())
    }

    /// The lookup key of a name: folded and lower-cased.
    pub(crate) fn key(&self, s: &str) -> String {
        lower(self.fold(s))
    }
}

/// Lower-cases a folded string.
pub(crate) fn lower(folded: String) -> String {
    if folded.is_ascii() {
        let mut f = folded;
        f.make_ascii_lowercase();
        f
    } else {
        folded.to_lowercase()
    }
}

/// A folded copy of a text and the map back to the original offsets.
#[derive(Debug, Default)]
pub(crate) struct Folded {
    pub(crate) text: String,
    runs: Vec<Run>,
    /// The runs by block of the folded text: a long text with many marks
    /// to fold (curly quotes) has many runs, and a search of all of them
    /// per hit missed the cache.
    blocks: Blocks,
    orig_len: usize,
}

/// A stretch of folded bytes with one origin: either mapped byte for byte
/// to the original (`olen == 0`: copied, or one byte folded to one, as "-"
/// to " ") or produced from one original char of `olen` bytes. In 12 bytes:
/// a text is read up to 4 GiB (`segment::MAX_TEXT`), and folding never
/// lengthens it (a text of dashes "–" has a run for each).
#[derive(Debug, Clone, Copy)]
struct Run {
    f: u32,
    o: u32,
    olen: u32,
}

impl Run {
    fn new(f: usize, o: usize, olen: usize) -> Run {
        let n = |x: usize| u32::try_from(x).unwrap_or(u32::MAX);
        Run { f: n(f), o: n(o), olen: n(olen) }
    }

    fn f(&self) -> usize {
        self.f as usize
    }

    fn o(&self) -> usize {
        self.o as usize
    }

    fn olen(&self) -> usize {
        self.olen as usize
    }
}

/// Where folding writes: the folded text alone ([`String`]), or with the
/// map back to the original ([`Folded`]).
trait Sink {
    /// Appends `s`, mapped byte for byte to original offset `o` on.
    fn copy_at(&mut self, o: usize, s: &str);
    /// Appends `s`, made from the original char of `olen` bytes at `o`.
    fn put(&mut self, o: usize, olen: usize, s: &str);
}

impl Sink for String {
    fn copy_at(&mut self, _: usize, s: &str) {
        self.push_str(s);
    }

    fn put(&mut self, _: usize, _: usize, s: &str) {
        self.push_str(s);
    }
}

impl Sink for Folded {
    fn copy_at(&mut self, o: usize, s: &str) {
        self.copy(o, s);
    }

    fn put(&mut self, o: usize, olen: usize, s: &str) {
        self.push_str(o, olen, s);
    }
}

/// Folds `text` with `table` into `out`: the one folding loop, for the
/// text of a document (with its map back) and for list forms and lookup
/// keys (the text alone, with nothing allocated).
fn fold_with(text: &str, table: &FoldTable, out: &mut impl Sink) {
    let bytes = text.as_bytes();
    let plain = |b: u8| b.is_ascii() && table.plain[b as usize];
    let mut i = 0;
    while i < bytes.len() {
        // Plain ASCII is copied as it is, a stretch at a time.
        if plain(bytes[i]) {
            let start = i;
            // A single space between plain bytes folds to itself too.
            while i < bytes.len()
                && (plain(bytes[i]) || (bytes[i] == b' ' && bytes.get(i + 1).is_some_and(|&n| plain(n))))
            {
                i += 1;
            }
            out.copy_at(start, &text[start..i]);
            continue;
        }
        let Some(c) = text[i..].chars().next() else { break };
        let o = i;
        i += c.len_utf8();
        if c.is_whitespace() {
            let mut newlines = usize::from(c == '\n');
            while let Some(c2) = text[i..].chars().next() {
                if c2.is_whitespace() {
                    newlines += usize::from(c2 == '\n');
                } else if !table.drops(c2) {
                    break;
                }
                i += c2.len_utf8();
            }
            if c == ' ' && i == o + 1 {
                out.copy_at(o, " ");
            } else {
                out.put(o, c.len_utf8(), if newlines >= 2 { "\n" } else { " " });
            }
            continue;
        }
        match table.out(c) {
            Out::Same => out.copy_at(o, &text[o..i]),
            Out::Drop => {}
            Out::Str(r) => out.put(o, c.len_utf8(), table.reps.get(r as usize).map_or("", String::as_str)),
        }
    }
}

impl Folded {
    /// Folds `text` (at most `segment::MAX_TEXT` bytes, as the pipeline
    /// reads) with `table`.
    pub(crate) fn new(text: &str, table: &FoldTable) -> Folded {
        let mut out = Folded {
            text: String::with_capacity(text.len()),
            runs: Vec::new(),
            blocks: Blocks::default(),
            orig_len: text.len(),
        };
        fold_with(text, table, &mut out);
        out.blocks = Blocks::new(out.runs.iter().map(Run::f), out.text.len());
        out
    }

    /// Appends `s`, mapped byte for byte to original offset `o` on.
    fn copy(&mut self, o: usize, s: &str) {
        let f = self.text.len();
        let contiguous = matches!(self.runs.last(), Some(r) if r.olen == 0 && f - r.f() == o - r.o());
        if !contiguous {
            self.runs.push(Run::new(f, o, 0));
        }
        self.text.push_str(s);
    }

    fn push_str(&mut self, o: usize, olen: usize, s: &str) {
        // One byte for one ("-" to " ", a lone line break to " ") maps as
        // a copy does: no run of its own.
        if olen == 1 && s.len() == 1 {
            return self.copy(o, s);
        }
        self.runs.push(Run::new(self.text.len(), o, olen));
        self.text.push_str(s);
    }

    /// The run folded byte `f` is in: the last that starts at or before it.
    fn run_at(&self, f: usize) -> Option<&Run> {
        let i = self.blocks.first_at(&self.runs, f + 1, Run::f);
        i.checked_sub(1).and_then(|i| self.runs.get(i))
    }

    /// The original offset of the char that folded byte `f` came from.
    pub(crate) fn start(&self, f: usize) -> usize {
        if f >= self.text.len() {
            return self.orig_len;
        }
        match self.run_at(f) {
            Some(r) if r.olen == 0 => r.o() + (f - r.f()),
            Some(r) => r.o(),
            None => 0,
        }
    }

    /// The original offset just past the char that folded byte `f - 1` came from.
    pub(crate) fn end(&self, f: usize) -> usize {
        if f == 0 {
            return 0;
        }
        let g = (f - 1).min(self.text.len().saturating_sub(1));
        match self.run_at(g) {
            Some(r) if r.olen == 0 => r.o() + (g - r.f()) + 1,
            Some(r) => r.o() + r.olen(),
            None => 0,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn table() -> FoldTable {
        FoldTable::embedded().expect("the embedded fold table parses")
    }

    #[test]
    fn maps_back_to_original() {
        let t = table();
        let text = "Kata’ib  Hezbollah met Erdoğan in\u{00A0}Idlib\u{200B}.";
        let f = Folded::new(text, &t);
        assert_eq!(f.text, "Kata'ib Hezbollah met Erdogan in Idlib.");
        let find = |s: &str| {
            let i = f.text.find(s).unwrap();
            &text[f.start(i)..f.end(i + s.len())]
        };
        assert_eq!(find("Kata'ib Hezbollah"), "Kata’ib  Hezbollah");
        assert_eq!(find("Erdogan"), "Erdoğan");
        assert_eq!(find("Idlib"), "Idlib");
        assert_eq!(find("Idlib."), "Idlib\u{200B}.");
    }

    #[test]
    fn paragraph_breaks_survive() {
        let t = table();
        let f = Folded::new("Iraq\n\nSyria\nLebanon", &t);
        assert_eq!(f.text, "Iraq\nSyria Lebanon");
    }

    #[test]
    fn keys() {
        let t = table();
        let table = [
            ("Al-Sudani", "al sudani"),
            ("ZANU–PF", "zanu pf"),
            ("  Kata’ib  Hezbollah ", "kata'ib hezbollah"),
            ("Erdoğan", "erdogan"),
            ("Ṣan‘ā’", "san'a'"),
            ("So\u{00AD}dani", "sodani"),
        ];
        for (form, want) in table {
            assert_eq!(t.key(form), want, "{form}");
        }
    }

    /// Forms that fold in tricky ways, one a row: dashes, apostrophes,
    /// diacritics, case, particles, invisible chars, white space of every
    /// kind, other scripts, and nothing at all.
    const TRICKY: &[&str] = &[
        // hyphens and dashes
        "Al-Sudani",
        "ZANU\u{2013}PF",
        "Guinea\u{2010}Bissau",
        "Guinea\u{2011}Bissau",
        "1914\u{2012}1918",
        "Rome\u{2014}Paris",
        "minus\u{2212}sign",
        " - ",
        "-Lead",
        "a - b",
        "Sánchez-Pérez",
        // apostrophes and accents written as apostrophes
        "Kata\u{2019}ib Hezbollah",
        "Kata'ib Hezbollah",
        "Kata\u{2018}ib",
        "Hawai\u{02BB}i",
        "Sa\u{02BC}di",
        "O\u{00B4}Neill",
        "O`Neill",
        "Ma\u{2032}an",
        "Quote\u{201B}d",
        "O\u{2019}Neill\u{2019}s",
        // diacritics and letters of their own
        "Erdoğan",
        "Ṣan\u{2018}ā\u{2019}",
        "Şahin",
        "Łódź",
        "Ørsted",
        "Þór",
        "ÞÓR",
        "Straße",
        "Ægir Œuvre",
        "Ðakovo đ",
        "Nguyễn Tấn Dũng",
        "Cre\u{0300}me bru\u{0302}le\u{0301}e",
        "x\u{FE0F}",
        // ALL-CAPS and mixed case
        "AL-SUDANI",
        "MACRON",
        "McDONALD",
        "İstanbul",
        "KİEV",
        "ıSPARTA",
        "\u{01C5}ungla",
        "\u{212A}elvin",
        "ＡＬ－ＳＵＤＡＮＩ",
        // particles
        "al-Sudani",
        "Mohammed Shia al-Sudani",
        "Abu Bakr al-Baghdadi",
        "Mohammed bin Salman",
        "Ursula von der Leyen",
        "Rafael van der Vaart",
        "Fernando de la Rúa",
        // invisible chars
        "So\u{00AD}dani",
        "Id\u{200B}lib",
        "\u{200D}Iraq\u{200C}",
        "\u{FEFF}Syria",
        "left\u{202E}right\u{202C}",
        "\u{2066}Gaza\u{2069}",
        "\u{00AD}",
        // spaces, runs of them and line breaks
        "Paris\u{00A0}Saint-Germain",
        "New\u{2009}York",
        "\u{3000}Tokyo\u{3000}",
        "Kuala   Lumpur",
        "tab\tsep",
        "Iraq\n\nSyria\nLebanon",
        "a\r\n\r\nb",
        "line\u{2028}sep\u{2029}para",
        "a \u{200B} b",
        "a\n\u{00AD}\nb",
        "\u{0085}NEL",
        "\u{001C}x\u{001F}",
        "\u{180E}vowel",
        // other scripts
        "عبد الله",
        "Зеленский",
        "ЗЕЛЕНСКИЙ",
        "ΟΔΥΣΣΕΑΣ",
        "ΣΑΣ Σ",
        "𝐁old",
        "thumbs 👍🏽",
        "ﬁnance",
        // nothing
        "",
        "   ",
        "\u{00A0}\u{2003}",
    ];

    /// Runs `python3 scripts/tsvlib.py keys ARGS` from the crate root on
    /// `input` and returns what it prints.
    fn python_keys(args: &[&str], input: String) -> String {
        use std::io::Write;
        use std::process::{Command, Stdio};
        let mut child = Command::new("python3")
            .args(["scripts/tsvlib.py", "keys"])
            .args(args)
            .current_dir(env!("CARGO_MANIFEST_DIR"))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap_or_else(|e| {
                panic!("this test runs `python3 scripts/tsvlib.py` and could not start python3 ({e}): install Python 3")
            });
        let mut stdin = child.stdin.take().expect("python3's stdin");
        let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
        let out = child.wait_with_output().expect("python3 runs");
        writer.join().expect("the writer thread").expect("python3 reads its input");
        assert!(
            out.status.success(),
            "python3 scripts/tsvlib.py keys failed: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("python3 prints UTF-8")
    }

    /// The lines of `out`, without the final newline.
    fn out_lines(out: &str) -> Vec<&str> {
        let mut lines: Vec<&str> = out.split('\n').collect();
        assert_eq!(lines.pop(), Some(""), "the output ends with a newline");
        lines
    }

    /// Asserts that Python's key of every form is Rust's.
    fn assert_same(forms: &[&str], python: &[String]) {
        let t = table();
        assert_eq!(python.len(), forms.len(), "one key a form");
        let wrong: Vec<String> = forms
            .iter()
            .zip(python)
            .filter(|(f, py)| t.key(f) != **py)
            .map(|(f, py)| format!("{f:?}: Rust {:?}, Python {py:?}", t.key(f)))
            .collect();
        assert!(wrong.is_empty(), "{} of {} forms fold apart:\n{}", wrong.len(), forms.len(), wrong.join("\n"));
    }

    /// The text alone (list forms, token keys) is the text of the mapped
    /// fold (documents), on every tricky form, before the ASCII shortcut.
    #[test]
    fn text_alone_folds_as_the_mapped_text() {
        let t = table();
        for form in TRICKY.iter().copied().chain(["Kata’ib  Hezbollah\n\nsaid", "a\u{200B} \u{00A0}b"]) {
            let mut alone = String::from("x");
            fold_with(form, &t, &mut alone);
            assert_eq!(alone, format!("x{}", Folded::new(form, &t).text), "{form:?}");
        }
    }

    #[test]
    fn python_folds_like_rust() {
        assert!(TRICKY.len() >= 40);
        // One JSON string a line: forms may hold line breaks.
        let input: String = TRICKY.iter().map(|f| serde_json::to_string(f).expect("a string encodes") + "\n").collect();
        let out = python_keys(&["--json"], input);
        let keys: Vec<String> =
            out_lines(&out).iter().map(|l| serde_json::from_str(l).expect("a JSON string a line")).collect();
        assert_same(TRICKY, &keys);
        // The plain command line, one form a line, for the forms without a newline.
        let plain: Vec<&str> = TRICKY.iter().copied().filter(|f| !f.contains('\n')).collect();
        let out = python_keys(&[], plain.iter().map(|f| format!("{f}\n")).collect());
        let keys: Vec<String> = out_lines(&out).into_iter().map(String::from).collect();
        assert_same(&plain, &keys);
    }

    #[test]
    fn bad_rows_name_their_line() {
        let e = FoldTable::parse("f.tsv", "char\tto\nU+ZZZZ\ta\n").unwrap_err();
        assert_eq!(e.line(), Some(2));
        let e = FoldTable::parse("f.tsv", "char\tto\nab\n").unwrap_err();
        assert_eq!(e.line(), Some(2));
        // A fold may not lengthen a text: "-" (1 byte) to "--" is refused,
        // "é" (2 bytes) to "e" and "œ" (2 bytes) to "oe" are not.
        let e = FoldTable::parse("f.tsv", "char\tto\né\te\n-\t--\n").unwrap_err();
        assert_eq!(e.line(), Some(3));
        assert!(e.to_string().contains("longer"), "{e}");
        assert!(FoldTable::parse("f.tsv", "char\tto\né\te\nœ\toe\n").is_ok());
    }
}
