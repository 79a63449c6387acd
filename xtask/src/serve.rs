//! A small static file server for `dist/`, used by `cargo xtask serve` and by the browser
//! tests. It sends the headers a real deployment must send (the wasm MIME type, a strict
//! Content-Security-Policy, no referrer), so the tests see what users will get.

use std::path::{Component, Path, PathBuf};
use std::sync::Arc;
use std::thread::JoinHandle;

use anyhow::{Context, Result};
use axum::body::Body;
use axum::extract::Request;
use axum::http::{header, HeaderMap, HeaderValue, Method, StatusCode};
use axum::response::Response;
use tokio::sync::oneshot;

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

/// The most of a request body passed on to the inbox (which limits bodies itself, lower).
const PROXY_BODY_LIMIT: usize = 1024 * 1024;

/// A server running on a background thread.
pub struct Running {
    stop: Option<oneshot::Sender<()>>,
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
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
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
///
/// The connections are hyper's (through axum), each its own task: a browser keeps six or more
/// connections open per origin, and every one is answered. (`tiny_http`, used before, could
/// leave a new connection unserved while four others stayed open: a fresh server hung a
/// browser's request for minutes.)
pub fn start_with_api(root: PathBuf, port: u16, api: Option<u16>) -> Result<Running> {
    let listener = std::net::TcpListener::bind(("127.0.0.1", port))
        .with_context(|| format!("cannot listen on port {port}"))?;
    listener.set_nonblocking(true)?;
    let port = listener.local_addr()?.port();
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .context("starting the server's runtime")?;
    let root = Arc::new(root);
    let app = axum::Router::new().fallback(move |request: Request| {
        let root = Arc::clone(&root);
        async move {
            match api {
                Some(api) if request.uri().path().starts_with("/api/") => proxy(api, request).await,
                // Reading files is blocking: off the connections' threads.
                _ => tokio::task::spawn_blocking(move || respond(&root, &request))
                    .await
                    .unwrap_or_else(|_| text(StatusCode::INTERNAL_SERVER_ERROR, "server error")),
            }
        }
    });
    let (stop, stopped) = oneshot::channel::<()>();
    let thread = std::thread::spawn(move || {
        runtime.block_on(async move {
            let Ok(listener) = tokio::net::TcpListener::from_std(listener) else {
                return;
            };
            tokio::select! {
                _ = axum::serve(listener, app) => {}
                _ = stopped => {}
            }
        });
        // Connections still open (a browser's idle keep-alives) are dropped with the runtime.
        runtime.shutdown_timeout(std::time::Duration::from_secs(1));
    });
    Ok(Running {
        stop: Some(stop),
        thread: Some(thread),
        port,
    })
}

/// A plain-text answer with `status`.
fn text(status: StatusCode, words: &'static str) -> Response {
    let mut response = Response::new(Body::from(words));
    *response.status_mut() = status;
    response
}

/// A JSON answer with `status`, with the headers an API answer carries.
fn json(status: StatusCode, body: impl Into<Body>) -> Response {
    let mut response = Response::new(body.into());
    *response.status_mut() = status;
    set(
        response.headers_mut(),
        [
            (header::CONTENT_TYPE, "application/json"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::REFERRER_POLICY, "no-referrer"),
        ],
    );
    response
}

/// Sets each header to its value.
fn set<const N: usize>(headers: &mut HeaderMap, values: [(header::HeaderName, &'static str); N]) {
    for (name, value) in values {
        headers.insert(name, HeaderValue::from_static(value));
    }
}

/// Passes a request to the inbox on `port` (the path without `/api`), with its body, media type
/// and authorization, and sends back the inbox's status and JSON body.
async fn proxy(port: u16, request: Request) -> Response {
    let (parts, body) = request.into_parts();
    let Ok(body) = axum::body::to_bytes(body, PROXY_BODY_LIMIT).await else {
        return json(
            StatusCode::PAYLOAD_TOO_LARGE,
            r#"{"error":"too_large","detail":"the request body is too large"}"#,
        );
    };
    let path = parts
        .uri
        .path_and_query()
        .map_or("/", |p| p.as_str())
        .trim_start_matches("/api")
        .to_owned();
    let forwarded = |name: header::HeaderName| {
        parts
            .headers
            .get(&name)
            .and_then(|v| v.to_str().ok())
            .map(|v| (name, v.to_owned()))
    };
    let headers: Vec<_> = [header::CONTENT_TYPE, header::AUTHORIZATION]
        .into_iter()
        .filter_map(forwarded)
        .collect();
    let method = parts.method.as_str().to_owned();
    // ureq is blocking: the call runs off the connections' threads.
    let answered = tokio::task::spawn_blocking(move || {
        let mut call = ureq::request(&method, &format!("http://127.0.0.1:{port}{path}"));
        for (name, value) in &headers {
            call = call.set(name.as_str(), value);
        }
        let answer = match call.send_bytes(&body) {
            Ok(answer) | Err(ureq::Error::Status(_, answer)) => answer,
            Err(e) => return Err(e.to_string()),
        };
        let status = answer.status();
        let mut bytes = Vec::new();
        std::io::Read::read_to_end(&mut answer.into_reader(), &mut bytes)
            .map_err(|e| e.to_string())?;
        Ok((status, bytes))
    })
    .await
    .unwrap_or_else(|e| Err(e.to_string()));
    match answered {
        Ok((status, bytes)) => json(
            StatusCode::from_u16(status).unwrap_or(StatusCode::BAD_GATEWAY),
            bytes,
        ),
        Err(e) => json(
            StatusCode::SERVICE_UNAVAILABLE,
            serde_json::json!({ "error": "unavailable", "detail": e }).to_string(),
        ),
    }
}

fn respond(root: &Path, request: &Request) -> Response {
    if !matches!(*request.method(), Method::GET | Method::HEAD) {
        return text(StatusCode::METHOD_NOT_ALLOWED, "method not allowed");
    }
    let path = request.uri().path().to_owned();
    let Some(file) = resolve(root, &path) else {
        return text(StatusCode::NOT_FOUND, "not found");
    };
    let accepted = request
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default();
    // The precompressed copies `cargo xtask dist` wrote beside the file (`NAME.br`, …).
    let copy = |ending: &str| {
        let mut name = file.clone().into_os_string();
        name.push(format!(".{ending}"));
        PathBuf::from(name)
    };
    let encoded = crate::dist::PRECOMPRESSED
        .iter()
        .filter(|(_, encoding)| accepts(accepted, encoding))
        .find_map(|(ending, encoding)| std::fs::read(copy(ending)).ok().map(|b| (b, *encoding)));
    let compressible = encoded.is_some()
        || crate::dist::PRECOMPRESSED
            .iter()
            .any(|(ending, _)| copy(ending).exists());
    let (bytes, encoding) = match encoded {
        Some((bytes, encoding)) => (bytes, Some(encoding)),
        None => match std::fs::read(&file) {
            Ok(bytes) => (bytes, None),
            Err(_) => return text(StatusCode::NOT_FOUND, "not found"),
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
    let mut response = Response::new(Body::from(bytes));
    let headers = response.headers_mut();
    let policy = if path.starts_with("/embed/") {
        HOST_PAGE_POLICY
    } else {
        CONTENT_SECURITY_POLICY
    };
    set(
        headers,
        [
            (header::CONTENT_TYPE, content_type),
            (header::CACHE_CONTROL, "no-cache"),
            (header::CONTENT_SECURITY_POLICY, policy),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
            (header::REFERRER_POLICY, "no-referrer"),
            (
                header::HeaderName::from_static("permissions-policy"),
                "camera=(), microphone=(), geolocation=(), payment=(), usb=()",
            ),
            (
                header::HeaderName::from_static("cross-origin-opener-policy"),
                "same-origin",
            ),
        ],
    );
    if let Some(encoding) = encoding {
        headers.insert(header::CONTENT_ENCODING, HeaderValue::from_static(encoding));
    }
    // Caches must keep the encodings apart.
    if compressible {
        headers.insert(header::VARY, HeaderValue::from_static("Accept-Encoding"));
    }
    response
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

    /// A browser opens six or more connections at once and keeps them open; a request on each
    /// is answered (the server this replaced left the fifth unanswered while four stayed open).
    #[test]
    fn many_open_connections_are_all_answered() {
        use std::io::{Read, Write};
        let dir = std::env::temp_dir().join(format!("prequal-serve-open-{}", std::process::id()));
        std::fs::create_dir_all(&dir).expect("dir");
        std::fs::write(dir.join("index.html"), "hello").expect("file");
        let server = start(dir.clone(), 0).expect("serves");
        let mut connections: Vec<_> = (0..12)
            .map(|_| std::net::TcpStream::connect(("127.0.0.1", server.port)).expect("connects"))
            .collect();
        for connection in &mut connections {
            connection
                .write_all(b"GET / HTTP/1.1\r\nHost: localhost\r\n\r\n")
                .expect("sends");
        }
        for connection in &mut connections {
            connection
                .set_read_timeout(Some(std::time::Duration::from_secs(10)))
                .expect("timeout");
            let mut start = [0; 15];
            connection
                .read_exact(&mut start)
                .expect("an answer on every connection");
            assert_eq!(&start, b"HTTP/1.1 200 OK");
        }
        drop(server);
        let _ = std::fs::remove_dir_all(dir);
    }
}
