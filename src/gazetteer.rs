//! Stage 2a: gazetteer lists and the one automaton that matches them.
//!
//! Lists are TSV files with a header row (format in `gazetteers/README.md`).
//! Entity lists (countries, places, people, groups) and the lexicons the later
//! stages need (titles, reporting cues, speaker nouns) are compiled into a single
//! aho-corasick automaton that runs once over the folded text; given names go
//! into a hash map the rules look tokens up in.

use std::collections::{HashMap, HashSet};
use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};

use crate::fold::{fold_str, Folded};
use crate::output::{Gender, Kind};
use crate::{Error, Span};

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
    /// `name gender origin common_word`: given names for the person rules.
    GivenNames,
    /// `title gender type`: titles, roles and honorifics.
    Titles,
    /// `form lemma pos frames`: reporting verbs and phrases.
    Cues,
    /// `noun plural gender`: nouns that head a speaker description.
    SpeakerNouns,
}

impl ListKind {
    /// Every list kind.
    pub const ALL: [ListKind; 8] = [
        ListKind::Countries,
        ListKind::Places,
        ListKind::People,
        ListKind::Groups,
        ListKind::GivenNames,
        ListKind::Titles,
        ListKind::Cues,
        ListKind::SpeakerNouns,
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
        }
    }

    fn required(self) -> &'static [&'static str] {
        match self {
            ListKind::Countries | ListKind::Places | ListKind::People | ListKind::Groups => &["id", "name"],
            ListKind::GivenNames => &["name"],
            ListKind::Titles => &["title"],
            ListKind::Cues => &["form"],
            ListKind::SpeakerNouns => &["noun"],
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
    fn col(&self, name: &str) -> Option<usize> {
        self.header.iter().position(|h| *h == name)
    }

    /// The rows as (line, cells).
    pub(crate) fn rows(&self) -> impl Iterator<Item = (usize, &[&'a str])> + '_ {
        self.lines.iter().copied().zip(self.cells.chunks_exact(self.header.len().max(1)))
    }

    fn len(&self) -> usize {
        self.lines.len()
    }
}

fn split_multi(cell: &str) -> impl Iterator<Item = &str> {
    cell.split('|').map(str::trim).filter(|s| !s.is_empty())
}

/// Parses TSV text with a header row. Checks cell counts and required cells.
pub(crate) fn parse_table<'a>(
    source: &str,
    text: &'a str,
    kind: ListKind,
    limits: &Limits,
) -> Result<Table<'a>, Error> {
    let mut header: Option<Vec<&str>> = None;
    let mut all: Vec<&str> = Vec::new();
    let mut lines = Vec::new();
    for (i, raw) in text.split('\n').enumerate() {
        let line = i + 1;
        let l = raw.strip_suffix('\r').unwrap_or(raw);
        if l.trim().is_empty() || l.starts_with('#') {
            continue;
        }
        if l.contains('\0') {
            return Err(Error::data(source, line, "NUL byte in list"));
        }
        match &header {
            None => {
                let cells: Vec<&str> = l.split('\t').map(str::trim).collect();
                for req in kind.required() {
                    if !cells.contains(req) {
                        return Err(Error::data(
                            source,
                            line,
                            format!("header lacks the `{}` column (has: {})", req, cells.join(", ")),
                        ));
                    }
                }
                let mut seen = HashSet::new();
                for c in &cells {
                    if c.is_empty() || !seen.insert(*c) {
                        return Err(Error::data(source, line, format!("empty or repeated column name `{}`", c)));
                    }
                }
                header = Some(cells);
            }
            Some(h) => {
                let before = all.len();
                all.extend(l.split('\t').map(str::trim));
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
    for req in kind.required() {
        let c = table.col(req).unwrap_or(0);
        for (line, cells) in table.rows() {
            if cells.get(c).is_none_or(|s| s.is_empty()) {
                return Err(Error::data(source, line, format!("empty `{}`", req)));
            }
        }
    }
    Ok(table)
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

/// A gazetteer entry: one real-world thing.
#[derive(Clone, Debug)]
pub(crate) struct Entry {
    pub(crate) key: String,
    pub(crate) kind: Kind,
    pub(crate) name: String,
    pub(crate) gender: Option<Gender>,
    pub(crate) attrs: Vec<(String, String)>,
}

/// A given name from the lexicon.
#[derive(Clone, Copy, Debug)]
pub(crate) struct GivenName {
    pub(crate) gender: Option<Gender>,
    /// Also an ordinary word or place: needs more evidence.
    pub(crate) common: bool,
}

/// A title or role.
#[derive(Clone, Debug)]
pub(crate) struct Title {
    pub(crate) gender: Option<Gender>,
    /// "Mr.", "Dr.", "Sheikh": says who, not what they do.
    pub(crate) honorific: bool,
}

/// What may follow a reporting cue (the `frames` column of cues.tsv; gazetteers/README.md).
pub(crate) mod frame {
    /// A direct quote: “...,” X said / X said: “...”.
    pub(crate) const QUOTE: u16 = 1;
    /// A that-clause: said that S.
    pub(crate) const THAT: u16 = 2;
    /// An object, then a to-infinitive: urged X to Y.
    pub(crate) const OBJ_TO: u16 = 4;
    /// An object, then what it is called: described it as Y, called it “...”.
    pub(crate) const AS: u16 = 8;
    /// A colon, then the statement: said: S.
    pub(crate) const COLON: u16 = 16;
    /// A clause without "that": said the talks failed.
    pub(crate) const CLAUSE: u16 = 32;
    /// A wh-clause: explained why S, asked whether S.
    pub(crate) const WH: u16 = 64;
    /// A to-infinitive of the subject: vowed to Y.
    pub(crate) const TO: u16 = 128;
    /// A noun phrase that is the content: denied the report.
    pub(crate) const OBJ: u16 = 256;
    /// "for", then what is asked for: called for calm.
    pub(crate) const FOR: u16 = 512;
    /// An addressee, then a that-clause: told reporters that S.
    pub(crate) const OBJ_THAT: u16 = 1024;
    /// An addressee, then a clause without "that": told reporters the talks failed.
    pub(crate) const OBJ_CLAUSE: u16 = 2048;
    /// An object, then "of" and the content: accused X of Y.
    pub(crate) const OBJ_OF: u16 = 4096;
    /// "of", then the content: warned of a famine.
    pub(crate) const OF: u16 = 8192;
    /// An object that is the source, not the content: citing officials.
    pub(crate) const SRC: u16 = 16384;
}

/// A reporting cue.
#[derive(Clone, Debug)]
pub(crate) struct CueEntry {
    pub(crate) lemma: String,
    pub(crate) frames: u16,
}

/// A speaker noun.
#[derive(Clone, Debug)]
pub(crate) struct Noun {
    pub(crate) plural: bool,
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
    /// Folded, in its case.
    folded: String,
    payload: Payload,
    source: u32,
    line: usize,
}

/// FNV-1a: a fast hash for the lexicon maps, whose keys come from the lists.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Fnv(u64);

impl Default for Fnv {
    fn default() -> Fnv {
        Fnv(0xcbf2_9ce4_8422_2325)
    }
}

impl std::hash::Hasher for Fnv {
    fn finish(&self) -> u64 {
        self.0
    }

    fn write(&mut self, bytes: &[u8]) {
        for &b in bytes {
            self.0 = (self.0 ^ u64::from(b)).wrapping_mul(0x0100_0000_01b3);
        }
    }
}

/// A hash map keyed by list data.
pub(crate) type FastMap<K, V> = HashMap<K, V, std::hash::BuildHasherDefault<Fnv>>;

/// The list data, before compiling.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lists {
    pub(crate) entries: Vec<Entry>,
    /// Every pattern, folded once.
    forms: Vec<Form>,
    /// The labels of the lists read, for errors.
    sources: Vec<String>,
    pub(crate) given: FastMap<String, GivenName>,
    pub(crate) titles: Vec<Title>,
    pub(crate) cues: Vec<CueEntry>,
    pub(crate) nouns: Vec<Noun>,
    /// Every entry id: (source, line) where it was first seen.
    keys: FastMap<String, (u32, usize)>,
}

fn gender_of(s: &str) -> Option<Gender> {
    match s.trim() {
        "m" | "M" | "male" => Some(Gender::Male),
        "f" | "F" | "female" => Some(Gender::Female),
        _ => None,
    }
}

/// Strips a leading article: "The Times of Israel" is matched as "Times of Israel".
fn strip_article(s: &str) -> &str {
    s.strip_prefix("The ").or_else(|| s.strip_prefix("the ")).unwrap_or(s)
}

impl Lists {
    /// Adds one parsed list.
    pub(crate) fn add(&mut self, kind: ListKind, t: &Table<'_>, limits: &Limits) -> Result<(), Error> {
        match kind {
            ListKind::Countries | ListKind::Places | ListKind::People | ListKind::Groups => {
                self.add_entities(kind, t, limits)
            }
            ListKind::GivenNames => {
                let (g, c) = (t.col("gender"), t.col("common_word"));
                self.given.reserve(t.len());
                for (_, cells) in t.rows() {
                    let name = cells[t.col("name").unwrap_or(0)];
                    let gender = g.and_then(|i| gender_of(cells[i]));
                    let common = c.is_some_and(|i| cells[i] == "1");
                    self.given.insert(key_of(name), GivenName { gender, common });
                }
                Ok(())
            }
            ListKind::Titles => {
                let (g, ty) = (t.col("gender"), t.col("type"));
                for (line, cells) in t.rows() {
                    let title = cells[t.col("title").unwrap_or(0)];
                    let i = self.titles.len() as u32;
                    self.titles.push(Title {
                        gender: g.and_then(|g| gender_of(cells[g])),
                        honorific: ty.is_some_and(|ty| cells[ty] == "honorific"),
                    });
                    self.push_form(title, Payload::Title(i), &t.source, line, limits)?;
                }
                Ok(())
            }
            ListKind::Cues => {
                let (lemma, frames) = (t.col("lemma"), t.col("frames"));
                for (line, cells) in t.rows() {
                    let form = cells[t.col("form").unwrap_or(0)];
                    let mut bits = 0;
                    for f in frames.map(|i| cells[i]).into_iter().flat_map(split_multi) {
                        bits |= match f {
                            "quote" => frame::QUOTE,
                            "that" => frame::THAT,
                            "obj_to" => frame::OBJ_TO,
                            "as" => frame::AS,
                            "colon" => frame::COLON,
                            "clause" => frame::CLAUSE,
                            "wh" => frame::WH,
                            "to" => frame::TO,
                            "obj" => frame::OBJ,
                            "for" => frame::FOR,
                            "obj_that" => frame::OBJ_THAT,
                            "obj_clause" => frame::OBJ_CLAUSE,
                            "obj_of" => frame::OBJ_OF,
                            "of" => frame::OF,
                            "src" => frame::SRC,
                            other => return Err(Error::data(&t.source, line, format!("unknown frame `{}`", other))),
                        };
                    }
                    let i = self.cues.len() as u32;
                    self.cues.push(CueEntry {
                        lemma: lemma.map(|l| cells[l]).filter(|l| !l.is_empty()).unwrap_or(form).to_string(),
                        frames: if bits == 0 { frame::QUOTE | frame::THAT } else { bits },
                    });
                    self.push_form(form, Payload::Cue(i), &t.source, line, limits)?;
                }
                Ok(())
            }
            ListKind::SpeakerNouns => {
                let pl = t.col("plural");
                for (line, cells) in t.rows() {
                    let noun = cells[t.col("noun").unwrap_or(0)];
                    let i = self.nouns.len() as u32;
                    self.nouns.push(Noun { plural: false });
                    self.push_form(noun, Payload::Noun(i), &t.source, line, limits)?;
                    if let Some(p) = pl.map(|p| cells[p]).filter(|p| !p.is_empty() && *p != noun) {
                        let i = self.nouns.len() as u32;
                        self.nouns.push(Noun { plural: true });
                        self.push_form(p, Payload::Noun(i), &t.source, line, limits)?;
                    }
                }
                Ok(())
            }
        }
    }

    fn push_form(&mut self, form: &str, p: Payload, source: &str, line: usize, limits: &Limits) -> Result<(), Error> {
        self.push_folded(form, fold_str(form), p, source, line, limits)
    }

    /// Adds a pattern whose folded form is already known.
    fn push_folded(
        &mut self,
        form: &str,
        folded: String,
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
        if folded.trim().is_empty() {
            return Err(Error::data(source, line, format!("the name `{}` is empty once normalised", form)));
        }
        let source = self.source_id(source);
        self.forms.push(Form { folded, payload: p, source, line });
        Ok(())
    }

    /// The index of a list label in `sources`.
    fn source_id(&mut self, source: &str) -> u32 {
        if self.sources.last().is_none_or(|s| s != source) {
            self.sources.push(source.to_string());
        }
        (self.sources.len() - 1) as u32
    }

    fn add_entities(&mut self, kind: ListKind, t: &Table<'_>, limits: &Limits) -> Result<(), Error> {
        let ekind = match kind {
            ListKind::Countries => Kind::Country,
            ListKind::Places => Kind::Place,
            ListKind::People => Kind::Person,
            _ => Kind::Group,
        };
        let col = |n: &str| t.col(n);
        let (id_c, name_c) = (col("id").unwrap_or(0), col("name").unwrap_or(1));
        let (alias_c, dem_c, amb_c, gender_c) = (col("aliases"), col("demonyms"), col("ambiguous"), col("gender"));
        let skip = ["id", "name", "aliases", "demonyms", "ambiguous", "gender"];
        for (line, cells) in t.rows() {
            let key = cells[id_c];
            if let Some(&(src, l)) = self.keys.get(key) {
                let first = &self.sources[src as usize];
                return Err(Error::data(&t.source, line, format!("duplicate id `{}` (first at {}:{})", key, first, l)));
            }
            let src = self.source_id(&t.source);
            self.keys.insert(key.to_string(), (src, line));
            let name = cells[name_c];
            let ambiguous: Vec<String> =
                amb_c.map(|i| cells[i]).into_iter().flat_map(split_multi).map(|a| key_of(strip_article(a))).collect();
            let attrs = t
                .header
                .iter()
                .enumerate()
                .filter(|(i, h)| !skip.contains(h) && !cells[*i].is_empty())
                .map(|(i, h)| (h.to_string(), cells[i].to_string()))
                .collect();
            let entry = self.entries.len() as u32;
            self.entries.push(Entry {
                key: key.to_string(),
                kind: ekind,
                name: name.to_string(),
                gender: gender_c.and_then(|i| gender_of(cells[i])),
                attrs,
            });
            let mut seen: Vec<String> = Vec::new();
            let forms = std::iter::once((name, FormRole::Name))
                .chain(alias_c.map(|i| cells[i]).into_iter().flat_map(split_multi).map(|a| (a, FormRole::Alias)))
                .chain(dem_c.map(|i| cells[i]).into_iter().flat_map(split_multi).map(|a| (a, FormRole::Demonym)));
            for (form, role) in forms {
                let form = strip_article(form);
                let folded = fold_str(form);
                let k = lower_key(&folded);
                if seen.contains(&k) {
                    continue;
                }
                let p = Payload::Entity { entry, role, ambiguous: ambiguous.contains(&k) };
                self.push_folded(form, folded, p, &t.source, line, limits)?;
                seen.push(k);
            }
        }
        Ok(())
    }

    /// Compiles the lists into a matcher. A surface form shared by entries of
    /// different kinds must be marked ambiguous in both.
    pub(crate) fn compile(mut self) -> Result<Lexicon, Error> {
        let forms = std::mem::take(&mut self.forms);
        let mut index: FastMap<String, u32> = FastMap::default();
        index.reserve(forms.len());
        let mut patterns: Vec<String> = Vec::with_capacity(forms.len());
        let mut payloads: Vec<Vec<Payload>> = Vec::with_capacity(forms.len());
        // Per pattern: the first entity form's kind, ambiguity and place.
        let mut first: Vec<Option<(Kind, bool, u32, usize)>> = Vec::with_capacity(forms.len());
        for f in forms {
            let key = f.folded.to_ascii_lowercase();
            let id = match index.get(&key) {
                Some(&id) => id as usize,
                None => {
                    index.insert(key, patterns.len() as u32);
                    patterns.push(f.folded);
                    payloads.push(Vec::new());
                    first.push(None);
                    patterns.len() - 1
                }
            };
            payloads[id].push(f.payload);
            let Payload::Entity { entry, role, ambiguous } = f.payload else { continue };
            let kind = if role == FormRole::Demonym { Kind::Nationality } else { self.entries[entry as usize].kind };
            match first[id] {
                Some((k0, amb0, s0, l0)) if k0 != kind && !(amb0 && ambiguous) => {
                    return Err(Error::data(
                        &self.sources[f.source as usize],
                        f.line,
                        format!(
                            "`{}` is a {} here and a {} at {}:{}; mark it ambiguous in both",
                            patterns[id],
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
        let mut lower: Vec<&str> = vec![""; patterns.len()];
        for (k, &id) in &index {
            lower[id as usize] = k;
        }
        let ac = AhoCorasickBuilder::new()
            .match_kind(MatchKind::Standard)
            .build(&lower)
            .map_err(|e| Error::build(e.to_string()))?;
        Ok(Lexicon { lists: self, ac, patterns, payloads })
    }
}

/// The lookup key of a name: folded and lower-cased.
pub(crate) fn key_of(s: &str) -> String {
    lower_key(&fold_str(s))
}

/// The lookup key of a folded name.
fn lower_key(folded: &str) -> String {
    if folded.is_ascii() {
        folded.to_ascii_lowercase()
    } else {
        folded.to_lowercase()
    }
}

/// Compiled lists: the automaton and the lexicons.
#[derive(Debug)]
pub(crate) struct Lexicon {
    pub(crate) lists: Lists,
    ac: AhoCorasick,
    patterns: Vec<String>,
    payloads: Vec<Vec<Payload>>,
}

/// Particles whose case news varies: "al-Sudani" / "Al-Sudani".
const PARTICLES: &[&str] = &[
    "al", "el", "ad", "ar", "as", "ash", "at", "az", "an", "bin", "ibn", "bint", "abu", "abd", "de", "da", "di", "du",
    "del", "della", "van", "von", "der", "den", "la", "le", "of", "the", "and", "for",
];

impl Lexicon {
    pub(crate) fn payloads(&self, pattern: u32) -> &[Payload] {
        &self.payloads[pattern as usize]
    }

    /// Runs the automaton once over `folded` and returns every hit that sits
    /// on word boundaries and whose case fits its pattern, sorted by start.
    pub(crate) fn find(&self, folded: &Folded) -> Vec<Hit> {
        let text = folded.text.as_str();
        let bytes = text.as_bytes();
        let mut hits = Vec::new();
        // The automaton holds lower-case patterns and runs over a lower-case
        // copy (same length); case is checked against the folded text after.
        let lower = text.to_ascii_lowercase();
        for m in self.ac.find_overlapping_iter(&lower) {
            let (s, e) = (m.start(), m.end());
            let before = text[..s].chars().next_back();
            let after = text[e..].chars().next();
            if before.is_some_and(char::is_alphanumeric) || after.is_some_and(char::is_alphanumeric) {
                continue;
            }
            // "U.S." ends in a dot; "Iraq." must not be read as an initialism.
            if bytes.get(e) == Some(&b'.') && bytes.get(e + 1).is_some_and(u8::is_ascii_alphabetic) {
                continue;
            }
            let pid = m.pattern().as_u32();
            let entity_case = self.case_fits(text, s, e, pid, false);
            if !entity_case && !self.case_fits(text, s, e, pid, true) {
                continue;
            }
            hits.push(Hit { span: Span::new(folded.start(s), folded.end(e)), pattern: pid, entity_case });
        }
        hits.sort_by_key(|h| (h.span.start, std::cmp::Reverse(h.span.end)));
        hits
    }

    /// Whether the case of `text[s..e]` fits pattern `pid`: for its entity
    /// forms, or with `lexical`, for its lexicon words (titles, cues and nouns
    /// match in any case).
    fn case_fits(&self, text: &str, s: usize, e: usize, pid: u32, lexical: bool) -> bool {
        let got = &text[s..e];
        let want = &self.patterns[pid as usize];
        if got == want {
            return true;
        }
        let lexical = lexical && self.payloads[pid as usize].iter().any(|p| !matches!(p, Payload::Entity { .. }));
        let entity = self.payloads[pid as usize].iter().any(|p| matches!(p, Payload::Entity { .. }));
        if lexical && !entity {
            return true;
        }
        // Whether the line is in capitals, looked at only when needed.
        let mut shouting: Option<bool> = None;
        for (g, w) in got.split(' ').zip(want.split(' ')) {
            if g == w {
                continue;
            }
            let letters = g.chars().filter(|c| c.is_alphabetic()).count();
            if letters >= 2
                && !g.chars().any(char::is_lowercase)
                && *shouting.get_or_insert_with(|| caps_context(text, s, e))
            {
                continue;
            }
            // A particle inside a longer name ("al-Sudani"); a one-word
            // name ("Van", the city) is no particle.
            if want.contains(' ') && PARTICLES.iter().any(|p| p.eq_ignore_ascii_case(w)) && g.eq_ignore_ascii_case(w) {
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
    words >= 2 && caps * 3 >= words * 2
}
