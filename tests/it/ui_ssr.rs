//! The UI components rendered to HTML natively (Yew's server-side renderer),
//! fed with documents from the real core or built by hand.

use futures::executor::block_on;
use readout::model::{DateBasis, Directive, DirectiveKind, Document, Level, Meeting, Person, TimeOfDay};
use readout::span::Span;
use readout::ui::components::{
    DateRail, DateRailProps, FileErrors, FileErrorsProps, Filters, FiltersProps, Highlighted, HighlightedProps,
    MeetingCard, MeetingCardProps, NoticeBar, NoticeBarProps, ProgressBar, ProgressBarProps, RailGroup, SourcePane,
    SourcePaneProps, Summary, SummaryProps, Timeline, TimelineProps, Toolbar, ToolbarProps,
};
use readout::ui::i18n::{Lang, EN, ZH};
use readout::ui::proto::{parse_batch, InFile};
use readout::ui::samples::{self, SAMPLES};
use readout::ui::state::{Action, MeetingRef, Notice, Phase, Progress, Row, Selection, State};
use readout::ui::text::{normalize, Script};
use readout::ui::view::View;
use readout::ui::App;
use readout::{Options, Parsed};
use std::rc::Rc;
use yew::{BaseComponent, Callback, LocalServerRenderer};

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
    let html = render::<MeetingCard>(yew::props!(MeetingCardProps { meeting: s.timeline[0].clone() }));
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
    let html = render::<MeetingCard>(yew::props!(MeetingCardProps { meeting: s.timeline[0].clone() }));
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
    let html = render::<MeetingCard>(yew::props!(MeetingCardProps { meeting: s.timeline[0].clone() }));
    assert!(!html.contains("<script"), "{html}");
    assert!(!html.contains("<img"), "{html}");
    assert!(html.contains("&lt;script&gt;"), "{html}");

    let errors = Rc::new(vec![readout::ui::state::FileError { file: evil.into(), message: evil.into() }]);
    let html = render::<FileErrors>(yew::props!(FileErrorsProps { errors }));
    assert!(!html.contains("<script") && !html.contains("<img"), "{html}");
}

fn timeline_props(s: &State) -> TimelineProps {
    yew::props!(TimelineProps { phase: s.phase, rows: s.rows.clone(), timeline: s.timeline.clone() })
}

#[test]
fn timeline_has_one_keyed_card_per_meeting_of_the_sample_corpus_in_date_order() {
    let s = sample_state();
    let html = render::<Timeline>(timeline_props(&s));
    let expected: usize = s.docs.iter().map(|d| d.document.meetings.len()).sum();
    assert_eq!(count(&html, r#"class="meeting-card""#), expected, "{html}");

    // Cards carry their dates in order: dated ones ascending, undated last.
    let dates: Vec<&str> = html.split(r#"data-date=""#).skip(1).map(|rest| &rest[..rest.find('"').unwrap()]).collect();
    assert_eq!(dates.len(), expected);
    let first_undated = dates.iter().position(|d| d.is_empty()).unwrap_or(dates.len());
    assert!(dates[first_undated..].iter().all(|d| d.is_empty()), "undated last: {dates:?}");
    assert!(dates[..first_undated].windows(2).all(|w| w[0] <= w[1]), "date order: {dates:?}");
    // Grouped by month, with a rail entry per group.
    let groups = s.rows.iter().filter(|r| matches!(r, Row::Group { .. })).count();
    assert_eq!(count(&html, r#"class="group-head""#), groups, "{html}");
    assert_eq!(count(&html, r#"class="rail-item"#), groups, "{html}");
    assert!(html.contains("February 2020"), "{html}");
}

#[test]
fn timeline_renders_only_the_rows_near_the_viewport() {
    // 10,000 meetings over many months: the first screenful (plus overscan) only.
    let meetings: Vec<Meeting> = (0..10_000)
        .map(|i| meeting(Some(&format!("20{:02}-{:02}-01", 10 + i / 1200, 1 + (i / 100) % 12)), "豐澤區", &format!("第{i}次會議")))
        .collect();
    let s = state_with(meetings);
    assert_eq!(s.shown, 10_000);
    let html = render::<Timeline>(timeline_props(&s));
    let cards = count(&html, r#"class="meeting-card""#);
    assert!((5..40).contains(&cards), "{cards} cards rendered");
    assert!(html.contains(r#"data-rows=""#), "{html}");
    // The rest of the list is stood in for by padding.
    let pad: f64 = html.split(r#"data-pad-bottom=""#).nth(1).unwrap().split("px").next().unwrap().parse().unwrap();
    assert!(pad > 1_000_000.0, "padding-bottom {pad}");
    // Printing renders every row.
    let html = render::<Timeline>(yew::props!(TimelineProps {
        phase: s.phase,
        rows: s.rows.clone(),
        timeline: s.timeline.clone(),
        all: true
    }));
    assert_eq!(count(&html, r#"class="meeting-card""#), 10_000);
}

#[test]
fn timeline_without_meetings_says_why() {
    let s = State::default().apply(Action::Loaded(Vec::new()));
    let html = render::<Timeline>(timeline_props(&s));
    assert!(html.contains("No meetings found"), "{html}");
    let html = render::<Timeline>(yew::props!(TimelineProps {
        phase: Phase::Ready,
        rows: s.rows.clone(),
        timeline: s.timeline.clone(),
        filtered: true
    }));
    assert!(html.contains("No meeting matches"), "{html}");
    let html = render::<Timeline>(yew::props!(TimelineProps {
        phase: Phase::Loading,
        rows: s.rows.clone(),
        timeline: s.timeline.clone()
    }));
    assert!(!html.contains("No meetings found"), "{html}");
}

fn fujian(s: &State) -> MeetingRef {
    s.timeline.iter().find(|m| m.meeting().body.as_deref() == Some("福建省")).expect("the Fujian seed meeting").clone()
}

#[test]
fn expanded_card_shows_directives_by_speaker_and_the_named_list_with_its_count() {
    let s = sample_state();
    let m = fujian(&s);
    let html = render::<MeetingCard>(yew::props!(MeetingCardProps { meeting: m.clone(), expanded: true }));
    assert!(html.contains(r#"aria-expanded="true""#), "{html}");
    assert!(html.contains(r#"aria-controls="m"#), "{html}");
    assert!(html.contains(r#"role="region""#), "{html}");
    assert!(html.contains(r#"class="speaker-group""#), "{html}");
    assert!(html.contains(r#"<span class="list-name">十個不放松</span>"#), "{html}");
    assert!(html.contains(r#"data-members="10""#), "{html}");
    assert!(html.contains("10 members"), "{html}");
    assert!(!html.contains("count-warning"), "ten found for 十: no warning badge");
    for part in ["Attendees", "Outlet", "Reporters", "Warnings", "臺海網"] {
        assert!(html.contains(part), "missing {part} in {html}");
    }
    // One directive element per directive of the meeting.
    assert_eq!(count(&html, r#"class="directive-text""#), m.meeting().directive_count());

    // Collapsed: no details, aria-expanded false.
    let html = render::<MeetingCard>(yew::props!(MeetingCardProps { meeting: m }));
    assert!(html.contains(r#"aria-expanded="false""#) && !html.contains("speaker-group"), "{html}");
}

#[test]
fn a_named_list_whose_count_disagrees_gets_a_warning_badge() {
    let mut m = meeting(Some("2020-02-20"), "福建省", "全省視頻會議");
    let mut list = directive("做到“十個不放松”", vec![directive("一", vec![]), directive("二", vec![])]);
    list.kind = DirectiveKind::NamedList;
    list.list_name = Some("十個不放松".into());
    m.directives = vec![list];
    let s = state_with(vec![m]);
    let html = render::<MeetingCard>(yew::props!(MeetingCardProps { meeting: s.timeline[0].clone(), expanded: true }));
    assert!(html.contains("count-warning") && html.contains("2 members"), "{html}");
}

#[test]
fn inferred_dates_are_marked_with_their_basis() {
    let s = sample_state();
    let m = fujian(&s);
    assert_eq!(m.meeting().date_basis, DateBasis::Inferred);
    let html = render::<MeetingCard>(yew::props!(MeetingCardProps { meeting: m }));
    assert!(html.contains(r#"class="date inferred""#), "{html}");
    assert!(html.contains("year inferred"), "{html}");
}

#[test]
fn search_matches_are_marked_in_directives_in_any_script() {
    let s = sample_state().apply(Action::SetQuery("疫苗".into()));
    assert!(s.shown > 0 && s.shown < s.counts.meetings, "{} of {}", s.shown, s.counts.meetings);
    let Row::Card { pos } = s.rows.iter().find(|r| matches!(r, Row::Card { .. })).unwrap() else { unreachable!() };
    let m = s.timeline[*pos].clone();
    let html = render::<MeetingCard>(yew::props!(MeetingCardProps { meeting: m, expanded: true, query: s.query.clone() }));
    assert!(html.contains(r#"<mark class="match">疫苗</mark>"#), "{html}");

    let html = render::<Highlighted>(HighlightedProps {
        text: "加快疫苗接種".into(),
        query: std::rc::Rc::new(normalize("接种")),
        script: Script::Simplified,
    });
    assert_eq!(html, r#"加快疫苗<mark class="match">接种</mark>"#);
}

#[test]
fn script_toggle_converts_report_text() {
    let s = sample_state();
    let html = render::<MeetingCard>(yew::props!(MeetingCardProps {
        meeting: s.timeline[0].clone(),
        script: Script::Simplified
    }));
    assert!(html.contains("会议") && !html.contains("會議"), "{html}");
}

#[test]
fn source_pane_marks_the_selected_span_and_the_repairs_as_text() {
    let s = sample_state();
    let m = fujian(&s);
    let d = &m.meeting().directives[0];
    let sel = Selection { file: m.file().into(), span: d.span, passage: Some(m.meeting().span) };
    let html = render::<SourcePane>(SourcePaneProps {
        doc: Some(m.doc.clone()),
        selection: Some(sel),
        labels: &EN,
        script: Script::Original,
        on: Default::default(),
    });
    let active = html.split(r#"data-active="first""#).nth(1).unwrap();
    let active = &active[active.find('>').unwrap() + 1..active.find("</mark>").unwrap()];
    assert!(d.span.of(&m.doc.source).starts_with(active), "{active:?}");
    assert!(html.contains(r#"class="passage"#), "{html}");
    if m.doc.document.warnings.iter().any(|w| readout::ui::components::is_repair(w.kind)) {
        assert!(html.contains("repair"), "{html}");
    }

    let evil = "<img src=x onerror=alert(1)>會議";
    let doc = std::rc::Rc::new(Parsed {
        document: Document { file: "evil.txt".into(), ..Document::default() },
        source: evil.into(),
    });
    let sel = Selection { file: "evil.txt".into(), span: Span::new(0, 4), passage: None };
    let html = render::<SourcePane>(SourcePaneProps {
        doc: Some(doc),
        selection: Some(sel),
        labels: &EN,
        script: Script::Original,
        on: Default::default(),
    });
    assert!(!html.contains("<img"), "{html}");
    assert!(html.contains("&lt;img"), "{html}");

    let html = render::<SourcePane>(SourcePaneProps {
        doc: None,
        selection: None,
        labels: &ZH,
        script: Script::Original,
        on: Default::default(),
    });
    assert!(html.contains("原文"), "{html}");
}

/// The toolbar rendered with callbacks that do nothing (and a size cap when
/// given; else its default).
fn toolbar(lang: Lang, max_mb: Option<u32>) -> String {
    let props = yew::props!(ToolbarProps {
        labels: lang.labels(),
        script: Script::Original,
        lang,
        on_samples: Callback::noop(),
        on_files: Callback::noop(),
        on_paste: Callback::noop(),
        on_export: Callback::noop(),
        on_print: Callback::noop(),
        on_clear: Callback::noop(),
        on_script: Callback::noop(),
        on_lang: Callback::noop(),
    });
    render::<Toolbar>(match max_mb {
        Some(max_mb) => ToolbarProps { max_mb, ..props },
        None => props,
    })
}

#[test]
fn toolbar_filters_and_bars_speak_both_languages() {
    for (lang, words) in [(Lang::En, ["Sample corpus", "Clear", "Any level"]), (Lang::Zh, ["示例语料", "清空", "全部层级"])] {
        let l = lang.labels();
        let html = toolbar(lang, None);
        assert!(html.contains(words[0]) && html.contains(words[1]), "{html}");
        assert!(html.contains(r#"data-testid="file-input""#) && html.contains("webkitdirectory"), "{html}");
        let s = sample_state();
        let html = render::<Filters>(FiltersProps { view: View::default(), facets: s.facets.clone(), labels: l, on: Callback::noop() });
        assert!(html.contains(words[2]), "{html}");
        assert!(html.contains(r#"value="province""#) && html.contains("福建省"), "{html}");
    }
    let html = render::<ProgressBar>(ProgressBarProps {
        progress: Progress { job: 1, done_files: 120, total_files: 500, done_bytes: 1_200_000, total_bytes: 5_000_000, elapsed_ms: 500.0 },
        labels: &EN,
        on_cancel: Callback::noop(),
    });
    assert!(html.contains("120 of 500 files") && html.contains("2.4 MB/s") && html.contains("Cancel"), "{html}");
    let html = render::<NoticeBar>(NoticeBarProps { notice: Some(Notice::StoredDropped), labels: &EN, on_close: Callback::noop() });
    assert!(html.contains("older version"), "{html}");
    let html = render::<NoticeBar>(NoticeBarProps { notice: Some(Notice::StoredUnreadable), labels: &EN, on_close: Callback::noop() });
    assert!(html.contains("damaged") && html.contains(r#"data-notice="stored-unreadable""#), "{html}");
    let html = render::<NoticeBar>(NoticeBarProps {
        notice: Some(Notice::SaveFailed("QuotaExceededError: <b>full</b>".into())),
        labels: &ZH,
        on_close: Callback::noop(),
    });
    assert!(html.contains("无法在本浏览器中保存语料") && html.contains(r#"data-notice="save-failed""#), "{html}");
    assert!(html.contains("&lt;b&gt;full&lt;/b&gt;") && !html.contains("<b>"), "the reason stays text: {html}");
    let html = render::<DateRail>(DateRailProps {
        groups: Rc::new(vec![RailGroup { key: "2020-02".into(), count: 3, row: 0 }, RailGroup { key: String::new(), count: 1, row: 4 }]),
        current: Some("2020-02".into()),
        labels: &ZH,
        on_jump: Callback::noop(),
    });
    assert!(html.contains("2月") && html.contains("日期不详") && html.contains(r#"aria-current="true""#), "{html}");
}

#[test]
fn summary_counts_what_the_core_found() {
    let s = sample_state();
    let c = s.counts;
    assert_eq!(c.files, SAMPLES.len());
    let html = render::<Summary>(yew::props!(SummaryProps { phase: s.phase, counts: c }));
    let noun = |n: usize, w: &str| if n == 1 { format!("1 {w}") } else { format!("{n} {w}s") };
    for part in [
        format!("{} ({} dated)", noun(c.meetings, "meeting"), c.dated),
        noun(c.directives, "directive"),
        noun(c.files, "file"),
        noun(c.errors, "error"),
    ] {
        assert!(html.contains(&part), "missing {part:?} in {html}");
    }
    let html = render::<Summary>(yew::props!(SummaryProps { phase: Phase::Loading, counts: readout::ui::state::Counts::default() }));
    assert!(html.contains("Parsing…"), "{html}");
    let html = render::<Summary>(yew::props!(SummaryProps { phase: s.phase, counts: c, shown: Some(1), labels: &ZH }));
    assert!(html.contains(&format!("显示 1 / {}", c.meetings)), "{html}");
}

#[test]
fn file_errors_list_each_failed_file_and_nothing_when_all_read() {
    let failed = Parsed { document: Document::failed("empty.txt", 0, "the file is empty"), source: String::new() };
    let s = State::default().apply(Action::Loaded(vec![failed]));
    let html = render::<FileErrors>(yew::props!(FileErrorsProps { errors: s.errors.clone() }));
    assert!(html.contains(r#"role="alert""#), "{html}");
    assert!(html.contains("empty.txt") && html.contains("the file is empty"), "{html}");

    let html = render::<FileErrors>(yew::props!(FileErrorsProps { errors: Rc::new(Vec::new()) }));
    assert!(!html.contains("file-error"), "{html}");
}

#[test]
fn app_shell_renders_before_the_corpus_is_parsed() {
    // Effects do not run on the server, so this is the first paint.
    let html = render::<App>(());
    assert!(html.contains("Readout"), "{html}");
    assert!(html.contains("Parsing…"), "{html}");
    assert!(html.contains(r#"data-phase="loading""#), "{html}");
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
    // The served page fetches these names from dist/samples/.
    assert_eq!(samples::SAMPLE_FILES, embedded.as_slice());
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

#[test]
fn the_size_cap_is_a_labelled_setting_and_refuses_only_bigger_files() {
    // The control: a number input in MB, labelled in both languages, showing the view's cap.
    for (lang, label) in [(Lang::En, "Size limit per file (MB)"), (Lang::Zh, "单个文件大小上限(MB)")] {
        let html = toolbar(lang, Some(4));
        assert!(html.contains(label), "{html}");
        assert!(html.contains(r#"data-testid="max-mb""#) && html.contains(r#"type="number""#), "{html}");
        assert!(html.contains(r#"value="4""#) && html.contains(r#"min="1""#) && html.contains(r#"max="128""#), "{html}");
    }
    // What the worker does with it: the samples under a cap smaller than
    // the largest, each over it listed with its size, the others parsed as usual.
    let sizes: Vec<usize> = SAMPLES.iter().map(|s| s.bytes.len()).collect();
    let cap = (sizes.iter().min().unwrap() + sizes.iter().max().unwrap()) / 2;
    let files = SAMPLES.iter().map(|s| InFile { name: s.file.into(), bytes: s.bytes.to_vec() }).collect();
    let docs: Vec<Parsed> = parse_batch(files, cap).into_iter().map(Parsed::from).collect();
    let s = State::default().apply(Action::Loaded(docs));
    let over = sizes.iter().filter(|&&n| n > cap).count();
    assert!(over > 0 && over < SAMPLES.len());
    assert_eq!(s.errors.len(), over);
    assert_eq!(s.counts.files, SAMPLES.len());
    let html = render::<FileErrors>(yew::props!(FileErrorsProps { errors: s.errors.clone() }));
    assert!(html.contains(&format!("over the limit of {cap} bytes")), "{html}");
    let full = State::default().apply(Action::Loaded(samples::parse_all(&Options::default())));
    assert!(s.counts.meetings > 0 && s.counts.meetings < full.counts.meetings);
}
