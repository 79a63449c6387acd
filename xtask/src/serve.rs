//! A small static file server for `dist/`, used by `cargo xtask serve` and by the browser
//! tests. It sends the headers a real deployment must send (the wasm MIME type, a strict
//! Content-Security-Policy, no referrer), so the tests see what users will get.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use anyhow::{anyhow, Result};
use tiny_http::{Header, Method, Request, Response, Server};

/// The policy the app runs under: only its own scripts (plus compiling its own wasm), its own
/// styles, and network access only to its own origin.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; worker-src 'self'; manifest-src 'self'; \
    base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/// The policy of the example host pages under `/embed/` (a portal's or bank's own page): the
/// same, plus framing the app (iframe mode).
pub const HOST_PAGE_POLICY: &str = "default-src 'none'; script-src 'self' 'wasm-unsafe-eval'; \
    style-src 'self'; img-src 'self' data:; font-src 'self'; connect-src 'self'; frame-src 'self'; \
    base-uri 'none'; form-action 'none'; frame-ancestors 'self'";

/// A server running on a background thread.
pub struct Running {
    server: Arc<Server>,
    thread: Option<JoinHandle<()>>,
    /// The port it listens on (on 127.0.0.1).
    pub port: u16,
}

impl Running {
    /// `http://127.0.0.1:PORT`.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }
}

impl Drop for Running {
    fn drop(&mut self) {
        self.server.unblock();
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Starts serving `root` on 127.0.0.1:`port` (0 picks a free port).
pub fn start(root: PathBuf, port: u16) -> Result<Running> {
    start_with_api(root, port, None)
}

/// [`start`], passing requests under `/api/` to the inbox on `api` (a loopback port).
pub fn start_with_api(root: PathBuf, port: u16, api: Option<u16>) -> Result<Running> {
    let server = Arc::new(
        Server::http(("127.0.0.1", port))
            .map_err(|e| anyhow!("cannot listen on port {port}: {e}"))?,
    );
    let port = server
        .server_addr()
        .to_ip()
        .map(|addr| addr.port())
        .ok_or_else(|| anyhow!("not an IP listener"))?;
    let worker = Arc::clone(&server);
    let thread = std::thread::spawn(move || {
        for request in worker.incoming_requests() {
            let _ = match api {
                Some(api) if request.url().starts_with("/api/") => proxy(api, request),
                _ => respond(&root, request),
            };
        }
    });
    Ok(Running {
        server,
        thread: Some(thread),
        port,
    })
}

fn header(name: &str, value: &str) -> Header {
    Header::from_bytes(name.as_bytes(), value.as_bytes())
        .expect("static header names and values are valid")
}

/// Passes a request to the inbox on `port` (the path without `/api`), with its body, media type
/// and authorization, and sends back the inbox's status and JSON body.
fn proxy(port: u16, mut request: Request) -> std::io::Result<()> {
    let path = request.url().trim_start_matches("/api").to_owned();
    let mut body = Vec::new();
    // The inbox limits bodies itself; read at most a little more than it accepts.
    std::io::Read::read_to_end(
        &mut std::io::Read::take(request.as_reader(), 1024 * 1024),
        &mut body,
    )?;
    let mut call = ureq::request(
        request.method().as_str(),
        &format!("http://127.0.0.1:{port}{path}"),
    );
    for name in ["Content-Type", "Authorization"] {
        if let Some(value) = request
            .headers()
            .iter()
            .find(|h| h.field.equiv(name))
            .map(|h| h.value.as_str().to_owned())
        {
            call = call.set(name, &value);
        }
    }
    let answer = match call.send_bytes(&body) {
        Ok(answer) | Err(ureq::Error::Status(_, answer)) => answer,
        Err(e) => {
            return request.respond(
                Response::from_string(format!("{{\"error\":\"unavailable\",\"detail\":\"{e}\"}}"))
                    .with_status_code(503)
                    .with_header(header("Content-Type", "application/json")),
            )
        }
    };
    let status = answer.status();
    let mut bytes = Vec::new();
    std::io::Read::read_to_end(&mut answer.into_reader(), &mut bytes)?;
    request.respond(
        Response::from_data(bytes)
            .with_status_code(status)
            .with_header(header("Content-Type", "application/json"))
            .with_header(header("X-Content-Type-Options", "nosniff"))
            .with_header(header("Referrer-Policy", "no-referrer")),
    )
}

fn respond(root: &Path, request: Request) -> std::io::Result<()> {
    if !matches!(request.method(), Method::Get | Method::Head) {
        return request.respond(Response::from_string("method not allowed").with_status_code(405));
    }
    let path = request
        .url()
        .split(['?', '#'])
        .next()
        .unwrap_or("/")
        .to_owned();
    let Some(file) = resolve(root, &path) else {
        return request.respond(Response::from_string("not found").with_status_code(404));
    };
    let accepted = request
        .headers()
        .iter()
        .find(|h| h.field.equiv("Accept-Encoding"))
        .map(|h| h.value.as_str().to_owned())
        .unwrap_or_default();
    // The precompressed copies `cargo xtask dist` wrote beside the file (`NAME.br`, …).
    let copy = |ending: &str| {
        let mut name = file.clone().into_os_string();
        name.push(format!(".{ending}"));
        PathBuf::from(name)
    };
    let encoded = crate::dist::PRECOMPRESSED
        .iter()
        .filter(|(_, encoding)| accepts(&accepted, encoding))
        .find_map(|(ending, encoding)| std::fs::read(copy(ending)).ok().map(|b| (b, *encoding)));
    let compressible = encoded.is_some()
        || crate::dist::PRECOMPRESSED
            .iter()
            .any(|(ending, _)| copy(ending).exists());
    let (bytes, encoding) = match encoded {
        Some((bytes, encoding)) => (bytes, Some(encoding)),
        None => match std::fs::read(&file) {
            Ok(bytes) => (bytes, None),
            Err(_) => {
                return request.respond(Response::from_string("not found").with_status_code(404))
            }
        },
    };
    let content_type = match file.extension().and_then(|e| e.to_str()) {
        Some("html") => "text/html; charset=utf-8",
        Some("js") | Some("mjs") => "text/javascript; charset=utf-8",
        Some("css") => "text/css; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("json") => "application/json",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        Some("webmanifest") => "application/manifest+json",
        _ => "application/octet-stream",
    };
    let response = Response::from_data(bytes)
        .with_header(header("Content-Type", content_type))
        .with_header(header("Cache-Control", "no-cache"))
        .with_header(header(
            "Content-Security-Policy",
            if path.starts_with("/embed/") {
                HOST_PAGE_POLICY
            } else {
                CONTENT_SECURITY_POLICY
            },
        ))
        .with_header(header("X-Content-Type-Options", "nosniff"))
        .with_header(header("Referrer-Policy", "no-referrer"))
        .with_header(header(
            "Permissions-Policy",
            "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
        ))
        .with_header(header("Cross-Origin-Opener-Policy", "same-origin"));
    let response = match encoding {
        Some(encoding) => response.with_header(header("Content-Encoding", encoding)),
        None => response,
    };
    // Caches must keep the encodings apart.
    let response = if compressible {
        response.with_header(header("Vary", "Accept-Encoding"))
    } else {
        response
    };
    request.respond(response)
}

/// Whether an `Accept-Encoding` value takes `encoding` (named, with a weight above zero).
fn accepts(accept_encoding: &str, encoding: &str) -> bool {
    accept_encoding.split(',').any(|item| {
        let mut parts = item.split(';');
        let name = parts.next().unwrap_or_default().trim();
        let weight = parts
            .find_map(|p| p.trim().strip_prefix("q="))
            .and_then(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        name.eq_ignore_ascii_case(encoding) && weight > 0.0
    })
}

/// Maps a URL path to a file under `root`, refusing anything that would leave it.
fn resolve(root: &Path, url_path: &str) -> Option<PathBuf> {
    let relative = Path::new(url_path.trim_start_matches('/'));
    if relative
        .components()
        .any(|c| !matches!(c, Component::Normal(_)))
    {
        return None;
    }
    let candidate = root.join(relative);
    if candidate.is_dir() || url_path.ends_with('/') {
        Some(candidate.join("index.html"))
    } else {
        Some(candidate)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_cannot_leave_the_root() {
        let root = Path::new("/srv/dist");
        assert_eq!(
            resolve(root, "/app.js"),
            Some(PathBuf::from("/srv/dist/app.js"))
        );
        assert_eq!(resolve(root, "/../etc/passwd"), None);
        assert_eq!(resolve(root, "/a/../../x"), None);
        assert_eq!(
            resolve(root, "//etc/passwd"),
            Some(PathBuf::from("/srv/dist/etc/passwd"))
        );
    }

    #[test]
    fn accept_encoding_is_read_with_its_weights() {
        assert!(accepts("gzip, deflate, br, zstd", "br"));
        assert!(accepts("gzip;q=0.5, br;q=1.0", "gzip"));
        assert!(!accepts("gzip, br;q=0", "br"));
        assert!(!accepts("gzip", "br"));
        assert!(!accepts("", "gzip"));
    }

    /// The precompressed copy is sent when the browser takes its encoding, with
    /// `Content-Encoding` and `Vary`; otherwise the file itself.
    #[test]
    fn precompressed_files_are_served_to_browsers_that_take_them() {
        let dir = std::env::temp_dir().join(format!("prequal-serve-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join("app.js"), "plain").expect("file");
        std::fs::write(dir.join("app.js.br"), "brotli bytes").expect("file");
        std::fs::write(dir.join("app.js.gz"), "gzip bytes").expect("file");
        std::fs::write(dir.join("logo.png"), "png").expect("file");
        let server = start(dir.clone(), 0).expect("serves");
        let get = |path: &str, accept: &str| {
            let response = ureq::get(&format!("http://127.0.0.1:{}{path}", server.port))
                .set("Accept-Encoding", accept)
                .call()
                .expect("answers");
            (
                response.header("Content-Encoding").map(str::to_owned),
                response.header("Vary").map(str::to_owned),
                response.into_string().expect("text"),
            )
        };
        let vary = Some("Accept-Encoding".to_owned());
        assert_eq!(
            get("/app.js", "gzip, br"),
            (Some("br".into()), vary.clone(), "brotli bytes".into())
        );
        assert_eq!(
            get("/app.js", "gzip"),
            (Some("gzip".into()), vary.clone(), "gzip bytes".into())
        );
        assert_eq!(get("/app.js", "identity"), (None, vary, "plain".into()));
        assert_eq!(get("/logo.png", "br"), (None, None, "png".into()));
        drop(server);
        let _ = std::fs::remove_dir_all(dir);
    }
}
