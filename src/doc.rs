//! The per-text working state the stages share: the text, its segmentation
//! and the lexicon hits, with cheap lookups from bytes to tokens and sentences.

use crate::gazetteer::{Hit, Lexicon, Payload};
use crate::segment::{Segments, TokKind, Token};
use crate::Span;

/// A lexical hit of one category (title, cue or speaker noun).
#[derive(Clone, Copy, Debug)]
pub(crate) struct LexHit {
    pub(crate) span: Span,
    pub(crate) idx: u32,
}

/// One text on its way through the pipeline.
pub(crate) struct Doc<'t> {
    pub(crate) text: &'t str,
    pub(crate) seg: Segments,
    /// Entity hits, sorted by start then longest first; overlapping.
    pub(crate) entity_hits: Vec<Hit>,
    pub(crate) titles: Vec<LexHit>,
    pub(crate) cues: Vec<LexHit>,
    pub(crate) nouns: Vec<LexHit>,
    /// The sentence index of every token.
    tok_sentence: Vec<u32>,
    /// Per paragraph: a Title Case headline (`rules::title_case`, filled on
    /// first use).
    pub(crate) title_case: std::cell::OnceCell<Vec<bool>>,
}

/// Keeps the leftmost-longest non-overlapping hits (input sorted by start,
/// longest first).
fn leftmost_longest(hits: Vec<LexHit>) -> Vec<LexHit> {
    let mut out: Vec<LexHit> = Vec::with_capacity(hits.len());
    for h in hits {
        if out.last().is_none_or(|l| h.span.start >= l.span.end) {
            out.push(h);
        }
    }
    out
}

impl<'t> Doc<'t> {
    pub(crate) fn new(text: &'t str, seg: Segments, hits: Vec<Hit>, lex: &Lexicon) -> Doc<'t> {
        let (mut titles, mut cues, mut nouns, mut entity_hits) = (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for h in hits {
            // "so-called" holds no cue and "ex-minister" no title: a lexicon
            // word must not hang on a hyphen.
            let hyphenated = text[..h.span.start].ends_with(['-', '\u{2010}', '\u{2011}'])
                || text[h.span.end..].starts_with(['-', '\u{2010}', '\u{2011}']);
            let mut entity = false;
            for p in lex.payloads(h.pattern) {
                match *p {
                    Payload::Entity { .. } => entity = true,
                    _ if hyphenated => {}
                    Payload::Title(i) => titles.push(LexHit { span: h.span, idx: i }),
                    Payload::Cue(i) => cues.push(LexHit { span: h.span, idx: i }),
                    Payload::Noun(i) => nouns.push(LexHit { span: h.span, idx: i }),
                }
            }
            if entity && h.entity_case {
                entity_hits.push(h);
            }
        }
        let mut tok_sentence = vec![0u32; seg.tokens.len()];
        for (si, s) in seg.sentences.iter().enumerate() {
            for t in s.tokens.clone() {
                tok_sentence[t] = si as u32;
            }
        }
        Doc {
            text,
            seg,
            entity_hits,
            titles: leftmost_longest(titles),
            cues: leftmost_longest(cues),
            nouns: leftmost_longest(nouns),
            tok_sentence,
            title_case: std::cell::OnceCell::new(),
        }
    }

    pub(crate) fn tokens(&self) -> &[Token] {
        &self.seg.tokens
    }

    pub(crate) fn tok(&self, i: usize) -> &'t str {
        let text: &'t str = self.text;
        self.seg.tokens.get(i).map_or("", |t| &text[t.span.range()])
    }

    /// The index of the first token starting at or after byte `b`.
    pub(crate) fn tok_at(&self, b: usize) -> usize {
        self.seg.tokens.partition_point(|t| t.span.start < b)
    }

    /// The index of the first token ending after byte `b` (the token that
    /// contains `b`, or the next one).
    pub(crate) fn tok_containing(&self, b: usize) -> usize {
        self.seg.tokens.partition_point(|t| t.span.end <= b)
    }

    /// The sentence index of token `i`.
    pub(crate) fn sentence_of_tok(&self, i: usize) -> usize {
        self.tok_sentence.get(i).copied().unwrap_or(0) as usize
    }

    /// The sentence index that holds byte `b` (or the next one).
    pub(crate) fn sentence_at(&self, b: usize) -> usize {
        let i = self.seg.sentences.partition_point(|s| s.span.end <= b);
        i.min(self.seg.sentences.len().saturating_sub(1))
    }

    pub(crate) fn is_word(&self, i: usize) -> bool {
        self.seg.tokens.get(i).is_some_and(|t| t.kind == TokKind::Word)
    }

    /// Hits of one category that start inside `span`.
    pub(crate) fn in_span(hits: &[LexHit], span: Span) -> &[LexHit] {
        let a = hits.partition_point(|h| h.span.start < span.start);
        let b = hits.partition_point(|h| h.span.start < span.end);
        &hits[a..b]
    }
}
