//! Throughput of gazette, whole and stage by stage, beside the bare
//! aho-corasick scan it is measured against; the cost of building an
//! extractor; one thread against two.
//!
//! `cargo bench -p gazette-benches --bench extract` first prints a summary
//! (its own timings, best of several rounds, all in this one run: MB/s of
//! the whole pipeline and of each stage, the yardstick and the ratio, build
//! time and heap, one and two threads), then runs the criterion benches.
//! `cargo bench -p gazette-benches --bench extract -- summary` prints the
//! summary only; `-- long [MB] [sample]` prints each stage's time on one
//! long text (the mixed corpus repeated to MB megabytes, 8 by default; with
//! `sample`, 1,000 documents of the sample article repeated) against the
//! same documents one by one.

use std::alloc::{GlobalAlloc, Layout, System};
use std::hint::black_box;
use std::sync::atomic::{AtomicBool, AtomicIsize, Ordering};
use std::time::{Duration, Instant};

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, AhoCorasickKind, MatchKind};
use criterion::{BatchSize, Criterion, Throughput};
use gazette::stages::{self, Stages};
use gazette::{Analysis, Extractor};

mod corpus;
// The hostile bench's shapes, for its documents of the sample article.
#[allow(dead_code)]
mod shapes;

/// Consumes a result the compiler must not see unused.
fn sink<T>(x: T) {
    drop(x)
}

/// Counts live heap bytes and their peak, to report what an extractor holds.
struct Counting;

static LIVE: AtomicIsize = AtomicIsize::new(0);
static PEAK: AtomicIsize = AtomicIsize::new(0);
/// Counting is on only while the heap is measured: the atomic counts would
/// slow down what is timed.
static COUNT: AtomicBool = AtomicBool::new(false);

/// Adds `delta` bytes to the live count, when counting.
fn count(delta: isize) {
    if COUNT.load(Ordering::Relaxed) {
        let now = LIVE.fetch_add(delta, Ordering::Relaxed) + delta;
        PEAK.fetch_max(now, Ordering::Relaxed);
    }
}

// SAFETY: forwards every call to the system allocator unchanged and only
// counts the sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        count(layout.size() as isize);
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        count(-(layout.size() as isize));
        System.dealloc(ptr, layout)
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        count(new_size as isize - layout.size() as isize);
        System.realloc(ptr, layout, new_size)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

const MIB: f64 = 1048576.0;

/// The best time per call of `f`, in rounds of about 100 ms.
fn best(rounds: usize, mut f: impl FnMut()) -> Duration {
    f();
    let mut best = Duration::MAX;
    for _ in 0..rounds {
        let start = Instant::now();
        let mut n = 0u32;
        while start.elapsed() < Duration::from_millis(100) || n == 0 {
            f();
            n += 1;
        }
        best = best.min(start.elapsed() / n);
    }
    best
}

fn mbs(bytes: usize, t: Duration) -> f64 {
    bytes as f64 / 1e6 / t.as_secs_f64()
}

fn bytes(docs: &[String]) -> usize {
    docs.iter().map(String::len).sum()
}

/// The bare aho-corasick scans of the yardstick: the extractor's patterns,
/// lower-cased, over the text its automaton reads, each overlapping match
/// counted.
struct Yardstick {
    nfa: AhoCorasick,
    dfa: AhoCorasick,
    texts: Vec<String>,
}

impl Yardstick {
    fn new(ex: &Extractor, docs: &[String]) -> Yardstick {
        let patterns = stages::patterns(ex);
        let build = |kind: Option<AhoCorasickKind>| {
            AhoCorasickBuilder::new()
                .match_kind(MatchKind::Standard)
                .kind(kind)
                .build(&patterns)
                .expect("the patterns build")
        };
        Yardstick {
            nfa: build(None),
            dfa: build(Some(AhoCorasickKind::DFA)),
            texts: docs.iter().map(|d| stages::scanned_text(ex, d)).collect(),
        }
    }

    fn scan(&self, ac: &AhoCorasick) -> usize {
        self.texts.iter().map(|t| ac.find_overlapping_iter(t.as_str()).count()).sum()
    }
}

/// Every stage over every document.
fn stage_table(ex: &Extractor, docs: &[String]) -> Vec<(&'static str, Duration)> {
    let st: Vec<Stages<'_>> = docs.iter().map(|d| Stages::new(ex, d)).collect();
    let rounds = 5;
    let mut rows = vec![
        ("segment", best(rounds, || st.iter().for_each(|s| sink(black_box(s.segment()))))),
        ("fold", best(rounds, || st.iter().for_each(|s| sink(black_box(s.fold()))))),
        ("automaton scan", best(rounds, || st.iter().for_each(|s| sink(black_box(s.scan()))))),
    ];
    let inputs = || st.iter().map(|s| s.doc_input()).collect::<Vec<_>>();
    rows.push(("doc", best_batched(rounds, inputs, |i| st.iter().zip(i).for_each(|(s, i)| sink(black_box(s.doc(i)))))));
    rows.push(("rules", best(rounds, || st.iter().for_each(|s| sink(black_box(s.rules()))))));
    let inputs = || st.iter().map(|s| s.resolve_input()).collect::<Vec<_>>();
    rows.push((
        "resolve",
        best_batched(rounds, inputs, |i| st.iter().zip(i).for_each(|(s, i)| sink(black_box(s.resolve(i))))),
    ));
    rows.push(("quotes", best(rounds, || st.iter().for_each(|s| sink(black_box(s.quotes()))))));
    rows.push(("attribution", best(rounds, || st.iter().for_each(|s| sink(black_box(s.attribution()))))));
    let inputs = || st.iter().map(|s| s.output_input()).collect::<Vec<_>>();
    rows.push((
        "output",
        best_batched(rounds, inputs, |i| st.iter().zip(i).for_each(|(s, i)| sink(black_box(s.output(i))))),
    ));
    let analyses: Vec<Analysis> = docs.iter().map(|d| ex.extract(d)).collect();
    rows.push((
        "serde_json",
        best(rounds, || {
            for a in &analyses {
                sink(black_box(serde_json::to_vec(a).expect("an analysis serialises")));
            }
        }),
    ));
    rows
}

/// Like [`best`], for a stage that consumes its input: `setup` makes a
/// fresh input outside the timing.
fn best_batched<I>(rounds: usize, setup: impl Fn() -> I, mut f: impl FnMut(I)) -> Duration {
    f(setup());
    let mut best = Duration::MAX;
    for _ in 0..rounds {
        let mut total = Duration::ZERO;
        let mut n = 0u32;
        while total < Duration::from_millis(100) || n == 0 {
            let input = setup();
            let start = Instant::now();
            f(input);
            total += start.elapsed();
            n += 1;
        }
        best = best.min(total / n);
    }
    best
}

/// Builds an extractor with the default lists: the time (the heap not
/// counted: counting would slow it down), then, counted, the heap it holds
/// and the peak heap while building.
fn build_cost() -> (Duration, usize, usize) {
    let start = Instant::now();
    let ex = Extractor::builder().build().expect("the embedded lists build");
    let took = start.elapsed();
    sink(black_box(ex));
    LIVE.store(0, Ordering::SeqCst);
    PEAK.store(0, Ordering::SeqCst);
    COUNT.store(true, Ordering::SeqCst);
    let ex = Extractor::builder().build().expect("the embedded lists build");
    let held = LIVE.load(Ordering::SeqCst).max(0) as usize;
    let peak = PEAK.load(Ordering::SeqCst).max(0) as usize;
    COUNT.store(false, Ordering::SeqCst);
    sink(black_box(ex));
    (took, held, peak)
}

/// The documents of `docs`, repeated to about `bytes` bytes.
fn repeated(docs: &[String], bytes: usize) -> Vec<String> {
    let mut out = Vec::new();
    let mut n = 0;
    for d in docs.iter().cycle() {
        if n >= bytes {
            break;
        }
        n += d.len();
        out.push(d.clone());
    }
    out
}

fn summary() {
    let ex = Extractor::default();
    let wire = corpus::wire_docs();
    let generated = corpus::generated_docs(bytes(&wire));
    let mixed = corpus::mixed_docs();
    println!("gazette bench summary (best of 5 rounds of 100 ms; MB = 10^6 bytes)");
    println!(
        "corpus: wire+attribution dev texts {} docs {:.0} KB, generated {} docs {:.0} KB, mixed {} docs {:.0} KB",
        wire.len(),
        bytes(&wire) as f64 / 1e3,
        generated.len(),
        bytes(&generated) as f64 / 1e3,
        mixed.len(),
        bytes(&mixed) as f64 / 1e3
    );
    println!();
    println!("{:<26} {:>10} {:>10} {:>10}", "whole pipeline (extract)", "wire", "generated", "mixed");
    let whole = |docs: &[String]| best(5, || docs.iter().for_each(|d| sink(black_box(ex.extract(d)))));
    let json = |docs: &[String]| {
        best(5, || {
            for d in docs {
                sink(black_box(serde_json::to_vec(&ex.extract(d)).expect("an analysis serialises")));
            }
        })
    };
    let (w, g, m) = (whole(&wire), whole(&generated), whole(&mixed));
    println!(
        "{:<26} {:>10.2} {:>10.2} {:>10.2}",
        "  MB/s",
        mbs(bytes(&wire), w),
        mbs(bytes(&generated), g),
        mbs(bytes(&mixed), m)
    );
    let (wj, gj, mj) = (json(&wire), json(&generated), json(&mixed));
    println!(
        "{:<26} {:>10.2} {:>10.2} {:>10.2}",
        "  MB/s with serde_json",
        mbs(bytes(&wire), wj),
        mbs(bytes(&generated), gj),
        mbs(bytes(&mixed), mj)
    );
    // The texts a few dozen at a time, stage by stage, on one thread (as
    // the command reads a corpus), against one at a time: alternating runs,
    // the median of each (the difference is about the noise of one run).
    let one = rayon::ThreadPoolBuilder::new().num_threads(1).build().expect("a pool of one thread");
    let (mut each, mut batch) = (Vec::new(), Vec::new());
    for i in 0..12 {
        let e = || best(2, || mixed.iter().for_each(|d| sink(black_box(ex.extract(d)))));
        let b = || best(2, || sink(black_box(one.install(|| ex.extract_batch(&mixed)))));
        if i % 2 == 0 {
            each.push(e());
            batch.push(b());
        } else {
            batch.push(b());
            each.push(e());
        }
    }
    each.sort();
    batch.sort();
    let mb = batch[6];
    println!(
        "  mixed, medians of 12 alternating runs: extract {:.2} MB/s, extract_batch on 1 thread {:.2} MB/s",
        mbs(bytes(&mixed), each[6]),
        mbs(bytes(&mixed), mb)
    );
    let y = Yardstick::new(&ex, &mixed);
    let scanned: usize = y.texts.iter().map(String::len).sum();
    let nfa = best(5, || sink(black_box(y.scan(&y.nfa))));
    let dfa = best(5, || sink(black_box(y.scan(&y.dfa))));
    let (fast, kind) = if dfa < nfa { (dfa, "DFA") } else { (nfa, "NFA") };
    println!();
    println!(
        "yardstick: bare aho-corasick, {} lower-cased patterns, find_overlapping_iter, mixed",
        stages::patterns(&ex).len()
    );
    println!("  default (NFA)   {:>8.2} MB/s", mbs(scanned, nfa));
    println!("  DFA             {:>8.2} MB/s", mbs(scanned, dfa));
    println!(
        "  ratio whole/yardstick ({}): {:.3} (extract alone), {:.3} (with serde_json)",
        kind,
        fast.as_secs_f64() / m.as_secs_f64(),
        fast.as_secs_f64() / mj.as_secs_f64()
    );
    println!("  ratio extract_batch on 1 thread/yardstick ({}): {:.3}", kind, fast.as_secs_f64() / mb.as_secs_f64());
    println!();
    println!("stages, mixed corpus ({:.0} KB):", bytes(&mixed) as f64 / 1e3);
    let rows = stage_table(&ex, &mixed);
    let total: Duration = rows.iter().map(|r| r.1).sum();
    for (name, t) in &rows {
        println!(
            "  {:<16} {:>9.2} MB/s {:>8.3} ms {:>5.1}%",
            name,
            mbs(bytes(&mixed), *t),
            t.as_secs_f64() * 1e3,
            100.0 * t.as_secs_f64() / total.as_secs_f64()
        );
    }
    println!("  {:<16} {:>9.2} MB/s {:>8.3} ms", "sum of stages", mbs(bytes(&mixed), total), total.as_secs_f64() * 1e3);
    println!();
    let mut builds: Vec<(Duration, usize, usize)> = (0..10).map(|_| build_cost()).collect();
    builds.sort();
    let (t, held, peak) = builds[0];
    println!(
        "build: default lists {:.1} ms (best of 10; median {:.1} ms), extractor heap {:.1} MiB, peak while building {:.1} MiB",
        t.as_secs_f64() * 1e3,
        builds[5].0.as_secs_f64() * 1e3,
        held as f64 / MIB,
        peak as f64 / MIB
    );
    let big = repeated(&mixed, 4_000_000);
    let n = bytes(&big);
    // One thread and two in turn, seven runs each: the median of each and
    // the range of the ratio of each pair (one run is at the mercy of
    // whatever else the machine runs).
    let pools: Vec<rayon::ThreadPool> = [1, 2]
        .iter()
        .map(|&t| rayon::ThreadPoolBuilder::new().num_threads(t).build().expect("a thread pool"))
        .collect();
    let run = |p: &rayon::ThreadPool| {
        let t = Instant::now();
        sink(black_box(p.install(|| ex.extract_batch(&big))));
        t.elapsed()
    };
    let (mut one, mut two, mut pairs) = (Vec::new(), Vec::new(), Vec::new());
    for i in 0..7 {
        let (a, b) = if i % 2 == 0 {
            let a = run(&pools[0]);
            (a, run(&pools[1]))
        } else {
            let b = run(&pools[1]);
            (run(&pools[0]), b)
        };
        one.push(a);
        two.push(b);
        pairs.push(a.as_secs_f64() / b.as_secs_f64());
    }
    one.sort();
    two.sort();
    pairs.sort_by(f64::total_cmp);
    for (threads, t) in [(1, one[3]), (2, two[3])] {
        println!("extract_batch, {} thread(s), {:.1} MB: {:.2} MB/s (median of 7)", threads, n as f64 / 1e6, mbs(n, t));
    }
    println!(
        "  2 threads / 1 thread: {:.2}x (medians; the 7 pairs {:.2} to {:.2}x)",
        one[3].as_secs_f64() / two[3].as_secs_f64(),
        pairs[0],
        pairs[6]
    );
    println!();
}

fn extract(c: &mut Criterion) {
    let ex = Extractor::default();
    let mut g = c.benchmark_group("extract");
    g.sample_size(20);
    for (name, docs) in
        [("wire", corpus::wire_docs()), ("generated", corpus::generated_docs(75_000)), ("mixed", corpus::mixed_docs())]
    {
        g.throughput(Throughput::Bytes(bytes(&docs) as u64));
        g.bench_function(name, |b| b.iter(|| docs.iter().for_each(|d| sink(black_box(ex.extract(d))))));
    }
    let text = corpus::corpus(400_000);
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.bench_function("one_text_400k", |b| b.iter(|| black_box(ex.extract(black_box(&text)))));
    let docs = corpus::mixed_docs();
    let y = Yardstick::new(&ex, &docs);
    g.throughput(Throughput::Bytes(bytes(&docs) as u64));
    g.bench_function("yardstick_nfa", |b| b.iter(|| black_box(y.scan(&y.nfa))));
    g.bench_function("yardstick_dfa", |b| b.iter(|| black_box(y.scan(&y.dfa))));
    g.finish();
}

fn stages(c: &mut Criterion) {
    let ex = Extractor::default();
    let docs = corpus::mixed_docs();
    let st: Vec<Stages<'_>> = docs.iter().map(|d| Stages::new(&ex, d)).collect();
    let mut g = c.benchmark_group("stage");
    g.sample_size(20);
    g.throughput(Throughput::Bytes(bytes(&docs) as u64));
    g.bench_function("segment", |b| b.iter(|| st.iter().for_each(|s| sink(black_box(s.segment())))));
    g.bench_function("fold", |b| b.iter(|| st.iter().for_each(|s| sink(black_box(s.fold())))));
    g.bench_function("scan", |b| b.iter(|| st.iter().for_each(|s| sink(black_box(s.scan())))));
    g.bench_function("doc", |b| {
        b.iter_batched(
            || st.iter().map(|s| s.doc_input()).collect::<Vec<_>>(),
            |i| st.iter().zip(i).for_each(|(s, i)| sink(black_box(s.doc(i)))),
            BatchSize::LargeInput,
        )
    });
    g.bench_function("rules", |b| b.iter(|| st.iter().for_each(|s| sink(black_box(s.rules())))));
    g.bench_function("resolve", |b| {
        b.iter_batched(
            || st.iter().map(|s| s.resolve_input()).collect::<Vec<_>>(),
            |i| st.iter().zip(i).for_each(|(s, i)| sink(black_box(s.resolve(i)))),
            BatchSize::LargeInput,
        )
    });
    g.bench_function("quotes", |b| b.iter(|| st.iter().for_each(|s| sink(black_box(s.quotes())))));
    g.bench_function("attribution", |b| b.iter(|| st.iter().for_each(|s| sink(black_box(s.attribution())))));
    g.bench_function("output", |b| {
        b.iter_batched(
            || st.iter().map(|s| s.output_input()).collect::<Vec<_>>(),
            |i| st.iter().zip(i).for_each(|(s, i)| sink(black_box(s.output(i)))),
            BatchSize::LargeInput,
        )
    });
    let analyses: Vec<Analysis> = docs.iter().map(|d| ex.extract(d)).collect();
    g.bench_function("serde_json", |b| b.iter(|| analyses.iter().for_each(|a| sink(black_box(serde_json::to_vec(a))))));
    g.finish();
}

fn build(c: &mut Criterion) {
    let mut g = c.benchmark_group("build");
    g.sample_size(10);
    // The build alone: the extractor is dropped outside the timing.
    g.bench_function("default_lists", |b| b.iter_with_large_drop(|| Extractor::builder().build()));
    g.finish();
}

fn threads(c: &mut Criterion) {
    let ex = Extractor::default();
    let docs = repeated(&corpus::mixed_docs(), 2_000_000);
    let mut g = c.benchmark_group("extract_batch");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(bytes(&docs) as u64));
    for threads in [1, 2] {
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build().expect("a thread pool");
        g.bench_function(format!("threads_{}", threads), |b| {
            b.iter(|| black_box(pool.install(|| ex.extract_batch(&docs))))
        });
    }
    g.finish();
}

/// Each stage on one long text against the same bytes as documents: where
/// a long text pays more per byte.
fn long(megabytes: usize, sample: bool) {
    let ex = Extractor::default();
    let docs = if sample {
        shapes::Ctx::new().sample_documents(megabytes * 1_000_000)
    } else {
        repeated(&corpus::mixed_docs(), megabytes * 1_000_000)
    };
    let one = vec![docs.join("\n\n")];
    println!(
        "one text of {:.1} MB against {} documents of the same bytes (best of 5 rounds)",
        bytes(&one) as f64 / 1e6,
        docs.len()
    );
    println!("{:<16} {:>12} {:>12} {:>8}", "stage", "one ms", "many ms", "ratio");
    let whole = |docs: &[String]| best(5, || docs.iter().for_each(|d| sink(black_box(ex.extract(d)))));
    let (a, b) = (stage_table(&ex, &one), stage_table(&ex, &docs));
    let rows = a.iter().zip(&b).map(|((name, x), (_, y))| (*name, *x, *y));
    for (name, x, y) in rows.chain([("whole (extract)", whole(&one), whole(&docs))]) {
        let ms = |t: Duration| t.as_secs_f64() * 1e3;
        println!("{:<16} {:>12.1} {:>12.1} {:>8.2}", name, ms(x), ms(y), x.as_secs_f64() / y.as_secs_f64());
    }
}

fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let Some(at) = args.iter().position(|a| a == "long") {
        long(args.get(at + 1).and_then(|n| n.parse().ok()).unwrap_or(8), args.iter().any(|a| a == "sample"));
        return;
    }
    summary();
    if args.iter().any(|a| a == "summary") {
        return;
    }
    let mut c = Criterion::default().configure_from_args();
    extract(&mut c);
    stages(&mut c);
    build(&mut c);
    threads(&mut c);
    c.final_summary();
}
