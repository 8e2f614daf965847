//! Stage 3: choose among overlapping candidates and tie mentions to entities.
//!
//! Candidates come from the gazetteer automaton and from the rules. The
//! longest wins; on a tie a list entry beats a rule and a rule beats an
//! ambiguous list entry. Then mentions become entities: one per gazetteer
//! entry, one per person or group the rules found, with short forms
//! ("Al-Sudani", "Sudani", "Ms. Graham") and acronyms defined in parentheses
//! tied back to the full name anywhere in the text. Titles and appositives
//! become attributes and relations.

use std::cell::Cell;
use std::collections::HashMap;

use crate::cand::{Cand, Source};
use crate::doc::{Doc, Tok};
use crate::gazetteer::{FormRole, Gazetteer, Payload};
use crate::hash::TextMap;
use crate::kind::{Gender, Kind};
use crate::lexicon::Class;
use crate::ruleset::{RuleId, RuleIx, RuleMask};
use crate::segment::{acronym, roman, TokKind};
use crate::span::{Blocks, OptSpan};
use crate::Span;

mod party_tags;

/// The index of an entity in [`Resolved::ents`].
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct EntId(pub(crate) u32);

impl EntId {
    pub(crate) fn ix(self) -> usize {
        self.0 as usize
    }
}

/// A resolved mention, before output.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Ment {
    pub(crate) span: Span,
    pub(crate) kind: Kind,
    pub(crate) ent: EntId,
    pub(crate) source: Source,
    pub(crate) rule: RuleIx,
    pub(crate) title: OptSpan,
    pub(crate) pre: OptSpan,
}

impl Ment {
    /// A mention a strong rule makes of entity `ent`, with nothing read
    /// around it (no title, no country before it).
    fn from_rule(span: Span, kind: Kind, ent: EntId, rule: impl Into<RuleIx>) -> Ment {
        Ment {
            span,
            kind,
            ent,
            source: Source::Rule { strong: true },
            rule: rule.into(),
            title: OptSpan::NONE,
            pre: OptSpan::NONE,
        }
    }
}

/// Mentions sorted by start, no two of them overlapping: the invariant every
/// later stage relies on, kept by the only ways to add or move one.
///
/// They are indexed by block of the text (as [`ByStart`](crate::doc::ByStart)
/// items are), so that the many look-ups of resolving and attribution in a
/// long text do not each search all of them: every change that may move a
/// start indexes them again, or drops the index until
/// [`reindex`](Mentions::reindex). The last field is the text's length.
#[derive(Clone, Debug, Default)]
pub(crate) struct Mentions(Vec<Ment>, Option<Blocks>, usize);

impl Mentions {
    /// From mentions already sorted and free of overlaps (as `select` makes
    /// them); any that break the order or overlap are dropped.
    fn from_sorted(mut ms: Vec<Ment>, len: usize) -> Mentions {
        // In place: a long text's mentions are not copied.
        crate::span::keep_apart(&mut ms, |m| m.span);
        let mut ms = Mentions(ms, None, len);
        ms.reindex();
        ms
    }

    /// Indexes the mentions again, after their starts moved.
    fn reindex(&mut self) {
        self.1 = Some(Blocks::new(self.0.iter().map(|m| m.span.start), self.2));
    }

    /// Moves mention `x` to `span` (which must keep the order and overlap
    /// none): the index waits for [`reindex`](Self::reindex).
    fn set_span(&mut self, x: usize, span: Span) {
        if let Some(m) = self.0.get_mut(x) {
            if m.span.start != span.start {
                self.1 = None;
            }
            m.span = span;
        }
    }

    pub(crate) fn as_slice(&self) -> &[Ment] {
        &self.0
    }

    pub(crate) fn iter(&self) -> std::slice::Iter<'_, Ment> {
        self.0.iter()
    }

    pub(crate) fn len(&self) -> usize {
        self.0.len()
    }

    /// The index of the first mention that starts at or after byte `b`.
    pub(crate) fn first_at(&self, b: usize) -> usize {
        match &self.1 {
            Some(blocks) => blocks.first_at(&self.0, b, |m| m.span.start),
            None => self.0.partition_point(|m| m.span.start < b),
        }
    }

    /// The index of the first mention that ends after byte `b`.
    fn first_ending_after(&self, b: usize) -> usize {
        crate::span::first_ending_after(&self.0, self.first_at(b), b, |m| m.span.end)
    }

    /// The mention that covers byte `b`, if any.
    pub(crate) fn at(&self, b: usize) -> Option<&Ment> {
        let i = self.first_ending_after(b);
        self.0.get(i).filter(|m| m.span.start <= b)
    }

    /// The index of the mention that starts at byte `b`.
    fn index_starting(&self, b: usize) -> Option<usize> {
        let i = self.first_at(b);
        self.0.get(i).filter(|m| m.span.start == b).map(|_| i)
    }

    /// Mentions that start inside `span`.
    pub(crate) fn in_span(&self, span: Span) -> &[Ment] {
        let a = self.first_at(span.start);
        let b = self.first_at(span.end).max(a);
        &self.0[a..b]
    }

    /// Whether no mention overlaps `span`.
    pub(crate) fn free(&self, span: Span) -> bool {
        let i = self.first_ending_after(span.start);
        self.0.get(i).is_none_or(|m| m.span.start >= span.end)
    }

    /// Adds mentions that overlap none there are nor one another (earlier
    /// ones first); the rest are dropped.
    fn add(&mut self, mut new: Vec<Ment>) {
        if new.is_empty() {
            return;
        }
        crate::span::sort_stable_by_key(&mut new, |m| m.span.start as u32);
        // Every mention there is stays. A new one stays when it overlaps
        // none kept before it and ends before the next one there starts.
        let old = &self.0;
        let mut a = 0;
        let mut last_end: Option<usize> = None;
        new.retain(|m| {
            while let Some(o) = old.get(a).filter(|o| o.span.start <= m.span.start) {
                last_end = Some(o.span.end);
                a += 1;
            }
            let keep =
                last_end.is_none_or(|e| e <= m.span.start) && old.get(a).is_none_or(|n| n.span.start >= m.span.end);
            if keep {
                last_end = Some(m.span.end);
            }
            keep
        });
        // Merged from the back, in place: a long text's mentions are not
        // copied for the few added (of one start, those there first).
        if let Some(&fill) = new.first() {
            let (n, k) = (self.0.len(), new.len());
            self.0.resize(n + k, fill);
            let (mut i, mut j, mut w) = (n, k, n + k);
            while j > 0 {
                w -= 1;
                if i > 0 && self.0[i - 1].span.start > new[j - 1].span.start {
                    self.0[w] = self.0[i - 1];
                    i -= 1;
                } else {
                    self.0[w] = new[j - 1];
                    j -= 1;
                }
            }
        }
        self.reindex();
    }

    /// Keeps the mentions `keep` says yes to.
    fn retain(&mut self, keep: impl FnMut(&Ment) -> bool) {
        self.0.retain(keep);
        self.reindex();
    }

    fn iter_mut_ents(&mut self) -> impl Iterator<Item = &mut EntId> {
        self.0.iter_mut().map(|m| &mut m.ent)
    }
}

/// An entity, before output.
#[derive(Clone, Debug)]
pub(crate) struct Ent {
    pub(crate) kind: Kind,
    pub(crate) name: String,
    pub(crate) key: Option<String>,
    pub(crate) gender: Option<Gender>,
    pub(crate) attrs: Vec<(String, String)>,
    /// Has a mention from a list or a strong rule.
    supported: bool,
}

/// What a relation between entities says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum EntRelKind {
    Role,
    MemberOf,
    AffiliatedWith,
}

/// A relation read from titles and appositives.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct EntRel {
    pub(crate) kind: EntRelKind,
    pub(crate) source: EntId,
    pub(crate) target: Option<EntId>,
    pub(crate) value: Option<String>,
    pub(crate) evidence: Option<Span>,
}

/// The result of resolution.
#[derive(Clone, Debug, Default)]
pub(crate) struct Resolved {
    pub(crate) ents: Vec<Ent>,
    /// Sorted by start; no two overlap.
    pub(crate) ments: Mentions,
    pub(crate) relations: Vec<EntRel>,
}

impl Resolved {
    /// The mention that covers byte `b`, if any.
    pub(crate) fn mention_at(&self, b: usize) -> Option<&Ment> {
        self.ments.at(b)
    }

    /// Mentions that start inside `span`.
    pub(crate) fn mentions_in(&self, span: Span) -> &[Ment] {
        self.ments.in_span(span)
    }

    /// The entity of an id.
    pub(crate) fn ent(&self, e: EntId) -> &Ent {
        &self.ents[e.ix()]
    }

    /// The entity a rule made for `name` (one per name in `made`), made
    /// now if there is none yet.
    fn rule_entity(&mut self, made: &mut HashMap<String, EntId>, kind: Kind, name: &str) -> EntId {
        if let Some(&e) = made.get(name) {
            return e;
        }
        self.ents.push(Ent {
            kind,
            name: name.to_string(),
            key: None,
            gender: None,
            attrs: Vec::new(),
            supported: true,
        });
        let e = EntId((self.ents.len() - 1) as u32);
        made.insert(name.to_string(), e);
        e
    }
}

/// Which reading of a shared form comes first when nothing else decides: a
/// country, then a nationality ("Australian", not the newspaper), a group, a
/// person, a place.
fn kind_rank(k: Kind) -> u8 {
    match k {
        Kind::Country => 0,
        Kind::Nationality => 1,
        Kind::Group => 2,
        Kind::Person => 3,
        Kind::Place => 4,
        Kind::Title => 5,
    }
}

/// The country an entry belongs to.
fn entry_country(gaz: &Gazetteer, entry: u32) -> Option<&str> {
    gaz.get_entry(entry)?.country()
}

/// "In May 2012", "on May 2", "since June": a month, not a name.
fn is_date(doc: &Doc<'_>, span: Span) -> bool {
    let i = doc.tok_at(span.start);
    if doc.span(i) != span || !doc.is(i, Class::Month) || !doc.cap_word(i) {
        return false;
    }
    let next_number = doc.token(i + 1).is_some_and(|t| t.kind() == TokKind::Number);
    next_number || i.prev().is_some_and(|p| doc.is(p, Class::DatePrep))
}

/// Whether a group the rules read (`outer`) is the list's group whose name
/// it holds (`inner`): only when what it adds is that group's own country
/// ("Iraqi National Security Council"), not another name ("Freedonian
/// Labour Party" is no "Labour Party" of the lists).
fn same_group(doc: &Doc<'_>, gaz: &Gazetteer, outer: Span, inner: Span, entry: u32) -> bool {
    // "Nvidia Corp": the listed name and a company suffix.
    if inner.start == outer.start && inner.end < outer.end {
        let (a, b) = (doc.tok_at(inner.end), doc.tok_at(outer.end));
        return Tok::range(a, b).all(|t| doc.is(t, Class::CompanySuffix) || doc.tok(t) == ",");
    }
    if inner.end != outer.end {
        return false;
    }
    if inner.start == outer.start {
        return true;
    }
    // An entry of no country shares a country with none.
    let Some(home) = entry_country(gaz, entry) else { return false };
    doc.entity_hits.starting_at(outer.start).iter().any(|h| {
        doc.text[h.span.end..inner.start].trim().is_empty()
            && gaz.payloads(h.pattern).iter().any(|p| match *p {
                Payload::Entity { entry: e, .. } => entry_country(gaz, e) == Some(home),
                _ => false,
            })
    })
}

/// The rule a list form answers to.
fn list_rule(role: FormRole) -> RuleId {
    match role {
        FormRole::Name => RuleId::ListName,
        FormRole::Alias => RuleId::ListAlias,
        FormRole::Demonym => RuleId::ListDemonym,
    }
}

/// Turns gazetteer hits into candidates, one per hit.
///
/// A form several entries share ("Georgia": the country and the US state)
/// goes to the entry whose country the rest of the text speaks of most
/// (Tbilisi and Georgian officials, or Atlanta and the governor); an
/// unambiguous entry beats an ambiguous one, and a country beats a group, a
/// person or a place.
pub(crate) fn gazetteer_cands(doc: &Doc<'_>, gaz: &Gazetteer, kinds: &[Kind], mask: &RuleMask, out: &mut Vec<Cand>) {
    // A form many entries share is weighed once per text, not at each hit.
    let shared = |pattern: u32| gaz.entities(pattern).len() > 8;
    // Which countries the unambiguous hits belong to.
    let mut support: crate::hash::FastMap<&str, u32> = Default::default();
    let mut countries: crate::hash::FastMap<u32, Option<&str>> = Default::default();
    for h in &doc.entity_hits {
        let code = if shared(h.pattern) {
            *countries.entry(h.pattern).or_insert_with(|| sole_country(gaz, h.pattern))
        } else {
            sole_country(gaz, h.pattern)
        };
        if let Some(c) = code {
            *support.entry(c).or_default() += 1;
        }
    }
    let mut bests: crate::hash::FastMap<u32, Option<(u32, FormRole, bool, Kind)>> = Default::default();
    // Whether a form is a month's name, once per form: a date ("May 5") is
    // only looked for at those, whose tokens are then read (in a long text,
    // reading the token at every ambiguous hit missed the cache each time).
    let mut months: crate::hash::FastMap<u32, bool> = Default::default();
    let words = &gaz.lists.words;
    for h in &doc.entity_hits {
        // Entries named only in place context are weighed at each hit.
        let mut placed: Option<bool> = None;
        let mut place = || *placed.get_or_insert_with(|| place_context(doc, gaz, h.span));
        let best = if shared(h.pattern) && !gaz.entity_sum(h.pattern).place_context {
            *bests.entry(h.pattern).or_insert_with(|| best_entry(gaz, h.pattern, kinds, mask, &support, &mut place))
        } else {
            best_entry(gaz, h.pattern, kinds, mask, &support, &mut place)
        };
        if let Some((entry, role, ambiguous, kind)) = best {
            if ambiguous
                && *months
                    .entry(h.pattern)
                    .or_insert_with(|| words.classes(&gaz.lists.fold.key(gaz.pattern(h.pattern))).has(Class::Month))
                && is_date(doc, h.span)
            {
                continue;
            }
            // "pro-Beijing", "anti-Kremlin": a stance, no mention of the place.
            if matches!(kind, Kind::Place | Kind::Country | Kind::Group) && after_stance_prefix(doc, h.span) {
                continue;
            }
            out.push(Cand {
                span: h.span,
                kind,
                source: Source::Gaz { entry, role, ambiguous },
                rule: list_rule(role).into(),
                title: OptSpan::NONE,
                pre: OptSpan::NONE,
                gender: gaz.entry(entry).gender,
                given: None,
            });
        }
    }
}

/// The country every entity form of `pattern` belongs to, when none is
/// ambiguous and they agree.
fn sole_country(gaz: &Gazetteer, pattern: u32) -> Option<&str> {
    let mut code: Option<&str> = None;
    let mut one = true;
    for p in gaz.entities(pattern) {
        let Payload::Entity { entry, ambiguous, .. } = *p else { continue };
        let c = entry_country(gaz, entry);
        one &= !ambiguous && (code.is_none() || code == c);
        code = code.or(c);
    }
    code.filter(|_| one)
}

/// The entry a hit of `pattern` names, among those of the kinds asked for:
/// an unambiguous one first, then the one whose country has most `support`,
/// then by kind.
fn best_entry(
    gaz: &Gazetteer,
    pattern: u32,
    kinds: &[Kind],
    mask: &RuleMask,
    support: &crate::hash::FastMap<&str, u32>,
    placed: &mut dyn FnMut() -> bool,
) -> Option<(u32, FormRole, bool, Kind)> {
    let mut best: Option<(u32, FormRole, bool, Kind, u32)> = None;
    for p in gaz.entities(pattern) {
        let Payload::Entity { entry, role, ambiguous } = *p else { continue };
        let kind = gaz.form_kind(entry, role);
        if !(kinds.contains(&kind) || kind == Kind::Nationality && kinds.contains(&Kind::Country)) {
            continue;
        }
        if gaz.entry(entry).place_context && !placed() {
            continue;
        }
        if !mask.on(list_rule(role)) {
            continue;
        }
        let votes = entry_country(gaz, entry).and_then(|c| support.get(c)).copied().unwrap_or(0);
        let better = match best {
            None => true,
            Some((_, _, amb, k, v)) => {
                (amb && !ambiguous)
                    || (amb == ambiguous && votes > v)
                    || (amb == ambiguous && votes == v && kind_rank(kind) < kind_rank(k))
            }
        };
        if better {
            best = Some((entry, role, ambiguous, kind, votes));
        }
    }
    best.map(|(entry, role, ambiguous, kind, _)| (entry, role, ambiguous, kind))
}

/// Whether a hit stands where a place is expected: after a preposition of
/// place ("a lawyer from Macon"), after a party letter ("R-Sturgis"), before
/// "-based" or a comma and a state or country ("Macon, Georgia"), or in a
/// dateline.
fn place_context(doc: &Doc<'_>, gaz: &Gazetteer, span: Span) -> bool {
    let (i, e) = (doc.tok_at(span.start), doc.tok_containing(span.end.saturating_sub(1)) + 1);
    let after_prep = i.prev().is_some_and(|p| doc.is(p, Class::TownPrep) && doc.low_word(p));
    let party = i
        .prev()
        .is_some_and(|p| matches!(doc.tok(p), "-" | "–") && p.prev().is_some_and(|q| doc.is(q, Class::PartyLetter)))
        || i.prev().is_some_and(|p| doc.is(p, Class::PartyLetter) && doc.span(p).end == span.start);
    let state = doc.tok(e) == "," && {
        let at = doc.span(e + 1).start;
        doc.entity_hits.starting_at(at).iter().any(|h| {
            gaz.payloads(h.pattern).iter().any(|p| {
                matches!(*p, Payload::Entity { entry, .. }
                    if matches!(gaz.entry(entry).kind, Kind::Place | Kind::Country) && !gaz.entry(entry).place_context)
            })
        })
    };
    let based = doc.text[span.end..].starts_with("-based");
    // "Chelsea lost at home": in a sports report, a town before what a team
    // does is named (and `group/team` makes it the team).
    let team = doc.cap_word(i) && doc.is(e, Class::SportVerb) && doc.low_word(e) && doc.sports_report();
    after_prep || party || state || based || team || crate::gazetteer::dateline(doc.text, span.start, span.end)
}

/// "the Liberal Party of Canada Frank Oliver": a group read by its form
/// ends before a person the rules found at its end.
fn trim_groups(doc: &Doc<'_>, cands: &mut [Cand]) {
    let mut people: Vec<Span> =
        cands.iter().filter(|c| c.kind == Kind::Person && c.by_rule() && !c.weak()).map(|c| c.span).collect();
    if people.is_empty() {
        return;
    }
    people.sort_by_key(|s| s.start);
    for c in cands.iter_mut().filter(|c| c.kind == Kind::Group && c.by_rule()) {
        let i = people.partition_point(|p| p.start <= c.span.start);
        let Some(p) = people[i..].iter().take_while(|p| p.start < c.span.end).find(|p| p.end == c.span.end) else {
            continue;
        };
        // Back over the words that tied the name on: "of", "for", "and".
        let mut t = doc.tok_at(p.start);
        while t > Tok::new(0) && doc.span(t - 1).start > c.span.start && !doc.token(t - 1).is_some_and(|x| x.cap()) {
            t = t - 1;
        }
        if let Some(prev) = t.prev().and_then(|t| doc.token(t)).filter(|x| x.span().start > c.span.start) {
            c.span = Span::new(c.span.start, prev.span().end);
        }
    }
}

/// Selects non-overlapping candidates: longest first, then by priority,
/// then leftmost (of equals, the first proposed).
///
/// Only overlapping candidates compete, so the choice is made cluster by
/// cluster (a run of candidates each overlapping the run so far), in the
/// same order a sort of all of them would give: a long text costs per
/// candidate what a short one does, with no sort of all its candidates by
/// length.
fn select(cands: Vec<Cand>) -> Vec<Cand> {
    // The places of the candidates by start, stably: of one start, the first
    // proposed stays first (the lists' candidates, then each rule's, are each
    // in order: a merge of runs). Only the (start, index) pairs are sorted;
    // the candidates are read in that order and the kept ones copied out, in
    // a few sequential streams (a long text's candidates are many, and
    // moving each to its place was a cache miss a move).
    let mut order: Vec<(u32, u32)> = cands.iter().enumerate().map(|(i, c)| (c.span.start as u32, i as u32)).collect();
    if !order.is_sorted() {
        order.sort_unstable();
    }
    let at = |k: usize| &cands[order[k].1 as usize];
    let first = |a: &Cand, b: &Cand| {
        b.span.len().cmp(&a.span.len()).then(b.priority().cmp(&a.priority())).then(a.span.start.cmp(&b.span.start))
    };
    // Whether the candidate at each place of `order` is kept.
    let mut keep = vec![false; order.len()];
    let mut cluster: Vec<usize> = Vec::new();
    // The spans kept in a cluster, sorted by start (they do not overlap).
    let mut taken: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < order.len() {
        let mut end = at(i).span.end;
        let mut j = i + 1;
        while j < order.len() && at(j).span.start < end {
            end = end.max(at(j).span.end);
            j += 1;
        }
        // Most candidates overlap no other: kept with nothing to compare.
        if j == i + 1 {
            keep[i] = true;
            i = j;
            continue;
        }
        cluster.clear();
        cluster.extend(i..j);
        cluster.sort_by(|&a, &b| first(at(a), at(b)));
        taken.clear();
        for &k in &cluster {
            let c = at(k);
            // The kept span that starts last before this one ends.
            let last = taken.partition_point(|t| t.0 < c.span.end);
            let clash = last > 0 && taken[last - 1].1 > c.span.start;
            if !clash {
                // A kept span of the same start is replaced (only an empty
                // span can start where a kept one does without a clash).
                let to = taken.partition_point(|t| t.0 < c.span.start);
                match taken.get_mut(to) {
                    Some(t) if t.0 == c.span.start => *t = (c.span.start, c.span.end),
                    _ => taken.insert(to, (c.span.start, c.span.end)),
                }
                keep[k] = true;
            }
        }
        i = j;
    }
    let kept = keep.iter().filter(|&&k| k).count();
    let mut picked = Vec::with_capacity(kept);
    picked.extend(order.iter().zip(&keep).filter(|(_, &k)| k).map(|(&(_, ix), _)| cands[ix as usize].clone()));
    picked
}

/// Short forms of a person's name: the surname, and the surname without its
/// article ("Al-Sudani" -> "Sudani").
fn short_forms(doc: &Doc<'_>, name: &str) -> Vec<String> {
    let fold = &doc.lists().fold;
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return Vec::new();
    }
    let mut last = words[words.len() - 1];
    // "Charles III", "Leo XIV": a regnal number is no surname.
    if roman(last) && words.len() == 2 {
        return Vec::new();
    }
    if words.len() > 2 && (doc.words().is_written(Class::NameSuffix, last) || roman(last)) {
        last = words[words.len() - 2];
    }
    let key = fold.key(last);
    let mut out = vec![key.clone()];
    // "Choi Min-seo ... Choi said": a surname written first.
    if words.len() <= 3 && doc.words().is_written(Class::SurnameFirst, words[0]) {
        out.push(fold.key(words[0]));
    }
    if let Some(n) = doc.words().prefix_chars(Class::JoinedArticle, &key) {
        let rest: String = key.chars().skip(n).collect();
        if rest.chars().count() > 2 {
            out.push(rest);
        }
    }
    out
}

fn possessive_len(s: &str) -> usize {
    ["’s", "'s"].iter().find(|p| s.len() > 2 && s.ends_with(*p)).map_or(0, |p| p.len())
}

/// Values by span, sorted (stably: of one span, the last counts) and
/// looked up mostly in rising order, as resolving reads a text: each
/// look-up starts where the last one ended and gallops on, so a long
/// text's many look-ups read the list about once, where a binary search
/// each was a run of cache misses. A look-up behind the last one searches
/// the whole list.
struct BySpan<V> {
    items: Vec<(Span, V)>,
    /// The first item after the last span looked up.
    at: Cell<usize>,
}

impl<V: Copy> BySpan<V> {
    fn new(mut items: Vec<(Span, V)>) -> BySpan<V> {
        crate::span::sort_stable_by_key(&mut items, |p| p.0);
        crate::span::trim_spare(&mut items);
        BySpan { items, at: Cell::new(0) }
    }

    /// The value of the last item of `span`, if any.
    fn get(&self, span: Span) -> Option<V> {
        let items = &self.items;
        let from = self.at.get().min(items.len());
        // The first item after `span`.
        let i = if from.checked_sub(1).and_then(|p| items.get(p)).is_some_and(|p| p.0 > span) {
            items.partition_point(|p| p.0 <= span)
        } else {
            let rest = items.get(from..).unwrap_or(&[]);
            let mut reach = 1;
            while reach < rest.len() && rest.get(reach - 1).is_some_and(|p| p.0 <= span) {
                reach *= 2;
            }
            from + rest.get(..reach.min(rest.len())).map_or(0, |r| r.partition_point(|p| p.0 <= span))
        };
        self.at.set(i);
        i.checked_sub(1).and_then(|p| items.get(p)).filter(|p| p.0 == span).map(|p| p.1)
    }
}

/// What a mention's entity is known by while resolving: a list entry, or
/// the kind and folded name a rule read.
#[derive(PartialEq, Eq, Hash)]
enum EntKey {
    Gaz(u32),
    Rule(Kind, String),
}

/// Where a new entity's name comes from: a list entry, or the text (with
/// the lists its given name comes from).
enum NameFrom<'a> {
    Entry(u32),
    Text(&'a str, Option<&'a String>),
}

/// Resolves candidates into entities and mentions.
pub(crate) fn resolve(doc: &Doc<'_>, gaz: &Gazetteer, mask: &RuleMask, cands: Vec<Cand>) -> Resolved {
    let text = doc.text;
    let fold = &gaz.lists.fold;
    // Weak rule people (from Title Case headlines) compete only when the
    // same name is found with more evidence elsewhere.
    let cands: Vec<Cand> = if cands.iter().any(Cand::weak) {
        let strong: std::collections::HashSet<String> = cands
            .iter()
            .filter(|c| c.kind == Kind::Person && !c.weak())
            .map(|c| fold.key(&text[c.span.range()]))
            .collect();
        cands.into_iter().filter(|c| !c.weak() || strong.contains(&fold.key(&text[c.span.range()]))).collect()
    } else {
        cands
    };
    // What a rule read around a name (its title, the country before the
    // title) stays when a list entry wins the same span.
    let context = BySpan::new(
        cands.iter().filter(|c| c.title.is_some() || c.pre.is_some()).map(|c| (c.span, (c.title, c.pre))).collect(),
    );
    // The entry the lists chose for each form they matched (by the
    // countries the text speaks of): a rule's name that holds the form is
    // that entry ("the Democratic Party" in a story about Ohio). Not
    // hashed: a long text has one per list hit, and a map of them took
    // more memory than the text.
    let list_pick = BySpan::new(crate::span::collect_counted(cands.iter().filter_map(|c| match c.source {
        Source::Gaz { entry, .. } => Some((c.span, entry)),
        Source::Rule { .. } => None,
    })));
    let mut cands = cands;
    trim_groups(doc, &mut cands);
    let mut picked = select(cands);
    for c in picked.iter_mut().filter(|c| c.title.is_none()) {
        if let Some((title, pre)) = context.get(c.span) {
            c.title = title;
            c.pre = pre;
        }
    }
    let mut r = Resolved::default();
    let mut by_key: TextMap<EntKey, EntId> = TextMap::default();
    // With room for the mentions the linking passes add (short forms are
    // about a tenth more in news): a long text's are not copied to grow.
    let mut ments = Vec::with_capacity(picked.len() + picked.len() / 4);
    for c in picked {
        let (key, from, kind, gender) = match c.source {
            Source::Gaz { entry, role, .. } => {
                let e = gaz.entry(entry);
                let kind = if role == FormRole::Demonym { Kind::Country } else { e.kind };
                (EntKey::Gaz(entry), NameFrom::Entry(entry), kind, e.gender)
            }
            Source::Rule { .. } => {
                // A rule person that holds a known person's form is that person.
                // Only a form of two words or more: a bare surname inside a
                // longer name may be someone else's ("Amal Haddad").
                let inner = doc
                    .entity_hits
                    .starting_in(c.span)
                    .iter()
                    .filter(|h| c.span.contains(h.span) && text[h.span.range()].contains(char::is_whitespace))
                    .find_map(|h| {
                        let chosen = list_pick.get(h.span).filter(|&e| gaz.entry(e).kind == c.kind);
                        chosen
                            .or_else(|| {
                                gaz.payloads(h.pattern).iter().find_map(|p| match *p {
                                    Payload::Entity { entry, .. } if gaz.entry(entry).kind == c.kind => Some(entry),
                                    _ => None,
                                })
                            })
                            .filter(|&entry| c.kind != Kind::Group || same_group(doc, gaz, c.span, h.span, entry))
                            // "... Massoud Jr." is the son, not the listed father.
                            .filter(|_| {
                                let rest = text[h.span.end..c.span.end].trim();
                                rest.is_empty() || !doc.words().is_written(Class::NameSuffix, rest)
                            })
                    });
                match inner {
                    Some(entry) => {
                        let e = gaz.entry(entry);
                        (EntKey::Gaz(entry), NameFrom::Entry(entry), e.kind, e.gender.or(c.gender))
                    }
                    None => {
                        let t = &text[c.span.range()];
                        let t = t.strip_suffix("’s").or_else(|| t.strip_suffix("'s")).unwrap_or(t);
                        // The lists a given name comes from tell where the name is at home.
                        let origin =
                            c.given.and_then(|g| gaz.lists.origins.get(g.origin as usize)).filter(|o| !o.is_empty());
                        (EntKey::Rule(c.kind, fold.key(t)), NameFrom::Text(t, origin), c.kind, c.gender)
                    }
                }
            }
        };
        // A one-word person form that is also a month ("May", "March") needs
        // support: a title before it, or another form of the person in the text.
        let bare_alias =
            c.kind == Kind::Person && c.title.is_none() && matches!(c.source, Source::Gaz { ambiguous: true, .. }) && {
                let i = doc.tok_at(c.span.start);
                doc.span(i) == c.span && doc.is(i, Class::Month)
            };
        let strong = !c.weak() && !bare_alias;
        // A rule's name that holds a list's form is that entry: its key too.
        let listed = match key {
            EntKey::Gaz(entry) => Some(entry),
            EntKey::Rule(..) => None,
        };
        let ents = &mut r.ents;
        let ent = *by_key.get_or_insert_with(key, || {
            // The name and attributes are copied once, for a new entity.
            let (name, attrs) = match from {
                NameFrom::Entry(entry) => {
                    let e = gaz.entry(entry);
                    (e.name().to_string(), e.attrs().map(|(k, v)| (k.to_string(), v.to_string())).collect())
                }
                NameFrom::Text(t, origin) => {
                    (t.to_string(), origin.map(|o| vec![(NAME_ORIGIN.to_string(), o.clone())]).unwrap_or_default())
                }
            };
            ents.push(Ent { kind, name, key: None, gender, attrs, supported: false });
            EntId((ents.len() - 1) as u32)
        });
        let e = &mut r.ents[ent.ix()];
        if let Some(entry) = listed {
            let key = gaz.entry(entry).key();
            if e.key.as_deref() != Some(key) {
                e.key = Some(key.to_string());
            }
        }
        e.supported |= strong;
        if e.gender.is_none() {
            e.gender = c.gender;
        }
        ments.push(Ment {
            span: c.span,
            kind: c.kind,
            ent,
            source: c.source,
            rule: c.rule,
            title: c.title,
            pre: c.pre,
        });
    }
    r.ments = Mentions::from_sorted(ments, doc.text.len());
    if mask.on(RuleId::PersonScorecard) {
        scorecard(doc, &mut r);
    }
    if mask.on(RuleId::LinkShortForm) {
        link_short_forms(doc, &mut r);
        link_company_names(doc, &mut r);
    }
    if mask.on(RuleId::LinkAcronym) {
        link_acronyms(doc, &mut r);
    }
    if mask.on(RuleId::GroupListedAcronym) || mask.on(RuleId::GroupAcronym) {
        listed_acronyms(doc, &mut r, mask.on(RuleId::GroupListedAcronym), mask.on(RuleId::GroupAcronym));
    }
    if mask.on(RuleId::LinkSameName) {
        link_same_names(doc, &mut r);
    }
    with_the(doc, &mut r);
    if mask.on(RuleId::GroupTeam) {
        teams(doc, &mut r);
    }
    // Weak rule people (from Title Case headlines) stay only with support.
    let ents = &r.ents;
    r.ments.retain(|m| ents[m.ent.ix()].supported);
    attributes(doc, gaz, &mut r);
    party_tags::memberships(doc, gaz, &mut r);
    compact(&mut r);
    r
}

/// The person rules whose evidence is about the person itself, strong
/// enough for a one-word name to stand for every bare mention of the word.
fn telling(rule: RuleIx) -> bool {
    [
        RuleId::PersonTitle,
        RuleId::PersonRegal,
        RuleId::PersonGivenName,
        RuleId::PersonAppositive,
        RuleId::PersonOwnPronoun,
        RuleId::PersonByline,
        RuleId::PersonInitial,
    ]
    .into_iter()
    .any(|r| RuleIx::from(r) == rule)
}

/// "Z. Crawley c Carey b Starc 14", "Bowling: Starc 20-4-61-1": in a
/// cricket scorecard's lines the surname after a dismissal ("c", "b",
/// "lbw", "st", "run out (...)") or before a bowler's figures is a player,
/// even where a list knows the word as a place ("Lyon").
fn scorecard(doc: &Doc<'_>, r: &mut Resolved) {
    // "20-4-61-1": overs, maidens, runs and wickets right after the name.
    let figures_after = |t: Tok| {
        let Some(x) = doc.token(t) else { return false };
        let rest = doc.text[x.span().end..].trim_start_matches(' ');
        let word = rest.split(|c: char| !(c.is_ascii_digit() || c == '-')).next().unwrap_or("");
        word.split('-').count() == 4 && word.split('-').all(|p| !p.is_empty())
    };
    let mut by_name: HashMap<String, EntId> = HashMap::new();
    let mut added = Vec::new();
    for p in doc.seg.paragraphs.iter().filter(|p| p.list) {
        let (a, b) = (doc.tok_at(p.span().start), doc.tok_at(p.span().end));
        for i in Tok::range(a, b) {
            if !doc.cap_word(i) || doc.token(i).is_some_and(|t| t.upper()) {
                continue;
            }
            let after_dismissal = i.prev().is_some_and(|q| {
                (doc.is(q, Class::Dismissal) && doc.low_word(q))
                    || (doc.tok(q) == "(" && q.prev().is_some_and(|o| doc.key(o) == "out"))
            });
            let single = !i.prev().is_some_and(|q| doc.cap_word(q)) && !doc.cap_word(i + 1);
            if !(single && (after_dismissal || figures_after(i))) {
                continue;
            }
            let span = doc.span(i);
            let ent = r.rule_entity(&mut by_name, Kind::Person, doc.tok(i));
            match r.ments.index_starting(span.start) {
                Some(x) if r.ments.0[x].span == span && r.ments.0[x].kind != Kind::Person => {
                    let m = &mut r.ments.0[x];
                    m.kind = Kind::Person;
                    m.ent = ent;
                    m.source = Source::Rule { strong: true };
                    m.rule = RuleId::PersonScorecard.into();
                }
                None if r.ments.free(span) => {
                    added.push(Ment::from_rule(span, Kind::Person, ent, RuleId::PersonScorecard))
                }
                _ => {}
            }
        }
    }
    r.ments.add(added);
}

/// Ties surnames and article-less surnames to the full name, anywhere.
fn link_short_forms(doc: &Doc<'_>, r: &mut Resolved) {
    let text = doc.text;
    let fold = &doc.lists().fold;
    let mut short = Bearers::default();
    // An entity's own name gives the same forms at each of its mentions:
    // they are added at the first.
    let mut named = vec![false; r.ents.len()];
    for m in r.ments.iter() {
        if m.kind != Kind::Person {
            continue;
        }
        let written = &text[m.span.range()];
        for s in short_forms(doc, written) {
            short.add(s, m.ent, m.span.start);
        }
        // A name written as the mention is gives the same forms again.
        let name = &r.ents[m.ent.ix()].name;
        if !std::mem::replace(&mut named[m.ent.ix()], true) && name != written {
            for s in short_forms(doc, name) {
                short.add(s, m.ent, m.span.start);
            }
        }
    }
    // Single-word rule people ("Ms. Graham") join the full name; those with
    // no full name ("Jordan ... injured his knee") link their other bare
    // mentions themselves.
    let mut singles: Vec<(String, EntId, usize)> = Vec::new();
    let picker = short.picker();
    for m in r.ments.0.iter_mut() {
        let t = &text[m.span.range()];
        if m.kind == Kind::Person && !t.contains(char::is_whitespace) && matches!(m.source, Source::Rule { .. }) {
            let key = fold.key(t.strip_suffix("’s").or_else(|| t.strip_suffix("'s")).unwrap_or(t));
            match short.find(&key) {
                Some(k) => m.ent = picker.pick(&short, k, m.span.start),
                // Only a one-word person the text tells is one names the
                // form's other bare mentions: one listed with people or
                // seen after a cue may be a mistake, which must not spread.
                None if matches!(m.source, Source::Rule { strong: true }) && telling(m.rule) => {
                    singles.push((key, m.ent, m.span.start))
                }
                None => {}
            }
        }
    }
    for (key, ent, at) in singles {
        short.add(key, ent, at);
    }
    if short.lists.is_empty() {
        return;
    }
    full_names_again(doc, r);
    let picker = short.picker();
    // Bare surnames anywhere else.
    let mut added = Vec::new();
    for i in doc.cap_tokens().map(Tok::ix) {
        let Some(t) = doc.tokens().get(i).filter(|t| t.kind() == TokKind::Word) else { continue };
        let word = doc.tok(Tok::new(i));
        let span = Span::new(t.span().start, t.span().end - possessive_len(word));
        // The token's key without the possessive: cut from the doc's key
        // when the word is plain ASCII ("'s" folds to itself), else folded
        // anew (below, only for a token that may be a short form).
        let ascii_key = word.is_ascii().then(|| {
            let key = doc.key(Tok::new(i));
            key.get(..key.len().saturating_sub(t.span().end - span.end)).unwrap_or(key)
        });
        // Most capitalised words are no form of a name: the forms' sketch
        // tells so before the mentions are asked.
        if ascii_key.is_some_and(|key| !short.may_hold(key)) {
            continue;
        }
        // A short form adds a mention where there is none, or takes over
        // one of its span that may be one (below): told before the form is
        // looked up, as most capitalised words are in a mention that stays.
        let at = r.ments.index_starting(span.start);
        let may = match at {
            None => r.ments.free(span),
            Some(x) => r.ments.0.get(x).is_some_and(|m| {
                m.span == span
                    && (m.rule == RuleIx::from(RuleId::PersonSpeechSubject)
                        || matches!(m.kind, Kind::Place | Kind::Country)
                        || matches!(m.source, Source::Gaz { ambiguous: true, .. }))
            }),
        };
        if !may {
            continue;
        }
        let k = match ascii_key {
            Some(key) => short.find(key),
            None => short.find(&fold.key(&text[span.range()])),
        };
        let Some(k) = k else { continue };
        // (The token is a month's name before a date is looked for around it.)
        if doc.is(Tok::new(i), Class::Month) && is_date(doc, span) {
            continue;
        }
        let e = picker.pick(&short, k, span.start);
        match at {
            None => added.push(Ment::from_rule(span, Kind::Person, e, RuleId::LinkShortForm)),
            Some(x) => {
                let m = &mut r.ments.0[x];
                // An ambiguous list form, or a lone word read only as a
                // speaker ("Solvang said"): the short form of a full name.
                let speaker_only = m.kind == Kind::Person && m.rule == RuleIx::from(RuleId::PersonSpeechSubject);
                // "Valeska Paris ... Paris claims": a place's name, after the
                // full name of a person, before a cue or a person's verb.
                let place_as_person = matches!(m.kind, Kind::Place | Kind::Country)
                    && picker.seen_before(k, span.start)
                    && acts_as_person(doc, Tok::new(i));
                // (Its span is the short form's: `may` asked.)
                if speaker_only || place_as_person || matches!(m.source, Source::Gaz { ambiguous: true, .. }) {
                    m.kind = Kind::Person;
                    m.ent = e;
                    m.source = Source::Rule { strong: true };
                    m.rule = RuleId::LinkShortForm.into();
                }
            }
        }
    }
    r.ments.add(added);
}

/// Whether `span` starts inside its token, right after a stance prefix
/// (lexicon `stance_prefix`: "pro-Beijing", "anti-Kremlin").
fn after_stance_prefix(doc: &Doc<'_>, span: Span) -> bool {
    // After a space (as most names are) no token holds a byte before `span`.
    if span.start.checked_sub(1).and_then(|b| doc.text.as_bytes().get(b)).is_none_or(u8::is_ascii_whitespace) {
        return false;
    }
    let i = doc.tok_containing(span.start);
    let t = doc.span(i);
    t.start < span.start
        && doc
            .words()
            .prefix_chars(Class::StancePrefix, doc.key(i))
            .is_some_and(|n| doc.text.get(t.start..span.start).is_some_and(|p| p.chars().count() == n))
}

/// Whether the word at token `i` acts as a person: a reporting cue or a
/// person's verb follows it ("Paris claims", "Paris was born", "Jordan
/// resigned"), or it is a possessor before a speaker noun ("Paris's father").
fn acts_as_person(doc: &Doc<'_>, i: Tok) -> bool {
    let mut j = i + 1;
    if doc.low_word(j) && doc.is(j, Class::Be) {
        j = j + 1;
    }
    let verb = doc.low_word(j) && (doc.is(j, Class::PersonVerb) || doc.cue_starts(j));
    let possessor = possessive_len(doc.tok(i)) > 0
        && doc.token(i + 1).is_some_and(|t| !doc.nouns.starting_at(t.span().start).is_empty());
    verb || possessor
}

/// The people a short form ("Haddad") may stand for: for each form, its
/// bearers in the order they were found, each with where it was first seen.
/// Many bearers of one surname stay cheap: each is added once (a set, not
/// a scan) and [`Picker::pick`] is a binary search.
#[derive(Default)]
struct Bearers {
    index: TextMap<String, usize>,
    lists: Vec<Vec<(EntId, usize)>>,
    seen: crate::hash::FastMap<(usize, EntId), ()>,
    /// The forms' first bytes and lengths: most words are none, and are
    /// told so without hashing.
    sketch: crate::hash::Sketch,
}

impl Bearers {
    /// Adds `ent`, first seen at byte `at`, as a bearer of `form`, unless it
    /// is one already.
    fn add(&mut self, form: String, ent: EntId, at: usize) {
        let Bearers { index, lists, seen, sketch } = self;
        sketch.add(&form);
        let k = *index.get_or_insert_with(form, || {
            lists.push(Vec::new());
            lists.len() - 1
        });
        if seen.insert((k, ent), ()).is_none() {
            lists[k].push((ent, at));
        }
    }

    /// Whether `form` may have bearers: false means it has none.
    fn may_hold(&self, form: &str) -> bool {
        !form.is_empty() && self.sketch.may_hold(form)
    }

    /// The index of `form`, if it has bearers.
    fn find(&self, form: &str) -> Option<usize> {
        if !self.may_hold(form) {
            return None;
        }
        self.index.get(form).copied()
    }

    /// The bearers of every form sorted by where they were first seen.
    fn picker(&self) -> Picker {
        let sorted = self
            .lists
            .iter()
            .map(|v| {
                let mut s: Vec<(usize, u32)> = v.iter().enumerate().map(|(i, &(_, at))| (at, i as u32)).collect();
                s.sort_unstable();
                s
            })
            .collect();
        Picker { sorted }
    }
}

/// The bearers of each form of [`Bearers`], by position.
struct Picker {
    /// Per form: (first seen, index in its list), sorted.
    sorted: Vec<Vec<(usize, u32)>>,
}

impl Picker {
    /// Whether a bearer of form `k` was seen before byte `at`.
    fn seen_before(&self, k: usize, at: usize) -> bool {
        self.sorted.get(k).and_then(|s| s.first()).is_some_and(|&(first, _)| first < at)
    }

    /// The bearer of form `k` seen last at or before byte `at` (of those
    /// seen at one place, the one found last), else the first found.
    fn pick(&self, short: &Bearers, k: usize, at: usize) -> EntId {
        let list = &short.lists[k];
        let sorted = &self.sorted[k];
        let i = sorted.partition_point(|&(s, _)| s <= at);
        let x = i.checked_sub(1).map_or(0, |i| sorted[i].1 as usize);
        list.get(x).map_or(EntId(0), |&(e, _)| e)
    }
}

/// The most tokens of a full name written again ("María de los Ángeles
/// Fernández de la Vega" has 8): a longer run of capitalised words is no
/// one's name, and each length read is tried at every capitalised word.
const NAME_TOKENS: usize = 10;

/// A rule person's full name of two words or more, written again where no
/// rule read it ("Birhanu Tesfaye-Alemu of Ethiopia won ..." before the
/// results line that names him), is that person.
fn full_names_again(doc: &Doc<'_>, r: &mut Resolved) {
    // Each full name's text and person (the first found), and per first
    // word the lengths in tokens of the names it opens, longest first.
    // With each length in tokens, the lengths in bytes: a span is hashed
    // only when its length is a name's (the lengths seen grow with a long
    // text of capitalised runs; hashing each candidate span did too).
    // The full names are mapped only when a span is to be looked up: a
    // long text's many names, each where it was read, are most often all
    // in mentions, and a map of them all was a cache miss per name.
    let names = || {
        r.ments
            .iter()
            .filter(|m| m.kind == Kind::Person && matches!(m.source, Source::Rule { strong: true }))
            .filter_map(|m| {
                let (i, e) = (doc.tok_at(m.span.start), doc.tok_containing(m.span.end.saturating_sub(1)) + 1);
                ((2..=NAME_TOKENS).contains(&i.len_to(e)) && doc.span(e - 1).end == m.span.end).then_some((m, i, e))
            })
    };
    let mut lens: TextMap<&str, Vec<(usize, usize)>> = TextMap::default();
    // The first bytes and the lengths of the first words: most capitalised
    // words are told apart by these without hashing them.
    let mut firsts = crate::hash::Sketch::default();
    for (m, i, e) in names() {
        firsts.add(doc.tok(i));
        let v = lens.get_or_insert_with(doc.tok(i), Vec::new);
        let len = (i.len_to(e), m.span.len());
        if !v.contains(&len) {
            v.push(len);
            v.sort_unstable_by(|a, b| b.cmp(a));
        }
    }
    if lens.is_empty() {
        return;
    }
    let full: std::cell::OnceCell<TextMap<&str, EntId>> = std::cell::OnceCell::new();
    let full = || {
        full.get_or_init(|| {
            let mut full = TextMap::default();
            for (m, _, _) in names() {
                full.get_or_insert_with(&doc.text[m.span.range()], || m.ent);
            }
            full
        })
    };
    let mut added: Vec<Ment> = Vec::new();
    for i in doc.cap_tokens().map(Tok::ix) {
        let Some(t) = doc.tokens().get(i) else { break };
        // Most capitalised words open no full name: the first words' sketch
        // tells so first, before the mentions are asked.
        let word = doc.tok(Tok::new(i));
        if !firsts.may_hold(word) {
            continue;
        }
        // A name added or a mention over the first word: no name starts
        // here (told before the name is looked up; most capitalised words
        // are in a mention already).
        if added.last().is_some_and(|m| m.span.end > t.span().start) || !r.ments.free(t.span()) {
            continue;
        }
        let Some(v) = lens.get(word) else { continue };
        for &(n, bytes) in v {
            let Some(last) = doc.token(Tok::new(i + n - 1)) else { continue };
            let span = Span::new(t.span().start, last.span().end);
            if span.len() != bytes || !r.ments.free(span) {
                continue;
            }
            let Some(&ent) = doc.text.get(span.range()).and_then(|x| full().get(x)) else { continue };
            // "the Andy Warhol Photographic Legacy Program": inside a longer
            // capitalised name, the person's name is part of that name.
            let end = Tok::new(i + n);
            if doc.cap_word(end) && doc.sentence_of_tok(end) == doc.sentence_of_tok(Tok::new(i)) {
                continue;
            }
            added.push(Ment::from_rule(span, Kind::Person, ent, RuleId::LinkShortForm));
            break;
        }
    }
    r.ments.add(added);
}

/// "Vernier SA ... Vernier said": a company named with its suffix is named
/// without it too: the name before the suffix ("Halcyon Therapeutics"),
/// and its first word when the others are company words ("Halcyon").
/// Those forms anywhere else are that company, also where a rule had read a
/// person.
fn link_company_names(doc: &Doc<'_>, r: &mut Resolved) {
    // The forms, their company, and whether the form must stand alone (not
    // inside a longer capitalised name: "Kingsmere" is not "Kingsmere United").
    let mut short: Vec<(Vec<String>, EntId, bool)> = Vec::new();
    // A token's key without its possessive ending.
    let bare_key = |t: Tok| {
        let w = doc.tok(t);
        match possessive_len(w) {
            0 => doc.key(t).to_string(),
            p => doc.lists().fold.key(&w[..w.len() - p]),
        }
    };
    for m in r.ments.iter().filter(|m| m.kind == Kind::Group) {
        let (a, b) = (doc.tok_at(m.span.start), doc.tok_containing(m.span.end.saturating_sub(1)) + 1);
        let mut e = b;
        while e > a && (doc.is(e - 1, Class::CompanySuffix) || doc.tok(e - 1) == ",") {
            e = e - 1;
        }
        // A company a rule read by its context names its other mentions too.
        let context = m.rule == RuleId::GroupCompany.into() && matches!(m.source, Source::Rule { .. });
        if (e == b && !context) || e == a {
            continue;
        }
        let words: Vec<String> = Tok::range(a, e).map(bare_key).collect();
        if words.iter().any(String::is_empty) {
            continue;
        }
        let first = words[0].clone();
        let heads = Tok::range(a + 1, e).all(|t| doc.is(t, Class::GroupHead));
        short.push((words, m.ent, context));
        let at = doc.span(a).start;
        let known = doc.entity_hits.get(doc.entity_hits.first_at(at)).is_some_and(|h| h.span.start == at);
        if e > a + 1 && heads && !known {
            short.push((vec![first], m.ent, false));
        }
    }
    if short.is_empty() {
        return;
    }
    // Longest forms first, each once; looked up by their whole text (the
    // lengths to try come from the first word), so that many companies
    // sharing a first word cost no scan at every token.
    short.sort_by_key(|x| std::cmp::Reverse(x.0.len()));
    let mut lens: HashMap<&str, Vec<usize>> = HashMap::new();
    let mut by_words: HashMap<String, Vec<usize>> = HashMap::new();
    for (x, (w, ent, alone)) in short.iter().enumerate() {
        let v = lens.entry(w[0].as_str()).or_default();
        if !v.contains(&w.len()) {
            v.push(w.len());
        }
        let xs = by_words.entry(w.join(" ")).or_default();
        // A company named many times is one form.
        if !xs.iter().any(|&y| short[y].1 == *ent && short[y].2 == *alone) {
            xs.push(x);
        }
    }
    let mut added = Vec::new();
    let mut i = Tok::new(0);
    let mut joined = String::new();
    while i.ix() < doc.len() {
        let same_sentence = |a: Tok, b: Tok| doc.sentence_of_tok(a) == doc.sentence_of_tok(b);
        let fits = |(w, _, alone): &(Vec<String>, EntId, bool)| {
            let n = w.len();
            let inside = i.prev().is_some_and(|p| doc.cap_word(p) && same_sentence(p, i))
                || (i + n < Tok::new(doc.len())
                    && doc.cap_word(i + n)
                    && same_sentence(i, i + n)
                    && possessive_len(doc.tok(i + (n - 1))) == 0);
            Tok::range(i, i + n).all(|t| doc.cap_word(t)) && !(*alone && inside)
        };
        // The forms whose words are this token's and the next ones' keys
        // (the last maybe without a possessive ending): the first that fits.
        let mut hit: Option<usize> = None;
        if doc.cap_word(i) {
            let bare_first = (possessive_len(doc.tok(i)) > 0).then(|| bare_key(i));
            let firsts = [Some(doc.key(i)), bare_first.as_deref()];
            for first in firsts.into_iter().flatten() {
                for &n in lens.get(first).map_or(&[][..], Vec::as_slice) {
                    if i.ix() + n > doc.len() {
                        continue;
                    }
                    let last = i + (n - 1);
                    let bare_last = (possessive_len(doc.tok(last)) > 0).then(|| bare_key(last));
                    for end in [Some(doc.key(last)), bare_last.as_deref()].into_iter().flatten() {
                        joined.clear();
                        for t in Tok::range(i, last) {
                            joined.push_str(doc.key(t));
                            joined.push(' ');
                        }
                        joined.push_str(end);
                        if n == 1 && end != first {
                            continue;
                        }
                        let found =
                            by_words.get(joined.as_str()).and_then(|xs| xs.iter().copied().find(|&x| fits(&short[x])));
                        hit = match (hit, found) {
                            (Some(a), Some(b)) => Some(a.min(b)),
                            (a, b) => a.or(b),
                        };
                    }
                }
            }
        }
        let hit = hit.map(|x| &short[x]);
        let Some((w, ent, _)) = hit else {
            i = i + 1;
            continue;
        };
        let last = i + (w.len() - 1);
        let span = Span::new(doc.span(i).start, doc.span(last).end - possessive_len(doc.tok(last)));
        match r.ments.index_starting(span.start) {
            Some(x) => {
                let m = &mut r.ments.0[x];
                if m.span == span && m.kind == Kind::Person && matches!(m.source, Source::Rule { .. }) {
                    m.kind = Kind::Group;
                    m.ent = *ent;
                    m.rule = RuleId::LinkShortForm.into();
                }
            }
            None if r.ments.free(span) => added.push(Ment::from_rule(span, Kind::Group, *ent, RuleId::LinkShortForm)),
            None => {}
        }
        i = i + w.len();
    }
    r.ments.add(added);
}

/// "the Syrian Democratic Forces (SDF)": later "SDF" is the same group.
fn link_acronyms(doc: &Doc<'_>, r: &mut Resolved) {
    let toks = doc.tokens();
    let mut acr: HashMap<&str, (EntId, Kind)> = HashMap::new();
    for m in r.ments.iter() {
        if !matches!(m.kind, Kind::Group | Kind::Country) {
            continue;
        }
        let i = doc.tok_at(m.span.end);
        if doc.punct(i) == "("
            && doc.punct(i + 2) == ")"
            && doc.token(i + 1).is_some_and(|t| t.upper() || acronym(doc.tok(i + 1)))
        {
            acr.insert(doc.tok(i + 1), (m.ent, m.kind));
        }
    }
    if acr.is_empty() {
        return;
    }
    let mut added = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        let w = doc.tok(Tok::new(i));
        if !(t.upper() || t.cap() && acronym(w)) {
            continue;
        }
        if let Some(&(ent, kind)) = acr.get(w) {
            // Nothing may overlap it: not even a match inside ("O'SDF").
            if r.ments.free(t.span()) {
                added.push(Ment::from_rule(t.span(), kind, ent, RuleId::LinkAcronym));
            }
        }
    }
    r.ments.add(added);
}

/// "the Sea Org ... left the Sea Org": a group or place of two words or
/// more that a rule found is the same one wherever its name is written again
/// on word boundaries, where no other mention is. One automaton of the names
/// keeps it linear.
fn link_same_names(doc: &Doc<'_>, r: &mut Resolved) {
    let mut names: Vec<&str> = Vec::new();
    let mut ents: Vec<(EntId, Kind)> = Vec::new();
    for m in r.ments.iter() {
        let t = &doc.text[m.span.range()];
        if matches!(m.kind, Kind::Group | Kind::Place)
            && matches!(m.source, Source::Rule { strong: true })
            && t.contains(' ')
            && !names.contains(&t)
        {
            names.push(t);
            ents.push((m.ent, m.kind));
        }
        if names.len() >= 256 {
            break;
        }
    }
    if names.is_empty() {
        return;
    }
    // A few names (the usual case) are searched one by one, which costs no
    // automaton per document; more at once by one automaton.
    let mut hits: Vec<(usize, usize, usize)> = Vec::new();
    if names.len() <= 8 {
        for (k, n) in names.iter().enumerate() {
            hits.extend(doc.text.match_indices(n).map(|(at, _)| (at, at + n.len(), k)));
        }
        hits.sort_unstable();
    } else {
        let Ok(ac) = aho_corasick::AhoCorasick::builder()
            .kind(Some(aho_corasick::AhoCorasickKind::NoncontiguousNFA))
            .match_kind(aho_corasick::MatchKind::LeftmostLongest)
            .build(&names)
        else {
            return;
        };
        hits.extend(ac.find_iter(doc.text).map(|h| (h.start(), h.end(), h.pattern().as_usize())));
    }
    let word = |c: Option<char>| c.is_some_and(char::is_alphanumeric);
    let mut added: Vec<Ment> = Vec::new();
    for (s, e, k) in hits {
        let span = Span::new(s, e);
        if added.last().is_some_and(|m| m.span.end > s)
            || word(doc.text[..span.start].chars().next_back())
            || word(doc.text[span.end..].chars().next())
        {
            continue;
        }
        let Some(&(ent, kind)) = ents.get(k) else { continue };
        if r.ments.free(span) {
            added.push(Ment::from_rule(span, kind, ent, RuleId::LinkSameName));
        }
    }
    r.ments.add(added);
}

/// "the UUP and the Democratic Unionist Party": an acronym no list knows,
/// listed with groups, is a group too (and so are its other mentions). With
/// `named` (`group/acronym`), so is one that reads as a name: three to six
/// capitals anywhere, two after "the" or "of" or before "’s" and a name;
/// never a plain acronym ("GDP"), a roman numeral or a lexicon word.
fn listed_acronyms(doc: &Doc<'_>, r: &mut Resolved, listed: bool, named: bool) {
    let toks = doc.tokens();
    let shouting =
        |j: Option<usize>| j.and_then(|j| toks.get(j)).is_some_and(|n| n.upper() && n.kind() == TokKind::Word);
    // Unknown acronyms, outside headlines in capitals and titles ("MP"):
    // the token, the span without a possessive ending, and its text.
    let lone = |i: usize| -> Option<Acr> {
        let t = &toks[i];
        // Most words are no acronym: two capitals first, cheaply.
        let w = doc.tok(Tok::new(i));
        if t.kind() != TokKind::Word
            || !t.cap()
            || (w.is_ascii() && w.bytes().filter(u8::is_ascii_uppercase).nth(1).is_none())
        {
            return None;
        }
        if shouting(i.checked_sub(1)) || shouting(Some(i + 1)) {
            return None;
        }
        let tail = crate::rules::possessive_tail(w);
        let stem = &w[..w.len() - tail];
        let span = Span::new(t.span().start, t.span().end - tail);
        let plain = tail == 0 && acronym(w);
        let capitals = (2..=6).contains(&stem.len()) && stem.bytes().all(|b| b.is_ascii_uppercase());
        ((plain || (named && capitals)) && r.ments.free(span) && doc.titles.starting_in(span).is_empty())
            .then_some(Acr { tok: i, span, possessive: tail > 0, capitals })
    };
    // (Only capitalised tokens can be one.)
    let cands: Vec<Acr> = doc.cap_tokens().map(Tok::ix).filter_map(lone).collect();
    if cands.is_empty() {
        return;
    }
    let text = |a: &Acr| &doc.text[a.span.range()];
    let is = |j: usize, c: Class| doc.is(Tok::new(j), c);
    // The named reading: no lexicon word ("NOT") or roman numeral; two
    // capitals only after "the" or "of", or before "’s" and a name.
    let reads_as_name = |a: &Acr| -> bool {
        let i = a.tok;
        if !a.capitals || doc.classes(Tok::new(i)) != crate::lexicon::ClassSet::EMPTY || roman(text(a)) {
            return false;
        }
        // A line in capitals ("SOCCER - ENGLISH PREMIER LEAGUE"), a ticker
        // ("TSLA.O", "NYSE: KSTR") or an index ("FTSE 100", "S&P/ASX 200").
        let word_near = |j: Option<usize>, step: isize| {
            let mut j = j?;
            for _ in 0..2 {
                let t = toks.get(j)?;
                if t.kind() == TokKind::Word {
                    return Some(j);
                }
                if !matches!(doc.tok(Tok::new(j)), "-" | "–" | "—" | ":") {
                    return None;
                }
                j = j.checked_add_signed(step)?;
            }
            None
        };
        let upper = |j: Option<usize>| j.is_some_and(|j| toks[j].upper() && doc.tok(Tok::new(j)).len() > 1);
        let after = doc.text.as_bytes().get(a.span.end..).unwrap_or_default();
        let before = doc.text.as_bytes().get(..a.span.start).unwrap_or_default();
        if upper(word_near(i.checked_sub(1), -1))
            || upper(word_near(Some(i + 1), 1))
            || (after.first() == Some(&b'.') && after.get(1).is_some_and(u8::is_ascii_alphabetic))
            || matches!(before.last(), Some(b'/' | b'&'))
            || toks.get(i + 1).is_some_and(|t| t.kind() == TokKind::Number)
            // "KOWAL: I did not.": a speaker's label opening its line.
            || (doc.tok(Tok::new(i + 1)) == ":" && (i == 0 || doc.text[..a.span.start].ends_with('\n')))
        {
            return false;
        }
        if text(a).len() >= 3 {
            return true;
        }
        let after_the_or_of = i
            .checked_sub(1)
            .is_some_and(|j| doc.low_word(Tok::new(j)) && (is(j, Class::Definite) || is(j, Class::PartLink)));
        let before_a_name = a.possessive && doc.cap_word(Tok::new(i + 1)) && !is(i + 1, Class::NotName);
        after_the_or_of || before_a_name
    };
    let mut accepted: Vec<Option<RuleId>> =
        cands.iter().map(|a| (named && reads_as_name(a)).then_some(RuleId::GroupAcronym)).collect();
    // Token `j` ends a group mention, or is an accepted acronym.
    let at = |j: usize| cands.binary_search_by_key(&j, |a| a.tok).ok();
    let group_ends_at = |j: usize, accepted: &[Option<RuleId>]| {
        let t = &toks[j];
        r.ments.at(t.span().start).is_some_and(|m| m.kind == Kind::Group && m.span.end == t.span().end)
            || at(j).is_some_and(|x| accepted[x].is_some())
    };
    let group_starts_at = |j: usize, accepted: &[Option<RuleId>]| {
        toks.get(j).is_some_and(|t| {
            r.ments.at(t.span().start).is_some_and(|m| m.kind == Kind::Group && m.span.start == t.span().start)
        }) || at(j).is_some_and(|x| accepted[x].is_some())
    };
    // The separator between two list items: ",", "and", ", and", "or", then "the".
    let left = |i: usize| -> Option<usize> {
        let mut j = i.checked_sub(1)?;
        if is(j, Class::Definite) && doc.low_word(Tok::new(j)) {
            j = j.checked_sub(1)?;
        }
        let mut sep = false;
        if is(j, Class::Coordinator) {
            j = j.checked_sub(1)?;
            sep = true;
        }
        if doc.tok(Tok::new(j)) == "," {
            j = j.checked_sub(1)?;
            sep = true;
        }
        sep.then_some(j)
    };
    let right = |i: usize| -> Option<usize> {
        let mut j = i + 1;
        let mut sep = false;
        if doc.tok(Tok::new(j)) == "," {
            j += 1;
            sep = true;
        }
        if is(j, Class::Coordinator) {
            j += 1;
            sep = true;
        }
        if is(j, Class::Definite) && doc.low_word(Tok::new(j)) {
            j += 1;
        }
        sep.then_some(j)
    };
    if listed {
        for _ in 0..2 {
            for x in 0..cands.len() {
                let i = cands[x].tok;
                if accepted[x].is_none()
                    && !cands[x].possessive
                    && (left(i).is_some_and(|j| group_ends_at(j, &accepted))
                        || right(i).is_some_and(|j| group_starts_at(j, &accepted)))
                {
                    accepted[x] = Some(RuleId::GroupListedAcronym);
                }
            }
        }
    }
    // One entity per acronym, and every mention of it, named by the rule
    // that first accepted it.
    let mut ents: HashMap<&str, (EntId, RuleId)> = HashMap::new();
    for (a, rule) in cands.iter().zip(&accepted) {
        let w = text(a);
        if let (Some(rule), false) = (rule, ents.contains_key(w)) {
            r.ents.push(Ent {
                kind: Kind::Group,
                name: w.to_string(),
                key: None,
                gender: None,
                attrs: Vec::new(),
                supported: true,
            });
            ents.insert(w, (EntId((r.ents.len() - 1) as u32), *rule));
        }
    }
    if ents.is_empty() {
        return;
    }
    let mut added = Vec::new();
    for a in &cands {
        if let Some(&(ent, rule)) = ents.get(text(a)) {
            added.push(Ment::from_rule(a.span, Kind::Group, ent, rule));
        }
    }
    r.ments.add(added);
}

/// An acronym `listed_acronyms` may take.
struct Acr {
    tok: usize,
    /// Without a possessive ending.
    span: Span,
    possessive: bool,
    /// Two to six ASCII capitals.
    capitals: bool,
}

/// Sport: a country or city that stands for its team. In a brackets after
/// a player ("Marco Odermatt (Switzerland)"), with a team's suffix
/// ("England U21"), in a results or fixtures line ("Chelsea 2 Arsenal 1",
/// "England v Australia"), or, in a sports report, right before what a team
/// does or right after what is done to one ("England won by five wickets",
/// "beat Spain"). Each team is a group entity of its own.
fn teams(doc: &Doc<'_>, r: &mut Resolved) {
    let sport = doc.sports_report();
    let mut made: HashMap<String, EntId> = HashMap::new();
    for x in 0..r.ments.len() {
        let m = &r.ments.0[x];
        if !matches!(m.kind, Kind::Country | Kind::Place) {
            continue;
        }
        let (i, j) = (doc.tok_at(m.span.start), doc.tok_containing(m.span.end.saturating_sub(1)) + 1);
        // Each reading is asked only when the ones before it say no (most
        // places are no team).
        let suffix = doc.is(j, Class::TeamSuffix) && doc.cap_word(j);
        let after_player = || {
            i.prev().is_some_and(|p| {
                doc.punct(p) == "("
                    && doc.punct(j) == ")"
                    && p.prev().is_some_and(|q| {
                        r.ments
                            .at(doc.span(q).start)
                            .is_some_and(|pm| pm.kind == Kind::Person && pm.span.end == doc.span(q).end)
                    })
            })
        };
        let number = |t: Tok| doc.token(t).is_some_and(|t| t.kind() == TokKind::Number);
        let list = || {
            doc.seg
                .paragraphs
                .get(doc.seg.sentences.get(doc.sentence_of_tok(i)).map_or(0, |s| s.para()))
                .is_some_and(|p| p.list)
        };
        let fixture =
            || (number(j) || doc.is(j, Class::Versus) || i.prev().is_some_and(|p| doc.is(p, Class::Versus))) && list();
        let played = || {
            // "England's seamers", "Montreal's Lane Hutson": a possessive,
            // then a player's role, or a player for a city.
            let possessive = m.span.end < doc.span(j - 1).end;
            let role = || doc.class_at(j, Class::SportRole).is_some();
            let player = || {
                possessive
                    && m.kind == Kind::Place
                    && r.ments.at(doc.span(j).start).is_some_and(|pm| pm.kind == Kind::Person)
            };
            // "Detroit (7-3)": a team's record in brackets.
            let record = || {
                doc.punct(j) == "("
                    && number(j + 1)
                    && Tok::range(j + 1, j + 6)
                        .find(|&t| !number(t) && !matches!(doc.tok(t), "-" | "–"))
                        .is_some_and(|t| doc.tok(t) == ")")
            };
            (doc.is(j, Class::SportVerb) && !possessive)
                || role()
                || player()
                || record()
                || i.prev().is_some_and(|p| doc.is(p, Class::SportIntro))
                || doc.phrase_before(i, Class::SportIntro)
                || fixture_versus(doc, i, j)
        };
        if !(suffix || after_player() || fixture() || (sport && played())) {
            continue;
        }
        let span = if suffix { Span::new(m.span.start, doc.span(j).end) } else { m.span };
        if suffix && r.ments.0.get(x + 1).is_some_and(|n| n.span.start < span.end) {
            continue;
        }
        make_team(doc, r, x, span, &mut made);
    }
    if sport {
        coordinated_teams(doc, r, &mut made);
    }
    score_lines(doc, r, sport, &mut made);
    // One sense a report: in a sports report a country that plays as a team
    // somewhere is the team wherever it is named, but after a preposition
    // of place ("in Sweden").
    if sport && !made.is_empty() {
        for x in 0..r.ments.len() {
            let m = &r.ments.0[x];
            let i = doc.tok_at(m.span.start);
            let placed = i.prev().is_some_and(|p| doc.is(p, Class::PlacePrep) && doc.low_word(p))
                // "SOUTHAMPTON, England (AP) —": a dateline's country.
                || i.prev().is_some_and(|p| {
                    doc.tok(p) == ","
                        && p.prev().is_some_and(|q| {
                            let t = doc.span(q);
                            t.len() > 1 && crate::gazetteer::dateline(doc.text, t.start, t.end)
                        })
                });
            if m.kind == Kind::Country && !placed && made.contains_key(&doc.text[m.span.range()]) {
                let span = m.span;
                make_team(doc, r, x, span, &mut made);
            }
        }
    }
}

/// Makes mention `x` a team's, over `span`.
fn make_team(doc: &Doc<'_>, r: &mut Resolved, x: usize, span: Span, made: &mut HashMap<String, EntId>) {
    let ent = r.rule_entity(made, Kind::Group, &doc.text[span.range()]);
    r.ments.set_span(x, span);
    let m = &mut r.ments.0[x];
    m.kind = Kind::Group;
    m.ent = ent;
    m.rule = RuleId::GroupTeam.into();
}

/// "Scotland moved level with England and Ireland": in a sports report a
/// country or city joined to a team by "and", "or" or a comma is a team too.
fn coordinated_teams(doc: &Doc<'_>, r: &mut Resolved, made: &mut HashMap<String, EntId>) {
    let team = |m: &Ment| m.kind == Kind::Group && m.rule == RuleId::GroupTeam.into();
    let joined = |a: &Ment, b: &Ment| {
        let (i, j) = (doc.tok_containing(a.span.end.saturating_sub(1)) + 1, doc.tok_at(b.span.start));
        i + 1 == j && (doc.is(i, Class::Coordinator) || doc.tok(i) == ",") && a.span.end == doc.span(i - 1).end
    };
    let mut changed = true;
    while changed {
        changed = false;
        for x in 0..r.ments.len() {
            let m = &r.ments.0[x];
            if !matches!(m.kind, Kind::Country | Kind::Place) {
                continue;
            }
            let before = x.checked_sub(1).and_then(|p| r.ments.0.get(p)).is_some_and(|p| team(p) && joined(p, m));
            let after = r.ments.0.get(x + 1).is_some_and(|n| team(n) && joined(m, n));
            if before || after {
                let span = m.span;
                make_team(doc, r, x, span, made);
                changed = true;
            }
        }
    }
}

/// Teams no list knows, in results and standings lines: the capitalised
/// names before the scores of a line with two such names ("Kingsmere 3
/// Ashworth Rovers 1"), or before three numbers or more ("DETROIT 6 11 .353").
fn score_lines(doc: &Doc<'_>, r: &mut Resolved, sport: bool, made: &mut HashMap<String, EntId>) {
    let number = |t: Tok| doc.token(t).is_some_and(|t| t.kind() == TokKind::Number);
    let mut added = Vec::new();
    // Lines of results and standings; in a sports report, any line, for
    // its fixtures.
    for p in doc.seg.paragraphs.iter().filter(|p| p.list || sport) {
        let (a, b) = (doc.tok_at(p.span().start), doc.tok_at(p.span().end));
        let mut runs: Vec<(Tok, Tok, usize)> = Vec::new();
        let mut i = a;
        while i < b {
            if !doc.cap_word(i) {
                i = i + 1;
                continue;
            }
            let s = i;
            while i < b && (doc.cap_word(i) || (doc.is(i, Class::Coordinator) && i > s && doc.cap_word(i + 1))) {
                i = i + 1;
            }
            // The numbers after the name, up to the next word (".353" is a number too).
            let after = Tok::range(i, b).take_while(|&t| !doc.is_word(t)).filter(|&t| number(t)).count();
            let scores = if number(i) { after } else { 0 };
            // "in April 2019": a date, no team and score.
            let year = doc.tok(i).len() == 4 && doc.tok(i).bytes().all(|c| c.is_ascii_digit());
            let date = Tok::range(s, i).any(|t| doc.is(t, Class::Month) || doc.is(t, Class::Weekday));
            // "Arsenal v Chelsea": a fixture names two teams, scores or not
            // (outside results lines, only in a sports report).
            let versus = doc.is(i, Class::Versus) || s.prev().is_some_and(|p| doc.is(p, Class::Versus));
            let scores = if p.list { scores } else { 0 };
            if (scores > 0 || versus) && !year && !date {
                runs.push((s, i, if versus { usize::MAX } else { scores }));
            }
        }
        let two = runs.len() >= 2;
        for (s, e, scores) in runs {
            if !(two || scores >= 3) {
                continue;
            }
            let span = Span::new(doc.span(s).start, doc.span(e - 1).end);
            // A name some list or rule already reads (a person, a known club) stays as it is.
            if !r.ments.free(span) {
                continue;
            }
            let ent = r.rule_entity(made, Kind::Group, &doc.text[span.range()]);
            added.push(Ment::from_rule(span, Kind::Group, ent, RuleId::GroupTeam));
        }
    }
    r.ments.add(added);
}

/// "England v Australia" in prose: a fixture.
fn fixture_versus(doc: &Doc<'_>, i: Tok, j: Tok) -> bool {
    doc.is(j, Class::Versus) || i.prev().is_some_and(|p| doc.is(p, Class::Versus) && doc.low_word(p))
}

/// "a list with The Olive Tree": a capitalised "The" inside a sentence is
/// part of a group's name (at the start of a sentence it is not).
fn with_the(doc: &Doc<'_>, r: &mut Resolved) {
    // Starts move here: the index is made again after the next pass.
    r.ments.1 = None;
    let ms = &mut r.ments.0;
    for x in 0..ms.len() {
        let m = &ms[x];
        // A listed group's name of two words or more is matched without its
        // article ("the Associated Press"); "The Greens" takes it.
        if m.kind != Kind::Group || matches!(m.source, Source::Gaz { .. }) && doc.text[m.span.range()].contains(' ') {
            continue;
        }
        let i = doc.tok_at(m.span.start);
        let Some(j) = i.prev() else { continue };
        // (Asked in turn, the cheapest first.)
        let first = || doc.seg.sentences.get(doc.sentence_of_tok(j)).is_none_or(|s| s.tokens().start == j.ix());
        let free = x == 0 || ms[x - 1].span.end <= doc.span(j).start;
        // After a dateline's dash, a colon, an opening quote or bracket "The"
        // opens a sentence.
        let opens =
            || j.prev().is_some_and(|p| matches!(doc.punct(p), "—" | "–" | "-" | ":" | "\"" | "“" | "‘" | "'" | "("));
        let the = doc.is(j, Class::Definite) && doc.cap_word(j) && !opens();
        if the && free && !first() && doc.sentence_of_tok(i) == doc.sentence_of_tok(j) {
            ms[x].span = Span::new(doc.span(j).start, ms[x].span.end);
        }
    }
}

/// Adds an attribute read from the text, before those from the lists.
fn add_attr(e: &mut Ent, k: &str, v: &str) {
    if !e.attrs.iter().any(|(a, b)| a == k && b == v) {
        let at = e.attrs.iter().position(|(a, _)| a == k).unwrap_or(e.attrs.len());
        e.attrs.insert(at, (k.to_string(), v.to_string()));
    }
}

/// The attribute names relations are kept under on entities.
pub(crate) const ROLE: &str = "role";
/// The attribute of an entity's type (a list's `type` column: "party",
/// "company"; "description" for a description a pronoun stands for).
pub(crate) const TYPE: &str = "type";
/// The attribute of an entity's country code (a list's `country` column).
pub(crate) const COUNTRY: &str = "country";
/// The attribute that names the given-name lists a rule person's name is in.
const NAME_ORIGIN: &str = "name_origin";
const MEMBER_OF: &str = "member_of";
const AFFILIATED_WITH: &str = "affiliated_with";

/// Roles and memberships from titles and appositives.
fn attributes(doc: &Doc<'_>, gaz: &Gazetteer, r: &mut Resolved) {
    let text = doc.text;
    let mut rels: Vec<EntRel> = Vec::new();
    // A role is kept on its entity at once: an entity named with the same
    // title at each of its thousand mentions gets it once, with no copy
    // made for each.
    let ents = &mut r.ents;
    for m in r.ments.iter() {
        if m.kind != Kind::Person {
            continue;
        }
        // An honorific ("Mr.", "Sheikh") says who, not what they do: no role.
        let honorific = |t: Span| {
            doc.titles
                .starting_in(t)
                .first()
                .and_then(|h| gaz.lists.titles.get(h.idx as usize))
                .is_some_and(|x| x.honorific())
        };
        if let Some(t) = m.title.get().filter(|t| !honorific(*t)) {
            let role = text[t.range()].trim_end_matches('.');
            if let Some(e) = ents.get_mut(m.ent.ix()) {
                add_attr(e, ROLE, role);
            }
            rels.push(EntRel {
                kind: EntRelKind::Role,
                source: m.ent,
                target: None,
                value: Some(role.to_string()),
                evidence: Some(t),
            });
            if let Some(p) = m.pre.get().and_then(|p| r.ments.at(p.start)) {
                rels.push(EntRel {
                    kind: EntRelKind::MemberOf,
                    source: m.ent,
                    target: Some(p.ent),
                    value: None,
                    evidence: m.pre.get(),
                });
            }
        }
        // ", a political advisor to Sudani", ", Secretary-General of Kata’ib Hezbollah"
        let i = doc.tok_at(m.span.end);
        if doc.punct(i) != "," {
            continue;
        }
        let mut j = i + 1;
        if doc.is(j, Class::Definite) || doc.is(j, Class::Indefinite) {
            j = j + 1;
        }
        let Some(start) = doc.token(j).map(|t| t.span().start) else { continue };
        let limit = doc.token(j + 5).map_or(text.len(), |t| t.span().end);
        let Some(h) = doc.titles.starting_in(Span::new(start, limit)).iter().find(|h| h.span.end <= limit) else {
            continue;
        };
        // Only words between the article and the title: "political advisor".
        let between = &text[start..h.span.start];
        if between.contains([',', '.', ';']) {
            continue;
        }
        let role = &text[start..h.span.end];
        if let Some(e) = ents.get_mut(m.ent.ix()) {
            add_attr(e, ROLE, role);
        }
        let role = role.to_string();
        rels.push(EntRel {
            kind: EntRelKind::Role,
            source: m.ent,
            target: None,
            value: Some(role.clone()),
            evidence: Some(Span::new(start, h.span.end)),
        });
        let k = doc.tok_at(h.span.end);
        if doc.is(k, Class::Preposition) && doc.low_word(k) {
            let mut n = k + 1;
            if doc.is(n, Class::Definite) {
                n = n + 1;
            }
            if let Some(t) = doc.token(n) {
                if let Some(o) = r.ments.at(t.span().start).filter(|o| o.ent != m.ent) {
                    let (kind, value) = if o.kind == Kind::Person {
                        (EntRelKind::AffiliatedWith, Some(role.clone()))
                    } else {
                        (EntRelKind::MemberOf, None)
                    };
                    rels.push(EntRel {
                        kind,
                        source: m.ent,
                        target: Some(o.ent),
                        value,
                        evidence: Some(Span::new(start, o.span.end)),
                    });
                }
            }
        }
    }
    // Memberships and affiliations are kept on the entity too, by name.
    let mut attrs: Vec<(EntId, &str, String)> = Vec::new();
    for x in &rels {
        let key = match x.kind {
            EntRelKind::MemberOf => MEMBER_OF,
            EntRelKind::AffiliatedWith => AFFILIATED_WITH,
            EntRelKind::Role => continue,
        };
        if let Some(t) = x.target {
            attrs.push((x.source, key, r.ent(t).name.clone()));
        }
    }
    for (e, k, v) in attrs {
        add_attr(&mut r.ents[e.ix()], k, &v);
    }
    r.relations = rels;
}

/// Drops entities without mentions and numbers the rest by first mention.
fn compact(r: &mut Resolved) {
    let mut map: Vec<Option<EntId>> = vec![None; r.ents.len()];
    let mut old: Vec<Option<Ent>> = std::mem::take(&mut r.ents).into_iter().map(Some).collect();
    let mut ents = Vec::new();
    for m in r.ments.iter() {
        if map[m.ent.ix()].is_none() {
            map[m.ent.ix()] = Some(EntId(ents.len() as u32));
            ents.extend(old[m.ent.ix()].take());
        }
    }
    for e in r.ments.iter_mut_ents() {
        *e = map[e.ix()].unwrap_or(EntId(0));
    }
    r.relations.retain(|x| map[x.source.ix()].is_some() && x.target.is_none_or(|t| map[t.ix()].is_some()));
    for x in r.relations.iter_mut() {
        x.source = map[x.source.ix()].unwrap_or(EntId(0));
        x.target = x.target.and_then(|t| map[t.ix()]);
    }
    r.relations.dedup_by(|a, b| a.kind == b.kind && a.source == b.source && a.target == b.target && a.value == b.value);
    r.ents = ents;
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Extractor;

    fn ment(start: usize, end: usize) -> Ment {
        Ment {
            span: Span::new(start, end),
            kind: Kind::Person,
            ent: EntId(0),
            source: Source::Rule { strong: true },
            rule: RuleId::LinkShortForm.into(),
            title: OptSpan::NONE,
            pre: OptSpan::NONE,
        }
    }

    fn spans(m: &Mentions) -> Vec<(usize, usize)> {
        m.iter().map(|m| (m.span.start, m.span.end)).collect()
    }

    #[test]
    fn mentions_stay_sorted_and_apart() {
        // (there, added, after)
        type Spans<'a> = &'a [(usize, usize)];
        let table: &[(Spans<'_>, Spans<'_>, Spans<'_>)] = &[
            (&[(0, 5), (10, 15)], &[(6, 9)], &[(0, 5), (6, 9), (10, 15)]),
            // A new one that overlaps an old one gives way.
            (&[(0, 5), (10, 15)], &[(4, 8), (12, 20), (16, 18)], &[(0, 5), (10, 15), (16, 18)]),
            // New ones that overlap each other: the first stays.
            (&[], &[(5, 9), (2, 6), (8, 12)], &[(2, 6), (8, 12)]),
            (&[(3, 4)], &[], &[(3, 4)]),
            // Across blocks of the index (64 bytes).
            (&[(60, 70), (130, 140)], &[(64, 66), (70, 80), (200, 260)], &[(60, 70), (70, 80), (130, 140), (200, 260)]),
        ];
        for (there, added, after) in table {
            let mut m = Mentions::from_sorted(there.iter().map(|&(a, b)| ment(a, b)).collect(), 300);
            m.add(added.iter().map(|&(a, b)| ment(a, b)).collect());
            assert_eq!(&spans(&m), after, "{there:?} + {added:?}");
            assert_eq!(m.free(Span::new(5, 6)), !after.iter().any(|&(a, b)| a < 6 && 5 < b));
            lookups_as_a_scan_finds(&m);
        }
    }

    /// `Mentions::add` keeps what a merge of the two lists into a new one
    /// keeps (the way it was written first), on many made-up lists: spans
    /// empty, equal, touching and overlapping.
    #[test]
    fn adding_in_place_keeps_what_a_merge_keeps() {
        fn merge(old: &[(usize, usize)], new: &[(usize, usize)]) -> Vec<(usize, usize)> {
            let mut new = new.to_vec();
            new.sort_by_key(|m| m.0);
            let mut out: Vec<(usize, usize)> = Vec::new();
            let (mut a, mut b) = (old.iter().peekable(), new.iter().peekable());
            loop {
                let take_old = match (a.peek(), b.peek()) {
                    (Some(x), Some(y)) => x.0 <= y.0,
                    (Some(_), None) => true,
                    (None, Some(_)) => false,
                    (None, None) => break,
                };
                let Some(&m) = (if take_old { a.next() } else { b.next() }) else { break };
                let clash = out.last().is_some_and(|l| l.1 > m.0);
                if take_old {
                    if clash {
                        out.pop();
                    }
                    out.push(m);
                } else if !clash && a.peek().is_none_or(|n| n.0 >= m.1) {
                    out.push(m);
                }
            }
            out
        }
        let mut seed = 7u64;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        for _ in 0..3000 {
            let mut old = Vec::new();
            let mut at = next(4);
            for _ in 0..next(8) {
                let len = next(5);
                old.push((at, at + len));
                at += len + next(4);
            }
            let new: Vec<(usize, usize)> = (0..next(8))
                .map(|_| {
                    let s = next(at + 6);
                    (s, s + next(6))
                })
                .collect();
            let mut m = Mentions::from_sorted(old.iter().map(|&(a, b)| ment(a, b)).collect(), 300);
            assert_eq!(spans(&m), old);
            m.add(new.iter().map(|&(a, b)| ment(a, b)).collect());
            assert_eq!(spans(&m), merge(&old, &new), "{old:?} + {new:?}");
        }
    }

    /// `BySpan` gives the last value of a span, as a scan of the items in
    /// the order given does, for look-ups in rising order, falling order
    /// and at random (it remembers where the last one ended).
    #[test]
    fn by_span_finds_the_last_value_of_a_span() {
        let mut seed = 11u64;
        let mut next = |n: usize| {
            seed = seed.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            (seed >> 33) as usize % n
        };
        for _ in 0..300 {
            let items: Vec<(Span, usize)> = (0..next(40))
                .map(|v| {
                    let s = next(30);
                    (Span::new(s, s + next(3)), v)
                })
                .collect();
            let by = BySpan::new(items.clone());
            let scan = |span: Span| items.iter().rev().find(|p| p.0 == span).map(|p| p.1);
            let mut asks: Vec<Span> = (0..60)
                .map(|_| {
                    let s = next(32);
                    Span::new(s, s + next(3))
                })
                .collect();
            let random = asks.clone();
            asks.sort();
            let falling: Vec<Span> = asks.iter().rev().copied().collect();
            for span in asks.iter().chain(&falling).chain(&random) {
                assert_eq!(by.get(*span), scan(*span), "{span:?} in {items:?}");
            }
        }
    }

    /// Every look-up of `m` gives what a scan of all mentions gives.
    fn lookups_as_a_scan_finds(m: &Mentions) {
        let all = spans(m);
        for b in 0..=300 {
            let at = all.iter().find(|&&(s, e)| s <= b && b < e).copied();
            assert_eq!(m.at(b).map(|x| (x.span.start, x.span.end)), at, "at {b} in {all:?}");
            assert_eq!(m.first_at(b), all.iter().filter(|&&(s, _)| s < b).count(), "first_at {b}");
            let span = Span::new(b, (b + 70).min(300));
            let inside: Vec<_> = all.iter().copied().filter(|&(s, _)| s >= span.start && s < span.end).collect();
            let got: Vec<_> = m.in_span(span).iter().map(|x| (x.span.start, x.span.end)).collect();
            assert_eq!(got, inside, "in {span:?}");
            let free = !all.iter().any(|&(s, e)| s < span.end && span.start < e);
            assert_eq!(m.free(span), free, "free {span:?}");
        }
    }

    #[test]
    fn a_moved_mention_is_found_where_it_went() {
        let mut m = Mentions::from_sorted(vec![ment(10, 20), ment(70, 80), ment(150, 160)], 300);
        // "the" taken in, across a block's start; and a mention cut back.
        m.set_span(1, Span::new(60, 80));
        m.set_span(2, Span::new(152, 160));
        lookups_as_a_scan_finds(&m);
        m.reindex();
        assert_eq!(m.at(62).map(|x| x.span), Some(Span::new(60, 80)));
        assert!(m.at(151).is_none());
        lookups_as_a_scan_finds(&m);
    }

    #[test]
    fn dates_are_no_names() {
        let ex = Extractor::default();
        let table = [
            ("In May 2019 the talks ended.", 3, true),
            ("The vote is on May 2.", 15, true),
            ("May said the talks ended.", 0, false),
            ("Since June the port has been shut.", 6, true),
        ];
        for (text, at, want) in table {
            let doc = ex.doc(text);
            let i = doc.tok_at(at);
            assert_eq!(is_date(&doc, doc.span(i)), want, "{text}");
        }
    }

    #[test]
    fn short_forms_of_names() {
        let ex = Extractor::default();
        let doc = ex.doc("");
        let table: &[(&str, &[&str])] = &[
            ("Mohammed Shia Al-Sudani", &["al sudani", "sudani"]),
            ("Martin Luther King Jr.", &["king"]),
            ("Lowcock", &[]),
            ("Abu Hussein al-Hamidawi", &["al hamidawi", "hamidawi"]),
        ];
        for (name, want) in table {
            assert_eq!(&short_forms(&doc, name), want, "{name}");
        }
    }
}
