//! Stage 3: choose among overlapping candidates and tie mentions to entities.
//!
//! Candidates come from the gazetteer automaton and from the rules. The
//! longest wins; on a tie a list entry beats a rule and a rule beats an
//! ambiguous list entry. Then mentions become entities: one per gazetteer
//! entry, one per person or group the rules found, with short forms
//! ("Al-Sudani", "Sudani", "Ms. Graham") and acronyms defined in parentheses
//! tied back to the full name anywhere in the text. Titles and appositives
//! become attributes and relations.

use std::collections::{BTreeMap, HashMap};

use crate::doc::Doc;
use crate::gazetteer::{key_of, FormRole, Lexicon, Payload};
use crate::output::{Entity, Gender, Kind, Mention, Relation, RelationKind};
use crate::rules::acronym;
use crate::segment::TokKind;
use crate::Span;

/// Where a candidate comes from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Source {
    /// A gazetteer entry.
    Gaz { entry: u32, role: FormRole, ambiguous: bool },
    /// A rule; weak ones (from Title Case headlines) need support elsewhere.
    Rule { strong: bool },
}

/// A candidate mention.
#[derive(Clone, Debug)]
pub(crate) struct Cand {
    pub(crate) span: Span,
    pub(crate) kind: Kind,
    pub(crate) source: Source,
    /// The title written before a person.
    pub(crate) title: Option<Span>,
    /// A country, nationality or group written before the title.
    pub(crate) pre: Option<Span>,
    pub(crate) gender: Option<Gender>,
}

impl Cand {
    fn priority(&self) -> u8 {
        match self.source {
            Source::Gaz { ambiguous: false, .. } => 3,
            Source::Rule { strong: true } => 2,
            Source::Gaz { ambiguous: true, .. } => 1,
            Source::Rule { strong: false } => 0,
        }
    }
}

/// A resolved mention, before output.
#[derive(Clone, Debug)]
pub(crate) struct Ment {
    pub(crate) span: Span,
    pub(crate) kind: Kind,
    pub(crate) ent: usize,
    pub(crate) source: Source,
    pub(crate) title: Option<Span>,
    pub(crate) pre: Option<Span>,
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

/// The result of resolution.
#[derive(Debug, Default)]
pub(crate) struct Resolved {
    pub(crate) ents: Vec<Ent>,
    /// Sorted by start; mentions of the scored kinds do not overlap.
    pub(crate) ments: Vec<Ment>,
    pub(crate) relations: Vec<Relation>,
}

impl Resolved {
    /// The mention that covers byte `b`, if any.
    pub(crate) fn mention_at(&self, b: usize) -> Option<&Ment> {
        let i = self.ments.partition_point(|m| m.span.end <= b);
        self.ments.get(i).filter(|m| m.span.start <= b)
    }

    /// Mentions that start inside `span`.
    pub(crate) fn mentions_in(&self, span: Span) -> &[Ment] {
        let a = self.ments.partition_point(|m| m.span.start < span.start);
        let b = self.ments.partition_point(|m| m.span.start < span.end);
        &self.ments[a..b]
    }

    /// Turns the internal tables into output types.
    pub(crate) fn output(&self, text: &str, kinds: &[Kind]) -> (Vec<Entity>, Vec<Mention>) {
        let entities = self
            .ents
            .iter()
            .enumerate()
            .map(|(id, e)| Entity {
                id,
                kind: e.kind,
                name: e.name.clone(),
                key: e.key.clone(),
                gender: e.gender,
                attributes: e.attrs.clone(),
            })
            .collect();
        let mut mentions = Vec::with_capacity(self.ments.len());
        for m in &self.ments {
            if kinds.contains(&m.kind) {
                mentions.push(Mention {
                    span: m.span,
                    text: text[m.span.range()].to_string(),
                    kind: m.kind,
                    entity: Some(m.ent),
                });
            }
            if let Some(t) = m.title.filter(|_| kinds.contains(&Kind::Title)) {
                mentions.push(Mention { span: t, text: text[t.range()].to_string(), kind: Kind::Title, entity: None });
            }
        }
        mentions.sort_by_key(|m| (m.span.start, m.span.end));
        mentions.dedup_by_key(|m| (m.span, m.kind));
        (entities, mentions)
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
        _ => 5,
    }
}

/// The country an entry belongs to: a country's own code, or the `country`
/// attribute of a place, person or group.
fn entry_country(lex: &Lexicon, entry: u32) -> Option<&str> {
    let e = lex.lists.entries.get(entry as usize)?;
    if e.kind == Kind::Country {
        return Some(e.key.as_str());
    }
    e.attrs.iter().find(|(k, _)| k == "country").map(|(_, v)| v.as_str())
}

const MONTHS: &[&str] = &[
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// "In May 2012", "on May 2", "since June": a month, not a name.
fn is_date(doc: &Doc<'_>, span: Span) -> bool {
    if !MONTHS.contains(&&doc.text[span.range()]) {
        return false;
    }
    let i = doc.tok_at(span.start);
    let next_number = doc.tokens().get(i + 1).is_some_and(|t| t.kind == TokKind::Number);
    let prev = i.checked_sub(1).map(|p| doc.tok(p).to_lowercase()).unwrap_or_default();
    next_number
        || matches!(
            prev.as_str(),
            "in" | "on"
                | "since"
                | "until"
                | "till"
                | "by"
                | "from"
                | "last"
                | "next"
                | "early"
                | "late"
                | "mid"
                | "of"
                | "during"
                | "through"
                | "before"
                | "after"
                | "between"
                | "this"
                | "that"
                | "every"
        )
}

/// Whether a group the rules read (`outer`) is the list's group whose name
/// it holds (`inner`): only when what it adds is that group's own country
/// ("Iraqi National Security Council"), not another name ("Freedonian
/// Labour Party" is no "Labour Party" of the lists).
fn same_group(doc: &Doc<'_>, lex: &Lexicon, outer: Span, inner: Span, entry: u32) -> bool {
    if inner.end != outer.end {
        return false;
    }
    if inner.start == outer.start {
        return true;
    }
    let home = entry_country(lex, entry);
    let a = doc.entity_hits.partition_point(|h| h.span.start < outer.start);
    doc.entity_hits[a..].iter().take_while(|h| h.span.start == outer.start).any(|h| {
        doc.text[h.span.end..inner.start].trim().is_empty()
            && lex.payloads(h.pattern).iter().any(|p| match *p {
                Payload::Entity { entry: e, .. } => home.is_some() && entry_country(lex, e) == home,
                _ => false,
            })
    })
}

/// Turns gazetteer hits into candidates, one per hit.
///
/// A form several entries share ("Georgia": the country and the US state)
/// goes to the entry whose country the rest of the text speaks of most
/// (Tbilisi and Georgian officials, or Atlanta and the governor); an
/// unambiguous entry beats an ambiguous one, and a country beats a group, a
/// person or a place.
pub(crate) fn gazetteer_cands(doc: &Doc<'_>, lex: &Lexicon, kinds: &[Kind], out: &mut Vec<Cand>) {
    // Which countries the unambiguous hits belong to.
    let mut support: HashMap<&str, u32> = HashMap::new();
    for h in &doc.entity_hits {
        let mut code: Option<&str> = None;
        let mut one = true;
        for p in lex.payloads(h.pattern) {
            let Payload::Entity { entry, ambiguous, .. } = *p else { continue };
            let c = entry_country(lex, entry);
            one &= !ambiguous && (code.is_none() || code == c);
            code = code.or(c);
        }
        if let Some(c) = code.filter(|_| one) {
            *support.entry(c).or_default() += 1;
        }
    }
    for h in &doc.entity_hits {
        let mut best: Option<(u32, FormRole, bool, Kind, u32)> = None;
        for p in lex.payloads(h.pattern) {
            let Payload::Entity { entry, role, ambiguous } = *p else { continue };
            let e = &lex.lists.entries[entry as usize];
            let kind = if role == FormRole::Demonym { Kind::Nationality } else { e.kind };
            if !(kinds.contains(&kind) || kind == Kind::Nationality && kinds.contains(&Kind::Country)) {
                continue;
            }
            let votes = entry_country(lex, entry).and_then(|c| support.get(c)).copied().unwrap_or(0);
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
        if let Some((entry, role, ambiguous, kind, _)) = best {
            if ambiguous && is_date(doc, h.span) {
                continue;
            }
            let e = &lex.lists.entries[entry as usize];
            out.push(Cand {
                span: h.span,
                kind,
                source: Source::Gaz { entry, role, ambiguous },
                title: None,
                pre: None,
                gender: e.gender,
            });
        }
    }
}

/// "the Liberal Party of Canada Frank Oliver": a group read by its form
/// ends before a person the rules found at its end.
fn trim_groups(doc: &Doc<'_>, cands: &mut [Cand]) {
    let mut people: Vec<Span> = cands
        .iter()
        .filter(|c| c.kind == Kind::Person && matches!(c.source, Source::Rule { strong: true }))
        .map(|c| c.span)
        .collect();
    if people.is_empty() {
        return;
    }
    people.sort_by_key(|s| s.start);
    for c in cands.iter_mut().filter(|c| c.kind == Kind::Group && matches!(c.source, Source::Rule { .. })) {
        let i = people.partition_point(|p| p.start <= c.span.start);
        let Some(p) = people[i..].iter().take_while(|p| p.start < c.span.end).find(|p| p.end == c.span.end) else {
            continue;
        };
        // Back over the words that tied the name on: "of", "for", "and".
        let mut t = doc.tok_at(p.start);
        while t > 0 && doc.tokens()[t - 1].span.start > c.span.start && !doc.tokens()[t - 1].cap {
            t -= 1;
        }
        if let Some(prev) = t.checked_sub(1).map(|t| doc.tokens()[t]).filter(|x| x.span.start > c.span.start) {
            c.span = Span::new(c.span.start, prev.span.end);
        }
    }
}

/// Selects non-overlapping candidates: longest first, then by priority.
fn select(mut cands: Vec<Cand>) -> Vec<Cand> {
    cands.sort_by(|a, b| {
        b.span.len().cmp(&a.span.len()).then(b.priority().cmp(&a.priority())).then(a.span.start.cmp(&b.span.start))
    });
    let mut taken: BTreeMap<usize, usize> = BTreeMap::new();
    let mut out = Vec::with_capacity(cands.len());
    for c in cands {
        let clash = taken.range(..c.span.end).next_back().is_some_and(|(_, &e)| e > c.span.start);
        if !clash {
            taken.insert(c.span.start, c.span.end);
            out.push(c);
        }
    }
    out.sort_by_key(|c| c.span.start);
    out
}

const ARTICLES: &[&str] = &["al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-", "an-", "al ", "el "];

/// Short forms of a person's name: the surname, and the surname without its
/// article ("Al-Sudani" -> "Sudani").
fn short_forms(name: &str) -> Vec<String> {
    let words: Vec<&str> = name.split_whitespace().collect();
    if words.len() < 2 {
        return Vec::new();
    }
    let mut last = words[words.len() - 1];
    if matches!(last, "Jr." | "Jr" | "Sr." | "II" | "III" | "IV") && words.len() > 2 {
        last = words[words.len() - 2];
    }
    let mut out = vec![key_of(last)];
    let l = last.to_lowercase().replace('’', "'");
    for a in ARTICLES {
        if l.starts_with(a) && l.len() > a.len() + 2 {
            out.push(key_of(&last[a.len()..]));
        }
    }
    out
}

fn possessive_len(s: &str) -> usize {
    ["’s", "'s"].iter().find(|p| s.len() > 2 && s.ends_with(*p)).map_or(0, |p| p.len())
}

/// Resolves candidates into entities and mentions.
pub(crate) fn resolve(doc: &Doc<'_>, lex: &Lexicon, cands: Vec<Cand>) -> Resolved {
    let text = doc.text;
    // Weak rule people (from Title Case headlines) compete only when the
    // same name is found with more evidence elsewhere.
    let strong: std::collections::HashSet<String> = cands
        .iter()
        .filter(|c| c.kind == Kind::Person && !matches!(c.source, Source::Rule { strong: false }))
        .map(|c| key_of(&text[c.span.range()]))
        .collect();
    let cands: Vec<Cand> = cands
        .into_iter()
        .filter(|c| {
            !matches!(c.source, Source::Rule { strong: false }) || strong.contains(&key_of(&text[c.span.range()]))
        })
        .collect();
    // What a rule read around a name (its title, the country before the
    // title) stays when a list entry wins the same span.
    let context: HashMap<Span, (Option<Span>, Option<Span>)> =
        cands.iter().filter(|c| c.title.is_some() || c.pre.is_some()).map(|c| (c.span, (c.title, c.pre))).collect();
    let mut cands = cands;
    trim_groups(doc, &mut cands);
    let mut picked = select(cands);
    for c in picked.iter_mut().filter(|c| c.title.is_none()) {
        if let Some(&(title, pre)) = context.get(&c.span) {
            c.title = title;
            c.pre = pre;
        }
    }
    let mut r = Resolved::default();
    let mut by_key: HashMap<String, usize> = HashMap::new();
    for c in picked {
        let (key, name, kind, gender, attrs) = match c.source {
            Source::Gaz { entry, role, .. } => {
                let e = &lex.lists.entries[entry as usize];
                let kind = if role == FormRole::Demonym { Kind::Country } else { e.kind };
                (format!("g{}", entry), e.name.clone(), kind, e.gender, e.attrs.clone())
            }
            Source::Rule { .. } => {
                // A rule person that holds a known person's form is that person.
                // Only a form of two words or more: a bare surname inside a
                // longer name may be someone else's ("Amal Haddad").
                let from = doc.entity_hits.partition_point(|h| h.span.start < c.span.start);
                let inner = doc.entity_hits[from..]
                    .iter()
                    .take_while(|h| h.span.start < c.span.end)
                    .filter(|h| c.span.contains(h.span) && text[h.span.range()].contains(char::is_whitespace))
                    .find_map(|h| {
                        lex.payloads(h.pattern)
                            .iter()
                            .find_map(|p| match *p {
                                Payload::Entity { entry, .. } if lex.lists.entries[entry as usize].kind == c.kind => {
                                    Some(entry)
                                }
                                _ => None,
                            })
                            .filter(|&entry| c.kind != Kind::Group || same_group(doc, lex, c.span, h.span, entry))
                            // "... Massoud Jr." is the son, not the listed father.
                            .filter(|_| {
                                let rest = text[h.span.end..c.span.end].trim();
                                !matches!(rest, "Jr." | "Jr" | "Sr." | "Sr" | "II" | "III" | "IV")
                            })
                    });
                match inner {
                    Some(entry) => {
                        let e = &lex.lists.entries[entry as usize];
                        (format!("g{}", entry), e.name.clone(), e.kind, e.gender.or(c.gender), e.attrs.clone())
                    }
                    None => {
                        let t = &text[c.span.range()];
                        let t = t.strip_suffix("’s").or_else(|| t.strip_suffix("'s")).unwrap_or(t);
                        (format!("r{}:{}", c.kind.as_str(), key_of(t)), t.to_string(), c.kind, c.gender, Vec::new())
                    }
                }
            }
        };
        // A one-word person form that is also a month ("May", "March") needs
        // support: a title before it, or another form of the person in the text.
        let bare_alias = c.kind == Kind::Person
            && c.title.is_none()
            && matches!(c.source, Source::Gaz { ambiguous: true, .. })
            && MONTHS.iter().any(|m| m.eq_ignore_ascii_case(&text[c.span.range()]));
        let strong = !matches!(c.source, Source::Rule { strong: false }) && !bare_alias;
        let ent = *by_key.entry(key.clone()).or_insert_with(|| {
            r.ents.push(Ent { kind, name, key: None, gender, attrs, supported: false });
            r.ents.len() - 1
        });
        if let Source::Gaz { entry, .. } = c.source {
            r.ents[ent].key = Some(lex.lists.entries[entry as usize].key.clone());
        }
        r.ents[ent].supported |= strong;
        if r.ents[ent].gender.is_none() {
            r.ents[ent].gender = c.gender;
        }
        r.ments.push(Ment { span: c.span, kind: c.kind, ent, source: c.source, title: c.title, pre: c.pre });
    }
    link_short_forms(doc, &mut r);
    link_acronyms(doc, &mut r);
    listed_acronyms(doc, &mut r);
    with_the(doc, &mut r);
    // Weak rule people (from Title Case headlines) stay only with support.
    let ents = &r.ents;
    r.ments.retain(|m| ents[m.ent].supported);
    attributes(doc, lex, &mut r);
    compact(&mut r);
    r
}

/// Ties surnames and article-less surnames to the full name, anywhere.
fn link_short_forms(doc: &Doc<'_>, r: &mut Resolved) {
    let text = doc.text;
    let mut short: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    for m in &r.ments {
        if m.kind != Kind::Person {
            continue;
        }
        for s in short_forms(&text[m.span.range()]).into_iter().chain(short_forms(&r.ents[m.ent].name)) {
            let v = short.entry(s).or_default();
            if !v.iter().any(|&(e, _)| e == m.ent) {
                v.push((m.ent, m.span.start));
            }
        }
    }
    let pick = |v: &[(usize, usize)], at: usize| -> usize {
        v.iter().filter(|&&(_, s)| s <= at).max_by_key(|&&(_, s)| s).or_else(|| v.first()).map_or(0, |&(e, _)| e)
    };
    // Single-word rule people ("Ms. Graham") join the full name; those with
    // no full name ("Jordan ... injured his knee") link their other bare
    // mentions themselves.
    let mut singles: Vec<(String, usize, usize)> = Vec::new();
    for m in r.ments.iter_mut() {
        let t = &text[m.span.range()];
        if m.kind == Kind::Person && !t.contains(char::is_whitespace) && matches!(m.source, Source::Rule { .. }) {
            let key = key_of(t.strip_suffix("’s").or_else(|| t.strip_suffix("'s")).unwrap_or(t));
            match short.get(&key) {
                Some(v) => m.ent = pick(v, m.span.start),
                None if matches!(m.source, Source::Rule { strong: true }) => singles.push((key, m.ent, m.span.start)),
                None => {}
            }
        }
    }
    for (key, ent, at) in singles {
        let v = short.entry(key).or_default();
        if !v.iter().any(|&(e, _)| e == ent) {
            v.push((ent, at));
        }
    }
    if short.is_empty() {
        return;
    }
    // Bare surnames anywhere else.
    let mut added = Vec::new();
    let mut replace = Vec::new();
    for (i, t) in doc.tokens().iter().enumerate() {
        if t.kind != TokKind::Word || !t.cap {
            continue;
        }
        let word = doc.tok(i);
        let span = Span::new(t.span.start, t.span.end - possessive_len(word));
        let Some(v) = short.get(&key_of(&text[span.range()])) else { continue };
        if is_date(doc, span) {
            continue;
        }
        let e = pick(v, span.start);
        match r.mention_at(span.start) {
            None => {
                if r.mention_at(span.end.saturating_sub(1)).is_none() && r.mentions_in(span).is_empty() {
                    added.push(Ment {
                        span,
                        kind: Kind::Person,
                        ent: e,
                        source: Source::Rule { strong: true },
                        title: None,
                        pre: None,
                    });
                }
            }
            Some(m) if m.span == span && matches!(m.source, Source::Gaz { ambiguous: true, .. }) => {
                replace.push((span.start, e));
            }
            Some(_) => {}
        }
    }
    for (start, e) in replace {
        if let Some(m) = r.ments.iter_mut().find(|m| m.span.start == start) {
            m.kind = Kind::Person;
            m.ent = e;
            m.source = Source::Rule { strong: true };
        }
    }
    if !added.is_empty() {
        r.ments.extend(added);
        r.ments.sort_by_key(|m| m.span.start);
    }
}

/// "the Syrian Democratic Forces (SDF)": later "SDF" is the same group.
fn link_acronyms(doc: &Doc<'_>, r: &mut Resolved) {
    let toks = doc.tokens();
    let mut acr: HashMap<&str, (usize, Kind)> = HashMap::new();
    for m in &r.ments {
        if !matches!(m.kind, Kind::Group | Kind::Country) {
            continue;
        }
        let i = doc.tok_at(m.span.end);
        if doc.tok(i) == "("
            && doc.tok(i + 2) == ")"
            && toks.get(i + 1).is_some_and(|t| t.upper || acronym(doc.tok(i + 1)))
        {
            acr.insert(doc.tok(i + 1), (m.ent, m.kind));
        }
    }
    if acr.is_empty() {
        return;
    }
    let mut added = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if !t.upper && !acronym(doc.tok(i)) {
            continue;
        }
        if let Some(&(ent, kind)) = acr.get(doc.tok(i)) {
            // Nothing may overlap it: not even a match inside ("O'SDF").
            if r.mention_at(t.span.start).is_none() && r.mentions_in(t.span).is_empty() {
                added.push(Ment {
                    span: t.span,
                    kind,
                    ent,
                    source: Source::Rule { strong: true },
                    title: None,
                    pre: None,
                });
            }
        }
    }
    r.ments.extend(added);
    r.ments.sort_by_key(|m| m.span.start);
}

/// "the UUP and the Democratic Unionist Party": an acronym no list knows,
/// listed with groups, is a group too (and so are its other mentions).
fn listed_acronyms(doc: &Doc<'_>, r: &mut Resolved) {
    let toks = doc.tokens();
    // Unknown acronyms, outside headlines in capitals and titles ("MP").
    let lone = |i: usize| {
        let t = &toks[i];
        let shouting =
            |j: Option<usize>| j.and_then(|j| toks.get(j)).is_some_and(|n| n.upper && n.kind == TokKind::Word);
        t.kind == TokKind::Word
            && acronym(doc.tok(i))
            && !shouting(i.checked_sub(1))
            && !shouting(Some(i + 1))
            && r.mention_at(t.span.start).is_none()
            && r.mentions_in(t.span).is_empty()
            && Doc::in_span(&doc.titles, t.span).is_empty()
    };
    let cands: Vec<usize> = (0..toks.len()).filter(|&i| lone(i)).collect();
    if cands.is_empty() {
        return;
    }
    let mut accepted: Vec<bool> = vec![false; cands.len()];
    // Token `j` ends a group mention, or is an accepted acronym.
    let group_ends_at = |j: usize, accepted: &[bool]| {
        let t = &toks[j];
        r.mention_at(t.span.start).is_some_and(|m| m.kind == Kind::Group && m.span.end == t.span.end)
            || cands.binary_search(&j).is_ok_and(|x| accepted[x])
    };
    let group_starts_at = |j: usize, accepted: &[bool]| {
        toks.get(j).is_some_and(|t| {
            r.mention_at(t.span.start).is_some_and(|m| m.kind == Kind::Group && m.span.start == t.span.start)
        }) || cands.binary_search(&j).is_ok_and(|x| accepted[x])
    };
    // The separator between two list items: ",", "and", ", and", "or", then "the".
    let left = |i: usize| -> Option<usize> {
        let mut j = i.checked_sub(1)?;
        if doc.tok(j) == "the" {
            j = j.checked_sub(1)?;
        }
        let mut sep = false;
        if matches!(doc.tok(j), "and" | "or" | "&") {
            j = j.checked_sub(1)?;
            sep = true;
        }
        if doc.tok(j) == "," {
            j = j.checked_sub(1)?;
            sep = true;
        }
        sep.then_some(j)
    };
    let right = |i: usize| -> Option<usize> {
        let mut j = i + 1;
        let mut sep = false;
        if doc.tok(j) == "," {
            j += 1;
            sep = true;
        }
        if matches!(doc.tok(j), "and" | "or" | "&") {
            j += 1;
            sep = true;
        }
        if doc.tok(j) == "the" {
            j += 1;
        }
        sep.then_some(j)
    };
    for _ in 0..2 {
        for x in 0..cands.len() {
            let i = cands[x];
            if !accepted[x]
                && (left(i).is_some_and(|j| group_ends_at(j, &accepted))
                    || right(i).is_some_and(|j| group_starts_at(j, &accepted)))
            {
                accepted[x] = true;
            }
        }
    }
    // One entity per acronym, and every mention of it.
    let mut ents: HashMap<&str, usize> = HashMap::new();
    for (x, &i) in cands.iter().enumerate() {
        if accepted[x] && !ents.contains_key(doc.tok(i)) {
            r.ents.push(Ent {
                kind: Kind::Group,
                name: doc.tok(i).to_string(),
                key: None,
                gender: None,
                attrs: Vec::new(),
                supported: true,
            });
            ents.insert(doc.tok(i), r.ents.len() - 1);
        }
    }
    if ents.is_empty() {
        return;
    }
    for &i in &cands {
        if let Some(&ent) = ents.get(doc.tok(i)) {
            r.ments.push(Ment {
                span: toks[i].span,
                kind: Kind::Group,
                ent,
                source: Source::Rule { strong: true },
                title: None,
                pre: None,
            });
        }
    }
    r.ments.sort_by_key(|m| m.span.start);
}

/// "a list with The Olive Tree": a capitalised "The" inside a sentence is
/// part of a group's name (at the start of a sentence it is not).
fn with_the(doc: &Doc<'_>, r: &mut Resolved) {
    let toks = doc.tokens();
    for x in 0..r.ments.len() {
        let m = &r.ments[x];
        if m.kind != Kind::Group {
            continue;
        }
        let i = doc.tok_at(m.span.start);
        let Some(j) = i.checked_sub(1) else { continue };
        let first = doc.seg.sentences.get(doc.sentence_of_tok(j)).is_none_or(|s| s.tokens.start == j);
        let free = x == 0 || r.ments[x - 1].span.end <= toks[j].span.start;
        if doc.tok(j) == "The" && !first && free && doc.sentence_of_tok(i) == doc.sentence_of_tok(j) {
            r.ments[x].span = Span::new(toks[j].span.start, r.ments[x].span.end);
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

/// Roles and memberships from titles and appositives.
fn attributes(doc: &Doc<'_>, lex: &Lexicon, r: &mut Resolved) {
    let text = doc.text;
    let mut rels: Vec<Relation> = Vec::new();
    let mut attrs: Vec<(usize, &str, String)> = Vec::new();
    for m in &r.ments {
        if m.kind != Kind::Person {
            continue;
        }
        // An honorific ("Mr.", "Sheikh") says who, not what they do: no role.
        let honorific = |t: Span| {
            Doc::in_span(&doc.titles, t)
                .first()
                .and_then(|h| lex.lists.titles.get(h.idx as usize))
                .is_some_and(|x| x.honorific)
        };
        if let Some(t) = m.title.filter(|t| !honorific(*t)) {
            let role = text[t.range()].trim_end_matches('.');
            attrs.push((m.ent, "role", role.to_string()));
            rels.push(Relation {
                kind: RelationKind::Role,
                source: m.ent,
                target: None,
                value: Some(role.to_string()),
                evidence: Some(t),
            });
            if let Some(p) = m.pre.and_then(|p| r.mention_at(p.start)) {
                rels.push(Relation {
                    kind: RelationKind::MemberOf,
                    source: m.ent,
                    target: Some(p.ent),
                    value: None,
                    evidence: m.pre,
                });
            }
        }
        // ", a political advisor to Sudani", ", Secretary-General of Kata’ib Hezbollah"
        let i = doc.tok_at(m.span.end);
        if doc.tok(i) != "," {
            continue;
        }
        let mut j = i + 1;
        if matches!(doc.tok(j).to_lowercase().as_str(), "a" | "an" | "the") {
            j += 1;
        }
        let Some(start) = doc.tokens().get(j).map(|t| t.span.start) else { continue };
        let limit = doc.tokens().get(j + 5).map_or(text.len(), |t| t.span.end);
        let Some(h) = Doc::in_span(&doc.titles, Span::new(start, limit)).iter().find(|h| h.span.end <= limit) else {
            continue;
        };
        // Only words between the article and the title: "political advisor".
        let between = &text[start..h.span.start];
        if between.contains([',', '.', ';']) {
            continue;
        }
        let role = text[start..h.span.end].to_string();
        attrs.push((m.ent, "role", role.clone()));
        rels.push(Relation {
            kind: RelationKind::Role,
            source: m.ent,
            target: None,
            value: Some(role.clone()),
            evidence: Some(Span::new(start, h.span.end)),
        });
        let k = doc.tok_at(h.span.end);
        let prep = doc.tok(k).to_lowercase();
        if matches!(prep.as_str(), "of" | "for" | "to" | "at" | "in") {
            let mut n = k + 1;
            if doc.tok(n).eq_ignore_ascii_case("the") {
                n += 1;
            }
            if let Some(t) = doc.tokens().get(n) {
                if let Some(o) = r.mention_at(t.span.start).filter(|o| o.ent != m.ent) {
                    let (kind, value) = if o.kind == Kind::Person {
                        (RelationKind::AffiliatedWith, Some(role.clone()))
                    } else {
                        (RelationKind::MemberOf, None)
                    };
                    rels.push(Relation {
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
    for x in &rels {
        let key = match x.kind {
            RelationKind::MemberOf => "member_of",
            RelationKind::AffiliatedWith => "affiliated_with",
            _ => continue,
        };
        if let Some(t) = x.target.and_then(|t| r.ents.get(t)) {
            attrs.push((x.source, key, t.name.clone()));
        }
    }
    for (e, k, v) in attrs {
        add_attr(&mut r.ents[e], k, &v);
    }
    r.relations = rels;
}

/// Drops entities without mentions and numbers the rest by first mention.
fn compact(r: &mut Resolved) {
    let mut map: Vec<Option<usize>> = vec![None; r.ents.len()];
    let mut ents = Vec::new();
    for m in &r.ments {
        if map[m.ent].is_none() {
            map[m.ent] = Some(ents.len());
            ents.push(r.ents[m.ent].clone());
        }
    }
    for m in r.ments.iter_mut() {
        m.ent = map[m.ent].unwrap_or(0);
    }
    r.relations.retain(|x| {
        map[x.source].is_some() && x.target.is_none_or(|t| x.kind == RelationKind::Said || map[t].is_some())
    });
    for x in r.relations.iter_mut() {
        x.source = map[x.source].unwrap_or(0);
        if x.kind != RelationKind::Said {
            x.target = x.target.and_then(|t| map[t]);
        }
    }
    r.relations.dedup_by(|a, b| a.kind == b.kind && a.source == b.source && a.target == b.target && a.value == b.value);
    r.ents = ents;
}
