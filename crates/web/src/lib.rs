//! The Trellis web application and JSON API.
//!
//! `trellis serve` runs this crate: server-rendered HTML pages over the National Career
//! Clusters® Framework and the Trellis database (works without JavaScript; one small static
//! script adds search-as-you-type), and a JSON API under `/api/v1` described by an OpenAPI 3.1
//! document generated from the handlers.
//!
//! Pages: the framework wheel, cluster, sub-cluster, occupation and program pages; browse-all
//! lists of occupations (`/occupations`: filters, server-side sort, state HSHWID), programs by
//! CIP family (`/programs`) and industries by NAICS sector (`/industries`), each downloadable as
//! shown; the crosswalk explorer, HSHWID lists, program alignment, data & method, and the API
//! reference (`/api`, rendered from the OpenAPI document).
//!
//! Principal types:
//! * [`AppState`]: everything a request reads, built once at start-up: the framework, the
//!   [`Catalog`] (occupations, programs, industries and crosswalk loaded from the database into
//!   memory) and a pool of read-only SQLite connections for the detail queries.
//! * [`router`]: the complete axum application (pages, API, static files, security headers,
//!   limits, the response cache).
//! * [`serve`]: binds an address and serves until SIGTERM or Ctrl-C.
//!
//! Every GET answer is a pure function of the (read-only) database, so responses are cached
//! in memory after their first rendering and carry an `ETag`.
//!
//! ```no_run
//! # fn main() -> Result<(), Box<dyn std::error::Error>> {
//! let state = trellis_web::AppState::open(Some(std::path::Path::new("trellis.sqlite")))?;
//! let app = trellis_web::router(state);
//! // axum::serve(listener, app) ... or simply:
//! # let _ = app;
//! trellis_web::serve_blocking(trellis_web::ServeConfig {
//!     addr: "127.0.0.1:8080".parse()?,
//!     db: Some("trellis.sqlite".into()),
//! })?;
//! # Ok(())
//! # }
//! ```

mod api;
mod api_doc;
mod app;
mod browse;
mod cache;
mod charts;
mod data;
mod error;
mod export;
mod format;
mod hshwid;
mod matching;
mod pages;
mod query;
mod search;
mod security;
mod server;
mod static_files;
mod summary;
mod wheel;

pub use app::{AppState, router};
pub use data::catalog::Catalog;
pub use server::{ServeConfig, ServeError, serve, serve_blocking};

/// The OpenAPI 3.1 document of the JSON API, as served at `/api/v1/openapi.json`.
pub fn openapi() -> utoipa::openapi::OpenApi {
    api::openapi()
}
