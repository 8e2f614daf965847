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

use std::io::{self, BufWriter, Read, Write};
use std::process::ExitCode;

use gazette::{Analysis, Extractor, Kind, ListKind, QuoteKind};
use serde::Serialize;

const USAGE: &str = "usage: gazette [--json | --jsonl] [--lossy] [--keep-going] [--gazetteer KIND=PATH]... [FILE...]
Reads English news text from FILEs (or standard input) and prints who is in it and who said what.
  --json          one JSON analysis a line, for each input
  --jsonl         input is JSON Lines {\"id\": ..., \"text\": ...}; output one analysis a line, id echoed
  --lossy         replace invalid UTF-8 with U+FFFD instead of failing
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

fn read_input(name: &str) -> io::Result<Input> {
    let mut bytes = Vec::new();
    if name == "-" {
        io::stdin().lock().read_to_end(&mut bytes)?;
    } else {
        bytes = std::fs::read(name)?;
    }
    Ok(Input { name: if name == "-" { "<stdin>".into() } else { name.into() }, bytes })
}

fn decode(input: Input, lossy: bool) -> Result<String, String> {
    match String::from_utf8(input.bytes) {
        Ok(s) => Ok(s),
        Err(e) if lossy => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => Err(format!(
            "{}: invalid UTF-8 at byte {} (use --lossy to replace it)",
            input.name,
            e.utf8_error().valid_up_to()
        )),
    }
}

#[derive(Serialize)]
struct WithId<'a> {
    id: &'a serde_json::Value,
    #[serde(flatten)]
    analysis: &'a Analysis,
}

/// A write error that is a closed pipe ends the program quietly.
fn is_broken_pipe(e: &io::Error) -> bool {
    e.kind() == io::ErrorKind::BrokenPipe
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

fn run(o: &Opts) -> Result<bool, String> {
    let mut b = Extractor::builder();
    for (k, p) in &o.lists {
        b = b.add_file(*k, p);
    }
    let ex = if o.lists.is_empty() { Extractor::default() } else { b.build().map_err(|e| e.to_string())? };
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let files = if o.files.is_empty() { vec!["-".to_string()] } else { o.files.clone() };
    let mut ok = true;
    let fail = |msg: String, ok: &mut bool| -> Result<(), String> {
        *ok = false;
        if o.keep_going {
            eprintln!("gazette: {}", msg);
            Ok(())
        } else {
            Err(msg)
        }
    };
    let write = |r: io::Result<()>| -> Result<(), String> {
        match r {
            Ok(()) => Ok(()),
            Err(e) if is_broken_pipe(&e) => std::process::exit(0),
            Err(e) => Err(format!("cannot write output: {}", e)),
        }
    };
    for f in &files {
        let input = match read_input(f) {
            Ok(i) => i,
            Err(e) => {
                fail(format!("{}: {}", f, e), &mut ok)?;
                continue;
            }
        };
        let name = input.name.clone();
        let text = match decode(input, o.lossy) {
            Ok(t) => t,
            Err(e) => {
                fail(e, &mut ok)?;
                continue;
            }
        };
        if o.jsonl {
            for (n, line) in text.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let v: serde_json::Value = match serde_json::from_str(line) {
                    Ok(v) => v,
                    Err(e) => {
                        fail(format!("{}:{}: not JSON: {}", name, n + 1, e), &mut ok)?;
                        continue;
                    }
                };
                let Some(doc) = v.get("text").and_then(|t| t.as_str()) else {
                    fail(format!("{}:{}: no string field \"text\"", name, n + 1), &mut ok)?;
                    continue;
                };
                let a = ex.extract(doc);
                let id = v.get("id").cloned().unwrap_or(serde_json::Value::Null);
                let s = serde_json::to_string(&WithId { id: &id, analysis: &a }).map_err(|e| e.to_string())?;
                write(writeln!(out, "{}", s))?;
            }
        } else if o.json {
            let a = ex.extract(&text);
            let s = serde_json::to_string(&a).map_err(|e| e.to_string())?;
            write(writeln!(out, "{}", s))?;
        } else {
            let a = ex.extract(&text);
            if files.len() > 1 {
                write(writeln!(out, "== {}", name))?;
            }
            write(report(&mut out, &text, &a))?;
        }
    }
    write(out.flush())?;
    Ok(ok)
}

fn main() -> ExitCode {
    let o = match parse_args() {
        Ok(o) => o,
        Err(e) => {
            if e.is_empty() {
                println!("{}", USAGE);
                return ExitCode::SUCCESS;
            }
            eprintln!("gazette: {}\n{}", e, USAGE);
            return ExitCode::from(2);
        }
    };
    match run(&o) {
        Ok(true) => ExitCode::SUCCESS,
        Ok(false) => ExitCode::from(1),
        Err(e) => {
            eprintln!("gazette: {}", e);
            ExitCode::from(1)
        }
    }
}
