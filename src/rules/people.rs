//! People no list knows.
//!
//! A run of capitalised words (with the particles names carry: "bin", "de",
//! "al-", "O’") is a person when one of the person rules finds evidence for
//! it, tried in this order:
//!
//! * `person/title`, `person/regal`: a title stands before it ("Prime
//!   Minister Mohammed Shia Al-Sudani", "King Abdullah");
//! * `person/given-name`: it holds a known given name ("Fadi Al-Shammari",
//!   "Abu Hussein Al-Hamidawi");
//! * `person/appositive`, `person/own-pronoun`: an appositive role follows it
//!   ("Omar Khalil, a spokesman for ...") or a predicate with its own pronoun
//!   ("... injured his knee"); these alone can make a person of an ambiguous
//!   list entry ("Jordan");
//! * `person/after-cue`, `person/intro`, `person/predicate`,
//!   `person/surname-form`: a cue before it ("said ..."), a kinship or agent
//!   phrase ("the son of ...", "led by ..."), a person's predicate ("... was
//!   elected") or a telling surname ("McAllister", "Di Marco");
//! * `person/listed`: a plain run listed with people ("A, B and C").
//!
//! Titles, party labels and sentence openers before the name are not part of
//! it; a run that ends in an organisation's head word ("... Foundation") is no
//! person.

use std::cell::OnceCell;

use crate::cand::{Cand, Source};
use crate::doc::{LexHit, Tok};
use crate::gazetteer::{GivenName, Noun};
use crate::hash::TextMap;
use crate::kind::{Gender, Kind, SpeakerKind};
use crate::lexicon::{Class, ClassSet};
use crate::ruleset::RuleId;
use crate::segment::{roman, TokKind};
use crate::Span;

use super::{possessive_tail, Ctx};

/// How sure the rules are that a run names a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Evidence {
    /// A plain capitalised run: a person only when listed with people.
    Plain,
    /// A person, by the named rule.
    Strong(RuleId),
}

/// A name the rules read in one run.
struct Name {
    /// The name's tokens.
    f: Tok,
    e: Tok,
    title: Option<(u32, Span)>,
    pre: Option<Span>,
    gender: Option<Gender>,
    /// The given name the rules read in it.
    given: Option<GivenName>,
    evidence: Evidence,
}

/// "J.", "J.K.": a capital and a full stop, once or more.
fn initial(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() >= 2 && b.len() % 2 == 0 && b.chunks(2).all(|p| p[0].is_ascii_uppercase() && p[1] == b'.')
}

impl<'a, 't> Ctx<'a, 't> {
    /// The given name token `i` is, with the compounds news writes
    /// ("Jean-Guy", "Anna-Lena").
    fn given(&self, i: Tok) -> Option<GivenName> {
        let s = self.doc.tok(i);
        if !self.cap_word(i) || s.ends_with('.') {
            return None;
        }
        if let Some(g) = self.doc.given(i) {
            return Some(g);
        }
        // "Jean-Guy", "Anna-Lena": a compound of a given name and a capitalised part.
        let (first, rest) = s.split_once(['-', '‐'])?;
        let fold = &self.gaz.lists.fold;
        let first_classes = self.doc.words().classes(&fold.key(first));
        if first_classes.has(Class::Particle) || first_classes.has(Class::SurnameParticle) || first.len() < 3 {
            return None;
        }
        let given = &self.gaz.lists.given;
        let g = given.get(&fold.key(first))?;
        let second = given.get(&fold.key(rest));
        rest.chars().next().filter(|c| c.is_uppercase())?;
        (!g.common || second.is_some()).then_some(GivenName { common: false, ..*g })
    }

    /// A token that may be part of a name but says nothing itself.
    fn plain(&self, i: Tok) -> bool {
        self.cap_word(i)
            && !self.not_name(i)
            && !self.is(i, Class::Label)
            && !self.is(i, Class::OrgTail)
            && !self.is(i, Class::PlaceTail)
            && self.title_at(i, i + 1).is_none()
            && self.entity_at(i, Tok::MAX).is_none_or(|(_, _, amb)| amb)
    }

    /// "McAllister", "MacKay", "O’Neill", "FitzGerald": telling surname forms.
    fn surname_form(&self, i: Tok) -> bool {
        let telling = self.after_prefix(i, Class::SurnamePrefix, 3) || self.after_prefix(i, Class::ShortPrefix, 2);
        telling && self.doc.token(i).is_some_and(|t| t.cap() && !t.upper())
    }

    fn on(&self, r: RuleId) -> bool {
        self.mask.on(r)
    }
}

/// Finds people by rule and appends them to `out`.
pub(crate) fn people(cx: &Ctx<'_, '_>, out: &mut Vec<Cand>) {
    let doc = cx.doc;
    let mut names: Vec<Name> = Vec::new();
    // The words written with a capital inside a sentence somewhere in the
    // text (proper nouns, not words that only open sentences): made when a
    // rule first asks.
    let proper: OnceCell<TextMap<&str, ()>> = OnceCell::new();
    for (si, s) in doc.seg.sentences.iter().enumerate() {
        let weak = doc.title_case(s.para());
        let (start, end) = (Tok::new(s.tokens().start), Tok::new(s.tokens().end));
        names.clear();
        let mut i = start;
        while i < end {
            if !cx.name_tok(i) {
                // (Only a capitalised or a joined word may be one.)
                i = doc.next_cap_or_joined(i + 1, end);
                continue;
            }
            let a = i;
            let mut b = i + 1;
            while b < end {
                if possessive_tail(doc.tok(b - 1)) > 0 {
                    break;
                }
                let apostrophe = matches!(doc.punct(b), "'" | "’");
                // Particles, one or two, between capitalised words: "van der Berg".
                let particles = (cx.particle(b) && b + 1 < end && cx.name_tok(b + 1))
                    || (cx.particle(b) && cx.particle(b + 1) && b + 2 < end && cx.name_tok(b + 2));
                if cx.name_tok(b) || particles {
                    b = b + 1;
                } else if apostrophe && doc.tok(b - 1).chars().count() == 1 && cx.touch(b, b + 1) && cx.cap_word(b + 1)
                {
                    // "O 'Neill" as pre-tokenised text writes "O’Neill".
                    b = b + 2;
                } else {
                    break;
                }
            }
            for (f, e) in split_run(cx, a, b) {
                if let Some(n) = run(cx, si, f, e, &proper) {
                    names.push(n);
                }
            }
            i = b;
        }
        if cx.on(RuleId::PersonListed) {
            coordinate(cx, &mut names);
        }
        for n in &names {
            let Evidence::Strong(rule) = n.evidence else { continue };
            let (fs, last) = (doc.span(n.f).start, doc.span(n.e - 1));
            let end = last.end - possessive_tail(doc.tok(n.e - 1));
            if end <= fs {
                continue;
            }
            out.push(Cand {
                span: Span::new(fs, end),
                kind: Kind::Person,
                source: Source::Rule { strong: !weak },
                rule: rule.into(),
                title: n.title.map(|(_, s)| s).into(),
                pre: n.pre.into(),
                gender: n.gender,
                given: n.given,
            });
        }
    }
}

/// Splits a run where a second full name starts right after a first one
/// ("Ann Smith John Brown" in pre-tokenised lists).
fn split_run<'c>(cx: &'c Ctx<'_, '_>, a: Tok, b: Tok) -> impl Iterator<Item = (Tok, Tok)> + 'c {
    let mut s = a;
    let mut p = a + 2;
    let mut done = false;
    std::iter::from_fn(move || {
        while p + 1 < b {
            let starts = cx.given(p).is_some_and(|g| !g.common)
                && cx.given(s).is_some()
                && cx.given(p - 1).is_none()
                && !cx.doc.tok(p - 1).ends_with('.')
                && cx.doc.tok(p - 1).chars().count() > 1
                && cx.cap_word(p + 1)
                && !cx.particle(p - 1);
            if starts {
                let part = (s, p);
                s = p;
                p = p + 2;
                return Some(part);
            }
            p = p + 1;
        }
        if done {
            return None;
        }
        done = true;
        Some((s, b))
    })
}

/// Reads one run of name tokens `a..b`.
fn run<'d>(cx: &Ctx<'d, '_>, si: usize, a: Tok, mut b: Tok, proper: &OnceCell<TextMap<&'d str, ()>>) -> Option<Name> {
    let doc = cx.doc;
    let sent_start = Tok::new(doc.seg.sentences[si].tokens().start);
    let mut k = a;
    let mut title: Option<(u32, Span)> = None;
    let mut pre: Option<Span> = None;
    let mut regal = false;
    while k < b {
        if let Some((j, idx, span)) = cx.title_at(k, b) {
            regal = cx.is(k, Class::Regal) && cx.cap_word(k) && j == k + 1;
            title = Some((idx, span));
            k = j;
            continue;
        }
        if cx.not_name(k) || cx.is(k, Class::Label) {
            k = k + 1;
            continue;
        }
        // "Chelsea Delvin Harrowgate scored twice": in a sports report, a
        // town (a club's short form) written straight before a name that
        // opens with a given name is no part of it.
        if title.is_none()
            && k == a
            && town_at(cx, k)
            && (2..=3).contains(&(k + 1).len_to(b))
            && cx.given(k + 1).is_some()
            && doc.sports_report()
        {
            pre = Some(doc.span(k));
            k = k + 1;
            continue;
        }
        // A country, nationality or group stands before a title, never after it:
        // "Iraqi Prime Minister ...", "UN envoy ...", but "Minister Amal Haddad".
        if let Some((j, kind, _)) = cx.entity_at(k, b).filter(|_| title.is_none()) {
            if kind != Kind::Person && j < b && cx.title_at(j, b).is_some() {
                pre = Some(Span::new(doc.span(k).start, doc.span(j - 1).end));
                k = j;
                continue;
            }
        }
        break;
    }
    // "Governor of Washington Chris Gregoire": a place, country or group
    // after a title and "of" is the title's; the name starts after it.
    if title.is_none() && k == a {
        let of = a.prev().filter(|&p| cx.is(p, Class::PartLink) && cx.low_word(p));
        let titled = of.and_then(|p| p.prev()).and_then(|q| title_ending_at(cx, q)).filter(|h| cx.title_ok(h));
        if let Some(h) = titled {
            if let Some((j, kind, _)) = cx.entity_at(a, b) {
                if kind != Kind::Person && j.len_to(b) >= 2 {
                    pre = Some(Span::new(doc.span(a).start, doc.span(j - 1).end));
                    title = Some((h.idx, h.span));
                    k = j;
                }
            }
        }
    }
    // A title inside the run, after words that are no name ("Welsh Economy
    // Secretary Rhodri ap Gwynfor"): the name starts after it.
    if title.is_none() && k < b {
        let from = doc.titles.first_at(doc.span(k).start);
        let inner = doc.titles[from..]
            .iter()
            .take_while(|h| h.span.end <= doc.span(b - 1).start)
            .filter(|h| cx.title_ok(h) && doc.token(doc.tok_at(h.span.start)).is_some_and(|t| t.cap()))
            .last();
        if let Some(h) = inner {
            let j = doc.tok_containing(h.span.end.saturating_sub(1)) + 1;
            // "Ahmad Shah Massoud": a given name before it makes it part of the name.
            let named = Tok::range(k, doc.tok_at(h.span.start)).any(|t| cx.given(t).is_some());
            if doc.span(j - 1).end == h.span.end && (2..=4).contains(&j.len_to(b)) && !named {
                title = Some((h.idx, h.span));
                k = j;
            }
        }
    }
    // A title may also end just before the run: "spokesman Samir Haddad",
    // or before a comma when the run stands in apposition ("the economy
    // minister, Caoimhe Nic Aodha, said").
    if title.is_none() && a > Tok::new(0) {
        let apposition = a.prev().is_some_and(|p| doc.tok(p) == ",") && (doc.tok(b) == "," || doc.cue_starts(b));
        let end = if apposition { a - 1 } else { a };
        let before = doc.titles.first_ending_after(doc.span(end).start);
        if let Some(h) = before.checked_sub(1).and_then(|i| doc.titles.get(i)).filter(|h| {
            let j = doc.tok_containing(h.span.end.saturating_sub(1));
            j + 1 == end && doc.sentence_of_tok(j) == si && cx.title_ok(h)
        }) {
            title = Some((h.idx, h.span));
        }
    }
    // A title that began before the run ("United Nations Under-Secretary
    // General for Humanitarian Affairs Ingrid Solberg"): the country or group
    // right before it is the person's.
    if let Some((_, t)) = title.filter(|(_, t)| pre.is_none() && t.start < doc.span(a).start) {
        let first = doc.tok_at(t.start);
        pre = Tok::range(first - 4, first).find_map(|i| {
            let (j, kind, _) = cx.entity_at(i, first)?;
            (j == first && kind != Kind::Person && doc.sentence_of_tok(i) == si)
                .then(|| Span::new(doc.span(i).start, doc.span(j - 1).end))
        });
    }
    // "the Olive Tree", "a French Community": the definite article before a
    // name without a title makes it a thing, not a person.
    let det = |i: Tok| i.prev().is_some_and(|p| cx.is(p, Class::Definite));
    if title.is_none() && ((k == a && det(a)) || (k > a && det(k))) {
        return None;
    }
    while b > k && cx.not_name(b - 1) {
        // "Adlai Stevenson I (...)": a regnal number, not the pronoun.
        let regnal = roman(doc.tok(b - 1)) && k.len_to(b) >= 3 && !cx.low_word(b) && cx.given(k).is_some();
        if regnal {
            break;
        }
        b = b - 1;
    }
    // A title after the name is no part of it: "Ann Smith MP".
    let mut post_title = None;
    // "O. Pope": after initials alone the word is the surname, not a title.
    let only_initials = |j: Tok| Tok::range(k, j).all(|t| initial(doc.tok(t)));
    if let Some((j, idx, span)) = cx.title_ending(k, b).filter(|&(j, _, _)| !only_initials(j)) {
        // "John Major said", "Julie Bishop told": a one-word title after a
        // lone given name is the surname.
        let surname = title.is_none()
            && j == k + 1
            && j + 1 == b
            && cx.given(k).is_some()
            && cx.entity_at(k, b).is_none_or(|(_, _, amb)| amb)
            && cx.on(RuleId::PersonGivenName);
        if !surname {
            post_title = Some((idx, span));
            b = j;
        }
    }
    // "a Prime Minister's XI": a roman numeral alone is a team's number,
    // no name.
    if k >= b || (k + 1 == b && roman(doc.tok(k))) {
        return None;
    }
    // "... Foundation", "... University": an organisation or a place.
    if (cx.is(b - 1, Class::OrgTail) && cx.cap_word(b - 1))
        || cx.is(b - 1, Class::CompanySuffix)
        || Tok::range(k, b).any(|i| cx.is(i, Class::OrgWord) && cx.cap_word(i))
    {
        return None;
    }
    let place_tail = cx.is(b - 1, Class::PlaceTail) && cx.cap_word(b - 1);
    let gender_of_title =
        |t: Option<(u32, Span)>| t.and_then(|(i, _)| cx.gaz.lists.titles.get(i as usize)).and_then(|t| t.gender);
    let title_gender = gender_of_title(title).or(gender_of_title(post_title));
    let len = k.len_to(b);
    let mut name = Name {
        f: k,
        e: b,
        title: title.or(post_title),
        pre,
        gender: title_gender,
        given: None,
        evidence: Evidence::Plain,
    };
    if title.is_some() && len > 4 {
        return None;
    }
    if title.is_some() && regal && len == 1 && cx.on(RuleId::PersonRegal) {
        // "King Abdullah": the title is part of a one-word name.
        name.f = k - 1;
        name.title = None;
        name.gender = name.gender.or(cx.given(k).and_then(|g| g.gender));
        name.evidence = Evidence::Strong(RuleId::PersonRegal);
        return Some(name);
    }
    if title.is_some() && cx.on(RuleId::PersonTitle) {
        // Title + name: "Ms. Graham", "President Ivan Petrov".
        name.gender = name.gender.or(cx.given(k).and_then(|g| g.gender));
        name.evidence = Evidence::Strong(RuleId::PersonTitle);
        return Some(name);
    }
    // "1. Jannik Sinner (Italy) 6-1": a player in a results or ranking line,
    // though a word of the name is a place ("Dominik Paris (Italy)").
    if (2..=4).contains(&len) && cx.on(RuleId::PersonResultLine) && result_line(cx, si, k, b) {
        name.evidence = Evidence::Strong(RuleId::PersonResultLine);
        return Some(name);
    }
    if let Some((f, g)) = given_name(cx, sent_start, k, b).filter(|_| cx.on(RuleId::PersonGivenName)) {
        // "Jordan River", "Hope Street"; but "Michael Bay".
        if place_tail && g.common {
            return None;
        }
        name.f = f;
        name.gender = name.gender.or(g.gender);
        name.given = Some(g);
        name.evidence = Evidence::Strong(RuleId::PersonGivenName);
        if let Some(p) = predicate(cx, b) {
            name.gender = name.gender.or(p.gender);
        }
        return Some(name);
    }
    // A list entry that covers the run: only an ambiguous one ("Jordan",
    // "Washington") can be a person, and only on telling evidence.
    let entity = cx.entity_at(k, b).filter(|&(j, _, _)| j == b);
    if len > 4 {
        return None;
    }
    if let Some((_, kind, false)) = entity {
        // A known person's name stays in view for the lists: "Blinken and Sullivan".
        return (kind == Kind::Person).then_some(name);
    }
    let free = entity.is_none();
    // "the chief executive of Brantwell, a former banker, said": after a
    // title or a person's noun and "of", the run is what that person heads;
    // an appositive, a speech verb or a predicate after it is the head's.
    let of_role = of_role(cx, k);
    let shaped = Tok::range(k, b).any(|i| cx.surname_form(i))
        || (len >= 2 && cx.is(k, Class::SurnameParticle) && cx.cap_word(k) && cx.cap_word(k + 1) && k != sent_start);
    let pred = if len <= 3 { predicate(cx, after_apposition(cx, b)) } else { None };
    // "Ferjani Sassi scored from the penalty spot": in a sports report, two
    // or three words no list knows before a scorer's verb (a player's and a
    // team's verb: one word may be a team).
    let pred = pred.or_else(|| {
        ((2..=3).contains(&len)
            && cx.low_word(b)
            && cx.is(b, Class::StatVerb)
            && cx.is(b, Class::SportVerb)
            && doc.sports_report())
        .then_some(Pred { gender: None, own: false })
    });
    if let Some(p) = pred {
        name.gender = name.gender.or(p.gender);
    }
    // "at Stanford, the ...": after a preposition of place it is a place.
    let placed = k.prev().is_some_and(|p| cx.is(p, Class::PlacePrep));
    if place_tail || placed {
        return None;
    }
    // "USI", "DAB": an acronym is no one's name (in a line in capitals any
    // word is in capitals).
    let acronym = len == 1
        && doc.token(k).is_some_and(|t| t.upper())
        && !doc.paragraph_at(doc.span(k).start).is_some_and(|p| p.title_case && p.span().contains(doc.span(k)));
    if acronym {
        return None;
    }
    // "Rescuers worked ...": a plural noun opening a sentence is no surname.
    let plural = len == 1 && k == sent_start && doc.words().ends_with(Class::PluralEnding, doc.tok(k));
    let short = (1..=3).contains(&len) && !plural;
    // The evidence rules, in order: the telling ones hold even for an
    // ambiguous list entry, the others only for a run no list knows.
    // "By Jane Doe" opening a paragraph: a byline.
    let byline = k.prev().is_some_and(|p| {
        cx.is(p, Class::Byline)
            && cx.cap_word(p)
            && doc.paragraph_at(doc.span(p).start).is_some_and(|para| para.span().start == doc.span(p).start)
    });
    // "J. Root", "J.K. Rowling": initials, then a surname no list knows.
    let initials = len >= 2 && initial(doc.tok(k)) && cx.entity_at(k, k + 1).is_none() && cx.cap_word(k + 1);
    // "union official Mereana Tūhoe-Walker": a noun for a person right before.
    let noun_before = k.prev().is_some_and(|p| {
        doc.low_word(p) && noun_ending_at(cx, p).is_some_and(|n| !n.plural && n.kind == SpeakerKind::Person)
    });
    // "Harrowgate said", "Tomas Ferreira told reporters": the subject of a
    // speech verb, of words no list or lexicon class knows; a lone word must
    // be written with a capital inside a sentence somewhere ("Probably
    // said" opens a sentence only) and not be a plural ("Officials said").
    let speaks = free
        && short
        && Tok::range(k, b).all(|i| cx.particle(i) || (cx.plain(i) && doc.classes(i) == ClassSet::EMPTY))
        && !Tok::range(k, b).any(|i| doc.words().ends_with(Class::PluralEnding, doc.tok(i)) && i + 1 == b)
        // "the Commission on Human Rights said": the tail of a longer name.
        && !k.prev().is_some_and(|p| cx.low_word(p) && doc.token(p).is_some_and(|t| t.span().len() <= 3) && p.prev().is_some_and(|q| cx.cap_word(q)))
        && speech_verb_at(cx, b)
        && (len >= 2
            || (!doc.token(k).is_some_and(|t| t.upper())
                && (proper_nouns(cx, proper).get(doc.key(k)).is_some()
                    // "Quenby said the talks had failed.": before a plain
                    // "said" or "told" (lexicon `speech_core`), a lone word
                    // no list or lexicon class knows, of four letters or
                    // more, with no company sign in the text.
                    || (cx.low_word(b)
                        && cx.is(b, Class::SpeechCore)
                        && doc.tok(k).chars().count() >= 4
                        && !doc.has_class(Class::CompanyNoun)
                        && !doc.has_class(Class::CompanySuffix)))));
    // "Lau Siu-lai", "Choi Min-seo", "Park Joo-Ho": a surname written
    // first, then a hyphenated given name in one word ("Siu-lai").
    let surname_first = len == 2
        && cx.is(k, Class::SurnameFirst)
        && doc.words().is_written(Class::SurnameFirst, doc.tok(k))
        && hyphenated_given(doc.tok(k + 1));
    // "Ortiz took questions for an hour. He said ...": a run that opens its
    // sentence before a verb, when the next sentence opens with "He" or "She".
    let next_pronoun = free && short && k == sent_start && verb_after(cx, b) && {
        let next = doc.seg.sentences.get(doc.sentence_of_tok(k) + 1).map(|s| Tok::new(s.tokens().start));
        match next.filter(|&n| cx.cap_word(n)) {
            Some(n) if cx.is(n, Class::PronounMale) => {
                name.gender = name.gender.or(Some(Gender::Male));
                true
            }
            Some(n) if cx.is(n, Class::PronounFemale) => {
                name.gender = name.gender.or(Some(Gender::Female));
                true
            }
            _ => false,
        }
    };
    let rules: [(RuleId, bool); 13] = [
        (RuleId::PersonTitle, free && short && noun_before && len >= 2),
        (RuleId::PersonAppositive, (1..=4).contains(&len) && !of_role && appositive_role(cx, b)),
        (RuleId::PersonByline, free && (1..=4).contains(&len) && byline),
        (RuleId::PersonInitial, free && len <= 4 && initials),
        (RuleId::PersonOwnPronoun, pred.is_some_and(|p| p.gender.is_some() && (free || p.own))),
        // "said Acme and Globex did not ...": the subject of the reported
        // clause, not evidence of a person.
        (
            RuleId::PersonAfterCue,
            free && short
                && k > Tok::new(0)
                && cue_ends_at(cx, k)
                && !cx.is(k - 1, Class::NamingVerb)
                && !clause_subject(cx, b),
        ),
        (RuleId::PersonIntro, free && short && object_of_person(cx, k)),
        (RuleId::PersonPredicate, free && short && !of_role && pred.is_some()),
        (RuleId::PersonSpeechSubject, speaks && !of_role),
        (RuleId::PersonSurnameFirst, free && surname_first),
        // "work with Isabel on projects": a given name alone inside a
        // sentence, one that is no English word.
        (
            RuleId::PersonGivenName,
            free && len == 1
                && k != sent_start
                && !doc.token(k).is_some_and(|t| t.upper())
                && cx.given(k).is_some_and(|g| !g.common)
                && doc.classes(k) == ClassSet::EMPTY
                // "Orlanda chief executive Mira Stead", "Orlanda's shares": a company's.
                && doc.class_at(b, Class::CompanyRole).is_none()
                && cx.title_at(b, b + 3).is_none()
                && !(possessive_tail(doc.tok(k)) > 0 && doc.class_at(b, Class::CompanyNoun).is_some()),
        ),
        (RuleId::PersonSurnameForm, free && short && shaped),
        (RuleId::PersonNextPronoun, next_pronoun),
    ];
    if let Some(&(rule, _)) = rules.iter().find(|&&(r, fired)| fired && cx.on(r)) {
        name.evidence = Evidence::Strong(rule);
    } else if !free || len > 3 || !Tok::range(k, b).all(|i| cx.plain(i) || cx.particle(i) || cx.joined_article(i)) {
        return None;
    }
    Some(name)
}

/// Whether the run `k..b` stands in a results or ranking line right before a
/// country in brackets, and is no country, group or place itself.
fn result_line(cx: &Ctx<'_, '_>, si: usize, k: Tok, b: Tok) -> bool {
    let doc = cx.doc;
    let list = doc.seg.sentences.get(si).and_then(|s| doc.seg.paragraphs.get(s.para())).is_some_and(|p| p.list);
    if !list || doc.tok(b) != "(" || cx.entity_at(k, b).is_some_and(|(j, _, _)| j == b) {
        return false;
    }
    cx.entity_at(b + 1, b + 6).is_some_and(|(j, kind, _)| kind == Kind::Country && doc.tok(j) == ")")
}

/// The first known given name in `k..b` that starts a name: where the name
/// starts (with a kunya or unknown fore-names before it) and the given name.
fn given_name(cx: &Ctx<'_, '_>, sent_start: Tok, k: Tok, b: Tok) -> Option<(Tok, GivenName)> {
    for j in Tok::range(k, b - 1) {
        let Some(g) = cx.given(j) else { continue };
        // "French", "German": a demonym first is no given name, nor a
        // country, group or place that is not marked ambiguous ("Iran").
        if cx.entity_at(j, b).is_some_and(|(_, kind, amb)| kind == Kind::Nationality || (kind != Kind::Person && !amb))
        {
            continue;
        }
        // "Gael TD ...": an acronym after it is no surname ("Henry IV" is a name).
        let next_tok = cx.doc.token(j + 1);
        if next_tok.is_some_and(|t| t.upper()) && !cx.doc.tok(j + 1).ends_with('.') && !roman(cx.doc.tok(j + 1)) {
            continue;
        }
        // "Will Iran ...": a given name before a country or group is no name.
        match cx.entity_at(j + 1, b) {
            Some((_, kind, false)) if kind != Kind::Person => continue,
            _ => {}
        }
        let next = cx.doc.tok(j + 1);
        if !cx.name_tok(j + 1) && !cx.particle(j + 1) && !next.ends_with('.') {
            continue;
        }
        // "Will President ...": a title after it; but a one-word title inside
        // a longer name is part of it ("Ahmad Shah Massoud"), and so is one
        // that ends the name ("John Major said", "Julie Bishop told").
        let titled = cx.title_at(j + 1, b).is_some_and(|(t, _, _)| t != j + 2 || (g.common && cx.cap_word(t)));
        if cx.is(j + 1, Class::Label) || cx.not_name(j + 1) || titled {
            continue;
        }
        if g.common && j == sent_start && j.len_to(b) > 3 {
            continue;
        }
        let mut f = j;
        while f > k && cx.is(f - 1, Class::Kunya) {
            f = f - 1;
        }
        // Fore-names no list knows: "Tota Roy Chowdhury".
        let mut n = 0;
        // Not a plural ("Presidents ..."): fore-names rarely end in -s.
        while f > k
            && n < 2
            && f - 1 != sent_start
            && cx.plain(f - 1)
            && cx.given(f - 1).is_none()
            && !cx.doc.tok(f - 1).ends_with('s')
        {
            f = f - 1;
            n += 1;
        }
        return Some((f, g));
    }
    None
}

/// ", a spokesman for", ", the finance minister," after token `b - 1`.
/// Whether the run at token `k` follows a title, a person's noun or a
/// company's intro and "of" ("the chief executive of", "the head of", "the
/// mayor of").
fn of_role(cx: &Ctx<'_, '_>, k: Tok) -> bool {
    let doc = cx.doc;
    let Some(p) = k.prev().filter(|&p| cx.is(p, Class::PartLink) && cx.low_word(p)) else { return false };
    if doc.phrase_before(k, Class::CompanyIntro) {
        return true;
    }
    let Some(q) = p.prev() else { return false };
    noun_ending_at(cx, q).is_some_and(|n| n.kind == SpeakerKind::Person)
        || title_ending_at(cx, q).is_some_and(|h| h.span.start >= doc.span(q - 4).start)
}

/// The speaker noun whose hit ends where token `t` ends ("official" of
/// "union official").
fn noun_ending_at<'a>(cx: &Ctx<'a, '_>, t: Tok) -> Option<&'a Noun> {
    let end = cx.doc.span(t).end;
    let nouns = &cx.doc.nouns;
    // Hits of one kind do not overlap: the first that ends at `end` or later.
    let h = nouns.get(nouns.first_ending_after(end.saturating_sub(1))).filter(|h| h.span.end == end)?;
    cx.gaz.lists.nouns.get(h.idx as usize)
}

/// The title hit that ends where token `t` ends (titles do not overlap, so
/// they are sorted by end too).
fn title_ending_at<'a>(cx: &Ctx<'a, '_>, t: Tok) -> Option<&'a LexHit> {
    let end = cx.doc.span(t).end;
    let titles = &cx.doc.titles;
    titles.get(titles.first_ending_after(end.saturating_sub(1))).filter(|h| h.span.end == end)
}

fn appositive_role(cx: &Ctx<'_, '_>, b: Tok) -> bool {
    let doc = cx.doc;
    if doc.tok(b) != "," {
        return false;
    }
    let mut j = b + 1;
    let c = doc.classes(j);
    if c.has(Class::Relative) && !c.has(Class::PronounNeuter) {
        // ", who heads ...", ", whose ...".
        return true;
    }
    let article = c.has(Class::Definite) || c.has(Class::Indefinite) || c.has(Class::Possessive);
    if article {
        j = j + 1;
    }
    let Some(t) = doc.token(j) else { return false };
    let stop = doc.token(j + 4).map_or(usize::MAX, |t| t.span().end);
    // A title followed by a name introduces that person, not the run before:
    // "on Telegram, the group's commander Mohamed Dagalo, said".
    let introduces = |end: usize| {
        let next = doc.tok_at(end);
        end <= stop && !(cx.cap_word(next) && cx.cap_word(next + 1))
    };
    // ", an Australian woman and former ...", ", a retired teacher": a noun
    // of a person able to speak (singular) does as well.
    let person_noun = article
        && doc.nouns.starting_in(Span::new(t.span().start, stop)).iter().any(|h| {
            cx.gaz.lists.nouns.get(h.idx as usize).is_some_and(|n| n.kind == SpeakerKind::Person && !n.plural)
                && cx.low_word(doc.tok_at(h.span.start))
                && introduces(h.span.end)
        });
    person_noun || doc.titles.starting_in(Span::new(t.span().start, stop)).iter().any(|h| introduces(h.span.end))
}

/// "Siu-lai", "Min-seo": a capital, lower-case letters, a hyphen, lower-case
/// letters (a given name of two syllables written as one word).
fn hyphenated_given(w: &str) -> bool {
    let Some((a, b)) = w.split_once('-') else { return false };
    let mut first = a.chars();
    first.next().is_some_and(char::is_uppercase)
        && first.all(char::is_lowercase)
        && (1..=6).contains(&b.chars().count())
        // "Siu-lai", also "Joo-Ho" and "Hee-Chan".
        && b.chars().enumerate().all(|(i, c)| c.is_lowercase() || (i == 0 && c.is_uppercase()))
}

/// The words of no lexicon class, or particles, written with a capital
/// inside a sentence (what a lone name before a speech verb is asked
/// about; a key's classes are the same wherever it is written). Keyed by
/// the text's own words, so hashed with a random key: a text made to
/// collide in a fixed hash could otherwise make each insertion slow.
fn proper_nouns<'p, 'd>(cx: &Ctx<'d, '_>, cell: &'p OnceCell<TextMap<&'d str, ()>>) -> &'p TextMap<&'d str, ()> {
    cell.get_or_init(|| {
        let doc = cx.doc;
        let mut proper = TextMap::default();
        for s in &doc.seg.sentences {
            let end = Tok::new(s.tokens().end);
            let mut i = doc.next_cap(Tok::new(s.tokens().start) + 1, end);
            while i < end {
                if cx.cap_word(i)
                    && (doc.classes(i) == ClassSet::EMPTY || cx.particle(i))
                    && !matches!(doc.punct(i - 1), "“" | "\"" | ":")
                {
                    proper.get_or_insert_with(doc.key(i), || ());
                }
                i = doc.next_cap(i + 1, end);
            }
        }
        proper
    })
}

/// True when a speech verb whose subject is a speaker ("said", "tells";
/// lexicon class `subject_cue`) is token `b`, maybe after an adverb ("also
/// said").
fn speech_verb_at(cx: &Ctx<'_, '_>, b: Tok) -> bool {
    let mut j = b;
    if cx.low_word(j) && cx.is(j, Class::Adverb) {
        j = j + 1;
    }
    cx.low_word(j) && cx.is(j, Class::SubjectCue)
}

/// True when a reporting cue ends right before token `k`: "said Omar Khalil".
fn cue_ends_at(cx: &Ctx<'_, '_>, k: Tok) -> bool {
    let s = cx.doc.span(k).start;
    let i = cx.doc.cues.first_ending_after(s);
    i > 0 && cx.doc.text[cx.doc.cues[i - 1].span.end..s].trim().is_empty()
}

/// Whether the run ending before token `b` is the subject of a clause: a
/// verb or an auxiliary follows, maybe after "and" and another name.
fn clause_subject(cx: &Ctx<'_, '_>, b: Tok) -> bool {
    let mut j = b;
    // "Acme and Globex Logistics did not": over the names coordinated with it.
    while cx.is(j, Class::Coordinator) && cx.cap_word(j + 1) {
        j = j + 1;
        while cx.cap_word(j) {
            j = j + 1;
        }
    }
    cx.low_word(j) && (cx.is(j, Class::Auxiliary) || cx.doc.words().ends_with(Class::PastEnding, cx.doc.key(j)))
}

/// "the son of ...", "led by ...", "endorsed ...": a person's phrase before
/// token `k`.
fn object_of_person(cx: &Ctx<'_, '_>, k: Tok) -> bool {
    k.prev().is_some_and(|p| cx.is(p, Class::PersonObjectVerb)) || cx.doc.phrase_before(k, Class::PersonIntro)
}

/// Where the predicate of a subject ending before token `b` starts: after an
/// apposition between commas ("Jordan, a guard for the Bulls, injured ..."),
/// else `b`.
fn after_apposition(cx: &Ctx<'_, '_>, b: Tok) -> Tok {
    if cx.doc.tok(b) != "," {
        return b;
    }
    for i in Tok::range(b + 1, b + 10) {
        let Some(t) = cx.doc.token(i) else { break };
        if t.kind() == TokKind::Punct {
            return if cx.doc.tok(i) == "," && i > b + 1 { i + 1 } else { b };
        }
    }
    b
}

/// What a predicate after a name tells.
#[derive(Clone, Copy, Debug)]
struct Pred {
    /// The gender a pronoun of the subject tells.
    gender: Option<Gender>,
    /// The pronoun is possessive or reflexive ("his", "herself"): it is the
    /// subject's, not the subject of a reported clause.
    own: bool,
}

/// Whether a verb in the past (or a common verb) follows at token `b`,
/// maybe after adverbs: "took", "narrowly lost".
fn verb_after(cx: &Ctx<'_, '_>, b: Tok) -> bool {
    let mut j = b;
    while j < b + 3 && cx.low_word(j) && cx.is(j, Class::Adverb) && !cx.is(j, Class::StatVerb) {
        j = j + 1;
    }
    cx.low_word(j)
        && (cx.is(j, Class::CommonVerb)
            || cx.is(j, Class::PersonVerb)
            || cx.doc.words().ends_with(Class::PastEnding, cx.doc.key(j))
            || cx.is(j, Class::StatVerb))
}

/// What follows a subject at token `b` that only a person does: "was
/// elected", "held his seat", "was a member of".
fn predicate(cx: &Ctx<'_, '_>, b: Tok) -> Option<Pred> {
    let doc = cx.doc;
    // "Bam Adebayo had 22 points and 11 rebounds", "... finished with 14
    // points": a player's line.
    let number = |i: Tok| doc.token(i).is_some_and(|t| t.kind() == TokKind::Number);
    let stat = cx.low_word(b) && cx.is(b, Class::StatVerb) && {
        let k = if !number(b + 1) && cx.low_word(b + 1) { b + 2 } else { b + 1 };
        number(k) && Tok::range(k + 1, k + 3).any(|i| cx.low_word(i) && cx.is(i, Class::StatNoun))
    };
    if stat {
        return Some(Pred { gender: None, own: false });
    }
    // Adverbs and auxiliaries, then the verb: "narrowly held", "was first elected".
    let mut j = b;
    while j < b + 4 && cx.low_word(j) && cx.is(j, Class::Adverb) {
        j = j + 1;
    }
    if !cx.low_word(j) {
        return None;
    }
    let w = doc.key(j);
    let aux = j > b && cx.is(j - 1, Class::Aux);
    // "... was founded in 1998": a thing, not a person.
    if aux && cx.is(j, Class::OrgPassive) {
        return None;
    }
    let person_verb = cx.is(j, Class::PersonVerb);
    // "was a member of", "is the party's leader".
    let copula = aux || cx.is(j, Class::Copula);
    let art = if aux { j } else { j + 1 };
    let article = cx.is(art, Class::Definite) || cx.is(art, Class::Indefinite);
    let role = copula
        && article
        && Tok::range(art + 1, art + 4).any(|i| {
            cx.is(i, Class::RoleNoun) || cx.is(i, Class::Label) || (cx.low_word(i) && cx.title_at(i, i + 1).is_some())
        });
    let verb_like =
        person_verb || cx.is(j, Class::CommonVerb) || (w.len() > 4 && doc.words().ends_with(Class::PastEnding, w));
    if !verb_like && !role {
        return None;
    }
    // "won re-election", "held the seat": what only a candidate wins or loses.
    let office = verb_like && Tok::range(j + 1, j + 4).any(|i| cx.low_word(i) && cx.is(i, Class::OfficeNoun));
    // A pronoun of the subject's gender shortly after the verb: "held his seat".
    for i in Tok::range(j + 1, j + 8) {
        if doc.token(i).is_some_and(|t| t.kind() == TokKind::Number) {
            continue;
        }
        if !cx.low_word(i) {
            break;
        }
        let c = doc.classes(i);
        let (gender, own) = if c.has(Class::PossMale) {
            (Gender::Male, true)
        } else if c.has(Class::PronounMale) {
            (Gender::Male, false)
        } else if c.has(Class::PossFemale) {
            (Gender::Female, true)
        } else if c.has(Class::PronounFemale) {
            (Gender::Female, false)
        } else if c.has(Class::PronounNeuter) || c.has(Class::PronounPlural) {
            break;
        } else {
            continue;
        };
        return Some(Pred { gender: Some(gender), own });
    }
    (person_verb || role || office).then_some(Pred { gender: None, own: false })
}

/// Marks plain runs listed with people as people: "A, B and C".
fn coordinate(cx: &Ctx<'_, '_>, names: &mut [Name]) {
    if names.len() < 2 {
        return;
    }
    let person = |n: &Name| matches!(n.evidence, Evidence::Strong(_)) || cx.person_hit(n.f, n.e);
    let coord = |i: Tok| cx.is(i, Class::Coordinator);
    let joined = |x: &Name, y: &Name| match y.f.ix().checked_sub(x.e.ix()) {
        Some(1) => cx.doc.tok(x.e) == "," || coord(x.e),
        Some(2) => cx.doc.tok(x.e) == "," && coord(x.e + 1) && cx.doc.tok(x.e + 1) != "&",
        _ => false,
    };
    let promote = |n: &mut Name| {
        // "Rep. Ann Smith, D-N.M.": a single letter is no name.
        let letter = n.f.len_to(n.e) == 1 && cx.doc.tok(n.f).chars().count() == 1;
        // "FTU's Alice Mak": a one-word acronym, or a run before a possessive
        // and a name, is the group of the person after it.
        let acronym = n.f.len_to(n.e) == 1 && cx.doc.token(n.f).is_some_and(|t| t.upper());
        let owner = possessive_tail(cx.doc.tok(n.e - 1)) > 0 && cx.cap_word(n.e);
        // "Raymond Chan of People Power, and Leung ...": after "of", what
        // the person before belongs to.
        let owner = owner || n.f.prev().is_some_and(|p| cx.is(p, Class::PartLink) && cx.low_word(p));
        if n.evidence == Evidence::Plain
            && n.f.len_to(n.e) <= 3
            && !letter
            && !acronym
            && !owner
            && !cx.person_hit(n.f, n.e)
        {
            n.evidence = Evidence::Strong(RuleId::PersonListed);
        }
    };
    for i in 1..names.len() {
        let (l, r) = names.split_at_mut(i);
        if person(&l[i - 1]) && joined(&l[i - 1], &r[0]) {
            promote(&mut r[0]);
        }
    }
    for i in (0..names.len() - 1).rev() {
        let (l, r) = names.split_at_mut(i + 1);
        if person(&r[0]) && joined(&l[i], &r[0]) {
            promote(&mut l[i]);
        }
    }
}

/// Whether token `k` is, alone, a place the lists name only where a place
/// is expected (a town: "Chelsea", "Halden").
fn town_at(cx: &Ctx<'_, '_>, k: Tok) -> bool {
    let doc = cx.doc;
    let t = doc.span(k);
    doc.entity_hits.starting_at(t.start).iter().any(|h| {
        h.span.end == t.end
            && cx.gaz.entities(h.pattern).iter().any(|p| {
                matches!(*p, crate::gazetteer::Payload::Entity { entry, .. }
                    if cx.gaz.entry(entry).kind == Kind::Place && cx.gaz.entry(entry).place_context)
            })
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Extractor;

    /// Runs `f` with a rule context over `text`.
    fn with_ctx<R>(text: &str, f: impl FnOnce(&Ctx<'_, '_>) -> R) -> R {
        let ex = Extractor::default();
        let (gaz, _, mask) = ex.parts();
        let doc = ex.doc(text);
        f(&Ctx { doc: &doc, gaz, mask })
    }

    #[test]
    fn regnal_numbers() {
        for (s, want) in
            [("II", true), ("IV", true), ("XIV", true), ("I", true), ("Iv", false), ("IVXII", false), ("", false)]
        {
            assert_eq!(roman(s), want, "{s}");
        }
    }

    #[test]
    fn runs_split_where_a_second_name_starts() {
        let table: &[(&str, &[&str])] = &[
            ("Anna Kowalska Jan Nowak", &["Anna Kowalska", "Jan Nowak"]),
            ("Anna Maria Kowalska", &["Anna Maria Kowalska"]),
            ("Jan Van Dyke", &["Jan Van Dyke"]),
        ];
        for (text, want) in table {
            let got = with_ctx(text, |cx| {
                let n = Tok::new(cx.doc.len());
                split_run(cx, Tok::new(0), n)
                    .map(|(a, b)| text[cx.doc.span(a).start..cx.doc.span(b - 1).end].to_string())
                    .collect::<Vec<_>>()
            });
            assert_eq!(&got, want, "{text}");
        }
    }

    #[test]
    fn predicates() {
        // (text, the predicate after the first word, its gender)
        let table: &[(&str, bool, Option<Gender>)] = &[
            ("Brekke was elected in 2019.", true, None),
            ("Brekke narrowly held his seat.", true, Some(Gender::Male)),
            ("Brekke became a member of the board.", true, None),
            ("Brekke won re-election.", true, None),
            ("Brekke injured herself.", true, Some(Gender::Female)),
            ("Sullenvale was founded in 1998.", false, None),
            ("Brekke is tall.", false, None),
            ("Brekke held its meeting.", false, None),
        ];
        for &(text, fires, gender) in table {
            let got = with_ctx(text, |cx| predicate(cx, Tok::new(1)));
            assert_eq!(got.is_some(), fires, "{text}");
            assert_eq!(got.and_then(|p| p.gender), gender, "{text}");
        }
    }

    #[test]
    fn appositives() {
        let table = [
            ("Brekke, a spokesman for the port, said", true),
            ("Brekke, who heads the office, said", true),
            ("Brekke, the group's commander Mohamed Dagalo, said", false),
            ("Brekke, Oslo and Bergen", false),
            ("Brekke said", false),
        ];
        for (text, want) in table {
            assert_eq!(with_ctx(text, |cx| appositive_role(cx, Tok::new(1))), want, "{text}");
        }
    }
}
