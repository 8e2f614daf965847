//! The English words the rules use, by class.
//!
//! Every word a rule asks about (month names, name particles, the head words
//! of organisations, the prepositions that hide a subject, ...) is a row of
//! `gazetteers/lexicon.tsv`: `word` and `class`. Code names classes, never
//! words: a rule asks `doc.is(tok, Class::Month)`. Single words become a bit
//! of each token's [`ClassSet`], computed once per document; phrases ("son
//! of"), prefixes ("al-*") and endings ("*ers") are kept apart and looked up
//! by the few rules that use them.

use crate::fold::FoldTable;
use crate::hash::{FirstBytes, Sketch};
use crate::Error;

named! {
    /// A class of words the rules use. Each is documented where its rows are,
    /// in `gazetteers/lexicon.tsv`.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub(crate) enum Class {
        Month,
        Weekday,
        NotName,
        Label,
        OrgTail,
        PlaceTail,
        OrgWord,
        Particle,
        Kunya,
        SurnameParticle,
        JoinedArticle,
        Adverb,
        PersonVerb,
        RoleNoun,
        CommonVerb,
        PersonObjectVerb,
        PersonIntro,
        Regal,
        GroupHead,
        PartyMembers,
        GroupPrefix,
        PluralEnding,
        PlacePrep,
        Determiner,
        Definite,
        Indefinite,
        PronounMale,
        PronounFemale,
        PossMale,
        PossFemale,
        PronounNeuter,
        PronounPlural,
        OfficeNoun,
        Copula,
        Aux,
        NameConnector,
        DatePrep,
        NameSuffix,
        Adverbial,
        Preposition,
        DescTrail,
        TimeWord,
        ClauseOpener,
        NounMarker,
        Complement,
        Connective,
        Relative,
        ClauseBreak,
        Abbreviation,
        CaseFree,
        Coordinator,
        GroupLink,
        GroupOf,
        GroupTailLink,
        Possessive,
        PastEnding,
        SurnamePrefix,
        ShortPrefix,
        ArabicArticle,
        Complementizer,
        SubjectPronoun,
        OrgPassive,
        Auxiliary,
        WhWord,
        Infinitive,
        Be,
        Subordinator,
        Byline,
        SportWord,
        SportVerb,
        SportIntro,
        Versus,
        TeamSuffix,
        SportRole,
        TownPrep,
        CompanyNoun,
        CompanyRole,
        CompanyIntro,
        Dismissal,
        SurnameFirst,
        StateHead,
        StateTail,
        StateOrdinal,
        CompanySuffix,
        PartyLetter,
        SubjectCue,
        ForeignLink,
        PartyAdjective,
        PartyIntro,
        PartyNoun,
        NamePossessive,
        NamingVerb,
        CueCompound,
        PlainAcronym,
        StancePrefix,
        PlaceHead,
        AgeNoun,
        GroupHeadOf,
        CauseLink,
        VerbLink,
        StatVerb,
        StatNoun,
        PronounFirst,
        Quantifier,
        PartLink,
        WebDomain,
        ClubPrefix,
        ClubTail,
        PartyHead,
        PlaceNoun,
        FirmNoun,
        SpeechCore,
    }
}

/// A set of classes: one bit a class.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) struct ClassSet(u128);

impl ClassSet {
    /// The empty set.
    pub(crate) const EMPTY: ClassSet = ClassSet(0);

    /// The set of `classes`, built at compile time where it is a constant.
    pub(crate) const fn of(classes: &[Class]) -> ClassSet {
        let mut bits = 0u128;
        let mut i = 0;
        while i < classes.len() {
            bits |= 1u128 << (classes[i] as u32);
            i += 1;
        }
        ClassSet(bits)
    }

    fn bit(c: Class) -> u128 {
        1u128 << (c as u32)
    }

    /// Whether `c` is in the set.
    #[inline]
    pub(crate) fn has(self, c: Class) -> bool {
        self.0 & Self::bit(c) != 0
    }

    /// Adds `c`.
    pub(crate) fn insert(&mut self, c: Class) {
        self.0 |= Self::bit(c);
    }

    /// The classes of both sets.
    #[inline]
    pub(crate) fn union(self, other: ClassSet) -> ClassSet {
        ClassSet(self.0 | other.0)
    }

    /// Whether the two sets share a class.
    #[inline]
    pub(crate) fn meets(self, other: ClassSet) -> bool {
        self.0 & other.0 != 0
    }
}

// A class a bit: 128 at most.
const _: () = assert!(Class::ALL.len() <= 128);

/// The lexicon: words by class.
#[derive(Clone, Debug, Default)]
pub(crate) struct Words {
    /// Single words, keyed by their folded lower-case form: the index of
    /// their classes in `sets`.
    map: crate::hash::FastMap<String, u32>,
    /// Every distinct set of classes a word has, once: a token keeps an
    /// index (4 bytes), not the set (16). The first is the empty set.
    sets: Vec<ClassSet>,
    /// The index of each set in `sets`.
    set_ids: crate::hash::FastMap<u128, u32>,
    /// Phrases, as folded lower-case words, by class.
    phrases: Vec<Vec<Vec<String>>>,
    /// By class, the first and the last words of its phrases: most tokens
    /// open and end none, and are told so without comparing every phrase.
    phrase_ends: Vec<(Sketch, Sketch)>,
    /// Prefixes ("al " for "al-*"), as folded keys, by class.
    prefixes: Vec<Vec<String>>,
    /// By class, the first bytes of its prefixes: most words start with
    /// none.
    prefix_firsts: Vec<FirstBytes>,
    /// Endings ("ers" for "*ers"), as folded keys, by class.
    endings: Vec<Vec<String>>,
    /// Every entry as written, by class: for rules that need the written
    /// case ("No." is an abbreviation, "no." is not) or build patterns.
    written: Vec<Vec<String>>,
    /// Single words as written, with their classes.
    exact: crate::hash::FastMap<String, ClassSet>,
}

impl Words {
    /// Adds one row.
    pub(crate) fn add(&mut self, word: &str, class: Class, fold: &FoldTable) {
        if self.written.len() < Class::ALL.len() {
            self.written.resize(Class::ALL.len(), Vec::new());
            self.phrases.resize(Class::ALL.len(), Vec::new());
            self.phrase_ends.resize(Class::ALL.len(), Default::default());
            self.prefixes.resize(Class::ALL.len(), Vec::new());
            self.prefix_firsts.resize(Class::ALL.len(), FirstBytes::default());
            self.endings.resize(Class::ALL.len(), Vec::new());
        }
        self.written[class as usize].push(word.to_string());
        self.exact.entry(word.to_string()).or_default().insert(class);
        let lower = |s: &str| fold.key(s);
        if let Some(end) = word.strip_prefix('*').filter(|e| !e.is_empty()) {
            self.endings[class as usize].push(lower(end));
        } else if let Some(pre) = word.strip_suffix('*').filter(|p| !p.is_empty()) {
            // Folding may turn a hyphen into a space: keep it, do not trim.
            let key = crate::fold::lower(fold.fold(&format!("{}x", pre)));
            let pre = &key[..key.len() - 1];
            self.prefix_firsts[class as usize].add_prefix(pre);
            self.prefixes[class as usize].push(pre.to_string());
        } else if word.contains(' ') {
            let words: Vec<String> = word.split_whitespace().map(lower).collect();
            if let (Some(first), Some(last), Some(ends)) =
                (words.first(), words.last(), self.phrase_ends.get_mut(class as usize))
            {
                ends.0.add(first);
                ends.1.add(last);
            }
            self.phrases[class as usize].push(words);
        } else {
            let key = lower(word);
            let mut set = self.classes(&key);
            set.insert(class);
            let id = self.intern(set);
            self.map.insert(key, id);
        }
    }

    /// The index of `set` in `sets`, added if new.
    fn intern(&mut self, set: ClassSet) -> u32 {
        if self.sets.is_empty() {
            self.sets.push(ClassSet::EMPTY);
            self.set_ids.insert(0, 0);
        }
        match self.set_ids.get(&set.0) {
            Some(&id) => id,
            None => {
                let id = self.sets.len() as u32;
                self.sets.push(set);
                self.set_ids.insert(set.0, id);
                id
            }
        }
    }

    /// The classes of a word, given its folded lower-case key.
    #[inline]
    pub(crate) fn classes(&self, key: &str) -> ClassSet {
        self.set(self.class_id(key))
    }

    /// The index of the classes of a word (see [`set`](Self::set)), given
    /// its folded lower-case key: 0 for none.
    #[inline]
    pub(crate) fn class_id(&self, key: &str) -> u32 {
        self.map.get(key).copied().unwrap_or(0)
    }

    /// The set of classes of index `id`.
    #[inline]
    pub(crate) fn set(&self, id: u32) -> ClassSet {
        self.sets.get(id as usize).copied().unwrap_or_default()
    }

    /// Whether a phrase of `class` may open with the word of folded key
    /// `key` (false: none does).
    #[inline]
    pub(crate) fn may_open_phrase(&self, class: Class, key: &str) -> bool {
        self.phrase_ends.get(class as usize).is_some_and(|e| e.0.may_hold(key))
    }

    /// Whether a phrase of `class` may end with the word of folded key `key`
    /// (false: none does).
    #[inline]
    pub(crate) fn may_end_phrase(&self, class: Class, key: &str) -> bool {
        self.phrase_ends.get(class as usize).is_some_and(|e| e.1.may_hold(key))
    }

    /// The phrases of `class`.
    pub(crate) fn phrases(&self, class: Class) -> impl Iterator<Item = &[String]> + '_ {
        self.phrases.get(class as usize).map_or(&[][..], |v| v.as_slice()).iter().map(Vec::as_slice)
    }

    /// How many chars of a token's folded `key` a prefix of `class` takes,
    /// if one starts it and something follows.
    pub(crate) fn prefix_chars(&self, class: Class, key: &str) -> Option<usize> {
        if !self.prefix_firsts.get(class as usize)?.has(*key.as_bytes().first()?) {
            return None;
        }
        self.prefixes
            .get(class as usize)?
            .iter()
            .find(|p| key.len() > p.len() && key.starts_with(p.as_str()))
            .map(|p| p.chars().count())
    }

    /// Whether `word` ends in an ending of `class`.
    pub(crate) fn ends_with(&self, class: Class, word: &str) -> bool {
        let w = word.as_bytes();
        self.endings.get(class as usize).is_some_and(|v| {
            v.iter().any(|e| w.len() > e.len() && w[w.len() - e.len()..].eq_ignore_ascii_case(e.as_bytes()))
        })
    }

    /// The entries of `class` as written.
    pub(crate) fn written(&self, class: Class) -> &[String] {
        self.written.get(class as usize).map_or(&[], |v| v.as_slice())
    }

    /// Whether `word` is an entry of `class` exactly as written.
    pub(crate) fn is_written(&self, class: Class, word: &str) -> bool {
        self.exact.get(word).is_some_and(|s| s.has(class))
    }
}

/// Reads the class cell of a lexicon row.
pub(crate) fn class_of(source: &str, line: usize, cell: &str) -> Result<Class, Error> {
    Class::from_name(cell).ok_or_else(|| {
        Error::data(
            source,
            line,
            format!("unknown lexicon class `{}` (see gazetteers/lexicon.tsv for the classes)", cell),
        )
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_by_shape() {
        let fold = FoldTable::embedded().unwrap();
        let mut w = Words::default();
        for (word, class) in [
            ("May", Class::Month),
            ("al-*", Class::JoinedArticle),
            ("*ers", Class::PluralEnding),
            ("son of", Class::PersonIntro),
            ("No.", Class::Abbreviation),
            ("re-election", Class::OfficeNoun),
        ] {
            w.add(word, class, &fold);
        }
        assert!(w.classes("may").has(Class::Month));
        assert!(!w.classes("may").has(Class::PersonIntro));
        assert!(w.classes("re election").has(Class::OfficeNoun));
        assert_eq!(w.prefix_chars(Class::JoinedArticle, "al nafjan"), Some(3));
        assert_eq!(w.prefix_chars(Class::JoinedArticle, "al "), None);
        assert!(w.ends_with(Class::PluralEnding, "Rescuers"));
        assert!(!w.ends_with(Class::PluralEnding, "ers"));
        assert_eq!(w.phrases(Class::PersonIntro).collect::<Vec<_>>(), [["son".to_string(), "of".to_string()]]);
        assert!(w.is_written(Class::Abbreviation, "No."));
        assert!(!w.is_written(Class::Abbreviation, "no."));
    }
}
