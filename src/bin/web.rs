//! The web page's entry point (built by trunk for wasm32): mounts the
//! [`readout::ui::App`] into `#app`, or into the body when there is none.

fn main() {
    let root = gloo::utils::document().get_element_by_id("app");
    match root {
        Some(root) => yew::Renderer::<readout::ui::App>::with_root(root).render(),
        None => yew::Renderer::<readout::ui::App>::new().render(),
    };
}
