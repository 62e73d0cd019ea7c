//! The output records (JSON schema `readout/1`, written down in
//! `static/readout-1.schema.json`).
//!
//! Every field taken from the text is a plain value (so tools and the scorer
//! can read it directly) with its byte span in the original input beside it,
//! either as a `span` member or in the record's `spans` object.

use crate::span::Span;
use serde::{Deserialize, Serialize};

/// The schema identifier written in every export.
pub const SCHEMA: &str = "readout/1";

/// A batch of documents: the JSON export.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Corpus {
    pub schema: String,
    pub documents: Vec<Document>,
}

impl Corpus {
    pub fn new(documents: Vec<Document>) -> Self {
        Self { schema: SCHEMA.to_owned(), documents }
    }
}

/// One input file.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Document {
    /// The input's name (a path relative to what was given, or a file name).
    pub file: String,
    /// The encoding the bytes were decoded from (`UTF-8`, `GBK`, `Big5`, `UTF-16LE`…).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub encoding: Option<String>,
    /// Set when the file could not be read or decoded; the record is then otherwise empty.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    /// Size of the input in bytes.
    #[serde(default)]
    pub bytes: usize,
    pub title: Option<String>,
    pub outlet: Option<String>,
    /// `YYYY-MM-DDTHH:MM`, `YYYY-MM-DD`, or null.
    pub published: Option<String>,
    pub reporters: Vec<Person>,
    #[serde(default)]
    pub spans: DocumentSpans,
    pub warnings: Vec<Warning>,
    pub meetings: Vec<Meeting>,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct DocumentSpans {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub outlet: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub published: Option<Span>,
}

/// A repair or a doubt, with the original text it concerns.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Warning {
    pub kind: WarningKind,
    pub message: String,
    pub span: Span,
    /// The original text under the span, when the warning is a repair.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// What the repair turned it into.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<String>,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum WarningKind {
    /// The bytes were not UTF-8, or carried a BOM, or had invalid sequences.
    Encoding,
    /// HTML markup was turned into text.
    Html,
    /// A `(pinyin)` reading was removed.
    Pinyin,
    /// A GBK misalignment run was re-decoded.
    Mojibake,
    /// Characters that could not be recovered.
    Unrecoverable,
    /// Doubled or stray punctuation collapsed.
    Punctuation,
    /// A boilerplate line left the body.
    Boilerplate,
    /// A repeated paragraph or block was dropped.
    Duplicate,
    /// A sentence breaks off.
    Truncated,
    /// A year or date inferred from indirect evidence.
    DateInferred,
    /// A named list whose count disagrees with the members found.
    ListCount,
    /// Anything else the parser was unsure of.
    Doubt,
}

/// A named person.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct Person {
    pub name: String,
    /// Titles as written (`區委書記`, `市委副書記、市長`), or null.
    pub title: Option<String>,
    /// Where the name stands (its first mention in the role).
    pub span: Span,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title_span: Option<Span>,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum DateBasis {
    Explicit,
    Published,
    Relative,
    Inferred,
    Unknown,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum TimeOfDay {
    Morning,
    Afternoon,
    Evening,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    National,
    Province,
    City,
    District,
    County,
    Township,
}

impl Level {
    pub const ALL: [Level; 6] =
        [Level::National, Level::Province, Level::City, Level::District, Level::County, Level::Township];

    pub fn as_str(self) -> &'static str {
        match self {
            Level::National => "national",
            Level::Province => "province",
            Level::City => "city",
            Level::District => "district",
            Level::County => "county",
            Level::Township => "township",
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        Self::ALL.into_iter().find(|l| l.as_str() == s)
    }
}

/// One meeting held.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Meeting {
    /// `YYYY-MM-DD`, `YYYY-MM`, `YYYY`, or null.
    pub date: Option<String>,
    pub date_basis: DateBasis,
    pub time_of_day: Option<TimeOfDay>,
    pub body: Option<String>,
    pub level: Option<Level>,
    pub name: Option<String>,
    pub chair: Option<Person>,
    pub speakers: Vec<Person>,
    pub attendees: Vec<Person>,
    pub directives: Vec<Directive>,
    /// Quoted phrases (`“…”`) in the meeting's passage.
    #[serde(default)]
    pub slogans: Vec<Slogan>,
    /// The whole passage of the report that tells of this meeting.
    pub span: Span,
    #[serde(default)]
    pub spans: MeetingSpans,
}

#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
pub struct MeetingSpans {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub date: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub time_of_day: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub body: Option<Span>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<Span>,
}

#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq, Eq, Hash)]
#[serde(rename_all = "snake_case")]
pub enum DirectiveKind {
    /// `一是…`, `第一,…`, `(一)…`, `1.…`
    Enumerated,
    /// `認識要再深化,…`: heads the sentences that elaborate it.
    Headline,
    /// A sentence or clause that instructs.
    Sentence,
    /// The sentence announcing a named list (`做到“十個不放松”:`).
    NamedList,
    /// A member of a named list.
    ListMember,
}

/// One instruction given at a meeting.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Directive {
    /// The speaker's name, or `會議`/`会议` when the report attributes it to the meeting.
    pub speaker: String,
    pub kind: DirectiveKind,
    /// The text as cleaned (pinyin stripped, punctuation repaired), in the original script.
    pub text: String,
    pub span: Span,
    /// Enumeration marker as written (`一是`, `(二)`, `3.`), if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub marker: Option<String>,
    /// For a named list: its name as written (`十個不放松`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub list_name: Option<String>,
    /// True when the sentence breaks off.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub truncated: bool,
    /// The directives this one heads.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub items: Vec<Directive>,
}

/// A quoted phrase.
#[derive(Clone, Debug, Serialize, Deserialize, PartialEq)]
pub struct Slogan {
    pub text: String,
    pub span: Span,
}

impl Document {
    /// A document for an input that could not be processed.
    pub fn failed(file: impl Into<String>, bytes: usize, error: impl Into<String>) -> Self {
        Self { file: file.into(), bytes, error: Some(error.into()), ..Self::default() }
    }

    /// Every directive with its items, depth first.
    pub fn directive_count(&self) -> usize {
        self.meetings.iter().map(|m| m.directive_count()).sum()
    }
}

impl Meeting {
    pub fn directive_count(&self) -> usize {
        fn count(ds: &[Directive]) -> usize {
            ds.iter().map(|d| 1 + count(&d.items)).sum()
        }
        count(&self.directives)
    }
}

impl Directive {
    /// This directive and all it heads, depth first.
    pub fn flatten(&self) -> Vec<&Directive> {
        let mut out = vec![self];
        for d in &self.items {
            out.extend(d.flatten());
        }
        out
    }
}
