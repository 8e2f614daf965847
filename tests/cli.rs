//! The `gazette` binary, run as a user runs it: bad input is an error that
//! names the file (and line, and byte), `--keep-going` goes on past it,
//! `--lossy` replaces invalid UTF-8, output is never cut short silently, and
//! a closed pipe ends the program quietly.

#![cfg(feature = "cli")]

use std::io::{BufRead, BufReader, Write};
use std::path::PathBuf;
use std::process::{Command, Output, Stdio};

const BIN: &str = env!("CARGO_BIN_EXE_gazette");
const SAMPLE: &str = include_str!("../examples/sample.txt");

/// A scratch directory of one test, removed when the test ends.
struct Dir(PathBuf);

impl Dir {
    fn new(test: &str) -> Dir {
        let d = std::env::temp_dir().join(format!("gazette-cli-{}-{}", std::process::id(), test));
        std::fs::create_dir_all(&d).unwrap();
        Dir(d)
    }

    fn file(&self, name: &str, bytes: &[u8]) -> String {
        let p = self.0.join(name);
        std::fs::write(&p, bytes).unwrap();
        p.display().to_string()
    }

    fn path(&self, name: &str) -> String {
        self.0.join(name).display().to_string()
    }
}

impl Drop for Dir {
    fn drop(&mut self) {
        std::fs::remove_dir_all(&self.0).ok();
    }
}

fn gazette(args: &[&str]) -> Output {
    Command::new(BIN).args(args).stdin(Stdio::null()).output().expect("the binary runs")
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("output is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The JSON objects printed, one a line.
fn json_lines(o: &Output) -> Vec<serde_json::Value> {
    stdout(o).lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect()
}

fn mention_texts(v: &serde_json::Value) -> Vec<String> {
    v["mentions"].as_array().unwrap().iter().map(|m| m["text"].as_str().unwrap().to_string()).collect()
}

#[test]
fn invalid_utf8_names_file_and_byte_offset() {
    let d = Dir::new("utf8");
    let bad = d.file("bad.txt", b"Iraq and Syria met.\n\xC3\x28 Turkey agreed.\n");
    let o = gazette(&["--json", &bad]);
    assert_eq!(o.status.code(), Some(1), "{o:?}");
    assert_eq!(stderr(&o).trim(), format!("gazette: {bad}: invalid UTF-8 at byte 20 (use --lossy to replace it)"));
    assert!(o.stdout.is_empty());

    // --lossy replaces the bad byte; offsets are into the repaired text.
    let o = gazette(&["--json", "--lossy", &bad]);
    assert!(o.status.success(), "{o:?}");
    let a = &json_lines(&o)[0];
    assert_eq!(mention_texts(a), ["Iraq", "Syria", "Turkey"]);
    let turkey = &a["mentions"][2];
    let repaired = "Iraq and Syria met.\n\u{FFFD}( Turkey agreed.\n";
    let (s, e) = (turkey["start"].as_u64().unwrap() as usize, turkey["end"].as_u64().unwrap() as usize);
    assert_eq!(&repaired[s..e], "Turkey");

    // Standard input is named as such.
    let mut child =
        Command::new(BIN).stdin(Stdio::piped()).stdout(Stdio::piped()).stderr(Stdio::piped()).spawn().unwrap();
    child.stdin.take().unwrap().write_all(b"ok \xFF").unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("<stdin>: invalid UTF-8 at byte 3"), "{}", stderr(&o));
}

#[test]
fn malformed_json_lines_name_their_line() {
    let d = Dir::new("jsonl");
    let input = [
        &br#"{"id": 1, "text": "Iraq and Syria signed a deal."}"#[..],
        br#"{"id": 2, "text": "unterminated"#,
        br#"{"id": 3}"#,
        b"",
        br#"{"id": 5, "text": "Turkey agreed."}"#,
        b"{\"id\": 6, \"text\": \"Jordan \xFF said no.\"}",
        br#"[1, 2]"#,
        br#"{"id": "seven", "text": "Lebanon waited."}"#,
    ]
    .join(&b'\n');
    let f = d.file("docs.jsonl", &input);

    // Without --keep-going: the first bad line stops the run, names its
    // line, and what came before is still printed.
    let o = gazette(&["--jsonl", &f]);
    assert_eq!(o.status.code(), Some(1));
    let err = stderr(&o);
    assert!(err.starts_with(&format!("gazette: {f}:2: not JSON: ")), "{err}");
    let out = json_lines(&o);
    assert_eq!(out.len(), 1);
    assert_eq!(out[0]["id"], 1);

    // With it: every good line is processed and every bad one reported.
    let o = gazette(&["--jsonl", "--keep-going", &f]);
    assert_eq!(o.status.code(), Some(1));
    let ids: Vec<serde_json::Value> = json_lines(&o).iter().map(|v| v["id"].clone()).collect();
    assert_eq!(ids, [serde_json::json!(1), serde_json::json!(5), serde_json::json!("seven")]);
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 5, "{err}");
    assert!(lines[0].starts_with(&format!("gazette: {f}:2: not JSON")), "{err}");
    assert_eq!(lines[1], format!("gazette: {f}:3: no string field \"text\""));
    // Byte offsets count from the start of the file.
    let at = input.iter().position(|&b| b == 0xFF).unwrap();
    assert_eq!(lines[2], format!("gazette: {f}:6: invalid UTF-8 at byte {at} (use --lossy to replace it)"));
    assert_eq!(lines[3], format!("gazette: {f}:7: no string field \"text\""));
    assert_eq!(lines[4], "gazette: 4 bad inputs skipped");

    // --lossy repairs line 6 instead.
    let o = gazette(&["--jsonl", "--keep-going", "--lossy", &f]);
    let out = json_lines(&o);
    assert_eq!(out.len(), 4);
    assert_eq!(out[2]["id"], 6);
    assert_eq!(mention_texts(&out[2]), ["Jordan"]);

    // CRLF line ends and a byte-order mark are no errors.
    let f =
        d.file("crlf.jsonl", b"\xEF\xBB\xBF{\"id\": 1, \"text\": \"Iraq.\"}\r\n{\"id\": 2, \"text\": \"Syria.\"}\r\n");
    let o = gazette(&["--jsonl", &f]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = json_lines(&o);
    assert_eq!((mention_texts(&out[0]), mention_texts(&out[1])), (vec!["Iraq".into()], vec!["Syria".into()]));
}

#[test]
fn missing_and_unreadable_files() {
    let d = Dir::new("missing");
    let one = d.file("one.txt", b"Iraq and Syria signed a deal.");
    let two = d.file("two.txt", b"Turkey agreed.");
    let missing = d.path("missing.txt");
    let dir = d.path("");

    let o = gazette(&["--json", &one, &missing, &two]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with(&format!("gazette: {missing}: cannot read: ")), "{}", stderr(&o));
    assert_eq!(json_lines(&o).len(), 1, "the file before the bad one is still printed");

    let o = gazette(&["--json", "--keep-going", &one, &missing, &dir, &two]);
    assert_eq!(o.status.code(), Some(1));
    let out = json_lines(&o);
    assert_eq!(mention_texts(&out[0]), ["Iraq", "Syria"]);
    assert_eq!(mention_texts(&out[1]), ["Turkey"]);
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 3, "{err}");
    assert!(lines[0].starts_with(&format!("gazette: {missing}: cannot read: ")), "{err}");
    assert!(lines[1].starts_with(&format!("gazette: {dir}: cannot read: ")), "{err}");
    assert_eq!(lines[2], "gazette: 2 bad inputs skipped");

    // The plain report names each file when there are several.
    let o = gazette(&["--keep-going", &one, &missing, &two]);
    let out = stdout(&o);
    assert!(out.contains(&format!("== {one}\nCountries:\n  Iraq")), "{out}");
    assert!(out.contains(&format!("== {two}\nCountries:\n  Turkey")), "{out}");
}

#[test]
fn bad_gazetteer_and_bad_options() {
    let d = Dir::new("options");
    let list = d.file("people.tsv", b"id\tname\nperson/a\tAnna Kowal\textra\n");
    let text = d.file("t.txt", b"Anna Kowal spoke.");
    let o = gazette(&["--gazetteer", &format!("people={list}"), &text]);
    assert_eq!(o.status.code(), Some(1));
    assert_eq!(stderr(&o).trim(), format!("gazette: {list}:2: 3 cells, the header has 2"));
    assert!(o.stdout.is_empty());

    let o = gazette(&["--gazetteer", &format!("people={}", d.path("none.tsv")), &text]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("none.tsv"), "{}", stderr(&o));

    for args in [&["--frobnicate"][..], &["--gazetteer"], &["--gazetteer", "planets=x.tsv"]] {
        let o = gazette(args);
        assert_eq!(o.status.code(), Some(2), "{args:?}");
        assert!(stderr(&o).contains("usage: gazette"), "{args:?}");
    }
    let o = gazette(&["--help"]);
    assert!(o.status.success() && stdout(&o).starts_with("usage: gazette"));
}

/// `gazette --jsonl big.jsonl | head -1`: the reader goes away after one
/// line; gazette stops quietly with success.
#[test]
fn closed_pipe_ends_quietly() {
    let d = Dir::new("pipe");
    let line = serde_json::json!({"id": 0, "text": SAMPLE}).to_string();
    let big = d.file("big.jsonl", format!("{line}\n").repeat(2_000).as_bytes());
    let mut child = Command::new(BIN)
        .args(["--jsonl", &big])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    // The reader (and so the pipe) is dropped here.
    let o = child.wait_with_output().unwrap();
    assert!(first.starts_with("{\"id\":0,"), "{first}");
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}

/// A full disk is an error, not a silent cut.
#[test]
#[cfg(target_os = "linux")]
fn write_errors_are_reported() {
    let d = Dir::new("full");
    let f = d.file("t.txt", SAMPLE.as_bytes());
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full exists on Linux");
    for args in [&["--json", &f][..], &[&f]] {
        let o = Command::new(BIN).args(args).stdin(Stdio::null()).stdout(full.try_clone().unwrap()).output().unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert_eq!(stderr(&o).trim(), "gazette: cannot write output: No space left on device (os error 28)");
    }
}

/// The same input gives the same output in another process (other hash
/// seeds, another compiled automaton).
#[test]
fn output_is_the_same_across_runs() {
    let d = Dir::new("runs");
    let f = d.file("sample.txt", SAMPLE.as_bytes());
    let a = gazette(&["--json", &f]);
    let b = gazette(&["--json", &f]);
    assert!(a.status.success());
    assert_eq!(a.stdout, b.stdout);
    assert!(!json_lines(&a)[0]["quotes"].as_array().unwrap().is_empty());
}
