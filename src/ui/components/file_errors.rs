//! The files that could not be read, each with the core's message.

use crate::ui::i18n::Labels;
use crate::ui::state::FileError;
use std::rc::Rc;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct FileErrorsProps {
    pub errors: Rc<Vec<FileError>>,
    #[prop_or(&crate::ui::i18n::EN)]
    pub labels: &'static Labels,
}

#[function_component(FileErrors)]
pub fn file_errors(props: &FileErrorsProps) -> Html {
    if props.errors.is_empty() {
        return Html::default();
    }
    html! {
        <section class="file-errors" role="alert" aria-label={props.labels.could_not_read}>
            <h2>{ props.labels.could_not_read }</h2>
            <ul>
                { for props.errors.iter().map(|e| html! {
                    <li key={e.file.clone()} class="file-error">
                        <span class="file">{ &e.file }</span>
                        <span class="message">{ &e.message }</span>
                    </li>
                }) }
            </ul>
        </section>
    }
}
