//! The front end: [`Extractor`] and its builder run the stages in order.

use std::borrow::Cow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use once_cell::sync::Lazy;

use crate::doc::Doc;
use crate::fold::Folded;
use crate::gazetteer::{parse_table, read_list, Lexicon, Limits, ListKind, Lists};
use crate::output::{Analysis, Kind};
use crate::{attribution, quotes, resolve, rules, segment, Error};

struct Inner {
    lex: Lexicon,
    kinds: Vec<Kind>,
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
/// ```
#[derive(Clone)]
pub struct Extractor {
    inner: Arc<Inner>,
}

impl std::fmt::Debug for Extractor {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Extractor").field("kinds", &self.inner.kinds).finish_non_exhaustive()
    }
}

static DEFAULT: Lazy<Extractor> = Lazy::new(|| {
    ExtractorBuilder::new().build().unwrap_or_else(|e| panic!("the embedded gazetteers are invalid: {}", e))
});

impl Default for Extractor {
    fn default() -> Extractor {
        DEFAULT.clone()
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

    /// Runs the whole pipeline over `text`.
    pub fn extract(&self, text: &str) -> Analysis {
        let inner = &*self.inner;
        let doc = self.doc(text);
        let kinds = &inner.kinds;
        let mut cands = Vec::new();
        resolve::gazetteer_cands(&doc, &inner.lex, kinds, &mut cands);
        if kinds.contains(&Kind::Person) {
            rules::people(&doc, &inner.lex, &mut cands);
        }
        if kinds.contains(&Kind::Group) {
            rules::groups(&doc, &mut cands);
        }
        let mut res = resolve::resolve(&doc, &inner.lex, cands);
        let spans = quotes::find(&doc);
        let (quotes, said) = attribution::attribute(&doc, &inner.lex, &mut res, &spans);
        let (entities, mentions) = res.output(text, kinds);
        let mut relations = std::mem::take(&mut res.relations);
        relations.extend(said);
        Analysis { entities, mentions, quotes, relations }
    }

    /// The first stages: segmentation and the lexicon pass.
    pub(crate) fn doc<'t>(&self, text: &'t str) -> Doc<'t> {
        let lex = &self.inner.lex;
        let seg = segment::segment(text);
        let folded = Folded::new(text);
        let hits = lex.find(&folded);
        Doc::new(text, seg, hits, lex)
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

    /// Whether to start from the embedded lists (default `true`).
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
    /// The given names, the largest list, are read on a second thread while
    /// the other lists are read and compiled into the automaton.
    pub fn build(self) -> Result<Extractor, Error> {
        let mut sources: Vec<(ListKind, String, Cow<'static, str>, Limits)> = Vec::new();
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
        let (names, others): (Vec<_>, Vec<_>) = sources.iter().partition(|s| s.0 == ListKind::GivenNames);
        let read = |lists: &mut Lists, sources: &[&(ListKind, String, Cow<'static, str>, Limits)]| {
            for (kind, label, text, limits) in sources {
                let t = parse_table(label, text, *kind, limits)?;
                lists.add(*kind, &t, limits)?;
            }
            Ok::<(), Error>(())
        };
        let (lex, given) = std::thread::scope(|scope| {
            let given = scope.spawn(|| {
                let mut lists = Lists::default();
                read(&mut lists, &names).map(|()| lists.given)
            });
            let mut lists = Lists::default();
            let lex = read(&mut lists, &others).and_then(|()| lists.compile());
            let given = given.join().unwrap_or_else(|_| Err(Error::build("reading the given names failed")));
            (lex, given)
        });
        let mut lex = lex?;
        lex.lists.given = given?;
        Ok(Extractor { inner: Arc::new(Inner { lex, kinds: self.kinds }) })
    }
}
