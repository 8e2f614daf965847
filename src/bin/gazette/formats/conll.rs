//! CoNLL: one token a line with its IOB2 tag (`B-PERSON`, `I-PERSON`, `O`),
//! a blank line after each sentence. Tokens come from the library's
//! segmenter ([`Extractor::sentences`]).

use std::io::Write;

use gazette::{Analysis, Extractor};

/// The IOB2 tag name of a mention kind.
pub fn tag(kind: &str) -> String {
    kind.to_ascii_uppercase()
}

/// Writes the tokens of `text` with the tags of `a`'s mentions. A token
/// that overlaps a mention takes its kind: `B-` on the mention's first token,
/// `I-` on the next ones.
pub fn write(out: &mut Vec<u8>, ex: &Extractor, text: &str, a: &Analysis) {
    let mentions = &a.mentions;
    let mut next = 0; // the first mention that may still overlap a token
    for s in ex.sentences(text) {
        let mut prev: Option<usize> = None;
        for t in &s.tokens {
            while next < mentions.len() && mentions[next].span.end <= t.start {
                next += 1;
            }
            let m = (next..mentions.len())
                .take_while(|&i| mentions[i].span.start < t.end)
                .find(|&i| mentions[i].span.overlaps(*t));
            let word = text.get(t.range()).unwrap_or("");
            let _ = match m {
                Some(i) if prev == Some(i) => writeln!(out, "{}\tI-{}", word, tag(mentions[i].kind.as_str())),
                Some(i) => writeln!(out, "{}\tB-{}", word, tag(mentions[i].kind.as_str())),
                None => writeln!(out, "{}\tO", word),
            };
            prev = m;
        }
        out.push(b'\n');
    }
}
