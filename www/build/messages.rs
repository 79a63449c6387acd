//! Compiles the Fluent message files `locales/<language>/NAME.ftl` of every language directory
//! into Rust, for the build scripts of the web app's two modules: a new language is a new
//! directory (zh-CN, the default, comes first; English is the reference).
//!
//! Fluent's own parser reads the files, so a syntax error fails the build with its line. Every
//! language must define the same messages, and a translated message may use only the variables of
//! its English twin. Variables become positional placeholders (`{0}`, `{1}`, … in order of first
//! use in the English text), filled at run time by `i18n::fill`; the browser gets plain string
//! tables, not a Fluent runtime, which keeps the first load small.
//!
//! Messages whose id starts with one of the lookup prefixes (`field-`, `option-`, …) are looked
//! up by id at run time (`lookup`); every other message becomes a variant of the text enum.

use std::collections::BTreeMap;
use std::fmt::Write;
use std::path::Path;

use fluent_syntax::ast::{Entry, Expression, InlineExpression, PatternElement};

/// One message: its comment, and its text per language (in [`languages`] order) with
/// positional placeholders.
struct Message {
    comment: String,
    texts: Vec<String>,
}

/// The language directories under `root/locales`: zh-CN (the default) first, then English (the
/// reference), then the others in tag order.
pub fn languages(root: &Path) -> Vec<String> {
    let mut tags: Vec<String> = std::fs::read_dir(root.join("locales"))
        .expect("locales/")
        .map(|entry| entry.expect("locale entry").path())
        .filter(|path| path.is_dir())
        .map(|path| {
            path.file_name()
                .expect("name")
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    tags.sort_by_key(|tag| (tag != "zh-CN", tag != "en", tag.clone()));
    assert!(
        tags.len() >= 2 && tags[0] == "zh-CN" && tags[1] == "en",
        "locales/zh-CN and locales/en are required"
    );
    tags
}

type Pattern = fluent_syntax::ast::Pattern<String>;

/// Text with `{i}` placeholders, and the variables in order of first use.
fn flatten(pattern: &Pattern, vars: &mut Vec<String>, strict: bool, where_: &str) -> String {
    let mut out = String::new();
    for element in &pattern.elements {
        match element {
            PatternElement::TextElement { value } => out.push_str(value),
            PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::VariableReference { id }),
            } => {
                let index = match vars.iter().position(|v| *v == id.name) {
                    Some(index) => index,
                    None if strict => panic!(
                        "{where_}: ${} is not a variable of the English message",
                        id.name
                    ),
                    None => {
                        vars.push(id.name.clone());
                        vars.len() - 1
                    }
                };
                write!(out, "{{{index}}}").expect("write to String");
            }
            PatternElement::Placeable {
                expression: Expression::Inline(InlineExpression::StringLiteral { value }),
            } => out.push_str(value),
            _ => panic!("{where_}: only text, variables and string literals are supported"),
        }
    }
    out
}

/// The messages of a file: id, comment, pattern. Parsing the owned text gives an owned tree.
fn parse(path: &Path) -> Vec<(String, String, Pattern)> {
    let source =
        std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let resource = fluent_syntax::parser::parse(source).unwrap_or_else(|(_, errors)| {
        panic!("{}: {errors:?}", path.display());
    });
    let mut messages = Vec::new();
    for entry in resource.body {
        if let Entry::Message(message) = entry {
            let value = message
                .value
                .unwrap_or_else(|| panic!("{}: {} has no value", path.display(), message.id.name));
            let comment = message
                .comment
                .map(|c| c.content.join(" "))
                .unwrap_or_default();
            messages.push((message.id.name, comment, value));
        }
    }
    messages
}

fn camel(id: &str) -> String {
    id.split('-')
        .map(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .map(|c| c.to_ascii_uppercase().to_string() + chars.as_str())
                .unwrap_or_default()
        })
        .collect()
}

/// Generates `OUT_DIR/NAME_messages.rs` from `locales/*/NAME.ftl` under `root`: `LANGUAGES`
/// (the tags, in [`languages`] order), an enum `enum_name` with a variant per message, the
/// function `text_fn(lang, enum) -> &'static str`, and `lookup(lang, id) -> Option<&'static str>`
/// for ids starting with a `lookup_prefixes` entry.
pub fn generate(root: &Path, name: &str, enum_name: &str, text_fn: &str, lookup_prefixes: &[&str]) {
    let tags = languages(root);
    println!("cargo::rerun-if-changed={}", root.join("locales").display());
    let path_of = |tag: &str| root.join(format!("locales/{tag}/{name}.ftl"));
    for tag in &tags {
        println!("cargo::rerun-if-changed={}", path_of(tag).display());
    }
    let en_path = path_of("en");
    let en = parse(&en_path);
    let others: Vec<(String, BTreeMap<String, Pattern>)> = tags
        .iter()
        .map(|tag| {
            let map = parse(&path_of(tag))
                .into_iter()
                .map(|(id, _, p)| (id, p))
                .collect();
            (tag.clone(), map)
        })
        .collect();
    let mut messages: Vec<(String, Message)> = Vec::new();
    // `html-…` messages are for the page's HTML only (filled in by `cargo xtask dist` before the
    // app runs): the app never says them, so its tables leave them out.
    for (id, comment, pattern) in en.iter().filter(|(id, _, _)| !id.starts_with("html-")) {
        let mut vars = Vec::new();
        flatten(
            pattern,
            &mut vars,
            false,
            &format!("{}: {id}", en_path.display()),
        );
        let texts = others
            .iter()
            .map(|(tag, map)| {
                let path = path_of(tag);
                let pattern = map
                    .get(id)
                    .unwrap_or_else(|| panic!("{}: {id} is missing", path.display()));
                flatten(
                    pattern,
                    &mut vars.clone(),
                    true,
                    &format!("{}: {id}", path.display()),
                )
            })
            .collect();
        let mut comment = comment.clone();
        if !vars.is_empty() {
            let listed: Vec<String> = vars
                .iter()
                .enumerate()
                .map(|(i, v)| format!("`{{{i}}}` ${v}"))
                .collect();
            write!(comment, " Placeholders: {}.", listed.join(", ")).expect("write to String");
        }
        messages.push((id.clone(), Message { comment, texts }));
    }
    for (tag, map) in &others {
        for id in map.keys() {
            assert!(
                en.iter().any(|(e, _, _)| e == id),
                "{}: {id} is not in the English file",
                path_of(tag).display()
            );
        }
    }
    let english = 1;
    let n = tags.len();
    let is_lookup = |id: &str| lookup_prefixes.iter().any(|p| id.starts_with(p));
    let mut out = format!(
        "// Generated by build.rs from locales/*/{name}.ftl. Do not edit: edit the .ftl files.\n\n\
         /// The languages of the message files, the default first.\n\
         pub const LANGUAGES: [&str; {n}] = {tags:?};\n\n\
         /// A fixed text, by message id (see `locales/en/{name}.ftl`).\n\
         #[derive(Debug, Clone, Copy, PartialEq, Eq)]\npub enum {enum_name} {{\n"
    );
    for (id, m) in messages.iter().filter(|(id, _)| !is_lookup(id)) {
        let doc = if m.comment.trim().is_empty() {
            m.texts[english].clone()
        } else {
            m.comment.trim().to_owned()
        };
        writeln!(
            out,
            "    /// {}\n    {},",
            doc.replace('\n', " "),
            camel(id)
        )
        .expect("write");
    }
    // Tables, not `match`es: an index or a binary search over static data costs a few bytes
    // of code, where a match over a hundred strings costs kilobytes.
    let texts: Vec<&(String, Message)> = messages.iter().filter(|(id, _)| !is_lookup(id)).collect();
    writeln!(out, "}}\n\n/// The text of each [`{enum_name}`] in each language, in declaration order.\nstatic TEXTS: [[&str; {n}]; {}] = [", texts.len()).expect("write");
    for (_, m) in &texts {
        writeln!(out, "    {:?},", m.texts).expect("write");
    }
    writeln!(out, "];\n\n/// `text` in `lang`.\npub fn {text_fn}(lang: Lang, text: {enum_name}) -> &'static str {{\n    TEXTS[text as usize][lang.index()]\n}}").expect("write");
    if !lookup_prefixes.is_empty() {
        let mut looked_up: Vec<&(String, Message)> =
            messages.iter().filter(|(id, _)| is_lookup(id)).collect();
        looked_up.sort_by(|a, b| a.0.cmp(&b.0));
        writeln!(out, "\n/// Messages looked up by id, sorted by id.\nstatic LOOKUP: [(&str, [&str; {n}]); {}] = [", looked_up.len()).expect("write");
        for (id, m) in &looked_up {
            writeln!(out, "    ({id:?}, {:?}),", m.texts).expect("write");
        }
        out.push_str("];\n\n/// A message looked up by its id (`field-…`, `option-…`, …), in `lang`.\npub fn lookup(lang: Lang, id: &str) -> Option<&'static str> {\n    let at = LOOKUP.binary_search_by(|(key, _)| (*key).cmp(id)).ok()?;\n    Some(LOOKUP[at].1[lang.index()])\n}\n");
    }
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    std::fs::write(Path::new(&out_dir).join(format!("{name}_messages.rs")), out)
        .expect("write generated messages");
}
