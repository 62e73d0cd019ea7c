//! The corpus generator (`readout gen`): deterministic, the mix it promises,
//! and reports the parser reads as meeting reports.

use readout::gen::{self, DateForm, EnumStyle, Level, Summary};
use readout::Options;

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let a: Vec<_> = gen::generate(50, 7).collect();
    let b: Vec<_> = gen::generate(50, 7).collect();
    let c: Vec<_> = gen::generate(50, 8).collect();
    for (x, y) in a.iter().zip(&b) {
        assert_eq!(x.name, y.name);
        assert_eq!(x.bytes, y.bytes);
    }
    assert!(a.iter().zip(&c).filter(|(x, y)| x.bytes != y.bytes).count() >= 49);
    // Report i does not depend on how many were asked for.
    assert_eq!(gen::report(7, 42).bytes, a[42].bytes);
}

#[test]
fn writes_n_files() {
    let dir = tempfile::tempdir().unwrap();
    let s = gen::write_dir(dir.path(), 120, 3).unwrap();
    assert_eq!(s.docs, 120);
    let files: Vec<_> = std::fs::read_dir(dir.path()).unwrap().flatten().collect();
    assert_eq!(files.len(), 120);
    let total: u64 = files.iter().map(|f| f.metadata().unwrap().len()).sum();
    assert_eq!(total as usize, s.bytes);
}

#[test]
fn cli_writes_the_corpus() {
    let dir = tempfile::tempdir().unwrap();
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_readout"))
        .args(["gen", "--docs", "25", "--seed", "9", "-o"])
        .arg(dir.path())
        .output()
        .unwrap();
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 25);
    assert!(String::from_utf8_lossy(&out.stderr).contains("25 reports"));
}

#[test]
fn the_mix_covers_every_class_in_realistic_shares() {
    let mut s = Summary::default();
    for r in gen::generate(3000, 1) {
        s.add(&r);
    }
    let share = |k: &str| s.count(k) as f64 / s.docs as f64;
    for l in [Level::National, Level::Province, Level::City, Level::County, Level::District, Level::Township] {
        assert!(share(&format!("level {l:?}")) > 0.02, "{l:?}");
    }
    for d in [
        DateForm::Explicit,
        DateForm::Published,
        DateForm::ChineseNumerals,
        DateForm::FullWidth,
        DateForm::Relative,
        DateForm::Vague,
        DateForm::MonthOnly,
        DateForm::None,
    ] {
        assert!(share(&format!("date {d:?}")) > 0.02, "{d:?}");
    }
    for e in [
        EnumStyle::Plain,
        EnumStyle::YiShi,
        EnumStyle::YiYao,
        EnumStyle::DiYi,
        EnumStyle::Paren,
        EnumStyle::Arabic,
        EnumStyle::ShouXian,
        EnumStyle::NamedList,
        EnumStyle::Headline,
    ] {
        assert!(share(&format!("enumeration {e:?}")) > 0.02, "{e:?}");
    }
    // Noise is common but not universal; most reports are plain UTF-8.
    for (k, lo, hi) in [
        ("noise Traditional", 0.2, 0.4),
        ("noise pinyin readings", 0.05, 0.2),
        ("noise GBK mojibake", 0.03, 0.1),
        ("noise doubled punctuation", 0.1, 0.2),
        ("noise boilerplate", 0.35, 0.55),
        ("noise duplicated body", 0.02, 0.08),
        ("noise HTML", 0.02, 0.08),
        ("encoding GBK", 0.05, 0.15),
        ("encoding UTF-8", 0.8, 0.95),
        ("meetings 0", 0.01, 0.08),
        ("meetings 2", 0.05, 0.2),
    ] {
        assert!((lo..=hi).contains(&share(k)), "{k}: {:.3}", share(k));
    }
    let mean = s.bytes / s.docs;
    assert!((1500..4500).contains(&mean), "mean report size {mean} bytes");
}

#[test]
fn the_parser_reads_generated_reports() {
    let opts = Options::default();
    let (mut with_meeting, mut meetings_written, mut with_directives) = (0, 0, 0);
    let (mut gbk, mut mojibake_seen, mut mojibake_written, mut pinyin_seen, mut pinyin_written) = (0, 0, 0, 0, 0);
    for r in gen::generate(400, 11) {
        let doc = readout::parse_bytes(&r.name, &r.bytes, &opts);
        assert_eq!(doc.error, None, "{}", r.name);
        let kinds: Vec<String> =
            doc.warnings.iter().map(|w| serde_json::to_value(w.kind).unwrap().as_str().unwrap().to_owned()).collect();
        if r.traits.meetings > 0 {
            meetings_written += 1;
            with_meeting += usize::from(!doc.meetings.is_empty());
            with_directives += usize::from(doc.directive_count() > 0);
        }
        if r.traits.encoding == "GBK" {
            gbk += 1;
            let decoded = readout::decode::decode(&r.bytes, &r.name).unwrap();
            assert_eq!(decoded.encoding, "GBK", "{}", r.name);
        }
        if r.traits.mojibake {
            mojibake_written += 1;
            mojibake_seen += usize::from(kinds.iter().any(|k| k == "mojibake"));
        }
        if r.traits.pinyin {
            pinyin_written += 1;
            pinyin_seen += usize::from(kinds.iter().any(|k| k == "pinyin"));
        }
    }
    assert!(gbk > 10);
    assert!(with_meeting * 10 >= meetings_written * 9, "{with_meeting}/{meetings_written} with a meeting");
    assert!(with_directives * 10 >= meetings_written * 8, "{with_directives}/{meetings_written} with directives");
    assert!(mojibake_seen * 10 >= mojibake_written * 7, "mojibake found in {mojibake_seen}/{mojibake_written}");
    assert!(pinyin_seen * 10 >= pinyin_written * 9, "pinyin found in {pinyin_seen}/{pinyin_written}");
}
