//! The root component: owns the reducer, wires the browser (worker, files,
//! storage, URL hash, printing) to it, lays out the page. Everything it
//! shows comes from the core through [`State`].

use super::components::{FileErrors, Filters, NoticeBar, ProgressBar, SourcePane, Summary, Timeline, Toolbar};
use super::i18n::Lang;
use super::loader::{Loader, SharedLoader, BATCH_FILES};
use super::proto::InFile;
use super::state::{Action, Notice, Phase, State};
use super::text::Script;
use super::view::View;
use super::persist::{self, Restore, Saver};
use super::{dom, export, import, samples};
use std::rc::Rc;
use crate::output::Format;
use yew::prelude::*;

/// Loads the sample corpus: the load starts at once (the page shows it
/// parsing), the files are given once fetched.
fn load_samples(loader: &SharedLoader, max_bytes: usize) {
    let job = Loader::start(loader, samples::SAMPLE_FILES.len(), 0, max_bytes);
    let loader = loader.clone();
    wasm_bindgen_futures::spawn_local(async move {
        let files = samples::files().await;
        if Loader::feed(&loader, job, files) {
            Loader::end_input(&loader, job);
        }
    });
}

#[function_component(App)]
pub fn app() -> Html {
    let state = use_reducer(State::default);
    let loader = use_mut_ref(|| None::<SharedLoader>);
    let printing = use_state(|| false);
    let saver = use_mut_ref(Saver::default);
    // One callback for the page's life, so the components given it re-render
    // only when what they show changed.
    let dispatch: Callback<Action> = {
        let d = state.dispatcher();
        (*use_memo((), move |_| Callback::from(move |a| d.dispatch(a)))).clone()
    };

    {
        // Once, in the browser: the view from the hash, the stored corpus
        // (or, on a first visit, the sample corpus), and the listeners.
        let loader = loader.clone();
        let dispatch = dispatch.clone();
        let printing = printing.clone();
        let saver = saver.clone();
        use_effect_with((), move |_| {
            dispatch.emit(Action::SetView(View::from_hash(&dom::hash())));
            let shared = Loader::new(dispatch.clone());
            *loader.borrow_mut() = Some(shared.clone());
            {
                let dispatch = dispatch.clone();
                let saver = saver.clone();
                wasm_bindgen_futures::spawn_local(async move {
                    // A store that cannot be read opens empty with a notice
                    // (and is cleared); it never stops the page.
                    match persist::restore(&saver, &dispatch).await {
                        Some(Restore::Done) => {}
                        Some(Restore::Dropped(notice)) => {
                            dispatch.emit(Action::Restored { docs: Vec::new(), done: true });
                            dispatch.emit(Action::Notify(Some(notice)));
                        }
                        // Nothing stored (or no storage): show the samples.
                        None => load_samples(&shared, View::from_hash(&dom::hash()).max_bytes()),
                    }
                });
            }
            let window = gloo::utils::window();
            let on_hash = {
                let dispatch = dispatch.clone();
                gloo::events::EventListener::new(&window, "hashchange", move |_| {
                    dispatch.emit(Action::SetView(View::from_hash(&dom::hash())));
                })
            };
            let before = {
                let printing = printing.clone();
                gloo::events::EventListener::new(&window, "beforeprint", move |_| printing.set(true))
            };
            let after = gloo::events::EventListener::new(&window, "afterprint", move |_| printing.set(false));
            move || drop((on_hash, before, after))
        });
    }
    {
        // The view lives in the URL hash; the language sets <html lang>.
        use_effect_with(state.view.clone(), move |view| {
            if let Some(root) = gloo::utils::document().document_element() {
                let _ = root.set_attribute("lang", view.lang.html_lang());
            }
            dom::set_hash(&view.to_hash());
        });
    }
    {
        // Store the corpus whenever it changed and no load is under way:
        // only the documents that changed, a few per task, in one
        // transaction per save (it lands whole or not at all); a failed save
        // (quota exceeded) is shown, and the corpus stays in memory.
        let state = state.clone();
        let dispatch = dispatch.clone();
        let saver = saver.clone();
        use_effect_with((state.revision, state.phase == Phase::Ready), move |&(revision, ready)| {
            if ready && revision > 0 {
                Saver::save(&saver, Rc::clone(&state.docs), dispatch);
            }
        });
    }

    let with_loader = {
        let loader = loader.clone();
        move |f: Box<dyn Fn(&SharedLoader)>| {
            if let Some(l) = loader.borrow().as_ref() {
                f(l);
            }
        }
    };
    let max_bytes = state.view.max_bytes();
    let on_samples = {
        let with_loader = with_loader.clone();
        Callback::from(move |_| with_loader(Box::new(move |l| load_samples(l, max_bytes))))
    };
    // Files chosen or dropped, with their names (paths inside a folder).
    let on_named = {
        let loader = loader.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |named: Vec<(String, web_sys::File)>| {
            let Some(shared) = loader.borrow().clone() else { return };
            let dispatch = dispatch.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let mut named = named;
                dom::sort_by_name(&mut named);
                let (exports, reports): (Vec<_>, Vec<_>) =
                    named.into_iter().partition(|(name, _)| import::is_export(name));
                for g in dom::read_some(&exports).await {
                    match import::read_export(&g.bytes) {
                        Ok(docs) => dispatch.emit(Action::Loaded(docs)),
                        Err(message) => dispatch.emit(Action::Notify(Some(Notice::BadExport { file: g.name, message }))),
                    }
                }
                if reports.is_empty() {
                    return;
                }
                // Parsing starts with the first files read; the rest are
                // read while it runs, a batch at a time. (Their sizes are not
                // asked for up front: each File.size of a disk file is a
                // synchronous stat, seconds for 10,000 files.)
                let job = Loader::start(&shared, reports.len(), 0, max_bytes);
                for chunk in reports.chunks(BATCH_FILES) {
                    let given = dom::read_some(chunk).await;
                    let files = given.into_iter().map(|g| InFile { name: g.name, bytes: g.bytes }).collect();
                    if !Loader::feed(&shared, job, files) {
                        return;
                    }
                }
                Loader::end_input(&shared, job);
            });
        })
    };
    let on_files = {
        let on_named = on_named.clone();
        Callback::from(move |(files, folder): (Vec<web_sys::File>, bool)| {
            let on_named = on_named.clone();
            wasm_bindgen_futures::spawn_local(async move { on_named.emit(dom::named(files, folder).await) });
        })
    };
    let on_paste = {
        let with_loader = with_loader.clone();
        Callback::from(move |text: String| {
            let name = format!("pasted-{}.txt", js_sys::Date::now() as u64);
            let files = vec![InFile { name, bytes: text.into_bytes() }];
            with_loader(Box::new(move |l| Loader::load(l, files.clone(), max_bytes)));
        })
    };
    let on_cancel = {
        let with_loader = with_loader.clone();
        Callback::from(move |_| with_loader(Box::new(Loader::cancel)))
    };
    let on_clear = {
        let with_loader = with_loader.clone();
        let dispatch = dispatch.clone();
        Callback::from(move |_| {
            with_loader(Box::new(Loader::cancel));
            dispatch.emit(Action::Clear);
        })
    };
    let on_export = {
        let state = state.clone();
        Callback::from(move |format: Format| {
            let text = export::to_string(&state.export_docs(), format);
            let (name, mime) = match format {
                Format::Json => ("readout.json", "application/json"),
                Format::Jsonl => ("readout.jsonl", "application/x-ndjson"),
                Format::Csv => ("readout.csv", "text/csv;charset=utf-8"),
            };
            dom::download(name, mime, &text);
        })
    };
    let on_print = {
        let printing = printing.clone();
        Callback::from(move |_| {
            printing.set(true);
            gloo::timers::callback::Timeout::new(50, || {
                let _ = gloo::utils::window().print();
            })
            .forget();
        })
    };
    let on_script = {
        let dispatch = dispatch.clone();
        let view = state.view.clone();
        Callback::from(move |script: Script| dispatch.emit(Action::SetView(View { script, ..view.clone() })))
    };
    let on_lang = {
        let dispatch = dispatch.clone();
        let view = state.view.clone();
        Callback::from(move |lang: Lang| dispatch.emit(Action::SetView(View { lang, ..view.clone() })))
    };
    let on_max_mb = {
        let dispatch = dispatch.clone();
        let view = state.view.clone();
        Callback::from(move |max_mb: u32| dispatch.emit(Action::SetView(View { max_mb, ..view.clone() })))
    };
    let ondragover = Callback::from(|e: DragEvent| e.prevent_default());
    // A drop of files or folders: folders are walked (webkitGetAsEntry), as
    // when a folder is chosen.
    let ondrop = {
        let on_files = on_files.clone();
        let on_named = on_named.clone();
        Callback::from(move |e: DragEvent| {
            e.prevent_default();
            let Some(dt) = e.data_transfer() else { return };
            let entries = dom::dropped_entries(&dt);
            if entries.is_empty() {
                let files = dom::files_of(dt.files());
                if !files.is_empty() {
                    on_files.emit((files, false));
                }
                return;
            }
            let on_named = on_named.clone();
            wasm_bindgen_futures::spawn_local(async move {
                let named = dom::walk_entries(entries).await;
                if !named.is_empty() {
                    on_named.emit(named);
                }
            });
        })
    };

    let l = state.view.lang.labels();
    let source_doc = state.selection.as_ref().and_then(|s| state.doc(&s.file)).cloned();
    let empty = state.phase == Phase::Ready && state.docs.is_empty();
    html! {
        <div class={classes!("page", (*printing).then_some("printing"))} data-phase={state.phase.code()}
            data-testid="app" {ondragover} {ondrop}>
            <header class="masthead">
                <h1 class="brand">{ "Readout" }</h1>
                <p class="tagline">{ l.tagline }</p>
            </header>
            <Toolbar labels={l} script={state.view.script} lang={state.view.lang} busy={state.progress.is_some()}
                has_docs={!state.docs.is_empty()} {on_samples} {on_files} {on_paste} {on_export} {on_print}
                {on_clear} {on_script} {on_lang} max_mb={state.view.max_mb} {on_max_mb} />
            if let Some(p) = state.progress {
                <ProgressBar progress={p} labels={l} {on_cancel} />
            }
            <NoticeBar notice={state.notice.clone()} labels={l} on_close={dispatch.reform(|_| Action::Notify(None))} />
            <FileErrors errors={state.errors.clone()} labels={l} />
            <Filters view={state.view.clone()} facets={state.facets.clone()} labels={l} on={dispatch.clone()} />
            <Summary phase={state.phase} counts={state.counts} shown={Some(state.shown)}
                matches={(!state.query.is_empty()).then_some(state.matched_directives)} labels={l} />
            if empty {
                <p class="empty-corpus">{ l.empty_corpus }</p>
            }
            <main class="workspace">
                <Timeline phase={state.phase} rows={state.rows.clone()} timeline={state.timeline.clone()}
                    expanded={state.expanded.clone()} selection={state.selection.clone()} query={state.query.clone()}
                    script={state.view.script} labels={l} on={dispatch.clone()} all={*printing}
                    filtered={state.view.filters()} />
                <SourcePane doc={source_doc} selection={state.selection.clone()} labels={l}
                    script={state.view.script} on={dispatch.clone()} />
            </main>
            <footer class="colophon">
                <p>{ l.colophon }</p>
            </footer>
        </div>
    }
}
