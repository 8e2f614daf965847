/*!
gazette reads English news and says who is in it and who said what.

It tags **people, countries and groups** (and nationalities, places and
titles) with gazetteers compiled into one aho-corasick automaton and with rule
patterns, ties every mention to an entity ("Mohammed Shia Al-Sudani",
"Al-Sudani" and "Sudani" are one person), finds **quotes**, direct and
reported, and links each to its **speaker**.

# Example

```
use gazette::{Extractor, Kind, QuoteKind};

let text = "Foreign Minister Amal Haddad arrived in Baghdad on Monday. \
            “We will not accept any delay,” she said.";
let analysis = Extractor::default().extract(text);

let people: Vec<&str> = analysis.entities.iter()
    .filter(|e| e.kind == Kind::Person)
    .map(|e| e.name.as_str())
    .collect();
assert_eq!(people, ["Amal Haddad"]);

let quote = &analysis.quotes[0];
assert_eq!(quote.kind, QuoteKind::Direct);
assert_eq!(quote.text, "We will not accept any delay,");
assert_eq!(quote.speaker.as_ref().unwrap().text, "she");
assert_eq!(analysis.speaker_name(quote), Some("Amal Haddad"));
```

# Overview

* [`Extractor`] runs the pipeline; `Extractor::default()` uses the embedded
  gazetteers, [`Extractor::builder`] adds or replaces lists ([`ListKind`]).
* [`Analysis`] holds [`Entity`], [`Mention`], [`Quote`] (with its
  [`Speaker`] and [`Cue`]) and [`Relation`] values. All serialise with serde.
* Every position is a [`Span`] of UTF-8 byte offsets into the text you
  passed in; [`Span::char_range`] converts to char offsets.

The pipeline, one module per stage, data flowing one way: segmentation →
gazetteer and rule mentions → entity resolution → quotes and cues → speaker
attribution → output. `DESIGN.md` explains each stage.

# Crate features

* `cli` (default): the `gazette` command (its dependencies: clap, rayon,
  flate2, walkdir, glob, indicatif, csv, serde_json). The library itself
  needs only `aho-corasick`, `regex`, `serde` and `once_cell`.
* `parquet`: `gazette --format parquet` (arrow and parquet).
*/

#![forbid(unsafe_code)]
#![deny(missing_docs)]

mod attribution;
mod doc;
mod error;
mod extractor;
mod fold;
mod gazetteer;
mod output;
mod quotes;
mod resolve;
mod rules;
mod segment;
mod span;
mod tokens;

pub use crate::error::Error;
pub use crate::extractor::{Extractor, ExtractorBuilder};
pub use crate::gazetteer::ListKind;
pub use crate::output::{
    Analysis, Cue, Entity, Gender, Kind, Mention, Quote, QuoteKind, Relation, RelationKind, Speaker,
};
pub use crate::span::Span;
pub use crate::tokens::Sentence;

/// The examples in `README.md`, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;

/// The examples in `gazetteers/README.md`, run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../gazetteers/README.md")]
pub struct GazetteerReadmeDoctests;
