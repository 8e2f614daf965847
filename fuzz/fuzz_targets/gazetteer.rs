//! Arbitrary bytes as a user gazetteer list of each kind: building must
//! return `Ok` or an `Err` naming the list, never panic or run away, and
//! an extractor that builds must extract within the invariants.
//!
//! Input layout: byte 0 picks the list kind (low 3 bits), whether the
//! list is read from a file (bit 3: raw bytes, so bad UTF-8 reaches the
//! file loader) and whether it replaces or adds (bit 4); byte 1 sets the
//! limits. The rest, up to the first NUL, is the list; after the NUL comes
//! a text to extract with the built extractor.
#![no_main]

use std::io::Write;

use gazette::{Extractor, ListKind};
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/invariants.rs"]
mod invariants;

fuzz_target!(|data: &[u8]| {
    let [flags, limits, rest @ ..] = data else { return };
    let kind = ListKind::ALL[usize::from(flags & 7)];
    let (list, text) = match rest.iter().position(|&b| b == 0) {
        Some(i) => (&rest[..i], &rest[i + 1..]),
        None => (rest, &[][..]),
    };
    // Without the embedded lists, so each run is fast; small limits so the
    // limit checks are reached.
    let mut b = Extractor::builder()
        .defaults(false)
        .max_entries(usize::from(limits & 0x0f) * 4 + 1)
        .max_name_len(usize::from(limits >> 4) * 8 + 1);
    let path;
    if flags & 8 != 0 {
        path = std::env::temp_dir().join(format!("gazette-fuzz-{}.tsv", std::process::id()));
        let mut f = std::fs::File::create(&path).expect("the temp dir is writable");
        f.write_all(list).expect("the temp dir is writable");
        drop(f);
        b = if flags & 16 != 0 { b.replace_file(kind, &path) } else { b.add_file(kind, &path) };
    } else {
        let list = String::from_utf8_lossy(list);
        b = if flags & 16 != 0 { b.replace_list(kind, "fuzz.tsv", &list) } else { b.add_list(kind, "fuzz.tsv", &list) };
    }
    match b.build() {
        Ok(ex) => {
            let text = String::from_utf8_lossy(text);
            let a = ex.extract(&text);
            invariants::assert_ok(&text, &a);
        }
        Err(e) => {
            // Every data error names its list.
            let msg = e.to_string();
            assert!(!msg.is_empty());
            if e.line().is_some() {
                assert!(e.source_name().is_some(), "{msg}");
            }
        }
    }
});
