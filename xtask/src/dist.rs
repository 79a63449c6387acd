//! `cargo xtask dist`: the release web app in `dist/`, and the size report that holds it to its
//! budget (`www/size-budget.toml`).

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{bail, Context, Result};

use crate::{cargo, run, tools, workspace_root};

/// One file of the bundle and its transfer sizes.
pub struct FileSize {
    /// Path relative to `dist/`.
    pub name: String,
    /// Bytes on disk.
    pub raw: u64,
    /// Bytes with gzip -9.
    pub gzip: u64,
    /// Bytes with brotli quality 11.
    pub brotli: u64,
}

#[derive(serde::Deserialize)]
struct Budget {
    first_load: FirstLoad,
    app_module: AppModule,
    import_module: ImportModule,
}

#[derive(serde::Deserialize)]
struct ImportModule {
    /// Kilobytes of gzip transfer for the import module (`dist/import/`), fetched when a
    /// merchant opens the file chooser; the build fails above it.
    gzip_kb: u64,
}

#[derive(serde::Deserialize)]
struct AppModule {
    /// Kilobytes of gzip transfer for the app module (`dist/flow/`): the most it may weigh;
    /// the build fails above it.
    gzip_kb: u64,
    /// Where it should get to, printed beside the figure (docs/performance.md says why it is
    /// not there yet).
    goal_gzip_kb: u64,
}

#[derive(serde::Deserialize)]
struct FirstLoad {
    /// Kilobytes (1,000 bytes) of gzip transfer for what the first screen needs (the page, its
    /// styles and its loader: the welcome and the form's first page work from these alone).
    gzip_kb: u64,
}

/// The directory the bundle is written to.
pub fn dist_dir() -> PathBuf {
    workspace_root().join("dist")
}

/// Builds the release bundle into `dist/`.
pub fn build() -> Result<PathBuf> {
    tools::ensure_wasm_target()?;
    let root = workspace_root();
    let dist = dist_dir();
    if dist.exists() {
        std::fs::remove_dir_all(&dist).with_context(|| format!("clearing {}", dist.display()))?;
    }
    std::fs::create_dir_all(&dist)?;
    // The page itself: its first screen and the form's first page work from these alone, while
    // the app module downloads.
    copy_dir_files(&root.join("www/static"), &dist)?;

    // Loaded on demand, not on first visit: the JavaScript API (matching, schedules, catalog
    // verification, bundles) with its TypeScript types and the merchant's key store, and the
    // catalog it matches against.
    run(cargo().args([
        "build",
        "--release",
        "--package",
        "prequal-engine",
        "--lib",
        "--target",
        "wasm32-unknown-unknown",
    ]))?;
    package(
        &root.join("target/wasm32-unknown-unknown/release/prequal_engine.wasm"),
        "prequal_engine",
        Some(&root.join("engine/js")),
        &dist.join(ENGINE_DIR),
        true,
    )?;
    // The app module: the form, the result, products, consent and after (`www/flow`, which
    // links `www`), fetched from the first paint; it links the engine, so the key store signs
    // through it too.
    package(
        &build_app_wasm("prequal-www-flow")?,
        "prequal_www_flow",
        Some(&root.join("engine/js")),
        &dist.join(FLOW_DIR),
        false,
    )?;
    // File import, fetched only when a merchant opens the file chooser.
    package(
        &build_app_wasm("prequal-www-import")?,
        "prequal_www_import",
        None,
        &dist.join(IMPORT_DIR),
        false,
    )?;
    std::fs::copy(
        root.join("www/flow/static/flow.css"),
        dist.join(FLOW_DIR).join("flow.css"),
    )?;
    let data = dist.join(DATA_DIR);
    std::fs::create_dir_all(&data)?;
    std::fs::copy(root.join("models/catalog.json"), data.join("catalog.json"))?;
    // The model the screens score with, and its operator's signature (they refuse it without).
    for file in ["scorecard.json", "scorecard.json.jws"] {
        std::fs::copy(root.join("models").join(file), data.join(file))?;
    }
    prerender_first_screen(&dist.join("index.html"))?;
    fill_sizes(&dist)?;
    minify(&dist)?;
    embed_examples(&root.join("www/examples/embed"), &dist)?;
    service_worker(&dist)?;
    minify_file(&dist.join(SERVICE_WORKER))?;
    precompress(&dist)?;
    Ok(dist)
}

/// The cargo profile of the app's own modules (and the bench's wasm, which measures what they
/// run): release, with the curve arithmetic of Ed25519 optimised for size (`Cargo.toml` says
/// why).
pub const APP_WASM_PROFILE: &str = "wasm-release";

/// Builds one of the app's modules for the browser: the path of its wasm.
pub fn build_app_wasm(package: &str) -> Result<PathBuf> {
    run(cargo().args([
        "build",
        "--profile",
        APP_WASM_PROFILE,
        "--package",
        package,
        "--lib",
        "--target",
        "wasm32-unknown-unknown",
    ]))?;
    Ok(workspace_root()
        .join("target/wasm32-unknown-unknown")
        .join(APP_WASM_PROFILE)
        .join(format!("{}.wasm", package.replace('-', "_"))))
}

/// The endings of files served compressed (text and wasm; images are compressed already).
const COMPRESSIBLE: &[&str] = &[
    "html",
    "js",
    "mjs",
    "css",
    "wasm",
    "json",
    "svg",
    "webmanifest",
    "ts",
];

/// Encodings written beside each compressible file, best first: `(ending, Content-Encoding)`.
pub const PRECOMPRESSED: &[(&str, &str)] = &[("br", "br"), ("gz", "gzip")];

/// Writes `NAME.br` (brotli 11) and `NAME.gz` (gzip -9) beside every compressible file of
/// `dist`, where smaller, so a server sends them as they are (`cargo xtask serve`; nginx's
/// `gzip_static`/`brotli_static`, Caddy's `precompressed`: docs/deploy.md) instead of
/// compressing on every request or not at all.
fn precompress(dist: &Path) -> Result<()> {
    let mut files = Vec::new();
    collect_files(dist, dist, &mut files)?;
    for name in files {
        let compressible = Path::new(&name)
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| COMPRESSIBLE.contains(&e));
        if !compressible {
            continue;
        }
        let path = dist.join(&name);
        let bytes = std::fs::read(&path)?;
        for (ending, compressed) in [("br", brotli(&bytes)?), ("gz", gzip(&bytes)?)] {
            if compressed.len() < bytes.len() {
                std::fs::write(dist.join(format!("{name}.{ending}")), compressed)?;
            }
        }
    }
    Ok(())
}

/// Writes the app module's size unpacked (`__FLOW_WASM_BYTES__`, what the download
/// stream counts, whatever compression the server applies) and gzip-compressed
/// (`__FLOW_WIRE_BYTES__`, about what crosses the network) into the scripts that download it,
/// so the page can say how big the wait is and how far it has got; likewise the import
/// module's (`__IMPORT_WIRE_BYTES__`).
fn fill_sizes(dist: &Path) -> Result<()> {
    let wasm = std::fs::read(dist.join(FLOW_DIR).join("prequal_www_flow_bg.wasm"))?;
    let import = std::fs::read(dist.join(IMPORT_DIR).join("prequal_www_import_bg.wasm"))?;
    let sizes = [
        ("__FLOW_WASM_BYTES__", wasm.len().to_string()),
        ("__FLOW_WIRE_BYTES__", gzip_len(&wasm)?.to_string()),
        ("__IMPORT_WIRE_BYTES__", gzip_len(&import)?.to_string()),
    ];
    let mut files = Vec::new();
    collect_files(dist, dist, &mut files)?;
    for name in files.iter().filter(|name| name.ends_with(".js")) {
        let path = dist.join(name);
        let text = std::fs::read_to_string(&path)?;
        let filled = sizes.iter().fold(text.clone(), |text, (marker, size)| {
            text.replace(marker, size)
        });
        if filled != text {
            std::fs::write(&path, filled)?;
        }
    }
    Ok(())
}

/// Minifies the app's JavaScript and CSS with esbuild (npm): the page and the app module's
/// screens. The engine for host pages and the example pages stay readable.
fn minify(dist: &Path) -> Result<()> {
    let mut files = Vec::new();
    collect_files(dist, dist, &mut files)?;
    for name in files {
        let skip = name.starts_with(&format!("{ENGINE_DIR}/")) || name.starts_with("embed/");
        if !skip && (name.ends_with(".js") || name.ends_with(".css")) {
            minify_file(&dist.join(name))?;
        }
    }
    Ok(())
}

fn minify_file(path: &Path) -> Result<()> {
    let esbuild = tools::ensure_npm_packages()?.join(".bin/esbuild");
    let mut command = Command::new(&esbuild);
    command
        .arg(path)
        .args(["--minify", "--log-level=warning", "--allow-overwrite"]);
    if path.extension().is_some_and(|e| e == "js") {
        command.arg("--format=esm");
    }
    run(command.arg(format!("--outfile={}", path.display())))
}

/// Fills the static first screen in `index.html` (`{{message-id}}`) with the default
/// language's texts from `www/locales/zh-CN/app.ftl`, so the page paints its welcome before
/// the wasm has loaded (the app replaces it when it starts), and puts the form's first page
/// (`www/prerendered/early-form.html`) in it, which the merchant can type into before that.
/// Messages go in as written; the one with a variable (`loading-module`, in a `data-download`
/// attribute) is filled in by `app.js`, which replaces its `{ $total }`. Lines lose their
/// indentation: the page is part of the first load.
fn prerender_first_screen(index: &Path) -> Result<()> {
    let messages = std::fs::read_to_string(workspace_root().join("www/locales/zh-CN/app.ftl"))?;
    let mut html = std::fs::read_to_string(index)?;
    // The form's first page as the app renders it (a test of `prequal-www` keeps the file
    // current): Start links to it, and the stylesheet shows it before any script has run.
    let early = std::fs::read_to_string(workspace_root().join("www/prerendered/early-form.html"))?;
    const EARLY_FORM: &str = "<!-- early-form -->";
    if !html.contains(EARLY_FORM) {
        bail!("index.html: no {EARLY_FORM} placeholder for the form's first page");
    }
    html = html.replace(EARLY_FORM, early.trim());
    for line in messages.lines().filter(|l| !l.starts_with('#')) {
        if let Some((id, value)) = line.split_once(" = ") {
            html = html.replace(&format!("{{{{{}}}}}", id.trim()), value.trim());
        }
    }
    if let Some(start) = html.find("{{") {
        let rest = &html[start..];
        bail!(
            "index.html: no message for {}",
            &rest[..rest.find("}}").map_or(rest.len(), |e| e + 2)]
        );
    }
    let compact: Vec<&str> = html
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect();
    std::fs::write(index, compact.join("\n"))?;
    Ok(())
}

/// The script host pages add for `<prequal-advisor>`; not part of the app's own first load.
pub const EMBED_SCRIPT: &str = "embed.js";
/// The service worker, written by [`service_worker`].
pub const SERVICE_WORKER: &str = "sw.js";

/// Subresource Integrity value (`sha384-…`) of a file's bytes.
pub fn sri(bytes: &[u8]) -> String {
    use base64::Engine;
    use sha2::Digest;
    format!(
        "sha384-{}",
        base64::engine::general_purpose::STANDARD.encode(sha2::Sha384::digest(bytes))
    )
}

/// The example host pages (`dist/embed/`), with the embed script's SRI hash filled in.
fn embed_examples(source: &Path, dist: &Path) -> Result<()> {
    let out = dist.join("embed");
    std::fs::create_dir_all(&out)?;
    let integrity = sri(&std::fs::read(dist.join(EMBED_SCRIPT))?);
    for entry in std::fs::read_dir(source)? {
        let path = entry?.path();
        let text = std::fs::read_to_string(&path)?;
        let name = path.file_name().context("example file name")?;
        std::fs::write(
            out.join(name),
            text.replace("{{EMBED_INTEGRITY}}", &integrity),
        )?;
    }
    // The JavaScript API example scores the repository's strong sample.
    std::fs::copy(
        workspace_root().join("examples/profiles/strong.json"),
        out.join("sample-profile.json"),
    )?;
    Ok(())
}

/// Writes `dist/sw.js`: the service worker that keeps every file the app uses (not the engine
/// for host pages, not the examples) for offline use, under a cache named by the files' hash so
/// a new release replaces the old cache.
fn service_worker(dist: &Path) -> Result<()> {
    use sha2::Digest;
    let mut files = Vec::new();
    collect_files(dist, dist, &mut files)?;
    files.retain(|name| {
        !name.starts_with(&format!("{ENGINE_DIR}/"))
            && !name.starts_with("embed/")
            && !name.ends_with(".d.ts")
            && name != SERVICE_WORKER
            && name != EMBED_SCRIPT
    });
    files.sort();
    let mut hasher = sha2::Sha256::new();
    for name in &files {
        hasher.update(name.as_bytes());
        hasher.update(std::fs::read(dist.join(name))?);
    }
    let version: String = hasher
        .finalize()
        .iter()
        .take(8)
        .map(|b| format!("{b:02x}"))
        .collect();
    let list = files
        .iter()
        .map(|f| format!("  {:?},", if f == "index.html" { "./" } else { f }))
        .collect::<Vec<_>>()
        .join("\n");
    let template = std::fs::read_to_string(workspace_root().join("www/js/sw.js"))?;
    let script = template
        .replace("__VERSION__", &version)
        .replace("  /* FILES */", &list);
    std::fs::write(dist.join(SERVICE_WORKER), script)?;
    Ok(())
}

/// The files of the bundle under `dir` (names relative to `root`), leaving out the precompressed
/// copies: they are encodings of other files, never asked for by name.
fn collect_files(root: &Path, dir: &Path, out: &mut Vec<String>) -> Result<()> {
    for entry in std::fs::read_dir(dir)? {
        let path = entry?.path();
        let precompressed = path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| PRECOMPRESSED.iter().any(|(ending, _)| *ending == e));
        if path.is_dir() {
            collect_files(root, &path, out)?;
        } else if precompressed {
            continue;
        } else if let Ok(relative) = path.strip_prefix(root) {
            out.push(relative.to_string_lossy().replace('\\', "/"));
        }
    }
    Ok(())
}

/// Where the on-demand JavaScript API goes in `dist/`.
pub const ENGINE_DIR: &str = "engine";
/// Where the app module goes in `dist/` (with its styles and the merchant's key store).
pub const FLOW_DIR: &str = "flow";
/// Where the import module goes in `dist/`.
pub const IMPORT_DIR: &str = "import";
/// Where the catalog and the model go in `dist/`.
pub const DATA_DIR: &str = "data";

/// Turns a release wasm into a servable directory: wasm-bindgen's web glue named `name` (with
/// TypeScript declarations when `typescript`), the wasm optimised by wasm-opt, and the files of
/// `static_dir` beside them. `out` is recreated.
pub fn package(
    wasm: &Path,
    name: &str,
    static_dir: Option<&Path>,
    out: &Path,
    typescript: bool,
) -> Result<()> {
    let bindgen = tools::ensure_wasm_bindgen()?;
    let wasm_opt = tools::wasm_opt()?;
    if out.exists() {
        std::fs::remove_dir_all(out).with_context(|| format!("clearing {}", out.display()))?;
    }
    std::fs::create_dir_all(out)?;
    let mut bindgen_command = Command::new(&bindgen.cli);
    bindgen_command.args(["--target", "web", "--out-name", name, "--out-dir"]);
    bindgen_command.arg(out).arg(wasm);
    if !typescript {
        bindgen_command.arg("--no-typescript");
    }
    run(&mut bindgen_command)?;
    let bindgen_wasm = out.join(format!("{name}_bg.wasm"));
    run(Command::new(&wasm_opt)
        .args(["-Oz", "--strip-debug", "--strip-producers", "--converge"])
        .arg(&bindgen_wasm)
        .arg("-o")
        .arg(&bindgen_wasm))?;
    if let Some(static_dir) = static_dir {
        copy_dir_files(static_dir, out)?;
    }
    Ok(())
}

/// Copies the files of `from` (not its directories) into `to`.
fn copy_dir_files(from: &Path, to: &Path) -> Result<()> {
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        std::fs::copy(entry.path(), to.join(entry.file_name()))?;
    }
    Ok(())
}

/// Sizes of every file in `dir`, and of everything under its `snippets/` (the JavaScript
/// wasm-bindgen copies beside the glue, imported by it), sorted by name.
pub fn sizes(dir: &Path) -> Result<Vec<FileSize>> {
    let mut names = Vec::new();
    collect_files(dir, dir, &mut names)?;
    names.retain(|name| {
        // The embed script is loaded by host pages, not by a visit to the app.
        (!name.contains('/') || name.starts_with("snippets/")) && name != EMBED_SCRIPT
    });
    names.sort();
    names
        .into_iter()
        .map(|name| {
            let bytes = std::fs::read(dir.join(&name))?;
            Ok(FileSize {
                raw: bytes.len() as u64,
                gzip: gzip_len(&bytes)?,
                brotli: brotli_len(&bytes)?,
                name,
            })
        })
        .collect()
}

fn gzip(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    encoder.write_all(bytes)?;
    Ok(encoder.finish()?)
}

fn brotli(bytes: &[u8]) -> Result<Vec<u8>> {
    let mut out = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut out, 4096, 11, 22);
        writer.write_all(bytes)?;
    }
    Ok(out)
}

fn gzip_len(bytes: &[u8]) -> Result<u64> {
    Ok(gzip(bytes)?.len() as u64)
}

fn brotli_len(bytes: &[u8]) -> Result<u64> {
    Ok(brotli(bytes)?.len() as u64)
}

/// Gzip bytes of the app module (everything in `dist/flow/`).
pub fn app_module_gzip(dist: &Path) -> Result<u64> {
    module_gzip(dist, FLOW_DIR)
}

/// Gzip bytes of everything in one module's directory of `dist`.
fn module_gzip(dist: &Path, dir: &str) -> Result<u64> {
    Ok(sizes(&dist.join(dir))?.iter().map(|f| f.gzip).sum())
}

/// Prints the size table and fails if the first load or the app module is over its budget.
pub fn report(dir: &Path) -> Result<()> {
    let files = sizes(dir)?;
    let budget_path = workspace_root().join("www/size-budget.toml");
    let budget: Budget = toml::from_str(&std::fs::read_to_string(&budget_path)?)
        .with_context(|| format!("parsing {}", budget_path.display()))?;
    println!(
        "\n{:<24} {:>10} {:>10} {:>10}",
        "file", "raw", "gzip", "brotli"
    );
    for file in &files {
        println!(
            "{:<24} {:>10} {:>10} {:>10}",
            file.name, file.raw, file.gzip, file.brotli
        );
    }
    let total = |f: fn(&FileSize) -> u64| files.iter().map(f).sum::<u64>();
    let (raw, gzip, brotli) = (total(|f| f.raw), total(|f| f.gzip), total(|f| f.brotli));
    println!(
        "{:<24} {:>10} {:>10} {:>10}",
        "first load (first screen)", raw, gzip, brotli
    );
    for sub in [FLOW_DIR, IMPORT_DIR, ENGINE_DIR, DATA_DIR] {
        let sub_dir = dir.join(sub);
        if sub_dir.is_dir() {
            for file in sizes(&sub_dir)? {
                println!(
                    "{:<24} {:>10} {:>10} {:>10}  ({})",
                    format!("{sub}/{}", file.name),
                    file.raw,
                    file.gzip,
                    file.brotli,
                    if sub == FLOW_DIR {
                        "app module"
                    } else {
                        "on demand"
                    }
                );
            }
        }
    }
    let flow_gzip = app_module_gzip(dir)?;
    let flow_limit = budget.app_module.gzip_kb * 1000;
    println!(
        "app module (flow/), fetched from the first paint: {flow_gzip} bytes gzip ({:.1} KB; budget {} KB, goal {} KB{})",
        flow_gzip as f64 / 1000.0,
        budget.app_module.gzip_kb,
        budget.app_module.goal_gzip_kb,
        if flow_gzip <= budget.app_module.goal_gzip_kb * 1000 {
            ": met"
        } else {
            ": not met, see docs/performance.md"
        }
    );
    let import_gzip = module_gzip(dir, IMPORT_DIR)?;
    let import_limit = budget.import_module.gzip_kb * 1000;
    println!(
        "import module (import/), fetched when a file is chosen: {import_gzip} bytes gzip ({:.1} KB; budget {} KB)",
        import_gzip as f64 / 1000.0,
        budget.import_module.gzip_kb,
    );
    let limit = budget.first_load.gzip_kb * 1000;
    println!(
        "budget: {gzip} of {limit} bytes gzip ({:.1} KB of {} KB){}",
        gzip as f64 / 1000.0,
        budget.first_load.gzip_kb,
        if gzip <= limit {
            ""
        } else {
            " — OVER BUDGET"
        }
    );
    let json = files
        .iter()
        .map(|f| {
            format!(
                r#"{{"file":"{}","raw":{},"gzip":{},"brotli":{}}}"#,
                f.name, f.raw, f.gzip, f.brotli
            )
        })
        .collect::<Vec<_>>()
        .join(",");
    let report = workspace_root().join("target/dist-sizes.json");
    std::fs::write(
        &report,
        format!(
            r#"{{"files":[{json}],"total":{{"raw":{raw},"gzip":{gzip},"brotli":{brotli}}},"budget_gzip":{limit},"app_module":{{"gzip":{flow_gzip},"budget_gzip":{flow_limit}}},"import_module":{{"gzip":{import_gzip},"budget_gzip":{import_limit}}}}}"#
        ),
    )?;
    if gzip > limit {
        bail!("the first load is {gzip} bytes gzip, over the {limit}-byte budget in www/size-budget.toml");
    }
    if flow_gzip > flow_limit {
        bail!("the app module is {flow_gzip} bytes gzip, over the {flow_limit}-byte budget in www/size-budget.toml");
    }
    if import_gzip > import_limit {
        bail!("the import module is {import_gzip} bytes gzip, over the {import_limit}-byte budget in www/size-budget.toml");
    }
    Ok(())
}
