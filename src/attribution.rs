//! Stage 4b and 5: reporting cues, statements and who made them.
//!
//! Statements are found by **constructions**: rows of `gazetteers/rules.tsv`
//! whose pattern gives the shape of the sentence around a cue, such as
//! `Q SPK CUE[quote]` ("“...,” X said") or `SPK CUE[that] ~6 that S` ("X
//! stressed that ..."). A construction with a quote (`Q`) is tried for every
//! quotation, from the quote outward: the words after it in its sentence, or
//! the words before it. One with a reported clause (`S`) is tried at every cue
//! of a sentence without quotation marks. Constructions are tried in the
//! order of the table; the first that matches and names a speaker wins.
//!
//! Quotes no construction attributes may take the speaker of the quote before
//! them (a continued or split quote, a paragraph of pure quote), or be no
//! statement at all (scare quotes, a quoted word in a headline).
//!
//! The speaker is chosen by the speaker rules, in order: a person, a
//! description headed by a speaker noun ("a Turkish source familiar with the
//! situation"), a group, country or place, a pronoun resolved to the nearest
//! compatible antecedent, or a short capitalised phrase. Pronouns are
//! resolved against the entities as resolution left them: what attribution
//! learns (a pronoun's gender) is returned, not written back, so the result
//! never depends on the order of the quotes.

use std::cell::{Cell, OnceCell};

use crate::doc::{ByStart, Doc, LexHit, Tok};
use crate::gazetteer::{CueEntry, Frame, Gazetteer, Noun, Payload, Pos};
use crate::kind::{Gender, Kind, SpeakerKind};
use crate::lexicon::{Class, ClassSet};
use crate::quotes::QuoteSpan;
use crate::resolve::{EntId, Ment, Resolved, COUNTRY, ROLE, TYPE};
use crate::ruleset::{CueCond, Elem, Pattern, RuleId, RuleIx, RuleMask, Rules};
use crate::segment::{Paragraph, TokKind};
use crate::span::OptSpan;
use crate::toklist::TokList;
use crate::Span;

/// A speaker found in the text.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Spk {
    pub(crate) span: Span,
    pub(crate) ent: Option<EntId>,
    pronoun: bool,
    /// What speaks, when the rules can tell.
    pub(crate) kind: Option<SpeakerKind>,
    /// The speaker rule that chose it.
    pub(crate) rule: RuleId,
    /// For a pronoun whose antecedent is a description ("Residents gathered
    /// outside. They called for ..."): that description. The speaker stays
    /// the pronoun; the output makes the description an entity of its own.
    pub(crate) described: OptSpan,
}

/// What a statement is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum StmtKind {
    /// Words in quotation marks that someone said.
    Direct,
    /// Reported speech without marks.
    Indirect,
    /// Words in marks that are no statement.
    Mention,
}

/// One attributed statement, before output.
#[derive(Clone, Debug)]
pub(crate) struct Stmt {
    pub(crate) span: Span,
    pub(crate) kind: StmtKind,
    pub(crate) speaker: Option<Spk>,
    pub(crate) cue: Option<LexHit>,
    pub(crate) confidence: f32,
    pub(crate) rule: RuleIx,
}

/// What attribution learned about entities: the gender a resolved pronoun
/// tells of an entity that had none.
#[derive(Clone, Debug, Default)]
pub(crate) struct Learned {
    pub(crate) genders: Vec<(EntId, Gender)>,
}

struct Attr<'a, 't> {
    doc: &'a Doc<'t>,
    gaz: &'a Gazetteer,
    rules: &'a Rules,
    mask: &'a RuleMask,
    res: &'a Resolved,
    /// Quote spans, mark to mark, sorted: cues and mentions inside are skipped.
    inside: ByStart<Span>,
    /// Every token outside quotes, in order.
    unquoted: TokList,
    /// The last span [`words`](Self::words) was asked for, and its entries
    /// in `unquoted`: the constructions tried on one cue ask for the same
    /// words in turn.
    last_words: Cell<Option<(Span, (usize, usize))>>,
    /// The person a byline names (where the mention ends, and its entity),
    /// looked for once: "I" outside quotation marks speaks for them.
    author: OnceCell<Option<(usize, EntId)>>,
    /// The constructions of direct quotes, in table order, each with
    /// whether its quote comes before its cue (listed once, not at every
    /// quote).
    direct_forms: Vec<(RuleIx, &'a Pattern, bool)>,
}

/// How far after a cue its speaker is looked for, in tokens: "said a senior
/// official familiar with ...", "according to X, ...". A bound, so that a
/// sentence of many cues stays linear.
const OBJECT_TOKENS: usize = 150;

/// How far before a cue its subject is read, in bytes: a bound, so that long
/// sentences stay linear. A cue further back than this cannot change the
/// subject, so the look for one stops there too.
const SUBJECT_BYTES: usize = 600;

/// The two group types a speaker noun can name by its kind ("the company",
/// "the newspaper"): values of the `type` column of `groups.tsv`.
const COMPANY_TYPE: &str = "company";
const MEDIA_TYPE: &str = "media";

/// Punctuation that splits a stretch of words into segments.
fn separator(s: &str) -> bool {
    matches!(s, "," | ";" | "—" | "–" | "-" | "(" | ")" | ":")
}

impl<'a, 't> Attr<'a, 't> {
    fn quoted(&self, b: usize) -> bool {
        let i = self.inside.first_ending_after(b);
        self.inside.get(i).is_some_and(|s| s.start <= b)
    }

    /// Whether a quote overlaps `span` (the quotes are sorted and apart:
    /// found from the block of `span`'s start, not by a scan).
    fn quote_overlaps(&self, span: Span) -> bool {
        let i = self.inside.first_ending_after(span.start);
        self.inside.get(i).is_some_and(|q| q.overlaps(span))
    }

    fn is(&self, i: Tok, c: Class) -> bool {
        self.doc.is(i, c)
    }

    /// The cues in `span`, outside quotes and mentions and not used as nouns.
    fn cues_in(&self, span: Span) -> Vec<LexHit> {
        self.doc
            .cues
            .starting_in(span)
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
    /// "media reports", "declined to comment", "a liberal think tank".
    fn noun_use(&self, h: &LexHit) -> bool {
        let next = self.doc.tok_at(h.span.end);
        self.doc.tok_at(h.span.start).prev().is_some_and(|p| self.is(p, Class::NounMarker))
            || (self.doc.low_word(next) && self.is(next, Class::CueCompound))
    }

    /// Whether cue `h` ends the subject region of a later cue. A participle
    /// after a comma opens an appositive about the subject ("The coach,
    /// speaking after the match, said ..."), and a cue word between a
    /// lower-case word and a noun is part of a noun phrase ("his first grand
    /// slam main draw"): neither does.
    fn bounds_subject(&self, h: &LexHit) -> bool {
        let first = self.doc.tok_at(h.span.start);
        let prev = first.prev();
        let next = self.doc.tok_at(h.span.end);
        // "Trump, asked about the deal, replied": a past participle in
        // apposition, before what it asks about, does too.
        let past_appositive = matches!(self.pos(h), Some(Pos::Past | Pos::PastPart))
            && (self.is(next, Class::Preposition)
                || self.is(next, Class::WhWord)
                || self.is(next, Class::Complementizer));
        let appositive = (self.participle(h) || past_appositive) && prev.is_some_and(|p| self.doc.tok(p) == ",");
        let function = |i: Tok| {
            [Class::Determiner, Class::Preposition, Class::Complementizer, Class::SubjectPronoun, Class::Possessive]
                .into_iter()
                .any(|c| self.is(i, c))
        };
        let in_noun_phrase = self.pos(h) == Some(Pos::Base)
            && prev.is_some_and(|p| {
                self.doc.low_word(p)
                    && !self.is(p, Class::Auxiliary)
                    && !self.is(p, Class::Infinitive)
                    && !self.is(p, Class::Adverb)
                    && !function(p)
                    && !self.doc.words().ends_with(Class::PluralEnding, self.doc.key(p))
            })
            && self.doc.low_word(next)
            && !function(next);
        !(appositive || self.noun_use(h) || in_noun_phrase)
    }

    fn cue(&self, h: &LexHit) -> Option<&'a CueEntry> {
        self.gaz.lists.cues.get(h.idx as usize)
    }

    fn has_frame(&self, h: &LexHit, f: Frame) -> bool {
        self.cue(h).is_some_and(|c| c.frames.has(f))
    }

    fn pos(&self, h: &LexHit) -> Option<Pos> {
        self.cue(h).map(|c| c.pos)
    }

    /// "citing", "adding that": a participle hangs off another clause.
    fn participle(&self, h: &LexHit) -> bool {
        self.pos(h) == Some(Pos::Ing)
    }

    /// The cue as the row of its form that meets a construction's
    /// condition ("determined": the verb or the adjective), if one does.
    fn fits(&self, h: &LexHit, cond: &CueCond) -> Option<LexHit> {
        let rows = self.gaz.lexical(h.pattern).iter().filter_map(|p| match *p {
            Payload::Cue(i) => Some(i),
            _ => None,
        });
        for i in rows {
            let Some(c) = self.gaz.lists.cues.get(i as usize) else { continue };
            let ok = (cond.frames.is_empty() || cond.frames.iter().any(|f| c.frames.has(*f)))
                && (cond.pos.is_empty() || cond.pos.contains(&c.pos))
                && !cond.not_pos.contains(&c.pos)
                && (cond.class.is_empty() || cond.class.contains(&c.class));
            if ok {
                return Some(LexHit { idx: i, ..*h });
            }
        }
        None
    }

    /// "The plan was criticised by X": a past form after "be" is passive;
    /// its subject is no speaker.
    fn passive(&self, h: &LexHit) -> bool {
        let i = self.doc.tok_at(h.span.start);
        self.pos(h) == Some(Pos::Past) && i.prev().is_some_and(|p| self.is(p, Class::Be))
    }

    /// Tokens of `span`, outside quotes.
    fn words(&self, span: Span) -> &[Tok] {
        if let Some((_, range)) = self.last_words.get().filter(|(last, _)| *last == span) {
            return self.unquoted.slice(range);
        }
        let (a, b) = (self.doc.tok_at(span.start), self.doc.tok_at(span.end));
        let range = self.unquoted.range(a, b);
        self.last_words.set(Some((span, range)));
        self.unquoted.slice(range)
    }

    /// Tokens of `span`, outside quotes, from either end.
    fn word_iter(&self, span: Span) -> impl DoubleEndedIterator<Item = Tok> + '_ {
        self.words(span).iter().copied()
    }

    /// The first `max` tokens of `span`, outside quotes.
    fn words_upto(&self, span: Span, max: usize) -> &[Tok] {
        let w = self.words(span);
        &w[..w.len().min(max)]
    }

    /// The last `max` tokens of `span`, outside quotes, in text order.
    fn words_last(&self, span: Span, max: usize) -> &[Tok] {
        let w = self.words(span);
        &w[w.len().saturating_sub(max)..]
    }

    /// Whether token `i` separates segments: a comma, semicolon, colon,
    /// bracket or dash, but not a hyphen inside a word ("free-market").
    fn separates(&self, i: Tok) -> bool {
        let Some(t) = self.doc.token(i) else { return false };
        if t.kind() != TokKind::Punct || !separator(self.doc.tok(i)) {
            return false;
        }
        let touches_before = i.prev().and_then(|p| self.doc.token(p)).is_some_and(|p| p.span().end == t.span().start);
        let touches_after = self.doc.token(i + 1).is_some_and(|n| n.span().start == t.span().end);
        !(self.doc.tok(i) == "-" && touches_before && touches_after)
    }

    /// Splits `span` at commas, semicolons, dashes and brackets.
    fn segments(&self, span: Span) -> Vec<Span> {
        let (a, b) = (self.doc.tok_at(span.start), self.doc.tok_at(span.end));
        let mut out = Vec::new();
        let mut start = span.start;
        for i in Tok::range(a, b) {
            let Some(t) = self.doc.token(i) else { break };
            if self.separates(i) {
                out.push(Span::new(start, t.span().start));
                start = t.span().end;
            }
        }
        out.push(Span::new(start, span.end.max(start)));
        out
    }

    /// The last of [`segments`](Self::segments) of `span`: from its last
    /// separator on (read from the end, with no list of them).
    fn last_segment(&self, span: Span) -> Span {
        let (a, b) = (self.doc.tok_at(span.start), self.doc.tok_at(span.end));
        let start = Tok::range(a, b)
            .rev()
            .find_map(|i| self.doc.token(i).filter(|_| self.separates(i)).map(|t| t.span().end))
            .unwrap_or(span.start);
        Span::new(start, span.end.max(start))
    }

    /// The first segment of `span` (up to its first separator), and at
    /// most [`OBJECT_TOKENS`] tokens: what follows a cue is read that far.
    fn first_segment(&self, span: Span) -> Span {
        let (a, b) = (self.doc.tok_at(span.start), self.doc.tok_at(span.end));
        for i in Tok::range(a, b.min(a + OBJECT_TOKENS)) {
            let Some(t) = self.doc.token(i) else { break };
            if self.separates(i) {
                return Span::new(span.start, t.span().start);
            }
        }
        match self.doc.token(a + OBJECT_TOKENS) {
            Some(t) if b > a + OBJECT_TOKENS => Span::new(span.start, t.span().start.max(span.start)),
            _ => span,
        }
    }

    /// Whether `span` holds a separator (it has more than one segment).
    fn has_separator(&self, span: Span) -> bool {
        let (a, b) = (self.doc.tok_at(span.start), self.doc.tok_at(span.end));
        Tok::range(a, b)
            .any(|i| self.doc.token(i).is_some_and(|t| t.kind() == TokKind::Punct) && separator(self.doc.tok(i)))
    }

    fn has_words(&self, span: Span) -> bool {
        self.words(span).iter().any(|i| self.doc.is_word(*i))
    }

    fn word_count(&self, span: Span) -> usize {
        self.words(span).iter().filter(|i| self.doc.is_word(**i)).count()
    }

    /// The speaker of a subject region: the words before a cue
    /// ([`SUBJECT_BYTES`] at most, so that long sentences stay linear).
    fn subject(&self, region: Span) -> Option<Spk> {
        let region = if region.len() > SUBJECT_BYTES {
            let t = self.doc.tok_at(region.end - SUBJECT_BYTES);
            Span::new(self.doc.token(t).map_or(region.end, |t| t.span().start.min(region.end)), region.end)
        } else {
            region
        };
        let mut segs = self.segments(region);
        // "Chuck Schumer, D-N.Y., said": a party-state tag is no subject.
        while segs.len() > 1 && segs.last().is_some_and(|s| self.party_tag(*s)) {
            segs.pop();
        }
        // "..., while Senate Majority Leader X said": the subject follows the
        // last subordinator of its segment.
        let last = self.after_subordinator(*segs.last()?);
        // "Euroclear, the depository, has warned": auxiliaries and adverbs
        // alone after the appositive are no subject.
        let only_aux = self
            .words(last)
            .iter()
            .filter(|&&i| self.doc.is_word(i))
            .all(|&i| self.doc.low_word(i) && (self.is(i, Class::Auxiliary) || self.is(i, Class::Adverb)));
        if self.has_words(last) && !only_aux {
            return self.pick(last);
        }
        // "X, a spokesman for Y, said": the subject before the appositive;
        // after a subordinator, if a segment has one ("called Y “...,” while
        // Z, D-N.Y., praised").
        let trimmed: Vec<Span> = segs.iter().map(|&s| self.after_subordinator(s)).collect();
        let from = trimmed.iter().zip(&segs).rposition(|(t, s)| t != s).unwrap_or(0);
        let cands: Vec<Span> = trimmed[from..]
            .iter()
            .copied()
            .filter(|s| {
                // "X, which reports to Y, said": a relative clause is about X.
                let relative = self.words(*s).first().is_some_and(|&i| self.is(i, Class::Relative));
                self.has_words(*s) && !self.adverbial(*s) && !self.party_tag(*s) && !relative
            })
            .collect();
        if self.mask.on(RuleId::SpeakerPerson) {
            for s in &cands {
                if let Some(p) = self.person_in(*s) {
                    return Some(p);
                }
            }
        }
        cands.first().and_then(|s| self.pick(*s))
    }

    /// Whether `s` is a US party-state tag: a party's letter, a dash and a
    /// state ("D-N.Y.", "R-Utah").
    fn party_tag(&self, s: Span) -> bool {
        let toks = self.words(s);
        toks.len() <= 6
            && toks.first().is_some_and(|&i| self.is(i, Class::PartyLetter) && !self.doc.low_word(i))
            && toks.get(1).is_some_and(|&i| matches!(self.doc.tok(i), "-" | "–"))
    }

    /// `s` from after its last subordinator outside quotation marks, when
    /// words and no verb follow it (a subject waiting for its cue: "while
    /// Senate Majority Leader X", not "because he was not allowed to ...").
    fn after_subordinator(&self, s: Span) -> Span {
        let cut = self
            .words(s)
            .iter()
            .rev()
            .find(|&&i| self.doc.low_word(i) && self.is(i, Class::Subordinator) && !self.quoted(self.doc.span(i).start))
            .map(|&i| self.doc.span(i).end);
        // A subject follows: a name or a speaker noun ("after the match" is
        // none).
        let subject = |r: Span| {
            self.has_words(r)
                && !self.has_verb(r)
                && (!self.res.mentions_in(r).is_empty() || !self.doc.nouns.starting_in(r).is_empty())
        };
        match cut {
            Some(c) if subject(Span::new(c, s.end)) => Span::new(c, s.end),
            _ => s,
        }
    }

    fn adverbial(&self, s: Span) -> bool {
        self.words(s).first().is_some_and(|&i| self.is(i, Class::Adverbial))
    }

    /// Strips leading connectives and subordinators of a segment ("But the
    /// minister ...", "as aid agencies ...").
    fn trim_front(&self, s: Span) -> Span {
        let mut start = s.start;
        let words = self.words(s);
        let mut k = 0;
        while let Some(&i) = words.get(k) {
            if self.is(i, Class::Connective) || self.is(i, Class::Subordinator) {
                start = self.doc.span(i).end;
                k += 1;
                continue;
            }
            // "On Monday the ministry said", "For months the family had
            // feared": a time adverbial without its comma.
            if self.is(i, Class::Preposition) {
                let time = |t: Tok| {
                    self.is(t, Class::TimeWord)
                        || self.is(t, Class::Weekday)
                        || self.is(t, Class::Month)
                        || self.doc.token(t).is_some_and(|x| x.kind() == TokKind::Number)
                };
                // Determiners, then time words: "for the last two years".
                let mut n = 0;
                let mut seen = false;
                for &t in words[k + 1..].iter().take(4) {
                    if time(t) {
                        seen = true;
                    } else if seen || !self.is(t, Class::Determiner) {
                        break;
                    }
                    n += 1;
                }
                // It ends in a time word, or in a year before a determiner
                // ("In 2019 the ministry"; not "in the 2001 Fijian election").
                let ends_well = n > 0 && {
                    let last = words[k + n];
                    let number = self.doc.token(last).is_some_and(|x| x.kind() == TokKind::Number);
                    !number || words.get(k + 1 + n).is_some_and(|&t| self.is(t, Class::Determiner))
                };
                if seen && ends_well && k + 1 + n < words.len() {
                    start = self.doc.span(words[k + n]).end;
                    k += 1 + n;
                    continue;
                }
            }
            break;
        }
        Span::new(start, s.end)
    }

    /// Whether any preposition stands in `seg` before byte `b`.
    /// Prepositions inside a title or a name do not count: "Secretary of
    /// State Marco Rubio", "Ministry of Defence spokesman X".
    fn after_preposition(&self, seg: Span, b: usize) -> bool {
        let words = self.words(Span::new(seg.start, b));
        words.iter().enumerate().any(|(k, &i)| {
            let at = self.doc.span(i).start;
            // "one of the sources", "two of the people": a part of a group
            // is no prepositional phrase.
            let part = k > 0
                && self.is(i, Class::PartLink)
                && (self.is(words[k - 1], Class::Quantifier)
                    || self.doc.token(words[k - 1]).is_some_and(|t| t.kind() == TokKind::Number));
            !part
                && self.is(i, Class::Preposition)
                && self.res.mention_at(at).is_none()
                && !self
                    .doc
                    .titles
                    .starting_in(Span::new(seg.start, b))
                    .iter()
                    .any(|t| t.span.start < at && at < t.span.end)
        })
    }

    fn spk(&self, m: &Ment, rule: RuleId) -> Spk {
        let kind = if m.kind == Kind::Person { SpeakerKind::Person } else { SpeakerKind::Group };
        Spk { span: m.span, ent: Some(m.ent), pronoun: false, kind: Some(kind), rule, described: OptSpan::NONE }
    }

    fn person_in(&self, seg: Span) -> Option<Spk> {
        self.res
            .mentions_in(seg)
            .iter()
            .find(|m| {
                m.kind == Kind::Person
                    && !self.quoted(m.span.start)
                    && !self.after_preposition(seg, m.span.start)
                    && !self.possessor(m.span, seg)
            })
            .map(|m| self.spk(m, RuleId::SpeakerPerson))
    }

    /// "Ibarra’s wife": a name before a possessive and a speaker noun is no
    /// speaker; the noun's phrase is.
    fn possessor(&self, name: Span, seg: Span) -> bool {
        let rest = &self.doc.text[name.end..seg.end.max(name.end)];
        rest.starts_with(['’', '\''])
            && !self.doc.nouns.starting_in(Span::new(name.end, seg.end.max(name.end))).is_empty()
    }

    /// Chooses the speaker inside one segment, by the speaker rules in order.
    fn pick(&self, seg: Span) -> Option<Spk> {
        let seg = self.trim_front(seg);
        let on = |r: RuleId| self.mask.on(r);
        if let Some(p) = self.person_in(seg).filter(|_| on(RuleId::SpeakerPerson)) {
            return Some(p);
        }
        if let Some(d) = self.description(seg).filter(|_| {
            on(RuleId::SpeakerDescription)
                || on(RuleId::SpeakerRole)
                || on(RuleId::SpeakerAge)
                || on(RuleId::SpeakerOnlyPerson)
                || on(RuleId::SpeakerGroupNoun)
        }) {
            // "French engineering group Vernier SA said": the name right
            // after its description is the speaker.
            let named = self.res.mentions_in(seg).iter().find(|m| {
                m.kind == Kind::Group
                    && m.span.start >= d.span.end
                    && self.doc.text[d.span.end..m.span.start].trim().is_empty()
            });
            if let Some(m) = named.filter(|_| on(RuleId::SpeakerGroup)) {
                return Some(self.spk(m, RuleId::SpeakerGroup));
            }
            return Some(d);
        }
        // A possessor is no speaker: "Lebanon’s Health Ministry" is the ministry.
        if on(RuleId::SpeakerGroup) {
            if let Some(m) = self.res.mentions_in(seg).iter().find(|m| {
                matches!(m.kind, Kind::Group | Kind::Country | Kind::Place)
                    && !self.after_preposition(seg, m.span.start)
                    && !self.doc.text[m.span.end..].starts_with(['’', '\''])
            }) {
                return Some(self.spk(m, RuleId::SpeakerGroup));
            }
        }
        if let Some(p) = self.pronoun_in(seg) {
            return Some(p);
        }
        // A short capitalised phrase no list knows: "The Red Crescent".
        let words = self.words(seg);
        let cap = |i: Tok| self.doc.token(i).is_some_and(|t| t.cap());
        let first_cap = words.first().is_some_and(|&i| cap(i) && !self.is(i, Class::Adverbial));
        if on(RuleId::SpeakerName)
            && (1..=5).contains(&words.len())
            && first_cap
            && words.iter().skip(1).all(|&i| cap(i) || (self.is(i, Class::GroupOf) && self.doc.low_word(i)))
        {
            let s = self.doc.span(words[0]).start;
            let e = self.doc.span(words[words.len() - 1]).end;
            return Some(Spk {
                span: Span::new(s, e),
                ent: None,
                pronoun: false,
                kind: None,
                rule: RuleId::SpeakerName,
                described: OptSpan::NONE,
            });
        }
        None
    }

    /// A subject pronoun that can name a speaker: he, she, they, it.
    fn subject_pronoun(&self, i: Tok) -> bool {
        let c = self.doc.classes(i);
        c.has(Class::SubjectPronoun)
            && (c.has(Class::PronounMale)
                || c.has(Class::PronounFemale)
                || c.has(Class::PronounPlural)
                || c.has(Class::PronounNeuter)
                || c.has(Class::PronounFirst))
    }

    fn pronoun_in(&self, seg: Span) -> Option<Spk> {
        let words = self.words(seg);
        words.iter().find(|&&i| self.subject_pronoun(i)).map(|&i| self.pronoun(i))
    }

    fn pronoun(&self, i: Tok) -> Spk {
        Spk {
            span: self.doc.span(i),
            ent: None,
            pronoun: true,
            kind: None,
            rule: RuleId::SpeakerPronoun,
            described: OptSpan::NONE,
        }
    }

    /// A description headed by a speaker noun: "a Turkish source familiar
    /// with the situation", "the administration of the Bab al-Hawa crossing".
    fn description(&self, seg: Span) -> Option<Spk> {
        // The head noun: not inside a prepositional phrase or a mention, and
        // no possessor ("the minister’s appeal" is about an appeal).
        let nouns = self.doc.nouns.starting_in(seg);
        let head = |h: &LexHit| {
            let last = self.doc.tok_containing(h.span.end.saturating_sub(1));
            let tok = self.doc.token(last).map_or(h.span, |t| t.span());
            !self.after_preposition(seg, h.span.start)
                && self.res.mention_at(h.span.start).is_none()
                && tok.end <= h.span.end
        };
        let words = self.words(seg);
        let (noun, kind) = match nouns.iter().position(head) {
            Some(mut k) => {
                // "government official": the last of adjacent nouns is the head.
                while let Some(next) = nouns.get(k + 1) {
                    let gap = &self.doc.text[nouns[k].span.end..next.span.start];
                    if gap.trim().is_empty() && head(next) {
                        k += 1;
                    } else {
                        break;
                    }
                }
                let mut kind = self.gaz.lists.nouns.get(nouns[k].idx as usize).map(|n| n.kind);
                // "wrote The Post": a document's noun written as a name
                // inside a sentence is a newspaper's.
                let t = self.doc.tok_at(nouns[k].span.start);
                let named = self.doc.cap_word(t)
                    && t.prev().is_some_and(|p| self.is(p, Class::Definite) && self.doc.cap_word(p))
                    && self
                        .doc
                        .seg
                        .sentences
                        .get(self.doc.sentence_of_tok(t))
                        .is_some_and(|s| s.tokens().start + 1 < t.ix());
                if named && kind == Some(SpeakerKind::Document) {
                    kind = Some(SpeakerKind::Outlet);
                }
                (nouns[k].span, kind)
            }
            // "the 52-year-old": an age written as a noun is a person.
            None => {
                let age = words
                    .iter()
                    .find(|&&i| self.is(i, Class::AgeNoun) && self.res.mention_at(self.doc.span(i).start).is_none())?;
                (self.doc.span(*age), Some(SpeakerKind::Person))
            }
        };
        let first = *words.first()?;
        let mut start = self.doc.span(first).start;
        // Only what belongs to the noun phrase: from the segment start, or
        // from the last determiner before the noun.
        for &i in words {
            let t = self.doc.span(i);
            if t.start >= noun.start {
                break;
            }
            if self.is(i, Class::Determiner) {
                start = t.start;
                break;
            }
        }
        // After the noun only a complement belongs to it: "familiar with the
        // situation", "of the Bab al-Hawa crossing", "for the ministry".
        let after = words.iter().position(|&i| self.doc.span(i).start >= noun.end);
        let mut end_i = match after.map(|k| words[k]) {
            Some(i) if self.is(i, Class::Complement) => words.len(),
            Some(_) => after.unwrap_or(words.len()),
            None => words.len(),
        };
        while end_i > 0 {
            let i = words[end_i - 1];
            let Some(t) = self.doc.token(i) else { break };
            if t.span().end <= noun.end {
                break;
            }
            if self.is(i, Class::DescTrail) || t.kind() != TokKind::Word {
                end_i -= 1;
            } else {
                break;
            }
        }
        let end = words.get(end_i.checked_sub(1)?).map(|&i| self.doc.span(i).end)?.max(noun.end);
        // "the country had posted its seventh straight monthly": a verb
        // before the noun makes a clause, no description.
        if self.has_verb(Span::new(start, noun.start)) {
            return None;
        }
        (start < end).then_some(Spk {
            span: Span::new(start, end),
            ent: None,
            pronoun: false,
            kind,
            rule: RuleId::SpeakerDescription,
            described: OptSpan::NONE,
        })
    }

    /// The speaker right after a cue: "said Omar Khalil", "according to X".
    fn object(&self, from: usize, to: usize) -> Option<Spk> {
        let on = |r: RuleId| self.mask.on(r);
        let words = self.words(Span::new(from, to));
        let window = words.iter().take(6).next_back().map_or(from, |&i| self.doc.span(i).end);
        let region = Span::new(from, window.min(to));
        // The object opens with its name: only titles, capitalised words and
        // articles before it ("said Finance Minister X", not "said he would
        // send it to his parents in Mendoza").
        let leads = |at: usize| {
            let before = Span::new(from, at);
            // "said the home coach, Bruno Sanches": a name in apposition.
            let apposition =
                self.doc.tok_at(at).prev().is_some_and(|p| self.doc.tok(p) == ",") && !self.has_verb(before);
            apposition
                || self.words(before).iter().all(|&i| {
                    !self.doc.is_word(i)
                        || self.doc.cap_word(i)
                        || self.is(i, Class::Definite)
                        || self.is(i, Class::Indefinite)
                        || !self.doc.titles.starting_in(self.doc.span(i)).is_empty()
                })
        };
        if on(RuleId::SpeakerPerson) {
            if let Some(m) = self.res.mentions_in(region).iter().find(|m| m.kind == Kind::Person && leads(m.span.start))
            {
                return Some(self.spk(m, RuleId::SpeakerPerson));
            }
        }
        // Up to the next comma for a description.
        let seg = self.first_segment(Span::new(from, to));
        if let Some(d) = self.description(seg).filter(|_| on(RuleId::SpeakerDescription)) {
            return Some(d);
        }
        if let Some(m) =
            self.res.mentions_in(seg).first().filter(|m| m.kind != Kind::Nationality && leads(m.span.start))
        {
            let rule = if m.kind == Kind::Person { RuleId::SpeakerPerson } else { RuleId::SpeakerGroup };
            if on(rule) {
                return Some(self.spk(m, rule));
            }
        }
        let first = *words.first()?;
        let subject = self.subject_pronoun(first) && !self.is(first, Class::PronounNeuter);
        subject.then(|| self.pronoun(first))
    }

    /// Resolves a pronoun to the nearest compatible antecedent before it.
    fn resolve_pronoun(&self, spk: Spk, learned: &mut Learned) -> Option<Spk> {
        let i = self.doc.tok_at(spk.span.start);
        let c = self.doc.classes(i);
        let at = spk.span.start;
        let floor = at.saturating_sub(3000);
        let ments = self.res.ments.as_slice();
        if c.has(Class::PronounMale) || c.has(Class::PronounFemale) {
            let want = if c.has(Class::PronounMale) { Gender::Male } else { Gender::Female };
            let i = self.res.ments.first_at(at);
            let fits = |m: &&Ment| {
                m.kind == Kind::Person
                    && !self.quoted(m.span.start)
                    && self.res.ent(m.ent).gender.is_none_or(|g| g == want)
            };
            let nearest = ments[..i]
                .iter()
                .rev()
                .take_while(|m| m.span.start >= floor)
                .find(fits)
                .filter(|_| self.mask.on(RuleId::SpeakerPronoun));
            // "A spokeswoman for the ministry ... she said": a description
            // whose noun tells the gender, nearer than any person.
            let noun = self.nearest_noun(at, floor, |n| n.gender == Some(want)).filter(|h| {
                nearest.is_none_or(|m| h.span.start > m.span.end) && self.mask.on(RuleId::SpeakerPronounDescription)
            });
            if let Some(h) = noun {
                return self.described(h, spk);
            }
            let nearest = nearest?;
            // In the sentence of the nearest candidate, the subject wins:
            // the first fitting person not inside a prepositional phrase
            // ("X met Y. ... he said" is X; "During talks with Y, X said").
            // (At most 400 bytes back, so huge sentences stay linear.)
            let sent = self.sentence_span(nearest.span.start);
            let lo = self.doc.tok_containing(sent.start.max(nearest.span.start.saturating_sub(400)));
            let sent = Span::new(self.doc.token(lo).map_or(sent.start, |t| t.span().start).max(sent.start), sent.end);
            let found = self
                .res
                .mentions_in(Span::new(sent.start, nearest.span.end))
                .iter()
                .filter(fits)
                .find(|m| {
                    let seg = self.last_segment(Span::new(sent.start, m.span.start));
                    !self.after_preposition(seg, m.span.start)
                })
                .map_or(nearest.ent, |m| m.ent);
            if self.res.ent(found).gender.is_none() {
                learned.genders.push((found, want));
            }
            return Some(Spk {
                span: spk.span,
                ent: Some(found),
                pronoun: true,
                kind: Some(SpeakerKind::Person),
                rule: RuleId::SpeakerPronoun,
                described: OptSpan::NONE,
            });
        }
        let plural = c.has(Class::PronounPlural);
        if !plural && !c.has(Class::PronounNeuter) {
            return None;
        }
        let i = self.res.ments.first_at(at);
        let group = ments[..i]
            .iter()
            .rev()
            .take_while(|m| m.span.start >= floor)
            .find(|m| matches!(m.kind, Kind::Group | Kind::Country) && !self.quoted(m.span.start))
            .map(|m| (m.span, m.ent))
            .filter(|_| self.mask.on(RuleId::SpeakerPronounGroup));
        // "they": officials; "it": the fire brigade, the company.
        let described = if self.mask.on(RuleId::SpeakerPronounDescription) {
            if plural {
                self.nearest_noun(at, floor, |n| n.plural || n.own_plural)
            } else {
                self.nearest_noun(at, floor, |n| !n.plural && n.kind != SpeakerKind::Person)
            }
        } else {
            None
        };
        match (group, described) {
            // (A speaker noun inside the group's own name is the group:
            // "The Iraqi Foreign Ministry ... it said".)
            // ("Hamas issued a statement. ... it said": a document the group
            // issued in the same sentence is the group's.)
            (Some((gs, ge)), p)
                if p.is_none_or(|p| {
                    let document =
                        self.gaz.lists.nouns.get(p.idx as usize).is_some_and(|n| n.kind == SpeakerKind::Document);
                    p.span.start < gs.start
                        || gs.contains(p.span)
                        || (document && self.doc.sentence_at(p.span.start) == self.doc.sentence_at(gs.start))
                }) =>
            {
                Some(Spk {
                    span: spk.span,
                    ent: Some(ge),
                    pronoun: true,
                    kind: Some(SpeakerKind::Group),
                    rule: RuleId::SpeakerPronounGroup,
                    described: OptSpan::NONE,
                })
            }
            (_, Some(p)) => self.described(p, spk),
            _ => None,
        }
    }

    /// The nearest speaker noun before byte `at` (and after `floor`), outside
    /// quotes, that `want` accepts.
    fn nearest_noun(&self, at: usize, floor: usize, want: impl Fn(&Noun) -> bool) -> Option<LexHit> {
        let nouns = &self.doc.nouns;
        let j = nouns.first_at(at);
        nouns[..j]
            .iter()
            .rev()
            .take_while(|h| h.span.start >= floor)
            .find(|h| !self.quoted(h.span.start) && self.gaz.lists.nouns.get(h.idx as usize).is_some_and(&want))
            .copied()
    }

    /// A pronoun whose antecedent is the description headed by noun `p`:
    /// the pronoun speaks, and the description is what it stands for (a
    /// document's description is named as the speaker itself: "it" for "the
    /// report").
    fn described(&self, p: LexHit, pronoun: Spk) -> Option<Spk> {
        let s = self.doc.sentence_at(p.span.start);
        let sent = self.doc.seg.sentences.get(s)?.span();
        // A description is short: look 40 tokens back at most, so a long
        // sentence of such pronouns stays linear.
        let from = self.doc.tok_at(p.span.start) - 40;
        let from = self.doc.token(from).map_or(sent.start, |t| t.span().start.max(sent.start));
        let d = self.description(self.last_segment(Span::new(from, p.span.end)))?;
        if d.kind == Some(SpeakerKind::Document) {
            return Some(Spk { rule: RuleId::SpeakerPronounDescription, ..d });
        }
        Some(Spk {
            span: pronoun.span,
            ent: None,
            pronoun: true,
            kind: d.kind,
            rule: RuleId::SpeakerPronounDescription,
            described: Some(d.span).into(),
        })
    }

    /// The first person a byline names: a mention right after a byline word
    /// ("By") that opens a paragraph. Found once per document (a text of
    /// many "I said" stays linear).
    fn author(&self) -> Option<(usize, EntId)> {
        *self.author.get_or_init(|| {
            self.doc.seg.paragraphs.iter().find_map(|p| {
                let b = self.doc.tok_at(p.span().start);
                if p.span().is_empty() || !self.is(b, Class::Byline) || !self.doc.cap_word(b) {
                    return None;
                }
                let m = self.res.mention_at(self.doc.span(b + 1).start).filter(|m| m.kind == Kind::Person)?;
                Some((m.span.end, m.ent))
            })
        })
    }

    fn finish(&self, spk: Option<Spk>, learned: &mut Learned) -> Option<Spk> {
        let spk = spk?;
        if spk.pronoun && self.is(self.doc.tok_at(spk.span.start), Class::PronounFirst) {
            // "I told them: “...”" outside quotation marks: the author the
            // byline names, if any.
            if !self.mask.on(RuleId::SpeakerAuthor) {
                return None;
            }
            let (end, ent) = self.author()?;
            (end <= spk.span.start).then_some(Spk {
                ent: Some(ent),
                kind: Some(SpeakerKind::Person),
                rule: RuleId::SpeakerAuthor,
                ..spk
            })
        } else if spk.pronoun {
            // A pronoun whose antecedent no rule finds ("Ortiz took
            // questions. He said ...") still speaks: the pronoun is named.
            let person = self.is(self.doc.tok_at(spk.span.start), Class::PronounMale)
                || self.is(self.doc.tok_at(spk.span.start), Class::PronounFemale);
            let bare = (person && self.mask.on(RuleId::SpeakerPronoun))
                .then_some(Spk { kind: Some(SpeakerKind::Person), ..spk });
            self.resolve_pronoun(spk, learned).or(bare)
        } else if spk.rule == RuleId::SpeakerDescription {
            self.role_of(spk).or_else(|| self.mask.on(RuleId::SpeakerDescription).then_some(spk))
        } else {
            Some(spk)
        }
    }

    /// "Finance Minister X ... the finance minister said": a description
    /// that is "the" and the role of a person named before it speaks for
    /// that person (the nearest one, 3,000 bytes back at most).
    fn role_of(&self, d: Spk) -> Option<Spk> {
        let first = self.doc.tok_at(d.span.start);
        if !self.is(first, Class::Definite) {
            return None;
        }
        let ments = self.res.ments.as_slice();
        let i = self.res.ments.first_at(d.span.start);
        let floor = d.span.start.saturating_sub(3000);
        // The nearest earlier person `fits`, 3,000 bytes back at most.
        let nearest = |fits: &dyn Fn(&Ment) -> bool| {
            ments[..i].iter().rev().take_while(|m| m.span.start >= floor).find(|m| m.kind == Kind::Person && fits(m))
        };
        // "Ana Castellane ... the 52-year-old said": the nearest person.
        let last = self.doc.tok_containing(d.span.end.saturating_sub(1));
        if self.is(last, Class::AgeNoun) && first.len_to(last) <= 3 {
            if !self.mask.on(RuleId::SpeakerAge) {
                return None;
            }
            let m = nearest(&|_| true)?;
            return Some(Spk { ent: Some(m.ent), kind: Some(SpeakerKind::Person), rule: RuleId::SpeakerAge, ..d });
        }
        let fold = &self.gaz.lists.fold;
        let role = fold.key(&self.doc.text[self.doc.span(first).end..d.span.end]);
        let by_role = nearest(&|m| self.res.ent(m.ent).attrs.iter().any(|(k, v)| k == ROLE && fold.key(v) == role));
        if let Some(m) = by_role.filter(|_| self.mask.on(RuleId::SpeakerRole)) {
            return Some(Spk { ent: Some(m.ent), kind: Some(SpeakerKind::Person), rule: RuleId::SpeakerRole, ..d });
        }
        // "Kestrel Copper Plc ... the company said", "The Iraqi Foreign
        // Ministry ... the ministry said", "The Washington Post ... the
        // newspaper wrote": a group's noun is the nearest group it fits, one
        // whose name holds the noun, a company for a firm's noun (lexicon
        // `firm_noun`), a news outlet for an outlet's noun.
        if matches!(d.kind, Some(SpeakerKind::Group | SpeakerKind::Outlet)) && self.mask.on(RuleId::SpeakerGroupNoun) {
            let head = self.doc.nouns.starting_in(d.span).first().map(|h| self.doc.tok_at(h.span.start));
            if let Some(head) = head {
                let noun = self.doc.key(head);
                let firm = self.is(head, Class::FirmNoun);
                let outlet = d.kind == Some(SpeakerKind::Outlet);
                // "the Italian bank", "the economy ministry in Buenos Aires":
                // a country or place in the description is the group's.
                let home = |e: &crate::resolve::Ent| {
                    if e.kind == Kind::Country {
                        e.key.clone()
                    } else {
                        e.attrs.iter().find(|(k, _)| k == COUNTRY).map(|(_, v)| v.clone())
                    }
                };
                let places: Vec<String> = self
                    .res
                    .mentions_in(d.span)
                    .iter()
                    .filter(|x| matches!(x.kind, Kind::Country | Kind::Nationality | Kind::Place))
                    .filter_map(|x| home(self.res.ent(x.ent)))
                    .collect();
                let fits = |m: &Ment| {
                    if m.kind != Kind::Group {
                        return false;
                    }
                    let e = self.res.ent(m.ent);
                    if !places.is_empty() && home(e).is_none_or(|c| !places.contains(&c)) {
                        return false;
                    }
                    let holds = |t: &str| t.split_whitespace().any(|w| fold.key(w) == noun);
                    let typed = |t: &str| e.attrs.iter().any(|(k, v)| k == TYPE && v == t);
                    holds(&self.doc.text[m.span.range()])
                        || holds(&e.name)
                        || (firm
                            && (typed(COMPANY_TYPE)
                                || m.rule == RuleId::GroupCompany.into()
                                || self
                                    .is(self.doc.tok_containing(m.span.end.saturating_sub(1)), Class::CompanySuffix)))
                        || (outlet && typed(MEDIA_TYPE))
                };
                let group = ments[..i].iter().rev().take_while(|m| m.span.start >= floor).find(|m| fits(m));
                if let Some(m) = group {
                    return Some(Spk { ent: Some(m.ent), rule: RuleId::SpeakerGroupNoun, ..d });
                }
            }
        }
        // "Rep. Tom Ellison spoke ... the Minnesota Democrat said": a
        // singular person's noun, when one person alone is named in its
        // paragraph and the one before, up to it.
        if !self.mask.on(RuleId::SpeakerOnlyPerson) || d.kind != Some(SpeakerKind::Person) {
            return None;
        }
        // Only "the", modifiers and the noun: no possessive ("the Afghan
        // team's coach" is another person) and nothing after the noun.
        let singular = self.doc.nouns.starting_in(d.span).last().is_some_and(|h| {
            h.span.end == d.span.end
                && self.gaz.lists.nouns.get(h.idx as usize).is_some_and(|n| !n.plural && n.kind == SpeakerKind::Person)
        }) && !Tok::range(first, self.doc.tok_at(d.span.end))
            .any(|t| crate::rules::possessive_tail(self.doc.tok(t)) > 0);
        let para = self.doc.seg.sentences.get(self.doc.sentence_at(d.span.start)).map_or(0, |s| s.para());
        let from = self.doc.seg.paragraphs.get(para.saturating_sub(1)).map_or(0, |p| p.span().start).max(floor);
        let people = || ments[..i].iter().rev().take_while(|m| m.span.start >= from).filter(|m| m.kind == Kind::Person);
        let m = people().next()?;
        if !singular || people().any(|o| o.ent != m.ent) {
            return None;
        }
        Some(Spk { ent: Some(m.ent), kind: Some(SpeakerKind::Person), rule: RuleId::SpeakerOnlyPerson, ..d })
    }

    /// True when cue `c` stands in a relative clause: "X, who asked not to
    /// be named, said ...".
    fn in_relative_clause(&self, c: &LexHit, floor: usize) -> bool {
        let (a, b) = (self.doc.tok_at(floor), self.doc.tok_at(c.span.start));
        // A relative clause is short: look 40 tokens back at most.
        let comma = Tok::range(a.max(b - 40), b).rev().find(|&i| matches!(self.doc.punct(i), "," | "—" | "–" | "("));
        comma.is_some_and(|i| self.is(i + 1, Class::Relative))
    }

    /// Where a reported clause ends: at ", but", ", while" or ";", before a
    /// trailing attribution, and after 150 tokens at most.
    fn clause_end(&self, from: usize, end: usize) -> usize {
        let (a, b) = (self.doc.tok_at(from), self.doc.tok_at(end));
        if b > a + 150 {
            return self.clause_end(from, self.doc.span(a + 150).start);
        }
        for i in Tok::range(a, b) {
            // Marks inside a quote end nothing.
            if self.quoted(self.doc.span(i).start) {
                continue;
            }
            let t = self.doc.tok(i);
            // ", but the council voted it down" ends the statement; ", but
            // not this year" and ", but only if ..." go on with it. (A verb
            // after ", but" is the speaker's: "said S, but declined to ...").
            let subjectless = |j: Tok| {
                self.doc.low_word(j)
                    && self.is(j, Class::Adverb)
                    && !self.is(j, Class::Auxiliary)
                    && !self.is(j, Class::Be)
            };
            // ", and on Monday the ministry said ...": another speaker's
            // cue a few words after ", and" starts another statement.
            let next_cue = t == ","
                && self.doc.low_word(i + 1)
                && self.is(i + 1, Class::Coordinator)
                && Tok::range(i + 3, (i + 10).min(b))
                    .take_while(|&j| self.doc.is_word(j))
                    .any(|j| self.doc.low_word(j) && self.doc.cue_starts(j));
            if t == ";" || next_cue || (t == "," && self.is(i + 1, Class::ClauseBreak) && !subjectless(i + 2)) {
                return self.doc.span(i).start;
            }
            // "said S and added that S2", "S but warned that ...": a
            // coordinated cue starts another statement.
            if self.doc.low_word(i)
                && (self.is(i, Class::Coordinator) || self.is(i, Class::ClauseBreak))
                && self.doc.cue_starts(i + 1)
                && i > a
            {
                let stop = if self.doc.tok(i - 1) == "," { i - 1 } else { i };
                // The clause ends with the word before, not the space.
                return if stop > a { self.doc.span(stop - 1).end } else { self.doc.span(stop).start };
            }
            // ", it said": a trailing attribution is no part of the clause.
            if t == "," {
                let after = self.doc.token(i + 1).map_or(end, |t| t.span().start);
                let near = self.doc.token(i + 4).map_or(end, |t| t.span().end);
                if self.doc.cues.starting_in(Span::new(after, near.min(end))).iter().any(|c| c.span.end <= end) {
                    return self.doc.span(i).start;
                }
            }
        }
        end
    }

    fn sentence_span(&self, b: usize) -> Span {
        let s = self.doc.sentence_at(b);
        self.doc.seg.sentences.get(s).map_or(Span::new(b, b), |s| s.span())
    }

    /// Whether the tokens `toks` open a clause with a subject of its own: a
    /// clause opener ("the", "it", "more"), a number, or a name followed,
    /// within a few words, by an auxiliary or a verb ("Acme and Globex did
    /// not ...").
    fn opens_clause(&self, toks: &[Tok]) -> bool {
        let Some(&first) = toks.first() else { return false };
        if self.is(first, Class::ClauseOpener) || self.doc.token(first).is_some_and(|t| t.kind() == TokKind::Number) {
            return true;
        }
        // "direct talks could begin", "sales fell": a few words, then an
        // auxiliary or a verb in the past.
        if self.doc.low_word(first) && !self.is(first, Class::Preposition) {
            return toks.iter().take(4).skip(1).take_while(|&&i| self.doc.is_word(i)).any(|&i| {
                self.is(i, Class::Auxiliary)
                    || (self.doc.low_word(i)
                        && (self.is(i, Class::CommonVerb)
                            || (self.doc.key(i).len() > 3
                                && self.doc.words().ends_with(Class::PastEnding, self.doc.key(i)))))
            });
        }
        if !self.doc.cap_word(first) || self.is(first, Class::Weekday) || self.is(first, Class::Month) {
            return false;
        }
        toks.iter().take(8).skip(1).take_while(|&&i| self.doc.is_word(i) || self.doc.tok(i) == "&").any(|&i| {
            self.doc.low_word(i)
                && (self.is(i, Class::Auxiliary)
                    || self.is(i, Class::CommonVerb)
                    || self.doc.words().ends_with(Class::PastEnding, self.doc.key(i)))
        })
    }

    /// Whether token `i` is a verb by its place: a plain lower-case word
    /// after a noun and right before an object's opener ("the numbers hide
    /// a crisis", "the plan needs more money"): the present tense, which
    /// has no ending of its own.
    fn verb_by_place(&self, i: Tok) -> bool {
        let doc = self.doc;
        // The closed classes: words that are never such a verb.
        const CLOSED: ClassSet = ClassSet::of(&[
            Class::Preposition,
            Class::ClauseOpener,
            Class::Determiner,
            Class::Possessive,
            Class::Auxiliary,
            Class::Coordinator,
            Class::Connective,
            Class::Relative,
            Class::Subordinator,
            Class::Adverb,
            Class::ClauseBreak,
            Class::Complementizer,
            Class::WhWord,
            Class::TimeWord,
            Class::Be,
        ]);
        let closed = |i: Tok| doc.classes(i).meets(CLOSED);
        let plain =
            |i: Tok| doc.low_word(i) && doc.tok(i).len() >= 3 && doc.tok(i).bytes().all(|b| b.is_ascii_lowercase());
        let Some(p) = i.prev() else { return false };
        let next = i + 1;
        plain(i)
            && !closed(i)
            && !doc.tok(i).ends_with("ly")
            && doc.is_word(p)
            && !closed(p)
            && (self.is(next, Class::Determiner)
                || self.is(next, Class::Possessive)
                || (self.is(next, Class::ClauseOpener) && !self.is(next, Class::Preposition))
                || doc.token(next).is_some_and(|t| t.kind() == TokKind::Number))
    }

    /// Whether `span` holds a word that is a verb by its look: an auxiliary,
    /// a common or person verb, a regular past, or a cue ("their involvement
    /// in the war" is no clause).
    fn has_verb(&self, span: Span) -> bool {
        self.words(span).iter().any(|&i| {
            self.doc.low_word(i)
                && (self.is(i, Class::Auxiliary)
                    || self.is(i, Class::CommonVerb)
                    || self.is(i, Class::PersonVerb)
                    || self.doc.words().ends_with(Class::PastEnding, self.doc.key(i))
                    || !self.doc.cues.starting_in(self.doc.span(i)).is_empty())
        })
    }

    /// The speaker a credit or transcript label names: a person in it, else
    /// its first part without a title or a bracket ("Rep. Ann Doe (R-Texas)"
    /// is Ann Doe, "SEN. OYELOWO" is OYELOWO, "Q" is Q).
    fn label_speaker(&self, label: Span) -> Option<Spk> {
        if let Some(m) = self.res.mentions_in(label).iter().find(|m| m.kind == Kind::Person) {
            return Some(self.spk(m, RuleId::SpeakerPerson));
        }
        let text = &self.doc.text[label.range()];
        let cut = text.find([',', '(']).unwrap_or(text.len());
        let mut span = Span::new(label.start, label.start + text[..cut].trim_end().len());
        if let Some(t) = self.doc.titles.starting_at(span.start).first().filter(|t| t.span.end < span.end) {
            let rest = &self.doc.text[t.span.end..span.end];
            span = Span::new(span.end - rest.trim_start().len(), span.end);
        }
        (!span.is_empty()).then_some(Spk {
            span,
            ent: None,
            pronoun: false,
            kind: Some(SpeakerKind::Person),
            rule: RuleId::SpeakerName,
            described: OptSpan::NONE,
        })
    }

    /// The noun phrase that ends at byte `end` (before ", who"): a person,
    /// group, country or place mention, or a description.
    fn antecedent(&self, end: usize) -> Option<Spk> {
        let before = self.doc.tok_at(end).prev()?;
        let at = self.doc.span(before);
        if let Some(m) = self.res.mention_at(at.start).filter(|m| m.span.end == at.end) {
            let rule = if m.kind == Kind::Person { RuleId::SpeakerPerson } else { RuleId::SpeakerGroup };
            return self.mask.on(rule).then(|| self.spk(m, rule));
        }
        let from = self.doc.span(before - 8).start.max(self.sentence_span(at.start).start);
        let seg = self.last_segment(Span::new(from, at.end));
        self.description(seg).filter(|d| d.span.end == at.end && self.mask.on(RuleId::SpeakerDescription))
    }

    /// The subject of the clause that starts at `from`: the words before its
    /// first verb ("The company posted a loss, adding that ...").
    /// The speaker in apposition before the comma `comma` ("..., its chair,
    /// Benedikt Haas, told"): a person or group alone between two commas,
    /// and where the speaker's words start (before a description such as
    /// "its chair" that comes first).
    fn appositive_speaker(&self, floor: usize, comma: Tok) -> Option<(Spk, usize)> {
        let doc = self.doc;
        let commas: Vec<Tok> = self
            .word_iter(Span::new(floor, doc.span(comma).start))
            .rev()
            .filter(|&i| doc.tok(i) == ",")
            .take(2)
            .collect();
        let j = *commas.first()?;
        let seg = Span::new(doc.span(j).end, doc.span(comma).start);
        let words = self.words(seg);
        let ms = self.res.mentions_in(seg);
        let m = ms.first().filter(|m| {
            ms.len() == 1
                && matches!(m.kind, Kind::Person | Kind::Group)
                && words.first().is_some_and(|&f| doc.span(f).start == m.span.start)
                && words.last().is_some_and(|&l| doc.span(l).end >= m.span.end)
        })?;
        let rule = if m.kind == Kind::Person { RuleId::SpeakerPerson } else { RuleId::SpeakerGroup };
        if !self.mask.on(rule) {
            return None;
        }
        let spk = self.spk(m, rule);
        // A description before the name belongs to the speaker too.
        let before = commas.get(1).map_or(floor, |&k| doc.span(k).end);
        let described = self.description(Span::new(before, doc.span(j).start)).is_some();
        Some((spk, if described { before } else { doc.span(j).end }))
    }

    /// Whether token `i` reads as a verb: an auxiliary, a common verb, a
    /// past form or a cue, in lower case.
    fn verb(&self, i: Tok) -> bool {
        self.doc.low_word(i)
            && (self.is(i, Class::Auxiliary)
                || self.is(i, Class::Be)
                || self.is(i, Class::CommonVerb)
                || self.is(i, Class::PersonVerb)
                || self.doc.words().ends_with(Class::PastEnding, self.doc.key(i))
                || !self.doc.cues.starting_in(self.doc.span(i)).is_empty())
    }

    /// The speaker right after a cue that opens the words from `from` to
    /// `to` outside quotes ("“...,” said Ana Lind, adding ..."): none when a
    /// word stands before the cue.
    fn inverted_subject(&self, from: usize, to: usize) -> Option<Spk> {
        let toks = self.words(Span::new(from, to));
        let first = toks.iter().position(|&i| self.doc.is_word(i))?;
        let i = toks[first];
        let cue = self.doc.cues.starting_at(self.doc.span(i).start).first()?;
        // Up to the comma that ends the speaker's words.
        let comma = toks[first..].iter().find(|&&t| self.doc.tok(t) == ",").map_or(to, |&t| self.doc.span(t).start);
        self.object(cue.span.end, comma)
    }

    fn main_subject(&self, from: usize, to: usize) -> Option<Spk> {
        let toks = self.words(Span::new(from, to));
        let verb = toks.iter().position(|&i| self.verb(i))?;
        let end = self.doc.span(*toks.get(verb.checked_sub(1)?)?).end;
        self.subject(Span::new(from, end))
    }
}

/// What matching one side of a construction found.
#[derive(Default)]
struct Side {
    /// The speaker of the statement before in the sentence, for a cue
    /// coordinated with its cue ("said S and added that S2").
    before: Option<Spk>,
    /// Where the clause of the cue starts: the sentence start, or the end
    /// of the statement before.
    start: Option<usize>,
    speaker: Option<Spk>,
    /// The statement's extent on this side: a reported clause or an object.
    content: Option<Span>,
}

impl Side {
    fn add_content(&mut self, s: Span) {
        self.content = Some(match self.content {
            Some(c) => Span::new(c.start.min(s.start), c.end.max(s.end)),
            None => s,
        });
    }
}

/// Whether token `i` is the pattern word `w` ("that", ",").
fn word_is(doc: &Doc<'_>, i: Tok, w: &str) -> bool {
    let t = doc.tok(i);
    if w == "," {
        return separator(t) && t != ":" && t != "(" && t != ")";
    }
    if doc.is_word(i) {
        doc.key(i) == w
    } else {
        t == w
    }
}

impl<'a, 't> Attr<'a, 't> {
    /// Matches the elements after a cue, left to right from byte `pos` up to
    /// `end` (the clause end). `stop` is the quote a `Q` element must be.
    fn match_right(
        &self,
        elems: &[Elem],
        mut pos: usize,
        end: usize,
        quote: Option<&QuoteSpan>,
        side: &mut Side,
    ) -> bool {
        let doc = self.doc;
        let mut k = 0;
        // Elements look a few tokens ahead at most; a separator may be further.
        const AHEAD: usize = 16;
        // The words up to `end`, looked up once: each element reads those
        // from `pos` on, and `pos` only moves right.
        let (base, all) = (pos, self.words(Span::new(pos, end)));
        while k < elems.len() {
            let toks = if pos >= base {
                let rest = &all[all.partition_point(|&i| doc.span(i).start < pos)..];
                &rest[..rest.len().min(AHEAD)]
            } else {
                self.words_upto(Span::new(pos, end), AHEAD)
            };
            match &elems[k] {
                Elem::Word(w) => {
                    let Some(&i) = toks.first().filter(|&&i| word_is(doc, i, w)) else { return false };
                    pos = doc.span(i).end;
                }
                Elem::Gap(_) | Elem::Object if matches!(elems.get(k + 1), Some(Elem::Word(_))) => {
                    // Up to n tokens, then the word: "told reporters that".
                    let Some(Elem::Word(w)) = elems.get(k + 1) else { return false };
                    let n = if let Elem::Gap(n) = elems[k] { n as usize } else { 6 };
                    let Some(at) = toks.iter().take(n + 1).position(|&i| word_is(doc, i, w)) else { return false };
                    if toks[..at].iter().any(|&i| self.is(i, Class::Auxiliary)) {
                        return false;
                    }
                    // A long gap is adjuncts only ("told The Associated Press
                    // in a phone interview Tuesday that"): no verb, infinitive
                    // or clause mark, which would make "that" a relative
                    // ("agreed to resume talks on a pact that stalled").
                    let clausal =
                        |i: Tok| self.verb(i) || self.is(i, Class::Infinitive) || matches!(doc.tok(i), "," | ";" | ":");
                    if at > 6 && toks[..at].iter().any(|&i| clausal(i)) {
                        return false;
                    }
                    // "posted a loss, warning that ...": another cue in the
                    // gap is the one "that" belongs to.
                    // (A cue after a comma, or a participle, used as a verb:
                    // "told analysts on a call that" is no such cue.)
                    let adjunct_cue = |i: Tok| {
                        let t = doc.span(i);
                        doc.cues.starting_at(t.start).first().is_some_and(|c| {
                            !self.noun_use(c)
                                && (self.participle(c) || i.prev().is_some_and(|p| doc.tok(p) == ","))
                                && !i.prev().is_some_and(|p| self.is(p, Class::Determiner))
                        })
                    };
                    if toks[..at].iter().any(|&i| doc.is_word(i) && adjunct_cue(i)) {
                        return false;
                    }
                    // "said the licences carried conditions and that ...": a
                    // clause and "and" before the word are no adjunct.
                    if at > 0 && self.is(toks[at - 1], Class::Coordinator) && doc.low_word(toks[at - 1]) {
                        return false;
                    }
                    // "said the price looked full but noted that ...": a cue
                    // joined to this one starts a statement of its own.
                    let joined_cue = (1..at).any(|j| {
                        self.is(toks[j - 1], Class::VerbLink) && doc.low_word(toks[j - 1]) && doc.cue_starts(toks[j])
                    });
                    if joined_cue {
                        return false;
                    }
                    // An object has a word at least.
                    if elems[k] == Elem::Object && at == 0 {
                        return false;
                    }
                    if elems[k] == Elem::Object {
                        let start = toks.first().map_or(pos, |&i| doc.span(i).start);
                        side.add_content(Span::new(start, doc.span(toks[at]).start.max(start)));
                    }
                    pos = doc.span(toks[at]).end;
                    k += 1;
                }
                Elem::Object if matches!(elems.get(k + 1), Some(Elem::Clause { .. })) => {
                    // An addressee, then a clause: "told the court she had
                    // never seen it". The object is one to four words.
                    let stop = toks.iter().take(5).position(|&i| !doc.is_word(i)).unwrap_or(5).min(toks.len());
                    let strict = |n: &usize| self.is(toks[*n], Class::ClauseOpener) || doc.cap_word(toks[*n]);
                    let opens = |n: &usize| self.opens_clause(&toks[*n..]) && !self.is(toks[*n], Class::Be);
                    let Some(n) = (1..stop).find(|n| strict(n) && opens(n)).or_else(|| (1..stop).find(opens)) else {
                        return false;
                    };
                    pos = doc.span(toks[n]).start;
                }
                Elem::Gap(n) => {
                    // Adjuncts, no clause: a gap holds no auxiliary.
                    let n = (*n as usize).min(toks.len());
                    if toks[..n].iter().any(|&i| self.is(i, Class::Auxiliary)) {
                        return false;
                    }
                    pos = toks.get(n).map_or(end, |&i| doc.span(i).start);
                }
                Elem::AnyGap => {
                    // Everything up to the quote, if one follows.
                    if let Some(q) = quote.filter(|_| matches!(elems.get(k + 1), Some(Elem::Quote))) {
                        pos = q.open.start;
                    }
                }
                Elem::Class { class, many } => {
                    let n = toks.iter().take_while(|&&i| self.is(i, *class)).count();
                    if n == 0 && !many {
                        return false;
                    }
                    let n = if *many { n } else { 1 };
                    if n > 0 {
                        pos = doc.span(toks[n - 1]).end;
                    }
                }
                Elem::Speaker => {
                    // The speaker after the cue, up to the next separator
                    // when a word follows in the pattern.
                    let limit = match (elems.get(k + 1), quote) {
                        (Some(Elem::Word(w)), _) => {
                            match self.word_iter(Span::new(pos, end)).take(OBJECT_TOKENS).find(|&i| word_is(doc, i, w))
                            {
                                Some(i) => doc.span(i).start,
                                None => return false,
                            }
                        }
                        (_, Some(q)) => q.open.start,
                        _ => end,
                    };
                    if elems.get(k + 1).is_some_and(|e| matches!(e, Elem::Word(_)))
                        && self.has_separator(Span::new(pos, limit))
                    {
                        return false;
                    }
                    let Some(s) = self.object(pos, limit) else { return false };
                    // "said he expected", "said his plan was": the subject of a
                    // clause, not a speaker after its cue.
                    // After "according to" a verb only qualifies the source
                    // ("according to court documents filed Monday").
                    let next = self.word_iter(Span::new(s.span.end, limit)).next().filter(|&i| doc.is_word(i));
                    let after_prep = doc
                        .cues
                        .starting_in(Span::new(pos.saturating_sub(32), pos))
                        .last()
                        .is_some_and(|h| h.span.end <= pos && self.pos(h) == Some(Pos::Prep));
                    if next.is_some_and(|i| self.verb(i)) && !after_prep {
                        return false;
                    }
                    side.speaker = Some(s);
                    pos = limit;
                }
                Elem::Clause { opener, opens } => {
                    // From the first token, a quoted one too ("of “ruling by
                    // decree” and said ..." starts at the quote).
                    let start = toks.first().map_or(end, |&i| doc.span(i).start);
                    let start = doc.token(doc.tok_at(pos)).map_or(start, |t| t.span().start.min(start));
                    // A clause that opens with an auxiliary has no subject:
                    // "said in reports that were never published". Nor does
                    // a coordinated cue: "said and repeated that ...".
                    // (Only words outside quotes count, so the coordinator
                    // must open the clause: "accused X of “...” and said" is
                    // the quote's.)
                    let leads = |i: Tok| !self.quoted(pos) && doc.tok_at(pos) == i;
                    if toks.first().is_some_and(|&i| {
                        self.is(i, Class::Auxiliary)
                            || (leads(i) && self.is(i, Class::Coordinator) && doc.cue_starts(i + 1))
                    }) {
                        return false;
                    }
                    let stop = self.clause_end(start, end);
                    // Every token counts, quoted ones too ("inflation was “broadly under control”").
                    let n = doc.tok_at(stop).ix().saturating_sub(doc.tok_at(start).ix());
                    if n == 0 || start >= stop {
                        return false;
                    }
                    // "said sales fell": two words do when the second is a verb.
                    let short = n < 3 && !(n == 2 && toks.get(1).is_some_and(|&i| self.verb(i)));
                    let verb =
                        |span: Span| self.has_verb(span) || self.words(span).iter().any(|&i| self.verb_by_place(i));
                    // The verb stands before a colon: "said it plainly: the
                    // city cannot ..." is the colon's statement.
                    let head = self.word_iter(Span::new(start, stop)).find(|&i| doc.tok(i) == ":");
                    let head = head.map_or(stop, |i| doc.span(i).start);
                    let mut start = start;
                    if *opener && (!self.opens_clause(toks) || short || !verb(Span::new(start, head))) {
                        // "told reporters one thing above all: the election
                        // had to be rerun": the clause after the colon.
                        let colon = toks.iter().position(|&i| doc.tok(i) == ":").filter(|_| head < stop);
                        let rest = colon.and_then(|c| toks.get(c + 1..)).unwrap_or(&[]);
                        let from = rest.first().map_or(stop, |&i| doc.span(i).start);
                        if from >= stop || !self.opens_clause(rest) || !verb(Span::new(from, stop)) {
                            return false;
                        }
                        start = from;
                    }
                    match opens {
                        Some(c) => {
                            if !toks.first().is_some_and(|&i| self.is(i, *c)) {
                                return false;
                            }
                        }
                        // "conceded in an interview": an adjunct, no statement.
                        // (A quote before it opens the complement: "warned
                        // of “a famine” in the north".)
                        None => {
                            let prep = |i: Tok| self.is(i, Class::Preposition) && !self.is(i, Class::ClauseOpener);
                            if toks.first().is_some_and(|&i| prep(i) && doc.low_word(i) && leads(i)) {
                                return false;
                            }
                        }
                    }
                    side.add_content(Span::new(start, stop));
                    pos = stop;
                }
                Elem::Quote => {
                    // A quote right of the cue: the quote being attributed.
                    if quote.is_none() {
                        return false;
                    }
                }
                Elem::End => {
                    // Nothing more: no word, and no quote the cue would introduce.
                    // The sentence's end, or a clause break: ", he said, but ...".
                    let breaks = |j: usize| {
                        let t = doc.tok(toks[j]);
                        t == ";"
                            || (t == ","
                                && toks
                                    .get(j + 1)
                                    .is_some_and(|&n| self.is(n, Class::ClauseBreak) || self.is(n, Class::Coordinator)))
                    };
                    let stop = (0..toks.len()).find(|&j| breaks(j)).unwrap_or(toks.len());
                    let limit = toks.get(stop).map_or(end, |&i| doc.span(i).start);
                    let i = self.inside.first_at(pos);
                    let quoted = self.inside.get(i).is_some_and(|q| q.start < limit);
                    let more = stop == toks.len() && toks.len() == AHEAD;
                    if quoted || more || toks[..stop].iter().any(|&i| doc.is_word(i) || doc.tok(i) == ":") {
                        return false;
                    }
                }
                // An object is only read before a word ("urged X to").
                Elem::Object | Elem::Cue(_) | Elem::Start => return false,
            }
            k += 1;
        }
        true
    }

    /// Whether the words right next to cue `c` are those the pattern wants
    /// there, when it wants a word ("S , CUE SPK", "CUE for S"): the first
    /// step of [`match_left`](Self::match_left) from `c` down to `floor`
    /// and of [`match_right`](Self::match_right) from `c` up to `end`, asked
    /// before either reads a clause or a speaker.
    fn next_words_fit(&self, pat: &Pattern, c: &LexHit, floor: usize, end: usize) -> bool {
        let doc = self.doc;
        let left = match pat.left.first() {
            Some(Elem::Word(w)) => {
                self.word_iter(Span::new(floor, c.span.start)).next_back().is_some_and(|i| word_is(doc, i, w))
            }
            _ => true,
        };
        left && match pat.right.first() {
            Some(Elem::Word(w)) => self.words(Span::new(c.span.end, end)).first().is_some_and(|&i| word_is(doc, i, w)),
            _ => true,
        }
    }

    /// Matches the elements before a cue (nearest first), right to left from
    /// byte `pos` down to `floor`. `from` is where a subject may start when
    /// nothing bounds it on the left.
    fn match_left(&self, elems: &[Elem], pos: usize, floor: usize, from: usize, side: &mut Side) -> bool {
        let doc = self.doc;
        let mut pos = pos;
        let mut k = 0;
        // After `...`: the next element is at the start of the clause.
        let mut gap = false;
        while k < elems.len() {
            match &elems[k] {
                Elem::Word(w) => {
                    let last = self.word_iter(Span::new(floor, pos)).next_back();
                    let Some(i) = last.filter(|&i| word_is(doc, i, w)) else { return false };
                    pos = doc.span(i).start;
                }
                Elem::Class { class, many } => {
                    let run: Vec<Tok> =
                        self.word_iter(Span::new(floor, pos)).rev().take_while(|&i| self.is(i, *class)).collect();
                    if run.is_empty() && !many {
                        return false;
                    }
                    let n = if *many { run.len() } else { 1 };
                    if n > 0 {
                        pos = doc.span(run[n - 1]).start;
                    }
                }
                Elem::Speaker if gap => {
                    // "The company posted a loss, adding that ...": the
                    // subject of the clause the cue hangs off; the speaker of
                    // the statement before ("S, said X, adding that ..."), or
                    // the one after a cue that opens the clause ("“...,”
                    // said X, adding that ...").
                    let s = side.before.or_else(|| self.inverted_subject(floor, pos));
                    let Some(s) = s.or_else(|| self.main_subject(floor, pos)) else { return false };
                    side.speaker = Some(s);
                    pos = floor;
                }
                Elem::Speaker if k >= 2 && matches!(elems[k - 2], Elem::Class { class: Class::Relative, .. }) => {
                    // "X, who said ...": the antecedent right before the comma.
                    let Some(s) = self.antecedent(pos) else { return false };
                    side.speaker = Some(s);
                    pos = s.span.start;
                }
                Elem::Speaker => {
                    // Bounded on the left by the next word of the pattern
                    // (", SPK CUE": the nearest separator), else by `from`.
                    let start = match elems.get(k + 1) {
                        Some(Elem::Word(w)) => {
                            match self.word_iter(Span::new(floor, pos)).rev().find(|&i| word_is(doc, i, w)) {
                                // "..., its chair, Benedikt Haas, told Reuters": the
                                // name in apposition right before the cue.
                                Some(i) if w == "," && self.words(Span::new(doc.span(i).end, pos)).is_empty() => {
                                    let Some((s, at)) = self.appositive_speaker(floor, i) else { return false };
                                    side.speaker = Some(s);
                                    pos = at;
                                    k += 1;
                                    continue;
                                }
                                Some(i) => doc.span(i).end,
                                None => return false,
                            }
                        }
                        Some(Elem::Clause { .. }) => return false,
                        // "..., but his opposite number, X, said": the clause
                        // after the break.
                        _ => {
                            let toks = self.words(Span::new(from, pos));
                            let brk = (1..toks.len()).rev().find(|&j| {
                                doc.tok(toks[j - 1]) == ","
                                    && (self.is(toks[j], Class::ClauseBreak) || self.is(toks[j], Class::Coordinator))
                            });
                            brk.map_or(from, |j| doc.span(toks[j]).end)
                        }
                    };
                    let region = Span::new(start, pos);
                    // ", officials said": after a comma the speaker is a plain
                    // noun phrase, neither a clause ("adding that it") nor
                    // the start of one (", but engineers disagreed").
                    if matches!(elems.get(k + 1), Some(Elem::Word(w)) if w == ",") {
                        let words = self.words(region);
                        let opens = words.first().is_some_and(|&f| {
                            self.is(f, Class::Coordinator) || self.is(f, Class::ClauseBreak) || self.verb(f)
                        });
                        if opens || words.iter().any(|&i| self.verb(i) || self.is(i, Class::Complementizer)) {
                            return false;
                        }
                    }
                    // "said S and added that S2": the speaker of S.
                    let joined = self
                        .words(region)
                        .iter()
                        .all(|&i| !doc.is_word(i) || self.is(i, Class::Coordinator) || self.is(i, Class::ClauseBreak));
                    let s = match side.before {
                        Some(b) if joined => b,
                        _ => match self.subject(region) {
                            Some(s) => s,
                            None => return false,
                        },
                    };
                    side.speaker = Some(s);
                    pos = start;
                }
                Elem::Clause { .. } => {
                    // The reported clause before: from the sentence start, or
                    // from the statement before, without the connectives.
                    let start = side.start.unwrap_or(floor);
                    let mut toks = self.words(Span::new(start, pos));
                    while let Some((&f, rest)) = toks.split_first() {
                        let joins = !doc.is_word(f) || self.is(f, Class::Connective) || self.is(f, Class::ClauseBreak);
                        if joins && start > floor {
                            toks = rest;
                        } else {
                            break;
                        }
                    }
                    let (Some(&a), Some(&b)) = (toks.first(), toks.last()) else { return false };
                    // "Voters oppose the reform, a poll showed": a verb by
                    // its place does too.
                    if toks.iter().filter(|&&i| doc.is_word(i)).count() < 3
                        || !toks.iter().any(|&i| self.verb(i) || self.verb_by_place(i))
                        || self.verb(a)
                    {
                        return false;
                    }
                    // A quote before is the statement; "In a letter to
                    // shareholders, X wrote:" opens with an adverbial only.
                    let span = Span::new(doc.span(a).start, doc.span(b).end);
                    let comma = toks.iter().any(|&i| doc.tok(i) == ",");
                    if self.quote_overlaps(span)
                        || ((self.is(a, Class::Preposition) || self.is(a, Class::Adverbial)) && !comma)
                    {
                        return false;
                    }
                    side.add_content(Span::new(doc.span(a).start, doc.span(b).end));
                    pos = floor;
                }
                Elem::Gap(n) => {
                    let toks = self.words_last(Span::new(floor, pos), *n as usize);
                    pos = toks.first().map_or(floor, |&i| doc.span(i).start);
                }
                Elem::AnyGap => gap = true,
                Elem::Start => {
                    // Only connectives before: "But according to X, ...".
                    if self.word_iter(Span::new(floor, pos)).any(|i| doc.is_word(i) && !self.is(i, Class::Connective)) {
                        return false;
                    }
                    pos = floor;
                }
                Elem::Object | Elem::Quote | Elem::End | Elem::Cue(_) => return false,
            }
            k += 1;
        }
        true
    }
}

/// Attributes every quotation and finds reported speech.
pub(crate) fn attribute(
    doc: &Doc<'_>,
    gaz: &Gazetteer,
    rules: &Rules,
    mask: &RuleMask,
    res: &Resolved,
    quotes: &[QuoteSpan],
) -> (Vec<Stmt>, Learned) {
    let inside: Vec<Span> =
        quotes.iter().map(|q| Span::new(q.open.start, q.close.get().map_or(q.content.end, |c| c.end))).collect();
    let unquoted = {
        let mut q = 0;
        let mut out = Vec::with_capacity(doc.len());
        for (i, t) in doc.tokens().iter().enumerate() {
            while inside.get(q).is_some_and(|s| s.end <= t.span().start) {
                q += 1;
            }
            if inside.get(q).is_none_or(|s| s.start > t.span().start) {
                out.push(Tok::new(i));
            }
        }
        crate::span::trim_spare(&mut out);
        TokList::from(out)
    };
    let inside = ByStart::new(inside, doc.text.len());
    let direct_forms =
        rules.constructions().filter(|(_, p)| p.direct).map(|(r, p)| (r, p, p.left.contains(&Elem::Quote))).collect();
    let a = Attr {
        doc,
        gaz,
        rules,
        mask,
        res,
        inside,
        unquoted,
        last_words: Cell::default(),
        author: OnceCell::new(),
        direct_forms,
    };
    let mut learned = Learned::default();
    // A statement per quote, and about one per cue that reports speech: a
    // long text's statements are then made in one allocation, not copied
    // into ever larger ones.
    let mut stmts: Vec<Stmt> = Vec::with_capacity(quotes.len() + doc.cues.len());
    for qi in 0..quotes.len() {
        let stmt = direct(&a, quotes, qi, &stmts, &mut learned);
        stmts.push(stmt);
    }
    indirect(&a, &mut stmts, &mut learned);
    // Stable, without a stable sort's scratch copy of half the statements.
    crate::span::sort_stable_by_key(&mut stmts, |s| s.span.start as u32);
    (stmts, learned)
}

/// Whether a quote ends its clause, so the words after it may attribute it:
/// a partial quote in mid-sentence ("must “step up” deliveries, while Y
/// pledged ...") belongs to the words before it.
fn ends_clause(doc: &Doc<'_>, q: &QuoteSpan) -> bool {
    q.close.get().is_some_and(|close| {
        // "... called it ‘a joke,’”": an inner quote that closes with it.
        let inside = doc.text[q.content.range()].trim_end_matches(|c: char| {
            c.is_whitespace() || c.is_control() || matches!(c, '’' | '\'' | '”' | '"' | '»')
        });
        let after = doc.text[close.end..].trim_start();
        // The token after is read last (the text around the marks is at
        // hand; in a long text the token layer there is not).
        let next = || doc.tok_at(close.end);
        inside.ends_with([',', '.', '!', '?', '…', ';', ':'])
            || after.is_empty()
            || after.starts_with([',', '.', ';', ':', '!', '?', '—', '–', ')', '\n'])
            // "“...” Putin said": no comma, but a new subject.
            || doc.cap_word(next())
            || (doc.low_word(next()) && doc.is(next(), Class::SubjectPronoun))
    })
}

/// The regions around quote `qi`: after it (to the next quote or the end of
/// its sentence, or of the next sentence when the quote ends its own: then
/// `true`) and before it (from the quote before or the sentence start).
fn regions(a: &Attr<'_, '_>, quotes: &[QuoteSpan], qi: usize) -> (Option<(Span, bool)>, Span) {
    let q = &quotes[qi];
    let prev = qi.checked_sub(1).map(|i| &quotes[i]).filter(|p| p.para == q.para);
    let mut next = quotes.get(qi + 1).filter(|n| n.para == q.para);
    // "“We are ready,” “We are willing,” the leaders said": a quote right
    // after, with only a comma between, shares the attribution after it.
    let mut close = q.close.get();
    let mut k = qi + 1;
    while let (Some(c), Some(n)) = (close, next) {
        let between = &a.doc.text[c.end.min(n.open.start)..n.open.start];
        // The quote before ends in a comma, not a sentence's end.
        let comma = a.doc.text[..c.start.min(a.doc.text.len())].trim_end().ends_with(',');
        if !comma || n.close.is_none() || !between.trim().trim_end_matches(',').is_empty() || !ends_clause(a.doc, n) {
            break;
        }
        close = n.close.get();
        k += 1;
        next = quotes.get(k).filter(|n| n.para == q.para);
    }
    let after = close.filter(|_| ends_clause(a.doc, q)).map(|close| {
        let mut sent = a.sentence_span(close.start);
        let mut later = false;
        // "“Why now?” Mr. X asked.": the quote ended its sentence; the
        // attribution is the next one, in the same paragraph, when it
        // holds no quote of its own.
        if sent.end <= close.end {
            let next_sent = a.sentence_span(close.end);
            let own = a.doc.sentence_at(next_sent.start) != a.doc.sentence_at(close.start);
            let same_para = a.doc.seg.paragraphs.get(q.para).is_some_and(|p| next_sent.end <= p.span().end);
            let quoted = next.is_some_and(|n| n.open.start < next_sent.end);
            if next_sent.start >= close.end && own && same_para && !quoted {
                sent = Span::new(close.end, next_sent.end);
                later = true;
            }
        }
        let end = next.map_or(sent.end, |n| n.open.start.min(sent.end)).max(close.end);
        (Span::new(close.end, end), later)
    });
    let sent = a.sentence_span(q.open.start);
    let mut start = prev.and_then(|p| p.close.get()).map_or(sent.start, |c| c.end.max(sent.start));
    // "X wrote:" then a paragraph of quote: the attribution is the last
    // sentence of the paragraph before.
    let para = &a.doc.seg.paragraphs[q.para];
    if prev.is_none() && q.open.start == para.span().start && q.para > 0 {
        let before = &a.doc.seg.paragraphs[q.para - 1];
        if a.doc.text[before.span().range()].ends_with(':') {
            start = a.sentence_span(before.span().end.saturating_sub(1)).start;
        }
    }
    (after, Span::new(start.min(q.open.start), q.open.start))
}

fn direct(a: &Attr<'_, '_>, quotes: &[QuoteSpan], qi: usize, done: &[Stmt], learned: &mut Learned) -> Stmt {
    let doc = a.doc;
    let q = &quotes[qi];
    // A transcript line: the label is the speaker.
    if let Some(label) = q.label.get().filter(|_| a.mask.on(RuleId::QuoteLabel)) {
        let speaker = a.label_speaker(label);
        let rule = RuleId::QuoteLabel;
        let confidence = a.rules.get(rule.into()).confidence;
        return Stmt { span: q.content, kind: StmtKind::Direct, speaker, cue: None, confidence, rule: rule.into() };
    }
    let para = &doc.seg.paragraphs[q.para];
    let prev = qi.checked_sub(1).map(|i| &quotes[i]).filter(|p| p.para == q.para);
    let mut stmt = Stmt {
        span: q.content,
        kind: StmtKind::Direct,
        speaker: None,
        cue: None,
        confidence: 0.0,
        rule: RuleId::QuoteUnattributed.into(),
    };
    // More than three words in the quote (asked only of a quote with no
    // speaker and no cue).
    let long = || doc.text[q.content.range()].split_whitespace().nth(3).is_some();
    let (after, before) = regions(a, quotes, qi);
    let later = after.is_some_and(|(_, l)| l);
    let after = after.map(|(r, _)| r);
    // A cue next to the quote, even when no speaker is found for it.
    let after_cue = after.and_then(|r| a.cues_in(r).first().copied().map(|c| (r, c)));
    let before_cues = a.cues_in(before);
    let main = main_cue(a, &before_cues, before.start);
    let mut cued = after_cue
        .is_some_and(|(r, c)| !a.participle(&c) && a.word_count(Span::new(r.start, c.span.start)) <= 12)
        || main.is_some();

    // The words after a quote that ends its sentence are read only when
    // those before it attribute nothing.
    let direct = &a.direct_forms;
    let order = direct
        .iter()
        .filter(|&&(_, _, quote_left)| !(later && quote_left))
        .chain(direct.iter().filter(|&&(_, _, quote_left)| later && quote_left));
    for &(rix, pat, quote_left) in order {
        if !a.mask.on(rix) {
            continue;
        }
        let m = if quote_left {
            let Some((region, c)) = after_cue else { continue };
            quote_then_cue(a, pat, region, c)
        } else {
            let Some(ci) = main else { continue };
            cue_then_quote(a, pat, q, before, &before_cues, ci)
        };
        let Some((spk, cue)) = m else { continue };
        if let Some(spk) = a.finish(Some(spk), learned) {
            let conf = a.rules.get(rix).confidence * a.rules.get(spk.rule.into()).confidence;
            stmt = Stmt { speaker: Some(spk), cue: Some(cue), confidence: conf, rule: rix, ..stmt };
            break;
        }
        cued = true;
    }

    // "X said the team had “given away” the winner and called the result
    // “...”": a cue joined by "and" to the clause of a cue before a quote
    // of the same sentence shares that cue's speaker (the words before it
    // start after that quote, so the subject search cannot see it).
    if let (Some(c), Some(p)) =
        (stmt.cue, prev.filter(|p| a.doc.sentence_at(p.open.start) == a.doc.sentence_at(q.open.start)))
    {
        let joined = a.doc.tok_at(c.span.start).prev().is_some_and(|t| a.is(t, Class::VerbLink) && a.doc.low_word(t));
        let from_prev = before.start >= p.close.get().map_or(p.open.end, |x| x.end);
        let earlier = done
            .get(qi - 1)
            .filter(|d| d.kind == StmtKind::Direct && d.cue.is_some_and(|pc| pc.span.end <= p.open.start));
        if let Some(d) =
            earlier.filter(|_| joined && from_prev && before_cues.first().is_some_and(|f| f.span == c.span))
        {
            stmt.speaker = d.speaker;
        }
    }

    // "Name, Outlet: “...”": a credit line with no cue names the speaker.
    if stmt.speaker.is_none() && a.mask.on(RuleId::QuoteCredit) && before_cues.is_empty() {
        let lead = &doc.text[para.span().start.min(q.open.start)..q.open.start];
        if let Some(colon) = lead.trim_end().strip_suffix(':') {
            let label = Span::new(para.span().start, para.span().start + colon.trim_end().len());
            // "The mayor was blunt: “...”" is no credit line: it has a verb.
            if a.word_count(label) <= 12 && !a.has_verb(label) {
                if let Some(spk) = a.label_speaker(label) {
                    let rule = RuleId::QuoteCredit;
                    stmt = Stmt {
                        speaker: Some(spk),
                        confidence: a.rules.get(rule.into()).confidence,
                        rule: rule.into(),
                        ..stmt
                    };
                    cued = true;
                }
            }
        }
    }

    // Around the quote: a continued or continuing paragraph of quote.
    let prev_any = qi.checked_sub(1).and_then(|i| done.get(i));
    let pure = q.open.start == para.span().start;
    // "“...” - that was the verdict of Priya Nair": a person outside the
    // quote marks of the paragraph keeps it from the speaker before.
    let own_person =
        || a.res.mentions_in(para.span()).iter().any(|m| m.kind == Kind::Person && !a.quoted(m.span.start));
    let next_para = pure && prev_any.is_some() && quotes[qi - 1].para + 1 == q.para && !own_person();
    // "“...,” a source said. “...”": a later quote of the same paragraph
    // with no cue of its own.
    let same_para = prev.is_some() && prev_any.is_some_and(|p| p.kind == StmtKind::Direct && p.speaker.is_some());
    let inherit = if q.continued {
        Some(RuleId::QuoteContinued)
    } else if next_para {
        Some(RuleId::QuoteNextParagraph)
    } else if same_para {
        Some(RuleId::QuoteSameParagraph)
    } else {
        None
    };
    let prev_direct = prev_any.filter(|p| p.kind == StmtKind::Direct && stmt.speaker.is_none());
    if let (Some(rule), Some(p)) = (inherit.filter(|r| a.mask.on(*r)), prev_direct) {
        stmt.speaker = p.speaker;
        stmt.cue = p.cue;
        stmt.confidence = a.rules.get(rule.into()).confidence;
        stmt.rule = rule.into();
    }

    // Scare quotes, titles and headline words are no statements.
    let headline = para.headline && !para.span().is_empty() && !q.continued && !q.continues;

    // "Pirelli was defiant. “...”": a quote with no cue after a sentence of
    // its paragraph (or, opening its paragraph, after the paragraph before)
    // that holds no quote: the subject of that sentence.
    if stmt.speaker.is_none() && !cued && !headline && long() && a.mask.on(RuleId::QuoteIntroduced) {
        if let Some(spk) = introducer(a, q, para).and_then(|s| a.finish(Some(s), learned)) {
            let rule = RuleId::QuoteIntroduced;
            let conf = a.rules.get(rule.into()).confidence * a.rules.get(spk.rule.into()).confidence;
            stmt = Stmt { speaker: Some(spk), confidence: conf, rule: rule.into(), ..stmt };
        }
    }
    let scare = stmt.speaker.is_none() && !cued && !long();
    let mention = if headline && a.mask.on(RuleId::QuoteHeadline) {
        Some(RuleId::QuoteHeadline)
    } else if scare && a.mask.on(RuleId::QuoteScare) {
        Some(RuleId::QuoteScare)
    } else {
        None
    };
    if let Some(rule) = mention {
        stmt.kind = StmtKind::Mention;
        stmt.speaker = None;
        stmt.cue = None;
        stmt.confidence = a.rules.get(rule.into()).confidence;
        stmt.rule = rule.into();
    } else if stmt.speaker.is_none() {
        stmt.confidence = a.rules.get(RuleId::QuoteUnattributed.into()).confidence;
    }
    stmt
}

/// The subject of the sentence right before quote `q`, when that sentence
/// is in `q`'s paragraph (or ends the paragraph before, for a quote that
/// opens its own), holds no quote and has a verb.
fn introducer(a: &Attr<'_, '_>, q: &QuoteSpan, para: &Paragraph) -> Option<Spk> {
    let doc = a.doc;
    let lead = doc.text.get(para.span().start.min(q.open.start)..q.open.start)?;
    let end = if lead.trim().is_empty() {
        // The quote opens its paragraph: the paragraph before.
        let before = doc.seg.paragraphs.get(q.para.checked_sub(1)?)?;
        if before.headline {
            return None;
        }
        before.span().end
    } else if lead.trim_end().ends_with(['.', '!', '?', ':']) {
        para.span().start + lead.trim_end().len()
    } else {
        return None;
    };
    let sent = a.sentence_span(end.checked_sub(1)?);
    // "The mayor was blunt: “...”": the clause before the colon, in the
    // quote's own sentence.
    let sent =
        if lead.trim_end().ends_with(':') && sent.end > q.open.start { Span::new(sent.start, end) } else { sent };
    if sent.is_empty() || a.quote_overlaps(sent) || sent.len() > SUBJECT_BYTES {
        return None;
    }
    a.main_subject(sent.start, sent.end)
}

/// A construction with the quote first (`Q ... CUE ...`): `c` is the first
/// cue in `region`, the words after the quote.
fn quote_then_cue(a: &Attr<'_, '_>, pat: &Pattern, region: Span, c: LexHit) -> Option<(Spk, LexHit)> {
    let c = a.fits(&c, &pat.cue)?;
    // Between the quote and the cue: nothing ("“...,” said X"), or the
    // subject within twelve words ("“...,” the minister said").
    let qpos = pat.left.iter().position(|e| *e == Elem::Quote)?;
    let between = &pat.left[..qpos];
    let gap = Span::new(region.start, c.span.start);
    let mut side = Side::default();
    match between {
        [] => {
            if a.word_count(gap) > 0 {
                return None;
            }
        }
        [Elem::Speaker] => {
            // "“...,” while Y said she ...": another clause, another speaker.
            let first = a.words(gap).iter().copied().find(|&i| a.doc.is_word(i));
            let joined = first.is_some_and(|i| a.is(i, Class::Coordinator) || a.is(i, Class::ClauseBreak));
            if a.word_count(gap) > 12 || joined {
                return None;
            }
            side.speaker = Some(a.subject(gap)?);
        }
        _ => {
            if !a.match_left(between, c.span.start, region.start, region.start, &mut side) {
                return None;
            }
        }
    }
    if !a.match_right(&pat.right, c.span.end, region.end, None, &mut side) {
        return None;
    }
    side.speaker.map(|s| (s, c))
}

/// A construction with the cue first (`... CUE ... Q`): `cues[ci]` is the
/// cue that governs the quote among those before it.
fn cue_then_quote(
    a: &Attr<'_, '_>,
    pat: &Pattern,
    q: &QuoteSpan,
    region: Span,
    cues: &[LexHit],
    ci: usize,
) -> Option<(Spk, LexHit)> {
    let c = a.fits(&cues[ci], &pat.cue)?;
    if pat.left.first() == Some(&Elem::Speaker) && a.passive(&c) {
        return None;
    }
    let mut side = Side::default();
    if !a.match_right(&pat.right, c.span.end, region.end, Some(q), &mut side) {
        return None;
    }
    if !pat.left.is_empty() {
        // "X called for calm, describing it as “...”": a participle's
        // subject is that of the clause it hangs off.
        let mut si = ci;
        if !pat.cue.pos.contains(&Pos::Ing) {
            while si > 0 && a.participle(&cues[si]) {
                si -= 1;
            }
        }
        // "X welcomed the decision but urged ... “...”": a cue coordinated
        // with the cue before shares its subject.
        while si > 0
            && cues[si - 1].span.end + SUBJECT_BYTES >= cues[si].span.start
            && !a.in_relative_clause(&cues[si - 1], region.start)
        {
            let gap = a.words(Span::new(cues[si - 1].span.end, cues[si].span.start));
            // (Words only: the marks of a partial quote in the first cue's
            // clause do not count: "said the team had “given away” the
            // winner and called the result “...”".)
            let coordinated = gap.iter().filter(|&&t| a.doc.is_word(t)).count() <= 8
                && gap.last().is_some_and(|&t| a.is(t, Class::VerbLink) && a.doc.low_word(t))
                && !gap.iter().any(|&t| a.doc.tok(t) == ",");
            if !coordinated {
                break;
            }
            si -= 1;
        }
        let sc = &cues[si];
        // The subject starts after the cue before, unless that cue sits in
        // a relative clause about the subject itself.
        let from = cues[..si]
            .iter()
            .rev()
            .take_while(|p| p.span.end + SUBJECT_BYTES >= sc.span.start)
            .find(|p| !a.in_relative_clause(p, region.start) && a.bounds_subject(p))
            .map_or(region.start, |p| p.span.end);
        if !a.match_left(&pat.left, sc.span.start, region.start, from, &mut side) {
            return None;
        }
    }
    side.speaker.map(|s| (s, c))
}

/// The cue that governs a quote among the cues before it in its sentence:
/// the first that reports a clause holding the later ones ("He added that
/// Moscow would respond “...”": "added", not "respond"), else the last. An
/// "according to" gives way to a verb cue after it.
fn main_cue(a: &Attr<'_, '_>, cues: &[LexHit], floor: usize) -> Option<usize> {
    for (i, c) in cues.iter().enumerate().take(cues.len().saturating_sub(1)) {
        let reports = a.has_frame(c, Frame::That) || a.has_frame(c, Frame::ObjTo) || a.has_frame(c, Frame::ObjThat);
        if a.pos(c) == Some(Pos::Prep) || !reports || a.in_relative_clause(c, floor) {
            continue;
        }
        let next = &cues[i + 1];
        let between = a.words(Span::new(c.span.end, next.span.start));
        if between.iter().take(8).any(|&t| a.is(t, Class::Complementizer)) {
            return Some(i);
        }
        // "said firms wanted “...”": a clause without "that" whose subject
        // alone stands between the two cues.
        let subject_only = (1..=6).contains(&between.len())
            && between.iter().all(|&t| a.doc.is_word(t) && !a.verb(t) && !a.is(t, Class::Preposition));
        let with_verb = a.words(Span::new(c.span.end, next.span.end));
        if a.has_frame(c, Frame::Clause) && subject_only && a.opens_clause(with_verb) {
            return Some(i);
        }
    }
    (0..cues.len())
        .rev()
        .find(|&i| !a.in_relative_clause(&cues[i], floor) && !a.passive(&cues[i]))
        .or(cues.len().checked_sub(1))
}

/// Reported speech, thoughts and evidence: at every cue outside quotation
/// marks, the `reported` constructions in table order. A sentence may hold
/// several statements; a cue inside a statement found before is part of it,
/// and a statement that is only a direct quote is that quote's.
fn indirect(a: &Attr<'_, '_>, stmts: &mut Vec<Stmt>, learned: &mut Learned) {
    let doc = a.doc;
    // The cues that attribute a direct quote, with its span: such a cue
    // reports a clause only when the clause holds the quote ("said the plan
    // was “dead”"), not in "“...,” she conceded in an interview".
    let mut used: Vec<(usize, Span)> =
        stmts.iter().filter(|s| s.kind == StmtKind::Direct).filter_map(|s| Some((s.cue?.span.start, s.span))).collect();
    used.sort_by_key(|u| u.0);
    // The constructions of reported speech that are on, with what the loop
    // below asks of each: whether its left side ends with the clause (read
    // in the first pass) and whether it reads a relative clause.
    let constructions: Vec<(RuleIx, &Pattern, bool, bool)> = a
        .rules
        .constructions()
        .filter(|&(rix, p)| !p.direct && a.mask.on(rix))
        .map(|(rix, p)| {
            let clause_last = matches!(p.left.last(), Some(Elem::Clause { .. }));
            let reads_relative = matches!(p.left.first(), Some(Elem::Class { class: Class::Relative, .. }));
            (rix, p, clause_last, reads_relative)
        })
        .collect();
    for si in 0..doc.seg.sentences.len() {
        let sent = doc.seg.sentences[si].span();
        if doc.seg.paragraphs[doc.seg.sentences[si].para()].headline {
            continue;
        }
        let cues = a.cues_in(sent);
        if cues.is_empty() {
            continue;
        }
        let end = trim_end(doc, sent);
        let mut taken = Taken::default();
        // The statements of the sentence: where each ends (with its cue), in
        // the order found, and its speaker.
        let mut done: std::collections::BTreeMap<(usize, usize), Spk> = std::collections::BTreeMap::new();
        // The cues a statement was read at.
        let mut read: Vec<bool> = vec![false; cues.len()];
        // The clauses read first, before their speaker.
        let mut outer: Vec<Span> = Vec::new();
        // First the constructions that put the clause before the speaker
        // ("Brazil will ask Congress to ..., officials said"): a cue inside
        // that clause is part of it. Then all, left to right.
        for (pass, (ci, c)) in [0, 1].into_iter().flat_map(|p| cues.iter().enumerate().map(move |x| (p, x))) {
            // A cue inside a statement is part of it; one in a relative
            // clause is about its noun, and only a construction that says so
            // reads it ("a statement, which said ...").
            // A cue inside a clause read first may still report a named
            // person's words ("Chancellor Lund urged all parties to show
            // restraint, her office said": both).
            if taken.covers(c.span.start) || read[ci] {
                continue;
            }
            let relative = a.in_relative_clause(c, sent.start);
            let prev_cue = cues[..ci]
                .iter()
                .rev()
                .take_while(|p| p.span.end + SUBJECT_BYTES >= c.span.start)
                .find(|p| a.bounds_subject(p) && (relative || !a.in_relative_clause(p, sent.start)))
                .map_or(sent.start, |p| p.span.end);
            // The statement before this cue: where it ends, and its speaker.
            // (Of those that end at one place, the one found last.)
            let last = done.range(..=(c.span.start, usize::MAX)).next_back().map(|(&(e, _), &spk)| (e, spk));
            let from = prev_cue.max(last.map_or(sent.start, |(e, _)| e));
            for &(rix, pat, clause_last, reads_relative) in &constructions {
                if (pass == 0 && !clause_last) || relative != reads_relative {
                    continue;
                }
                let Some(c) = a.fits(c, &pat.cue) else { continue };
                if pat.left.first() == Some(&Elem::Speaker) && a.passive(&c) {
                    continue;
                }
                let c = &c;
                let start = last.map_or(sent.start, |(e, _)| e);
                // The words next to the cue first: most constructions fail
                // there, before a clause or a speaker is read.
                if !a.next_words_fit(pat, c, sent.start, end) {
                    continue;
                }
                let mut side = Side { before: last.map(|(_, s)| s), start: Some(start), ..Side::default() };
                if !a.match_right(&pat.right, c.span.end, end, None, &mut side) {
                    continue;
                }
                if !a.match_left(&pat.left, c.span.start, sent.start, from, &mut side) {
                    continue;
                }
                let Some(content) = side.content.filter(|s| !s.is_empty()) else { continue };
                // Only a direct quote ("said that “...”"): the quote is the
                // statement; so is "described it as “...”".
                let quoted = a.quote_overlaps(content);
                let at = used.partition_point(|u| u.0 < c.span.start);
                let a_quotes = used[at..].iter().take_while(|u| u.0 == c.span.start).map(|u| u.1);
                // A quote after the clause ("said it had used water cannon,
                // accusing them of “illegally intruding”") leaves it the cue's.
                // (Not a clause before the cue, nor one that only leads
                // into the quote: "told me the day I left: “...”".)
                let later = |q: Span| {
                    content.start >= c.span.end
                        && q.start >= content.end
                        && doc.text[content.end..q.start].chars().any(char::is_alphabetic)
                };
                let attributes_elsewhere = a_quotes.clone().next().is_some()
                    && !a_quotes.clone().any(|q| content.contains(q))
                    && !a_quotes.clone().all(later);
                let nested = outer.iter().any(|o| o.contains(content) && o.contains(c.span));
                if a.word_count(content) < 2
                    || taken.overlaps(content)
                    || outer.iter().any(|o| o.overlaps(content) && !nested)
                    // ("called it “a disgrace”" is the quote's; "called for
                    // “an immediate ban” on trawling" reports the demand.)
                    || (quoted
                        && a.has_frame(c, Frame::As)
                        && !matches!(pat.right.first(), Some(Elem::Word(w)) if w == "for"))
                    || attributes_elsewhere
                {
                    continue;
                }
                let Some(spk) = a.finish(side.speaker, learned) else { continue };
                if nested && !(spk.kind == Some(SpeakerKind::Person) && spk.ent.is_some() && !spk.pronoun) {
                    continue;
                }
                let content = after_dateline(doc, content);
                for part in split_and_that(a, content) {
                    stmts.push(Stmt {
                        span: part,
                        kind: StmtKind::Indirect,
                        confidence: a.rules.get(rix).confidence * a.rules.get(spk.rule.into()).confidence,
                        speaker: Some(spk),
                        cue: Some(*c),
                        rule: rix,
                    });
                }
                read[ci] = true;
                if pass == 0 {
                    outer.push(content);
                } else {
                    taken.insert(content);
                }
                done.insert((content.end.max(c.span.end), done.len()), spk);
                break;
            }
        }
    }
}

/// The statements of a sentence so far: spans that overlap none of the
/// others, by start, so that a sentence of thousands of statements stays
/// linear.
#[derive(Default)]
struct Taken(std::collections::BTreeMap<usize, usize>);

impl Taken {
    /// The statement that starts last before `end`, as (start, end).
    fn before(&self, end: usize) -> Option<(usize, usize)> {
        self.0.range(..end).next_back().map(|(&s, &e)| (s, e))
    }

    /// Whether byte `b` is inside a statement.
    fn covers(&self, b: usize) -> bool {
        self.before(b + 1).is_some_and(|(_, e)| b < e)
    }

    /// Whether `span` overlaps a statement.
    fn overlaps(&self, span: Span) -> bool {
        self.before(span.end).is_some_and(|(s, e)| Span::new(s, e).overlaps(span))
    }

    /// Adds a statement that overlaps none.
    fn insert(&mut self, span: Span) {
        self.0.insert(span.start, span.end);
    }
}

/// A statement that opens its sentence starts after the dateline, if any
/// ("KYIV, Ukraine (AP) — Drones struck ..., officials said": the statement
/// is "Drones struck ..."). A dateline's first word is in capitals, and it
/// ends with a credit in brackets or is all capitals, before a dash.
fn after_dateline(doc: &Doc<'_>, content: Span) -> Span {
    let text = &doc.text[content.range()];
    let mut head_end = text.len().min(120);
    while !text.is_char_boundary(head_end) {
        head_end -= 1;
    }
    let head = &text[..head_end];
    // Each dash holds a hyphen or starts with the byte 0xE2: most heads
    // hold neither, and are told so before any dash is sought.
    if !head.bytes().any(|b| b == b'-' || b == 0xE2) {
        return content;
    }
    let Some((p, dash)) = ["—", "–", " -- ", " - "].iter().filter_map(|d| head.find(d).map(|p| (p, d.len()))).min()
    else {
        return content;
    };
    let before = head[..p].trim_end();
    let first = before.split([' ', ',']).next().unwrap_or("");
    let caps_word = first.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !first.chars().any(char::is_lowercase);
    let credit = before.ends_with(')') || !before.chars().any(char::is_lowercase);
    if !caps_word || !credit {
        return content;
    }
    let rest = &text[p + dash..];
    let start = content.start + p + dash + (rest.len() - rest.trim_start().len());
    if start >= content.end {
        return content;
    }
    Span::new(start, content.end)
}

/// "said officers had acted with restraint and that several were armed":
/// two statements, split at "and that" outside quotation marks.
fn split_and_that(a: &Attr<'_, '_>, content: Span) -> Vec<Span> {
    let doc = a.doc;
    let toks = a.words(content);
    let at = (1..toks.len().saturating_sub(2)).find(|&j| {
        let (and, that) = (toks[j], toks[j + 1]);
        a.is(and, Class::Coordinator)
            && doc.low_word(and)
            && doc.key(and) == "and"
            && a.is(that, Class::Complementizer)
            && doc.key(that) == "that"
            && !a.quoted(doc.span(and).start)
    });
    let Some(j) = at else { return vec![content] };
    let lead = &doc.text[content.start..doc.span(toks[j]).start];
    let first_end = content.start + lead.trim_end_matches([' ', ',', '\n']).len();
    let second = Span::new(doc.span(toks[j + 2]).start, content.end);
    let first = Span::new(content.start, first_end);
    if a.word_count(first) < 2 || a.word_count(second) < 2 {
        return vec![content];
    }
    vec![first, second]
}

/// The end of a sentence without its final punctuation.
fn trim_end(doc: &Doc<'_>, sent: Span) -> usize {
    let s = &doc.text[sent.range()];
    let t = s.trim_end_matches(['.', '!', '?', ' ', '…']);
    sent.start + t.len()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Extractor;

    /// An `Attr` over `doc`, with no quotes and nothing resolved.
    fn bare<'a, 't>(ex: &'a Extractor, doc: &'a Doc<'t>, res: &'a Resolved) -> Attr<'a, 't> {
        let (gaz, rules, mask) = ex.parts();
        Attr {
            doc,
            gaz,
            rules,
            mask,
            res,
            inside: ByStart::default(),
            unquoted: (0..doc.len()).map(Tok::new).collect(),
            last_words: Cell::default(),
            author: OnceCell::new(),
            direct_forms: Vec::new(),
        }
    }

    /// The last segment, read from the end, is the last of the segments
    /// read from the start, for every span between two token edges.
    #[test]
    fn the_last_segment_is_the_last_of_the_segments() {
        let ex = Extractor::default();
        let res = Resolved::default();
        let texts = [
            "Mr. Lund, the minister (who spoke on Monday) - and her aide; said: no.",
            "A well-known, long-serving official - unnamed - said it",
            "No separators here at all",
            "",
        ];
        for text in texts {
            let doc = ex.doc(text);
            let a = bare(&ex, &doc, &res);
            let mut edges: Vec<usize> = doc.tokens().iter().flat_map(|t| [t.span().start, t.span().end]).collect();
            edges.push(text.len());
            for &s in &edges {
                for &e in edges.iter().filter(|&&e| e >= s) {
                    let span = Span::new(s, e);
                    assert_eq!(Some(a.last_segment(span)), a.segments(span).last().copied(), "{span:?} of {text:?}");
                }
            }
        }
    }

    #[test]
    fn quotes_that_end_their_clause() {
        let ex = Extractor::default();
        let table = [
            ("“We stay,” he said.", true),
            ("“We stay” Putin said.", true),
            ("“We stay” he said.", true),
            ("He must “step up” deliveries.", false),
            ("“We stay.”", true),
            ("The “peace plan” failed.", false),
        ];
        for (text, want) in table {
            let doc = ex.doc(text);
            let quotes = crate::quotes::find(text, &doc.seg.paragraphs);
            assert_eq!(ends_clause(&doc, &quotes[0]), want, "{text}");
        }
    }

    /// Runs one construction's pattern against the only cue of `text`:
    /// the statement and the speaker it gives.
    fn reported(pattern: &str, text: &str) -> Option<(String, String)> {
        let ex = Extractor::default();
        let doc = ex.doc(text);
        let res = Resolved::default();
        let a = bare(&ex, &doc, &res);
        let pat = Pattern::parse("test", 1, pattern).ok()?;
        let sent = doc.seg.sentences[0].span();
        let c = *a.cues_in(sent).first()?;
        let mut side = Side::default();
        let end = trim_end(&doc, sent);
        let from = sent.start;
        let c = a.fits(&c, &pat.cue)?;
        if !(a.match_right(&pat.right, c.span.end, end, None, &mut side)
            && a.match_left(&pat.left, c.span.start, sent.start, from, &mut side))
        {
            return None;
        }
        let content = side.content?;
        Some((
            text[content.range()].to_string(),
            side.speaker.map_or(String::new(), |s| text[s.span.range()].to_string()),
        ))
    }

    /// What `next_words_fit` turns away, the whole match turns away too:
    /// every reported-speech construction at every cue of a few sentences.
    #[test]
    fn the_words_next_to_a_cue_only_turn_away_what_fails() {
        let ex = Extractor::default();
        let res = Resolved::default();
        let texts = [
            "Prices will rise, the minister said on Monday.",
            "Prices will rise, said the minister, adding that wages would not.",
            "The minister said that prices would rise, according to officials.",
            "The port will reopen, according to the harbour master.",
            "Officials called for calm and urged residents to stay home.",
            "She warned of shortages and said the talks had failed.",
            "The agency said: the figures were wrong.",
            "He was confident that the deal would pass, he told reporters.",
        ];
        let (mut turned, mut asked) = (0, 0);
        for text in texts {
            let doc = ex.doc(text);
            let a = bare(&ex, &doc, &res);
            for s in &doc.seg.sentences {
                let sent = s.span();
                let end = trim_end(&doc, sent);
                for cue in a.cues_in(sent) {
                    for (_, pat) in a.rules.constructions().filter(|(_, p)| !p.direct) {
                        let Some(c) = a.fits(&cue, &pat.cue) else { continue };
                        asked += 1;
                        if a.next_words_fit(pat, &c, sent.start, end) {
                            continue;
                        }
                        turned += 1;
                        let mut side = Side::default();
                        let matched = a.match_right(&pat.right, c.span.end, end, None, &mut side)
                            && a.match_left(&pat.left, c.span.start, sent.start, sent.start, &mut side);
                        assert!(!matched, "{text:?}: {:?} at {:?}", pat, &text[c.span.range()]);
                    }
                }
            }
        }
        assert!(turned > 0 && turned < asked, "{turned} of {asked}");
    }

    #[test]
    fn pattern_elements() {
        type Row<'a> = (&'a str, &'a str, Option<(&'a str, &'a str)>);
        let table: &[Row<'_>] = &[
            (
                "SPK CUE[that] ~6 that S",
                "The minister said on Monday that the port would reopen.",
                Some(("the port would reopen", "The minister")),
            ),
            ("SPK CUE[that] ~6 that S", "The minister said in reports that were never published.", None),
            (
                "SPK CUE[clause] @time_word* S[opener]",
                "The minister said on Monday the port would reopen.",
                Some(("the port would reopen", "The minister")),
            ),
            ("SPK CUE[clause] @time_word* S[opener]", "The minister said goodbye.", None),
            (
                "S , SPK CUE ~6 $",
                "The port will reopen, officials said on Friday.",
                Some(("The port will reopen", "officials")),
            ),
            ("S , SPK CUE ~3 $", "The port will reopen, officials said the minister had promised.", None),
            (
                "CUE[pos=prep] SPK , S",
                "According to the ministry, the port will reopen.",
                Some(("the port will reopen", "the ministry")),
            ),
            (
                "SPK CUE[obj_to] OBJ to S",
                "The minister urged both sides to return to the talks.",
                Some(("both sides to return to the talks", "The minister")),
            ),
        ];
        for (pattern, text, want) in table {
            let got = reported(pattern, text);
            let got = got.as_ref().map(|(a, b)| (a.as_str(), b.as_str()));
            assert_eq!(got, *want, "{pattern} on {text:?}");
        }
    }
}
