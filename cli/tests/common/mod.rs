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

/// Makes a new key file at `path` with `prequal key new` and returns its `did:key`.
#[allow(dead_code)] // not every test file makes keys
pub fn new_key(path: &std::path::Path) -> String {
    let out = prequal()
        .args(["key", "new", "--out"])
        .arg(path)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    let did = String::from_utf8(out).expect("utf-8").trim().to_owned();
    assert!(did.starts_with("did:key:z6Mk"), "{did}");
    did
}
