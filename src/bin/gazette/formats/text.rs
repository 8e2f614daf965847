//! The plain report: who is in the text, then who said what.

use std::collections::HashMap;
use std::io::Write;

use gazette::{Analysis, Kind, QuoteKind};

/// Writes the report of one text (writing to a `Vec` cannot fail).
pub fn report(out: &mut Vec<u8>, text: &str, a: &Analysis) {
    // Mentions per entity and kind, counted in one pass (not one pass per
    // entity, which grows with the square of a long text).
    let mut mentions: HashMap<(usize, Kind), usize> = HashMap::new();
    for m in &a.mentions {
        if let Some(e) = m.entity {
            *mentions.entry((e, m.kind)).or_insert(0) += 1;
        }
    }
    for (kind, label) in
        [(Kind::Person, "People"), (Kind::Country, "Countries"), (Kind::Group, "Groups"), (Kind::Place, "Places")]
    {
        // A country named only by its nationality ("Iranian") is listed
        // under Nationalities, not here with no mention.
        let ents: Vec<_> = a
            .entities
            .iter()
            .filter(|e| e.kind == kind)
            .map(|e| (e, mentions.get(&(e.id, kind)).copied().unwrap_or(0)))
            .filter(|&(_, n)| n > 0)
            .collect();
        if ents.is_empty() {
            continue;
        }
        let _ = writeln!(out, "{}:", label);
        for (e, n) in ents {
            let role = e.attribute("role").map(|r| format!(" ({})", r)).unwrap_or_default();
            let _ = writeln!(out, "  {}{}  [{} mention{}]", e.name, role, n, plural(n));
        }
    }
    // Nationalities name a country's people ("Jordanian"): listed by form,
    // with the country they stand for.
    // In order of first mention; found by form and country.
    let mut nat: Vec<(String, Option<String>, usize)> = Vec::new();
    let mut nat_at: HashMap<(String, Option<String>), usize> = HashMap::new();
    for m in a.mentions.iter().filter(|m| m.kind == Kind::Nationality) {
        let country = m.entity.and_then(|i| a.entities.get(i)).map(|e| e.name.clone());
        let at = *nat_at.entry((m.text.clone(), country.clone())).or_insert_with(|| {
            nat.push((m.text.clone(), country, 0));
            nat.len() - 1
        });
        if let Some(x) = nat.get_mut(at) {
            x.2 += 1;
        }
    }
    if !nat.is_empty() {
        let _ = writeln!(out, "Nationalities:");
        for (t, c, n) in nat {
            let of = c.filter(|c| *c != t).map(|c| format!(" ({})", c)).unwrap_or_default();
            let _ = writeln!(out, "  {}{}  [{} mention{}]", t, of, n, plural(n));
        }
    }
    let said: Vec<_> = a.quotes.iter().filter(|q| q.kind != QuoteKind::Mention).collect();
    if !said.is_empty() {
        let _ = writeln!(out, "Who said what:");
        for q in said {
            let who = a.speaker_name(q).unwrap_or("(unknown)");
            let how = q.cue.as_ref().map_or(String::new(), |c| format!(" [{}]", c.text));
            let body: String = text.get(q.span.range()).unwrap_or("").split_whitespace().collect::<Vec<_>>().join(" ");
            let _ = match q.kind {
                QuoteKind::Direct => writeln!(out, "  {}{}: “{}”", who, how, body),
                _ => writeln!(out, "  {}{} (reported): {}", who, how, body),
            };
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 {
        ""
    } else {
        "s"
    }
}
