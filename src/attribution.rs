//! Stage 4b and 5: reporting cues, statements and who made them.
//!
//! For every quotation the stage looks, in this order, at the words after it
//! in its sentence ("“...,” he said", "“...,” said Omar Khalil", "“...,” a
//! Turkish source familiar with the situation told Sputnik"), at the words
//! before it ("Al-Hamidawi said: “...”", "called on major powers to “...”",
//! "According to X, “...”"), and at the quotes around it (the second half of
//! a split quote, a multi-paragraph quote, a paragraph of pure quote after an
//! attributed one). The speaker is a person, a description, a group, a
//! country or a pronoun resolved to the nearest compatible antecedent.
//! Sentences without marks whose cue takes a clause ("stressed that",
//! "called on Y to", "according to X,") give indirect quotes.

use std::borrow::Cow;

use crate::doc::{Doc, LexHit};
use crate::gazetteer::{frame, Lexicon};
use crate::output::{Cue, Gender, Kind, Quote, QuoteKind, Relation, RelationKind, Speaker};
use crate::quotes::QuoteSpan;
use crate::resolve::Resolved;
use crate::segment::TokKind;
use crate::Span;

/// Words that open an adverbial, not a subject.
const ADVERBIAL: &[&str] = &[
    "during",
    "in",
    "on",
    "at",
    "after",
    "before",
    "despite",
    "meanwhile",
    "however",
    "later",
    "earlier",
    "according",
    "also",
    "but",
    "and",
    "yet",
    "still",
    "speaking",
    "asked",
    "then",
    "now",
    "separately",
    "moreover",
    "furthermore",
    "nevertheless",
    "instead",
    "since",
    "while",
    "when",
    "as",
    "with",
    "without",
    "following",
    "amid",
    "under",
    "over",
    "for",
    "from",
    "by",
    "through",
    "last",
    "this",
    "today",
    "yesterday",
    "so",
    "thus",
    "indeed",
    "but",
    "although",
    "though",
    "because",
    "if",
    "once",
    "until",
    "upon",
    "addressing",
    "writing",
    "in",
    "to",
    "of",
    "about",
];

/// Words that put what follows inside a prepositional phrase.
const PREPOSITIONS: &[&str] = &[
    "of", "for", "with", "to", "from", "by", "at", "in", "on", "about", "against", "between", "among", "under", "over",
    "after", "before", "during", "into", "near", "toward", "towards", "via", "like", "than",
];

/// Words trimmed from the end of a speaker description.
const TRAILING: &[&str] = &[
    "has",
    "have",
    "had",
    "is",
    "was",
    "were",
    "are",
    "will",
    "would",
    "could",
    "can",
    "may",
    "might",
    "must",
    "shall",
    "should",
    "also",
    "later",
    "earlier",
    "then",
    "previously",
    "again",
    "yesterday",
    "today",
    "publicly",
    "repeatedly",
    "reportedly",
    "recently",
    "further",
    "separately",
    "once",
    "already",
    "on",
    "last",
    "week",
    "month",
    "year",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "night",
    "morning",
    "evening",
    "afternoon",
    "this",
    "had",
    "been",
    "not",
    "never",
    "who",
    "that",
    "which",
    "and",
    "but",
    "in",
    "a",
    "an",
    "the",
    "statement",
    "interview",
    "emailed",
    "written",
    "televised",
    "speech",
    "separate",
    "joint",
    "brief",
    "short",
];

/// Cues that report a clause without "that": "she said the talks failed".
const ZERO_THAT_LEMMAS: &[&str] = &["say", "add", "claim", "insist", "believe", "warn", "announce", "confirm"];

/// Time words that may stand between a cue and its clause: "said on Monday it had ...".
const TIME_WORDS: &[&str] = &[
    "on",
    "late",
    "early",
    "earlier",
    "later",
    "last",
    "this",
    "week",
    "month",
    "year",
    "night",
    "morning",
    "evening",
    "afternoon",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "yesterday",
    "today",
    "again",
    "publicly",
    "repeatedly",
    "also",
    "previously",
    "separately",
];

/// Words that open such a clause.
const CLAUSE_OPENERS: &[&str] = &[
    "the", "a", "an", "it", "he", "she", "they", "we", "there", "this", "these", "his", "her", "their", "its", "more",
    "no", "at", "some", "several", "many", "most", "all", "nearly", "almost", "about", "around", "only", "both",
];

/// Words after which a cue word is a noun or an infinitive, not a verb.
const NOT_BEFORE_CUE: &[&str] = &[
    "amid",
    "in",
    "of",
    "the",
    "a",
    "an",
    "media",
    "press",
    "news",
    "such",
    "these",
    "those",
    "recent",
    "several",
    "many",
    "some",
    "his",
    "her",
    "their",
    "its",
    "our",
    "my",
    "to",
    "unconfirmed",
    "conflicting",
    "earlier",
];

/// Words that open a complement of a speaker noun.
const COMPLEMENT_OPENERS: &[&str] = &[
    "of",
    "for",
    "at",
    "in",
    "with",
    "from",
    "on",
    "to",
    "familiar",
    "close",
    "based",
    "near",
    "inside",
    "within",
    "involved",
    "briefed",
    "knowledgeable",
    "aware",
    "speaking",
    "loyal",
    "linked",
    "allied",
    "backed",
];

const DETERMINERS: &[&str] =
    &["a", "an", "the", "some", "several", "many", "two", "three", "four", "five", "other", "one", "senior", "top"];

/// A speaker found in the text.
#[derive(Clone, Debug)]
struct Spk {
    span: Span,
    ent: Option<usize>,
    pronoun: bool,
}

struct Attr<'a, 't> {
    doc: &'a Doc<'t>,
    lex: &'a Lexicon,
    res: &'a mut Resolved,
    /// Quote spans, mark to mark, sorted: cues and mentions inside are skipped.
    inside: Vec<Span>,
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

impl<'a, 't> Attr<'a, 't> {
    fn quoted(&self, b: usize) -> bool {
        let i = self.inside.partition_point(|s| s.end <= b);
        self.inside.get(i).is_some_and(|s| s.start <= b)
    }

    fn cues_in(&self, span: Span) -> Vec<LexHit> {
        Doc::in_span(&self.doc.cues, span)
            .iter()
            .filter(|h| {
                h.span.end <= span.end
                    && !self.quoted(h.span.start)
                    && self.res.mention_at(h.span.start).is_none()
                    && !self.noun_use(h)
            })
            .copied()
            .collect()
    }

    /// A cue word used as a noun or an infinitive: "amid reports that",
    /// "media reports", "declined to comment".
    fn noun_use(&self, h: &LexHit) -> bool {
        let i = self.doc.tok_at(h.span.start);
        let prev = i.checked_sub(1).map_or("", |p| self.doc.tok(p));
        NOT_BEFORE_CUE.iter().any(|w| w.eq_ignore_ascii_case(prev))
    }

    fn cue_frames(&self, h: &LexHit) -> u16 {
        self.lex.lists.cues.get(h.idx as usize).map_or(0, |c| c.frames)
    }

    fn cue_lemma(&self, h: &LexHit) -> &str {
        self.lex.lists.cues.get(h.idx as usize).map_or("", |c| c.lemma.as_str())
    }

    fn according(&self, h: &LexHit) -> bool {
        self.doc.text[h.span.range()].get(..9).is_some_and(|w| w.eq_ignore_ascii_case("according"))
    }

    /// Word tokens of `span`, outside quotes: (index, lower-case text).
    fn words(&self, span: Span) -> Vec<(usize, Cow<'t, str>)> {
        let (a, b) = (self.doc.tok_at(span.start), self.doc.tok_at(span.end));
        (a..b)
            .filter(|&i| !self.quoted(self.doc.tokens()[i].span.start))
            .map(|i| {
                let t = self.doc.tok(i);
                (i, if t.chars().any(char::is_uppercase) { Cow::Owned(t.to_lowercase()) } else { Cow::Borrowed(t) })
            })
            .collect()
    }

    /// Splits `span` at commas, semicolons, dashes and brackets.
    fn segments(&self, span: Span) -> Vec<Span> {
        let (a, b) = (self.doc.tok_at(span.start), self.doc.tok_at(span.end));
        let mut out = Vec::new();
        let mut start = span.start;
        for i in a..b {
            let t = &self.doc.tokens()[i];
            if t.kind == TokKind::Punct && matches!(self.doc.tok(i), "," | ";" | "—" | "–" | "-" | "(" | ")" | ":")
            {
                out.push(Span::new(start, t.span.start));
                start = t.span.end;
            }
        }
        out.push(Span::new(start, span.end.max(start)));
        out
    }

    fn has_words(&self, span: Span) -> bool {
        self.words(span).iter().any(|(i, _)| self.doc.is_word(*i))
    }

    /// The speaker of a subject region: the words before a cue (600 bytes
    /// at most, so that long sentences stay linear).
    fn subject(&self, region: Span) -> Option<Spk> {
        let region = if region.len() > 600 {
            let t = self.doc.tok_at(region.end - 600);
            Span::new(self.doc.tokens().get(t).map_or(region.end, |t| t.span.start.min(region.end)), region.end)
        } else {
            region
        };
        let segs = self.segments(region);
        let last = *segs.last()?;
        if self.has_words(last) {
            return self.pick(last, true);
        }
        // "X, a spokesman for Y, said": the subject before the appositive.
        let cands: Vec<Span> = segs.iter().copied().filter(|s| self.has_words(*s) && !self.adverbial(*s)).collect();
        for s in &cands {
            if let Some(p) = self.person_in(*s) {
                return Some(p);
            }
        }
        cands.first().and_then(|s| self.pick(*s, false))
    }

    fn adverbial(&self, s: Span) -> bool {
        self.words(s).first().is_some_and(|(_, w)| ADVERBIAL.contains(&w.as_ref()))
    }

    /// Strips leading adverbial words of a segment.
    fn trim_front(&self, s: Span) -> Span {
        let mut start = s.start;
        for (i, w) in self.words(s) {
            if matches!(
                w.as_ref(),
                "meanwhile" | "however" | "and" | "but" | "also" | "later" | "then" | "so" | "yet" | "still" | "now"
            ) {
                start = self.doc.tokens()[i].span.end;
            } else {
                break;
            }
        }
        Span::new(start, s.end)
    }

    /// Whether any preposition stands in `seg` before byte `b`.
    /// Prepositions inside a title or a name do not count: "Secretary of
    /// State Marco Rubio", "Ministry of Defence spokesman X".
    fn after_preposition(&self, seg: Span, b: usize) -> bool {
        self.words(Span::new(seg.start, b)).iter().any(|(i, w)| {
            let at = self.doc.tokens()[*i].span.start;
            PREPOSITIONS.contains(&w.as_ref())
                && self.res.mention_at(at).is_none()
                && !Doc::in_span(&self.doc.titles, Span::new(seg.start, b))
                    .iter()
                    .any(|t| t.span.start < at && at < t.span.end)
        })
    }

    fn person_in(&self, seg: Span) -> Option<Spk> {
        self.res
            .mentions_in(seg)
            .iter()
            .find(|m| {
                m.kind == Kind::Person && !self.quoted(m.span.start) && !self.after_preposition(seg, m.span.start)
            })
            .map(|m| Spk { span: m.span, ent: Some(m.ent), pronoun: false })
    }

    /// Chooses the speaker inside one segment.
    fn pick(&self, seg: Span, last: bool) -> Option<Spk> {
        let seg = self.trim_front(seg);
        if last {
            // In the segment that abuts the cue an adverbial opening is dropped
            // word by word: "During the talks Turkey refused" -> "Turkey".
        }
        if let Some(p) = self.person_in(seg) {
            return Some(p);
        }
        if let Some(d) = self.description(seg) {
            return Some(d);
        }
        // A possessor is no speaker: "Lebanon’s Health Ministry" is the ministry.
        if let Some(m) = self.res.mentions_in(seg).iter().find(|m| {
            matches!(m.kind, Kind::Group | Kind::Country | Kind::Place)
                && !self.after_preposition(seg, m.span.start)
                && !self.doc.text[m.span.end..].starts_with(['’', '\''])
        }) {
            return Some(Spk { span: m.span, ent: Some(m.ent), pronoun: false });
        }
        if let Some(p) = self.pronoun_in(seg) {
            return Some(p);
        }
        // A short capitalised phrase no list knows: "The Red Crescent".
        let words = self.words(seg);
        let first_cap =
            words.first().is_some_and(|(i, w)| self.doc.tokens()[*i].cap && !ADVERBIAL.contains(&w.as_ref()));
        if (1..=5).contains(&words.len())
            && first_cap
            && words.iter().skip(1).all(|(i, _)| self.doc.tokens()[*i].cap || self.doc.tok(*i) == "of")
        {
            let s = self.doc.tokens()[words[0].0].span.start;
            let e = self.doc.tokens()[words[words.len() - 1].0].span.end;
            return Some(Spk { span: Span::new(s, e), ent: None, pronoun: false });
        }
        None
    }

    fn pronoun_in(&self, seg: Span) -> Option<Spk> {
        let words = self.words(seg);
        words.iter().find(|(_, w)| matches!(w.as_ref(), "he" | "she" | "they" | "it")).map(|(i, _)| Spk {
            span: self.doc.tokens()[*i].span,
            ent: None,
            pronoun: true,
        })
    }

    /// A description headed by a speaker noun: "a Turkish source familiar
    /// with the situation", "the administration of the Bab al-Hawa crossing".
    fn description(&self, seg: Span) -> Option<Spk> {
        // The head noun: not inside a prepositional phrase or a mention, and
        // no possessor ("the minister’s appeal" is about an appeal).
        let nouns = Doc::in_span(&self.doc.nouns, seg);
        let head = |h: &LexHit| {
            let last = self.doc.tok_containing(h.span.end.saturating_sub(1));
            let tok = self.doc.tokens().get(last).map_or(h.span, |t| t.span);
            !self.after_preposition(seg, h.span.start)
                && self.res.mention_at(h.span.start).is_none()
                && tok.end <= h.span.end
        };
        let mut k = nouns.iter().position(head)?;
        // "government official": the last of adjacent nouns is the head.
        while let Some(next) = nouns.get(k + 1) {
            let gap = &self.doc.text[nouns[k].span.end..next.span.start];
            if gap.trim().is_empty() && head(next) {
                k += 1;
            } else {
                break;
            }
        }
        let noun = &nouns[k];
        let words = self.words(seg);
        let (fi, _) = words.first()?;
        let mut start = self.doc.tokens()[*fi].span.start;
        // Only what belongs to the noun phrase: from the segment start, or
        // from the last determiner before the noun.
        for (i, w) in &words {
            let t = self.doc.tokens()[*i].span;
            if t.start >= noun.span.start {
                break;
            }
            if DETERMINERS.contains(&w.as_ref()) && w != "senior" && w != "top" && w != "other" {
                start = t.start;
                break;
            }
        }
        // After the noun only a complement belongs to it: "familiar with the
        // situation", "of the Bab al-Hawa crossing", "for the ministry".
        let after = words.iter().position(|(i, _)| self.doc.tokens()[*i].span.start >= noun.span.end);
        let mut end_i = match after.map(|k| &words[k]) {
            Some((_, w)) if COMPLEMENT_OPENERS.contains(&w.as_ref()) => words.len(),
            Some(_) => after.unwrap_or(words.len()),
            None => words.len(),
        };
        while end_i > 0 {
            let (i, w) = &words[end_i - 1];
            let t = self.doc.tokens()[*i];
            if t.span.end <= noun.span.end {
                break;
            }
            if TRAILING.contains(&w.as_ref()) || t.kind != TokKind::Word {
                end_i -= 1;
            } else {
                break;
            }
        }
        let end = words.get(end_i.checked_sub(1)?).map(|(i, _)| self.doc.tokens()[*i].span.end)?.max(noun.span.end);
        (start < end).then_some(Spk { span: Span::new(start, end), ent: None, pronoun: false })
    }

    /// The speaker right after a cue: "said Omar Khalil", "according to X".
    fn object(&self, from: usize, to: usize) -> Option<Spk> {
        let words = self.words(Span::new(from, to));
        let window = words.iter().take(6).next_back().map_or(from, |(i, _)| self.doc.tokens()[*i].span.end);
        let region = Span::new(from, window.min(to));
        if let Some(m) = self.res.mentions_in(region).iter().find(|m| m.kind == Kind::Person) {
            return Some(Spk { span: m.span, ent: Some(m.ent), pronoun: false });
        }
        // Up to the next comma for a description.
        let seg = *self.segments(Span::new(from, to)).first()?;
        if let Some(d) = self.description(seg) {
            return Some(d);
        }
        if let Some(m) = self.res.mentions_in(seg).first().filter(|m| m.kind != Kind::Nationality) {
            return Some(Spk { span: m.span, ent: Some(m.ent), pronoun: false });
        }
        let first = words.first()?;
        if matches!(first.1.as_ref(), "he" | "she" | "they") {
            return Some(Spk { span: self.doc.tokens()[first.0].span, ent: None, pronoun: true });
        }
        None
    }

    /// Resolves a pronoun to the nearest compatible antecedent before it.
    fn resolve_pronoun(&mut self, spk: Spk) -> Option<Spk> {
        let w = lower(&self.doc.text[spk.span.range()]);
        let at = spk.span.start;
        let floor = at.saturating_sub(3000);
        match w.as_ref() {
            "he" | "she" => {
                let want = if w == "he" { Gender::Male } else { Gender::Female };
                let i = self.res.ments.partition_point(|m| m.span.start < at);
                let fits = |m: &&crate::resolve::Ment| {
                    m.kind == Kind::Person
                        && !self.quoted(m.span.start)
                        && self.res.ents[m.ent].gender.is_none_or(|g| g == want)
                };
                let nearest = self.res.ments[..i].iter().rev().take_while(|m| m.span.start >= floor).find(fits)?;
                // In the sentence of the nearest candidate, the subject wins:
                // the first fitting person not inside a prepositional phrase
                // ("X met Y. ... he said" is X; "During talks with Y, X said").
                // (At most 400 bytes back, so huge sentences stay linear.)
                let sent = self.sentence_span(nearest.span.start);
                let lo = self.doc.tok_containing(sent.start.max(nearest.span.start.saturating_sub(400)));
                let sent =
                    Span::new(self.doc.tokens().get(lo).map_or(sent.start, |t| t.span.start).max(sent.start), sent.end);
                let found = self
                    .res
                    .mentions_in(Span::new(sent.start, nearest.span.end))
                    .iter()
                    .filter(fits)
                    .find(|m| {
                        let seg = self.segments(Span::new(sent.start, m.span.start));
                        let seg = seg.last().copied().unwrap_or(sent);
                        !self.after_preposition(seg, m.span.start)
                    })
                    .map_or(nearest.ent, |m| m.ent);
                if self.res.ents[found].gender.is_none() {
                    self.res.ents[found].gender = Some(want);
                }
                Some(Spk { span: spk.span, ent: Some(found), pronoun: true })
            }
            "they" | "it" => {
                let i = self.res.ments.partition_point(|m| m.span.start < at);
                let group = self.res.ments[..i]
                    .iter()
                    .rev()
                    .take_while(|m| m.span.start >= floor)
                    .find(|m| matches!(m.kind, Kind::Group | Kind::Country) && !self.quoted(m.span.start))
                    .map(|m| (m.span, m.ent));
                let plural = if w == "they" {
                    let j = self.doc.nouns.partition_point(|h| h.span.start < at);
                    self.doc.nouns[..j]
                        .iter()
                        .rev()
                        .take_while(|h| h.span.start >= floor)
                        .find(|h| {
                            !self.quoted(h.span.start)
                                && self.lex.lists.nouns.get(h.idx as usize).is_some_and(|n| n.plural)
                        })
                        .copied()
                } else {
                    None
                };
                match (group, plural) {
                    (Some((gs, ge)), p) if p.is_none_or(|p| p.span.start < gs.start) => {
                        Some(Spk { span: spk.span, ent: Some(ge), pronoun: true })
                    }
                    (_, Some(p)) => {
                        // The antecedent is a description: name it as the speaker.
                        let s = self.doc.sentence_at(p.span.start);
                        let sent = self.doc.seg.sentences.get(s)?.span;
                        // A description is short: look 40 tokens back at most,
                        // so a long sentence of such pronouns stays linear.
                        let from = self.doc.tok_at(p.span.start).saturating_sub(40);
                        let from = self.doc.tokens().get(from).map_or(sent.start, |t| t.span.start.max(sent.start));
                        let seg = Span::new(from, p.span.end);
                        let segs = self.segments(seg);
                        let d = self.description(*segs.last()?)?;
                        Some(Spk { span: d.span, ent: None, pronoun: false })
                    }
                    _ => None,
                }
            }
            _ => None,
        }
    }

    fn finish(&mut self, spk: Option<Spk>) -> Option<Spk> {
        let spk = spk?;
        if spk.pronoun {
            self.resolve_pronoun(spk)
        } else {
            Some(spk)
        }
    }

    /// True when cue `c` stands in a relative clause: "X, who asked not to
    /// be named, said ...".
    fn in_relative_clause(&self, c: &LexHit, floor: usize) -> bool {
        let (a, b) = (self.doc.tok_at(floor), self.doc.tok_at(c.span.start));
        // A relative clause is short: look 40 tokens back at most.
        let comma = (a.max(b.saturating_sub(40))..b).rev().find(|&i| matches!(self.doc.tok(i), "," | "—" | "–" | "("));
        comma.is_some_and(|i| {
            matches!(self.doc.tok(i + 1).to_ascii_lowercase().as_str(), "who" | "which" | "whose" | "whom")
        })
    }

    /// Where a reported clause ends: at ", but", ", while" or ";", and
    /// after 150 tokens at most.
    fn clause_end(&self, from: usize, end: usize) -> usize {
        let (a, b) = (self.doc.tok_at(from), self.doc.tok_at(end));
        if b > a + 150 {
            return self.clause_end(from, self.doc.tokens()[a + 150].span.start);
        }
        for i in a..b {
            let t = self.doc.tok(i);
            let next = self.doc.tok(i + 1).to_ascii_lowercase();
            if t == ";"
                || (t == "," && matches!(next.as_str(), "but" | "while" | "whereas" | "although" | "as" | "amid"))
            {
                return self.doc.tokens()[i].span.start;
            }
            // ", it said": a trailing attribution is no part of the clause.
            if t == "," {
                let after = self.doc.tokens().get(i + 1).map_or(end, |t| t.span.start);
                let near = self.doc.tokens().get(i + 4).map_or(end, |t| t.span.end);
                if Doc::in_span(&self.doc.cues, Span::new(after, near.min(end))).iter().any(|c| c.span.end <= end) {
                    return self.doc.tokens()[i].span.start;
                }
            }
        }
        end
    }

    fn sentence_span(&self, b: usize) -> Span {
        let s = self.doc.sentence_at(b);
        self.doc.seg.sentences.get(s).map_or(Span::new(b, b), |s| s.span)
    }
}

/// One attributed statement, before output.
struct Stmt {
    span: Span,
    kind: QuoteKind,
    speaker: Option<Spk>,
    cue: Option<Span>,
    confidence: f32,
}

/// Attributes every quotation and finds reported speech.
pub(crate) fn attribute(
    doc: &Doc<'_>,
    lex: &Lexicon,
    res: &mut Resolved,
    quotes: &[QuoteSpan],
) -> (Vec<Quote>, Vec<Relation>) {
    let inside: Vec<Span> =
        quotes.iter().map(|q| Span::new(q.open.start, q.close.map_or(q.content.end, |c| c.end))).collect();
    let mut a = Attr { doc, lex, res, inside };
    let mut stmts: Vec<Stmt> = Vec::with_capacity(quotes.len());
    for qi in 0..quotes.len() {
        let stmt = direct(&mut a, quotes, qi, &stmts);
        stmts.push(stmt);
    }
    indirect(&mut a, &mut stmts);
    stmts.sort_by_key(|s| s.span.start);
    let text = doc.text;
    let mut out = Vec::with_capacity(stmts.len());
    let mut said = Vec::new();
    for s in stmts {
        let speaker = s.speaker.map(|p| {
            // A description is tied to the country, group or place it names.
            let affiliation = if p.ent.is_none() {
                a.res
                    .mentions_in(p.span)
                    .iter()
                    .find(|m| matches!(m.kind, Kind::Group | Kind::Country | Kind::Nationality | Kind::Place))
                    .map(|m| m.ent)
            } else {
                None
            };
            Speaker { span: p.span, text: text[p.span.range()].to_string(), entity: p.ent, affiliation }
        });
        if let Some(e) = speaker.as_ref().and_then(|p| p.entity) {
            said.push(Relation {
                kind: RelationKind::Said,
                source: e,
                target: Some(out.len()),
                value: None,
                evidence: s.cue,
            });
        }
        out.push(Quote {
            span: s.span,
            text: text[s.span.range()].to_string(),
            kind: s.kind,
            speaker,
            cue: s.cue.map(|c| Cue { span: c, text: text[c.range()].to_string() }),
            confidence: s.confidence,
        });
    }
    (out, said)
}

fn direct(a: &mut Attr<'_, '_>, quotes: &[QuoteSpan], qi: usize, done: &[Stmt]) -> Stmt {
    let doc = a.doc;
    let q = &quotes[qi];
    let para = &doc.seg.paragraphs[q.para];
    let prev = qi.checked_sub(1).map(|i| &quotes[i]).filter(|p| p.para == q.para);
    let next = quotes.get(qi + 1).filter(|n| n.para == q.para);
    let mut stmt = Stmt { span: q.content, kind: QuoteKind::Direct, speaker: None, cue: None, confidence: 0.0 };
    let words = doc.text[q.content.range()].split_whitespace().count();
    // A cue next to the quote, even when no speaker was found for it.
    let mut cued = false;

    // After the quote: "..., he said." / "..., said X." / "..., a source told Y."
    // Only when the quote ends its clause: a partial quote in mid-sentence
    // ("must “step up” deliveries, while Y pledged ...") belongs to the words
    // before it.
    let ends_clause = q.close.is_some_and(|close| {
        let inside = doc.text[q.content.range()].trim_end_matches(|c: char| c.is_whitespace() || c.is_control());
        let after = doc.text[close.end..].trim_start();
        let first = after.split(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
        inside.ends_with([',', '.', '!', '?', '…', ';', ':'])
            || after.is_empty()
            || after.starts_with([',', '.', ';', ':', '!', '?', '—', '–', ')', '\n'])
            // "“...” Putin said": no comma, but a new subject.
            || first.starts_with(char::is_uppercase)
            || matches!(first, "he" | "she" | "they" | "it" | "we" | "i")
    });
    if let Some(close) = q.close.filter(|_| ends_clause) {
        let sent = a.sentence_span(close.start);
        let end = next.map_or(sent.end, |n| n.open.start.min(sent.end)).max(close.end);
        let region = Span::new(close.end, end);
        let cues = a.cues_in(region);
        if let Some(c) = cues.first() {
            let before =
                a.words(Span::new(region.start, c.span.start)).into_iter().filter(|(i, _)| doc.is_word(*i)).count();
            let inverted = before == 0;
            // "citing", "adding": a participle hangs off another clause; but
            // "quoted as saying" is a finite cue.
            let cue_text = lower(&doc.text[c.span.range()]);
            let participle = is_participle(&cue_text);
            let spk = if participle {
                None
            } else if inverted {
                a.object(c.span.end, region.end)
            } else if before <= 12 && a.cue_frames(c) & frame::QUOTE != 0 {
                a.subject(Span::new(region.start, c.span.start))
            } else {
                None
            };
            if let Some(spk) = a.finish(spk) {
                stmt.confidence = if spk.ent.is_some() { 0.9 } else { 0.75 };
                stmt.speaker = Some(spk);
                stmt.cue = Some(c.span);
            } else if !participle && (inverted || before <= 12) {
                cued = true;
            }
        }
    }

    // Before the quote: "X said: “...”", "X called on Y to “...”".
    if stmt.speaker.is_none() {
        let sent = a.sentence_span(q.open.start);
        let start = prev.and_then(|p| p.close).map_or(sent.start, |c| c.end.max(sent.start));
        let region = Span::new(start.min(q.open.start), q.open.start);
        let cues = a.cues_in(region);
        if let Some(ci) = main_cue(a, &cues, region.start) {
            let c = &cues[ci];
            // "X called for calm, describing it as “...”": a participle's
            // subject is that of the clause it hangs off.
            let mut si = ci;
            while si > 0 && is_participle(&doc.text[cues[si].span.range()]) {
                si -= 1;
            }
            let sc = &cues[si];
            let spk = if a.according(sc) {
                a.object(sc.span.end, region.end)
            } else {
                // The subject starts after the cue before, unless that cue
                // sits in a relative clause about the subject itself.
                let from = cues[..si]
                    .iter()
                    .rev()
                    .find(|p| !a.in_relative_clause(p, region.start))
                    .map_or(region.start, |p| p.span.end);
                a.subject(Span::new(from, sc.span.start))
            };
            if let Some(spk) = a.finish(spk) {
                stmt.confidence = if spk.ent.is_some() { 0.85 } else { 0.7 };
                stmt.speaker = Some(spk);
                stmt.cue = Some(c.span);
            } else {
                cued = true;
            }
        }
    }

    // Around the quote: a continued or continuing paragraph of quote.
    if stmt.speaker.is_none() {
        let prev_any = qi.checked_sub(1).and_then(|i| done.get(i));
        let pure = q.open.start == para.span.start;
        let inherits = q.continued || (pure && prev_any.is_some() && quotes[qi - 1].para + 1 == q.para);
        // "“...,” a source said. “...”": a later quote of the same paragraph
        // with no cue of its own.
        let same_para = prev.is_some() && prev_any.is_some_and(|p| p.kind == QuoteKind::Direct && p.speaker.is_some());
        if inherits || same_para {
            if let Some(p) = prev_any.filter(|p| p.kind == QuoteKind::Direct) {
                stmt.speaker = p.speaker.clone();
                stmt.cue = p.cue;
                stmt.confidence = 0.6;
            }
        }
    }

    // Scare quotes, titles and headline words are no statements.
    let headline = para.headline && !para.span.is_empty() && !q.continued && !q.continues;
    if headline || (stmt.speaker.is_none() && !cued && words <= 3) {
        stmt.kind = QuoteKind::Mention;
        stmt.speaker = None;
        stmt.cue = None;
        stmt.confidence = 0.3;
    }
    stmt
}

/// The cue that governs a quote among the cues before it in its sentence:
/// the first that reports a clause holding the later ones ("He added that
/// Moscow would respond “...”": "added", not "respond"), else the last. An
/// "according to" gives way to a verb cue after it.
fn main_cue(a: &Attr<'_, '_>, cues: &[LexHit], floor: usize) -> Option<usize> {
    for (i, c) in cues.iter().enumerate().take(cues.len().saturating_sub(1)) {
        if a.according(c) || a.cue_frames(c) & (frame::THAT | frame::OBJ_TO) == 0 || a.in_relative_clause(c, floor) {
            continue;
        }
        let next = &cues[i + 1];
        let between = a.words(Span::new(c.span.end, next.span.start));
        if between.iter().take(8).any(|(_, w)| w == "that" || w == "to") {
            return Some(i);
        }
    }
    (0..cues.len()).rev().find(|&i| !a.in_relative_clause(&cues[i], floor)).or(cues.len().checked_sub(1))
}

/// Reported speech in sentences without quotation marks.
fn indirect(a: &mut Attr<'_, '_>, stmts: &mut Vec<Stmt>) {
    let doc = a.doc;
    for si in 0..doc.seg.sentences.len() {
        let sent = doc.seg.sentences[si].span;
        if doc.seg.paragraphs[doc.seg.sentences[si].para].headline {
            continue;
        }
        let first = a.inside.partition_point(|q| q.end <= sent.start);
        if a.inside.get(first).is_some_and(|q| q.start < sent.end) {
            continue;
        }
        let cues = a.cues_in(sent);
        let end = trim_end(doc, sent);
        for (ci, c) in cues.iter().enumerate() {
            // A participle ("suggesting that", "adding that") hangs off
            // another clause, and a relative clause is about its noun.
            let participle = is_participle(&doc.text[c.span.range()]);
            if participle || a.in_relative_clause(c, sent.start) {
                continue;
            }
            let frames = a.cue_frames(c);
            let end = a.clause_end(c.span.end, end);
            let words = a.words(Span::new(c.span.end, end));
            let (clause, spk) = if a.according(c) {
                // "According to X, clause."
                let segs = a.segments(Span::new(c.span.end, end));
                if segs.len() < 2 {
                    continue;
                }
                let start = segs[1].start;
                (Span::new(skip_space(doc.text, start), end), a.object(c.span.end, segs[0].end))
            } else {
                let that = words.iter().take(7).find(|(_, w)| w == "that");
                let to = words.iter().take(7).any(|(_, w)| w == "to");
                // "said (on Monday) the talks had failed": a clause with no "that".
                let opener = words.iter().position(|(_, w)| !TIME_WORDS.contains(&w.as_ref()));
                let bare_clause = frames & frame::THAT != 0
                    && opener.is_some_and(|o| words.len() >= o + 4)
                    && ZERO_THAT_LEMMAS.contains(&a.cue_lemma(c))
                    && opener.and_then(|o| words.get(o)).is_some_and(|(i, w)| {
                        CLAUSE_OPENERS.contains(&w.as_ref()) || doc.tokens()[*i].kind == TokKind::Number
                    });
                let start = if let Some((i, _)) = that.filter(|_| frames & frame::THAT != 0) {
                    doc.tokens()[*i].span.end
                } else if to && frames & frame::OBJ_TO != 0 {
                    c.span.end
                } else if bare_clause {
                    opener.and_then(|o| words.get(o)).map_or(c.span.end, |(i, _)| doc.tokens()[*i].span.start)
                } else {
                    continue;
                };
                let from = ci.checked_sub(1).map_or(sent.start, |p| cues[p].span.end);
                (Span::new(skip_space(doc.text, start), end), a.subject(Span::new(from, c.span.start)))
            };
            if clause.is_empty() {
                continue;
            }
            let Some(spk) = a.finish(spk) else { continue };
            stmts.push(Stmt {
                span: clause,
                kind: QuoteKind::Indirect,
                confidence: if spk.ent.is_some() { 0.75 } else { 0.6 },
                speaker: Some(spk),
                cue: Some(c.span),
            });
            break;
        }
    }
}

/// A cue that opens with a participle: "citing", "adding that", "suggesting"
/// (but not "according to").
fn is_participle(cue: &str) -> bool {
    cue.split_whitespace().next().is_some_and(|w| w.ends_with("ing") && !w.eq_ignore_ascii_case("according"))
}

fn skip_space(text: &str, b: usize) -> usize {
    b + text[b..].len() - text[b..].trim_start().len()
}

/// The end of a sentence without its final punctuation.
fn trim_end(doc: &Doc<'_>, sent: Span) -> usize {
    let s = &doc.text[sent.range()];
    let t = s.trim_end_matches(['.', '!', '?', ' ', '…']);
    sent.start + t.len()
}
