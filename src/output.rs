//! The last stage: what [`Extractor::extract`](crate::Extractor::extract)
//! returns, and the one step that assembles it from what the stages found.
//! Every type here is plain data that serialises with serde into the JSON
//! contract `gazette --json` prints, and reads back from it.

use std::borrow::Cow;
use std::collections::HashMap;

use serde::{Deserialize, Serialize};

use crate::attribution::{Learned, Stmt, StmtKind};
use crate::gazetteer::Gazetteer;
pub use crate::kind::{CueClass, Gender, Kind, SpeakerKind};
use crate::resolve::{EntRelKind, Resolved, TYPE};
use crate::ruleset::{RuleId, RuleIx, Rules};
use crate::Span;

/// One real-world thing the text mentions, however often and in whatever form.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Entity {
    /// The entity's index in [`Analysis::entities`].
    pub id: usize,
    /// What it is.
    pub kind: Kind,
    /// Its canonical name: the gazetteer name, or the longest form in the text.
    pub name: String,
    /// The gazetteer id (`TR`, `person/vladimir-putin`, ...) when a list knows it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Gender, when known.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// Attributes from the lists and from the text: `role`, `country`,
    /// `type`, `qid`, ... in a stable order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<(String, String)>,
}

impl Entity {
    /// The first value of attribute `key`, if any.
    pub fn attribute(&self, key: &str) -> Option<&str> {
        self.attributes.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// One place in the text that names an entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Mention {
    /// Where it is, in bytes.
    #[serde(flatten)]
    pub span: Span,
    /// The text at `span`.
    pub text: String,
    /// What it is.
    pub kind: Kind,
    /// The entity it names: an index into [`Analysis::entities`].
    pub entity: Option<usize>,
    /// The id of the rule that decided it (`list/name`, `person/title`, ...;
    /// see [`Extractor::rules`](crate::Extractor::rules)).
    pub rule: Cow<'static, str>,
}

/// Whether a quote is marked as such in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum QuoteKind {
    /// Words inside quotation marks that someone said or wrote.
    Direct,
    /// Reported speech without marks: "he stressed that ...".
    Indirect,
    /// Words in quotation marks that are no statement: scare quotes, titles,
    /// a quoted word in a headline.
    Mention,
}

/// Who says a quote: a name, a pronoun or a description.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Speaker {
    /// Where the speaker is named in the text.
    #[serde(flatten)]
    pub span: Span,
    /// The text at `span` ("he", "Al-Hamidawi", "a Turkish source familiar with the situation").
    pub text: String,
    /// The entity the speaker resolves to, when it resolves.
    pub entity: Option<usize>,
    /// For a description that does not resolve ("an Iraqi government
    /// official", "a spokesman for the Red Crescent"): the country, group or
    /// place it names, when it names one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<usize>,
    /// What speaks, when the rules can tell: a person, a group, an outlet
    /// or a document.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<SpeakerKind>,
    /// The id of the speaker rule that chose it (`speaker/person`,
    /// `speaker/pronoun`, ...).
    pub rule: Cow<'static, str>,
}

/// The reporting verb or phrase that attributes a quote: "said", "according to".
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Cue {
    /// Where it is.
    #[serde(flatten)]
    pub span: Span,
    /// The text at `span`.
    pub text: String,
    /// The cue's lemma ("say" for "said"), as its list row gives it.
    pub lemma: String,
    /// Whether the cue reports speech, a thought or evidence.
    pub class: CueClass,
}

/// A statement in the text.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Quote {
    /// The content: inside the marks for a direct quote, the reported clause
    /// for an indirect one.
    #[serde(flatten)]
    pub span: Span,
    /// The text at `span`.
    pub text: String,
    /// Direct, indirect or a mere mention.
    pub kind: QuoteKind,
    /// Who says it, when the text tells.
    pub speaker: Option<Speaker>,
    /// The cue that attributes it, when there is one.
    pub cue: Option<Cue>,
    /// How sure the attribution is, from 0 to 1: the rule's confidence
    /// times that of the speaker rule.
    pub confidence: f32,
    /// The id of the construction or rule that decided it
    /// (`quote/speaker-cue`, `reported/that`, `quote/scare`, ...).
    pub rule: Cow<'static, str>,
}

/// What a relation says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
#[non_exhaustive]
pub enum RelationKind {
    /// A speaker entity said a quote (`quote` is the quote's index).
    Said,
    /// An entity holds a role (`value` is the role).
    Role,
    /// A person belongs to, leads or works for a group or country
    /// (`target` is that entity).
    MemberOf,
    /// A person is linked to another person, e.g. as advisor (`target` is
    /// that person, `value` the link).
    AffiliatedWith,
}

/// A fact that links an entity to a quote, a value or another entity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Relation {
    /// What the relation says.
    pub kind: RelationKind,
    /// The entity it is about: an index into [`Analysis::entities`].
    pub source: usize,
    /// The other entity, for `member_of` and `affiliated_with`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub target: Option<usize>,
    /// The quote, for `said`: an index into [`Analysis::quotes`].
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub quote: Option<usize>,
    /// A value such as a role.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The text the relation was read from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Span>,
}

/// Everything gazette found in one text.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Analysis {
    /// One entry per real-world thing, in order of first mention.
    pub entities: Vec<Entity>,
    /// Every mention, sorted by position.
    pub mentions: Vec<Mention>,
    /// Every quote, direct and indirect, sorted by position.
    pub quotes: Vec<Quote>,
    /// Said, role and membership relations.
    pub relations: Vec<Relation>,
    /// What the extractor left out to keep its work linear on hostile
    /// input. Empty for running text, and then not written in JSON.
    #[serde(default, skip_serializing_if = "Capped::is_empty")]
    pub capped: Capped,
}

/// What the extractor left out of an [`Analysis`] to keep its time and
/// memory linear in the text: each count is 0 for running text.
///
/// ```
/// let a = gazette::Extractor::default().extract("Iraq and Syria met.");
/// assert!(a.capped.is_empty());
/// ```
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[non_exhaustive]
pub struct Capped {
    /// List matches dropped: of the list forms that start at one place,
    /// only the 4 longest are kept; once a text holds one match per 2
    /// bytes, only the longest (nested list forms such as "Al", "Al Al",
    /// ... over "Al Al Al ...").
    #[serde(default)]
    pub list_matches: usize,
    /// Bytes at the end of a text longer than 4 GiB (`u32::MAX` bytes)
    /// that were not read: token offsets are kept in 32 bits.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub unread_bytes: usize,
}

/// Whether a count is 0 (and not written in JSON).
fn is_zero(n: &usize) -> bool {
    *n == 0
}

impl Capped {
    /// Whether nothing was left out.
    pub fn is_empty(&self) -> bool {
        self.list_matches == 0 && self.unread_bytes == 0
    }
}

impl Analysis {
    /// The mentions of entity `id`.
    pub fn mentions_of(&self, id: usize) -> impl Iterator<Item = &Mention> + '_ {
        self.mentions.iter().filter(move |m| m.entity == Some(id))
    }

    /// The entity a speaker resolves to, if any.
    pub fn speaker_entity(&self, quote: &Quote) -> Option<&Entity> {
        quote.speaker.as_ref().and_then(|s| s.entity).and_then(|id| self.entities.get(id))
    }

    /// The name of whoever says `quote`: the resolved entity's name, else the
    /// speaker's own text.
    pub fn speaker_name<'a>(&'a self, quote: &'a Quote) -> Option<&'a str> {
        match self.speaker_entity(quote) {
            Some(e) => Some(&e.name),
            None => quote.speaker.as_ref().map(|s| s.text.as_str()),
        }
    }
}

/// The `type` of an entity made from a description a pronoun stands for.
const DESCRIPTION: &str = "description";

/// Puts the output together: the entities with what attribution learned of
/// them, the mentions of the kinds asked for, the statements and relations.
pub(crate) fn assemble(
    text: &str,
    kinds: &[Kind],
    gaz: &Gazetteer,
    rules: &Rules,
    mut res: Resolved,
    stmts: Vec<Stmt>,
    learned: Learned,
) -> Analysis {
    let rule = |r: RuleIx| rules.get(r).id.clone();
    // The entities and relations are moved out, not copied.
    let mut entities: Vec<Entity> = std::mem::take(&mut res.ents)
        .into_iter()
        .enumerate()
        .map(|(id, e)| Entity { id, kind: e.kind, name: e.name, key: e.key, gender: e.gender, attributes: e.attrs })
        .collect();
    // What attribution learned: the first gender a pronoun told, for an
    // entity that had none.
    for &(e, g) in &learned.genders {
        if let Some(x) = entities.get_mut(e.ix()) {
            x.gender.get_or_insert(g);
        }
    }
    // The affiliations of speakers that name no entity come first: they
    // read the resolved mentions, which are then freed as soon as the output
    // mentions are made (a long text's mentions are many, and its output
    // peaks while the quotes are made).
    let affiliations: Vec<Option<u32>> = stmts
        .iter()
        .map(|s| {
            let p = s.speaker.as_ref().filter(|p| p.ent.is_none())?;
            res.mentions_in(p.described.get().unwrap_or(p.span))
                .iter()
                .find(|m| matches!(m.kind, Kind::Group | Kind::Country | Kind::Nationality | Kind::Place))
                .map(|m| m.ent.ix() as u32)
        })
        .collect();
    // Exactly as many as are made: a long text's mentions are many.
    let titles = if kinds.contains(&Kind::Title) { res.ments.iter().filter(|m| m.title.is_some()).count() } else { 0 };
    // The mentions in order, each followed by its title: sorted by span
    // (stably), the titles merged into the mentions from the back in
    // place, not the whole list sorted (a long text's mentions are many).
    // Each keeps its place in that order, to break ties as it did.
    let key = |m: &Mention| (m.span.start, m.span.end);
    let mut mentions = Vec::with_capacity(res.ments.len() + titles);
    let mut places: Vec<usize> = Vec::with_capacity(res.ments.len());
    let mut title_list: Vec<(usize, Mention)> = Vec::with_capacity(titles);
    for (j, m) in res.ments.iter().enumerate() {
        if kinds.contains(&m.kind) {
            mentions.push(Mention {
                span: m.span,
                text: text[m.span.range()].to_string(),
                kind: m.kind,
                entity: Some(m.ent.ix()),
                rule: rule(m.rule),
            });
            places.push(2 * j);
        }
        if let Some(t) = m.title.get().filter(|_| kinds.contains(&Kind::Title)) {
            let title = Mention {
                span: t,
                text: text[t.range()].to_string(),
                kind: Kind::Title,
                entity: None,
                rule: rule(RuleId::TitleOfPerson.into()),
            };
            title_list.push((2 * j + 1, title));
        }
    }
    crate::span::sort_stable_by_key(&mut title_list, |(_, m)| key(m));
    if mentions.is_sorted_by_key(key) {
        let (n, k) = (mentions.len(), title_list.len());
        mentions.resize_with(n + k, || Mention {
            span: Span::default(),
            text: String::new(),
            kind: Kind::Title,
            entity: None,
            rule: Cow::Borrowed(""),
        });
        let (mut i, mut w) = (n, n + k);
        while let Some((place, title)) = title_list.pop() {
            while i > 0 && (key(&mentions[i - 1]), places[i - 1]) > (key(&title), place) {
                w -= 1;
                mentions.swap(i - 1, w);
                i -= 1;
            }
            w -= 1;
            mentions[w] = title;
        }
    } else {
        // (Empty spans out of order: all sorted by span and place.)
        let mut all: Vec<(usize, Mention)> = places.drain(..).zip(mentions.drain(..)).chain(title_list).collect();
        all.sort_unstable_by_key(|a| (key(&a.1), a.0));
        mentions.extend(all.into_iter().map(|(_, m)| m));
    }
    drop(places);
    mentions.dedup_by_key(|m| (m.span, m.kind));
    drop(std::mem::take(&mut res.ments));
    let mut quotes = Vec::with_capacity(stmts.len());
    // At most one a statement: made at its size, not grown by copies.
    let mut said = Vec::with_capacity(stmts.len());
    // The descriptions pronouns stand for ("Residents gathered. They said
    // ..."): an entity each, by their text, with no mention of their own.
    let mut described: HashMap<String, usize> = HashMap::new();
    for (s, affiliation) in stmts.into_iter().zip(affiliations) {
        let speaker = s.speaker.map(|p| {
            let entity = p.ent.map(|e| e.ix()).or_else(|| {
                let d = p.described.get()?;
                let kind = match p.kind? {
                    SpeakerKind::Person => Kind::Person,
                    SpeakerKind::Group | SpeakerKind::Outlet => Kind::Group,
                    SpeakerKind::Document => return None,
                };
                let name = text[d.range()].to_string();
                let id = *described.entry(name.clone()).or_insert_with(|| {
                    entities.push(Entity {
                        id: entities.len(),
                        kind,
                        name,
                        key: None,
                        gender: None,
                        attributes: vec![(TYPE.to_string(), DESCRIPTION.to_string())],
                    });
                    entities.len() - 1
                });
                Some(id)
            });
            // A description is tied to the country, group or place it names.
            let affiliation = affiliation.map(|a| a as usize);
            Speaker {
                span: p.span,
                text: text[p.span.range()].to_string(),
                entity,
                affiliation,
                kind: p.kind,
                rule: rule(p.rule.into()),
            }
        });
        if let Some(e) = speaker.as_ref().and_then(|p| p.entity) {
            said.push(Relation {
                kind: RelationKind::Said,
                source: e,
                target: None,
                quote: Some(quotes.len()),
                value: None,
                evidence: s.cue.map(|c| c.span),
            });
        }
        let cue = s.cue.map(|c| {
            let entry = gaz.lists.cues.get(c.idx as usize);
            Cue {
                span: c.span,
                text: text[c.span.range()].to_string(),
                lemma: entry.map_or_else(String::new, |e| e.lemma.clone()),
                class: entry.map_or(CueClass::Speech, |e| e.class),
            }
        });
        quotes.push(Quote {
            span: s.span,
            text: text[s.span.range()].to_string(),
            kind: match s.kind {
                StmtKind::Direct => QuoteKind::Direct,
                StmtKind::Indirect => QuoteKind::Indirect,
                StmtKind::Mention => QuoteKind::Mention,
            },
            speaker,
            cue,
            confidence: s.confidence.clamp(0.0, 1.0),
            rule: rule(s.rule),
        });
    }
    let found = std::mem::take(&mut res.relations);
    let mut relations: Vec<Relation> = Vec::with_capacity(found.len() + said.len());
    relations.extend(found.into_iter().map(|r| Relation {
        kind: match r.kind {
            EntRelKind::Role => RelationKind::Role,
            EntRelKind::MemberOf => RelationKind::MemberOf,
            EntRelKind::AffiliatedWith => RelationKind::AffiliatedWith,
        },
        source: r.source.ix(),
        target: r.target.map(|t| t.ix()),
        quote: None,
        value: r.value,
        evidence: r.evidence,
    }));
    relations.extend(said);
    Analysis { entities, mentions, quotes, relations, capped: Capped::default() }
}
