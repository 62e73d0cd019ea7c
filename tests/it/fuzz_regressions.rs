//! Regressions found by fuzzing and by the pathological-input search, each
//! named after what it pins. Fuzz crashes go in `CRASHES` as the exact
//! bytes of the artifact (`fuzz/artifacts/<target>/crash-…`), and are
//! replayed through the same checks as the fuzz target.
//!
//! The slow inputs were quadratic before their fix: each test measures the
//! CPU time this thread spends on the input at n and at 4n and requires the
//! growth to stay far from 16x (linear is 4x; the bound is 10x, the best of
//! five runs). Thread CPU time, not wall time, so other processes on a busy
//! machine do not count.

use readout::Options;
use std::time::Duration;

/// CPU time used by this thread so far.
fn thread_cpu() -> Duration {
    let mut ts = libc::timespec { tv_sec: 0, tv_nsec: 0 };
    // SAFETY: `ts` is a valid, writable timespec; the clock id is a constant
    // every Linux and macOS target has.
    let rc = unsafe { libc::clock_gettime(libc::CLOCK_THREAD_CPUTIME_ID, &mut ts) };
    assert_eq!(rc, 0, "clock_gettime(CLOCK_THREAD_CPUTIME_ID) failed");
    Duration::new(ts.tv_sec as u64, ts.tv_nsec as u32)
}

/// Fuzz artifacts: (name, target, bytes). Empty so far: see README,
/// "Robustness", for the runs that found none.
const CRASHES: &[(&str, &str, &[u8])] = &[];

#[test]
fn fuzz_crashes_replay_cleanly() {
    for (name, target, bytes) in CRASHES {
        match *target {
            "pipeline" | "writers" => {
                let parsed = readout::parse(name, bytes, &Options::default());
                crate::props::check_spans(&parsed.document, &parsed.source);
                for f in [readout::output::Format::Json, readout::output::Format::Jsonl, readout::output::Format::Csv] {
                    let _ = readout::output::to_string(std::slice::from_ref(&parsed.document), f);
                }
            }
            other => panic!("{name}: unknown target {other}"),
        }
    }
}

/// The best of five runs of `parse` on `text` (thread CPU time), with no
/// meeting cap.
fn time_parse(text: &str) -> Duration {
    let opts = Options { max_meetings: usize::MAX, ..Options::default() };
    (0..5)
        .map(|_| {
            let t = thread_cpu();
            let doc = readout::parse_bytes("slow.txt", text.as_bytes(), &opts);
            assert!(doc.error.is_none(), "{:?}", doc.error);
            thread_cpu().saturating_sub(t)
        })
        .min()
        .unwrap_or_default()
}

fn assert_linear(what: &str, make: impl Fn(usize) -> String, n: usize) {
    let small = time_parse(&make(n));
    let large = time_parse(&make(4 * n));
    let ratio = large.as_secs_f64() / small.as_secs_f64().max(1e-6);
    assert!(ratio < 10.0, "{what}: 4x the input took {ratio:.1}x the time ({small:?} -> {large:?})");
}

/// A distinct name for each `i` (three characters, common surnames).
fn name(i: usize) -> String {
    let sur: Vec<char> = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗".chars().collect();
    let giv: Vec<char> = "金全清伏霄明华伟强军平刚文辉力永健世广志义兴良海山仁波宁贵福生龙元".chars().collect();
    [sur[i % sur.len()], giv[(i / sur.len()) % giv.len()], giv[(i / (sur.len() * giv.len())) % giv.len()]]
        .iter()
        .collect()
}

/// `known.contains` on a list of every name, and `same_name` over all
/// speakers, were quadratic in the people one passage names.
#[test]
fn slow_thousands_of_speakers_in_one_passage() {
    assert_linear(
        "speakers",
        |n| {
            let mut t = String::from("1月6日晚,豐澤區召開專題會議。");
            for i in 0..n {
                t.push_str(&format!("區委書記{}強調,要抓好工作{i}。", name(i)));
            }
            t
        },
        800,
    );
}

/// A clause without commas (names joined by `、` before `出席`) was scanned
/// to its end once per name.
#[test]
fn slow_thousands_of_attendees_without_commas() {
    assert_linear(
        "attendees",
        |n| {
            let names: Vec<String> = (0..n).map(|i| format!("副區長{}", name(i))).collect();
            format!("1月6日晚,豐澤區召開專題會議。{}出席會議。", names.join("、"))
        },
        800,
    );
}

/// Every meeting walked every paragraph of the report, and compared its
/// name with every earlier meeting's. Those costs are small per pair and
/// only dominate past about 20,000 meetings (45 s for 80,000 before the
/// fix, 4.5 s after, release build), so the default run checks 400 -> 1600
/// and the full size is ignored in debug builds:
/// `cargo test --release --test it -- --ignored slow_`.
fn meetings(n: usize) -> String {
    (0..n)
        .map(|i| format!("{}月{}日,豐澤區召開第{i}次專題會議。區長{}強調,要抓好安全生產。\n", 1 + i % 12, 1 + i % 28, name(i)))
        .collect()
}

#[test]
fn slow_thousands_of_meetings() {
    assert_linear("meetings", meetings, 400);
}

#[test]
#[ignore = "release speed: cargo test --release --test it -- --ignored slow_"]
fn slow_tens_of_thousands_of_meetings() {
    assert_linear("meetings", meetings, 20_000);
}

/// A clause cut at `MAX_CLAUSE` must end on a character boundary, or
/// `role_after` would slice inside a character.
#[test]
fn a_clause_cut_by_the_cap_ends_on_a_boundary() {
    for pad in 0..3 {
        let mut t = String::from("1月6日晚,豐澤區召開專題會議。區長林清伏");
        t.push_str(&"a".repeat(pad));
        t.push_str(&"會".repeat(2000));
        t.push_str("出席。");
        let parsed = readout::parse("cap.txt", t.as_bytes(), &Options::default());
        crate::props::check_spans(&parsed.document, &parsed.source);
    }
}

/// A short UTF-8 report with two damaged bytes in the middle was read as
/// windows-1252 (all mojibake, no meeting, no message): found by the
/// hostile suite. Heavier damage is refused with a message.
#[test]
fn broken_bytes_in_a_short_utf8_report_keep_it_utf8() {
    let report = "1月6日晚,豐澤區召開專題會議。區委書記高金全強調,要切實做好疫情防控工作。";
    let damaged = |junk: &[u8]| {
        let mut bytes = report.as_bytes().to_vec();
        let cut = report.find("區委").unwrap_or(0);
        bytes.splice(cut..cut, junk.iter().copied());
        readout::parse_bytes("broken.txt", &bytes, &Options::default())
    };
    let doc = damaged(&[0xff, 0xc3]);
    assert_eq!(doc.encoding.as_deref(), Some("UTF-8"));
    assert_eq!(doc.meetings.len(), 1);
    assert!(doc.warnings.iter().any(|w| w.message.contains("invalid byte sequence")));
    let doc = damaged(&[0xff, 0xfe, 0xc3, 0x28, 0xe4, 0xb8, 0xff, 0xfe]);
    let e = doc.error.unwrap_or_default();
    assert!(e.contains("invalid as UTF-8"), "{e}");
    // The same report in GBK or Big5 is still read as such.
    for enc in [encoding_rs::GBK, encoding_rs::BIG5] {
        let (b, _, _) = enc.encode(report);
        let doc = readout::parse_bytes("legacy.txt", &b, &Options::default());
        assert_eq!(doc.encoding.as_deref(), Some(enc.name()));
        assert_eq!(doc.meetings.len(), 1, "{}", enc.name());
    }
}
