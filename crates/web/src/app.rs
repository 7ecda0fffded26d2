//! The application state and the router.

use std::path::Path;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use axum::Router;
use axum::extract::Request;
use axum::response::Response;
use axum::routing::get;
use trellis_framework::Framework;

use crate::cache::ResponseCache;
use crate::data::catalog::Catalog;
use crate::data::state_figures::StateFigures;
use crate::data::{DataError, Db};
use crate::error::Problem;
use crate::hshwid::HshwidLists;
use crate::search::SearchIndex;

/// Everything a request reads; cheap to clone.
#[derive(Clone)]
pub struct AppState(Arc<Inner>);

pub struct Inner {
    pub fw: &'static Framework,
    pub catalog: Catalog,
    pub db: Option<Db>,
    pub states: StateFigures,
    pub search: SearchIndex,
    pub hshwid: HshwidLists,
    /// The free-text matcher, built in the background after start-up.
    pub matcher: OnceLock<Option<trellis_matching::Matcher>>,
    cache: ResponseCache,
}

impl std::ops::Deref for AppState {
    type Target = Inner;
    fn deref(&self) -> &Inner {
        &self.0
    }
}

impl AppState {
    /// Opens the database (read-only) and builds the in-memory catalog and search index.
    /// `None` or a missing file gives the framework pages only.
    pub fn open(db: Option<&Path>) -> Result<AppState, DataError> {
        let db = match db {
            Some(p) if p.exists() => Some(Db::open(p)?),
            Some(p) => {
                tracing::warn!(
                    "no database at {}: serving the framework only; build it with `trellis data import DIR`",
                    p.display()
                );
                None
            }
            None => None,
        };
        let catalog = match &db {
            Some(db) => Catalog::load(db)?,
            None => Catalog::default(),
        };
        let states = match &db {
            Some(db) => StateFigures::load(db, catalog.oews_vintage.clone())?,
            None => StateFigures::empty(),
        };
        let state = AppState::assemble(catalog, db, states);
        // The labor-market snapshot and the matcher take a second or two to build; the
        // server answers meanwhile (searches fall back to titles, HSHWID says to retry) and
        // nothing rendered before they are ready is cached.
        let bg = state.clone();
        std::thread::spawn(move || bg.load_background());
        Ok(state)
    }

    fn load_background(&self) {
        let started = Instant::now();
        let (labor, matcher) = match &self.db {
            Some(db) => (load_labor(db), load_matcher(db)),
            None => (None, None),
        };
        self.hshwid.set(labor);
        let _ = self.matcher.set(matcher);
        tracing::info!(
            "labor-market figures and matcher ready in {} ms",
            started.elapsed().as_millis()
        );
    }

    /// Whether the background loads are done.
    pub fn is_ready(&self) -> bool {
        self.hshwid.is_loaded() && self.matcher.get().is_some()
    }

    /// Waits (up to `timeout`) for the background loads; true when they are done.
    pub fn wait_ready(&self, timeout: Duration) -> bool {
        let until = Instant::now() + timeout;
        while !self.is_ready() {
            if Instant::now() > until {
                return false;
            }
            std::thread::sleep(Duration::from_millis(10));
        }
        true
    }

    fn assemble(catalog: Catalog, db: Option<Db>, states: StateFigures) -> AppState {
        let fw = Framework::builtin();
        let search = SearchIndex::build(fw, &catalog);
        AppState(Arc::new(Inner {
            fw,
            catalog,
            db,
            states,
            search,
            hshwid: HshwidLists::new(),
            matcher: OnceLock::new(),
            cache: ResponseCache::default(),
        }))
    }

    pub fn cache(&self) -> &ResponseCache {
        &self.0.cache
    }

    /// One line for the start-up log.
    pub fn describe(&self) -> String {
        let c = &self.catalog;
        match &self.db {
            Some(db) => format!(
                "{}: {} occupations, {} programs, {} industries, crosswalk {}",
                db.path().display(),
                c.occupations.len(),
                c.programs.len(),
                c.industries.len(),
                if c.has_crosswalk() { "present" } else { "not built" }
            ),
            None => "no database: framework pages only".into(),
        }
    }
}

/// The labor-market snapshot (HSHWID, profiles). A database it cannot read still serves
/// every other page; the HSHWID sections then say why they are empty.
fn load_labor(db: &Db) -> Option<trellis_labor::LaborData> {
    let clusters = trellis_labor::framework_clusters(Framework::builtin());
    match db.with(|conn| Ok(trellis_labor::LaborData::load(conn, clusters))) {
        Ok(Ok(d)) => Some(d),
        Ok(Err(e)) => {
            tracing::warn!("labor-market figures unavailable: {e}");
            None
        }
        Err(e) => {
            tracing::warn!("labor-market figures unavailable: {e}");
            None
        }
    }
}

fn load_matcher(db: &Db) -> Option<trellis_matching::Matcher> {
    match db.with(|conn| Ok(trellis_matching::corpus::matcher(conn))) {
        Ok(Ok(m)) => Some(m),
        Ok(Err(e)) => {
            tracing::warn!("matcher unavailable, searching titles only: {e}");
            None
        }
        Err(e) => {
            tracing::warn!("matcher unavailable, searching titles only: {e}");
            None
        }
    }
}

/// The whole application: pages, API, static files, and the layers every response passes.
pub fn router(state: AppState) -> Router {
    let (api, _) = crate::api::router().split_for_parts();
    // CORS wraps the API router as a whole, so that preflight requests are answered before
    // routing (a per-route layer would never see OPTIONS on GET-only routes).
    let api = api
        .fallback(crate::api::not_found)
        .method_not_allowed_fallback(crate::api::method_not_allowed)
        .with_state(state.clone());
    let api = tower::Layer::layer(&crate::api::cors(), api);
    let app = Router::new()
        .merge(crate::pages::router())
        .nest_service("/api/v1", api)
        .route("/static/style.css", get(crate::static_files::style))
        .route("/static/app.js", get(crate::static_files::script))
        .route("/static/icon.svg", get(crate::static_files::icon))
        .route("/favicon.ico", get(crate::static_files::icon))
        .route("/healthz", get(|| async { "ok" }))
        .route("/readyz", get(readyz))
        .fallback(fallback)
        .method_not_allowed_fallback(method_not_allowed)
        .layer(axum::middleware::from_fn_with_state(state.clone(), crate::cache::middleware))
        // Outside the cache, so cached bodies are stored once and compressed per client: the
        // largest pages (all programs, ~600 kB of HTML) shrink about tenfold for phones.
        .layer(tower_http::compression::CompressionLayer::new().gzip(true))
        .with_state(state);
    crate::security::apply(app)
}

/// 200 once the background loads (labor-market figures, matcher) are done, 503 before.
async fn readyz(axum::extract::State(state): axum::extract::State<AppState>) -> Response {
    use axum::response::IntoResponse;
    if state.is_ready() {
        "ready".into_response()
    } else {
        (axum::http::StatusCode::SERVICE_UNAVAILABLE, "loading").into_response()
    }
}

async fn fallback(req: Request) -> Response {
    let path = req.uri().path().to_owned();
    Problem::not_found(format!(
        "nothing at {path}; start from the home page or the API index at /api/v1/openapi.json"
    ))
    .into_page_or_json(&path)
}

async fn method_not_allowed(req: Request) -> Response {
    let path = req.uri().path().to_owned();
    Problem {
        status: axum::http::StatusCode::METHOD_NOT_ALLOWED,
        code: "method_not_allowed",
        message: format!("{} is not supported on {path}", req.method()),
    }
    .into_page_or_json(&path)
}
