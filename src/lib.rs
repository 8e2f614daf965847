//! gazette reads English news and says who is in it and who said what.
//!
//! It tags **people, countries and groups** (and nationalities, places and
//! titles) with gazetteers compiled into one Aho-Corasick automaton of names and with
//! rule patterns, ties every mention to an entity ("Mohammed Shia
//! Al-Sudani", "Al-Sudani" and "Sudani" are one person), finds **quotes**,
//! direct and reported, and links each to its **speaker**.
//!
//! # Example
//!
//! ```
//! use gazette::{Extractor, Kind, QuoteKind};
//!
//! let text = "Foreign Minister Amal Haddad arrived in Baghdad on Monday. \
//!             “We will not accept any delay,” she said.";
//! let analysis = Extractor::default().extract(text);
//!
//! let people: Vec<&str> = analysis.entities.iter()
//!     .filter(|e| e.kind == Kind::Person)
//!     .map(|e| e.name.as_str())
//!     .collect();
//! assert_eq!(people, ["Amal Haddad"]);
//!
//! let quote = &analysis.quotes[0];
//! assert_eq!(quote.kind, QuoteKind::Direct);
//! assert_eq!(quote.text, "We will not accept any delay,");
//! assert_eq!(quote.speaker.as_ref().unwrap().text, "she");
//! assert_eq!(analysis.speaker_name(quote), Some("Amal Haddad"));
//! // Every result names the rule that decided it.
//! assert_eq!(quote.rule, "quote/speaker-cue");
//! assert_eq!(analysis.mentions[1].rule, "person/title");
//! ```
//!
//! # Overview
//!
//! * [`Extractor`] runs the pipeline; `Extractor::default()` uses the embedded
//!   gazetteers, [`Extractor::builder`] adds or replaces lists ([`ListKind`]),
//!   including the lexicon of words the rules use and the rule table.
//! * [`Analysis`] holds [`Entity`], [`Mention`], [`Quote`] (with its
//!   [`Speaker`] and [`Cue`]) and [`Relation`] values. All serialise with serde
//!   and read back.
//! * Every mention, quote and speaker names the rule that decided it
//!   ([`Extractor::rules`] lists them with a line of description each).
//! * Every position is a [`Span`] of UTF-8 byte offsets into the text you
//!   passed in; [`Span::char_range`] converts to char offsets.
//!
//! The pipeline, one module per stage, data flowing one way: segmentation →
//! gazetteer and rule mentions → entity resolution → quotes and cues → speaker
//! attribution → output. `DESIGN.md` explains each stage.
//!
//! # Crate features
//!
//! * `cli` (default): the `gazette` command (its dependencies: clap, rayon,
//!   flate2, walkdir, glob, indicatif, csv, serde_json). The library itself
//!   needs only `regex`, `serde` and `once_cell`.
//! * `parallel` (default): [`Extractor::extract_batch`] on every core, with
//!   rayon; without it the batch runs on the caller's thread.
//! * `parquet`: `gazette --format parquet` (arrow and parquet).

#![forbid(unsafe_code)]
#![deny(missing_docs)]

#[macro_use]
mod named;

mod attribution;
mod cand;
mod doc;
mod error;
mod extractor;
mod fold;
mod gazetteer;
mod hash;
mod kind;
mod lexicon;
mod matcher;
pub mod offsets;
mod output;
mod par;
mod quotes;
mod resolve;
mod rules;
mod ruleset;
mod segment;
mod span;
#[cfg(feature = "bench-internals")]
#[doc(hidden)]
pub mod stages;
mod tokens;
mod toklist;

pub use crate::error::Error;
pub use crate::extractor::{Extractor, ExtractorBuilder, RuleInfo};
pub use crate::gazetteer::ListKind;
pub use crate::kind::{CueClass, Gender, Kind, SpeakerKind};
pub use crate::output::{Analysis, Capped, Cue, Entity, Mention, Quote, QuoteKind, Relation, RelationKind, Speaker};
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
