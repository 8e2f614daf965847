//! Gazetteer lists given with `--gazetteer`: checked for the mistakes a
//! spreadsheet makes before the library reads them.

use std::path::{Path, PathBuf};

use gazette::{Extractor, ListKind};

/// Mistakes the library would report less clearly: a byte-order mark, and a
/// header whose cells are separated by commas instead of tabs.
pub fn check(path: &Path) -> Result<(), String> {
    let shown = path.display();
    let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read: {}", shown, e))?;
    if bytes.starts_with(b"\xEF\xBB\xBF") {
        return Err(format!(
            "{}:1: the list starts with a byte-order mark (BOM, U+FEFF), as some editors write: \
             save it as UTF-8 without a BOM",
            shown
        ));
    }
    let header = bytes.split(|&b| b == b'\n').next().unwrap_or(&[]);
    if !header.contains(&b'\t') && header.contains(&b',') {
        return Err(format!(
            "{}:1: the header has commas and no tab: cells are tab-separated (TSV), not comma-separated; \
             save the list as tab-separated text",
            shown
        ));
    }
    Ok(())
}

/// The extractor: the embedded lists, and the lists given.
pub fn extractor(lists: &[(ListKind, PathBuf)]) -> Result<Extractor, String> {
    if lists.is_empty() {
        return Ok(Extractor::default());
    }
    let mut b = Extractor::builder();
    for (k, p) in lists {
        check(p)?;
        b = b.add_file(*k, p);
    }
    b.build().map_err(|e| e.to_string())
}
