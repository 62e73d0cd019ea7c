//! A message for the reader (a dropped stored corpus, an unreadable export).

use crate::ui::i18n::Labels;
use crate::ui::state::Notice;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct NoticeBarProps {
    pub notice: Option<Notice>,
    pub labels: &'static Labels,
    pub on_close: Callback<()>,
}

#[function_component(NoticeBar)]
pub fn notice_bar(props: &NoticeBarProps) -> Html {
    let Some(n) = &props.notice else { return Html::default() };
    let text = match n {
        Notice::StoredDropped => props.labels.stored_dropped.to_owned(),
        Notice::StoredUnreadable => props.labels.stored_unreadable.to_owned(),
        Notice::SaveFailed(reason) => format!("{}: {reason}", props.labels.save_failed),
        Notice::BadExport { file, message } => format!("{}: {file}: {message}", props.labels.unreadable_export),
    };
    let code = match n {
        Notice::StoredDropped => "stored-dropped",
        Notice::StoredUnreadable => "stored-unreadable",
        Notice::SaveFailed(_) => "save-failed",
        Notice::BadExport { .. } => "bad-export",
    };
    let close = props.on_close.reform(|_: MouseEvent| ());
    html! {
        <div class="notice" role="status" data-testid="notice" data-notice={code}>
            <span>{ text }</span>
            <button type="button" class="close" onclick={close} aria-label={props.labels.close}>{ "×" }</button>
        </div>
    }
}
