//! Stage 4a: quotation marks.
//!
//! One pass per paragraph pairs opening and closing marks with a stack:
//! “curly” and "straight" double quotes, ‘single’ quotes and « guillemets ».
//! An apostrophe is no mark: "Kata’ib", "Israel’s", "factions’", "’90s" and
//! "rock ’n’ roll" open nothing. A quote left open at the end of its
//! paragraph ends there; when the next paragraph opens with a mark it is a
//! multi-paragraph quote and the next part continues it.
//!
//! Transcripts quote without marks: a paragraph that opens with a speaker's
//! label ("Q:", "A:", "SEN. OYELOWO:", "EMMA HOLLOWAY-SHAH (Leader of the
//! Opposition):", or a label on a line of its own) is a quote of its
//! label's speaker, when the text has two such labels or more.

use crate::segment::Paragraph;
use crate::span::OptSpan;
use crate::Span;

/// A quotation found in the text.
#[derive(Clone, Debug)]
pub(crate) struct QuoteSpan {
    /// The opening mark.
    pub(crate) open: Span,
    /// The closing mark, when there is one in the paragraph.
    pub(crate) close: OptSpan,
    /// The content between the marks.
    pub(crate) content: Span,
    pub(crate) para: usize,
    /// Left open at the end of its paragraph, and the next paragraph opens a
    /// quote: a multi-paragraph quote goes on.
    pub(crate) continues: bool,
    /// This part goes on from a quote left open in the previous paragraph.
    pub(crate) continued: bool,
    /// For a transcript line: the speaker's label before the colon.
    pub(crate) label: OptSpan,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Mark {
    Double,
    Single,
    Guillemet,
}

#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Dir {
    Open,
    Close,
    Either,
}

fn classify(prev: Option<char>, c: char, next: Option<char>) -> Option<(Mark, Dir)> {
    if !matches!(c, '“' | '„' | '”' | '«' | '»' | '"' | '‘' | '’' | '\'') {
        return None;
    }
    let space_before = prev.is_none_or(|p| p.is_whitespace() || "([{—–-/“‘«\"'".contains(p));
    let space_after = next.is_none_or(|n| n.is_whitespace() || ".,;:!?)]}—–-”’»\"'".contains(n));
    let letter_before = prev.is_some_and(char::is_alphanumeric);
    let letter_after = next.is_some_and(char::is_alphanumeric);
    Some(match c {
        '“' | '„' => (Mark::Double, Dir::Open),
        '”' => (Mark::Double, Dir::Close),
        '«' => (Mark::Guillemet, Dir::Open),
        '»' => (Mark::Guillemet, Dir::Close),
        '"' => {
            if space_before && !space_after {
                (Mark::Double, Dir::Open)
            } else if space_after && !space_before {
                (Mark::Double, Dir::Close)
            } else {
                (Mark::Double, Dir::Either)
            }
        }
        '‘' => {
            // ‘90s: an elision written with the opening mark.
            if next.is_some_and(|n| n.is_ascii_digit()) {
                return None;
            }
            (Mark::Single, Dir::Open)
        }
        '’' | '\'' => {
            if letter_before && letter_after {
                return None; // Kata’ib, Israel’s, don’t
            }
            if c == '\'' && space_before && letter_after && !next.is_some_and(|n| n.is_ascii_digit()) {
                (Mark::Single, Dir::Open)
            } else if !space_before {
                (Mark::Single, Dir::Close)
            } else {
                return None; // ’90s, ’n’
            }
        }
        _ => return None,
    })
}

/// Finds the quotations of every paragraph of `text`.
pub(crate) fn find(text: &str, paras: &[Paragraph]) -> Vec<QuoteSpan> {
    let mut out = Vec::new();
    for (pi, p) in paras.iter().enumerate() {
        let ptext = &text[p.span().range()];
        // Stack of (mark, open span, is top-level).
        let mut stack: Vec<(Mark, Span)> = Vec::new();
        // How many marks of each kind the stack holds, so that a closing mark
        // need not scan it: thousands of unmatched marks stay linear.
        let mut open_marks = [0usize; 3];
        let bytes = ptext.as_bytes();
        let mut from = 0;
        // Only the bytes a quotation mark starts with are looked at: `"`,
        // `'`, and the lead bytes of the curly marks and guillemets.
        while let Some(k) = bytes[from..].iter().position(|&b| matches!(b, b'"' | b'\'' | 0xE2 | 0xC2)) {
            let i = from + k;
            let Some(c) = ptext[i..].chars().next() else { break };
            from = i + c.len_utf8();
            let (prev, next) = (ptext[..i].chars().next_back(), ptext[from..].chars().next());
            let Some((mark, dir)) = classify(prev, c, next) else {
                continue;
            };
            let at = Span::new(p.span().start + i, p.span().start + i + c.len_utf8());
            let top = stack.last().map(|&(m, _)| m);
            let closes = match dir {
                Dir::Close => open_marks[mark as usize] > 0,
                Dir::Either => top == Some(mark),
                Dir::Open => false,
            };
            if closes {
                // Pop to the matching opener; inner unclosed marks are dropped.
                while let Some((m, open)) = stack.pop() {
                    open_marks[m as usize] = open_marks[m as usize].saturating_sub(1);
                    if m == mark {
                        if stack.is_empty() && open.end <= at.start {
                            out.push(QuoteSpan {
                                open,
                                close: Some(at).into(),
                                content: Span::new(open.end, at.start),
                                para: pi,
                                continues: false,
                                continued: false,
                                label: OptSpan::NONE,
                            });
                        }
                        break;
                    }
                }
                continue;
            }
            if dir == Dir::Close {
                continue; // a stray closing mark, or an apostrophe
            }
            // A single mark inside a single quote that cannot close is an apostrophe.
            if mark == Mark::Single && dir == Dir::Open && c == '\'' && top == Some(Mark::Single) {
                continue;
            }
            stack.push((mark, at));
            open_marks[mark as usize] += 1;
        }
        // Whatever is still open at the paragraph's end.
        let next_opens =
            paras.get(pi + 1).is_some_and(|n| text[n.span().range()].starts_with(['“', '"', '«', '‘', '„']));
        if let Some(&(mark, open)) = stack.first() {
            if mark != Mark::Single || next_opens {
                let end = p.span().end;
                let continues = next_opens && mark != Mark::Single;
                out.push(QuoteSpan {
                    open,
                    close: OptSpan::NONE,
                    content: Span::new(open.end, end),
                    para: pi,
                    continues,
                    continued: false,
                    label: OptSpan::NONE,
                });
            }
        }
    }
    out.sort_by_key(|q| q.open.start);
    // Mark parts that go on from an open paragraph.
    for i in 1..out.len() {
        if out[i - 1].continues && out[i].para == out[i - 1].para + 1 {
            out[i].continued = true;
        }
    }
    out.retain(|q| !q.content.is_empty());
    labelled(text, paras, &mut out);
    out
}

/// The speaker's label a paragraph opens with, up to its colon: "Q", "A",
/// or at most six words in capitals or capitalised, with an optional
/// bracket ("EMMA HOLLOWAY-SHAH (Leader of the Opposition)"). The label and
/// the colon.
fn label(ptext: &str) -> Option<(usize, usize)> {
    let colon = ptext.get(..ptext.len().min(80))?.find(':')?;
    let head = ptext[..colon].trim_end();
    if head.is_empty() || head.contains(['“', '”', '"', '«', '»']) {
        return None;
    }
    let outside = match head.find('(') {
        Some(b) if head.ends_with(')') => head[..b].trim_end(),
        Some(_) => return None,
        None => head,
    };
    let words: Vec<&str> = outside.split_whitespace().collect();
    let named = |w: &&str| w.chars().next().is_some_and(char::is_uppercase) && !w.ends_with(',');
    let ok = (1..=6).contains(&words.len())
        && words.iter().all(named)
        && (words.len() > 1 || words[0].chars().count() == 1 || !words[0].chars().any(char::is_lowercase));
    ok.then_some((head.len(), colon))
}

/// Transcript lines: paragraphs with a speaker's label and no marks.
fn labelled(text: &str, paras: &[Paragraph], out: &mut Vec<QuoteSpan>) {
    let marks = |s: &str| s.contains(['“', '”', '"', '«', '»']);
    let found: Vec<(usize, usize, usize)> = paras
        .iter()
        .enumerate()
        .filter_map(|(i, p)| {
            let t = &text[p.span().range()];
            label(t).filter(|_| !marks(t)).map(|(l, c)| (i, l, c))
        })
        .collect();
    // One label alone may be anything ("Note: ..."); a transcript has two.
    if found.len() < 2 {
        return;
    }
    for (k, &(i, len, colon)) in found.iter().enumerate() {
        let p = &paras[i];
        let t = &text[p.span().range()];
        let rest = t[colon + 1..].trim_start();
        let label = Span::new(p.span().start, p.span().start + len);
        let open = Span::new(p.span().start + colon, p.span().start + colon + 1);
        let (content, para) = if !rest.is_empty() {
            (Span::new(p.span().end - rest.len(), p.span().end), i)
        } else {
            // A label on a line of its own: the next paragraph is what it says.
            let next_is_label = found.get(k + 1).is_some_and(|&(j, _, _)| j == i + 1);
            match paras.get(i + 1) {
                Some(n) if !next_is_label && !marks(&text[n.span().range()]) => (n.span(), i + 1),
                _ => continue,
            }
        };
        out.push(QuoteSpan {
            open,
            close: OptSpan::NONE,
            content,
            para,
            continues: false,
            continued: false,
            label: Some(label).into(),
        });
    }
    out.sort_by_key(|q| q.content.start);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn find_in(text: &str) -> Vec<QuoteSpan> {
        let seg = crate::segment::segment(text, &crate::Extractor::default().words());
        find(text, &seg.paragraphs)
    }

    fn quotes(text: &str) -> Vec<&str> {
        find_in(text).iter().map(|q| &text[q.content.range()]).collect()
    }

    #[test]
    fn marks() {
        let table: &[(&str, &[&str])] = &[
            ("“We stay,” he said.", &["We stay,"]),
            ("\"We stay,\" he said.", &["We stay,"]),
            ("« Nous restons », dit-il.", &[" Nous restons "]),
            ("“He told me ‘wait’ and left,” she said.", &["He told me ‘wait’ and left,"]),
            ("Kata’ib Hezbollah and Israel’s factions’ leaders", &[]),
            ("the ’90s and rock ’n’ roll", &[]),
            ("Baghdad Urges Washington to Prevent ‘Imminent’ Strikes", &["Imminent"]),
            ("“The situation,” he said, “is bad.”", &["The situation,", "is bad."]),
            ("He said \"no\" and \"yes\".", &["no", "yes"]),
            ("An open “quote that never ends.\n\nNext paragraph.", &["quote that never ends."]),
            ("It's the farmers' view that 'enough is enough', he said.", &["enough is enough"]),
        ];
        for (text, want) in table {
            assert_eq!(&quotes(text), want, "{text}");
        }
    }

    #[test]
    fn multi_paragraph() {
        let text = "“One,” he said.\n\n“Two three.\n\n“Four,” he added.";
        let q = find_in(text);
        assert_eq!(q.len(), 3);
        assert!(q[1].continues && !q[1].continued);
        assert!(q[2].continued);
        assert_eq!(&text[q[1].content.range()], "Two three.");
    }
}
