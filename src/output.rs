//! The last stage's types: what [`Extractor::extract`](crate::Extractor::extract)
//! returns. Every type here is plain data and serialises with serde into the
//! JSON contract that `gazette --json` prints.

use serde::Serialize;

use crate::Span;

/// What a mention or entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Kind {
    /// A person: "Mohammed Shia Al-Sudani", "Lowcock".
    Person,
    /// A country or territory: "Iraq", "the United States", "Türkiye".
    Country,
    /// An organisation: a government body, armed group, party, agency or medium.
    Group,
    /// A demonym or adjective of a country: "Iraqi", "Turkish". Linked to the
    /// country's entity.
    Nationality,
    /// A city, region or other place: "Ankara", "Idlib", "Gaza".
    Place,
    /// A title or role written beside a name: "Prime Minister".
    Title,
}

impl Kind {
    /// The kind's name as it appears in JSON: `person`, `country`, ...
    pub fn as_str(&self) -> &'static str {
        match self {
            Kind::Person => "person",
            Kind::Country => "country",
            Kind::Group => "group",
            Kind::Nationality => "nationality",
            Kind::Place => "place",
            Kind::Title => "title",
        }
    }

    /// All kinds, in a fixed order.
    pub const ALL: [Kind; 6] = [Kind::Person, Kind::Country, Kind::Group, Kind::Nationality, Kind::Place, Kind::Title];
}

/// A person's gender as the text or the lists tell it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Gender {
    /// Male.
    Male,
    /// Female.
    Female,
}

/// One real-world thing the text mentions, however often and in whatever form.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Entity {
    /// The entity's index in [`Analysis::entities`].
    pub id: usize,
    /// What it is.
    pub kind: Kind,
    /// Its canonical name: the gazetteer name, or the longest form in the text.
    pub name: String,
    /// The gazetteer id (`TR`, `person/vladimir-putin`, ...) when a list knows it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
    /// Gender, when known.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gender: Option<Gender>,
    /// Attributes from the lists and from the text: `role`, `country`,
    /// `type`, `qid`, ... in a stable order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub attributes: Vec<(String, String)>,
}

impl Entity {
    /// The first value of attribute `key`, if any.
    pub fn attribute(&self, key: &str) -> Option<&str> {
        self.attributes.iter().find(|(k, _)| k == key).map(|(_, v)| v.as_str())
    }
}

/// One place in the text that names an entity.
#[derive(Clone, Debug, PartialEq, Serialize)]
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
}

/// Whether a quote is marked as such in the text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
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
#[derive(Clone, Debug, PartialEq, Serialize)]
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
    #[serde(skip_serializing_if = "Option::is_none")]
    pub affiliation: Option<usize>,
}

/// The reporting verb or phrase that attributes a quote: "said", "according to".
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Cue {
    /// Where it is.
    #[serde(flatten)]
    pub span: Span,
    /// The text at `span`.
    pub text: String,
}

/// A statement in the text.
#[derive(Clone, Debug, PartialEq, Serialize)]
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
    /// How sure the attribution is, from 0 to 1.
    pub confidence: f32,
}

/// What a relation says.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RelationKind {
    /// A speaker entity said a quote (`target` is a quote index).
    Said,
    /// An entity holds a role (`value` is the role, `target` is absent).
    Role,
    /// A person belongs to, leads or works for a group or country
    /// (`target` is an entity index).
    MemberOf,
    /// A person is linked to another person, e.g. as advisor (`target` is an
    /// entity index, `value` the link).
    AffiliatedWith,
}

/// A fact that links an entity to a quote, a value or another entity.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Relation {
    /// What the relation says.
    pub kind: RelationKind,
    /// The entity it is about.
    pub source: usize,
    /// The other end: a quote index for `said`, an entity index otherwise.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub target: Option<usize>,
    /// A value such as a role.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    /// The text the relation was read from.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Span>,
}

/// Everything gazette found in one text.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Analysis {
    /// One entry per real-world thing, in order of first mention.
    pub entities: Vec<Entity>,
    /// Every mention, sorted by position.
    pub mentions: Vec<Mention>,
    /// Every quote, direct and indirect, sorted by position.
    pub quotes: Vec<Quote>,
    /// Said, role and membership relations.
    pub relations: Vec<Relation>,
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
