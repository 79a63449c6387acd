//! Compiles the Fluent message files (`locales/<language>/*.ftl`) into Rust tables, with the
//! web form's own words for fields, options, sections and rules
//! (`../www/locales/<language>/app.ftl`, the messages whose id starts with `field-`, `option-`,
//! `section-`, `rule-` or `expected-`), so the CLI names a field and a broken rule in the same
//! words as the form.
//!
//! With the feature `desk`, the loan officers' desk's words (`locales-desk/<language>/*.ftl`)
//! join them.
//!
//! Every directory under `locales/` is a language: adding one needs only its `.ftl` files.
//! Fluent's own parser reads them, so a syntax error fails the build with its line. Every
//! language must define exactly the messages English defines, with no variable English does not
//! use. A pattern may hold text, variables and a select on a variable (`{ $n -> [one] … *[other]
//! … }`); the tables keep that shape and `lib.rs` fills them at run time.

#![allow(clippy::unwrap_used)]
use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::{Path, PathBuf};

use fluent_syntax::ast::{
    Entry, Expression, InlineExpression, Pattern, PatternElement, VariantKey,
};

/// Each message's pattern, and the variables its comment declares (`# $wan: …`): a language
/// may use those even where English does not (English has no 万).
type Messages = BTreeMap<String, Message>;

/// A message's pattern and the variables its comment declares.
type Message = (Pattern<String>, Vec<String>);

fn main() {
    let root = PathBuf::from(std::env::var("CARGO_MANIFEST_DIR").expect("manifest dir"));
    let locales = root.join("locales");
    println!("cargo::rerun-if-changed={}", locales.display());
    let mut languages: Vec<(String, Messages)> = std::fs::read_dir(&locales)
        .expect("locales/")
        .map(|entry| entry.expect("locale entry").path())
        .filter(|path| path.is_dir())
        .map(|dir| {
            let tag = dir
                .file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned();
            let mut messages = read_language(&dir);
            // The loan officers' desk's own words (feature `desk`): only the inbox links them,
            // so the merchant's browser never carries them.
            if std::env::var_os("CARGO_FEATURE_DESK").is_some() {
                let desk = root.join("locales-desk").join(&tag);
                println!("cargo::rerun-if-changed={}", desk.display());
                for (id, message) in read_language(&desk) {
                    assert!(
                        messages.insert(id.clone(), message).is_none(),
                        "locales-desk/{tag}: `{id}` is also in locales/{tag}"
                    );
                }
            }
            let form = root.join("../www/locales").join(&tag).join("app.ftl");
            println!("cargo::rerun-if-changed={}", form.display());
            for (id, message) in read_file(&form) {
                if FORM_PREFIXES.iter().any(|prefix| id.starts_with(prefix)) {
                    assert!(
                        messages.insert(id.clone(), message).is_none(),
                        "{}: `{id}` is also in locales/{tag}",
                        form.display()
                    );
                }
            }
            (tag, messages)
        })
        .collect();
    // English first: it is the reference and the fallback.
    languages.sort_by_key(|(tag, _)| (tag != "en", tag.clone()));
    assert_eq!(languages[0].0, "en", "locales/en is required");
    let english = &languages[0].1;
    for (tag, messages) in &languages[1..] {
        for id in english.keys() {
            assert!(
                messages.contains_key(id),
                "locales/{tag}: `{id}` is missing"
            );
        }
        for (id, (pattern, _)) in messages {
            let (reference, declared) = english
                .get(id)
                .unwrap_or_else(|| panic!("locales/{tag}: `{id}` is not in locales/en"));
            let mut allowed = declared.clone();
            variables(reference, &mut allowed);
            let mut used = Vec::new();
            variables(pattern, &mut used);
            for variable in used {
                assert!(
                    allowed.contains(&variable),
                    "locales/{tag}: `{id}` uses ${variable}, which locales/en does not"
                );
            }
        }
    }
    let mut out = String::new();
    writeln!(out, "/// Language tags, English first.").expect("write to a String");
    write!(out, "pub const LANGUAGES: &[&str] = &[").expect("write to a String");
    for (tag, _) in &languages {
        write!(out, "{tag:?}, ").expect("write to a String");
    }
    writeln!(out, "];").expect("write to a String");
    writeln!(out, "/// Message ids, sorted (binary search).").expect("write to a String");
    write!(out, "const IDS: &[&str] = &[").expect("write to a String");
    for id in english.keys() {
        write!(out, "{id:?}, ").expect("write to a String");
    }
    writeln!(out, "];").expect("write to a String");
    writeln!(
        out,
        "/// Per language, per message (in `IDS` order), its pattern."
    )
    .expect("write to a String");
    writeln!(out, "const PATTERNS: &[&[&[Piece]]] = &[").expect("write to a String");
    for (_, messages) in &languages {
        writeln!(out, "  &[").expect("write to a String");
        for id in english.keys() {
            writeln!(out, "    {},", pieces(&messages[id].0)).expect("write to a String");
        }
        writeln!(out, "  ],").expect("write to a String");
    }
    writeln!(out, "];").expect("write to a String");
    let target = PathBuf::from(std::env::var("OUT_DIR").expect("out dir")).join("messages.rs");
    std::fs::write(target, out).expect("write messages.rs");
}

/// The web form's messages the results and the CLI share.
const FORM_PREFIXES: [&str; 5] = ["field-", "option-", "section-", "rule-", "expected-"];

fn read_language(dir: &Path) -> Messages {
    let mut messages = Messages::new();
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("language dir")
        .map(|entry| entry.expect("entry").path())
        .filter(|path| path.extension().is_some_and(|ext| ext == "ftl"))
        .collect();
    files.sort();
    for path in files {
        for (id, message) in read_file(&path) {
            assert!(
                messages.insert(id.clone(), message).is_none(),
                "{}: `{id}` is defined twice",
                path.display()
            );
        }
    }
    messages
}

/// The messages of one file, with the variables their comments declare.
fn read_file(path: &Path) -> Vec<(String, Message)> {
    let mut messages = Vec::new();
    {
        let source =
            std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
        let resource = fluent_syntax::parser::parse(source)
            .unwrap_or_else(|(_, errors)| panic!("{}: {errors:?}", path.display()));
        for entry in resource.body {
            if let Entry::Message(message) = entry {
                let id = message.id.name;
                let value = message
                    .value
                    .unwrap_or_else(|| panic!("{}: `{id}` has no value", path.display()));
                let declared = message
                    .comment
                    .map(|comment| {
                        comment
                            .content
                            .iter()
                            .flat_map(|line| line.split_whitespace())
                            .filter_map(|word| word.strip_prefix('$'))
                            .map(|name| name.trim_end_matches([':', ',', '.']).to_owned())
                            .collect()
                    })
                    .unwrap_or_default();
                messages.push((id, (value, declared)));
            }
        }
    }
    messages
}

fn variables(pattern: &Pattern<String>, out: &mut Vec<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            match expression {
                Expression::Inline(InlineExpression::VariableReference { id }) => {
                    out.push(id.name.clone())
                }
                Expression::Select { selector, variants } => {
                    if let InlineExpression::VariableReference { id } = selector {
                        out.push(id.name.clone());
                    }
                    variants.iter().for_each(|v| variables(&v.value, out));
                }
                _ => {}
            }
        }
    }
}

/// The pattern as a Rust slice expression of `Piece`s.
fn pieces(pattern: &Pattern<String>) -> String {
    let mut out = String::from("&[");
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => {
                write!(out, "Piece::Text({value:?}),").expect("write to a String")
            }
            PatternElement::Placeable { expression } => match expression {
                Expression::Inline(InlineExpression::VariableReference { id }) => {
                    write!(out, "Piece::Var({:?}),", id.name).expect("write to a String")
                }
                Expression::Inline(InlineExpression::StringLiteral { value }) => {
                    write!(out, "Piece::Text({value:?}),").expect("write to a String")
                }
                Expression::Select { selector, variants } => {
                    let InlineExpression::VariableReference { id } = selector else {
                        panic!("a select must be on a variable");
                    };
                    let default = variants
                        .iter()
                        .position(|v| v.default)
                        .expect("a select has a default variant");
                    write!(out, "Piece::Select({:?}, &[", id.name).expect("write to a String");
                    for variant in variants {
                        let key = match &variant.key {
                            VariantKey::Identifier { name } => name.clone(),
                            VariantKey::NumberLiteral { value } => value.clone(),
                        };
                        write!(out, "({key:?}, {}),", pieces(&variant.value))
                            .expect("write to a String");
                    }
                    write!(out, "], {default}),").expect("write to a String");
                }
                _ => panic!("only text, variables, string literals and selects are supported"),
            },
        }
    }
    out.push(']');
    out
}
