//! The output formats: each document is rendered on a worker thread into a
//! [`Chunk`], and one [`Sink`] writes the chunks in input order.

use std::collections::HashMap;
use std::io::{self, Write};
use std::path::PathBuf;

use gazette::{Analysis, Extractor};

use crate::args::{Format, Table, Unit};

pub mod brat;
pub mod conll;
pub mod html;
pub mod table;
pub mod text;

/// One analysed document.
pub struct Doc {
    /// The document's place in the input, from 0.
    pub seq: u64,
    /// Whether it is a whole file (else a JSON Lines line).
    pub file: bool,
    /// The id as a JSON token, exactly as the input gave it (`"a-1"`, `1E2`,
    /// `null`); for a file, its name as a JSON string.
    pub id_json: String,
    /// A readable name: the file name, the id, or `line N`.
    pub name: String,
    /// The text.
    pub text: String,
    /// What gazette found.
    pub analysis: Analysis,
}

impl Doc {
    /// The id as plain text: a JSON string unquoted, `null` empty, any other
    /// token as written.
    pub fn id_plain(&self) -> String {
        plain_id(&self.id_json)
    }
}

/// The target of each entity's first `member_of` relation (its group or
/// country), found once per document: a scan of every relation per quote
/// grows with the square of a long text.
pub fn first_memberships(a: &Analysis) -> HashMap<usize, Option<usize>> {
    let mut member_of = HashMap::new();
    for r in a.relations.iter().filter(|r| r.kind == gazette::RelationKind::MemberOf) {
        member_of.entry(r.source).or_insert(r.target);
    }
    member_of
}

/// A raw JSON id as plain text.
pub fn plain_id(raw: &str) -> String {
    match serde_json::from_str::<serde_json::Value>(raw) {
        Ok(serde_json::Value::String(s)) => s,
        Ok(serde_json::Value::Null) => String::new(),
        _ => raw.to_string(),
    }
}

/// What a worker hands to the sink for one document.
pub enum Chunk {
    /// Bytes to write as they are.
    Bytes(Vec<u8>),
    /// Table rows (Parquet).
    Rows(Vec<table::Row>),
    /// brat files: a name stem, the text and the annotations.
    Brat { stem: String, txt: String, ann: String },
    /// A long document's JSON Lines line or JSON object, written by the
    /// sink straight to the output: its JSON is several times the text,
    /// and is never held in memory beside the analysis.
    Stream(Box<Doc>, Unit),
}

/// From this many bytes of text, a JSON or JSON Lines document is written
/// by the sink as it is serialised (see [`Chunk::Stream`]); shorter ones
/// are rendered on the workers.
const STREAM_BYTES: usize = 1 << 20;

/// How documents are rendered: shared by the workers.
pub struct Render {
    /// The format.
    pub format: Format,
    /// The table of csv and parquet, with the optional columns found.
    pub table: table::Spec,
    /// The offset unit.
    pub unit: Unit,
    /// More than one document may come (JSON Lines or several files).
    pub several: bool,
    /// For the segmenter (CoNLL).
    pub ex: Extractor,
}

impl Render {
    /// Whether `doc` goes to the sink unrendered ([`Chunk::Stream`]): a
    /// long text in JSON or JSON Lines.
    pub fn streams(&self, doc: &Doc) -> bool {
        matches!(self.format, Format::Jsonl | Format::Json) && doc.text.len() >= STREAM_BYTES
    }

    /// Renders one document.
    pub fn render(&self, doc: &Doc) -> Result<Chunk, String> {
        let json_err = |e: io::Error| format!("{}: cannot write JSON: {}", doc.name, e);
        Ok(match self.format {
            Format::Text => {
                let mut out = Vec::new();
                if self.several {
                    let _ = writeln!(out, "== {}", doc.name);
                }
                text::report(&mut out, &doc.text, &doc.analysis);
                Chunk::Bytes(out)
            }
            Format::Jsonl => {
                let mut out = Vec::with_capacity(json_size_hint(doc));
                write_jsonl(doc, self.unit, &mut out).map_err(json_err)?;
                Chunk::Bytes(out)
            }
            Format::Json => {
                let mut out = Vec::with_capacity(json_size_hint(doc));
                write_json(doc, self.unit, &mut out).map_err(json_err)?;
                Chunk::Bytes(out)
            }
            Format::Csv => Chunk::Bytes(self.table.csv(doc, self.unit).map_err(|e| e.to_string())?),
            Format::Parquet => Chunk::Rows(self.table.rows(doc, self.unit)),
            Format::Brat => {
                let (stem, ann) = brat::ann(doc);
                Chunk::Brat { stem, txt: doc.text.clone(), ann }
            }
            Format::Conll => {
                let mut out = Vec::new();
                if self.several {
                    let _ = writeln!(out, "-DOCSTART-\tO\n");
                }
                conll::write(&mut out, &self.ex, &doc.text, &doc.analysis);
                Chunk::Bytes(out)
            }
            Format::Html => Chunk::Bytes(html::document(doc).into_bytes()),
        })
    }
}

/// About how long `doc`'s JSON line will be, a little more rather than
/// less: the buffer it is written into then grows at most once (pretty
/// JSON, whose indents it does not count, about once), where starting from
/// the text's length (the JSON of a news text is about six times as long)
/// it grew, copying, three times.
fn json_size_hint(doc: &Doc) -> usize {
    let a = &doc.analysis;
    let mentions: usize = a.mentions.iter().map(|m| m.text.len() + 96).sum();
    let quotes: usize =
        a.quotes.iter().map(|q| q.text.len() + q.speaker.as_ref().map_or(0, |s| s.text.len()) + 320).sum();
    let entities: usize = a.entities.iter().map(|e| e.name.len() + 96 + 40 * e.attributes.len()).sum();
    64 + doc.id_json.len() + mentions + quotes + entities + 160 * a.relations.len()
}

/// One document's JSON Lines line, `{"id": ..., "entities": ...}\n`,
/// serialised straight into `out` (no second copy of a large document's
/// JSON), offsets in `unit`: the worker writes it into its chunk, the sink
/// a long document's to the output ([`Chunk::Stream`]).
fn write_jsonl(doc: &Doc, unit: Unit, mut out: impl Write) -> io::Result<()> {
    write_object(doc, unit, false, &mut out)?;
    out.write_all(b"\n")
}

/// One document's object in `--format json`: `{"id": ..., ...}`, pretty,
/// with no line end (the sink puts the commas and the end).
fn write_json(doc: &Doc, unit: Unit, out: impl Write) -> io::Result<()> {
    write_object(doc, unit, true, out)
}

/// The id exactly as the input gave it, then the analysis's fields,
/// serialised straight into `out`, offsets in `unit`.
fn write_object(doc: &Doc, unit: Unit, pretty: bool, mut out: impl Write) -> io::Result<()> {
    #[derive(serde::Serialize)]
    struct Line<'a, A> {
        id: &'a serde_json::value::RawValue,
        #[serde(flatten)]
        analysis: A,
    }
    fn write(out: impl Write, value: &impl serde::Serialize, pretty: bool) -> serde_json::Result<()> {
        if pretty {
            serde_json::to_writer_pretty(out, value)
        } else {
            serde_json::to_writer(out, value)
        }
    }
    let id = serde_json::from_str(&doc.id_json)?;
    match crate::offsets::map(&doc.text, unit) {
        None => write(&mut out, &Line { id, analysis: &doc.analysis }, pretty)?,
        Some(o) => {
            // The id as it came (never converted), then the analysis with
            // its offsets converted as it is written, less its opening brace
            // (and, pretty, its line end).
            let (open, skip) = if pretty { ("{\n  \"id\": ", 2) } else { ("{\"id\":", 1) };
            out.write_all(open.as_bytes())?;
            out.write_all(id.get().as_bytes())?;
            out.write_all(if pretty { b",\n" } else { b"," })?;
            let mut w = crate::offsets::OffsetWriter::new(&mut out, &o, skip);
            write(&mut w, &doc.analysis, pretty)?;
            w.finish()?;
        }
    }
    Ok(())
}

/// Where the chunks go, in order.
pub struct Sink {
    format: Format,
    several: bool,
    out: Box<dyn Write + Send>,
    written: usize,
    table: table::Spec,
    #[cfg(feature = "parquet")]
    parquet: Option<table::parquet::Writer>,
    brat: Option<brat::Folder>,
}

impl Sink {
    /// A sink writing `format` to `out` (or, for brat, into the folder `dir`).
    pub fn new(
        format: Format,
        several: bool,
        out: Box<dyn Write + Send>,
        table: table::Spec,
        dir: Option<PathBuf>,
    ) -> io::Result<Sink> {
        let brat = match (format, dir) {
            (Format::Brat, Some(d)) => Some(brat::Folder::new(d)?),
            _ => None,
        };
        Ok(Sink {
            format,
            several,
            out,
            written: 0,
            table,
            #[cfg(feature = "parquet")]
            parquet: None,
            brat,
        })
    }

    /// What comes before the first document.
    pub fn begin(&mut self) -> io::Result<()> {
        match self.format {
            Format::Csv => {
                let header = table::csv_rows(&[self.table.header()])?;
                self.out.write_all(&header)
            }
            Format::Json if self.several => self.out.write_all(b"[\n"),
            Format::Html => self.out.write_all(html::HEAD.as_bytes()),
            #[cfg(feature = "parquet")]
            Format::Parquet => {
                // The Parquet writer owns the output until the end.
                let out = std::mem::replace(&mut self.out, Box::new(io::sink()));
                self.parquet = Some(table::parquet::Writer::new(&self.table, out)?);
                Ok(())
            }
            _ => Ok(()),
        }
    }

    /// One document.
    pub fn doc(&mut self, chunk: Chunk) -> io::Result<()> {
        if self.format == Format::Json && self.several && self.written > 0 {
            self.out.write_all(b",\n")?;
        }
        self.written += 1;
        match chunk {
            Chunk::Bytes(b) => self.out.write_all(&b),
            Chunk::Rows(rows) => {
                #[cfg(feature = "parquet")]
                if let Some(p) = &mut self.parquet {
                    return p.push(rows);
                }
                let _ = rows;
                Ok(())
            }
            Chunk::Brat { stem, txt, ann } => match &mut self.brat {
                Some(f) => f.write(&stem, &txt, &ann),
                None => self.out.write_all(ann.as_bytes()),
            },
            Chunk::Stream(doc, unit) => {
                // Buffered here: the serialiser writes a few bytes at a time,
                // and each write to the boxed output costs a call.
                let mut w = io::BufWriter::with_capacity(1 << 16, &mut self.out);
                if self.format == Format::Json {
                    write_json(&doc, unit, &mut w)?;
                } else {
                    write_jsonl(&doc, unit, &mut w)?;
                }
                w.flush()
            }
        }
    }

    /// A bad document, in its place: JSON formats get `{"id", "error"}`.
    pub fn bad(&mut self, id_json: Option<&str>, msg: &str) -> io::Result<()> {
        let obj = format!(
            "{{\"id\":{},\"error\":{}}}",
            id_json.unwrap_or("null"),
            serde_json::to_string(msg).unwrap_or_else(|_| "\"?\"".to_string())
        );
        match self.format {
            Format::Jsonl => writeln!(self.out, "{}", obj),
            Format::Json => self.doc(Chunk::Bytes(obj.into_bytes())),
            _ => Ok(()),
        }
    }

    /// Pushes what is buffered to the reader.
    pub fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }

    /// What comes after the last document; flushes.
    pub fn end(&mut self) -> io::Result<()> {
        match self.format {
            Format::Json if self.several => self.out.write_all(b"\n]\n")?,
            Format::Json if self.written > 0 => self.out.write_all(b"\n")?,
            Format::Html => self.out.write_all(html::FOOT.as_bytes())?,
            #[cfg(feature = "parquet")]
            Format::Parquet => {
                if let Some(p) = self.parquet.take() {
                    self.out = p.finish()?;
                }
            }
            _ => {}
        }
        self.out.flush()
    }
}

/// The table spec when no table is written (anything but csv and parquet).
pub fn no_table(table: Table) -> table::Spec {
    table::Spec { table, rule: false, cue_class: false }
}
