//! Golden files and test vectors: what a test produces is compared byte for byte with the file
//! in the repository; `PREQUAL_BLESS=1` rewrites the file first (then review the diff).

/// Asserts that the file at `path` holds exactly `actual`, after writing it when blessing.
pub fn check(path: &str, actual: &str) {
    if std::env::var_os("PREQUAL_BLESS").is_some() {
        std::fs::write(path, actual).expect("bless");
    }
    let expected = std::fs::read_to_string(path).expect("golden (bless with PREQUAL_BLESS=1)");
    assert!(
        actual == expected,
        "{path} differs (bless with PREQUAL_BLESS=1 after review)"
    );
}
