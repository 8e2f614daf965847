//! Byte offsets to character offsets, for every span of an analysis at once.
//!
//! The analysis is handled as the JSON value it serialises to, so any span
//! the library adds later (an object with integer `start` and `end`) is
//! converted too, without a change here.

use serde_json::Value;

/// Whether offsets count UTF-8 bytes (as the library and `gazette --json`
/// do) or characters (Unicode scalar values, as Python strings index).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Offsets {
    /// UTF-8 byte offsets, unchanged.
    Byte,
    /// Character offsets.
    Char,
}

/// The integer `start` and `end` of a span object, if `v` is one.
fn span_of(v: &Value) -> Option<(u64, u64)> {
    let o = v.as_object()?;
    Some((o.get("start")?.as_u64()?, o.get("end")?.as_u64()?))
}

/// Pushes every span offset under `v`.
fn collect(v: &Value, out: &mut Vec<u64>) {
    if let Some((s, e)) = span_of(v) {
        out.push(s);
        out.push(e);
    }
    match v {
        Value::Array(items) => items.iter().for_each(|i| collect(i, out)),
        Value::Object(map) => map.values().for_each(|i| collect(i, out)),
        _ => {}
    }
}

/// Replaces every span offset under `v` through `map`.
fn rewrite(v: &mut Value, map: &dyn Fn(u64) -> u64) {
    if let Some((s, e)) = span_of(v) {
        if let Some(o) = v.as_object_mut() {
            o.insert("start".to_string(), Value::from(map(s)));
            o.insert("end".to_string(), Value::from(map(e)));
        }
    }
    match v {
        Value::Array(items) => items.iter_mut().for_each(|i| rewrite(i, map)),
        Value::Object(m) => m.values_mut().for_each(|i| rewrite(i, map)),
        _ => {}
    }
}

/// Converts every span in `v` (byte offsets into `text`) to character
/// offsets, in one pass over the text.
///
/// An offset inside a character counts as that character's start; one past
/// the end of the text counts as its end.
pub fn to_chars(v: &mut Value, text: &str) {
    let mut bytes = Vec::new();
    collect(v, &mut bytes);
    if bytes.is_empty() {
        return;
    }
    bytes.sort_unstable();
    bytes.dedup();
    let mut chars = vec![0u64; bytes.len()];
    let mut j = 0;
    let mut n = 0u64;
    for (at, _) in text.char_indices() {
        let at = at as u64;
        while j < bytes.len() && bytes[j] <= at {
            chars[j] = if bytes[j] == at { n } else { n.saturating_sub(1) };
            j += 1;
        }
        if j == bytes.len() {
            break;
        }
        n += 1;
    }
    // Offsets inside the last character, or at or past the end of the text.
    let len = text.len() as u64;
    for (b, c) in bytes[j..].iter().zip(chars[j..].iter_mut()) {
        *c = if *b < len { n.saturating_sub(1) } else { n };
    }
    let map = |b: u64| bytes.binary_search(&b).map_or(b, |i| chars[i]);
    rewrite(v, &map);
}
