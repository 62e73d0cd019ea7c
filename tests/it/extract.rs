//! Extraction against hand annotations: the fixture reports written for
//! this project (tests/fixtures/reports + gold) and the seed reports
//! (static/samples + tests/fixtures/seed-gold, a copy of ../shared/eval/gold).

use super::score::score;
use readout::model::{DirectiveKind, WarningKind};
use readout::{parse, Options};
use serde_json::Value;
use std::path::Path;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// Parses every report in `reports` and loads every gold file in `gold`.
fn run(reports: &str, gold: &str) -> (Vec<Value>, Vec<Value>) {
    let mut golds = Vec::new();
    let mut preds = Vec::new();
    let mut entries: Vec<_> = std::fs::read_dir(root().join(gold)).unwrap().flatten().map(|e| e.path()).collect();
    entries.sort();
    for g in entries.into_iter().filter(|p| p.extension().is_some_and(|e| e == "json")) {
        let gv: Value = serde_json::from_str(&std::fs::read_to_string(&g).unwrap()).unwrap();
        let file = gv["file"].as_str().unwrap().to_owned();
        let bytes = std::fs::read(root().join(reports).join(&file)).unwrap();
        let doc = readout::parse_bytes(&file, &bytes, &Options::default());
        preds.push(serde_json::to_value(&doc).unwrap());
        golds.push(gv);
    }
    (golds, preds)
}

#[test]
fn fixture_reports_match_their_annotations() {
    let (gold, pred) = run("tests/fixtures/reports", "tests/fixtures/gold");
    assert!(gold.len() >= 20, "at least 20 fixture reports");
    let t = score(&gold, &pred);
    let report = format!("misses:\n{}", t.misses.join("\n"));
    assert_eq!(t.f1("meetings"), 1.0, "{report}");
    for f in ["date", "time_of_day", "body", "level", "name", "chair"] {
        assert!(t.acc(f) >= 0.95, "{f} = {} {report}", t.acc(f));
    }
    assert!(t.f1("directives") >= 0.95, "directives F1 = {} {report}", t.f1("directives"));
    assert!(t.speaker_acc() >= 0.95, "directive speaker = {}", t.speaker_acc());
    assert!(t.f1("speakers") >= 0.95, "speakers F1 = {} {report}", t.f1("speakers"));
    assert!(t.f1("attendees") >= 0.95, "attendees F1 = {} {report}", t.f1("attendees"));
    assert!(t.f1("reporters") >= 0.9, "reporters F1 = {} {report}", t.f1("reporters"));
}

#[test]
fn seed_reports_match_the_gold() {
    let (gold, pred) = run("static/samples", "tests/fixtures/seed-gold");
    assert_eq!(gold.len(), 5);
    let t = score(&gold, &pred);
    let report = format!("misses:\n{}", t.misses.join("\n"));
    assert_eq!(t.f1("meetings"), 1.0, "{report}");
    for f in ["date", "time_of_day", "body", "level", "name", "chair"] {
        assert_eq!(t.acc(f), 1.0, "{f} {report}");
    }
    assert!(t.f1("directives") >= 0.97, "directives F1 = {} {report}", t.f1("directives"));
    assert!(t.speaker_acc() >= 0.97, "directive speaker = {}", t.speaker_acc());
    assert!(t.f1("speakers") >= 0.97 && t.f1("attendees") >= 0.97, "{report}");
    assert!(t.f1("reporters") >= 0.9, "reporters F1 = {} {report}", t.f1("reporters"));
}

#[test]
fn every_span_points_at_its_text() {
    let dir = root().join("tests/fixtures/reports");
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let bytes = std::fs::read(e.path()).unwrap();
        let parsed = parse("x.txt", &bytes, &Options::default());
        let src = &parsed.source;
        for m in &parsed.document.meetings {
            assert!(src.get(m.span.start..m.span.end).is_some());
            if let (Some(name), Some(s)) = (&m.name, m.spans.name) {
                assert_eq!(&src[s.start..s.end], name, "{:?}", e.path());
            }
            let mut stack: Vec<&readout::Directive> = m.directives.iter().collect();
            while let Some(d) = stack.pop() {
                let under = &src[d.span.start..d.span.end];
                // The text is the cleaned form of what the span covers.
                let first = d.text.chars().next().unwrap();
                assert!(under.contains(first), "{:?}: {under} vs {}", e.path(), d.text);
                stack.extend(d.items.iter());
            }
            for p in m.speakers.iter().chain(&m.attendees).chain(m.chair.iter()) {
                assert_eq!(&src[p.span.start..p.span.end], p.name);
            }
        }
    }
}

fn doc(text: &str) -> readout::Document {
    readout::parse_bytes("t.txt", text.as_bytes(), &Options::default())
}

#[test]
fn named_list_count_is_checked() {
    let d = doc("3月2日,江城市召開安全生產工作會議。市長王明強調,要做到“四個確保”:確保責任落實到位,確保隱患整改到位,確保應急準備到位。");
    let m = &d.meetings[0];
    let list = m.directives.iter().find(|x| x.kind == DirectiveKind::NamedList).expect("a named list");
    assert_eq!(list.list_name.as_deref(), Some("四個確保"));
    assert_eq!(list.items.len(), 3);
    assert!(d.warnings.iter().any(|w| w.kind == WarningKind::ListCount && w.message.contains('4')));
}

#[test]
fn truncated_sentence_is_kept_and_flagged() {
    let d = doc("5月6日上午,河東區召開專題會議。區長李強指出,要抓好安全生產。要對照典");
    let all: Vec<_> = d.meetings[0].directives.iter().collect();
    let last = all.last().unwrap();
    assert!(last.truncated, "{all:?}");
    assert!(d.warnings.iter().any(|w| w.kind == WarningKind::Truncated));
}

#[test]
fn a_report_without_a_meeting_has_no_meeting() {
    let d = doc("新廠房昨日竣工投產,預計年產值十億元。當地居民表示,項目帶來了更多就業機會。");
    assert!(d.meetings.is_empty());
    assert_eq!(d.error, None);
}

#[test]
fn pronoun_speaker_resolves_to_the_person_before() {
    let d = doc("2021年4月9日,青山鎮召開黨委會議,鎮黨委書記周立新主持會議。他強調,要壓實防汛責任,確保安全度汛。");
    let m = &d.meetings[0];
    assert_eq!(m.chair.as_ref().map(|c| c.name.as_str()), Some("周立新"));
    assert_eq!(m.date.as_deref(), Some("2021-04-09"));
    assert_eq!(m.level, Some(readout::model::Level::Township));
    assert_eq!(m.directives[0].speaker, "周立新");
}

#[test]
fn an_order_to_hold_a_meeting_is_a_directive_not_a_meeting() {
    let d = doc("6月3日上午,南山縣召開防汛工作會議。縣長陳立強調,各鄉鎮要在會後兩天內召開專題會議,傳達會議精神。要壓實責任。");
    assert_eq!(d.meetings.len(), 1);
    let texts: Vec<&str> = d.meetings[0].directives.iter().map(|x| x.text.as_str()).collect();
    assert!(texts.iter().any(|t| t.starts_with("各鄉鎮要在會後兩天內召開專題會議")), "{texts:?}");
}

#[test]
fn this_month_dates_take_the_publication_month() {
    let d = doc("發布時間:2023-05-20 10:00\n本月15日上午,北湖區召開城市管理工作推進會。區長王強指出,要加快推進。");
    assert_eq!(d.meetings[0].date.as_deref(), Some("2023-05-15"));
    assert_eq!(d.meetings[0].time_of_day, Some(readout::model::TimeOfDay::Morning));
}

#[test]
fn a_group_study_session_is_a_meeting() {
    let d = doc("3月5日,東湖區委理論學習中心組舉行2024年第一次集體學習。區委書記李強主持並講話。他強調,要學深悟透。");
    assert_eq!(d.meetings.len(), 1);
    assert!(d.meetings[0].name.as_deref().unwrap_or("").ends_with("集體學習"));
    assert_eq!(d.meetings[0].date.as_deref(), Some("2024-03-05"));
}

/// The held-out batch 3 (tests/fixtures/heldout/README.md). Its misses were
/// read to find failure classes (each then got fixtures of its own), so it is
/// no longer blind; this keeps its scores from sliding below where they stand.
#[test]
fn heldout_reports_stay_above_their_floor() {
    let (gold, pred) = run("tests/fixtures/heldout/reports", "tests/fixtures/heldout/gold");
    assert!(gold.len() >= 15);
    let t = score(&gold, &pred);
    let report = format!("misses:\n{}", t.misses.join("\n"));
    assert!(t.f1("meetings") >= 0.99, "meetings F1 = {} {report}", t.f1("meetings"));
    assert!(t.f1("directives") >= 0.99, "directives F1 = {} {report}", t.f1("directives"));
    for f in ["date", "body", "level", "name", "chair"] {
        assert!(t.acc(f) >= 0.99, "{f} = {} {report}", t.acc(f));
    }
    assert!(t.f1("speakers") >= 0.99 && t.f1("attendees") >= 0.99, "{report}");
}

/// Regression: markers cycling 一是…十是 made each 十是 item run to the end of
/// the paragraph, so the output grew with the square of the input.
#[test]
fn cycling_markers_give_items_that_end_at_the_next_marker() {
    let numerals = ["一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];
    let mut body = String::from("5月8日上午,青山區召開專題會議。會議要求,");
    for round in 0..200 {
        for n in numerals {
            body.push_str(&format!("{n}是要抓好第{round}批落實。"));
        }
    }
    let d = doc(&body);
    let total: usize = d.meetings[0].directives.iter().flat_map(|x| x.flatten()).map(|x| x.text.len()).sum();
    assert!(total < body.len() * 2, "directive text {total} bytes for {} bytes of input", body.len());
    assert_eq!(d.meetings[0].directive_count(), 2000);
}

/// Parses the fixture reports whose gold file names start with one of
/// `prefixes`, with their gold.
fn run_fixtures(prefixes: &[&str]) -> (Vec<Value>, Vec<Value>) {
    let (gold, pred) = run("tests/fixtures/reports", "tests/fixtures/gold");
    gold.into_iter()
        .zip(pred)
        .filter(|(g, _)| prefixes.iter().any(|p| g["file"].as_str().is_some_and(|f| f.starts_with(p))))
        .unzip()
}

/// Fixtures 57 onward, written for the blind batch's failure classes (village
/// and community meetings with quoted names, items after a colon, items
/// without a trigger word, light-verb speaking and the pronoun after it,
/// compound surnames in lists) and for reports of other levels and shapes:
/// each must stay fully right.
#[test]
fn failure_class_fixtures_score_fully() {
    let prefixes = ["57_", "58_", "59_", "60_", "61_", "62_", "63_", "64_", "65_", "66_", "67_", "68_", "69_", "70_"];
    let (gold, pred) = run_fixtures(&prefixes);
    assert_eq!(gold.len(), prefixes.len());
    let t = score(&gold, &pred);
    let report = format!("misses:\n{}", t.misses.join("\n"));
    for f in ["meetings", "directives", "speakers", "attendees", "reporters"] {
        assert_eq!(t.f1(f), 1.0, "{f} {report}");
    }
    for f in ["date", "time_of_day", "body", "level", "name", "chair"] {
        assert_eq!(t.acc(f), 1.0, "{f} {report}");
    }
    assert_eq!(t.speaker_acc(), 1.0, "{report}");
}

#[test]
fn a_quoted_abbreviation_stays_inside_a_meeting_name() {
    let d = doc("3月5日上午,石橋鎮柳塘村召開村“兩委”擴大會議。村黨支部書記李明主持會議。");
    assert_eq!(d.meetings.len(), 1);
    let m = &d.meetings[0];
    assert_eq!(m.name.as_deref(), Some("村“兩委”擴大會議"));
    // A village (or a community) holds it: no level of its own.
    assert_eq!(m.body.as_deref(), Some("柳塘村"));
    assert_eq!(m.level, None);
    let d = doc("4月10日,江灣街道青杉社區召開社區“兩委”聯席會議。");
    assert_eq!(d.meetings[0].body.as_deref(), Some("青杉社區"));
    assert_eq!(d.meetings[0].level, None);
    // A quoted slogan after the verb is no part of a name.
    let d = doc("4月10日,江灣街道召開會議,部署“雙減”工作。");
    assert_eq!(d.meetings[0].name.as_deref(), Some("會議"));
}

#[test]
fn items_after_a_colon_stand_apart_from_their_heading() {
    // Full-width markers after a narrative lead: items at the top level.
    let d = doc("6月8日,東灣縣召開防汛會議。縣長劉長河提出三點要求：（一）全面排查隱患；（二）抓好河塘清淤；（三）落實值班制度。");
    let ds = &d.meetings[0].directives;
    let texts: Vec<&str> = ds.iter().map(|x| x.text.as_str()).collect();
    assert_eq!(texts, ["（一）全面排查隱患；", "（二）抓好河塘清淤；", "（三）落實值班制度。"]);
    // After a directive heading in the same sentence: the heading heads them.
    let d = doc("6月8日,東灣縣召開防汛會議。縣長劉長河強調,要抓好三項工作：第一，壓實責任；第二，加強巡查；第三，做好儲備。");
    let ds = &d.meetings[0].directives;
    assert_eq!(ds.len(), 1, "{ds:?}");
    assert_eq!(ds[0].text, "要抓好三項工作：");
    assert_eq!(ds[0].items.len(), 3);
    assert_eq!(ds[0].items[0].text, "第一，壓實責任；");
}

#[test]
fn items_without_a_trigger_word_count() {
    let d = doc("7月3日,雲嶺縣召開安全生產工作會議。會議強調,各地要從三個方面發力。其一,壓實企業主體責任。其二,開展隱患排查。其三,做好應急值守。");
    let ds = &d.meetings[0].directives;
    assert_eq!(ds.len(), 1, "{ds:?}");
    let items: Vec<&str> = ds[0].items.iter().map(|x| x.text.as_str()).collect();
    assert_eq!(items, ["其一,壓實企業主體責任。", "其二,開展隱患排查。", "其三,做好應急值守。"]);
    let d = doc("7月3日,雲嶺縣召開安全生產工作會議。會議要求,①壓實責任;②排查隱患;③做好值守。");
    assert_eq!(d.meetings[0].directives.len(), 3);
}

#[test]
fn a_light_verb_and_a_speech_object_make_a_speaker() {
    let d = doc("7月3日上午,雲嶺縣召開安全生產工作會議。縣長趙啟明對下一階段工作作了具體安排。他表示,各鄉鎮要立即開展隱患排查。副縣長錢立新提出四點要求。她表示,要嚴格落實值班制度。");
    let m = &d.meetings[0];
    let speakers: Vec<&str> = m.speakers.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(speakers, ["趙啟明", "錢立新"]);
    let by: Vec<&str> = m.directives.iter().map(|x| x.speaker.as_str()).collect();
    assert_eq!(by, ["趙啟明", "錢立新"]);
    // 工作安排 is no 作…安排.
    let d = doc("7月3日上午,雲嶺縣召開會議。縣長趙啟明主持會議。局長孫平就工作安排情況參加討論。");
    assert!(d.meetings[0].speakers.iter().all(|p| p.name != "孫平"));
}

#[test]
fn compound_surnames_in_lists_are_kept() {
    let d = doc("7月3日,雲嶺縣召開會議。歐陽明、慕容清、司馬遠等村幹部,部分黨員代表參加會議。縣委常委上官立、申屠浩然,副縣長錢立新列席會議。參加會議的還有端木晴、公孫明。");
    let names: Vec<&str> = d.meetings[0].attendees.iter().map(|p| p.name.as_str()).collect();
    assert_eq!(names, ["歐陽明", "慕容清", "司馬遠", "上官立", "申屠浩然", "錢立新", "端木晴", "公孫明"]);
}

#[test]
fn a_word_holding_a_trigger_need_not_instruct() {
    let d = doc("5月20日下午,青潭縣召開常務會議。縣長尉遲峰指出,供水保障是民生工程,容不得半點閃失。要加快水廠建設。");
    let texts: Vec<&str> = d.meetings[0].directives.iter().map(|x| x.text.as_str()).collect();
    assert_eq!(texts, ["要加快水廠建設。"]);
}

#[test]
fn a_broad_verb_reports_a_meeting_only_with_the_name_after_it() {
    let d = doc("2023年12月,白沙鎮黨委理論學習中心組開展第十次集體學習。鎮黨委書記谷梁輝主持。");
    assert_eq!(d.meetings.len(), 1);
    assert_eq!(d.meetings[0].name.as_deref(), Some("第十次集體學習"));
    let d = doc("2023年12月,白沙鎮召開黨委會議。中心組成員會前圍繞學習專題開展了自學。");
    assert_eq!(d.meetings.len(), 1);
}

#[test]
fn word_markers_make_a_sequence_even_without_triggers() {
    let d = doc("5月6日,青川縣召開推進會。縣委副書記令狐沖對下階段工作進行了安排部署。他要求,首先,壓實責任;其次,加強巡查;最後,做好儲備。");
    let texts: Vec<&str> = d.meetings[0].directives.iter().map(|x| x.text.as_str()).collect();
    assert_eq!(texts, ["首先,壓實責任;", "其次,加強巡查;", "最後,做好儲備。"]);
    // 最後 alone opens nothing.
    let d = doc("5月6日,青川縣召開推進會。最後,會議審議了有關事項。");
    assert!(d.meetings[0].directives.is_empty());
}

#[test]
fn a_meeting_kind_goes_on_into_hui_yi() {
    // The longest kind starting at 總 is 總結會; 議 still belongs to the name.
    let d = doc("5月6日,青川縣召開“不忘初心、牢記使命”主題教育總結會議。縣長趙啟明介紹了有關情況。他強調,要鞏固好教育成果。");
    assert_eq!(d.meetings.len(), 1);
    let m = &d.meetings[0];
    assert_eq!(m.name.as_deref(), Some("“不忘初心、牢記使命”主題教育總結會議"));
    // The pronoun goes to the subject of the sentence before.
    assert_eq!(m.directives[0].speaker, "趙啟明");
}

#[test]
fn the_last_item_stops_before_an_attendance_line() {
    let d = doc("5月6日上午,青川縣召開防汛工作會議。會議要求:1、壓實防汛責任;2、加強巡查值守;3、做好物資儲備。縣領導歐陽明華、慕容清出席會議。");
    let m = &d.meetings[0];
    assert_eq!(m.directives.last().map(|x| x.text.as_str()), Some("3、做好物資儲備。"));
    assert_eq!(m.attendees.len(), 2);
}

#[test]
fn a_colon_heading_with_an_action_verb_heads_its_items() {
    let d = doc("5月6日,青川縣召開推進會。縣長王強強調,壓實屬地責任,重點抓好以下幾項工作:一是排查隱患;二是整改銷號。");
    let ds = &d.meetings[0].directives;
    assert_eq!(ds.len(), 1, "{ds:?}");
    assert_eq!(ds[0].text, "壓實屬地責任,重點抓好以下幾項工作:");
    assert_eq!(ds[0].items.len(), 2);
    // A lead that only names the topic heads nothing.
    let d = doc("5月6日,青川縣召開推進會。就做好下一階段工作,縣長王強強調:一是排查隱患;二是整改銷號。");
    assert_eq!(d.meetings[0].directives.len(), 2);
}

#[test]
fn a_phrase_ending_in_a_level_suffix_need_not_be_a_place() {
    let d = doc("來源:松陽縣委辦\n4月2日下午,縣委書記公孫啟主持召開縣委全面依法治縣委員會第二次會議。");
    assert_eq!(d.meetings[0].body.as_deref(), Some("松陽縣"));
}

#[test]
fn a_day_alone_takes_the_publication_month_or_the_one_before() {
    let d = doc("發布時間:2023-05-30\n28日上午,寧遠縣召開黨委(擴大)會議。縣長王強強調,要抓好落實。");
    assert_eq!(d.meetings[0].date.as_deref(), Some("2023-05-28"));
    assert_eq!(d.meetings[0].time_of_day, Some(readout::model::TimeOfDay::Morning));
    let d = doc("發布時間:2023-05-02\n30日,寧遠縣召開防汛工作會議。縣長王強強調,要在30日內完成排查。");
    assert_eq!(d.meetings[0].date.as_deref(), Some("2023-04-30"));
    // A span of days is no date.
    let d = doc("發布時間:2023-05-02\n寧遠縣召開防汛工作會議,要求30日內完成排查。");
    assert_eq!(d.meetings[0].date, None);
}

#[test]
fn a_sumu_is_a_township() {
    let d = doc("發布時間:2023-05-30\n5月28日,巴音蘇木召開嘎查“兩委”班子會議。");
    assert_eq!(d.meetings[0].level, Some(readout::model::Level::Township));
}

#[test]
fn a_title_after_hui_yi_you_holds_only_the_title() {
    let d = doc("5月28日,寧遠縣召開防汛會議。會議由副縣長李明主持。縣委書記王強出席會議並講話。他強調,要抓好落實。");
    let m = &d.meetings[0];
    let chair = m.chair.as_ref().expect("a chair");
    assert_eq!((chair.name.as_str(), chair.title.as_deref()), ("李明", Some("副縣長")));
    assert_eq!(m.directives[0].speaker, "王強");
}

#[test]
fn lists_with_commas_conjunctions_and_openings_attend() {
    let names = |text: &str| -> Vec<String> {
        doc(text).meetings[0].attendees.iter().map(|p| p.name.clone()).collect()
    };
    assert_eq!(names("5月28日,寧遠縣召開防汛會議。縣領導歐陽明,慕容清,司馬遠出席會議。"), ["歐陽明", "慕容清", "司馬遠"]);
    let d = doc("5月28日,寧遠縣召開防汛會議。縣委副書記歐陽明華和副縣長慕容清出席會議。");
    let got: Vec<(&str, Option<&str>)> =
        d.meetings[0].attendees.iter().map(|p| (p.name.as_str(), p.title.as_deref())).collect();
    assert_eq!(got, [("歐陽明華", Some("縣委副書記")), ("慕容清", Some("副縣長"))]);
    assert_eq!(names("5月28日,寧遠縣召開防汛會議。出席會議的縣領導有:歐陽明、慕容清、司馬遠。"), ["歐陽明", "慕容清", "司馬遠"]);
    // A comma before a title or a clause ends the list.
    assert_eq!(names("5月28日,寧遠縣召開防汛會議。縣領導歐陽明,副縣長慕容清出席會議。"), ["歐陽明", "慕容清"]);
}

#[test]
fn a_title_after_a_name_does_not_hide_the_name() {
    let d = doc("5月28日,寧遠縣召開防汛會議。歐陽明書記主持會議並講話。歐陽明書記強調,要抓好落實。");
    let m = &d.meetings[0];
    assert_eq!(m.chair.as_ref().map(|c| c.name.as_str()), Some("歐陽明"));
    assert_eq!(m.directives[0].speaker, "歐陽明");
}
