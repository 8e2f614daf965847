//! Throughput of `Extractor::extract` and the cost of building extractors.

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use gazette::Extractor;

mod corpus;

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
    let mut g = c.benchmark_group("build");
    g.sample_size(10);
    g.bench_function("default_lists", |b| {
        b.iter(|| black_box(Extractor::builder().build().map(|e| e.extract("Iraq"))))
    });
    g.finish();
}

criterion_group!(benches, extract, build);
criterion_main!(benches);
