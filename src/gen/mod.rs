//! Synthetic meeting reports for benchmarks and load tests (`readout gen`,
//! feature `cli`).
//!
//! Every report is composed from the templates below and the lexicons in
//! `src/gen/data/` (fictional places and people): a lead (date, time of day,
//! body, meeting name, chair), attendance, one or more speaker or `会议`
//! passages with directives in one of the enumeration styles, assessments
//! and narrative, and a byline. Then the noise real pages carry is laid on in
//! roughly the proportions the seeds and fixtures show: Traditional script,
//! pinyin readings, GBK misalignment runs, doubled punctuation, page
//! furniture, duplicated bodies, truncation, HTML pages, and GBK or Big5
//! encoded files.
//!
//! Report `i` of seed `s` depends only on `(s, i)`: the same seed always
//! gives byte-identical files, and any report can be made alone.

use chrono::{Datelike, Days, NaiveDate};
use encoding_rs::{BIG5, GBK};
use std::collections::HashMap;
use std::io;
use std::path::Path;
use std::sync::OnceLock;

/// A deterministic generator (SplitMix64): small, fast, no dependency.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Self {
        Self(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (0 when `n` is 0).
    pub fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (((self.next_u64() >> 32) * n as u64) >> 32) as usize
        }
    }

    /// A number in `lo..=hi`.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi.saturating_sub(lo) + 1)
    }

    /// True with probability `p`.
    pub fn chance(&mut self, p: f64) -> bool {
        ((self.next_u64() >> 11) as f64 / (1u64 << 53) as f64) < p
    }

    pub fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }

    /// Picks one of a list of words.
    pub fn word(&mut self, xs: &[&'static str]) -> &'static str {
        xs[self.below(xs.len())]
    }

    /// Picks by weight; the weights need not sum to anything in particular.
    pub fn weighted<T: Copy>(&mut self, xs: &[(T, u32)]) -> T {
        let total: u32 = xs.iter().map(|x| x.1).sum();
        let mut r = self.below(total as usize) as u32;
        for &(x, w) in xs {
            if r < w {
                return x;
            }
            r -= w;
        }
        xs[xs.len() - 1].0
    }

    /// Earlier entries are drawn more often (a rough Zipf shape).
    fn skewed<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        let a = self.below(xs.len());
        let b = self.below(xs.len());
        &xs[a.min(b)]
    }
}

/// Mixes a seed and an index into the seed of one report.
fn report_seed(seed: u64, index: u64) -> u64 {
    let mut r = Rng::new(seed ^ index.wrapping_mul(0xD1B5_4A32_D192_ED03));
    r.next_u64()
}

// ---------------------------------------------------------------------------
// Lexicons

struct Lex {
    places: Vec<&'static str>,
    surnames: Vec<&'static str>,
    given: Vec<&'static str>,
    topics: Vec<&'static str>,
    phrases: Vec<&'static str>,
    assessments: Vec<&'static str>,
    narrative: Vec<&'static str>,
    outlets: Vec<&'static str>,
    furniture: Vec<&'static str>,
    notices: Vec<&'static str>,
    /// Simplified to Traditional, one character to one.
    s2t: HashMap<char, char>,
    /// Traditional back to Simplified (for reading lookups).
    t2s: HashMap<char, char>,
    /// A tone-marked reading per Simplified character.
    readings: HashMap<char, &'static str>,
}

/// Non-empty, non-comment lines.
fn lines(src: &'static str) -> Vec<&'static str> {
    src.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')).collect()
}

/// Whitespace-separated words of the non-comment lines.
fn words(src: &'static str) -> Vec<&'static str> {
    lines(src).into_iter().flat_map(str::split_whitespace).collect()
}

fn lex() -> &'static Lex {
    static LEX: OnceLock<Lex> = OnceLock::new();
    LEX.get_or_init(|| {
        let mut s2t = HashMap::new();
        let mut t2s = HashMap::new();
        for pair in words(include_str!("data/s2t.txt")) {
            let mut cs = pair.chars();
            if let (Some(s), Some(t)) = (cs.next(), cs.next()) {
                s2t.insert(s, t);
                t2s.insert(t, s);
            }
        }
        let mut readings = HashMap::new();
        for l in lines(include_str!("data/readings.txt")) {
            if let Some((c, r)) = l.split_once('\t') {
                if let Some(c) = c.chars().next() {
                    readings.insert(c, r);
                }
            }
        }
        Lex {
            places: words(include_str!("data/places.txt")),
            surnames: words(include_str!("data/surnames.txt")),
            given: words(include_str!("data/given.txt")),
            topics: lines(include_str!("data/topics.txt")),
            phrases: lines(include_str!("data/phrases.txt")),
            assessments: lines(include_str!("data/assessments.txt")),
            narrative: lines(include_str!("data/narrative.txt")),
            outlets: lines(include_str!("data/outlets.txt")),
            furniture: lines(include_str!("data/furniture.txt")),
            notices: lines(include_str!("data/notices.txt")),
            s2t,
            t2s,
            readings,
        }
    })
}

// ---------------------------------------------------------------------------
// What a report is made of

/// The administrative level of the meeting's body.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Level {
    National,
    Province,
    City,
    County,
    District,
    Township,
}

/// How the meeting's date is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum DateForm {
    /// `2023年3月15日`
    Explicit,
    /// `3月15日`, year from the publication date
    Published,
    /// `二〇二三年三月十五日` or `三月十五日`
    ChineseNumerals,
    /// `２０２２年３月５日`
    FullWidth,
    /// `昨日`, `前天`, `本周一`…
    Relative,
    /// `近日`, `日前`
    Vague,
    /// `2024年1月`
    MonthOnly,
    /// no date at all
    None,
}

/// How a passage lists its directives.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum EnumStyle {
    /// plain `要…` sentences and `;`-clauses
    Plain,
    /// `一是…二是…`
    YiShi,
    /// `一要…二要…`
    YiYao,
    /// `第一,…第二,…`
    DiYi,
    /// `(一)…(二)…` on their own lines
    Paren,
    /// `1.…2.…`
    Arabic,
    /// `首先…其次…最后…`
    ShouXian,
    /// `“四个到位”:…到位,…到位`
    NamedList,
    /// `认识要再深化。要…`
    Headline,
}

/// What went into one report: for tests and the summary line.
#[derive(Clone, Debug)]
pub struct Traits {
    pub level: Level,
    pub date_form: DateForm,
    pub enum_style: EnumStyle,
    /// Meetings written (0 for a notice).
    pub meetings: usize,
    pub traditional: bool,
    pub pinyin: bool,
    pub mojibake: bool,
    pub doubled_punct: bool,
    pub boilerplate: bool,
    pub duplicated: bool,
    pub truncated: bool,
    pub html: bool,
    /// `UTF-8`, `GBK` or `Big5`.
    pub encoding: &'static str,
}

/// One generated file.
#[derive(Clone, Debug)]
pub struct Report {
    pub name: String,
    pub bytes: Vec<u8>,
    pub traits: Traits,
}

/// Report `index` of the corpus of `seed`.
pub fn report(seed: u64, index: usize) -> Report {
    let mut rng = Rng::new(report_seed(seed, index as u64));
    let (text, mut traits) = compose(&mut rng);
    let ext = if traits.html { "html" } else { "txt" };
    let name = format!("{index:06}_{:016x}.{ext}", rng.next_u64());
    let bytes = encode(&mut rng, text, &mut traits);
    Report { name, bytes, traits }
}

/// The first `n` reports of `seed`.
pub fn generate(n: usize, seed: u64) -> impl Iterator<Item = Report> {
    (0..n).map(move |i| report(seed, i))
}

/// Reports of `seed`, in order, until they hold at least `min_bytes`.
pub fn corpus(min_bytes: usize, seed: u64) -> Vec<Report> {
    let mut out = Vec::new();
    let mut total = 0;
    let mut i = 0;
    while total < min_bytes {
        let r = report(seed, i);
        total += r.bytes.len();
        out.push(r);
        i += 1;
    }
    out
}

/// Counts of each trait over a corpus, as one line per trait.
#[derive(Default, Debug)]
pub struct Summary {
    pub docs: usize,
    pub bytes: usize,
    counts: std::collections::BTreeMap<String, usize>,
}

impl Summary {
    pub fn add(&mut self, r: &Report) {
        self.docs += 1;
        self.bytes += r.bytes.len();
        let t = &r.traits;
        let mut keys = vec![
            format!("level {:?}", t.level),
            format!("date {:?}", t.date_form),
            format!("enumeration {:?}", t.enum_style),
            format!("encoding {}", t.encoding),
            format!("meetings {}", t.meetings),
        ];
        for (on, k) in [
            (t.traditional, "Traditional"),
            (t.pinyin, "pinyin readings"),
            (t.mojibake, "GBK mojibake"),
            (t.doubled_punct, "doubled punctuation"),
            (t.boilerplate, "boilerplate"),
            (t.duplicated, "duplicated body"),
            (t.truncated, "truncated"),
            (t.html, "HTML"),
        ] {
            if on {
                keys.push(format!("noise {k}"));
            }
        }
        for k in keys {
            *self.counts.entry(k).or_default() += 1;
        }
    }

    pub fn count(&self, key: &str) -> usize {
        self.counts.get(key).copied().unwrap_or(0)
    }
}

impl std::fmt::Display for Summary {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "{} reports, {} bytes", self.docs, self.bytes)?;
        for (k, v) in &self.counts {
            writeln!(f, "  {k:<28} {v:>7} ({:.1}%)", 100.0 * *v as f64 / self.docs.max(1) as f64)?;
        }
        Ok(())
    }
}

/// Writes the first `n` reports of `seed` into `dir` (created if needed).
pub fn write_dir(dir: &Path, n: usize, seed: u64) -> io::Result<Summary> {
    std::fs::create_dir_all(dir)?;
    let mut summary = Summary::default();
    for r in generate(n, seed) {
        std::fs::write(dir.join(&r.name), &r.bytes)?;
        summary.add(&r);
    }
    Ok(summary)
}

// ---------------------------------------------------------------------------
// Composition

const CN_DIGITS: [&str; 11] = ["〇", "一", "二", "三", "四", "五", "六", "七", "八", "九", "十"];

/// 1..=99 in Chinese numerals (`十二`, `二十`, `四十五`).
fn cn_number(n: usize) -> String {
    match n {
        0..=10 => CN_DIGITS[n].to_owned(),
        11..=19 => format!("十{}", CN_DIGITS[n - 10]),
        _ => {
            let (t, u) = (n / 10 % 10, n % 10);
            format!("{}十{}", CN_DIGITS[t], if u > 0 { CN_DIGITS[u] } else { "" })
        }
    }
}

/// A year digit by digit (`二〇二三`).
fn cn_year(y: i32) -> String {
    y.to_string().chars().map(|c| CN_DIGITS[c.to_digit(10).unwrap_or(0) as usize]).collect()
}

fn full_width_digits(s: &str) -> String {
    s.chars().map(|c| if c.is_ascii_digit() { char::from_u32(c as u32 + 0xFEE0).unwrap_or(c) } else { c }).collect()
}

const WEEKDAYS: [&str; 7] = ["一", "二", "三", "四", "五", "六", "日"];

/// The place, its suffix character and how offices are named at a level.
struct Body {
    level: Level,
    /// `清河县`, `国务院`
    place: String,
    /// `县`; `镇`/`乡`/`街道` for townships; empty for national.
    s: &'static str,
}

impl Body {
    /// A title at this level: 0 = top Party office, 1 = head of government,
    /// 2 = deputy head, 3 = standing deputy, 4 = two-part title.
    fn title(&self, rank: usize) -> String {
        let s = self.s;
        match (self.level, s, rank) {
            (Level::Township, "街道", 0) => "街道党工委书记".into(),
            (Level::Township, "街道", 1) => "街道办事处主任".into(),
            (Level::Township, "街道", _) => "街道办事处副主任".into(),
            (Level::Township, _, 0) => format!("{s}党委书记"),
            (Level::Township, _, 1) => format!("{s}长"),
            (Level::Township, _, _) => format!("副{s}长"),
            (_, _, 0) => format!("{s}委书记"),
            (_, _, 1) => format!("{s}委副书记、{s}长"),
            (_, _, 2) => format!("副{s}长"),
            (_, _, 3) => format!("{s}委常委、常务副{s}长"),
            _ => format!("{s}委常委、秘书长"),
        }
    }

    /// `区领导`, `县领导`…
    fn leaders(&self) -> String {
        match self.level {
            Level::Township => "班子成员".into(),
            Level::National => "有关部门负责同志".into(),
            _ => format!("{}领导", self.s),
        }
    }
}

fn place_name(rng: &mut Rng) -> String {
    let l = lex();
    let a = rng.word(&l.places);
    let mut b = rng.word(&l.places);
    while b == a {
        b = rng.word(&l.places);
    }
    format!("{a}{b}")
}

fn person(rng: &mut Rng) -> String {
    let l = lex();
    let mut n = (*rng.skewed(&l.surnames)).to_owned();
    n.push_str(rng.word(&l.given));
    if rng.chance(0.65) {
        n.push_str(rng.word(&l.given));
    }
    n
}

fn fill(t: &str, body: &Body, topic: &str) -> String {
    t.replace("{p}", &body.place).replace("{s}", if body.s.is_empty() { "国" } else { body.s }).replace("{t}", topic)
}

/// A directive sentence (without its final mark).
fn directive(rng: &mut Rng) -> String {
    let p = rng.word(&lex().phrases);
    let lead = rng.weighted(&[("要", 40), ("要切实", 8), ("要进一步", 8), ("必须", 8), ("务必", 4), ("要坚决", 4), ("", 10)]);
    format!("{lead}{p}")
}

const INTRO_VERBS: [&str; 7] = ["强调", "指出", "要求", "在讲话中指出", "表示", "在讲话中强调", "提出明确要求"];

const HEADLINES: [&str; 8] = [
    "认识要再深化",
    "排查要再彻底",
    "措施要再精准",
    "责任要再压实",
    "服务要再优化",
    "项目推进要再提速",
    "要素保障要再加力",
    "作风要再转变",
];

/// (the word the members share, before or after them, members)
const NAMED_LISTS: [(&str, bool, &[&str]); 4] = [
    ("到位", false, &["责任落实", "措施执行", "物资保障", "宣传引导", "督导检查"]),
    ("不放松", false, &["属地责任", "排查管控", "值班值守", "应急准备", "隐患整改"]),
    ("坚持", true, &["人民至上", "问题导向", "系统观念", "底线思维", "实干为要"]),
    ("确保", true, &["责任到人", "措施到位", "问题清零", "群众满意", "安全稳定"]),
];

/// The directives of one passage, in one enumeration style.
fn passage_body(rng: &mut Rng, style: EnumStyle, out: &mut String) {
    let k = rng.range(3, 6);
    match style {
        EnumStyle::Plain => {
            for i in 0..rng.range(3, 6) {
                out.push_str(&directive(rng));
                out.push_str(if i % 2 == 0 && rng.chance(0.5) { ";" } else { "。" });
            }
            if out.ends_with(';') {
                out.pop();
                out.push('。');
            }
        }
        EnumStyle::YiShi | EnumStyle::YiYao | EnumStyle::DiYi | EnumStyle::ShouXian => {
            if rng.chance(0.5) {
                out.push_str(&directive(rng));
                out.push_str(",重点抓好以下几项工作:");
            }
            for i in 0..k {
                let marker = match style {
                    EnumStyle::YiShi => format!("{}是", cn_number(i + 1)),
                    EnumStyle::YiYao => format!("{}要", cn_number(i + 1)),
                    EnumStyle::DiYi => format!("第{},要", cn_number(i + 1)),
                    _ => match i {
                        0 => "首先,要".to_owned(),
                        _ if i + 1 == k => "最后,要".to_owned(),
                        _ => "其次,要".to_owned(),
                    },
                };
                out.push_str(&marker);
                out.push_str(rng.word(&lex().phrases));
                out.push_str(if style == EnumStyle::YiYao && i + 1 < k { ";" } else { "。" });
            }
        }
        EnumStyle::Paren | EnumStyle::Arabic => {
            out.push_str(&directive(rng));
            out.push('。');
            for i in 0..k {
                out.push('\n');
                if style == EnumStyle::Paren {
                    out.push_str(&format!("({})", cn_number(i + 1)));
                } else {
                    out.push_str(&format!("{}.", i + 1));
                }
                out.push_str(rng.word(&lex().phrases));
                out.push('。');
                if rng.chance(0.3) {
                    out.push_str(&directive(rng));
                    out.push('。');
                }
            }
        }
        EnumStyle::NamedList => {
            let (word, before, members) = *rng.pick(&NAMED_LISTS);
            let n = k.min(members.len());
            let start = rng.below(members.len() - n + 1);
            out.push_str(&format!("要做到“{}个{word}”:", cn_number(n)));
            for (i, m) in members[start..start + n].iter().enumerate() {
                if before {
                    out.push_str(&format!("{word}{m}"));
                } else {
                    out.push_str(&format!("{m}{word}"));
                }
                out.push(if i + 1 < n { ',' } else { '。' });
            }
        }
        EnumStyle::Headline => {
            let start = rng.below(HEADLINES.len() - 2);
            for h in &HEADLINES[start..start + rng.range(2, 3).min(HEADLINES.len() - start)] {
                out.push_str(h);
                out.push('。');
                for _ in 0..rng.range(1, 2) {
                    out.push('要');
                    out.push_str(rng.word(&lex().phrases));
                    out.push('。');
                }
            }
        }
    }
}

/// The meeting's date as written, and whether a publication date must be
/// on the page for it to be resolved.
fn date_text(rng: &mut Rng, form: DateForm, meeting: NaiveDate, published: NaiveDate) -> (String, bool) {
    let (y, m, d) = (meeting.year(), meeting.month(), meeting.day());
    match form {
        DateForm::Explicit => (format!("{y}年{m}月{d}日"), false),
        DateForm::Published => (format!("{m}月{d}日"), true),
        DateForm::ChineseNumerals => {
            if rng.chance(0.5) {
                (format!("{}年{}月{}日", cn_year(y), cn_number(m as usize), cn_number(d as usize)), false)
            } else {
                (format!("{}月{}日", cn_number(m as usize), cn_number(d as usize)), true)
            }
        }
        DateForm::FullWidth => (full_width_digits(&format!("{y}年{m}月{d}日")), false),
        DateForm::Relative => {
            let back = (published - meeting).num_days();
            let t = match back {
                0 => rng.pick(&["今天", "今日"]).to_string(),
                1 => rng.pick(&["昨日", "昨天"]).to_string(),
                2 => "前天".to_string(),
                _ => {
                    let wd = meeting.weekday().num_days_from_monday() as usize;
                    let same_week = published.weekday().num_days_from_monday() as i64 >= back;
                    format!("{}周{}", if same_week { "本" } else { "上" }, WEEKDAYS[wd])
                }
            };
            (t, true)
        }
        DateForm::Vague => (rng.pick(&["近日", "日前"]).to_string(), true),
        DateForm::MonthOnly => (format!("{y}年{m}月"), false),
        DateForm::None => (String::new(), false),
    }
}

/// Composes one report's text (Simplified, then converted as its traits say).
fn compose(rng: &mut Rng) -> (String, Traits) {
    let l = lex();
    let level = rng.weighted(&[
        (Level::National, 3),
        (Level::Province, 12),
        (Level::City, 25),
        (Level::County, 28),
        (Level::District, 20),
        (Level::Township, 12),
    ]);
    let body = match level {
        Level::National => Body { level, place: "国务院".into(), s: "" },
        _ => {
            let s = match level {
                Level::Province => "省",
                Level::City => "市",
                Level::County => "县",
                Level::District => "区",
                _ => rng.weighted(&[("镇", 5), ("乡", 3), ("街道", 2)]),
            };
            Body { level, place: format!("{}{s}", place_name(rng)), s }
        }
    };
    let topic = rng.word(&l.topics);
    let has_meeting = !rng.chance(0.04);
    let published = NaiveDate::from_ymd_opt(rng.range(2019, 2024) as i32, rng.range(1, 12) as u32, rng.range(1, 28) as u32)
        .unwrap_or_default();
    let meeting_date = published.checked_sub_days(Days::new(rng.below(6) as u64)).unwrap_or(published);
    let date_form = rng.weighted(&[
        (DateForm::Explicit, 25),
        (DateForm::Published, 30),
        (DateForm::ChineseNumerals, 6),
        (DateForm::FullWidth, 3),
        (DateForm::Relative, 18),
        (DateForm::Vague, 8),
        (DateForm::MonthOnly, 3),
        (DateForm::None, 7),
    ]);
    let enum_style = rng.weighted(&[
        (EnumStyle::Plain, 30),
        (EnumStyle::YiShi, 15),
        (EnumStyle::YiYao, 10),
        (EnumStyle::DiYi, 6),
        (EnumStyle::Paren, 6),
        (EnumStyle::Arabic, 6),
        (EnumStyle::ShouXian, 4),
        (EnumStyle::NamedList, 10),
        (EnumStyle::Headline, 8),
    ]);
    let outlet = fill(rng.word(&l.outlets), &body, topic).replace("国务院", "新华");
    let (date, needs_published) = date_text(rng, date_form, meeting_date, published);
    let tod = rng.weighted(&[("", 40), ("上午", 28), ("下午", 22), ("晚", 4), ("晚上", 3), ("傍晚", 3)]);
    let tod = if date.is_empty() || date_form == DateForm::Vague || date_form == DateForm::MonthOnly { "" } else { tod };

    let mut paras: Vec<String> = Vec::new();
    let mut meetings = 0;
    let chair = person(rng);
    let reporter = person(rng);
    let headline;
    if has_meeting {
        let ctx = MeetingCtx { body: &body, topic, chair: &chair, date: &date, tod, style: enum_style };
        headline = meeting(rng, &ctx, &mut paras);
        meetings = 1;
        if rng.chance(0.12) && level != Level::National {
            let later = *rng.pick(&["同日下午", "当天下午", "当日下午", "随后"]);
            let ctx = MeetingCtx { date: later, tod: "", topic: rng.word(&l.topics), ..ctx };
            meeting(rng, &ctx, &mut paras);
            meetings += 1;
        }
    } else {
        headline = format!("{}关于加强{topic}工作的通告", body.place);
        for n in &l.notices {
            paras.push(fill(n, &body, topic));
        }
        if !date.is_empty() {
            paras.push(format!("{}年{}月{}日", published.year(), published.month(), published.day()));
        }
    }

    // Noise and furniture, in the order a scraped page would show them.
    let truncated = rng.chance(0.03) && paras.len() > 2;
    if truncated {
        let last = paras.last_mut().expect("paragraphs");
        let cut = last.char_indices().nth(last.chars().count() * 2 / 3).map_or(last.len(), |(i, _)| i);
        last.truncate(cut);
    }
    let duplicated = rng.chance(0.05);
    if duplicated {
        if rng.chance(0.5) {
            let copy = paras.clone();
            paras.extend(copy);
        } else {
            let i = rng.below(paras.len());
            let p = paras[i].clone();
            paras.insert(i + 1, p);
        }
    }
    let boilerplate = rng.chance(0.45);
    let pub_line = format!("{:04}-{:02}-{:02}", published.year(), published.month(), published.day());
    // Lines of `furniture.txt` by position: 0-2 breadcrumbs, 3-6 datelines,
    // 7-8 font-size chrome, 9.. footer chrome, 14 a photo caption.
    let furniture = |rng: &mut Rng, lo: usize, n: usize| -> String {
        let f = &l.furniture;
        let t = f[(lo + rng.below(n)).min(f.len() - 1)];
        fill(t, &body, topic)
            .replace("{o}", &outlet)
            .replace("{d}", &pub_line)
            .replace("{h}", &format!("{:02}:{:02}", rng.range(7, 21), rng.below(60)))
            .replace("{n}", &rng.range(100, 99999).to_string())
            .replace("{name}", &person(rng))
            .replace("{title}", &format!("{}召开{}工作会议", place_name(rng), rng.word(&l.topics)))
    };
    let mut top: Vec<String> = Vec::new();
    let mut bottom: Vec<String> = Vec::new();
    if boilerplate {
        if rng.chance(0.6) {
            top.push(furniture(rng, 0, 3));
        }
        if rng.chance(0.5) {
            top.push(headline.clone());
        }
        top.push(furniture(rng, 3, 4));
        if rng.chance(0.4) {
            top.push(furniture(rng, 7, 2));
        }
        if rng.chance(0.2) && paras.len() > 1 {
            let at = rng.range(1, paras.len() - 1);
            paras.insert(at, furniture(rng, 14, 1));
        }
        for _ in 0..rng.range(1, 4) {
            bottom.push(furniture(rng, 9, l.furniture.len() - 9));
        }
    } else {
        if rng.chance(0.6) {
            top.push(headline.clone());
        }
        if needs_published {
            // The date has to be resolvable: a dateline somewhere.
            let line = if rng.chance(0.5) {
                format!("来源:{outlet} {pub_line}")
            } else {
                format!("{}年{:02}月{:02}日", published.year(), published.month(), published.day())
            };
            if rng.chance(0.6) {
                top.push(line);
            } else {
                bottom.push(line);
            }
        }
    }
    if meetings > 0 {
        let byline = match rng.below(5) {
            0 => format!("(记者 {reporter})"),
            1 => format!("(记者 {reporter} 通讯员 {})", person(rng)),
            2 => format!("({reporter} {})", person(rng)),
            3 => format!("(作者:{}政府办)", body.place),
            _ => String::new(),
        };
        if !byline.is_empty() {
            if let Some(p) = paras.last_mut() {
                if truncated {
                    p.push('\n');
                }
                p.push_str(&byline);
            }
        }
    }
    let mut text = String::with_capacity(4096);
    for line in top.iter().chain(&paras).chain(&bottom) {
        text.push_str(line);
        text.push('\n');
    }

    // Punctuation style: half-width `,;:()` as in the seeds, or full-width,
    // or half-width throughout.
    let style = rng.weighted(&[(0u8, 70), (1, 25), (2, 5)]);
    if style == 1 {
        text = text.replace(',', "，").replace(';', "；").replace(':', "：").replace('(', "（").replace(')', "）");
    } else if style == 2 {
        text = text.replace('。', ". ").replace(['“', '”'], "\"");
    }
    let doubled_punct = rng.chance(0.15);
    if doubled_punct {
        text = double_punct(rng, &text);
    }
    let traditional = rng.chance(0.30);
    if traditional {
        text = text.chars().map(|c| l.s2t.get(&c).copied().unwrap_or(c)).collect();
    }
    let pinyin = rng.chance(if traditional { 0.25 } else { 0.05 });
    if pinyin {
        text = add_pinyin(rng, &text);
    }
    let mojibake = rng.chance(0.06);
    if mojibake {
        text = add_mojibake(rng, &text);
    }
    let html = rng.chance(0.05);
    let traits = Traits {
        level,
        date_form,
        enum_style,
        meetings,
        traditional,
        pinyin,
        mojibake,
        doubled_punct,
        boilerplate,
        duplicated,
        truncated,
        html,
        encoding: "UTF-8",
    };
    (text, traits)
}

struct MeetingCtx<'a> {
    body: &'a Body,
    topic: &'a str,
    chair: &'a str,
    date: &'a str,
    tod: &'a str,
    style: EnumStyle,
}

/// Writes one meeting's paragraphs; returns a headline for it.
fn meeting(rng: &mut Rng, c: &MeetingCtx, paras: &mut Vec<String>) -> String {
    let l = lex();
    let b = c.body;
    let (p, s, t) = (&b.place, b.s, c.topic);
    let name = match b.level {
        Level::National => "国务院常务会议".to_owned(),
        _ => match rng.below(9) {
            0 => format!("{s}委常委会会议"),
            1 => format!("{s}政府第{}次常务会议", rng.range(2, 140)),
            2 => "专题会议".to_owned(),
            3 => format!("全{s}{t}工作会议"),
            4 => format!("{t}工作推进会"),
            5 => format!("{t}工作调度会"),
            6 => format!("{s}政府党组会议"),
            7 => format!("{t}工作领导小组会议"),
            _ => "安全生产委员会全体会议".to_owned(),
        },
    };
    let when = format!("{}{}", c.date, c.tod);
    let purpose = match rng.below(3) {
        0 => format!("传达学习上级有关会议精神,研究部署{t}工作"),
        1 => format!("听取{t}工作情况汇报,研究部署下一步工作"),
        _ => format!("就{t}工作进行再部署、再推进"),
    };
    let chair_title = b.title(if rng.chance(0.7) { 0 } else { 1 });
    // `富湖市` + `市委书记` is written `富湖市委书记`.
    let stem = p.strip_suffix(s).filter(|_| !s.is_empty()).unwrap_or(p);
    let chairs = b.level != Level::National && rng.chance(0.8);
    let sep = if when.is_empty() { "" } else { "," };
    let mut lead = String::new();
    if rng.chance(0.15) {
        lead.push_str(&format!("本报讯(记者 {}){}", person(rng), if when.is_empty() { "" } else { " " }));
    }
    let headline;
    if b.level == Level::National {
        lead.push_str(&format!("{when}{sep}{p}召开常务会议,{purpose}。"));
        headline = format!("国务院召开常务会议 部署{t}工作");
    } else if chairs && rng.chance(0.7) {
        lead.push_str(&format!("{when}{sep}{stem}{chair_title}{}主持召开{name},{purpose}。", c.chair));
        headline = format!("{}主持召开{name}时强调 {}", c.chair, rng.word(&l.phrases));
    } else if chairs {
        lead.push_str(&format!("{when}{sep}{p}召开{name},{purpose}。会议由{chair_title}{}主持。", c.chair));
        headline = format!("{p}召开{name}");
    } else {
        lead.push_str(&format!("{when}{sep}{p}召开{name},{purpose}。"));
        headline = format!("{p}部署{t}工作");
    }
    paras.push(lead);

    // Attendance and speakers.
    let mut speakers: Vec<(String, String)> = Vec::new();
    if chairs && rng.chance(0.7) {
        speakers.push((chair_title.clone(), c.chair.to_owned()));
    }
    if b.level != Level::National {
        let mut att = String::new();
        for _ in 0..rng.range(1, 2) {
            let (title, who) = (b.title(rng.range(1, 4)), person(rng));
            let verb = *rng.pick(&["作工作部署", "通报了有关情况", "出席会议并讲话", "提出具体要求"]);
            att.push_str(&format!("{title}{who}{verb},"));
            speakers.push((title, who));
        }
        let names: Vec<String> = (0..rng.range(2, 6)).map(|_| person(rng)).collect();
        att.push_str(&format!("{}{}参加会议。", b.leaders(), names.join("、")));
        paras.push(att);
    }
    if rng.chance(0.4) {
        paras.push(format!("{}。", fill(rng.word(&l.narrative), b, t)));
    }
    if rng.chance(0.4) {
        paras.push(format!("会议指出,{}。", fill(rng.word(&l.assessments), b, t)));
    }
    if speakers.is_empty() || rng.chance(0.3) {
        let mut para = format!("会议{},", rng.pick(&["要求", "强调"]));
        passage_body(rng, if speakers.is_empty() { c.style } else { EnumStyle::Plain }, &mut para);
        paras.push(para);
    }
    for (i, (_, who)) in speakers.iter().enumerate() {
        let mut para = format!("{who}{},", rng.pick(&INTRO_VERBS));
        if rng.chance(0.3) {
            para.push_str(&fill(rng.word(&l.assessments), b, t));
            para.push('。');
        }
        passage_body(rng, if i == 0 { c.style } else { EnumStyle::Plain }, &mut para);
        paras.push(para);
        if rng.chance(0.5) {
            let mut more = format!("{}还{},", rng.pick(&["他", "她"]), rng.pick(&["强调", "指出"]));
            passage_body(rng, EnumStyle::Plain, &mut more);
            paras.push(more);
        }
    }
    headline
}

// ---------------------------------------------------------------------------
// Noise

/// Doubles or strays some marks: `,,`, `,、`, `。,`.
fn double_punct(rng: &mut Rng, text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 64);
    for c in text.chars() {
        out.push(c);
        if matches!(c, ',' | '，' | '、' | '。') && rng.chance(0.25) {
            out.push(match c {
                '。' => ',',
                '、' => ',',
                _ => *rng.pick(&[c, c, '、', '。']),
            });
        }
    }
    out
}

fn is_han(c: char) -> bool {
    ('\u{4E00}'..='\u{9FFF}').contains(&c)
}

/// Adds tone-marked readings after some characters: `會(huì)議`.
fn add_pinyin(rng: &mut Rng, text: &str) -> String {
    let l = lex();
    let rate = *rng.pick(&[0.05, 0.2, 0.5]);
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        out.push(c);
        if is_han(c) && rng.chance(rate) {
            let simple = l.t2s.get(&c).copied().unwrap_or(c);
            if let Some(r) = l.readings.get(&simple) {
                out.push('(');
                out.push_str(r);
                out.push(')');
            }
        }
    }
    out
}

/// Garbles one to three runs the way a lost GBK byte does: the text is
/// encoded as GBK, one byte is lost (a `?` stands where it was) and the rest
/// is decoded one byte over, until the next ASCII character.
fn add_mojibake(rng: &mut Rng, text: &str) -> String {
    let mut out = text.to_owned();
    for _ in 0..rng.range(1, 3) {
        // Start at a Han character followed by another one.
        let starts: Vec<usize> = out
            .char_indices()
            .zip(out.chars().skip(1))
            .filter(|&((_, a), b)| is_han(a) && is_han(b))
            .map(|((i, _), _)| i)
            .collect();
        if starts.is_empty() {
            break;
        }
        let at = *rng.pick(&starts);
        let rest = &out[at..];
        let max_chars = rng.range(4, 24);
        let end = rest
            .char_indices()
            .find(|&(i, c)| c.is_ascii() || c == '\n' || i >= max_chars * 3)
            .map_or(rest.len(), |(i, _)| i);
        let run = &rest[..end];
        let (bytes, _, unmappable) = GBK.encode(run);
        if unmappable || bytes.len() < 4 {
            continue;
        }
        // Keep the first character, lose one byte.
        let (garbled, _) = GBK.decode_without_bom_handling(&bytes[3..]);
        let first = run.chars().next().unwrap_or('?');
        let garbled: String =
            garbled.chars().map(|c| if c == '\u{FFFD}' || c.is_ascii_control() { '?' } else { c }).collect();
        let replaced = format!("{first}?{garbled}");
        out.replace_range(at..at + end, &replaced);
    }
    out
}

// ---------------------------------------------------------------------------
// Files

/// Wraps the text in HTML when asked, then encodes it: mostly UTF-8, some
/// GBK, some Big5 for Traditional text (when every character fits).
fn encode(rng: &mut Rng, text: String, t: &mut Traits) -> Vec<u8> {
    let want = rng.weighted(&[("UTF-8", 88), ("GBK", 9), ("Big5", if t.traditional { 3 } else { 0 })]);
    let text = if t.html { to_html(&text, want) } else { text };
    let enc = match want {
        "GBK" => GBK,
        "Big5" => BIG5,
        _ => return text.into_bytes(),
    };
    let (bytes, _, unmappable) = enc.encode(&text);
    if unmappable {
        return text.into_bytes();
    }
    t.encoding = want;
    bytes.into_owned()
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

fn to_html(text: &str, charset: &str) -> String {
    let mut lines = text.lines().filter(|l| !l.trim().is_empty());
    let title = lines.next().unwrap_or("");
    let mut h = format!(
        "<!DOCTYPE html>\n<html><head><meta charset=\"{}\"><title>{}</title></head>\n<body><div class=\"article\">\n<h1>{}</h1>\n",
        charset.to_ascii_lowercase(),
        escape(title),
        escape(title)
    );
    for l in lines {
        h.push_str("<p>");
        h.push_str(&escape(l));
        h.push_str("</p>\n");
    }
    h.push_str("</div></body></html>\n");
    h
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numerals() {
        assert_eq!(cn_number(3), "三");
        assert_eq!(cn_number(12), "十二");
        assert_eq!(cn_number(20), "二十");
        assert_eq!(cn_number(45), "四十五");
        assert_eq!(cn_year(2023), "二〇二三");
        assert_eq!(full_width_digits("2022年3月"), "２０２２年３月");
    }

    #[test]
    fn rng_is_deterministic_and_in_range() {
        let mut a = Rng::new(7);
        let mut b = Rng::new(7);
        for _ in 0..1000 {
            let x = a.below(10);
            assert_eq!(x, b.below(10));
            assert!(x < 10);
        }
        assert_eq!(a.below(0), 0);
    }

    #[test]
    fn tables_load() {
        let l = lex();
        assert!(l.s2t.get(&'会').is_some_and(|&t| t == '會'));
        assert!(l.readings.contains_key(&'会'));
        assert!(l.phrases.len() >= 30 && l.surnames.len() >= 50);
    }
}
