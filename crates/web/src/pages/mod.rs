//! The HTML pages: server-rendered with askama (auto-escaped), complete without JavaScript.

pub mod align;
pub mod api_doc;
pub mod cluster;
pub mod crosswalk;
pub mod data;
pub mod home;
pub mod hshwid;
pub mod industries;
pub mod occupation;
pub mod occupations;
pub mod program;
pub mod programs;
pub mod search;
pub mod sub_cluster;

use askama::Template;
use axum::Router;
use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use serde::de::DeserializeOwned;

use crate::app::AppState;
use crate::cache::Cacheable;
use crate::error::{PageError, Problem};

/// What the layout needs from every page.
pub struct Layout {
    pub title: String,
    pub description: String,
    /// The main-menu entry to mark current.
    pub nav: &'static str,
    /// The search box's value.
    pub query: String,
}

impl Layout {
    pub fn new(title: impl Into<String>, nav: &'static str) -> Layout {
        let title = title.into();
        Layout {
            description: format!(
                "{title}: the National Career Clusters Framework with official data"
            ),
            title,
            nav,
            query: String::new(),
        }
    }
}

pub fn router() -> Router<AppState> {
    Router::new()
        .route("/", get(home::home))
        .route("/clusters", get(home::clusters))
        .route("/clusters/{id}", get(cluster::page))
        .route("/sub-clusters/{id}", get(sub_cluster::page))
        .route("/occupations", get(occupations::page))
        .route("/occupations/download", get(occupations::download))
        .route("/occupations/{soc}", get(occupation::page))
        .route("/programs", get(programs::page))
        .route("/programs/download", get(programs::download))
        .route("/programs/{cip}", get(program::page))
        .route("/industries", get(industries::page))
        .route("/industries/download", get(industries::download))
        .route("/search", get(search::page))
        .route("/crosswalk", get(crosswalk::page))
        .route("/crosswalk/download", get(crosswalk::download))
        .route("/crosswalk/2002", get(crosswalk::view_2002))
        .route("/crosswalk/2002/download", get(crosswalk::download_2002))
        .route("/hshwid", get(hshwid::page))
        .route("/hshwid/download", get(hshwid::download))
        .route("/align", get(align::form).post(align::upload))
        .route("/data", get(data::page))
        .route("/api", get(api_doc::page))
}

/// Renders a page that depends only on its URL (cached, with an ETag).
pub fn html<T: Template>(t: &T) -> Result<Response, PageError> {
    let mut r = render(t, StatusCode::OK)?;
    r.extensions_mut().insert(Cacheable);
    Ok(r)
}

/// Renders a page that must not be cached (answers to uploads).
pub fn html_private<T: Template>(t: &T) -> Result<Response, PageError> {
    let mut r = render(t, StatusCode::OK)?;
    r.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    Ok(r)
}

fn render<T: Template>(t: &T, status: StatusCode) -> Result<Response, PageError> {
    let body = t.render().map_err(Problem::internal)?;
    let mut r = (status, body).into_response();
    r.headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    Ok(r)
}

#[derive(Template)]
#[template(path = "error.html")]
struct ErrorPage {
    l: Layout,
    heading: String,
    message: String,
}

pub fn error_page(p: &Problem) -> Response {
    let heading = match p.status {
        StatusCode::NOT_FOUND => "Not found".to_owned(),
        StatusCode::BAD_REQUEST => "That request could not be understood".to_owned(),
        StatusCode::PAYLOAD_TOO_LARGE => "That file is too large".to_owned(),
        StatusCode::SERVICE_UNAVAILABLE => "Not available in this build".to_owned(),
        s => s.canonical_reason().unwrap_or("Error").to_owned(),
    };
    let page =
        ErrorPage { l: Layout::new(heading.clone(), ""), heading, message: p.message.clone() };
    match render(&page, p.status) {
        Ok(r) => r,
        Err(_) => (p.status, p.message.clone()).into_response(),
    }
}

/// `Query` whose rejections are HTML error pages.
pub struct PQ<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for PQ<T> {
    type Rejection = PageError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(v)) => Ok(PQ(v)),
            Err(e) => Err(PageError(Problem::bad_request(format!(
                "The address has a parameter this page does not understand: {}",
                e.body_text()
            )))),
        }
    }
}

/// `Path` whose rejections are HTML error pages.
pub struct PP<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for PP<T> {
    type Rejection = PageError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(PP(v)),
            Err(e) => {
                Err(PageError(Problem::bad_request(format!("Invalid address: {}", e.body_text()))))
            }
        }
    }
}

/// The note shown where data is missing, telling the operator what to run.
pub fn data_note(state: &AppState) -> String {
    if !state.catalog.loaded {
        "No database is loaded, so this page shows the framework only. Build the database with \
         `trellis data import DIR` and start `trellis serve --db PATH`."
            .into()
    } else if !state.catalog.has_crosswalk() {
        "The crosswalk has not been built in this database, so no occupations or programs are \
         assigned to clusters yet. Run `trellis crosswalk build` and restart the server."
            .into()
    } else {
        String::new()
    }
}

/// The cluster options of a `<select>`: (id, name, selected).
pub fn cluster_options(state: &AppState, selected: Option<&str>) -> Vec<(String, String, bool)> {
    state
        .fw
        .clusters
        .iter()
        .map(|c| (c.id.clone(), c.name.clone(), Some(c.id.as_str()) == selected))
        .collect()
}

/// The state options of a `<select>`: (code, name, selected).
pub fn state_options(state: &AppState, selected: Option<&str>) -> Vec<(String, String, bool)> {
    state
        .states
        .states
        .iter()
        .map(|s| (s.code.clone(), s.name.clone(), Some(s.code.as_str()) == selected))
        .collect()
}
