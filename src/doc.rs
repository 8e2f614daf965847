//! The per-text working state the stages share: the text, its segmentation,
//! what each token is (its folded key, its lexicon classes, whether it is a
//! given name) and the lexicon hits, with cheap lookups from bytes to tokens
//! and sentences. Everything here is computed once per text.

use crate::hash::FastMap;
use std::ops::{Add, Sub};

use crate::gazetteer::{Gazetteer, GivenName, Hit, Lists, Payload};
use crate::lexicon::{Class, ClassSet, Words};
use crate::segment::{Paragraph, Segments, TokKind, Token};
use crate::span::{Blocks, Ranks, BLOCK};
use crate::Span;

/// The index of a token in [`Doc::tokens`]: 32 bits, as a text is read to
/// at most 4 GiB (`segment::MAX_TEXT`), so that lists of tokens
/// take half the room.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub(crate) struct Tok(u32);

impl Tok {
    /// A bound above every token: "up to the end".
    pub(crate) const MAX: Tok = Tok(u32::MAX);

    /// The token at index `i`.
    #[inline]
    pub(crate) fn new(i: usize) -> Tok {
        debug_assert!(i <= u32::MAX as usize);
        Tok(i as u32)
    }

    /// Its index in [`Doc::tokens`].
    #[inline]
    pub(crate) fn ix(self) -> usize {
        self.0 as usize
    }

    /// The tokens from `a` up to (not including) `b`.
    pub(crate) fn range(a: Tok, b: Tok) -> impl DoubleEndedIterator<Item = Tok> {
        (a.0..b.0).map(Tok)
    }

    /// The token before, if any.
    pub(crate) fn prev(self) -> Option<Tok> {
        self.0.checked_sub(1).map(Tok)
    }

    /// The number of tokens from `self` up to `end`.
    pub(crate) fn len_to(self, end: Tok) -> usize {
        end.0.saturating_sub(self.0) as usize
    }
}

impl Add<usize> for Tok {
    type Output = Tok;
    fn add(self, n: usize) -> Tok {
        Tok::new(self.ix() + n)
    }
}

impl Sub<usize> for Tok {
    type Output = Tok;
    fn sub(self, n: usize) -> Tok {
        Tok::new(self.ix().saturating_sub(n))
    }
}

/// An index of [`Doc::info`] that does not fit in its 16 bits.
const WIDE: u32 = 0xFFFF;

/// Sets bit `i` of `words` (bit `i` is bit `i % 64` of word `i / 64`).
fn set_bit(words: &mut [u64], i: usize) {
    if let Some(w) = words.get_mut(i / 64) {
        *w |= 1 << (i % 64);
    }
}

/// Whether bit `i` of `words` is set.
fn bit(words: &[u64], i: usize) -> bool {
    words.get(i / 64).is_some_and(|w| w >> (i % 64) & 1 == 1)
}

/// The index of the first bit set in `a` or `b` (bit `i` is bit `i % 64`
/// of word `i / 64`) from `from` up to (not including) `limit`, else
/// `limit`. It reads the words up to the one holding `limit` (and the first,
/// whatever the limit): a search that ended at the text's end each time
/// was quadratic in a text with few bits set.
fn next_bit(a: &[u64], b: &[u64], from: usize, limit: usize) -> usize {
    let mut w = from / 64;
    let word = |w: usize| a.get(w).copied().unwrap_or(0) | b.get(w).copied().unwrap_or(0);
    // The bits of the first word below `from` are cleared.
    let mut bits = word(w) & (u64::MAX << (from % 64));
    while w * 64 < limit {
        if bits != 0 {
            return (w * 64 + bits.trailing_zeros() as usize).min(limit);
        }
        w += 1;
        bits = word(w);
    }
    limit
}

/// The classes the rules seek token by token ([`Doc::tokens_of`]): the
/// tokens of these are listed as the text is read, so that a search reads
/// those alone, not every token. (Any other class is sought by reading
/// every token.)
const SOUGHT: ClassSet = ClassSet::of(&[
    Class::NamingVerb,
    Class::CauseLink,
    Class::PartyNoun,
    Class::PartyHead,
    Class::PlaceHead,
    Class::PlaceNoun,
]);

/// What has a place in the text.
pub(crate) trait Spanned {
    /// Where it is.
    fn span(&self) -> Span;
}

impl Spanned for LexHit {
    fn span(&self) -> Span {
        self.span
    }
}

impl Spanned for Hit {
    fn span(&self) -> Span {
        self.span
    }
}

/// Items sorted by start, with an index by block of the text: the items
/// at a byte are found in its block, not by a binary search over all of
/// them (which misses the cache in a long text). A few items (see
/// `span::Blocks`) have no index and are searched whole.
#[derive(Debug)]
pub(crate) struct ByStart<T> {
    items: Vec<T>,
    blocks: Blocks,
}

impl<T> Default for ByStart<T> {
    fn default() -> Self {
        ByStart { items: Vec::new(), blocks: Blocks::default() }
    }
}

impl<T> std::ops::Deref for ByStart<T> {
    type Target = [T];
    fn deref(&self) -> &[T] {
        &self.items
    }
}

impl<'a, T> IntoIterator for &'a ByStart<T> {
    type Item = &'a T;
    type IntoIter = std::slice::Iter<'a, T>;
    fn into_iter(self) -> Self::IntoIter {
        self.items.iter()
    }
}

impl<T: Spanned> ByStart<T> {
    /// Indexes `items` (sorted by start) of a text of `len` bytes.
    pub(crate) fn new(mut items: Vec<T>, len: usize) -> ByStart<T> {
        crate::span::trim_spare(&mut items);
        let blocks = Blocks::new(items.iter().map(|x| x.span().start), len);
        ByStart { items, blocks }
    }

    /// The index of the first item that starts at or after byte `b`.
    pub(crate) fn first_at(&self, b: usize) -> usize {
        self.blocks.first_at(&self.items, b, |x| x.span().start)
    }

    /// The items that start inside `span`.
    pub(crate) fn starting_in(&self, span: Span) -> &[T] {
        let (a, b) = (self.first_at(span.start), self.first_at(span.end));
        self.items.get(a..b.max(a)).unwrap_or(&[])
    }

    /// The items that start at byte `b`.
    pub(crate) fn starting_at(&self, b: usize) -> &[T] {
        let a = self.first_at(b);
        let rest = self.items.get(a..).unwrap_or(&[]);
        &rest[..rest.iter().take_while(|x| x.span().start == b).count()]
    }

    /// The index of the first item that ends after byte `b`, for items that
    /// do not overlap (their ends are then in order too): hits of one kind,
    /// quotes.
    pub(crate) fn first_ending_after(&self, b: usize) -> usize {
        crate::span::first_ending_after(&self.items, self.first_at(b), b, |h| h.span().end)
    }
}

impl Spanned for Span {
    fn span(&self) -> Span {
        *self
    }
}

/// Where each token's key starts in [`Doc`]'s buffer of keys: per 64
/// tokens a 32-bit base, per token 16 bits from it (2 bytes a token, not
/// 4). Keys of 64 tokens that run past 64 KiB (tokens of thousands of
/// letters) take 32 bits a token instead.
#[derive(Debug)]
enum KeyStarts {
    Narrow { base: Vec<u32>, rel: Vec<u16> },
    Wide(Vec<u32>),
}

impl KeyStarts {
    /// Tokens a base covers.
    const RUN: usize = 64;

    fn with_capacity(n: usize) -> KeyStarts {
        KeyStarts::Narrow { base: Vec::with_capacity(n.div_ceil(Self::RUN)), rel: Vec::with_capacity(n) }
    }

    /// Adds the next token's start.
    fn push(&mut self, start: usize) {
        match self {
            KeyStarts::Narrow { base, rel } => {
                if rel.len() % Self::RUN == 0 {
                    base.push(start as u32);
                }
                let from = base.last().map_or(0, |&b| b as usize);
                match u16::try_from(start - from) {
                    Ok(r) => rel.push(r),
                    Err(_) => {
                        let mut all: Vec<u32> = (0..rel.len()).filter_map(|i| self.get(i)).map(|x| x as u32).collect();
                        all.push(start as u32);
                        *self = KeyStarts::Wide(all);
                    }
                }
            }
            KeyStarts::Wide(v) => v.push(start as u32),
        }
    }

    /// Where token `i`'s key starts.
    #[inline]
    fn get(&self, i: usize) -> Option<usize> {
        match self {
            KeyStarts::Narrow { base, rel } => Some(*base.get(i / Self::RUN)? as usize + *rel.get(i)? as usize),
            KeyStarts::Wide(v) => v.get(i).map(|&x| x as usize),
        }
    }
}

/// A lexical hit of one category (title, cue or speaker noun).
#[derive(Clone, Copy, Debug)]
pub(crate) struct LexHit {
    pub(crate) span: Span,
    /// The first row of its list the form has.
    pub(crate) idx: u32,
    /// The automaton pattern, whose payloads hold every row of the form.
    pub(crate) pattern: u32,
}

/// One text on its way through the pipeline.
pub(crate) struct Doc<'t> {
    pub(crate) text: &'t str,
    pub(crate) seg: Segments,
    /// The folded lower-case key of every token whose key is not its own
    /// text, one after the other (most words are written in lower case:
    /// their key is not copied).
    keys: String,
    /// Where each token's key starts in `keys` (it ends where the next
    /// token's starts).
    key_starts: KeyStarts,
    /// One bit per token: its key is its own text.
    own_key: Vec<u64>,
    /// One bit per token: it opens with a capital. The walks that look at
    /// capitalised words only (a fifth of the tokens of news) skip the
    /// others 64 at a time.
    caps: Vec<u64>,
    /// One bit per token: a lower-case word whose key holds a space or an
    /// apostrophe, straight or curly: a hyphenated or elided word, which
    /// may be a name's joined article ("al-Nafjan", "d’Ormesson").
    joined: Vec<u64>,
    /// Per token, in 4 bytes: the index of its classes in the lexicon's
    /// sets (low 16 bits) and its given name (high 16 bits: 0 for none,
    /// else 1 + an index of `given_names`). An index that does not fit is
    /// [`WIDE`], and the value is in `wide`.
    info: Vec<u32>,
    /// The distinct given names of the text's tokens.
    given_names: Vec<GivenName>,
    /// The classes and given names whose index does not fit in 16 bits.
    wide: FastMap<u32, (u32, Option<GivenName>)>,
    /// Entity hits, sorted by start then longest first; overlapping.
    pub(crate) entity_hits: ByStart<Hit>,
    /// Titles, cues and speaker nouns: each leftmost-longest, no two of
    /// one kind overlapping.
    pub(crate) titles: ByStart<LexHit>,
    pub(crate) cues: ByStart<LexHit>,
    pub(crate) nouns: ByStart<LexHit>,
    /// For every [`BLOCK`] bytes of the text, the first sentence that ends
    /// after the block starts: a token's sentence is found from there.
    sent_block: Vec<u32>,
    /// Where tokens start: how many start before a byte is a look-up, not
    /// a binary search over every token (which misses the cache in a long
    /// text).
    tok_starts: Ranks,
    lists: &'t Lists,
    /// The automaton's hits dropped to stay linear (see `Gazetteer::find`).
    pub(crate) dropped_hits: usize,
    /// Every class some token of the text has: a rule whose class no token
    /// has skips the text without reading it.
    present: ClassSet,
    /// The tokens of a class of [`SOUGHT`], in order.
    sought: Vec<u32>,
    /// Per sentence, every class some token of it has.
    sent_classes: Vec<ClassSet>,
    /// How many tokens are words of the sports pages (counted up to 3).
    sport_words: u8,
    /// Whether the text reads as a sports report, found once.
    sports: std::cell::OnceCell<bool>,
}

/// Keeps the leftmost-longest non-overlapping hits (input sorted by start,
/// longest first).
fn leftmost_longest(mut hits: Vec<LexHit>) -> Vec<LexHit> {
    crate::span::keep_apart(&mut hits, |h| h.span);
    hits
}

/// Whether a list hit is the second half of a hyphenated name whose first
/// half is a capitalised word ("Whitfield-Mbeki", "Fiorentini-Kone"): no
/// mention of its own. A particle ("Al-"), a combining form ("Franco-",
/// "Sino-") or a known name ("Iran-Iraq") before the hyphen leaves it one.
fn compound_tail(text: &str, span: Span, words: &Words) -> bool {
    let Some(before) = text[..span.start].strip_suffix(['-', '\u{2010}', '\u{2011}']) else { return false };
    let first: &str = before.rsplit(|c: char| !c.is_alphanumeric()).next().unwrap_or("");
    let mut chars = first.chars();
    if !chars.next().is_some_and(char::is_uppercase) || first.chars().count() < 3 || !chars.all(char::is_lowercase) {
        return false;
    }
    let key = first.to_lowercase();
    let c = words.classes(&key);
    !(first.ends_with('o') || c.has(Class::Particle) || c.has(Class::SurnameParticle) || c.has(Class::JoinedArticle))
}

/// The automaton's hits, sorted by what they are as they are found
/// ([`Gazetteer::find`] hands each here): titles, cues and speaker nouns,
/// and the hits that may name an entity. No list of every hit is made
/// first (in a text of cue words, such a list was as large as the cues).
pub(crate) struct Hits<'t> {
    text: &'t str,
    gaz: &'t Gazetteer,
    titles: Vec<LexHit>,
    cues: Vec<LexHit>,
    nouns: Vec<LexHit>,
    entity_hits: Vec<Hit>,
}

impl<'t> Hits<'t> {
    /// No hits yet, with room for a short text's (a long text's grow, and
    /// are cut to size by [`ByStart::new`]; room reserved by the text's
    /// length took fresh pages where grown vectors reuse freed ones, and
    /// measured no faster).
    pub(crate) fn new(text: &'t str, gaz: &'t Gazetteer) -> Hits<'t> {
        let room = |bytes_each: usize| (text.len() / bytes_each + 4).min(64);
        Hits {
            text,
            gaz,
            titles: Vec::with_capacity(room(512)),
            cues: Vec::with_capacity(room(64)),
            nouns: Vec::with_capacity(room(64)),
            entity_hits: Vec::with_capacity(room(48)),
        }
    }

    /// Sorts one hit (hits come sorted by start, longest first).
    pub(crate) fn push(&mut self, h: Hit) {
        let (text, gaz) = (self.text, self.gaz);
        // "so-called" holds no cue and "ex-minister" no title: a lexicon
        // word must not hang on a hyphen.
        let hyphenated = text[..h.span.start].ends_with(['-', '\u{2010}', '\u{2011}'])
            || text[h.span.end..].starts_with(['-', '\u{2010}', '\u{2011}']);
        let entity = !gaz.entities(h.pattern).is_empty();
        for p in gaz.lexical(h.pattern) {
            let lex = |idx| LexHit { span: h.span, idx, pattern: h.pattern };
            match *p {
                Payload::Entity { .. } => {}
                _ if hyphenated => {}
                Payload::Title(i) => self.titles.push(lex(i)),
                Payload::Cue(i) => self.cues.push(lex(i)),
                Payload::Noun(i) => self.nouns.push(lex(i)),
            }
        }
        let last = self.entity_hits.last();
        let after_name = |at: usize| last.is_some_and(|p: &Hit| p.span.end + 1 >= at && p.span.end < at);
        let half = compound_tail(text, h.span, &gaz.lists.words) && !after_name(h.span.start);
        if entity && h.entity_case && !half {
            self.entity_hits.push(h);
        }
    }
}

impl<'t> Doc<'t> {
    pub(crate) fn new(text: &'t str, seg: Segments, hits: Hits<'t>, gaz: &'t Gazetteer) -> Doc<'t> {
        let Hits { titles, cues, nouns, entity_hits, .. } = hits;
        let n = seg.tokens.len();
        let tok_starts = Ranks::new(seg.tokens.iter().map(|t| t.span().start), text.len());
        let mut sent_block = Vec::with_capacity(text.len() / BLOCK + 2);
        for (si, s) in seg.sentences.iter().enumerate() {
            while sent_block.len() * BLOCK < s.span().end {
                sent_block.push(si as u32);
            }
        }
        let lists = &gaz.lists;
        let mut keys = String::with_capacity(text.len());
        let mut key_starts = KeyStarts::with_capacity(n);
        let mut own_key = vec![0u64; n.div_ceil(64)];
        let mut caps = vec![0u64; n.div_ceil(64)];
        let mut joined = vec![0u64; n.div_ceil(64)];
        let mut info = Vec::with_capacity(n);
        let mut given_names: Vec<GivenName> = Vec::new();
        let mut given_ix: FastMap<GivenName, u32> = FastMap::default();
        let mut wide: FastMap<u32, (u32, Option<GivenName>)> = FastMap::default();
        let mut present = ClassSet::EMPTY;
        let mut sought = Vec::new();
        let mut sent_classes = vec![ClassSet::EMPTY; seg.sentences.len()];
        // The sentence of the token read (tokens and sentences in order).
        let mut si = 0;
        let mut sport_words = 0u8;
        for (i, t) in seg.tokens.iter().enumerate() {
            let start = keys.len();
            let written = &text[t.span().range()];
            let mut own = false;
            if t.cap() {
                set_bit(&mut caps, i);
            }
            if t.kind() == TokKind::Word {
                // Most words are their own key: nothing is written then.
                let own_key_word = lists.fold.is_own_key(written);
                if !own_key_word {
                    lists.fold.key_into(written, &mut keys);
                }
                if own_key_word || keys.get(start..) == Some(written) {
                    keys.truncate(start);
                    own = true;
                    set_bit(&mut own_key, i);
                }
            }
            key_starts.push(start);
            let key = if own { written } else { &keys[start..] };
            // (Bytes first: most words hold none of the three; 0xE2 leads '’'.)
            if t.kind() == TokKind::Word
                && !t.cap()
                && key.bytes().any(|b| matches!(b, b' ' | b'\'' | 0xE2))
                && key.contains([' ', '\'', '’'])
            {
                set_bit(&mut joined, i);
            }
            let class = if key.is_empty() { 0 } else { lists.words.class_id(key) };
            let set = lists.words.set(class);
            present = present.union(set);
            if set.meets(SOUGHT) {
                sought.push(i as u32);
            }
            while seg.sentences.get(si).is_some_and(|s| s.tokens().end <= i) {
                si += 1;
            }
            if let Some(u) = sent_classes.get_mut(si).filter(|_| seg.sentences[si].tokens().start <= i) {
                *u = u.union(set);
            }
            if set.has(Class::SportWord) {
                sport_words = sport_words.saturating_add(1).min(3);
            }
            let given = if t.cap() { lists.given.get(key).copied() } else { None };
            let g = match given {
                None => 0,
                Some(g) => *given_ix.entry(g).or_insert_with(|| {
                    given_names.push(g);
                    given_names.len() as u32
                }),
            };
            if class >= WIDE || g >= WIDE {
                wide.insert(info.len() as u32, (class, given));
                info.push(WIDE | WIDE << 16);
            } else {
                info.push(class | g << 16);
            }
        }
        // What was reserved by the length of the text, or grew by doubling,
        // is cut to size when that frees much (`span::trim_spare`): a long
        // text keeps these to the end.
        if keys.capacity() - keys.len() > crate::span::SPARE_BYTES {
            keys.shrink_to_fit();
        }
        let entity_hits = ByStart::new(entity_hits, text.len());
        Doc {
            text,
            seg,
            keys,
            key_starts,
            own_key,
            caps,
            joined,
            info,
            given_names,
            wide,
            entity_hits,
            titles: ByStart::new(leftmost_longest(titles), text.len()),
            cues: ByStart::new(leftmost_longest(cues), text.len()),
            nouns: ByStart::new(leftmost_longest(nouns), text.len()),
            sent_block,
            tok_starts,
            lists,
            dropped_hits: 0,
            present,
            sought,
            sent_classes,
            sport_words,
            sports: std::cell::OnceCell::new(),
        }
    }

    /// Frees what only the rules and resolution read (the given names and
    /// the entity hits), before attribution: less memory at once.
    pub(crate) fn release_for_attribution(&mut self) {
        self.given_names = Vec::new();
        self.wide.values_mut().for_each(|w| w.1 = None);
        self.entity_hits = ByStart::default();
    }

    pub(crate) fn tokens(&self) -> &[Token] {
        &self.seg.tokens
    }

    /// The number of tokens.
    pub(crate) fn len(&self) -> usize {
        self.seg.tokens.len()
    }

    /// The token at `i`, if there is one.
    pub(crate) fn token(&self, i: Tok) -> Option<&Token> {
        self.seg.tokens.get(i.ix())
    }

    /// The span of token `i` (empty past the end).
    pub(crate) fn span(&self, i: Tok) -> Span {
        self.token(i).map_or(Span::new(self.text.len(), self.text.len()), |t| t.span())
    }

    /// The text of token `i`, or "" past the end.
    pub(crate) fn tok(&self, i: Tok) -> &'t str {
        let text: &'t str = self.text;
        self.seg.tokens.get(i.ix()).map_or("", |t| &text[t.span().range()])
    }

    /// The text of token `i` when it is a mark (a punctuation token: one
    /// char that is no part of a word or number), else "": a word's text is
    /// not read, so a search for commas or dashes over many tokens stays on
    /// the token layer.
    #[inline]
    pub(crate) fn punct(&self, i: Tok) -> &'t str {
        let text: &'t str = self.text;
        match self.token(i) {
            Some(t) if t.kind() == TokKind::Punct => text.get(t.span().range()).unwrap_or(""),
            _ => "",
        }
    }

    /// The folded lower-case key of word token `i` ("" for other tokens).
    #[inline]
    pub(crate) fn key(&self, i: Tok) -> &str {
        let Some(start) = self.key_starts.get(i.ix()) else { return "" };
        if bit(&self.own_key, i.ix()) {
            return self.tok(i);
        }
        let end = self.key_starts.get(i.ix() + 1).unwrap_or(self.keys.len());
        self.keys.get(start..end).unwrap_or("")
    }

    /// Whether token `i` is a word of class `c`.
    #[inline]
    pub(crate) fn is(&self, i: Tok, c: Class) -> bool {
        self.classes(i).has(c)
    }

    /// Whether any token of the text is of class `c`.
    pub(crate) fn has_class(&self, c: Class) -> bool {
        self.present.has(c)
    }

    /// Every class some token of sentence `si` has.
    pub(crate) fn sentence_classes(&self, si: usize) -> ClassSet {
        self.sent_classes.get(si).copied().unwrap_or_default()
    }

    /// The tokens of class `c`, in order; none read when no token has it.
    pub(crate) fn tokens_of(&self, c: Class) -> impl Iterator<Item = Tok> + '_ {
        // The tokens listed for a class of `SOUGHT`, else every token.
        let (listed, n) = match self.has_class(c) {
            false => (None, 0),
            true if SOUGHT.has(c) => (Some(&self.sought), 0),
            true => (None, self.len()),
        };
        let listed = listed.into_iter().flatten().map(|&i| Tok::new(i as usize));
        listed.chain((0..n).map(Tok::new)).filter(move |&i| self.is(i, c))
    }

    /// The classes of token `i`.
    #[inline]
    pub(crate) fn classes(&self, i: Tok) -> ClassSet {
        self.lists.words.set(self.class_id(i))
    }

    /// The index of token `i`'s classes and phrase edges in the lexicon (0
    /// for neither; see [`Words::class_id`]).
    #[inline]
    fn class_id(&self, i: Tok) -> u32 {
        match self.info.get(i.ix()) {
            Some(&x) if x & WIDE == WIDE => self.wide.get(&i.0).map_or(0, |w| w.0),
            Some(&x) => x & WIDE,
            None => 0,
        }
    }

    /// Whether token `i` opens a phrase of class `c`, or ends one: told by
    /// its lexicon index, without its key.
    #[inline]
    fn phrase_edge(&self, i: Tok, c: Class, end: bool) -> bool {
        let (opens, ends) = self.lists.words.edges(self.class_id(i));
        if end {
            ends.has(c)
        } else {
            opens.has(c)
        }
    }

    /// The given name a capitalised token `i` is, as listed (none once
    /// [`Doc::release_for_attribution`] has run).
    pub(crate) fn given(&self, i: Tok) -> Option<GivenName> {
        match self.info.get(i.ix()).map(|&x| x >> 16) {
            None | Some(0) => None,
            Some(WIDE) => self.wide.get(&i.0).and_then(|w| w.1),
            Some(g) => self.given_names.get(g as usize - 1).copied(),
        }
    }

    /// The lexicon.
    pub(crate) fn words(&self) -> &'t Words {
        &self.lists.words
    }

    /// The lists (for the fold table, titles, cues and nouns).
    pub(crate) fn lists(&self) -> &'t Lists {
        self.lists
    }

    /// Whether a phrase of class `c` ends right before token `k` ("son of
    /// ...").
    pub(crate) fn phrase_before(&self, k: Tok, c: Class) -> bool {
        k.ix() > 0
            && self.phrase_edge(k - 1, c, true)
            && self.lists.words.phrases(c).any(|p| self.phrase_is_before(k, p))
    }

    /// The end of the longest word or phrase of class `c` that starts at
    /// token `k` ("captain", "running back").
    pub(crate) fn class_at(&self, k: Tok, c: Class) -> Option<Tok> {
        let fits = |p: &[String]| p.iter().enumerate().all(|(j, w)| k.ix() + j < self.len() && self.key(k + j) == w);
        let long = if self.phrase_edge(k, c, false) {
            self.lists.words.phrases(c).filter(|p| fits(p)).map(|p| p.len()).max()
        } else {
            None
        };
        long.or_else(|| self.is(k, c).then_some(1)).map(|n| k + n)
    }

    /// Whether the text reads as a sports report: three words of the sports
    /// pages, or one of their phrases ("World Cup").
    pub(crate) fn sports_report(&self) -> bool {
        *self.sports.get_or_init(|| self.sport_words >= 3 || self.has_phrase(Class::SportWord))
    }

    /// Whether the text holds a phrase of class `c` ("World Cup").
    pub(crate) fn has_phrase(&self, c: Class) -> bool {
        let phrases: Vec<&[String]> = self.lists.words.phrases(c).collect();
        if phrases.is_empty() {
            return false;
        }
        (1..=self.len()).any(|k| {
            self.phrase_edge(Tok::new(k - 1), c, true) && {
                let last = self.key(Tok::new(k - 1));
                phrases.iter().any(|p| p.last().is_some_and(|w| w == last) && self.phrase_is_before(Tok::new(k), p))
            }
        })
    }

    fn phrase_is_before(&self, k: Tok, p: &[String]) -> bool {
        k.ix() >= p.len() && p.iter().enumerate().all(|(j, w)| self.key(Tok::new(k.ix() - p.len() + j)) == w)
    }

    /// The index of the first token starting at or after byte `b`.
    pub(crate) fn tok_at(&self, b: usize) -> Tok {
        Tok::new(self.tok_starts.below(b))
    }

    /// The index of the first token ending after byte `b` (the token that
    /// contains `b`, or the next one).
    pub(crate) fn tok_containing(&self, b: usize) -> Tok {
        let tokens = &self.seg.tokens;
        Tok::new(crate::span::first_ending_after(tokens, self.tok_at(b).ix(), b, |t| t.span().end))
    }

    /// The paragraph that holds byte `b`, or the first after it.
    pub(crate) fn paragraph_at(&self, b: usize) -> Option<&Paragraph> {
        let paras = &self.seg.paragraphs;
        paras.get(paras.partition_point(|p| p.span().end <= b))
    }

    /// The sentence index of token `i`.
    pub(crate) fn sentence_of_tok(&self, i: Tok) -> usize {
        let Some(t) = self.token(i) else { return 0 };
        let sentences = &self.seg.sentences;
        let mut s = self.sent_block.get(t.span().start / BLOCK).map_or(sentences.len(), |&s| s as usize);
        while sentences.get(s).is_some_and(|x| x.tokens().end <= i.ix()) {
            s += 1;
        }
        // A token outside every sentence counts as the first sentence's.
        let s = if sentences.get(s).is_some_and(|x| x.tokens().start <= i.ix()) { s } else { 0 };
        debug_assert_eq!(s, {
            let p = sentences.partition_point(|x| x.tokens().end <= i.ix());
            if sentences.get(p).is_some_and(|x| x.tokens().start <= i.ix()) {
                p
            } else {
                0
            }
        });
        s
    }

    /// The sentence index that holds byte `b` (or the next one).
    pub(crate) fn sentence_at(&self, b: usize) -> usize {
        // Every token is in a sentence: the sentence of the first token
        // that ends after `b` is the first sentence that does.
        let t = self.tok_containing(b);
        let i = if t.ix() < self.len() { self.sentence_of_tok(t) } else { self.seg.sentences.len() };
        debug_assert_eq!(i, self.seg.sentences.partition_point(|s| s.span().end <= b));
        i.min(self.seg.sentences.len().saturating_sub(1))
    }

    pub(crate) fn is_word(&self, i: Tok) -> bool {
        self.token(i).is_some_and(|t| t.kind() == TokKind::Word)
    }

    /// Whether token `i` opens with a capital, told by a bit per token:
    /// every [`cap_word`](Self::cap_word) has it, and a walk that reads it
    /// first turns most tokens away without reading them (a long text's
    /// tokens are not at hand; its bits are).
    pub(crate) fn has_cap(&self, i: Tok) -> bool {
        bit(&self.caps, i.ix())
    }

    /// The first token from `from` up to `limit` (not included) that opens
    /// with a capital (of any kind: its first char is uppercase), else
    /// `limit` (or the number of tokens, if less).
    pub(crate) fn next_cap(&self, from: Tok, limit: Tok) -> Tok {
        Tok::new(next_bit(&self.caps, &[], from.ix(), limit.ix().min(self.len())))
    }

    /// The first token from `from` up to `limit` (not included) that opens
    /// with a capital or is a hyphenated or elided lower-case word (one
    /// that may be a name's joined article), else `limit` (or the number of
    /// tokens, if less).
    pub(crate) fn next_cap_or_joined(&self, from: Tok, limit: Tok) -> Tok {
        Tok::new(next_bit(&self.caps, &self.joined, from.ix(), limit.ix().min(self.len())))
    }

    /// Whether token `i` is a hyphenated or elided lower-case word: a
    /// lower-case word whose key holds a space or an apostrophe, straight
    /// or curly ("al-Nafjan", "d’Ormesson").
    pub(crate) fn joined(&self, i: Tok) -> bool {
        bit(&self.joined, i.ix())
    }

    /// The tokens that open with a capital, in order.
    pub(crate) fn cap_tokens(&self) -> impl Iterator<Item = Tok> + '_ {
        let mut at = Tok::new(0);
        std::iter::from_fn(move || {
            let i = self.next_cap(at, Tok::new(self.len()));
            (i.ix() < self.len()).then(|| {
                at = i + 1;
                i
            })
        })
    }

    /// A capitalised word.
    pub(crate) fn cap_word(&self, i: Tok) -> bool {
        self.token(i).is_some_and(|t| t.kind() == TokKind::Word && t.cap())
    }

    /// A lower-case word: no capital, a word token.
    pub(crate) fn low_word(&self, i: Tok) -> bool {
        self.token(i).is_some_and(|t| t.kind() == TokKind::Word && !t.cap())
    }

    /// Whether a reporting cue starts at token `i`.
    pub(crate) fn cue_starts(&self, i: Tok) -> bool {
        let t = self.span(i);
        self.cues.starting_in(t).first().is_some_and(|c| c.span.start == t.start)
    }

    /// Whether paragraph `p` is a Title Case headline.
    pub(crate) fn title_case(&self, p: usize) -> bool {
        self.seg.paragraphs.get(p).is_some_and(|p| p.title_case)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `punct` gives a mark's text and nothing for a word or number, even
    /// one that holds marks ("O’Neill", "1,200", "al-Nafjan").
    #[test]
    fn punct_reads_marks_only() {
        let table: &[(&str, &[&str])] = &[
            ("Lund, who — in 2024 — (said) no.", &["", ",", "", "—", "", "", "—", "(", "", ")", "", "."]),
            ("O’Neill ’ said 1,200 al-Nafjan: 'yes'", &["", "’", "", "", "", ":", "'", "", "'"]),
            ("", &[]),
        ];
        let ex = crate::Extractor::default();
        for &(text, want) in table {
            let doc = ex.doc(text);
            let got: Vec<&str> = (0..doc.len()).map(|i| doc.punct(Tok::new(i))).collect();
            assert_eq!(got, want, "{text:?}");
            assert_eq!(doc.punct(Tok::new(doc.len())), "", "past the end of {text:?}");
        }
    }

    /// The capitalised tokens found by the bit index are those a walk over
    /// every token finds, from any place: across 64-token words, at the
    /// ends, with none at all, and for a capital that opens a number.
    #[test]
    fn capitalised_tokens_by_index() {
        let ex = crate::Extractor::default();
        let mut long = String::new();
        for i in 0..200 {
            long.push_str(if i % 63 == 0 || i % 64 == 1 || i == 199 { "Lund " } else { "said " });
        }
        let texts = [
            long.as_str(),
            "",
            "all lower case here",
            "Up And Down",
            "a Ⅻ b",
            "X",
            "met al-Nafjan and d’Ormesson, O'Neill's well-known ex-aide",
        ];
        for text in texts {
            let doc = ex.doc(text);
            let want: Vec<usize> = (0..doc.len()).filter(|&i| doc.tokens()[i].cap()).collect();
            let got: Vec<usize> = doc.cap_tokens().map(Tok::ix).collect();
            assert_eq!(got, want, "{text:?}");
            // With the hyphenated and elided lower-case words.
            let joined = |i: usize| doc.low_word(Tok::new(i)) && doc.key(Tok::new(i)).contains([' ', '\'', '’']);
            let or_joined: Vec<usize> = (0..doc.len()).filter(|&i| doc.tokens()[i].cap() || joined(i)).collect();
            for from in 0..=doc.len() + 1 {
                for limit in [from, from + 1, from + 3, from + 70, doc.len(), doc.len() + 5] {
                    let within = |l: &[usize]| {
                        let limit = limit.min(doc.len());
                        l.iter().copied().find(|&i| i >= from).filter(|&i| i < limit).unwrap_or(limit)
                    };
                    let (f, l) = (Tok::new(from), Tok::new(limit));
                    assert_eq!(doc.next_cap(f, l).ix(), within(&want), "{from}..{limit} in {text:?}");
                    assert_eq!(doc.next_cap_or_joined(f, l).ix(), within(&or_joined), "{from}..{limit} in {text:?}");
                }
            }
        }
    }

    /// `tokens_of` finds the tokens of every class that a walk over every
    /// token finds, for the classes it lists as the text is read and the
    /// others; a sentence's classes are those of its tokens.
    #[test]
    fn tokens_of_each_class_and_the_classes_of_each_sentence() {
        let ex = crate::Extractor::default();
        let texts = [
            "Officials in the city of Torvik said the Labour party, a group called the Lions, met.",
            "The ruling party won because of the vote, the town council and the Green Party said.",
            "",
        ];
        for text in texts {
            let doc = ex.doc(text);
            for &c in Class::ALL {
                let want: Vec<usize> = (0..doc.len()).filter(|&i| doc.is(Tok::new(i), c)).collect();
                let got: Vec<usize> = doc.tokens_of(c).map(Tok::ix).collect();
                assert_eq!(got, want, "{c:?} in {text:?}");
            }
        }
        // Each sentence's classes are those of its tokens.
        for text in texts {
            let doc = ex.doc(text);
            for (si, s) in doc.seg.sentences.iter().enumerate() {
                let mut want = ClassSet::EMPTY;
                s.tokens().for_each(|i| want = want.union(doc.classes(Tok::new(i))));
                assert_eq!(doc.sentence_classes(si), want, "sentence {si} of {text:?}");
            }
        }
        // Listed classes are among those found.
        let doc = ex.doc(texts[0]);
        let found = [Class::PlaceNoun, Class::PartyNoun, Class::NamingVerb]
            .iter()
            .filter(|&&c| doc.tokens_of(c).next().is_some());
        assert!(found.count() >= 2);
    }

    #[test]
    fn sports_reports() {
        let table: &[(&str, bool)] = &[
            ("The minister spoke in Madrid on Monday about the budget.", false),
            // Two words of the sports pages are not enough; three are.
            ("The coach praised the league.", false),
            ("The coach said the striker would miss the final.", true),
            // One phrase is enough, in any case, with a line break inside.
            ("Spain will host the World Cup.", true),
            ("They met before the world\ncup draw.", true),
            ("He hopes to play in the Premier League.", true),
            // The phrase's last word alone, or its words apart, are not.
            ("The cup of tea was cold.", false),
            ("The world watched. A cup was raised.", false),
            ("Premier Li said the League of Nations failed.", false),
        ];
        let ex = crate::Extractor::default();
        for &(text, want) in table {
            assert_eq!(ex.doc(text).sports_report(), want, "{text:?}");
        }
    }

    #[test]
    fn key_starts_give_back_what_was_pushed() {
        // (the starts, whether they fit in 16 bits from their run's base)
        let long: Vec<usize> = (0..200).map(|i| i * 7).collect();
        let wide: Vec<usize> = (0..200).map(|i| if i < 70 { i * 3 } else { 300_000 + i }).collect();
        let early: Vec<usize> = vec![0, 10, 70_000, 70_001];
        let table: [(&[usize], bool); 4] = [(&[], true), (&long, true), (&wide, false), (&early, false)];
        for (starts, narrow) in table {
            let mut k = KeyStarts::with_capacity(starts.len());
            for &s in starts {
                k.push(s);
            }
            assert_eq!(matches!(k, KeyStarts::Narrow { .. }), narrow, "{starts:?}");
            let got: Vec<usize> = (0..starts.len()).filter_map(|i| k.get(i)).collect();
            assert_eq!(got, starts, "{starts:?}");
            assert_eq!(k.get(starts.len()), None);
        }
    }

    fn hit(start: usize, end: usize) -> LexHit {
        LexHit { span: Span::new(start, end), idx: 0, pattern: 0 }
    }

    /// Every lookup of the block index against a search over all items.
    #[test]
    fn by_start_finds_what_a_search_over_all_items_finds() {
        // Hits of one kind: sorted, not overlapping; across blocks of 64
        // bytes, and several in one block.
        let table: &[&[(usize, usize)]] = &[
            &[],
            &[(0, 3)],
            &[(0, 3), (5, 9), (10, 70), (130, 131), (131, 200), (400, 410)],
            &[(63, 64), (64, 65), (127, 129), (129, 300)],
        ];
        for spans in table {
            let items: Vec<LexHit> = spans.iter().map(|&(a, b)| hit(a, b)).collect();
            let len = 450;
            let by = ByStart::new(items.clone(), len);
            for b in 0..=len + 70 {
                let first = items.partition_point(|h| h.span.start < b);
                assert_eq!(by.first_at(b), first, "{spans:?} first_at {b}");
                let ending = items.partition_point(|h| h.span.end <= b);
                assert_eq!(by.first_ending_after(b), ending, "{spans:?} first_ending_after {b}");
                let at: Vec<Span> = items.iter().filter(|h| h.span.start == b).map(|h| h.span).collect();
                let got: Vec<Span> = by.starting_at(b).iter().map(|h| h.span).collect();
                assert_eq!(got, at, "{spans:?} starting_at {b}");
                let span = Span::new(b, b + 70);
                let inside: Vec<Span> =
                    items.iter().filter(|h| (span.start..span.end).contains(&h.span.start)).map(|h| h.span).collect();
                let got: Vec<Span> = by.starting_in(span).iter().map(|h| h.span).collect();
                assert_eq!(got, inside, "{spans:?} starting_in {span:?}");
            }
        }
    }
}
