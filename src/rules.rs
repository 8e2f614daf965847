//! Stage 2b: rule patterns for people and groups that no list knows.
//!
//! People are found over tokens: a run of capitalised words is a person when
//! a title stands before it ("Prime Minister Mohammed Shia Al-Sudani"), when
//! it starts with a known given name ("Fadi Al-Shammari", "Abu Hussein
//! Al-Hamidawi"), or when an appositive role follows it ("Omar Khalil, a
//! spokesman for ..."). Groups are found with regular expressions over the
//! text, by their form: "Ministry of X", "X Party", "Kata’ib X".

use once_cell::sync::Lazy;
use regex::Regex;

use crate::doc::Doc;
use crate::gazetteer::{key_of, Lexicon, Payload};
use crate::output::Kind;
use crate::resolve::{Cand, Source};
use crate::segment::TokKind;
use crate::Span;

/// Capitalised words that open sentences or name times, never people.
const NOT_NAMES: &[&str] = &[
    "a",
    "about",
    "after",
    "against",
    "ahead",
    "all",
    "also",
    "although",
    "an",
    "and",
    "another",
    "any",
    "as",
    "at",
    "because",
    "before",
    "both",
    "but",
    "by",
    "despite",
    "during",
    "each",
    "earlier",
    "even",
    "every",
    "following",
    "for",
    "from",
    "however",
    "if",
    "in",
    "instead",
    "it",
    "its",
    "last",
    "later",
    "many",
    "meanwhile",
    "more",
    "most",
    "moreover",
    "my",
    "no",
    "not",
    "now",
    "on",
    "once",
    "one",
    "only",
    "our",
    "over",
    "since",
    "so",
    "some",
    "still",
    "such",
    "that",
    "the",
    "their",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "though",
    "through",
    "to",
    "today",
    "under",
    "unless",
    "until",
    "when",
    "where",
    "whether",
    "while",
    "with",
    "within",
    "without",
    "yet",
    "he",
    "she",
    "we",
    "you",
    "i",
    "his",
    "her",
    "what",
    "which",
    "who",
    "why",
    "how",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "according",
    "asked",
    "speaking",
    "several",
    "two",
    "three",
    "four",
    "five",
    "dozens",
    "hundreds",
    "thousands",
    "other",
    "others",
    "why",
    "here",
    "yesterday",
    "tomorrow",
    "tonight",
    "sources",
    "officials",
    "photo",
    "video",
    "watch",
    "read",
    "update",
    "breaking",
    "exclusive",
    "analysis",
    "opinion",
    "editorial",
    "live",
    "reporting",
    "writing",
    "editing",
    "additional",
];

/// Lower-case words allowed inside a name run.
const NAME_PARTICLES: &[&str] = &[
    "al", "el", "bin", "ibn", "bint", "abu", "abd", "de", "da", "di", "du", "del", "della", "dos", "das", "van", "von",
    "der", "den", "la", "le", "ter", "ben", "al-", "ould", "ag",
];

/// Words before a given name that belong to the name: kunyas and honorifics
/// that are part of how news writes the person.
const NAME_OPENERS: &[&str] =
    &["abu", "umm", "bin", "ibn", "abd", "sheikh", "sayyed", "sayyid", "mullah", "hajji", "haji"];

fn is_possessive_tail(s: &str) -> usize {
    for suf in ["’s", "'s", "’", "'"] {
        if s.len() > suf.len() && s.ends_with(suf) {
            return suf.len();
        }
    }
    0
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
        let t = &self.doc.tokens()[i];
        t.kind == TokKind::Word && t.cap
    }

    fn particle(&self, i: usize) -> bool {
        let s = self.doc.tok(i);
        let l = s.to_lowercase();
        self.doc.is_word(i) && NAME_PARTICLES.contains(&l.as_str())
    }

    /// The entity hit that starts at token `i` and is not a person, if any:
    /// its end in tokens.
    fn entity_at(&self, i: usize, end: usize) -> Option<(usize, Kind)> {
        let start = self.doc.tokens()[i].span.start;
        let hits = &self.doc.entity_hits;
        let a = hits.partition_point(|h| h.span.start < start);
        for h in hits[a..].iter().take_while(|h| h.span.start == start) {
            let kind = self.lex.payloads(h.pattern).iter().find_map(|p| match p {
                Payload::Entity { entry, role, .. } => {
                    let e = &self.lex.lists.entries[*entry as usize];
                    Some(if *role == crate::gazetteer::FormRole::Demonym { Kind::Nationality } else { e.kind })
                }
                _ => None,
            });
            let Some(kind) = kind else { continue };
            let j = self.doc.tok_containing(h.span.end.saturating_sub(1)) + 1;
            if j <= end {
                return Some((j, kind));
            }
        }
        None
    }

    /// The title hit that starts at token `i`: its end in tokens and index.
    fn title_at(&self, i: usize, end: usize) -> Option<(usize, u32, Span)> {
        let t = &self.doc.tokens()[i];
        let a = self.doc.titles.partition_point(|h| h.span.end <= t.span.start);
        let h = self.doc.titles.get(a)?;
        if h.span.start > t.span.start {
            return None;
        }
        let j = self.doc.tok_containing(h.span.end.saturating_sub(1)) + 1;
        (j <= end.max(i + 1)).then_some((j, h.idx, h.span))
    }

    fn given(&self, i: usize) -> Option<crate::gazetteer::GivenName> {
        let s = self.doc.tok(i);
        if !self.cap_word(i) || s.ends_with('.') {
            return None;
        }
        self.lex.lists.given.get(&key_of(s)).copied()
    }
}

/// Whether a paragraph is a Title Case headline: most of its words capitalised.
pub(crate) fn title_case(doc: &Doc<'_>, para: usize) -> bool {
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
    for (si, s) in doc.seg.sentences.iter().enumerate() {
        let weak = title_case(doc, s.para);
        let (start, end) = (s.tokens.start, s.tokens.end);
        let mut i = start;
        while i < end {
            if !cx.cap_word(i) {
                i += 1;
                continue;
            }
            let a = i;
            let mut b = i + 1;
            while b < end {
                let prev = doc.tok(b - 1);
                if is_possessive_tail(prev) > 0 {
                    break;
                }
                if cx.cap_word(b) || (cx.particle(b) && b + 1 < end && cx.cap_word(b + 1)) {
                    b += 1;
                } else {
                    break;
                }
            }
            run(&cx, si, a, b, weak, out);
            i = b;
        }
    }
}

fn run(cx: &Ctx<'_, '_>, si: usize, a: usize, mut b: usize, weak: bool, out: &mut Vec<Cand>) {
    let doc = cx.doc;
    let sent_start = doc.seg.sentences[si].tokens.start;
    let mut k = a;
    let mut title: Option<(u32, Span)> = None;
    let mut pre: Option<Span> = None;
    loop {
        if k >= b {
            break;
        }
        if let Some((j, idx, span)) = cx.title_at(k, b) {
            title = Some((idx, span));
            k = j;
            continue;
        }
        let l = cx.lower(k);
        if NOT_NAMES.contains(&l.as_str()) && (k == sent_start || k == a) {
            k += 1;
            continue;
        }
        // A country, nationality or group stands before a title, never after it:
        // "Iraqi Prime Minister ...", "UN envoy ...", but "Minister Amal Haddad".
        if let Some((j, kind)) = cx.entity_at(k, b).filter(|_| title.is_none()) {
            if kind != Kind::Person && j < b && cx.title_at(j, b).is_some() {
                pre = Some(Span::new(doc.tokens()[k].span.start, doc.tokens()[j - 1].span.end));
                k = j;
                continue;
            }
        }
        break;
    }
    // A title may also end just before the run: "the prime minister, Ali" is
    // no case, but "spokesman Samir Haddad" is.
    if title.is_none() && a > 0 {
        let before = doc.titles.partition_point(|h| h.span.end <= doc.tokens()[a].span.start);
        if let Some(h) = before.checked_sub(1).and_then(|i| doc.titles.get(i)).filter(|h| {
            let j = doc.tok_containing(h.span.end.saturating_sub(1));
            j + 1 == a && doc.sentence_of_tok(j) == si
        }) {
            title = Some((h.idx, h.span));
        }
    }
    while b > k && NOT_NAMES.contains(&cx.lower(b - 1).as_str()) {
        b -= 1;
    }
    if k >= b {
        return;
    }
    let title_gender = title.and_then(|(i, _)| cx.lex.lists.titles.get(i as usize)).and_then(|t| t.gender);
    let mut first = None;
    let mut gender = None;
    let mut strong = false;
    if title.is_some() {
        // Title + name: "Ms. Graham", "President Ivan Petrov".
        if b - k > 4 {
            return;
        }
        first = Some(k);
        strong = true;
        gender = cx.given(k).and_then(|g| g.gender);
    } else {
        for j in k..b.saturating_sub(1) {
            let Some(g) = cx.given(j) else { continue };
            // "Will Iran ...": a given name before a country or group is no name.
            let next_is_entity = cx.entity_at(j + 1, b).is_some_and(|(_, k)| k != Kind::Person);
            let sentence_initial = j == sent_start;
            if g.common && (next_is_entity || (sentence_initial && b - j > 3)) {
                continue;
            }
            if next_is_entity && !cx.cap_word(j + 2) && j + 2 >= b {
                continue;
            }
            let mut f = j;
            while f > k && NAME_OPENERS.contains(&cx.lower(f - 1).as_str()) {
                f -= 1;
            }
            first = Some(f);
            gender = g.gender;
            strong = !g.common;
            break;
        }
        if first.is_none() && (2..=4).contains(&(b - k)) && appositive_role(cx, b) {
            first = Some(k);
            strong = true;
        }
        if first.is_none() && (2..=3).contains(&(b - k)) && k > 0 && cue_ends_at(cx, k) {
            first = Some(k);
        }
    }
    let Some(f) = first else { return };
    let (fs, last) = (doc.tokens()[f].span.start, &doc.tokens()[b - 1]);
    let mut end = last.span.end;
    end -= is_possessive_tail(doc.tok(b - 1));
    if end <= fs {
        return;
    }
    out.push(Cand {
        span: Span::new(fs, end),
        kind: Kind::Person,
        source: Source::Rule { strong: strong && !weak },
        title: title.map(|(_, s)| s),
        pre,
        gender: title_gender.or(gender),
    });
}

/// ", a spokesman for", ", the finance minister," after token `b - 1`.
fn appositive_role(cx: &Ctx<'_, '_>, b: usize) -> bool {
    let doc = cx.doc;
    if doc.tok(b) != "," {
        return false;
    }
    let mut j = b + 1;
    if matches!(cx.lower(j).as_str(), "a" | "an" | "the" | "who" | "its" | "his" | "her") {
        if cx.lower(j) == "who" {
            return true;
        }
        j += 1;
    }
    let Some(t) = doc.tokens().get(j) else { return false };
    let stop = doc.tokens().get(j + 4).map_or(usize::MAX, |t| t.span.end);
    Doc::in_span(&doc.titles, Span::new(t.span.start, stop)).iter().any(|h| h.span.end <= stop)
}

/// True when a reporting cue ends right before token `k`: "said Omar Khalil".
fn cue_ends_at(cx: &Ctx<'_, '_>, k: usize) -> bool {
    let s = cx.doc.tokens()[k].span.start;
    let i = cx.doc.cues.partition_point(|h| h.span.end <= s);
    i > 0 && cx.doc.text[cx.doc.cues[i - 1].span.end..s].trim().is_empty()
}

const CAP: &str = r"(?:U\.S\.|U\.K\.|\p{Lu}[\p{L}\p{M}’'\-]*)";

static GROUP_HEAD: Lazy<Regex> = Lazy::new(|| {
    let heads = "Ministry|Party|Council|Committee|Front|Movement|Forces|Army|Brigades?|Authority|Agency|Corps|\
                 Commission|Organi[sz]ation|Union|Alliance|League|Coalition|Assembly|Court|Guards?|Battalions?|\
                 Division|Institute|Foundation|Association|Federation|Network|Service|Office|Department|Bureau|\
                 Directorate|Command|Police|Bank|Fund|Programme|Parliament|Senate|Congress|Cabinet|Group|\
                 Company|Corporation|Militia|Mobili[sz]ation|Resistance|Navy|Air Force|Guard";
    let re = format!(
        r"(?:{cap}\s+(?:(?:of|for|and|al|el)[\s-]+)?){{0,5}}(?:{heads})(?-u:\b)(?:\s+(?:of|for)\s+(?:the\s+)?{cap}(?:\s+(?:and\s+|of\s+)?{cap}){{0,3}})?",
        cap = CAP,
        heads = heads
    );
    Regex::new(&re).expect("the group pattern is valid")
});

static GROUP_PREFIX: Lazy<Regex> = Lazy::new(|| {
    let re = format!(
        r"(?-u:\b)(?:Kata[’']?ib|Kataeb|Asa[’']?ib|Harakat|Jaish|Jaysh|Liwa|Saraya|Ansar|Hizb|Jabhat|Hay[’']?at|Firqat|Quwat|Tahrir)\s+(?:(?:al|el|ul)[\s-])?{cap}(?:\s+(?:(?:al|el)[\s-])?{cap}){{0,3}}",
        cap = CAP
    );
    Regex::new(&re).expect("the prefix pattern is valid")
});

/// Finds groups by their form and appends them to `out`.
pub(crate) fn groups(doc: &Doc<'_>, out: &mut Vec<Cand>) {
    let text = doc.text;
    for re in [&*GROUP_HEAD, &*GROUP_PREFIX] {
        for m in re.find_iter(text) {
            let mut s = m.start();
            let e = m.end();
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
            let span = Span::new(s, e);
            let inner = &text[span.range()];
            // A bare head ("Council", "Army") is no name.
            if !inner.contains(char::is_whitespace) {
                continue;
            }
            // The span must not cross a sentence end.
            if doc.sentence_at(s) != doc.sentence_at(e.saturating_sub(1)) {
                continue;
            }
            out.push(Cand {
                span,
                kind: Kind::Group,
                source: Source::Rule { strong: true },
                title: None,
                pre: None,
                gender: None,
            });
        }
    }
}
