//! Candidate mentions: what the list and rule stages propose and resolution
//! chooses among.

use crate::gazetteer::{FormRole, GivenName};
use crate::kind::{Gender, Kind};
use crate::ruleset::RuleIx;
use crate::span::OptSpan;
use crate::Span;

/// Where a candidate comes from.
#[derive(Clone, Copy, Debug, PartialEq)]
pub(crate) enum Source {
    /// A gazetteer entry.
    Gaz { entry: u32, role: FormRole, ambiguous: bool },
    /// A rule; weak ones (from Title Case headlines) need support elsewhere.
    Rule { strong: bool },
}

/// A candidate mention.
#[derive(Clone, Debug)]
pub(crate) struct Cand {
    pub(crate) span: Span,
    pub(crate) kind: Kind,
    pub(crate) source: Source,
    /// The rule that proposed it.
    pub(crate) rule: RuleIx,
    /// The title written before (or after) a person.
    pub(crate) title: OptSpan,
    /// A country, nationality or group written before the title.
    pub(crate) pre: OptSpan,
    pub(crate) gender: Option<Gender>,
    /// For a person read by its given name: that name, as listed.
    pub(crate) given: Option<GivenName>,
}

impl Cand {
    /// A strong rule's candidate of `kind` over `span`, with nothing read
    /// around it (no title, no country before it, no gender).
    pub(crate) fn from_rule(span: Span, kind: Kind, rule: impl Into<RuleIx>) -> Cand {
        Cand {
            span,
            kind,
            source: Source::Rule { strong: true },
            rule: rule.into(),
            title: OptSpan::NONE,
            pre: OptSpan::NONE,
            gender: None,
            given: None,
        }
    }

    /// Which of two candidates of one length wins: a list entry beats a
    /// rule, and a rule beats an ambiguous list entry.
    pub(crate) fn priority(&self) -> u8 {
        match self.source {
            Source::Gaz { ambiguous: false, .. } => 3,
            Source::Rule { strong: true } => 2,
            Source::Gaz { ambiguous: true, .. } => 1,
            Source::Rule { strong: false } => 0,
        }
    }

    /// Whether a rule proposed it.
    pub(crate) fn by_rule(&self) -> bool {
        matches!(self.source, Source::Rule { .. })
    }

    /// A rule candidate from a Title Case headline: kept only with support.
    pub(crate) fn weak(&self) -> bool {
        matches!(self.source, Source::Rule { strong: false })
    }
}
