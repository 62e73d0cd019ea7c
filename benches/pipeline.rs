//! Whole-pipeline throughput (decode → clean → segment → extract) on a
//! ≥ 10 MB corpus made of the project's own reports (seeds and fixtures),
//! against a physical baseline over the same bytes (decode UTF-8, count CJK
//! characters), and growth of one document at 1×, 4× and 16× its size.
//!
//! Run: `cargo bench --bench pipeline`. Criterion prints MB/s per benchmark;
//! equal MB/s across the growth sizes means linear time.

use criterion::{black_box, criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use readout::Options;
use std::path::Path;
use std::time::Duration;

// The command-line tool's allocator, so the figures are the tool's.
#[cfg(feature = "cli")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// The seeds and the fixture reports, as (name, bytes).
fn reports() -> Vec<(String, Vec<u8>)> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut out = Vec::new();
    for dir in ["static/samples", "tests/fixtures/reports"] {
        let mut paths: Vec<_> = std::fs::read_dir(root.join(dir)).unwrap().flatten().map(|e| e.path()).collect();
        paths.sort();
        for p in paths.into_iter().filter(|p| p.extension().is_some_and(|e| e == "txt")) {
            out.push((p.file_name().unwrap().to_string_lossy().into_owned(), std::fs::read(&p).unwrap()));
        }
    }
    out
}

/// The reports repeated until they hold at least `min_bytes`.
fn corpus(min_bytes: usize) -> Vec<(String, Vec<u8>)> {
    let base = reports();
    let mut out = Vec::new();
    let mut total = 0;
    'fill: loop {
        for (name, bytes) in &base {
            total += bytes.len();
            out.push((name.clone(), bytes.clone()));
            if total >= min_bytes {
                break 'fill;
            }
        }
    }
    out
}

/// The baseline: one pass decoding UTF-8 characters and counting CJK ones.
fn count_cjk(bytes: &[u8]) -> usize {
    String::from_utf8_lossy(bytes).chars().filter(|&c| ('\u{4e00}'..='\u{9fff}').contains(&c)).count()
}

fn bench_corpus(c: &mut Criterion) {
    let docs = corpus(10 << 20);
    let total: usize = docs.iter().map(|(_, b)| b.len()).sum();
    let opts = Options::default();
    let mut g = c.benchmark_group("corpus_10MB");
    g.sample_size(10).measurement_time(Duration::from_secs(20)).throughput(Throughput::Bytes(total as u64));
    g.bench_function("baseline_count_cjk", |b| {
        b.iter(|| docs.iter().map(|(_, bytes)| count_cjk(black_box(bytes))).sum::<usize>())
    });
    g.bench_function("pipeline", |b| {
        b.iter(|| {
            docs.iter().map(|(name, bytes)| readout::parse_bytes(name, black_box(bytes), &opts).meetings.len()).sum::<usize>()
        })
    });
    g.finish();
}

fn bench_growth(c: &mut Criterion) {
    // One document: every report, one after the other, k times over. Each
    // copy's lines carry the copy's number, so the cleaner's duplicate
    // removal does not make the later copies free.
    let base: String = reports().into_iter().map(|(_, b)| String::from_utf8_lossy(&b).into_owned() + "\n").collect();
    let copy = |i: usize| -> String { base.lines().map(|l| format!("{l} #{i}\n")).collect() };
    let opts = Options::default();
    let mut g = c.benchmark_group("growth_one_document");
    g.sample_size(10).measurement_time(Duration::from_secs(10));
    for k in [1usize, 4, 16] {
        let doc: Vec<u8> = (0..k).map(copy).collect::<String>().into_bytes();
        g.throughput(Throughput::Bytes(doc.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(format!("{k}x")), &doc, |b, doc| {
            b.iter(|| readout::parse_bytes("grown.txt", black_box(doc), &opts).meetings.len())
        });
    }
    g.finish();
}

criterion_group!(benches, bench_corpus, bench_growth);
criterion_main!(benches);
