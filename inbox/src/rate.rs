//! A per-address token bucket: each client address may make `per_minute` requests a minute,
//! in bursts of up to that many.

use std::collections::HashMap;
use std::net::IpAddr;
use std::sync::Mutex;
use std::time::Instant;

use axum::http::StatusCode;

use crate::Problem;

/// The limiter.
pub struct Limiter {
    per_minute: f64,
    buckets: Mutex<HashMap<IpAddr, (f64, Instant)>>,
}

impl Limiter {
    /// A limiter allowing `per_minute` requests a minute per address (0: no limit).
    pub fn new(per_minute: u32) -> Limiter {
        Limiter {
            per_minute: f64::from(per_minute),
            buckets: Mutex::new(HashMap::new()),
        }
    }

    /// Takes one token for `address`, or refuses with 429.
    pub fn check(&self, address: IpAddr) -> Result<(), Problem> {
        if self.per_minute == 0.0 {
            return Ok(());
        }
        let now = Instant::now();
        let mut buckets = self
            .buckets
            .lock()
            .map_err(|_| Problem::new(StatusCode::SERVICE_UNAVAILABLE, "unavailable", "limiter"))?;
        // Forget idle clients so the table cannot grow without bound.
        if buckets.len() > 100_000 {
            buckets.retain(|_, (_, last)| now.duration_since(*last).as_secs() < 60);
        }
        let (tokens, last) = buckets.entry(address).or_insert((self.per_minute, now));
        let refill = now.duration_since(*last).as_secs_f64() * self.per_minute / 60.0;
        *tokens = (*tokens + refill).min(self.per_minute);
        *last = now;
        if *tokens < 1.0 {
            return Err(Problem::new(
                StatusCode::TOO_MANY_REQUESTS,
                "rate_limited",
                "too many requests from this address; slow down",
            ));
        }
        *tokens -= 1.0;
        Ok(())
    }
}
