//! The load under way: files done of total, throughput, a cancel button.

use crate::ui::i18n::Labels;
use crate::ui::state::Progress;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ProgressBarProps {
    pub progress: Progress,
    pub labels: &'static Labels,
    pub on_cancel: Callback<()>,
}

#[function_component(ProgressBar)]
pub fn progress_bar(props: &ProgressBarProps) -> Html {
    let p = props.progress;
    let text = props.labels.progress(p.done_files, p.total_files, p.done_bytes, p.total_bytes, p.mb_per_s());
    let cancel = props.on_cancel.reform(|_: MouseEvent| ());
    html! {
        <div class="progress" data-testid="progress" role="status" data-done={p.done_files.to_string()} data-total={p.total_files.to_string()}>
            <progress max={p.total_files.max(1).to_string()} value={p.done_files.to_string()} aria-label={text.clone()}></progress>
            <span class="progress-text">{ text }</span>
            <button type="button" class="cancel" onclick={cancel}>{ props.labels.cancel }</button>
        </div>
    }
}
