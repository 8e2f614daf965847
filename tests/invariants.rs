//! Invariants that hold for every input: spans in bounds and on char
//! boundaries, sorted mentions, no overlap among scored kinds, valid
//! indices, determinism across runs and threads.

use gazette::{Analysis, Extractor, Kind, RelationKind};

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

fn check(text: &str, a: &Analysis) {
    let ok = |s: gazette::Span| {
        s.start <= s.end && s.end <= text.len() && text.is_char_boundary(s.start) && text.is_char_boundary(s.end)
    };
    for w in a.mentions.windows(2) {
        assert!(w[0].span.start <= w[1].span.start, "mentions unsorted in {text:?}");
    }
    let scored: Vec<_> =
        a.mentions.iter().filter(|m| matches!(m.kind, Kind::Person | Kind::Country | Kind::Group)).collect();
    for w in scored.windows(2) {
        assert!(w[0].span.end <= w[1].span.start, "scored mentions overlap in {text:?}: {:?} {:?}", w[0], w[1]);
    }
    for m in &a.mentions {
        assert!(ok(m.span), "{m:?}");
        assert_eq!(&text[m.span.range()], m.text);
        assert!(m.entity.is_none_or(|e| e < a.entities.len()));
    }
    for (i, e) in a.entities.iter().enumerate() {
        assert_eq!(e.id, i);
    }
    for q in &a.quotes {
        assert!(ok(q.span));
        assert_eq!(&text[q.span.range()], q.text);
        if let Some(s) = &q.speaker {
            assert!(ok(s.span));
            assert_eq!(&text[s.span.range()], s.text);
            assert!(s.entity.is_none_or(|e| e < a.entities.len()));
        }
        if let Some(c) = &q.cue {
            assert!(ok(c.span));
        }
    }
    for r in &a.relations {
        assert!(r.source < a.entities.len());
        match (r.kind, r.target) {
            (RelationKind::Said, Some(t)) => assert!(t < a.quotes.len()),
            (_, Some(t)) => assert!(t < a.entities.len()),
            _ => {}
        }
    }
}

#[test]
fn hold_on_odd_inputs() {
    let ex = Extractor::default();
    for t in TEXTS {
        check(t, &ex.extract(t));
    }
    let sample = include_str!("../examples/sample.txt");
    check(sample, &ex.extract(sample));
    // Every prefix cut at a char boundary.
    for (i, _) in sample.char_indices().step_by(7) {
        check(&sample[..i], &ex.extract(&sample[..i]));
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
