//! Dates: expressions in the text, the publication date, and how a
//! meeting's date is resolved from them.

use super::lex::PeriodTerm;
use super::text::Ctx;
use crate::model::{DateBasis, TimeOfDay};
use crate::span::CleanSpan;
use chrono::{Datelike, Duration, NaiveDate, Weekday};

/// What a date expression says.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum When {
    /// A full date.
    Full(NaiveDate),
    /// Year and month.
    YearMonth(i32, u32),
    /// Month and day, no year.
    MonthDay(u32, u32),
    /// Days before the publication (`昨日` = 1, `前天` = 2, `今天` = 0).
    DaysAgo(i64),
    /// `當天`, `同日`: the date of the meeting told just before.
    SameDay,
    /// `近日`, `日前`: recently.
    Recently,
    /// `本週一` (0), `上週三` (-1): a weekday of a week relative to publication.
    Weekday(i64, Weekday),
    /// `本月15日`: a day of the publication's month.
    ThisMonth(u32),
    /// `28日上午,…`: a day alone, in the publication's month or the one
    /// before (never after the publication).
    DayOnly(u32),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DateExpr {
    pub span: CleanSpan,
    pub when: When,
    pub time_of_day: Option<(TimeOfDay, CleanSpan)>,
}

#[inline]
fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' | 'O' | '○' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

/// A number at `pos` (Arabic, full-width, or Chinese up to 三十九), with its end.
pub fn number_at(s: &str, pos: usize) -> Option<(u32, usize)> {
    let rest = s.get(pos..)?;
    let mut chars = rest.char_indices().peekable();
    // Arabic digits (ASCII or full width).
    let mut val = 0u32;
    let mut end = 0;
    let mut n = 0;
    while let Some(&(i, c)) = chars.peek() {
        let d = match c {
            '0'..='9' => c as u32 - '0' as u32,
            '\u{FF10}'..='\u{FF19}' => c as u32 - '\u{FF10}' as u32,
            _ => break,
        };
        val = val.saturating_mul(10).saturating_add(d);
        end = i + c.len_utf8();
        n += 1;
        chars.next();
        if n > 4 {
            return None;
        }
    }
    if n > 0 {
        return Some((val, pos + end));
    }
    // Chinese numerals: 十, 十二, 二十, 二十三, 三十一; or digit by digit (二〇二〇).
    let mut digits = [0u32; 4];
    let mut n = 0;
    let mut end = pos;
    for (i, c) in rest.char_indices().take(4) {
        let d = match c {
            '十' => 10,
            c => match cn_digit(c) {
                Some(d) => d,
                None => break,
            },
        };
        digits[n] = d;
        n += 1;
        end = pos + i + c.len_utf8();
    }
    if n == 0 {
        return None;
    }
    let digits = &digits[..n];
    let val = if digits.contains(&10) {
        // 十 / 十二 / 二十 / 二十三
        match digits {
            [10] => 10,
            [10, d] if *d < 10 => 10 + d,
            [t, 10] if *t < 10 => t * 10,
            [t, 10, d] if *t < 10 && *d < 10 => t * 10 + d,
            _ => return None,
        }
    } else {
        digits.iter().fold(0, |v, d| v * 10 + d)
    };
    Some((val, end))
}

const TIME_WORDS: &[(&str, TimeOfDay)] = &[
    ("上午", TimeOfDay::Morning),
    ("早上", TimeOfDay::Morning),
    ("早晨", TimeOfDay::Morning),
    ("清晨", TimeOfDay::Morning),
    ("凌晨", TimeOfDay::Morning),
    ("下午", TimeOfDay::Afternoon),
    ("傍晚", TimeOfDay::Evening),
    ("晚上", TimeOfDay::Evening),
    ("晚间", TimeOfDay::Evening),
    ("夜间", TimeOfDay::Evening),
    ("晚", TimeOfDay::Evening),
];

const RELATIVE_WORDS: &[(&str, When, Option<TimeOfDay>)] = &[
    ("昨日", When::DaysAgo(1), None),
    ("昨天", When::DaysAgo(1), None),
    ("昨晚", When::DaysAgo(1), Some(TimeOfDay::Evening)),
    ("前天", When::DaysAgo(2), None),
    ("前日", When::DaysAgo(2), None),
    ("今天", When::DaysAgo(0), None),
    ("今日", When::DaysAgo(0), None),
    ("今晚", When::DaysAgo(0), Some(TimeOfDay::Evening)),
    ("当天", When::SameDay, None),
    ("当日", When::SameDay, None),
    ("当晚", When::SameDay, Some(TimeOfDay::Evening)),
    ("同日", When::SameDay, None),
    ("同天", When::SameDay, None),
    ("随后", When::SameDay, None),
    ("会后", When::SameDay, None),
    ("近日", When::Recently, None),
    ("日前", When::Recently, None),
];

fn weekday(c: char) -> Option<Weekday> {
    Some(match c {
        '一' => Weekday::Mon,
        '二' => Weekday::Tue,
        '三' => Weekday::Wed,
        '四' => Weekday::Thu,
        '五' => Weekday::Fri,
        '六' => Weekday::Sat,
        '日' | '天' => Weekday::Sun,
        _ => return None,
    })
}

/// What a date expression starting with a character starts with.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Start {
    /// No date expression starts with the character.
    No,
    /// A number ([`number_at`] reads none at any other character).
    Number,
    /// A relative or weekday word (`昨日`, `本週一`, `本月15日`).
    Word,
}

/// The characters other than ASCII and full-width digits that a date
/// expression can start with, the first character of a word marked.
const DATE_START_CHARS: [(char, Start); 28] = {
    use Start::{Number as N, Word as W};
    [
        ('〇', N), ('零', N), ('○', N), ('一', N), ('二', N), ('两', N), ('三', N), ('四', N), ('五', N), ('六', N),
        ('七', N), ('八', N), ('九', N), ('十', N),
        ('昨', W), ('前', W), ('今', W), ('当', W), ('同', W), ('近', W), ('日', W), ('随', W), ('会', W), ('本', W),
        ('上', W), ('下', W), ('星', W), ('周', W),
    ]
};

/// The multiplier that spreads [`DATE_START_CHARS`] over the 64 entries of
/// [`DATE_STARTS`] with no two on one (by the top six bits of the product).
const DATE_START_MUL: u32 = 0x4F0D_03C7;

/// [`DATE_START_CHARS`] by the hash of their code points: the code point,
/// with the top bit set for the first character of a word (0: none).
static DATE_STARTS: [u32; 64] = {
    let mut t = [0u32; 64];
    let mut i = 0;
    while i < DATE_START_CHARS.len() {
        let (c, kind) = DATE_START_CHARS[i];
        let h = ((c as u32).wrapping_mul(DATE_START_MUL) >> 26) as usize;
        assert!(t[h] == 0, "two date-start characters share an entry");
        t[h] = c as u32 | if matches!(kind, Start::Word) { 1 << 31 } else { 0 };
        i += 1;
    }
    t
};

/// What a date expression starting with `c` starts with: a digit or a
/// Chinese numeral, or the first character of a relative or weekday word.
/// One look at a small table, not a comparison with each character.
#[inline]
fn date_start(c: char) -> Start {
    let cp = c as u32;
    if cp < 0x80 {
        return if c.is_ascii_digit() || c == 'O' { Start::Number } else { Start::No };
    }
    if (0xFF10..=0xFF19).contains(&cp) {
        return Start::Number;
    }
    let e = DATE_STARTS[(cp.wrapping_mul(DATE_START_MUL) >> 26) as usize];
    if e & !(1 << 31) != cp {
        Start::No
    } else if e >> 31 == 1 {
        Start::Word
    } else {
        Start::Number
    }
}

/// Characters a date expression can start with: a digit, a Chinese numeral,
/// or the first character of a relative or weekday word.
#[inline]
fn may_start_date(c: char) -> bool {
    date_start(c) != Start::No
}

/// The character at `pos` of `s` (as `ctx.char_at`), a three-byte one
/// decoded in place.
#[inline(always)]
fn char_at(s: &str, pos: usize) -> Option<char> {
    match s.as_bytes().get(pos..pos.saturating_add(3)) {
        Some(&[lead, b1, b2]) if lead & 0xF0 == 0xE0 => {
            char::from_u32(super::text::cp3(lead, b1, b2))
        }
        _ => s.get(pos..).and_then(|t| t.chars().next()),
    }
}

/// A date expression starting exactly at `pos`.
pub fn date_at(ctx: &Ctx, pos: usize) -> Option<DateExpr> {
    let s = &ctx.simp;
    // The words and the numbers start with different characters: only the
    // forms that can start with the character there are tried.
    let (when, mut end, mut tod) = match date_start(char_at(s, pos)?) {
        Start::No => return None,
        Start::Word => word_date(s, pos)?,
        Start::Number => {
            let num = number_at(s, pos);
            number_date(s, pos, num).or_else(|| day_only(ctx, pos, num))?
        }
    };
    if tod.is_none() {
        // Only the words starting with the character there are compared.
        let head = s.as_bytes().get(end..end + 3).unwrap_or(&[]);
        for (w, t) in TIME_WORDS.iter().filter(|(w, _)| w.as_bytes().get(..3) == Some(head)) {
            if s[end..].starts_with(w) {
                // 晚 must not start a word such as 晚会.
                if *w == "晚" && s[end + w.len()..].starts_with('会') {
                    continue;
                }
                tod = Some((*t, CleanSpan::new(end, end + w.len())));
                end += w.len();
                break;
            }
        }
    }
    Some(DateExpr { span: CleanSpan::new(pos, end), when, time_of_day: tod })
}

type Core = (When, usize, Option<(TimeOfDay, CleanSpan)>);

/// A day written alone at the start of a clause (`28日上午,`, `本報訊 5日,`):
/// one or two digits and 日, not inside a longer date or number, followed by
/// a time of day, a comma, or a verb of the sentence (`在`, `召開`, `至`), not
/// by a word that makes it a span of days (`30日內`).
/// `num` is what [`number_at`] reads at `pos`.
fn day_only(ctx: &Ctx, pos: usize, num: Option<(u32, usize)>) -> Option<Core> {
    let s = &ctx.simp;
    let (d, e) = num?;
    if ctx.char_before(pos).is_some_and(|c| super::text::alnum(c) && c != '讯' && c != '电' || c == '月') {
        return None;
    }
    if !(1..=31).contains(&d) || s[pos..e].chars().count() > 2 || !s[e..].starts_with('日') {
        return None;
    }
    let end = e + '日'.len_utf8();
    let after = &s[end..];
    let head = after.as_bytes().get(..3);
    let time = TIME_WORDS
        .iter()
        .any(|(w, _)| w.as_bytes().get(..3) == head && after.starts_with(w) && !after[w.len()..].starts_with('会'));
    let next = after.chars().next();
    let ok = time
        || next.is_some_and(|c| matches!(c, ',' | '\u{FF0C}' | ' ' | '\u{3000}'))
        || ["在", "召开", "至", "举行"].iter().any(|w| after.starts_with(w));
    ok.then_some((When::DayOnly(d), end, None))
}

/// A date expression of words starting at `pos` (`昨日`, `本週一`, `本月15日`).
fn word_date(s: &str, pos: usize) -> Option<Core> {
    let rest = s.get(pos..)?;
    let head = rest.as_bytes().get(..3);
    for (w, when, tod) in RELATIVE_WORDS.iter().filter(|(w, ..)| w.as_bytes().get(..3) == head) {
        if rest.starts_with(w) {
            let end = pos + w.len();
            return Some((*when, end, tod.map(|t| (t, CleanSpan::new(pos, end)))));
        }
    }
    for (prefix, week) in [("本周", 0i64), ("上周", -1), ("下周", 1), ("星期", 0), ("周", 0)] {
        if let Some(r) = rest.strip_prefix(prefix) {
            if let Some(day) = r.chars().next().and_then(weekday) {
                let end = pos + prefix.len() + r.chars().next().map(char::len_utf8).unwrap_or(0);
                return Some((When::Weekday(week, day), end, None));
            }
        }
    }
    // 本月15日: this month of the publication.
    if let Some(r) = rest.strip_prefix("本月") {
        if let Some((d, e)) = number_at(s, pos + "本月".len()) {
            if (s[e..].starts_with('日') || s[e..].starts_with('号')) && (1..=31).contains(&d) && r.len() >= 2 {
                return Some((When::ThisMonth(d), e + '日'.len_utf8(), None));
            }
        }
    }
    None
}

/// A date expression starting with the number `num` (what [`number_at`]
/// reads at `pos`): `2020-02-05`, `[YYYY年]M月[D日]`.
fn number_date(s: &str, pos: usize, num: Option<(u32, usize)>) -> Option<Core> {
    let (y, e) = num?;
    // ISO-like: 2020-02-05, 2020/2/5, 2020.02.05
    if (1949..=2100).contains(&y) && s[pos..e].chars().count() == 4 {
        let sep = s[e..].chars().next();
        if matches!(sep, Some('-' | '/' | '.')) {
            let sep = sep.unwrap_or('-');
            if let Some((m, e2)) = number_at(s, e + 1) {
                if s[e2..].starts_with(sep) {
                    if let Some((d, e3)) = number_at(s, e2 + 1) {
                        let date = NaiveDate::from_ymd_opt(y as i32, m, d)?;
                        return Some((When::Full(date), e3, None));
                    }
                }
            }
        }
    }
    // [YYYY年]M月[D日]
    let mut p = pos;
    let mut year = None;
    if s[e..].starts_with('年') && (1949..=2100).contains(&y) {
        year = Some(y as i32);
        p = e + '年'.len_utf8();
    }
    let (m, e) = if year.is_some() { number_at(s, p)? } else { (y, e) };
    if !s[e..].starts_with('月') || !(1..=12).contains(&m) {
        return None;
    }
    p = e + '月'.len_utf8();
    if let Some((d, e)) = number_at(s, p) {
        if (s[e..].starts_with('日') || s[e..].starts_with('号')) && (1..=31).contains(&d) {
            let end = e + '日'.len_utf8();
            return Some(match year {
                Some(y) => (When::Full(NaiveDate::from_ymd_opt(y, m, d)?), end, None),
                None => (When::MonthDay(m, d), end, None),
            });
        }
    }
    year.map(|y| (When::YearMonth(y, m), p, None))
}

/// If a date (and time of day) expression starts at `pos`, the position
/// after it and any comma or space that follows.
pub fn date_prefix_len(ctx: &Ctx, pos: usize, limit: usize) -> Option<usize> {
    let d = date_at(ctx, pos)?;
    let e = ctx.skip(d.span.end, limit, |c| matches!(c, ',' | '\u{FF0C}' | ' ' | '\u{3000}'));
    (e <= limit).then_some(e)
}

/// A year written in `span` (`2024年`, `二〇二四年`), the first one.
pub fn year_in(ctx: &Ctx, span: CleanSpan) -> Option<i32> {
    let s = &ctx.simp;
    let mut p = span.start;
    while p < span.end {
        if ctx.char_at(p).is_some_and(may_start_date) {
            if let Some((y, e)) = number_at(s, p) {
                if e <= span.end && s[e..].starts_with('年') && s[p..e].chars().count() == 4 && (1949..=2100).contains(&y) {
                    return Some(y as i32);
                }
            }
        }
        p = ctx.fwd(p, 1);
    }
    None
}

/// Every date expression in `span`, in order.
pub fn dates_in(ctx: &Ctx, span: CleanSpan) -> Vec<DateExpr> {
    let mut out = Vec::new();
    each_date(ctx, span, |d| {
        out.push(d);
        true
    });
    out
}

/// Calls `f` with each date expression in `span`, in order (those of
/// [`dates_in`]), until it returns false. Only the characters that may start
/// a date are tried.
fn each_date(ctx: &Ctx, span: CleanSpan, mut f: impl FnMut(DateExpr) -> bool) {
    let mut p = span.start;
    while p < span.end {
        let Some(c) = char_at(&ctx.simp, p) else { return };
        if may_start_date(c) {
            if let Some(d) = date_at(ctx, p) {
                if d.span.end <= span.end {
                    p = d.span.end;
                    if !f(d) {
                        return;
                    }
                    continue;
                }
            }
        }
        p += c.len_utf8();
    }
}

/// A publication date-time read from a dateline: `2020-02-05 09:58`,
/// `2020年2月5日 09:58`. Returns the ISO text and the date.
pub fn published_in(ctx: &Ctx, span: CleanSpan) -> Option<(String, NaiveDate, CleanSpan)> {
    // The first full date.
    let mut first = None;
    each_date(ctx, span, |d| {
        let full = matches!(d.when, When::Full(_));
        if full {
            first = Some(d);
        }
        !full
    });
    if let Some(d) = first {
        if let When::Full(date) = d.when {
            // An optional HH:MM after the date.
            let e = ctx.skip(d.span.end, span.end, |c| c == ' ' || c == '\u{3000}');
            let s = &ctx.simp;
            if let Some((h, e1)) = number_at(s, e) {
                if (s[e1..].starts_with(':') || s[e1..].starts_with(':')) && h < 24 {
                    if let Some((mi, e2)) = number_at(s, e1 + 1) {
                        if mi < 60 {
                            let mut iso = ymd(date);
                            iso.push('T');
                            push_2(&mut iso, h);
                            iso.push(':');
                            push_2(&mut iso, mi);
                            return Some((iso, date, CleanSpan::new(d.span.start, e2)));
                        }
                    }
                }
            }
            return Some((ymd(date), date, d.span));
        }
    }
    None
}

/// `YYYY-MM-DD`, written by hand: chrono's formatting machinery costs tens
/// of kilobytes of wasm for this one pattern.
pub fn ymd(d: NaiveDate) -> String {
    let y = d.year();
    if !(0..=9999).contains(&y) {
        return format!("{:04}-{:02}-{:02}", y, d.month(), d.day());
    }
    // Digit by digit: the formatting machinery costs a thousand instructions
    // a date, and every meeting and dateline writes one.
    let mut out = String::with_capacity(16);
    push_2(&mut out, y as u32 / 100);
    push_2(&mut out, y as u32 % 100);
    out.push('-');
    push_2(&mut out, d.month());
    out.push('-');
    push_2(&mut out, d.day());
    out
}

/// Appends `n` (below 100) as two digits, as `{:02}` writes it.
fn push_2(out: &mut String, n: u32) {
    out.push(char::from(b'0' + (n / 10 % 10) as u8));
    out.push(char::from(b'0' + (n % 10) as u8));
}

/// A `YYYY-MM-DD` date, parsed by hand for the same reason.
pub fn parse_ymd(s: &str) -> Option<NaiveDate> {
    let mut it = s.split('-');
    let (y, m, d) = (it.next()?.parse().ok()?, it.next()?.parse().ok()?, it.next()?.parse().ok()?);
    if it.next().is_some() {
        return None;
    }
    NaiveDate::from_ymd_opt(y, m, d)
}

/// A resolved meeting date.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Resolved {
    pub date: Option<String>,
    pub day: Option<NaiveDate>,
    pub basis: DateBasis,
    /// A note for the warnings (the terms a year was inferred from…).
    pub note: Option<String>,
}

impl Resolved {
    fn unknown(note: Option<String>) -> Self {
        Self { date: None, day: None, basis: DateBasis::Unknown, note }
    }
    fn day(d: NaiveDate, basis: DateBasis, note: Option<String>) -> Self {
        Self { date: Some(ymd(d)), day: Some(d), basis, note }
    }
}

/// The years in which month/day fall inside every term's period, if the
/// terms agree on exactly one.
pub fn infer_year(m: u32, d: u32, terms: &[&PeriodTerm]) -> Result<i32, String> {
    if terms.is_empty() {
        return Err("no period term to infer a year from".into());
    }
    let mut years: Option<Vec<i32>> = None;
    for t in terms {
        let ys: Vec<i32> = (t.first.year()..=t.last.year())
            .filter(|&y| NaiveDate::from_ymd_opt(y, m, d).is_some_and(|date| date >= t.first && date <= t.last))
            .collect();
        years = Some(match years {
            None => ys,
            Some(prev) => prev.into_iter().filter(|y| ys.contains(y)).collect(),
        });
    }
    let names: Vec<&str> = terms.iter().map(|t| t.term).collect();
    match years.as_deref() {
        Some([y]) => Ok(*y),
        Some([]) => Err(format!("the period terms disagree ({})", names.join(", "))),
        _ => Err(format!("the period terms leave the year open ({})", names.join(", "))),
    }
}

/// Resolves a meeting's date expression.
pub fn resolve(
    expr: Option<&DateExpr>,
    published: Option<NaiveDate>,
    previous: Option<&Resolved>,
    year_in_name: Option<i32>,
    terms: &[&PeriodTerm],
) -> Resolved {
    let Some(expr) = expr else {
        return Resolved::unknown(None);
    };
    match expr.when {
        When::Full(d) => Resolved::day(d, DateBasis::Explicit, None),
        When::YearMonth(y, m) => Resolved {
            date: Some(format!("{y:04}-{m:02}")),
            day: None,
            basis: DateBasis::Explicit,
            note: None,
        },
        When::MonthDay(m, d) => {
            if let Some(y) = year_in_name {
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                    return Resolved::day(date, DateBasis::Explicit, None);
                }
            }
            if let Some(p) = published {
                let mut y = p.year();
                // A year-less date never lands after the publication date.
                if NaiveDate::from_ymd_opt(y, m, d).is_none_or(|date| date > p) {
                    y -= 1;
                }
                if let Some(date) = NaiveDate::from_ymd_opt(y, m, d) {
                    return Resolved::day(date, DateBasis::Published, None);
                }
            }
            if let Some(prev) = previous.and_then(|r| r.day) {
                if let Some(date) = NaiveDate::from_ymd_opt(prev.year(), m, d) {
                    return Resolved::day(
                        date,
                        DateBasis::Inferred,
                        Some(format!("year {} taken from the meeting told before", prev.year())),
                    );
                }
            }
            match infer_year(m, d, terms) {
                Ok(y) => match NaiveDate::from_ymd_opt(y, m, d) {
                    Some(date) => {
                        let names: Vec<&str> = terms.iter().map(|t| t.term).collect();
                        Resolved::day(
                            date,
                            DateBasis::Inferred,
                            Some(format!("year {y} inferred from period terms: {}", names.join(", "))),
                        )
                    }
                    None => Resolved::unknown(Some(format!("{m}月{d}日 has no such day in {y}"))),
                },
                Err(why) => Resolved::unknown(Some(format!("{m}月{d}日: year unknown, {why}"))),
            }
        }
        When::DaysAgo(n) => match published {
            Some(p) => Resolved::day(p - Duration::days(n), DateBasis::Relative, None),
            None => Resolved::unknown(Some("a relative date with no publication date to count from".into())),
        },
        When::SameDay => match previous {
            Some(prev) if prev.date.is_some() => Resolved { basis: DateBasis::Relative, note: None, ..prev.clone() },
            _ => match published {
                Some(p) => Resolved::day(p, DateBasis::Relative, Some("當天 read as the publication date".into())),
                None => Resolved::unknown(Some("當天 with no earlier date".into())),
            },
        },
        When::Recently => match published {
            Some(p) => Resolved {
                date: Some(format!("{:04}-{:02}", p.year(), p.month())),
                day: None,
                basis: DateBasis::Relative,
                note: Some("近日/日前 gives the month of publication at best".into()),
            },
            None => Resolved::unknown(None),
        },
        When::DayOnly(d) => {
            let Some(p) = published else {
                return Resolved::unknown(Some(format!("{d}日 alone with no publication date to count from")));
            };
            // This month, or the month before when that day is still to come.
            let this = NaiveDate::from_ymd_opt(p.year(), p.month(), d).filter(|x| *x <= p);
            let before = p.with_day(1).and_then(|f| f.pred_opt()).and_then(|l| NaiveDate::from_ymd_opt(l.year(), l.month(), d));
            match this.or(before) {
                Some(date) => Resolved::day(date, DateBasis::Published, None),
                None => Resolved::unknown(Some(format!("{d}日 is no day of the publication's month or the one before"))),
            }
        }
        When::ThisMonth(d) => match published.and_then(|p| NaiveDate::from_ymd_opt(p.year(), p.month(), d)) {
            Some(date) => Resolved::day(date, DateBasis::Published, None),
            None => Resolved::unknown(Some("本月 with no publication date to count from".into())),
        },
        When::Weekday(week, day) => match published {
            Some(p) => {
                let monday = p - Duration::days(p.weekday().num_days_from_monday() as i64);
                let d = monday + Duration::days(7 * week + day.num_days_from_monday() as i64);
                Resolved::day(d, DateBasis::Relative, None)
            }
            None => Resolved::unknown(Some("a weekday with no publication date to count from".into())),
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ymd_writes_as_format() {
        for (y, m, d) in [(2024, 2, 29), (1949, 10, 1), (2100, 12, 31), (5, 1, 9), (0, 3, 4), (9999, 12, 31), (-44, 3, 15), (10000, 1, 1)] {
            let date = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            assert_eq!(ymd(date), format!("{:04}-{:02}-{:02}", date.year(), date.month(), date.day()));
        }
        let mut s = String::new();
        for n in [0, 7, 10, 23, 59, 99] {
            s.clear();
            push_2(&mut s, n);
            assert_eq!(s, format!("{n:02}"));
        }
    }
    use crate::clean::OffsetMap;

    fn first(text: &str) -> Option<DateExpr> {
        let map = OffsetMap::new();
        let ctx = Ctx::new(text, &map);
        dates_in(&ctx, CleanSpan::new(0, text.len())).into_iter().next()
    }

    // The date forms as read before the first character chose among them.
    fn may_start_date_ref(c: char) -> bool {
        c.is_ascii_digit()
            || ('\u{FF10}'..='\u{FF19}').contains(&c)
            || cn_digit(c).is_some()
            || matches!(c, '十' | '昨' | '前' | '今' | '当' | '同' | '近' | '日' | '随' | '会' | '本' | '上' | '下' | '星' | '周')
    }

    /// A date expression starting exactly at `pos`.
    fn date_at_ref(ctx: &Ctx, pos: usize) -> Option<DateExpr> {
        let s = &ctx.simp;
        if !ctx.char_at(pos).is_some_and(may_start_date_ref) {
            return None;
        }
        let (when, mut end, mut tod) = date_core_ref(s, pos).or_else(|| day_only_ref(ctx, pos))?;
        if tod.is_none() {
            for (w, t) in TIME_WORDS {
                if s[end..].starts_with(w) {
                    // 晚 must not start a word such as 晚会.
                    if *w == "晚" && s[end + w.len()..].starts_with('会') {
                        continue;
                    }
                    tod = Some((*t, CleanSpan::new(end, end + w.len())));
                    end += w.len();
                    break;
                }
            }
        }
        Some(DateExpr { span: CleanSpan::new(pos, end), when, time_of_day: tod })
    }


    /// A day written alone at the start of a clause (`28日上午,`, `本報訊 5日,`):
    /// one or two digits and 日, not inside a longer date or number, followed by
    /// a time of day, a comma, or a verb of the sentence (`在`, `召開`, `至`), not
    /// by a word that makes it a span of days (`30日內`).
    fn day_only_ref(ctx: &Ctx, pos: usize) -> Option<Core> {
        let s = &ctx.simp;
        if ctx.char_before(pos).is_some_and(|c| crate::extract::text::alnum(c) && c != '讯' && c != '电' || c == '月') {
            return None;
        }
        let (d, e) = number_at(s, pos)?;
        if !(1..=31).contains(&d) || s[pos..e].chars().count() > 2 || !s[e..].starts_with('日') {
            return None;
        }
        let end = e + '日'.len_utf8();
        let after = &s[end..];
        let time = TIME_WORDS.iter().any(|(w, _)| after.starts_with(w) && !after[w.len()..].starts_with('会'));
        let next = after.chars().next();
        let ok = time
            || next.is_some_and(|c| matches!(c, ',' | '\u{FF0C}' | ' ' | '\u{3000}'))
            || ["在", "召开", "至", "举行"].iter().any(|w| after.starts_with(w));
        ok.then_some((When::DayOnly(d), end, None))
    }

    fn date_core_ref(s: &str, pos: usize) -> Option<Core> {
        let rest = s.get(pos..)?;
        for (w, when, tod) in RELATIVE_WORDS {
            if rest.starts_with(w) {
                let end = pos + w.len();
                return Some((*when, end, tod.map(|t| (t, CleanSpan::new(pos, end)))));
            }
        }
        for (prefix, week) in [("本周", 0i64), ("上周", -1), ("下周", 1), ("星期", 0), ("周", 0)] {
            if let Some(r) = rest.strip_prefix(prefix) {
                if let Some(day) = r.chars().next().and_then(weekday) {
                    let end = pos + prefix.len() + r.chars().next().map(char::len_utf8).unwrap_or(0);
                    return Some((When::Weekday(week, day), end, None));
                }
            }
        }
        // ISO-like: 2020-02-05, 2020/2/5, 2020.02.05
        if let Some((y, e)) = number_at(s, pos) {
            if (1949..=2100).contains(&y) && s[pos..e].chars().count() == 4 {
                let sep = s[e..].chars().next();
                if matches!(sep, Some('-' | '/' | '.')) {
                    let sep = sep.unwrap_or('-');
                    if let Some((m, e2)) = number_at(s, e + 1) {
                        if s[e2..].starts_with(sep) {
                            if let Some((d, e3)) = number_at(s, e2 + 1) {
                                let date = NaiveDate::from_ymd_opt(y as i32, m, d)?;
                                return Some((When::Full(date), e3, None));
                            }
                        }
                    }
                }
            }
        }
        // 本月15日: this month of the publication.
        if let Some(r) = rest.strip_prefix("本月") {
            if let Some((d, e)) = number_at(s, pos + "本月".len()) {
                if (s[e..].starts_with('日') || s[e..].starts_with('号')) && (1..=31).contains(&d) && r.len() >= 2 {
                    return Some((When::ThisMonth(d), e + '日'.len_utf8(), None));
                }
            }
        }
        // [YYYY年]M月[D日]
        let mut p = pos;
        let mut year = None;
        if let Some((y, e)) = number_at(s, p) {
            if s[e..].starts_with('年') && (1949..=2100).contains(&y) {
                year = Some(y as i32);
                p = e + '年'.len_utf8();
            }
        }
        let (m, e) = number_at(s, p)?;
        if !s[e..].starts_with('月') || !(1..=12).contains(&m) {
            return None;
        }
        p = e + '月'.len_utf8();
        if let Some((d, e)) = number_at(s, p) {
            if (s[e..].starts_with('日') || s[e..].starts_with('号')) && (1..=31).contains(&d) {
                let end = e + '日'.len_utf8();
                return Some(match year {
                    Some(y) => (When::Full(NaiveDate::from_ymd_opt(y, m, d)?), end, None),
                    None => (When::MonthDay(m, d), end, None),
                });
            }
        }
        year.map(|y| (When::YearMonth(y, m), p, None))
    }

    /// `date_start` answers as the comparisons with each character did, for
    /// every character; `date_at` finds what trying every form found, at
    /// every byte of texts holding every form.
    #[test]
    fn date_at_answers_as_trying_every_form() {
        for c in (0..=0x10FFFFu32).filter_map(char::from_u32) {
            assert_eq!(may_start_date(c), may_start_date_ref(c), "{c:?}");
            let number = number_at(c.encode_utf8(&mut [0; 4]), 0).is_some();
            assert!(!number || date_start(c) == Start::Number, "{c:?}");
        }
        let mut texts: Vec<String> = vec![
            "1月6日晚,豐澤區召開2020年2月20日二月八日十二月二十八日二〇二一年三月昨日,本周一上午加入時間:2020-02-05 09:58".into(),
            "晚会本月15日上午28日上午,本报讯 5日,30日内 12日在召开12日召开3日至5日举行日前近日当天同日随后会后今晚昨晚".into(),
            "2020/2/5 2020.02.05 2020-13-45 1948年3月 2101年 二〇二〇年十月三十一日 三十九日 十十月 O月O日 ○年 两月 星期日 周天 上周三 下周五".into(),
            "12345年 2020年 2020年13月 2020年2月30日 2020年2月 ２０２０年２月５日 ２０２０－０２ 5号 6月7号 本月 本月3 本月３１号".into(),
            String::new(),
            "1".into(),
            "日".into(),
        ];
        let all: String = RELATIVE_WORDS.iter().map(|w| w.0).chain(TIME_WORDS.iter().map(|w| w.0)).collect::<Vec<_>>().join("1日");
        texts.push(all);
        let map = OffsetMap::new();
        for t in &texts {
            let ctx = Ctx::new(t, &map);
            for pos in 0..=t.len() + 1 {
                assert_eq!(date_at(&ctx, pos), date_at_ref(&ctx, pos), "at {pos} in {t}");
            }
        }
    }

    #[test]
    fn date_forms() {
        let d = first("1月6日晚,豐澤區召開").unwrap();
        assert_eq!(d.when, When::MonthDay(1, 6));
        assert_eq!(d.time_of_day.map(|t| t.0), Some(TimeOfDay::Evening));
        assert_eq!(first("8月6日上午,").unwrap().time_of_day.map(|t| t.0), Some(TimeOfDay::Morning));
        assert_eq!(first("2020年2月20日").unwrap().when, When::Full(NaiveDate::from_ymd_opt(2020, 2, 20).unwrap()));
        assert_eq!(first("二月八日").unwrap().when, When::MonthDay(2, 8));
        assert_eq!(first("十二月二十八日").unwrap().when, When::MonthDay(12, 28));
        assert_eq!(first("二〇二一年三月").unwrap().when, When::YearMonth(2021, 3));
        assert_eq!(first("昨日,").unwrap().when, When::DaysAgo(1));
        assert_eq!(first("本週一上午").unwrap().when, When::Weekday(0, Weekday::Mon));
        assert_eq!(first("加入時間:2020-02-05 09:58").unwrap().when, When::Full(NaiveDate::from_ymd_opt(2020, 2, 5).unwrap()));
        assert!(first("晚會").is_none());
        assert_eq!(first("本月15日上午").unwrap().when, When::ThisMonth(15));
    }

    #[test]
    fn publication_time() {
        let t = "加入時間:2020-02-05 09:58 訪問量:3203";
        let map = OffsetMap::new();
        let ctx = Ctx::new(t, &map);
        let (iso, _, _) = published_in(&ctx, CleanSpan::new(0, t.len())).unwrap();
        assert_eq!(iso, "2020-02-05T09:58");
    }

    #[test]
    fn year_less_date_never_after_publication() {
        let pubd = NaiveDate::from_ymd_opt(2020, 2, 5);
        let e = DateExpr { span: CleanSpan::new(0, 1), when: When::MonthDay(12, 28), time_of_day: None };
        let r = resolve(Some(&e), pubd, None, None, &[]);
        assert_eq!(r.date.as_deref(), Some("2019-12-28"));
        assert_eq!(r.basis, DateBasis::Published);
        let e = DateExpr { when: When::DaysAgo(1), ..e };
        assert_eq!(resolve(Some(&e), pubd, None, None, &[]).date.as_deref(), Some("2020-02-04"));
    }

    #[test]
    fn year_from_period_terms() {
        let lx = crate::extract::lex::get();
        let t = |name: &str| lx.period_terms.iter().find(|t| t.term == name).unwrap();
        assert_eq!(infer_year(1, 6, &[t("乙类乙管")]), Ok(2023));
        assert_eq!(infer_year(8, 6, &[t("新冠肺炎"), t("德尔塔")]), Ok(2021));
        assert!(infer_year(8, 6, &[t("新冠肺炎")]).is_err());
        assert!(infer_year(8, 6, &[t("乙类乙管"), t("德尔塔")]).is_err());
    }
}
