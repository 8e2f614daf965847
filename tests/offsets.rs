//! `gazette::offsets` on arbitrary texts and arbitrary bytes written as
//! JSON: offsets never decrease and end at the text's length in the unit,
//! every `start` and `end` integer is converted, and the writer's output does
//! not depend on how its input is cut into writes. (`fuzz/` runs the same
//! checks under libFuzzer.)

use std::io::Write;

use gazette::offsets::{OffsetWriter, Offsets, Unit};
use proptest::prelude::*;

fn units() -> impl Strategy<Value = Unit> {
    prop_oneof![Just(Unit::Bytes), Just(Unit::Chars), Just(Unit::Utf16)]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(prop_oneof![any::<char>(), Just('é'), Just('😀'), Just('a'), Just(' ')], 0..200)
        .prop_map(String::from_iter)
}

/// The length of `text` in `unit`.
fn length(text: &str, unit: Unit) -> usize {
    match unit {
        Unit::Bytes => text.len(),
        Unit::Chars => text.chars().count(),
        _ => text.encode_utf16().count(),
    }
}

/// `bytes` through a writer, in writes cut at `cuts`.
fn write(o: &Offsets<'_>, bytes: &[u8], cuts: &[usize]) -> Vec<u8> {
    let mut out = Vec::new();
    let mut w = OffsetWriter::new(&mut out, o, 0);
    let mut from = 0;
    for &c in cuts.iter().chain([bytes.len()].iter()) {
        let c = c.clamp(from, bytes.len());
        w.write_all(&bytes[from..c]).expect("a vector takes every write");
        from = c;
    }
    w.finish().expect("a vector takes every write");
    out
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    /// `Span::char_range` gives what `Offsets::at` gives in chars, for
    /// every span of bytes, inside a char and past the end too.
    #[test]
    fn char_range_is_the_char_offsets(text in text(), a in 0usize..900, b in 0usize..900) {
        let o = Offsets::new(&text, Unit::Chars);
        let (a, b) = (a.min(b), a.max(b));
        prop_assert_eq!(gazette::Span::new(a, b).char_range(&text), o.at(a)..o.at(b));
    }

    #[test]
    fn offsets_rise_to_the_length(text in text(), unit in units()) {
        let o = Offsets::new(&text, unit);
        let mut last = 0;
        for b in 0..=text.len() + 2 {
            let at = o.at(b);
            prop_assert!(at >= last, "byte {} gives {} after {}", b, at, last);
            last = at;
        }
        prop_assert_eq!(o.at(0), 0);
        prop_assert_eq!(o.at(text.len()), length(&text, unit));
        // At a char's start, the length of the text before it.
        for (b, _) in text.char_indices() {
            prop_assert_eq!(o.at(b), length(&text[..b], unit));
        }
    }

    #[test]
    fn spans_are_converted_however_the_json_is_cut(
        text in text(),
        unit in units(),
        spans in prop::collection::vec((0usize..400, 0usize..400), 0..8),
        cuts in prop::collection::vec(0usize..400, 0..4),
    ) {
        let o = Offsets::new(&text, unit);
        let items: Vec<String> =
            spans.iter().map(|(s, e)| format!(r#"{{"start":{},"text":"a\"end\":1","end":{}}}"#, s, e)).collect();
        let json = format!("[{}]", items.join(","));
        let want: Vec<String> = spans
            .iter()
            .map(|&(s, e)| format!(r#"{{"start":{},"text":"a\"end\":1","end":{}}}"#, o.at(s), o.at(e)))
            .collect();
        let mut cuts = cuts;
        cuts.sort_unstable();
        prop_assert_eq!(String::from_utf8(write(&o, json.as_bytes(), &cuts)).ok(), Some(format!("[{}]", want.join(","))));
    }

    #[test]
    fn any_bytes_pass_through_the_same_whatever_the_cuts(
        text in text(),
        unit in units(),
        bytes in prop::collection::vec(prop_oneof![any::<u8>(), Just(b'"'), Just(b':'), Just(b'1'), Just(b'\\')], 0..300),
        cut in 0usize..300,
    ) {
        let o = Offsets::new(&text, unit);
        prop_assert_eq!(write(&o, &bytes, &[cut]), write(&o, &bytes, &[]));
    }
}
