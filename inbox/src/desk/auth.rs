//! Who may use the desk: staff accounts (Argon2id password hashes), sessions kept in the
//! database by the SHA-256 of their token (so every inbox process behind a load balancer knows
//! them), each with the token its forms carry back (CSRF), and sign-in throttling by login and
//! by address.

use std::sync::OnceLock;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::Argon2;
use subtle::ConstantTimeEq;

use crate::store::{Cell, Statement, Store, StoreError};

/// What a member of staff may do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Reads applications and answers them.
    Officer,
    /// Reads applications only.
    Viewer,
}

impl Role {
    /// Its name in the database and on the command line.
    pub fn name(self) -> &'static str {
        match self {
            Role::Officer => "officer",
            Role::Viewer => "viewer",
        }
    }

    /// The role named `name`.
    pub fn parse(name: &str) -> Option<Role> {
        match name {
            "officer" => Some(Role::Officer),
            "viewer" => Some(Role::Viewer),
            _ => None,
        }
    }
}

/// Why a member of staff could not be added.
#[derive(Debug, thiserror::Error)]
pub enum StaffError {
    /// The login breaks its rule.
    #[error("login: 3 to 64 characters, letters, digits, `.`, `_`, `-` or `@`")]
    Login,
    /// The password is too short.
    #[error("password: at least {MIN_PASSWORD_CHARS} characters")]
    Password,
    /// The login is taken.
    #[error("login: {0} already exists")]
    Taken(String),
    /// The database failed.
    #[error(transparent)]
    Store(StoreError),
}

/// The shortest password accepted (NIST SP 800-63B asks for at least 8; a bank's desk more).
pub const MIN_PASSWORD_CHARS: usize = 12;
/// Failed sign-ins for one login within [`THROTTLE_WINDOW_SECONDS`] before it is refused.
pub const MAX_FAILURES_PER_LOGIN: i64 = 5;
/// Failed sign-ins from one address within the window before it is refused.
pub const MAX_FAILURES_PER_ADDRESS: i64 = 20;
/// The throttling window.
pub const THROTTLE_WINDOW_SECONDS: i64 = 15 * 60;

fn valid_login(login: &str) -> bool {
    (3..=64).contains(&login.chars().count())
        && login
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '-' | '@'))
}

/// The Argon2id PHC string of `password` (the crate's defaults: 19 MiB, 2 passes, OWASP's
/// recommendation).
pub fn hash_password(password: &str) -> Result<String, argon2::password_hash::Error> {
    let mut random = [0u8; 16];
    getrandom::fill(&mut random).map_err(|_| argon2::password_hash::Error::Crypto)?;
    let salt = SaltString::encode_b64(&random)?;
    Ok(Argon2::default()
        .hash_password(password.as_bytes(), &salt)?
        .to_string())
}

/// Whether `password` matches the PHC string `hash`.
fn password_matches(password: &str, hash: &str) -> bool {
    PasswordHash::new(hash)
        .and_then(|parsed| Argon2::default().verify_password(password.as_bytes(), &parsed))
        .is_ok()
}

/// A hash no password matches in practice, checked when the login is unknown so that timing
/// does not tell which logins exist.
fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash_password("decoy password, never anybody's").unwrap_or_default())
}

/// Adds a member of staff.
pub async fn add_staff(
    store: &Store,
    institution: &str,
    login: &str,
    role: Role,
    password: &str,
    now: &str,
) -> Result<(), StaffError> {
    if !valid_login(login) {
        return Err(StaffError::Login);
    }
    if password.chars().count() < MIN_PASSWORD_CHARS {
        return Err(StaffError::Password);
    }
    let hash = hash_password(password)
        .map_err(|e| StaffError::Store(StoreError::Unavailable(e.to_string())))?;
    store
        .execute(vec![Statement::new(
            "INSERT INTO staff (login, institution, role, password_hash, created_at)
            VALUES ($1, $2, $3, $4, $5)",
            vec![
                login.into(),
                institution.into(),
                role.name().into(),
                hash.into(),
                now.into(),
            ],
        )])
        .await
        .map_err(|e| match e {
            StoreError::Duplicate => StaffError::Taken(login.to_owned()),
            other => StaffError::Store(other),
        })
}

/// Every member of staff: login, institution, role, created, disabled.
pub async fn list_staff(store: &Store) -> Result<Vec<Vec<Cell>>, StoreError> {
    store
        .query(
            "SELECT login, institution, role, created_at, disabled_at FROM staff ORDER BY institution, login",
            &[],
        )
        .await
}

/// Disables a member of staff and ends their sessions; false when there is no such login.
pub async fn disable_staff(store: &Store, login: &str, now: &str) -> Result<bool, StoreError> {
    let found = !store
        .query("SELECT 1 FROM staff WHERE login = $1", &[login.into()])
        .await?
        .is_empty();
    if found {
        store
            .execute(vec![
                Statement::new(
                    "UPDATE staff SET disabled_at = COALESCE(disabled_at, $2) WHERE login = $1",
                    vec![login.into(), now.into()],
                ),
                Statement::new(
                    "DELETE FROM desk_sessions WHERE login = $1",
                    vec![login.into()],
                ),
            ])
            .await?;
    }
    Ok(found)
}

/// A signed-in member of staff.
#[derive(Debug, Clone)]
pub struct Officer {
    /// Their login.
    pub login: String,
    /// Their institution: everything they see and do is its.
    pub institution: String,
    /// What they may do.
    pub role: Role,
    /// The token their forms carry back.
    pub csrf: String,
}

impl Officer {
    /// Whether `presented` is this session's form token (compared in constant time).
    pub fn csrf_matches(&self, presented: &str) -> bool {
        !presented.is_empty() && bool::from(presented.as_bytes().ct_eq(self.csrf.as_bytes()))
    }
}

/// Why a sign-in failed.
#[derive(Debug, PartialEq, Eq)]
pub enum SignInError {
    /// Too many failures lately, for this login or from this address.
    Throttled,
    /// The login or the password is wrong (not said which).
    Wrong,
    /// The database failed.
    Unavailable,
}

/// A fresh random 256-bit token, hex.
pub fn random_token() -> Result<String, getrandom::Error> {
    crate::random_hex::<32>()
}

/// The session settings.
#[derive(Debug, Clone, Copy)]
pub struct Lifetimes {
    /// A session ends this long after sign-in, whatever happens.
    pub absolute_seconds: i64,
    /// A session ends after this long without a request.
    pub idle_seconds: i64,
}

/// Signs `login` in from `address` at `now` (Unix seconds): the session token for the cookie.
pub async fn sign_in(
    store: &Store,
    login: &str,
    password: &str,
    address: &str,
    now: i64,
    lifetimes: Lifetimes,
) -> Result<String, SignInError> {
    let since = prequal::consent::format_rfc3339(now - THROTTLE_WINDOW_SECONDS);
    let count = |sql: &'static str, who: &str| {
        let params = [Cell::from(who), Cell::from(since.as_str())];
        async move {
            store
                .query(sql, &params)
                .await
                .ok()
                .and_then(|rows| rows.first().and_then(|row| row.first()?.int()))
        }
    };
    let by_login = count(
        "SELECT COUNT(*) FROM login_failures WHERE login = $1 AND at >= $2",
        login,
    )
    .await
    .ok_or(SignInError::Unavailable)?;
    let by_address = count(
        "SELECT COUNT(*) FROM login_failures WHERE address = $1 AND at >= $2",
        address,
    )
    .await
    .ok_or(SignInError::Unavailable)?;
    if by_login >= MAX_FAILURES_PER_LOGIN || by_address >= MAX_FAILURES_PER_ADDRESS {
        return Err(SignInError::Throttled);
    }
    let stored = store
        .query(
            "SELECT password_hash FROM staff WHERE login = $1 AND disabled_at IS NULL",
            &[login.into()],
        )
        .await
        .map_err(|_| SignInError::Unavailable)?;
    let hash = stored
        .first()
        .and_then(|row| row.first()?.text().map(str::to_owned));
    let matched = {
        let password = password.to_owned();
        let hash = hash.clone();
        // Argon2 is deliberately slow: keep it off the reactor.
        tokio::task::spawn_blocking(move || {
            password_matches(&password, hash.as_deref().unwrap_or_else(|| decoy_hash()))
        })
        .await
        .unwrap_or(false)
    };
    let at = prequal::consent::format_rfc3339(now);
    if !(matched && hash.is_some()) {
        store
            .execute(vec![Statement::new(
                "INSERT INTO login_failures (login, address, at) VALUES ($1, $2, $3)",
                vec![login.into(), address.into(), at.into()],
            )])
            .await
            .map_err(|_| SignInError::Unavailable)?;
        return Err(SignInError::Wrong);
    }
    let token = random_token().map_err(|_| SignInError::Unavailable)?;
    let csrf = random_token().map_err(|_| SignInError::Unavailable)?;
    store
        .execute(vec![
            Statement::new(
                "INSERT INTO desk_sessions (token_sha256, login, csrf, created_at, last_seen_at, expires_at)
                VALUES ($1, $2, $3, $4, $4, $5)",
                vec![
                    prequal::sha256_hex(token.as_bytes()).into(),
                    login.into(),
                    csrf.into(),
                    at.as_str().into(),
                    prequal::consent::format_rfc3339(now + lifetimes.absolute_seconds).into(),
                ],
            ),
            Statement::new(
                "DELETE FROM login_failures WHERE login = $1",
                vec![login.into()],
            ),
        ])
        .await
        .map_err(|_| SignInError::Unavailable)?;
    Ok(token)
}

/// The member of staff whose session `token` is, if it is live at `now`; a session idle for
/// longer than allowed, or past its end, is ended here.
pub async fn session(
    store: &Store,
    token: &str,
    now: i64,
    lifetimes: Lifetimes,
) -> Result<Option<Officer>, StoreError> {
    let key = prequal::sha256_hex(token.as_bytes());
    let rows = store
        .query(
            "SELECT s.login, st.institution, st.role, s.csrf, s.last_seen_at, s.expires_at
            FROM desk_sessions s JOIN staff st ON st.login = s.login
            WHERE s.token_sha256 = $1 AND st.disabled_at IS NULL",
            &[key.as_str().into()],
        )
        .await?;
    let Some(row) = rows.first() else {
        return Ok(None);
    };
    let text = |i: usize| {
        row.get(i)
            .and_then(Cell::text)
            .unwrap_or_default()
            .to_owned()
    };
    let seconds = |i: usize| prequal::consent::parse_rfc3339(&text(i)).unwrap_or(0);
    let (last_seen, expires) = (seconds(4), seconds(5));
    if now >= expires || now - last_seen > lifetimes.idle_seconds {
        end_session(store, token).await?;
        return Ok(None);
    }
    // Seen again: written at most once a minute, not on every request.
    if now - last_seen >= 60 {
        store
            .execute(vec![Statement::new(
                "UPDATE desk_sessions SET last_seen_at = $2 WHERE token_sha256 = $1",
                vec![key.into(), prequal::consent::format_rfc3339(now).into()],
            )])
            .await?;
    }
    let Some(role) = Role::parse(&text(2)) else {
        return Ok(None);
    };
    Ok(Some(Officer {
        login: text(0),
        institution: text(1),
        role,
        csrf: text(3),
    }))
}

/// Ends the session `token` (signing out).
pub async fn end_session(store: &Store, token: &str) -> Result<(), StoreError> {
    store
        .execute(vec![Statement::new(
            "DELETE FROM desk_sessions WHERE token_sha256 = $1",
            vec![prequal::sha256_hex(token.as_bytes()).into()],
        )])
        .await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_password_matches_only_its_own_hash() {
        let hash = hash_password("correct horse battery").expect("hash");
        assert!(hash.starts_with("$argon2id$"));
        assert!(password_matches("correct horse battery", &hash));
        assert!(!password_matches("correct horse batterY", &hash));
        assert!(!password_matches("correct horse battery", "not a hash"));
    }

    #[test]
    fn logins_follow_their_rule() {
        assert!(valid_login("wang.li@inst-005"));
        assert!(!valid_login("ab"));
        assert!(!valid_login("wang li"));
        assert!(!valid_login("王"));
    }
}
