//! The stages of [`Extractor::extract`] one at a time, for the benches
//! (`benches/`, feature `bench-internals`). Not a public API: it may change
//! with any release.
//!
//! [`Stages::new`] runs the whole pipeline once and keeps what every stage
//! made; each method then runs one stage again on the kept input of that
//! stage and returns a count (for `black_box`). The stages that consume
//! their input take a clone made by a `*_input` method, so a bench can keep
//! the clone out of the timing (criterion's `iter_batched`).

use crate::attribution::{self, Learned, Stmt};
use crate::cand::Cand;
use crate::doc::{Doc, Hits};
use crate::fold::Folded;
use crate::gazetteer::Hit;
use crate::output::assemble;
use crate::quotes::{self, QuoteSpan};
use crate::resolve::{self, Resolved};
use crate::segment::{self, Segments};
use crate::Extractor;

/// What every stage of one text made.
pub struct Stages<'t> {
    ex: &'t Extractor,
    text: &'t str,
    folded: Folded,
    doc: Doc<'t>,
    cands: Vec<Cand>,
    res: Resolved,
    quotes: Vec<QuoteSpan>,
    stmts: Vec<Stmt>,
    learned: Learned,
}

/// The input of [`Stages::doc`]: the segmentation and the automaton's hits.
pub struct DocInput(Segments, Vec<Hit>);

/// The input of [`Stages::resolve`]: the candidates.
pub struct ResolveInput(Vec<Cand>);

/// The input of [`Stages::output`]: the resolution and the statements.
pub struct OutputInput(Resolved, Vec<Stmt>, Learned);

impl<'t> Stages<'t> {
    /// Runs every stage over `text` once.
    pub fn new(ex: &'t Extractor, text: &'t str) -> Stages<'t> {
        let (gaz, rules, mask, _) = ex.internals();
        let folded = Folded::new(text, &gaz.lists.fold);
        let doc = ex.doc(text);
        let cands = ex.cands(&doc);
        let res = resolve::resolve(&doc, gaz, mask, cands.clone());
        let quotes = quotes::find(text, &doc.seg.paragraphs);
        let (stmts, learned) = attribution::attribute(&doc, gaz, rules, mask, &res, &quotes);
        Stages { ex, text, folded, doc, cands, res, quotes, stmts, learned }
    }

    /// Segmentation: tokens, sentences, paragraphs.
    pub fn segment(&self) -> usize {
        segment::segment(self.text, &self.ex.internals().0.lists.words).tokens.len()
    }

    /// Folding: the copy the automaton reads, with its map back.
    pub fn fold(&self) -> usize {
        Folded::new(self.text, &self.ex.internals().0.lists.fold).text.len()
    }

    /// The automaton over the folded text, with the boundary and case checks.
    pub fn scan(&self) -> usize {
        let mut n = 0;
        self.ex.internals().0.find(&self.folded, |_| n += 1);
        n
    }

    /// A clone of the input of [`doc`](Self::doc).
    pub fn doc_input(&self) -> DocInput {
        let gaz = self.ex.internals().0;
        let mut hits = Vec::new();
        gaz.find(&self.folded, |h| hits.push(h));
        DocInput(segment::segment(self.text, &gaz.lists.words), hits)
    }

    /// The token layer: keys, classes, given names, hits sorted by category.
    pub fn doc(&self, input: DocInput) -> usize {
        let gaz = self.ex.internals().0;
        let mut hits = Hits::new(self.text, gaz);
        input.1.into_iter().for_each(|h| hits.push(h));
        Doc::new(self.text, input.0, hits, gaz).len()
    }

    /// The list candidates and the person and group rules.
    pub fn rules(&self) -> usize {
        self.ex.cands(&self.doc).len()
    }

    /// A clone of the input of [`resolve`](Self::resolve).
    pub fn resolve_input(&self) -> ResolveInput {
        ResolveInput(self.cands.clone())
    }

    /// Resolution: mentions, entities, links and relations.
    pub fn resolve(&self, input: ResolveInput) -> usize {
        let (gaz, _, mask, _) = self.ex.internals();
        resolve::resolve(&self.doc, gaz, mask, input.0).ments.len()
    }

    /// Quotation marks.
    pub fn quotes(&self) -> usize {
        quotes::find(self.text, &self.doc.seg.paragraphs).len()
    }

    /// Statements and their speakers.
    pub fn attribution(&self) -> usize {
        let (gaz, rules, mask, _) = self.ex.internals();
        attribution::attribute(&self.doc, gaz, rules, mask, &self.res, &self.quotes).0.len()
    }

    /// A clone of the input of [`output`](Self::output).
    pub fn output_input(&self) -> OutputInput {
        OutputInput(self.res.clone(), self.stmts.clone(), self.learned.clone())
    }

    /// The output types ([`Analysis`](crate::Analysis)), before serde.
    pub fn output(&self, input: OutputInput) -> crate::Analysis {
        let (gaz, rules, _, kinds) = self.ex.internals();
        assemble(self.text, kinds, gaz, rules, input.0, input.1, input.2)
    }
}

/// The lower-cased patterns the extractor's automaton holds, in pattern
/// order: what a bare aho-corasick scan of the same text is built from.
pub fn patterns(ex: &Extractor) -> Vec<String> {
    ex.internals().0.patterns().into_iter().map(|p| p.to_ascii_lowercase()).collect()
}

/// The text the extractor's automaton scans: `text` folded and lower-cased.
pub fn scanned_text(ex: &Extractor, text: &str) -> String {
    Folded::new(text, &ex.internals().0.lists.fold).text.to_ascii_lowercase()
}
