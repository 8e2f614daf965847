//! Groups no list knows, found by their form.
//!
//! * `group/head-word`: capitalised words ending in an organisation's head
//!   word, maybe with an "of X" complement ("Ministry of Defence", "Freedonian
//!   Labour Party"). The head words are lexicon rows (`group_head`).
//! * `group/prefix`: an Arabic word that opens a group's name ("Kata’ib X").
//! * `group/acronym-defined`: a capitalised name followed by its acronym in
//!   brackets ("Union of Free Traders (UFT)").
//!
//! The first two run as regular expressions over the bytes of the text (with
//! ASCII classes, which keeps the lazy DFA small and fast), built once from the
//! lexicon when the extractor is built.

use regex::bytes::{Regex, RegexBuilder};

use crate::cand::Cand;
use crate::doc::{Doc, LexHit, Tok};
use crate::fold::FoldTable;
use crate::gazetteer::Payload;
use crate::hash::FirstBytes;
use crate::kind::{Kind, SpeakerKind};
use crate::lexicon::{Class, ClassSet, Words};
use crate::ruleset::RuleId;
use crate::segment::{acronym, Sentence, TokKind};
use crate::{Error, Span};

use super::{possessive_tail, Ctx};

/// A capitalised word, over bytes: an ASCII or Latin-1 capital, then letters,
/// apostrophes, hyphens and any non-ASCII bytes (curly apostrophes, accented
/// letters); or an initialism ("U.S.").
const CAP: &str = r"(?:[A-Z]\.[A-Z]\.|(?:[A-Z]|\xC3[\x80-\x9E])(?:[a-zA-Z'\-]|[\x80-\xFF])*)";

/// The group patterns, compiled from the lexicon.
#[derive(Clone, Debug)]
pub(crate) struct GroupPatterns {
    head: Anchored,
    prefix: Regex,
    state: Anchored,
}

/// A pattern that can only match in a sentence holding a word of its
/// anchor classes: it runs over those sentences alone, not over the whole
/// text (its leading run of capitalised words gives the regex no literal to
/// skip by).
#[derive(Clone, Debug)]
struct Anchored {
    re: Regex,
    classes: ClassSet,
    /// The folded keys of what comes before a space, apostrophe or hyphen
    /// in the classes' entries ("air" of "Air Force"): a token whose key
    /// starts with one may open an anchor.
    leads: Vec<String>,
    /// The first bytes of the leads: most capitalised words start with
    /// none.
    lead_firsts: FirstBytes,
}

impl Anchored {
    fn new(re: Regex, words: &Words, fold: &FoldTable, classes: &[Class]) -> Anchored {
        let mut leads: Vec<String> = Vec::new();
        for &c in classes {
            for w in words.written(c) {
                let end = w.find(['\'', '’', 'ʼ', ' ', '-']).unwrap_or(w.len());
                if end < w.len() {
                    leads.push(fold.key(&w[..end]));
                }
            }
        }
        leads.sort_unstable();
        leads.dedup();
        let mut set = ClassSet::EMPTY;
        classes.iter().for_each(|&c| set.insert(c));
        let mut lead_firsts = FirstBytes::default();
        leads.iter().for_each(|l| lead_firsts.add_prefix(l));
        Anchored { re, classes: set, leads, lead_firsts }
    }

    /// Whether sentence `si` holds (the start of) an anchor word: a word of
    /// the classes, or a capitalised word that opens like a lead.
    fn anchored(&self, doc: &Doc<'_>, si: usize, sent: &Sentence) -> bool {
        if doc.sentence_classes(si).meets(self.classes) {
            return true;
        }
        // The leads are capitalised words.
        let end = Tok::new(sent.tokens().end);
        let mut i = doc.next_cap(Tok::new(sent.tokens().start), end);
        while i < end {
            if doc.cap_word(i) && {
                let key = doc.key(i);
                key.as_bytes().first().is_none_or(|&b| self.lead_firsts.has(b))
                    && self.leads.iter().any(|l| key.starts_with(l.as_str()))
            } {
                return true;
            }
            i = doc.next_cap(i + 1, end);
        }
        false
    }

    /// Calls `f` with each match, in order, in the sentences of `doc` that
    /// hold an anchor.
    fn for_each(&self, doc: &Doc<'_>, mut f: impl FnMut(usize, usize)) {
        let bytes = doc.text.as_bytes();
        // Where the last search stopped: a match is not found twice.
        let mut done = 0;
        for (si, sent) in doc.seg.sentences.iter().enumerate() {
            if sent.span().end <= done || !self.anchored(doc, si, sent) {
                continue;
            }
            let hay = bytes.get(..sent.span().end).unwrap_or(bytes);
            let mut at = sent.span().start.max(done);
            while at <= hay.len() {
                let Some(m) = self.re.find_at(hay, at) else { break };
                // "The Kingdom of Guria": an article may open a shorter
                // reading ("The Kingdom"); the one right after it, if
                // longer, wins.
                let first = doc.tok_at(m.start());
                let next = doc.span(first + 1).start;
                if doc.is(first, Class::Definite) && next < m.end() {
                    if let Some(m2) = self.re.find_at(hay, next).filter(|m2| m2.start() == next && m2.end() > m.end()) {
                        f(m2.start(), m2.end());
                        at = m2.end();
                        continue;
                    }
                }
                f(m.start(), m.end());
                at = if m.end() > m.start() { m.end() } else { m.end() + 1 };
            }
            done = sent.span().end;
        }
    }
}

/// A regex alternation of the written entries of `class`, longest first;
/// apostrophes match either form or none.
fn alternation(words: &Words, class: Class) -> String {
    let mut ws: Vec<&String> = words.written(class).iter().collect();
    ws.sort_by(|a, b| b.len().cmp(&a.len()).then(a.cmp(b)));
    ws.dedup();
    let mut alts = Vec::with_capacity(ws.len());
    for w in ws {
        let mut re = String::new();
        for c in w.chars() {
            match c {
                '\'' | '’' | 'ʼ' => re.push_str(r"(?:\xE2\x80\x99|')?"),
                ' ' => re.push_str(r"\s+"),
                c if c.is_ascii() => re.push_str(&regex::escape(c.encode_utf8(&mut [0; 4]))),
                c => {
                    for b in c.encode_utf8(&mut [0; 4]).bytes() {
                        re.push_str(&format!(r"\x{:02X}", b));
                    }
                }
            }
        }
        alts.push(re);
    }
    if alts.is_empty() {
        // A class with no words matches nothing.
        return r"[^\x00-\xFF]".to_string();
    }
    alts.join("|")
}

impl GroupPatterns {
    /// Builds the patterns from the lexicon's `group_head`, `group_link`,
    /// `group_of`, `group_tail_link`, `definite`, `group_prefix` and
    /// `arabic_article` words.
    pub(crate) fn new(words: &Words, fold: &FoldTable) -> Result<GroupPatterns, Error> {
        let alt = |c: Class| alternation(words, c);
        // A `group_head_of` word heads a name only with its "of X" ("Order
        // of the Garter", "Knights of Columbus").
        // "of the X", "for a Democratic X". A possessive may stand apart
        // from its word, as in tokenised text ("People 's Party").
        let article = [alt(Class::Definite), alt(Class::Indefinite)].join("|");
        let head = format!(
            r"(?-u)(?:{cap}(?:\s+'s?)?\s+(?:(?:{link})[\s-]+)?){{0,5}}(?:(?:{heads})\b(?:\s+(?:{of})\s+(?:(?:{the})\s+)?{cap}(?:\s+(?:(?:{tail})\s+)?{cap}){{0,3}})?|(?:{heads_of})\s+of\s+(?:(?:{the})\s+)?{cap}(?:\s+(?:(?:{tail})\s+)?{cap}){{0,3}})",
            cap = CAP,
            link = alt(Class::GroupLink),
            heads = alt(Class::GroupHead),
            heads_of = alt(Class::GroupHeadOf),
            of = alt(Class::GroupOf),
            the = article,
            tail = alt(Class::GroupTailLink),
        );
        // "Kata’ib Hezbollah", "Jabhat al-Nusra", "Mouvement des Citoyens
        // pour le Changement": the opening word, then up to four capitalised
        // words, each maybe after an Arabic article or foreign link words.
        let prefix = format!(
            r"(?-u)\b(?:{pre})(?:\s+(?:(?:{link})\s+){{0,2}}(?:(?:{art})[\s-])?{cap}){{1,4}}",
            pre = alt(Class::GroupPrefix),
            art = alt(Class::ArabicArticle),
            link = alt(Class::ForeignLink),
            cap = CAP,
        );
        let build = |re: &str| {
            // A larger cache for the lazy DFA: long texts full of capitalised
            // words need many states.
            RegexBuilder::new(re).dfa_size_limit(32 << 20).build().map_err(|e| Error::build(e.to_string()))
        };
        // "Principality of Guria", "Crown Colony of North Borneo", "Weimar
        // Republic", "French Fourth Republic".
        let state = format!(
            r"(?-u)\b(?:(?:{head})\s+of\s+(?:(?:{the})\s+)?{cap}(?:\s+{cap}){{0,2}}|(?:(?:{ord})\s+)?{cap}(?:\s+{cap})?\s+(?:(?:{ord})\s+)?(?:{tail}))\b",
            head = alt(Class::StateHead),
            tail = alt(Class::StateTail),
            ord = alt(Class::StateOrdinal),
            the = alt(Class::Definite),
            cap = CAP,
        );
        Ok(GroupPatterns {
            head: Anchored::new(build(&head)?, words, fold, &[Class::GroupHead, Class::GroupHeadOf]),
            prefix: build(&prefix)?,
            state: Anchored::new(build(&state)?, words, fold, &[Class::StateHead, Class::StateTail]),
        })
    }
}

/// A possessive standing apart from its word at token `i`, as tokenised
/// text writes it ("People 's", "Workers '"): whether it belongs to a name
/// (lexicon `name_possessive`: "People's Party"), and the token after it.
fn apart_possessive(cx: &Ctx<'_, '_>, i: Tok) -> Option<(bool, Tok)> {
    let doc = cx.doc;
    if !matches!(doc.tok(i), "'" | "’") || doc.span(i).start == doc.span(i.prev()?).end {
        return None;
    }
    let s = doc.token(i + 1).is_some_and(|t| doc.tok(i + 1) == "s" && t.span().start == doc.span(i).end);
    let word = format!("{}'{}", doc.key(i.prev()?), if s { "s" } else { "" });
    let named = doc.words().classes(&word).has(Class::NamePossessive);
    Some((named, if s { i + 2 } else { i + 1 }))
}

fn group_cand(span: Span, rule: RuleId) -> Cand {
    Cand::from_rule(span, Kind::Group, rule)
}

/// Finds groups by their form and appends them to `out`.
pub(crate) fn groups(cx: &Ctx<'_, '_>, pats: &GroupPatterns, out: &mut Vec<Cand>) {
    let doc = cx.doc;
    let text = doc.text;
    if cx.mask.on(RuleId::CountryStateForm) {
        state_forms(cx, pats, out);
    }
    // The people the rules read, by start: a group never starts with one.
    let mut people: Vec<Span> = out.iter().filter(|c| c.kind == Kind::Person).map(|c| c.span).collect();
    people.sort_unstable_by_key(|s| (s.start, s.end));
    let mut found: Vec<(usize, usize)> = Vec::new();
    for rule in [RuleId::GroupHeadWord, RuleId::GroupPrefix] {
        if !cx.mask.on(rule) {
            continue;
        }
        found.clear();
        if rule == RuleId::GroupHeadWord {
            pats.head.for_each(doc, |s, e| found.push((s, e)));
        } else {
            found.extend(pats.prefix.find_iter(text.as_bytes()).map(|m| (m.start(), m.end())));
        }
        for &(mut s, mut e) in &found {
            // "Pfizer Inc.": the full stop of an abbreviated suffix is its own.
            if text.as_bytes().get(e) == Some(&b'.') && doc.span(doc.tok_containing(e.saturating_sub(1))).end == e + 1 {
                e += 1;
            }
            // "the Council on Monday", "the Brotherhood of Magicians Wednesday":
            // a date is no part of a name.
            let last = doc.tok_containing(e.saturating_sub(1));
            if (cx.is(last, Class::Weekday) || cx.is(last, Class::Month))
                && last.prev().is_some_and(|p| cx.is(p, Class::GroupOf))
            {
                e = doc.span(last - 2).end;
            } else if (cx.is(last, Class::Weekday) || cx.is(last, Class::Month)) && last > doc.tok_at(s) {
                e = doc.span(last - 1).end;
            }
            // "the Church of Scientology's": the possessive is no part of it.
            let last = doc.tok_containing(e.saturating_sub(1));
            let tail = possessive_tail(doc.tok(last));
            if tail > 0 && doc.span(last).end == e {
                e -= tail;
            }
            // The byte classes keep matches on char boundaries; check anyway.
            if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                continue;
            }
            let first = doc.tok_at(s);
            let si = doc.sentence_of_tok(first);
            let Some(sent) = doc.seg.sentences.get(si) else { continue };
            if doc.title_case(sent.para()) {
                continue;
            }
            // "Troy Patterson of Slate Magazine": a person the rules read, then
            // "of", opens no group; the group starts after it.
            let after_person = |s: usize, e: usize| {
                let at = people.partition_point(|p| p.start < s);
                if let Some(p) = people[at..].iter().take_while(|p| p.start == s).find(|p| p.end < e) {
                    let after = doc.tok_at(p.end);
                    if cx.low_word(after) && doc.span(after).end < e {
                        return doc.span(after + 1).start;
                    }
                }
                s
            };
            s = after_person(s, e);
            // "Analyst Rafael Ortega of Crestline Partners": a title, then a
            // person the rules read and "of", opens no group either ("General
            // Electric" keeps its first word).
            if let Some((j, _, _)) = cx.title_at(doc.tok_at(s), doc.tok_at(e)) {
                let t = doc.span(j).start;
                let moved = after_person(t, e);
                if t < e && moved > t {
                    s = moved;
                }
            }
            let first = doc.tok_at(s);
            // Drop opening words that are no part of a name.
            let mut i = first;
            // "the Workers World Party": inside a sentence a capitalised plural
            // noun opens the name; "Shares of ..." at its start does not.
            let opens_name = |i: Tok| {
                let first_of_sentence = sent.tokens().start == i.ix();
                !first_of_sentence && cx.cap_word(i) && doc.words().ends_with(Class::PluralEnding, doc.tok(i))
            };
            while doc.token(i).is_some_and(|t| t.span().end < e) {
                if (cx.not_name(i) && !opens_name(i)) || cx.is(i, Class::Definite) {
                    i = i + 1;
                    if let Some(t) = doc.token(i) {
                        s = t.span().start;
                    }
                } else {
                    break;
                }
            }
            // "Iraq’s National Security Council": the name starts after a
            // possessive, also one standing apart ("Iraq 's National ...").
            let mut i = doc.tok_at(s);
            while doc.token(i).is_some_and(|t| t.span().end < e) {
                if let Some(after) = apart_possessive(cx, i) {
                    if !after.0 {
                        s = doc.token(after.1).map_or(e, |t| t.span().start);
                    }
                    i = after.1;
                    continue;
                }
                if possessive_tail(doc.tok(i)) > 0 && !cx.is(i, Class::NamePossessive) {
                    s = doc.token(i + 1).map_or(e, |t| t.span().start);
                }
                i = i + 1;
            }
            // The span must not cross a sentence end.
            if s >= e || doc.sentence_at(s) != doc.sentence_at(e.saturating_sub(1)) {
                continue;
            }
            for part in split_and(cx, Span::new(s, e)).into_iter().flat_map(|p| split_the(cx, p)) {
                // "Gary Chan of DAB and Eunice Yung of New People's Party":
                // the same for a part after "and".
                let part = Span::new(after_person(part.start, part.end), part.end);
                let Some(mut span) = before_title(doc, part) else { continue };
                // "Kata’ib Hezbollah Secretary General ...": after the
                // opening word's name, a title starts another name.
                if rule == RuleId::GroupPrefix {
                    let inner =
                        doc.titles.starting_in(span).iter().find(|h| h.span.start > span.start).map(|h| h.span.start);
                    if let Some(end) = inner.and_then(|at| doc.token(doc.tok_at(at).prev()?)).map(|t| t.span().end) {
                        span = Span::new(span.start, end.max(span.start));
                    }
                }
                // A bare head ("Council", "Army") is no name.
                if text[span.range()].contains(char::is_whitespace) {
                    out.push(group_cand(span, rule));
                }
            }
        }
    }
    if cx.mask.on(RuleId::GroupHeadWord) {
        party_groups(cx, out);
    }
    if cx.mask.on(RuleId::GroupAcronymDefined) {
        acronym_groups(cx, out);
    }
    if cx.mask.on(RuleId::GroupCause) {
        cause_groups(cx, out);
    }
    if cx.mask.on(RuleId::GroupSite) {
        site_groups(cx, out);
    }
    if cx.mask.on(RuleId::GroupNamed) {
        named_groups(cx, out);
    }
    if cx.mask.on(RuleId::GroupClub) {
        club_groups(cx, out);
    }
    if cx.mask.on(RuleId::GroupCompany) || cx.mask.on(RuleId::GroupPossessiveMember) {
        company_groups(cx, &people, out);
    }
}

/// A name after a word: from token `from` (after a lower-case "the" there),
/// one to four capitalised words of sentence `sent`, up to a possessive,
/// that no further capitalised word of the sentence follows. Its first token
/// and the token after it.
fn name_run(cx: &Ctx<'_, '_>, from: Tok, sent: usize) -> Option<(Tok, Tok)> {
    let doc = cx.doc;
    let same = |i: Tok| doc.sentence_of_tok(i) == sent;
    let mut a = from;
    if cx.is(a, Class::Definite) && cx.low_word(a) {
        a = a + 1;
    }
    let mut b = a;
    while b.ix() < doc.len() && a.len_to(b) < 4 && cx.cap_word(b) && same(b) {
        b = b + 1;
        if possessive_tail(doc.tok(b - 1)) > 0 {
            break;
        }
    }
    (b != a && !(b.ix() < doc.len() && cx.cap_word(b) && same(b))).then_some((a, b))
}

/// "an elite group within Scientology called the Sea Org", "a militia
/// known locally as the Lions": one to four capitalised words after a
/// naming verb (maybe "the"), when a group's noun (speaker nouns of type
/// group or outlet) stands at most four words before the verb.
fn named_groups(cx: &Ctx<'_, '_>, out: &mut Vec<Cand>) {
    let doc = cx.doc;
    for v in doc.tokens_of(Class::NamingVerb).filter(|&v| v > Tok::new(0)) {
        // A name follows, maybe after "the" (see `name_run`).
        if !doc.has_cap(v + 1) && !doc.has_cap(v + 2) || !cx.low_word(v) {
            continue;
        }
        let sent = doc.sentence_of_tok(v);
        let from = doc
            .span(Tok::new(v.ix().saturating_sub(5).max(doc.seg.sentences.get(sent).map_or(0, |s| s.tokens().start))))
            .start;
        let group_noun = doc.nouns.starting_in(Span::new(from, doc.span(v).start)).iter().any(|h| {
            cx.low_word(doc.tok_at(h.span.start))
                && cx
                    .gaz
                    .lists
                    .nouns
                    .get(h.idx as usize)
                    .is_some_and(|n| matches!(n.kind, SpeakerKind::Group | SpeakerKind::Outlet))
        });
        if !group_noun {
            continue;
        }
        let Some((a, b)) = name_run(cx, v + 1, sent) else { continue };
        // "a war called the Anglo-Somali War", "a comet named Wild 2": an
        // event's or a work's head word, or a number after, names no group.
        let number = doc.token(b).is_some_and(|t| t.kind() == TokKind::Number);
        if number || cx.is(b - 1, Class::PlaceTail) {
            continue;
        }
        let end = doc.span(b - 1).end - possessive_tail(doc.tok(b - 1));
        out.push(group_cand(Span::new(doc.span(a).start, end), RuleId::GroupNamed));
    }
}

/// "CBC.ca", "Secunia.com", "Metro.us": a capitalised name written with its
/// web domain (lexicon `web_domain`), with no space, is the site's owner.
fn site_groups(cx: &Ctx<'_, '_>, out: &mut Vec<Cand>) {
    let doc = cx.doc;
    let joined = |a: Tok, b: Tok| doc.token(b).is_some_and(|t| t.span().start == doc.span(a).end);
    for i in doc.cap_tokens() {
        if !cx.cap_word(i) || i.prev().is_some_and(|p| joined(p, i)) {
            continue;
        }
        let mut e = i;
        while doc.tok(e + 1) == "."
            && joined(e, e + 1)
            && joined(e + 1, e + 2)
            && cx.is(e + 2, Class::WebDomain)
            && cx.low_word(e + 2)
        {
            e = e + 2;
        }
        // Not part of a longer address ("CBC.ca/news").
        if e == i
            || doc
                .token(e + 1)
                .is_some_and(|t| t.span().start == doc.span(e).end && doc.tok(e + 1) != "." && doc.tok(e + 1) != ",")
        {
            continue;
        }
        out.push(group_cand(Span::new(doc.span(i).start, doc.span(e).end), RuleId::GroupSite));
    }
}

/// "Veterans for Peace", "Young Americans for Liberty": one to three
/// capitalised words ending in a plural, a `cause_link` word ("for",
/// "against") and one to four capitalised words, inside a sentence, are a
/// group.
fn cause_groups(cx: &Ctx<'_, '_>, out: &mut Vec<Cand>) {
    let doc = cx.doc;
    for p in doc.tokens_of(Class::CauseLink).filter(|&p| p > Tok::new(0)) {
        // A capitalised plural comes before it.
        if !p.prev().is_some_and(|l| doc.has_cap(l)) || !doc.is_word(p) {
            continue;
        }
        let sent = doc.sentence_of_tok(p);
        let same = |i: Tok| doc.sentence_of_tok(i) == sent;
        let Some(last) = p.prev().filter(|&l| cx.cap_word(l) && same(l)) else { continue };
        let w = doc.tok(last);
        if !w.ends_with('s') || w.len() < 4 || doc.token(last).is_some_and(|t| t.upper()) {
            continue;
        }
        // The words before the plural: up to two more capitalised ones.
        let mut a = last;
        while let Some(q) = a.prev() {
            if a.len_to(last) >= 2 || !cx.cap_word(q) || !same(q) || cx.not_name(q) || possessive_tail(doc.tok(q)) > 0 {
                break;
            }
            a = q;
        }
        let Some(s) = doc.seg.sentences.get(sent) else { continue };
        if a.ix() == s.tokens().start && a == last || doc.title_case(s.para()) || cx.not_name(a) {
            continue;
        }
        // "ran in St. Catharines against ...", "Fixtures for ...": a place
        // or a word of the sports pages is no one's name.
        let placed = Tok::range(a, p)
            .any(|i| cx.entity_at(i, p).is_some_and(|(_, k, _)| matches!(k, Kind::Place | Kind::Country)));
        if placed || cx.is(last, Class::SportWord) {
            continue;
        }
        // The cause: "the" maybe, then one to four capitalised words.
        let Some((_, b)) = name_run(cx, p + 1, sent) else { continue };
        if possessive_tail(doc.tok(b - 1)) > 0 {
            continue;
        }
        out.push(group_cand(Span::new(doc.span(a).start, doc.span(b - 1).end), RuleId::GroupCause));
    }
}

/// "Real Torvik", "Inter Halden", "Halden United", "Torvik City": in a
/// sports report, a club's opening word and one or two capitalised words, or
/// one or two capitalised words and a club's closing word, that no list
/// knows as one name ("Mexico City" is a city).
fn club_groups(cx: &Ctx<'_, '_>, out: &mut Vec<Cand>) {
    let doc = cx.doc;
    let (prefix, tail) = (Class::ClubPrefix, Class::ClubTail);
    // (The sports test is kept by the document: resolution asks it too.)
    if !(doc.has_class(prefix) || doc.has_class(tail)) || !doc.sports_report() {
        return;
    }
    let sent = |i: Tok| doc.sentence_of_tok(i);
    // A word of a club's name: capitalised, in the sentence, no date or
    // sentence word, no possessive before it.
    let part = |i: Tok, of: Tok| {
        i.ix() < doc.len()
            && cx.cap_word(i)
            && !cx.not_name(i)
            && !cx.is(i, Class::Definite)
            && sent(i) == sent(of)
            && !doc.token(i).is_some_and(|t| t.upper() && t.span().len() <= 3)
    };
    let titled = |i: Tok| doc.seg.sentences.get(sent(i)).is_none_or(|s| doc.title_case(s.para()));
    let mut found: Vec<Span> = Vec::new();
    for i in (0..doc.len()).map(Tok::new) {
        let (a, b) = if cx.is(i, prefix) && cx.cap_word(i) && part(i + 1, i) {
            // "Real Torvik", "Sporting Halden Vale".
            let more = part(i + 2, i) && possessive_tail(doc.tok(i + 1)) == 0;
            (i, if more { i + 3 } else { i + 2 })
        } else if cx.is(i, tail) && cx.cap_word(i) && i.prev().is_some_and(|p| part(p, i)) {
            // "Halden United", "Port Torvik City".
            let more = (i - 1).prev().is_some_and(|p| part(p, i) && !cx.is(p, prefix));
            (if more { i - 2 } else { i - 1 }, i + 1)
        } else {
            continue;
        };
        if titled(i) || Tok::range(a, b).any(|t| possessive_tail(doc.tok(t)) > 0 && t + 1 < b) {
            continue;
        }
        // Known as one name (or longer): the list's entry stands.
        // ("Former Manchester United": the list's name starts inside).
        // A name the list knows alone ("Torvik", "Rangers") is no reason.
        let from = if cx.is(i, prefix) { a + 1 } else { b - 1 };
        let known = Tok::range(a, from).any(|k| cx.entity_at(k, Tok::MAX).is_some_and(|(j, _, _)| j >= b));
        if known || cx.person_hit(a, b) {
            continue;
        }
        let span = Span::new(doc.span(a).start, doc.span(b - 1).end - possessive_tail(doc.tok(b - 1)));
        if found.last().is_none_or(|l: &Span| l.end <= span.start) {
            found.push(span);
        }
    }
    // The club's form outweighs a person's reading of the same words ("Real"
    // is a given name too).
    super::drop_people_over(out, &found);
    out.extend(found.into_iter().map(|span| group_cand(span, RuleId::GroupClub)));
}

/// "Kestrel's shares fell", "Kestrel chief executive Siobhan Achterberg",
/// "a stake in Banca Ligure": a capitalised run of one to three words no
/// list knows, before a possessive and a company's noun, before a company
/// role and a name, or after a company's intro, is a company. Before a
/// possessive and one of `people` (the people the person rules read,
/// sorted), it is that person's group ("Demosisto's Nathan Law").
fn company_groups(cx: &Ctx<'_, '_>, people: &[Span], out: &mut Vec<Cand>) {
    let doc = cx.doc;
    let member = cx.mask.on(RuleId::GroupPossessiveMember);
    let mut i = Tok::new(0);
    while i.ix() < doc.len() {
        let after_cap = || i.prev().is_some_and(|p| cx.cap_word(p) && doc.sentence_of_tok(p) == doc.sentence_of_tok(i));
        if !cx.cap_word(i) {
            i = doc.next_cap(i + 1, Tok::new(doc.len()));
            continue;
        }
        if after_cap() {
            i = i + 1;
            continue;
        }
        // "Pro-Beijing DAB's ...": a stance word opens no name.
        let mut a = i;
        while cx.cap_word(a) && doc.words().prefix_chars(Class::StancePrefix, doc.key(a)).is_some() {
            a = a + 1;
        }
        if !cx.cap_word(a) {
            i = a.max(i + 1);
            continue;
        }
        let mut b = a + 1;
        while b.ix() < doc.len()
            && a.len_to(b) < 4
            && cx.cap_word(b)
            && possessive_tail(doc.tok(b - 1)) == 0
            && doc.sentence_of_tok(b) == doc.sentence_of_tok(a)
        {
            b = b + 1;
        }
        i = b;
        if a.len_to(b) > 3 || (b.ix() < doc.len() && cx.cap_word(b) && possessive_tail(doc.tok(b - 1)) == 0) {
            continue;
        }
        let sent = doc.seg.sentences.get(doc.sentence_of_tok(a));
        if sent.is_none_or(|s| doc.title_case(s.para())) {
            continue;
        }
        // Words that open sentences, titles, roles and anything a list knows are no company's name.
        let plain = Tok::range(a, b).all(|t| {
            !cx.not_name(t)
                && !cx.is(t, Class::Definite)
                && cx.title_at(t, t + 1).is_none()
                && doc.token(t).is_some_and(|x| !x.upper() || x.span().len() > 3)
        });
        let known = || Tok::range(a, b).any(|t| cx.entity_at(t, Tok::MAX).is_some()) || cx.person_hit(a, b);
        if !plain || known() {
            continue;
        }
        let possessive = possessive_tail(doc.tok(b - 1)) > 0 && doc.class_at(b, Class::CompanyNoun).is_some();
        let role = possessive_tail(doc.tok(b - 1)) == 0
            && doc.class_at(b, Class::CompanyRole).is_some_and(|j| cx.cap_word(j) && !cx.not_name(j));
        let intro = || doc.phrase_before(a, Class::CompanyIntro);
        let end = doc.span(b - 1).end - possessive_tail(doc.tok(b - 1));
        if cx.mask.on(RuleId::GroupCompany) && (possessive || role || intro()) {
            out.push(group_cand(Span::new(doc.span(a).start, end), RuleId::GroupCompany));
        } else if member
            && possessive_tail(doc.tok(b - 1)) > 0
            && {
                // "Monday’s": the last word's classes, without its ending.
                let w = doc.tok(b - 1);
                let c = doc.words().classes(&w[..w.len() - possessive_tail(w)].to_lowercase());
                !c.has(Class::Weekday) && !c.has(Class::Month) && !c.has(Class::NotName)
            }
            && b.ix() < doc.len()
            && people.binary_search_by_key(&doc.span(b).start, |p| p.start).is_ok()
        {
            out.push(group_cand(Span::new(doc.span(a).start, end), RuleId::GroupPossessiveMember));
        }
    }
}

/// "the Liberal party", "the ruling Zanu party": a capitalised name and a
/// lower-case "party" after it, when the name's last word names a party
/// (`party_adjective`) or a word before it says that one is meant
/// (`party_intro`).
fn party_groups(cx: &Ctx<'_, '_>, out: &mut Vec<Cand>) {
    let doc = cx.doc;
    for i in doc.tokens_of(Class::PartyNoun).filter(|&i| i > Tok::new(0)) {
        if !(cx.low_word(i) && cx.cap_word(i - 1)) {
            continue;
        }
        let mut a = i - 1;
        while a.ix() > 0
            && a.len_to(i) < 3
            && cx.cap_word(a - 1)
            && doc.sentence_of_tok(a - 1) == doc.sentence_of_tok(i)
        {
            a = a - 1;
        }
        while a < i - 1 && (cx.is(a, Class::Definite) || cx.not_name(a)) {
            a = a + 1;
        }
        let named = cx.is(i - 1, Class::PartyAdjective);
        let introduced = a.prev().is_some_and(|p| cx.low_word(p) && cx.is(p, Class::PartyIntro));
        if (named || introduced) && !cx.is(a, Class::Definite) {
            out.push(group_cand(Span::new(doc.span(a).start, doc.span(i).end), RuleId::GroupHeadWord));
        }
    }
    // "Zorka, the ruling party, said": a run in apposition with a party.
    for i in doc.tokens_of(Class::PartyNoun).filter(|&i| i >= Tok::new(3)) {
        if !cx.low_word(i) || possessive_tail(doc.tok(i)) > 0 {
            continue;
        }
        let next = i + 1;
        let ends = !doc.is_word(next) || cx.is(next, Class::Preposition);
        // Back over up to four lower-case words to the article.
        let Some(d) = Tok::range(i - 5, i)
            .rev()
            .take_while(|&t| cx.low_word(t) || doc.tok(t) == "-")
            .find(|&t| cx.is(t, Class::Definite) || cx.is(t, Class::Indefinite))
        else {
            continue;
        };
        let Some(comma) = d.prev().filter(|&c| doc.tok(c) == "," && doc.sentence_of_tok(c) == doc.sentence_of_tok(i))
        else {
            continue;
        };
        let Some(b) = comma.prev().filter(|&l| cx.cap_word(l)) else { continue };
        let mut a = b;
        while a.ix() > 0
            && a.len_to(b) < 2
            && cx.cap_word(a - 1)
            && doc.sentence_of_tok(a - 1) == doc.sentence_of_tok(b)
        {
            a = a - 1;
        }
        while a < b && (cx.is(a, Class::Definite) || cx.not_name(a)) {
            a = a + 1;
        }
        if ends && !cx.not_name(a) && !cx.is(a, Class::Definite) && possessive_tail(doc.tok(b)) == 0 {
            out.push(group_cand(Span::new(doc.span(a).start, doc.span(b).end), RuleId::GroupHeadWord));
        }
    }
    // "the Popular Freedonian Rally", "National Unity Platform": a party's
    // head word that names one only after a party's adjective in its run.
    for i in doc.tokens_of(Class::PartyHead).filter(|&i| i > Tok::new(0)) {
        if !(cx.cap_word(i) && cx.cap_word(i - 1)) {
            continue;
        }
        let same = |t: Tok| doc.sentence_of_tok(t) == doc.sentence_of_tok(i);
        let mut a = i - 1;
        while a.ix() > 0 && a.len_to(i) < 4 && cx.cap_word(a - 1) && same(a - 1) && possessive_tail(doc.tok(a - 1)) == 0
        {
            a = a - 1;
        }
        while a < i && (cx.is(a, Class::Definite) || cx.not_name(a)) {
            a = a + 1;
        }
        if a < i && Tok::range(a, i).any(|t| cx.is(t, Class::PartyAdjective)) {
            out.push(group_cand(Span::new(doc.span(a).start, doc.span(i).end), RuleId::GroupHeadWord));
        }
    }
}

/// Countries by a state's form, also former ones ("Principality of Guria",
/// "Weimar Republic"): candidates of kind country, before the groups so that
/// a group's reading of the same words ("Union of ...") gives way.
fn state_forms(cx: &Ctx<'_, '_>, pats: &GroupPatterns, out: &mut Vec<Cand>) {
    let doc = cx.doc;
    let mut found: Vec<(usize, usize)> = Vec::new();
    pats.state.for_each(doc, |s, e| found.push((s, e)));
    for (s, e) in found {
        if !doc.text.is_char_boundary(s)
            || !doc.text.is_char_boundary(e)
            || doc.sentence_at(s) != doc.sentence_at(e - 1)
        {
            continue;
        }
        let first = doc.tok_at(s);
        // "The Republic ...": an article or a word that opens sentences is no part of it.
        let start = if (cx.not_name(first) && !cx.is(first, Class::StateOrdinal)) || cx.is(first, Class::Definite) {
            match doc.token(first + 1) {
                Some(t) if t.span().start < e => t.span().start,
                _ => continue,
            }
        } else {
            s
        };
        let span = Span::new(start, e);
        if doc.text[span.range()].contains(char::is_whitespace) {
            out.push(Cand { kind: Kind::Country, ..group_cand(span, RuleId::CountryStateForm) });
        }
    }
}

/// Whether token `i` is a head word, capitalised.
fn is_head(cx: &Ctx<'_, '_>, i: Tok) -> bool {
    cx.is(i, Class::GroupHead) && cx.cap_word(i)
}

/// "the Reform Party of Canada and the Canadian Alliance": two groups the
/// pattern read as one are split at "and" when both have a head and the
/// first ends complete: in its head, or in the place of an "of X". "Social
/// Democratic and Labour Party", "Ministry of Foreign Affairs and Trade" and
/// "Alliance of Liberals and Democrats for Europe" stay whole.
fn split_and(cx: &Ctx<'_, '_>, span: Span) -> Vec<Span> {
    let doc = cx.doc;
    let (a, b) = (doc.tok_at(span.start), doc.tok_at(span.end));
    let mut out = Vec::new();
    let mut start = a;
    for p in Tok::range(a + 1, b - 1) {
        if !(cx.is(p, Class::Coordinator) && cx.low_word(p) && cx.is(p, Class::GroupLink)) {
            continue;
        }
        let left_head = Tok::range(start, p).any(|i| is_head(cx, i));
        let member = cx.is(p - 1, Class::PartyMembers);
        let of_place = p >= Tok::new(2) && cx.is(p - 2, Class::GroupOf) && cx.low_word(p - 2);
        let left_ends = !member && (is_head(cx, p - 1) || of_place);
        let right_head = Tok::range(p + 1, b).any(|i| is_head(cx, i));
        if left_head && right_head && left_ends {
            out.push(Span::new(doc.span(start).start, doc.span(p - 1).end));
            start = p + 1;
        }
        // "the FDP and Social Democratic Party of Germany", "Musavat and
        // Azerbaijani Popular Front Party": an acronym or a listed group
        // before "and" is a name of its own (the lists and the acronym rules
        // read it); the name with the head word starts after "and".
        let acronym = Tok::range(start, p).all(|i| doc.token(i).is_some_and(|t| t.upper() && t.span().len() >= 2));
        // "Shia Hezbollah and Amal Movement": the listed group may follow
        // words of its own.
        let listed =
            Tok::range(start, p).any(|i| cx.entity_at(i, p).is_some_and(|(j, k, _)| j == p && k == Kind::Group));
        // "Eli Lilly and Co.": a head word alone after "and" is part of the name.
        let right_named = Tok::range(p + 1, b).any(|i| cx.cap_word(i) && !is_head(cx, i));
        if !left_head && right_head && right_named && (acronym || listed) {
            start = p + 1;
        }
        // "the Liberal Party of Canada and Young Americans for Liberty": after a
        // name ending in a country, "and" and words without a head word are
        // another name, no part of this one.
        let place_end = of_place
            && doc.entity_hits.starting_in(Span::new(doc.span(p - 2).end, doc.span(p - 1).end)).iter().any(|h| {
                h.span.end == doc.span(p - 1).end
                    && cx.gaz.payloads(h.pattern).iter().any(|x| {
                        matches!(*x, Payload::Entity { entry, role, .. }
                            if matches!(cx.gaz.form_kind(entry, role), Kind::Country | Kind::Place)
                                && !cx.gaz.entry(entry).place_context)
                    })
            });
        // "... of England and Wales": a second place is part of the name.
        let right_place = cx.entity_at(p + 1, b).is_some_and(|(_, k, _)| matches!(k, Kind::Country | Kind::Place));
        if left_head && place_end && !right_head && !member && !right_place {
            return vec![Span::new(doc.span(start).start, doc.span(p - 1).end)];
        }
    }
    if start == a {
        return vec![span];
    }
    if let Some(t) = doc.token(start) {
        out.push(Span::new(t.span().start, span.end));
    }
    out
}

/// "the Academy The Academy": a capitalised "The" inside starts another name.
fn split_the(cx: &Ctx<'_, '_>, span: Span) -> Vec<Span> {
    let doc = cx.doc;
    let (a, b) = (doc.tok_at(span.start), doc.tok_at(span.end));
    let mut out = Vec::new();
    let mut start = span.start;
    for p in Tok::range(a + 1, b) {
        if cx.is(p, Class::Definite) && cx.cap_word(p) {
            if let Some(prev) = doc.token(p - 1).filter(|t| t.span().start >= start) {
                out.push(Span::new(start, prev.span().end));
            }
            start = doc.token(p + 1).map_or(span.end, |t| t.span().start);
        }
    }
    if start < span.end {
        out.push(Span::new(start, span.end));
    }
    out
}

/// "Liberal Party of Canada Member of Parliament": a title that ends the
/// span is cut off ("Member of Parliament" alone is no group).
fn before_title(doc: &Doc<'_>, span: Span) -> Option<Span> {
    // A title that ends the span, or that a name with no head word follows
    // inside it ("Bank of Korea Governor Rhee Chang-yong"; "Premier League"
    // and "General Council" keep their words).
    let named = |h: &&LexHit| {
        let next = doc.tok_at(h.span.end);
        let end = doc.tok_at(span.end);
        h.span.start > span.start
            && doc.span(next).end <= span.end
            && doc.cap_word(next)
            && !Tok::range(next, end).any(|i| doc.is(i, Class::GroupHead))
    };
    let titles = doc.titles.starting_in(span);
    let Some(t) = titles.iter().find(|h| h.span.end == span.end).or_else(|| titles.iter().find(named)) else {
        return Some(span);
    };
    let mut i = doc.tok_at(t.span.start);
    // Back over "of", "the" before the title.
    while i > Tok::new(0) && doc.span(i - 1).start > span.start && !doc.token(i - 1).is_some_and(|t| t.cap()) {
        i = i - 1;
    }
    let prev = i.prev().and_then(|p| doc.token(p)).filter(|p| p.span().start >= span.start)?;
    Some(Span::new(span.start, prev.span().end))
}

/// "the Union of Free Traders (UFT)": a capitalised name followed by its
/// acronym in brackets is a group, when the acronym's letters begin its
/// words. Persons and places the lists or rules find win over it.
fn acronym_groups(cx: &Ctx<'_, '_>, out: &mut Vec<Cand>) {
    let doc = cx.doc;
    // Where the groups found by their head end: those need no second reading.
    let formed: std::collections::HashSet<usize> =
        out.iter().filter(|c| c.kind == Kind::Group).map(|c| c.span.end).collect();
    for i in Tok::range(Tok::new(1), Tok::new(doc.len().saturating_sub(2))) {
        if doc.punct(i) != "(" || doc.punct(i + 2) != ")" || !acronym(doc.tok(i + 1)) {
            continue;
        }
        // The name: capitalised words and the small words between them.
        let mut a = i;
        while let Some(p) = a.prev() {
            let Some(t) = doc.token(p) else { break };
            let small = cx.is(p, Class::NameConnector) && !t.cap();
            // A title ends the name: "President of the ... (WWP)".
            let titled = !doc.titles.starting_at(t.span().start).is_empty();
            let the = cx.is(p, Class::Definite) && t.cap();
            if t.kind() == TokKind::Word && (t.cap() || small) && !titled && !the && a.len_to(i) < 8 {
                a = p;
            } else {
                break;
            }
        }
        while a < i && (!doc.token(a).is_some_and(|t| t.cap()) || cx.not_name(a)) {
            a = a + 1;
        }
        let words: Vec<&str> =
            Tok::range(a, i).map(|j| doc.tok(j)).filter(|w| w.chars().next().is_some_and(char::is_uppercase)).collect();
        let end = doc.span(i - 1).end;
        if words.len() < 2
            || doc.seg.sentences.get(doc.sentence_of_tok(i)).is_none_or(|s| doc.title_case(s.para()))
            || formed.contains(&end)
        {
            continue;
        }
        let caps: Vec<char> = doc.tok(i + 1).chars().filter(|c| c.is_uppercase()).collect();
        let initials: Vec<char> = words.iter().filter_map(|w| w.chars().next()).collect();
        let hits = caps.iter().filter(|c| initials.contains(c)).count();
        if hits * 2 >= caps.len() && hits >= 1 {
            out.push(group_cand(Span::new(doc.span(a).start, end), RuleId::GroupAcronymDefined));
        }
    }
}
