use std::fmt;
use std::path::{Path, PathBuf};

/// The error returned when a gazetteer list cannot be read or is malformed,
/// or when an [`Extractor`](crate::Extractor) cannot be built.
///
/// Errors about data name the file (or the label of an in-memory list) and the
/// 1-based line where the problem is.
#[derive(Debug)]
pub struct Error {
    kind: ErrorKind,
}

#[derive(Debug)]
enum ErrorKind {
    Io { path: PathBuf, err: std::io::Error },
    Data { source: String, line: usize, msg: String },
    Build { msg: String },
}

impl Error {
    pub(crate) fn io(path: &Path, err: std::io::Error) -> Error {
        Error { kind: ErrorKind::Io { path: path.to_path_buf(), err } }
    }

    pub(crate) fn data(source: &str, line: usize, msg: impl Into<String>) -> Error {
        Error { kind: ErrorKind::Data { source: source.to_string(), line, msg: msg.into() } }
    }

    pub(crate) fn build(msg: impl Into<String>) -> Error {
        Error { kind: ErrorKind::Build { msg: msg.into() } }
    }

    /// The file (or list label) the error is about, when it is about data.
    pub fn source_name(&self) -> Option<&str> {
        match &self.kind {
            ErrorKind::Io { path, .. } => path.to_str(),
            ErrorKind::Data { source, .. } => Some(source),
            ErrorKind::Build { .. } => None,
        }
    }

    /// The 1-based line of the data error, when there is one.
    pub fn line(&self) -> Option<usize> {
        match &self.kind {
            ErrorKind::Data { line, .. } if *line > 0 => Some(*line),
            _ => None,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match &self.kind {
            ErrorKind::Io { path, err } => write!(f, "{}: {}", path.display(), err),
            ErrorKind::Data { source, line, msg } if *line > 0 => {
                write!(f, "{}:{}: {}", source, line, msg)
            }
            ErrorKind::Data { source, msg, .. } => write!(f, "{}: {}", source, msg),
            ErrorKind::Build { msg } => write!(f, "cannot build extractor: {}", msg),
        }
    }
}

impl std::error::Error for Error {
    fn source(&self) -> Option<&(dyn std::error::Error + 'static)> {
        match &self.kind {
            ErrorKind::Io { err, .. } => Some(err),
            _ => None,
        }
    }
}
