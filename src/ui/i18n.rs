//! Interface labels in English and Chinese. Report text is never translated;
//! only the page's own words are.

use crate::model::{DateBasis, Level, TimeOfDay, WarningKind};
use crate::ui::text::one_decimal;

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub enum Lang {
    #[default]
    En,
    Zh,
}

impl Lang {
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    pub fn from_code(s: &str) -> Option<Lang> {
        match s {
            "en" => Some(Lang::En),
            "zh" => Some(Lang::Zh),
            _ => None,
        }
    }

    /// The value for `<html lang>`.
    pub fn html_lang(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh-Hans",
        }
    }

    pub fn labels(self) -> &'static Labels {
        match self {
            Lang::En => &EN,
            Lang::Zh => &ZH,
        }
    }
}

/// Every fixed string of the interface.
#[derive(Debug, PartialEq, Eq)]
pub struct Labels {
    pub tagline: &'static str,
    pub load: &'static str,
    pub samples: &'static str,
    pub open_files: &'static str,
    pub open_folder: &'static str,
    pub open_export: &'static str,
    pub paste: &'static str,
    pub paste_placeholder: &'static str,
    pub parse_pasted: &'static str,
    pub drop_here: &'static str,
    pub max_size: &'static str,
    pub max_size_hint: &'static str,
    pub clear: &'static str,
    pub cancel: &'static str,
    pub filters: &'static str,
    pub from: &'static str,
    pub to: &'static str,
    pub level: &'static str,
    pub any_level: &'static str,
    pub body: &'static str,
    pub any_body: &'static str,
    pub speaker: &'static str,
    pub any_speaker: &'static str,
    pub search: &'static str,
    pub search_placeholder: &'static str,
    pub reset: &'static str,
    pub script: &'static str,
    pub script_original: &'static str,
    pub script_simplified: &'static str,
    pub script_traditional: &'static str,
    pub language: &'static str,
    pub other_language: &'static str,
    pub export: &'static str,
    pub export_json: &'static str,
    pub export_csv: &'static str,
    pub print: &'static str,
    pub undated: &'static str,
    pub unknown_body: &'static str,
    pub unnamed_meeting: &'static str,
    pub chair: &'static str,
    pub speakers: &'static str,
    pub attendees: &'static str,
    pub not_named: &'static str,
    pub directives: &'static str,
    pub no_directives: &'static str,
    pub outlet: &'static str,
    pub reporters: &'static str,
    pub published: &'static str,
    pub encoding: &'static str,
    pub source_file: &'static str,
    pub warnings: &'static str,
    pub no_warnings: &'static str,
    pub named_list: &'static str,
    pub members: &'static str,
    pub count_disagrees: &'static str,
    pub truncated: &'static str,
    pub source: &'static str,
    pub source_hint: &'static str,
    pub source_missing: &'static str,
    pub repaired: &'static str,
    pub timeline: &'static str,
    pub dates: &'static str,
    pub no_meetings: &'static str,
    pub no_match: &'static str,
    pub could_not_read: &'static str,
    pub empty_corpus: &'static str,
    pub meeting_passage: &'static str,
    pub show_in_source: &'static str,
    pub keyboard_hint: &'static str,
    pub close: &'static str,
    pub stored_dropped: &'static str,
    pub stored_unreadable: &'static str,
    pub save_failed: &'static str,
    pub unreadable_export: &'static str,
    pub colophon: &'static str,
}

pub static EN: Labels = Labels {
    tagline: "Meetings and their directives, read out of Chinese-language meeting reports.",
    load: "Load reports",
    samples: "Sample corpus",
    open_files: "Open files…",
    open_folder: "Open folder…",
    open_export: "Open export…",
    paste: "Paste text",
    paste_placeholder: "Paste the text of a report here",
    parse_pasted: "Parse pasted text",
    drop_here: "or drop report files or folders anywhere on the page",
    max_size: "Size limit per file (MB)",
    max_size_hint: "Files larger than this are not parsed (each is listed with its size); 1 to 128 MB",
    clear: "Clear",
    cancel: "Cancel",
    filters: "Filters",
    from: "From",
    to: "To",
    level: "Level",
    any_level: "Any level",
    body: "Body",
    any_body: "Any body",
    speaker: "Speaker",
    any_speaker: "Any speaker",
    search: "Search directives",
    search_placeholder: "e.g. 疫苗",
    reset: "Reset",
    script: "Script",
    script_original: "Original",
    script_simplified: "Simplified",
    script_traditional: "Traditional",
    language: "Language",
    other_language: "中文",
    export: "Export",
    export_json: "JSON",
    export_csv: "CSV",
    print: "Print",
    undated: "Undated",
    unknown_body: "Unknown body",
    unnamed_meeting: "Unnamed meeting",
    chair: "Chair",
    speakers: "Speakers",
    attendees: "Attendees",
    not_named: "Not named",
    directives: "Directives",
    no_directives: "No directives found.",
    outlet: "Outlet",
    reporters: "Reporters",
    published: "Published",
    encoding: "Encoding",
    source_file: "Source file",
    warnings: "Warnings",
    no_warnings: "None.",
    named_list: "Named list",
    members: "members",
    count_disagrees: "the count in the name disagrees with the members found",
    truncated: "truncated",
    source: "Source",
    source_hint: "Select a directive or a field to see where it came from.",
    source_missing: "This record came from an export: its source text is not included.",
    repaired: "repaired",
    timeline: "Meetings in date order",
    dates: "Dates",
    no_meetings: "No meetings found in these reports.",
    no_match: "No meeting matches these filters.",
    could_not_read: "Could not read",
    empty_corpus: "No reports loaded. Load the sample corpus, open files or a folder, paste text, or drop files here.",
    meeting_passage: "meeting passage",
    show_in_source: "Show in source",
    keyboard_hint: "↑ ↓ move between meetings · Enter expands · Esc collapses",
    close: "Close",
    stored_dropped: "The corpus stored by an older version of Readout could not be read and was dropped. Load the reports again.",
    stored_unreadable: "The stored corpus was damaged and could not be read; the store has been cleared. Load the reports again.",
    save_failed: "The corpus could not be saved in this browser (it stays open here, but will not be there after a reload)",
    unreadable_export: "Not a Readout export (readout/1)",
    colophon: "Parsed in this browser by the same Rust core as the readout command-line tool; nothing is sent anywhere.",
};

pub static ZH: Labels = Labels {
    tagline: "从中文会议报道中读出会议及其部署要求。",
    load: "载入报道",
    samples: "示例语料",
    open_files: "打开文件…",
    open_folder: "打开文件夹…",
    open_export: "打开导出文件…",
    paste: "粘贴文本",
    paste_placeholder: "在此粘贴报道全文",
    parse_pasted: "解析粘贴的文本",
    drop_here: "或将报道文件或文件夹拖放到页面任意位置",
    max_size: "单个文件大小上限(MB)",
    max_size_hint: "超过此大小的文件不予解析(逐一列出其大小);可设 1 至 128 MB",
    clear: "清空",
    cancel: "取消",
    filters: "筛选",
    from: "起",
    to: "止",
    level: "层级",
    any_level: "全部层级",
    body: "机构",
    any_body: "全部机构",
    speaker: "讲话人",
    any_speaker: "全部讲话人",
    search: "搜索部署要求",
    search_placeholder: "例如 疫苗",
    reset: "重置",
    script: "字形",
    script_original: "原文",
    script_simplified: "简体",
    script_traditional: "繁體",
    language: "界面语言",
    other_language: "English",
    export: "导出",
    export_json: "JSON",
    export_csv: "CSV",
    print: "打印",
    undated: "日期不详",
    unknown_body: "机构不详",
    unnamed_meeting: "会议名称不详",
    chair: "主持",
    speakers: "讲话",
    attendees: "出席",
    not_named: "未提及",
    directives: "部署要求",
    no_directives: "未发现部署要求。",
    outlet: "来源",
    reporters: "记者",
    published: "发布时间",
    encoding: "编码",
    source_file: "源文件",
    warnings: "提示",
    no_warnings: "无。",
    named_list: "提法",
    members: "项",
    count_disagrees: "名称中的数目与找到的条目数不符",
    truncated: "截断",
    source: "原文",
    source_hint: "选择一条部署要求或一个字段,查看它在原文中的位置。",
    source_missing: "此记录来自导出文件,不含原文。",
    repaired: "已修复",
    timeline: "按日期排列的会议",
    dates: "日期",
    no_meetings: "这些报道中未发现会议。",
    no_match: "没有符合筛选条件的会议。",
    could_not_read: "无法读取",
    empty_corpus: "尚未载入报道。可载入示例语料、打开文件或文件夹、粘贴文本,或将文件拖放到此处。",
    meeting_passage: "会议段落",
    show_in_source: "在原文中显示",
    keyboard_hint: "↑ ↓ 在会议间移动 · Enter 展开 · Esc 收起",
    close: "关闭",
    stored_dropped: "旧版 Readout 保存的语料无法读取,已被丢弃。请重新载入报道。",
    stored_unreadable: "保存的语料已损坏,无法读取,存储已清空。请重新载入报道。",
    save_failed: "无法在本浏览器中保存语料(本页仍保留,但重新载入后将不再存在)",
    unreadable_export: "不是 Readout 导出文件(readout/1)",
    colophon: "在本浏览器中由与 readout 命令行工具相同的 Rust 核心解析;不向任何地方发送数据。",
};

impl Labels {
    pub fn level(&self, l: Level) -> &'static str {
        let zh = std::ptr::eq(self, &ZH);
        match (l, zh) {
            (Level::National, false) => "national",
            (Level::Province, false) => "province",
            (Level::City, false) => "city",
            (Level::District, false) => "district",
            (Level::County, false) => "county",
            (Level::Township, false) => "township",
            (Level::National, true) => "国家级",
            (Level::Province, true) => "省级",
            (Level::City, true) => "市级",
            (Level::District, true) => "区级",
            (Level::County, true) => "县级",
            (Level::Township, true) => "乡镇级",
        }
    }

    pub fn time_of_day(&self, t: TimeOfDay) -> &'static str {
        match t {
            TimeOfDay::Morning => "上午",
            TimeOfDay::Afternoon => "下午",
            TimeOfDay::Evening => "晚上",
        }
    }

    /// How a date was found, when it is not simply written out.
    pub fn basis(&self, b: DateBasis) -> Option<&'static str> {
        let zh = std::ptr::eq(self, &ZH);
        match (b, zh) {
            (DateBasis::Explicit | DateBasis::Unknown, _) => None,
            (DateBasis::Published, false) => Some("year from publication date"),
            (DateBasis::Relative, false) => Some("relative to publication"),
            (DateBasis::Inferred, false) => Some("year inferred"),
            (DateBasis::Published, true) => Some("年份取自发布日期"),
            (DateBasis::Relative, true) => Some("相对发布日期推算"),
            (DateBasis::Inferred, true) => Some("年份为推断"),
        }
    }

    pub fn warning_kind(&self, k: WarningKind) -> &'static str {
        let zh = std::ptr::eq(self, &ZH);
        let (en, cn) = match k {
            WarningKind::Encoding => ("encoding", "编码"),
            WarningKind::Html => ("HTML", "HTML"),
            WarningKind::Pinyin => ("pinyin removed", "删除拼音"),
            WarningKind::Mojibake => ("mojibake repaired", "修复乱码"),
            WarningKind::Unrecoverable => ("unrecoverable", "无法恢复"),
            WarningKind::Punctuation => ("punctuation", "标点"),
            WarningKind::Boilerplate => ("boilerplate", "页面杂项"),
            WarningKind::Duplicate => ("duplicate", "重复"),
            WarningKind::Truncated => ("truncated", "截断"),
            WarningKind::DateInferred => ("date inferred", "推断日期"),
            WarningKind::ListCount => ("list count", "条目数"),
            WarningKind::Doubt => ("doubt", "存疑"),
        };
        if zh {
            cn
        } else {
            en
        }
    }

    fn zh(&self) -> bool {
        std::ptr::eq(self, &ZH)
    }

    /// `6 meetings (5 dated) · 48 directives · 5 files · 0 errors · 31 warnings`,
    /// with `3 of 6 meetings shown` when a filter hides some.
    pub fn summary(&self, c: &super::state::Counts, shown: usize, filtered: bool) -> String {
        if self.zh() {
            let shown = if filtered { format!("显示 {shown} / ") } else { String::new() };
            return format!(
                "{shown}{} 次会议({} 次有日期) · {} 条部署要求 · {} 个文件 · {} 个错误 · {} 条提示",
                c.meetings, c.dated, c.directives, c.files, c.errors, c.warnings
            );
        }
        let head = if filtered {
            format!("{shown} of {} shown", plural(c.meetings, "meeting"))
        } else {
            plural(c.meetings, "meeting")
        };
        format!(
            "{head} ({} dated) · {} · {} · {} · {}",
            c.dated,
            plural(c.directives, "directive"),
            plural(c.files, "file"),
            plural(c.errors, "error"),
            plural(c.warnings, "warning"),
        )
    }

    pub fn parsing(&self) -> &'static str {
        if self.zh() {
            "正在解析…"
        } else {
            "Parsing…"
        }
    }

    /// `120 of 500 files · 1.2 of 2.5 MB · 3.4 MB/s`.
    pub fn progress(&self, done: usize, total: usize, done_bytes: usize, total_bytes: usize, mbps: f64) -> String {
        let mb = |b: usize| one_decimal(b as f64 / 1e6);
        let (done_mb, total_mb, mbps) = (mb(done_bytes), mb(total_bytes), one_decimal(mbps));
        if self.zh() {
            format!("已解析 {done} / {total} 个文件 · {done_mb} / {total_mb} MB · {mbps} MB/秒")
        } else {
            format!("{done} of {total} files · {done_mb} of {total_mb} MB · {mbps} MB/s")
        }
    }

    pub fn matching(&self, n: usize) -> String {
        if self.zh() {
            format!("{n} 条匹配")
        } else {
            plural(n, "match").replace("matchs", "matches")
        }
    }
}

/// `1 meeting`, `2 meetings`.
pub fn plural(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

impl Labels {
    /// A timeline group's heading: `January 2020` / `2020年1月`, a bare year,
    /// or the undated label.
    pub fn group(&self, key: &str) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        if key.is_empty() {
            return self.undated.to_owned();
        }
        let (year, month) = match key.split_once('-') {
            Some((y, m)) => (y, m.parse::<usize>().ok().filter(|m| (1..=12).contains(m))),
            None => (key, None),
        };
        match (month, self.zh()) {
            (Some(m), false) => format!("{} {year}", MONTHS[m - 1]),
            (Some(m), true) => format!("{year}年{m}月"),
            (None, false) => year.to_owned(),
            (None, true) => format!("{year}年"),
        }
    }

    /// A short month for the date rail: `Jan` / `1月`.
    pub fn short_month(&self, key: &str) -> String {
        let m = key.split_once('-').and_then(|(_, m)| m.parse::<usize>().ok()).filter(|m| (1..=12).contains(m));
        match (m, self.zh()) {
            (Some(m), true) => format!("{m}月"),
            (Some(_), false) => self.group(key).chars().take(3).collect(),
            (None, _) => self.group(key),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn group_labels() {
        assert_eq!(EN.group("2020-01"), "January 2020");
        assert_eq!(ZH.group("2020-01"), "2020年1月");
        assert_eq!(EN.group("2021"), "2021");
        assert_eq!(ZH.group("2021"), "2021年");
        assert_eq!(EN.group(""), "Undated");
        assert_eq!(EN.short_month("2020-02"), "Feb");
        assert_eq!(ZH.short_month("2020-12"), "12月");
        assert_eq!(EN.group("2020-13"), "2020");
    }

    #[test]
    fn labels_differ_by_language() {
        assert_ne!(EN.samples, ZH.samples);
        assert_eq!(Lang::Zh.labels().level(Level::Province), "省级");
        assert_eq!(Lang::En.labels().level(Level::Province), "province");
        assert_eq!(EN.matching(1), "1 match");
        assert_eq!(EN.matching(3), "3 matches");
    }
}
