//! `gazette`: who is in the news and who said what, from the command line.
//!
//! ```text
//! gazette [OPTIONS] [FILE...]      read files (or standard input) as plain text
//!   --json         print the analysis of each input as one JSON object a line
//!   --jsonl        read JSON Lines {"id", "text"}; write one analysis a line, id echoed
//!   --lossy        replace invalid UTF-8 instead of failing
//!   --keep-going   report a bad file or line and go on with the rest
//!   --gazetteer KIND=PATH   add a list (KIND: countries, places, people, groups,
//!                  given_names, titles, cues, speaker_nouns); repeatable
//! ```
//!
//! Errors go to standard error, prefixed `gazette: ` and naming the file
//! (and for JSON Lines the line; for invalid UTF-8 the byte offset). Exit
//! status: 0 when every input was read, 1 when one was bad (with
//! `--keep-going`, after the rest were processed) or output could not be
//! written, 2 for a usage error. A closed pipe on standard output ends the
//! program quietly with status 0.

use std::borrow::Cow;
use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use gazette::{Analysis, Extractor, Kind, ListKind, QuoteKind};
use serde::Serialize;

const USAGE: &str = "usage: gazette [--json | --jsonl] [--lossy] [--keep-going] [--gazetteer KIND=PATH]... [FILE...]
Reads English news text from FILEs (or standard input) and prints who is in it and who said what.
  --json          one JSON analysis a line, for each input
  --jsonl         input is JSON Lines {\"id\": ..., \"text\": ...}; output one analysis a line, id echoed
  --lossy         replace invalid UTF-8 with U+FFFD instead of failing (offsets then
                  count in the repaired text)
  --keep-going    report bad files or lines on standard error and go on
  --gazetteer KIND=PATH   add a gazetteer list (countries, places, people, groups,
                  given_names, titles, cues, speaker_nouns); may be repeated
  -h, --help      this text";

#[derive(Default)]
struct Opts {
    json: bool,
    jsonl: bool,
    lossy: bool,
    keep_going: bool,
    files: Vec<String>,
    lists: Vec<(ListKind, String)>,
}

fn list_kind(s: &str) -> Option<ListKind> {
    ListKind::ALL.into_iter().find(|k| k.file_name().trim_end_matches(".tsv") == s)
}

fn parse_args() -> Result<Opts, String> {
    let mut o = Opts::default();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "--json" => o.json = true,
            "--jsonl" => o.jsonl = true,
            "--lossy" => o.lossy = true,
            "--keep-going" => o.keep_going = true,
            "-h" | "--help" => return Err(String::new()),
            "--gazetteer" => {
                let v = args.next().ok_or("--gazetteer needs KIND=PATH")?;
                let (k, p) = v.split_once('=').ok_or("--gazetteer needs KIND=PATH")?;
                let kind = list_kind(k).ok_or_else(|| format!("unknown gazetteer kind `{}`", k))?;
                o.lists.push((kind, p.to_string()));
            }
            "-" => o.files.push(a),
            s if s.starts_with('-') => return Err(format!("unknown option `{}`", s)),
            _ => o.files.push(a),
        }
    }
    Ok(o)
}

/// Where an input came from, for error messages.
struct Input {
    name: String,
    bytes: Vec<u8>,
}

/// Reads a file, or standard input for `-`. The error names the input.
fn read_input(name: &str) -> Result<Input, String> {
    let shown = if name == "-" { "<stdin>" } else { name };
    let mut bytes = Vec::new();
    let read = if name == "-" {
        io::stdin().lock().read_to_end(&mut bytes).map(drop)
    } else {
        std::fs::read(name).map(|b| bytes = b)
    };
    match read {
        Ok(()) => Ok(Input { name: shown.to_string(), bytes }),
        Err(e) => Err(format!("{}: cannot read: {}", shown, e)),
    }
}

fn invalid_utf8(name: &str, line: Option<usize>, at: usize) -> String {
    let line = line.map_or(String::new(), |l| format!(":{}", l));
    format!("{}{}: invalid UTF-8 at byte {} (use --lossy to replace it)", name, line, at)
}

/// The text of a whole input; invalid UTF-8 is an error naming the input
/// and the byte offset, or with `lossy` is replaced by U+FFFD.
fn decode(input: Input, lossy: bool) -> Result<String, String> {
    match String::from_utf8(input.bytes) {
        Ok(s) => Ok(s),
        Err(e) if lossy => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => Err(invalid_utf8(&input.name, None, e.utf8_error().valid_up_to())),
    }
}

#[derive(Serialize)]
struct WithId<'a> {
    id: &'a serde_json::Value,
    #[serde(flatten)]
    analysis: &'a Analysis,
}

/// A message on standard error. It cannot fail the program: if standard
/// error is gone there is no one to tell.
fn warn(msg: &str) {
    let _ = writeln!(io::stderr().lock(), "gazette: {}", msg);
}

/// Standard output. A write error is an error (so output is never cut short
/// silently); a closed pipe (`gazette ... | head -1`) ends the program quietly
/// with success, as Unix tools do.
struct Out {
    w: BufWriter<io::StdoutLock<'static>>,
}

impl Out {
    fn new() -> Out {
        Out { w: BufWriter::new(io::stdout().lock()) }
    }

    fn check(r: io::Result<()>) -> Result<(), String> {
        match r {
            Ok(()) => Ok(()),
            Err(e) if e.kind() == io::ErrorKind::BrokenPipe => std::process::exit(0),
            Err(e) => Err(format!("cannot write output: {}", e)),
        }
    }

    fn write(
        &mut self,
        f: impl FnOnce(&mut BufWriter<io::StdoutLock<'static>>) -> io::Result<()>,
    ) -> Result<(), String> {
        Out::check(f(&mut self.w))
    }

    fn flush(&mut self) -> Result<(), String> {
        Out::check(self.w.flush())
    }
}

fn report(out: &mut impl Write, text: &str, a: &Analysis) -> io::Result<()> {
    for kind in [Kind::Person, Kind::Country, Kind::Group] {
        let ents: Vec<_> = a.entities.iter().filter(|e| e.kind == kind).collect();
        if ents.is_empty() {
            continue;
        }
        writeln!(
            out,
            "{}:",
            match kind {
                Kind::Person => "People",
                Kind::Country => "Countries",
                _ => "Groups",
            }
        )?;
        for e in ents {
            let n = a.mentions_of(e.id).count();
            let role = e.attribute("role").map(|r| format!(" ({})", r)).unwrap_or_default();
            writeln!(out, "  {}{}  [{} mention{}]", e.name, role, n, if n == 1 { "" } else { "s" })?;
        }
    }
    let said: Vec<_> = a.quotes.iter().filter(|q| q.kind != QuoteKind::Mention).collect();
    if !said.is_empty() {
        writeln!(out, "Who said what:")?;
        for q in said {
            let who = a.speaker_name(q).unwrap_or("(unknown)");
            let how = q.cue.as_ref().map_or(String::new(), |c| format!(" [{}]", c.text));
            let body: String = text[q.span.range()].split_whitespace().collect::<Vec<_>>().join(" ");
            match q.kind {
                QuoteKind::Direct => writeln!(out, "  {}{}: “{}”", who, how, body)?,
                _ => writeln!(out, "  {}{} (reported): {}", who, how, body)?,
            }
        }
    }
    Ok(())
}

/// How the run went so far: the failures reported under `--keep-going`.
struct Run<'o> {
    o: &'o Opts,
    ex: Extractor,
    out: Out,
    failed: usize,
}

impl Run<'_> {
    /// A bad input or line: reported and skipped with `--keep-going`, else
    /// the end of the run.
    fn fail(&mut self, msg: String) -> Result<(), String> {
        self.failed += 1;
        if self.o.keep_going {
            warn(&msg);
            Ok(())
        } else {
            Err(msg)
        }
    }

    fn file(&mut self, f: &str, several: bool) -> Result<(), String> {
        let input = match read_input(f) {
            Ok(i) => i,
            Err(e) => return self.fail(e),
        };
        if self.o.jsonl {
            return self.jsonl(input);
        }
        let name = input.name.clone();
        let text = match decode(input, self.o.lossy) {
            Ok(t) => t,
            Err(e) => return self.fail(e),
        };
        let a = self.ex.extract(&text);
        if self.o.json {
            let s = serde_json::to_string(&a).map_err(|e| e.to_string())?;
            self.out.write(|w| writeln!(w, "{}", s))
        } else {
            if several {
                self.out.write(|w| writeln!(w, "== {}", name))?;
            }
            self.out.write(|w| report(w, &text, &a))
        }
    }

    /// JSON Lines: every line is decoded and parsed on its own, so one bad
    /// line names its number and, with `--keep-going`, spoils nothing else.
    fn jsonl(&mut self, input: Input) -> Result<(), String> {
        let name = input.name.as_str();
        // A byte-order mark before the first line is no part of the JSON.
        let skip = if input.bytes.starts_with(b"\xEF\xBB\xBF") { 3 } else { 0 };
        let mut at = skip;
        for (n, raw) in input.bytes[skip..].split(|&b| b == b'\n').enumerate() {
            let (line_no, line_at) = (n + 1, at);
            at += raw.len() + 1;
            let raw = raw.strip_suffix(b"\r").unwrap_or(raw);
            let line = match std::str::from_utf8(raw) {
                Ok(l) => Cow::Borrowed(l),
                Err(_) if self.o.lossy => String::from_utf8_lossy(raw),
                Err(e) => {
                    self.fail(invalid_utf8(name, Some(line_no), line_at + e.valid_up_to()))?;
                    continue;
                }
            };
            if line.trim().is_empty() {
                continue;
            }
            let v: serde_json::Value = match serde_json::from_str(&line) {
                Ok(v) => v,
                Err(e) => {
                    self.fail(format!("{}:{}: not JSON: {}", name, line_no, e))?;
                    continue;
                }
            };
            let Some(doc) = v.get("text").and_then(|t| t.as_str()) else {
                self.fail(format!("{}:{}: no string field \"text\"", name, line_no))?;
                continue;
            };
            let a = self.ex.extract(doc);
            let id = v.get("id").cloned().unwrap_or(serde_json::Value::Null);
            let s = serde_json::to_string(&WithId { id: &id, analysis: &a }).map_err(|e| e.to_string())?;
            self.out.write(|w| writeln!(w, "{}", s))?;
        }
        Ok(())
    }
}

/// Runs over every input; `Ok(false)` when some were bad under `--keep-going`.
fn run(o: &Opts) -> Result<bool, String> {
    let ex = if o.lists.is_empty() {
        Extractor::default()
    } else {
        let mut b = Extractor::builder();
        for (k, p) in &o.lists {
            b = b.add_file(*k, p);
        }
        b.build().map_err(|e| e.to_string())?
    };
    let files = if o.files.is_empty() { vec!["-".to_string()] } else { o.files.clone() };
    let mut r = Run { o, ex, out: Out::new(), failed: 0 };
    let mut result = Ok(());
    for f in &files {
        result = r.file(f, files.len() > 1);
        if result.is_err() {
            break;
        }
    }
    // What was written so far goes out even when a bad input stopped the run.
    let flushed = r.out.flush();
    result?;
    flushed?;
    if r.failed > 0 {
        warn(&format!("{} bad input{} skipped", r.failed, if r.failed == 1 { "" } else { "s" }));
    }
    Ok(r.failed == 0)
}

fn main() -> ExitCode {
    let o = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            if e.is_empty() {
                let _ = writeln!(io::stdout(), "{}", USAGE);
                return ExitCode::SUCCESS;
            }
            warn(&format!("{}\n{}", e, USAGE));
            return ExitCode::from(2);
        }
    };
    match run(&o) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            warn(&e);
            ExitCode::from(1)
        }
    }
}
