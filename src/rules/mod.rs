//! Stage 2b: rule patterns for people, groups and places that no list knows.
//!
//! [`people`] reads runs of capitalised tokens, one sentence at a time, and
//! decides by named evidence rules ([`RuleId`]`::Person*`) whether a run is a
//! person; [`groups`] finds organisations and [`places`] places by their
//! form. Every candidate carries the rule that proposed it. The words the
//! rules ask about are lexicon classes (`gazetteers/lexicon.tsv`), looked up
//! once per token.

mod groups;
mod people;
mod places;

pub(crate) use groups::{groups, GroupPatterns};
pub(crate) use people::people;
pub(crate) use places::places;

use crate::cand::Cand;
use crate::doc::{Doc, LexHit, Tok};
use crate::gazetteer::Gazetteer;
use crate::kind::Kind;
use crate::lexicon::Class;
use crate::ruleset::RuleMask;
use crate::Span;

/// What the rules read the text with.
pub(crate) struct Ctx<'a, 't> {
    pub(crate) doc: &'a Doc<'t>,
    pub(crate) gaz: &'a Gazetteer,
    pub(crate) mask: &'a RuleMask,
}

/// The length of a possessive ending ("’s", "'s", or a bare apostrophe
/// after a plural) at the end of `s`, or 0.
pub(crate) fn possessive_tail(s: &str) -> usize {
    for suf in ["’s", "'s", "’", "'"] {
        if s.len() > suf.len() && s.ends_with(suf) {
            return suf.len();
        }
    }
    0
}

impl<'a, 't> Ctx<'a, 't> {
    pub(crate) fn is(&self, i: Tok, c: Class) -> bool {
        self.doc.is(i, c)
    }

    pub(crate) fn cap_word(&self, i: Tok) -> bool {
        self.doc.cap_word(i)
    }

    pub(crate) fn low_word(&self, i: Tok) -> bool {
        self.doc.low_word(i)
    }

    /// A name particle ("bin", "van", "al").
    pub(crate) fn particle(&self, i: Tok) -> bool {
        self.doc.is_word(i) && self.is(i, Class::Particle)
    }

    /// "al-Nafjan": a lower-case article joined to a capitalised name.
    pub(crate) fn joined_article(&self, i: Tok) -> bool {
        // Lower case, and a hyphen (folded to a space) or an apostrophe
        // inside ("al-Nafjan", "d’Ormesson"): told by the doc's bit.
        self.doc.joined(i) && self.after_prefix(i, Class::JoinedArticle, 2)
    }

    /// Whether token `i` starts with a prefix of `class`, followed by a
    /// capital and `min` chars or more ("al-Nafjan", "McAllister").
    pub(crate) fn after_prefix(&self, i: Tok, class: Class, min: usize) -> bool {
        let s = self.doc.tok(i);
        self.doc.words().prefix_chars(class, self.doc.key(i)).is_some_and(|n| {
            let mut rest = s.chars().skip(n);
            rest.next().is_some_and(char::is_uppercase) && rest.count() + 1 >= min
        })
    }

    /// A token that can stand in a name: capitalised, or a joined article.
    pub(crate) fn name_tok(&self, i: Tok) -> bool {
        self.cap_word(i) || self.joined_article(i)
    }

    /// Whether two tokens touch (no space between them).
    pub(crate) fn touch(&self, i: Tok, j: Tok) -> bool {
        match (self.doc.token(i), self.doc.token(j)) {
            (Some(a), Some(b)) => a.span().end == b.span().start,
            _ => false,
        }
    }

    /// The entity hit that starts at token `i` and is not a person, if any:
    /// its end in tokens, kind and ambiguity.
    pub(crate) fn entity_at(&self, i: Tok, end: Tok) -> Option<(Tok, Kind, bool)> {
        let start = self.doc.token(i)?.span().start;
        for h in self.doc.entity_hits.starting_at(start) {
            let Some((kind, amb)) = self.gaz.entity_sum(h.pattern).kind else { continue };
            let j = self.doc.tok_containing(h.span.end.saturating_sub(1)) + 1;
            if j <= end {
                return Some((j, kind, amb));
            }
        }
        None
    }

    /// Whether a known person's name starts at token `i` and ends at token `e`.
    pub(crate) fn person_hit(&self, i: Tok, e: Tok) -> bool {
        let (Some(t), Some(last)) = (self.doc.token(i), e.prev().and_then(|l| self.doc.token(l))) else {
            return false;
        };
        let end = last.span().end - possessive_tail(self.doc.tok(e - 1));
        self.doc
            .entity_hits
            .starting_at(t.span().start)
            .iter()
            .any(|h| h.span.end >= end && self.gaz.entity_sum(h.pattern).person_name)
    }

    /// Whether a title hit reads as a title here: an honorific only when
    /// capitalised ("Brother Anselm", not "his brother").
    pub(crate) fn title_ok(&self, h: &LexHit) -> bool {
        // The text is read only for an honorific (in a long text it is not
        // at hand).
        let honorific = self.gaz.lists.titles.get(h.idx as usize).is_some_and(|t| t.honorific());
        !(honorific && self.doc.text[h.span.range()].chars().next().is_some_and(char::is_lowercase))
    }

    /// The title hit that starts at token `i`: its end in tokens and index.
    pub(crate) fn title_at(&self, i: Tok, end: Tok) -> Option<(Tok, u32, Span)> {
        let t = self.doc.token(i)?;
        let a = self.doc.titles.first_ending_after(t.span().start);
        let h = self.doc.titles.get(a)?;
        // A title that starts here, or one that began earlier in the run and
        // covers this token ("... for Humanitarian Affairs Mark Lowcock").
        if h.span.start > t.span().start || !self.title_ok(h) {
            return None;
        }
        let j = self.doc.tok_containing(h.span.end.saturating_sub(1)) + 1;
        (j <= end.max(i + 1)).then_some((j, h.idx, h.span))
    }

    /// The title hit that ends with token `e - 1` and starts after token `k`.
    pub(crate) fn title_ending(&self, k: Tok, e: Tok) -> Option<(Tok, u32, Span)> {
        let last = self.doc.token(e.prev()?)?;
        let i = self.doc.titles.first_ending_after(last.span().start);
        let h = self.doc.titles.get(i)?;
        if h.span.end != last.span().end || !self.title_ok(h) {
            return None;
        }
        let j = self.doc.tok_at(h.span.start);
        (j > k && self.doc.token(j).is_some_and(|t| t.span().start == h.span.start)).then_some((j, h.idx, h.span))
    }

    /// Words that open sentences or name times: never in a name.
    pub(crate) fn not_name(&self, i: Tok) -> bool {
        let c = self.doc.classes(i);
        c.has(Class::NotName) || c.has(Class::Month) || c.has(Class::Weekday)
    }
}

/// Drops the person candidates in `out` that overlap one of `spans` (sorted
/// by start, not overlapping each other): a rule's stronger reading of the
/// same words. One pass, however many spans.
pub(crate) fn drop_people_over(out: &mut Vec<Cand>, spans: &[Span]) {
    if spans.is_empty() {
        return;
    }
    out.retain(|c| {
        if c.kind != Kind::Person {
            return true;
        }
        // The last span starting before the candidate ends.
        let i = spans.partition_point(|s| s.start < c.span.end);
        !(i > 0 && spans[i - 1].end > c.span.start)
    });
}
