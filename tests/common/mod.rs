#![allow(dead_code)]

use gazette::{Analysis, Extractor, Kind, QuoteKind};

pub fn analyse(text: &str) -> Analysis {
    Extractor::default().extract(text)
}

/// Mention texts of one kind, in order.
pub fn mentions(a: &Analysis, kind: Kind) -> Vec<String> {
    a.mentions.iter().filter(|m| m.kind == kind).map(|m| m.text.clone()).collect()
}

/// Entity names of one kind, in order of first mention.
pub fn names(a: &Analysis, kind: Kind) -> Vec<String> {
    a.entities.iter().filter(|e| e.kind == kind).map(|e| e.name.clone()).collect()
}

/// (quote text, speaker) for quotes of one kind; the speaker is the resolved
/// entity's name, else the speaker's own text, else "?".
pub fn said(a: &Analysis, kind: QuoteKind) -> Vec<(String, String)> {
    a.quotes
        .iter()
        .filter(|q| q.kind == kind)
        .map(|q| (q.text.clone(), a.speaker_name(q).unwrap_or("?").to_string()))
        .collect()
}

/// Runs a table of (text, mention texts of `kind`) rows and reports every
/// failing row at once.
pub fn check_mentions(kind: Kind, table: &[(&str, &[&str])]) {
    let mut failures = Vec::new();
    for (text, want) in table {
        let got = mentions(&analyse(text), kind);
        if got != *want {
            failures.push(format!("{text:?}\n   want {want:?}\n    got {got:?}"));
        }
    }
    assert!(failures.is_empty(), "{} {:?} case(s) failed:\n{}", failures.len(), kind, failures.join("\n"));
}
