//! Whole-pipeline invariants, on stable (the fuzz targets in `fuzz/` check
//! the same ones with coverage guidance on nightly):
//!
//! - `parse` never panics, on arbitrary bytes or on Chinese-like text made
//!   of markers, punctuation, quotes, brackets, titles, dates and markup;
//! - every span of every record is in bounds and on character boundaries of
//!   `Parsed::source`;
//! - a record serialised to JSON (and JSON Lines) reads back equal;
//! - the writers never panic, whatever the strings hold.

use proptest::prelude::*;
use readout::model::{Corpus, Document};
use readout::output::{self, Format};
use readout::{Options, Span};

/// Asserts that every span of `doc` indexes `source` on character boundaries.
pub fn check_spans(doc: &Document, source: &str) {
    let check = |what: &str, s: Span| {
        assert!(s.start <= s.end && s.end <= source.len(), "{}: {what} span {s} out of {} bytes", doc.file, source.len());
        assert!(
            source.is_char_boundary(s.start) && source.is_char_boundary(s.end),
            "{}: {what} span {s} inside a character",
            doc.file
        );
    };
    if doc.error.is_some() {
        assert!(doc.meetings.is_empty() && doc.warnings.is_empty(), "{}: a failed record is empty", doc.file);
        return;
    }
    for w in &doc.warnings {
        check("warning", w.span);
        if let Some(b) = &w.before {
            assert_eq!(b, w.span.of(source), "{}: warning {:?} before-text", doc.file, w.message);
        }
    }
    for p in &doc.reporters {
        check("reporter", p.span);
    }
    for s in [doc.spans.title, doc.spans.outlet, doc.spans.published].into_iter().flatten() {
        check("document", s);
    }
    for m in &doc.meetings {
        check("meeting", m.span);
        for s in [m.spans.date, m.spans.time_of_day, m.spans.body, m.spans.name].into_iter().flatten() {
            check("meeting field", s);
        }
        for p in m.chair.iter().chain(&m.speakers).chain(&m.attendees) {
            check("person", p.span);
            if let Some(t) = p.title_span {
                check("title", t);
            }
        }
        for d in m.directives.iter().flat_map(|d| d.flatten()) {
            check("directive", d.span);
        }
        for s in &m.slogans {
            check("slogan", s.span);
        }
    }
}

/// Parses, checks the spans, and checks that the record round-trips.
fn check_all(name: &str, bytes: &[u8]) -> Document {
    let parsed = readout::parse(name, bytes, &Options::default());
    check_spans(&parsed.document, &parsed.source);
    let doc = parsed.document;
    let json = serde_json::to_string(&doc).expect("a record serialises");
    let back: Document = serde_json::from_str(&json).expect("and reads back");
    assert_eq!(back, doc);
    doc
}

/// Pieces of reports: markers, punctuation of both widths, quotes and
/// brackets (often unbalanced), titles, names, dates, meeting words,
/// Traditional forms, pinyin, markup and mojibake.
const PIECES: &[&str] = &[
    "一是", "二是", "三是", "一要", "第一,", "第二,", "(一)", "(二)", "1.", "2.", "一、", "二、", "首先", "其次", "最后",
    "。", ",", "，", "、", ";", "；", ":", "：", "!", "?", "！", "？", ".", "…", "——", "“", "”", "‘", "’", "\"", "「",
    "」", "《", "》", "(", ")", "（", "）", "【", "】", "[", "]", "\n", "\n\n", " ", "\u{3000}", "\t", "\r\n", "会议",
    "會議", "召开", "召開", "主持", "强调", "強調", "指出", "要求", "要", "必须", "切实", "抓好", "安全生产", "工作",
    "区委书记", "區委書記", "市长", "县长", "副县长", "书记", "高金全", "林清伏", "欧阳", "万俟", "马霄", "他", "她",
    "出席", "参加", "讲话", "通报", "1月6日", "晚", "上午", "下午", "2021年3月15日", "昨日", "近日", "本周一", "12月31日",
    "二〇二三年五月十二日", "2022-05-10 09:30", "丰泽区", "豐澤區", "福建省委", "国务院", "镇", "街道", "常务会议",
    "第十五次", "专题会议", "十个不放松", "三个到位", "记者", "通讯员", "来源:", "发布时间:", "首页 > 新闻中心 >",
    "字号 大 中 小", "打印", "关闭窗口", "(qū)", "(qiáng)", "区(qū)", "<p>", "</p>", "<br>", "<script>", "</script>",
    "&amp;", "&nbsp;", "&#x4e00;", "<title>", "</title>", "锟斤拷", "鍖哄", "\u{feff}", "\u{fffd}", "\u{200b}", "a",
    "0", "9", "１２", "\u{10000}", "é",
];

fn report_like() -> impl Strategy<Value = String> {
    prop::collection::vec(prop::sample::select(PIECES), 0..160).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn parse_never_panics_on_arbitrary_bytes(bytes in prop::collection::vec(any::<u8>(), 0..2048), html in any::<bool>()) {
        check_all(if html { "page.html" } else { "report.txt" }, &bytes);
    }

    #[test]
    fn parse_never_panics_on_report_like_text(text in report_like(), html in any::<bool>()) {
        check_all(if html { "page.html" } else { "report.txt" }, text.as_bytes());
    }

    #[test]
    fn report_like_text_in_other_encodings(text in report_like(), which in 0u8..3) {
        // GBK, UTF-16LE without a BOM, UTF-16BE with one.
        let bytes: Vec<u8> = match which {
            0 => encoding_rs::GBK.encode(&text).0.into_owned(),
            1 => text.encode_utf16().flat_map(|u| u.to_le_bytes()).collect(),
            _ => [0xfe, 0xff].into_iter().chain(text.encode_utf16().flat_map(|u| u.to_be_bytes())).collect(),
        };
        check_all("report.txt", &bytes);
    }

    #[test]
    fn writers_never_panic_and_json_round_trips(texts in prop::collection::vec(report_like(), 1..4), junk in ".{0,40}") {
        let mut docs: Vec<Document> = texts.iter().enumerate().map(|(i, t)| check_all(&format!("{i}.txt"), t.as_bytes())).collect();
        // Strings with every CSV hazard in every field a failed record has.
        docs.push(Document::failed(format!("{junk},\"\r\n"), junk.len(), format!("\"{junk}\"\n,")));
        for f in [Format::Json, Format::Jsonl, Format::Csv] {
            let s = output::to_string(&docs, f);
            prop_assert!(!s.is_empty());
        }
        let corpus: Corpus = serde_json::from_str(&output::to_string(&docs, Format::Json)).expect("JSON reads back");
        prop_assert_eq!(&corpus.documents, &docs);
        prop_assert_eq!(corpus.schema.as_str(), readout::SCHEMA);
        let lines: Vec<Document> = output::to_string(&docs, Format::Jsonl)
            .lines()
            .map(|l| serde_json::from_str(l).expect("a JSONL line reads back"))
            .collect();
        prop_assert_eq!(&lines, &docs);
        // CSV: one header, every row with the header's column count.
        let csv = output::to_string(&docs, Format::Csv);
        let bom = csv.starts_with('\u{feff}');
        prop_assert!(bom, "the CSV starts with a BOM");
        prop_assert_eq!(csv_rows(csv.trim_start_matches('\u{feff}')).iter().filter(|r| r.len() != output::CSV_COLUMNS.len()).count(), 0);
    }
}

/// A minimal RFC 4180 reader (quotes, doubled quotes, CRLF rows).
fn csv_rows(s: &str) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    let mut row = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = s.chars().peekable();
    while let Some(c) = chars.next() {
        match (quoted, c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            (true, '"') => quoted = false,
            (true, c) => cell.push(c),
            (false, '"') => quoted = true,
            (false, ',') => row.push(std::mem::take(&mut cell)),
            (false, '\r') if chars.peek() == Some(&'\n') => {
                chars.next();
                row.push(std::mem::take(&mut cell));
                rows.push(std::mem::take(&mut row));
            }
            (false, c) => cell.push(c),
        }
    }
    if !cell.is_empty() || !row.is_empty() {
        row.push(cell);
        rows.push(row);
    }
    rows
}

#[test]
fn csv_reader_reads_what_the_writer_writes() {
    let doc = Document::failed("a,\"b\"\r\nc.txt", 1, "x");
    let csv = output::to_string(&[doc], Format::Csv);
    let rows = csv_rows(csv.trim_start_matches('\u{feff}'));
    assert_eq!(rows.len(), 2);
    assert_eq!(rows[1][0], "a,\"b\"\r\nc.txt");
    assert_eq!(rows[1][1], "x");
}
