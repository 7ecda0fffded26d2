//! One file's transfer into `FILE.part`: retries with backoff, resume with HTTP Range, and
//! conditional requests for `--refresh`.
//!
//! The partial file keeps a small sidecar, `FILE.part.meta`, naming the URL and the server's
//! validators (ETag, Last-Modified) of the response it came from. A resume sends them in
//! `If-Range`, so a file the publisher replaced meanwhile is downloaded whole instead of
//! being spliced from two versions.

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::error::{FetchError, IoContext};
use crate::progress::Reporter;

/// How hard to try before giving up on a file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RetryPolicy {
    /// Attempts in a row that may fail without progress before the file is given up.
    pub attempts: u32,
    /// The wait after the first failure; it doubles after each further one.
    pub base_delay: Duration,
    /// The longest wait, also the cap on a server's `Retry-After`.
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            attempts: 5,
            base_delay: Duration::from_secs(1),
            max_delay: Duration::from_secs(30),
        }
    }
}

impl RetryPolicy {
    fn delay(&self, failures: u32, retry_after: Option<Duration>) -> Duration {
        let exp = self.base_delay.saturating_mul(1u32 << failures.saturating_sub(1).min(16));
        retry_after.unwrap_or(exp).min(self.max_delay)
    }
}

/// The server's validators for the version of a file it sent.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Validators {
    pub etag: Option<String>,
    pub last_modified: Option<String>,
}

impl Validators {
    /// What `If-Range` may carry: a strong ETag, else the date.
    fn if_range(&self) -> Option<&str> {
        match &self.etag {
            Some(e) if !e.starts_with("W/") => Some(e),
            _ => self.last_modified.as_deref(),
        }
    }
}

/// The sidecar of a partial download.
#[derive(Debug, Serialize, Deserialize)]
struct PartMeta {
    url: String,
    #[serde(flatten)]
    validators: Validators,
}

pub(crate) enum Outcome {
    /// The whole file is in the `.part` file; `resumed_from` bytes of it were there before.
    Complete { validators: Validators, resumed_from: u64 },
    /// `--refresh` asked, and the server says the copy on disk is current.
    NotModified,
}

/// Names used in error messages.
pub(crate) struct Names<'a> {
    pub name: &'a str,
    pub url: &'a str,
    pub list: &'a str,
    pub dir: &'a Path,
}

pub(crate) fn part_path(dest: &Path) -> PathBuf {
    let mut s = dest.as_os_str().to_owned();
    s.push(".part");
    PathBuf::from(s)
}

fn meta_path(part: &Path) -> PathBuf {
    let mut s = part.as_os_str().to_owned();
    s.push(".meta");
    PathBuf::from(s)
}

/// Removes a partial download and its sidecar.
pub(crate) fn discard_part(part: &Path) -> Result<(), FetchError> {
    for p in [part.to_path_buf(), meta_path(part)] {
        match std::fs::remove_file(&p) {
            Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(FetchError::io(p, e)),
            _ => {}
        }
    }
    Ok(())
}

/// How many bytes of `url` are already in `part`, with their validators. A part without a
/// sidecar for the same URL cannot be trusted and is discarded.
fn resumable(part: &Path, url: &str) -> Result<(u64, Validators), FetchError> {
    let len = match std::fs::metadata(part) {
        Ok(m) => m.len(),
        Err(_) => {
            discard_part(part)?;
            return Ok((0, Validators::default()));
        }
    };
    let meta: Option<PartMeta> =
        std::fs::read(meta_path(part)).ok().and_then(|b| serde_json::from_slice(&b).ok());
    match meta {
        Some(m) if m.url == url && len > 0 => Ok((len, m.validators)),
        _ => {
            discard_part(part)?;
            Ok((0, Validators::default()))
        }
    }
}

/// Why an attempt failed, when another attempt may succeed.
enum Cause {
    Status(u16),
    Connect(String),
    Transfer(String),
}

enum Attempt {
    Done(Outcome),
    Retry { cause: Cause, progressed: bool, retry_after: Option<Duration> },
}

/// Downloads `names.url` into `part`, resuming what is there, until it is complete.
pub(crate) fn download(
    agent: &ureq::Agent,
    policy: &RetryPolicy,
    reporter: &mut Reporter,
    names: &Names<'_>,
    part: &Path,
    conditional: Option<&Validators>,
) -> Result<Outcome, FetchError> {
    let mut failures = 0u32;
    let mut attempts = 0u32;
    // A server that drops every connection after a few bytes still makes progress; this
    // bounds the total so such a server cannot keep the fetch busy forever.
    let max_attempts = policy.attempts.max(1).saturating_mul(20);
    // The bytes from an earlier run that end up in the file; a restart from zero drops them.
    let mut kept = resumable(part, names.url)?.0;
    loop {
        attempts += 1;
        let (cause, progressed, retry_after) =
            match attempt(agent, reporter, names, part, conditional, &mut kept)? {
                Attempt::Done(outcome) => return Ok(outcome),
                Attempt::Retry { cause, progressed, retry_after } => {
                    (cause, progressed, retry_after)
                }
            };
        failures = if progressed { 0 } else { failures + 1 };
        if failures >= policy.attempts.max(1) || attempts >= max_attempts {
            return Err(give_up(names, cause, attempts));
        }
        let wait = if progressed { Duration::ZERO } else { policy.delay(failures, retry_after) };
        let what = match &cause {
            Cause::Status(s) => format!("HTTP {s}"),
            Cause::Connect(d) | Cause::Transfer(d) => d.clone(),
        };
        reporter.warn(&format!(
            "{}: {what}; retrying{}",
            names.name,
            if wait.is_zero() { String::new() } else { format!(" in {:.1} s", wait.as_secs_f64()) }
        ));
        std::thread::sleep(wait);
    }
}

fn give_up(names: &Names<'_>, cause: Cause, attempts: u32) -> FetchError {
    match cause {
        Cause::Status(status) => {
            FetchError::Status { url: names.url.to_string(), status, attempts }
        }
        Cause::Connect(detail) => unreachable_error(names, detail),
        Cause::Transfer(detail) => {
            FetchError::Transfer { url: names.url.to_string(), attempts, detail }
        }
    }
}

fn unreachable_error(names: &Names<'_>, detail: String) -> FetchError {
    FetchError::Unreachable {
        host: crate::sources::host_of(names.url).to_string(),
        detail,
        list: names.list.to_string(),
        dir: names.dir.to_path_buf(),
    }
}

fn header(resp: &ureq::http::Response<ureq::Body>, name: &str) -> Option<String> {
    resp.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string)
}

/// Parses `bytes START-END/TOTAL` (TOTAL may be `*`) into (START, TOTAL).
fn content_range(value: &str) -> Option<(u64, Option<u64>)> {
    let rest = value.trim().strip_prefix("bytes")?.trim_start();
    let (range, total) = rest.split_once('/')?;
    let (start, _end) = range.split_once('-')?;
    let total = if total.trim() == "*" { None } else { Some(total.trim().parse().ok()?) };
    Some((start.trim().parse().ok()?, total))
}

fn attempt(
    agent: &ureq::Agent,
    reporter: &mut Reporter,
    names: &Names<'_>,
    part: &Path,
    conditional: Option<&Validators>,
    kept: &mut u64,
) -> Result<Attempt, FetchError> {
    let (have, held) = resumable(part, names.url)?;
    let mut req = agent.get(names.url);
    if have > 0 {
        req = req.header("Range", format!("bytes={have}-"));
        if let Some(v) = held.if_range() {
            req = req.header("If-Range", v);
        }
    } else if let Some(c) = conditional {
        if let Some(e) = &c.etag {
            req = req.header("If-None-Match", e);
        }
        if let Some(d) = &c.last_modified {
            req = req.header("If-Modified-Since", d);
        }
    }
    let resp = match req.call() {
        Ok(r) => r,
        Err(e) => return request_failed(names, e),
    };
    let status = resp.status().as_u16();
    let validators =
        Validators { etag: header(&resp, "etag"), last_modified: header(&resp, "last-modified") };
    let length: Option<u64> = header(&resp, "content-length").and_then(|v| v.trim().parse().ok());
    let (start, total) = match status {
        304 if have == 0 && conditional.is_some() => {
            return Ok(Attempt::Done(Outcome::NotModified));
        }
        200 => {
            if have > 0 {
                reporter.info(&format!(
                    "{}: the server sent the whole file instead of the rest; starting over",
                    names.name
                ));
            }
            (0, length)
        }
        206 => match header(&resp, "content-range").as_deref().and_then(content_range) {
            Some((start, total)) if start == have => {
                (start, total.or_else(|| length.map(|l| have + l)))
            }
            _ => {
                reporter.info(&format!(
                    "{}: the server answered an unusable range; starting over",
                    names.name
                ));
                discard_part(part)?;
                return Ok(Attempt::Retry {
                    cause: Cause::Transfer("unusable range response".into()),
                    progressed: false,
                    retry_after: None,
                });
            }
        },
        416 => {
            // The partial file does not fit what the server has now: start over.
            discard_part(part)?;
            return Ok(Attempt::Retry {
                cause: Cause::Status(416),
                progressed: true,
                retry_after: None,
            });
        }
        404 | 410 => {
            return Err(FetchError::NotFound {
                name: names.name.to_string(),
                url: names.url.to_string(),
                status,
                list: names.list.to_string(),
            });
        }
        401 | 403 => return Err(FetchError::Refused { url: names.url.to_string(), status }),
        408 | 425 | 429 | 500..=599 => {
            let retry_after = header(&resp, "retry-after")
                .and_then(|v| v.trim().parse::<u64>().ok())
                .map(Duration::from_secs);
            return Ok(Attempt::Retry {
                cause: Cause::Status(status),
                progressed: false,
                retry_after,
            });
        }
        _ => {
            return Err(FetchError::Unexpected {
                name: names.name.to_string(),
                url: names.url.to_string(),
                status,
                list: names.list.to_string(),
            });
        }
    };

    let mut file = if start == 0 {
        *kept = 0;
        let meta = PartMeta { url: names.url.to_string(), validators: validators.clone() };
        let meta_file = meta_path(part);
        std::fs::write(&meta_file, serde_json::to_vec(&meta).expect("serializes"))
            .at(&meta_file)?;
        std::fs::File::create(part).at(part)?
    } else {
        std::fs::OpenOptions::new().append(true).open(part).at(part)?
    };
    reporter.transfer(names.name, start, total);
    let mut body = resp.into_body().into_reader();
    let mut buf = vec![0u8; 1 << 16];
    let mut received = 0u64;
    let read_error = loop {
        match body.read(&mut buf) {
            Ok(0) => break None,
            Ok(n) => {
                file.write_all(&buf[..n]).at(part)?;
                received += n as u64;
                reporter.advance(n as u64);
            }
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
            Err(e) => break Some(e),
        }
    };
    file.sync_all().at(part)?;
    let now = start + received;
    let validators = if start == 0 { validators } else { held };
    match (read_error, total) {
        (Some(e), _) => Ok(Attempt::Retry {
            cause: Cause::Transfer(format!("the connection broke after {now} bytes ({e})")),
            progressed: received > 0,
            retry_after: None,
        }),
        (None, Some(total)) if now < total => Ok(Attempt::Retry {
            cause: Cause::Transfer(format!("the connection closed after {now} of {total} bytes")),
            progressed: received > 0,
            retry_after: None,
        }),
        (None, Some(total)) if now > total => {
            discard_part(part)?;
            Ok(Attempt::Retry {
                cause: Cause::Transfer(format!(
                    "the server sent {now} bytes, more than the {total} it announced"
                )),
                progressed: false,
                retry_after: None,
            })
        }
        _ => Ok(Attempt::Done(Outcome::Complete { validators, resumed_from: *kept })),
    }
}

/// Sorts a failure before any response into give-up-now and try-again.
fn request_failed(names: &Names<'_>, e: ureq::Error) -> Result<Attempt, FetchError> {
    let retry = |cause| Ok(Attempt::Retry { cause, progressed: false, retry_after: None });
    match e {
        ureq::Error::HostNotFound => {
            Err(unreachable_error(names, "the name could not be resolved (DNS)".into()))
        }
        ureq::Error::ConnectionFailed => {
            retry(Cause::Connect("no connection could be made".into()))
        }
        ureq::Error::Timeout(t) => retry(Cause::Connect(format!("timed out ({t})"))),
        ureq::Error::Io(io) => {
            use std::io::ErrorKind as K;
            match io.kind() {
                K::ConnectionRefused
                | K::HostUnreachable
                | K::NetworkUnreachable
                | K::NetworkDown => retry(Cause::Connect(io.to_string())),
                K::ConnectionReset
                | K::ConnectionAborted
                | K::BrokenPipe
                | K::UnexpectedEof
                | K::TimedOut
                | K::WouldBlock => retry(Cause::Transfer(io.to_string())),
                // Name resolution failures arrive as plain I/O errors from the system resolver.
                _ => Err(unreachable_error(names, io.to_string())),
            }
        }
        ureq::Error::Protocol(p) => {
            retry(Cause::Transfer(format!("malformed HTTP response ({p})")))
        }
        other => Err(FetchError::Request { url: names.url.to_string(), detail: other.to_string() }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn content_range_forms() {
        assert_eq!(content_range("bytes 100-199/200"), Some((100, Some(200))));
        assert_eq!(content_range("bytes 5-9/*"), Some((5, None)));
        assert_eq!(content_range("bytes */200"), None);
        assert_eq!(content_range("items 1-2/3"), None);
    }

    #[test]
    fn backoff_doubles_and_is_capped() {
        let p = RetryPolicy {
            attempts: 5,
            base_delay: Duration::from_millis(100),
            max_delay: Duration::from_millis(500),
        };
        assert_eq!(p.delay(1, None), Duration::from_millis(100));
        assert_eq!(p.delay(2, None), Duration::from_millis(200));
        assert_eq!(p.delay(3, None), Duration::from_millis(400));
        assert_eq!(p.delay(4, None), Duration::from_millis(500));
        assert_eq!(p.delay(1, Some(Duration::from_secs(60))), Duration::from_millis(500));
    }

    #[test]
    fn if_range_prefers_a_strong_etag() {
        let v = Validators { etag: Some("\"abc\"".into()), last_modified: Some("date".into()) };
        assert_eq!(v.if_range(), Some("\"abc\""));
        let w = Validators { etag: Some("W/\"abc\"".into()), last_modified: Some("date".into()) };
        assert_eq!(w.if_range(), Some("date"));
    }
}
