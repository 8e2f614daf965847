//! The named rules: an id, a table, a confidence and a line of description
//! for each, read from `gazetteers/rules.tsv`.
//!
//! Most rules are code (a person found by the title before the name, a short
//! form linked to its full name); their rows give them an id, a confidence
//! and a description, and the code names them by [`RuleId`]. Quote
//! constructions are data: their row carries a pattern ([`Pattern`]) that the
//! attribution stage interprets, so a new construction is a new row. Every
//! mention, quote and speaker in the output names the rule that decided it.
//! Each rule's examples (`gazetteers/rule_examples.tsv`) run as its tests.

use std::borrow::Cow;

use crate::gazetteer::{Frame, ListKind, Pos, RuleRow};
use crate::kind::CueClass;
use crate::lexicon::{class_of, Class};
use crate::named::same_name;
use crate::Error;

named! {
    /// The tables rules belong to. Rules of one table compete; a rule's
    /// examples are run with the other rules of its table turned off.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub(crate) enum Table {
        /// Mentions read off the lists.
        List,
        /// People found by rule.
        Person,
        /// Groups found by rule.
        Group,
        /// Countries found by rule.
        Country,
        /// Places found by rule.
        Place,
        /// Mentions tied to an entity found elsewhere in the text.
        Link,
        /// Titles written beside a person's name.
        Title,
        /// Constructions that attribute a direct quote.
        Quote,
        /// Constructions that find reported speech, thoughts and evidence.
        Reported,
        /// A quote that takes the speaker of the quote before it.
        Continuation,
        /// What a quote no rule attributes is.
        Fallback,
        /// How a speaker is chosen.
        Speaker,
    }
}

named! {
    /// The rules written in code. Each has a row in `rules.tsv` with the same
    /// name (`person/given-name` for `PersonGivenName`).
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub(crate) enum RuleId {
        ListName,
        ListAlias,
        ListDemonym,
        PersonTitle,
        PersonRegal,
        PersonGivenName,
        PersonAppositive,
        PersonOwnPronoun,
        PersonAfterCue,
        PersonIntro,
        PersonPredicate,
        PersonSpeechSubject,
        PersonSurnameFirst,
        PersonSurnameForm,
        PersonInitial,
        PersonByline,
        PersonListed,
        PersonResultLine,
        PersonScorecard,
        PersonNextPronoun,
        GroupHeadWord,
        GroupPrefix,
        GroupAcronymDefined,
        GroupListedAcronym,
        GroupAcronym,
        GroupTeam,
        GroupCompany,
        GroupPossessiveMember,
        GroupCause,
        GroupSite,
        GroupNamed,
        GroupClub,
        CountryStateForm,
        PlaceHeadWord,
        PlaceTownRegion,
        PlaceNounOf,
        LinkShortForm,
        LinkAcronym,
        LinkSameName,
        TitleOfPerson,
        QuoteLabel,
        QuoteCredit,
        QuoteContinued,
        QuoteNextParagraph,
        QuoteSameParagraph,
        QuoteIntroduced,
        QuoteUnattributed,
        QuoteScare,
        QuoteHeadline,
        SpeakerPerson,
        SpeakerDescription,
        SpeakerRole,
        SpeakerAge,
        SpeakerOnlyPerson,
        SpeakerGroupNoun,
        SpeakerAuthor,
        SpeakerGroup,
        SpeakerPronoun,
        SpeakerPronounGroup,
        SpeakerPronounDescription,
        SpeakerName,
    }
}

impl RuleId {
    /// The table the rule belongs to.
    pub(crate) fn table(self) -> Table {
        use RuleId::*;
        match self {
            ListName | ListAlias | ListDemonym => Table::List,
            PersonTitle | PersonRegal | PersonGivenName | PersonAppositive | PersonOwnPronoun | PersonAfterCue
            | PersonIntro | PersonPredicate | PersonSpeechSubject | PersonSurnameFirst | PersonSurnameForm
            | PersonInitial | PersonByline | PersonListed | PersonResultLine | PersonScorecard | PersonNextPronoun => {
                Table::Person
            }
            GroupHeadWord
            | GroupPrefix
            | GroupAcronymDefined
            | GroupListedAcronym
            | GroupAcronym
            | GroupTeam
            | GroupCompany
            | GroupPossessiveMember
            | GroupCause
            | GroupSite
            | GroupNamed
            | GroupClub => Table::Group,
            CountryStateForm => Table::Country,
            PlaceHeadWord | PlaceTownRegion | PlaceNounOf => Table::Place,
            LinkShortForm | LinkAcronym | LinkSameName => Table::Link,
            TitleOfPerson => Table::Title,
            QuoteLabel | QuoteCredit => Table::Quote,
            QuoteContinued | QuoteNextParagraph | QuoteSameParagraph | QuoteIntroduced => Table::Continuation,
            QuoteUnattributed | QuoteScare | QuoteHeadline => Table::Fallback,
            SpeakerPerson
            | SpeakerDescription
            | SpeakerRole
            | SpeakerAge
            | SpeakerOnlyPerson
            | SpeakerGroupNoun
            | SpeakerAuthor
            | SpeakerGroup
            | SpeakerPronoun
            | SpeakerPronounGroup
            | SpeakerPronounDescription
            | SpeakerName => Table::Speaker,
        }
    }
}

/// The index of a rule in the loaded table; code rules come first, in
/// [`RuleId`] order, so `RuleId as u16` is their index.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub(crate) struct RuleIx(pub(crate) u16);

impl From<RuleId> for RuleIx {
    fn from(r: RuleId) -> RuleIx {
        RuleIx(r as u16)
    }
}

/// What a cue must be for a construction.
#[derive(Clone, Debug, Default, PartialEq)]
pub(crate) struct CueCond {
    /// Any of these frames (none: any cue).
    pub(crate) frames: Vec<Frame>,
    pub(crate) pos: Vec<Pos>,
    pub(crate) not_pos: Vec<Pos>,
    pub(crate) class: Vec<CueClass>,
}

/// One element of a construction's pattern.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum Elem {
    /// `Q`: a direct quote, the statement.
    Quote,
    /// `S`: a reported clause, the statement; `S[opener]` must open like a
    /// clause (a clause opener, a number, or a name and then a verb);
    /// `S[@class]` must open with a word of the class.
    Clause { opener: bool, opens: Option<Class> },
    /// `OBJ`: a short object phrase; part of the statement.
    Object,
    /// `SPK`: the speaker.
    Speaker,
    /// `CUE[...]`: the reporting cue.
    Cue(CueCond),
    /// A word or punctuation mark, as written.
    Word(String),
    /// `@class` (one word of the class) or `@class*` (any number).
    Class { class: Class, many: bool },
    /// `~n`: up to n tokens.
    Gap(u8),
    /// `...`: any tokens.
    AnyGap,
    /// `$`: the end of the sentence.
    End,
    /// `^`: the start of the sentence (connectives aside).
    Start,
}

/// A parsed construction pattern: the elements before the cue (nearest
/// first), the cue, and the elements after it.
#[derive(Clone, Debug)]
pub(crate) struct Pattern {
    pub(crate) left: Vec<Elem>,
    pub(crate) cue: CueCond,
    pub(crate) right: Vec<Elem>,
    /// The statement is a direct quote (`Q`), else a reported clause (`S`).
    pub(crate) direct: bool,
}

impl Pattern {
    /// Parses a pattern such as `SPK CUE[that] ~6 that S`.
    pub(crate) fn parse(source: &str, line: usize, s: &str) -> Result<Pattern, Error> {
        let err = |m: String| Error::data(source, line, format!("pattern `{}`: {}", s, m));
        let mut elems = Vec::new();
        let mut cue = None;
        for tok in s.split_whitespace() {
            let e = match tok {
                "Q" => Elem::Quote,
                "S" => Elem::Clause { opener: false, opens: None },
                "S[opener]" => Elem::Clause { opener: true, opens: None },
                t if t.starts_with("S[@") && t.ends_with(']') => {
                    Elem::Clause { opener: false, opens: Some(class_of(source, line, &t[3..t.len() - 1])?) }
                }
                "OBJ" => Elem::Object,
                "SPK" => Elem::Speaker,
                "..." => Elem::AnyGap,
                "$" => Elem::End,
                "^" => Elem::Start,
                t if t.starts_with("CUE") => {
                    if cue.is_some() {
                        return Err(err("two CUE elements".into()));
                    }
                    cue = Some(elems.len());
                    Elem::Cue(parse_cue(t).map_err(err)?)
                }
                t if t.starts_with('~') => Elem::Gap(t[1..].parse().map_err(|_| err(format!("`{}` is no ~N gap", t)))?),
                t if t.starts_with('@') => {
                    let (name, many) = match t[1..].strip_suffix('*') {
                        Some(n) => (n, true),
                        None => (&t[1..], false),
                    };
                    Elem::Class { class: class_of(source, line, name)?, many }
                }
                t if t.chars().all(|c| c.is_alphabetic() || c == '\'' || c == '’') || t.chars().count() == 1 => {
                    Elem::Word(t.to_lowercase())
                }
                t => return Err(err(format!("unknown element `{}`", t))),
            };
            elems.push(e);
        }
        let ci = cue.ok_or_else(|| err("no CUE element".into()))?;
        let quotes = elems.iter().filter(|e| **e == Elem::Quote).count();
        let clauses = elems.iter().filter(|e| matches!(e, Elem::Clause { .. })).count();
        if quotes + clauses != 1 {
            return Err(err("one statement element (Q or S) is needed".into()));
        }
        if elems.iter().filter(|e| **e == Elem::Speaker).count() > 1 {
            return Err(err("more than one SPK".into()));
        }
        let right = elems.split_off(ci + 1);
        let Some(Elem::Cue(cond)) = elems.pop() else { return Err(err("no CUE element".into())) };
        elems.reverse();
        Ok(Pattern { left: elems, cue: cond, right, direct: quotes == 1 })
    }
}

/// `CUE`, `CUE[that]`, `CUE[quote,!pos=ing]`, `CUE[class=thought]`.
fn parse_cue(t: &str) -> Result<CueCond, String> {
    let mut c = CueCond::default();
    let Some(inner) = t.strip_prefix("CUE") else { return Err(format!("`{}`", t)) };
    if inner.is_empty() {
        return Ok(c);
    }
    let inner =
        inner.strip_prefix('[').and_then(|i| i.strip_suffix(']')).ok_or_else(|| format!("`{}` is no CUE[...]", t))?;
    for part in inner.split(',').filter(|p| !p.is_empty()) {
        let (neg, part) = match part.strip_prefix('!') {
            Some(p) => (true, p),
            None => (false, part),
        };
        match part.split_once('=') {
            Some(("pos", v)) => {
                let p = Pos::from_name(v).ok_or_else(|| format!("unknown pos `{}`", v))?;
                if neg {
                    c.not_pos.push(p)
                } else {
                    c.pos.push(p)
                }
            }
            Some(("class", v)) if !neg => {
                c.class.push(CueClass::from_name(v).ok_or_else(|| format!("unknown class `{}`", v))?)
            }
            None if !neg => c.frames.push(Frame::from_name(part).ok_or_else(|| format!("unknown frame `{}`", part))?),
            _ => return Err(format!("cannot read `{}`", part)),
        }
    }
    Ok(c)
}

/// A rule as loaded.
#[derive(Clone, Debug)]
pub(crate) struct Rule {
    /// Borrowed from the embedded table when the id is written there, so
    /// that naming the rule in each of a document's mentions costs no
    /// allocation.
    pub(crate) id: Cow<'static, str>,
    pub(crate) table: Table,
    pub(crate) confidence: f32,
    pub(crate) description: String,
    /// A construction's pattern; code rules have none.
    pub(crate) pattern: Option<Pattern>,
    /// The pattern as written.
    pub(crate) pattern_text: String,
}

/// `id` as a string of the embedded rule table when that table holds it as
/// a whole cell (every built-in rule), else a copy (a user's rule).
fn static_id(id: &str) -> Cow<'static, str> {
    let table = ListKind::Rules.default_text();
    let cell = |at: usize| {
        let before = table[..at].chars().next_back();
        let after = table[at + id.len()..].chars().next();
        matches!(before, None | Some('\n' | '\t')) && matches!(after, None | Some('\n' | '\t' | '\r'))
    };
    match table.match_indices(id).find(|&(at, _)| !id.is_empty() && cell(at)) {
        Some((at, _)) => Cow::Borrowed(&table[at..at + id.len()]),
        None => Cow::Owned(id.to_string()),
    }
}

/// The loaded rule table.
#[derive(Clone, Debug)]
pub(crate) struct Rules {
    pub(crate) rules: Vec<Rule>,
}

/// Which rules run: one bit a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct RuleMask(Vec<u64>);

impl RuleMask {
    pub(crate) fn all(n: usize) -> RuleMask {
        RuleMask(vec![u64::MAX; n.div_ceil(64)])
    }

    #[inline]
    pub(crate) fn on(&self, r: impl Into<RuleIx>) -> bool {
        let i = r.into().0 as usize;
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    pub(crate) fn set(&mut self, r: RuleIx, on: bool) {
        let i = r.0 as usize;
        if let Some(w) = self.0.get_mut(i / 64) {
            if on {
                *w |= 1 << (i % 64);
            } else {
                *w &= !(1 << (i % 64));
            }
        }
    }
}

impl Rules {
    /// Checks and orders the rows: a row for every code rule, in its table;
    /// every other row a construction with a valid pattern; no id twice.
    pub(crate) fn load(rows: &[RuleRow]) -> Result<Rules, Error> {
        let mut code: Vec<Option<Rule>> = vec![None; RuleId::ALL.len()];
        let mut data: Vec<Rule> = Vec::new();
        let mut seen: Vec<(&str, &str, usize)> = Vec::new();
        for r in rows {
            if let Some(&(_, src, l)) = seen.iter().find(|(id, _, _)| same_name(id, &r.id)) {
                return Err(Error::data(
                    &r.source,
                    r.line,
                    format!("rule `{}` is already defined at {}:{}", r.id, src, l),
                ));
            }
            seen.push((&r.id, &r.source, r.line));
            let table = Table::from_name(&r.table)
                .ok_or_else(|| Error::data(&r.source, r.line, format!("unknown rule table `{}`", r.table)))?;
            let pattern = match r.pattern.as_str() {
                "" => None,
                p => Some(Pattern::parse(&r.source, r.line, p)?),
            };
            let rule = Rule {
                id: static_id(&r.id),
                table,
                confidence: r.confidence,
                description: r.description.clone(),
                pattern,
                pattern_text: r.pattern.clone(),
            };
            match RuleId::from_name(&r.id) {
                Some(_) if rule.pattern.is_some() => {
                    return Err(Error::data(
                        &r.source,
                        r.line,
                        format!("rule `{}` is written in code and takes no pattern", r.id),
                    ));
                }
                Some(id) if id.table() != table => {
                    return Err(Error::data(
                        &r.source,
                        r.line,
                        format!("rule `{}` belongs to the {} table", r.id, id.table().name().to_lowercase()),
                    ));
                }
                Some(id) => code[id as usize] = Some(rule),
                None if rule.pattern.is_none() => {
                    return Err(Error::data(&r.source, r.line, format!("rule `{}` has no pattern and no code", r.id)));
                }
                None if !matches!(
                    (table, rule.pattern.as_ref().map(|p| p.direct)),
                    (Table::Quote, Some(true)) | (Table::Reported, Some(false))
                ) =>
                {
                    return Err(Error::data(
                        &r.source,
                        r.line,
                        format!(
                            "rule `{}`: a pattern with Q belongs to the quote table, one with S to the reported table",
                            r.id
                        ),
                    ));
                }
                None => data.push(rule),
            }
        }
        let mut rules = Vec::with_capacity(code.len() + data.len());
        for (i, r) in code.into_iter().enumerate() {
            rules.push(r.ok_or_else(|| {
                Error::build(format!("the rule table has no row for the code rule `{}`", RuleId::ALL[i].name()))
            })?);
        }
        rules.extend(data);
        if rules.len() > u16::MAX as usize {
            return Err(Error::build("more than 65,535 rules"));
        }
        Ok(Rules { rules })
    }

    pub(crate) fn get(&self, r: RuleIx) -> &Rule {
        &self.rules[r.0 as usize]
    }

    /// The constructions, in table order.
    pub(crate) fn constructions(&self) -> impl Iterator<Item = (RuleIx, &Pattern)> + '_ {
        self.rules.iter().enumerate().filter_map(|(i, r)| r.pattern.as_ref().map(|p| (RuleIx(i as u16), p)))
    }

    /// The index of the rule named `id`.
    pub(crate) fn find(&self, id: &str) -> Option<RuleIx> {
        self.rules.iter().position(|r| same_name(&r.id, id)).map(|i| RuleIx(i as u16))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids_borrow_from_the_embedded_table() {
        // (id, borrowed): a whole cell of rules.tsv borrows; a part of one, a
        // user's id or an empty id is copied, and every result equals its id.
        let table = [
            ("person/title", true),
            ("quote/speaker-cue", true),
            ("person/tit", false),
            ("erson/title", false),
            ("mine/custom", false),
            ("", false),
        ];
        for (id, borrowed) in table {
            let got = static_id(id);
            assert_eq!(got, id);
            assert_eq!(matches!(got, Cow::Borrowed(_)), borrowed, "{id}");
        }
    }

    #[test]
    fn patterns() {
        let p = Pattern::parse("t", 1, "SPK CUE[that,!pos=ing] ~6 that S").unwrap();
        assert_eq!(p.left, vec![Elem::Speaker]);
        assert_eq!(p.cue.frames, vec![Frame::That]);
        assert_eq!(p.cue.not_pos, vec![Pos::Ing]);
        assert_eq!(p.right, vec![Elem::Gap(6), Elem::Word("that".into()), Elem::Clause { opener: false, opens: None }]);
        assert!(!p.direct);
        let p = Pattern::parse("t", 1, "S , SPK CUE @time_word* $").unwrap();
        assert_eq!(p.left, vec![Elem::Speaker, Elem::Word(",".into()), Elem::Clause { opener: false, opens: None }]);
        let p = Pattern::parse("t", 1, "SPK CUE[wh] S[@wh_word]").unwrap();
        assert_eq!(p.right, vec![Elem::Clause { opener: false, opens: Some(Class::WhWord) }]);
        for bad in ["SPK S", "Q CUE S", "CUE CUE Q", "CUE[shout] Q", "CUE Q @nothing", "CUE Q ~x", "SPK CUE SPK Q"] {
            let e = Pattern::parse("t", 7, bad).unwrap_err();
            assert_eq!(e.line(), Some(7), "{bad}: {e}");
        }
    }
}
