//! The response cache and ETags.
//!
//! The database is read-only while it is served, so a page or an API answer depends only on
//! its URL. Handlers mark such responses [`Cacheable`]; the first rendering is kept (bounded by
//! [`MAX_BYTES`]) and every later request for the same URL is answered from memory, with an
//! `ETag` and `304 Not Modified` for clients that already hold it. The ETag is weak (`W/"…"`):
//! the gzip and identity encodings of a body are the same page, and a strong tag would have
//! to differ between them.

use std::collections::HashMap;
use std::hash::{BuildHasher, Hasher};
use std::io::Write as _;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{OnceLock, RwLock};

use axum::body::Body;
use axum::extract::{Request, State};
use axum::http::{HeaderMap, HeaderValue, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use bytes::Bytes;

use crate::app::AppState;

/// Marks a response as a pure function of its URL (set by handlers as an extension).
#[derive(Debug, Clone, Copy)]
pub struct Cacheable;

/// Total body bytes kept; past this, responses are still served but no longer stored.
pub const MAX_BYTES: usize = 96 * 1024 * 1024;
/// Longer URLs are not cached (they are not links anyone shares).
const MAX_KEY: usize = 512;
/// Larger bodies are served but not stored.
const MAX_ENTRY: usize = 4 * 1024 * 1024;

pub const CACHE_CONTROL: &str = "public, max-age=300";

struct Entry {
    headers: HeaderMap,
    body: Bytes,
    etag: HeaderValue,
    /// The body gzipped, made on the first request that accepts it; `None` when not worth it.
    gzip: OnceLock<Option<Bytes>>,
}

/// Smaller bodies are sent as they are: the gzip header and a round trip cost more.
const MIN_GZIP: usize = 1024;

impl Entry {
    /// Compressed once and kept: compressing a 60 kB page on every request would cost more
    /// than rendering it did.
    fn gzipped(&self) -> Option<&Bytes> {
        self.gzip
            .get_or_init(|| {
                let compressible = self
                    .headers
                    .get(header::CONTENT_TYPE)
                    .and_then(|v| v.to_str().ok())
                    .is_some_and(|t| {
                        t.starts_with("text/")
                            || t.starts_with("application/json")
                            || t.starts_with("application/javascript")
                            || t.starts_with("image/svg+xml")
                    });
                if !compressible || self.body.len() < MIN_GZIP {
                    return None;
                }
                let mut z = flate2::write::GzEncoder::new(
                    Vec::with_capacity(self.body.len() / 4),
                    flate2::Compression::default(),
                );
                z.write_all(&self.body).ok()?;
                let z = z.finish().ok()?;
                (z.len() < self.body.len()).then(|| Bytes::from(z))
            })
            .as_ref()
    }
}

/// Whether `Accept-Encoding` allows gzip (`gzip` or `*`, with a quality above 0).
fn accepts_gzip(headers: &HeaderMap) -> bool {
    headers.get_all(header::ACCEPT_ENCODING).iter().filter_map(|v| v.to_str().ok()).any(|v| {
        v.split(',').any(|item| {
            let mut parts = item.split(';').map(str::trim);
            let coding = parts.next().unwrap_or("");
            let refused = parts.any(|p| {
                p.strip_prefix("q=").is_some_and(|q| q.parse::<f32>().is_ok_and(|q| q <= 0.0))
            });
            (coding.eq_ignore_ascii_case("gzip") || coding == "*") && !refused
        })
    })
}

#[derive(Default)]
pub struct ResponseCache {
    map: RwLock<HashMap<String, std::sync::Arc<Entry>>>,
    bytes: AtomicUsize,
}

impl ResponseCache {
    pub fn len(&self) -> usize {
        self.map.read().unwrap_or_else(|e| e.into_inner()).len()
    }
}

fn etag_of(body: &[u8]) -> HeaderValue {
    // Fixed seeds: the same body gets the same ETag across restarts and servers.
    let mut h = ahash::RandomState::with_seeds(0x7472, 0x656c, 0x6c69, 0x7321).build_hasher();
    h.write(body);
    let v = format!("W/\"{:016x}-{:x}\"", h.finish(), body.len());
    HeaderValue::from_str(&v).unwrap_or_else(|_| HeaderValue::from_static("W/\"0\""))
}

/// `If-None-Match` uses the weak comparison: tags match when their opaque parts do.
fn matches(if_none_match: Option<&HeaderValue>, etag: &HeaderValue) -> bool {
    let Some(v) = if_none_match.and_then(|v| v.to_str().ok()) else { return false };
    fn opaque(t: &str) -> &str {
        t.strip_prefix("W/").unwrap_or(t)
    }
    let etag = opaque(etag.to_str().unwrap_or(""));
    v.split(',').map(str::trim).any(|t| t == "*" || opaque(t) == etag)
}

fn respond(entry: &Entry, if_none_match: Option<&HeaderValue>, gzip_ok: bool) -> Response {
    if matches(if_none_match, &entry.etag) {
        let mut r = StatusCode::NOT_MODIFIED.into_response();
        r.headers_mut().insert(header::ETAG, entry.etag.clone());
        r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(CACHE_CONTROL));
        return r;
    }
    let gzipped = if gzip_ok { entry.gzipped() } else { None };
    let mut r = Response::new(Body::from(gzipped.unwrap_or(&entry.body).clone()));
    *r.headers_mut() = entry.headers.clone();
    if gzipped.is_some() {
        r.headers_mut().insert(header::CONTENT_ENCODING, HeaderValue::from_static("gzip"));
    }
    r
}

pub async fn middleware(State(state): State<AppState>, req: Request, next: Next) -> Response {
    if req.method() != Method::GET && req.method() != Method::HEAD {
        return next.run(req).await;
    }
    let inm = req.headers().get(header::IF_NONE_MATCH).cloned();
    let gzip_ok = accepts_gzip(req.headers());
    let cache = state.cache();
    let hit = {
        let key = req.uri().path_and_query().map_or("", |p| p.as_str());
        cache.map.read().unwrap_or_else(|e| e.into_inner()).get(key).cloned()
    };
    if let Some(e) = hit {
        return respond(&e, inm.as_ref(), gzip_ok);
    }
    let key = req.uri().path_and_query().map(|p| p.as_str().to_owned()).unwrap_or_default();
    let resp = next.run(req).await;
    if resp.status() != StatusCode::OK || resp.extensions().get::<Cacheable>().is_none() {
        return resp;
    }
    let (mut parts, body) = resp.into_parts();
    let body = match axum::body::to_bytes(body, MAX_ENTRY).await {
        Ok(b) => b,
        Err(e) => return crate::error::Problem::internal(e).into_page_or_json(&key),
    };
    let etag = etag_of(&body);
    parts.headers.insert(header::ETAG, etag.clone());
    parts.headers.entry(header::CACHE_CONTROL).or_insert(HeaderValue::from_static(CACHE_CONTROL));
    // The body may be sent gzipped: the length is the sent body's, and caches keep both.
    parts.headers.remove(header::CONTENT_LENGTH);
    parts.headers.append(header::VARY, HeaderValue::from_static("accept-encoding"));
    let entry = Entry { headers: parts.headers, body, etag, gzip: OnceLock::new() };
    let response = respond(&entry, inm.as_ref(), gzip_ok);
    if key.len() <= MAX_KEY
        && state.is_ready()
        && cache.bytes.fetch_add(entry.body.len(), Ordering::Relaxed) + entry.body.len()
            <= MAX_BYTES
    {
        cache
            .map
            .write()
            .unwrap_or_else(|e| e.into_inner())
            .insert(key, std::sync::Arc::new(entry));
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn etag_is_stable_and_content_dependent() {
        assert_eq!(etag_of(b"abc"), etag_of(b"abc"));
        assert_ne!(etag_of(b"abc"), etag_of(b"abd"));
    }

    #[test]
    fn accept_encoding_is_read_with_its_qualities() {
        let h = |v: &'static str| {
            let mut m = HeaderMap::new();
            m.insert(header::ACCEPT_ENCODING, HeaderValue::from_static(v));
            m
        };
        assert!(accepts_gzip(&h("gzip, deflate, br")));
        assert!(accepts_gzip(&h("br;q=1.0, GZIP;q=0.5")));
        assert!(accepts_gzip(&h("*")));
        assert!(!accepts_gzip(&h("gzip;q=0")));
        assert!(!accepts_gzip(&h("br, identity")));
        assert!(!accepts_gzip(&HeaderMap::new()));
    }

    #[test]
    fn if_none_match_lists_and_weak_tags() {
        let e = etag_of(b"x");
        let weak = e.to_str().unwrap();
        assert!(weak.starts_with("W/\""), "{weak}");
        let list = HeaderValue::from_str(&format!("\"nope\", {weak}")).unwrap();
        assert!(matches(Some(&list), &e));
        // A client that sends the tag in its strong form matches too (weak comparison).
        let strong = HeaderValue::from_str(weak.trim_start_matches("W/")).unwrap();
        assert!(matches(Some(&strong), &e));
        assert!(!matches(Some(&HeaderValue::from_static("\"nope\"")), &e));
        assert!(!matches(None, &e));
    }
}
