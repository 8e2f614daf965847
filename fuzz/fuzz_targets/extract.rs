//! Arbitrary bytes, read as UTF-8 with invalid bytes replaced, through the
//! whole pipeline with the embedded lists; every invariant of the output is
//! checked (the checker `cargo test` uses).
#![no_main]

use std::sync::OnceLock;

use gazette::Extractor;
use libfuzzer_sys::fuzz_target;

#[path = "../../tests/common/invariants.rs"]
mod invariants;

/// The default extractor, built once per process.
static EX: OnceLock<Extractor> = OnceLock::new();

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let a = EX.get_or_init(Extractor::default).extract(&text);
    invariants::assert_ok(&text, &a);
});
