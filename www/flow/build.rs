//! Compiles the on-demand screens' Fluent messages (`../locales/*/flow.ftl`) into Rust.

#[path = "../build/messages.rs"]
mod messages;

fn main() {
    let manifest =
        std::path::PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("manifest dir"));
    let root = manifest.parent().expect("www/").to_path_buf();
    messages::generate(&root, "flow", "T", "t", &[]);
    println!("cargo::rerun-if-changed=../build/messages.rs");
}
