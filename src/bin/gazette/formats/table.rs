//! The two tables of `--format csv` and `--format parquet`: statements and
//! mentions, one row each.
//!
//! Each row is read from its quote or mention serialised as JSON, so fields
//! the library adds later (a quote's `rule`, a cue's `class`) show up as
//! columns when the library has them, without a change here. CSV rows are
//! written as they are made.

use std::io;

use serde_json::Value;

use super::Doc;
use crate::args::{Table, Unit};
use crate::offsets::Offsets;

/// A cell.
#[derive(Clone, Debug, PartialEq)]
pub enum Cell {
    /// Text, or nothing.
    Str(Option<String>),
    /// A count or offset, or nothing.
    Int(Option<u64>),
    /// A number, or nothing.
    Float(Option<f64>),
}

/// One row.
pub type Row = Vec<Cell>;

/// The type of a column.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Type {
    /// Text.
    Str,
    /// Unsigned integer.
    Int,
    /// Floating point.
    Float,
}

/// Which table, and which optional columns the library's output has.
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    /// Quotes or mentions.
    pub table: Table,
    /// A `rule` column (the rule that found the quote or mention).
    pub rule: bool,
    /// A `cue_class` column (the class of the cue: say, claim, deny, ...).
    pub cue_class: bool,
}

impl Spec {
    /// The spec for `table`, the optional columns found by analysing a
    /// probe sentence and looking at the JSON the library writes.
    pub fn probe(table: Table, ex: &gazette::Extractor) -> Spec {
        let a = ex.extract("“We will not wait,” Foreign Minister Amal Haddad said in Amman on Sunday.");
        let v = serde_json::to_value(&a).unwrap_or(Value::Null);
        let first = |k: &str| v.get(k).and_then(|xs| xs.get(0)).cloned().unwrap_or(Value::Null);
        let (q, m) = (first("quotes"), first("mentions"));
        let rule = match table {
            Table::Quotes => q.get("rule").is_some(),
            Table::Mentions => m.get("rule").is_some(),
        };
        let cue_class = table == Table::Quotes && q.get("cue").and_then(|c| c.get("class")).is_some();
        Spec { table, rule, cue_class }
    }

    /// The columns: name and type.
    pub fn columns(&self) -> Vec<(&'static str, Type)> {
        use Type::*;
        let mut c = match self.table {
            Table::Quotes => vec![
                ("doc_id", Str),
                ("kind", Str),
                ("text", Str),
                ("start", Int),
                ("end", Int),
                ("speaker", Str),
                ("speaker_key", Str),
                ("speaker_name", Str),
                ("affiliation", Str),
                ("cue", Str),
            ],
            Table::Mentions => vec![
                ("doc_id", Str),
                ("kind", Str),
                ("text", Str),
                ("start", Int),
                ("end", Int),
                ("entity_key", Str),
                ("entity_name", Str),
            ],
        };
        if self.cue_class {
            c.push(("cue_class", Str));
        }
        if self.table == Table::Quotes {
            c.push(("confidence", Float));
        }
        if self.rule {
            c.push(("rule", Str));
        }
        c
    }

    /// The header row.
    pub fn header(&self) -> Row {
        self.columns().into_iter().map(|(n, _)| Cell::Str(Some(n.to_string()))).collect()
    }

    /// The rows of one document.
    pub fn rows(&self, doc: &Doc, unit: Unit) -> Vec<Row> {
        let mut rows = Vec::new();
        self.for_each_row(doc, unit, |r| rows.push(r));
        rows
    }

    /// The rows of one document as CSV, written as they are made: a long
    /// document's rows are never all held at once.
    pub fn csv(&self, doc: &Doc, unit: Unit) -> io::Result<Vec<u8>> {
        let mut w = csv_writer();
        let mut res = Ok(());
        self.for_each_row(doc, unit, |r| {
            if res.is_ok() {
                res = write_row(&mut w, &r);
            }
        });
        res?;
        w.into_inner().map_err(|e| io::Error::other(e.to_string()))
    }

    /// Calls `f` with each row of one document, in order. Each quote or
    /// mention is serialised on its own (its offsets in `unit`), and read
    /// from that JSON: a field the library adds shows up as its column
    /// without a change here, and a long document is never held as one
    /// JSON tree.
    pub fn for_each_row(&self, doc: &Doc, unit: Unit, mut f: impl FnMut(Row)) {
        let offsets = crate::offsets::map(&doc.text, unit);
        let a = &doc.analysis;
        let id = doc.id_plain();
        let entity = |i: Option<u64>| i.and_then(|i| a.entities.get(i as usize));
        let key = |e: Option<&gazette::Entity>| Cell::Str(e.and_then(|e| e.key.clone()));
        let name = |e: Option<&gazette::Entity>| Cell::Str(e.map(|e| e.name.clone()));
        let s = |x: Option<&Value>| Cell::Str(x.and_then(Value::as_str).map(str::to_string));
        let int = |x: Option<&Value>| Cell::Int(x.and_then(Value::as_u64));
        match self.table {
            Table::Mentions => {
                for m in &a.mentions {
                    let m = item_json(m, offsets.as_ref());
                    let e = entity(m.get("entity").and_then(Value::as_u64));
                    let mut r = vec![
                        Cell::Str(Some(id.clone())),
                        s(m.get("kind")),
                        s(m.get("text")),
                        int(m.get("start")),
                        int(m.get("end")),
                        key(e),
                        name(e),
                    ];
                    if self.rule {
                        r.push(s(m.get("rule")));
                    }
                    f(r);
                }
            }
            Table::Quotes => {
                // A speaker's group or country: the description's affiliation,
                // else the target of the entity's first membership.
                let first_membership = super::first_memberships(a);
                let member_of = |ent: u64| first_membership.get(&(ent as usize)).copied().flatten();
                for q in a.quotes.iter().filter(|q| q.kind != gazette::QuoteKind::Mention) {
                    // Scare quotes and titles (kind "mention") are no statement.
                    let q = item_json(q, offsets.as_ref());
                    let spk = q.get("speaker").filter(|s| !s.is_null());
                    let ent_id = spk.and_then(|s| s.get("entity")).and_then(Value::as_u64);
                    let e = entity(ent_id);
                    let aff = spk
                        .and_then(|s| s.get("affiliation"))
                        .and_then(Value::as_u64)
                        .or_else(|| ent_id.and_then(member_of).map(|t| t as u64));
                    let cue = q.get("cue").filter(|c| !c.is_null());
                    let mut r = vec![
                        Cell::Str(Some(id.clone())),
                        s(q.get("kind")),
                        s(q.get("text")),
                        int(q.get("start")),
                        int(q.get("end")),
                        s(spk.and_then(|s| s.get("text"))),
                        key(e),
                        name(e),
                        name(entity(aff)),
                        s(cue.and_then(|c| c.get("text"))),
                    ];
                    if self.cue_class {
                        r.push(s(cue.and_then(|c| c.get("class"))));
                    }
                    r.push(Cell::Float(
                        q.get("confidence").and_then(Value::as_f64).map(|c| (c * 1000.0).round() / 1000.0),
                    ));
                    if self.rule {
                        r.push(s(q.get("rule")));
                    }
                    f(r);
                }
            }
        }
    }
}

/// A quote or mention as JSON, its offsets in the unit of `offsets`.
fn item_json<T: serde::Serialize>(x: &T, offsets: Option<&Offsets<'_>>) -> Value {
    let mut v = serde_json::to_value(x).unwrap_or(Value::Null);
    if let Some(o) = offsets {
        crate::offsets::convert(o, &mut v);
    }
    v
}

fn csv_writer() -> csv::Writer<Vec<u8>> {
    csv::WriterBuilder::new().has_headers(false).from_writer(Vec::new())
}

fn write_row(w: &mut csv::Writer<Vec<u8>>, r: &Row) -> io::Result<()> {
    let cells = r.iter().map(|c| match c {
        Cell::Str(s) => s.clone().unwrap_or_default(),
        Cell::Int(i) => i.map(|i| i.to_string()).unwrap_or_default(),
        Cell::Float(f) => f.map(|f| f.to_string()).unwrap_or_default(),
    });
    w.write_record(cells).map_err(io::Error::other)
}

/// Rows as CSV (RFC 4180: quoted when needed, CRLF-free `\n` line ends).
pub fn csv_rows(rows: &[Row]) -> io::Result<Vec<u8>> {
    let mut w = csv_writer();
    for r in rows {
        write_row(&mut w, r)?;
    }
    w.into_inner().map_err(|e| io::Error::other(e.to_string()))
}

/// Parquet output: the rows of each few thousand documents become a record
/// batch; the file is finished when the input ends.
#[cfg(feature = "parquet")]
pub mod parquet {
    use std::io::{self, Write};
    use std::sync::Arc;

    use arrow_array::{ArrayRef, Float64Array, RecordBatch, StringArray, UInt64Array};
    use arrow_schema::{DataType, Field, Schema};
    use parquet::arrow::ArrowWriter;
    use parquet::file::properties::WriterProperties;

    use super::{Cell, Row, Spec, Type};

    /// Rows buffered before they are written as one record batch.
    const BATCH: usize = 8192;

    /// An open Parquet file.
    pub struct Writer {
        schema: Arc<Schema>,
        types: Vec<Type>,
        rows: Vec<Row>,
        w: ArrowWriter<Box<dyn Write + Send>>,
    }

    fn err(e: impl std::fmt::Display) -> io::Error {
        io::Error::other(format!("cannot write Parquet: {}", e))
    }

    impl Writer {
        /// Starts a file with the spec's columns.
        pub fn new(spec: &Spec, out: Box<dyn Write + Send>) -> io::Result<Writer> {
            let cols = spec.columns();
            let fields: Vec<Field> = cols
                .iter()
                .map(|&(n, t)| {
                    let dt = match t {
                        Type::Str => DataType::Utf8,
                        Type::Int => DataType::UInt64,
                        Type::Float => DataType::Float64,
                    };
                    Field::new(n, dt, n != "doc_id" && n != "kind")
                })
                .collect();
            let schema = Arc::new(Schema::new(fields));
            let props = WriterProperties::builder()
                .set_compression(parquet::basic::Compression::SNAPPY)
                .set_max_row_group_row_count(Some(64 * 1024))
                .build();
            let w = ArrowWriter::try_new(out, schema.clone(), Some(props)).map_err(err)?;
            Ok(Writer { schema, types: cols.iter().map(|c| c.1).collect(), rows: Vec::new(), w })
        }

        /// Adds one document's rows.
        pub fn push(&mut self, rows: Vec<Row>) -> io::Result<()> {
            self.rows.extend(rows);
            if self.rows.len() >= BATCH {
                self.write_batch()?;
            }
            Ok(())
        }

        fn write_batch(&mut self) -> io::Result<()> {
            if self.rows.is_empty() {
                return Ok(());
            }
            let rows = std::mem::take(&mut self.rows);
            let arrays: Vec<ArrayRef> = self
                .types
                .iter()
                .enumerate()
                .map(|(i, t)| -> ArrayRef {
                    let cell = |r: &Row| r.get(i).cloned();
                    match t {
                        Type::Str => Arc::new(StringArray::from_iter(rows.iter().map(|r| match cell(r) {
                            Some(Cell::Str(s)) => s,
                            _ => None,
                        }))),
                        Type::Int => Arc::new(UInt64Array::from_iter(rows.iter().map(|r| match cell(r) {
                            Some(Cell::Int(v)) => v,
                            _ => None,
                        }))),
                        Type::Float => Arc::new(Float64Array::from_iter(rows.iter().map(|r| match cell(r) {
                            Some(Cell::Float(v)) => v,
                            _ => None,
                        }))),
                    }
                })
                .collect();
            let batch = RecordBatch::try_new(self.schema.clone(), arrays).map_err(err)?;
            self.w.write(&batch).map_err(err)
        }

        /// Writes what is left and the footer.
        pub fn finish(mut self) -> io::Result<Box<dyn Write + Send>> {
            self.write_batch()?;
            self.w.into_inner().map_err(err)
        }
    }
}
