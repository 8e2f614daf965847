//! Offsets in UTF-8 bytes (the library's), chars (Python) or UTF-16 code
//! units (JavaScript, Java).

use serde_json::Value;

use crate::args::Unit;

/// A map from the byte offsets of one text to another unit.
pub struct Offsets {
    /// The offset in the unit of every byte position (only char boundaries are looked up).
    table: Vec<usize>,
}

impl Offsets {
    /// The map for `text`, or `None` when the unit is bytes.
    pub fn new(text: &str, unit: Unit) -> Option<Offsets> {
        let width = |c: char| match unit {
            Unit::Bytes => c.len_utf8(),
            Unit::Chars => 1,
            Unit::Utf16 => c.len_utf16(),
        };
        if unit == Unit::Bytes {
            return None;
        }
        let mut table = Vec::with_capacity(text.len() + 1);
        let mut n = 0;
        for c in text.chars() {
            for _ in 0..c.len_utf8() {
                table.push(n);
            }
            n += width(c);
        }
        table.push(n);
        Some(Offsets { table })
    }

    /// The offset of byte `b` (clamped to the end of the text).
    pub fn at(&self, b: usize) -> usize {
        self.table.get(b).or(self.table.last()).copied().unwrap_or(0)
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
pub fn chars(text: &str) -> Offsets {
    Offsets::new(text, Unit::Chars).unwrap_or(Offsets { table: vec![0] })
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
}
