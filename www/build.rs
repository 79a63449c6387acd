//! Compiles the first-load app's Fluent messages (`locales/*/app.ftl`) into Rust.

#[path = "build/messages.rs"]
mod messages;

fn main() {
    let root = std::path::PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("manifest dir"));
    messages::generate(
        &root,
        "app",
        "Text",
        "text",
        &["section-", "field-", "option-", "rule-", "expected-"],
    );
    println!("cargo::rerun-if-changed=build/messages.rs");
}
