//! `prequal inbox serve | token | staff`: runs the bank's inbox (the `prequal-inbox` crate)
//! with the operating system's clock, sockets and signals, and manages the desk's staff.

use std::path::Path;
use std::process::ExitCode;

use prequal_inbox::desk::{self, Role, StaffError};
use prequal_inbox::{hash_token, Config};

use crate::{read_input, usage, INVALID};

/// The configuration file, with `database_url` overriding its database when given.
fn load_config(path: &Path, database_url: Option<String>) -> Result<Config, ExitCode> {
    let text = read_input(path).map_err(usage)?;
    let config = Config::from_toml(&text).map_err(|e| {
        eprintln!("prequal: {}: {e}", path.display());
        ExitCode::from(INVALID)
    })?;
    match database_url {
        Some(url) => config
            .with_database_url(url)
            .map_err(|e| usage(format!("--database-url: {e}"))),
        None => Ok(config),
    }
}

/// Runs the inbox until Ctrl-C or SIGTERM.
pub fn serve(config: &Path, listen: &str, database_url: Option<String>) -> ExitCode {
    let config = match load_config(config, database_url) {
        Ok(config) => config,
        Err(code) => return code,
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

/// What `prequal inbox staff` does.
pub enum StaffAction<'a> {
    /// Adds a member of staff; the password is read from `password_file`, or from the first
    /// line of standard input.
    Add {
        institution: &'a str,
        login: &'a str,
        role: &'a str,
        password_file: Option<&'a Path>,
    },
    /// Lists the staff.
    List,
    /// Disables a member of staff and ends their sessions.
    Disable { login: &'a str },
}

/// `prequal inbox staff add | list | disable`: the desk's accounts, in the inbox's database.
pub fn staff(config: &Path, database_url: Option<String>, action: StaffAction<'_>) -> ExitCode {
    let config = match load_config(config, database_url) {
        Ok(config) => config,
        Err(code) => return code,
    };
    let runtime = match tokio::runtime::Runtime::new() {
        Ok(runtime) => runtime,
        Err(e) => return usage(format!("cannot start: {e}")),
    };
    let now = prequal::consent::format_rfc3339(
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(0)),
    );
    runtime.block_on(async {
        let store = match prequal_inbox::Store::open(&config.database()).await {
            Ok(store) => store,
            Err(e) => return usage(format!("database: {e}")),
        };
        match action {
            StaffAction::Add {
                institution,
                login,
                role,
                password_file,
            } => {
                if !config.institutions.iter().any(|i| i.id == institution) {
                    return usage(format!(
                        "--institution {institution}: not one of the configured [[institutions]]"
                    ));
                }
                let Some(role) = Role::parse(role) else {
                    return usage(format!("--role {role}: officer or viewer"));
                };
                let password = match password_file {
                    Some(path) => std::fs::read_to_string(path)
                        .map_err(|e| format!("--password-file {}: {e}", path.display())),
                    None => {
                        let mut line = String::new();
                        std::io::stdin()
                            .read_line(&mut line)
                            .map(|_| line)
                            .map_err(|e| format!("standard input: {e}"))
                    }
                };
                let password = match password {
                    Ok(text) => text.trim_end_matches(['\r', '\n']).to_owned(),
                    Err(e) => return usage(e),
                };
                match desk::add_staff(&store, institution, login, role, &password, &now).await {
                    Ok(()) => {
                        out!("added {login} ({}) for {institution}", role.name());
                        ExitCode::SUCCESS
                    }
                    Err(StaffError::Store(e)) => usage(format!("database: {e}")),
                    Err(e) => {
                        eprintln!("prequal: {e}");
                        ExitCode::from(INVALID)
                    }
                }
            }
            StaffAction::List => match desk::list_staff(&store).await {
                Ok(rows) => {
                    for row in rows {
                        let cell = |i: usize| row.get(i).and_then(|c| c.text()).unwrap_or("-");
                        out!(
                            "{}\t{}\t{}\tadded {}\t{}",
                            cell(0),
                            cell(1),
                            cell(2),
                            cell(3),
                            row.get(4)
                                .and_then(|c| c.text())
                                .map_or("active".to_owned(), |at| format!("disabled {at}"))
                        );
                    }
                    ExitCode::SUCCESS
                }
                Err(e) => usage(format!("database: {e}")),
            },
            StaffAction::Disable { login } => {
                match desk::disable_staff(&store, login, &now).await {
                    Ok(true) => {
                        out!("disabled {login}");
                        ExitCode::SUCCESS
                    }
                    Ok(false) => {
                        eprintln!("prequal: {login}: no such member of staff");
                        ExitCode::from(INVALID)
                    }
                    Err(e) => usage(format!("database: {e}")),
                }
            }
        }
    })
}
