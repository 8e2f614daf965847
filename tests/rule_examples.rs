//! Every rule's examples (`gazetteers/rule_examples.tsv`) run as tests of
//! that rule alone: the other rules of its table are turned off, and the
//! rule must decide what the example marks, and nothing in a text with no
//! marks. One test per table, over all its rules, so a construction added to
//! `rules.tsv` is tested by adding its examples, with no code.

use gazette::{Analysis, Extractor, Kind, RuleInfo, Span};

const EXAMPLES: &str = include_str!("../gazetteers/rule_examples.tsv");

/// An example with its marks taken out: the text, the `[[...]]` spans and
/// the `{{...}}` spans.
struct Example {
    text: String,
    marked: Vec<Span>,
    speakers: Vec<Span>,
}

fn parse(raw: &str) -> Example {
    let raw = raw.replace("\\n", "\n");
    let mut text = String::new();
    let (mut marked, mut speakers) = (Vec::new(), Vec::new());
    let (mut open_m, mut open_s) = (None, None);
    let mut rest = raw.as_str();
    while !rest.is_empty() {
        if let Some(r) = rest.strip_prefix("[[") {
            open_m = Some(text.len());
            rest = r;
        } else if let Some(r) = rest.strip_prefix("]]") {
            marked.push(Span::new(open_m.take().expect("]] closes a [["), text.len()));
            rest = r;
        } else if let Some(r) = rest.strip_prefix("{{") {
            open_s = Some(text.len());
            rest = r;
        } else if let Some(r) = rest.strip_prefix("}}") {
            speakers.push(Span::new(open_s.take().expect("}} closes a {{"), text.len()));
            rest = r;
        } else {
            let c = rest.chars().next().unwrap();
            text.push(c);
            rest = &rest[c.len_utf8()..];
        }
    }
    assert!(open_m.is_none() && open_s.is_none(), "unclosed mark in {raw:?}");
    Example { text, marked, speakers }
}

fn examples() -> Vec<(String, Example)> {
    EXAMPLES
        .lines()
        .filter(|l| !l.starts_with('#') && !l.trim().is_empty())
        .skip(1)
        .map(|l| {
            let (rule, ex) = l.split_once('\t').expect("rule and example");
            (rule.to_string(), parse(ex))
        })
        .collect()
}

/// Whether the analysis shows what the example marks for `rule`, or, for
/// an unmarked example, nothing decided by `rule`. `Err` says what is off.
fn check(rule: &RuleInfo, ex: &Example, a: &Analysis) -> Result<(), String> {
    let text = &ex.text;
    let show = |s: &Span| text[s.range()].to_string();
    let id = rule.id.as_str();
    match rule.table.as_str() {
        "list" | "person" | "group" | "country" | "place" | "link" | "title" => {
            let by_rule: Vec<Span> = a.mentions.iter().filter(|m| m.rule == id).map(|m| m.span).collect();
            if ex.marked.is_empty() && !by_rule.is_empty() {
                return Err(format!("decided {:?}", by_rule.iter().map(show).collect::<Vec<_>>()));
            }
            for s in &ex.marked {
                if !by_rule.contains(s) {
                    let got: Vec<_> = a.mentions.iter().map(|m| format!("{} ({})", show(&m.span), m.rule)).collect();
                    return Err(format!("no mention {:?} by this rule; mentions: {got:?}", show(s)));
                }
                let title = a.mentions.iter().any(|m| m.span == *s && m.kind == Kind::Title);
                if (rule.table == "title") != title {
                    return Err(format!("{:?} is of the wrong kind", show(s)));
                }
            }
        }
        "quote" | "reported" | "continuation" | "fallback" => {
            let by_rule: Vec<_> = a.quotes.iter().filter(|q| q.rule == id).collect();
            if ex.marked.is_empty() && !by_rule.is_empty() {
                return Err(format!("decided {:?}", by_rule.iter().map(|q| &q.text).collect::<Vec<_>>()));
            }
            for s in &ex.marked {
                let Some(q) = by_rule.iter().find(|q| q.span == *s) else {
                    let got: Vec<_> = a.quotes.iter().map(|q| format!("{:?} ({})", q.text, q.rule)).collect();
                    return Err(format!("no statement {:?} by this rule; statements: {got:?}", show(s)));
                };
                for sp in &ex.speakers {
                    if q.speaker.as_ref().map(|x| x.span) != Some(*sp) {
                        return Err(format!("speaker {:?}, want {:?}", q.speaker.as_ref().map(|x| &x.text), show(sp)));
                    }
                }
            }
        }
        "speaker" => {
            let by_rule: Vec<_> = a.quotes.iter().filter_map(|q| q.speaker.as_ref()).filter(|s| s.rule == id).collect();
            if ex.speakers.is_empty() && !by_rule.is_empty() {
                return Err(format!("chose {:?}", by_rule.iter().map(|s| &s.text).collect::<Vec<_>>()));
            }
            for s in &ex.speakers {
                if !by_rule.iter().any(|x| x.span == *s) {
                    let got: Vec<_> = a
                        .quotes
                        .iter()
                        .filter_map(|q| q.speaker.as_ref())
                        .map(|x| format!("{:?} ({})", x.text, x.rule))
                        .collect();
                    return Err(format!("no speaker {:?} by this rule; speakers: {got:?}", show(s)));
                }
            }
        }
        other => return Err(format!("unknown table {other}")),
    }
    Ok(())
}

/// Runs every example of every rule of `table`, that rule alone.
fn table(name: &str) {
    let ex = Extractor::default();
    let all = examples();
    let mut failures = Vec::new();
    let mut ran = 0;
    for rule in ex.rules().iter().filter(|r| r.table == name) {
        let others: Vec<&str> =
            ex.rules().iter().filter(|r| r.table == name && r.id != rule.id).map(|r| r.id.as_str()).collect();
        let alone = ex.without_rules(&others).expect("the rule ids come from the extractor");
        let mine: Vec<&Example> = all.iter().filter(|(r, _)| *r == rule.id).map(|(_, e)| e).collect();
        if !mine.iter().any(|e| !e.marked.is_empty() || !e.speakers.is_empty()) {
            failures.push(format!("{}: no example that shows what it decides", rule.id));
        }
        for e in mine {
            ran += 1;
            if let Err(why) = check(rule, e, &alone.extract(&e.text)) {
                failures.push(format!("{}: {:?}\n    {why}", rule.id, e.text));
            }
        }
    }
    assert!(ran > 0, "no examples for the {name} table");
    assert!(failures.is_empty(), "{} of {ran} example(s) failed:\n{}", failures.len(), failures.join("\n"));
}

/// Every example's marks also hold with all the rules on, whichever rule
/// decides them: a rule that is right alone but is overruled in the full
/// pipeline shows here.
#[test]
fn marks_hold_with_every_rule() {
    let ex = Extractor::default();
    let mut failures = Vec::new();
    for (rule, e) in examples() {
        let Some(info) = ex.rules().iter().find(|r| r.id == rule) else { continue };
        let a = ex.extract(&e.text);
        let show = |s: &Span| e.text[s.range()].to_string();
        let mentions =
            matches!(info.table.as_str(), "list" | "person" | "group" | "country" | "place" | "link" | "title");
        for s in &e.marked {
            let found = if mentions {
                a.mentions.iter().any(|m| m.span == *s && (info.table == "title") == (m.kind == Kind::Title))
            } else {
                a.quotes.iter().any(|q| {
                    q.span == *s
                        && (e.speakers.is_empty() || q.speaker.as_ref().is_some_and(|x| e.speakers.contains(&x.span)))
                })
            };
            if !found {
                failures.push(format!("{rule}: {:?}: no {:?}", e.text, show(s)));
            }
        }
        if info.table == "speaker" {
            for s in &e.speakers {
                if !a.quotes.iter().any(|q| q.speaker.as_ref().is_some_and(|x| x.span == *s)) {
                    failures.push(format!("{rule}: {:?}: no speaker {:?}", e.text, show(s)));
                }
            }
        }
    }
    assert!(failures.is_empty(), "{} mark(s) fail with every rule on:\n{}", failures.len(), failures.join("\n"));
}

#[test]
fn every_example_names_a_rule() {
    let ex = Extractor::default();
    for (rule, e) in examples() {
        assert!(ex.rules().iter().any(|r| r.id == rule), "{rule} is no rule ({:?})", e.text);
    }
}

#[test]
fn list() {
    table("list");
}

#[test]
fn person() {
    table("person");
}

#[test]
fn group() {
    table("group");
}

#[test]
fn country() {
    table("country");
}

#[test]
fn place() {
    table("place");
}

#[test]
fn link() {
    table("link");
}

#[test]
fn title() {
    table("title");
}

#[test]
fn quote() {
    table("quote");
}

#[test]
fn reported() {
    table("reported");
}

#[test]
fn continuation() {
    table("continuation");
}

#[test]
fn fallback() {
    table("fallback");
}

#[test]
fn speaker() {
    table("speaker");
}
