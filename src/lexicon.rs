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
use crate::hash::FirstBytes;
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
    /// Single words and the first and last words of phrases, keyed by their
    /// folded lower-case form: the index of their classes in `sets`.
    map: crate::hash::FastMap<String, u32>,
    /// Every distinct set of classes a word has, once for each distinct
    /// pair of phrase edges beside it (`edges`): a token keeps an index (4
    /// bytes), not the sets (48). The first is the empty set, with none.
    sets: Vec<ClassSet>,
    /// Beside each of `sets`: the classes whose phrases a word of that index
    /// opens, and those whose phrases it ends ("world" and "cup" of "world
    /// cup"). A token is then told it opens or ends no phrase from its
    /// index, without its key being read.
    edges: Vec<(ClassSet, ClassSet)>,
    /// The index of each set and its edges in `sets`.
    set_ids: crate::hash::FastMap<[u128; 3], u32>,
    /// Phrases, as folded lower-case words, by class.
    phrases: Vec<Vec<Vec<String>>>,
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
            // A word that folds to nothing (an invisible char) is none of
            // the phrase's words: a token whose key is empty (a mark, a
            // number) has no lexicon index to tell its edges by.
            let words: Vec<String> = word.split_whitespace().map(lower).filter(|w| !w.is_empty()).collect();
            if let (Some(first), Some(last)) = (words.first(), words.last()) {
                self.update(first, |_, opens, _| opens.insert(class));
                self.update(last, |_, _, ends| ends.insert(class));
            }
            self.phrases[class as usize].push(words);
        } else {
            self.update(&lower(word), |set, _, _| set.insert(class));
        }
    }

    /// Changes what the word of folded key `key` is: its classes, and the
    /// classes whose phrases it opens and ends.
    fn update(&mut self, key: &str, f: impl FnOnce(&mut ClassSet, &mut ClassSet, &mut ClassSet)) {
        let id = self.class_id(key);
        let (mut set, (mut opens, mut ends)) = (self.set(id), self.edges(id));
        f(&mut set, &mut opens, &mut ends);
        let id = self.intern(set, opens, ends);
        self.map.insert(key.to_string(), id);
    }

    /// The index of `set` with its phrase edges in `sets`, added if new.
    fn intern(&mut self, set: ClassSet, opens: ClassSet, ends: ClassSet) -> u32 {
        if self.sets.is_empty() {
            self.sets.push(ClassSet::EMPTY);
            self.edges.push((ClassSet::EMPTY, ClassSet::EMPTY));
            self.set_ids.insert([0; 3], 0);
        }
        match self.set_ids.get(&[set.0, opens.0, ends.0]) {
            Some(&id) => id,
            None => {
                let id = self.sets.len() as u32;
                self.sets.push(set);
                self.edges.push((opens, ends));
                self.set_ids.insert([set.0, opens.0, ends.0], id);
                id
            }
        }
    }

    /// The classes of a word, given its folded lower-case key.
    #[inline]
    pub(crate) fn classes(&self, key: &str) -> ClassSet {
        self.set(self.class_id(key))
    }

    /// The index of the classes of a word (see [`set`](Self::set)) and of
    /// its phrase edges (see [`edges`](Self::edges)), given its folded
    /// lower-case key: 0 for a word of neither (a word of no class that
    /// opens or ends a phrase has an index of its own).
    #[inline]
    pub(crate) fn class_id(&self, key: &str) -> u32 {
        self.map.get(key).copied().unwrap_or(0)
    }

    /// The set of classes of index `id`.
    #[inline]
    pub(crate) fn set(&self, id: u32) -> ClassSet {
        self.sets.get(id as usize).copied().unwrap_or_default()
    }

    /// The classes whose phrases a word of index `id` (see
    /// [`class_id`](Self::class_id)) opens, and those whose phrases it ends.
    #[inline]
    pub(crate) fn edges(&self, id: u32) -> (ClassSet, ClassSet) {
        self.edges.get(id as usize).copied().unwrap_or_default()
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

    /// A word's index tells the phrases it opens and ends, whatever order
    /// its rows come in, and keeps its own classes: one row per word, its
    /// classes, and the classes whose phrases it opens and ends.
    #[test]
    fn phrase_edges_by_word() {
        let fold = FoldTable::embedded().unwrap();
        let mut w = Words::default();
        for (word, class) in [
            ("cup", Class::SportWord),
            ("world cup", Class::SportWord),
            ("son of", Class::PersonIntro),
            ("of", Class::GroupOf),
            ("running back", Class::SportRole),
            ("back to back", Class::SportWord),
            // A word that folds to nothing is none of the phrase's.
            ("vice \u{AD}", Class::OfficeNoun),
        ] {
            w.add(word, class, &fold);
        }
        let set = |cs: &[Class]| {
            let mut s = ClassSet::EMPTY;
            cs.iter().for_each(|&c| s.insert(c));
            s
        };
        use Class::*;
        // (key, its classes, the classes whose phrases it opens, ends)
        type Row = (&'static str, &'static [Class], &'static [Class], &'static [Class]);
        let table: &[Row] = &[
            ("cup", &[SportWord], &[], &[SportWord]),
            ("world", &[], &[SportWord], &[]),
            ("son", &[], &[PersonIntro], &[]),
            ("of", &[GroupOf], &[], &[PersonIntro]),
            ("running", &[], &[SportRole], &[]),
            ("back", &[], &[SportWord], &[SportRole, SportWord]),
            ("to", &[], &[], &[]),
            ("tea", &[], &[], &[]),
            ("vice", &[], &[OfficeNoun], &[OfficeNoun]),
            ("", &[], &[], &[]),
        ];
        for &(key, classes, opens, ends) in table {
            let id = w.class_id(key);
            assert_eq!(w.set(id), set(classes), "{key}");
            assert_eq!(w.edges(id), (set(opens), set(ends)), "{key}");
        }
        assert_eq!(w.phrases(OfficeNoun).collect::<Vec<_>>(), [["vice".to_string()]]);
    }
}
