//! The whole pipeline on the sample article in `examples/sample.txt`, with the
//! expected entities and statements written down by hand.

mod common;

use common::{analyse, names, said};
use gazette::{Kind, QuoteKind, RelationKind};

const SAMPLE: &str = include_str!("../examples/sample.txt");

#[test]
fn entities() {
    let a = analyse(SAMPLE);
    assert_eq!(names(&a, Kind::Person), ["Ayman Safadi", "Geir Pedersen", "Nadia Karimi"]);
    assert_eq!(names(&a, Kind::Country), ["Jordan", "Syria", "Turkey", "Iran"]);
    let groups = names(&a, Kind::Group);
    for g in ["United Nations", "Reuters", "World Food Programme", "Norwegian Refugee Council"] {
        assert!(groups.iter().any(|n| n == g), "{g} missing from {groups:?}");
    }
    // "Safadi" alone later in the text is the same person as the full name.
    let safadi = a.entities.iter().find(|e| e.name == "Ayman Safadi").unwrap();
    let forms: Vec<&str> = a.mentions_of(safadi.id).map(|m| m.text.as_str()).collect();
    assert_eq!(forms, ["Ayman Safadi", "Safadi"]);
    assert_eq!(safadi.attribute("role"), Some("Foreign Minister"));
    // "Jordanian" is a nationality tied to Jordan.
    let jordan = a.entities.iter().find(|e| e.name == "Jordan").unwrap();
    assert!(a.mentions_of(jordan.id).any(|m| m.kind == Kind::Nationality && m.text == "Jordanian"));
}

#[test]
fn statements() {
    let a = analyse(SAMPLE);
    let direct = said(&a, QuoteKind::Direct);
    let want: &[(&str, &str)] = &[
        ("The crossings must reopen before winter, and we will not wait for another round of talks,", "Ayman Safadi"),
        ("fragile but workable.", "Geir Pedersen"),
        ("There is real fear among the families in Daraa,", "a senior Jordanian official familiar with the talks"),
        ("Nobody wants a repeat of last winter.", "a senior Jordanian official familiar with the talks"),
        ("We are running out of time, and the families know it.", "Nadia Karimi"),
    ];
    let got: Vec<(&str, &str)> = direct.iter().map(|(q, s)| (q.as_str(), s.as_str())).collect();
    assert_eq!(got, want);

    let reported = said(&a, QuoteKind::Indirect);
    let got: Vec<(&str, &str)> = reported.iter().map(|(q, s)| (q.as_str(), s.as_str())).collect();
    assert_eq!(
        got,
        [
            ("fuel and food shortages in the country’s south", "aid agencies"),
            ("the Security Council would review the proposal next week", "Geir Pedersen"),
            ("it had cut rations for 120,000 people in southern Syria", "World Food Programme"),
        ]
    );
    // The pronoun is the speaker's text; the entity is Pedersen.
    let q = a.quotes.iter().find(|q| q.text == "fragile but workable.").unwrap();
    assert_eq!(q.speaker.as_ref().unwrap().text, "He");
    assert_eq!(q.cue.as_ref().unwrap().text, "described");
    // Every attributed statement with an entity has a `said` relation.
    for (i, q) in a.quotes.iter().enumerate() {
        if let Some(e) = q.speaker.as_ref().and_then(|s| s.entity) {
            assert!(a.relations.iter().any(|r| r.kind == RelationKind::Said && r.source == e && r.quote == Some(i)));
        }
    }
}

#[test]
fn spans_slice_the_original() {
    let a = analyse(SAMPLE);
    for m in &a.mentions {
        assert_eq!(&SAMPLE[m.span.range()], m.text);
    }
    for q in &a.quotes {
        assert_eq!(&SAMPLE[q.span.range()], q.text);
        if let Some(s) = &q.speaker {
            assert_eq!(&SAMPLE[s.span.range()], s.text);
        }
        if let Some(c) = &q.cue {
            assert_eq!(&SAMPLE[c.span.range()], c.text);
        }
    }
}
