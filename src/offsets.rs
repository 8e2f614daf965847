//! Offsets in other units than the library's UTF-8 bytes: chars (as
//! Python strings index) and UTF-16 code units (as JavaScript, Java and C#
//! strings do), for callers that hand an analysis to another language.
//!
//! [`Offsets`] maps a byte offset of a text to the other unit, and
//! [`OffsetWriter`] converts the spans of a serialised analysis as it is
//! written, with no tree of JSON values in between.
//!
//! ```
//! use gazette::offsets::{Offsets, Unit};
//!
//! let text = "Kata’ib Hezbollah said";
//! let chars = Offsets::new(text, Unit::Chars);
//! // "’" is three bytes and one char: byte 19 is char 17.
//! assert_eq!(chars.at(19), 17);
//! assert_eq!(Offsets::new(text, Unit::Utf16).at(19), 17);
//! assert_eq!(Offsets::new(text, Unit::Bytes).at(19), 19);
//! ```

use std::io::{self, Write};

/// The unit offsets count in.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Unit {
    /// UTF-8 bytes (Rust, Go, C): the library's own.
    Bytes,
    /// Unicode scalar values (Python).
    Chars,
    /// UTF-16 code units (JavaScript, Java, C#).
    Utf16,
}

/// A map from the byte offsets of one text to another unit: the offset at
/// every 64th byte, and the rest counted from there (at most 63 bytes), so
/// that a long text's map takes an eighth of a byte per byte of text.
#[derive(Clone, Debug)]
pub struct Offsets<'t> {
    text: &'t str,
    unit: Unit,
    /// The offset of byte `64 * k`: what the chars that start before it
    /// take in the unit.
    blocks: Vec<u64>,
}

/// The bytes between two stored offsets.
const BLOCK: usize = 64;

/// What byte `b` adds to an offset in `unit`: in chars and UTF-16 units,
/// a char counts at its first byte (0 for the bytes inside it).
fn width(b: u8, unit: Unit) -> u64 {
    match unit {
        Unit::Bytes => 1,
        _ if b & 0xC0 == 0x80 => 0,
        Unit::Chars => 1,
        // Four-byte chars are two UTF-16 units.
        Unit::Utf16 => 1 + u64::from(b >= 0xF0),
    }
}

impl<'t> Offsets<'t> {
    /// The map for `text` in `unit`. For bytes nothing is stored: an
    /// offset is its own, but for one inside a char (the char's start) or
    /// past the end of the text (its length), as in every unit.
    pub fn new(text: &'t str, unit: Unit) -> Offsets<'t> {
        if unit == Unit::Bytes {
            return Offsets { text, unit, blocks: Vec::new() };
        }
        let mut blocks = Vec::with_capacity(text.len() / BLOCK + 1);
        let mut n = 0;
        for block in text.as_bytes().chunks(BLOCK) {
            blocks.push(n);
            n += block.iter().map(|&b| width(b, unit)).sum::<u64>();
        }
        // The end of the text has its own entry when it ends a block.
        if text.len() % BLOCK == 0 {
            blocks.push(n);
        }
        Offsets { text, unit, blocks }
    }

    /// The offset of byte `b`: of the char it is in, and the length of the
    /// text for any byte past its end.
    pub fn at(&self, b: usize) -> usize {
        let bytes = self.text.as_bytes();
        let mut b = b.min(bytes.len());
        while b > 0 && b < bytes.len() && bytes[b] & 0xC0 == 0x80 {
            b -= 1;
        }
        if self.unit == Unit::Bytes {
            return b;
        }
        let k = b / BLOCK;
        let base = self.blocks.get(k).copied().unwrap_or(0);
        let within = bytes.get(k * BLOCK..b).unwrap_or(&[]);
        (base + within.iter().map(|&c| width(c, self.unit)).sum::<u64>()) as usize
    }
}

/// A writer that passes JSON through to `out` and writes the integer value
/// of every `"start"` and `"end"` key in the unit of `offsets`: an analysis
/// streams out with its offsets converted, and is never held as a tree of
/// JSON values (which took about 70 bytes per byte of a long text). The
/// analysis has these keys in its spans only (mentions, quotes, speakers,
/// cues, evidence), always with integers; any other value of theirs (a
/// string, `null`, a negative or a fraction) is written as it is.
///
/// ```
/// use std::io::Write;
/// use gazette::offsets::{OffsetWriter, Offsets, Unit};
///
/// let text = "Ağrı said";
/// let chars = Offsets::new(text, Unit::Chars);
/// let mut out = Vec::new();
/// let mut w = OffsetWriter::new(&mut out, &chars, 0);
/// w.write_all(br#"{"text":"said","start":7,"end":11}"#)?;
/// w.finish()?;
/// assert_eq!(out, br#"{"text":"said","start":5,"end":9}"#);
/// # Ok::<(), std::io::Error>(())
/// ```
pub struct OffsetWriter<'o, 't, W: Write> {
    out: W,
    offsets: &'o Offsets<'t>,
    /// Bytes still to drop from the start of what is written.
    skip: usize,
    in_string: bool,
    escaped: bool,
    /// The first bytes of the string being read, to tell `start` and `end`
    /// (`None` once it is longer than either, or has an escape).
    key: Option<([u8; 5], usize)>,
    /// The last string was `start` or `end`, with only white space since.
    offset_key: bool,
    /// ... and a colon followed it: its value comes next.
    offset_value: bool,
    /// The digits of an offset read so far: their value, and as written.
    number: Option<(usize, Digits)>,
}

/// The digits of a number as written, kept until it is known to be an
/// integer (a fraction or an exponent after them is written as it came).
#[derive(Clone, Copy)]
struct Digits {
    bytes: [u8; 24],
    len: usize,
}

impl Digits {
    fn new(d: u8) -> Digits {
        let mut bytes = [0; 24];
        bytes[0] = d;
        Digits { bytes, len: 1 }
    }

    fn push(&mut self, d: u8) {
        if let Some(slot) = self.bytes.get_mut(self.len) {
            *slot = d;
            self.len += 1;
        }
    }

    fn as_bytes(&self) -> &[u8] {
        &self.bytes[..self.len]
    }
}

impl<'o, 't, W: Write> OffsetWriter<'o, 't, W> {
    /// A writer to `out` that drops the first `skip` bytes written (the
    /// command drops an analysis's opening brace to put its own `id` key
    /// first). The dropped bytes are not read: they must not open or close
    /// a string.
    pub fn new(out: W, offsets: &'o Offsets<'t>, skip: usize) -> OffsetWriter<'o, 't, W> {
        OffsetWriter {
            out,
            offsets,
            skip,
            in_string: false,
            escaped: false,
            key: None,
            offset_key: false,
            offset_value: false,
            number: None,
        }
    }

    /// Writes an offset whose digits ended the JSON (never so in an
    /// object, which ends with `}`), flushes, and gives the writer back.
    /// Call it when the JSON is written: such an offset is held until a
    /// byte after it shows that it ended.
    pub fn finish(mut self) -> io::Result<W> {
        if let Some((n, _)) = self.number.take() {
            write!(self.out, "{}", self.offsets.at(n))?;
        }
        self.out.flush()?;
        Ok(self.out)
    }
}

impl<W: Write> Write for OffsetWriter<'_, '_, W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let dropped = self.skip.min(buf.len());
        self.skip -= dropped;
        let bytes = &buf[dropped..];
        // Bytes from here on are written as they are.
        let mut from = 0;
        for (i, &b) in bytes.iter().enumerate() {
            if self.in_string {
                if self.escaped {
                    self.escaped = false;
                } else if b == b'\\' {
                    self.escaped = true;
                    self.key = None;
                } else if b == b'"' {
                    self.in_string = false;
                    self.offset_key = matches!(self.key, Some((k, 5)) if &k == b"start")
                        || matches!(self.key, Some((k, 3)) if &k[..3] == b"end");
                } else if let Some((k, n)) = &mut self.key {
                    match k.get_mut(*n) {
                        Some(slot) => {
                            *slot = b;
                            *n += 1;
                        }
                        None => self.key = None,
                    }
                }
                continue;
            }
            if let Some((n, mut digits)) = self.number {
                if b.is_ascii_digit() {
                    let more = n.checked_mul(10).and_then(|n| n.checked_add(usize::from(b - b'0')));
                    match more.filter(|_| digits.len < digits.bytes.len()) {
                        Some(more) => {
                            digits.push(b);
                            self.number = Some((more, digits));
                        }
                        None => {
                            // Longer than any offset: written as it came.
                            self.out.write_all(digits.as_bytes())?;
                            self.number = None;
                            from = i;
                        }
                    }
                    continue;
                }
                if matches!(b, b'.' | b'e' | b'E') {
                    // A fraction or an exponent: no offset, written as it came.
                    self.out.write_all(digits.as_bytes())?;
                } else {
                    write!(self.out, "{}", self.offsets.at(n))?;
                }
                self.number = None;
                from = i;
            }
            match b {
                b'"' => {
                    self.in_string = true;
                    self.key = Some(([0; 5], 0));
                    self.offset_key = false;
                    self.offset_value = false;
                }
                b' ' | b'\n' | b'\r' | b'\t' => {}
                b':' => {
                    self.offset_value = self.offset_key;
                    self.offset_key = false;
                }
                b'0'..=b'9' if self.offset_value => {
                    self.out.write_all(&bytes[from..i])?;
                    self.number = Some((usize::from(b - b'0'), Digits::new(b)));
                    self.offset_value = false;
                    from = i + 1;
                }
                _ => {
                    self.offset_key = false;
                    self.offset_value = false;
                }
            }
        }
        if self.number.is_none() {
            self.out.write_all(&bytes[from..])?;
        }
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn units() {
        // "é" is 2 bytes, 1 char, 1 UTF-16 unit; "😀" is 4 bytes, 1 char, 2 units.
        let text = "aé😀b";
        let table: &[(Unit, usize, usize)] =
            &[(Unit::Chars, 3, 2), (Unit::Chars, 7, 3), (Unit::Utf16, 7, 4), (Unit::Utf16, 8, 5), (Unit::Chars, 99, 4)];
        for &(unit, byte, want) in table {
            assert_eq!(Offsets::new(text, unit).at(byte), want, "{unit:?} {byte}");
        }
        // Bytes are their own offsets; one inside a char is the char's.
        let bytes = Offsets::new(text, Unit::Bytes);
        assert_eq!([0, 1, 2, 3, 4, 7, 8, 99].map(|b| bytes.at(b)), [0, 1, 1, 3, 3, 7, 8, 8]);
    }

    /// JSON through the writer, cut into two writes at every byte: only
    /// the integer values of `start` and `end` keys change (here over a
    /// text of 2-byte chars, to half their value).
    #[test]
    fn offset_writer_converts_start_and_end_values_only() {
        let text = "é".repeat(100);
        let o = Offsets::new(&text, Unit::Chars);
        let table: &[(&str, &str)] = &[
            (r#"{"start":10,"end":200}"#, r#"{"start":5,"end":100}"#),
            // Pretty, nested, in arrays.
            ("[{\n  \"start\": 4,\n  \"end\" :\t8\n}]", "[{\n  \"start\": 2,\n  \"end\" :\t4\n}]"),
            (r#"{"a":{"b":[{"start":2,"x":"y","end":6}]}}"#, r#"{"a":{"b":[{"start":1,"x":"y","end":3}]}}"#),
            // Strings that hold the keys, or look like them, are left alone.
            (r#"{"text":"start","n":"end","m":12}"#, r#"{"text":"start","n":"end","m":12}"#),
            (
                r#"{"text":"\"start\":40","starts":40,"en":40,"ends":40}"#,
                r#"{"text":"\"start\":40","starts":40,"en":40,"ends":40}"#,
            ),
            (r#"["start",40,"end",40]"#, r#"["start",40,"end",40]"#),
            // Not integers.
            (r#"{"start":null,"end":"8","x":{"start":-1}}"#, r#"{"start":null,"end":"8","x":{"start":-1}}"#),
            (r#"{"start":12.5,"end":4e2,"x":{"end":40E1}}"#, r#"{"start":12.5,"end":4e2,"x":{"end":40E1}}"#),
            (r#"{"start":123456789012345678901234567890}"#, r#"{"start":123456789012345678901234567890}"#),
            // An offset that ends the JSON.
            (r#""start":40"#, r#""start":20"#),
            // Past the end of the text: its length.
            (r#"{"end":99999}"#, r#"{"end":100}"#),
        ];
        for &(input, want) in table {
            for cut in 0..=input.len() {
                let mut out = Vec::new();
                let mut w = OffsetWriter::new(&mut out, &o, 0);
                w.write_all(&input.as_bytes()[..cut]).unwrap();
                w.write_all(&input.as_bytes()[cut..]).unwrap();
                w.finish().unwrap();
                assert_eq!(String::from_utf8(out).unwrap(), want, "{input} cut at {cut}");
            }
        }
        // The first bytes can be dropped, over several writes.
        for skip in [1, 2, 3] {
            let mut out = Vec::new();
            let mut w = OffsetWriter::new(&mut out, &o, skip);
            for b in "{\n  \"start\": 4}".as_bytes() {
                w.write_all(&[*b]).unwrap();
            }
            w.finish().unwrap();
            assert_eq!(out, &"{\n  \"start\": 2}".as_bytes()[skip..], "skip {skip}");
        }
    }

    /// Every byte of texts that cross the stored blocks, in both units,
    /// against a count over the text's chars: a byte inside a char has the
    /// char's offset, and a byte past the end the text's length.
    #[test]
    fn every_byte_as_a_count_of_chars_gives_it() {
        let texts = [
            String::new(),
            "a".repeat(64),
            "a".repeat(128),
            format!("{}é{}", "a".repeat(63), "b".repeat(70)),
            "é😀—x".repeat(40),
            format!("{}😀", "a".repeat(62)),
        ];
        for text in &texts {
            for unit in [Unit::Chars, Unit::Utf16] {
                let o = Offsets::new(text, unit);
                let mut want = vec![0; text.len() + 1];
                let mut n = 0;
                for (i, c) in text.char_indices() {
                    want[i..i + c.len_utf8()].iter_mut().for_each(|w| *w = n);
                    n += if unit == Unit::Chars { 1 } else { c.len_utf16() };
                }
                want[text.len()] = n;
                for (b, &w) in want.iter().enumerate() {
                    assert_eq!(o.at(b), w, "{unit:?} byte {b} of {} bytes", text.len());
                }
                assert_eq!(o.at(text.len() + 10), n);
            }
        }
    }
}
