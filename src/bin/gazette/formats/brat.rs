//! brat standoff: the text as `NAME.txt` and its annotations as `NAME.ann`.
//!
//! * entities: `T1<TAB>Person 10 22<TAB>Mark Lowcock`, with an
//!   `AnnotatorNotes` line naming the entity it belongs to (and its key);
//! * statements: `Quote` (direct) and `Reported` (indirect) text-bound
//!   annotations, their cues as `Cue`, and speakers that are no entity
//!   mention (pronouns, descriptions) as `Speaker`;
//! * `R1<TAB>Said Arg1:T3 Arg2:T7`: from the speaker to the statement.
//!
//! Offsets count chars, as brat does; a span over a line break is written in
//! fragments (`0 10;11 20`). The folder also gets `annotation.conf` and
//! `visual.conf`, so brat knows the types and colours them.

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;
use std::io;
use std::path::PathBuf;

use gazette::{Kind, QuoteKind, Span};

use super::Doc;
use crate::offsets;

/// The brat type of a mention kind.
pub fn entity_type(kind: Kind) -> &'static str {
    match kind {
        Kind::Person => "Person",
        Kind::Country => "Country",
        Kind::Group => "Group",
        Kind::Nationality => "Nationality",
        Kind::Place => "Place",
        _ => "Title",
    }
}

const ENTITY_TYPES: &[&str] = &["Person", "Country", "Group", "Nationality", "Place", "Title"];

/// The `.ann` of one document, and a file name stem for it.
pub fn ann(doc: &Doc) -> (String, String) {
    let text = &doc.text;
    let a = &doc.analysis;
    let o = offsets::chars(text);
    let mut out = String::new();
    let mut t = 0;
    let mut notes = 0;
    // Text-bound annotation `T`: fragments that stop at line breaks.
    let mut bound = |out: &mut String, ty: &str, span: Span| -> String {
        t += 1;
        let frags = fragments(text, span);
        let offs: Vec<String> = frags.iter().map(|f| format!("{} {}", o.at(f.start), o.at(f.end))).collect();
        let words: Vec<&str> = frags.iter().map(|f| &text[f.range()]).collect();
        let _ = writeln!(out, "T{}\t{} {}\t{}", t, ty, offs.join(";"), words.join(" "));
        format!("T{}", t)
    };
    // The `T` of each span written, by span: a speaker that is a mention
    // links to it (the first written, as spans may repeat).
    let mut mention_t: HashMap<(usize, usize), String> = HashMap::new();
    for m in &a.mentions {
        if fragments(text, m.span).is_empty() {
            continue;
        }
        let id = bound(&mut out, entity_type(m.kind), m.span);
        if let Some(e) = m.entity.and_then(|i| a.entities.get(i)) {
            notes += 1;
            let key = e.key.as_ref().map(|k| format!(" ({})", k)).unwrap_or_default();
            let _ = writeln!(out, "#{}\tAnnotatorNotes {}\t{}", notes, id, one_line(&format!("{}{}", e.name, key)));
        }
        mention_t.entry((m.span.start, m.span.end)).or_insert(id);
    }
    let mut r = 0;
    for q in &a.quotes {
        let ty = match q.kind {
            QuoteKind::Direct => "Quote",
            QuoteKind::Indirect => "Reported",
            _ => continue,
        };
        if fragments(text, q.span).is_empty() {
            continue;
        }
        let qid = bound(&mut out, ty, q.span);
        if let Some(c) = &q.cue {
            if !fragments(text, c.span).is_empty() {
                bound(&mut out, "Cue", c.span);
            }
        }
        if let Some(s) = &q.speaker {
            let sid = match mention_t.get(&(s.span.start, s.span.end)) {
                Some(id) => Some(id.clone()),
                None if !fragments(text, s.span).is_empty() => {
                    let id = bound(&mut out, "Speaker", s.span);
                    // A pronoun or description that resolves: whom it names.
                    if let Some(e) = s.entity.and_then(|i| a.entities.get(i)) {
                        notes += 1;
                        let key = e.key.as_ref().map(|k| format!(" ({})", k)).unwrap_or_default();
                        let _ = writeln!(
                            out,
                            "#{}\tAnnotatorNotes {}\t{}",
                            notes,
                            id,
                            one_line(&format!("{}{}", e.name, key))
                        );
                    }
                    mention_t.insert((s.span.start, s.span.end), id.clone());
                    Some(id)
                }
                None => None,
            };
            if let Some(sid) = sid {
                r += 1;
                let _ = writeln!(out, "R{}\tSaid Arg1:{} Arg2:{}", r, sid, qid);
            }
        }
    }
    (stem(&doc.name, doc.file), out)
}

fn one_line(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// The parts of `span` between line breaks, trimmed of white space.
fn fragments(text: &str, span: Span) -> Vec<Span> {
    let Some(s) = text.get(span.range()) else { return Vec::new() };
    let mut out = Vec::new();
    let mut at = span.start;
    for line in s.split_inclusive(['\n', '\r']) {
        let body = line.trim_end_matches(['\n', '\r']);
        let lead = body.len() - body.trim_start().len();
        let trimmed = body.trim();
        if !trimmed.is_empty() {
            out.push(Span::new(at + lead, at + lead + trimmed.len()));
        }
        at += line.len();
    }
    out
}

/// A file name stem from a document name: a file's name without its folder
/// and extension, or the id, with anything but letters, digits, `-`, `_` and
/// `.` replaced by `_`.
fn stem(name: &str, file: bool) -> String {
    let mut base = name;
    if file {
        base = base.rsplit(['/', '\\']).next().unwrap_or(base);
        base = base.strip_suffix(".gz").unwrap_or(base);
        base = match base.rsplit_once('.') {
            Some((b, ext)) if !b.is_empty() && ext.len() <= 5 => b,
            _ => base,
        };
    }
    let s: String =
        base.chars().map(|c| if c.is_alphanumeric() || matches!(c, '-' | '_' | '.') { c } else { '_' }).collect();
    if s.is_empty() || s.starts_with('.') {
        format!("doc{}", s)
    } else {
        s
    }
}

/// A brat collection folder being written.
pub struct Folder {
    dir: PathBuf,
    used: HashSet<String>,
}

impl Folder {
    /// Creates the folder (and its parents) and writes the brat configuration.
    pub fn new(dir: PathBuf) -> io::Result<Folder> {
        let named = |e: io::Error| io::Error::new(e.kind(), format!("{}: {}", dir.display(), e));
        std::fs::create_dir_all(&dir).map_err(named)?;
        let all = ENTITY_TYPES.join("|");
        let conf = format!(
            "# brat configuration written by gazette\n[entities]\n{}\nSpeaker\nQuote\nReported\nCue\n\n[relations]\n\
             Said\tArg1:{}|Speaker, Arg2:Quote|Reported\n\
             <OVERLAP>\tArg1:<ENTITY>, Arg2:<ENTITY>, <OVL-TYPE>:<ANY>\n\n[events]\n\n[attributes]\n",
            ENTITY_TYPES.join("\n"),
            all
        );
        std::fs::write(dir.join("annotation.conf"), conf).map_err(named)?;
        let mut visual = String::from("# brat colours written by gazette (the HTML report's)\n[labels]\n\n[drawing]\n");
        for (ty, colour) in [
            ("Person", "#ffd8a8"),
            ("Country", "#a5d8ff"),
            ("Group", "#b2f2bb"),
            ("Nationality", "#c3fae8"),
            ("Place", "#eebefa"),
            ("Title", "#e9ecef"),
            ("Speaker", "#fdffb6"),
            ("Quote", "#fff3bf"),
            ("Reported", "#f1f3f5"),
            ("Cue", "#ffc9c9"),
        ] {
            let _ = writeln!(visual, "{}\tbgColor:{}", ty, colour);
        }
        visual.push_str("Said\tcolor:#c92a2a, arrowHead:triangle-5\n");
        std::fs::write(dir.join("visual.conf"), visual).map_err(named)?;
        Ok(Folder { dir, used: HashSet::new() })
    }

    /// Writes one document's two files; a name used before gets `-2`, `-3`, ...
    pub fn write(&mut self, stem: &str, txt: &str, ann: &str) -> io::Result<()> {
        let mut name = stem.to_string();
        let mut n = 1;
        while self.used.contains(&name) || name == "annotation" || name == "visual" {
            n += 1;
            name = format!("{}-{}", stem, n);
        }
        self.used.insert(name.clone());
        for (ext, body) in [("txt", txt), ("ann", ann)] {
            let p = self.dir.join(format!("{}.{}", name, ext));
            std::fs::write(&p, body).map_err(|e| io::Error::new(e.kind(), format!("{}: {}", p.display(), e)))?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stems() {
        let table = [
            ("articles/iraq-talks.txt", true, "iraq-talks"),
            ("corpus/day 1.txt.gz", true, "day_1"),
            ("<stdin>", true, "_stdin_"),
            ("a/.hidden", true, "doc.hidden"),
            ("doc-17", false, "doc-17"),
            ("reuters.2024.001", false, "reuters.2024.001"),
            ("a/b", false, "a_b"),
            ("line 4", false, "line_4"),
        ];
        for (name, file, want) in table {
            assert_eq!(stem(name, file), want, "{name}");
        }
    }

    #[test]
    fn fragments_stop_at_line_breaks() {
        let text = "ab “one\n\ntwo” cd";
        let q = Span::new(6, 14);
        let got: Vec<&str> = fragments(text, q).iter().map(|f| &text[f.range()]).collect();
        assert_eq!(got, ["one", "two"]);
    }
}
