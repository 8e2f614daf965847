//! `gazette._gazette`: the native half of the `gazette` Python package.
//!
//! It holds a compiled [`gazette::Extractor`] and returns each analysis as
//! plain Python objects (dicts, lists, strings, numbers) or as JSON text,
//! with offsets counted in characters of the Python string by default
//! (converted as the JSON is written, by `gazette::offsets`). The analysis
//! goes through its serde form, so fields the library adds later reach
//! Python without a change here. The pure-Python half (`gazette/`)
//! turns the dicts into dataclasses and adds the spaCy component.

use pyo3::create_exception;
use pyo3::exceptions::{PyRuntimeError, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyBool, PyDict, PyFloat, PyList, PyString};
use rayon::prelude::*;
use serde_json::Value;
use std::collections::HashMap;

use gazette::offsets::{OffsetWriter, Offsets, Unit};

create_exception!(
    gazette,
    GazetteerError,
    PyValueError,
    "A gazetteer list could not be read or is malformed.\n\n\
     `file` names the file (or the label of an in-memory list) and `line` the\n\
     1-based line of the problem; either is None when the error has none."
);

/// The Python exception for a library error, with `file` and `line` set.
fn list_error(py: Python<'_>, e: &gazette::Error) -> PyErr {
    let err = GazetteerError::new_err(e.to_string());
    let value = err.value(py);
    // Setting attributes on a fresh exception instance cannot fail in
    // practice; if it did, the message still names the file and line.
    let _ = value.setattr("file", e.source_name());
    let _ = value.setattr("line", e.line());
    err
}

fn parse_offsets(s: &str) -> PyResult<Unit> {
    match s {
        "char" | "chars" => Ok(Unit::Chars),
        "byte" | "bytes" => Ok(Unit::Bytes),
        _ => Err(PyValueError::new_err(format!("offsets must be \"char\" or \"byte\", not {:?}", s))),
    }
}

fn list_kind(name: &str) -> PyResult<gazette::ListKind> {
    gazette::ListKind::ALL.into_iter().find(|k| k.file_name().trim_end_matches(".tsv") == name).ok_or_else(|| {
        let names: Vec<&str> = gazette::ListKind::ALL.iter().map(|k| k.file_name().trim_end_matches(".tsv")).collect();
        PyValueError::new_err(format!("unknown list kind {:?}; expected one of {}", name, names.join(", ")))
    })
}

fn kind(name: &str) -> PyResult<gazette::Kind> {
    gazette::Kind::ALL.into_iter().find(|k| k.as_str() == name).ok_or_else(|| {
        let names: Vec<&str> = gazette::Kind::ALL.iter().map(|k| k.as_str()).collect();
        PyValueError::new_err(format!("unknown kind {:?}; expected one of {}", name, names.join(", ")))
    })
}

/// The text of a Python string. A string that is not valid Unicode (lone
/// surrogates) has each bad code point replaced by U+FFFD, one character for
/// one, so character offsets still index the original string.
fn text_of(s: &Bound<'_, PyAny>) -> PyResult<String> {
    let s = s.cast::<PyString>().map_err(|_| {
        pyo3::exceptions::PyTypeError::new_err(format!(
            "expected str, got {}",
            s.get_type().name().map(|n| n.to_string()).unwrap_or_else(|_| "another type".to_string())
        ))
    })?;
    match s.to_cow() {
        Ok(t) => Ok(t.into_owned()),
        Err(_) => {
            // Through UTF-32, a lone surrogate is one bad unit, so "replace"
            // puts one U+FFFD for it and the character count is kept.
            let utf32 = s.call_method1("encode", ("utf-32-le", "surrogatepass"))?;
            let fixed = utf32.call_method1("decode", ("utf-32-le", "replace"))?;
            Ok(fixed.cast::<PyString>()?.to_cow()?.into_owned())
        }
    }
}

/// The analysis of `text` as JSON text, its offsets in `unit` (converted
/// as it is written): what `gazette --jsonl --offsets chars` (or `bytes`)
/// prints for it, less its `id`.
fn json_of(a: &gazette::Analysis, text: &str, unit: Unit) -> Result<Vec<u8>, String> {
    let err = |e: &dyn std::fmt::Display| format!("cannot serialise the analysis: {}", e);
    let mut out = Vec::new();
    if unit == Unit::Bytes {
        serde_json::to_writer(&mut out, a).map_err(|e| err(&e))?;
    } else {
        let offsets = Offsets::new(text, unit);
        let mut w = OffsetWriter::new(&mut out, &offsets, 0);
        serde_json::to_writer(&mut w, a).map_err(|e| err(&e))?;
        w.finish().map_err(|e| err(&e))?;
    }
    Ok(out)
}

/// The analysis as a JSON value, read back from its JSON text: it equals
/// what `gazette --json` prints, numbers included.
fn value_of(a: &gazette::Analysis, text: &str, unit: Unit) -> Result<Value, String> {
    serde_json::from_slice(&json_of(a, text, unit)?).map_err(|e| format!("cannot read the analysis back: {}", e))
}

/// The analysis as one line of JSON.
fn line_of(a: &gazette::Analysis, text: &str, unit: Unit) -> Result<String, String> {
    String::from_utf8(json_of(a, text, unit)?).map_err(|e| format!("the analysis is not UTF-8: {}", e))
}

/// Builds Python objects from JSON values. Object keys repeat in every
/// analysis ("start", "end", "text", ...), so each is made once and shared.
struct ToPy<'py> {
    py: Python<'py>,
    keys: HashMap<String, Bound<'py, PyString>>,
}

impl<'py> ToPy<'py> {
    fn new(py: Python<'py>) -> Self {
        ToPy { py, keys: HashMap::new() }
    }

    fn key(&mut self, k: &str) -> Bound<'py, PyString> {
        if let Some(s) = self.keys.get(k) {
            return s.clone();
        }
        let s = PyString::intern(self.py, k);
        self.keys.insert(k.to_string(), s.clone());
        s
    }

    fn value(&mut self, v: &Value) -> PyResult<Bound<'py, PyAny>> {
        let py = self.py;
        Ok(match v {
            Value::Null => py.None().into_bound(py),
            Value::Bool(b) => PyBool::new(py, *b).to_owned().into_any(),
            Value::Number(n) => match (n.as_u64(), n.as_i64()) {
                (Some(u), _) => u.into_pyobject(py)?.into_any(),
                (None, Some(i)) => i.into_pyobject(py)?.into_any(),
                _ => PyFloat::new(py, n.as_f64().unwrap_or(f64::NAN)).into_any(),
            },
            Value::String(s) => PyString::new(py, s).into_any(),
            Value::Array(items) => {
                let items = items.iter().map(|i| self.value(i)).collect::<PyResult<Vec<_>>>()?;
                PyList::new(py, items)?.into_any()
            }
            Value::Object(map) => {
                let d = PyDict::new(py);
                for (k, i) in map {
                    d.set_item(self.key(k), self.value(i)?)?;
                }
                d.into_any()
            }
        })
    }
}

/// Extracts each of `texts` and makes its analysis into a `T` with `f`
/// at once (an analysis is dropped as soon as it is converted), on
/// `threads` threads (None: one per core; 1: the calling thread). Results
/// keep the order of `texts`.
fn batch_map<T, F>(ex: &gazette::Extractor, texts: &[String], threads: Option<usize>, f: F) -> Result<Vec<T>, String>
where
    T: Send,
    F: Fn(&gazette::Analysis, &str) -> Result<T, String> + Sync + Send,
{
    let one = |t: &String| f(&ex.extract(t), t);
    match threads {
        Some(1) => texts.iter().map(one).collect(),
        Some(n) => {
            let pool = rayon::ThreadPoolBuilder::new()
                .num_threads(n)
                .build()
                .map_err(|e| format!("cannot start {} threads: {}", n, e))?;
            pool.install(|| texts.par_iter().map(one).collect())
        }
        None => texts.par_iter().map(one).collect(),
    }
}

fn check_threads(threads: Option<usize>) -> PyResult<()> {
    if threads == Some(0) {
        return Err(PyValueError::new_err("threads must be at least 1 (or None for one per core)"));
    }
    Ok(())
}

fn texts_of(texts: &Bound<'_, PyAny>) -> PyResult<Vec<String>> {
    if texts.is_instance_of::<PyString>() {
        return Err(pyo3::exceptions::PyTypeError::new_err("extract_batch takes a sequence of str, not one str"));
    }
    texts.try_iter()?.map(|t| text_of(&t?)).collect()
}

/// A compiled extractor (the native half of `gazette.Extractor`).
///
/// `ops` is a list of `(op, list_kind, a, b)` tuples applied in order to the
/// Rust builder: `("add_list", kind, label, text)`, `("replace_list", kind,
/// label, text)`, `("add_file", kind, path, None)`, `("replace_file", kind,
/// path, None)`.
#[pyclass(frozen, module = "gazette._gazette", name = "NativeExtractor")]
struct NativeExtractor {
    ex: gazette::Extractor,
}

#[pymethods]
impl NativeExtractor {
    #[new]
    #[pyo3(signature = (ops = Vec::new(), defaults = true, kinds = None, max_entries = None, max_name_len = None))]
    fn new(
        py: Python<'_>,
        ops: Vec<(String, String, String, Option<String>)>,
        defaults: bool,
        kinds: Option<Vec<String>>,
        max_entries: Option<usize>,
        max_name_len: Option<usize>,
    ) -> PyResult<Self> {
        if ops.is_empty() && defaults && kinds.is_none() && max_entries.is_none() && max_name_len.is_none() {
            // The embedded lists are compiled once per process and shared.
            return Ok(NativeExtractor { ex: py.detach(gazette::Extractor::default) });
        }
        let mut b = gazette::Extractor::builder().defaults(defaults);
        if let Some(ks) = kinds {
            b = b.kinds(ks.iter().map(|k| kind(k)).collect::<PyResult<Vec<_>>>()?);
        }
        if let Some(n) = max_entries {
            b = b.max_entries(n);
        }
        if let Some(n) = max_name_len {
            b = b.max_name_len(n);
        }
        for (op, k, a, text) in &ops {
            let k = list_kind(k)?;
            let need_text =
                || text.as_deref().ok_or_else(|| PyValueError::new_err(format!("{} needs the list's text", op)));
            b = match op.as_str() {
                "add_list" => b.add_list(k, a, need_text()?),
                "replace_list" => b.replace_list(k, a, need_text()?),
                "add_file" => b.add_file(k, a),
                "replace_file" => b.replace_file(k, a),
                _ => return Err(PyValueError::new_err(format!("unknown builder operation {:?}", op))),
            };
        }
        match py.detach(|| b.build()) {
            Ok(ex) => Ok(NativeExtractor { ex }),
            Err(e) => Err(list_error(py, &e)),
        }
    }

    /// The analysis of `text` as a dict (the JSON contract of `gazette --json`).
    #[pyo3(signature = (text, offsets = "char"))]
    fn extract<'py>(&self, py: Python<'py>, text: &Bound<'py, PyAny>, offsets: &str) -> PyResult<Bound<'py, PyAny>> {
        let unit = parse_offsets(offsets)?;
        let text = text_of(text)?;
        let v = py.detach(|| value_of(&self.ex.extract(&text), &text, unit)).map_err(PyRuntimeError::new_err)?;
        ToPy::new(py).value(&v)
    }

    /// The analysis of `text` as one line of JSON.
    #[pyo3(signature = (text, offsets = "char"))]
    fn extract_json(&self, py: Python<'_>, text: &Bound<'_, PyAny>, offsets: &str) -> PyResult<String> {
        let unit = parse_offsets(offsets)?;
        let text = text_of(text)?;
        py.detach(|| line_of(&self.ex.extract(&text), &text, unit)).map_err(PyRuntimeError::new_err)
    }

    /// The analyses of `texts` as dicts, in order, on `threads` threads
    /// (None: one per core), without the GIL.
    #[pyo3(signature = (texts, threads = None, offsets = "char"))]
    fn extract_batch<'py>(
        &self,
        py: Python<'py>,
        texts: &Bound<'py, PyAny>,
        threads: Option<usize>,
        offsets: &str,
    ) -> PyResult<Bound<'py, PyList>> {
        let unit = parse_offsets(offsets)?;
        check_threads(threads)?;
        let texts = texts_of(texts)?;
        let ex = &self.ex;
        let values = py
            .detach(|| batch_map(ex, &texts, threads, |a, t| value_of(a, t, unit)))
            .map_err(PyRuntimeError::new_err)?;
        let mut to_py = ToPy::new(py);
        let items = values.iter().map(|v| to_py.value(v)).collect::<PyResult<Vec<_>>>()?;
        PyList::new(py, items)
    }

    /// The analyses of `texts` as JSON lines, in order, on `threads` threads
    /// (None: one per core), without the GIL.
    #[pyo3(signature = (texts, threads = None, offsets = "char"))]
    fn extract_batch_json(
        &self,
        py: Python<'_>,
        texts: &Bound<'_, PyAny>,
        threads: Option<usize>,
        offsets: &str,
    ) -> PyResult<Vec<String>> {
        let unit = parse_offsets(offsets)?;
        check_threads(threads)?;
        let texts = texts_of(texts)?;
        let ex = &self.ex;
        py.detach(|| batch_map(ex, &texts, threads, |a, t| line_of(a, t, unit))).map_err(PyRuntimeError::new_err)
    }

    fn __repr__(&self) -> String {
        format!("{:?}", self.ex)
    }
}

/// The list kinds a builder takes: `countries`, `places`, `people`, ...
#[pyfunction]
fn list_kinds() -> Vec<&'static str> {
    gazette::ListKind::ALL.iter().map(|k| k.file_name().trim_end_matches(".tsv")).collect()
}

/// The mention kinds: `person`, `country`, `group`, `nationality`, `place`, `title`.
#[pyfunction]
fn mention_kinds() -> Vec<&'static str> {
    gazette::Kind::ALL.iter().map(|k| k.as_str()).collect()
}

/// The native half of the `gazette` package.
#[pymodule]
fn _gazette(m: &Bound<'_, PyModule>) -> PyResult<()> {
    m.add_class::<NativeExtractor>()?;
    m.add("GazetteerError", m.py().get_type::<GazetteerError>())?;
    m.add_function(wrap_pyfunction!(list_kinds, m)?)?;
    m.add_function(wrap_pyfunction!(mention_kinds, m)?)?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
