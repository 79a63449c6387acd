//! Compiles a pair of Fluent message files (`locales/en/NAME.ftl`, `locales/zh-CN/NAME.ftl`)
//! into Rust, for the build scripts of the web app's two modules.
//!
//! Fluent's own parser reads the files, so a syntax error fails the build with its line. Both
//! languages must define the same messages, and a Chinese message may use only the variables of
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

/// One message: its comment, and its text per language with positional placeholders.
struct Message {
    comment: String,
    en: String,
    zh: String,
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

/// Generates `OUT_DIR/NAME_messages.rs` from `locales/*/NAME.ftl` under `root`: an enum
/// `enum_name` with a variant per message, the function `text_fn(lang, enum) -> &'static str`,
/// and `lookup(lang, id) -> Option<&'static str>` for ids starting with a `lookup_prefixes` entry.
pub fn generate(root: &Path, name: &str, enum_name: &str, text_fn: &str, lookup_prefixes: &[&str]) {
    let en_path = root.join(format!("locales/en/{name}.ftl"));
    let zh_path = root.join(format!("locales/zh-CN/{name}.ftl"));
    println!("cargo::rerun-if-changed={}", en_path.display());
    println!("cargo::rerun-if-changed={}", zh_path.display());
    let en = parse(&en_path);
    let zh: BTreeMap<String, Pattern> = parse(&zh_path)
        .into_iter()
        .map(|(id, _, p)| (id, p))
        .collect();
    let mut messages: Vec<(String, Message)> = Vec::new();
    for (id, comment, pattern) in &en {
        let mut vars = Vec::new();
        let en_text = flatten(
            pattern,
            &mut vars,
            false,
            &format!("{}: {id}", en_path.display()),
        );
        let zh_pattern = zh
            .get(id)
            .unwrap_or_else(|| panic!("{}: {id} is missing", zh_path.display()));
        let zh_text = flatten(
            zh_pattern,
            &mut vars.clone(),
            true,
            &format!("{}: {id}", zh_path.display()),
        );
        let mut comment = comment.clone();
        if !vars.is_empty() {
            let listed: Vec<String> = vars
                .iter()
                .enumerate()
                .map(|(i, v)| format!("`{{{i}}}` ${v}"))
                .collect();
            write!(comment, " Placeholders: {}.", listed.join(", ")).expect("write to String");
        }
        messages.push((
            id.clone(),
            Message {
                comment,
                en: en_text,
                zh: zh_text,
            },
        ));
    }
    for id in zh.keys() {
        assert!(
            en.iter().any(|(e, _, _)| e == id),
            "{}: {id} is not in the English file",
            zh_path.display()
        );
    }
    let is_lookup = |id: &str| lookup_prefixes.iter().any(|p| id.starts_with(p));
    let mut out = format!(
        "// Generated by build.rs from locales/{{en,zh-CN}}/{name}.ftl. Do not edit: edit the .ftl files.\n\n\
         /// A fixed text, by message id (see `locales/en/{name}.ftl`).\n\
         #[derive(Debug, Clone, Copy, PartialEq, Eq)]\npub enum {enum_name} {{\n"
    );
    for (id, m) in messages.iter().filter(|(id, _)| !is_lookup(id)) {
        let doc = if m.comment.trim().is_empty() {
            m.en.clone()
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
    writeln!(out, "}}\n\n/// English and Chinese text of each [`{enum_name}`], in declaration order.\nstatic TEXTS: [(&str, &str); {}] = [", texts.len()).expect("write");
    for (_, m) in &texts {
        writeln!(out, "    ({:?}, {:?}),", m.en, m.zh).expect("write");
    }
    writeln!(out, "];\n\n/// `text` in `lang`.\npub fn {text_fn}(lang: Lang, text: {enum_name}) -> &'static str {{\n    let (en, zh) = TEXTS[text as usize];\n    lang.pick(en, zh)\n}}").expect("write");
    if !lookup_prefixes.is_empty() {
        let mut looked_up: Vec<&(String, Message)> =
            messages.iter().filter(|(id, _)| is_lookup(id)).collect();
        looked_up.sort_by(|a, b| a.0.cmp(&b.0));
        writeln!(out, "\n/// Messages looked up by id, sorted by id.\nstatic LOOKUP: [(&str, &str, &str); {}] = [", looked_up.len()).expect("write");
        for (id, m) in &looked_up {
            writeln!(out, "    ({id:?}, {:?}, {:?}),", m.en, m.zh).expect("write");
        }
        out.push_str("];\n\n/// A message looked up by its id (`field-…`, `option-…`, …), in `lang`.\npub fn lookup(lang: Lang, id: &str) -> Option<&'static str> {\n    let at = LOOKUP.binary_search_by(|(key, _, _)| (*key).cmp(id)).ok()?;\n    let (_, en, zh) = LOOKUP[at];\n    Some(lang.pick(en, zh))\n}\n");
    }
    let out_dir = std::env::var("OUT_DIR").expect("OUT_DIR");
    std::fs::write(Path::new(&out_dir).join(format!("{name}_messages.rs")), out)
        .expect("write generated messages");
}
