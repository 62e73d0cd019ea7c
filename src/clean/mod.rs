//! Stage 2: repairs the decoded text so extraction sees clean prose.
//!
//! Each repair is one pass in its own module; each pass rewrites the text
//! through a [`Rewriter`] and adds one layer to the [`OffsetMap`], so every
//! position of the cleaned text maps back to the original. Every repair is
//! also reported as a [`Warning`] with its original span.

pub mod offset_map;

pub use offset_map::{Edit, Layer, OffsetMap, Rewriter};

use crate::decode::Decoded;
use crate::model::Warning;
use crate::span::Span;

/// What a line taken out of the body as page furniture was.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FurnitureKind {
    /// `首頁 > 新聞中心 > 陳倉要聞 |`
    Breadcrumb,
    /// `加入時間:2020-02-05 09:58 訪問量:3203 信息來源: 珠江商報`
    Dateline,
    /// `會議現場 記者 張毅 攝影`
    Caption,
    /// A byline standing alone: `記者 彭華`
    Byline,
    /// `微信图片_20200205.jpg`
    Image,
    /// `字号`, `打印`, `关闭窗口`, `回首页`…
    Chrome,
}

/// A line (or part of one) moved out of the body: what it said is kept for
/// the metadata extractor.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Furniture {
    pub kind: FurnitureKind,
    /// The line's text, itself cleaned (pinyin stripped, mojibake repaired).
    pub text: String,
    /// Where it stands in the original.
    pub span: Span,
}

/// The cleaned text and everything needed to trace it back.
#[derive(Clone, Debug, Default)]
pub struct Cleaned {
    /// The body text, lines separated by `\n`.
    pub text: String,
    /// Cleaned positions back to the original decoded text.
    pub map: OffsetMap,
    /// Every repair and doubt, decode warnings first.
    pub warnings: Vec<Warning>,
    /// Page furniture taken out of the body.
    pub furniture: Vec<Furniture>,
    /// An HTML `<title>`, as a headline candidate.
    pub html_title: Option<(String, Span)>,
}

/// Runs every cleaning pass over a decoded input.
///
/// PLACEHOLDER (to be completed by the cleaning issue): no repair yet.
pub fn clean(decoded: &Decoded) -> Cleaned {
    Cleaned { text: decoded.text.clone(), warnings: decoded.warnings.clone(), ..Cleaned::default() }
}
