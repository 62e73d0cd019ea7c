//! The page's actions: load (sample corpus, files, a folder, an export,
//! pasted text), export the filtered set, clear; the script and language.

use crate::output::Format;
use crate::ui::i18n::{Labels, Lang};
use crate::ui::text::Script;
use web_sys::HtmlInputElement;
use yew::prelude::*;

#[derive(Properties, PartialEq)]
pub struct ToolbarProps {
    pub labels: &'static Labels,
    pub script: Script,
    pub lang: Lang,
    /// A load is under way.
    #[prop_or_default]
    pub busy: bool,
    /// Something is loaded (export and clear make sense).
    #[prop_or_default]
    pub has_docs: bool,
    pub on_samples: Callback<()>,
    /// Files chosen; `true` when they come from a folder.
    pub on_files: Callback<(Vec<web_sys::File>, bool)>,
    pub on_paste: Callback<String>,
    pub on_export: Callback<Format>,
    pub on_print: Callback<()>,
    pub on_clear: Callback<()>,
    pub on_script: Callback<Script>,
    pub on_lang: Callback<Lang>,
    /// The per-file size cap for loads, in MiB.
    #[prop_or(crate::ui::view::DEFAULT_MAX_MB)]
    pub max_mb: u32,
    #[prop_or_default]
    pub on_max_mb: Callback<u32>,
}

#[function_component(Toolbar)]
pub fn toolbar(props: &ToolbarProps) -> Html {
    let l = props.labels;
    let paste = use_node_ref();
    let chooser = |folder: bool| {
        let on_files = props.on_files.clone();
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            let files = crate::ui::dom::files_of(input.files());
            // Let the same files be chosen again later.
            input.set_value("");
            on_files.emit((files, folder));
        })
    };
    let on_paste = {
        let paste = paste.clone();
        let cb = props.on_paste.clone();
        Callback::from(move |_: MouseEvent| {
            if let Some(area) = paste.cast::<web_sys::HtmlTextAreaElement>() {
                let text = area.value();
                if !text.trim().is_empty() {
                    area.set_value("");
                    cb.emit(text);
                }
            }
        })
    };
    let export = |f: Format| props.on_export.reform(move |_: MouseEvent| f);
    let on_script = props.on_script.reform(|e: Event| {
        let select: web_sys::HtmlSelectElement = e.target_unchecked_into();
        Script::from_code(&select.value()).unwrap_or_default()
    });
    let on_max_mb = {
        let cb = props.on_max_mb.clone();
        let current = props.max_mb;
        Callback::from(move |e: Event| {
            let input: HtmlInputElement = e.target_unchecked_into();
            // Junk or an empty field puts the current value back.
            let mb = crate::ui::view::clamp_max_mb(&input.value()).unwrap_or(current);
            input.set_value(&mb.to_string());
            if mb != current {
                cb.emit(mb);
            }
        })
    };
    let (min_mb, max_mb) = (*crate::ui::view::MAX_MB_RANGE.start(), *crate::ui::view::MAX_MB_RANGE.end());
    let other = if props.lang == Lang::En { Lang::Zh } else { Lang::En };
    let on_lang = props.on_lang.reform(move |_: MouseEvent| other);
    let script_label = |s: Script| match s {
        Script::Original => l.script_original,
        Script::Simplified => l.script_simplified,
        Script::Traditional => l.script_traditional,
    };
    html! {
        <div class="toolbar">
            <section class="load" aria-label={l.load}>
                <button type="button" class="primary" data-testid="samples" disabled={props.busy}
                    onclick={props.on_samples.reform(|_: MouseEvent| ())}>{ l.samples }</button>
                <label class="button">
                    { l.open_files }
                    <input type="file" multiple=true data-testid="file-input" class="visually-hidden"
                        accept=".txt,.html,.htm,.json,.jsonl,text/plain,text/html" onchange={chooser(false)} />
                </label>
                <label class="button">
                    { l.open_folder }
                    <input type="file" multiple=true webkitdirectory=true data-testid="folder-input" class="visually-hidden"
                        onchange={chooser(true)} />
                </label>
                <label class="button">
                    { l.open_export }
                    <input type="file" multiple=true data-testid="export-input" class="visually-hidden"
                        accept=".json,.jsonl,application/json" onchange={chooser(false)} />
                </label>
                <details class="paste">
                    <summary>{ l.paste }</summary>
                    <textarea ref={paste} rows="6" placeholder={l.paste_placeholder} data-testid="paste-text"
                        aria-label={l.paste} />
                    <button type="button" data-testid="paste-parse" onclick={on_paste}>{ l.parse_pasted }</button>
                </details>
                <span class="hint">{ l.drop_here }</span>
                <label class="max-size" title={l.max_size_hint}>
                    <span>{ l.max_size }</span>
                    <input type="number" data-testid="max-mb" min={min_mb.to_string()} max={max_mb.to_string()} step="1"
                        inputmode="numeric" value={props.max_mb.to_string()} onchange={on_max_mb} />
                </label>
            </section>
            <section class="view-tools" aria-label={l.export}>
                <label class="script">
                    <span>{ l.script }</span>
                    <select data-testid="script" onchange={on_script}>
                        { for Script::ALL.iter().map(|&s| html! {
                            <option value={s.code()} selected={s == props.script}>{ script_label(s) }</option>
                        }) }
                    </select>
                </label>
                <span class="export-group" role="group" aria-label={l.export}>
                    <span>{ l.export }</span>
                    <button type="button" data-testid="export-json" disabled={!props.has_docs} onclick={export(Format::Json)}>{ l.export_json }</button>
                    <button type="button" data-testid="export-csv" disabled={!props.has_docs} onclick={export(Format::Csv)}>{ l.export_csv }</button>
                    <button type="button" data-testid="print" disabled={!props.has_docs} onclick={props.on_print.reform(|_: MouseEvent| ())}>{ l.print }</button>
                </span>
                <button type="button" data-testid="clear" disabled={!props.has_docs || props.busy}
                    onclick={props.on_clear.reform(|_: MouseEvent| ())}>{ l.clear }</button>
                <button type="button" data-testid="lang" lang={if other == Lang::Zh { "zh" } else { "en" }}
                    aria-label={l.language} onclick={on_lang}>{ l.other_language }</button>
            </section>
        </div>
    }
}
