//! Fetching articles by URL.
//!
//! Key decisions:
//! - **A blocking client (ureq), one request at a time.** newsgraph is not a
//!   crawler: users hand it lists of article URLs. Fetching one URL after
//!   another, with a pause per host, is polite to the sites and keeps the
//!   code simple; the expensive part (extraction and the pipeline) still runs
//!   in parallel downstream.
//! - **Every limit is explicit** ([`FetchOptions`]): a timeout per request, a
//!   cap on the body size (the body is read at most one byte past it, so a
//!   huge response costs no memory), a cap on redirects, an identifying user
//!   agent, and a minimum delay between two requests to the same host.
//! - **Failures are values** ([`FetchError`]), one per URL, so a batch goes on.
//!
//! Only this crate makes outgoing HTTP requests.

use std::collections::HashMap;
use std::io::Read;
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// The limits and manners of a [`Fetcher`].
#[derive(Debug, Clone)]
pub struct FetchOptions {
    /// Time allowed for a whole request (connect, headers, body).
    pub timeout: Duration,
    /// Largest body accepted, in bytes.
    pub max_bytes: usize,
    /// Redirects followed before giving up.
    pub max_redirects: u32,
    /// Sent as `User-Agent`.
    pub user_agent: String,
    /// Least time between two requests to the same host.
    pub per_host_delay: Duration,
}

impl Default for FetchOptions {
    fn default() -> Self {
        FetchOptions {
            timeout: Duration::from_secs(20),
            max_bytes: 10 * 1024 * 1024,
            max_redirects: 5,
            user_agent: concat!(
                "newsgraph/",
                env!("CARGO_PKG_VERSION"),
                " (news analysis; one request per host per second)"
            )
            .to_string(),
            per_host_delay: Duration::from_secs(1),
        }
    }
}

/// A fetched page.
#[derive(Debug, Clone)]
pub struct Fetched {
    /// The URL after redirects.
    pub url: String,
    pub status: u16,
    /// The media type without parameters ("text/html").
    pub content_type: String,
    /// The `charset` parameter of `Content-Type`, if any.
    pub charset: Option<String>,
    pub body: Vec<u8>,
}

impl Fetched {
    /// Whether the body should be read as HTML (also when the server does
    /// not say what it is).
    pub fn is_html(&self) -> bool {
        let ct = self.content_type.as_str();
        ct.is_empty() || ct.contains("html") || ct == "application/octet-stream"
    }
}

/// Why one URL could not be fetched.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum FetchError {
    #[error("not a fetchable URL: {0}")]
    BadUrl(String),
    #[error("the server answered HTTP {status}")]
    Status { status: u16 },
    #[error("response body over the limit of {limit} bytes")]
    TooLarge { limit: usize },
    #[error("request failed: {0}")]
    Transport(String),
}

/// Fetches URLs with the limits of its [`FetchOptions`]. Shareable across
/// threads; the per-host delay holds across them.
pub struct Fetcher {
    agent: ureq::Agent,
    options: FetchOptions,
    last_request: Mutex<HashMap<String, Instant>>,
}

impl Fetcher {
    pub fn new(options: FetchOptions) -> Fetcher {
        let agent = ureq::AgentBuilder::new()
            .timeout(options.timeout)
            .redirects(options.max_redirects)
            .user_agent(&options.user_agent)
            .build();
        Fetcher {
            agent,
            options,
            last_request: Mutex::new(HashMap::new()),
        }
    }

    /// Fetches one URL (http or https), waiting first if the same host was
    /// asked less than `per_host_delay` ago.
    pub fn fetch(&self, url: &str) -> Result<Fetched, FetchError> {
        let parsed = url::Url::parse(url).map_err(|e| FetchError::BadUrl(format!("{url}: {e}")))?;
        if !matches!(parsed.scheme(), "http" | "https") {
            return Err(FetchError::BadUrl(format!(
                "{url}: only http and https are fetched"
            )));
        }
        let host = parsed.host_str().unwrap_or_default().to_ascii_lowercase();
        self.wait_for(&host);
        let response = match self.agent.request_url("GET", &parsed).call() {
            Ok(r) => r,
            Err(ureq::Error::Status(status, _)) => return Err(FetchError::Status { status }),
            Err(ureq::Error::Transport(t)) => return Err(FetchError::Transport(t.to_string())),
        };
        let status = response.status();
        let final_url = response.get_url().to_string();
        let content_type = response.content_type().to_ascii_lowercase();
        let charset = response
            .header("content-type")
            .and_then(|ct| {
                ct.split(';')
                    .find_map(|p| p.trim().strip_prefix("charset="))
            })
            .map(|c| c.trim_matches('"').to_string());
        let limit = self.options.max_bytes;
        let mut body = Vec::new();
        response
            .into_reader()
            .take(limit as u64 + 1)
            .read_to_end(&mut body)
            .map_err(|e| FetchError::Transport(format!("reading the body: {e}")))?;
        if body.len() > limit {
            return Err(FetchError::TooLarge { limit });
        }
        Ok(Fetched {
            url: final_url,
            status,
            content_type,
            charset,
            body,
        })
    }

    /// Sleeps until `per_host_delay` has passed since the last request to
    /// `host`, then records this request.
    fn wait_for(&self, host: &str) {
        let wait = {
            let mut last = self.last_request.lock().unwrap_or_else(|p| p.into_inner());
            let now = Instant::now();
            let ready_at = last
                .get(host)
                .map(|t| *t + self.options.per_host_delay)
                .unwrap_or(now);
            let start = ready_at.max(now);
            last.insert(host.to_string(), start);
            start - now
        };
        if !wait.is_zero() {
            std::thread::sleep(wait);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn non_http_urls_are_refused_without_a_request() {
        let f = Fetcher::new(FetchOptions::default());
        assert!(matches!(
            f.fetch("file:///etc/passwd"),
            Err(FetchError::BadUrl(_))
        ));
        assert!(matches!(f.fetch("not a url"), Err(FetchError::BadUrl(_))));
    }

    #[test]
    fn the_per_host_delay_spaces_requests_to_one_host_only() {
        let f = Fetcher::new(FetchOptions {
            per_host_delay: Duration::from_millis(200),
            ..FetchOptions::default()
        });
        f.wait_for("a.example");
        let t = Instant::now();
        f.wait_for("b.example");
        assert!(
            t.elapsed() < Duration::from_millis(150),
            "another host does not wait"
        );
        f.wait_for("a.example");
        assert!(
            t.elapsed() >= Duration::from_millis(150),
            "the same host waits"
        );
    }
}
