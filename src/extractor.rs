//! The front end: [`Extractor`] and its builder run the stages in order.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use once_cell::sync::Lazy;

use crate::cand::Cand;
use crate::doc::Doc;
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
        let whole = text.len();
        let inner = &*self.inner;
        let gaz = &inner.gaz;
        let mut doc = self.doc(text);
        // The part of the text that is read (all of it up to 4 GiB).
        let text = doc.text;
        let cands = self.cands(&doc);
        let res = resolve::resolve(&doc, gaz, &self.mask, cands);
        doc.release_for_attribution();
        let spans = quotes::find(text, &doc.seg.paragraphs);
        let (stmts, learned) = attribution::attribute(&doc, gaz, &inner.rules, &self.mask, &res, &spans);
        // The token layer is done with: freed before the output is made, so
        // that the two never take memory at once.
        let dropped = doc.dropped_hits;
        drop(spans);
        drop(doc);
        let mut analysis = assemble(text, &inner.kinds, gaz, &inner.rules, res, stmts, learned);
        analysis.capped.list_matches = dropped;
        analysis.capped.unread_bytes = whole - text.len();
        analysis
    }

    /// Runs the whole pipeline over every text of `texts` and returns the
    /// analyses in the same order: the same as calling
    /// [`extract`](Self::extract) on each. With the `parallel` feature (on by
    /// default) the texts are shared among the threads of rayon's global
    /// pool (or of the pool the call runs in, see
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
        #[cfg(feature = "parallel")]
        {
            use rayon::prelude::*;
            texts.par_iter().with_max_len(1).map(|t| self.extract(t.as_ref())).collect()
        }
        #[cfg(not(feature = "parallel"))]
        {
            texts.iter().map(|t| self.extract(t.as_ref())).collect()
        }
    }

    /// The candidates of the lists and of the rules.
    pub(crate) fn cands(&self, doc: &Doc<'_>) -> Vec<Cand> {
        let inner = &*self.inner;
        let (gaz, kinds, mask) = (&inner.gaz, &inner.kinds, &self.mask);
        let mut cands = Vec::new();
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
        cands.shrink_to_fit();
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
    pub(crate) fn doc<'t>(&'t self, text: &'t str) -> Doc<'t> {
        let gaz = &self.inner.gaz;
        let text = segment::readable(text);
        let seg = segment::segment(text, &gaz.lists.words);
        let folded = Folded::new(text, &gaz.lists.fold);
        let (hits, dropped) = gaz.find(&folded);
        let mut doc = Doc::new(text, seg, hits, gaz);
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
        let gaz = lists.compile()?;
        let rules = Rules::load(&gaz.lists.rules)?;
        let groups = GroupPatterns::new(&gaz.lists.words, &gaz.lists.fold)?;
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
