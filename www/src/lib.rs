//! The merchant's web app, written with Yew and compiled to WebAssembly.
//!
//! - [`state`]: the form's state and transitions, pure and testable without a browser;
//! - [`app`]: function components that render the state and forward events: welcome, the
//!   form's pages, import, draft, and the container of the on-demand screens;
//! - [`bridge`]: loading the on-demand part (`www/flow`: result, products, consent) and the
//!   saved draft;
//! - [`i18n`]: every user-facing text of the first load, in Simplified Chinese and English.
//!
//! The first load holds only what a first visit needs to fill in the form; the result and
//! everything after it are a second module fetched in the background once the merchant
//! starts (`www/flow`, which reuses [`state`] and [`i18n`]).
//!
//! Nothing here decides anything about the merchant's data: validation (and, later, scoring
//! and matching) is asked of the `prequal` core crate, which the app links directly.

pub mod app;
pub mod bridge;
pub mod i18n;
pub mod state;

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
