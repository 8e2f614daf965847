//! Where documents come from: files, folders, gzip and standard input, read
//! as whole texts or as JSON Lines; and every message about bad input.

use std::borrow::Cow;
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use flate2::bufread::MultiGzDecoder;
use serde::Deserialize;
use serde_json::value::RawValue;

/// One input named on the command line, after folders are walked.
#[derive(Debug)]
pub enum Source {
    /// Standard input.
    Stdin,
    /// A file.
    File(PathBuf),
    /// A path that cannot be read, or a folder that cannot be walked: the message.
    Bad(String),
}

impl Source {
    /// The name used in messages and as a document id.
    pub fn name(&self) -> String {
        match self {
            Source::Stdin => "<stdin>".to_string(),
            Source::File(p) => p.display().to_string(),
            Source::Bad(_) => String::new(),
        }
    }

    /// The size in bytes, when known (for the progress bar).
    pub fn size(&self) -> Option<u64> {
        match self {
            Source::File(p) => std::fs::metadata(p).ok().map(|m| m.len()),
            _ => None,
        }
    }
}

/// The sources of the command line: `-` is standard input, folders are read
/// recursively in name order (the files whose path matches one of `globs`,
/// or every file; hidden files and folders are skipped), no input at all is
/// standard input.
pub fn sources(inputs: &[PathBuf], globs: &[glob::Pattern]) -> Vec<Source> {
    if inputs.is_empty() {
        return vec![Source::Stdin];
    }
    let mut out = Vec::new();
    for p in inputs {
        if p.as_os_str() == "-" {
            out.push(Source::Stdin);
        } else if p.is_dir() {
            walk(p, globs, &mut out);
        } else {
            out.push(Source::File(p.clone()));
        }
    }
    out
}

fn walk(dir: &Path, globs: &[glob::Pattern], out: &mut Vec<Source>) {
    let opts = glob::MatchOptions {
        case_sensitive: true,
        require_literal_separator: false,
        require_literal_leading_dot: true,
    };
    let walker = walkdir::WalkDir::new(dir).follow_links(true).sort_by_file_name().into_iter();
    // Hidden files and folders (".git", ".DS_Store") are skipped.
    let hidden = |e: &walkdir::DirEntry| e.depth() > 0 && e.file_name().to_string_lossy().starts_with('.');
    for entry in walker.filter_entry(|e| !hidden(e)) {
        match entry {
            Ok(e) if e.file_type().is_file() => {
                let rel = e.path().strip_prefix(dir).unwrap_or(e.path());
                if globs.is_empty() || globs.iter().any(|g| g.matches_path_with(rel, opts)) {
                    out.push(Source::File(e.into_path()));
                }
            }
            Ok(_) => {}
            Err(e) => {
                let at = e.path().map_or_else(|| dir.display().to_string(), |p| p.display().to_string());
                let why = e.io_error().map_or_else(|| e.to_string(), |io| io.to_string());
                out.push(Source::Bad(format!("{}: cannot read: {}", at, why)));
            }
        }
    }
}

/// What the first bytes of a file say it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Magic {
    Gzip,
    /// A compression gazette does not read: its name and the command that undoes it.
    Other(&'static str, &'static str),
    Plain,
}

fn magic(head: &[u8]) -> Magic {
    match head {
        [0x1F, 0x8B, ..] => Magic::Gzip,
        [0x28, 0xB5, 0x2F, 0xFD, ..] => Magic::Other("zstd", "zstd -d"),
        [b'B', b'Z', b'h', ..] => Magic::Other("bzip2", "bunzip2"),
        [0xFD, b'7', b'z', b'X', b'Z', 0, ..] => Magic::Other("xz", "unxz"),
        [b'P', b'K', 3, 4, ..] => Magic::Other("a zip archive", "unzip"),
        [b'7', b'z', 0xBC, 0xAF, ..] => Magic::Other("a 7-Zip archive", "7z x"),
        _ => Magic::Plain,
    }
}

/// An open input: its bytes (decompressed when gzip) and how many raw bytes
/// were read so far (for the progress bar).
pub struct Opened {
    /// The name for messages.
    pub name: String,
    /// Whether it is gzip: offsets then count in the decompressed text.
    pub gzip: bool,
    /// The decompressed bytes.
    pub reader: Box<dyn BufRead + Send>,
    /// How many bytes a plain file holds: a whole text is read into a
    /// buffer of that size, not one that doubles as it fills (whose
    /// outgrown copies the allocator may keep).
    pub size: Option<u64>,
}

/// A reader that adds the bytes it reads to a progress bar.
struct Counting<R> {
    inner: R,
    progress: Option<indicatif::ProgressBar>,
}

impl<R: Read> Read for Counting<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if let Some(p) = &self.progress {
            p.inc(n as u64);
        }
        Ok(n)
    }
}

/// Opens a source: gzip by its magic bytes, not by its name; other
/// compressions are an error that says how to undo them.
pub fn open(src: &Source, progress: Option<indicatif::ProgressBar>) -> Result<Opened, String> {
    let name = src.name();
    let mut size = None;
    let raw: Box<dyn Read + Send> = match src {
        Source::Stdin => Box::new(io::stdin()),
        Source::File(p) => match File::open(p) {
            Ok(f) if f.metadata().is_ok_and(|m| m.is_dir()) => {
                return Err(format!("{}: cannot read: Is a directory (os error 21)", name))
            }
            Ok(f) => {
                size = f.metadata().ok().map(|m| m.len());
                Box::new(f)
            }
            Err(e) => return Err(format!("{}: cannot read: {}", name, e)),
        },
        Source::Bad(msg) => return Err(msg.clone()),
    };
    let mut buf = BufReader::with_capacity(1 << 16, Counting { inner: raw, progress });
    let head = buf.fill_buf().map_err(|e| format!("{}: cannot read: {}", name, e))?;
    match magic(head) {
        Magic::Gzip => {
            let gz = MultiGzDecoder::new(buf);
            Ok(Opened { name, gzip: true, reader: Box::new(BufReader::with_capacity(1 << 16, gz)), size: None })
        }
        Magic::Other(what, undo) => Err(format!(
            "{}: compressed with {}, which gazette does not read (it reads text and gzip): decompress it first ({})",
            name, what, undo
        )),
        Magic::Plain => Ok(Opened { name, gzip: false, reader: Box::new(buf), size }),
    }
}

/// An I/O error while reading `o`, named (for gzip: a damaged stream).
pub fn read_error(o: &Opened, e: &io::Error) -> String {
    if o.gzip
        && matches!(e.kind(), io::ErrorKind::InvalidInput | io::ErrorKind::InvalidData | io::ErrorKind::UnexpectedEof)
    {
        format!("{}: the gzip stream is damaged or cut short: {}", o.name, e)
    } else {
        format!("{}: cannot read: {}", o.name, e)
    }
}

/// Reads a whole input as one text.
pub fn read_all(mut o: Opened) -> Result<(String, Vec<u8>, bool), String> {
    // The size is a hint (a file may grow while read): capped, so that a
    // wrong one costs no more than a doubling would.
    let hint = o.size.map_or(0, |n| usize::try_from(n).unwrap_or(0).min(1 << 32));
    let mut bytes = Vec::new();
    if bytes.try_reserve_exact(hint).is_err() {
        bytes = Vec::new();
    }
    match o.reader.read_to_end(&mut bytes) {
        Ok(_) => Ok((o.name, bytes, o.gzip)),
        Err(e) => Err(read_error(&o, &e)),
    }
}

/// The text of a whole input: invalid UTF-8 is an error naming the input and
/// the byte, or with `lossy` is replaced by U+FFFD.
pub fn decode(name: &str, bytes: Vec<u8>, gzip: bool, lossy: bool) -> Result<String, String> {
    match String::from_utf8(bytes) {
        Ok(s) => Ok(s),
        Err(e) if lossy => Ok(String::from_utf8_lossy(e.as_bytes()).into_owned()),
        Err(e) => {
            let at = e.utf8_error().valid_up_to();
            let of = if gzip { " of the decompressed text" } else { "" };
            Err(format!("{}: invalid UTF-8 at byte {}{} (use --lossy to replace it)", name, at, of))
        }
    }
}

/// One line of a JSON Lines input, as read.
pub struct Line {
    /// The input's name.
    pub name: std::sync::Arc<str>,
    /// 1-based line number.
    pub no: u64,
    /// Byte offset of the line in the (decompressed) input.
    pub at: u64,
    /// The first line of its input (where a byte-order mark is allowed).
    pub first: bool,
    /// Whether the input is gzip.
    pub gzip: bool,
    /// The bytes, without the line end.
    pub bytes: Vec<u8>,
}

/// A document read from a JSON Lines line: the raw id token and the text.
pub struct JsonDoc {
    /// The id exactly as written (`null` when absent).
    pub id: String,
    /// The text.
    pub text: String,
}

/// A bad line: the message, and the id when it could be read.
pub struct BadLine {
    /// `name:line: what is wrong`.
    pub msg: String,
    /// The raw id token, when the line held one.
    pub id: Option<String>,
}

#[derive(Deserialize)]
struct LineIn<'a> {
    #[serde(borrow, default)]
    id: Option<&'a RawValue>,
    #[serde(default)]
    text: Option<String>,
}

/// Parses one JSON Lines line into a document.
pub fn parse_line(line: &Line, lossy: bool) -> Result<JsonDoc, BadLine> {
    let here = format!("{}:{}", line.name, line.no);
    let bad = |msg: String, id: Option<String>| BadLine { msg: format!("{}: {}", here, msg), id };
    let mut bytes = &line.bytes[..];
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        // A byte-order mark is allowed before the first line only; inside a
        // file it is the trace of files joined with `cat`.
        if !line.first && !lossy {
            return Err(bad(
                "the line starts with a byte-order mark (BOM, U+FEFF), which only the first line of a file may have \
                 (were files with BOMs joined?); remove it, or use --lossy to skip it"
                    .to_string(),
                salvage_id(rest),
            ));
        }
        bytes = rest;
    }
    let text: Cow<str> = match std::str::from_utf8(bytes) {
        Ok(s) => Cow::Borrowed(s),
        Err(_) if lossy => String::from_utf8_lossy(bytes),
        Err(e) => {
            let skipped = line.bytes.len() - bytes.len();
            let in_line = skipped + e.valid_up_to();
            let of = if line.gzip { "decompressed input" } else { "file" };
            return Err(bad(
                format!(
                    "invalid UTF-8 at byte {} of the line (byte {} of the {}) (use --lossy to replace it)",
                    in_line,
                    line.at + in_line as u64,
                    of
                ),
                salvage_id(bytes),
            ));
        }
    };
    if text.trim().is_empty() {
        return Err(bad("blank line (every line must be a JSON object)".to_string(), None));
    }
    let repaired;
    let text: &str = if lossy && text.contains("\\u") {
        repaired = repair_surrogates(&text);
        &repaired
    } else {
        &text
    };
    if !text.trim_start().starts_with('{') {
        return Err(bad(json_error(text, None), None));
    }
    match serde_json::from_str::<LineIn>(text) {
        Ok(LineIn { id, text: Some(t) }) => {
            Ok(JsonDoc { id: id.map_or_else(|| "null".to_string(), |r| r.get().to_string()), text: t })
        }
        Ok(LineIn { id, text: None }) => {
            Err(bad("no string field \"text\"".to_string(), id.map(|r| r.get().to_string())))
        }
        Err(e) => Err(bad(json_error(text, Some(&e)), salvage_id(text.as_bytes()))),
    }
}

/// The id of a line that is otherwise bad, when it can be read.
fn salvage_id(bytes: &[u8]) -> Option<String> {
    #[derive(Deserialize)]
    struct IdOnly<'a> {
        #[serde(borrow)]
        id: Option<&'a RawValue>,
    }
    let s = String::from_utf8_lossy(bytes);
    let s = repair_surrogates(&s);
    serde_json::from_str::<IdOnly>(&s).ok().and_then(|i| i.id.map(|r| r.get().to_string()))
}

/// What is wrong with a line that serde_json rejects, in words.
fn json_error(text: &str, e: Option<&serde_json::Error>) -> String {
    let not_object = "not a JSON object (every line must be {\"id\": ..., \"text\": \"...\"})";
    let Some(e) = e else {
        return match serde_json::from_str::<serde_json::Value>(text) {
            Ok(_) => not_object.to_string(),
            Err(e) => format!("not JSON: {}", e),
        };
    };
    let msg = e.to_string();
    // serde_json says "unexpected end of hex escape" or "lone leading
    // surrogate": name the escape and where it is.
    if e.classify() == serde_json::error::Category::Syntax {
        if let Some(&(at, v)) = lone_surrogates(text).first() {
            let col = text.get(..at).map_or(0, |t| t.chars().count()) + 1;
            return format!(
                "a lone surrogate escape \\u{:04X} at column {}: JSON strings must hold whole UTF-16 pairs \
                 (use --lossy to replace it with U+FFFD)",
                v, col
            );
        }
    }
    match e.classify() {
        serde_json::error::Category::Data => match serde_json::from_str::<serde_json::Value>(text) {
            Ok(v) if !v.is_object() => not_object.to_string(),
            Ok(v) if v.get("text").is_some_and(|t| t.is_string()) => msg,
            Ok(_) => "no string field \"text\"".to_string(),
            Err(_) => format!("not JSON: {}", msg),
        },
        _ => format!("not JSON: {}", msg),
    }
}

/// The `\uD800`..`\uDFFF` escapes of a JSON text that are not half of a
/// pair: their byte offsets and values.
fn lone_surrogates(text: &str) -> Vec<(usize, u32)> {
    let b = text.as_bytes();
    let hex = |i: usize| -> Option<u32> {
        let s = text.get(i..i + 4)?;
        if s.bytes().all(|c| c.is_ascii_hexdigit()) {
            u32::from_str_radix(s, 16).ok()
        } else {
            None
        }
    };
    let mut out = Vec::new();
    let mut i = 0;
    while i + 1 < b.len() {
        if b[i] != b'\\' {
            i += 1;
            continue;
        }
        if b[i + 1] != b'u' {
            i += 2; // `\\`, `\"` and the like
            continue;
        }
        match hex(i + 2) {
            Some(v @ 0xD800..=0xDBFF) => {
                let low = (b.get(i + 6) == Some(&b'\\') && b.get(i + 7) == Some(&b'u'))
                    .then(|| hex(i + 8))
                    .flatten()
                    .filter(|l| (0xDC00..=0xDFFF).contains(l));
                if low.is_some() {
                    i += 12;
                } else {
                    out.push((i, v));
                    i += 6;
                }
            }
            Some(v @ 0xDC00..=0xDFFF) => {
                out.push((i, v));
                i += 6;
            }
            _ => i += 2,
        }
    }
    out
}

/// The text with every lone surrogate escape replaced by `\uFFFD`.
fn repair_surrogates(text: &str) -> String {
    let lone = lone_surrogates(text);
    if lone.is_empty() {
        return text.to_string();
    }
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for (at, _) in lone {
        out.push_str(&text[last..at]);
        out.push_str("\\uFFFD");
        last = at + 6;
    }
    out.push_str(&text[last..]);
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn surrogates() {
        type Row<'a> = (&'a str, &'a [(usize, u32)], &'a str);
        let table: &[Row] = &[
            (r#""a\ud800b""#, &[(2, 0xD800)], r#""a\uFFFDb""#),
            (r#""\ud83d\ude00""#, &[], r#""\ud83d\ude00""#),
            (r#""\\ud800""#, &[], r#""\\ud800""#),
            (r#""\udc00\ud800""#, &[(1, 0xDC00), (7, 0xD800)], r#""\uFFFD\uFFFD""#),
            (r#""\ud800\u0041""#, &[(1, 0xD800)], r#""\uFFFD\u0041""#),
        ];
        for (text, lone, repaired) in table {
            assert_eq!(&lone_surrogates(text), lone, "{text}");
            assert_eq!(&repair_surrogates(text), repaired, "{text}");
        }
    }

    #[test]
    fn magic_bytes() {
        let table: &[(&[u8], Magic)] = &[
            (b"\x1F\x8B\x08\x00", Magic::Gzip),
            (b"\x28\xB5\x2F\xFD\x00", Magic::Other("zstd", "zstd -d")),
            (b"BZh91AY", Magic::Other("bzip2", "bunzip2")),
            (b"Iraq and Syria", Magic::Plain),
            (b"", Magic::Plain),
        ];
        for (head, want) in table {
            assert_eq!(magic(head), *want, "{head:?}");
        }
    }
}
