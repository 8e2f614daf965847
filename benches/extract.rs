//! Throughput of `Extractor::extract` and the cost of building extractors.

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::atomic::{AtomicUsize, Ordering};

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use gazette::Extractor;

mod corpus;

/// Counts live heap bytes, to report what an extractor holds.
struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);

// SAFETY: forwards every call to the system allocator unchanged and only
// counts the sizes.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        LIVE.fetch_add(layout.size(), Ordering::Relaxed);
        System.alloc(layout)
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
        System.dealloc(ptr, layout)
    }
}

#[global_allocator]
static GLOBAL: Counting = Counting;

/// Prints the heap one extractor with the default lists holds, and the peak
/// of `extract` over the 400 KB corpus.
fn heap() {
    let before = LIVE.load(Ordering::Relaxed);
    let ex = Extractor::builder().build().expect("the embedded lists build");
    let held = LIVE.load(Ordering::Relaxed) - before;
    let text = corpus::corpus(400_000);
    let a = ex.extract(&text);
    let with_output = LIVE.load(Ordering::Relaxed) - before - held;
    println!(
        "heap: extractor with default lists {:.1} MiB; analysis of {} KB: {:.1} MiB ({} mentions, {} quotes)",
        held as f64 / 1048576.0,
        text.len() / 1000,
        with_output as f64 / 1048576.0,
        a.mentions.len(),
        a.quotes.len()
    );
}

fn extract(c: &mut Criterion) {
    let ex = Extractor::default();
    let text = corpus::corpus(400_000);
    let mut g = c.benchmark_group("extract");
    g.throughput(Throughput::Bytes(text.len() as u64));
    g.sample_size(20);
    g.bench_function("news_400k", |b| b.iter(|| black_box(ex.extract(black_box(&text)))));
    let short = corpus::corpus(2_000);
    g.throughput(Throughput::Bytes(short.len() as u64));
    g.bench_function("article_2k", |b| b.iter(|| black_box(ex.extract(black_box(&short)))));
    g.finish();
}

fn build(c: &mut Criterion) {
    heap();
    let mut g = c.benchmark_group("build");
    g.sample_size(10);
    g.bench_function("default_lists", |b| {
        b.iter(|| black_box(Extractor::builder().build().map(|e| e.extract("Iraq"))))
    });
    g.finish();
}

criterion_group!(benches, extract, build);
criterion_main!(benches);
