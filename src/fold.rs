//! Internal normalisation for matching, with a map back to the original text.
//!
//! The matcher never sees the caller's text as is: curly and straight
//! apostrophes, hyphens and spaces, diacritics, invisible characters and runs
//! of white space are folded into one form. [`Folded`] keeps, run by run, where
//! each folded byte came from, so every match maps back to exact byte offsets
//! on char boundaries of the original.

/// A folded copy of a text and the map back to the original offsets.
#[derive(Debug, Default)]
pub(crate) struct Folded {
    pub(crate) text: String,
    runs: Vec<Run>,
    orig_len: usize,
}

/// A stretch of folded bytes with one origin: either copied byte for byte
/// (`olen == 0`) or produced from one original char of `olen` bytes.
#[derive(Debug, Clone, Copy)]
struct Run {
    f: usize,
    o: usize,
    olen: usize,
}

/// What one original char becomes in folded text.
enum Out {
    Same,
    Drop,
    Str(&'static str),
}

fn is_invisible(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{FEFF}' | '\u{0300}'..='\u{036F}' | '\u{FE00}'..='\u{FE0F}')
}

fn fold_char(c: char) -> Out {
    if c.is_ascii() {
        return match c {
            '-' => Out::Str(" "),
            '`' => Out::Str("'"),
            _ => Out::Same,
        };
    }
    if is_invisible(c) {
        return Out::Drop;
    }
    let s = match c {
        '\u{2018}' | '\u{2019}' | '\u{201B}' | '\u{02BC}' | '\u{02BB}' | '\u{00B4}' | '\u{2032}' => "'",
        '\u{2010}' | '\u{2011}' => " ",
        'À' | 'Á' | 'Â' | 'Ã' | 'Ä' | 'Å' | 'Ā' | 'Ă' | 'Ą' => "A",
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => "a",
        'Æ' => "AE",
        'æ' => "ae",
        'Ç' | 'Ć' | 'Ĉ' | 'Ċ' | 'Č' => "C",
        'ç' | 'ć' | 'ĉ' | 'ċ' | 'č' => "c",
        'Ď' | 'Đ' | 'Ð' => "D",
        'ď' | 'đ' | 'ð' => "d",
        'È' | 'É' | 'Ê' | 'Ë' | 'Ē' | 'Ĕ' | 'Ė' | 'Ę' | 'Ě' => "E",
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ĕ' | 'ė' | 'ę' | 'ě' => "e",
        'Ĝ' | 'Ğ' | 'Ġ' | 'Ģ' => "G",
        'ĝ' | 'ğ' | 'ġ' | 'ģ' => "g",
        'Ĥ' | 'Ħ' | 'Ḥ' => "H",
        'ĥ' | 'ħ' | 'ḥ' => "h",
        'Ì' | 'Í' | 'Î' | 'Ï' | 'Ĩ' | 'Ī' | 'Ĭ' | 'Į' | 'İ' => "I",
        'ì' | 'í' | 'î' | 'ï' | 'ĩ' | 'ī' | 'ĭ' | 'į' | 'ı' => "i",
        'Ĵ' => "J",
        'ĵ' => "j",
        'Ķ' => "K",
        'ķ' => "k",
        'Ĺ' | 'Ļ' | 'Ľ' | 'Ŀ' | 'Ł' => "L",
        'ĺ' | 'ļ' | 'ľ' | 'ŀ' | 'ł' => "l",
        'Ñ' | 'Ń' | 'Ņ' | 'Ň' => "N",
        'ñ' | 'ń' | 'ņ' | 'ň' => "n",
        'Ò' | 'Ó' | 'Ô' | 'Õ' | 'Ö' | 'Ø' | 'Ō' | 'Ŏ' | 'Ő' => "O",
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ŏ' | 'ő' => "o",
        'Œ' => "OE",
        'œ' => "oe",
        'Ŕ' | 'Ŗ' | 'Ř' => "R",
        'ŕ' | 'ŗ' | 'ř' => "r",
        'Ś' | 'Ŝ' | 'Ş' | 'Š' | 'Ș' | 'Ṣ' => "S",
        'ś' | 'ŝ' | 'ş' | 'š' | 'ș' | 'ṣ' => "s",
        'ß' => "ss",
        'Ţ' | 'Ť' | 'Ŧ' | 'Ț' | 'Ṭ' => "T",
        'ţ' | 'ť' | 'ŧ' | 'ț' | 'ṭ' => "t",
        'Ù' | 'Ú' | 'Û' | 'Ü' | 'Ũ' | 'Ū' | 'Ŭ' | 'Ů' | 'Ű' | 'Ų' => "U",
        'ù' | 'ú' | 'û' | 'ü' | 'ũ' | 'ū' | 'ŭ' | 'ů' | 'ű' | 'ų' => "u",
        'Ŵ' => "W",
        'ŵ' => "w",
        'Ý' | 'Ÿ' | 'Ŷ' => "Y",
        'ý' | 'ÿ' | 'ŷ' => "y",
        'Ź' | 'Ż' | 'Ž' | 'Ẓ' => "Z",
        'ź' | 'ż' | 'ž' | 'ẓ' => "z",
        'Þ' => "Th",
        'þ' => "th",
        _ => return Out::Same,
    };
    Out::Str(s)
}

impl Folded {
    /// Folds `text`.
    pub(crate) fn new(text: &str) -> Folded {
        let mut out = Folded { text: String::with_capacity(text.len()), runs: Vec::new(), orig_len: text.len() };
        let bytes = text.as_bytes();
        let plain = |b: u8| b.is_ascii() && !b.is_ascii_whitespace() && b != b'-' && b != b'`' && b != 0x0B;
        let mut i = 0;
        while i < bytes.len() {
            // Plain ASCII is copied as it is, a stretch at a time.
            if plain(bytes[i]) {
                let start = i;
                while i < bytes.len() && plain(bytes[i]) {
                    i += 1;
                }
                out.copy(start, &text[start..i]);
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
                    } else if !is_invisible(c2) {
                        break;
                    }
                    i += c2.len_utf8();
                }
                if c == ' ' && i == o + 1 {
                    out.copy(o, " ");
                } else {
                    out.push_str(o, c.len_utf8(), if newlines >= 2 { "\n" } else { " " });
                }
                continue;
            }
            match fold_char(c) {
                Out::Same => out.copy(o, &text[o..i]),
                Out::Drop => {}
                Out::Str(s) => out.push_str(o, c.len_utf8(), s),
            }
        }
        out
    }

    /// Copies `s`, found at original offset `o`, unchanged.
    fn copy(&mut self, o: usize, s: &str) {
        let f = self.text.len();
        let contiguous = matches!(self.runs.last(), Some(r) if r.olen == 0 && f - r.f == o - r.o);
        if !contiguous {
            self.runs.push(Run { f, o, olen: 0 });
        }
        self.text.push_str(s);
    }

    fn push_str(&mut self, o: usize, olen: usize, s: &str) {
        self.runs.push(Run { f: self.text.len(), o, olen });
        self.text.push_str(s);
    }

    fn run_at(&self, f: usize) -> Option<&Run> {
        let i = self.runs.partition_point(|r| r.f <= f);
        i.checked_sub(1).and_then(|i| self.runs.get(i))
    }

    /// The original offset of the char that folded byte `f` came from.
    pub(crate) fn start(&self, f: usize) -> usize {
        if f >= self.text.len() {
            return self.orig_len;
        }
        match self.run_at(f) {
            Some(r) if r.olen == 0 => r.o + (f - r.f),
            Some(r) => r.o,
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
            Some(r) if r.olen == 0 => r.o + (g - r.f) + 1,
            Some(r) => r.o + r.olen,
            None => 0,
        }
    }
}

/// Folds a surface form from a list the same way text is folded.
pub(crate) fn fold_str(s: &str) -> String {
    let s = s.trim();
    // Most list entries are plain ASCII words: fold them without the map.
    if s.bytes().all(|b| b.is_ascii_graphic() && b != b'`' || b == b' ') && !s.contains("  ") {
        return s.replace('-', " ");
    }
    Folded::new(s).text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn maps_back_to_original() {
        let text = "Kata’ib  Hezbollah met Erdoğan in\u{00A0}Idlib\u{200B}.";
        let f = Folded::new(text);
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
        let f = Folded::new("Iraq\n\nSyria\nLebanon");
        assert_eq!(f.text, "Iraq\nSyria Lebanon");
        assert_eq!(fold_str("Al-Sudani"), "Al Sudani");
    }
}
