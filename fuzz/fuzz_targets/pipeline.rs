//! The whole pipeline from arbitrary bytes: `readout::parse` never panics,
//! and every span it reports indexes the decoded source on character
//! boundaries (the same checks as `tests/it/props.rs`).
#![no_main]

use libfuzzer_sys::fuzz_target;
use readout::{Options, Span};

fn check(source: &str, what: &str, s: Span) {
    assert!(
        s.start <= s.end && s.end <= source.len(),
        "{what} span {s} out of bounds ({} bytes)",
        source.len()
    );
    assert!(
        source.is_char_boundary(s.start) && source.is_char_boundary(s.end),
        "{what} span {s} inside a character"
    );
}

fuzz_target!(|data: &[u8]| {
    // The first byte picks the file name, so the HTML path is fuzzed too.
    let (name, bytes) = match data.split_first() {
        Some((b, rest)) if b % 4 == 0 => ("page.html", rest),
        _ => ("report.txt", data),
    };
    let parsed = readout::parse(name, bytes, &Options::default());
    let doc = &parsed.document;
    let src = &parsed.source;
    if doc.error.is_some() {
        assert!(doc.meetings.is_empty());
        return;
    }
    for w in &doc.warnings {
        check(src, "warning", w.span);
    }
    for p in &doc.reporters {
        check(src, "reporter", p.span);
    }
    for s in [doc.spans.title, doc.spans.outlet, doc.spans.published].into_iter().flatten() {
        check(src, "document", s);
    }
    for m in &doc.meetings {
        check(src, "meeting", m.span);
        for s in [m.spans.date, m.spans.time_of_day, m.spans.body, m.spans.name].into_iter().flatten() {
            check(src, "meeting field", s);
        }
        for p in m.chair.iter().chain(&m.speakers).chain(&m.attendees) {
            check(src, "person", p.span);
            if let Some(t) = p.title_span {
                check(src, "title", t);
            }
        }
        for d in m.directives.iter().flat_map(|d| d.flatten()) {
            check(src, "directive", d.span);
        }
        for s in &m.slogans {
            check(src, "slogan", s.span);
        }
    }
});
