//! Hostile input: files a scraper may produce, fed to the CLI in one batch
//! beside real reports. For each: no panic, a clear per-file message, and
//! every other file's record exactly what it is when parsed alone.
//!
//! Every large input is generated into a temporary directory at test time.
//! Sizes: the 100 MB file and the 10,000-file directory are built at full
//! size (the size cap and the walk make them cheap). The single line is
//! 10 MB in a release build and 1 MB in a debug build (the pipeline is
//! linear, and a debug build reads about 0.3 MB/s); run the full size with
//! `cargo test --release --test it hostile`. The memory bound is checked
//! with `/usr/bin/time` where it exists (see README, "Robustness").

use readout::model::{Corpus, Document};
use readout::Options;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_readout"))
}

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("static/samples")
}

fn sample_names() -> Vec<String> {
    let mut v: Vec<String> = std::fs::read_dir(samples())
        .expect("samples directory")
        .filter_map(|e| e.ok())
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    v.sort();
    v
}

fn documents(o: &Output) -> Vec<Value> {
    let v: Value = serde_json::from_slice(&o.stdout)
        .unwrap_or_else(|e| panic!("not JSON ({e}); stderr: {}", String::from_utf8_lossy(&o.stderr)));
    v["documents"].as_array().cloned().unwrap_or_default()
}

fn by_file<'a>(docs: &'a [Value], name: &str) -> &'a Value {
    docs.iter().find(|d| d["file"] == name).unwrap_or_else(|| panic!("no record for {name}"))
}

/// The size of the single-line case (see the module docs).
fn single_line_bytes() -> usize {
    if cfg!(debug_assertions) {
        1 << 20
    } else {
        10 << 20
    }
}

/// A report with the meetings the samples have, as one line of `n` bytes.
fn single_line(n: usize) -> Vec<u8> {
    let text: String = sample_names()
        .iter()
        .map(|f| std::fs::read_to_string(samples().join(f)).expect("sample"))
        .collect::<String>()
        .replace(['\n', '\r'], "");
    let mut out = String::with_capacity(n + 4);
    while out.len() < n {
        for c in text.chars() {
            if out.len() + c.len_utf8() > n {
                break;
            }
            out.push(c);
        }
        if text.is_empty() {
            break;
        }
    }
    out.into_bytes()
}

/// The hostile files of the batch: (name, bytes, what its record must show).
fn hostile_files() -> Vec<(&'static str, Vec<u8>, Expect)> {
    let report = "1月6日晚,豐澤區召開專題會議。區委書記高金全強調,要切實做好疫情防控工作。";
    let mut files: Vec<(&'static str, Vec<u8>, Expect)> = Vec::new();
    files.push(("empty.txt", Vec::new(), Expect::Error("empty")));
    files.push(("blank.txt", " \n\t\u{3000}\r\n\n".as_bytes().to_vec(), Expect::Error("no text left")));
    files.push((
        "only-furniture.html",
        "<html><head><title></title><script>fetch('https://example.com/x')</script></head><body><script>alert(1)</script><style>p{}</style>  </body></html>".as_bytes().to_vec(),
        Expect::Error("no text left"),
    ));
    let mut png = vec![0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n', 0, 0, 0, 13, b'I', b'H', b'D', b'R'];
    png.extend((0..4096u32).map(|i| (i.wrapping_mul(2654435761) >> 13) as u8));
    files.push(("image.txt", png, Expect::Error("not a text file")));
    // Invalid UTF-8 in the middle of a UTF-8 report (a sample's text with
    // stray bytes and a character cut in half).
    let sample = std::fs::read(samples().join("004_9ad8b461a22d7448.txt")).expect("sample");
    let meetings = readout::parse_bytes("s.txt", &sample, &Options::default()).meetings.len();
    let mut broken = sample.clone();
    let mut cut = broken.len() / 2;
    while cut < broken.len() && (broken[cut] & 0xc0) == 0x80 {
        cut += 1;
    }
    broken.splice(cut..cut, [0xff, 0xfe, 0xe4, 0xb8]);
    files.push(("broken-utf8.txt", broken, Expect::Meetings(meetings)));
    // UTF-16 without a byte order mark, both byte orders.
    let le: Vec<u8> = report.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
    let be: Vec<u8> = report.encode_utf16().flat_map(|u| u.to_be_bytes()).collect();
    files.push(("utf16le-nobom.txt", le, Expect::Meetings(1)));
    files.push(("utf16be-nobom.txt", be, Expect::Meetings(1)));
    // 100,000 enumeration markers in one meeting.
    let mut markers = String::from("2月20日,福建省委召開全省視頻會議。會議強調,");
    for i in 0..100_000 {
        markers.push_str(if i % 2 == 0 { "一是" } else { "要抓好," });
    }
    markers.push('。');
    files.push(("markers.txt", markers.into_bytes(), Expect::NoError));
    // An HTML page full of script tags around a real report.
    let mut page = String::from("<!doctype html><html><head><meta charset=\"utf-8\"><title>會議</title>");
    for i in 0..2000 {
        page.push_str(&format!("<script>document.write('<img src=//evil.example/{i}>');alert({i})</script>"));
    }
    page.push_str("</head><body><p onclick=\"alert(2)\">");
    page.push_str(report);
    page.push_str("</p><script src=\"https://evil.example/x.js\"></script><img src=x onerror=alert(3)><iframe src=javascript:alert(4)></iframe></body></html>");
    files.push(("scripts.html", page.into_bytes(), Expect::Meetings(1)));
    // A JSON export of the wrong schema, given as a report: read as text,
    // it holds no meeting (an export is opened by the page, not parsed).
    files.push((
        "wrong-schema.txt",
        br#"{"schema":"other/9","documents":[{"file":3,"meetings":"x"}]}"#.to_vec(),
        Expect::NoError,
    ));
    files.push(("single-line.txt", single_line(single_line_bytes()), Expect::NoError));
    files
}

#[derive(Clone, Copy, Debug)]
enum Expect {
    /// An `error` field containing this.
    Error(&'static str),
    /// No error and this many meetings.
    Meetings(usize),
    /// No error.
    NoError,
}

/// Every text field of a record, for the script checks.
fn all_strings(v: &Value, out: &mut Vec<String>) {
    match v {
        Value::String(s) => out.push(s.clone()),
        Value::Array(a) => a.iter().for_each(|x| all_strings(x, out)),
        Value::Object(o) => o.values().for_each(|x| all_strings(x, out)),
        _ => {}
    }
}

#[test]
fn a_batch_of_hostile_files_leaves_the_others_unchanged() {
    let dir = tempfile::tempdir().expect("tempdir");
    let names = sample_names();
    assert_eq!(names.len(), 5, "the five samples");
    for n in &names {
        std::fs::copy(samples().join(n), dir.path().join(n)).expect("copy sample");
    }
    let hostile = hostile_files();
    for (name, bytes, _) in &hostile {
        std::fs::write(dir.path().join(name), bytes).expect("write hostile file");
    }
    // The 100 MB file: over the default cap, refused after reading 32 MiB.
    write_repeated(&dir.path().join("huge.txt"), &"會議強調,要切實做好疫情防控工作。\n".repeat(1000), 100_000_000);

    // The samples alone, then the samples in the hostile batch.
    let alone = bin().arg("parse").arg(samples()).output().expect("runs");
    assert_eq!(alone.status.code(), Some(0), "{}", String::from_utf8_lossy(&alone.stderr));
    let alone = documents(&alone);
    let batch = bin().arg("parse").arg(dir.path()).output().expect("runs");
    let stderr = String::from_utf8_lossy(&batch.stderr).into_owned();
    assert_eq!(batch.status.code(), Some(1), "some inputs fail, none crash: {stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
    let docs = documents(&batch);
    assert_eq!(docs.len(), names.len() + hostile.len() + 1, "one record per file");

    for (i, n) in names.iter().enumerate() {
        assert_eq!(by_file(&docs, n), &alone[i], "{n} changed when parsed beside hostile files");
    }

    let huge = by_file(&docs, "huge.txt");
    let err = huge["error"].as_str().expect("huge.txt has an error");
    assert!(err.contains("over the limit") && err.contains("33554432"), "{err}");
    assert!(stderr.contains("huge.txt: file is"), "per-file message on stderr: {stderr}");

    for (name, bytes, expect) in &hostile {
        let d = by_file(&docs, name);
        match expect {
            Expect::Error(what) => {
                let e = d["error"].as_str().unwrap_or_else(|| panic!("{name}: no error"));
                assert!(e.contains(what), "{name}: {e}");
                assert!(stderr.contains(&format!("{name}: ")), "{name}: no message on stderr");
                assert_eq!(d["meetings"].as_array().map(Vec::len), Some(0), "{name}");
            }
            Expect::Meetings(n) => {
                assert!(d["error"].is_null(), "{name}: {}", d["error"]);
                assert_eq!(d["meetings"].as_array().map(Vec::len), Some(*n), "{name}");
            }
            Expect::NoError => assert!(d["error"].is_null(), "{name}: {}", d["error"]),
        }
        assert_eq!(d["bytes"].as_u64(), Some(bytes.len() as u64), "{name}");
    }

    // Broken UTF-8 is reported as an encoding warning; the meeting survives.
    let broken = by_file(&docs, "broken-utf8.txt");
    assert!(
        broken["warnings"].as_array().is_some_and(|w| w.iter().any(|w| w["kind"] == "encoding")),
        "{broken}"
    );
    assert_eq!(by_file(&docs, "utf16le-nobom.txt")["encoding"], "UTF-16LE");
    assert_eq!(by_file(&docs, "utf16be-nobom.txt")["encoding"], "UTF-16BE");

    // Nothing a script said reaches a record: only the report's text.
    let page = by_file(&docs, "scripts.html");
    let mut strings = Vec::new();
    all_strings(page, &mut strings);
    for s in &strings {
        for bad in ["alert", "document.write", "evil.example", "<script", "onerror", "javascript:"] {
            assert!(!s.contains(bad), "scripts.html: {bad:?} in {s:?}");
        }
    }
    assert_eq!(page["meetings"][0]["directives"][0]["text"], "要切實做好疫情防控工作。");
}

/// The spans of a record, all in bounds and on character boundaries of the
/// decoded text (checked through the library, which keeps that text).
#[test]
fn spans_of_hostile_files_index_their_source() {
    for (name, bytes, _) in hostile_files() {
        let parsed = readout::parse(name, &bytes, &Options::default());
        crate::props::check_spans(&parsed.document, &parsed.source);
    }
}

#[test]
fn the_markers_stay_one_meeting_with_its_directives() {
    let files = hostile_files();
    let (_, bytes, _) = files.iter().find(|(n, _, _)| *n == "markers.txt").expect("markers");
    let doc = readout::parse_bytes("markers.txt", bytes, &Options::default());
    assert_eq!(doc.meetings.len(), 1);
    assert!(doc.directive_count() > 0);
}

#[test]
fn a_directory_of_10000_tiny_files() {
    let dir = tempfile::tempdir().expect("tempdir");
    for i in 0..10_000 {
        let body = match i {
            // A few bad ones among them.
            1234 => Vec::new(),
            5678 => vec![0x89, b'P', b'N', b'G', b'\r', b'\n', 0x1a, b'\n', 0, 0],
            _ => format!("{}月{}日,豐澤區召開第{i}次專題會議。區長林清伏強調,要抓好安全生產。", 1 + i % 12, 1 + i % 28)
                .into_bytes(),
        };
        std::fs::write(dir.path().join(format!("{i:05}.txt")), body).expect("write");
    }
    let o = bin().args(["parse", "--format", "jsonl"]).arg(dir.path()).output().expect("runs");
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    assert_eq!(stderr.lines().count(), 2, "one message per bad file: {stderr}");
    assert!(stderr.contains("01234.txt: the file is empty") && stderr.contains("05678.txt: not a text file"), "{stderr}");
    let text = String::from_utf8(o.stdout).expect("UTF-8");
    let docs: Vec<Document> = text.lines().map(|l| serde_json::from_str(l).expect("a record per line")).collect();
    assert_eq!(docs.len(), 10_000);
    for (i, d) in docs.iter().enumerate() {
        assert_eq!(d.file, format!("{i:05}.txt"));
        if i == 1234 || i == 5678 {
            assert!(d.error.is_some());
        } else {
            assert!(d.error.is_none(), "{}: {:?}", d.file, d.error);
            assert_eq!(d.meetings.len(), 1, "{}", d.file);
            assert_eq!(d.meetings[0].name.as_deref(), Some(format!("第{i}次專題會議").as_str()), "{}", d.file);
        }
    }
}

#[test]
fn an_export_of_the_wrong_schema_is_refused_with_a_message() {
    let wrong: &[&[u8]] = &[
        br#"{"schema":"other/9","documents":[]}"#,
        br#"{"schema":"readout/1","documents":[{"file":3}]}"#,
        br#"{"schema":"readout/1","documents":[{"file":"a","meetings":[{"span":[9,3]}]}]}"#,
        br#"[1,2,3]"#,
        b"\x89PNG\r\n\x1a\n",
        b"",
        // Nesting deeper than serde_json's recursion limit.
        &[b'['; 100_000],
    ];
    for bytes in wrong {
        let as_corpus = serde_json::from_slice::<Corpus>(bytes);
        let schema_ok = as_corpus.as_ref().is_ok_and(|c| c.schema == readout::SCHEMA);
        assert!(!schema_ok, "{:?} read as an export", String::from_utf8_lossy(&bytes[..bytes.len().min(60)]));
        // (An empty file imports as no documents in the page: not checked here.)
        #[cfg(feature = "ui")]
        if !bytes.is_empty() {
            let e = readout::ui::import::read_export(bytes).err();
            assert!(e.is_some_and(|e| !e.is_empty()), "the page's import refuses it with a message");
        }
    }
}

#[test]
fn a_size_cap_refuses_before_reading_everything() {
    let opts = Options { max_bytes: 1000, ..Options::default() };
    let doc = readout::parse_bytes("big.txt", &vec![b'a'; 1001], &opts);
    let e = doc.error.expect("refused");
    assert!(e.contains("1001 bytes") && e.contains("limit of 1000 bytes"), "{e}");
    assert!(readout::parse_bytes("ok.txt", "會議強調,要抓好。".as_bytes(), &opts).error.is_none());
}

#[test]
fn the_meeting_cap_bounds_the_work_and_says_so() {
    let mut text = String::new();
    for i in 0..50 {
        text.push_str(&format!("{}月{}日,豐澤區召開第{i}次專題會議。區長林清伏強調,要抓好安全生產{i}。\n", 1 + i % 12, 1 + i % 28));
    }
    let all = readout::parse_bytes("many.txt", text.as_bytes(), &Options::default());
    assert_eq!(all.meetings.len(), 50);
    let opts = Options { max_meetings: 10, ..Options::default() };
    let capped = readout::parse_bytes("many.txt", text.as_bytes(), &opts);
    assert_eq!(capped.meetings.len(), 10);
    assert_eq!(capped.meetings[..], all.meetings[..10], "the meetings read are the same");
    let w = capped.warnings.iter().find(|w| w.message.contains("per-file limit")).expect("a warning");
    assert!(w.message.contains("50 meetings") && w.message.contains("first 10"), "{}", w.message);
    assert_eq!(w.span.end, text.len());
    // The CLI flag.
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("many.txt");
    std::fs::write(&f, &text).expect("write");
    let o = bin().args(["parse", "--max-meetings", "3"]).arg(&f).output().expect("runs");
    assert_eq!(o.status.code(), Some(0));
    assert_eq!(documents(&o)[0]["meetings"].as_array().map(Vec::len), Some(3));
}

/// Peak memory of the CLI on a 100 MB file with the default cap: it reads
/// at most 32 MiB + 1 byte and refuses the file. Measured with GNU time
/// where it is installed (skipped elsewhere, with a note).
#[test]
fn memory_is_bounded_on_a_100_mb_file() {
    let time = Path::new("/usr/bin/time");
    if !time.exists() {
        eprintln!("skipped: /usr/bin/time is not installed");
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let f = dir.path().join("huge.txt");
    write_repeated(&f, &"要抓好安全生產。".repeat(4096), 100_000_000);
    let o = Command::new(time)
        .args(["-f", "peak-rss-kb=%M"])
        .arg(env!("CARGO_BIN_EXE_readout"))
        .args(["parse", "--format", "jsonl"])
        .arg(&f)
        .output()
        .expect("runs");
    assert_eq!(o.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&o.stderr);
    let kb: u64 = stderr
        .lines()
        .find_map(|l| l.strip_prefix("peak-rss-kb="))
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or_else(|| panic!("no measurement: {stderr}"));
    // 32 MiB read buffer (Vec growth may double it once) plus the binary.
    assert!(kb < 120 * 1024, "peak RSS {kb} KB on a 100 MB file");
}

/// Writes `block` to `path` over and over until at least `total` bytes stand
/// there (a large file without holding it in memory).
fn write_repeated(path: &Path, block: &str, total: usize) {
    use std::io::Write;
    let mut w = std::io::BufWriter::new(std::fs::File::create(path).expect("create"));
    let mut n = 0;
    while n < total {
        w.write_all(block.as_bytes()).expect("write");
        n += block.len();
    }
    w.flush().expect("flush");
}
