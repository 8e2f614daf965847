//! Hostile text, one test each: every analysis passes the shared invariant
//! checker (`common/invariants.rs`), and what a reader would still find is
//! still found, at the exact bytes.
//!
//! The large inputs guard against quadratic work: at these sizes a
//! quadratic pass would not finish within CI's time. `cargo test` runs a
//! debug build, so the single-line test uses 4 MB there and the full 50 MB
//! in a release build (`cargo test --release --test hostile`); set
//! `GAZETTE_HOSTILE_MB` to choose another size.

#[path = "common/invariants.rs"]
mod invariants;

// The shapes the hostile bench times (`benches/hostile.rs`).
#[allow(dead_code)]
#[path = "../benches/shapes.rs"]
mod shapes;

use std::time::{Duration, Instant};

use gazette::{Analysis, Extractor, Kind, QuoteKind};

const SAMPLE: &str = include_str!("../examples/sample.txt");

/// A wall-clock bound far above what linear work needs even in a debug
/// build on a loaded machine: it turns a runaway into a clear failure.
const DEADLINE: Duration = Duration::from_secs(120);

fn run(text: &str) -> Analysis {
    let start = Instant::now();
    let a = Extractor::default().extract(text);
    let took = start.elapsed();
    assert!(took < DEADLINE, "extracting {} bytes took {took:?}", text.len());
    invariants::assert_ok(text, &a);
    a
}

/// (text, kind) of every mention.
fn mentions(a: &Analysis) -> Vec<(&str, Kind)> {
    a.mentions.iter().map(|m| (m.text.as_str(), m.kind)).collect()
}

/// (quote, kind, speaker name) of every quote.
fn statements(a: &Analysis) -> Vec<(String, QuoteKind, Option<String>)> {
    a.quotes.iter().map(|q| (q.text.clone(), q.kind, a.speaker_name(q).map(str::to_string))).collect()
}

fn person<'a>(a: &'a Analysis, text: &str) -> &'a gazette::Mention {
    a.mentions
        .iter()
        .find(|m| m.kind == Kind::Person && m.text == text)
        .unwrap_or_else(|| panic!("no person mention {text:?} in {:?}", mentions(a)))
}

fn entity_name(a: &Analysis, m: &gazette::Mention) -> String {
    m.entity.map(|e| a.entities[e].name.clone()).unwrap_or_default()
}

#[test]
fn ten_thousand_unmatched_quote_marks() {
    for mark in ["“", "”", "\"", "‘", "’", "'", "«", "»", "„"] {
        let text = mark.repeat(10_000);
        let a = run(&text);
        // One paragraph: at most the one quote left open at its end.
        assert!(a.quotes.len() <= 1, "{mark}: {:?}", statements(&a));
        // Between words, as stray marks in a sentence.
        let text = format!("Iraq {} Syria and Turkey.", format!("{mark} word ").repeat(10_000));
        let a = run(&text);
        let countries: Vec<&str> = a.mentions.iter().filter(|m| m.kind == Kind::Country).map(|m| &*m.text).collect();
        assert_eq!(countries, ["Iraq", "Syria", "Turkey"], "{mark}");
    }
    // A paragraph of 10,000 unmatched marks does not swallow the article
    // around it: each copy of the sample keeps its own quotes and speakers.
    let one = run(SAMPLE);
    let text = format!("{SAMPLE}\n\n{}\n\n{SAMPLE}", "“ ‘ « ".repeat(3_334));
    let a = run(&text);
    let want = statements(&one);
    let got: Vec<_> = statements(&a).into_iter().filter(|(q, _, _)| !q.contains('«')).collect();
    assert_eq!(got.len(), 2 * want.len(), "{got:?}");
    assert_eq!(got[..want.len()], want[..]);
    assert_eq!(got[want.len()..], want[..]);
    // Openers of one kind then closers of another: no closer may scan the
    // stack of openers (that was quadratic).
    let n = if cfg!(debug_assertions) { 100_000 } else { 1_000_000 };
    run(&format!("{}{}", "“".repeat(n), "x’ ".repeat(n)));
}

#[test]
fn fifty_megabyte_single_line() {
    let default_mb = if cfg!(debug_assertions) { 4 } else { 50 };
    let mb: usize = std::env::var("GAZETTE_HOSTILE_MB").ok().and_then(|v| v.parse().ok()).unwrap_or(default_mb);
    let line = SAMPLE.replace('\n', " ");
    let copies = (mb << 20) / line.len() + 1;
    let text = line.repeat(copies);
    assert!(!text.contains('\n') && text.len() >= mb << 20);
    let one = run(&line);
    let a = run(&text);
    // Every copy is read the same way: the same mentions, shifted.
    assert_eq!(a.mentions.len(), copies * one.mentions.len());
    for (i, m) in a.mentions.iter().enumerate() {
        let o = &one.mentions[i % one.mentions.len()];
        let shift = (i / one.mentions.len()) * line.len();
        assert_eq!((m.span.start, m.span.end, m.kind), (o.span.start + shift, o.span.end + shift, o.kind));
    }
    assert_eq!(a.quotes.len(), copies * one.quotes.len());
    // Single lines of shapes that once took quadratic time, a quarter of the
    // size each: a line that never ends a sentence (a headline, to the
    // segmenter) full of group names, and one sentence of quotes whose
    // speakers are pronouns.
    let unit = "Kata’ib Hezbollah and the Ministry of Defence met Iraqi Prime Minister Ali Haddad ";
    let n = (mb << 18) / unit.len() + 1;
    let a = run(&unit.repeat(n));
    assert_eq!(a.mentions.iter().filter(|m| m.text == "Kata’ib Hezbollah").count(), n);
    let unit = "officials “we stay” they said, ";
    let n = (mb << 18) / unit.len() + 1;
    let a = run(&unit.repeat(n));
    assert_eq!(a.quotes.iter().filter(|q| q.text == "we stay").count(), n);
}

#[test]
fn quotes_nested_five_deep() {
    let text = "“One ‘two « three “four ‘five’ four” three » two’ one,” Leila Nasser said.";
    let a = run(text);
    assert_eq!(
        statements(&a),
        [(
            "One ‘two « three “four ‘five’ four” three » two’ one,".to_string(),
            QuoteKind::Direct,
            Some("Leila Nasser".to_string())
        )]
    );
    // Five deep and never closed: the quote ends with its paragraph, and the
    // next paragraph is read as usual.
    let text = "Leila Nasser said: “One ‘two « three “four ‘five.\n\nIraq and Syria agreed.";
    let a = run(text);
    assert_eq!(a.quotes[0].text, "One ‘two « three “four ‘five.");
    assert_eq!(a.speaker_name(&a.quotes[0]), Some("Leila Nasser"));
    let countries: Vec<&str> = a.mentions.iter().filter(|m| m.kind == Kind::Country).map(|m| &*m.text).collect();
    assert_eq!(countries, ["Iraq", "Syria"]);
    // Nested fifty deep, closed in order.
    let open: String = (0..50).map(|i| if i % 2 == 0 { "“a " } else { "‘b " }).collect();
    let close: String = (0..50).rev().map(|i| if i % 2 == 0 { " c”" } else { " d’" }).collect();
    let text = format!("{open}x{close} Leila Nasser said.");
    let a = run(&text);
    assert_eq!(a.quotes.len(), 1);
    assert_eq!(a.speaker_name(&a.quotes[0]), Some("Leila Nasser"));
}

#[test]
fn right_to_left_and_mixed_scripts() {
    // An Arabic name in Arabic script beside its transliteration.
    let text = "Iraqi Prime Minister Mohammed Shia Al-Sudani (محمد شياع السوداني) said on Monday that \
                Iraq would stay neutral.";
    let a = run(text);
    let m = person(&a, "Mohammed Shia Al-Sudani");
    assert_eq!(&text[m.span.range()], "Mohammed Shia Al-Sudani");
    assert!(a.mentions.iter().all(|m| !m.text.contains('م')), "{:?}", mentions(&a));
    assert_eq!(a.speaker_name(&a.quotes[0]), Some("Mohammed Shia al-Sudani"));
    // Arabic first, then English.
    let text = "رئيس الوزراء محمد شياع السوداني met Vladimir Putin in Moscow. “We want stability,” Al-Sudani said.";
    let a = run(text);
    assert_eq!(entity_name(&a, person(&a, "Vladimir Putin")), "Vladimir Putin");
    assert_eq!(
        statements(&a),
        [("We want stability,".to_string(), QuoteKind::Direct, Some("Mohammed Shia al-Sudani".to_string()))]
    );
    // Bidi controls around and inside a name: an embedding, a right-to-left
    // mark between "Al" and "-Sudani", an isolate.
    let text = "\u{202B}Al-Sudani\u{202C} met Putin. Al\u{200F}-Sudani said “we will not wait”. \
                \u{2067}Putin\u{2069} agreed.";
    let a = run(text);
    let m = person(&a, "Al\u{200F}-Sudani");
    assert_eq!(entity_name(&a, m), "Mohammed Shia al-Sudani");
    let q = &a.quotes[0];
    assert_eq!(q.speaker.as_ref().map(|s| s.span), Some(m.span));
    assert_eq!(a.mentions_of(person(&a, "Putin").entity.unwrap()).count(), 2);
    // Other scripts beside Latin names.
    let text = "Владимир Путин (Vladimir Putin) and 习近平 met Recep Tayyip Erdoğan in Ankara.";
    let a = run(text);
    for name in ["Vladimir Putin", "Recep Tayyip Erdoğan"] {
        assert_eq!(entity_name(&a, person(&a, name)), name);
    }
}

#[test]
fn invisible_chars_inside_names() {
    let cases = [
        // A soft hyphen after the hyphen, and a zero-width joiner inside.
        ("Mohammed Shia Al-\u{AD}Sudani", "Al\u{AD}-Sudani"),
        ("Mohammed Shia Al-Su\u{200D}dani", "Al-Sudani\u{200D}"),
        // Combining marks: an acute inside, a breve making a decomposed "ğ".
        ("Moha\u{301}mmed Shia Al-Sudani", "Al-Su\u{308}dani"),
        ("Mohammed Shia Al-Sudani\u{200B}", "\u{FEFF}Al-Sudani"),
    ];
    for (full, short) in cases {
        let text = format!("Iraqi Prime Minister {full} met Putin. “We are ready,” {short} said.");
        let a = run(&text);
        let m = person(&a, full.trim_end_matches('\u{200B}'));
        assert_eq!(entity_name(&a, m), "Mohammed Shia al-Sudani", "{text:?}");
        let q = &a.quotes[0];
        assert_eq!(q.text, "We are ready,");
        assert_eq!(a.speaker_name(q), Some("Mohammed Shia al-Sudani"), "{text:?}");
        let spk = q.speaker.as_ref().unwrap();
        assert!(spk.text.contains("Su") && spk.text.trim_matches(['\u{200D}', '\u{FEFF}']).starts_with("Al"));
    }
    let text = "Iraqi Prime Minister Mohammed Shia Al-Sudani met Recep Tayyip Erdog\u{306}an. “We are ready,” \
                Erdoğan said.";
    let a = run(text);
    let m = person(&a, "Recep Tayyip Erdog\u{306}an");
    assert_eq!(entity_name(&a, m), "Recep Tayyip Erdoğan");
    assert_eq!(a.speaker_name(&a.quotes[0]), Some("Recep Tayyip Erdoğan"));
}

#[test]
fn nul_bytes_and_control_characters() {
    let text = "Iraq\0 and Syria\u{7} signed\u{1B}[0m a deal. “No,\0” Putin said.";
    let a = run(text);
    let found: Vec<&str> = a.mentions.iter().map(|m| &*m.text).collect();
    assert_eq!(found, ["Iraq", "Syria", "Putin"]);
    assert_eq!(a.quotes[0].text, "No,\0");
    assert_eq!(a.speaker_name(&a.quotes[0]), Some("Vladimir Putin"));
    // Every C0 and C1 control and DEL, between the words of the sample.
    let controls: Vec<char> = (0u32..0x20).chain(0x7F..0xA0).filter_map(char::from_u32).collect();
    let mut text = String::new();
    for (i, w) in SAMPLE.split(' ').enumerate() {
        text.push_str(w);
        text.push(' ');
        text.push(controls[i % controls.len()]);
    }
    run(&text);
    // Nothing but NULs.
    let a = run(&"\0".repeat(100_000));
    assert!(a.mentions.is_empty() && a.quotes.is_empty());
}

#[test]
fn crlf_and_lone_cr_line_endings() {
    let lf = run(SAMPLE);
    for eol in ["\r\n", "\r"] {
        let text = SAMPLE.replace('\n', eol);
        let a = run(&text);
        // The same mentions and statements, at spans exact in this text.
        assert_eq!(mentions(&a), mentions(&lf), "{eol:?}");
        assert_eq!(statements(&a), statements(&lf), "{eol:?}");
        for m in &a.mentions {
            assert_eq!(&text[m.span.range()], m.text);
        }
    }
    let text = "Amal Haddad arrived.\r\n“We will stay,” she said.\r\n\r\nIraq agreed.\rSyria did not.\r\
                “Never,” Putin said.";
    let a = run(text);
    let iraq = a.mentions.iter().find(|m| m.text == "Iraq").unwrap();
    assert_eq!(iraq.span.start, text.find("Iraq").unwrap());
    assert_eq!(
        statements(&a),
        [
            ("We will stay,".to_string(), QuoteKind::Direct, Some("Amal Haddad".to_string())),
            ("Never,".to_string(), QuoteKind::Direct, Some("Vladimir Putin".to_string())),
        ]
    );
    // Nothing but line ends.
    run(&"\r".repeat(100_000));
    run(&"\r\n".repeat(100_000));
}

#[test]
fn byte_order_mark() {
    let text = "\u{FEFF}Iraq and Syria signed a deal.";
    let a = run(text);
    let found: Vec<(usize, &str)> = a.mentions.iter().map(|m| (m.span.start, &*m.text)).collect();
    assert_eq!(found, [(3, "Iraq"), (12, "Syria")]);
    // Every span of the sample moves by the BOM's three bytes, no more.
    let one = run(SAMPLE);
    let text = format!("\u{FEFF}{SAMPLE}");
    let a = run(&text);
    assert_eq!(mentions(&a), mentions(&one));
    for (m, o) in a.mentions.iter().zip(&one.mentions) {
        assert_eq!((m.span.start, m.span.end), (o.span.start + 3, o.span.end + 3));
    }
    assert_eq!(statements(&a), statements(&one));
    // A BOM in the middle, where two files were joined.
    let text = "Iraq agreed.\n\u{FEFF}Syria did not.";
    let a = run(text);
    let found: Vec<&str> = a.mentions.iter().map(|m| &*m.text).collect();
    assert_eq!(found, ["Iraq", "Syria"]);
}

/// Every shape of the hostile bench at 1 MiB and 4 MiB: the time may grow
/// at most 8 times (linear work grows about 4 times, 5 to 6 where a 4 MiB
/// text's data leaves the caches; quadratic work 16).
/// Ratios only, the best of two runs each; a release build, where the sizes
/// take seconds (`cargo test --release --test hostile`, as CI runs it).
#[test]
#[cfg_attr(debug_assertions, ignore = "timing ratios need a release build: cargo test --release --test hostile")]
fn every_shape_grows_linearly() {
    let ex = Extractor::default();
    let cx = shapes::Ctx::new();
    let best = |text: &str| {
        (0..2)
            .map(|_| {
                let start = Instant::now();
                let n = ex.extract(text).mentions.len();
                (start.elapsed(), n)
            })
            .min()
            .map_or(Duration::ZERO, |(t, _)| t)
    };
    let n = 1 << 20;
    let mut bad = Vec::new();
    for (name, make) in shapes::SHAPES {
        let (small, large) = (make(n, &cx), make(4 * n, &cx));
        let (t1, t4) = (best(&small), best(&large));
        let growth = t4.as_secs_f64() / t1.as_secs_f64().max(1e-6);
        // Below 20 ms the clock's noise weighs more than the work.
        if growth > 8.0 && t4 > Duration::from_millis(20) {
            bad.push(format!("{name}: {t1:?} -> {t4:?} (x{growth:.1})"));
        }
    }
    assert!(bad.is_empty(), "superlinear shapes:\n{}", bad.join("\n"));
}
