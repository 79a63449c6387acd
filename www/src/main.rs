//! Entry point of the web app: mounts [`prequal_www::app::App`] on `#app`.

fn main() {
    let document = gloo_utils::document();
    if let Some(root) = document.get_element_by_id("app") {
        prequal_www::mount(root);
    }
}
