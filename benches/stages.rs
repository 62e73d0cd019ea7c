//! Throughput per stage (decode, clean, segment, extract, JSON output) and
//! for the whole pipeline on a 30 MB generated corpus (`readout::gen`, seed
//! 1), against a physical baseline in the same run: one pass over the same
//! bytes decoding UTF-8 characters and counting CJK ones. Then growth (one
//! document at 1×, 4×, 16×) and pathological inputs at ¼ and full size.
//!
//! ```sh
//! cargo bench --bench stages                       # criterion, then the summary
//! READOUT_BENCH=summary cargo bench --bench stages # the summary table only
//! READOUT_BENCH=criterion cargo bench --bench stages -- segment  # criterion only
//! cargo bench --bench stages -- --sample-size 10 --measurement-time 5 stages/
//! ```
//!
//! Criterion prints MB/s per benchmark. The summary at the end times each
//! stage itself (best of `READOUT_BENCH_RUNS`, default 3), prints MB/s, the
//! pipeline's throughput as a fraction of the baseline, growth ratios
//! (time per byte relative to 1×: 1.00 is linear) and the targets.

use criterion::{black_box, BenchmarkId, Criterion, SamplingMode, Throughput};
use readout::clean::{self, Cleaned};
use readout::decode::{self, Decoded};
use readout::segment::{self, Segments};
use readout::{extract, output, Document, Options};
use std::time::{Duration, Instant};

// The command-line tool's allocator, so the figures are the tool's.
#[cfg(feature = "cli")]
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const CORPUS_BYTES: usize = 30 << 20;
const SEED: u64 = 1;

/// The baseline: one pass decoding UTF-8 characters and counting CJK ones.
fn count_cjk(bytes: &[u8]) -> usize {
    String::from_utf8_lossy(bytes).chars().filter(|&c| ('\u{4e00}'..='\u{9fff}').contains(&c)).count()
}

struct Corpus {
    docs: Vec<(String, Vec<u8>)>,
    bytes: usize,
    decoded: Vec<Decoded>,
    cleaned: Vec<Cleaned>,
    segments: Vec<Segments>,
    documents: Vec<Document>,
}

impl Corpus {
    fn new() -> Self {
        let docs: Vec<(String, Vec<u8>)> =
            readout::gen::corpus(CORPUS_BYTES, SEED).into_iter().map(|r| (r.name, r.bytes)).collect();
        let bytes = docs.iter().map(|d| d.1.len()).sum();
        let decoded: Vec<Decoded> = docs.iter().map(|(n, b)| decode::decode(b, n).expect("generated reports decode")).collect();
        let cleaned: Vec<Cleaned> = decoded.iter().map(clean::clean).collect();
        let segments: Vec<Segments> = cleaned.iter().map(|c| segment::segment(&c.text)).collect();
        let documents = docs.iter().map(|(n, b)| readout::parse_bytes(n, b, &Options::default())).collect();
        Self { docs, bytes, decoded, cleaned, segments, documents }
    }

    fn baseline(&self) -> usize {
        self.docs.iter().map(|(_, b)| count_cjk(black_box(b))).sum()
    }
    fn decode(&self) -> usize {
        self.docs.iter().map(|(n, b)| decode::decode(black_box(b), n).map_or(0, |d| d.text.len())).sum()
    }
    fn clean(&self) -> usize {
        self.decoded.iter().map(|d| clean::clean(black_box(d)).text.len()).sum()
    }
    fn segment(&self) -> usize {
        self.cleaned.iter().map(|c| segment::segment(black_box(&c.text)).paragraphs.len()).sum()
    }
    fn extract(&self) -> usize {
        self.decoded
            .iter()
            .zip(&self.cleaned)
            .zip(&self.segments)
            .map(|((d, c), s)| extract::extract(black_box(d), c, s).meetings.len())
            .sum()
    }
    fn json(&self) -> usize {
        let mut out = Vec::with_capacity(self.bytes * 4);
        output::write(&mut out, black_box(&self.documents), output::Format::Json).expect("json");
        out.len()
    }
    fn pipeline(&self) -> usize {
        let opts = Options::default();
        self.docs.iter().map(|(n, b)| readout::parse_bytes(n, black_box(b), &opts).meetings.len()).sum()
    }
}

type Stage = (&'static str, fn(&Corpus) -> usize);

const STAGES: [Stage; 7] = [
    ("baseline_count_cjk", Corpus::baseline),
    ("decode", Corpus::decode),
    ("clean", Corpus::clean),
    ("segment", Corpus::segment),
    ("extract", Corpus::extract),
    ("output_json", Corpus::json),
    ("pipeline", Corpus::pipeline),
];

fn bench_stages(c: &mut Criterion, corpus: &Corpus) {
    let mut g = c.benchmark_group("stages_30MB");
    g.sampling_mode(SamplingMode::Flat).throughput(Throughput::Bytes(corpus.bytes as u64));
    for (name, f) in STAGES {
        g.bench_function(name, |b| b.iter(|| f(corpus)));
    }
    g.finish();
}

/// One document made of `k` × 128 KB of distinct generated reports (not
/// repeats, which the duplicate pass would drop).
fn grown(k: usize) -> Vec<u8> {
    let mut doc = Vec::new();
    for r in readout::gen::generate(usize::MAX, SEED + 1) {
        if r.traits.encoding == "UTF-8" && !r.traits.html {
            doc.extend_from_slice(&r.bytes);
            doc.push(b'\n');
            if doc.len() >= k * (128 << 10) {
                break;
            }
        }
    }
    doc
}

fn cn(n: usize) -> &'static str {
    ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"][n % 10]
}

/// The pathological inputs at `scale` (1.0 = the sizes of the issue).
fn pathological(scale: f64) -> Vec<(&'static str, Vec<u8>)> {
    let n = |k: usize| ((k as f64) * scale) as usize;
    let mut out = Vec::new();

    // A single 10 MB line: generated reports with their line breaks removed.
    let mut line = String::new();
    let target = n(10 << 20);
    for r in readout::gen::generate(usize::MAX, SEED + 2) {
        if r.traits.encoding != "UTF-8" || r.traits.html {
            continue;
        }
        let t = String::from_utf8(r.bytes).unwrap_or_default();
        line.extend(t.chars().filter(|&c| c != '\n'));
        if line.len() >= target {
            break;
        }
    }
    out.push(("one_10MB_line", line.into_bytes()));

    // 100,000 enumeration markers in one speaker's passage, numbered 1. to
    // 100000.
    let mut e = String::from("3月5日,清河县召开专题会议。县委书记王建国强调,");
    for i in 0..n(100_000) {
        e.push_str(&format!("{}.要加强统筹协调;", i + 1));
    }
    e.push('。');
    out.push(("100k_enum_markers", e.into_bytes()));

    // 10,000 markers cycling through 一是…十是 (each 十是 item used to run
    // to the end of the passage: output quadratic in the input; kept at
    // 10,000 so that a regression cannot exhaust the machine's memory).
    let mut e = String::from("3月5日,清河县召开专题会议。县委书记王建国强调,");
    for i in 0..n(10_000) {
        e.push_str(cn(i));
        e.push_str("是要加强统筹协调;");
    }
    e.push('。');
    out.push(("10k_cycling_yishi", e.into_bytes()));

    // One paragraph repeated 10,000 times.
    let para = "王建国强调,要压实属地责任,层层传导压力;要加强统筹协调,形成工作合力。要坚持问题导向,深入排查各类风险隐患,确保各项措施落地见效。\n";
    let mut r = String::from("3月5日,清河县召开专题会议。\n");
    r.push_str(&para.repeat(n(10_000)));
    out.push(("para_x10k", r.into_bytes()));

    // 50,000 opening quotation marks, none closed.
    let mut q = String::from("3月5日,清河县召开专题会议。县委书记王建国强调,");
    for _ in 0..n(50_000) {
        q.push_str("要做到“四个到位,");
    }
    q.push('。');
    out.push(("50k_open_quotes", q.into_bytes()));
    out
}

fn bench_growth(c: &mut Criterion) {
    let opts = Options::default();
    let mut g = c.benchmark_group("growth");
    g.sampling_mode(SamplingMode::Flat);
    for k in [1usize, 4, 16] {
        let doc = grown(k);
        g.throughput(Throughput::Bytes(doc.len() as u64));
        g.bench_with_input(BenchmarkId::from_parameter(format!("{k}x")), &doc, |b, doc| {
            b.iter(|| readout::parse_bytes("grown.txt", black_box(doc), &opts).meetings.len())
        });
    }
    g.finish();
    let mut g = c.benchmark_group("pathological");
    g.sampling_mode(SamplingMode::Flat);
    for (scale, label) in [(0.25, "quarter"), (1.0, "full")] {
        for (name, doc) in pathological(scale) {
            g.throughput(Throughput::Bytes(doc.len() as u64));
            g.bench_with_input(BenchmarkId::new(name, label), &doc, |b, doc| {
                b.iter(|| readout::parse_bytes("pathological.txt", black_box(doc), &opts).meetings.len())
            });
        }
    }
    g.finish();
}

/// Best wall time of `runs` calls.
fn best<T>(runs: usize, mut f: impl FnMut() -> T) -> Duration {
    (0..runs.max(1))
        .map(|_| {
            let t = Instant::now();
            black_box(f());
            t.elapsed()
        })
        .min()
        .unwrap_or_default()
}

fn mbs(bytes: usize, d: Duration) -> f64 {
    bytes as f64 / 1e6 / d.as_secs_f64().max(1e-9)
}

fn summary(corpus: &Corpus) {
    let runs: usize = std::env::var("READOUT_BENCH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(3);
    let opts = Options::default();
    println!("\n== readout stages: {} generated reports, {:.1} MB (seed {SEED}), best of {runs}", corpus.docs.len(), corpus.bytes as f64 / 1e6);
    let mut base = 0.0;
    let mut pipe = 0.0;
    for (name, f) in STAGES {
        let d = best(runs, || f(corpus));
        let v = mbs(corpus.bytes, d);
        if name.starts_with("baseline") {
            base = v;
        }
        if name == "pipeline" {
            pipe = v;
        }
        let frac = if name.starts_with("baseline") { String::new() } else { format!("1/{:.1} of baseline", base / v) };
        println!("{name:<20} {:>9.1} MB/s  {:>8.3} s  {frac}", v, d.as_secs_f64());
    }
    let ratio = base / pipe;
    println!(
        "pipeline / baseline = {:.4} (1/{ratio:.1}); targets: >= 50 MB/s {}; >= 1/40 of baseline {}",
        pipe / base,
        if pipe >= 50.0 { "MET" } else { "MISSED" },
        if ratio <= 40.0 { "MET" } else { "MISSED" }
    );

    println!("\n== growth: one document of distinct generated reports (time per byte relative to 1x; 1.00 = linear)");
    let mut per_byte_1x = 0.0;
    for k in [1usize, 4, 16] {
        let doc = grown(k);
        let d = best(runs, || readout::parse_bytes("grown.txt", &doc, &opts).meetings.len());
        let pb = d.as_secs_f64() / doc.len() as f64;
        if k == 1 {
            per_byte_1x = pb;
        }
        println!("{:>4}x {:>10} bytes {:>9.3} s {:>9.1} MB/s  ratio {:.2}", k, doc.len(), d.as_secs_f64(), mbs(doc.len(), d), pb / per_byte_1x);
    }

    println!("\n== pathological inputs: full size vs a quarter (time per byte ratio; 1.00 = linear)");
    let quarter = pathological(0.25);
    for ((name, full), (_, q)) in pathological(1.0).into_iter().zip(quarter) {
        let dq = best(runs, || readout::parse_bytes("p.txt", &q, &opts).meetings.len());
        let df = best(runs, || readout::parse_bytes("p.txt", &full, &opts).meetings.len());
        let ratio = (df.as_secs_f64() / full.len() as f64) / (dq.as_secs_f64() / q.len() as f64);
        println!(
            "{name:<18} {:>10} bytes {:>8.3} s {:>8.1} MB/s   quarter {:>8.3} s   ratio {ratio:.2} {}",
            full.len(),
            df.as_secs_f64(),
            mbs(full.len(), df),
            dq.as_secs_f64(),
            if ratio < 1.5 { "linear" } else { "SUPERLINEAR" }
        );
    }
}

/// User plus system CPU time of this process so far (Linux `/proc`; 0 when
/// unavailable): on a shared machine it moves less than wall time.
fn cpu_seconds() -> f64 {
    let stat = std::fs::read_to_string("/proc/self/stat").unwrap_or_default();
    // Fields after the command name (which is in parentheses): utime and
    // stime are the 12th and 13th of them, in clock ticks (100 per second).
    let rest = stat.rsplit_once(')').map_or("", |(_, r)| r);
    let f: Vec<f64> = rest.split_whitespace().map(|x| x.parse().unwrap_or(0.0)).collect();
    f.get(11).copied().unwrap_or(0.0) / 100.0 + f.get(12).copied().unwrap_or(0.0) / 100.0
}

/// `READOUT_BENCH=profile`: the whole pipeline over `READOUT_BENCH_MB`
/// (default 4) MB of the corpus, `READOUT_BENCH_RUNS` times (default 1),
/// and nothing else, for a profiler
/// (`valgrind --tool=callgrind --toggle-collect='*profile_pipeline*'`).
#[inline(never)]
fn profile_pipeline(docs: &[(String, Vec<u8>)]) -> usize {
    let opts = Options::default();
    docs.iter().map(|(n, b)| readout::parse_bytes(n, black_box(b), &opts).meetings.len()).sum()
}

fn main() {
    let mode = std::env::var("READOUT_BENCH").unwrap_or_default();
    if mode == "profile" {
        let mb: usize = std::env::var("READOUT_BENCH_MB").ok().and_then(|s| s.parse().ok()).unwrap_or(4);
        let docs: Vec<(String, Vec<u8>)> =
            readout::gen::corpus(mb << 20, SEED).into_iter().map(|r| (r.name, r.bytes)).collect();
        let bytes: usize = docs.iter().map(|d| d.1.len()).sum();
        let runs: usize = std::env::var("READOUT_BENCH_RUNS").ok().and_then(|s| s.parse().ok()).unwrap_or(1);
        for _ in 0..runs {
            let (t, cpu) = (Instant::now(), cpu_seconds());
            let meetings = profile_pipeline(&docs);
            let (wall, cpu) = (t.elapsed(), cpu_seconds() - cpu);
            println!(
                "{} docs, {bytes} bytes, {meetings} meetings: {:.1} MB/s wall, {:.1} MB/s of this process's CPU time",
                docs.len(),
                mbs(bytes, wall),
                bytes as f64 / 1e6 / cpu.max(1e-9)
            );
        }
        return;
    }
    let corpus = Corpus::new();
    if mode != "summary" {
        let mut c = Criterion::default().sample_size(10).measurement_time(Duration::from_secs(10)).configure_from_args();
        bench_stages(&mut c, &corpus);
        bench_growth(&mut c);
        c.final_summary();
    }
    if mode != "criterion" {
        summary(&corpus);
    }
}
