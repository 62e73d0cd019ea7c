//! Presentational components, one per file. Each takes what it shows as
//! props; report text is always rendered as text nodes or attribute values
//! (Yew escapes both), never parsed as markup.

mod date_rail;
mod directive_tree;
mod file_errors;
mod filters;
mod highlighted;
mod meeting_card;
mod meeting_details;
mod notice;
mod progress_bar;
mod source_pane;
mod summary;
mod timeline;
mod toolbar;

pub use date_rail::{DateRail, DateRailProps, RailGroup};
pub use directive_tree::{count_disagrees, DirectiveTree, DirectiveTreeProps};
pub use file_errors::{FileErrors, FileErrorsProps};
pub use filters::{FacetSelect, FacetSelectProps, Filters, FiltersProps, DEBOUNCE_MS, LAZY_OPTIONS};
pub use highlighted::{Highlighted, HighlightedProps};
pub use meeting_card::{MeetingCard, MeetingCardProps};
pub use meeting_details::{speaker_groups, MeetingDetails, MeetingDetailsProps};
pub use notice::{NoticeBar, NoticeBarProps};
pub use progress_bar::{ProgressBar, ProgressBarProps};
pub use source_pane::{is_repair, SourcePane, SourcePaneProps};
pub use summary::{Summary, SummaryProps};
pub use timeline::{Timeline, TimelineProps};
pub use toolbar::{Toolbar, ToolbarProps};
