//! Malformed paths, queries and uploads thrown at the router (no network): every answer is a
//! client error or a normal page, never a server error, and nothing hangs.

mod common;

use axum::body::Body;
use axum::http::Request;
use common::*;
use http_body_util::BodyExt;

fn assert_no_5xx(uri: &str, status: u16) {
    assert!(status < 500, "{uri} gave {status}");
}

#[tokio::test]
async fn malformed_paths_and_queries_get_4xx() {
    let db = fixture_db();
    let app = app_with(Some(&db.path));
    let must_be_4xx = [
        "/clusters/%FF%FE",
        "/clusters/does-not-exist",
        "/sub-clusters/..%2F..%2Fetc%2Fpasswd",
        "/occupations/%3Cscript%3E",
        "/occupations/15-1252-1",
        "/occupations/%00",
        "/occupations/99-9999",
        "/programs/99.9999.9",
        "/programs/51",
        "/crosswalk?kind=bogus",
        "/crosswalk?soc=%27%3BDROP%20TABLE%20soc%3B--",
        "/crosswalk?page=-1",
        "/crosswalk?page=0",
        "/crosswalk?cluster=%3Cb%3E",
        "/crosswalk/download?kind=occupations",
        "/crosswalk/download?format=exe",
        "/hshwid?state=ZZZ",
        "/hshwid?state=Z1",
        "/hshwid/download?state=CT&format=exe",
        "/clusters/construction?state=%",
        "/occupations?page=0",
        "/occupations?page=2",
        "/occupations?job_zone=-1",
        "/occupations?sort=%00",
        "/occupations?dir=sideways&sort=soc",
        "/occupations?cluster=%3Cscript%3E",
        "/occupations?state=%",
        "/occupations?hshwid=designated",
        "/occupations/download?format=exe",
        "/programs?family=%FF",
        "/programs?sub_cluster=..%2F",
        "/programs/download?format=",
        "/industries?cluster=..",
        "/industries/download?format=x",
        "/clusters/construction?state=XX",
        &format!("/search?q={}", "x".repeat(300)),
        "/api/v1/occupations?per_page=99999999999999999999999",
        "/api/v1/occupations?page=-3",
        "/api/v1/crosswalk?primary_only=maybe",
        "/api/v1/search?limit=abc",
        "/api/v1/search?limit=0",
        "/api/v1/match",
        "/api/v1/hshwid/C",
        "/api/v1/hshwid/%E2%82%AC%E2%82%AC",
        "/api/v1/programs/not-a-code",
        "/api/v1/industries/%FF",
        "/api/v1/nothing-here",
        "/api//clusters",
        "/static/../Cargo.toml",
        &format!("/sub-clusters/{}", "a".repeat(5000)),
    ];
    for uri in must_be_4xx {
        let (s, body, resp) = get(&app, uri).await;
        assert!((400..500).contains(&s), "{uri} gave {s}: {body}");
        if uri.starts_with("/api/") {
            let v: serde_json::Value =
                serde_json::from_str(&body).unwrap_or_else(|_| panic!("{uri}: {body}"));
            assert!(v["error"]["code"].is_string() && v["error"]["message"].is_string(), "{uri}");
        } else {
            assert!(
                resp.headers()["content-type"].to_str().unwrap().starts_with("text/html"),
                "{uri}"
            );
        }
    }
    // Lenient decoding is fine where the input is free text: a normal answer, not an error.
    let (s, _, _) = get(&app, "/search?q=%zz").await;
    assert_eq!(s, 200);
    // The database is opened read-only; the injection attempt above changed nothing.
    let (_, v) = get_json(&app, "/api/v1/occupations").await;
    assert_eq!(v["total"], 5);
}

/// A small deterministic generator, so a failure is reproducible.
struct Lcg(u64);
impl Lcg {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
        self.0 >> 33
    }
    fn pick<'a>(&mut self, from: &[&'a str]) -> &'a str {
        from[self.next() as usize % from.len()]
    }
}

#[tokio::test]
async fn random_paths_and_queries_never_give_5xx() {
    let db = fixture_db();
    let app = app_with(Some(&db.path));
    let prefixes = [
        "/",
        "/clusters/",
        "/sub-clusters/",
        "/occupations/",
        "/programs/",
        "/search",
        "/crosswalk",
        "/crosswalk/download",
        "/crosswalk/2002",
        "/hshwid",
        "/hshwid/download",
        "/align",
        "/data",
        "/occupations",
        "/occupations/download",
        "/programs",
        "/programs/download",
        "/industries",
        "/industries/download",
        "/api",
        "/api/v1/clusters/",
        "/api/v1/occupations/",
        "/api/v1/occupations",
        "/api/v1/programs/",
        "/api/v1/crosswalk",
        "/api/v1/search",
        "/api/v1/match",
        "/api/v1/profiles/occupations/",
        "/api/v1/profiles/clusters/",
        "/api/v1/hshwid/",
        "/api/v1/industries/",
    ];
    let pieces = [
        "15-1252",
        "51.3801",
        "construction",
        "%",
        "%25",
        "%2F",
        "..",
        "'",
        "\"",
        "%22",
        "<",
        "%3C",
        "&",
        "=",
        "?",
        "#",
        ";",
        "%00",
        "%FF",
        "\u{e9}",
        "%C3%A9",
        "page=",
        "per_page=",
        "state=",
        "kind=",
        "format=",
        "csv",
        "xlsx",
        "json",
        "CT",
        "q=",
        "-1",
        "0",
        "99999999999999999999",
        "cluster=",
        "soc=",
        "cip=",
        "naics=",
        "limit=",
        "sort=",
        "dir=",
        "job_zone=",
        "education=",
        "family=",
        "hshwid=",
        "designated",
        "median",
        "true",
        "x",
        "//",
        "[",
        "]",
        "{",
        "}",
    ];
    let mut rng = Lcg(0x5eed);
    for _ in 0..600 {
        let mut uri = rng.pick(&prefixes).to_owned();
        for _ in 0..(rng.next() % 6) {
            uri.push_str(rng.pick(&pieces));
        }
        let Ok(req) = Request::builder().uri(uri.as_str()).body(Body::empty()) else { continue };
        let r = send(&app, req).await;
        assert_no_5xx(&uri, r.status().as_u16());
    }
}

fn multipart(parts: &[(&str, Option<&str>, &[u8])]) -> (String, Vec<u8>) {
    let boundary = "trellisBOUNDARY42";
    let mut body = Vec::new();
    for (name, filename, data) in parts {
        body.extend_from_slice(format!("--{boundary}\r\n").as_bytes());
        match filename {
            Some(f) => body.extend_from_slice(
                format!("Content-Disposition: form-data; name=\"{name}\"; filename=\"{f}\"\r\nContent-Type: text/csv\r\n\r\n").as_bytes(),
            ),
            None => body.extend_from_slice(format!("Content-Disposition: form-data; name=\"{name}\"\r\n\r\n").as_bytes()),
        }
        body.extend_from_slice(data);
        body.extend_from_slice(b"\r\n");
    }
    body.extend_from_slice(format!("--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

async fn post(
    app: &axum::Router,
    ctype: &str,
    body: Vec<u8>,
) -> (u16, String, axum::http::HeaderMap) {
    let req = Request::builder()
        .method("POST")
        .uri("/align")
        .header("content-type", ctype)
        .header("content-length", body.len())
        .body(Body::from(body))
        .unwrap();
    let r = send(app, req).await;
    let s = r.status().as_u16();
    let h = r.headers().clone();
    let b = r.into_body().collect().await.unwrap().to_bytes();
    (s, String::from_utf8_lossy(&b).into_owned(), h)
}

#[tokio::test]
async fn program_upload_aligns_and_rejects_bad_files() {
    let db = fixture_db();
    let app = app_with(Some(&db.path));
    let csv = b"cip,name\n51.3801,Nursing (ADN)\n,Electrician\n12.34,Bad code\n";
    let (ct, body) = multipart(&[
        ("file", Some("programs.csv"), csv),
        ("state", None, b"CT"),
        ("format", None, b"html"),
    ]);
    let (s, page, h) = post(&app, &ct, body).await;
    assert_eq!(s, 200, "{page}");
    assert_eq!(h["cache-control"], "no-store", "answers to uploads are never cached");
    assert!(page.contains("/programs/51.3801") && page.contains("/occupations/29-1141"));
    assert!(page.contains("/programs/46.0302"), "matched by name");
    assert!(page.contains("not a six-digit CIP code"));
    // The same programs as a CSV report.
    let (ct, body) =
        multipart(&[("programs", None, b"51.3801\n46.0302\n"), ("format", None, b"csv")]);
    let (s, report, h) = post(&app, &ct, body).await;
    assert_eq!(s, 200);
    assert!(h["content-disposition"].to_str().unwrap().contains("trellis-program-alignment.csv"));
    assert!(
        report.starts_with(
            "input,cip,cip_title,how,clusters,soc,occupation,occupation_cluster,hshwid"
        )
    );
    assert!(report.contains("29-1141") && report.contains("47-2111"));

    let big = vec![b'a'; 300 * 1024];
    let bad_cases: Vec<(&str, String, Vec<u8>, u16)> = vec![
        (
            "too large file",
            multipart(&[("file", Some("x.csv"), &big)]).0,
            multipart(&[("file", Some("x.csv"), &big)]).1,
            413,
        ),
        (
            "body over the global limit",
            "multipart/form-data; boundary=x".into(),
            vec![b'x'; 3 * 1024 * 1024],
            413,
        ),
        (
            "not UTF-8",
            multipart(&[("file", Some("x.csv"), b"\xff\xfe\x00c\x00i\x00p")]).0,
            multipart(&[("file", Some("x.csv"), b"\xff\xfe\x00c\x00i\x00p")]).1,
            400,
        ),
        (
            "unknown field",
            multipart(&[("evil", None, b"1")]).0,
            multipart(&[("evil", None, b"1")]).1,
            400,
        ),
        (
            "empty",
            multipart(&[("file", Some("x.csv"), b"")]).0,
            multipart(&[("file", Some("x.csv"), b"")]).1,
            400,
        ),
        (
            "bad state",
            multipart(&[("programs", None, b"51.3801"), ("state", None, b"Connecticut")]).0,
            multipart(&[("programs", None, b"51.3801"), ("state", None, b"Connecticut")]).1,
            400,
        ),
        (
            "bad format",
            multipart(&[("programs", None, b"51.3801"), ("format", None, b"exe")]).0,
            multipart(&[("programs", None, b"51.3801"), ("format", None, b"exe")]).1,
            400,
        ),
        ("not multipart", "application/json".into(), b"{}".to_vec(), 400),
        (
            "broken multipart",
            "multipart/form-data; boundary=zzz".into(),
            b"--zzz\r\nnonsense".to_vec(),
            400,
        ),
    ];
    for (what, ct, body, want) in bad_cases {
        let (s, page, _) = post(&app, &ct, body).await;
        if want == 400 {
            assert!((400..500).contains(&s), "{what}: {s} {page}");
        } else {
            assert_eq!(s, want, "{what}: {page}");
        }
    }
    let rows: String = (0..1100).map(|i| format!("Program {i}\n")).collect();
    let (ct, body) = multipart(&[("programs", None, rows.as_bytes())]);
    let (s, _, _) = post(&app, &ct, body).await;
    assert_eq!(s, 413, "too many rows");
    // Writes elsewhere are refused.
    let req =
        Request::builder().method("POST").uri("/api/v1/clusters").body(Body::empty()).unwrap();
    let r = send(&app, req).await;
    assert_eq!(r.status(), 405);
    let req = Request::builder()
        .method("DELETE")
        .uri("/clusters/construction")
        .body(Body::empty())
        .unwrap();
    assert_eq!(send(&app, req).await.status(), 405);
}
