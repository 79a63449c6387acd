//! `prequal inbox serve | token`: runs the bank's inbox (the `prequal-inbox` crate) with the
//! operating system's clock, sockets and signals.

use std::path::Path;
use std::process::ExitCode;

use prequal_inbox::{hash_token, Config};

use crate::{read_input, usage, INVALID};

/// Runs the inbox until Ctrl-C or SIGTERM.
pub fn serve(config: &Path, listen: &str, database_url: Option<String>) -> ExitCode {
    let text = match read_input(config) {
        Ok(text) => text,
        Err(e) => return usage(e),
    };
    let config = match Config::from_toml(&text) {
        Ok(config) => config,
        Err(e) => {
            eprintln!("prequal: {}: {e}", config.display());
            return ExitCode::from(INVALID);
        }
    };
    let config = match database_url {
        Some(url) => match config.with_database_url(url) {
            Ok(config) => config,
            Err(e) => return usage(format!("--database-url: {e}")),
        },
        None => config,
    };
    prequal_inbox::init_logs();
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => return usage(format!("cannot start: {e}")),
    };
    runtime.block_on(async {
        let listener = match tokio::net::TcpListener::bind(listen).await {
            Ok(listener) => listener,
            Err(e) => return usage(format!("--listen {listen}: {e}")),
        };
        eprintln!(
            "prequal inbox listening on http://{}",
            listener
                .local_addr()
                .map_or(listen.to_string(), |a| a.to_string())
        );
        match prequal_inbox::serve(config, listener, shutdown_signal()).await {
            Ok(()) => ExitCode::SUCCESS,
            Err(e) => {
                eprintln!("prequal: {e}");
                ExitCode::from(INVALID)
            }
        }
    })
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    #[cfg(unix)]
    {
        let mut terminate =
            match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
                Ok(signal) => signal,
                Err(_) => {
                    let _ = interrupt.await;
                    return;
                }
            };
        tokio::select! {
            _ = interrupt => {},
            _ = terminate.recv() => {},
        }
    }
    #[cfg(not(unix))]
    {
        let _ = interrupt.await;
    }
}

/// Prints a new random token and its configuration hash.
pub fn token() -> ExitCode {
    let mut bytes = [0u8; 32];
    if let Err(e) = getrandom::fill(&mut bytes) {
        return usage(format!("no randomness from the operating system: {e}"));
    }
    let token = prequal::hex(&bytes);
    out!("token        {token}");
    out!("token_sha256 {}", hash_token(&token));
    ExitCode::SUCCESS
}
