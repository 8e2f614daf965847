//! Arbitrary bytes through `gazette::offsets`: byte 0 picks the unit and
//! where the rest is cut; before the cut, a text (invalid UTF-8 replaced);
//! after it, bytes written through an `OffsetWriter` (as if JSON) in two
//! writes. No panic; offsets never decrease and end at the text's length in
//! the unit; the writer's output does not depend on where its input is cut.
#![no_main]

use std::io::Write;

use gazette::offsets::{OffsetWriter, Offsets, Unit};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&head, rest)) = data.split_first() else { return };
    let unit = [Unit::Bytes, Unit::Chars, Unit::Utf16][usize::from(head % 3)];
    let cut = usize::from(head / 3) * rest.len() / 86;
    let (text, json) = rest.split_at(cut.min(rest.len()));
    let text = String::from_utf8_lossy(text);
    let o = Offsets::new(&text, unit);
    let len = match unit {
        Unit::Bytes => text.len(),
        Unit::Chars => text.chars().count(),
        _ => text.encode_utf16().count(),
    };
    let mut last = 0;
    for b in 0..=text.len() + 1 {
        let at = o.at(b);
        assert!(at >= last, "offset {at} of byte {b} below {last}");
        last = at;
    }
    assert_eq!(o.at(0), 0);
    assert_eq!(o.at(text.len()), len);
    let write = |pieces: &[&[u8]]| {
        let mut out = Vec::new();
        let mut w = OffsetWriter::new(&mut out, &o, 0);
        for p in pieces {
            w.write_all(p).expect("a vector takes every write");
        }
        w.finish().expect("a vector takes every write");
        out
    };
    let whole = write(&[json]);
    let at = json.len() / 2;
    assert_eq!(write(&[&json[..at], &json[at..]]), whole);
});
