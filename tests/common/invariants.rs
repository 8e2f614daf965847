//! The invariants every [`Analysis`] must satisfy, whatever the input.
//!
//! One checker, shared by `tests/invariants.rs` (fixed and property-based
//! inputs), `tests/hostile.rs`, `tests/regressions.rs` and the fuzz targets
//! in `fuzz/` (which include this file with `#[path]`).
//!
//! It returns the first broken invariant as an `Err` with a message, so that
//! proptest can shrink a failing input and the fuzzer can print why it
//! aborts.

#![allow(dead_code)]

use gazette::{Analysis, Kind, RelationKind, Span};

/// Whether `span` can slice `text`: in bounds, ordered, on char boundaries.
fn slices(text: &str, span: Span) -> bool {
    span.start <= span.end
        && span.end <= text.len()
        && text.is_char_boundary(span.start)
        && text.is_char_boundary(span.end)
}

fn span_ok(text: &str, what: &str, span: Span, reported: Option<&str>) -> Result<(), String> {
    if !slices(text, span) {
        return Err(format!("{what} span {span:?} does not slice a text of {} bytes on char boundaries", text.len()));
    }
    if let Some(r) = reported {
        let got = &text[span.range()];
        if got != r {
            return Err(format!("{what} at {span:?}: the text there is {got:?}, the reported text is {r:?}"));
        }
    }
    Ok(())
}

/// Checks every invariant of `a`, the analysis of `text`.
///
/// * every span (mention, quote, speaker, cue, relation evidence) is in
///   bounds and on char boundaries, and `&text[span.range()]` is the
///   reported `text`;
/// * mentions are sorted by start; mentions of the scored kinds (person,
///   country, group) do not overlap; quotes are sorted by start;
/// * entity ids are their indices; every `entity` index and relation
///   endpoint exists (`said` names a quote, the others an entity);
/// * confidences are in `0..=1`;
/// * every mention, quote and speaker names the rule that decided it, and
///   every cue its class.
pub fn check(text: &str, a: &Analysis) -> Result<(), String> {
    for (i, e) in a.entities.iter().enumerate() {
        if e.id != i {
            return Err(format!("entity {i} has id {}", e.id));
        }
    }
    let entity_ok = |what: &str, e: Option<usize>| match e {
        Some(e) if e >= a.entities.len() => Err(format!("{what} names entity {e} of {}", a.entities.len())),
        _ => Ok(()),
    };
    for m in &a.mentions {
        span_ok(text, "mention", m.span, Some(&m.text))?;
        if m.span.is_empty() {
            return Err(format!("empty mention {m:?}"));
        }
        entity_ok("mention", m.entity)?;
        if m.rule.is_empty() {
            return Err(format!("mention {m:?} names no rule"));
        }
    }
    for w in a.mentions.windows(2) {
        if w[0].span.start > w[1].span.start {
            return Err(format!("mentions unsorted: {:?} before {:?}", w[0], w[1]));
        }
    }
    let scored: Vec<_> =
        a.mentions.iter().filter(|m| matches!(m.kind, Kind::Person | Kind::Country | Kind::Group)).collect();
    for w in scored.windows(2) {
        if w[0].span.overlaps(w[1].span) {
            return Err(format!("scored mentions overlap: {:?} and {:?}", w[0], w[1]));
        }
    }
    for q in &a.quotes {
        span_ok(text, "quote", q.span, Some(&q.text))?;
        if let Some(s) = &q.speaker {
            span_ok(text, "speaker", s.span, Some(&s.text))?;
            entity_ok("speaker", s.entity)?;
            entity_ok("speaker affiliation", s.affiliation)?;
            if s.rule.is_empty() {
                return Err(format!("speaker {s:?} names no rule"));
            }
        }
        if q.rule.is_empty() {
            return Err(format!("quote {q:?} names no rule"));
        }
        if let Some(c) = &q.cue {
            span_ok(text, "cue", c.span, Some(&c.text))?;
        }
        if !(0.0..=1.0).contains(&q.confidence) {
            return Err(format!("confidence {} out of 0..=1", q.confidence));
        }
    }
    for w in a.quotes.windows(2) {
        if w[0].span.start > w[1].span.start {
            return Err(format!("quotes unsorted: {:?} before {:?}", w[0].span, w[1].span));
        }
    }
    for r in &a.relations {
        if r.source >= a.entities.len() {
            return Err(format!("relation {r:?} from entity {} of {}", r.source, a.entities.len()));
        }
        match (r.kind, r.quote, r.target) {
            (RelationKind::Said, Some(q), None) if q >= a.quotes.len() => {
                return Err(format!("said relation {r:?} to quote {q} of {}", a.quotes.len()));
            }
            (RelationKind::Said, Some(_), None) => {}
            (RelationKind::Said, _, _) => return Err(format!("said relation {r:?} needs a quote and no target")),
            (_, Some(_), _) => return Err(format!("relation {r:?} names a quote")),
            (_, None, Some(t)) if t >= a.entities.len() => {
                return Err(format!("relation {r:?} to entity {t} of {}", a.entities.len()));
            }
            _ => {}
        }
        if let Some(ev) = r.evidence {
            span_ok(text, "relation evidence", ev, None)?;
        }
    }
    Ok(())
}

/// Like [`check`], but panics with the message and the input.
pub fn assert_ok(text: &str, a: &Analysis) {
    if let Err(e) = check(text, a) {
        let shown: String = text.chars().take(300).collect();
        panic!("invariant broken: {e}\n  in a text of {} bytes starting {shown:?}", text.len());
    }
}
