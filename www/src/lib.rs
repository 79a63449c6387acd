//! The merchant's web app, written with Yew and compiled to WebAssembly.
//!
//! - [`state`]: the form's state and transitions, pure and testable without a browser;
//! - [`app`]: function components that render the state and forward events;
//! - [`charts`]: the grade gauge and factor chart (SVG with text alternatives);
//! - [`whatif`]: sliders that re-score the merchant's own text with one value changed;
//! - [`i18n`]: every user-facing text, in Simplified Chinese and English.
//!
//! Nothing here decides anything about the merchant's data: validation (and, later, scoring
//! and matching) is asked of the `prequal` core crate, which the app links directly.

pub mod app;
pub mod charts;
pub mod i18n;
pub mod state;
pub mod whatif;

/// Today's date in the merchant's time zone, `YYYY-MM-DD`: the one place the app reads the
/// clock, passed into the core as data.
pub fn today() -> String {
    let now = js_sys::Date::new_0();
    format!(
        "{:04}-{:02}-{:02}",
        now.get_full_year(),
        now.get_month() + 1,
        now.get_date()
    )
}

/// Mounts the app on `element`.
pub fn mount(element: web_sys::Element) {
    yew::Renderer::<app::App>::with_root_and_props(
        element,
        app::AppProps {
            today: today().into(),
        },
    )
    .render();
}
