//! Stage 2a: the lists, and the one automaton that matches them.
//!
//! Lists are TSV files with a header row (format in `gazetteers/README.md`).
//! Entity lists (countries, places, people, groups) and the lexicon words the
//! later stages look for in running text (titles, reporting cues, speaker
//! nouns) are compiled into a single Aho-Corasick automaton (`matcher.rs`),
//! run anchored from each word start of the folded text. Given names and the rules' word classes
//! (`lexicon.tsv`) go into hash maps the token layer looks tokens up in; the
//! rule table (`rules.tsv`) is handed to the stages that run the rules.

use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;

use crate::fold::{FoldTable, Folded};
pub(crate) use crate::hash::FastMap;
use crate::kind::{CueClass, Gender, Kind, SpeakerKind};
use crate::lexicon::{class_of, Class, ClassSet, Words};
use crate::matcher::Matcher;
use crate::{Error, Span};

mod party_tags;
pub(crate) use party_tags::PartyTag;

/// Which list a gazetteer file holds.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum ListKind {
    /// `id name aliases demonyms ambiguous`: countries and territories.
    Countries,
    /// `id name aliases country type ambiguous`: cities, regions, crossings.
    Places,
    /// `id name aliases gender country role qid ambiguous`: known people.
    People,
    /// `id name aliases type country ambiguous`: organisations.
    Groups,
    /// `name gender common_word`: given names for the person rules.
    GivenNames,
    /// `title gender type`: titles, roles and honorifics.
    Titles,
    /// `form lemma class pos frames`: reporting verbs and phrases.
    Cues,
    /// `noun plural gender type`: nouns that head a speaker description.
    SpeakerNouns,
    /// `word class`: the English words the rules use, by class.
    Lexicon,
    /// `id table confidence description pattern`: the named rules, and the
    /// quote constructions written as patterns.
    Rules,
    /// `tag country group`: the tags that give a lawmaker's party after the
    /// name ("D" in "Rep. Ann Lee, D-N.Y."), with the party's id in the
    /// groups list.
    PartyTags,
}

impl ListKind {
    /// Every list kind.
    pub const ALL: [ListKind; 11] = [
        ListKind::Lexicon,
        ListKind::Countries,
        ListKind::Places,
        ListKind::People,
        ListKind::Groups,
        ListKind::GivenNames,
        ListKind::Titles,
        ListKind::Cues,
        ListKind::SpeakerNouns,
        ListKind::Rules,
        ListKind::PartyTags,
    ];

    /// The file name of the default list in `gazetteers/`.
    pub fn file_name(self) -> &'static str {
        match self {
            ListKind::Countries => "countries.tsv",
            ListKind::Places => "places.tsv",
            ListKind::People => "people.tsv",
            ListKind::Groups => "groups.tsv",
            ListKind::GivenNames => "given_names.tsv",
            ListKind::Titles => "titles.tsv",
            ListKind::Cues => "cues.tsv",
            ListKind::SpeakerNouns => "speaker_nouns.tsv",
            ListKind::Lexicon => "lexicon.tsv",
            ListKind::Rules => "rules.tsv",
            ListKind::PartyTags => "party_tags.tsv",
        }
    }

    /// The columns a list must have (tab-separated), then those it may have.
    fn columns(self) -> (&'static str, &'static str) {
        match self {
            ListKind::Countries => ("id\tname", "aliases\tdemonyms\tambiguous"),
            ListKind::Places => ("id\tname", "aliases\tcountry\ttype\tambiguous\tcontext"),
            ListKind::People => ("id\tname", "aliases\tgender\tcountry\trole\tqid\tambiguous"),
            ListKind::Groups => ("id\tname", "aliases\ttype\tcountry\tambiguous"),
            ListKind::GivenNames => ("name", "gender\torigin\tcommon_word"),
            ListKind::Titles => ("title", "gender\ttype"),
            ListKind::Cues => ("form", "lemma\tclass\tpos\tframes"),
            ListKind::SpeakerNouns => ("noun", "plural\tgender\ttype"),
            ListKind::Lexicon => ("word\tclass", ""),
            ListKind::Rules => ("id\ttable\tconfidence\tdescription", "pattern"),
            ListKind::PartyTags => ("tag\tcountry", "group"),
        }
    }

    /// What an entry id of this list starts with, for entity lists.
    fn id_prefix(self) -> Option<&'static str> {
        match self {
            ListKind::Places => Some("place/"),
            ListKind::People => Some("person/"),
            ListKind::Groups => Some("group/"),
            ListKind::Countries
            | ListKind::GivenNames
            | ListKind::Titles
            | ListKind::Cues
            | ListKind::SpeakerNouns
            | ListKind::Lexicon
            | ListKind::Rules
            | ListKind::PartyTags => None,
        }
    }

    /// The kind of the entries of an entity list.
    fn entity_kind(self) -> Option<Kind> {
        match self {
            ListKind::Countries => Some(Kind::Country),
            ListKind::Places => Some(Kind::Place),
            ListKind::People => Some(Kind::Person),
            ListKind::Groups => Some(Kind::Group),
            ListKind::GivenNames
            | ListKind::Titles
            | ListKind::Cues
            | ListKind::SpeakerNouns
            | ListKind::Lexicon
            | ListKind::Rules
            | ListKind::PartyTags => None,
        }
    }

    pub(crate) fn default_text(self) -> &'static str {
        match self {
            ListKind::Countries => include_str!("../gazetteers/countries.tsv"),
            ListKind::Places => include_str!("../gazetteers/places.tsv"),
            ListKind::People => include_str!("../gazetteers/people.tsv"),
            ListKind::Groups => include_str!("../gazetteers/groups.tsv"),
            ListKind::GivenNames => include_str!("../gazetteers/given_names.tsv"),
            ListKind::Titles => include_str!("../gazetteers/titles.tsv"),
            ListKind::Cues => include_str!("../gazetteers/cues.tsv"),
            ListKind::SpeakerNouns => include_str!("../gazetteers/speaker_nouns.tsv"),
            ListKind::Lexicon => include_str!("../gazetteers/lexicon.tsv"),
            ListKind::Rules => include_str!("../gazetteers/rules.tsv"),
            ListKind::PartyTags => include_str!("../gazetteers/party_tags.tsv"),
        }
    }
}

/// Limits that keep a user's list from running away with memory or time.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Limits {
    pub(crate) max_entries: usize,
    pub(crate) max_form_len: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits { max_entries: 2_000_000, max_form_len: 256 }
    }
}

/// A parsed list: its source label, header and cells, row after row.
pub(crate) struct Table<'a> {
    pub(crate) source: String,
    header: Vec<&'a str>,
    /// All cells, `header.len()` a row.
    cells: Vec<&'a str>,
    /// The 1-based line of each row.
    lines: Vec<usize>,
}

impl<'a> Table<'a> {
    pub(crate) fn col(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| *h == name)
    }

    /// The rows as (line, cells).
    pub(crate) fn rows(&self) -> impl Iterator<Item = (usize, &[&'a str])> + '_ {
        self.lines.iter().copied().zip(self.cells.chunks_exact(self.header.len().max(1)))
    }

    fn len(&self) -> usize {
        self.lines.len()
    }

    /// The cell of column `c` (a header position) in `cells`, or "".
    fn cell(cells: &[&'a str], c: Option<usize>) -> &'a str {
        c.and_then(|c| cells.get(c)).copied().unwrap_or("")
    }
}

fn split_multi(cell: &str) -> impl Iterator<Item = &str> {
    cell.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// Parses TSV text with a header row. Checks the header, cell counts,
/// padding and required cells.
pub(crate) fn parse_table<'a>(
    source: &str,
    text: &'a str,
    kind: ListKind,
    limits: &Limits,
) -> Result<Table<'a>, Error> {
    let (required, optional) = kind.columns();
    let required: Vec<&str> = required.split('\t').collect();
    let known: Vec<&str> = required.iter().copied().chain(optional.split('\t').filter(|c| !c.is_empty())).collect();
    let mut header: Option<Vec<&str>> = None;
    // Sized by the lines of the text (rows and cells are pushed a few
    // hundred thousand times for the default lists).
    let line_count = text.bytes().filter(|&b| b == b'\n').count() + 1;
    let mut all: Vec<&str> = Vec::new();
    let mut lines = Vec::with_capacity(line_count);
    // One look for a NUL byte in the whole text, not one a line.
    let has_nul = text.contains('\0');
    for (i, raw) in text.split('\n').enumerate() {
        let line = i + 1;
        let l = raw.strip_suffix('\r').unwrap_or(raw);
        let l = if i == 0 && l.starts_with('\u{FEFF}') {
            return Err(Error::data(
                source,
                line,
                "the list starts with a byte order mark (BOM); save it as UTF-8 without BOM",
            ));
        } else {
            l
        };
        if l.trim().is_empty() || l.starts_with('#') {
            continue;
        }
        if has_nul && l.contains('\0') {
            return Err(Error::data(source, line, "NUL byte in list"));
        }
        match &header {
            None => {
                let cells: Vec<&str> = l.split('\t').map(str::trim).collect();
                for req in &required {
                    if !cells.contains(req) {
                        let hint = if cells.len() == 1 && l.contains(',') {
                            " (cells are separated by tabs, not commas)"
                        } else {
                            ""
                        };
                        return Err(Error::data(
                            source,
                            line,
                            format!("header lacks the `{}` column (has: {}){}", req, cells.join(", "), hint),
                        ));
                    }
                }
                let mut seen = HashSet::new();
                for c in &cells {
                    if c.is_empty() || !seen.insert(*c) {
                        return Err(Error::data(source, line, format!("empty or repeated column name `{}`", c)));
                    }
                    if !known.contains(c) {
                        return Err(Error::data(
                            source,
                            line,
                            format!("unknown column `{}` (a {} list has: {})", c, kind.file_name(), known.join(", ")),
                        ));
                    }
                }
                all.reserve(line_count.saturating_sub(i) * cells.len());
                header = Some(cells);
            }
            Some(h) => {
                let before = all.len();
                for cell in cells_of(l) {
                    if padded(cell) {
                        let short: String = cell.chars().take(40).collect();
                        let more = if short.len() < cell.len() { "..." } else { "" };
                        return Err(Error::data(
                            source,
                            line,
                            format!("cell `{}{}` has spaces around it", short.escape_debug(), more),
                        ));
                    }
                    all.push(cell);
                }
                let n = all.len() - before;
                if n != h.len() {
                    return Err(Error::data(source, line, format!("{} cells, the header has {}", n, h.len())));
                }
                if lines.len() >= limits.max_entries {
                    return Err(Error::data(
                        source,
                        line,
                        format!("more than {} entries (the limit)", limits.max_entries),
                    ));
                }
                lines.push(line);
            }
        }
    }
    let header = header.ok_or_else(|| Error::data(source, 0, "no header row"))?;
    let table = Table { source: source.to_string(), header, cells: all, lines };
    for req in &required {
        let c = table.col(req);
        for (line, cells) in table.rows() {
            if Table::cell(cells, c).is_empty() {
                return Err(Error::data(source, line, format!("empty `{}`", req)));
            }
        }
    }
    Ok(table)
}

/// The tab-separated cells of line `l` (a tab is one byte: the cuts fall
/// on char boundaries).
fn cells_of(l: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(l);
    std::iter::from_fn(move || {
        let r = rest?;
        match r.bytes().position(|b| b == b'\t') {
            Some(t) => {
                rest = r.get(t + 1..);
                r.get(..t)
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

/// Whether `cell` starts or ends with white space. The first and last
/// bytes decide when they are ASCII (almost always); otherwise the cell is
/// trimmed (Unicode white space such as U+00A0).
fn padded(cell: &str) -> bool {
    match (cell.as_bytes().first(), cell.as_bytes().last()) {
        (Some(&a), Some(&z)) if a.is_ascii() && z.is_ascii() => {
            a.is_ascii_whitespace() || z.is_ascii_whitespace() || a == 0x0B || z == 0x0B
        }
        (None, _) | (_, None) => false,
        _ => cell.len() != cell.trim().len(),
    }
}

/// Reads a list file, checking its encoding.
pub(crate) fn read_list(path: &Path) -> Result<String, Error> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    String::from_utf8(bytes).map_err(|e| {
        let good = e.utf8_error().valid_up_to();
        let line = e.as_bytes()[..good].iter().filter(|&&b| b == b'\n').count() + 1;
        Error::data(&path.display().to_string(), line, format!("invalid UTF-8 at byte {}", good))
    })
}

/// How a surface form names its entry.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum FormRole {
    Name,
    Alias,
    Demonym,
}

/// A byte range of [`Lists::entry_text`].
type TextAt = (usize, usize);

/// A gazetteer entry: one real-world thing. Its strings are ranges of
/// one text the lists keep for all entries (no allocation per entry);
/// [`EntryRef`] reads them.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    key: TextAt,
    pub(crate) kind: Kind,
    name: TextAt,
    pub(crate) gender: Option<Gender>,
    /// The country the entry belongs to: a country's own id, or the
    /// `country` cell of a place, person or group.
    country: Option<TextAt>,
    /// The other cells, by column name: a range of
    /// [`Lists::entry_attrs`].
    attrs: TextAt,
    /// A place named only where a place is expected (`context` is `place`):
    /// a town whose name is also a word or a surname ("Midland", "Macon").
    pub(crate) place_context: bool,
}

/// An entry with the lists that hold its strings.
#[derive(Clone, Copy, Debug)]
pub(crate) struct EntryRef<'a> {
    entry: &'a Entry,
    lists: &'a Lists,
}

impl std::ops::Deref for EntryRef<'_> {
    type Target = Entry;

    fn deref(&self) -> &Entry {
        self.entry
    }
}

impl<'a> EntryRef<'a> {
    /// The entry's id (`IQ`, `person/...`).
    pub(crate) fn key(&self) -> &'a str {
        self.lists.text_at(self.entry.key)
    }

    /// The entry's name.
    pub(crate) fn name(&self) -> &'a str {
        self.lists.text_at(self.entry.name)
    }

    /// The country the entry belongs to.
    pub(crate) fn country(&self) -> Option<&'a str> {
        self.entry.country.map(|c| self.lists.text_at(c))
    }

    /// The other cells, by column name.
    pub(crate) fn attrs(&self) -> impl Iterator<Item = (&'static str, &'a str)> + 'a {
        let lists = self.lists;
        lists
            .entry_attrs
            .get(self.entry.attrs.0..self.entry.attrs.1)
            .unwrap_or(&[])
            .iter()
            .map(move |&(k, v)| (k, lists.text_at(v)))
    }
}

/// A given name from the lexicon.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub(crate) struct GivenName {
    pub(crate) gender: Option<Gender>,
    /// Also an ordinary word or place: needs more evidence.
    pub(crate) common: bool,
    /// The lists the name comes from (`ar|en`): an index into
    /// [`Lists::origins`].
    pub(crate) origin: u16,
}

named! {
    /// What a title says.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub(crate) enum TitleType {
        /// An office or function: "Prime Minister", "spokesman".
        Role,
        /// A military rank: "General", "Col.".
        Military,
        /// Says who, not what they do: "Mr.", "Dr.", "Sheikh".
        Honorific,
    }
}

/// A title or role.
#[derive(Clone, Debug)]
pub(crate) struct Title {
    pub(crate) gender: Option<Gender>,
    pub(crate) kind: TitleType,
}

impl Title {
    /// "Mr.", "Dr.", "Sheikh": says who, not what they do.
    pub(crate) fn honorific(&self) -> bool {
        self.kind == TitleType::Honorific
    }
}

named! {
    /// What may follow a reporting cue.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub(crate) enum Frame {
        /// A direct quote: "“...,” she said", "she said “...”".
        Quote,
        /// A colon, then what is said: "she said: ...".
        Colon,
        /// A that-clause: "said that S".
        That,
        /// A bare clause: "said the talks failed".
        Clause,
        /// A wh-clause: "explained why S".
        Wh,
        /// An infinitive of the speaker's own: "promised to Y".
        To,
        /// An object, then an infinitive: "urged X to Y".
        ObjTo,
        /// An addressee, then a that-clause: "told reporters that S".
        ObjThat,
        /// An addressee, then a clause without "that": "told reporters the
        /// talks failed".
        ObjClause,
        /// A noun-phrase object that is the content: "denied the report".
        Obj,
        /// An object, then "of" and the content: "accused X of Y".
        ObjOf,
        /// "of", then the content: "warned of a famine".
        Of,
        /// "called for Y".
        For,
        /// An object, then "as" and a quote: "described it as “...”".
        As,
        /// An object that is the source, not the content: "citing officials".
        Src,
    }
}

/// A set of frames.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct Frames(u16);

impl Frames {
    pub(crate) fn has(self, f: Frame) -> bool {
        self.0 & (1 << f as u16) != 0
    }

    fn insert(&mut self, f: Frame) {
        self.0 |= 1 << f as u16;
    }
}

named! {
    /// The form of a cue.
    #[derive(Clone, Copy, Debug, PartialEq, Eq)]
    pub(crate) enum Pos {
        /// The base form: "say".
        Base,
        /// The present: "says".
        Pres,
        /// The simple past (also the participle of most verbs): "said".
        Past,
        /// A past participle that differs from the past: "written".
        PastPart,
        /// The -ing form: "saying". It hangs off another clause.
        Ing,
        /// A preposition-like phrase the source follows: "according to".
        Prep,
        /// An adjective after a copula: "convinced", "hopeful".
        Adj,
        /// A noun: "statement".
        Noun,
    }
}

/// A reporting cue.
#[derive(Clone, Debug)]
pub(crate) struct CueEntry {
    pub(crate) lemma: String,
    pub(crate) class: CueClass,
    pub(crate) pos: Pos,
    pub(crate) frames: Frames,
}

/// A speaker noun.
#[derive(Clone, Debug)]
pub(crate) struct Noun {
    pub(crate) plural: bool,
    /// The noun is its own plural ("police", "staff"): "they" may stand for it.
    pub(crate) own_plural: bool,
    pub(crate) gender: Option<Gender>,
    pub(crate) kind: SpeakerKind,
}

/// One row of the rule table.
#[derive(Clone, Debug)]
pub(crate) struct RuleRow {
    pub(crate) id: String,
    pub(crate) table: String,
    pub(crate) confidence: f32,
    pub(crate) description: String,
    pub(crate) pattern: String,
    pub(crate) source: String,
    pub(crate) line: usize,
}

/// What one pattern of the automaton stands for.
#[derive(Clone, Copy, Debug)]
pub(crate) enum Payload {
    Entity { entry: u32, role: FormRole, ambiguous: bool },
    Title(u32),
    Cue(u32),
    Noun(u32),
}

/// A match of the automaton, checked for word boundaries and case.
#[derive(Clone, Debug)]
pub(crate) struct Hit {
    pub(crate) span: Span,
    pub(crate) pattern: u32,
    /// The case fits the entity forms too, not only a lexicon word's
    /// ("observer" is a speaker noun, not the newspaper "Observer").
    pub(crate) entity_case: bool,
}

/// A surface form on its way into the automaton.
#[derive(Clone, Debug)]
struct Form {
    /// Folded, in its case: a range of [`Lists::folds`].
    folded: (u32, u32),
    payload: Payload,
    source: u32,
    line: usize,
}

/// The list data, before compiling.
#[derive(Clone, Debug)]
pub(crate) struct Lists {
    pub(crate) fold: FoldTable,
    pub(crate) entries: Vec<Entry>,
    /// The strings of every entry, one after the other.
    entry_text: String,
    /// The attribute cells of every entry: column name and value.
    entry_attrs: Vec<(&'static str, TextAt)>,
    /// Every pattern, folded once.
    forms: Vec<Form>,
    /// The folded text of every form, one after the other (no allocation
    /// per form).
    folds: String,
    /// The labels of the lists read, for errors.
    sources: Vec<String>,
    pub(crate) given: FastMap<String, GivenName>,
    /// The distinct `origin` cells of the given names.
    pub(crate) origins: Vec<String>,
    pub(crate) titles: Vec<Title>,
    pub(crate) cues: Vec<CueEntry>,
    pub(crate) nouns: Vec<Noun>,
    /// Shared by the lists read side by side (only the lexicon changes it,
    /// and the lexicon is read first).
    pub(crate) words: Arc<Words>,
    pub(crate) rules: Vec<RuleRow>,
    /// The party tags, sorted by tag once compiled.
    pub(crate) party_tags: Vec<PartyTag>,
    /// Every entry id, by the hash of the id: the first entry with that
    /// hash (the others follow in `key_next`), to find duplicates without a
    /// copy of each id.
    keys: FastMap<u64, u32>,
    /// Per entry: the next entry whose id has the same hash, or `u32::MAX`;
    /// and where the entry is (source, line).
    key_next: Vec<u32>,
    /// (and the hash of its id).
    key_at: Vec<(u32, usize, u64)>,
}

/// The column name `h` of a list of `kind`, as the crate writes it (the
/// header holds known columns only).
fn column_name(kind: ListKind, h: &str) -> &'static str {
    let (required, optional) = kind.columns();
    required.split('\t').chain(optional.split('\t')).find(|c| *c == h).unwrap_or("")
}

/// Strips a leading definite article: "The Times of Israel" is matched as
/// "Times of Israel".
fn strip_article<'s>(words: &Words, s: &'s str) -> &'s str {
    match s.split_once(' ') {
        Some((first, rest)) if first.len() < 8 => {
            // Lower-cased on the stack: no allocation per name.
            let mut buf = [0u8; 8];
            buf[..first.len()].copy_from_slice(first.as_bytes());
            buf[..first.len()].make_ascii_lowercase();
            match std::str::from_utf8(&buf[..first.len()]) {
                Ok(low) if words.classes(low).has(Class::Definite) => rest,
                _ => s,
            }
        }
        _ => s,
    }
}

/// Whether an id of the countries list is an ISO 3166 code: two capitals
/// (ISO 3166-1, "IQ"), four (a former country, ISO 3166-3, "CSXX"), two, a
/// hyphen and one to three capitals or digits (a subdivision, ISO 3166-2,
/// "GB-SCT"), or the user-assigned `XH-` and a name for a former state that
/// has no code ("XH-OTTOMAN-EMPIRE").
pub(crate) fn iso_code(s: &str) -> bool {
    let b = s.as_bytes();
    let caps = |x: &[u8]| !x.is_empty() && x.iter().all(u8::is_ascii_uppercase);
    let code = |x: &[u8]| x.iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit());
    match b.len() {
        2 | 4 => caps(b),
        _ if b.len() >= 4 && b[2] == b'-' && caps(&b[..2]) => {
            let rest = &b[3..];
            (rest.len() <= 3 && code(rest))
                || (&b[..2] == b"XH"
                    && rest.len() <= 60
                    && rest.iter().all(|c| c.is_ascii_uppercase() || c.is_ascii_digit() || *c == b'-'))
        }
        _ => false,
    }
}

/// Word classes that no name may be alone: "the", "and", "of".
fn function_word(c: ClassSet) -> bool {
    [
        Class::Definite,
        Class::Indefinite,
        Class::Coordinator,
        Class::Preposition,
        Class::Relative,
        Class::Aux,
        Class::PronounMale,
        Class::PronounFemale,
        Class::PronounPlural,
        Class::PronounNeuter,
    ]
    .into_iter()
    .any(|k| c.has(k))
}

impl Lists {
    pub(crate) fn new(fold: FoldTable) -> Lists {
        Lists {
            fold,
            entries: Vec::new(),
            entry_text: String::new(),
            entry_attrs: Vec::new(),
            forms: Vec::new(),
            sources: Vec::new(),
            given: FastMap::default(),
            origins: Vec::new(),
            titles: Vec::new(),
            cues: Vec::new(),
            nouns: Vec::new(),
            words: Arc::default(),
            rules: Vec::new(),
            party_tags: Vec::new(),
            keys: FastMap::default(),
            key_next: Vec::new(),
            key_at: Vec::new(),
            folds: String::new(),
        }
    }

    /// Empty lists that share this one's folding table and lexicon: one
    /// list is read into each, side by side, then [`Lists::append`]ed.
    pub(crate) fn empty_like(&self) -> Lists {
        Lists { words: Arc::clone(&self.words), ..Lists::new(self.fold.clone()) }
    }

    /// Appends the lists read into `other` (made by [`Lists::empty_like`])
    /// as if they had been added here: an id already here is a duplicate.
    pub(crate) fn append(&mut self, other: Lists) -> Result<(), Error> {
        let (e0, t0, c0, n0) = (self.entries.len(), self.titles.len(), self.cues.len(), self.nouns.len());
        let (s0, f0) = (self.sources.len() as u32, self.folds.len() as u32);
        self.entries.reserve(other.entries.len());
        self.key_next.reserve(other.entries.len());
        self.key_at.reserve(other.entries.len());
        self.keys.reserve(other.entries.len());
        self.forms.reserve(other.forms.len());
        // The other's strings and attributes follow this one's: its ranges
        // move by their lengths.
        let (x0, a0) = (self.entry_text.len(), self.entry_attrs.len());
        let moved = |(a, z): TextAt, by: usize| (a + by, z + by);
        self.entry_text.push_str(&other.entry_text);
        self.entry_attrs.extend(other.entry_attrs.iter().map(|&(k, v)| (k, moved(v, x0))));
        for (entry, &(src, line, hash)) in other.entries.iter().zip(&other.key_at) {
            let label = other.sources.get(src as usize).map_or("", String::as_str);
            self.check_new_id(other.text_at(entry.key), hash, label, line)?;
            let id = self.entries.len() as u32;
            self.key_next.push(self.keys.insert(hash, id).unwrap_or(u32::MAX));
            self.key_at.push((src + s0, line, hash));
            self.entries.push(Entry {
                key: moved(entry.key, x0),
                name: moved(entry.name, x0),
                country: entry.country.map(|c| moved(c, x0)),
                attrs: moved(entry.attrs, a0),
                ..*entry
            });
        }
        self.sources.extend(other.sources);
        self.folds.push_str(&other.folds);
        self.forms.extend(other.forms.into_iter().map(|f| Form {
            folded: (f.folded.0 + f0, f.folded.1 + f0),
            payload: match f.payload {
                Payload::Entity { entry, role, ambiguous } => {
                    Payload::Entity { entry: entry + e0 as u32, role, ambiguous }
                }
                Payload::Title(i) => Payload::Title(i + t0 as u32),
                Payload::Cue(i) => Payload::Cue(i + c0 as u32),
                Payload::Noun(i) => Payload::Noun(i + n0 as u32),
            },
            source: f.source + s0,
            line: f.line,
        }));
        if self.given.is_empty() {
            self.given = other.given;
            self.origins = other.origins;
        } else {
            // The origins of `other`, as indices of this one's.
            let mut at: FastMap<&str, u16> =
                self.origins.iter().enumerate().map(|(i, o)| (o.as_str(), i as u16)).collect();
            let mut new = Vec::new();
            let mut remap = Vec::with_capacity(other.origins.len());
            for o in &other.origins {
                let i = match at.get(o.as_str()) {
                    Some(&i) => i,
                    None if self.origins.len() + new.len() < u16::MAX as usize => {
                        let i = (self.origins.len() + new.len()) as u16;
                        new.push(o.clone());
                        at.insert(o, i);
                        i
                    }
                    None => return Err(Error::build("the given-name lists have more than 65,535 distinct origins")),
                };
                remap.push(i);
            }
            drop(at);
            self.origins.extend(new);
            self.given.extend(other.given.into_iter().map(|(k, mut g)| {
                g.origin = remap.get(g.origin as usize).copied().unwrap_or(0);
                (k, g)
            }));
        }
        self.titles.extend(other.titles);
        self.cues.extend(other.cues);
        self.nouns.extend(other.nouns);
        self.rules.extend(other.rules);
        self.party_tags.extend(other.party_tags.into_iter().map(|t| t.moved(s0)));
        Ok(())
    }

    /// Adds one parsed list.
    pub(crate) fn add(&mut self, kind: ListKind, t: &Table<'_>, limits: &Limits) -> Result<(), Error> {
        match kind {
            ListKind::Countries | ListKind::Places | ListKind::People | ListKind::Groups => {
                self.add_entities(kind, t, limits)
            }
            ListKind::GivenNames => {
                let (n, g, c, o) = (t.col("name"), t.col("gender"), t.col("common_word"), t.col("origin"));
                self.given.reserve(t.len());
                let mut origins: FastMap<&str, u16> = FastMap::default();
                for (line, cells) in t.rows() {
                    let cell = Table::cell(cells, o);
                    let origin = match origins.get(cell) {
                        Some(&i) => i,
                        None if self.origins.len() < u16::MAX as usize => {
                            self.origins.push(cell.to_string());
                            origins.insert(cell, (self.origins.len() - 1) as u16);
                            (self.origins.len() - 1) as u16
                        }
                        None => return Err(Error::data(&t.source, line, "more than 65,535 distinct origins")),
                    };
                    let name = Table::cell(cells, n);
                    let gender = gender_cell(&t.source, line, Table::cell(cells, g))?;
                    let common = match Table::cell(cells, c) {
                        "" | "0" => false,
                        "1" => true,
                        other => {
                            return Err(Error::data(&t.source, line, format!("common_word is 0 or 1, not `{}`", other)))
                        }
                    };
                    self.given.insert(self.fold.key(name), GivenName { gender, common, origin });
                }
                Ok(())
            }
            ListKind::Titles => {
                let (ti, g, ty) = (t.col("title"), t.col("gender"), t.col("type"));
                for (line, cells) in t.rows() {
                    let title = Table::cell(cells, ti);
                    let kind = match Table::cell(cells, ty) {
                        "" => TitleType::Role,
                        x => TitleType::from_name(x).ok_or_else(|| {
                            Error::data(
                                &t.source,
                                line,
                                format!("unknown title type `{}` (role, military or honorific)", x),
                            )
                        })?,
                    };
                    let i = self.titles.len() as u32;
                    self.titles.push(Title { gender: gender_cell(&t.source, line, Table::cell(cells, g))?, kind });
                    self.push_form(title, Payload::Title(i), &t.source, line, limits)?;
                }
                Ok(())
            }
            ListKind::Cues => self.add_cues(t, limits),
            ListKind::PartyTags => self.add_party_tags(t, limits),
            ListKind::SpeakerNouns => {
                let (n, pl, g, ty) = (t.col("noun"), t.col("plural"), t.col("gender"), t.col("type"));
                for (line, cells) in t.rows() {
                    let noun = Table::cell(cells, n);
                    let gender = gender_cell(&t.source, line, Table::cell(cells, g))?;
                    let kind = match Table::cell(cells, ty) {
                        "" => SpeakerKind::Person,
                        x => SpeakerKind::from_name(x).ok_or_else(|| {
                            Error::data(
                                &t.source,
                                line,
                                format!("unknown speaker noun type `{}` (person, document, outlet or group)", x),
                            )
                        })?,
                    };
                    let i = self.nouns.len() as u32;
                    let own_plural = split_multi(Table::cell(cells, pl)).any(|p| p == noun);
                    self.nouns.push(Noun { plural: false, own_plural, gender, kind });
                    self.push_form(noun, Payload::Noun(i), &t.source, line, limits)?;
                    for plural in split_multi(Table::cell(cells, pl)).filter(|p| *p != noun) {
                        let i = self.nouns.len() as u32;
                        self.nouns.push(Noun { plural: true, own_plural: false, gender, kind });
                        self.push_form(plural, Payload::Noun(i), &t.source, line, limits)?;
                    }
                }
                Ok(())
            }
            ListKind::Lexicon => {
                let (w, c) = (t.col("word"), t.col("class"));
                // The rows come grouped by class: a name is looked up once
                // a run (`class_of` compares it with every class's name).
                let mut last: Option<(&str, Class)> = None;
                for (line, cells) in t.rows() {
                    let cell = Table::cell(cells, c);
                    let class = match last {
                        Some((name, class)) if name == cell => class,
                        _ => class_of(&t.source, line, cell)?,
                    };
                    last = Some((cell, class));
                    let word = Table::cell(cells, w);
                    if word.len() > limits.max_form_len {
                        return Err(Error::data(&t.source, line, format!("a word of {} bytes", word.len())));
                    }
                    Arc::make_mut(&mut self.words).add(word, class, &self.fold);
                }
                Ok(())
            }
            ListKind::Rules => {
                let col = |n: &str| t.col(n);
                let (id, table, conf, desc, pat) =
                    (col("id"), col("table"), col("confidence"), col("description"), col("pattern"));
                for (line, cells) in t.rows() {
                    let c = Table::cell(cells, conf);
                    let confidence = c.parse::<f32>().ok().filter(|x| (0.0..=1.0).contains(x)).ok_or_else(|| {
                        Error::data(&t.source, line, format!("confidence `{}` is no number from 0 to 1", c))
                    })?;
                    self.rules.push(RuleRow {
                        id: Table::cell(cells, id).to_string(),
                        table: Table::cell(cells, table).to_string(),
                        confidence,
                        description: Table::cell(cells, desc).to_string(),
                        pattern: Table::cell(cells, pat).to_string(),
                        source: t.source.clone(),
                        line,
                    });
                }
                Ok(())
            }
        }
    }

    fn add_cues(&mut self, t: &Table<'_>, limits: &Limits) -> Result<(), Error> {
        let col = |n: &str| t.col(n);
        let (fo, le, cl, po, fr) = (col("form"), col("lemma"), col("class"), col("pos"), col("frames"));
        for (line, cells) in t.rows() {
            let form = Table::cell(cells, fo);
            let bad = |what: &str, x: &str| Error::data(&t.source, line, format!("unknown {} `{}`", what, x));
            let mut frames = Frames::default();
            for f in split_multi(Table::cell(cells, fr)) {
                frames.insert(Frame::from_name(f).ok_or_else(|| bad("frame", f))?);
            }
            if frames == Frames::default() {
                frames.insert(Frame::Quote);
                frames.insert(Frame::That);
            }
            let class = match Table::cell(cells, cl) {
                "" => CueClass::Speech,
                x => CueClass::from_name(x).ok_or_else(|| bad("cue class", x))?,
            };
            let pos = match Table::cell(cells, po) {
                "" => Pos::Past,
                x => Pos::from_name(x).ok_or_else(|| bad("part of speech", x))?,
            };
            let lemma = Table::cell(cells, le);
            let i = self.cues.len() as u32;
            self.cues.push(CueEntry {
                lemma: if lemma.is_empty() { form } else { lemma }.to_string(),
                class,
                pos,
                frames,
            });
            self.push_form(form, Payload::Cue(i), &t.source, line, limits)?;
        }
        Ok(())
    }

    fn push_form(&mut self, form: &str, p: Payload, source: &str, line: usize, limits: &Limits) -> Result<(), Error> {
        let start = self.folds.len();
        self.fold.fold_into(form, &mut self.folds);
        self.push_folded(form, start, p, source, line, limits)
    }

    /// Adds a pattern whose folded form is already at the end of `folds`,
    /// from `start`.
    fn push_folded(
        &mut self,
        form: &str,
        start: usize,
        p: Payload,
        source: &str,
        line: usize,
        limits: &Limits,
    ) -> Result<(), Error> {
        if form.len() > limits.max_form_len {
            return Err(Error::data(
                source,
                line,
                format!("a name of {} bytes (the limit is {})", form.len(), limits.max_form_len),
            ));
        }
        if self.folds[start..].trim().is_empty() {
            return Err(Error::data(source, line, format!("the name `{}` is empty once normalised", form)));
        }
        let source = self.source_id(source);
        self.forms.push(Form { folded: (start as u32, self.folds.len() as u32), payload: p, source, line });
        Ok(())
    }

    /// The entry whose id is `key`, if there is one.
    fn entry_with_key(&self, key: &str) -> Option<usize> {
        self.entry_with_hash(key, lower_hash(key))
    }

    /// An error if id `key` (whose [`lower_hash`] is `hash`), found at
    /// `label:line`, is an entry's already.
    fn check_new_id(&self, key: &str, hash: u64, label: &str, line: usize) -> Result<(), Error> {
        match self.entry_with_hash(key, hash).and_then(|i| self.key_at.get(i)) {
            Some(&(src, l, _)) => {
                let first = self.sources.get(src as usize).map_or("", String::as_str);
                Err(Error::data(label, line, format!("duplicate id `{}` (first at {}:{})", key, first, l)))
            }
            None => Ok(()),
        }
    }

    /// Appends `s` to the entries' text: its range there.
    fn push_text(&mut self, s: &str) -> TextAt {
        let a = self.entry_text.len();
        self.entry_text.push_str(s);
        (a, self.entry_text.len())
    }

    /// The entries' text at `at`.
    fn text_at(&self, (a, z): TextAt) -> &str {
        self.entry_text.get(a..z).unwrap_or("")
    }

    /// The entry whose id is `key`, whose [`lower_hash`] is `hash`.
    fn entry_with_hash(&self, key: &str, hash: u64) -> Option<usize> {
        let mut at = self.keys.get(&hash).copied();
        while let Some(i) = at {
            if self.entries.get(i as usize).is_some_and(|e| self.text_at(e.key) == key) {
                return Some(i as usize);
            }
            at = self.key_next.get(i as usize).copied().filter(|&n| n != u32::MAX);
        }
        None
    }

    /// The index of a list label in `sources`.
    fn source_id(&mut self, source: &str) -> u32 {
        if self.sources.last().is_none_or(|s| s != source) {
            self.sources.push(source.to_string());
        }
        (self.sources.len() - 1) as u32
    }

    fn add_entities(&mut self, kind: ListKind, t: &Table<'_>, limits: &Limits) -> Result<(), Error> {
        let Some(ekind) = kind.entity_kind() else { return Ok(()) };
        let col = |n: &str| t.col(n);
        let (id_c, name_c) = (col("id"), col("name"));
        let (alias_c, dem_c, amb_c, gender_c, country_c) =
            (col("aliases"), col("demonyms"), col("ambiguous"), col("gender"), col("country"));
        let context_c = col("context");
        let skip: Vec<Option<usize>> = vec![id_c, name_c, alias_c, dem_c, amb_c, gender_c, context_c];
        // The other columns, which become attributes: once per list.
        let attr_cols: Vec<(usize, &'static str)> = (0..t.header.len())
            .filter(|i| !skip.contains(&Some(*i)))
            .map(|i| (i, column_name(kind, t.header[i])))
            .collect();
        let mut seen = RowKeys::default();
        let mut k = String::new();
        for (line, cells) in t.rows() {
            let key = Table::cell(cells, id_c);
            let bad_id = match kind.id_prefix() {
                Some(p) => !key.starts_with(p) || key.len() == p.len(),
                None => !iso_code(key),
            };
            if bad_id {
                let want = kind.id_prefix().map_or_else(|| "an ISO 3166 code".to_string(), |p| format!("`{}...`", p));
                return Err(Error::data(&t.source, line, format!("id `{}` is not {}", key, want)));
            }
            let hash = lower_hash(key);
            self.check_new_id(key, hash, &t.source, line)?;
            let src = self.source_id(&t.source);
            let entry = self.entries.len() as u32;
            self.key_next.push(self.keys.insert(hash, entry).unwrap_or(u32::MAX));
            self.key_at.push((src, line, hash));
            let name = Table::cell(cells, name_c);
            let country = match Table::cell(cells, country_c) {
                "" if ekind == Kind::Country => Some(key),
                "" => None,
                c if iso_code(c) => Some(c),
                c => {
                    return Err(Error::data(&t.source, line, format!("country `{}` is not an ISO 3166 code", c)));
                }
            };
            let ambiguous = Ambiguous::new(
                split_multi(Table::cell(cells, amb_c)).map(|a| self.fold.key(strip_article(&self.words, a))),
            );
            let attrs_from = self.entry_attrs.len();
            for &(i, h) in &attr_cols {
                let v = Table::cell(cells, Some(i));
                if !v.is_empty() {
                    let at = self.push_text(v);
                    self.entry_attrs.push((h, at));
                }
            }
            let attrs = (attrs_from, self.entry_attrs.len());
            let place_context = match Table::cell(cells, context_c) {
                "" => false,
                "place" => true,
                x => {
                    return Err(Error::data(&t.source, line, format!("unknown context `{}` (place or empty)", x)));
                }
            };
            let gender = gender_cell(&t.source, line, Table::cell(cells, gender_c))?;
            let key_at = self.push_text(key);
            // A country's own country is its id: the same text.
            let country = match country {
                Some(c) if c == key => Some(key_at),
                Some(c) => Some(self.push_text(c)),
                None => None,
            };
            let name_at = self.push_text(name);
            self.entries.push(Entry { key: key_at, kind: ekind, name: name_at, gender, country, attrs, place_context });
            seen.clear();
            let forms = std::iter::once((name, FormRole::Name))
                .chain(split_multi(Table::cell(cells, alias_c)).map(|a| (a, FormRole::Alias)))
                .chain(split_multi(Table::cell(cells, dem_c)).map(|a| (a, FormRole::Demonym)));
            for (form, role) in forms {
                let form = strip_article(&self.words, form);
                let start = self.folds.len();
                self.fold.fold_into(form, &mut self.folds);
                k.clear();
                k.push_str(&self.folds[start..]);
                if k.is_ascii() {
                    k.make_ascii_lowercase();
                } else {
                    k = k.to_lowercase();
                }
                if seen.contains(&k) {
                    self.folds.truncate(start);
                    continue;
                }
                // "the", "and": no name; an acronym ("WHO") may be one.
                let acronym =
                    form.chars().filter(|c| c.is_alphabetic()).count() > 1 && !form.chars().any(char::is_lowercase);
                if !k.contains(' ') && !acronym && function_word(self.words.classes(&k)) {
                    return Err(Error::data(
                        &t.source,
                        line,
                        format!("`{}` is a common function word, not a name", form),
                    ));
                }
                let p = Payload::Entity { entry, role, ambiguous: ambiguous.contains(&k) };
                seen.insert(&k);
                self.push_folded(form, start, p, &t.source, line, limits)?;
            }
        }
        Ok(())
    }

    /// Compiles the lists into a matcher. A surface form shared by entries of
    /// different kinds must be marked ambiguous in both.
    pub(crate) fn compile(mut self) -> Result<Gazetteer, Error> {
        self.link_party_tags()?;
        let forms = std::mem::take(&mut self.forms);
        let folds = std::mem::take(&mut self.folds);
        // The ids were needed to find duplicates only.
        self.keys = FastMap::default();
        self.key_next = Vec::new();
        self.key_at = Vec::new();
        // Appended list by list: no room kept for more.
        self.entries.shrink_to_fit();
        self.entry_text.shrink_to_fit();
        self.entry_attrs.shrink_to_fit();
        self.given.shrink_to_fit();
        let folded = |f: &Form| folds.get(f.folded.0 as usize..f.folded.1 as usize).unwrap_or("");
        // Forms are one pattern when they are one in lower case: found by
        // the hash of their lower case, then compared (no lower-case copy).
        let mut heads: FastMap<u64, u32> = FastMap::default();
        heads.reserve(forms.len());
        let mut next: Vec<u32> = Vec::with_capacity(forms.len());
        // The patterns: each the first form of its lower case, in its case.
        let mut patterns = Strs::default();
        let mut ids: Vec<u32> = Vec::with_capacity(forms.len());
        // Per pattern: the first entity form's kind, ambiguity and place.
        let mut first: Vec<Option<(Kind, bool, u32, usize)>> = Vec::with_capacity(forms.len());
        // The other spellings in case of a pattern ("Zanu-PF" beside "ZANU-PF").
        let mut cased: FastMap<u32, Vec<String>> = FastMap::default();
        for f in &forms {
            let form = folded(f);
            let h = lower_hash(form);
            let mut at = heads.get(&h).copied();
            while let Some(id) = at.filter(|&id| !patterns.get(id).eq_ignore_ascii_case(form)) {
                at = next.get(id as usize).copied().filter(|&n| n != u32::MAX);
            }
            let id = match at {
                Some(id) => {
                    let seen = patterns.get(id) == form || cased.get(&id).is_some_and(|v| v.iter().any(|c| c == form));
                    if !seen && matches!(f.payload, Payload::Entity { .. }) {
                        cased.entry(id).or_default().push(form.to_string());
                    }
                    id as usize
                }
                None => {
                    let id = patterns.len() as u32;
                    next.push(heads.insert(h, id).unwrap_or(u32::MAX));
                    patterns.push(form);
                    first.push(None);
                    id as usize
                }
            };
            ids.push(id as u32);
            let Payload::Entity { entry, role, ambiguous } = f.payload else { continue };
            let kind = if role == FormRole::Demonym { Kind::Nationality } else { self.entries[entry as usize].kind };
            match first[id] {
                Some((k0, amb0, s0, l0)) if k0 != kind && !(amb0 && ambiguous) => {
                    return Err(Error::data(
                        &self.sources[f.source as usize],
                        f.line,
                        format!(
                            "`{}` is a {} here and a {} at {}:{}; mark it ambiguous in both",
                            patterns.get(id as u32),
                            kind.as_str(),
                            k0.as_str(),
                            self.sources[s0 as usize],
                            l0
                        ),
                    ));
                }
                Some(_) => {}
                None => first[id] = Some((kind, ambiguous, f.source, f.line)),
            }
        }
        drop(heads);
        let matcher = Matcher::new(&(0..patterns.len() as u32).map(|i| patterns.get(i).as_bytes()).collect::<Vec<_>>())
            .map_err(Error::build)?;
        // One flat list: per pattern, the lexicon words first, then the
        // entity forms, each in list order; and what the entity forms say
        // together, so that a form many entries share costs one look.
        let n = patterns.len();
        let entity = |p: &Payload| matches!(p, Payload::Entity { .. });
        let (mut lexical, mut entities) = (vec![0u32; n], vec![0u32; n]);
        for (f, &id) in forms.iter().zip(&ids) {
            if entity(&f.payload) {
                entities[id as usize] += 1;
            } else {
                lexical[id as usize] += 1;
            }
        }
        let mut starts: Vec<u32> = Vec::with_capacity(n + 1);
        let mut splits: Vec<u32> = Vec::with_capacity(n);
        let mut total = 0u32;
        for i in 0..n {
            starts.push(total);
            splits.push(total + lexical[i]);
            total += lexical[i] + entities[i];
        }
        starts.push(total);
        // Where the next lexicon word and the next entity form of each
        // pattern go.
        let (mut lex_at, mut ent_at) = (starts[..n].to_vec(), splits.clone());
        let mut flat = vec![Payload::Title(0); total as usize];
        for (f, &id) in forms.iter().zip(&ids) {
            let cursor = if entity(&f.payload) { &mut ent_at[id as usize] } else { &mut lex_at[id as usize] };
            flat[*cursor as usize] = f.payload;
            *cursor += 1;
        }
        drop(forms);
        let sums = (0..n).map(|i| self.entity_sum(&flat[splits[i] as usize..starts[i + 1] as usize])).collect();
        Ok(Gazetteer { lists: self, matcher, patterns, payloads: flat, starts, splits, sums, cased })
    }

    /// What the entity forms of one pattern say together.
    fn entity_sum(&self, ps: &[Payload]) -> EntitySum {
        let mut sum = EntitySum::default();
        for p in ps {
            let Payload::Entity { entry, role, ambiguous } = *p else { continue };
            let ekind = self.entries.get(entry as usize).map_or(Kind::Person, |e| e.kind);
            let kind = if role == FormRole::Demonym { Kind::Nationality } else { ekind };
            sum.kind = Some(match sum.kind {
                None => (kind, ambiguous),
                Some((k, amb)) => (if k == Kind::Person { kind } else { k }, amb || ambiguous),
            });
            sum.person_name |= matches!(role, FormRole::Name | FormRole::Alias) && ekind == Kind::Person;
            sum.place_context |= self.entries.get(entry as usize).is_some_and(|e| e.place_context);
        }
        sum
    }
}

/// What the entity forms of one pattern say together.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct EntitySum {
    /// The kind of the first form (a later form's, when the first is a
    /// person), and whether any form is ambiguous.
    pub(crate) kind: Option<(Kind, bool)>,
    /// Whether it is the name or an alias of a listed person.
    pub(crate) person_name: bool,
    /// Whether an entry it names is named only in place context.
    pub(crate) place_context: bool,
}

/// The FNV-1a hash of `s` in ASCII lower case.
fn lower_hash(s: &str) -> u64 {
    s.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| (h ^ u64::from(b.to_ascii_lowercase())).wrapping_mul(0x0100_0000_01b3))
}

/// The lower-case keys of one row's forms, to skip repeats: in one buffer
/// while few, in a set when many (a row of thousands of aliases).
#[derive(Default)]
struct RowKeys {
    buf: String,
    ranges: Vec<(usize, usize)>,
    many: HashSet<String>,
}

impl RowKeys {
    fn clear(&mut self) {
        self.buf.clear();
        self.ranges.clear();
        self.many.clear();
    }

    fn contains(&self, k: &str) -> bool {
        if self.many.is_empty() {
            self.ranges.iter().any(|&(a, b)| &self.buf[a..b] == k)
        } else {
            self.many.contains(k)
        }
    }

    fn insert(&mut self, k: &str) {
        if self.many.is_empty() && self.ranges.len() < 32 {
            self.buf.push_str(k);
            self.ranges.push((self.buf.len() - k.len(), self.buf.len()));
            return;
        }
        if self.many.is_empty() {
            for &(a, b) in &self.ranges {
                self.many.insert(self.buf[a..b].to_string());
            }
        }
        self.many.insert(k.to_string());
    }
}

/// The forms a row marks ambiguous: a list while few, a set when many (a
/// row of thousands of aliases stays linear).
enum Ambiguous {
    Few(Vec<String>),
    Many(HashSet<String>),
}

impl Ambiguous {
    fn new(keys: impl Iterator<Item = String>) -> Ambiguous {
        let v: Vec<String> = keys.collect();
        if v.len() <= 16 {
            Ambiguous::Few(v)
        } else {
            Ambiguous::Many(v.into_iter().collect())
        }
    }

    fn contains(&self, k: &str) -> bool {
        match self {
            Ambiguous::Few(v) => v.iter().any(|x| x == k),
            Ambiguous::Many(s) => s.contains(k),
        }
    }
}

/// Reads a gender cell.
fn gender_cell(source: &str, line: usize, cell: &str) -> Result<Option<Gender>, Error> {
    Gender::from_cell(cell)
        .map_err(|()| Error::data(source, line, format!("unknown gender `{}` (m, f, u or empty)", cell)))
}

/// Strings kept in one buffer: no allocation (and its header) per string.
#[derive(Debug, Default)]
pub(crate) struct Strs {
    buf: String,
    /// Where each string ends in `buf`.
    ends: Vec<u32>,
}

impl Strs {
    /// Adds `s` as the next string.
    pub(crate) fn push(&mut self, s: &str) {
        self.buf.push_str(s);
        self.ends.push(self.buf.len() as u32);
    }

    /// String `i`, or "" past the end.
    pub(crate) fn get(&self, i: u32) -> &str {
        let i = i as usize;
        let start = i.checked_sub(1).and_then(|p| self.ends.get(p)).copied().unwrap_or(0) as usize;
        let end = self.ends.get(i).copied().unwrap_or(0) as usize;
        self.buf.get(start..end.max(start)).unwrap_or("")
    }

    /// The number of strings.
    pub(crate) fn len(&self) -> usize {
        self.ends.len()
    }
}

/// The most hits kept that start at one place (the longest): running text
/// has three at most ("Lt.", "Lt. Gov.", "Lt. Gov. Burt Jessup").
pub(crate) const MAX_HITS_AT: usize = 4;

/// Once a text holds one hit per this many bytes, only the longest hit at
/// each place is kept.
pub(crate) const HIT_BUDGET: usize = 2;

/// Compiled lists: the automaton and the lexicons.
#[derive(Debug)]
pub(crate) struct Gazetteer {
    pub(crate) lists: Lists,
    matcher: Matcher,
    patterns: Strs,
    /// Every pattern's payloads: those of pattern `i` are
    /// `starts[i]..starts[i + 1]`, the lexicon words before `splits[i]`,
    /// the entity forms from there.
    payloads: Vec<Payload>,
    starts: Vec<u32>,
    splits: Vec<u32>,
    sums: Vec<EntitySum>,
    /// For a pattern whose lists write it in several cases, the others.
    cased: FastMap<u32, Vec<String>>,
}

impl Gazetteer {
    /// Pattern `pattern` of the automaton, folded, in its case.
    pub(crate) fn pattern(&self, pattern: u32) -> &str {
        self.patterns.get(pattern)
    }

    /// Every pattern of the automaton, folded, in its case.
    #[cfg(feature = "bench-internals")]
    pub(crate) fn patterns(&self) -> Vec<&str> {
        (0..self.patterns.len() as u32).map(|i| self.patterns.get(i)).collect()
    }

    /// What pattern `pattern` stands for: its lexicon words, then its
    /// entity forms.
    pub(crate) fn payloads(&self, pattern: u32) -> &[Payload] {
        let i = pattern as usize;
        match (self.starts.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.payloads[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The lexicon words (titles, cues, speaker nouns) pattern `pattern` is.
    pub(crate) fn lexical(&self, pattern: u32) -> &[Payload] {
        let i = pattern as usize;
        match (self.starts.get(i), self.splits.get(i)) {
            (Some(&a), Some(&b)) => &self.payloads[a as usize..b as usize],
            _ => &[],
        }
    }

    /// The entity forms pattern `pattern` is.
    pub(crate) fn entities(&self, pattern: u32) -> &[Payload] {
        let i = pattern as usize;
        match (self.splits.get(i), self.starts.get(i + 1)) {
            (Some(&a), Some(&b)) => &self.payloads[a as usize..b as usize],
            _ => &[],
        }
    }

    /// What the entity forms of pattern `pattern` say together.
    pub(crate) fn entity_sum(&self, pattern: u32) -> EntitySum {
        self.sums.get(pattern as usize).copied().unwrap_or_default()
    }

    /// The entry of an index.
    pub(crate) fn entry(&self, entry: u32) -> EntryRef<'_> {
        EntryRef { entry: &self.lists.entries[entry as usize], lists: &self.lists }
    }

    /// The entry of an index, if there is one.
    pub(crate) fn get_entry(&self, entry: u32) -> Option<EntryRef<'_>> {
        Some(EntryRef { entry: self.lists.entries.get(entry as usize)?, lists: &self.lists })
    }

    /// The kind a form of `entry` in role `role` names.
    pub(crate) fn form_kind(&self, entry: u32, role: FormRole) -> Kind {
        if role == FormRole::Demonym {
            Kind::Nationality
        } else {
            self.entry(entry).kind
        }
    }

    /// Runs the automaton, anchored, from every char of `folded` that follows no letter
    /// or digit and hands `found` every hit that ends on a word boundary and
    /// whose case fits its pattern, sorted by start, longest first; returns
    /// how many hits it dropped to stay linear: beyond the [`MAX_HITS_AT`]
    /// longest at one place, or beyond the longest once the text holds one
    /// hit per [`HIT_BUDGET`] bytes (never so in running text: nested list
    /// forms over "Al Al Al ...").
    pub(crate) fn find(&self, folded: &Folded, mut found: impl FnMut(Hit)) -> usize {
        let text = folded.text.as_str();
        let bytes = text.as_bytes();
        // The hits of one place, then handed on.
        let mut hits: Vec<Hit> = Vec::new();
        let mut total = 0;
        let budget = text.len() / HIT_BUDGET + 64;
        let mut dropped = 0;
        // The automaton holds lower-case patterns and reads the text in lower
        // case; case is checked against the folded text after.
        let mut after_word = false;
        let mut s = 0;
        while let Some(&b) = bytes.get(s) {
            let (word, mut len) = if b < 0x80 {
                (b.is_ascii_alphanumeric(), 1)
            } else {
                let c = text[s..].chars().next().unwrap_or(' ');
                (c.is_alphanumeric(), c.len_utf8())
            };
            if !after_word && self.matcher.starts(b) {
                self.matcher.matches_at(bytes, s, |e, pid| {
                    let after = match bytes.get(e) {
                        Some(&a) if a < 0x80 => a.is_ascii_alphanumeric(),
                        Some(_) => text[e..].chars().next().is_some_and(char::is_alphanumeric),
                        None => false,
                    };
                    if after {
                        return;
                    }
                    // "U.S." ends in a dot; "Iraq." must not be read as an initialism.
                    if bytes.get(e) == Some(&b'.') && bytes.get(e + 1).is_some_and(u8::is_ascii_alphabetic) {
                        return;
                    }
                    let entity_case = self.case_fits(text, s, e, pid, false);
                    if !entity_case && !self.case_fits(text, s, e, pid, true) {
                        return;
                    }
                    hits.push(Hit { span: Span::new(folded.start(s), folded.end(e)), pattern: pid, entity_case });
                });
                // Found shortest first; kept longest first.
                hits.reverse();
                let keep = if total > budget { 1 } else { MAX_HITS_AT };
                if hits.len() > keep {
                    dropped += hits.len() - keep;
                    hits.truncate(keep);
                }
                total += hits.len();
                hits.drain(..).for_each(&mut found);
            }
            // Nothing starts inside a word: the rest of its ASCII letters
            // and digits are passed over.
            if word {
                while bytes.get(s + len).is_some_and(u8::is_ascii_alphanumeric) {
                    len += 1;
                }
            }
            after_word = word;
            s += len;
        }
        dropped
    }

    /// Whether the case of `text[s..e]` fits pattern `pid`: for its entity
    /// forms, or with `lexical`, for its lexicon words (titles, cues and nouns
    /// match in any case).
    fn case_fits(&self, text: &str, s: usize, e: usize, pid: u32, lexical: bool) -> bool {
        let first = self.patterns.get(pid);
        match self.cased.get(&pid) {
            Some(others) => std::iter::once(first)
                .chain(others.iter().map(String::as_str))
                .any(|want| self.case_fits_form(text, s, e, pid, want, lexical)),
            None => self.case_fits_form(text, s, e, pid, first, lexical),
        }
    }

    /// Whether `text[s..e]` fits one written form of pattern `pid`.
    fn case_fits_form(&self, text: &str, s: usize, e: usize, pid: u32, want: &str, lexical: bool) -> bool {
        let got = &text[s..e];
        if got == want {
            return true;
        }
        let lexical = lexical && !self.lexical(pid).is_empty();
        let entity = !self.entities(pid).is_empty();
        if lexical && !entity {
            return true;
        }
        // Whether the line is in capitals, looked at only when needed.
        let mut shouting: Option<bool> = None;
        let words = &self.lists.words;
        for (g, w) in got.split(' ').zip(want.split(' ')) {
            if g == w {
                continue;
            }
            if !g.chars().any(char::is_lowercase)
                && g.chars().filter(|c| c.is_alphabetic()).count() >= 2
                && *shouting.get_or_insert_with(|| caps_context(text, s, e) || dateline(text, s, e))
            {
                continue;
            }
            // A particle inside a longer name ("al-Sudani"); a one-word
            // name ("Van", the city) is no particle.
            if want.contains(' ')
                && g.eq_ignore_ascii_case(w)
                && w.len() < 16
                && words.classes(&w.to_ascii_lowercase()).has(Class::CaseFree)
            {
                continue;
            }
            // An acronym said as a word is written either way: "ZANU" and
            // "Zanu", "NATO" and "Nato" (four letters or more).
            let word_case = |x: &str, y: &str| {
                x.len() >= 4
                    && x.chars().all(|c| c.is_uppercase())
                    && y.chars().next().is_some_and(char::is_uppercase)
                    && y.chars().skip(1).all(char::is_lowercase)
            };
            if g.eq_ignore_ascii_case(w) && (word_case(w, g) || word_case(g, w)) {
                continue;
            }
            // The first letter of a word may differ in case when the rest is
            // the same only for particles; anything else is another word.
            if lexical && g.eq_ignore_ascii_case(w) {
                continue;
            }
            return false;
        }
        true
    }
}

/// True when `s..e` lies in the capitals that open a line or a sentence
/// before a comma, a bracket or a dash: a dateline ("SAN FRANCISCO, Nov 20
/// (Reuters) -", "WASHINGTON (AP) —"). Looks 60 bytes each way at most.
pub(crate) fn dateline(text: &str, s: usize, e: usize) -> bool {
    let caps = |c: char| c.is_uppercase() || matches!(c, ' ' | '\'' | '’');
    // Back to where the capitals start: the text's start, a line break or a
    // sentence's end.
    let mut start = s;
    for (n, (i, c)) in text[..s].char_indices().rev().enumerate() {
        if n > 60 {
            return false;
        }
        if caps(c) {
            start = i;
            continue;
        }
        if !matches!(c, '\n' | '.' | '!' | '?') {
            return false;
        }
        break;
    }
    if !text[start..s].trim().is_empty() && !text[start..s].trim_start().chars().all(caps) {
        return false;
    }
    let mut hi = text.len().min(e + 60);
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let head = &text[e..hi.max(e)];
    let run = head.find(|c: char| !caps(c)).unwrap_or(head.len());
    head[run..].trim_start_matches(' ').starts_with([',', '(', '—', '–', '-'])
}

/// True when the words around `s..e` are in capitals too: a headline in caps.
fn caps_context(text: &str, s: usize, e: usize) -> bool {
    // Look at most 120 bytes each way, so long lines stay linear.
    let mut lo = s.saturating_sub(120);
    while !text.is_char_boundary(lo) {
        lo += 1;
    }
    let mut hi = (e + 120).min(text.len());
    while !text.is_char_boundary(hi) {
        hi -= 1;
    }
    let line_start = text[lo..s].rfind('\n').map_or(lo, |i| lo + i + 1);
    let line_end = text[e..hi].find('\n').map_or(hi, |i| e + i);
    let mut words = 0;
    let mut caps = 0;
    for w in text[line_start..line_end].split(|c: char| !c.is_alphanumeric()).filter(|w| w.len() >= 2) {
        if w.chars().any(char::is_alphabetic) {
            words += 1;
            if !w.chars().any(char::is_lowercase) {
                caps += 1;
            }
        }
    }
    words >= 1 && caps * 3 >= words * 2
}

#[cfg(test)]
mod tests {
    use super::iso_code;

    #[test]
    fn iso_codes() {
        let table = [
            ("IQ", true),
            ("GB-SCT", true),
            ("CSXX", true),
            ("XH-OTTOMAN-EMPIRE", true),
            ("iq", false),
            ("IRQ", false),
            ("GB-", false),
            ("GB-SCOTLAND", false),
            ("XX-OTTOMAN-EMPIRE", false),
            ("", false),
        ];
        for (s, want) in table {
            assert_eq!(iso_code(s), want, "{s}");
        }
    }
}
