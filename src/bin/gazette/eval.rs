//! `gazette eval`: gazette against gold annotations.
//!
//! The figures are those of the project's `score.py` (and equal to them on
//! the same files): per label, precision, recall and F1 over exact spans
//! (predicted mentions that are not gold but overlap an optional gold span
//! count for nothing); micro figures over the labels; direct quotes found and
//! their speakers right; reported statements found and their speakers right.
//! Beside them: the same precision, recall and F1 when any overlap counts,
//! and a confusion table of kinds over exact spans.
//!
//! Gold offsets count chars; gazette's count bytes and are converted.

use std::collections::{BTreeMap, HashMap, HashSet};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use gazette::{Analysis, Extractor, Kind, QuoteKind};
use serde_json::Value;

use crate::args::{EvalArgs, GoldFormat};
use crate::offsets;
use crate::warn;

/// A gold mention: char offsets and label.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span3 {
    start: i64,
    end: i64,
    label: String,
}

/// A gold direct quote.
#[derive(Clone, Debug)]
pub struct GoldQuote {
    start: i64,
    end: i64,
    speakers: Vec<String>,
}

/// A gold reported statement: where it starts, and its first words.
#[derive(Clone, Debug)]
pub struct GoldIndirect {
    start: i64,
    prefix: String,
    speakers: Vec<String>,
}

/// One gold document.
#[derive(Clone, Debug, Default)]
pub struct GoldDoc {
    id: String,
    text: String,
    /// `None`: the gold has no entities for this document (quotes only).
    entities: Option<Vec<Span3>>,
    optional: Vec<(i64, i64)>,
    quotes: Vec<GoldQuote>,
    indirect: Vec<GoldIndirect>,
}

pub fn main(a: &EvalArgs) -> ExitCode {
    match run(a) {
        Ok(out) => {
            use std::io::Write;
            let mut so = std::io::stdout().lock();
            match so.write_all(out.as_bytes()).and_then(|()| so.flush()) {
                Ok(()) => ExitCode::SUCCESS,
                Err(e) if e.kind() == std::io::ErrorKind::BrokenPipe => ExitCode::SUCCESS,
                Err(e) => {
                    warn(&format!("cannot write output: {}", e));
                    ExitCode::from(1)
                }
            }
        }
        Err(e) => {
            warn(&e);
            ExitCode::from(1)
        }
    }
}

fn run(a: &EvalArgs) -> Result<String, String> {
    let format = match a.format {
        Some(f) => f,
        None => guess_format(&a.gold)?,
    };
    let docs = match format {
        GoldFormat::Jsonl => {
            if a.gold.len() != 1 {
                return Err("JSON Lines gold is one file".to_string());
            }
            load_jsonl(&a.gold[0])?
        }
        GoldFormat::Conll => {
            if a.gold.len() != 1 {
                return Err("CoNLL gold is one file".to_string());
            }
            load_conll(&a.gold[0], &a.texts, &a.labels)?
        }
        GoldFormat::Brat => load_brat(&a.gold, &a.labels)?,
    };
    let ex = crate::lists::extractor(&a.gazetteer)?;
    let labels: Vec<String> = a.labels.iter().map(|l| l.trim().to_string()).filter(|l| !l.is_empty()).collect();
    let s = score(&docs, &labels, &ex);
    Ok(if a.json { s.json(&labels) } else { s.text(&labels, docs.len(), a.errors) })
}

fn guess_format(gold: &[PathBuf]) -> Result<GoldFormat, String> {
    let first = gold.first().ok_or("no gold file")?;
    let name = first.to_string_lossy().to_lowercase();
    if first.is_dir() || name.ends_with(".ann") {
        Ok(GoldFormat::Brat)
    } else if name.ends_with(".jsonl") || name.ends_with(".json") {
        Ok(GoldFormat::Jsonl)
    } else if [".conll", ".bio", ".iob", ".iob2", ".tsv", ".txt"].iter().any(|e| name.ends_with(e)) {
        Ok(GoldFormat::Conll)
    } else {
        Err(format!("{}: which gold format? give --format jsonl, conll or brat", first.display()))
    }
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: cannot read: {}", path.display(), e))
}

/// An id as Python's `str()` prints it (the key score.py matches on).
fn py_str(v: &Value) -> String {
    match v {
        Value::String(s) => s.clone(),
        Value::Null => "None".to_string(),
        Value::Bool(true) => "True".to_string(),
        Value::Bool(false) => "False".to_string(),
        other => other.to_string(),
    }
}

/// score.py's gold: one JSON object a line, keyed by id (a later line with
/// the same id replaces the earlier one, in its place).
fn load_jsonl(path: &Path) -> Result<Vec<GoldDoc>, String> {
    let src = read(path)?;
    let mut docs: Vec<GoldDoc> = Vec::new();
    let mut index: HashMap<String, usize> = HashMap::new();
    for (n, line) in src.split('\n').enumerate() {
        let n = n + 1;
        let line = line.trim();
        if line.is_empty() {
            continue;
        }
        let at = format!("{}:{}", path.display(), n);
        let v: Value = serde_json::from_str(line).map_err(|e| format!("{}: not JSON: {}", at, e))?;
        let text = v.get("text").and_then(Value::as_str).ok_or(format!("{}: no string field \"text\"", at))?;
        let id = v.get("id").map_or_else(|| n.to_string(), py_str);
        let int =
            |o: &Value, k: &str| o.get(k).and_then(Value::as_i64).ok_or(format!("{}: a `{}` is not a number", at, k));
        let strs = |o: &Value, k: &str| -> Vec<String> {
            o.get(k)
                .and_then(Value::as_array)
                .map_or_else(Vec::new, |xs| xs.iter().filter_map(|x| x.as_str().map(str::to_string)).collect())
        };
        let list = |k: &str| v.get(k).and_then(Value::as_array).cloned().unwrap_or_default();
        let mut d = GoldDoc { id: id.clone(), text: text.to_string(), ..GoldDoc::default() };
        if v.get("entities").is_some() {
            let mut ents = Vec::new();
            for e in list("entities") {
                let label = e.get("label").and_then(Value::as_str).ok_or(format!("{}: an entity has no label", at))?;
                ents.push(Span3 { start: int(&e, "start")?, end: int(&e, "end")?, label: label.to_string() });
            }
            d.entities = Some(ents);
        }
        for e in list("optional_entities") {
            d.optional.push((int(&e, "start")?, int(&e, "end")?));
        }
        for q in list("quotes") {
            d.quotes.push(GoldQuote { start: int(&q, "start")?, end: int(&q, "end")?, speakers: strs(&q, "speakers") });
        }
        for q in list("indirect") {
            let prefix = q.get("text_prefix").and_then(Value::as_str).unwrap_or("").to_string();
            d.indirect.push(GoldIndirect { start: int(&q, "start")?, prefix, speakers: strs(&q, "speakers") });
        }
        match index.get(&id) {
            Some(&i) => docs[i] = d,
            None => {
                index.insert(id, docs.len());
                docs.push(d);
            }
        }
    }
    Ok(docs)
}

/// A CoNLL label as a gazette label: PER is person, ORG is group; any other
/// is lower-cased.
fn conll_label(l: &str) -> String {
    match l.to_lowercase().as_str() {
        "per" | "person" => "person".to_string(),
        "org" | "organization" | "organisation" | "group" => "group".to_string(),
        other => other.to_string(),
    }
}

/// CoNLL gold: a token and its tag a line (the tag is the last column), a
/// blank line between sentences, `-DOCSTART-` between documents. Tokens are
/// found in order in the texts given, or joined with spaces (sentences with
/// line breaks) when none are given. Labels not scored become optional.
fn load_conll(path: &Path, texts: &[PathBuf], labels: &[String]) -> Result<Vec<GoldDoc>, String> {
    let src = read(path)?;
    // documents -> sentences -> (token, tag, line number)
    let mut docs: Vec<Vec<Vec<(String, String, usize)>>> = vec![vec![vec![]]];
    for (n, line) in src.lines().enumerate() {
        let line = line.trim_end_matches('\r');
        let cols: Vec<&str> = line.split(['\t', ' ']).filter(|c| !c.is_empty()).collect();
        let doc = docs.last_mut().ok_or("no document")?;
        if cols.is_empty() {
            if doc.last().is_some_and(|s| !s.is_empty()) {
                doc.push(vec![]);
            }
            continue;
        }
        if cols[0] == "-DOCSTART-" {
            if doc.iter().any(|s| !s.is_empty()) {
                docs.push(vec![vec![]]);
            }
            continue;
        }
        if cols.len() < 2 {
            return Err(format!("{}:{}: a token and its tag, separated by a tab, expected", path.display(), n + 1));
        }
        let tag = cols[cols.len() - 1];
        if !(tag == "O" || tag.starts_with("B-") || tag.starts_with("I-")) {
            return Err(format!("{}:{}: `{}` is no IOB tag (O, B-X, I-X)", path.display(), n + 1, tag));
        }
        if let Some(s) = doc.last_mut() {
            s.push((cols[0].to_string(), tag.to_string(), n + 1));
        }
    }
    docs.retain(|d| d.iter().any(|s| !s.is_empty()));
    let given = doc_texts(texts)?;
    if !given.is_empty() && given.len() != docs.len() {
        return Err(format!("{}: {} documents, but {} texts given", path.display(), docs.len(), given.len()));
    }
    let mut out = Vec::new();
    for (i, sentences) in docs.iter().enumerate() {
        // Byte spans of every token in the text.
        let mut spans: Vec<(usize, usize)> = Vec::new();
        let text = match given.get(i) {
            Some(t) => {
                let mut at = 0;
                for (tok, _, n) in sentences.iter().flatten() {
                    let found = t.get(at..).and_then(|rest| rest.find(tok.as_str())).ok_or_else(|| {
                        format!(
                            "{}:{}: token `{}` not found in the text of document {} after byte {}",
                            path.display(),
                            n,
                            tok,
                            i + 1,
                            at
                        )
                    })?;
                    spans.push((at + found, at + found + tok.len()));
                    at += found + tok.len();
                }
                t.clone()
            }
            None => {
                let mut t = String::new();
                for s in sentences.iter().filter(|s| !s.is_empty()) {
                    if !t.is_empty() {
                        t.push('\n');
                    }
                    for (j, (tok, _, _)) in s.iter().enumerate() {
                        if j > 0 {
                            t.push(' ');
                        }
                        spans.push((t.len(), t.len() + tok.len()));
                        t.push_str(tok);
                    }
                }
                t
            }
        };
        let o = offsets::chars(&text);
        let mut ents = Vec::new();
        let mut optional = Vec::new();
        let mut open: Option<(usize, usize, String)> = None; // byte start, end, label
        let mut close = |open: &mut Option<(usize, usize, String)>| {
            if let Some((s, e, l)) = open.take() {
                let (s, e) = (o.at(s) as i64, o.at(e) as i64);
                if labels.contains(&l) {
                    ents.push(Span3 { start: s, end: e, label: l });
                } else {
                    optional.push((s, e));
                }
            }
        };
        let mut k = 0; // index into `spans`
        for sentence in sentences {
            for (_, tag, _) in sentence {
                let (s, e) = spans.get(k).copied().unwrap_or((0, 0));
                k += 1;
                if tag == "O" {
                    close(&mut open);
                    continue;
                }
                let (bi, label) = tag.split_at(2);
                let label = conll_label(label);
                // IOB2, and IOB1 too: an I- tag that follows no entity of
                // its label starts one.
                let goes_on = bi == "I-" && open.as_ref().is_some_and(|(_, _, l)| *l == label);
                if goes_on {
                    if let Some(x) = open.as_mut() {
                        x.1 = e;
                    }
                } else {
                    close(&mut open);
                    open = Some((s, e, label));
                }
            }
            // An entity never crosses a sentence end.
            close(&mut open);
        }
        out.push(GoldDoc {
            id: format!("document {}", i + 1),
            text,
            entities: Some(ents),
            optional,
            ..GoldDoc::default()
        });
    }
    Ok(out)
}

/// The texts given to `eval`: files (one document each, folders read in name
/// order) or a JSON Lines file of {"text"}.
fn doc_texts(paths: &[PathBuf]) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    for p in paths {
        if p.is_dir() {
            let mut files: Vec<PathBuf> = walkdir::WalkDir::new(p)
                .sort_by_file_name()
                .into_iter()
                .filter_map(Result::ok)
                .filter(|e| e.file_type().is_file())
                .map(|e| e.into_path())
                .collect();
            files.sort();
            for f in files {
                out.push(read(&f)?);
            }
        } else if p.to_string_lossy().ends_with(".jsonl") {
            for (n, line) in read(p)?.lines().enumerate() {
                if line.trim().is_empty() {
                    continue;
                }
                let v: Value =
                    serde_json::from_str(line).map_err(|e| format!("{}:{}: not JSON: {}", p.display(), n + 1, e))?;
                let t = v.get("text").and_then(Value::as_str).ok_or(format!(
                    "{}:{}: no string field \"text\"",
                    p.display(),
                    n + 1
                ))?;
                out.push(t.to_string());
            }
        } else {
            out.push(read(p)?);
        }
    }
    Ok(out)
}

/// brat gold: `.ann` files (or folders of them), each beside its `.txt`.
/// Text-bound types person, country and group (any case) are entities,
/// `Quote` direct quotes, `Reported` reported statements, `Said` relations
/// give their speakers (the speaker's text, and the name in its
/// `AnnotatorNotes`, as gazette writes them); other types but `Speaker` and
/// `Cue` are optional.
fn load_brat(gold: &[PathBuf], labels: &[String]) -> Result<Vec<GoldDoc>, String> {
    let mut anns = Vec::new();
    for g in gold {
        if g.is_dir() {
            for e in walkdir::WalkDir::new(g).sort_by_file_name().into_iter().filter_map(Result::ok) {
                if e.file_type().is_file() && e.path().extension().is_some_and(|x| x == "ann") {
                    anns.push(e.into_path());
                }
            }
        } else {
            anns.push(g.clone());
        }
    }
    if anns.is_empty() {
        return Err("no .ann files in the gold given".to_string());
    }
    let mut docs = Vec::new();
    for ann in anns {
        let text = read(&ann.with_extension("txt"))?;
        let src = read(&ann)?;
        let mut d = GoldDoc {
            id: ann.file_stem().map_or_else(String::new, |s| s.to_string_lossy().into_owned()),
            text,
            entities: Some(vec![]),
            ..GoldDoc::default()
        };
        // T id -> (type, start, end, text)
        let mut t: HashMap<String, (String, i64, i64, String)> = HashMap::new();
        let mut order = Vec::new();
        let mut said = Vec::new();
        let mut notes: HashMap<String, Vec<String>> = HashMap::new();
        for (n, line) in src.lines().enumerate() {
            let at = || format!("{}:{}", ann.display(), n + 1);
            let cols: Vec<&str> = line.splitn(3, '\t').collect();
            if line.starts_with('T') {
                let (Some(head), Some(body)) = (cols.get(1), cols.get(2)) else {
                    return Err(format!("{}: a T line is `T1<TAB>Type START END<TAB>text`", at()));
                };
                let (ty, offs) = head.split_once(' ').ok_or_else(|| format!("{}: no offsets", at()))?;
                let mut nums = Vec::new();
                for frag in offs.split(';') {
                    for x in frag.split_whitespace() {
                        nums.push(x.parse::<i64>().map_err(|_| format!("{}: `{}` is no offset", at(), x))?);
                    }
                }
                let (Some(&s), Some(&e)) = (nums.first(), nums.last()) else {
                    return Err(format!("{}: no offsets", at()));
                };
                t.insert(cols[0].to_string(), (ty.to_lowercase(), s, e, body.to_string()));
                order.push(cols[0].to_string());
            } else if line.starts_with('#') {
                // `#1<TAB>AnnotatorNotes T3<TAB>Amal Haddad (person/amal-haddad)`:
                // the entity a speaker names, also accepted as its name.
                if let (Some(head), Some(note)) = (cols.get(1), cols.get(2)) {
                    if let Some(target) = head.strip_prefix("AnnotatorNotes ") {
                        let name = match note.rsplit_once(" (") {
                            Some((n, key)) if key.ends_with(')') => n,
                            _ => note,
                        };
                        notes.entry(target.trim().to_string()).or_default().push(name.to_string());
                    }
                }
            } else if line.starts_with('R') {
                let rel: Vec<&str> = cols.get(1).map_or_else(Vec::new, |r| r.split_whitespace().collect());
                if rel.first() == Some(&"Said") {
                    let arg = |k: &str| rel.iter().find_map(|a| a.strip_prefix(k)).map(str::to_string);
                    if let (Some(a1), Some(a2)) = (arg("Arg1:"), arg("Arg2:")) {
                        said.push((a1, a2));
                    }
                }
            }
        }
        let mut quote_of: HashMap<String, (bool, usize)> = HashMap::new();
        for id in &order {
            let (ty, s, e, body) = &t[id];
            match ty.as_str() {
                "quote" => {
                    quote_of.insert(id.clone(), (true, d.quotes.len()));
                    d.quotes.push(GoldQuote { start: *s, end: *e, speakers: vec![] });
                }
                "reported" => {
                    quote_of.insert(id.clone(), (false, d.indirect.len()));
                    d.indirect.push(GoldIndirect {
                        start: *s,
                        prefix: body.chars().take(30).collect(),
                        speakers: vec![],
                    });
                }
                "speaker" | "cue" => {}
                l if labels.iter().any(|x| x == l) => {
                    if let Some(ents) = d.entities.as_mut() {
                        ents.push(Span3 { start: *s, end: *e, label: l.to_string() });
                    }
                }
                _ => d.optional.push((*s, *e)),
            }
        }
        for (spk, q) in said {
            if let (Some((_, _, _, name)), Some(&(direct, i))) = (t.get(&spk), quote_of.get(&q)) {
                let list = if direct {
                    d.quotes.get_mut(i).map(|q| &mut q.speakers)
                } else {
                    d.indirect.get_mut(i).map(|q| &mut q.speakers)
                };
                if let Some(l) = list {
                    l.push(name.clone());
                    l.extend(notes.get(&spk).into_iter().flatten().cloned());
                }
            }
        }
        docs.push(d);
    }
    Ok(docs)
}

/// score.py's normalisation of names: curly apostrophes straight, white
/// space collapsed, lower case.
fn norm(s: &str) -> String {
    // Python's str.split() also splits at the separators \x1c-\x1f.
    let s = s.replace('’', "'");
    s.split(|c: char| c.is_whitespace() || ('\x1c'..='\x1f').contains(&c))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

fn prf(tp: u64, fp: u64, fn_: u64) -> (f64, f64, f64) {
    let p = if tp + fp > 0 { tp as f64 / (tp + fp) as f64 } else { 0.0 };
    let r = if tp + fn_ > 0 { tp as f64 / (tp + fn_) as f64 } else { 0.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

/// Rounds as Python's `round(x, 4)` does (to the nearest of the exact binary value).
fn round4(x: f64) -> f64 {
    format!("{:.4}", x).parse().unwrap_or(x)
}

/// The figures.
#[derive(Default)]
struct Scores {
    counts: BTreeMap<String, [u64; 3]>,
    /// Overlap: per label, predictions overlapping a gold span, predictions,
    /// gold spans overlapped by a prediction, gold spans.
    overlap: BTreeMap<String, [u64; 4]>,
    /// Gold label -> gazette kind (or "(none)") over exact spans; "(none)" ->
    /// kind for predictions with no gold span.
    confusion: BTreeMap<String, BTreeMap<String, u64>>,
    any_entities: bool,
    q: [u64; 3],
    i: [u64; 3],
    errors: Vec<String>,
}

fn score(docs: &[GoldDoc], labels: &[String], ex: &Extractor) -> Scores {
    let mut s = Scores::default();
    for lab in labels {
        s.counts.insert(lab.clone(), [0; 3]);
        s.overlap.insert(lab.clone(), [0; 4]);
    }
    for g in docs {
        let a = ex.extract(&g.text);
        score_doc(&mut s, g, &a, labels);
    }
    s
}

/// Spans, to ask whether any overlaps a given one: sorted by start, with
/// the greatest end so far. A question is a binary search, not a scan of
/// every span (which grew with the square of a long document).
struct Intervals {
    starts: Vec<i64>,
    max_end: Vec<i64>,
}

impl Intervals {
    fn new(spans: impl Iterator<Item = (i64, i64)>) -> Intervals {
        let mut spans: Vec<(i64, i64)> = spans.collect();
        spans.sort_unstable();
        let mut max_end = Vec::with_capacity(spans.len());
        let mut m = i64::MIN;
        for &(_, e) in &spans {
            m = m.max(e);
            max_end.push(m);
        }
        Intervals { starts: spans.iter().map(|s| s.0).collect(), max_end }
    }

    fn of<'a>(spans: impl IntoIterator<Item = &'a &'a Span3>) -> Intervals {
        Intervals::new(spans.into_iter().map(|x| (x.start, x.end)))
    }

    /// Whether a span overlaps `start..end`: starts before its end and
    /// ends after its start.
    fn overlaps(&self, start: i64, end: i64) -> bool {
        let k = self.starts.partition_point(|&s| s < end);
        k > 0 && self.max_end.get(k - 1).is_some_and(|&e| e > start)
    }
}

/// The (start, index) of predicted quotes, sorted.
fn by_start<T>(quotes: &[(i64, i64, T)]) -> Vec<(i64, usize)> {
    let mut v: Vec<(i64, usize)> = quotes.iter().enumerate().map(|(k, q)| (q.0, k)).collect();
    v.sort_unstable();
    v
}

/// Of the quotes that start from `lo` to `hi` (inclusive) and that `fits`,
/// the first in their own order.
fn first_starting_in<'q, Q: 'q>(
    by_start: &[(i64, usize)],
    lo: i64,
    hi: i64,
    fits: impl Fn(usize) -> Option<&'q Q>,
) -> Option<&'q Q> {
    let from = by_start.partition_point(|&(st, _)| st < lo);
    let to = by_start.partition_point(|&(st, _)| st <= hi);
    let k = by_start.get(from..to)?.iter().map(|&(_, k)| k).filter(|&k| fits(k).is_some()).min()?;
    fits(k)
}

fn score_doc(s: &mut Scores, g: &GoldDoc, a: &Analysis, labels: &[String]) {
    let text = &g.text;
    let o = offsets::chars(text);
    let ch = |span: gazette::Span| (o.at(span.start) as i64, o.at(span.end) as i64);
    let chars: Vec<char> = text.chars().collect();
    let slice = |s: i64, e: i64| -> String {
        let (s, e) = (s.clamp(0, chars.len() as i64) as usize, e.clamp(0, chars.len() as i64) as usize);
        chars.get(s..e.max(s)).map_or_else(String::new, |c| c.iter().collect())
    };
    let gid = &g.id;
    let gspans: HashSet<Span3> = g.entities.iter().flatten().filter(|e| labels.contains(&e.label)).cloned().collect();
    let optional = Intervals::new(g.optional.iter().copied());
    let mut pspans: HashSet<Span3> = HashSet::new();
    for m in &a.mentions {
        let kind = m.kind.as_str();
        if !labels.iter().any(|l| l == kind) {
            continue;
        }
        let (st, en) = ch(m.span);
        let x = Span3 { start: st, end: en, label: kind.to_string() };
        if !gspans.contains(&x) && optional.overlaps(st, en) {
            continue;
        }
        pspans.insert(x);
    }
    if g.entities.is_some() {
        s.any_entities = true;
        for lab in labels {
            let gl: HashSet<&Span3> = gspans.iter().filter(|x| x.label == *lab).collect();
            let pl: HashSet<&Span3> = pspans.iter().filter(|x| x.label == *lab).collect();
            let c = s.counts.entry(lab.clone()).or_default();
            c[0] += gl.intersection(&pl).count() as u64;
            c[1] += pl.difference(&gl).count() as u64;
            c[2] += gl.difference(&pl).count() as u64;
            let mut missed: Vec<&&Span3> = gl.difference(&pl).collect();
            missed.sort();
            for x in missed {
                s.errors.push(format!("{}: missed {} {:?} @{}", gid, lab, slice(x.start, x.end), x.start));
            }
            let mut spurious: Vec<&&Span3> = pl.difference(&gl).collect();
            spurious.sort();
            for x in spurious {
                s.errors.push(format!("{}: spurious {} {:?} @{}", gid, lab, slice(x.start, x.end), x.start));
            }
            let (gi, pi) = (Intervals::of(&gl), Intervals::of(&pl));
            let c = s.overlap.entry(lab.clone()).or_default();
            c[0] += pl.iter().filter(|x| gi.overlaps(x.start, x.end)).count() as u64;
            c[1] += pl.len() as u64;
            c[2] += gl.iter().filter(|x| pi.overlaps(x.start, x.end)).count() as u64;
            c[3] += gl.len() as u64;
        }
        // Confusion over exact spans: what gazette calls each gold span.
        // The kinds of the mentions at each span, in order.
        let mut at: HashMap<(i64, i64), Vec<&str>> = HashMap::new();
        for m in &a.mentions {
            at.entry(ch(m.span)).or_default().push(m.kind.as_str());
        }
        for x in &gspans {
            let kinds: &[&str] = at.get(&(x.start, x.end)).map_or(&[], Vec::as_slice);
            let got = if kinds.contains(&x.label.as_str()) {
                x.label.as_str()
            } else {
                kinds.first().copied().unwrap_or("(none)")
            };
            *s.confusion.entry(x.label.clone()).or_default().entry(got.to_string()).or_default() += 1;
        }
        let gold_at: HashSet<(i64, i64)> = gspans.iter().map(|x| (x.start, x.end)).collect();
        for p in &pspans {
            if !gold_at.contains(&(p.start, p.end)) {
                *s.confusion.entry("(none)".to_string()).or_default().entry(p.label.clone()).or_default() += 1;
            }
        }
    }
    // Quotes.
    let mut mentions_of: HashMap<usize, HashSet<String>> = HashMap::new();
    for m in &a.mentions {
        if let Some(e) = m.entity {
            let (st, en) = ch(m.span);
            mentions_of.entry(e).or_default().insert(norm(&slice(st, en)));
        }
    }
    let speaker_names = |q: &gazette::Quote| -> HashSet<String> {
        let mut c = HashSet::new();
        if let Some(spk) = &q.speaker {
            if !spk.text.is_empty() {
                c.insert(norm(&spk.text));
            }
            let (st, en) = ch(spk.span);
            c.insert(norm(&slice(st, en)));
            if let Some(e) = spk.entity {
                if let Some(ent) = a.entities.get(e).filter(|x| !x.name.is_empty()) {
                    c.insert(norm(&ent.name));
                }
                if let Some(ms) = mentions_of.get(&e) {
                    c.extend(ms.iter().cloned());
                }
            }
        }
        for p in ["he", "she", "they", "it", "we", "i"] {
            c.remove(p);
        }
        c
    };
    let shown = |c: &HashSet<String>| -> String {
        let mut v: Vec<&String> = c.iter().collect();
        v.sort();
        if v.is_empty() {
            "None".to_string()
        } else {
            format!("{:?}", v)
        }
    };
    let (mut pq, mut pind) = (Vec::new(), Vec::new());
    for q in &a.quotes {
        let (st, en) = ch(q.span);
        if q.kind == QuoteKind::Direct {
            pq.push((st, en, q));
        } else {
            pind.push((st, en, q));
        }
    }
    let (pq_by_start, pind_by_start) = (by_start(&pq), by_start(&pind));
    for gi in &g.indirect {
        s.i[0] += 1;
        // The first that starts from 12 chars before to 3 after.
        let hit = first_starting_in(&pind_by_start, gi.start - 12, gi.start + 3, |k| {
            pind.get(k).filter(|(st, en, _)| st - 3 <= gi.start && gi.start <= st + 12 && *en > gi.start)
        });
        let Some((_, _, q)) = hit else {
            s.errors.push(format!("{}: missed indirect {:?}", gid, gi.prefix));
            continue;
        };
        s.i[1] += 1;
        let names: HashSet<String> = gi.speakers.iter().map(|x| norm(x)).collect();
        let cands = speaker_names(q);
        if cands.intersection(&names).next().is_some() {
            s.i[2] += 1;
        } else {
            let want = gi.speakers.first().cloned().unwrap_or_default();
            s.errors.push(format!(
                "{}: indirect {:?} attributed to {}, want {:?}",
                gid,
                gi.prefix,
                shown(&cands),
                want
            ));
        }
    }
    for gq in &g.quotes {
        s.q[0] += 1;
        let (gs, ge) = (gq.start, gq.end);
        // The first that covers the gold quote but for a char at each end,
        // and is at most 4 chars longer: it starts from 5 chars before to 1
        // after.
        let hit = first_starting_in(&pq_by_start, gs - 5, gs + 1, |k| {
            pq.get(k).filter(|(st, en, _)| *st <= gs + 1 && *en >= ge - 1 && (en - st) <= (ge - gs) + 4)
        });
        let Some((_, _, q)) = hit else {
            s.errors.push(format!("{}: missed quote {:?}", gid, slice(gs, gs + 40)));
            continue;
        };
        s.q[1] += 1;
        let names: HashSet<String> = gq.speakers.iter().map(|x| norm(x)).collect();
        let cands = speaker_names(q);
        if cands.intersection(&names).next().is_some() {
            s.q[2] += 1;
        } else {
            let want = gq.speakers.first().cloned().unwrap_or_default();
            s.errors.push(format!(
                "{}: quote {:?} attributed to {}, want {:?}",
                gid,
                slice(gs, gs + 30),
                shown(&cands),
                want
            ));
        }
    }
}

impl Scores {
    /// The figures under score.py's keys (and `overlap.*`, `confusion`).
    fn map(&self, labels: &[String]) -> serde_json::Map<String, Value> {
        let mut m = serde_json::Map::new();
        let f = |x: f64| Value::from(round4(x));
        let (mut tp, mut fp, mut fn_) = (0, 0, 0);
        for lab in labels {
            let [t, p, n] = self.counts.get(lab).copied().unwrap_or_default();
            let (pp, rr, ff) = prf(t, p, n);
            m.insert(format!("{}.p", lab), f(pp));
            m.insert(format!("{}.r", lab), f(rr));
            m.insert(format!("{}.f1", lab), f(ff));
            m.insert(format!("{}.tp", lab), t.into());
            m.insert(format!("{}.fp", lab), p.into());
            m.insert(format!("{}.fn", lab), n.into());
            tp += t;
            fp += p;
            fn_ += n;
        }
        let (pp, rr, ff) = prf(tp, fp, fn_);
        m.insert("micro.p".into(), f(pp));
        m.insert("micro.r".into(), f(rr));
        m.insert("micro.f1".into(), f(ff));
        if self.q[0] > 0 {
            m.insert("quotes.gold".into(), self.q[0].into());
            m.insert("quotes.recall".into(), f(self.q[1] as f64 / self.q[0] as f64));
            m.insert("quotes.speaker_acc".into(), f(self.q[2] as f64 / self.q[0] as f64));
        }
        if self.i[0] > 0 {
            m.insert("indirect.gold".into(), self.i[0].into());
            m.insert("indirect.recall".into(), f(self.i[1] as f64 / self.i[0] as f64));
            m.insert("indirect.speaker_acc".into(), f(self.i[2] as f64 / self.i[0] as f64));
        }
        let mut tot = [0u64; 4];
        for lab in labels {
            let c = self.overlap.get(lab).copied().unwrap_or_default();
            let (pp, rr, ff) = overlap_prf(c);
            m.insert(format!("overlap.{}.p", lab), f(pp));
            m.insert(format!("overlap.{}.r", lab), f(rr));
            m.insert(format!("overlap.{}.f1", lab), f(ff));
            for k in 0..4 {
                tot[k] += c[k];
            }
        }
        let (pp, rr, ff) = overlap_prf(tot);
        m.insert("overlap.micro.p".into(), f(pp));
        m.insert("overlap.micro.r".into(), f(rr));
        m.insert("overlap.micro.f1".into(), f(ff));
        m.insert("confusion".into(), serde_json::to_value(&self.confusion).unwrap_or(Value::Null));
        m
    }

    fn json(&self, labels: &[String]) -> String {
        format!("{}\n", Value::Object(self.map(labels)))
    }

    fn text(&self, labels: &[String], ndocs: usize, errors: bool) -> String {
        use std::fmt::Write;
        let m = self.map(labels);
        let num = |k: &str| m.get(k).and_then(Value::as_f64).unwrap_or(0.0);
        let int = |k: &str| m.get(k).and_then(Value::as_u64).unwrap_or(0);
        let mut out = String::new();
        if errors {
            for e in &self.errors {
                let _ = writeln!(out, "  {}", e);
            }
        }
        let _ = writeln!(out, "{} document{}", ndocs, if ndocs == 1 { "" } else { "s" });
        if self.any_entities {
            let _ = writeln!(out, "{:<10} {:>26}   {:>20}", "", "exact spans", "any overlap");
            let _ = writeln!(
                out,
                "{:<10} {:>6} {:>6} {:>6} {:>13}   {:>6} {:>6} {:>6}",
                "", "P", "R", "F1", "tp/fp/fn", "P", "R", "F1"
            );
            for lab in labels.iter().map(String::as_str).chain(["micro"]) {
                let counts = if lab == "micro" {
                    String::new()
                } else {
                    format!(
                        "{}/{}/{}",
                        int(&format!("{}.tp", lab)),
                        int(&format!("{}.fp", lab)),
                        int(&format!("{}.fn", lab))
                    )
                };
                let _ = writeln!(
                    out,
                    "{:<10} {:>6.3} {:>6.3} {:>6.3} {:>13}   {:>6.3} {:>6.3} {:>6.3}",
                    lab,
                    num(&format!("{}.p", lab)),
                    num(&format!("{}.r", lab)),
                    num(&format!("{}.f1", lab)),
                    counts,
                    num(&format!("overlap.{}.p", lab)),
                    num(&format!("overlap.{}.r", lab)),
                    num(&format!("overlap.{}.f1", lab)),
                );
            }
        }
        if self.q[0] > 0 {
            let _ = writeln!(
                out,
                "quotes     found {}/{}  speaker right {}/{}  (speaker_acc {:.3})",
                self.q[1],
                self.q[0],
                self.q[2],
                self.q[0],
                num("quotes.speaker_acc")
            );
        }
        if self.i[0] > 0 {
            let _ = writeln!(
                out,
                "indirect   found {}/{}  speaker right {}/{}  (speaker_acc {:.3})",
                self.i[1],
                self.i[0],
                self.i[2],
                self.i[0],
                num("indirect.speaker_acc")
            );
        }
        if self.any_entities {
            let kinds: Vec<&str> = Kind::ALL.iter().map(|k| k.as_str()).chain(["(none)"]).collect();
            let _ = writeln!(out, "\nconfusion over exact spans (rows: gold, columns: gazette)");
            let _ = write!(out, "{:<12}", "");
            for k in &kinds {
                let _ = write!(out, " {:>11}", k);
            }
            out.push('\n');
            for row in labels.iter().map(String::as_str).chain(["(none)"]) {
                let _ = write!(out, "{:<12}", row);
                for k in &kinds {
                    let n = self.confusion.get(row).and_then(|r| r.get(*k)).copied().unwrap_or(0);
                    let cell = if row == "(none)" && *k == "(none)" { "-".to_string() } else { n.to_string() };
                    let _ = write!(out, " {:>11}", cell);
                }
                out.push('\n');
            }
        }
        out
    }
}

fn overlap_prf(c: [u64; 4]) -> (f64, f64, f64) {
    let p = if c[1] > 0 { c[0] as f64 / c[1] as f64 } else { 0.0 };
    let r = if c[3] > 0 { c[2] as f64 / c[3] as f64 } else { 0.0 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Overlap questions and the first quote in a window, against a scan
    /// of every span, over every span of a small grid.
    #[test]
    fn lookups_give_what_a_scan_gives() {
        let spans: &[(i64, i64)] = &[(5, 9), (0, 3), (5, 6), (12, 20), (14, 15), (8, 13), (30, 31)];
        let iv = Intervals::new(spans.iter().copied());
        let quotes: Vec<(i64, i64, usize)> = spans.iter().enumerate().map(|(k, &(s, e))| (s, e, k)).collect();
        let sorted = by_start(&quotes);
        for start in -2..34 {
            for end in start + 1..36 {
                let scan = spans.iter().any(|&(s, e)| start < e && s < end);
                assert_eq!(iv.overlaps(start, end), scan, "{start}..{end}");
                // The first quote (in its own order) starting in start..=end
                // and ending after `end`.
                let fits = |q: &&(i64, i64, usize)| q.0 >= start && q.0 <= end && q.1 > end;
                let want = quotes.iter().find(fits);
                let got = first_starting_in(&sorted, start, end, |k| quotes.get(k).filter(fits));
                assert_eq!(got, want, "{start}..={end}");
            }
        }
        assert!(!Intervals::new(std::iter::empty()).overlaps(0, 10));
    }

    #[test]
    fn norms_as_score_py() {
        let table = [("Al-Hamidawi’s  Office", "al-hamidawi's office"), (" A\u{1c}B ", "a b"), ("ÉTAT", "état")];
        for (s, want) in table {
            assert_eq!(norm(s), want, "{s:?}");
        }
    }

    #[test]
    fn rounds_as_python() {
        // round(2/3, 4) == 0.6667, round(0.12345, 4) == 0.1235 (the double is above half)
        let table = [(2.0 / 3.0, 0.6667), (0.12345, 0.1235), (1.0, 1.0), (0.0, 0.0), (0.95652173913, 0.9565)];
        for (x, want) in table {
            assert_eq!(round4(x), want, "{x}");
        }
    }

    #[test]
    fn conll_entities() {
        let labels: Vec<String> = ["person", "country", "group"].iter().map(|s| s.to_string()).collect();
        // (CoNLL, entities as label:text, optional spans)
        let table: &[(&str, &[&str], usize)] = &[
            ("Amal\tB-PER\nHaddad\tI-PER\nspoke\tO\n", &["person:Amal Haddad"], 0),
            // IOB1: an I- tag after O starts an entity.
            ("in\tO\nIraq\tI-COUNTRY\n", &["country:Iraq"], 0),
            // B- after B- of the same label: two entities.
            ("Iraq\tB-COUNTRY\nSyria\tB-COUNTRY\n", &["country:Iraq", "country:Syria"], 0),
            // A sentence end ends an entity.
            ("the\tO\nUN\tB-ORG\n\nCouncil\tI-ORG\nmet\tO\n", &["group:UN", "group:Council"], 0),
            // Labels not scored are optional.
            ("in\tO\nAnkara\tB-LOC\n", &[], 1),
        ];
        let dir = std::env::temp_dir().join(format!("gazette-eval-unit-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        for (i, (conll, want, optional)) in table.iter().enumerate() {
            let p = dir.join(format!("{}.conll", i));
            std::fs::write(&p, conll).unwrap();
            let docs = load_conll(&p, &[], &labels).unwrap();
            let chars: Vec<char> = docs[0].text.chars().collect();
            let got: Vec<String> = docs[0]
                .entities
                .iter()
                .flatten()
                .map(|e| format!("{}:{}", e.label, chars[e.start as usize..e.end as usize].iter().collect::<String>()))
                .collect();
            assert_eq!(&got, want, "{conll:?}");
            assert_eq!(docs[0].optional.len(), *optional, "{conll:?}");
        }
        std::fs::remove_dir_all(&dir).ok();
    }

    #[test]
    fn conll_labels() {
        let table = [("PER", "person"), ("ORG", "group"), ("COUNTRY", "country"), ("LOC", "loc"), ("Place", "place")];
        for (l, want) in table {
            assert_eq!(conll_label(l), want, "{l}");
        }
    }
}
