//! Presentational components, one per file. Each takes what it shows as
//! props; report text is always rendered as text nodes or attribute values
//! (Yew escapes both), never parsed as markup.

mod file_errors;
mod meeting_card;
mod summary;
mod timeline;

pub use file_errors::{FileErrors, FileErrorsProps};
pub use meeting_card::{MeetingCard, MeetingCardProps};
pub use summary::{Summary, SummaryProps};
pub use timeline::{Timeline, TimelineProps};
