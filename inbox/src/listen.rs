//! Accepting connections without letting clients hold them: the inbox's own accept loop in
//! place of `axum::serve`, which has no header-read timeout and no connection caps.
//!
//! - **Header timeout.** A connection must send a request's complete headers within
//!   `header_timeout_ms`, and hyper's timer runs again whenever a keep-alive connection waits
//!   for its next request, so the same bound closes idle connections. A client that opens
//!   sockets and sends nothing (or a byte a second) holds each for that long at most.
//! - **Caps.** At most `max_connections` connections are served at once, and at most
//!   `max_connections_per_address` from one client address. A connection over either cap is
//!   closed at once, before anything is read, so a few hundred idle sockets from one address
//!   cannot use up the descriptors that other clients need.
//! - **Descriptors.** When `accept` fails (out of descriptors), the loop waits briefly instead
//!   of spinning.
//!
//! HTTP/1.1 only: the inbox sits behind the portal's TLS terminator or reverse proxy, which
//! speaks HTTP/1.1 to it; cleartext HTTP/2 would need idle limits of its own.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::extract::ConnectInfo;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use tokio::net::TcpListener;

/// The limits of [`serve`].
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Time to send a request's headers, and to start the next request on a kept-alive
    /// connection.
    pub header_timeout: Duration,
    /// Connections at once, in total.
    pub max_connections: usize,
    /// Connections at once from one address.
    pub max_per_address: usize,
}

/// Open connections, in total and per client address.
#[derive(Default)]
struct Open {
    total: usize,
    by_address: HashMap<IpAddr, usize>,
}

/// One admitted connection; dropping it frees its place.
struct Admitted {
    open: Arc<Mutex<Open>>,
    address: IpAddr,
}

impl Drop for Admitted {
    fn drop(&mut self) {
        // A poisoned lock means a panic elsewhere; the count no longer matters then.
        if let Ok(mut open) = self.open.lock() {
            open.total = open.total.saturating_sub(1);
            if let Some(count) = open.by_address.get_mut(&self.address) {
                *count -= 1;
                if *count == 0 {
                    open.by_address.remove(&self.address);
                }
            }
        }
    }
}

/// Admits a connection from `address` if both caps allow it.
fn admit(open: &Arc<Mutex<Open>>, address: IpAddr, limits: Limits) -> Option<Admitted> {
    let mut counts = open.lock().ok()?;
    let from_address = counts.by_address.get(&address).copied().unwrap_or(0);
    if counts.total >= limits.max_connections || from_address >= limits.max_per_address {
        return None;
    }
    counts.total += 1;
    *counts.by_address.entry(address).or_insert(0) += 1;
    Some(Admitted {
        open: open.clone(),
        address,
    })
}

/// Serves `app` on `listener` within `limits` until `shutdown` completes, then lets the
/// requests in flight finish (for at most ten seconds).
pub async fn serve(
    listener: TcpListener,
    app: Router,
    limits: Limits,
    shutdown: impl std::future::Future<Output = ()> + Send + 'static,
) {
    let open = Arc::new(Mutex::new(Open::default()));
    let graceful = hyper_util::server::graceful::GracefulShutdown::new();
    let mut http = hyper::server::conn::http1::Builder::new();
    http.timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .keep_alive(true);
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(e) => {
                    // Out of descriptors (or a connection reset before it was accepted):
                    // give the open connections a moment to finish instead of spinning.
                    tracing::warn!(error = %e, "accept failed");
                    tokio::time::sleep(Duration::from_millis(50)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        let Some(admitted) = admit(&open, peer.ip(), limits) else {
            tracing::info!(peer = %peer.ip(), "connection refused: over the connection cap");
            drop(stream);
            continue;
        };
        let _ = stream.set_nodelay(true);
        let app = app.clone();
        let service = hyper::service::service_fn(move |mut request: hyper::Request<_>| {
            request
                .extensions_mut()
                .insert(ConnectInfo::<SocketAddr>(peer));
            let mut app = app.clone();
            async move {
                let request = request.map(axum::body::Body::new);
                tower::Service::call(&mut app, request).await
            }
        });
        let connection = graceful.watch(http.serve_connection(TokioIo::new(stream), service));
        tokio::spawn(async move {
            // Errors here are the client's (a reset, a timeout, bad HTTP): nothing to report.
            let _ = connection.await;
            drop(admitted);
        });
    }
    drop(listener);
    let _ = tokio::time::timeout(Duration::from_secs(10), graceful.shutdown()).await;
}
