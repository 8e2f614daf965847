//! Linear cost on hostile input: every shape of `shapes.rs` at N, 4N and
//! 16N bytes, the time of `Extractor::extract` at each and the growth per
//! step. Linear work grows about 4 times per step; the bound is 5.
//!
//! ```text
//! cargo bench -p gazette-benches --bench hostile            # N = 1 MiB: up to 16 MiB
//! cargo bench -p gazette-benches --bench hostile -- quote   # the shapes whose name holds "quote"
//! GAZETTE_HOSTILE_N=262144 cargo bench -p gazette-benches --bench hostile
//! cargo bench -p gazette-benches --bench hostile -- --cold  # each size in a fresh process
//! ```
//!
//! Then the user lists (one row of many aliases, many entries sharing one
//! name, nested forms "Al", "Al Al", ... over "Al Al Al ..."), whose list
//! grows by 4 each step too, and one long document against the same bytes
//! in 1,000 documents. Times are the best of 5 runs (3 above 1 MiB), taken
//! in turn at the three sizes (N, 4N, 16N, N, ...): the machine may be
//! shared, and a slow spell then slows every size; only ratios matter.

use std::hint::black_box;
use std::time::{Duration, Instant};

use gazette::{Extractor, ListKind};

mod shapes;

/// Consumes a result the compiler must not see unused.
fn sink<T>(x: T) {
    drop(x)
}

/// The time of one call of `f` (the best of `runs`).
fn time<R>(runs: usize, mut f: impl FnMut() -> R) -> Duration {
    (0..runs.max(1))
        .map(|_| {
            let start = Instant::now();
            sink(black_box(f()));
            start.elapsed()
        })
        .min()
        .unwrap_or_default()
}

/// Cold extractions of each shape at each size (the best is kept).
const COLD_RUNS: usize = 3;

/// The time of one cold extraction of shape `name` at `bytes`, in a
/// process of its own (`--time`).
fn cold_once(name: &str, bytes: usize) -> Duration {
    let exe = std::env::current_exe().expect("the bench knows its path");
    let out = std::process::Command::new(&exe)
        .args(["--time", name, &bytes.to_string()])
        .output()
        .expect("the bench runs itself");
    let nanos: u64 = String::from_utf8_lossy(&out.stdout).trim().parse().expect("a time in nanoseconds");
    Duration::from_nanos(nanos)
}

/// Runs for an input of `bytes`: more for small ones, where noise weighs more.
fn runs(bytes: usize) -> usize {
    if bytes <= 1 << 20 {
        5
    } else {
        3
    }
}

/// One row of the table: the times at the three sizes and the growth.
struct Row {
    name: String,
    times: Vec<Duration>,
}

impl Row {
    fn growth(&self) -> Vec<f64> {
        self.times.windows(2).map(|w| w[1].as_secs_f64() / w[0].as_secs_f64().max(1e-9)).collect()
    }

    fn print(&self) {
        let g = self.growth();
        let worst = g.iter().copied().fold(0.0, f64::max);
        let times: Vec<String> = self.times.iter().map(|t| format!("{:>9.1}", t.as_secs_f64() * 1e3)).collect();
        let growth: Vec<String> = g.iter().map(|x| format!("{:>5.2}", x)).collect();
        println!(
            "{:<34} {} ms   x{}   {}",
            self.name,
            times.join(" "),
            growth.join(" x"),
            if worst <= 5.0 { "ok" } else { "SUPERLINEAR" }
        );
    }
}

fn main() {
    // `-- --write NAME BYTES PATH`: writes one shape to a file (to run the
    // command or a profiler on it).
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--write") {
        let (Some(name), Some(bytes), Some(path)) = (args.get(at + 1), args.get(at + 2), args.get(at + 3)) else {
            panic!("--write NAME BYTES PATH");
        };
        let bytes: usize = bytes.parse().expect("BYTES is a number");
        let (_, make) = shapes::SHAPES.iter().find(|(n, _)| n == name).expect("a shape of that name");
        std::fs::write(path, make(bytes, &shapes::Ctx::new())).expect("the file is written");
        return;
    }
    // `-- --time NAME BYTES`: one cold extraction in this process (see
    // `--cold`), its time in nanoseconds.
    if let Some(at) = args.iter().position(|a| a == "--time") {
        let (Some(name), Some(bytes)) = (args.get(at + 1), args.get(at + 2)) else {
            panic!("--time NAME BYTES");
        };
        let bytes: usize = bytes.parse().expect("BYTES is a number");
        let ex = Extractor::default();
        let cx = shapes::Ctx::new();
        let took = match name.as_str() {
            // The two halves of `one_document_vs_many`.
            "one_document" => {
                let one = cx.sample_documents(bytes).concat();
                time(1, || ex.extract(&one))
            }
            "many_documents" => {
                let docs = cx.sample_documents(bytes);
                time(1, || docs.iter().map(|d| ex.extract(d).mentions.len()).sum::<usize>())
            }
            _ => {
                let (_, make) = shapes::SHAPES.iter().find(|(n, _)| n == name).expect("a shape of that name");
                let text = make(bytes, &cx);
                time(1, || ex.extract(&text))
            }
        };
        println!("{}", took.as_nanos());
        return;
    }
    // `--cold`: each extraction in a process of its own, as the command
    // runs one long document, the best of 3 such processes. In one process
    // the allocator hands a later run the memory an earlier one touched;
    // glibc does so for blocks up to 32 MiB only, so that within one process
    // the largest size alone pays for its fresh pages.
    let cold = args.iter().any(|a| a == "--cold");
    let filter: Vec<String> = std::env::args().skip(1).filter(|a| !a.starts_with('-')).collect();
    let wanted = |name: &str| filter.is_empty() || filter.iter().any(|f| name.contains(f.as_str()));
    let n: usize = std::env::var("GAZETTE_HOSTILE_N").ok().and_then(|v| v.parse().ok()).unwrap_or(1 << 20);
    let sizes = [n, 4 * n, 16 * n];
    let ex = Extractor::default();
    let cx = shapes::Ctx::new();
    println!(
        "hostile shapes: extract at {} / {} / {} bytes; growth per 4x step (linear: 4, bound: 5)",
        sizes[0], sizes[1], sizes[2]
    );
    let mut rows = Vec::new();
    for (name, make) in shapes::SHAPES.iter().filter(|(name, _)| wanted(name)) {
        // The runs go round the three sizes (N, 4N, 16N, N, ...), each
        // size keeping its best: a shared machine that slows down for a
        // while then slows every size alike, not the one timed then.
        let texts: Vec<String> = if cold { Vec::new() } else { sizes.iter().map(|&size| make(size, &cx)).collect() };
        let mut times = vec![Duration::MAX; sizes.len()];
        let rounds = if cold { COLD_RUNS } else { runs(sizes[0]) };
        for round in 0..rounds {
            for (i, &size) in sizes.iter().enumerate() {
                let took = if cold {
                    cold_once(name, size)
                } else if round < runs(size) {
                    time(1, || ex.extract(&texts[i]))
                } else {
                    continue;
                };
                times[i] = times[i].min(took);
            }
        }
        drop(texts);
        let row = Row { name: name.to_string(), times };
        row.print();
        rows.push(row);
    }
    if wanted("one_document_vs_many") {
        one_document_vs_many(&ex, &cx, 16 * n, cold);
    }
    for (name, f) in [
        ("list_one_row_of_aliases", aliases_in_one_row as fn(usize) -> Row),
        ("list_entries_sharing_a_name", entries_sharing_a_name),
        ("list_nested_forms", nested_forms),
    ] {
        if wanted(name) {
            let row = f(n);
            row.print();
            rows.push(row);
        }
    }
    let bad: Vec<&str> = rows.iter().filter(|r| r.growth().iter().any(|&g| g > 5.0)).map(|r| r.name.as_str()).collect();
    println!(
        "{} rows, {} superlinear{}",
        rows.len(),
        bad.len(),
        if bad.is_empty() { String::new() } else { format!(": {}", bad.join(", ")) }
    );
}

/// The sample article repeated to `bytes`: as one document, and as 1,000
/// documents of the same bytes. The cost per byte of the one against the
/// many (bound: 1.2). `cold`: each in a process of its own, as the command
/// reads one long file or a corpus.
fn one_document_vs_many(ex: &Extractor, cx: &shapes::Ctx, bytes: usize, cold: bool) {
    let docs = cx.sample_documents(bytes);
    let len: usize = docs.iter().map(String::len).sum();
    // Alternating, each keeping its best; cold, each in a process of its own.
    let one: String = if cold { String::new() } else { docs.concat() };
    let (mut single, mut many) = (Duration::MAX, Duration::MAX);
    for _ in 0..if cold { COLD_RUNS } else { 2 } {
        many = many.min(if cold {
            cold_once("many_documents", bytes)
        } else {
            time(1, || docs.iter().map(|d| ex.extract(d).mentions.len()).sum::<usize>())
        });
        single = single.min(if cold { cold_once("one_document", bytes) } else { time(1, || ex.extract(&one)) });
    }
    println!(
        "one_document_vs_many               {:.1} MB: one document {:.0} ms, 1,000 documents {:.0} ms: {:.2} per byte (bound 1.2)",
        len as f64 / 1e6,
        single.as_secs_f64() * 1e3,
        many.as_secs_f64() * 1e3,
        single.as_secs_f64() / many.as_secs_f64()
    );
}

/// A people list of one row with `n / 10` aliases (made-up surnames), its
/// build and an extraction of a text that names a few of them: for list
/// sizes growing by 4.
fn aliases_in_one_row(n: usize) -> Row {
    let mut times = Vec::new();
    for k in [n / 40, n / 10, 4 * n / 10] {
        let mut r = shapes::Rng::new(21);
        let mut aliases = Vec::with_capacity(k);
        let mut seen = std::collections::HashSet::new();
        while aliases.len() < k {
            let a = format!("{} {}", shapes::surname(&mut r), shapes::surname(&mut r));
            if seen.insert(a.clone()) {
                aliases.push(a);
            }
        }
        let list = format!("id\tname\taliases\nperson/many\tMany Names\t{}\n", aliases.join("|"));
        let text = format!("{} met {} in Baghdad.", aliases[0], aliases[k / 2]);
        times.push(time(1, || {
            let ex =
                Extractor::builder().add_list(ListKind::People, "aliases", &list).build().expect("the list builds");
            ex.extract(&text)
        }));
    }
    Row { name: format!("list_one_row_of_aliases {}..{}", n / 40, 4 * n / 10), times }
}

/// A people list of `n / 5` entries that share one name, its build and an
/// extraction of a text that names it every few words.
fn entries_sharing_a_name(n: usize) -> Row {
    let mut times = Vec::new();
    for k in [n / 80, n / 20, n / 5] {
        let mut list = String::from("id\tname\n");
        for i in 0..k {
            list.push_str(&format!("person/haddad-{}\tOmar Haddad\n", i));
        }
        let text = "Omar Haddad said the talks would go on. ".repeat(k / 40 + 1);
        times.push(time(1, || {
            let ex = Extractor::builder().add_list(ListKind::People, "shared", &list).build().expect("the list builds");
            ex.extract(&text)
        }));
    }
    Row { name: format!("list_entries_sharing_a_name {}..{}", n / 80, n / 5), times }
}

/// Nested forms "Al", "Al Al", ... (85 rows) over N, 4N and 16N bytes of
/// "Al Al Al ...".
fn nested_forms(n: usize) -> Row {
    let mut list = String::from("id\tname\n");
    for i in 1..=85 {
        list.push_str(&format!("group/al-{}\t{}\n", i, vec!["Al"; i].join(" ")));
    }
    let ex = Extractor::builder().add_list(ListKind::Groups, "nested", &list).build().expect("the list builds");
    let times = [n, 4 * n, 16 * n]
        .into_iter()
        .map(|size| {
            let text = "Al ".repeat(size / 3);
            time(runs(size), || ex.extract(&text))
        })
        .collect();
    Row { name: "list_nested_forms".to_string(), times }
}
