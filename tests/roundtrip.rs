//! `gazette --json` output reads back into an [`Analysis`] equal to the one
//! the library returns: the JSON contract is the types' own serde form.

use std::process::Command;

use gazette::{Analysis, Extractor};

#[test]
fn json_output_reads_back() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/sample.txt");
    let text = std::fs::read_to_string(path).expect("the sample article");
    let out = Command::new(env!("CARGO_BIN_EXE_gazette")).arg("--json").arg(path).output().expect("gazette runs");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    let json = String::from_utf8(out.stdout).expect("UTF-8 output");
    let back: Analysis = serde_json::from_str(json.trim()).expect("the output reads back into an Analysis");
    let direct = Extractor::default().extract(&text);
    assert!(!back.quotes.is_empty() && !back.mentions.is_empty());
    assert_eq!(back, direct);
    // And the library's own value survives a trip through JSON.
    let again: Analysis = serde_json::from_str(&serde_json::to_string(&direct).unwrap()).unwrap();
    assert_eq!(again, direct);
}
