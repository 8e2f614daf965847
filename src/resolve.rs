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

fn kind_rank(k: Kind) -> u8 {
    match k {
        Kind::Country => 0,
        Kind::Group => 1,
        Kind::Person => 2,
        Kind::Place => 3,
        _ => 4,
    }
}

/// Turns gazetteer hits into candidates, one per hit.
pub(crate) fn gazetteer_cands(doc: &Doc<'_>, lex: &Lexicon, kinds: &[Kind], out: &mut Vec<Cand>) {
    for h in &doc.entity_hits {
        let mut best: Option<(u32, FormRole, bool, Kind)> = None;
        for p in lex.payloads(h.pattern) {
            let Payload::Entity { entry, role, ambiguous } = *p else { continue };
            let e = &lex.lists.entries[entry as usize];
            let kind = if role == FormRole::Demonym { Kind::Nationality } else { e.kind };
            if !(kinds.contains(&kind) || kind == Kind::Nationality && kinds.contains(&Kind::Country)) {
                continue;
            }
            let better = match best {
                None => true,
                Some((_, _, amb, k)) => (amb && !ambiguous) || (amb == ambiguous && kind_rank(kind) < kind_rank(k)),
            };
            if better {
                best = Some((entry, role, ambiguous, kind));
            }
        }
        if let Some((entry, role, ambiguous, kind)) = best {
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
                        lex.payloads(h.pattern).iter().find_map(|p| match *p {
                            Payload::Entity { entry, .. } if lex.lists.entries[entry as usize].kind == c.kind => {
                                Some(entry)
                            }
                            _ => None,
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
        let strong = !matches!(c.source, Source::Rule { strong: false });
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
    if short.is_empty() {
        return;
    }
    let pick = |v: &[(usize, usize)], at: usize| -> usize {
        v.iter().filter(|&&(_, s)| s <= at).max_by_key(|&&(_, s)| s).or_else(|| v.first()).map_or(0, |&(e, _)| e)
    };
    // Single-word rule people ("Ms. Graham") join the full name.
    for m in r.ments.iter_mut() {
        let t = &text[m.span.range()];
        if m.kind == Kind::Person && !t.contains(char::is_whitespace) && matches!(m.source, Source::Rule { .. }) {
            if let Some(v) = short.get(&key_of(t)) {
                let e = pick(v, m.span.start);
                if e != m.ent {
                    m.ent = e;
                }
            }
        }
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
        let e = pick(v, span.start);
        match r.mention_at(span.start) {
            None => {
                if r.mention_at(span.end.saturating_sub(1)).is_none() {
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
    let text = doc.text;
    let toks = doc.tokens();
    let mut acr: HashMap<&str, (usize, Kind)> = HashMap::new();
    for m in &r.ments {
        if !matches!(m.kind, Kind::Group | Kind::Country) {
            continue;
        }
        let i = doc.tok_at(m.span.end);
        if doc.tok(i) == "(" && doc.tok(i + 2) == ")" && toks.get(i + 1).is_some_and(|t| t.upper) {
            acr.insert(doc.tok(i + 1), (m.ent, m.kind));
        }
    }
    if acr.is_empty() {
        return;
    }
    let mut added = Vec::new();
    for (i, t) in toks.iter().enumerate() {
        if !t.upper {
            continue;
        }
        if let Some(&(ent, kind)) = acr.get(doc.tok(i)) {
            if r.mention_at(t.span.start).is_none() {
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
    let _ = text;
    r.ments.extend(added);
    r.ments.sort_by_key(|m| m.span.start);
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
