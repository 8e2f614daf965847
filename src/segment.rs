//! Stage 1: paragraphs, sentences and tokens.
//!
//! News text arrives with headlines and captions that end without a full
//! stop, curly and straight quotes, apostrophes inside names ("Kata’ib"),
//! abbreviations ("U.S.", "Gen.") and initials ("George W. Bush"). The
//! segmenter works in one left-to-right pass over the original text and
//! never copies it.

use std::ops::Range;

use crate::lexicon::{Class, Words};
use crate::Span;

/// The class of a token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum TokKind {
    /// Letters (with inner apostrophes, hyphens and abbreviation dots).
    Word,
    /// Digits, with inner `,` `.` `:` `/`.
    Number,
    /// Any other single char.
    Punct,
}

/// A token of the original text, in 8 bytes (a long text has one per 5
/// bytes or so): where it starts (a 32-bit offset: a text is read up to
/// 4 GiB, see [`MAX_TEXT`]), its length (at most [`MAX_TOKEN`]) and its
/// kind and case in one byte.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Token {
    start: u32,
    len: u16,
    /// The kind (bits 0 and 1), `cap` (bit 2) and `upper` (bit 3).
    flags: u8,
}

/// The longest token, in bytes: a longer run of letters or digits (no word
/// of any language) is cut into tokens of at most this length.
pub(crate) const MAX_TOKEN: usize = u16::MAX as usize;

impl Token {
    fn new(start: usize, end: usize, kind: TokKind, cap: bool, upper: bool) -> Token {
        let kind = match kind {
            TokKind::Word => 0,
            TokKind::Number => 1,
            TokKind::Punct => 2,
        };
        Token {
            start: start as u32,
            len: end.saturating_sub(start).min(MAX_TOKEN) as u16,
            flags: kind | u8::from(cap) << 2 | u8::from(upper) << 3,
        }
    }

    /// Where the token is in the text.
    #[inline]
    pub(crate) fn span(&self) -> Span {
        let start = self.start as usize;
        Span::new(start, start + self.len as usize)
    }

    /// What the token is.
    #[inline]
    pub(crate) fn kind(&self) -> TokKind {
        match self.flags & 3 {
            0 => TokKind::Word,
            1 => TokKind::Number,
            _ => TokKind::Punct,
        }
    }

    /// Its first char is uppercase.
    #[inline]
    pub(crate) fn cap(&self) -> bool {
        self.flags & 4 != 0
    }

    /// It has no lowercase letter and at least two letters.
    #[inline]
    pub(crate) fn upper(&self) -> bool {
        self.flags & 8 != 0
    }
}

/// The longest text read: offsets of tokens are kept in 32 bits. The rest
/// of a longer text is left out, and counted in the output
/// ([`Capped::unread_bytes`](crate::Capped::unread_bytes)).
pub(crate) const MAX_TEXT: usize = u32::MAX as usize;

/// The part of `text` that is read: all of it up to [`MAX_TEXT`] bytes,
/// else its first [`MAX_TEXT`] bytes or fewer, to a char boundary.
pub(crate) fn readable(text: &str) -> &str {
    readable_within(text, MAX_TEXT)
}

/// The longest prefix of `text` of at most `max` bytes that ends on a char
/// boundary.
fn readable_within(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or("")
}

/// A sentence: a range of tokens inside one paragraph, in 20 bytes (32-bit
/// offsets and indices: a text is read to 4 GiB).
#[derive(Clone, Debug)]
pub(crate) struct Sentence {
    start: u32,
    end: u32,
    first: u32,
    last: u32,
    para: u32,
}

impl Sentence {
    fn new(span: Span, tokens: Range<usize>, para: usize) -> Sentence {
        Sentence {
            start: span.start as u32,
            end: span.end as u32,
            first: tokens.start as u32,
            last: tokens.end as u32,
            para: para as u32,
        }
    }

    /// Where the sentence is in the text.
    #[inline]
    pub(crate) fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }

    /// Its tokens.
    #[inline]
    pub(crate) fn tokens(&self) -> Range<usize> {
        self.first as usize..self.last as usize
    }

    /// The index of its paragraph.
    #[inline]
    pub(crate) fn para(&self) -> usize {
        self.para as usize
    }
}

/// A paragraph: one line of text, or several hard-wrapped lines, in 12
/// bytes.
#[derive(Clone, Debug)]
pub(crate) struct Paragraph {
    start: u32,
    end: u32,
    /// A headline: a line without sentence punctuation at the top of the
    /// text (before any sentence), or in Title Case.
    pub(crate) headline: bool,
    /// A headline in Title Case: most of its longer words capitalised.
    pub(crate) title_case: bool,
    /// A line of a list, results or standings table, or a credit in
    /// brackets: "1. Ann Lee (Kenya) 2:08:11", "Chelsea 2 Arsenal 1",
    /// "(Reporting by ...)". Never a headline.
    pub(crate) list: bool,
}

impl Paragraph {
    /// Where the paragraph is in the text.
    #[inline]
    pub(crate) fn span(&self) -> Span {
        Span::new(self.start as usize, self.end as usize)
    }
}

/// The segmentation of one text.
#[derive(Debug, Default)]
pub(crate) struct Segments {
    pub(crate) tokens: Vec<Token>,
    pub(crate) sentences: Vec<Sentence>,
    pub(crate) paragraphs: Vec<Paragraph>,
}

fn is_word_char(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    c.is_alphanumeric() || matches!(c, '\u{0300}'..='\u{036F}')
}

/// Invisible format chars: soft hyphen, zero-width space and joiners, bidi
/// marks, embeddings and isolates, word joiners, variation selectors, BOM.
/// None starts a token; inside a word they join when the word goes on after
/// them ("Al\u{AD}-Sudani", "Su\u{200D}dani").
fn is_format(c: char) -> bool {
    matches!(c,
        '\u{00AD}' | '\u{200B}'..='\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2060}'..='\u{2064}'
        | '\u{2066}'..='\u{2069}' | '\u{FE00}'..='\u{FE0F}' | '\u{FEFF}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '\u{2010}' | '\u{2011}')
}

/// Closing marks that may follow a sentence's final punctuation.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»' | '›')
}

/// Opening marks that may start a sentence.
fn is_opener(c: char) -> bool {
    matches!(c, '"' | '“' | '‘' | '\'' | '(' | '[' | '«' | '‹' | '„')
}

/// Splits `text` into tokens, sentences and paragraphs; `words` says which
/// words are abbreviations that keep their full stop.
pub(crate) fn segment(text: &str, words: &Words) -> Segments {
    let mut seg = Segments { tokens: tokenize(text, words), ..Segments::default() };
    // Lines before the first sentence of the text are its headlines.
    let mut body = false;
    // Paragraphs come in order: their tokens are found walking forward, not
    // by a search of the whole text's tokens for each (which, on a long
    // text, misses the cache at each step).
    let mut last = 0;
    let paras = paragraphs(text);
    // A sentence at least a paragraph, and news has one in about 20 tokens:
    // room made at once (cut to size below), not grown by copies.
    seg.paragraphs.reserve_exact(paras.len());
    seg.sentences.reserve_exact(paras.len() + seg.tokens.len() / 16);
    for para in paras {
        // The first token from `from` on that starts at or after byte `b`.
        let past = |from: usize, b: usize| from + seg.tokens[from..].iter().take_while(|t| t.span().start < b).count();
        let first = past(last, para.start);
        last = past(first, para.end);
        split_sentences(text, &seg.tokens, first..last, seg.paragraphs.len(), &mut seg.sentences);
        let tail = text[para.range()].trim_end();
        let open = !tail.ends_with(['.', '!', '?', ':', ';', '”', '"', '’', '»']);
        let toks = &seg.tokens[first..last];
        let list = open && list_line(text, toks, words);
        let title_case = open && !list && title_case(text, toks);
        let headline = open && !list && (title_case || !body);
        body |= !open;
        seg.paragraphs.push(Paragraph { start: para.start as u32, end: para.end as u32, headline, title_case, list });
    }
    crate::span::trim_spare(&mut seg.sentences);
    crate::span::trim_spare(&mut seg.paragraphs);
    seg
}

/// A line of a list or table rather than prose: it opens with a number,
/// a bullet or a byline ("By ..."), ends with a number, holds two numbers
/// or more, or is a credit in brackets.
fn list_line(text: &str, tokens: &[Token], words: &Words) -> bool {
    let (Some(first), Some(last)) = (tokens.first(), tokens.last()) else { return false };
    let head = &text[first.span().range()];
    let opens = first.kind() == TokKind::Number
        || matches!(head, "(" | "*" | "•" | "-" | "–" | "—")
        || (head.len() < 8 && words.classes(&head.to_ascii_lowercase()).has(Class::Byline));
    let numbers = tokens.iter().filter(|t| t.kind() == TokKind::Number).count();
    // "To bat: C. Woakes, G. Atkinson, M. Wood": a label, a colon and a list.
    let tok = |t: &Token| &text[t.span().range()];
    let commas = tokens.iter().filter(|t| tok(t) == ",").count();
    let labelled = tokens.iter().take(5).any(|t| tok(t) == ":") && commas >= 2;
    // "Tomas Vik, Ana Lind, Peter Orrell and Joss Kettering": names and
    // commas only, a few words a name, is a list, not a headline.
    let names = commas >= 2 && {
        let mut run = 0;
        tokens.iter().all(|t| {
            let w = tok(t);
            let classes = words.classes(&w.to_ascii_lowercase());
            if w == "," || classes.has(Class::Coordinator) {
                run = 0;
                true
            } else {
                run += 1;
                run <= 4 && t.kind() == TokKind::Word && (t.cap() || classes.has(Class::Particle))
            }
        })
    };
    opens || last.kind() == TokKind::Number || numbers >= 2 || labelled || names
}

/// Whether a headline's tokens are in Title Case: three words of four
/// letters or more, three in four of them capitalised.
fn title_case(text: &str, tokens: &[Token]) -> bool {
    let (mut words, mut caps) = (0, 0);
    for t in tokens {
        if t.kind() == TokKind::Word && text[t.span().range()].len() > 3 {
            words += 1;
            caps += usize::from(t.cap());
        }
    }
    words >= 3 && caps * 4 >= words * 3
}

/// A roman numeral of up to four letters, a regnal or a team's number ("II",
/// "XIV"; "XVII" is five: the plain acronyms hold the longer ones news
/// writes).
pub(crate) fn roman(s: &str) -> bool {
    !s.is_empty() && s.len() <= 4 && s.bytes().all(|b| matches!(b, b'I' | b'V' | b'X'))
}

/// An acronym: "SDF", "MpS", "DemoS" (two capitals or more, no longer than
/// eight chars, letters and digits only).
pub(crate) fn acronym(s: &str) -> bool {
    // The first char first: most words fail there.
    if !s.chars().next().is_some_and(char::is_uppercase) {
        return false;
    }
    let (mut chars, mut caps) = (0, 0);
    for c in s.chars() {
        chars += 1;
        if chars > 8 || !c.is_alphanumeric() {
            return false;
        }
        caps += usize::from(c.is_uppercase());
    }
    caps >= 2
}

/// The char that starts at byte `i` of `text` (a char boundary), if any:
/// ASCII without decoding.
#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    match text.as_bytes().get(i) {
        Some(&b) if b < 0x80 => Some(char::from(b)),
        Some(_) => text.get(i..).and_then(|r| r.chars().next()),
        None => None,
    }
}

/// Whether a char separates tokens without being one.
#[inline]
fn skipped(c: char) -> bool {
    if c.is_ascii() {
        return matches!(c, ' ' | '\t' | '\n' | '\x0B' | '\x0C' | '\r');
    }
    c.is_whitespace() || is_format(c)
}

/// Whether a token, first char uppercase, is capitalised (`cap`), and
/// whether it has two letters or more and no lowercase one (`upper`).
#[inline]
fn case_of(s: &str) -> (bool, bool) {
    let b = s.as_bytes();
    // Most tokens open with a lower-case ASCII letter: neither.
    if b.first().is_some_and(u8::is_ascii_lowercase) {
        return (false, false);
    }
    if b.is_ascii() {
        let cap = b.first().is_some_and(u8::is_ascii_uppercase);
        let upper = !b.iter().any(u8::is_ascii_lowercase) && b.iter().filter(|c| c.is_ascii_alphabetic()).count() >= 2;
        return (cap, upper);
    }
    let cap = s.chars().next().is_some_and(char::is_uppercase);
    let letters = s.chars().filter(|c| c.is_alphabetic()).count();
    (cap, letters >= 2 && !s.chars().any(char::is_lowercase))
}

fn tokenize(whole: &str, lexicon: &Words) -> Vec<Token> {
    let mut tokens = Vec::with_capacity(whole.len() / 5);
    let mut start = 0;
    while let Some(c) = char_at(whole, start) {
        if skipped(c) {
            start += c.len_utf8();
            continue;
        }
        // A token is read within [`MAX_TOKEN`] bytes of its start, so that a
        // run of letters with no end is read once, not once per token.
        let text = readable_within(whole, start + MAX_TOKEN);
        let bytes = text.as_bytes();
        let mut end = start + c.len_utf8();
        // Curly quotes, dashes, ellipses (the General Punctuation block)
        // are marks with no case: told apart without the Unicode tables.
        let mark = ('\u{2000}'..='\u{206F}').contains(&c);
        let kind = if mark {
            TokKind::Punct
        } else if c.is_numeric() {
            while let Some(d) = char_at(text, end) {
                let next = end + d.len_utf8();
                if d.is_alphanumeric()
                    || (matches!(d, ',' | '.' | ':' | '/') && char_at(text, next).is_some_and(char::is_numeric))
                {
                    end = next;
                } else {
                    break;
                }
            }
            TokKind::Number
        } else if is_word_char(c) {
            // "Rep. Ann Lee, D-N.Y.": a party's letter and a state are two words.
            let tag = c.is_ascii_uppercase()
                && text[..start].trim_end().ends_with([',', '('])
                && lexicon.is_written(Class::PartyLetter, &text[start..start + 1]);
            // Plain ASCII letters and digits first, a stretch at a time.
            while bytes.get(end).is_some_and(u8::is_ascii_alphanumeric) {
                end += 1;
            }
            // Most words end at an ASCII space or mark: no apostrophe or
            // hyphen, and no format char (none is ASCII), goes on.
            let ends = |b: u8| b.is_ascii() && !b.is_ascii_alphanumeric() && b != b'\'' && b != b'-';
            loop {
                if bytes.get(end).is_some_and(|&b| ends(b)) {
                    break;
                }
                let Some(d) = char_at(text, end) else { break };
                if tag && end == start + 1 && is_hyphen(d) {
                    break;
                }
                let next = end + d.len_utf8();
                if is_word_char(d)
                    || ((is_apostrophe(d) || is_hyphen(d)) && char_at(text, next).is_some_and(char::is_alphanumeric))
                {
                    end = next;
                } else if is_format(d) {
                    // A run of invisible chars: part of the word only when
                    // the word goes on after it. One look over the run.
                    let rest = &text[end..];
                    let run = rest.len() - rest.trim_start_matches(is_format).len();
                    let mut after = rest[run..].chars();
                    let goes_on = after.next().is_some_and(|v| {
                        is_word_char(v)
                            || ((is_apostrophe(v) || is_hyphen(v)) && after.next().is_some_and(char::is_alphanumeric))
                    });
                    if !goes_on {
                        break;
                    }
                    end += run;
                } else {
                    break;
                }
            }
            // A full stop that belongs to the word: initials, "U.S.", "Gen."
            if bytes.get(end) == Some(&b'.') {
                let word = &text[start..end];
                let initial = end - start == c.len_utf8() && c.is_uppercase();
                if initial || lexicon.is_written(Class::Abbreviation, word) {
                    end += 1;
                    // "U.S.A.": letter-dot pairs go on.
                    while initial
                        && bytes.get(end).is_some_and(u8::is_ascii_uppercase)
                        && bytes.get(end + 1) == Some(&b'.')
                    {
                        end += 2;
                    }
                }
            }
            TokKind::Word
        } else {
            TokKind::Punct
        };
        let (cap, upper) = if mark { (false, false) } else { case_of(&text[start..end]) };
        tokens.push(Token::new(start, end, kind, cap, upper));
        start = end;
    }
    // The room reserved for a long text's tokens is given back.
    crate::span::trim_spare(&mut tokens);
    tokens
}

/// The first `\n` or `\r` at or after `i`, or the length of `bytes`: eight
/// bytes at a time.
fn line_break(bytes: &[u8], mut i: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGH: u64 = 0x8080_8080_8080_8080;
    while let Some(chunk) = bytes.get(i..i + 8) {
        let mut w = [0u8; 8];
        w.copy_from_slice(chunk);
        let w = u64::from_le_bytes(w);
        // A zero byte of `w ^ b` marks a byte equal to `b`.
        let zero = |x: u64| x.wrapping_sub(ONES) & !x & HIGH;
        if zero(w ^ (ONES * u64::from(b'\n'))) | zero(w ^ (ONES * u64::from(b'\r'))) != 0 {
            break;
        }
        i += 8;
    }
    while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
        i += 1;
    }
    i
}

/// Paragraph spans: one a line, trimmed, with hard-wrapped lines joined.
fn paragraphs(text: &str) -> Vec<Span> {
    let bytes = text.as_bytes();
    // News has a paragraph in about 100 bytes: a long text's room made at
    // once, not grown by copies (and no more, whatever the line breaks).
    let mut lines: Vec<Span> = Vec::with_capacity(text.len() / 96 + 1);
    let mut start = 0;
    let mut i = 0;
    while i <= bytes.len() {
        i = line_break(bytes, i);
        let at_end = i == bytes.len();
        if at_end || bytes[i] == b'\n' || bytes[i] == b'\r' {
            let line = &text[start..i];
            let lead = line.len() - line.trim_start().len();
            let trimmed = line.trim();
            if !trimmed.is_empty() {
                let s = start + lead;
                lines.push(Span::new(s, s + trimmed.len()));
            }
            // "\r\n" is one break.
            if !at_end && bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            start = i + 1;
        }
        i += 1;
    }
    // Join hard-wrapped lines, with no blank line between: a line without
    // closing punctuation followed by one that starts in lower case, or a long
    // line that stops on a lower-case word or a comma.
    let mut out: Vec<Span> = Vec::with_capacity(lines.len());
    for line in lines {
        if let Some(prev) = out.last_mut() {
            let gap = &text[prev.end..line.start];
            let single_break = gap.matches('\n').count() + gap.matches('\r').count() <= 1 || gap == "\r\n";
            let prev_open = !text[prev.range()].ends_with(['.', '!', '?', ':', '"', '”', '’', ')']);
            let lower = text[line.range()].chars().next().is_some_and(char::is_lowercase);
            let prev_text = &text[prev.range()];
            let cut = prev_text.len() >= 40
                && prev_text.chars().next_back().is_some_and(|c| c.is_lowercase() || c == ',')
                && !text[line.range()].starts_with(['“', '"', '«', '‘', '-', '*', '•']);
            if single_break && prev_open && (lower || cut) {
                prev.end = line.end;
                continue;
            }
        }
        out.push(line);
    }
    out
}

fn split_sentences(text: &str, tokens: &[Token], range: Range<usize>, para: usize, out: &mut Vec<Sentence>) {
    let mut first = range.start;
    let mut i = range.start;
    while i < range.end {
        let t = &tokens[i];
        let s = &text[t.span().range()];
        let ends = t.kind() == TokKind::Punct && matches!(s, "." | "!" | "?" | "…");
        if ends {
            let mut j = i + 1;
            while j < range.end && tokens[j].kind() == TokKind::Punct {
                let c = text[tokens[j].span().range()].chars().next().unwrap_or(' ');
                // A straight mark after a space opens the next sentence's
                // quote: `fair. "We won"`.
                let spaced = tokens[j].span().start > tokens[j - 1].span().end && matches!(c, '"' | '\'');
                if !spaced && (is_closer(c) || matches!(c, '.' | '!' | '?')) {
                    j += 1;
                } else {
                    break;
                }
            }
            let boundary = j >= range.end || {
                let n = &tokens[j];
                let c = text[n.span().range()].chars().next().unwrap_or(' ');
                n.cap() || n.kind() == TokKind::Number || is_opener(c) || c == '—'
            };
            if boundary {
                push_sentence(tokens, first..j, para, out);
                first = j;
            }
            // Every mark in the run up to `j` would reach the same `j` and the
            // same verdict: skip the run, so "!!!…!!! a" stays linear.
            i = j;
            continue;
        }
        i += 1;
    }
    if first < range.end {
        push_sentence(tokens, first..range.end, para, out);
    }
}

fn push_sentence(tokens: &[Token], r: Range<usize>, para: usize, out: &mut Vec<Sentence>) {
    if let (Some(a), Some(b)) = (tokens.get(r.start), r.end.checked_sub(1).and_then(|e| tokens.get(e))) {
        out.push(Sentence::new(Span::new(a.span().start, b.span().end), r, para));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_run_of_letters_is_cut_into_tokens_of_at_most_max_token_bytes() {
        let table: &[(String, &[(usize, usize)])] = &[
            ("a".repeat(70_000), &[(0, 65_535), (65_535, 70_000)]),
            // Two-byte letters: cut on a char boundary.
            ("é".repeat(40_000), &[(0, 65_534), (65_534, 80_000)]),
            ("ab cd".to_string(), &[(0, 2), (3, 5)]),
        ];
        for (text, want) in table {
            let got: Vec<(usize, usize)> =
                tokenize(text, &Words::default()).iter().map(|t| (t.span().start, t.span().end)).collect();
            assert_eq!(got, *want, "{} bytes", text.len());
        }
    }

    #[test]
    fn a_long_text_is_read_to_a_char_boundary() {
        let table: &[(&str, usize, &str)] =
            &[("abc", 10, "abc"), ("abc", 2, "ab"), ("aé", 2, "a"), ("aé", 3, "aé"), ("€", 2, ""), ("", 0, "")];
        for (text, max, want) in table {
            assert_eq!(readable_within(text, *max), *want, "{text:?} within {max}");
        }
        assert_eq!(readable("Iraq"), "Iraq");
    }

    fn seg(text: &str) -> Segments {
        segment(text, &crate::Extractor::default().words())
    }

    fn words(text: &str) -> Vec<&str> {
        seg(text).tokens.iter().map(|t| &text[t.span().range()]).collect()
    }

    fn sentences(text: &str) -> Vec<&str> {
        seg(text).sentences.iter().map(|s| &text[s.span().range()]).collect()
    }

    #[test]
    fn tokens() {
        let table: &[(&str, &[&str])] = &[
            ("Kata’ib Hezbollah", &["Kata’ib", "Hezbollah"]),
            ("Israel’s threats", &["Israel’s", "threats"]),
            ("the factions’ attacks", &["the", "factions", "’", "attacks"]),
            ("U.S. forces", &["U.S.", "forces"]),
            ("George W. Bush", &["George", "W.", "Bush"]),
            ("Gen. Ali said", &["Gen.", "Ali", "said"]),
            ("Al-Sudani, 2,000 troops", &["Al-Sudani", ",", "2,000", "troops"]),
            ("“Imminent”", &["“", "Imminent", "”"]),
            ("government—including", &["government", "—", "including"]),
            ("rock ’n’ roll", &["rock", "’", "n", "’", "roll"]),
            // Invisible chars join a word only when it goes on after them.
            ("Al\u{200F}-Sudani said", &["Al\u{200F}-Sudani", "said"]),
            ("Su\u{200D}\u{AD}dani\u{200D} x\u{2069}", &["Su\u{200D}\u{AD}dani", "x"]),
            ("\u{FEFF}\u{AD}Iraq \u{2067}Syria", &["Iraq", "Syria"]),
        ];
        for (text, want) in table {
            assert_eq!(&words(text), want, "{text}");
        }
    }

    /// Each token's kind and case (capitalised, in capitals): marks of the
    /// General Punctuation block, words ending at ASCII marks, apostrophes
    /// and hyphens, and the case of words in and out of ASCII.
    #[test]
    fn token_kinds_and_case() {
        use TokKind::{Number, Punct, Word};
        // (the token, its kind, capitalised, in capitals)
        type Tok<'a> = (&'a str, TokKind, bool, bool);
        let table: &[(&str, &[Tok<'_>])] = &[
            (
                "“No…” — Lund’s",
                &[
                    ("“", Punct, false, false),
                    ("No", Word, true, false),
                    ("…", Punct, false, false),
                    ("”", Punct, false, false),
                    ("—", Punct, false, false),
                    ("Lund’s", Word, true, false),
                ],
            ),
            (
                "UN, al-Nafjan's (NATO) 12",
                &[
                    ("UN", Word, true, true),
                    (",", Punct, false, false),
                    ("al-Nafjan's", Word, false, false),
                    ("(", Punct, false, false),
                    ("NATO", Word, true, true),
                    (")", Punct, false, false),
                    ("12", Number, false, false),
                ],
            ),
            (
                "Élysée ÉTAT état x- ‐y",
                &[
                    ("Élysée", Word, true, false),
                    ("ÉTAT", Word, true, true),
                    ("état", Word, false, false),
                    ("x", Word, false, false),
                    ("-", Punct, false, false),
                    ("‐", Punct, false, false),
                    ("y", Word, false, false),
                ],
            ),
        ];
        for (text, want) in table {
            let got: Vec<Tok<'_>> =
                seg(text).tokens.iter().map(|t| (&text[t.span().range()], t.kind(), t.cap(), t.upper())).collect();
            assert_eq!(&got, want, "{text}");
        }
    }

    #[test]
    fn sentence_splits() {
        let table: &[(&str, &[&str])] = &[
            ("He left. She stayed.", &["He left.", "She stayed."]),
            ("Mr. Putin met Gen. Gerasimov. Talks ended.", &["Mr. Putin met Gen. Gerasimov.", "Talks ended."]),
            ("U.S. troops left. Iraq welcomed it.", &["U.S. troops left.", "Iraq welcomed it."]),
            ("“We stay,” he said. “We go.”", &["“We stay,” he said.", "“We go.”"]),
            ("“Really?” she asked.", &["“Really?” she asked."]),
            ("It was fair. \"We won,\" he said.", &["It was fair.", "\"We won,\" he said."]),
            ("He said \"We won.\" Then he left.", &["He said \"We won.\"", "Then he left."]),
            ("Headline Without Stop\nBody text here.", &["Headline Without Stop", "Body text here."]),
        ];
        for (text, want) in table {
            assert_eq!(&sentences(text), want, "{text}");
        }
    }

    #[test]
    fn paragraphs_and_headlines() {
        let text =
            "Baghdad Urges Calm\r\n\r\nThe minister and his delegation spoke on\nTuesday in Baghdad.\rA second line.";
        let seg = seg(text);
        let paras: Vec<&str> = seg.paragraphs.iter().map(|p| &text[p.span().range()]).collect();
        assert_eq!(
            paras,
            ["Baghdad Urges Calm", "The minister and his delegation spoke on\nTuesday in Baghdad.", "A second line."]
        );
        assert!(seg.paragraphs[0].headline);
        assert!(!seg.paragraphs[1].headline);
    }

    #[test]
    fn each_paragraph_holds_the_tokens_that_start_in_it() {
        // The tokens of each paragraph are found walking forward: they must
        // be those a search of all the tokens finds, whatever lies between
        // paragraphs (blank lines, lines of spaces of other kinds, marks
        // that fold away) and however many there are.
        let table = [
            "One.\n\nTwo words here.\n\n\nThree.",
            "Headline\r\n\r\nBody one.\r\n \u{a0}\u{3000}\r\nBody two.",
            "A line that wraps\nhere and ends. Another sentence.\n\n“Quoted,” he said.",
            "\u{200b}\n\nZero-width first.\n\u{200b}\nThen more.\n\n\u{feff}",
            "x\n\ny\n\nz\n\n.\n\n“\n\n”",
            "",
            "\n\n\n",
        ];
        for text in table {
            let seg = seg(text);
            for s in &seg.sentences {
                let para = seg.paragraphs[s.para()].span();
                let want_first = seg.tokens.partition_point(|t| t.span().start < para.start);
                let want_last = seg.tokens.partition_point(|t| t.span().start < para.end);
                let r = s.tokens();
                assert!(want_first <= r.start && r.end <= want_last, "{text:?}: sentence {r:?} outside {para:?}");
            }
            // Every token inside a paragraph is in one of its sentences.
            for (p, para) in seg.paragraphs.iter().enumerate() {
                let span = para.span();
                let inside = seg.tokens.iter().filter(|t| t.span().start >= span.start && t.span().start < span.end);
                let in_sentences: usize =
                    seg.sentences.iter().filter(|s| s.para() == p).map(|s| s.tokens().len()).sum();
                assert_eq!(inside.count(), in_sentences, "{text:?}: paragraph {p}");
            }
        }
    }
}
