//! Places no list knows, found by their form.
//!
//! * `place/head-word`: one to four capitalised words ending in a place's
//!   head word ("Volgograd Arena", "Dulles International Airport", "Jamarat
//!   Bridge"). The head words are lexicon rows (`place_head`).
//! * `place/noun-of`: a lower-case noun for a place, "of" and one to three
//!   capitalised words no list knows ("the town of Yeoncheon").
//! * `place/town-region`: after a preposition, one to three capitalised words
//!   no list knows, then a comma and a listed region or country ("a boy from
//!   Irving, Texas", "the museum of McMinnville, Oregon").

use crate::cand::Cand;
use crate::doc::Tok;
use crate::kind::Kind;
use crate::lexicon::Class;
use crate::ruleset::RuleId;
use crate::Span;

use super::{possessive_tail, Ctx};

/// The most capitalised words before a place's head word.
const MAX_BEFORE: usize = 4;

/// Finds places by their form and appends them to `out`.
pub(crate) fn places(cx: &Ctx<'_, '_>, out: &mut Vec<Cand>) {
    if cx.mask.on(RuleId::PlaceTownRegion) {
        town_region(cx, out);
    }
    if cx.mask.on(RuleId::PlaceNounOf) {
        noun_of(cx, out);
    }
    // (The people below are read only when some token is a head word.)
    if !cx.mask.on(RuleId::PlaceHeadWord) || !cx.doc.has_class(Class::PlaceHead) {
        return;
    }
    let doc = cx.doc;
    // The people the person rules read, by start: a place never starts with one.
    let mut people: Vec<Span> = out.iter().filter(|c| c.kind == Kind::Person).map(|c| c.span).collect();
    people.sort_unstable_by_key(|s| s.start);
    for h in doc.tokens_of(Class::PlaceHead) {
        if !cx.cap_word(h) || cx.doc.token(h).is_some_and(|t| t.upper()) {
            continue;
        }
        // A head word followed by another capitalised word is inside a
        // longer name ("Arena Football League").
        if cx.cap_word(h + 1) && doc.sentence_of_tok(h + 1) == doc.sentence_of_tok(h) {
            continue;
        }
        let sent = doc.sentence_of_tok(h);
        if doc.seg.sentences.get(sent).is_none_or(|s| doc.title_case(s.para())) {
            continue;
        }
        // The capitalised words before it, in its sentence, up to a
        // possessive ("Mecca's Grand Mosque": the place starts after it).
        let mut a = h;
        while let Some(p) = a.prev() {
            if a.len_to(h) >= MAX_BEFORE
                || !cx.cap_word(p)
                || doc.sentence_of_tok(p) != sent
                || possessive_tail(doc.tok(p)) > 0
                || doc.token(p).is_some_and(|t| t.upper())
            {
                break;
            }
            a = p;
        }
        // Words that open sentences and titles are no part of a name.
        while a < h && (cx.not_name(a) || cx.is(a, Class::Definite) || cx.title_at(a, a + 1).is_some()) {
            a = a + 1;
        }
        // "Maria Lake said": a given name and the head word is a person's
        // name ("George Washington Bridge" is a place).
        if a == h || (a + 1 == h && doc.given(a).is_some()) {
            continue;
        }
        let span = Span::new(doc.span(a).start, doc.span(h).end);
        if people.binary_search_by_key(&span.start, |p| p.start).is_ok() {
            continue;
        }
        out.push(place_cand(span, RuleId::PlaceHeadWord));
    }
}

fn place_cand(span: Span, rule: RuleId) -> Cand {
    Cand::from_rule(span, Kind::Place, rule)
}

/// "a boy from Irving, Texas", "in Eureka Springs, Arkansas": after a
/// lower-case preposition, one to three capitalised words no list knows,
/// then a comma, a listed region or country, and a comma or the sentence's
/// end, are a town. A person the person rules read there gives way.
fn town_region(cx: &Ctx<'_, '_>, out: &mut Vec<Cand>) {
    let doc = cx.doc;
    let mut found = Vec::new();
    for c in (1..doc.len()).map(Tok::new) {
        if doc.tok(c) != "," {
            continue;
        }
        // The region: a listed place or country right after the comma, then
        // a comma, a full stop or a bracket.
        let Some((r, kind, _)) = cx.entity_at(c + 1, Tok::MAX) else { continue };
        let ends = matches!(doc.tok(r), "," | "." | ")" | ";" | "") || (cx.low_word(r) && cx.is(r, Class::Coordinator));
        if !matches!(kind, Kind::Place | Kind::Country) || !ends {
            continue;
        }
        let sent = doc.sentence_of_tok(c);
        let mut a = c;
        while let Some(p) = a.prev() {
            if a.len_to(c) >= 3 || !cx.cap_word(p) || doc.sentence_of_tok(p) != sent || possessive_tail(doc.tok(p)) > 0
            {
                break;
            }
            a = p;
        }
        let after_prep = a.prev().is_some_and(|p| cx.low_word(p) && cx.is(p, Class::Preposition));
        // An acronym is an institution's ("at UCLA, Los Angeles").
        let odd = |t: Tok| cx.not_name(t) || cx.is(t, Class::Definite) || doc.token(t).is_some_and(|x| x.upper());
        if a == c || !after_prep || Tok::range(a, c).any(odd) {
            continue;
        }
        // A town the lists know stands as it is.
        if Tok::range(a, c).any(|t| cx.entity_at(t, Tok::MAX).is_some()) {
            continue;
        }
        found.push(Span::new(doc.span(a).start, doc.span(c - 1).end));
    }
    super::drop_people_over(out, &found);
    out.extend(found.into_iter().map(|span| place_cand(span, RuleId::PlaceTownRegion)));
}

/// "the town of Yeoncheon", "the village of Kfar Aza": a lower-case noun
/// for a place (lexicon `place_noun`), "of", and one to three capitalised
/// words no list knows, in its sentence, are a place.
fn noun_of(cx: &Ctx<'_, '_>, out: &mut Vec<Cand>) {
    let doc = cx.doc;
    let mut found = Vec::new();
    for n in doc.tokens_of(Class::PlaceNoun) {
        if !cx.low_word(n) {
            continue;
        }
        let of = n + 1;
        if !(cx.is(of, Class::PartLink) && cx.low_word(of)) {
            continue;
        }
        let (a, sent) = (of + 1, doc.sentence_of_tok(n));
        let mut b = a;
        while b.ix() < doc.len() && a.len_to(b) < 3 && cx.cap_word(b) && doc.sentence_of_tok(b) == sent {
            b = b + 1;
            if possessive_tail(doc.tok(b - 1)) > 0 {
                break;
            }
        }
        let odd = |t: Tok| cx.not_name(t) || cx.is(t, Class::Definite) || doc.token(t).is_some_and(|x| x.upper());
        if a == b || Tok::range(a, b).any(odd) || Tok::range(a, b).any(|t| cx.entity_at(t, Tok::MAX).is_some()) {
            continue;
        }
        let end = doc.span(b - 1).end - possessive_tail(doc.tok(b - 1));
        found.push(Span::new(doc.span(a).start, end));
    }
    super::drop_people_over(out, &found);
    out.extend(found.into_iter().map(|span| place_cand(span, RuleId::PlaceNounOf)));
}
