//! Offsets in UTF-8 bytes (the library's), chars (Python) or UTF-16 code
//! units (JavaScript, Java).

use serde_json::Value;

use crate::args::Unit;

/// A map from the byte offsets of one text to another unit: the offset at
/// every 64th byte, and the rest counted from there (at most 63 bytes), so
/// that a long text's map takes a sixteenth of a byte per byte of text.
pub struct Offsets<'t> {
    text: &'t str,
    unit: Unit,
    /// The offset of byte `64 * k`: what the chars that start before it
    /// take in the unit.
    blocks: Vec<u64>,
}

/// The bytes between two stored offsets.
const BLOCK: usize = 64;

/// What the char that starts with byte `b` takes in `unit`; 0 for a byte
/// inside a char.
fn width(b: u8, unit: Unit) -> u64 {
    match unit {
        _ if b & 0xC0 == 0x80 => 0,
        Unit::Bytes => 0,
        Unit::Chars => 1,
        // Four-byte chars are two UTF-16 units.
        Unit::Utf16 => 1 + u64::from(b >= 0xF0),
    }
}

impl<'t> Offsets<'t> {
    /// The map for `text`, or `None` when the unit is bytes.
    pub fn new(text: &'t str, unit: Unit) -> Option<Offsets<'t>> {
        (unit != Unit::Bytes).then(|| Offsets::build(text, unit))
    }

    fn build(text: &'t str, unit: Unit) -> Offsets<'t> {
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
        let k = b / BLOCK;
        let base = self.blocks.get(k).copied().unwrap_or(0);
        let within = bytes.get(k * BLOCK..b).unwrap_or(&[]);
        (base + within.iter().map(|&c| width(c, self.unit)).sum::<u64>()) as usize
    }

    /// Converts every `start` and `end` in a serialised analysis: the
    /// objects that have both (mentions, quotes, speakers, cues, evidence).
    pub fn convert(&self, v: &mut Value) {
        match v {
            Value::Object(map) => {
                if let (Some(s), Some(e)) =
                    (map.get("start").and_then(Value::as_u64), map.get("end").and_then(Value::as_u64))
                {
                    map.insert("start".into(), self.at(s as usize).into());
                    map.insert("end".into(), self.at(e as usize).into());
                }
                for (_, x) in map.iter_mut() {
                    self.convert(x);
                }
            }
            Value::Array(xs) => xs.iter_mut().for_each(|x| self.convert(x)),
            _ => {}
        }
    }
}

/// Char offsets (brat, and gold files).
pub fn chars(text: &str) -> Offsets<'_> {
    Offsets::build(text, Unit::Chars)
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
            assert_eq!(Offsets::new(text, unit).unwrap().at(byte), want, "{unit:?} {byte}");
        }
        assert!(Offsets::new(text, Unit::Bytes).is_none());
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
                let o = Offsets::new(text, unit).unwrap();
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
