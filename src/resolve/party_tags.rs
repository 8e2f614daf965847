//! Party tags: "Rep. Ann Lee, D-N.Y., said", "Sen. Mark Kelly (D-Ariz.)",
//! "Ann Lee (D)". A person's name followed by a comma or an opening bracket
//! and a tag of the party tags list (`party_tags.tsv`) makes the person a
//! member of the tag's party. The tag is read in two shapes: the tag, a
//! hyphen and a listed place or country of the country that uses the tag
//! ("D-N.Y.": New York is in the US), or the tag alone in brackets ("(D)"),
//! when only one country uses it. The tag itself is no mention.

use std::collections::HashSet;

use super::{add_attr, EntId, EntRel, EntRelKind, Ment, Resolved, MEMBER_OF};
use crate::cand::Source;
use crate::doc::{Doc, Tok};
use crate::gazetteer::{Gazetteer, PartyTag};
use crate::hash::FastMap;
use crate::kind::Kind;
use crate::Span;

/// Adds a `member_of` relation, and a `member_of` attribute, for every
/// person named before a party tag: one per person and party, with the tag
/// as evidence and the party's entity as target when the text names it.
pub(super) fn memberships(doc: &Doc<'_>, gaz: &Gazetteer, r: &mut Resolved) {
    if gaz.lists.party_tags.is_empty() {
        return;
    }
    // (person, party entry, the tag's span)
    let mut found: Vec<(EntId, u32, Span)> = Vec::new();
    let mut seen: HashSet<(EntId, u32)> = HashSet::new();
    for m in r.ments.iter().filter(|m| m.kind == Kind::Person) {
        let Some((span, tag)) = tag_after(doc, gaz, r, m) else { continue };
        // A tag that names no party ("I", an independent) makes no member.
        let Some(group) = tag.group else { continue };
        if seen.insert((m.ent, group)) {
            found.push((m.ent, group, span));
        }
    }
    if found.is_empty() {
        return;
    }
    // The entity of each listed group the text names, by its entry id.
    let mut named: FastMap<&str, EntId> = FastMap::default();
    for m in r.ments.iter().filter(|m| m.kind == Kind::Group) {
        if let Some(key) = r.ent(m.ent).key.as_deref() {
            named.entry(key).or_insert(m.ent);
        }
    }
    let rels: Vec<EntRel> = found
        .into_iter()
        .map(|(person, group, span)| {
            let party = gaz.entry(group);
            EntRel {
                kind: EntRelKind::MemberOf,
                source: person,
                target: named.get(party.key()).copied(),
                value: Some(party.name().to_string()),
                evidence: Some(span),
            }
        })
        .collect();
    for x in rels {
        if let Some(v) = &x.value {
            add_attr(&mut r.ents[x.source.ix()], MEMBER_OF, v);
        }
        r.relations.push(x);
    }
}

/// The party tag right after person mention `m`, with the tag's span.
fn tag_after<'g>(doc: &Doc<'_>, gaz: &'g Gazetteer, r: &Resolved, m: &Ment) -> Option<(Span, &'g PartyTag)> {
    // The text first: most names are followed by neither mark, and the
    // token layer there is not at hand in a long text.
    if !doc.text.get(m.span.end..)?.trim_start().starts_with([',', '(']) {
        return None;
    }
    let open = doc.tok_at(m.span.end);
    let bracket = match doc.tok(open) {
        "," => false,
        "(" => true,
        _ => return None,
    };
    if !doc.text.get(m.span.end..doc.span(open).start)?.trim().is_empty() {
        return None;
    }
    let t = open + 1;
    let tags = gaz.party_tags(doc.tok(t));
    if tags.is_empty() {
        return None;
    }
    let span = doc.span(t);
    let dash = t + 1;
    if is_dash(doc.tok(dash)) && touch(doc, t, dash) && touch(doc, dash, dash + 1) {
        // "D-N.Y.": the place after the hyphen says which country's tag it is.
        let place = doc.span(dash + 1);
        let at = r.ments.at(place.start).filter(|p| p.span.start == place.start)?;
        let Source::Gaz { entry, .. } = at.source else { return None };
        if !matches!(at.kind, Kind::Place | Kind::Country) {
            return None;
        }
        let country = gaz.entry(entry).country()?;
        return tags.iter().find(|p| p.country == country).map(|p| (span, p));
    }
    // "(D)": the tag alone in brackets, when one country uses it.
    match tags {
        [only] if bracket && doc.tok(t + 1) == ")" => Some((span, only)),
        _ => None,
    }
}

/// Whether token `a` ends where token `b` starts.
fn touch(doc: &Doc<'_>, a: Tok, b: Tok) -> bool {
    doc.token(b).is_some() && doc.span(a).end == doc.span(b).start
}

/// A hyphen or an en dash, alone: what joins a party's tag to its state.
fn is_dash(s: &str) -> bool {
    let mut cs = s.chars();
    matches!((cs.next(), cs.next()), (Some('-' | '\u{2010}' | '\u{2011}' | '\u{2013}'), None))
}
