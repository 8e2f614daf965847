//! Stage 2b: rule patterns for people and groups that no list knows.
//!
//! People are found over tokens, one sentence at a time. A run of capitalised
//! words (with the particles names carry: "bin", "de", "al-", "O’") is a
//! person when
//!
//! * a title stands before it ("Prime Minister Mohammed Shia Al-Sudani"),
//! * it holds a known given name ("Fadi Al-Shammari", "Abu Hussein
//!   Al-Hamidawi"), a surname of a telling form ("McAllister", "O’Neill") or
//!   starts with a surname particle ("Di Marco"),
//! * an appositive role follows it ("Omar Khalil, a spokesman for ...",
//!   "..., who heads ..."), or a reporting cue stands before it ("said ..."),
//! * a person's predicate follows it ("... was elected", "... held his
//!   seat") or a kinship or agent phrase stands before it ("the son of ...",
//!   "led by ..."),
//! * or it is listed with people ("A, B and C" where A is a person).
//!
//! Titles, party labels and sentence openers before the name are not part of
//! it; a run that ends in an organisation's head word ("... Foundation") is no
//! person. Groups are found with regular expressions over the text, by their
//! form: "Ministry of X", "X Party", "Kata’ib X".

use std::collections::HashSet;

use once_cell::sync::Lazy;
use regex::bytes::Regex as BytesRegex;
use regex::Regex;

use crate::doc::{Doc, LexHit};
use crate::gazetteer::{key_of, FormRole, GivenName, Lexicon, Payload};
use crate::output::{Gender, Kind};
use crate::resolve::{Cand, Source};
use crate::segment::TokKind;
use crate::Span;

/// Capitalised words that open sentences or name times, never people.
#[rustfmt::skip]
static NOT_NAMES: &[&str] = &[
    "a", "about", "after", "against", "ahead", "all", "also", "although", "an", "and", "another", "any", "as", "at",
    "because", "before", "both", "but", "by", "despite", "during", "each", "earlier", "even", "every", "following",
    "for", "from", "however", "if", "in", "instead", "it", "its", "last", "later", "many", "meanwhile", "more",
    "most", "moreover", "my", "no", "not", "now", "on", "once", "one", "only", "our", "over", "since", "so", "some",
    "still", "such", "that", "the", "their", "then", "there", "these", "they", "this", "those", "though", "through",
    "to", "today", "under", "unless", "until", "when", "where", "whether", "while", "with", "within", "without",
    "yet", "he", "she", "we", "you", "i", "his", "her", "what", "which", "who", "why", "how", "monday", "tuesday",
    "wednesday", "thursday", "friday", "saturday", "sunday", "january", "february", "march", "april", "may", "june",
    "july", "august", "september", "october", "november", "december", "according", "asked", "speaking", "several",
    "two", "three", "four", "five", "dozens", "hundreds", "thousands", "other", "others", "here", "yesterday",
    "tomorrow", "tonight", "sources", "officials", "photo", "video", "watch", "read", "update", "breaking",
    "exclusive", "analysis", "opinion", "editorial", "live", "reporting", "writing", "editing", "additional", "among",
    "amid", "upon", "hence", "thus", "prior", "whilst", "between", "into", "onto", "toward", "towards", "beyond",
    "across", "around", "near", "regarding", "like", "unlike", "of", "or", "nor", "either", "neither", "do", "does",
    "did", "is", "are", "was", "were", "be", "been", "has", "have", "had", "would", "could", "should",
    "must", "shall", "might", "let", "please", "thank", "thanks", "dear", "hello", "yes", "first", "second", "third",
    "next", "mr", "mrs", "ms", "sir", "madam",
];

/// Words written before a name that label the person and are no part of the
/// name: status and party labels ("incumbent Republican ...").
#[rustfmt::skip]
static PRE_LABELS: &[&str] = &[
    "incumbent", "former", "late", "acting", "outgoing", "retiring", "veteran", "fellow", "democrat", "democrats",
    "democratic", "republican", "republicans", "conservative", "conservatives", "liberal", "liberals", "labour",
    "labor", "tory", "tories", "socialist", "socialists", "communist", "communists", "independent", "unionist",
    "unionists", "nationalist", "nationalists", "progressive", "green", "greens", "opposition", "rebel", "dissident",
    "centrist", "leftist", "rightist", "populist", "moderate", "hardline", "reformist", "loyalist", "loyalists",
    "separatist", "candidate", "nominee", "challenger", "newcomer", "activist", "journalist", "businessman",
    "businesswoman", "novelist", "author", "writer", "actor", "actress", "singer", "rapper", "comedian", "director",
    "producer", "playwright", "poet", "historian", "economist", "lawyer", "billionaire", "philanthropist", "engineer",
    "architect", "photographer", "teacher", "student", "farmer", "surgeon", "nurse", "pilot", "soldier", "artist",
    "painter", "designer", "chef", "coach", "striker", "midfielder", "goalkeeper", "defender", "player", "analyst",
    "researcher", "scientist", "professor", "doctor", "lecturer", "scholar", "cleric", "preacher", "blogger",
    "filmmaker", "musician", "composer", "dancer", "model", "athlete", "boxer", "entrepreneur", "banker", "investor",
    "diplomat", "politician", "lawmaker", "senator", "mayor", "governor", "councillor", "councilor", "commentator",
    "columnist", "editor", "reporter", "correspondent", "anchor", "host", "presenter", "witness", "survivor",
    "victim", "suspect", "defendant", "plaintiff", "prosecutor", "attorney", "judge", "resident", "protester",
    "volunteer", "worker", "officer", "trooper", "sergeant", "private", "captain",
];

/// Head words of organisations: a run that ends in one is no person
/// ("Russell Foundation", "Hoover Institution").
#[rustfmt::skip]
const ORG_TAILS: &[&str] = &[
    "University", "College", "School", "Institute", "Institution", "Foundation", "Endowment", "Center", "Centre",
    "Fund", "Trust", "Brothers", "Company", "Corporation", "Corp", "Corp.", "Inc", "Inc.", "Ltd", "Ltd.", "Group",
    "Party", "Council", "Committee", "Commission", "Movement", "Front", "Forces", "Army", "Agency", "Bank",
    "Hospital", "Airport", "Society", "Association", "Federation", "Union", "League", "Club", "Herald", "Journal",
    "Tribune", "Gazette", "Magazine", "Ocean", "Senate", "Congress", "Assembly", "Parliament", "Cabinet", "Ministry",
    "Department", "Office", "Bureau", "Court", "Police", "Navy", "Brigade", "Brigades", "Corps", "Guard", "Alliance",
    "Coalition", "Constitution", "Airlines", "Airways", "Railway", "Railways", "Motors", "Industries", "Holdings",
    "Partners", "Media", "Studios", "Productions", "Entertainment", "Daily", "Organization", "Organisation",
    "Authority", "Directorate", "Command", "Battalion", "Division", "Regiment", "Militia", "Academy", "Institutes",
    "Schools", "Universities", "Centers", "Centres", "Olympics", "Championship",
];

/// Head words of places, events and works that are also surnames ("Bay",
/// "Day", "Hall"): a run that ends in one is a person only with a title or a
/// given name no ordinary word shares.
#[rustfmt::skip]
const PLACE_TAILS: &[&str] = &[
    "Street", "Avenue", "Boulevard", "Square", "Museum", "Library", "Prize", "Award", "Awards", "Act", "Agreement",
    "Treaty", "Doctrine", "Times", "Post", "News", "Press", "Network", "Radio", "Review", "County", "Province",
    "District", "Island", "Islands", "River", "Valley", "Mountains", "Lake", "Bay", "Sea", "Palace", "Stadium",
    "Station", "Cup", "Festival", "Day", "War", "Revolution", "Election", "Elections", "Campaign", "Plan", "Program",
    "Programme", "Project", "Initiative", "Declaration", "Accord", "Accords", "Conference", "Summit", "Report", "Law",
    "Amendment", "Medal", "Building", "Tower", "Road", "Bridge", "Canal", "Region", "Republic", "Kingdom", "Empire",
    "State", "States", "City", "Town", "Pictures", "Records", "Channel", "Cathedral", "Mosque", "Temple", "Synagogue",
    "Church", "Abbey", "Monastery", "Laboratory", "Show", "Series", "Film", "Album", "Trophy", "Games", "Index",
    "Survey", "Strategy", "Policy", "Peninsula", "Desert", "Mountain", "Hills", "Gulf", "Strait", "Coast", "Port",
    "Harbour", "Harbor", "Crossing", "Camp", "Prison", "Base", "Field", "Park", "Gardens", "Zoo", "Market", "Mall",
    "Hotel", "Hall",
];

/// Lower-case words allowed inside a name run.
static NAME_PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "abu", "abd", "de", "da", "di", "du", "del", "della", "dos", "das", "van", "von",
    "der", "den", "la", "le", "ter", "ben", "al-", "ould", "ag", "y", "i", "e", "mac", "st.", "ó", "ní", "ua",
];

/// Words before a given name that belong to the name: kunyas and honorifics
/// that are part of how news writes the person.
const NAME_OPENERS: &[&str] =
    &["abu", "umm", "bin", "ibn", "abd", "sheikh", "sayyed", "sayyid", "mullah", "hajji", "haji"];

/// Capitalised particles that open a surname: "Di Marco", "Van Dyke".
const SURNAME_PARTICLES: &[&str] = &["Di", "De", "Della", "Van", "Von", "Du", "Le", "Dos", "Da", "Ter", "Ó", "Ní"];

/// Arabic articles written joined to a name in lower case: "al-Nafjan".
const JOINED_ARTICLES: &[&str] = &["al-", "el-", "ad-", "ar-", "as-", "ash-", "at-", "az-", "an-", "ibn-", "bin-"];

/// Lower-case words between a subject and its verb that change nothing.
#[rustfmt::skip]
static ADVERBS: &[&str] = &[
    "also", "later", "then", "first", "subsequently", "eventually", "narrowly", "previously", "again", "once",
    "successfully", "unsuccessfully", "currently", "still", "never", "soon", "briefly", "twice", "finally", "long",
    "initially", "originally", "formerly", "repeatedly", "ultimately", "himself", "herself", "since", "already",
    "only", "famously", "reportedly", "had", "has", "have", "was", "is", "been", "be", "not", "easily", "will",
    "would", "could", "should", "must", "might", "can", "may", "shall", "did", "does", "do",
];

/// Verbs whose subject is a person when it is no known organisation.
#[rustfmt::skip]
const PERSON_VERBS: &[&str] = &[
    "served", "serves", "serve", "serving", "campaigned", "campaigning", "campaign", "resigned", "resigns", "resign",
    "retired", "retires", "retire", "died", "dies", "married", "marries", "stood", "stand", "standing", "ran", "run",
    "running", "volunteered", "graduated", "studied", "testified", "born", "elected", "re-elected", "reelected",
    "appointed", "sworn", "nominated", "knighted", "assassinated", "educated", "raised", "succeeded", "unseated",
    "sought", "worked", "taught", "wrote", "argued", "consulted", "quit", "pleaded", "stepped", "emigrated", "grew",
    "chaired", "co-founded", "founded", "headed", "lived", "converted", "sat", "becomes",
];

/// Nouns that say a subject is a person: "... was a member of".
#[rustfmt::skip]
const ROLE_NOUNS: &[&str] = &[
    "member", "members", "candidate", "politician", "native", "graduate", "son", "daughter", "lawyer", "journalist",
    "founder", "co-founder", "leader", "supporter", "supporters", "critic", "veteran", "businessman", "businesswoman",
    "teacher", "writer", "activist", "recipient", "democrat", "republican", "mp", "nominee", "delegate", "incumbent",
];

/// Common verbs of any subject, after which a pronoun can tell a person.
#[rustfmt::skip]
const OTHER_VERBS: &[&str] = &[
    "held", "kept", "won", "lost", "made", "gave", "took", "left", "led", "met", "became", "began", "came", "went",
    "got", "saw", "found", "put", "set", "brought", "built", "chose", "fought", "knew", "paid", "rose", "sent",
    "spoke", "threw", "withdrew", "said", "told", "has", "had", "is", "was", "did", "does", "gets", "makes", "takes",
];

/// Verbs right before a name whose object is a person: "endorsed ...",
/// "starring ...".
#[rustfmt::skip]
const PERSON_OBJECT_VERBS: &[&str] = &[
    "endorsed", "endorsing", "defeating", "succeeding", "replacing", "unseating", "unseated", "interviewed",
    "marrying", "assassinated", "starring", "co-starring", "featuring", "ousting", "impeached", "pardoned",
];

/// Words before a name that make it a person: kinship and agents.
const PERSON_OBJECTS: &[(&str, &str)] = &[
    ("son", "of"),
    ("daughter", "of"),
    ("wife", "of"),
    ("husband", "of"),
    ("widow", "of"),
    ("widower", "of"),
    ("brother", "of"),
    ("sister", "of"),
    ("father", "of"),
    ("mother", "of"),
    ("grandson", "of"),
    ("granddaughter", "of"),
    ("nephew", "of"),
    ("niece", "of"),
    ("cousin", "of"),
    ("led", "by"),
    ("lead", "by"),
    ("film", "stars"),
    ("movie", "stars"),
    ("series", "stars"),
    ("show", "stars"),
    ("play", "stars"),
    ("film", "features"),
    ("movie", "features"),
    ("headed", "by"),
    ("chaired", "by"),
    ("founded", "by"),
    ("hosted", "by"),
    ("directed", "by"),
    ("written", "by"),
    ("succeeded", "by"),
    ("replaced", "by"),
    ("married", "to"),
    ("spokesman", "for"),
    ("spokeswoman", "for"),
];

/// Titles that are part of a one-word name: "King Abdullah", "Queen Rania".
#[rustfmt::skip]
const REGAL: &[&str] = &[
    "King", "Queen", "Prince", "Princess", "Emperor", "Empress", "Pope", "Sultan", "Tsar", "Czar", "Shah", "Lord",
    "Lady", "Baron", "Baroness", "Saint",
];

/// "II", "IV": a regnal number.
fn roman(s: &str) -> bool {
    !s.is_empty() && s.len() <= 4 && s.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
}

fn is_possessive_tail(s: &str) -> usize {
    for suf in ["’s", "'s", "’", "'"] {
        if s.len() > suf.len() && s.ends_with(suf) {
            return suf.len();
        }
    }
    0
}

fn in_list(list: &'static [&'static str], s: &str) -> bool {
    // The long lists are looked up in hash sets of their lower-case words.
    static SETS: Lazy<Vec<(usize, HashSet<String>)>> = Lazy::new(|| {
        [NOT_NAMES, PRE_LABELS, NAME_PARTICLES, ADVERBS]
            .iter()
            .map(|l| (l.as_ptr() as usize, l.iter().map(|w| w.to_ascii_lowercase()).collect()))
            .collect()
    });
    match SETS.iter().find(|(p, _)| *p == list.as_ptr() as usize) {
        Some((_, set)) => {
            let mut buf = [0u8; 32];
            let Some(b) = buf.get_mut(..s.len()) else { return false };
            b.copy_from_slice(s.as_bytes());
            b.make_ascii_lowercase();
            std::str::from_utf8(b).is_ok_and(|k| set.contains(k))
        }
        None => list.iter().any(|w| w.eq_ignore_ascii_case(s)),
    }
}

/// How sure the rules are that a run names a person.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Evidence {
    /// A plain capitalised run: a person only when listed with people.
    Plain,
    /// A person.
    Strong,
}

/// A name the rules read in one run.
struct Name {
    /// The name's tokens.
    f: usize,
    e: usize,
    title: Option<(u32, Span)>,
    pre: Option<Span>,
    gender: Option<Gender>,
    evidence: Evidence,
}

struct Ctx<'a, 't> {
    doc: &'a Doc<'t>,
    lex: &'a Lexicon,
}

impl<'a, 't> Ctx<'a, 't> {
    fn lower(&self, i: usize) -> String {
        self.doc.tok(i).to_lowercase()
    }

    fn cap_word(&self, i: usize) -> bool {
        self.doc.tokens().get(i).is_some_and(|t| t.kind == TokKind::Word && t.cap)
    }

    /// A lower-case word: no capital, a word token.
    fn low_word(&self, i: usize) -> bool {
        self.doc.tokens().get(i).is_some_and(|t| t.kind == TokKind::Word && !t.cap)
    }

    fn particle(&self, i: usize) -> bool {
        self.doc.is_word(i) && in_list(NAME_PARTICLES, self.doc.tok(i))
    }

    /// "al-Nafjan": a lower-case article joined to a capitalised name.
    fn joined_article(&self, i: usize) -> bool {
        let s = self.doc.tok(i);
        self.doc.is_word(i)
            && JOINED_ARTICLES.iter().any(|a| {
                s.len() > a.len() + 1
                    && s.is_char_boundary(a.len())
                    && s[..a.len()].eq_ignore_ascii_case(a)
                    && s[a.len()..].chars().next().is_some_and(char::is_uppercase)
            })
    }

    /// A token that can stand in a name: capitalised, or a joined article.
    fn name_tok(&self, i: usize) -> bool {
        self.cap_word(i) || self.joined_article(i)
    }

    /// Whether two tokens touch (no space between them).
    fn touch(&self, i: usize, j: usize) -> bool {
        match (self.doc.tokens().get(i), self.doc.tokens().get(j)) {
            (Some(a), Some(b)) => a.span.end == b.span.start,
            _ => false,
        }
    }

    /// The entity hit that starts at token `i` and is not a person, if any:
    /// its end in tokens, kind and ambiguity.
    fn entity_at(&self, i: usize, end: usize) -> Option<(usize, Kind, bool)> {
        let t = self.doc.tokens().get(i)?;
        let start = t.span.start;
        let hits = &self.doc.entity_hits;
        let a = hits.partition_point(|h| h.span.start < start);
        for h in hits[a..].iter().take_while(|h| h.span.start == start) {
            let mut found: Option<(Kind, bool)> = None;
            for p in self.lex.payloads(h.pattern) {
                if let Payload::Entity { entry, role, ambiguous } = *p {
                    let e = &self.lex.lists.entries[entry as usize];
                    let kind = if role == FormRole::Demonym { Kind::Nationality } else { e.kind };
                    found = Some(match found {
                        None => (kind, ambiguous),
                        Some((k, amb)) => (if k == Kind::Person { kind } else { k }, amb || ambiguous),
                    });
                }
            }
            let Some((kind, amb)) = found else { continue };
            let j = self.doc.tok_containing(h.span.end.saturating_sub(1)) + 1;
            if j <= end {
                return Some((j, kind, amb));
            }
        }
        None
    }

    /// Whether a known person's name starts at token `i` and ends at token `e`.
    fn person_hit(&self, i: usize, e: usize) -> bool {
        let (Some(t), Some(last)) = (self.doc.tokens().get(i), e.checked_sub(1).and_then(|l| self.doc.tokens().get(l)))
        else {
            return false;
        };
        let hits = &self.doc.entity_hits;
        let a = hits.partition_point(|h| h.span.start < t.span.start);
        hits[a..].iter().take_while(|h| h.span.start == t.span.start).any(|h| {
            h.span.end >= last.span.end - is_possessive_tail(self.doc.tok(e - 1))
                && self.lex.payloads(h.pattern).iter().any(|p| {
                    matches!(*p, Payload::Entity { entry, role: FormRole::Name | FormRole::Alias, .. }
                        if self.lex.lists.entries[entry as usize].kind == Kind::Person)
                })
        })
    }

    /// Whether a title hit reads as a title here: an honorific only when
    /// capitalised ("Brother Anselm", not "his brother").
    fn title_ok(&self, h: &LexHit) -> bool {
        let lower = self.doc.text[h.span.range()].chars().next().is_some_and(char::is_lowercase);
        !(lower && self.lex.lists.titles.get(h.idx as usize).is_some_and(|t| t.honorific))
    }

    /// The title hit that starts at token `i`: its end in tokens and index.
    fn title_at(&self, i: usize, end: usize) -> Option<(usize, u32, Span)> {
        let t = self.doc.tokens().get(i)?;
        let a = self.doc.titles.partition_point(|h| h.span.end <= t.span.start);
        let h = self.doc.titles.get(a).filter(|h| self.title_ok(h))?;
        // A title that starts here, or one that began earlier in the run and
        // covers this token ("... for Humanitarian Affairs Mark Lowcock").
        if h.span.start > t.span.start {
            return None;
        }
        let j = self.doc.tok_containing(h.span.end.saturating_sub(1)) + 1;
        (j <= end.max(i + 1)).then_some((j, h.idx, h.span))
    }

    /// The title hit that ends with token `e - 1` and starts after token `k`.
    fn title_ending(&self, k: usize, e: usize) -> Option<(usize, u32, Span)> {
        let last = self.doc.tokens().get(e.checked_sub(1)?)?;
        let i = self.doc.titles.partition_point(|h| h.span.end <= last.span.start);
        let h = self.doc.titles.get(i).filter(|h| self.title_ok(h))?;
        if h.span.end != last.span.end {
            return None;
        }
        let j = self.doc.tok_at(h.span.start);
        (j > k && self.doc.tokens().get(j).is_some_and(|t| t.span.start == h.span.start)).then_some((j, h.idx, h.span))
    }

    fn given(&self, i: usize) -> Option<GivenName> {
        let s = self.doc.tok(i);
        if !self.cap_word(i) || s.ends_with('.') {
            return None;
        }
        let given = &self.lex.lists.given;
        if let Some(g) = given.get(&key_of(s)) {
            return Some(*g);
        }
        // "Jean-Guy", "Anna-Lena": a compound of a given name and a capitalised part.
        let (first, rest) = s.split_once(['-', '‐'])?;
        if in_list(NAME_PARTICLES, first) || in_list(SURNAME_PARTICLES, first) || first.len() < 3 {
            return None;
        }
        let g = given.get(&key_of(first))?;
        let second = given.get(&key_of(rest));
        rest.chars().next().filter(|c| c.is_uppercase())?;
        (!g.common || second.is_some()).then_some(GivenName { gender: g.gender, common: false })
    }

    /// A token that may be part of a name but says nothing itself.
    fn plain(&self, i: usize) -> bool {
        let s = self.doc.tok(i);
        self.cap_word(i)
            && !in_list(NOT_NAMES, s)
            && !in_list(PRE_LABELS, s)
            && !ORG_TAILS.contains(&s)
            && !PLACE_TAILS.contains(&s)
            && self.title_at(i, i + 1).is_none()
            && self.entity_at(i, usize::MAX).is_none_or(|(_, _, amb)| amb)
    }

    /// "McAllister", "MacKay", "O’Neill", "FitzGerald": telling surname forms.
    fn surname_form(&self, i: usize) -> bool {
        let s = self.doc.tok(i);
        let rest = s.strip_prefix("Mc").or_else(|| s.strip_prefix("Mac")).or_else(|| s.strip_prefix("Fitz"));
        let upper_then = |r: &str, n: usize| r.chars().next().is_some_and(char::is_uppercase) && r.chars().count() >= n;
        let irish = s.strip_prefix("O’").or_else(|| s.strip_prefix("O'"));
        let telling = rest.is_some_and(|r| upper_then(r, 3)) || irish.is_some_and(|r| upper_then(r, 2));
        telling && self.doc.tokens()[i].cap && !self.doc.tokens()[i].upper
    }
}

/// Whether a paragraph is a Title Case headline: most of its words capitalised.
///
/// Worked out once per paragraph and kept in the doc: callers ask per
/// sentence and per match, and a long paragraph must stay linear.
pub(crate) fn title_case(doc: &Doc<'_>, para: usize) -> bool {
    let memo = doc.title_case.get_or_init(|| (0..doc.seg.paragraphs.len()).map(|p| title_case_of(doc, p)).collect());
    memo.get(para).copied().unwrap_or(false)
}

fn title_case_of(doc: &Doc<'_>, para: usize) -> bool {
    let Some(p) = doc.seg.paragraphs.get(para) else { return false };
    if !p.headline {
        return false;
    }
    let a = doc.tok_at(p.span.start);
    let b = doc.tok_at(p.span.end);
    let (mut words, mut caps) = (0, 0);
    for i in a..b {
        let t = &doc.tokens()[i];
        if t.kind == TokKind::Word && doc.tok(i).len() > 3 {
            words += 1;
            caps += usize::from(t.cap);
        }
    }
    words >= 3 && caps * 4 >= words * 3
}

/// Finds people by rule and appends them to `out`.
pub(crate) fn people(doc: &Doc<'_>, lex: &Lexicon, out: &mut Vec<Cand>) {
    let cx = Ctx { doc, lex };
    let mut names: Vec<Name> = Vec::new();
    for (si, s) in doc.seg.sentences.iter().enumerate() {
        let weak = title_case(doc, s.para);
        let (start, end) = (s.tokens.start, s.tokens.end);
        names.clear();
        let mut i = start;
        while i < end {
            if !cx.name_tok(i) {
                i += 1;
                continue;
            }
            let a = i;
            let mut b = i + 1;
            while b < end {
                if is_possessive_tail(doc.tok(b - 1)) > 0 {
                    break;
                }
                let apostrophe = matches!(doc.tok(b), "'" | "’");
                // Particles, one or two, between capitalised words: "van der Berg".
                let particles = (cx.particle(b) && b + 1 < end && cx.name_tok(b + 1))
                    || (cx.particle(b) && cx.particle(b + 1) && b + 2 < end && cx.name_tok(b + 2));
                if cx.name_tok(b) || particles {
                    b += 1;
                } else if apostrophe && doc.tok(b - 1).chars().count() == 1 && cx.touch(b, b + 1) && cx.cap_word(b + 1)
                {
                    // "O 'Neill" as pre-tokenised text writes "O’Neill".
                    b += 2;
                } else {
                    break;
                }
            }
            for (f, e) in split_run(&cx, a, b) {
                if let Some(n) = run(&cx, si, f, e) {
                    names.push(n);
                }
            }
            i = b;
        }
        coordinate(&cx, &mut names);
        for n in &names {
            if n.evidence == Evidence::Plain {
                continue;
            }
            let (fs, last) = (doc.tokens()[n.f].span.start, &doc.tokens()[n.e - 1]);
            let end = last.span.end - is_possessive_tail(doc.tok(n.e - 1));
            if end <= fs {
                continue;
            }
            out.push(Cand {
                span: Span::new(fs, end),
                kind: Kind::Person,
                source: Source::Rule { strong: n.evidence == Evidence::Strong && !weak },
                title: n.title.map(|(_, s)| s),
                pre: n.pre,
                gender: n.gender,
            });
        }
    }
}

/// Splits a run where a second full name starts right after a first one
/// ("Ann Smith John Brown" in pre-tokenised lists).
fn split_run(cx: &Ctx<'_, '_>, a: usize, b: usize) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut s = a;
    let mut p = a + 2;
    while p + 1 < b {
        let starts = cx.given(p).is_some_and(|g| !g.common)
            && cx.given(s).is_some()
            && cx.given(p - 1).is_none()
            && !cx.doc.tok(p - 1).ends_with('.')
            && cx.doc.tok(p - 1).chars().count() > 1
            && cx.cap_word(p + 1)
            && !cx.particle(p - 1);
        if starts {
            out.push((s, p));
            s = p;
            p += 2;
        } else {
            p += 1;
        }
    }
    out.push((s, b));
    out
}

/// Reads one run of name tokens `a..b`.
fn run(cx: &Ctx<'_, '_>, si: usize, a: usize, mut b: usize) -> Option<Name> {
    let doc = cx.doc;
    let sent_start = doc.seg.sentences[si].tokens.start;
    let mut k = a;
    let mut title: Option<(u32, Span)> = None;
    let mut pre: Option<Span> = None;
    let mut regal = false;
    while k < b {
        if let Some((j, idx, span)) = cx.title_at(k, b) {
            regal = REGAL.contains(&doc.tok(k)) && j == k + 1;
            title = Some((idx, span));
            k = j;
            continue;
        }
        let l = cx.lower(k);
        if in_list(NOT_NAMES, &l) || in_list(PRE_LABELS, &l) {
            k += 1;
            continue;
        }
        // A country, nationality or group stands before a title, never after it:
        // "Iraqi Prime Minister ...", "UN envoy ...", but "Minister Amal Haddad".
        if let Some((j, kind, _)) = cx.entity_at(k, b).filter(|_| title.is_none()) {
            if kind != Kind::Person && j < b && cx.title_at(j, b).is_some() {
                pre = Some(Span::new(doc.tokens()[k].span.start, doc.tokens()[j - 1].span.end));
                k = j;
                continue;
            }
        }
        break;
    }
    // A title may also end just before the run: "spokesman Samir Haddad".
    if title.is_none() && a > 0 {
        let before = doc.titles.partition_point(|h| h.span.end <= doc.tokens()[a].span.start);
        if let Some(h) = before.checked_sub(1).and_then(|i| doc.titles.get(i)).filter(|h| {
            let j = doc.tok_containing(h.span.end.saturating_sub(1));
            j + 1 == a && doc.sentence_of_tok(j) == si && cx.title_ok(h)
        }) {
            title = Some((h.idx, h.span));
        }
    }
    // A title that began before the run ("United Nations Under-Secretary
    // General for Humanitarian Affairs Ingrid Solberg"): the country or group
    // right before it is the person's.
    if let Some((_, t)) = title.filter(|(_, t)| pre.is_none() && t.start < doc.tokens()[a].span.start) {
        let first = doc.tok_at(t.start);
        pre = (first.saturating_sub(4)..first).find_map(|i| {
            let (j, kind, _) = cx.entity_at(i, first)?;
            (j == first && kind != Kind::Person && doc.sentence_of_tok(i) == si)
                .then(|| Span::new(doc.tokens()[i].span.start, doc.tokens()[j - 1].span.end))
        });
    }
    // "the Olive Tree", "a French Community": a determiner before a name
    // without a title makes it a thing, not a person.
    let det = |i: usize| i > 0 && cx.lower(i - 1) == "the";
    if title.is_none() && ((k == a && det(a)) || (k > a && det(k))) {
        return None;
    }
    while b > k && in_list(NOT_NAMES, doc.tok(b - 1)) {
        // "Adlai Stevenson I (...)": a regnal number, not the pronoun.
        let regnal = doc.tok(b - 1) == "I" && b - k >= 3 && !cx.low_word(b) && cx.given(k).is_some();
        if regnal {
            break;
        }
        b -= 1;
    }
    // A title after the name is no part of it: "Ann Smith MP".
    let mut post_title = None;
    if let Some((j, idx, span)) = cx.title_ending(k, b) {
        post_title = Some((idx, span));
        b = j;
    }
    if k >= b {
        return None;
    }
    // "... Foundation", "... University": an organisation or a place.
    if ORG_TAILS.contains(&doc.tok(b - 1)) || (k..b).any(|i| matches!(doc.tok(i), "Daily" | "University" | "Party")) {
        return None;
    }
    let place_tail = PLACE_TAILS.contains(&doc.tok(b - 1));
    let gender_of_title =
        |t: Option<(u32, Span)>| t.and_then(|(i, _)| cx.lex.lists.titles.get(i as usize)).and_then(|t| t.gender);
    let title_gender = gender_of_title(title).or(gender_of_title(post_title));
    let len = b - k;
    let mut name =
        Name { f: k, e: b, title: title.or(post_title), pre, gender: title_gender, evidence: Evidence::Plain };
    if title.is_some() {
        // Title + name: "Ms. Graham", "President Ivan Petrov".
        if len > 4 {
            return None;
        }
        if regal && len == 1 {
            // "King Abdullah": the title is part of a one-word name.
            name.f = k - 1;
            name.title = None;
        }
        name.gender = name.gender.or(cx.given(k).and_then(|g| g.gender));
        name.evidence = Evidence::Strong;
        return Some(name);
    }
    if let Some((f, g)) = given_name(cx, sent_start, k, b) {
        // "Jordan River", "Hope Street"; but "Michael Bay".
        if place_tail && g.common {
            return None;
        }
        name.f = f;
        name.gender = name.gender.or(g.gender);
        name.evidence = Evidence::Strong;
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
    let shaped = (k..b).any(|i| cx.surname_form(i))
        || (len >= 2 && SURNAME_PARTICLES.contains(&doc.tok(k)) && cx.cap_word(k + 1) && k != sent_start);
    let pred = if len <= 3 { predicate(cx, after_apposition(cx, b)) } else { None };
    if let Some(p) = pred {
        name.gender = name.gender.or(p.gender);
    }
    // "at Stanford, the ...": after a preposition of place it is a place.
    let placed = k > 0 && matches!(cx.lower(k - 1).as_str(), "in" | "at" | "near" | "into" | "across" | "inside");
    if place_tail || placed {
        return None;
    }
    // A list entry ("Jordan") needs its own pronoun: "... injured his knee".
    let pronoun = pred.is_some_and(|p| p.gender.is_some() && (free || p.own));
    let telling = ((1..=4).contains(&len) && appositive_role(cx, b)) || pronoun;
    // "Rescuers worked ...": a plural noun opening a sentence is no surname.
    let plural = len == 1
        && k == sent_start
        && ["ers", "ors", "ists", "ants", "ents", "ies", "ians", "ees", "ives", "ics"]
            .iter()
            .any(|x| doc.tok(k).ends_with(x));
    let context = (1..=3).contains(&len)
        && !plural
        && ((k > 0 && cue_ends_at(cx, k)) || object_of_person(cx, k) || pred.is_some() || shaped);
    if telling || (free && context) {
        name.evidence = Evidence::Strong;
    } else if !free || len > 3 || !(k..b).all(|i| cx.plain(i) || cx.particle(i) || cx.joined_article(i)) {
        return None;
    }
    Some(name)
}

/// The first known given name in `k..b` that starts a name: where the name
/// starts (with a kunya or unknown fore-names before it) and the given name.
fn given_name(cx: &Ctx<'_, '_>, sent_start: usize, k: usize, b: usize) -> Option<(usize, GivenName)> {
    for j in k..b.saturating_sub(1) {
        let Some(g) = cx.given(j) else { continue };
        // "French", "German": a demonym first is no given name, nor a
        // country, group or place that is not marked ambiguous ("Iran").
        if cx.entity_at(j, b).is_some_and(|(_, kind, amb)| kind == Kind::Nationality || (kind != Kind::Person && !amb))
        {
            continue;
        }
        // "Gael TD ...": an acronym after it is no surname ("Henry IV" is a name).
        if cx.doc.tokens()[j + 1].upper && !cx.doc.tok(j + 1).ends_with('.') && !roman(cx.doc.tok(j + 1)) {
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
        // a longer name is part of it ("Ahmad Shah Massoud").
        let titled = cx.title_at(j + 1, b).is_some_and(|(t, _, _)| g.common || t != j + 2 || !cx.cap_word(t));
        if in_list(PRE_LABELS, next) || in_list(NOT_NAMES, next) || titled {
            continue;
        }
        if g.common && j == sent_start && b - j > 3 {
            continue;
        }
        let mut f = j;
        while f > k && in_list(NAME_OPENERS, cx.doc.tok(f - 1)) {
            f -= 1;
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
            f -= 1;
            n += 1;
        }
        return Some((f, g));
    }
    None
}

/// ", a spokesman for", ", the finance minister," after token `b - 1`.
fn appositive_role(cx: &Ctx<'_, '_>, b: usize) -> bool {
    let doc = cx.doc;
    if doc.tok(b) != "," {
        return false;
    }
    let mut j = b + 1;
    if matches!(cx.lower(j).as_str(), "a" | "an" | "the" | "who" | "its" | "his" | "her" | "whose") {
        if matches!(cx.lower(j).as_str(), "who" | "whose") {
            return true;
        }
        j += 1;
    }
    let Some(t) = doc.tokens().get(j) else { return false };
    let stop = doc.tokens().get(j + 4).map_or(usize::MAX, |t| t.span.end);
    // A title followed by a name introduces that person, not the run before:
    // "on Telegram, the group's commander Mohamed Dagalo, said".
    Doc::in_span(&doc.titles, Span::new(t.span.start, stop)).iter().any(|h| {
        let next = doc.tok_at(h.span.end);
        h.span.end <= stop && !(cx.cap_word(next) && cx.cap_word(next + 1))
    })
}

/// True when a reporting cue ends right before token `k`: "said Omar Khalil".
fn cue_ends_at(cx: &Ctx<'_, '_>, k: usize) -> bool {
    let s = cx.doc.tokens()[k].span.start;
    let i = cx.doc.cues.partition_point(|h| h.span.end <= s);
    i > 0 && cx.doc.text[cx.doc.cues[i - 1].span.end..s].trim().is_empty()
}

/// "the son of ...", "led by ...": a person's phrase before token `k`.
fn object_of_person(cx: &Ctx<'_, '_>, k: usize) -> bool {
    if k < 1 {
        return false;
    }
    let (a, b) = (k.checked_sub(2).map(|i| cx.lower(i)).unwrap_or_default(), cx.lower(k - 1));
    PERSON_OBJECTS.iter().any(|(x, y)| *x == a && *y == b) || PERSON_OBJECT_VERBS.contains(&b.as_str())
}

/// Where the predicate of a subject ending before token `b` starts: after an
/// apposition between commas ("Jordan, a guard for the Bulls, injured ..."),
/// else `b`.
fn after_apposition(cx: &Ctx<'_, '_>, b: usize) -> usize {
    if cx.doc.tok(b) != "," {
        return b;
    }
    for i in b + 1..b + 10 {
        let Some(t) = cx.doc.tokens().get(i) else { break };
        if t.kind == TokKind::Punct {
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

/// What follows a subject at token `b` that only a person does: "was
/// elected", "held his seat", "was a member of".
fn predicate(cx: &Ctx<'_, '_>, b: usize) -> Option<Pred> {
    let doc = cx.doc;
    // Adverbs and auxiliaries, then the verb: "narrowly held", "was first elected".
    let mut j = b;
    while j < b + 4 && cx.low_word(j) && in_list(ADVERBS, doc.tok(j)) {
        j += 1;
    }
    if !cx.low_word(j) {
        return None;
    }
    let w = cx.lower(j);
    let aux = j > b && matches!(cx.lower(j - 1).as_str(), "was" | "is" | "has" | "had" | "been");
    let person_verb = PERSON_VERBS.contains(&w.as_str());
    // "was a member of", "is the party's leader".
    let copula = aux || matches!(w.as_str(), "remained" | "remains" | "became" | "becomes");
    let art = if aux { j } else { j + 1 };
    let role = copula
        && matches!(cx.lower(art).as_str(), "a" | "an" | "the")
        && (art + 1..art + 4).any(|i| {
            let l = cx.lower(i);
            ROLE_NOUNS.contains(&l.as_str())
                || in_list(PRE_LABELS, &l)
                || (cx.low_word(i) && cx.title_at(i, i + 1).is_some())
        });
    let verb_like = person_verb || OTHER_VERBS.contains(&w.as_str()) || (w.len() > 4 && w.ends_with("ed"));
    if !verb_like && !role {
        return None;
    }
    // "won re-election", "held the seat": what only a candidate wins or loses.
    let office = verb_like
        && (j + 1..j + 4).any(|i| {
            cx.low_word(i) && matches!(cx.lower(i).as_str(), "re-election" | "reelection" | "seat" | "nomination")
        });
    // A pronoun of the subject's gender shortly after the verb: "held his seat".
    for i in j + 1..j + 8 {
        if doc.tokens().get(i).is_some_and(|t| t.kind == TokKind::Number) {
            continue;
        }
        if !cx.low_word(i) {
            break;
        }
        let (gender, own) = match cx.lower(i).as_str() {
            "his" | "himself" => (Gender::Male, true),
            "he" => (Gender::Male, false),
            "her" | "herself" => (Gender::Female, true),
            "she" => (Gender::Female, false),
            "its" | "it" | "their" | "they" | "them" | "themselves" | "itself" | "which" => break,
            _ => continue,
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
    let person = |n: &Name| n.evidence == Evidence::Strong || cx.person_hit(n.f, n.e);
    let joined = |x: &Name, y: &Name| match y.f.checked_sub(x.e) {
        Some(1) => matches!(cx.doc.tok(x.e), "," | "and" | "&" | "or"),
        Some(2) => cx.doc.tok(x.e) == "," && matches!(cx.doc.tok(x.e + 1), "and" | "or"),
        _ => false,
    };
    let promote = |n: &mut Name| {
        if n.evidence == Evidence::Plain && n.e - n.f <= 3 && !cx.person_hit(n.f, n.e) {
            n.evidence = Evidence::Strong;
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

/// A capitalised word, over bytes: an ASCII or Latin-1 capital, then letters,
/// apostrophes, hyphens and any non-ASCII bytes (curly apostrophes, accented
/// letters). Byte classes keep the lazy DFA small: with Unicode classes it
/// spent most of its time building states on long texts.
const CAP: &str = r"(?:U\.S\.|U\.K\.|(?:[A-Z]|\xC3[\x80-\x9E])(?:[a-zA-Z'\-]|[\x80-\xFF])*)";

/// Head words of organisations: "... Party", "... Council", "... Greens".
const HEADS: &str = "Ministry|Party|Council|Committee|Front|Movement|Forces|Army|Brigades?|Authority|Agency|Corps|\
                     Commission|Organi[sz]ation|Union|Alliance|League|Coalition|Assembly|Court|Guards?|Battalions?|\
                     Division|Institute|Foundation|Association|Federation|Network|Service|Office|Department|Bureau|\
                     Directorate|Command|Police|Bank|Fund|Programme|Parliament|Senate|Congress|Cabinet|Group|\
                     Company|Corporation|Militia|Mobili[sz]ation|Resistance|Navy|Air Force|Guard|Caucus|Consortium|\
                     Society|Club|University|College|Academy|Centre|Center|Board|Institution|Endowment|Trust|Bloc|\
                     Forum|Confederation|Secretariat|Legislature|Tribunal|Democrats|Republicans|Greens|Conservatives|\
                     Liberals|Socialists|Communists|Nationals|Populars";

static GROUP_HEAD: Lazy<BytesRegex> = Lazy::new(|| {
    let re = format!(
        r"(?-u)(?:{cap}\s+(?:(?:of|for|and|al|el)[\s-]+)?){{0,5}}(?:{heads})\b(?:\s+(?:of|for)\s+(?:the\s+)?{cap}(?:\s+(?:and\s+|of\s+)?{cap}){{0,3}})?",
        cap = CAP,
        heads = HEADS
    );
    // A larger cache for the lazy DFA: long texts full of capitalised words
    // need many states.
    regex::bytes::RegexBuilder::new(&re).dfa_size_limit(32 << 20).build().expect("the group pattern is valid")
});

/// One head word, alone.
static HEAD_WORD: Lazy<Regex> =
    Lazy::new(|| Regex::new(&format!("^(?:{})$", HEADS)).expect("the head pattern is valid"));

static GROUP_PREFIX: Lazy<BytesRegex> = Lazy::new(|| {
    let re = format!(
        r"(?-u)\b(?:Kata(?:\xE2\x80\x99|')?ib|Kataeb|Asa(?:\xE2\x80\x99|')?ib|Harakat|Jaish|Jaysh|Liwa|Saraya|Ansar|Hizb|Jabhat|Hay(?:\xE2\x80\x99|')?at|Firqat|Quwat|Tahrir)\s+(?:(?:al|el|ul)[\s-])?{cap}(?:\s+(?:(?:al|el)[\s-])?{cap}){{0,3}}",
        cap = CAP
    );
    BytesRegex::new(&re).expect("the prefix pattern is valid")
});

fn group_cand(span: Span) -> Cand {
    Cand { span, kind: Kind::Group, source: Source::Rule { strong: true }, title: None, pre: None, gender: None }
}

/// Finds groups by their form and appends them to `out`: a head word
/// ("Ministry of X", "X Party", "X Democrats"), an Arabic prefix ("Kata’ib
/// X"), or a name followed by its acronym in brackets ("Union of Free
/// Traders (UFT)").
pub(crate) fn groups(doc: &Doc<'_>, out: &mut Vec<Cand>) {
    let text = doc.text;
    for re in [&*GROUP_HEAD, &*GROUP_PREFIX] {
        for m in re.find_iter(text.as_bytes()) {
            let mut s = m.start();
            let e = m.end();
            // The byte classes keep matches on char boundaries; check anyway.
            if !text.is_char_boundary(s) || !text.is_char_boundary(e) {
                continue;
            }
            let first = doc.tok_at(s);
            let si = doc.sentence_of_tok(first);
            let Some(sent) = doc.seg.sentences.get(si) else { continue };
            if title_case(doc, sent.para) {
                continue;
            }
            // Drop opening words that are no part of a name.
            let mut i = first;
            while i < doc.tokens().len() && doc.tokens()[i].span.end < e {
                let l = doc.tok(i).to_lowercase();
                if NOT_NAMES.contains(&l.as_str()) || l == "the" {
                    i += 1;
                    if let Some(t) = doc.tokens().get(i) {
                        s = t.span.start;
                    }
                } else {
                    break;
                }
            }
            // "Iraq’s National Security Council": the name starts after a possessive.
            let mut i = doc.tok_at(s);
            while i < doc.tokens().len() && doc.tokens()[i].span.end < e {
                if is_possessive_tail(doc.tok(i)) == 0 {
                    i += 1;
                    continue;
                }
                s = doc.tokens().get(i + 1).map_or(e, |t| t.span.start);
                i += 1;
            }
            // The span must not cross a sentence end.
            if s >= e || doc.sentence_at(s) != doc.sentence_at(e.saturating_sub(1)) {
                continue;
            }
            for part in split_and(doc, Span::new(s, e)).into_iter().flat_map(|p| split_the(doc, p)) {
                let Some(span) = before_title(doc, part) else { continue };
                // A bare head ("Council", "Army") is no name.
                if text[span.range()].contains(char::is_whitespace) {
                    out.push(group_cand(span));
                }
            }
        }
    }
    acronym_groups(doc, out);
}

/// Whether token `i` is a head word.
fn is_head(doc: &Doc<'_>, i: usize) -> bool {
    HEAD_WORD.is_match(doc.tok(i))
}

/// Party members in the plural: heads at the end of a name ("Freedonian
/// Democrats"), but inside one they are its members ("Alliance of Liberals
/// and Democrats ...").
const MEMBERS: &[&str] = &[
    "Democrats",
    "Republicans",
    "Greens",
    "Conservatives",
    "Liberals",
    "Socialists",
    "Communists",
    "Nationals",
    "Populars",
];

/// "the Reform Party of Canada and the Canadian Alliance": two groups the
/// pattern read as one are split at "and" when both have a head and the
/// first ends complete: in its head, or in the place of an "of X". "Social
/// Democratic and Labour Party", "Ministry of Foreign Affairs and Trade" and
/// "Alliance of Liberals and Democrats for Europe" stay whole.
fn split_and(doc: &Doc<'_>, span: Span) -> Vec<Span> {
    let (a, b) = (doc.tok_at(span.start), doc.tok_at(span.end));
    let mut out = Vec::new();
    let mut start = a;
    for p in a + 1..b.saturating_sub(1) {
        if doc.tok(p) != "and" {
            continue;
        }
        let left_head = (start..p).any(|i| is_head(doc, i));
        let last = doc.tok(p - 1);
        let member = MEMBERS.contains(&last);
        let of_place = p >= 2 && matches!(doc.tok(p - 2), "of" | "for");
        let left_ends = !member && (is_head(doc, p - 1) || of_place);
        let right_head = (p + 1..b).any(|i| is_head(doc, i));
        if left_head && right_head && left_ends {
            out.push(Span::new(doc.tokens()[start].span.start, doc.tokens()[p - 1].span.end));
            start = p + 1;
        }
    }
    if start == a {
        return vec![span];
    }
    if let Some(t) = doc.tokens().get(start) {
        out.push(Span::new(t.span.start, span.end));
    }
    out
}

/// "the Academy The Academy": a capitalised "The" inside starts another name.
fn split_the(doc: &Doc<'_>, span: Span) -> Vec<Span> {
    let (a, b) = (doc.tok_at(span.start), doc.tok_at(span.end));
    let mut out = Vec::new();
    let mut start = span.start;
    for p in a + 1..b {
        if doc.tok(p) == "The" {
            if let Some(prev) = doc.tokens().get(p - 1).filter(|t| t.span.start >= start) {
                out.push(Span::new(start, prev.span.end));
            }
            start = doc.tokens().get(p + 1).map_or(span.end, |t| t.span.start);
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
    let Some(t) = Doc::in_span(&doc.titles, span).iter().find(|h| h.span.end == span.end) else {
        return Some(span);
    };
    let mut i = doc.tok_at(t.span.start);
    // Back over "of", "the" before the title.
    while i > 0 && doc.tokens()[i - 1].span.start > span.start && !doc.tokens()[i - 1].cap {
        i -= 1;
    }
    let prev = i.checked_sub(1).map(|p| doc.tokens()[p]).filter(|p| p.span.start >= span.start)?;
    Some(Span::new(span.start, prev.span.end))
}

/// An acronym token: "SDF", "MpS", "DemoS" (two capitals or more, no longer
/// than eight chars).
pub(crate) fn acronym(s: &str) -> bool {
    let caps = s.chars().filter(|c| c.is_uppercase()).count();
    s.chars().next().is_some_and(char::is_uppercase)
        && caps >= 2
        && s.chars().count() <= 8
        && s.chars().all(char::is_alphanumeric)
}

/// "the Union of Free Traders (UFT)": a capitalised name followed by its
/// acronym in brackets is a group, when the acronym's letters begin its
/// words. Persons and places the lists or rules find win over it.
fn acronym_groups(doc: &Doc<'_>, out: &mut Vec<Cand>) {
    let toks = doc.tokens();
    // Where the groups found by their head end: those need no second reading.
    let formed: std::collections::HashSet<usize> =
        out.iter().filter(|c| c.kind == Kind::Group).map(|c| c.span.end).collect();
    for i in 1..toks.len().saturating_sub(2) {
        if doc.tok(i) != "(" || doc.tok(i + 2) != ")" || !acronym(doc.tok(i + 1)) {
            continue;
        }
        // The name: capitalised words and the small words between them.
        let mut a = i;
        while a > 0 {
            let t = &toks[a - 1];
            let w = doc.tok(a - 1);
            let small = matches!(w, "of" | "for" | "the" | "and" | "de" | "la" | "del" | "di" | "des");
            // A title ends the name: "President of the ... (WWP)".
            let titled = doc.titles.binary_search_by(|h| h.span.start.cmp(&t.span.start)).is_ok();
            if t.kind == TokKind::Word && (t.cap || small) && !titled && w != "The" && i - a < 8 {
                a -= 1;
            } else {
                break;
            }
        }
        while a < i && (!toks[a].cap || in_list(NOT_NAMES, doc.tok(a))) {
            a += 1;
        }
        let words: Vec<&str> =
            (a..i).map(|j| doc.tok(j)).filter(|w| w.chars().next().is_some_and(char::is_uppercase)).collect();
        let end = toks[i - 1].span.end;
        if words.len() < 2
            || doc.seg.sentences.get(doc.sentence_of_tok(i)).is_none_or(|s| title_case(doc, s.para))
            || formed.contains(&end)
        {
            continue;
        }
        let caps: Vec<char> = doc.tok(i + 1).chars().filter(|c| c.is_uppercase()).collect();
        let initials: Vec<char> = words.iter().filter_map(|w| w.chars().next()).collect();
        let hits = caps.iter().filter(|c| initials.contains(c)).count();
        if hits * 2 >= caps.len() && hits >= 1 {
            out.push(group_cand(Span::new(toks[a].span.start, toks[i - 1].span.end)));
        }
    }
}
