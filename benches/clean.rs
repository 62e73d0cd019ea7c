//! Throughput of the cleaning stage on a corpus of at least 10 MB built
//! from the seeds (every noise class) and a clean report, plus a GBK-encoded
//! copy for decode + clean.
//!
//! `cargo bench --bench clean`

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use readout::clean;
use readout::decode::{self, Decoded};
use std::path::Path;

// The command-line tool's allocator, so the figures are the tool's.
#[cfg(feature = "cli")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const TARGET: usize = 10 << 20;

fn corpus() -> String {
    let seeds = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/seeds");
    let mut docs: Vec<String> = std::fs::read_dir(&seeds)
        .map(|rd| rd.filter_map(|e| e.ok()).filter_map(|e| std::fs::read_to_string(e.path()).ok()).collect())
        .unwrap_or_default();
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/clean");
    for name in ["pinyin.txt", "mojibake.txt", "boilerplate.txt", "punctuation.txt", "duplicates.txt", "clean.txt"] {
        if let Ok(s) = std::fs::read_to_string(fixtures.join(name)) {
            docs.push(s);
        }
    }
    if docs.is_empty() {
        docs.push("豐澤區(qū)召開(kāi)專題會議,,要切實做好疫情防控工作。\n".repeat(50));
    }
    // Many reports in one text: numbered so the duplicate pass sees each once.
    let mut out = String::with_capacity(TARGET + 64 * 1024);
    let mut n = 0usize;
    while out.len() < TARGET {
        for d in &docs {
            out.push_str(&format!("第{n}篇\n"));
            out.push_str(d);
            out.push('\n');
            n += 1;
        }
    }
    out
}

fn bench(c: &mut Criterion) {
    let text = corpus();
    let mut g = c.benchmark_group("clean");
    g.sample_size(10);
    g.throughput(Throughput::Bytes(text.len() as u64));
    let decoded = Decoded::plain(text.clone());
    g.bench_with_input(BenchmarkId::new("clean", text.len()), &decoded, |b, d| b.iter(|| clean::clean(d)));
    let bytes = text.clone().into_bytes();
    g.bench_with_input(BenchmarkId::new("decode_utf8+clean", bytes.len()), &bytes, |b, bytes| {
        b.iter(|| decode::decode(bytes, "corpus.txt").map(|d| clean::clean(&d)))
    });
    let gbk = encoding_rs::GBK.encode(&text).0.into_owned();
    g.throughput(Throughput::Bytes(gbk.len() as u64));
    g.bench_with_input(BenchmarkId::new("decode_gbk+clean", gbk.len()), &gbk, |b, bytes| {
        b.iter(|| decode::decode(bytes, "corpus.txt").map(|d| clean::clean(&d)))
    });
    // Pathological: one 10 MB line.
    let line: String = text.replace('\n', "");
    g.throughput(Throughput::Bytes(line.len() as u64));
    let one = Decoded::plain(line);
    g.bench_with_input(BenchmarkId::new("one_line", one.text.len()), &one, |b, d| b.iter(|| clean::clean(d)));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
