//! The UI components rendered to HTML natively (Yew's server-side renderer),
//! fed with documents from the real core or built by hand.

use futures::executor::block_on;
use readout::model::{DateBasis, Directive, DirectiveKind, Document, Level, Meeting, Person, TimeOfDay};
use readout::span::Span;
use readout::ui::components::{
    FileErrors, FileErrorsProps, MeetingCard, MeetingCardProps, Summary, SummaryProps, Timeline, TimelineProps,
};
use readout::ui::samples::{self, SAMPLES};
use readout::ui::state::{Action, Phase, State};
use readout::ui::App;
use readout::{Options, Parsed};
use std::rc::Rc;
use yew::{BaseComponent, LocalServerRenderer};

fn render<C: BaseComponent>(props: C::Properties) -> String {
    block_on(LocalServerRenderer::<C>::with_props(props).hydratable(false).render())
}

fn directive(text: &str, items: Vec<Directive>) -> Directive {
    Directive {
        speaker: "高金全".into(),
        kind: DirectiveKind::Sentence,
        text: text.into(),
        span: Span::new(0, 3),
        marker: None,
        list_name: None,
        truncated: false,
        items,
    }
}

fn meeting(date: Option<&str>, body: &str, name: &str) -> Meeting {
    Meeting {
        date: date.map(str::to_owned),
        date_basis: DateBasis::Published,
        time_of_day: Some(TimeOfDay::Evening),
        body: Some(body.into()),
        level: Some(Level::District),
        name: Some(name.into()),
        chair: Some(Person { name: "高金全".into(), title: Some("區委書記".into()), ..Person::default() }),
        speakers: Vec::new(),
        attendees: Vec::new(),
        // Two top-level directives, one heading two items: four in all.
        directives: vec![
            directive("要切實做好疫情防控工作", vec![directive("一是", vec![]), directive("二是", vec![])]),
            directive("要加強宣傳", vec![]),
        ],
        slogans: Vec::new(),
        span: Span::new(0, 3),
        spans: Default::default(),
    }
}

fn state_with(meetings: Vec<Meeting>) -> State {
    let document = Document { file: "hand.txt".into(), meetings, ..Document::default() };
    State::default().apply(Action::Loaded(vec![Parsed { document, source: String::new() }]))
}

fn sample_state() -> State {
    State::default().apply(Action::Loaded(samples::parse_all(&Options::default())))
}

fn count(haystack: &str, needle: &str) -> usize {
    haystack.matches(needle).count()
}

#[test]
fn meeting_card_shows_date_body_name_chair_and_directive_count() {
    let s = state_with(vec![meeting(Some("2020-01-06"), "豐澤區", "專題會議")]);
    let html = render::<MeetingCard>(MeetingCardProps { meeting: s.timeline[0].clone() });
    for part in [
        r#"datetime="2020-01-06""#,
        ">2020-01-06</time>",
        "晚上",
        "year from publication date",
        "district",
        r#"<span class="body">豐澤區</span>"#,
        r#"<span class="name">專題會議</span>"#,
        r#"<span class="title">區委書記</span>"#,
        r#"<span class="person">高金全</span>"#,
        r#"data-count="4""#,
        r#"class="directive-count">4</dd>"#,
        "hand.txt",
    ] {
        assert!(html.contains(part), "missing {part:?} in {html}");
    }
}

#[test]
fn meeting_card_without_date_or_chair_says_so() {
    let mut m = meeting(None, "順德區", "區政府黨組會議");
    m.chair = None;
    m.date_basis = DateBasis::Unknown;
    let s = state_with(vec![m]);
    let html = render::<MeetingCard>(MeetingCardProps { meeting: s.timeline[0].clone() });
    assert!(html.contains("Undated"), "{html}");
    assert!(html.contains("Not named"), "{html}");
    assert!(!html.contains("<time"), "{html}");
    assert!(!html.contains("year from publication date"), "no basis note without a date: {html}");
}

#[test]
fn report_text_is_rendered_as_text_never_as_markup() {
    let evil = r#"<script>alert("x")</script><img src=x onerror=alert(1)>"#;
    let mut m = meeting(Some(r#"2020"><script>"#), evil, evil);
    m.chair = Some(Person { name: evil.into(), title: Some(evil.into()), ..Person::default() });
    let s = state_with(vec![m]);
    let html = render::<MeetingCard>(MeetingCardProps { meeting: s.timeline[0].clone() });
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");

    let errors = Rc::new(vec![readout::ui::state::FileError { file: evil.into(), message: evil.into() }]);
    let html = render::<FileErrors>(FileErrorsProps { errors });
    assert!(!html.contains("<script") && !html.contains("<img"), "{html}");
}

#[test]
fn timeline_has_one_keyed_card_per_meeting_of_the_sample_corpus_in_date_order() {
    let s = sample_state();
    let html = render::<Timeline>(TimelineProps { phase: s.phase, meetings: s.timeline.clone() });
    let expected: usize = s.docs.iter().map(|d| d.document.meetings.len()).sum();
    assert_eq!(count(&html, r#"class="meeting-card""#), expected, "{html}");

    // Cards carry their dates in order: dated ones ascending, undated last.
    let dates: Vec<&str> = html.split(r#"data-date=""#).skip(1).map(|rest| &rest[..rest.find('"').unwrap()]).collect();
    assert_eq!(dates.len(), expected);
    let first_undated = dates.iter().position(|d| d.is_empty()).unwrap_or(dates.len());
    assert!(dates[first_undated..].iter().all(|d| d.is_empty()), "undated last: {dates:?}");
    assert!(dates[..first_undated].windows(2).all(|w| w[0] <= w[1]), "date order: {dates:?}");
}

#[test]
fn timeline_of_a_corpus_without_meetings_says_so() {
    let s = State::default().apply(Action::Loaded(Vec::new()));
    let html = render::<Timeline>(TimelineProps { phase: Phase::Ready, meetings: s.timeline.clone() });
    assert!(html.contains("No meetings found"), "{html}");
    let html = render::<Timeline>(TimelineProps { phase: Phase::Loading, meetings: s.timeline.clone() });
    assert!(!html.contains("No meetings found"), "{html}");
}

#[test]
fn summary_counts_what_the_core_found() {
    let s = sample_state();
    let c = s.counts;
    assert_eq!(c.files, SAMPLES.len());
    let html = render::<Summary>(SummaryProps { phase: s.phase, counts: c });
    let noun = |n: usize, w: &str| if n == 1 { format!("1 {w}") } else { format!("{n} {w}s") };
    for part in [
        format!("{} ({} dated)", noun(c.meetings, "meeting"), c.dated),
        noun(c.directives, "directive"),
        noun(c.files, "file"),
        noun(c.errors, "error"),
    ] {
        assert!(html.contains(&part), "missing {part:?} in {html}");
    }
    let html = render::<Summary>(SummaryProps { phase: Phase::Loading, counts: Default::default() });
    assert!(html.contains("Parsing the sample corpus"), "{html}");
}

#[test]
fn file_errors_list_each_failed_file_and_nothing_when_all_read() {
    let failed = Parsed { document: Document::failed("empty.txt", 0, "the file is empty"), source: String::new() };
    let s = State::default().apply(Action::Loaded(vec![failed]));
    let html = render::<FileErrors>(FileErrorsProps { errors: s.errors.clone() });
    assert!(html.contains(r#"role="alert""#), "{html}");
    assert!(html.contains("empty.txt") && html.contains("the file is empty"), "{html}");

    let html = render::<FileErrors>(FileErrorsProps { errors: Rc::new(Vec::new()) });
    assert!(!html.contains("file-error"), "{html}");
}

#[test]
fn app_shell_renders_before_the_corpus_is_parsed() {
    // Effects do not run on the server, so this is the first paint.
    let html = render::<App>(());
    assert!(html.contains("Readout"), "{html}");
    assert!(html.contains("Parsing the sample corpus"), "{html}");
    assert_eq!(count(&html, "meeting-card"), 0);
}

#[test]
fn samples_are_every_file_in_static_samples() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("static/samples");
    let mut on_disk: Vec<String> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    on_disk.sort();
    let embedded: Vec<&str> = SAMPLES.iter().map(|s| s.file).collect();
    assert_eq!(embedded, on_disk);
    for s in SAMPLES {
        assert_eq!(s.bytes, std::fs::read(dir.join(s.file)).unwrap(), "{} is embedded as is", s.file);
    }
}

#[test]
fn sample_documents_parse_without_error() {
    for p in samples::parse_all(&Options::default()) {
        assert_eq!(p.document.error, None, "{}", p.document.file);
        assert!(!p.source.is_empty(), "{}", p.document.file);
    }
}
