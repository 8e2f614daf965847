//! Who is in the news and who said what.
//!
//! ```text
//! cargo run --release --example news            # the embedded sample article
//! cargo run --release --example news -- FILE    # any text file
//! ```

use gazette::{Extractor, Kind, QuoteKind};

/// A news-style article written for this example.
const SAMPLE: &str = include_str!("sample.txt");

fn main() {
    let text = match std::env::args().nth(1) {
        Some(path) => match std::fs::read_to_string(&path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("news: {}: {}", path, e);
                std::process::exit(1);
            }
        },
        None => SAMPLE.to_string(),
    };
    let ex = Extractor::default();
    let a = ex.extract(&text);

    for (kind, label) in [(Kind::Person, "People"), (Kind::Country, "Countries"), (Kind::Group, "Groups")] {
        println!("{}:", label);
        for e in a.entities.iter().filter(|e| e.kind == kind) {
            let forms: Vec<&str> = {
                let mut v: Vec<&str> = a.mentions_of(e.id).map(|m| m.text.as_str()).collect();
                v.sort_unstable();
                v.dedup();
                v
            };
            let role = e.attribute("role").map(|r| format!(", {}", r)).unwrap_or_default();
            println!("  {}{}  ({})", e.name, role, forms.join(" / "));
        }
    }
    println!("\nWho said what:");
    for q in a.quotes.iter().filter(|q| q.kind != QuoteKind::Mention) {
        let who = a.speaker_name(q).unwrap_or("(unknown)");
        let via = match (&q.speaker, &q.cue) {
            (Some(s), Some(c)) if s.text != who => format!(" [\"{}\" {}]", s.text, c.text),
            (_, Some(c)) => format!(" [{}]", c.text),
            _ => String::new(),
        };
        let body = q.text.split_whitespace().collect::<Vec<_>>().join(" ");
        match q.kind {
            QuoteKind::Direct => println!("  {}{}: “{}”", who, via, body),
            _ => println!("  {}{} (reported): {}", who, via, body),
        }
    }
}
