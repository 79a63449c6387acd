//! Helpers shared by the CLI's end-to-end tests.

use assert_cmd::Command;

/// Path of a sample profile in `examples/profiles/`.
pub fn example(name: &str) -> String {
    format!(
        "{}/../examples/profiles/{name}.json",
        env!("CARGO_MANIFEST_DIR")
    )
}

/// The `prequal` binary under test.
pub fn prequal() -> Command {
    Command::cargo_bin("prequal").expect("the prequal binary is built")
}
