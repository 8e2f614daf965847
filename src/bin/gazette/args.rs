//! The command line, declared with clap.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};
use gazette::ListKind;

const EXAMPLES: &str = "\
Examples:
  One article, a readable report (who is in it, who said what):
    gazette article.txt
  The same as an HTML page to open in a browser, or as JSON:
    gazette --format html -o article.html article.txt
    gazette --format json article.txt
  A corpus as JSON Lines, {\"id\", \"text\"} a line in, one analysis a line out, on every core:
    gazette --jsonl corpus.jsonl.gz > analyses.jsonl
    zcat corpus.jsonl.gz | gazette --jsonl --keep-going -j 4 - > analyses.jsonl
  A folder of text files as a table of quotes for a spreadsheet, or mentions for pandas:
    gazette --format csv --table quotes --glob '*.txt' articles/ > quotes.csv
    gazette --format parquet --table mentions -o mentions.parquet articles/
  Annotation tools: brat standoff files (.txt and .ann), CoNLL IOB2 (a token a line):
    gazette --format brat -o brat/ articles/
    gazette --format conll article.txt
  Offsets for Python (chars) or JavaScript and Java (utf16) instead of UTF-8 bytes:
    gazette --jsonl --offsets chars corpus.jsonl
  Score gazette against your own annotations:
    gazette eval --gold gold.jsonl
    gazette eval --gold gold.conll --format conll texts/

Exit status: 0 when every input was read and written, 1 when an input was bad or
the output could not be written, 2 for a usage error.";

/// Who is in the news and who said what: people, countries, groups, quotes and
/// their speakers in English news text.
#[derive(Debug, Parser)]
#[command(name = "gazette", version, after_help = EXAMPLES, args_conflicts_with_subcommands = true)]
pub struct Cli {
    /// A tool instead of the analysis.
    #[command(subcommand)]
    pub command: Option<Command>,
    /// The analysis.
    #[command(flatten)]
    pub run: RunArgs,
}

/// The subcommands.
#[derive(Debug, Subcommand)]
pub enum Command {
    /// Precision, recall and F1 of gazette against gold annotations.
    Eval(EvalArgs),
}

/// The output formats.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Format {
    /// A readable report: entities, then who said what.
    Text,
    /// The analysis as pretty JSON (an array when there are several documents).
    Json,
    /// One JSON analysis a line.
    Jsonl,
    /// A table (see --table) as CSV with a header row.
    Csv,
    /// A table (see --table) as an Apache Parquet file (needs -o or a pipe).
    Parquet,
    /// brat standoff: a .txt and an .ann file per document, into the folder -o.
    Brat,
    /// CoNLL: one token a line with its IOB2 tag, a blank line between sentences.
    Conll,
    /// One self-contained HTML page: the text with its entities and quotes marked.
    Html,
}

/// The tables of `--format csv` and `--format parquet`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Table {
    /// One row per statement: speaker, cue, text.
    Quotes,
    /// One row per mention of an entity.
    Mentions,
}

/// The unit of `start` and `end`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum Unit {
    /// UTF-8 bytes (Rust, Go, C).
    Bytes,
    /// Unicode code points (Python).
    Chars,
    /// UTF-16 code units (JavaScript, Java, C#).
    Utf16,
}

/// The options of the analysis.
#[derive(Debug, Args)]
pub struct RunArgs {
    /// Text files, folders (read recursively), gzip files (.gz or not), or `-`
    /// for standard input (the default).
    #[arg(value_name = "INPUT")]
    pub inputs: Vec<PathBuf>,

    /// The input is JSON Lines: one {"id": ..., "text": "..."} a line. Output:
    /// one line per input line, in order, the id echoed exactly.
    #[arg(long)]
    pub jsonl: bool,

    /// The output format [default: text, or jsonl with --jsonl].
    #[arg(short, long, value_enum)]
    pub format: Option<Format>,

    /// The same as --format jsonl.
    #[arg(long, conflicts_with = "format")]
    pub json: bool,

    /// The table of --format csv and parquet.
    #[arg(long, value_enum, default_value = "quotes")]
    pub table: Table,

    /// How `start` and `end` count (json, jsonl, csv, parquet; brat always counts chars).
    #[arg(long, value_enum, default_value = "bytes")]
    pub offsets: Unit,

    /// Write to this file instead of standard output (for brat: a folder).
    #[arg(short, long, value_name = "PATH")]
    pub output: Option<PathBuf>,

    /// Documents analysed at once [default: every core].
    #[arg(short = 'j', long, value_name = "N", value_parser = clap::value_parser!(u16).range(1..))]
    pub jobs: Option<u16>,

    /// In folders, read only the files whose path matches (e.g. '*.txt',
    /// 'news/**/*.jsonl.gz'); repeatable. Default: every file. Hidden files
    /// and folders (starting with `.`) are always skipped.
    #[arg(long, value_name = "PATTERN")]
    pub glob: Vec<String>,

    /// Replace invalid UTF-8 (and lone surrogate escapes in JSON) with U+FFFD
    /// instead of failing; offsets then count in the repaired text.
    #[arg(long)]
    pub lossy: bool,

    /// Report a bad file or line on standard error and go on; in JSON Lines
    /// output a bad line becomes {"id": ..., "error": "..."}.
    #[arg(long)]
    pub keep_going: bool,

    /// Print the totals (documents, MB, MB/s, mentions, quotes) on standard error at the end.
    #[arg(long)]
    pub stats: bool,

    /// Add a gazetteer list (KIND: countries, places, people, groups,
    /// given_names, titles, cues, speaker_nouns); repeatable.
    #[arg(long, value_name = "KIND=PATH", value_parser = parse_list)]
    pub gazetteer: Vec<(ListKind, PathBuf)>,
}

/// The gold formats of `gazette eval`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum GoldFormat {
    /// {"id", "text", "entities", "optional_entities", "quotes", "indirect"} a line, char offsets.
    Jsonl,
    /// A token and its IOB2 tag a line; documents start with -DOCSTART-.
    Conll,
    /// A folder (or .ann files) of brat standoff, each .ann beside its .txt.
    Brat,
}

/// The options of `gazette eval`.
#[derive(Debug, Args)]
pub struct EvalArgs {
    /// The gold annotations: a JSON Lines file, a CoNLL file, or brat .ann files or a folder of them.
    #[arg(long, value_name = "GOLD", required = true, num_args = 1..)]
    pub gold: Vec<PathBuf>,

    /// The gold format [default: from the name: .jsonl, .conll/.bio/.iob, .ann or a folder for brat].
    #[arg(long, value_enum)]
    pub format: Option<GoldFormat>,

    /// The texts of CoNLL gold, one file a document in order, or one JSON Lines
    /// file of {"text"}; without them the text is the tokens joined by spaces.
    #[arg(value_name = "TEXTS")]
    pub texts: Vec<PathBuf>,

    /// The labels scored.
    #[arg(long, value_delimiter = ',', default_value = "person,country,group")]
    pub labels: Vec<String>,

    /// Print the figures as one JSON object (the keys of score.py, and more).
    #[arg(long)]
    pub json: bool,

    /// Also list every missed and spurious mention and every wrong speaker.
    #[arg(long)]
    pub errors: bool,

    /// Add a gazetteer list, as for the analysis; repeatable.
    #[arg(long, value_name = "KIND=PATH", value_parser = parse_list)]
    pub gazetteer: Vec<(ListKind, PathBuf)>,
}

fn parse_list(s: &str) -> Result<(ListKind, PathBuf), String> {
    let (k, p) = s.split_once('=').ok_or_else(|| "expected KIND=PATH, e.g. people=my_people.tsv".to_string())?;
    let kind = ListKind::ALL.into_iter().find(|l| l.file_name().trim_end_matches(".tsv") == k).ok_or_else(|| {
        let kinds: Vec<&str> = ListKind::ALL.iter().map(|l| l.file_name().trim_end_matches(".tsv")).collect();
        format!("unknown list kind `{}` (one of: {})", k, kinds.join(", "))
    })?;
    if p.is_empty() {
        return Err("the PATH after KIND= is empty".to_string());
    }
    Ok((kind, PathBuf::from(p)))
}
