//! A small HTTP/1.1 server on 127.0.0.1 for the fetch tests: it serves fixture bytes and can
//! misbehave on purpose (cut a response short, answer 503, ignore Range, answer 404).

use std::collections::{HashMap, VecDeque};
use std::io::{BufRead, BufReader, Write};
use std::net::{Shutdown, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

/// A misbehaviour for one request, consumed in order before normal service resumes.
#[derive(Debug, Clone)]
pub enum Fault {
    /// Answer with this status and an empty body.
    Status(u16),
    /// Announce the full length, send this many bytes of the body, then close.
    Cut(usize),
    /// Like `Cut`, but go silent for this many milliseconds before closing.
    Stall(usize, u64),
}

/// What the server does for one path.
#[derive(Debug, Clone)]
pub struct Route {
    pub body: Vec<u8>,
    pub etag: Option<String>,
    pub honor_range: bool,
    pub faults: VecDeque<Fault>,
    /// When set, every request gets this status and no body.
    pub always: Option<u16>,
}

impl Route {
    pub fn file(body: impl Into<Vec<u8>>) -> Route {
        Route {
            body: body.into(),
            etag: None,
            honor_range: true,
            faults: VecDeque::new(),
            always: None,
        }
    }

    pub fn with_etag(mut self, etag: &str) -> Route {
        self.etag = Some(etag.to_string());
        self
    }

    pub fn ignoring_range(mut self) -> Route {
        self.honor_range = false;
        self
    }

    pub fn with_faults(mut self, faults: impl IntoIterator<Item = Fault>) -> Route {
        self.faults = faults.into_iter().collect();
        self
    }

    pub fn status(code: u16) -> Route {
        Route { always: Some(code), ..Route::file(Vec::new()) }
    }
}

/// A request as the server saw it; header names are lowercase.
#[derive(Debug, Clone)]
pub struct Seen {
    pub path: String,
    pub headers: HashMap<String, String>,
    /// The status the server answered.
    pub status: u16,
}

impl Seen {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).map(String::as_str)
    }
}

#[derive(Default)]
struct Shared {
    routes: HashMap<String, Route>,
    seen: Vec<Seen>,
}

pub struct TestServer {
    port: u16,
    shared: Arc<Mutex<Shared>>,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl TestServer {
    pub fn start() -> TestServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a loopback port");
        let port = listener.local_addr().unwrap().port();
        let shared = Arc::new(Mutex::new(Shared::default()));
        let stop = Arc::new(AtomicBool::new(false));
        let (s, st) = (shared.clone(), stop.clone());
        let thread = std::thread::spawn(move || {
            for stream in listener.incoming() {
                if st.load(Ordering::SeqCst) {
                    break;
                }
                if let Ok(stream) = stream {
                    let s = s.clone();
                    std::thread::spawn(move || serve(stream, &s));
                }
            }
        });
        TestServer { port, shared, stop, thread: Some(thread) }
    }

    pub fn url(&self, path: &str) -> String {
        format!("http://127.0.0.1:{}{path}", self.port)
    }

    pub fn route(&self, path: &str, route: Route) {
        self.shared.lock().unwrap().routes.insert(path.to_string(), route);
    }

    /// Every request so far for `path`.
    pub fn seen(&self, path: &str) -> Vec<Seen> {
        self.shared.lock().unwrap().seen.iter().filter(|s| s.path == path).cloned().collect()
    }

    pub fn request_count(&self) -> usize {
        self.shared.lock().unwrap().seen.len()
    }
}

impl Drop for TestServer {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::SeqCst);
        // Wake the accept loop so it sees the flag.
        let _ = TcpStream::connect(("127.0.0.1", self.port));
        if let Some(t) = self.thread.take() {
            let _ = t.join();
        }
    }
}

fn serve(stream: TcpStream, shared: &Mutex<Shared>) {
    let mut reader = BufReader::new(stream.try_clone().expect("clone the stream"));
    let mut line = String::new();
    if reader.read_line(&mut line).unwrap_or(0) == 0 {
        return;
    }
    let path = line.split_whitespace().nth(1).unwrap_or("/").to_string();
    let mut headers = HashMap::new();
    loop {
        let mut h = String::new();
        if reader.read_line(&mut h).unwrap_or(0) == 0 || h.trim().is_empty() {
            break;
        }
        if let Some((k, v)) = h.split_once(':') {
            headers.insert(k.trim().to_ascii_lowercase(), v.trim().to_string());
        }
    }
    let (route, fault) = {
        let mut g = shared.lock().unwrap();
        match g.routes.get_mut(&path) {
            Some(r) => {
                let fault = r.faults.pop_front();
                (Some(r.clone()), fault)
            }
            None => (None, None),
        }
    };
    let reply = respond(route.as_ref(), fault, &headers);
    // Recorded before the first byte goes out, so a client that has its answer always finds
    // its request in the log.
    shared.lock().unwrap().seen.push(Seen { path, headers, status: reply.status });
    let mut out = stream;
    let mut text =
        format!("HTTP/1.1 {} {}\r\nConnection: close\r\n", reply.status, reason(reply.status));
    for (k, v) in &reply.headers {
        text.push_str(&format!("{k}: {v}\r\n"));
    }
    text.push_str("\r\n");
    let _ = out.write_all(text.as_bytes());
    let _ = out.write_all(&reply.body);
    let _ = out.flush();
    std::thread::sleep(std::time::Duration::from_millis(reply.stall_ms));
    let _ = out.shutdown(Shutdown::Both);
}

/// An answer: status, headers, and the bytes actually sent (fewer than announced when cut).
struct Reply {
    status: u16,
    headers: Vec<(&'static str, String)>,
    body: Vec<u8>,
    /// Silence after the body, before the connection closes.
    stall_ms: u64,
}

fn reply(
    status: u16,
    mut headers: Vec<(&'static str, String)>,
    body: &[u8],
    announced: usize,
) -> Reply {
    headers.push(("Content-Length", announced.to_string()));
    Reply { status, headers, body: body.to_vec(), stall_ms: 0 }
}

fn respond(
    route: Option<&Route>,
    fault: Option<Fault>,
    headers: &HashMap<String, String>,
) -> Reply {
    let Some(route) = route else {
        return reply(404, Vec::new(), b"", 0);
    };
    if let Some(code) = route.always {
        return reply(code, Vec::new(), b"", 0);
    }
    let mut extra = Vec::new();
    if let Some(e) = &route.etag {
        extra.push(("ETag", e.clone()));
    }
    let len = route.body.len();
    match fault {
        Some(Fault::Status(code)) => {
            extra.push(("Retry-After", "0".into()));
            return reply(code, extra, b"", 0);
        }
        Some(Fault::Cut(n)) | Some(Fault::Stall(n, _)) => {
            // The cut applies to whatever part of the body this request asked for.
            let start = range_start(headers).filter(|_| route.honor_range).unwrap_or(0).min(len);
            let status = if start > 0 {
                extra.push(("Content-Range", format!("bytes {start}-{}/{len}", len - 1)));
                206
            } else {
                200
            };
            let body = &route.body[start..];
            let mut r = reply(status, extra, &body[..n.min(body.len())], body.len());
            if let Some(Fault::Stall(_, ms)) = fault {
                r.stall_ms = ms;
            }
            return r;
        }
        None => {}
    }
    if route.etag.is_some() && headers.get("if-none-match") == route.etag.as_ref() {
        return Reply { status: 304, headers: extra, body: Vec::new(), stall_ms: 0 };
    }
    let if_range_ok = headers.get("if-range").is_none_or(|v| Some(v) == route.etag.as_ref());
    match range_start(headers).filter(|_| route.honor_range && if_range_ok) {
        Some(start) if start >= len => {
            extra.push(("Content-Range", format!("bytes */{len}")));
            reply(416, extra, b"", 0)
        }
        Some(start) => {
            extra.push(("Content-Range", format!("bytes {start}-{}/{len}", len - 1)));
            reply(206, extra, &route.body[start..], len - start)
        }
        None => reply(200, extra, &route.body, len),
    }
}

fn range_start(headers: &HashMap<String, String>) -> Option<usize> {
    headers.get("range")?.strip_prefix("bytes=")?.strip_suffix('-')?.parse().ok()
}

fn reason(status: u16) -> &'static str {
    match status {
        200 => "OK",
        206 => "Partial Content",
        304 => "Not Modified",
        403 => "Forbidden",
        404 => "Not Found",
        416 => "Range Not Satisfiable",
        503 => "Service Unavailable",
        _ => "Status",
    }
}

/// Deterministic, incompressible-looking bytes of the given length.
pub fn fixture_bytes(len: usize, seed: u32) -> Vec<u8> {
    let mut x = seed.wrapping_mul(2_654_435_761).wrapping_add(1);
    (0..len)
        .map(|_| {
            x ^= x << 13;
            x ^= x >> 17;
            x ^= x << 5;
            (x >> 24) as u8
        })
        .collect()
}
