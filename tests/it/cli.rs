//! The `readout` command line: arguments, exit codes, formats, the
//! directory walk, per-file errors, and the output's JSON Schema.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_readout"))
}

fn samples() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("static/samples")
}

fn run(args: &[&str]) -> Output {
    bin().args(args).output().expect("the readout binary runs")
}

fn stdout_json(o: &Output) -> Value {
    serde_json::from_slice(&o.stdout).unwrap_or_else(|e| panic!("not JSON ({e}): {}", String::from_utf8_lossy(&o.stdout)))
}

fn schema() -> jsonschema::Validator {
    let s: Value = serde_json::from_str(include_str!("../../static/readout-1.schema.json")).unwrap();
    jsonschema::validator_for(&s).expect("the schema compiles")
}

fn assert_valid(v: &Value) {
    let errors: Vec<String> = schema().iter_errors(v).map(|e| format!("{} at {}", e, e.instance_path())).collect();
    assert!(errors.is_empty(), "schema errors: {errors:#?}");
}

#[test]
fn json_of_the_samples_validates_and_is_ordered_by_path() {
    let o = run(&["parse", samples().to_str().unwrap(), "--format", "json"]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let v = stdout_json(&o);
    assert_eq!(v["schema"], "readout/1");
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 5);
    let files: Vec<&str> = docs.iter().map(|d| d["file"].as_str().unwrap()).collect();
    let mut sorted = files.clone();
    sorted.sort();
    assert_eq!(files, sorted);
    // Named by their path inside the directory.
    assert!(files[0].starts_with("000_") && !files[0].contains('/'));
    assert_valid(&v);
}

#[test]
fn schema_rejects_a_wrong_record() {
    let bad: Value = serde_json::json!({"schema": "readout/1", "documents": [{"file": 3}]});
    assert!(!schema().is_valid(&bad));
}

#[test]
fn jsonl_has_one_document_per_line() {
    let o = run(&["parse", samples().to_str().unwrap(), "--format", "jsonl"]);
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    assert_eq!(lines.len(), 5);
    for l in lines {
        let v: Value = serde_json::from_str(l).unwrap();
        assert!(v["file"].is_string());
        assert_valid(&v);
    }
}

#[test]
fn csv_has_a_bom_a_header_and_a_row_per_directive() {
    let one = samples().join("004_9ad8b461a22d7448.txt");
    let o = run(&["parse", one.to_str().unwrap(), "--format", "csv"]);
    assert!(o.status.success());
    let text = String::from_utf8(o.stdout).unwrap();
    assert!(text.starts_with('\u{feff}'));
    let rows: Vec<&str> = text.trim_start_matches('\u{feff}').split("\r\n").filter(|l| !l.is_empty()).collect();
    assert!(rows[0].starts_with("file,error,meeting,date"));
    let j = run(&["parse", one.to_str().unwrap()]);
    let doc = &stdout_json(&j)["documents"][0];
    let count = |ds: &Value| -> usize {
        fn c(ds: &Value) -> usize {
            ds.as_array().map(|a| a.iter().map(|d| 1 + c(&d["items"])).sum()).unwrap_or(0)
        }
        c(ds)
    };
    let n: usize = doc["meetings"].as_array().unwrap().iter().map(|m| count(&m["directives"])).sum();
    assert!(n > 0);
    assert_eq!(rows.len() - 1, n, "one row per directive");
}

#[test]
fn an_unreadable_file_among_readable_ones() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("a.txt"), "1月6日晚,豐澤區召開專題會議。區長林清伏強調,要抓好安全生產。").unwrap();
    std::fs::write(dir.path().join("b.txt"), b"").unwrap();
    std::fs::write(dir.path().join("c.txt"), "3月10日下午,陳倉區召開會議。區長馬霄指出,要抓住重點。").unwrap();
    let missing = dir.path().join("nope.txt");
    let o = run(&[
        "parse",
        dir.path().join("a.txt").to_str().unwrap(),
        dir.path().join("b.txt").to_str().unwrap(),
        missing.to_str().unwrap(),
        dir.path().join("c.txt").to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(1));
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(err.contains("b.txt") && err.contains("nope.txt"), "{err}");
    let v = stdout_json(&o);
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 4);
    let by = |suffix: &str| docs.iter().find(|d| d["file"].as_str().unwrap().ends_with(suffix)).unwrap();
    assert!(by("b.txt")["error"].is_string());
    assert!(by("nope.txt")["error"].as_str().unwrap().contains("cannot read"));
    assert!(by("a.txt")["error"].is_null());
    assert_eq!(by("a.txt")["meetings"].as_array().unwrap().len(), 1);
    assert_eq!(by("c.txt")["meetings"].as_array().unwrap().len(), 1);
    assert_valid(&v);
}

#[test]
fn directory_walk_is_recursive_and_picks_report_files() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("sub/deeper")).unwrap();
    let report = "1月6日晚,豐澤區召開專題會議。";
    std::fs::write(dir.path().join("top.txt"), report).unwrap();
    std::fs::write(dir.path().join("sub/page.html"), format!("<html><body><p>{report}</p></body></html>")).unwrap();
    std::fs::write(dir.path().join("sub/deeper/old.HTM"), report).unwrap();
    std::fs::write(dir.path().join("sub/skip.png"), [0x89u8, 0x50, 0x4e, 0x47]).unwrap();
    let o = run(&["parse", dir.path().to_str().unwrap(), "--format", "jsonl"]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let files: Vec<String> = String::from_utf8(o.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str::<Value>(l).unwrap()["file"].as_str().unwrap().to_owned())
        .collect();
    assert_eq!(files, ["sub/deeper/old.HTM", "sub/page.html", "top.txt"]);
}

#[test]
fn stdin_and_output_file() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("out.json");
    let mut child = bin()
        .args(["parse", "-", "-o", out.to_str().unwrap()])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::Write;
    child.stdin.take().unwrap().write_all("2月20日,福建省委召開全省視頻會議。".as_bytes()).unwrap();
    let o = child.wait_with_output().unwrap();
    assert!(o.status.success());
    assert!(o.stdout.is_empty());
    let v: Value = serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
    assert_eq!(v["documents"][0]["file"], "stdin");
    assert_eq!(v["documents"][0]["meetings"][0]["level"], "province");
}

#[test]
fn bad_arguments_exit_2_and_help_explains() {
    assert_eq!(run(&[]).status.code(), Some(2));
    assert_eq!(run(&["parse"]).status.code(), Some(2));
    assert_eq!(run(&["parse", "x", "--format", "xml"]).status.code(), Some(2));
    assert_eq!(run(&["frobnicate"]).status.code(), Some(2));
    let h = run(&["--help"]);
    assert_eq!(h.status.code(), Some(0));
    let text = String::from_utf8_lossy(&h.stdout);
    assert!(text.contains("EXIT STATUS") && text.contains("readout parse"), "{text}");
    let h = run(&["parse", "--help"]);
    assert!(String::from_utf8_lossy(&h.stdout).contains("--format"));
}

#[test]
fn size_cap_gives_a_per_file_error() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("big.txt"), "會".repeat(1000)).unwrap();
    let o = run(&["parse", dir.path().to_str().unwrap(), "--max-bytes", "100"]);
    assert_eq!(o.status.code(), Some(1));
    let v = stdout_json(&o);
    assert!(v["documents"][0]["error"].as_str().unwrap().contains("limit"));
}
