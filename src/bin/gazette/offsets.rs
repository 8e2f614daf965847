//! Offsets in UTF-8 bytes (the library's), chars (Python) or UTF-16 code
//! units (JavaScript, Java): the library's map and JSON writer
//! (`gazette::offsets`), and the conversion of a JSON value.

use serde_json::Value;

pub use gazette::offsets::{OffsetWriter, Offsets};

use crate::args::Unit;

impl From<Unit> for gazette::offsets::Unit {
    fn from(u: Unit) -> Self {
        match u {
            Unit::Bytes => gazette::offsets::Unit::Bytes,
            Unit::Chars => gazette::offsets::Unit::Chars,
            Unit::Utf16 => gazette::offsets::Unit::Utf16,
        }
    }
}

/// The map for `text` in `unit`, or `None` when the unit is bytes (the
/// analysis's own).
pub fn map(text: &str, unit: Unit) -> Option<Offsets<'_>> {
    (unit != Unit::Bytes).then(|| Offsets::new(text, unit.into()))
}

/// Converts every `start` and `end` in a serialised analysis: the objects
/// that have both (mentions, quotes, speakers, cues, evidence).
pub fn convert(o: &Offsets<'_>, v: &mut Value) {
    match v {
        Value::Object(map) => {
            if let (Some(s), Some(e)) =
                (map.get("start").and_then(Value::as_u64), map.get("end").and_then(Value::as_u64))
            {
                map.insert("start".into(), o.at(s as usize).into());
                map.insert("end".into(), o.at(e as usize).into());
            }
            for (_, x) in map.iter_mut() {
                convert(o, x);
            }
        }
        Value::Array(xs) => xs.iter_mut().for_each(|x| convert(o, x)),
        _ => {}
    }
}

/// Char offsets (brat, and gold files).
pub fn chars(text: &str) -> Offsets<'_> {
    Offsets::new(text, gazette::offsets::Unit::Chars)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Only objects with both keys change, at any depth.
    #[test]
    fn convert_rewrites_spans_at_every_depth() {
        let text = "é".repeat(10);
        let o = chars(&text);
        let table: &[(&str, &str)] = &[
            (r#"{"start":2,"end":6}"#, r#"{"start":1,"end":3}"#),
            (
                r#"{"a":[{"start":4,"end":8,"x":{"start":2,"end":2}}]}"#,
                r#"{"a":[{"start":2,"end":4,"x":{"start":1,"end":1}}]}"#,
            ),
            (r#"{"start":4}"#, r#"{"start":4}"#),
            (r#"{"start":"4","end":8}"#, r#"{"start":"4","end":8}"#),
        ];
        for &(input, want) in table {
            let mut v: Value = serde_json::from_str(input).unwrap();
            convert(&o, &mut v);
            assert_eq!(v, serde_json::from_str::<Value>(want).unwrap(), "{input}");
        }
        assert!(map(&text, Unit::Bytes).is_none());
        assert_eq!(map(&text, Unit::Utf16).map(|o| o.at(4)), Some(2));
    }
}
