//! The `gazette` command, run as a user runs it: bad input is an error that
//! names the file (and line, and byte); `--keep-going` goes on past it and,
//! in JSON Lines, leaves an error object in its place; ids come back exactly
//! as given, in input order whatever `-j`; output streams; every format
//! holds what the analysis found; and the exit status says how it went.

#![cfg(feature = "cli")]

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use serde_json::{json, Value};

const BIN: &str = env!("CARGO_BIN_EXE_gazette");
const SAMPLE: &str = include_str!("../examples/sample.txt");
const ROOT: &str = env!("CARGO_MANIFEST_DIR");

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
        if let Some(parent) = p.parent() {
            std::fs::create_dir_all(parent).unwrap();
        }
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

fn gazette_stdin(args: &[&str], input: &[u8]) -> Output {
    let mut child = Command::new(BIN)
        .args(args)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut stdin = child.stdin.take().unwrap();
    let input = input.to_vec();
    let writer = std::thread::spawn(move || stdin.write_all(&input));
    let o = child.wait_with_output().unwrap();
    let _ = writer.join();
    o
}

fn stdout(o: &Output) -> String {
    String::from_utf8(o.stdout.clone()).expect("output is UTF-8")
}

fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// The JSON objects printed, one a line.
fn json_lines(o: &Output) -> Vec<Value> {
    stdout(o).lines().map(|l| serde_json::from_str(l).expect("each line is JSON")).collect()
}

fn mention_texts(v: &Value) -> Vec<String> {
    v["mentions"].as_array().unwrap().iter().map(|m| m["text"].as_str().unwrap().to_string()).collect()
}

fn gzip(bytes: &[u8]) -> Vec<u8> {
    let mut e = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
    e.write_all(bytes).unwrap();
    e.finish().unwrap()
}

/// The analysis of the sample article, as the library gives it.
fn sample_analysis() -> gazette::Analysis {
    gazette::Extractor::default().extract(SAMPLE)
}

#[test]
fn invalid_utf8_names_file_and_byte_offset() {
    let d = Dir::new("utf8");
    let bad = d.file("bad.txt", b"Iraq and Syria met.\n\xC3\x28 Turkey agreed.\n");
    let o = gazette(&["--format", "jsonl", &bad]);
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
    let o = gazette_stdin(&[], b"ok \xFF");
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).contains("<stdin>: invalid UTF-8 at byte 3"), "{}", stderr(&o));
}

/// With --keep-going, every input line has its output line: an analysis, or
/// `{"id", "error"}` with the id when it could be read.
#[test]
fn json_lines_stay_aligned_with_their_input() {
    let d = Dir::new("jsonl");
    let input = [
        &br#"{"id": 1, "text": "Iraq and Syria signed a deal."}"#[..],
        br#"{"id": 2, "text": "unterminated"#,
        br#"{"id": 3}"#,
        b"",
        br#"{"id": 5, "text": "Turkey agreed."}"#,
        b"{\"id\": 6, \"text\": \"Jordan \xFF said no.\"}",
        br#"[1, "Lebanon"]"#,
        br#"{"id": "seven", "text": "Lebanon waited."}"#,
    ]
    .join(&b'\n');
    let f = d.file("docs.jsonl", &input);

    // Without --keep-going: the first bad line stops the run and names its
    // line; what came before it is printed.
    let o = gazette(&["--jsonl", &f]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with(&format!("gazette: {f}:2: not JSON: ")), "{}", stderr(&o));
    assert_eq!(json_lines(&o).len(), 1);

    let o = gazette(&["--jsonl", "--keep-going", "-j", "3", &f]);
    assert_eq!(o.status.code(), Some(1));
    let out = json_lines(&o);
    let at = input.iter().position(|&b| b == 0xFF).unwrap();
    let line6 = input.split(|&b| b == b'\n').nth(5).unwrap();
    let in_line = line6.iter().position(|&b| b == 0xFF).unwrap();
    // (line, id, error or None for an analysis)
    let want: &[(Value, Option<String>)] = &[
        (json!(1), None),
        (Value::Null, Some(format!("{f}:2: not JSON: EOF while parsing a string at line 1 column 31"))),
        (json!(3), Some(format!("{f}:3: no string field \"text\""))),
        (Value::Null, Some(format!("{f}:4: blank line (every line must be a JSON object)"))),
        (json!(5), None),
        (
            json!(6),
            Some(format!(
                "{f}:6: invalid UTF-8 at byte {in_line} of the line (byte {at} of the file) (use --lossy to replace it)"
            )),
        ),
        (
            Value::Null,
            Some(format!("{f}:7: not a JSON object (every line must be {{\"id\": ..., \"text\": \"...\"}})")),
        ),
        (json!("seven"), None),
    ];
    assert_eq!(out.len(), want.len(), "{}", stdout(&o));
    for (i, (v, (id, err))) in out.iter().zip(want).enumerate() {
        assert_eq!(&v["id"], id, "line {}", i + 1);
        match err {
            Some(e) => {
                assert_eq!(v["error"].as_str(), Some(e.as_str()), "line {}", i + 1);
                assert!(v.get("mentions").is_none());
            }
            None => assert!(v.get("error").is_none() && v["mentions"].is_array(), "line {}", i + 1),
        }
    }
    // The same messages on standard error, and the count.
    let err = stderr(&o);
    let lines: Vec<&str> = err.lines().collect();
    assert_eq!(lines.len(), 6, "{err}");
    assert_eq!(lines[5], "gazette: 5 bad inputs skipped");

    // --lossy repairs line 6 instead.
    let o = gazette(&["--jsonl", "--keep-going", "--lossy", &f]);
    let out = json_lines(&o);
    assert_eq!(mention_texts(&out[5]), ["Jordan"]);

    // CRLF line ends and a byte-order mark before the first line are no errors.
    let f =
        d.file("crlf.jsonl", b"\xEF\xBB\xBF{\"id\": 1, \"text\": \"Iraq.\"}\r\n{\"id\": 2, \"text\": \"Syria.\"}\r\n");
    let o = gazette(&["--jsonl", &f]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = json_lines(&o);
    assert_eq!((mention_texts(&out[0]), mention_texts(&out[1])), (vec!["Iraq".into()], vec!["Syria".into()]));
}

/// The messages the issue asks for, one row each: the input, the options,
/// and what standard error must say.
#[test]
fn messages_name_the_problem() {
    let d = Dir::new("messages");
    let gz_junk = {
        let mut g = gzip(b"{\"id\": 1, \"text\": \"Iraq.\"}\n");
        g.truncate(g.len() - 12); // cut the stream short
        g
    };
    let gz_binary = gzip(b"\x00\x01\xFF\xFE binary");
    let rows: Vec<(&str, Vec<u8>, Vec<&str>, &str)> = vec![
        (
            "surrogate.jsonl",
            br#"{"id": 1, "text": "half a pair: \ud83d here"}"#.to_vec(),
            vec!["--jsonl"],
            r":1: a lone surrogate escape \uD83D at column 33: JSON strings must hold whole UTF-16 pairs (use --lossy to replace it with U+FFFD)",
        ),
        (
            "bom-inside.jsonl",
            b"{\"id\": 1, \"text\": \"Iraq.\"}\n\xEF\xBB\xBF{\"id\": 2, \"text\": \"Syria.\"}\n".to_vec(),
            vec!["--jsonl"],
            ":2: the line starts with a byte-order mark (BOM, U+FEFF), which only the first line of a file may have",
        ),
        (
            "bad-utf8.jsonl",
            b"{\"id\": 1, \"text\": \"Iraq.\"}\n{\"id\": 2, \"text\": \"ok \xFF\"}\n".to_vec(),
            vec!["--jsonl"],
            ":2: invalid UTF-8 at byte 22 of the line (byte 49 of the file)",
        ),
        ("cut.jsonl.gz", gz_junk, vec!["--jsonl"], ": the gzip stream is damaged or cut short"),
        ("binary.gz", gz_binary, vec![], ": invalid UTF-8 at byte 2 of the decompressed text"),
        (
            "text.zst",
            b"\x28\xB5\x2F\xFD\x00\x00junk".to_vec(),
            vec![],
            ": compressed with zstd, which gazette does not read (it reads text and gzip): decompress it first (zstd -d)",
        ),
    ];
    for (name, bytes, args, want) in rows {
        let f = d.file(name, &bytes);
        let mut all = args.clone();
        all.push(&f);
        let o = gazette(&all);
        let err = stderr(&o);
        assert_eq!(o.status.code(), Some(1), "{name}: {err}");
        assert!(err.contains(&format!("{f}{want}")), "{name}: {err}");
        if name.ends_with(".gz") || name.ends_with(".zst") {
            assert!(!err.contains("--lossy") || err.contains("decompressed"), "{name}: {err}");
        }
    }
    // --lossy repairs a lone surrogate.
    let f = d.file("surrogate2.jsonl", br#"{"id": 1, "text": "Iraq \ud83d and Syria."}"#);
    let o = gazette(&["--jsonl", "--lossy", &f]);
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(mention_texts(&json_lines(&o)[0]), ["Iraq", "Syria"]);

    // Lists: a BOM, and a comma-separated header.
    let text = d.file("t.txt", b"Anna Kowal spoke.");
    let rows = [
        (
            "bom.tsv",
            &b"\xEF\xBB\xBFid\tname\nperson/a\tAnna Kowal\n"[..],
            ":1: the list starts with a byte-order mark (BOM, U+FEFF)",
        ),
        (
            "comma.tsv",
            b"id,name\nperson/a,Anna Kowal\n",
            ":1: the header has commas and no tab: cells are tab-separated (TSV), not comma-separated",
        ),
        ("cells.tsv", b"id\tname\nperson/a\tAnna Kowal\textra\n", ":2: 3 cells, the header has 2"),
    ];
    for (name, bytes, want) in rows {
        let list = d.file(name, bytes);
        let o = gazette(&["--gazetteer", &format!("people={list}"), &text]);
        assert_eq!(o.status.code(), Some(1), "{name}");
        assert!(stderr(&o).starts_with(&format!("gazette: {list}{want}")), "{name}: {}", stderr(&o));
        assert!(o.stdout.is_empty());
    }
}

/// Ids come back as the input wrote them: the raw JSON token.
#[test]
fn ids_are_echoed_exactly() {
    let ids = [
        "123456789012345678901234567890",
        "1E2",
        "-0.0",
        "1.50",
        r#""doc-1""#,
        r#""\u00e9t\u00e9""#,
        r#"{"source": "wire", "n": 7}"#,
        "[1, 2]",
        "null",
        "true",
    ];
    let input: String = ids.iter().map(|id| format!("{{\"id\": {id}, \"text\": \"Iraq.\"}}\n")).collect();
    let o = gazette_stdin(&["--jsonl", "-"], input.as_bytes());
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let lines: Vec<&str> = out.lines().collect();
    assert_eq!(lines.len(), ids.len());
    for (line, id) in lines.iter().zip(ids) {
        assert!(line.starts_with(&format!("{{\"id\":{id},")), "{id}: {line}");
    }
    // A missing id is null.
    let o = gazette_stdin(&["--jsonl"], br#"{"text": "Iraq."}"#);
    assert!(stdout(&o).starts_with(r#"{"id":null,"entities""#), "{}", stdout(&o));
}

/// The output order is the input order, whatever the number of threads.
#[test]
fn output_order_is_input_order_with_any_jobs() {
    let mut input = String::new();
    for i in 0..240 {
        // Long and short documents mixed, so that workers finish out of order.
        let text = if i % 7 == 0 { SAMPLE.repeat(8) } else { format!("Doc {i}: Iraq and Syria met.") };
        input.push_str(&json!({"id": format!("d{i}"), "text": text}).to_string());
        input.push('\n');
    }
    let one = gazette_stdin(&["--jsonl", "-j", "1"], input.as_bytes());
    assert!(one.status.success());
    for jobs in ["2", "4", "7"] {
        let many = gazette_stdin(&["--jsonl", "-j", jobs], input.as_bytes());
        assert!(many.status.success());
        assert!(many.stdout == one.stdout, "-j {jobs} changed the output");
    }
    let ids: Vec<String> = json_lines(&one).iter().map(|v| v["id"].as_str().unwrap().to_string()).collect();
    assert_eq!(ids, (0..240).map(|i| format!("d{i}")).collect::<Vec<_>>());
}

/// A line in, a line out: the first analysis is written while the input is
/// still open.
#[test]
fn json_lines_stream() {
    for jobs in ["1", "2"] {
        let mut child = Command::new(BIN)
            .args(["--jsonl", "-j", jobs])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            let mut lines = Vec::new();
            loop {
                let mut l = String::new();
                if out.read_line(&mut l).unwrap_or(0) == 0 {
                    break;
                }
                tx.send(l.clone()).ok();
                lines.push(l);
            }
            lines
        });
        stdin.write_all(b"{\"id\": \"first\", \"text\": \"Iraq and Syria met.\"}\n").unwrap();
        stdin.flush().unwrap();
        // The input is not closed: the first line must come all the same.
        let first = rx.recv_timeout(Duration::from_secs(60)).expect("the first line arrives before the input ends");
        assert!(first.starts_with(r#"{"id":"first","#), "{first}");
        stdin.write_all(b"{\"id\": \"second\", \"text\": \"Turkey agreed.\"}\n").unwrap();
        let second = rx.recv_timeout(Duration::from_secs(60)).expect("the second line arrives too");
        assert!(second.starts_with(r#"{"id":"second","#), "{second}");
        drop(stdin);
        assert!(child.wait().unwrap().success());
        assert_eq!(reader.join().unwrap().len(), 2);
    }
}

/// Exit status: 0 all good, 1 some input bad (also when the reader went
/// away), 2 usage; a closed standard output is an error.
#[test]
fn exit_status() {
    let d = Dir::new("exit");
    let good = d.file("good.txt", b"Iraq and Syria met.");
    let bad = d.file("bad.txt", b"\xFF");
    let many_good = d.file("good.jsonl", "{\"id\": 1, \"text\": \"Iraq.\"}\n".repeat(3000).as_bytes());
    let many_bad = d.file(
        "bad.jsonl",
        format!("{}{}", "{\"id\": 0, \"text\": 5}\n", "{\"id\": 1, \"text\": \"Iraq.\"}\n".repeat(3000)).as_bytes(),
    );
    let sh = |cmd: &str| Command::new("sh").arg("-c").arg(cmd).arg(BIN).stdin(Stdio::null()).output().unwrap();
    let rows: Vec<(&str, Output, i32)> = vec![
        ("all good", gazette(&[&good]), 0),
        ("a bad input", gazette(&[&good, &bad]), 1),
        ("a bad input, --keep-going", gazette(&["--keep-going", &bad, &good]), 1),
        ("unknown option", gazette(&["--frobnicate"]), 2),
        ("unknown format", gazette(&["--format", "docx", &good]), 2),
        ("-j 0", gazette(&["-j", "0", &good]), 2),
        ("unknown list kind", gazette(&["--gazetteer", "planets=x.tsv", &good]), 2),
        ("bad glob", gazette(&["--glob", "[", &good]), 2),
        ("brat, several, no folder", gazette(&["--format", "brat", &good, &good]), 2),
        ("missing list", gazette(&["--gazetteer", &format!("people={}", d.path("none.tsv")), &good]), 1),
        ("stdout closed", sh(&format!("\"$0\" {good} >&-")), 1),
        ("stdout closed, jsonl", sh(&format!("\"$0\" --jsonl {many_good} >&-")), 1),
        ("stdout to /dev/null", sh(&format!("\"$0\" {good} >/dev/null")), 0),
        ("stdout read-write /dev/null", sh(&format!("\"$0\" {good} 1<>/dev/null")), 0),
    ];
    for (what, o, code) in rows {
        assert_eq!(o.status.code(), Some(code), "{what}: {}", stderr(&o));
        if code == 2 {
            assert!(
                stderr(&o).to_lowercase().contains("usage") || stderr(&o).contains("--help"),
                "{what}: {}",
                stderr(&o)
            );
        }
    }
    let o = sh(&format!("\"$0\" {good} >&-"));
    assert!(stderr(&o).contains("standard output is closed"), "{}", stderr(&o));

    // A closed pipe after a bad line: status 1, since an input was bad.
    let mut child = Command::new(BIN)
        .args(["--jsonl", "--keep-going", &many_bad])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(first.contains("\"error\""), "{first}");
    assert_eq!(o.status.code(), Some(1), "{}", stderr(&o));

    // The reader goes away with no bad input: quiet success.
    let mut child = Command::new(BIN)
        .args(["--jsonl", &many_good])
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let mut first = String::new();
    BufReader::new(child.stdout.take().unwrap()).read_line(&mut first).unwrap();
    let o = child.wait_with_output().unwrap();
    assert_eq!(o.status.code(), Some(0), "{}", stderr(&o));
    assert_eq!(stderr(&o), "");
}

#[test]
fn missing_and_unreadable_files() {
    let d = Dir::new("missing");
    let one = d.file("one.txt", b"Iraq and Syria signed a deal.");
    let two = d.file("two.txt", b"Turkey agreed.");
    let missing = d.path("missing.txt");

    let o = gazette(&["--json", &one, &missing, &two]);
    assert_eq!(o.status.code(), Some(1));
    assert!(stderr(&o).starts_with(&format!("gazette: {missing}: cannot read: ")), "{}", stderr(&o));
    assert_eq!(json_lines(&o).len(), 1, "the file before the bad one is still printed");

    // With --keep-going the bad file has its line too, in its place.
    let o = gazette(&["--json", "--keep-going", &one, &missing, &two]);
    assert_eq!(o.status.code(), Some(1));
    let out = json_lines(&o);
    assert_eq!(out.len(), 3);
    assert_eq!(mention_texts(&out[0]), ["Iraq", "Syria"]);
    assert!(out[1]["error"].as_str().unwrap().starts_with(&format!("{missing}: cannot read: ")));
    assert_eq!(mention_texts(&out[2]), ["Turkey"]);
    assert_eq!(out[2]["id"], two.as_str());

    // The plain report names each file when there are several.
    let o = gazette(&["--keep-going", &one, &missing, &two]);
    let out = stdout(&o);
    assert!(out.contains(&format!("== {one}\nCountries:\n  Iraq")), "{out}");
    assert!(out.contains(&format!("== {two}\nCountries:\n  Turkey")), "{out}");
}

/// Folders are read recursively, in name order, hidden files skipped;
/// `--glob` chooses; gzip is known by its magic bytes, not its name.
#[test]
fn folders_globs_and_gzip() {
    let d = Dir::new("folders");
    d.file("news/b.txt", b"Turkey agreed.");
    d.file("news/a/one.txt", b"Iraq and Syria met.");
    d.file("news/a/two.gz", &gzip(b"Jordan waited."));
    d.file("news/packed", &gzip(b"Lebanon spoke.")); // gzip without the name
    d.file("news/notes.md", b"Egypt.");
    d.file("news/.hidden.txt", b"Iran.");
    let root = d.path("news");
    let names = |o: &Output| -> Vec<(String, Vec<String>)> {
        json_lines(o)
            .iter()
            .map(|v| {
                let id = v["id"].as_str().unwrap();
                (id.strip_prefix(&format!("{root}/")).unwrap_or(id).to_string(), mention_texts(v))
            })
            .collect()
    };
    // (globs, [(file, its mentions)])
    type Row<'a> = (&'a [&'a str], &'a [(&'a str, &'a [&'a str])]);
    let table: &[Row] = &[
        (
            &[],
            &[
                ("a/one.txt", &["Iraq", "Syria"]),
                ("a/two.gz", &["Jordan"]),
                ("b.txt", &["Turkey"]),
                ("notes.md", &["Egypt"]),
                ("packed", &["Lebanon"]),
            ],
        ),
        (&["--glob", "*.txt"], &[("a/one.txt", &["Iraq", "Syria"]), ("b.txt", &["Turkey"])]),
        (&["--glob", "a/*"], &[("a/one.txt", &["Iraq", "Syria"]), ("a/two.gz", &["Jordan"])]),
        (&["--glob", "*.gz", "--glob", "*.md"], &[("a/two.gz", &["Jordan"]), ("notes.md", &["Egypt"])]),
    ];
    for (globs, want) in table {
        let mut args = vec!["--format", "jsonl"];
        args.extend_from_slice(globs);
        args.push(&root);
        let o = gazette(&args);
        assert!(o.status.success(), "{globs:?}: {}", stderr(&o));
        let want: Vec<(String, Vec<String>)> =
            want.iter().map(|(n, m)| (n.to_string(), m.iter().map(|s| s.to_string()).collect())).collect();
        assert_eq!(names(&o), want, "{globs:?}");
    }

    // A gzip JSON Lines file on standard input, and `--` before a name that
    // looks like an option.
    let lines = b"{\"id\": 1, \"text\": \"Iraq.\"}\n{\"id\": 2, \"text\": \"Syria.\"}\n";
    let o = gazette_stdin(&["--jsonl", "-"], &gzip(lines));
    assert_eq!(json_lines(&o).iter().map(mention_texts).collect::<Vec<_>>(), [["Iraq"], ["Syria"]]);
    let odd = d.file("--odd.txt", b"Qatar.");
    let o = Command::new(BIN).current_dir(&d.0).args(["--json", "--", "--odd.txt"]).output().unwrap();
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(mention_texts(&json_lines(&o)[0]), ["Qatar"]);
    drop(odd);
}

#[test]
fn version_help_and_stats() {
    let o = gazette(&["--version"]);
    assert!(o.status.success());
    assert_eq!(stdout(&o).trim(), format!("gazette {}", env!("CARGO_PKG_VERSION")));

    let o = gazette(&["--help"]);
    assert!(o.status.success());
    let help = stdout(&o);
    // An example per mode.
    for example in [
        "gazette article.txt",
        "--format html",
        "gazette --jsonl",
        "--format csv --table quotes",
        "--format parquet",
        "--format brat",
        "--format conll",
        "--offsets chars",
        "gazette eval --gold",
    ] {
        assert!(help.contains(example), "--help has no example of `{example}`");
    }
    let o = gazette(&["eval", "--help"]);
    assert!(o.status.success() && stdout(&o).contains("--gold"));

    let input = "{\"id\": 1, \"text\": \"Iraq and Syria met.\"}\n".repeat(10);
    let o = gazette_stdin(&["--jsonl", "--stats"], input.as_bytes());
    assert!(o.status.success());
    let err = stderr(&o);
    assert!(err.starts_with("gazette: 10 documents (0 bad), 0.0 MB in "), "{err}");
    assert!(err.contains("MB/s), 20 mentions, 0 quotes"), "{err}");
}

/// Writing to a full disk is an error, not a silent cut.
#[test]
#[cfg(target_os = "linux")]
fn write_errors_are_reported() {
    let d = Dir::new("full");
    let f = d.file("t.txt", SAMPLE.as_bytes());
    let full = std::fs::OpenOptions::new().write(true).open("/dev/full").expect("/dev/full exists on Linux");
    for args in [&["--json", &f][..], &[&f], &["--format", "html", &f]] {
        let o = Command::new(BIN).args(args).stdin(Stdio::null()).stdout(full.try_clone().unwrap()).output().unwrap();
        assert_eq!(o.status.code(), Some(1), "{args:?}");
        assert_eq!(stderr(&o).trim(), "gazette: cannot write output: No space left on device (os error 28)");
    }
}

/// The same input gives the same output in another process.
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

/// `--offsets`: the same mentions, counted in bytes, chars or UTF-16 units.
#[test]
fn offsets_in_three_units() {
    // A short text, and a long one that the command writes as it serialises
    // it (over 1 MiB).
    let short = "Ministre Éric Dupont 😀 said Iraq and Türkiye met in Ankara.";
    let long = format!("{short}\n\n").repeat((1 << 20) / short.len() + 1);
    let input = format!("{}\n{}\n", json!({"id": 1, "text": short}), json!({"id": 2, "text": long}));
    for unit in ["bytes", "chars", "utf16"] {
        let o = gazette_stdin(&["--jsonl", "--offsets", unit], input.as_bytes());
        assert!(o.status.success());
        let lines = json_lines(&o);
        assert_eq!(lines.len(), 2);
        for (v, text) in lines.iter().zip([short, long.as_str()]) {
            let utf16: Vec<u16> = text.encode_utf16().collect();
            let chars: Vec<char> = text.chars().collect();
            let ms = v["mentions"].as_array().unwrap();
            assert!(ms.len() >= 3, "{v}");
            for m in ms {
                let (s, e) = (m["start"].as_u64().unwrap() as usize, m["end"].as_u64().unwrap() as usize);
                let got = match unit {
                    "bytes" => text[s..e].to_string(),
                    "chars" => chars[s..e].iter().collect(),
                    _ => String::from_utf16(&utf16[s..e]).unwrap(),
                };
                assert_eq!(got, m["text"].as_str().unwrap(), "{unit}");
            }
        }
    }
}

/// Over ASCII text every unit counts the same: the output in chars and
/// UTF-16 is byte for byte the output in bytes (the same keys in the same
/// order, the same numbers), in JSON Lines and JSON, for a short document
/// and a long one (which streams); an id is echoed as it came, even one
/// with `start` and `end` in it.
#[test]
fn offsets_over_ascii_text_are_the_same_in_every_unit() {
    let short = "Foreign Minister Amal Haddad said on Monday that Iraq and Syria would meet in Amman.";
    let long = format!("\"We will stay,\" {short}\n\n").repeat((1 << 20) / 100 + 1);
    assert!(long.is_ascii() && long.len() > 1 << 20);
    let input = format!(
        "{{\"id\": {{\"start\": 3, \"end\": 7}}, \"text\": {}}}\n{}\n",
        json!(short),
        json!({"id": "long", "text": long})
    );
    for format in ["jsonl", "json"] {
        let bytes = gazette_stdin(&["--jsonl", "--format", format, "--offsets", "bytes"], input.as_bytes());
        assert!(bytes.status.success(), "{}", stderr(&bytes));
        assert!(stdout(&bytes).contains(r#"{"start": 3, "end": 7}"#), "the id is echoed as it came");
        for unit in ["chars", "utf16"] {
            let o = gazette_stdin(&["--jsonl", "--format", format, "--offsets", unit], input.as_bytes());
            assert!(o.stdout == bytes.stdout, "{format} in {unit} differs from bytes");
        }
    }
}

#[test]
fn text_report_lists_places_and_nationalities() {
    let o = gazette_stdin(&[], SAMPLE.as_bytes());
    let out = stdout(&o);
    for part in [
        "People:\n  Ayman Safadi (Foreign Minister)  [2 mentions]\n",
        "Places:\n  Amman  [1 mention]\n  Daraa  [1 mention]\n",
        "Nationalities:\n  Syrian (Syria)  [1 mention]\n  Jordanian (Jordan)  [2 mentions]\n",
        "Who said what:\n  aid agencies [warned] (reported): fuel and food shortages",
        "\n  Ayman Safadi [said]: “The crossings must reopen",
    ] {
        assert!(out.contains(part), "no {part:?} in\n{out}");
    }
    // A country named only by its nationality is no country with no mention.
    let o = gazette_stdin(&[], "Iranian drones struck Kyiv, Ukraine, overnight.".as_bytes());
    let out = stdout(&o);
    assert!(out.contains("Countries:\n  Ukraine  [1 mention]\n"), "{out}");
    assert!(!out.contains("Iran  [0 mentions]"), "{out}");
    assert!(out.contains("Nationalities:\n  Iranian (Iran)  [1 mention]\n"), "{out}");
}

#[test]
fn json_format_is_one_document() {
    let d = Dir::new("json");
    let f = d.file("sample.txt", SAMPLE.as_bytes());
    let o = gazette(&["--format", "json", &f]);
    let v: Value = serde_json::from_slice(&o.stdout).expect("one JSON document");
    assert_eq!(v["id"], f.as_str());
    assert_eq!(v["mentions"].as_array().unwrap().len(), sample_analysis().mentions.len());
    // Several inputs: an array, with error objects in place under --keep-going.
    let o = gazette(&["--format", "json", "--keep-going", &f, &d.path("none.txt"), &f]);
    let v: Value = serde_json::from_slice(&o.stdout).expect("one JSON document");
    let xs = v.as_array().unwrap();
    assert_eq!(xs.len(), 3);
    assert!(xs[1]["error"].is_string());
}

/// The CSV table of quotes: a header, then one row per statement.
#[test]
fn csv_tables() {
    let a = sample_analysis();
    let o = gazette_stdin(&["--format", "csv", "--table", "quotes"], SAMPLE.as_bytes());
    assert!(o.status.success());
    let mut r = csv::Reader::from_reader(&o.stdout[..]);
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    for col in [
        "doc_id",
        "kind",
        "text",
        "start",
        "end",
        "speaker",
        "speaker_key",
        "speaker_name",
        "affiliation",
        "cue",
        "confidence",
    ] {
        assert!(header.iter().any(|h| h == col), "no column {col} in {header:?}");
    }
    let col = |n: &str| header.iter().position(|h| h == n).unwrap();
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    let statements: Vec<&gazette::Quote> = a.quotes.iter().filter(|q| q.kind != gazette::QuoteKind::Mention).collect();
    assert_eq!(rows.len(), statements.len());
    for (row, q) in rows.iter().zip(&statements) {
        assert_eq!(&row[col("doc_id")], "<stdin>");
        assert_eq!(&row[col("text")], q.text);
        assert_eq!(row[col("start")].parse::<usize>().unwrap(), q.span.start);
        assert_eq!(&row[col("speaker")], q.speaker.as_ref().map_or("", |s| s.text.as_str()));
        assert_eq!(&row[col("speaker_name")], a.speaker_entity(q).map_or("", |e| e.name.as_str()));
        assert_eq!(&row[col("cue")], q.cue.as_ref().map_or("", |c| c.text.as_str()));
    }
    let safadi = rows.iter().find(|r| &r[col("speaker_name")] == "Ayman Safadi").unwrap();
    assert_eq!((&safadi[col("speaker_key")], &safadi[col("affiliation")]), ("person/ayman-safadi", "Jordan"));

    let o = gazette_stdin(&["--format", "csv", "--table", "mentions", "--offsets", "chars"], SAMPLE.as_bytes());
    let mut r = csv::Reader::from_reader(&o.stdout[..]);
    assert_eq!(
        r.headers().unwrap().iter().collect::<Vec<_>>()[..7],
        ["doc_id", "kind", "text", "start", "end", "entity_key", "entity_name"]
    );
    let rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), a.mentions.len());
    let chars: Vec<char> = SAMPLE.chars().collect();
    for (row, m) in rows.iter().zip(&a.mentions) {
        let (s, e): (usize, usize) = (row[3].parse().unwrap(), row[4].parse().unwrap());
        assert_eq!(chars[s..e].iter().collect::<String>(), m.text);
        assert_eq!(&row[1], m.kind.as_str());
    }
}

/// brat: the `.txt` is the text, every `T` span's text is the text at its
/// char offsets, `Said` goes from a speaker to a quote, and the folder has
/// the configuration brat needs.
#[test]
fn brat_files() {
    let d = Dir::new("brat");
    let f = d.file("in/sample.txt", SAMPLE.as_bytes());
    let out = d.path("brat");
    let o = gazette(&["--format", "brat", "-o", &out, &f, &f]);
    assert!(o.status.success(), "{}", stderr(&o));
    let read = |n: &str| std::fs::read_to_string(Path::new(&out).join(n)).unwrap();
    assert_eq!(read("sample.txt"), SAMPLE);
    assert_eq!(read("sample-2.txt"), SAMPLE, "a second document of the same name gets -2");
    assert!(read("annotation.conf").contains("[relations]\nSaid\tArg1:Person|"));
    assert!(read("visual.conf").contains("Person\tbgColor:"));
    let ann = read("sample.ann");
    let chars: Vec<char> = SAMPLE.chars().collect();
    let mut types = std::collections::HashMap::new();
    let mut said = 0;
    for line in ann.lines() {
        let cols: Vec<&str> = line.split('\t').collect();
        match line.chars().next() {
            Some('T') => {
                let (ty, offs) = cols[1].split_once(' ').unwrap();
                let frags: Vec<String> = offs
                    .split(';')
                    .map(|f| {
                        let (s, e) = f.split_once(' ').unwrap();
                        chars[s.parse::<usize>().unwrap()..e.parse::<usize>().unwrap()].iter().collect()
                    })
                    .collect();
                assert_eq!(frags.join(" "), cols[2], "{line}");
                types.insert(cols[0].to_string(), ty.to_string());
            }
            Some('R') => {
                let parts: Vec<&str> = cols[1].split(' ').collect();
                assert_eq!(parts[0], "Said");
                let arg1 = &types[parts[1].strip_prefix("Arg1:").unwrap()];
                let arg2 = &types[parts[2].strip_prefix("Arg2:").unwrap()];
                assert!(["Person", "Group", "Country", "Speaker"].contains(&arg1.as_str()), "{line}");
                assert!(["Quote", "Reported"].contains(&arg2.as_str()), "{line}");
                said += 1;
            }
            Some('#') => assert!(cols[1].starts_with("AnnotatorNotes T"), "{line}"),
            _ => panic!("unexpected line {line}"),
        }
    }
    let a = sample_analysis();
    let count = |t: &str| types.values().filter(|v| *v == t).count();
    assert_eq!(count("Person"), a.mentions.iter().filter(|m| m.kind == gazette::Kind::Person).count());
    assert_eq!(count("Quote"), a.quotes.iter().filter(|q| q.kind == gazette::QuoteKind::Direct).count());
    assert_eq!(said, a.quotes.iter().filter(|q| q.kind != gazette::QuoteKind::Mention && q.speaker.is_some()).count());
    assert!(ann.contains("\tSpeaker ") && ann.contains("\ta senior Jordanian official familiar with the talks\n"));

    // One document without a folder: the .ann on standard output.
    let o = gazette(&["--format", "brat", &f]);
    assert_eq!(stdout(&o), ann);
}

/// CoNLL: a token and an IOB2 tag a line; the tokens are the text's
/// (nothing lost), and the tags are the mentions'.
#[test]
fn conll_tokens_and_tags() {
    let o = gazette_stdin(&["--format", "conll"], SAMPLE.as_bytes());
    assert!(o.status.success());
    let out = stdout(&o);
    let mut tokens = String::new();
    let mut prev = "O".to_string();
    let mut entities: Vec<(String, String)> = Vec::new();
    for line in out.lines() {
        if line.is_empty() {
            prev = "O".to_string();
            continue;
        }
        let (tok, tag) = line.split_once('\t').unwrap();
        tokens.push_str(tok);
        if let Some(k) = tag.strip_prefix("I-") {
            assert!(prev.ends_with(k), "I-{k} after {prev}");
            entities.last_mut().unwrap().1.push_str(&format!(" {tok}"));
        } else if let Some(k) = tag.strip_prefix("B-") {
            entities.push((k.to_string(), tok.to_string()));
        } else {
            assert_eq!(tag, "O");
        }
        prev = tag.to_string();
    }
    let squeezed: String = SAMPLE.chars().filter(|c| !c.is_whitespace()).collect();
    assert_eq!(tokens, squeezed, "the tokens are the whole text");
    let want: Vec<(String, String)> = sample_analysis()
        .mentions
        .iter()
        .map(|m| (m.kind.as_str().to_uppercase(), m.text.split_whitespace().collect::<Vec<_>>().join(" ")))
        .collect();
    assert_eq!(entities, want);
    assert!(out.starts_with("Jordan\tB-COUNTRY\nHosts\tO\n"), "{out}");
    assert!(out.contains("\nAyman\tB-PERSON\nSafadi\tI-PERSON\n"));
}

/// HTML: one self-contained page with every mention and statement.
#[test]
fn html_report() {
    let o = gazette_stdin(&["--format", "html"], SAMPLE.as_bytes());
    assert!(o.status.success());
    let page = stdout(&o);
    assert!(page.starts_with("<!DOCTYPE html>") && page.trim_end().ends_with("</html>"));
    for outside in ["http://", "https://", "<script", "<link", "@import", "url("] {
        assert!(!page.contains(outside), "the page loads something from outside: {outside}");
    }
    let a = sample_analysis();
    assert_eq!(page.matches("<a class=\"m ").count(), a.mentions.len());
    assert!(page.contains("<a class=\"m person\" id=\"d1-m4\" href=\"#d1-e2\" title=\"person\">Ayman Safadi</a>"));
    let statements = a.quotes.iter().filter(|q| q.kind != gazette::QuoteKind::Mention).count();
    assert_eq!(page.matches("<tr id=\"d1-t").count(), statements);
    assert!(page.contains("<th>Speaker</th><th>Role</th><th>Affiliation</th><th>Statement</th><th>Kind</th>"));
    assert!(page.contains("class=\"legend\""));
    // Text is escaped.
    let o = gazette_stdin(&["--format", "html"], b"<b>Iraq</b> & Syria");
    assert!(stdout(&o).contains("&lt;b&gt;<a class=\"m country\""));
}

/// A one-megabyte document of 26,000 quotes by 26,000 different people, in
/// every format that pairs quotes with speakers and mentions: each
/// statement has its row, badge or relation with the right speaker. Written
/// with a scan of every quote, mention or relation per piece of text, these
/// formats took time that grows with the square of the text (over a minute
/// here in a debug build, for the HTML page); the deadline turns such a
/// runaway into a clear failure.
#[test]
fn a_long_document_with_many_speakers_in_every_format() {
    let given = ["Amal", "David", "Maria", "Omar", "Lena", "Jonas", "Priya", "Tomas"];
    let syllables =
        ["ka", "vel", "bre", "mor", "tan", "zu", "lin", "ost", "dar", "qui", "sen", "ulm", "rab", "pho", "gri"];
    let mut names = Vec::new();
    'all: for a in syllables {
        for b in syllables {
            for c in syllables {
                for g in given {
                    let surname = format!("{}{b}{c}", a[..1].to_uppercase() + &a[1..]);
                    names.push(format!("{g} {surname}"));
                    if names.len() == 26_000 {
                        break 'all;
                    }
                }
            }
        }
    }
    let text: String = names.iter().map(|n| format!("“We will stay,” said {n}. ")).collect();
    assert!(text.len() > 1_000_000);
    let d = Dir::new("long-formats");
    let f = d.file("long.txt", text.as_bytes());
    let run = |args: &[&str]| {
        let start = std::time::Instant::now();
        let o = gazette(args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        assert!(start.elapsed() < Duration::from_secs(60), "{args:?} took {:?}", start.elapsed());
        o
    };

    let o = run(&["--format", "csv", &f]);
    let mut r = csv::Reader::from_reader(&o.stdout[..]);
    let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
    let col = header.iter().position(|h| h == "speaker_name").unwrap();
    let speakers: Vec<String> = r.records().map(|row| row.unwrap()[col].to_string()).collect();
    assert_eq!(speakers, names);

    let page = stdout(&run(&["--format", "html", &f]));
    assert_eq!(page.matches("<a class=\"who direct\"").count(), names.len());
    assert_eq!(page.matches("<tr id=\"d1-t").count(), names.len());
    // Each speaker is a person mentioned once, who said one thing.
    assert_eq!(page.matches(">1× · said 1</span>").count(), names.len());
    for n in [&names[0], &names[names.len() - 1]] {
        assert!(page.contains(&format!("title=\"said by {n}\"")), "no badge for {n}");
    }

    let report = stdout(&run(&["--format", "text", &f]));
    let said: Vec<&str> = report.lines().skip_while(|l| *l != "Who said what:").skip(1).collect();
    let want: Vec<String> = names.iter().map(|n| format!("  {n} [said]: “We will stay,”")).collect();
    assert_eq!(said, want);

    let out = d.path("brat");
    run(&["--format", "brat", "-o", &out, &f]);
    let ann = std::fs::read_to_string(Path::new(&out).join("long.ann")).unwrap();
    assert_eq!(ann.lines().filter(|l| l.starts_with('R') && l.contains("\tSaid Arg1:T")).count(), names.len());
}

/// Parquet, read back with pyarrow: the same rows as the CSV table.
#[test]
#[cfg(feature = "parquet")]
fn parquet_read_back_with_python() {
    let d = Dir::new("parquet");
    let f = d.file("sample.txt", SAMPLE.as_bytes());
    for table in ["quotes", "mentions"] {
        let out = d.path(&format!("{table}.parquet"));
        let o = gazette(&["--format", "parquet", "--table", table, "-o", &out, &f]);
        assert!(o.status.success(), "{}", stderr(&o));
        let py = Command::new(Path::new(ROOT).join("scripts/parquet_check.sh")).arg(&out).output().unwrap();
        if py.status.code() == Some(77) {
            // CI sets GAZETTE_REQUIRE_PYARROW: there a missing pyarrow fails.
            let why = String::from_utf8_lossy(&py.stderr).trim().to_string();
            assert!(std::env::var_os("GAZETTE_REQUIRE_PYARROW").is_none(), "pyarrow is required: {why}");
            eprintln!("SKIPPED parquet_read_back_with_python: {why}");
            return;
        }
        assert!(py.status.success(), "{}", String::from_utf8_lossy(&py.stderr));
        let v: Value = serde_json::from_slice(&py.stdout).unwrap();
        let csv_out = gazette(&["--format", "csv", "--table", table, &f]);
        let mut r = csv::Reader::from_reader(&csv_out.stdout[..]);
        let header: Vec<String> = r.headers().unwrap().iter().map(str::to_string).collect();
        let cols: Vec<String> =
            v["columns"].as_array().unwrap().iter().map(|c| c[0].as_str().unwrap().to_string()).collect();
        assert_eq!(cols, header);
        let types: Vec<&str> = v["columns"].as_array().unwrap().iter().map(|c| c[1].as_str().unwrap()).collect();
        assert_eq!(types[3..5], ["uint64", "uint64"]);
        let rows = v["rows"].as_array().unwrap();
        let csv_rows: Vec<csv::StringRecord> = r.records().map(Result::unwrap).collect();
        assert_eq!(rows.len(), csv_rows.len());
        assert!(!rows.is_empty());
        for (p, c) in rows.iter().zip(&csv_rows) {
            for (i, cell) in p.as_array().unwrap().iter().enumerate() {
                let s = match cell {
                    Value::Null => String::new(),
                    Value::String(s) => s.clone(),
                    other => other.to_string(),
                };
                assert_eq!(s, c[i], "{table} column {}", header[i]);
            }
        }
    }
}

/// gazette eval on gold files written here: the figures worked out by hand,
/// in each gold format.
#[test]
fn eval_on_small_gold() {
    let d = Dir::new("eval");
    // Gold: Amal Haddad (person), Jordan (country), the World Food Programme (group,
    // which gazette finds as "World Food Programme": an exact miss but an overlap),
    // and Kemal Arslan, marked as a group on purpose (a confusion).
    let text = "Foreign Minister Amal Haddad of Jordan met Kemal Arslan and the World Food Programme in Amman. \
                “We will not accept any delay,” Haddad said.";
    let span = |s: &str| {
        let b = text.find(s).unwrap();
        let start = text[..b].chars().count();
        (start, start + s.chars().count())
    };
    let ent = |s: &str, label: &str| {
        let (a, b) = span(s);
        json!({"start": a, "end": b, "label": label, "text": s})
    };
    // The second "Haddad", the speaker.
    let last = {
        let b = text.rfind("Haddad").unwrap();
        let start = text[..b].chars().count();
        (start, start + 6)
    };
    let (qs, qe) = span("We will not accept any delay,");
    let gold = json!({
        "id": "g1", "text": text,
        "entities": [ent("Amal Haddad", "person"), ent("Jordan", "country"), ent("the World Food Programme", "group"),
                     ent("Kemal Arslan", "group"), json!({"start": last.0, "end": last.1, "label": "person"})],
        "optional_entities": [ent("Amman", "place")],
        "quotes": [{"start": qs, "end": qe, "speakers": ["Amal Haddad"]}],
    });
    let g = d.file("gold.jsonl", format!("{gold}\n").as_bytes());
    let o = gazette(&["eval", "--gold", &g, "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: Value = serde_json::from_slice(&o.stdout).unwrap();
    let pred = sample_mentions(text);
    // What gazette finds decides the expected figures; they are checked
    // against what this test knows it finds.
    assert!(pred.contains(&("person".into(), "Kemal Arslan".into())), "{pred:?}");
    assert!(pred.contains(&("group".into(), "World Food Programme".into())), "{pred:?}");
    let rows: &[(&str, Value)] = &[
        ("person.tp", json!(2)),
        ("person.fp", json!(1)), // Kemal Arslan is a group in this gold
        ("person.fn", json!(0)),
        ("person.p", json!(0.6667)),
        ("group.tp", json!(0)),
        ("group.fp", json!(1)), // "World Food Programme" is not "the World Food Programme"
        ("group.fn", json!(2)),
        ("country.tp", json!(1)),
        ("country.f1", json!(1.0)),
        ("micro.p", json!(0.6)),
        ("micro.r", json!(0.6)),
        ("overlap.group.p", json!(1.0)),
        ("overlap.group.r", json!(0.5)),
        ("quotes.gold", json!(1)),
        ("quotes.recall", json!(1.0)),
        ("quotes.speaker_acc", json!(1.0)),
    ];
    for (k, want) in rows {
        assert_eq!(&v[*k], want, "{k}");
    }
    assert_eq!(v["confusion"]["group"]["person"], 1, "Kemal Arslan: gold group, gazette person");
    assert_eq!(v["confusion"]["group"]["(none)"], 1, "the World Food Programme: no exact span");
    assert_eq!(v.get("place.tp"), None, "place is not scored by default");

    // The text report has the same figures.
    let o = gazette(&["eval", "--gold", &g]);
    let out = stdout(&o);
    assert!(out.contains("person      0.667  1.000  0.800         2/1/0"), "{out}");
    assert!(out.contains("quotes     found 1/1  speaker right 1/1"), "{out}");
    assert!(out.contains("confusion over exact spans"), "{out}");

    // The same gold as CoNLL (with the text given) and as brat.
    let conll = d.file(
        "gold.conll",
        "Foreign\tO\nMinister\tO\nAmal\tB-PER\nHaddad\tI-PER\nof\tO\nJordan\tB-COUNTRY\nmet\tO\nKemal\tB-ORG\nArslan\tI-ORG\n\
         and\tO\nthe\tB-ORG\nWorld\tI-ORG\nFood\tI-ORG\nProgramme\tI-ORG\nin\tO\nAmman\tB-PLACE\n.\tO\n\n“\tO\nWe\tO\nwill\tO\nnot\tO\n\
         accept\tO\nany\tO\ndelay\tO\n,\tO\n”\tO\nHaddad\tB-PER\nsaid\tO\n.\tO\n"
            .as_bytes(),
    );
    let t = d.file("texts/one.txt", text.as_bytes());
    let o = gazette(&["eval", "--gold", &conll, "--json", &t]);
    assert!(o.status.success(), "{}", stderr(&o));
    let c: Value = serde_json::from_slice(&o.stdout).unwrap();
    for k in ["person.tp", "person.fp", "group.fn", "country.tp", "micro.f1"] {
        assert_eq!(c[k], v[k], "conll {k}");
    }
    let brat = d.file(
        "brat/g1.ann",
        format!(
            "T1\tPerson {} {}\tAmal Haddad\nT2\tCountry {} {}\tJordan\nT3\tGroup {} {}\tthe World Food Programme\n\
             T4\tGroup {} {}\tKemal Arslan\nT5\tPerson {} {}\tHaddad\nT6\tPlace {} {}\tAmman\n\
             T7\tQuote {} {}\tWe will not accept any delay,\nR1\tSaid Arg1:T5 Arg2:T7\n",
            span("Amal Haddad").0,
            span("Amal Haddad").1,
            span("Jordan").0,
            span("Jordan").1,
            span("the World Food Programme").0,
            span("the World Food Programme").1,
            span("Kemal Arslan").0,
            span("Kemal Arslan").1,
            last.0,
            last.1,
            span("Amman").0,
            span("Amman").1,
            qs,
            qe
        )
        .as_bytes(),
    );
    d.file("brat/g1.txt", text.as_bytes());
    let o = gazette(&["eval", "--gold", &d.path("brat"), "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let b: Value = serde_json::from_slice(&o.stdout).unwrap();
    for k in ["person.tp", "person.fp", "group.fn", "country.tp", "micro.f1", "quotes.speaker_acc"] {
        assert_eq!(b[k], v[k], "brat {k}");
    }
    drop(brat);

    // gazette's own brat and CoNLL output, taken as gold, score 1.
    let f = d.file("sample.txt", SAMPLE.as_bytes());
    let own = d.path("own");
    assert!(gazette(&["--format", "brat", "-o", &own, &f, &f]).status.success());
    let o = gazette(&["eval", "--gold", &own, "--json"]);
    let b: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!((&b["micro.f1"], &b["quotes.speaker_acc"]), (&json!(1.0), &json!(1.0)), "{b}");
    let conll = gazette(&["--format", "conll", &f, &f]);
    let gold = d.file("own.conll", &conll.stdout);
    let o = gazette(&["eval", "--gold", &gold, "--json", &f, &f]);
    let c: Value = serde_json::from_slice(&o.stdout).unwrap();
    assert_eq!(c["micro.f1"], json!(1.0), "{c}");
}

fn sample_mentions(text: &str) -> Vec<(String, String)> {
    gazette::Extractor::default()
        .extract(text)
        .mentions
        .iter()
        .map(|m| (m.kind.as_str().to_string(), m.text.clone()))
        .collect()
}

/// `gazette eval` gives score.py's figures on the same gold: the project's
/// seed gold and the small gold above, where score.py and its gold exist
/// (beside the repository, as on the project's machines and CI).
#[test]
fn eval_equals_score_py() {
    let eval_dir = Path::new(ROOT).join("../shared/eval");
    let score = eval_dir.join("score.py");
    if !score.exists() {
        eprintln!("SKIPPED eval_equals_score_py: no {}", score.display());
        return;
    }
    let d = Dir::new("score");
    let small = d.file(
        "small.jsonl",
        format!(
            "{}\n{}\n",
            json!({"id": 7, "text": "Amal Haddad met Kemal Arslan in Ankara. “No,” Haddad said.",
                   "entities": [{"start": 0, "end": 11, "label": "person"}, {"start": 16, "end": 28, "label": "group"}],
                   "optional_entities": [{"start": 32, "end": 38, "label": "place"}],
                   "quotes": [{"start": 41, "end": 44, "speakers": ["Amal Haddad"]}],
                   "indirect": []}),
            json!({"id": "q", "text": "He stressed that the talks would go on, Turkey said.",
                   "quotes": [], "indirect": [{"start": 17, "text_prefix": "the talks", "speakers": ["Turkey"]}]})
        )
        .as_bytes(),
    );
    for (gold, labels) in [
        (eval_dir.join("seed/gold.jsonl"), "person,country,group"),
        (PathBuf::from(&small), "person,country,group"),
        (PathBuf::from(&small), "person,group,place"),
    ] {
        if !gold.exists() {
            eprintln!("SKIPPED eval_equals_score_py on {}: missing", gold.display());
            continue;
        }
        // Predictions for score.py: gazette --jsonl on the gold's texts.
        let mut input = String::new();
        for line in std::fs::read_to_string(&gold).unwrap().lines().filter(|l| !l.trim().is_empty()) {
            let v: Value = serde_json::from_str(line).unwrap();
            input.push_str(&json!({"id": v["id"], "text": v["text"]}).to_string());
            input.push('\n');
        }
        let pred = gazette_stdin(&["--jsonl"], input.as_bytes());
        assert!(pred.status.success());
        let pred_file = d.file("pred.jsonl", &pred.stdout);
        let py = Command::new("python3")
            .arg(&score)
            .arg(&gold)
            .arg(&pred_file)
            .args(["--json", "--labels", labels])
            .output()
            .expect("python3 runs");
        assert!(py.status.success(), "{}", String::from_utf8_lossy(&py.stderr));
        let theirs: serde_json::Map<String, Value> = serde_json::from_slice(&py.stdout).unwrap();
        let o = gazette(&["eval", "--gold", gold.to_str().unwrap(), "--json", "--labels", labels]);
        assert!(o.status.success(), "{}", stderr(&o));
        let ours: Value = serde_json::from_slice(&o.stdout).unwrap();
        assert!(theirs.len() >= 15);
        for (k, v) in &theirs {
            assert_eq!(&ours[k], v, "{} {labels}: {k}", gold.display());
        }
    }
}

/// Reads all of a child's standard error (helper kept small for the
/// streaming test's failure output).
#[allow(dead_code)]
fn read_all(mut r: impl Read) -> String {
    let mut s = String::new();
    r.read_to_string(&mut s).ok();
    s
}

/// A text of 1 MiB or more is written by the sink as it is serialised, not
/// rendered whole on a worker: its line is the same JSON, id first, as a
/// short text's, and the same analysis the library gives; in JSON Lines
/// input too, beside short lines, in order.
#[test]
fn a_long_document_is_streamed_as_the_same_json() {
    let d = Dir::new("long-doc");
    let mut long = String::new();
    while long.len() < (1 << 20) + 10 {
        long.push_str(SAMPLE);
        long.push_str("\n\n");
    }
    let path = d.file("long.txt", long.as_bytes());
    let o = gazette(&["--format", "jsonl", &path]);
    assert!(o.status.success(), "{}", stderr(&o));
    // Byte for byte the line of the library's analysis, the id first.
    let analysis = serde_json::to_string(&gazette::Extractor::default().extract(&long)).unwrap();
    let want = format!("{{\"id\":{},{}\n", serde_json::to_string(&path).unwrap(), &analysis[1..]);
    let got = stdout(&o);
    assert_eq!(got.len(), want.len());
    assert!(got == want, "the streamed line differs from the library's analysis");
    // In JSON Lines, between two short texts.
    let input = format!(
        "{}\n{}\n{}\n",
        serde_json::json!({"id": "a", "text": "Iraq and Syria met."}),
        serde_json::json!({"id": "b", "text": long}),
        serde_json::json!({"id": "c", "text": "Turkey said no."}),
    );
    let o = gazette_stdin(&["--jsonl", "-j", "2"], input.as_bytes());
    let lines = json_lines(&o);
    let ids: Vec<&str> = lines.iter().map(|l| l["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["a", "b", "c"]);
    let want: Value = serde_json::from_str(&analysis).unwrap();
    assert!(lines[1]["mentions"] == want["mentions"], "the long line's mentions differ");
    assert!(lines[1]["quotes"] == want["quotes"], "the long line's quotes differ");
    // `--format json`, streamed too: the library's analysis, pretty, the
    // id first; as an array between two short files.
    let o = gazette(&["--format", "json", &path]);
    assert!(o.status.success(), "{}", stderr(&o));
    let pretty = serde_json::to_string_pretty(&gazette::Extractor::default().extract(&long)).unwrap();
    let want = format!("{{\n  \"id\": {},\n{}\n", serde_json::to_string(&path).unwrap(), &pretty[2..]);
    assert!(stdout(&o) == want, "the streamed JSON differs from the library's analysis");
    let (a, c) = (d.file("a.txt", b"Iraq and Syria met."), d.file("c.txt", b"Turkey said no."));
    let o = gazette(&["--format", "json", "-j", "2", &a, &path, &c]);
    let docs: Vec<Value> = serde_json::from_slice(&o.stdout).expect("one JSON array");
    let names: Vec<&str> = docs.iter().map(|d| d["id"].as_str().unwrap()).collect();
    assert_eq!(names, [a.as_str(), path.as_str(), c.as_str()]);
    let want: Value = serde_json::from_str(&pretty).unwrap();
    assert!(docs[1]["quotes"] == want["quotes"], "the long document's quotes differ");
}
