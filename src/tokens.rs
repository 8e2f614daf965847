//! Sentences and tokens as gazette's segmenter sees them, for tools that
//! write one token a line (CoNLL) or align annotations to tokens.

use crate::{Extractor, Span};

/// One sentence of a text and its tokens.
///
/// Words keep their inner apostrophes, hyphens and abbreviation dots
/// ("Kata’ib", "Al-Sudani", "U.S."); numbers keep their inner separators
/// ("2,000"); every other char that is not white space is a token of its own.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Sentence {
    /// The sentence, from its first token to its last.
    pub span: Span,
    /// Its tokens, in order, as byte spans into the text.
    pub tokens: Vec<Span>,
}

impl Extractor {
    /// Splits `text` into sentences and tokens, as the first stage of
    /// [`extract`](Extractor::extract) does: paragraphs are lines (hard-wrapped
    /// lines are joined), sentences end at `.`, `!`, `?` or `…` before a
    /// capital, a number or an opening mark, and headlines without a full stop
    /// are sentences of their own.
    ///
    /// ```
    /// use gazette::Extractor;
    ///
    /// let text = "Mr. Putin met Gen. Gerasimov. “We stay,” he said.";
    /// let sentences = Extractor::default().sentences(text);
    /// let words: Vec<Vec<&str>> = sentences
    ///     .iter()
    ///     .map(|s| s.tokens.iter().map(|t| &text[t.range()]).collect())
    ///     .collect();
    /// assert_eq!(words, [
    ///     vec!["Mr.", "Putin", "met", "Gen.", "Gerasimov", "."],
    ///     vec!["“", "We", "stay", ",", "”", "he", "said", "."],
    /// ]);
    /// ```
    pub fn sentences(&self, text: &str) -> Vec<Sentence> {
        let seg = self.segments(text);
        seg.sentences
            .iter()
            .map(|s| Sentence {
                span: s.span(),
                tokens: seg.tokens.get(s.tokens().clone()).unwrap_or_default().iter().map(|t| t.span()).collect(),
            })
            .collect()
    }
}
