//! End-to-end fetches against a local server on 127.0.0.1; nothing here reaches the internet.

mod support;

use std::io::Write;
use std::path::Path;
use std::time::Duration;

use sha2::{Digest, Sha256};
use support::{Fault, Route, TestServer, fixture_bytes};
use trellis_fetch::{
    Action, FetchError, FetchOptions, Fetcher, LocalState, Manifest, ProgressMode, RetryPolicy,
    SourceList,
};

fn sha(bytes: &[u8]) -> String {
    hex::encode(Sha256::digest(bytes))
}

fn options() -> FetchOptions {
    FetchOptions {
        user_agent: "trellis-test/1 (tests@example.org)".into(),
        retry: RetryPolicy {
            attempts: 3,
            base_delay: Duration::from_millis(5),
            max_delay: Duration::from_millis(20),
        },
        progress: ProgressMode::Lines,
        refresh: false,
        connect_timeout: Duration::from_secs(5),
        read_timeout: Duration::from_secs(5),
    }
}

/// A source list entry; `extra` adds lines such as `unpack = true`.
fn entry(name: &str, url: &str, file: &str, extra: &str) -> String {
    format!(
        "[[source]]\nname = \"{name}\"\ndataset = \"test {name}\"\nurl = \"{url}\"\nfile = \"{file}\"\n{extra}\n"
    )
}

fn list(entries: &[String]) -> SourceList {
    SourceList::parse(&entries.concat(), "test-sources.toml").expect("valid test list")
}

fn zip_of(members: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in members {
        w.start_file(*name, zip::write::SimpleFileOptions::default()).unwrap();
        w.write_all(data).unwrap();
    }
    w.finish().unwrap().into_inner()
}

fn only_error(report: &trellis_fetch::Report) -> &FetchError {
    let failures: Vec<_> = report.failures().collect();
    assert_eq!(failures.len(), 1, "expected exactly one failure: {report:?}");
    failures[0].1
}

/// Nothing at all under `file`, and no leftover partial file beside it.
fn assert_nothing_kept(dir: &Path, file: &str) {
    assert!(!dir.join(file).exists(), "{file} must not exist");
    assert!(!dir.join(format!("{file}.part")).exists(), "{file}.part must not exist");
}

#[test]
fn downloads_files_unpacks_archives_and_records_everything_in_the_manifest() {
    let server = TestServer::start();
    let csv = b"\"CIPFamily\",\"CIPCode\"\n\"01\",\"=\"\"01.0101\"\"\"\n".to_vec();
    let xlsx_like = [b"PK\x03\x04".as_slice(), &fixture_bytes(20_000, 1)].concat();
    let member_a = fixture_bytes(30_000, 2);
    let archive = zip_of(&[
        ("oesm24nat/national_M2024_dl.xlsx", &member_a),
        ("oesm24nat/readme.txt", b"read me"),
    ]);
    server.route("/cip.csv", Route::file(csv.clone()).with_etag("\"c1\""));
    server.route("/matrix.xlsx", Route::file(xlsx_like.clone()));
    server.route("/oesm24nat.zip", Route::file(archive.clone()));
    let dir = tempfile::tempdir().unwrap();
    let sources = list(&[
        entry("cip", &server.url("/cip.csv"), "cip/CIPCode2020.csv", ""),
        entry("matrix", &server.url("/matrix.xlsx"), "bls/matrix.xlsx", ""),
        entry("oews", &server.url("/oesm24nat.zip"), "bls/oesm24nat.zip", "unpack = true"),
    ]);

    let report = Fetcher::new(dir.path(), sources, options()).fetch(&[]).unwrap();

    assert!(report.all_ok(), "{report:?}");
    let actions: Vec<Action> =
        report.items.iter().map(|i| i.result.as_ref().unwrap().action).collect();
    assert_eq!(actions, [Action::Downloaded; 3]);
    assert_eq!(std::fs::read(dir.path().join("cip/CIPCode2020.csv")).unwrap(), csv);
    assert_eq!(std::fs::read(dir.path().join("bls/matrix.xlsx")).unwrap(), xlsx_like);
    assert_eq!(
        std::fs::read(dir.path().join("bls/oesm24nat/national_M2024_dl.xlsx")).unwrap(),
        member_a
    );
    assert_eq!(std::fs::read(dir.path().join("bls/oesm24nat/readme.txt")).unwrap(), b"read me");

    let manifest = Manifest::load(dir.path()).unwrap();
    let cip = &manifest.files["cip"];
    assert_eq!(cip.url, server.url("/cip.csv"));
    assert_eq!(cip.file, "cip/CIPCode2020.csv");
    assert_eq!(cip.size, csv.len() as u64);
    assert_eq!(cip.sha256, sha(&csv));
    assert_eq!(cip.etag.as_deref(), Some("\"c1\""));
    assert!(cip.fetched_at.ends_with('Z') && cip.fetched_at.len() == 20, "{}", cip.fetched_at);
    let oews = &manifest.files["oews"];
    assert_eq!(oews.sha256, sha(&archive));
    let members: Vec<(&str, &str)> =
        oews.unpacked.iter().map(|m| (m.file.as_str(), m.sha256.as_str())).collect();
    let (sha_a, sha_readme) = (sha(&member_a), sha(b"read me"));
    assert_eq!(
        members,
        [
            ("bls/oesm24nat/national_M2024_dl.xlsx", sha_a.as_str()),
            ("bls/oesm24nat/readme.txt", sha_readme.as_str())
        ]
    );

    // Every request identified the client as configured.
    for path in ["/cip.csv", "/matrix.xlsx", "/oesm24nat.zip"] {
        let seen = server.seen(path);
        assert_eq!(seen.len(), 1);
        assert_eq!(seen[0].header("user-agent"), Some("trellis-test/1 (tests@example.org)"));
    }
    assert!(!dir.path().join("bls/oesm24nat.zip.part").exists());
}

#[test]
fn a_truncated_download_resumes_with_range_and_matches_its_pinned_sha256() {
    let server = TestServer::start();
    let body = fixture_bytes(100_000, 3);
    server.route(
        "/big.dat",
        Route::file(body.clone()).with_etag("\"v1\"").with_faults([Fault::Cut(40_000)]),
    );
    let dir = tempfile::tempdir().unwrap();
    let pin = format!("sha256 = \"{}\"", sha(&body));
    let sources = list(&[entry("big", &server.url("/big.dat"), "big.dat", &pin)]);

    let report = Fetcher::new(dir.path(), sources, options()).fetch(&[]).unwrap();

    assert!(report.all_ok(), "{report:?}");
    assert_eq!(std::fs::read(dir.path().join("big.dat")).unwrap(), body);
    let seen = server.seen("/big.dat");
    assert_eq!(seen.len(), 2, "one cut request, one resume");
    assert_eq!(seen[0].header("range"), None);
    assert_eq!(seen[1].header("range"), Some("bytes=40000-"));
    assert_eq!(seen[1].header("if-range"), Some("\"v1\""));
    assert_eq!(seen[1].status, 206);
    assert_eq!(Manifest::load(dir.path()).unwrap().files["big"].sha256, sha(&body));
    assert!(!dir.path().join("big.dat.part").exists());
}

#[test]
fn an_interrupted_fetch_leaves_only_a_part_file_and_the_next_run_resumes_it() {
    let server = TestServer::start();
    let body = fixture_bytes(80_000, 4);
    // Every request of the first run is cut, so it gives up with part of the file on disk.
    server.route(
        "/f.dat",
        Route::file(body.clone()).with_etag("\"e\"").with_faults([
            Fault::Cut(10_000),
            Fault::Status(503),
            Fault::Status(503),
            Fault::Status(503),
        ]),
    );
    let dir = tempfile::tempdir().unwrap();
    let sources = list(&[entry("f", &server.url("/f.dat"), "f.dat", "")]);
    let fetcher = Fetcher::new(dir.path(), sources, options());

    let first = fetcher.fetch(&[]).unwrap();
    let err = only_error(&first).to_string();
    assert!(err.contains("HTTP 503"), "{err}");
    assert!(!dir.path().join("f.dat").exists(), "no half file under the final name");
    assert_eq!(std::fs::metadata(dir.path().join("f.dat.part")).unwrap().len(), 10_000);
    assert_eq!(fetcher.plan(&[]).unwrap()[0].state, LocalState::Partial { bytes: 10_000 });

    let second = fetcher.fetch(&[]).unwrap();
    assert_eq!(second.items[0].result.as_ref().unwrap().action, Action::Resumed { from: 10_000 });
    assert_eq!(std::fs::read(dir.path().join("f.dat")).unwrap(), body);
    assert_eq!(server.seen("/f.dat").last().unwrap().header("range"), Some("bytes=10000-"));
}

#[test]
fn a_server_ignoring_range_makes_the_download_start_over() {
    let server = TestServer::start();
    let body = fixture_bytes(60_000, 5);
    server.route(
        "/r.dat",
        Route::file(body.clone()).ignoring_range().with_faults([Fault::Cut(25_000)]),
    );
    let dir = tempfile::tempdir().unwrap();
    let sources = list(&[entry("r", &server.url("/r.dat"), "r.dat", "")]);

    let report = Fetcher::new(dir.path(), sources, options()).fetch(&[]).unwrap();

    assert!(report.all_ok(), "{report:?}");
    let seen = server.seen("/r.dat");
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[1].header("range"), Some("bytes=25000-"));
    assert_eq!(seen[1].status, 200, "the server sent the whole file again");
    // Appending the full answer to the first 25,000 bytes would give a longer, wrong file.
    assert_eq!(std::fs::read(dir.path().join("r.dat")).unwrap(), body);
}

#[test]
fn a_404_names_the_entry_to_edit_and_keeps_nothing() {
    let server = TestServer::start();
    server.route("/ok.csv", Route::file(b"a,b\n1,2\n".to_vec()));
    let dir = tempfile::tempdir().unwrap();
    let sources = list(&[
        entry("moved", &server.url("/gone.xlsx"), "gone.xlsx", ""),
        entry("ok", &server.url("/ok.csv"), "ok.csv", ""),
    ]);

    let report = Fetcher::new(dir.path(), sources, options()).fetch(&[]).unwrap();

    let err = only_error(&report);
    assert!(matches!(err, FetchError::NotFound { status: 404, .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.contains("moved or removed"), "{msg}");
    assert!(msg.contains("edit the `moved` entry in the source list (test-sources.toml)"), "{msg}");
    assert_eq!(server.seen("/gone.xlsx").len(), 1, "a 404 is not retried");
    assert_nothing_kept(dir.path(), "gone.xlsx");
    // The failure of one file does not stop the others.
    assert_eq!(std::fs::read(dir.path().join("ok.csv")).unwrap(), b"a,b\n1,2\n");
    assert!(!Manifest::load(dir.path()).unwrap().files.contains_key("moved"));
}

#[test]
fn a_503_is_retried_until_it_clears_and_reported_when_it_does_not() {
    let server = TestServer::start();
    let body = b"x,y\n".to_vec();
    server.route(
        "/busy.csv",
        Route::file(body.clone()).with_faults([Fault::Status(503), Fault::Status(503)]),
    );
    server.route("/down.csv", Route::status(503));
    let dir = tempfile::tempdir().unwrap();
    let sources = list(&[
        entry("busy", &server.url("/busy.csv"), "busy.csv", ""),
        entry("down", &server.url("/down.csv"), "down.csv", ""),
    ]);

    let report = Fetcher::new(dir.path(), sources, options()).fetch(&[]).unwrap();

    assert_eq!(report.items[0].result.as_ref().unwrap().action, Action::Downloaded);
    assert_eq!(std::fs::read(dir.path().join("busy.csv")).unwrap(), body);
    assert_eq!(server.seen("/busy.csv").len(), 3);
    let err = only_error(&report).to_string();
    assert!(
        err.contains("answered HTTP 503 3 times in a row") && err.contains("try again later"),
        "{err}"
    );
    assert_eq!(server.seen("/down.csv").len(), 3, "attempts as the retry policy allows");
    assert_nothing_kept(dir.path(), "down.csv");
}

#[test]
fn a_second_run_skips_complete_files_and_repairs_what_changed_on_disk() {
    let server = TestServer::start();
    let csv = b"code,title\n11-1011,Chief Executives\n".to_vec();
    let archive = zip_of(&[("db/Occupation Data.txt", b"O*NET-SOC Code\tTitle\n")]);
    server.route("/a.csv", Route::file(csv.clone()));
    server.route("/db.zip", Route::file(archive));
    let dir = tempfile::tempdir().unwrap();
    let sources = list(&[
        entry("a", &server.url("/a.csv"), "a.csv", ""),
        entry("db", &server.url("/db.zip"), "onet/db.zip", "unpack = true"),
    ]);
    let fetcher = Fetcher::new(dir.path(), sources, options());
    assert!(fetcher.fetch(&[]).unwrap().all_ok());
    let requests = server.request_count();

    let again = fetcher.fetch(&[]).unwrap();
    let actions: Vec<Action> =
        again.items.iter().map(|i| i.result.as_ref().unwrap().action).collect();
    assert_eq!(actions, [Action::UpToDate, Action::UpToDate]);
    assert_eq!(server.request_count(), requests, "nothing asked of the server");

    // A deleted member is extracted again from the archive on disk, without the network.
    std::fs::remove_file(dir.path().join("onet/db/Occupation Data.txt")).unwrap();
    assert_eq!(fetcher.plan(&["db".into()]).unwrap()[0].state, LocalState::MembersMissing);
    let repaired = fetcher.fetch(&["db".into()]).unwrap();
    assert_eq!(repaired.items[0].result.as_ref().unwrap().action, Action::Unpacked);
    assert!(dir.path().join("onet/db/Occupation Data.txt").is_file());
    assert_eq!(server.request_count(), requests);

    // A file altered on disk is downloaded again.
    std::fs::write(dir.path().join("a.csv"), b"edited").unwrap();
    assert_eq!(fetcher.plan(&["a".into()]).unwrap()[0].state, LocalState::Changed);
    let refetched = fetcher.fetch(&["a".into()]).unwrap();
    assert_eq!(refetched.items[0].result.as_ref().unwrap().action, Action::Downloaded);
    assert_eq!(std::fs::read(dir.path().join("a.csv")).unwrap(), csv);
    assert_eq!(server.request_count(), requests + 1);
}

#[test]
fn refresh_asks_the_publisher_with_the_recorded_validators() {
    let server = TestServer::start();
    server.route("/a.csv", Route::file(b"v1\n".to_vec()).with_etag("\"one\""));
    let dir = tempfile::tempdir().unwrap();
    let sources = list(&[entry("a", &server.url("/a.csv"), "a.csv", "")]);
    assert!(Fetcher::new(dir.path(), sources.clone(), options()).fetch(&[]).unwrap().all_ok());

    let refresh =
        Fetcher::new(dir.path(), sources.clone(), FetchOptions { refresh: true, ..options() });
    let report = refresh.fetch(&[]).unwrap();
    assert_eq!(report.items[0].result.as_ref().unwrap().action, Action::NotModified);
    let last = server.seen("/a.csv").pop().unwrap();
    assert_eq!((last.header("if-none-match"), last.status), (Some("\"one\""), 304));

    // The publisher replaces the file: the refresh downloads the new version.
    server.route("/a.csv", Route::file(b"v2, longer\n".to_vec()).with_etag("\"two\""));
    let report = refresh.fetch(&[]).unwrap();
    assert_eq!(report.items[0].result.as_ref().unwrap().action, Action::Downloaded);
    assert_eq!(std::fs::read(dir.path().join("a.csv")).unwrap(), b"v2, longer\n");
    assert_eq!(Manifest::load(dir.path()).unwrap().files["a"].etag.as_deref(), Some("\"two\""));
}

#[test]
fn a_download_differing_from_its_pin_is_not_kept() {
    let server = TestServer::start();
    server.route("/p.csv", Route::file(b"new release\n".to_vec()));
    let dir = tempfile::tempdir().unwrap();
    let pin = format!("sha256 = \"{}\"", sha(b"old release\n"));
    let sources = list(&[entry("p", &server.url("/p.csv"), "p.csv", &pin)]);

    let report = Fetcher::new(dir.path(), sources, options()).fetch(&[]).unwrap();

    let err = only_error(&report);
    assert!(matches!(err, FetchError::Checksum { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(
        msg.contains(&sha(b"new release\n")) && msg.contains("update or remove the `sha256`"),
        "{msg}"
    );
    assert_nothing_kept(dir.path(), "p.csv");
}

#[test]
fn a_web_page_served_instead_of_a_workbook_is_refused() {
    let server = TestServer::start();
    server.route(
        "/t.xlsx",
        Route::file(b"<!DOCTYPE html><html><body>Access Denied</body></html>".to_vec()),
    );
    server.route("/z.zip", Route::file(b"not a zip at all".to_vec()));
    let dir = tempfile::tempdir().unwrap();
    let sources = list(&[
        entry("t", &server.url("/t.xlsx"), "t.xlsx", ""),
        entry("z", &server.url("/z.zip"), "z.zip", "unpack = true"),
    ]);

    let report = Fetcher::new(dir.path(), sources, options()).fetch(&[]).unwrap();

    let errors: Vec<String> = report.failures().map(|(_, e)| e.to_string()).collect();
    assert_eq!(errors.len(), 2);
    assert!(errors[0].contains("returned an HTML page instead of the file"), "{}", errors[0]);
    assert!(errors[0].contains("--user-agent"), "{}", errors[0]);
    assert!(errors[1].contains("bytes that are not a zip"), "{}", errors[1]);
    assert_nothing_kept(dir.path(), "t.xlsx");
    assert_nothing_kept(dir.path(), "z.zip");
}

#[test]
fn a_refusing_server_gets_advice_about_the_user_agent() {
    let server = TestServer::start();
    server.route("/f.xlsx", Route::status(403));
    let dir = tempfile::tempdir().unwrap();
    let sources = list(&[entry("f", &server.url("/f.xlsx"), "f.xlsx", "")]);

    let report = Fetcher::new(dir.path(), sources, options()).fetch(&[]).unwrap();

    let msg = only_error(&report).to_string();
    assert!(msg.contains("HTTP 403") && msg.contains("TRELLIS_USER_AGENT"), "{msg}");
    assert_eq!(server.seen("/f.xlsx").len(), 1, "a refusal is not retried");

    server.route("/f.xlsx", Route::status(400));
    let sources = list(&[entry("f", &server.url("/f.xlsx"), "f.xlsx", "")]);
    let report = Fetcher::new(dir.path(), sources, options()).fetch(&[]).unwrap();
    let msg = only_error(&report).to_string();
    assert!(
        msg.contains("HTTP 400") && msg.contains("check the `f` entry in the source list"),
        "{msg}"
    );
    assert_eq!(server.seen("/f.xlsx").len(), 2, "an unexpected status is not retried");
    assert_nothing_kept(dir.path(), "f.xlsx");
}

#[test]
fn an_unreachable_host_gives_the_offline_advice() {
    // A port that was just free: connecting to it is refused, as with no server at all.
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let dir = tempfile::tempdir().unwrap();
    let sources = list(&[
        entry("x", &format!("http://127.0.0.1:{port}/x.csv"), "x.csv", ""),
        entry("y", &format!("http://127.0.0.1:{port}/y.csv"), "y.csv", ""),
    ]);

    let report = Fetcher::new(dir.path(), sources, options()).fetch(&[]).unwrap();

    let errors: Vec<&FetchError> = report.failures().map(|(_, e)| e).collect();
    assert_eq!(errors.len(), 2);
    // The second file of the same host is not tried again.
    let second = errors[1].to_string();
    assert!(second.contains("not tried, the host was unreachable for an earlier file"), "{second}");
    let err = errors[0];
    assert!(matches!(err, FetchError::Unreachable { .. }), "{err:?}");
    let msg = err.to_string();
    assert!(msg.starts_with("could not reach 127.0.0.1: "), "{msg}");
    assert!(
        msg.contains(
            "check your connection, or download the files listed in test-sources.toml by hand into"
        ),
        "{msg}"
    );
    assert!(msg.contains(&dir.path().display().to_string()), "{msg}");
    assert_nothing_kept(dir.path(), "x.csv");
}

#[test]
fn a_dry_run_plan_reports_states_without_any_request() {
    let server = TestServer::start();
    server.route("/a.csv", Route::file(b"1\n".to_vec()));
    let dir = tempfile::tempdir().unwrap();
    let sources = list(&[
        entry("a", &server.url("/a.csv"), "a.csv", ""),
        entry("b", &server.url("/b.csv"), "b.csv", ""),
    ]);
    let fetcher = Fetcher::new(dir.path(), sources, options());
    let states: Vec<LocalState> = fetcher.plan(&[]).unwrap().into_iter().map(|p| p.state).collect();
    assert_eq!(states, [LocalState::Missing, LocalState::Missing]);
    assert_eq!(server.request_count(), 0);

    fetcher.fetch(&["a".into()]).unwrap();
    std::fs::write(dir.path().join("b.csv"), b"put here by hand").unwrap();
    let states: Vec<LocalState> = fetcher.plan(&[]).unwrap().into_iter().map(|p| p.state).collect();
    assert_eq!(states, [LocalState::UpToDate, LocalState::Unrecorded]);
    assert_eq!(server.request_count(), 1);
    let err = fetcher.plan(&["c".into()]).unwrap_err().to_string();
    assert!(err.contains("no source named `c`"), "{err}");
}

#[test]
fn a_part_from_an_earlier_run_that_the_server_will_not_resume_is_not_reported_as_resumed() {
    let server = TestServer::start();
    let body = fixture_bytes(50_000, 6);
    let faults = [Fault::Cut(20_000), Fault::Status(503), Fault::Status(503), Fault::Status(503)];
    server.route("/n.dat", Route::file(body.clone()).ignoring_range().with_faults(faults));
    let dir = tempfile::tempdir().unwrap();
    let sources = list(&[entry("n", &server.url("/n.dat"), "n.dat", "")]);
    let fetcher = Fetcher::new(dir.path(), sources, options());
    assert!(!fetcher.fetch(&[]).unwrap().all_ok());
    assert_eq!(fetcher.plan(&[]).unwrap()[0].state, LocalState::Partial { bytes: 20_000 });

    let report = fetcher.fetch(&[]).unwrap();

    assert_eq!(report.items[0].result.as_ref().unwrap().action, Action::Downloaded);
    assert_eq!(std::fs::read(dir.path().join("n.dat")).unwrap(), body);
    assert_eq!(server.seen("/n.dat").last().unwrap().header("range"), Some("bytes=20000-"));
}

#[test]
fn two_fetches_never_share_a_directory() {
    let server = TestServer::start();
    server.route("/a.csv", Route::file(b"1\n".to_vec()));
    let dir = tempfile::tempdir().unwrap();
    let sources = list(&[entry("a", &server.url("/a.csv"), "a.csv", "")]);
    let fetcher = Fetcher::new(dir.path(), sources, options());
    // Another process holding the lock looks the same as this handle holding it.
    let held = std::fs::OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(dir.path().join(trellis_fetch::LOCK_FILE))
        .unwrap();
    held.lock().unwrap();

    let err = fetcher.fetch(&[]).unwrap_err();
    assert!(matches!(err, FetchError::Busy { .. }), "{err:?}");
    assert!(err.to_string().contains("wait for it to finish"), "{err}");
    assert_eq!(server.request_count(), 0);

    held.unlock().unwrap();
    assert!(fetcher.fetch(&[]).unwrap().all_ok());
}

#[test]
fn a_server_that_goes_silent_times_out_and_the_download_resumes() {
    let server = TestServer::start();
    let body = fixture_bytes(70_000, 7);
    server.route(
        "/slow.dat",
        Route::file(body.clone()).with_etag("\"s\"").with_faults([Fault::Stall(30_000, 3_000)]),
    );
    let dir = tempfile::tempdir().unwrap();
    let sources = list(&[entry("slow", &server.url("/slow.dat"), "slow.dat", "")]);
    let opts = FetchOptions { read_timeout: Duration::from_millis(300), ..options() };

    let started = std::time::Instant::now();
    let report = Fetcher::new(dir.path(), sources, opts).fetch(&[]).unwrap();

    assert!(report.all_ok(), "{report:?}");
    assert!(
        started.elapsed() < Duration::from_millis(2_500),
        "the stall was cut short by the read timeout"
    );
    assert_eq!(std::fs::read(dir.path().join("slow.dat")).unwrap(), body);
    let seen = server.seen("/slow.dat");
    assert_eq!(seen.len(), 2);
    assert_eq!(seen[1].header("range"), Some("bytes=30000-"));
}
