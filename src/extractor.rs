//! The front end: [`Extractor`] and its builder run the stages in order.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use once_cell::sync::Lazy;

use crate::cand::Cand;
use crate::doc::{Doc, Hits};
use crate::fold::{FoldTable, Folded};
use crate::gazetteer::{parse_table, read_list, Gazetteer, Limits, ListKind, Lists};
use crate::kind::Kind;
use crate::output::{assemble, Analysis};
use crate::rules::{Ctx, GroupPatterns};
use crate::ruleset::{RuleMask, Rules};
use crate::{attribution, quotes, resolve, rules, segment, Error};

struct Inner {
    gaz: Gazetteer,
    groups: GroupPatterns,
    rules: Rules,
    info: Vec<RuleInfo>,
    kinds: Vec<Kind>,
}

/// One of the named rules an extractor runs: see `gazetteers/rules.tsv`.
///
/// Every mention, quote and speaker in an [`Analysis`] names the rule that
/// decided it (`rule`); [`Extractor::rules`] lists them all, and
/// [`Extractor::without_rules`] turns some off.
#[derive(Clone, Debug, PartialEq)]
#[non_exhaustive]
pub struct RuleInfo {
    /// The rule's id, as written in the output (`person/title`).
    pub id: String,
    /// The table it belongs to: `list`, `person`, `group`, `country`, `place`,
    /// `link`, `title`,
    /// `quote`, `reported`, `continuation`, `fallback` or `speaker`. Rules
    /// of one table compete.
    pub table: String,
    /// How sure a result of this rule is, from 0 to 1.
    pub confidence: f32,
    /// One line on what the rule does.
    pub description: String,
    /// For a quote construction, its pattern (`Q SPK CUE[quote]`).
    pub pattern: Option<String>,
}

/// Finds people, countries, groups and quotes with their speakers in English
/// news text.
///
/// An extractor is built once and shared: it is `Send + Sync`, cheap to
/// clone (clones share one compiled automaton), and [`extract`](Self::extract)
/// is deterministic. `Extractor::default()` uses the gazetteers embedded in
/// the crate and is compiled only once per process.
///
/// # Example
///
/// ```
/// use gazette::Extractor;
///
/// let ex = Extractor::default();
/// let a = ex.extract("“We will rebuild,” Iraqi Foreign Minister Leila Nasser said.");
/// let q = &a.quotes[0];
/// assert_eq!(q.text, "We will rebuild,");
/// assert_eq!(a.speaker_name(q), Some("Leila Nasser"));
/// assert_eq!(q.rule, "quote/speaker-cue");
/// ```
#[derive(Clone)]
pub struct Extractor {
    inner: Arc<Inner>,
    mask: RuleMask,
}

impl std::fmt::Debug for Extractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Extractor").field("kinds", &self.inner.kinds).finish_non_exhaustive()
    }
}

static DEFAULT: Lazy<Result<Extractor, String>> =
    Lazy::new(|| ExtractorBuilder::new().build().map_err(|e| e.to_string()));

impl Default for Extractor {
    /// The extractor with the embedded lists, built once per process.
    ///
    /// # Panics
    ///
    /// Only if the lists embedded in the crate are invalid, which the
    /// crate's own tests rule out.
    fn default() -> Extractor {
        match &*DEFAULT {
            Ok(e) => e.clone(),
            Err(e) => panic!("the embedded gazetteers are invalid: {}", e),
        }
    }
}

impl Extractor {
    /// The extractor with the embedded gazetteers (the same as `default()`).
    pub fn new() -> Extractor {
        Extractor::default()
    }

    /// A builder to add or replace lists and choose what to tag.
    pub fn builder() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }

    /// The named rules this extractor knows, in table order.
    pub fn rules(&self) -> &[RuleInfo] {
        &self.inner.info
    }

    /// A copy of this extractor with the rules named in `ids` turned off.
    /// Cheap: the lists and automaton are shared.
    ///
    /// ```
    /// use gazette::{Extractor, QuoteKind};
    ///
    /// let text = "The so-called “peace plan” was shelved.";
    /// let ex = Extractor::default();
    /// assert_eq!(ex.extract(text).quotes[0].kind, QuoteKind::Mention);
    /// assert_eq!(ex.extract(text).quotes[0].rule, "quote/scare");
    /// let off = ex.without_rules(&["quote/scare"])?;
    /// assert_eq!(off.extract(text).quotes[0].kind, QuoteKind::Direct);
    /// # Ok::<(), gazette::Error>(())
    /// ```
    ///
    /// # Errors
    ///
    /// When an id names no rule.
    pub fn without_rules(&self, ids: &[&str]) -> Result<Extractor, Error> {
        let mut mask = self.mask.clone();
        for id in ids {
            let r = self.inner.rules.find(id).ok_or_else(|| Error::build(format!("there is no rule `{}`", id)))?;
            mask.set(r, false);
        }
        Ok(Extractor { inner: Arc::clone(&self.inner), mask })
    }

    /// Runs the whole pipeline over `text`.
    pub fn extract(&self, text: &str) -> Analysis {
        self.extract_staged(&[text]).pop().unwrap_or_default()
    }

    /// Runs the whole pipeline over every text of `texts` and returns the
    /// analyses in the same order: the same as calling
    /// [`extract`](Self::extract) on each. Short texts go through the
    /// stages a few dozen at a time, each stage over all of them before the
    /// next, which keeps each stage's code in the processor's cache. What
    /// that gains depends on the caller: the `gazette` command runs a corpus
    /// about 4% faster on one thread than with one text at a time, but a
    /// loop that only extracts (every analysis of a batch held at once, then
    /// dropped) is 3 to 4% slower on one thread than `extract` one text at a
    /// time: the batch is for many threads. With the `parallel` feature (on
    /// by default) those groups are shared among the threads of rayon's
    /// global pool (or of the pool the call runs in, see
    /// `rayon::ThreadPool::install`), otherwise they run one after the other
    /// on the caller's thread.
    ///
    /// ```
    /// use gazette::Extractor;
    ///
    /// let texts = ["Iraq and Syria met.", "“We stay,” Leila Nasser said."];
    /// let analyses = Extractor::default().extract_batch(&texts);
    /// assert_eq!(analyses.len(), 2);
    /// assert_eq!(analyses[0].mentions[0].text, "Iraq");
    /// assert_eq!(analyses[1].quotes[0].text, "We stay,");
    /// ```
    pub fn extract_batch<T: AsRef<str> + Sync>(&self, texts: &[T]) -> Vec<Analysis> {
        let groups = groups(texts);
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            let done: Vec<Vec<Analysis>> =
                groups.par_iter().with_max_len(1).map(|g| self.extract_staged(&texts[g.clone()])).collect();
            done.into_iter().flatten().collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            groups.into_iter().flat_map(|g| self.extract_staged(&texts[g])).collect()
        }
    }

    /// Runs the pipeline over a few texts stage by stage (see
    /// [`extract_batch`](Self::extract_batch)): the same analyses as
    /// [`extract`](Self::extract) on each.
    pub(crate) fn extract_staged<T: AsRef<str>>(&self, texts: &[T]) -> Vec<Analysis> {
        let inner = &*self.inner;
        let gaz = &inner.gaz;
        // The first stages one by one too: segmentation, then the folded
        // text, the automaton and the lexicon pass.
        let texts_read: Vec<&str> = texts.iter().map(|t| segment::readable(t.as_ref())).collect();
        let segs: Vec<_> = texts_read.iter().map(|t| segment::segment(t, &gaz.lists.words)).collect();
        let mut docs: Vec<Doc<'_>> = texts_read.iter().zip(segs).map(|(&text, seg)| self.doc_of(text, seg)).collect();
        let cands: Vec<Vec<Cand>> = docs.iter().map(|d| self.cands(d)).collect();
        let res: Vec<_> = docs.iter().zip(cands).map(|(d, c)| resolve::resolve(d, gaz, &self.mask, c)).collect();
        docs.iter_mut().for_each(|d| d.release_for_attribution());
        let spans: Vec<_> = docs.iter().map(|d| quotes::find(d.text, &d.seg.paragraphs)).collect();
        let attributed: Vec<_> = docs
            .iter()
            .zip(&res)
            .zip(&spans)
            .map(|((d, r), sp)| attribution::attribute(d, gaz, &inner.rules, &self.mask, r, sp))
            .collect();
        drop(spans);
        docs.into_iter()
            .zip(res)
            .zip(attributed)
            .zip(texts)
            .map(|(((doc, res), (stmts, learned)), whole)| {
                // The part of the text that is read (all of it up to 4 GiB).
                let text = doc.text;
                // The token layer is done with: freed before the output is
                // made, so that the two never take memory at once.
                let dropped = doc.dropped_hits;
                drop(doc);
                let mut analysis = assemble(text, &inner.kinds, gaz, &inner.rules, res, stmts, learned);
                analysis.capped.list_matches = dropped;
                analysis.capped.unread_bytes = whole.as_ref().len() - text.len();
                analysis
            })
            .collect()
    }

    /// The candidates of the lists and of the rules.
    pub(crate) fn cands(&self, doc: &Doc<'_>) -> Vec<Cand> {
        let inner = &*self.inner;
        let (gaz, kinds, mask) = (&inner.gaz, &inner.kinds, &self.mask);
        // Room for a candidate per list hit and half as many of the rules
        // (news has about a third as many): a long text's are not copied
        // to grow.
        let hits = doc.entity_hits.len();
        let mut cands = Vec::with_capacity(hits + hits / 2 + 16);
        resolve::gazetteer_cands(doc, gaz, kinds, mask, &mut cands);
        let cx = Ctx { doc, gaz, mask };
        if kinds.contains(&Kind::Person) {
            rules::people(&cx, &mut cands);
        }
        if kinds.contains(&Kind::Group) {
            rules::groups(&cx, &inner.groups, &mut cands);
        }
        if kinds.contains(&Kind::Place) {
            rules::places(&cx, &mut cands);
        }
        // A long text has many: no room left over while resolve runs.
        crate::span::trim_spare(&mut cands);
        cands
    }

    /// The compiled lists, rule table, mask and kinds, for the stages alone.
    #[cfg(feature = "bench-internals")]
    pub(crate) fn internals(&self) -> (&Gazetteer, &Rules, &RuleMask, &[Kind]) {
        (&self.inner.gaz, &self.inner.rules, &self.mask, &self.inner.kinds)
    }

    /// The first stage alone: paragraphs, sentences and tokens.
    pub(crate) fn segments(&self, text: &str) -> crate::segment::Segments {
        segment::segment(text, &self.inner.gaz.lists.words)
    }

    /// The first stages: segmentation and the lexicon pass.
    #[cfg(any(test, feature = "bench-internals"))]
    pub(crate) fn doc<'t>(&'t self, text: &'t str) -> Doc<'t> {
        let text = segment::readable(text);
        self.doc_of(text, segment::segment(text, &self.inner.gaz.lists.words))
    }

    /// The lexicon pass over a readable text and its segments: the folded
    /// text, the automaton's hits and the token layer.
    fn doc_of<'t>(&'t self, text: &'t str, seg: crate::segment::Segments) -> Doc<'t> {
        let gaz = &self.inner.gaz;
        let folded = Folded::new(text, &gaz.lists.fold);
        let mut hits = Hits::new(text, gaz);
        let dropped = gaz.find(&folded, |h| hits.push(h));
        let mut doc = Doc::new(text, seg, hits, gaz);
        // Freed after the token layer is made, not before: glibc raises its
        // threshold for mapping a block on its own to the size of a mapped
        // block freed, so that freeing this copy of a long text first left
        // the token layer's arrays in the heap, where they stay (about one
        // byte more per input byte at the peak).
        drop(folded);
        doc.dropped_hits = dropped;
        doc
    }

    /// The lexicon, for the crate's own tests.
    #[cfg(test)]
    pub(crate) fn words(&self) -> crate::lexicon::Words {
        crate::lexicon::Words::clone(&self.inner.gaz.lists.words)
    }

    /// The compiled lists, rule table and mask, for the crate's own tests.
    #[cfg(test)]
    pub(crate) fn parts(&self) -> (&Gazetteer, &Rules, &RuleMask) {
        (&self.inner.gaz, &self.inner.rules, &self.mask)
    }
}

/// The most texts, and the most bytes, that go through the stages together
/// in [`Extractor::extract_batch`]: more gains little, and a group's
/// intermediate results are held at once.
const GROUP_TEXTS: usize = 64;
const GROUP_BYTES: usize = 256 << 10;

/// `texts` cut into runs of at most [`GROUP_TEXTS`] texts and about
/// [`GROUP_BYTES`] bytes (a longer text goes alone).
fn groups<T: AsRef<str>>(texts: &[T]) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let (mut start, mut bytes) = (0, 0);
    for (i, t) in texts.iter().enumerate() {
        let n = t.as_ref().len();
        if i > start && (i - start == GROUP_TEXTS || bytes + n > GROUP_BYTES) {
            out.push(start..i);
            (start, bytes) = (i, 0);
        }
        bytes += n;
    }
    if start < texts.len() {
        out.push(start..texts.len());
    }
    out
}

#[derive(Clone, Debug)]
enum ListSource {
    File(PathBuf),
    Text { label: String, text: String },
}

/// Builds an [`Extractor`] with custom lists.
///
/// ```
/// use gazette::{Extractor, Kind, ListKind};
///
/// let people = "id\tname\taliases\tgender\nperson/dana-frost\tDana Frost\tFrost\tf\n";
/// let ex = Extractor::builder().add_list(ListKind::People, "my-people", people).build()?;
/// let a = ex.extract("Frost spoke to Reuters in Ankara.");
/// assert_eq!(a.mentions[0].text, "Frost");
/// assert_eq!(a.entities[a.mentions[0].entity.unwrap()].name, "Dana Frost");
/// # Ok::<(), gazette::Error>(())
/// ```
#[derive(Clone, Debug)]
pub struct ExtractorBuilder {
    lists: Vec<(ListKind, ListSource)>,
    replaced: Vec<ListKind>,
    defaults: bool,
    kinds: Vec<Kind>,
    limits: Limits,
}

impl Default for ExtractorBuilder {
    fn default() -> ExtractorBuilder {
        ExtractorBuilder::new()
    }
}

type Source = (ListKind, String, Cow<'static, str>, Limits);

impl ExtractorBuilder {
    /// A builder with the embedded lists and every kind enabled.
    pub fn new() -> ExtractorBuilder {
        ExtractorBuilder {
            lists: Vec::new(),
            replaced: Vec::new(),
            defaults: true,
            kinds: Kind::ALL.to_vec(),
            limits: Limits::default(),
        }
    }

    /// Whether to start from the embedded lists (default `true`). Without
    /// them, give at least a lexicon and a rule table.
    pub fn defaults(mut self, yes: bool) -> Self {
        self.defaults = yes;
        self
    }

    /// Adds the list in file `path` to the lists of its kind.
    pub fn add_file(mut self, kind: ListKind, path: impl AsRef<Path>) -> Self {
        self.lists.push((kind, ListSource::File(path.as_ref().to_path_buf())));
        self
    }

    /// Uses the list in file `path` instead of the embedded list of its kind.
    pub fn replace_file(mut self, kind: ListKind, path: impl AsRef<Path>) -> Self {
        self.replaced.push(kind);
        self.add_file(kind, path)
    }

    /// Adds a list held in memory; `label` names it in errors.
    pub fn add_list(mut self, kind: ListKind, label: &str, text: &str) -> Self {
        self.lists.push((kind, ListSource::Text { label: label.to_string(), text: text.to_string() }));
        self
    }

    /// Uses a list held in memory instead of the embedded list of its kind.
    pub fn replace_list(mut self, kind: ListKind, label: &str, text: &str) -> Self {
        self.replaced.push(kind);
        self.add_list(kind, label, text)
    }

    /// The kinds of mention to report (default: all).
    pub fn kinds(mut self, kinds: impl IntoIterator<Item = Kind>) -> Self {
        self.kinds = kinds.into_iter().collect();
        self
    }

    /// The most rows one user list may have (default 2,000,000).
    pub fn max_entries(mut self, n: usize) -> Self {
        self.limits.max_entries = n;
        self
    }

    /// The longest name a user list may hold, in bytes (default 256).
    pub fn max_name_len(mut self, n: usize) -> Self {
        self.limits.max_form_len = n;
        self
    }

    /// Reads, checks and compiles the lists.
    ///
    /// The lexicon is read first; then the other lists, each on its own,
    /// on as many threads as there are cores; then the automaton is built
    /// in parts, on as many threads.
    ///
    /// # Errors
    ///
    /// When a list cannot be read or is malformed (the error names its file
    /// and line), or a rule's pattern is invalid.
    pub fn build(self) -> Result<Extractor, Error> {
        let mut sources: Vec<Source> = Vec::new();
        if self.defaults {
            for kind in ListKind::ALL.into_iter().filter(|k| !self.replaced.contains(k)) {
                // The limits guard against runaway user lists, not the embedded ones.
                let label = format!("gazetteers/{}", kind.file_name());
                sources.push((kind, label, Cow::Borrowed(kind.default_text()), Limits::default()));
            }
        }
        for (kind, src) in &self.lists {
            let (label, text) = match src {
                ListSource::File(p) => (p.display().to_string(), read_list(p)?),
                ListSource::Text { label, text } => (label.clone(), text.clone()),
            };
            sources.push((*kind, label, Cow::Owned(text), self.limits));
        }
        // The lexicon first: the entity lists check names against it. Then
        // every other list into lists of its own, side by side, appended in
        // order (an error is the first list's in that order).
        let (lexicon, others): (Vec<&Source>, Vec<&Source>) = sources.iter().partition(|s| s.0 == ListKind::Lexicon);
        let mut lists = Lists::new(FoldTable::embedded()?);
        for (kind, label, text, limits) in lexicon {
            lists.add(*kind, &parse_table(label, text, *kind, limits)?, limits)?;
        }
        let read = crate::par::map(
            others,
            |s| s.2.len(),
            |(kind, label, text, limits)| {
                let mut part = lists.empty_like();
                part.add(*kind, &parse_table(label, text, *kind, limits)?, limits)?;
                Ok::<Lists, Error>(part)
            },
        );
        for part in read {
            lists.append(part?)?;
        }
        // The rule table and the group patterns need the lexicon only: they
        // are compiled on a thread of their own while the lists compile.
        let rule_rows = std::mem::take(&mut lists.rules);
        let (words, fold) = (Arc::clone(&lists.words), lists.fold.clone());
        let (gaz, side) = std::thread::scope(|scope| {
            let side = scope.spawn(|| Ok::<_, Error>((Rules::load(&rule_rows)?, GroupPatterns::new(&words, &fold)?)));
            let gaz = lists.compile();
            (gaz, side.join())
        });
        // The lists' errors first, as when the two ran one after the other.
        let gaz = gaz?;
        let (rules, groups) = match side {
            Ok(side) => side?,
            Err(panic) => std::panic::resume_unwind(panic),
        };
        let info = rules
            .rules
            .iter()
            .map(|r| RuleInfo {
                id: r.id.to_string(),
                table: r.table.name().to_lowercase(),
                confidence: r.confidence,
                description: r.description.clone(),
                pattern: r.pattern.as_ref().map(|_| r.pattern_text.clone()),
            })
            .collect();
        let mask = RuleMask::all(rules.rules.len());
        Ok(Extractor { inner: Arc::new(Inner { gaz, groups, rules, info, kinds: self.kinds }), mask })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn groups_hold_a_few_dozen_short_texts_and_a_long_one_alone() {
        let k = GROUP_BYTES;
        // Text lengths in, groups out.
        #[allow(clippy::single_range_in_vec_init)]
        let table: &[(&[usize], &[std::ops::Range<usize>])] = &[
            (&[], &[]),
            (&[0], &[0..1]),
            (&[10; 3], &[0..3]),
            (&[1; 130], &[0..64, 64..128, 128..130]),
            (&[10, k, 10], &[0..1, 1..2, 2..3]),
            (&[k / 2, k / 2, 1], &[0..2, 2..3]),
            (&[k / 2, k / 2 + 1], &[0..1, 1..2]),
        ];
        for &(lens, want) in table {
            let texts: Vec<String> = lens.iter().map(|&n| "a".repeat(n)).collect();
            assert_eq!(groups(&texts), want, "{lens:?}");
        }
    }
}
