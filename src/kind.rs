//! What a mention or entity is, and a person's gender: the small types every
//! stage shares, at the bottom of the layering.

use serde::{Deserialize, Serialize};

/// What a mention or entity is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
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
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
#[non_exhaustive]
pub enum Gender {
    /// Male.
    Male,
    /// Female.
    Female,
}

impl Gender {
    /// Reads the gender cell of a list: `m` or `f` (any case, or spelt out);
    /// empty, or `u` for a name either may bear, is unknown. Anything else
    /// is `Err`.
    pub(crate) fn from_cell(s: &str) -> Result<Option<Gender>, ()> {
        let s = s.trim();
        if s.is_empty() {
            return Ok(None);
        }
        let first = s.as_bytes()[0].to_ascii_lowercase();
        let spelt = |full: &str| s.len() == 1 || s.eq_ignore_ascii_case(full);
        match first {
            b'm' if spelt("male") => Ok(Some(Gender::Male)),
            b'f' if spelt("female") => Ok(Some(Gender::Female)),
            b'u' if s.len() == 1 => Ok(None),
            _ => Err(()),
        }
    }
}

named! {
    /// What kind of attribution a cue makes, as its list row says.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "lowercase")]
    #[non_exhaustive]
    pub enum CueClass {
        /// Said, written or otherwise put into words: "said", "told", "wrote".
        Speech,
        /// Believed, feared, hoped or wanted: "believes", "fears".
        Thought,
        /// Shown by data, documents or polls: "polls show", "a report found".
        Evidence,
    }
}

named! {
    /// What speaks: a person, a group, a news outlet or a document.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
    #[serde(rename_all = "lowercase")]
    #[non_exhaustive]
    pub enum SpeakerKind {
        /// A person or people: "the minister", "officials", "she".
        Person,
        /// An organisation or a country speaking as one: "the ministry",
        /// "Ankara".
        Group,
        /// A newspaper, network or agency: "the daily", "The Post".
        Outlet,
        /// A report, statement, filing or other document.
        Document,
    }
}
