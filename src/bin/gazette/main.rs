//! `gazette`: who is in the news and who said what, from the command line.
//!
//! ```text
//! gazette [OPTIONS] [INPUT]...         text files, folders, .gz, `-` for standard input
//! gazette --jsonl [OPTIONS] [INPUT]... JSON Lines {"id", "text"}: one analysis a line, in order
//! gazette eval --gold GOLD [TEXTS]...  precision, recall and F1 against annotations
//! ```
//!
//! `gazette --help` lists every option with an example per mode. Errors go to
//! standard error, prefixed `gazette: ` and naming the file (and for JSON
//! Lines the line). Exit status: 0 when every input was read and written, 1
//! when an input was bad (with `--keep-going`, after the rest was processed)
//! or the output could not be written, 2 for a usage error.

use std::io::{self, BufWriter, IsTerminal, Write};
use std::process::ExitCode;
use std::sync::Arc;
use std::time::Instant;

use clap::Parser;

mod args;
mod eval;
mod formats;
mod input;
mod lists;
mod offsets;
mod pipeline;

use args::{Cli, Command, Format, RunArgs};
use formats::{Chunk, Doc, Render, Sink};
use input::{BadLine, Line, Source};

/// A message on standard error. It cannot fail the program: if standard
/// error is gone there is no one to tell.
pub fn warn(msg: &str) {
    let _ = writeln!(io::stderr().lock(), "gazette: {}", msg);
}

/// A usage error: the message, a pointer to `--help`, status 2.
fn usage(msg: &str) -> ExitCode {
    warn(&format!("{}\n(see gazette --help)", msg));
    ExitCode::from(2)
}

/// Whether standard output was closed when gazette started (`gazette ... >&-`).
///
/// Rust's runtime reopens a closed standard descriptor on `/dev/null` before
/// `main` runs, so writes to it would vanish without an error. On Linux the
/// question is asked before that, by a constructor in `.init_array` (run by
/// the loader before the runtime starts).
#[cfg(target_os = "linux")]
mod stdout_probe {
    use std::sync::atomic::{AtomicBool, Ordering};

    static CLOSED: AtomicBool = AtomicBool::new(false);

    extern "C" {
        fn fcntl(fd: i32, cmd: i32, ...) -> i32;
    }

    /// `F_GETFD` on Linux.
    const F_GETFD: i32 = 1;

    extern "C" fn probe() {
        // SAFETY: fcntl(1, F_GETFD) only reads the flags of descriptor 1;
        // on a closed descriptor it fails with -1 (EBADF) and changes nothing.
        let r = unsafe { fcntl(1, F_GETFD) };
        CLOSED.store(r == -1, Ordering::Relaxed);
    }

    #[used]
    #[link_section = ".init_array"]
    static PROBE: extern "C" fn() = probe;

    pub fn closed() -> bool {
        CLOSED.load(Ordering::Relaxed)
    }
}

fn stdout_closed() -> bool {
    #[cfg(target_os = "linux")]
    {
        stdout_probe::closed()
    }
    #[cfg(not(target_os = "linux"))]
    {
        false
    }
}

/// With the `jemalloc` feature, the command allocates with jemalloc (see
/// the README's Performance section for what that changes).
#[cfg(feature = "jemalloc")]
#[global_allocator]
static ALLOCATOR: tikv_jemallocator::Jemalloc = tikv_jemallocator::Jemalloc;

fn main() -> ExitCode {
    let closed = stdout_closed();
    let cli = match Cli::try_parse() {
        Ok(c) => c,
        Err(e) => {
            let code = e.exit_code();
            let _ = e.print();
            return ExitCode::from(code.clamp(0, 255) as u8);
        }
    };
    match cli.command {
        Some(Command::Eval(a)) => {
            if closed {
                warn("standard output is closed: the figures cannot be written");
                return ExitCode::from(1);
            }
            eval::main(&a)
        }
        None => run(&cli.run, closed),
    }
}

/// One unit of work: a whole text, a JSON Lines line, or an input that could
/// not be read.
enum Job {
    Text { seq: u64, name: String, bytes: Vec<u8>, gzip: bool },
    Line { seq: u64, line: Line },
    Bad(BadLine),
}

impl Job {
    /// Its size in bytes, for batching.
    fn weight(&self) -> usize {
        match self {
            Job::Text { bytes, .. } => bytes.len(),
            Job::Line { line, .. } => line.bytes.len(),
            Job::Bad(_) => 0,
        }
    }
}

/// A rendered document, or why there is none.
struct Done {
    result: Result<Chunk, BadLine>,
    bytes: u64,
    mentions: u64,
    quotes: u64,
}

/// What the workers share.
struct Work {
    ex: gazette::Extractor,
    render: Render,
    lossy: bool,
}

impl Work {
    /// Runs a batch of jobs: each job's text is read, the texts are
    /// extracted together (see `Extractor::extract_batch`), and each
    /// document is rendered.
    fn run(&self, jobs: Vec<Job>) -> Vec<Done> {
        let read: Vec<Result<(Doc, u64), Done>> = jobs.into_iter().map(|j| self.read(j)).collect();
        let texts: Vec<&str> = read.iter().filter_map(|r| r.as_ref().ok()).map(|(d, _)| d.text.as_str()).collect();
        let mut analyses = self.ex.extract_batch(&texts).into_iter();
        read.into_iter()
            .map(|r| {
                let (mut doc, bytes) = r?;
                doc.analysis = analyses.next().unwrap_or_default();
                Ok(self.render(doc, bytes))
            })
            .map(|r: Result<Done, Done>| r.unwrap_or_else(|bad| bad))
            .collect()
    }

    /// A job's document, its analysis still empty, and the bytes it read;
    /// or why it has none.
    fn read(&self, job: Job) -> Result<(Doc, u64), Done> {
        let bad = |b: BadLine, bytes: u64| Done { result: Err(b), bytes, mentions: 0, quotes: 0 };
        let analysis = gazette::Analysis::default();
        match job {
            Job::Bad(b) => Err(bad(b, 0)),
            Job::Text { seq, name, bytes, gzip } => {
                let n = bytes.len() as u64;
                match input::decode(&name, bytes, gzip, self.lossy) {
                    Ok(text) => {
                        let id_json = serde_json::to_string(&name).unwrap_or_else(|_| "null".into());
                        Ok((Doc { seq, file: true, id_json, name, text, analysis }, n))
                    }
                    Err(msg) => Err(bad(BadLine { msg, id: None }, n)),
                }
            }
            Job::Line { seq, line } => {
                let n = line.bytes.len() as u64 + 1;
                match input::parse_line(&line, self.lossy) {
                    Ok(d) => {
                        let plain = formats::plain_id(&d.id);
                        let name = if plain.is_empty() { format!("{}:{}", line.name, line.no) } else { plain };
                        Ok((Doc { seq, file: false, id_json: d.id, name, text: d.text, analysis }, n))
                    }
                    Err(b) => Err(bad(b, n)),
                }
            }
        }
    }

    /// Renders an analysed document.
    fn render(&self, doc: Doc, bytes: u64) -> Done {
        let (mentions, quotes) = (doc.analysis.mentions.len() as u64, doc.analysis.quotes.len() as u64);
        let result = if self.render.streams(&doc) {
            Ok(Chunk::Stream(Box::new(doc), self.render.unit))
        } else {
            self.render.render(&doc).map_err(|msg| BadLine { msg, id: Some(doc.id_json.clone()) })
        };
        Done { result, bytes, mentions, quotes }
    }
}

/// Reads every source, sending one job per text or line.
fn read_sources(
    sources: Vec<Source>,
    jsonl: bool,
    progress: Option<indicatif::ProgressBar>,
    send: &mut dyn FnMut(Job) -> bool,
) {
    let mut seq = 0u64;
    let mut next = || {
        seq += 1;
        seq - 1
    };
    for src in &sources {
        let mut o = match input::open(src, progress.clone()) {
            Ok(o) => o,
            Err(msg) => {
                if !send(Job::Bad(BadLine { msg, id: None })) {
                    return;
                }
                continue;
            }
        };
        if !jsonl {
            let job = match input::read_all(o) {
                Ok((name, bytes, gzip)) => Job::Text { seq: next(), name, bytes, gzip },
                Err(msg) => Job::Bad(BadLine { msg, id: None }),
            };
            if !send(job) {
                return;
            }
            continue;
        }
        let name: Arc<str> = o.name.clone().into();
        let (mut no, mut at) = (0u64, 0u64);
        loop {
            let mut buf = Vec::new();
            match o.reader.read_until(b'\n', &mut buf) {
                Ok(0) => break,
                Ok(n) => {
                    no += 1;
                    let start = at;
                    at += n as u64;
                    if buf.last() == Some(&b'\n') {
                        buf.pop();
                    }
                    if buf.last() == Some(&b'\r') {
                        buf.pop();
                    }
                    let line = Line { name: name.clone(), no, at: start, first: no == 1, gzip: o.gzip, bytes: buf };
                    if !send(Job::Line { seq: next(), line }) {
                        return;
                    }
                }
                Err(e) => {
                    let msg = input::read_error(&o, &e);
                    if !send(Job::Bad(BadLine { msg: format!("{} (after line {})", msg, no), id: None })) {
                        return;
                    }
                    break;
                }
            }
        }
    }
}

use std::io::BufRead;

/// The totals of a run.
#[derive(Default)]
struct Totals {
    docs: u64,
    bad: u64,
    bytes: u64,
    mentions: u64,
    quotes: u64,
}

/// How the writer stopped.
enum Stopped {
    /// A bad input without `--keep-going`: its message.
    Bad(String),
    /// The reader of standard output went away (`| head`).
    Pipe,
}

fn run(a: &RunArgs, stdout_closed: bool) -> ExitCode {
    let format =
        if a.json { Format::Jsonl } else { a.format.unwrap_or(if a.jsonl { Format::Jsonl } else { Format::Text }) };
    #[cfg(not(feature = "parquet"))]
    if format == Format::Parquet {
        return usage(
            "this gazette was built without Parquet: install it with `cargo install --path . --features parquet`",
        );
    }
    let mut globs = Vec::new();
    for g in &a.glob {
        match glob::Pattern::new(g) {
            Ok(p) => globs.push(p),
            Err(e) => return usage(&format!("--glob {}: {}", g, e)),
        }
    }
    let to_stdout = format != Format::Brat && a.output.is_none();
    if format == Format::Parquet && to_stdout && io::stdout().is_terminal() {
        return usage("Parquet is a binary file: give it a name with -o FILE (or pipe it)");
    }
    let sources = input::sources(&a.inputs, &globs);
    let several = a.jsonl || sources.len() > 1;
    if format == Format::Brat && a.output.is_none() && several {
        return usage("--format brat writes a .txt and an .ann file per document: give the folder with -o DIR");
    }
    if stdout_closed && (to_stdout || (format == Format::Brat && a.output.is_none())) {
        warn("standard output is closed: nothing can be written (give a file with -o, or redirect to /dev/null)");
        return ExitCode::from(1);
    }
    let ex = match lists::extractor(&a.gazetteer) {
        Ok(ex) => ex,
        Err(e) => {
            warn(&e);
            return ExitCode::from(1);
        }
    };
    let out: Box<dyn Write + Send> = match (&a.output, format) {
        (Some(_), Format::Brat) | (None, _) => Box::new(BufWriter::with_capacity(1 << 16, io::stdout())),
        (Some(p), _) => match std::fs::File::create(p) {
            Ok(f) => Box::new(BufWriter::with_capacity(1 << 16, f)),
            Err(e) => {
                warn(&format!("{}: cannot write: {}", p.display(), e));
                return ExitCode::from(1);
            }
        },
    };
    let table = if matches!(format, Format::Csv | Format::Parquet) {
        formats::table::Spec::probe(a.table, &ex)
    } else {
        formats::no_table(a.table)
    };
    let dir = if format == Format::Brat { a.output.clone() } else { None };
    let mut sink = match Sink::new(format, several, out, table, dir) {
        Ok(s) => s,
        Err(e) => {
            warn(&format!("cannot write: {}", e));
            return ExitCode::from(1);
        }
    };
    let threads =
        a.jobs.map(usize::from).unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let progress = progress_bar(&sources);
    let work = Work { ex: ex.clone(), render: Render { format, table, unit: a.offsets, several, ex }, lossy: a.lossy };
    let started = Instant::now();
    let mut totals = Totals::default();
    let keep_going = a.keep_going;
    let jsonl = a.jsonl;
    let reader_progress = progress.clone();
    let mut stopped: Option<Stopped> = None;
    let result: Result<(), io::Error> = (|| {
        sink.begin()?;
        let sink = std::cell::RefCell::new(&mut sink);
        pipeline::run(
            threads,
            move |send| read_sources(sources, jsonl, reader_progress, send),
            Job::weight,
            move |jobs| work.run(jobs),
            |d: Done| {
                totals.bytes += d.bytes;
                if let Some(p) = &progress {
                    p.set_message(format!("{} docs", totals.docs + totals.bad + 1));
                }
                match d.result {
                    Ok(chunk) => {
                        totals.docs += 1;
                        totals.mentions += d.mentions;
                        totals.quotes += d.quotes;
                        sink.borrow_mut().doc(chunk)?;
                        Ok(pipeline::Next::Go)
                    }
                    Err(bad) => {
                        totals.bad += 1;
                        if keep_going {
                            warn(&bad.msg);
                            sink.borrow_mut().bad(bad.id.as_deref(), &bad.msg)?;
                            Ok(pipeline::Next::Go)
                        } else {
                            stopped = Some(Stopped::Bad(bad.msg));
                            Ok(pipeline::Next::Stop)
                        }
                    }
                }
            },
            || sink.borrow_mut().flush(),
        )?;
        let end = sink.borrow_mut().end();
        end
    })();
    if let Some(p) = &progress {
        p.finish_and_clear();
    }
    let result = match result {
        Err(e) if e.kind() == io::ErrorKind::BrokenPipe => {
            stopped = Some(Stopped::Pipe);
            Ok(())
        }
        r => r,
    };
    if a.stats {
        let secs = started.elapsed().as_secs_f64();
        let mb = totals.bytes as f64 / 1e6;
        warn(&format!(
            "{} documents ({} bad), {:.1} MB in {:.2} s ({:.2} MB/s), {} mentions, {} quotes",
            totals.docs,
            totals.bad,
            mb,
            secs,
            mb / secs.max(1e-9),
            totals.mentions,
            totals.quotes
        ));
    }
    match (result, stopped) {
        (Err(e), _) => {
            warn(&format!("cannot write output: {}", e));
            ExitCode::from(1)
        }
        (Ok(()), Some(Stopped::Bad(msg))) => {
            warn(&msg);
            ExitCode::from(1)
        }
        (Ok(()), _) if totals.bad > 0 => {
            warn(&format!("{} bad input{} skipped", totals.bad, if totals.bad == 1 { "" } else { "s" }));
            ExitCode::from(1)
        }
        (Ok(()), _) => ExitCode::SUCCESS,
    }
}

/// A progress bar on standard error when it is a terminal (documents, MB,
/// MB/s, ETA); nothing otherwise.
fn progress_bar(sources: &[Source]) -> Option<indicatif::ProgressBar> {
    if !io::stderr().is_terminal() {
        return None;
    }
    let total: Option<u64> = sources.iter().map(Source::size).sum();
    let (bar, template) = match total {
        Some(t) => (
            indicatif::ProgressBar::new(t),
            "{spinner} {msg:>12} [{bar:30}] {decimal_bytes}/{decimal_total_bytes} {decimal_bytes_per_sec} ETA {eta}",
        ),
        None => (
            indicatif::ProgressBar::no_length(),
            "{spinner} {msg:>12} {decimal_bytes} {decimal_bytes_per_sec} {elapsed}",
        ),
    };
    bar.set_draw_target(indicatif::ProgressDrawTarget::stderr());
    if let Ok(style) = indicatif::ProgressStyle::with_template(template) {
        bar.set_style(style.progress_chars("=> "));
    }
    Some(bar)
}
