//! Invariants that hold for every input: spans in bounds and on char
//! boundaries, sorted mentions, no overlap among scored kinds, valid
//! indices, determinism across runs and threads.
//!
//! Fixed odd inputs first, then property tests (proptest) over arbitrary
//! Unicode, over text made of the characters that trouble a tokenizer, and
//! over generated news-like text. All use the one checker in
//! `common/invariants.rs`, which the fuzz targets share.
//!
//! Case counts (kept small: `cargo test` runs these in a debug build):
//! `arbitrary_unicode` 512, `troublesome_chars` 512, `news_like_text` 256,
//! `news_like_is_deterministic_across_extractors_and_threads` 48 (of one to
//! three documents each).
//! Set `PROPTEST_CASES` to run that many of each instead.

#[path = "common/invariants.rs"]
mod invariants;

use gazette::{Analysis, Extractor};
use proptest::prelude::*;

use invariants::assert_ok;

const TEXTS: &[&str] = &[
    "",
    " ",
    "“",
    "”’‘«»\"'",
    "Kata’ib Hezbollah’s “unbalanced quote\n\n“and another",
    "Erdoğan met al-Sisi in Ankara.\r\nIRAQ SAYS “NO”\r\rDone.",
    "\u{FEFF}Iraq\u{200D}i officials said \u{00AD}nothing.",
    "Moh\u{0301}ammed Al-Sudani, Мухаммед, محمد شياع السوداني said “yes.”",
    "U.S. A.B. C. D.. ... !!! ??? “” ‘’ « »",
    "Mr. Mr. Dr. Gen. Abu Abu Abu al- al- bin",
];

#[test]
fn hold_on_odd_inputs() {
    let ex = Extractor::default();
    for t in TEXTS {
        assert_ok(t, &ex.extract(t));
    }
    let sample = include_str!("../examples/sample.txt");
    assert_ok(sample, &ex.extract(sample));
    // Every prefix cut at a char boundary.
    for (i, _) in sample.char_indices().step_by(7) {
        assert_ok(&sample[..i], &ex.extract(&sample[..i]));
    }
}

/// A batch goes through the stages a few dozen texts at a time; each text
/// must come out as it does alone, whatever its neighbours: odd inputs,
/// empty texts, more texts than a group holds, and a text longer than a
/// group's bytes among short ones.
#[test]
fn a_batch_gives_what_each_text_gives() {
    let ex = Extractor::default();
    let sample = include_str!("../examples/sample.txt");
    let mut texts: Vec<String> = TEXTS.iter().map(|t| t.to_string()).collect();
    texts.push(String::new());
    texts.extend(sample.char_indices().step_by(7).map(|(i, _)| sample[i..].to_string()));
    texts.insert(70, sample.repeat(300_000 / sample.len() + 1));
    texts.push(String::new());
    assert!(texts.len() > 130, "{} texts", texts.len());
    let each: Vec<Analysis> = texts.iter().map(|t| ex.extract(t)).collect();
    let batch = ex.extract_batch(&texts);
    assert_eq!(batch.len(), texts.len());
    for (i, (b, e)) in batch.iter().zip(&each).enumerate() {
        assert_eq!(b, e, "text {i}: {:?}", &texts[i][..texts[i].len().min(60)]);
    }
}

#[test]
fn deterministic_across_threads() {
    fn assert_send_sync<T: Send + Sync>() {}
    assert_send_sync::<Extractor>();
    let ex = Extractor::default();
    let text = include_str!("../examples/sample.txt");
    let want = ex.extract(text);
    let handles: Vec<_> = (0..4)
        .map(|_| {
            let ex = ex.clone();
            std::thread::spawn(move || ex.extract(text))
        })
        .collect();
    for h in handles {
        assert_eq!(h.join().unwrap(), want);
    }
}

// ---------------------------------------------------------------------------
// Strategies

/// Characters that trouble tokenizers, quote pairing and the fold map: every
/// kind of quote mark and apostrophe, line ends, invisible and combining
/// marks, control chars, right-to-left letters, multi-byte letters.
const TROUBLE: &[&str] = &[
    "“",
    "”",
    "‘",
    "’",
    "\"",
    "'",
    "«",
    "»",
    "„",
    "‹",
    "›",
    "`",
    "ʼ",
    "\n",
    "\n\n",
    "\r",
    "\r\n",
    "\t",
    " ",
    "\u{A0}",
    "\u{2028}",
    "\u{FEFF}",
    "\u{AD}",
    "\u{200B}",
    "\u{200C}",
    "\u{200D}",
    "\u{200E}",
    "\u{200F}",
    "\u{202E}",
    "\u{2060}",
    "\u{301}",
    "\u{308}",
    "\u{FE0F}",
    "\0",
    "\u{7}",
    "\u{1B}",
    "\u{7F}",
    "\u{85}",
    "-",
    "‐",
    "—",
    "–",
    ".",
    "…",
    "!",
    "?",
    ",",
    ":",
    ";",
    "(",
    ")",
    "[",
    "]",
    "/",
    "A",
    "a",
    "I",
    "i",
    "U.S.",
    "Al-",
    "al-",
    "ğ",
    "İ",
    "ß",
    "Æ",
    "ǅ",
    "ﬁ",
    "ا",
    "ل",
    "س",
    "ودا",
    "ني",
    "Ж",
    "中",
    "😀",
    "👩‍👩‍👧",
    "1",
    "2,000",
    "e\u{301}",
];

fn troublesome() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(TROUBLE), 0..120).prop_map(|v| v.concat())
}

const NAMES: &[&str] = &[
    "Mohammed Shia Al-Sudani",
    "Al-Sudani",
    "al-Sudani",
    "Sudani",
    "Vladimir Putin",
    "Putin",
    "Amal Haddad",
    "Haddad",
    "Ms. Graham",
    "Abu Hussein Al-Hamidawi",
    "Omar Khalil",
    "Recep Tayyip Erdoğan",
    "Erdogan",
    "Michael Jordan",
    "Jordan",
    "Leila Nasser",
    "Tarek Aziz",
    "George W. Bush",
];
const COUNTRIES: &[&str] =
    &["Iraq", "Syria", "Turkey", "Türkiye", "the United States", "U.S.", "Jordan", "Iran", "IRAQ", "Lebanon"];
const NATIONALITIES: &[&str] = &["Iraqi", "Russian", "Jordanian", "Turkish", "Syrian", "American"];
const TITLES: &[&str] = &["President", "Prime Minister", "Foreign Minister", "Gen.", "Mr.", "spokesman", "envoy"];
const GROUPS: &[&str] = &[
    "Kata’ib Hezbollah",
    "Kata'ib Hezbollah",
    "Hezbollah",
    "Reuters",
    "the United Nations",
    "UNHCR",
    "the Ministry of Defence",
    "the Syrian Democratic Forces (SDF)",
    "SDF",
    "the Baath Party",
];
const CUES: &[&str] = &[
    "said",
    "told Reuters",
    "added",
    "warned that",
    "stressed that",
    "according to",
    "called on both sides to",
    "said:",
    "told reporters",
    "claimed",
];
const PRONOUNS: &[&str] = &["he", "she", "they", "it", "He", "She", "They"];
const WORDS: &[&str] = &[
    "the talks",
    "would continue",
    "on Monday",
    "in Baghdad",
    "officials",
    "a senior official familiar with the talks",
    "the ceasefire",
    "was fragile",
    "we will not accept any delay",
    "nobody wants a repeat",
    "a spokesman for",
    "factions’",
    "Israel’s",
    "the ’90s",
    "rock ’n’ roll",
    "don't",
];
const OPEN: &[&str] = &["“", "\"", "‘", "'", "«", "„", ""];
const CLOSE: &[&str] = &["”", "\"", "’", "'", "»", ""];
const PUNCT: &[&str] = &[".", ",", ":", ";", "—", "?", "!", "…", ".”", ",”", "(", ")"];
const BREAKS: &[&str] = &[" ", " ", " ", " ", "\n", "\n\n", "\r\n", "\r", "\r\n\r\n", "  ", "\t"];

fn pick(list: &'static [&'static str]) -> impl Strategy<Value = String> {
    prop::sample::select(list).prop_map(str::to_string)
}

/// A made-up capitalised name from syllables: "Karamu Belati".
fn made_up_name() -> impl Strategy<Value = String> {
    let word =
        prop::collection::vec(prop::sample::select(&["ka", "ra", "mu", "be", "la", "ti", "zo", "an", "el"][..]), 2..4)
            .prop_map(|s| {
                let w = s.concat();
                let mut c = w.chars();
                c.next().map(|f| f.to_uppercase().chain(c).collect::<String>()).unwrap_or_default()
            });
    prop::collection::vec(word, 1..4).prop_map(|w| w.join(" "))
}

/// One piece of news text.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => pick(NAMES),
        1 => made_up_name(),
        2 => pick(COUNTRIES),
        1 => pick(NATIONALITIES),
        1 => pick(TITLES),
        2 => pick(GROUPS),
        3 => pick(CUES),
        2 => pick(PRONOUNS),
        4 => pick(WORDS),
        2 => pick(OPEN),
        2 => pick(CLOSE),
        2 => pick(PUNCT),
    ]
}

/// A sentence built the way news attributes quotes, with random marks.
fn quote_sentence() -> impl Strategy<Value = String> {
    (
        pick(OPEN),
        prop::collection::vec(pick(WORDS), 1..4),
        pick(CLOSE),
        prop_oneof![pick(NAMES), pick(PRONOUNS), made_up_name(), pick(GROUPS)],
        pick(CUES),
        0..4u8,
    )
        .prop_map(|(o, words, c, who, cue, shape)| {
            let q = words.join(" ");
            match shape {
                0 => format!("{o}{q},{c} {who} {cue}."),
                1 => format!("{who} {cue}: {o}{q}.{c}"),
                2 => format!("{o}{q},{c} {cue} {who}."),
                _ => format!("{who} {cue} the plan was {o}{q}{c}."),
            }
        })
}

/// A document: quote sentences and loose pieces, joined by random spaces
/// and line ends.
fn news_like() -> impl Strategy<Value = String> {
    let chunk = prop_oneof![2 => quote_sentence(), 3 => piece()];
    prop::collection::vec((chunk, pick(BREAKS)), 0..60).prop_map(|v| {
        let mut s = String::new();
        for (c, b) in v {
            s.push_str(&c);
            s.push_str(&b);
        }
        s
    })
}

// ---------------------------------------------------------------------------
// Properties

/// The number of cases: `n`, or `PROPTEST_CASES` when set.
fn cases(n: u32) -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(n)
}

fn check(ex: &Extractor, text: &str) -> Result<Analysis, TestCaseError> {
    let a = ex.extract(text);
    invariants::check(text, &a).map_err(TestCaseError::fail)?;
    Ok(a)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(512)))]

    #[test]
    fn arbitrary_unicode(text in prop::collection::vec(any::<char>(), 0..300).prop_map(String::from_iter)) {
        check(&Extractor::default(), &text)?;
    }

    #[test]
    fn troublesome_chars(text in troublesome()) {
        check(&Extractor::default(), &text)?;
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(cases(256)))]

    /// Also deterministic: the same text twice gives the same analysis.
    #[test]
    fn news_like_text(text in news_like()) {
        let ex = Extractor::default();
        let a = check(&ex, &text)?;
        prop_assert_eq!(a, ex.extract(&text));
    }
}

/// A second extractor compiled from the same lists (its own hash maps) and
/// other threads give the same output as the shared default one.
#[test]
fn news_like_is_deterministic_across_extractors_and_threads() {
    let fresh = Extractor::builder().build().expect("the embedded lists build");
    let mut runner = proptest::test_runner::TestRunner::new(ProptestConfig::with_cases(cases(48)));
    runner
        .run(&prop::collection::vec(news_like(), 1..4), |texts| {
            let want: Vec<Analysis> = texts.iter().map(|t| Extractor::default().extract(t)).collect();
            let got: Vec<Analysis> = std::thread::scope(|s| {
                let hs: Vec<_> = texts.iter().map(|t| s.spawn(|| fresh.extract(t))).collect();
                hs.into_iter().map(|h| h.join().expect("no panic")).collect()
            });
            prop_assert_eq!(got, want);
            Ok(())
        })
        .unwrap_or_else(|e| panic!("{e}"));
}
