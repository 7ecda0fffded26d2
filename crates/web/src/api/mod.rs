//! The JSON API under `/api/v1`.
//!
//! Every route is registered through [`utoipa_axum`], which adds it to the OpenAPI document at
//! the same time: a route cannot exist without its documentation. Ids are stable: framework
//! entities by slug, occupations by SOC 2018 code, programs by CIP 2020 code, industries by
//! NAICS 2022 code. Lists are paginated (`page`, `per_page`); answers carry `ETag` and
//! `Cache-Control`; errors are `{"error": {"code", "message"}}`.

mod catalog;
pub use catalog::{ClusterProfile, cip_param, soc_param};
mod crosswalk;
mod framework;
mod misc;

use std::sync::OnceLock;

use axum::extract::{FromRequestParts, Query};
use axum::http::request::Parts;
use axum::http::{HeaderValue, Method, header};
use axum::response::{IntoResponse, Response};
use serde::de::DeserializeOwned;
use serde::{Deserialize, Serialize};
use tower_http::cors::{Any, CorsLayer};
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

use crate::app::AppState;
use crate::cache::Cacheable;
use crate::error::{ApiError, Problem};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "Trellis API",
        description = "The National Career Clusters® Framework (Advance CTE, 2024) joined to \
            official public data: occupations (SOC 2018), programs (CIP 2020), industries \
            (NAICS 2022), the cluster crosswalk, labor-market figures (BLS) and state \
            high-skill, high-wage, in-demand lists. Read-only; every answer is traceable to \
            the source files listed at /api/v1/sources.",
        license(name = "Apache-2.0")
    ),
    tags(
        (name = "framework", description = "Groupings, clusters and sub-clusters"),
        (name = "catalog", description = "Occupations, programs and industries"),
        (name = "crosswalk", description = "Cluster assignments of codes; 2002 → 2024"),
        (name = "labor", description = "Profiles and HSHWID lists"),
        (name = "search", description = "Search and matching"),
        (name = "meta", description = "Sources and this document"),
    )
)]
struct ApiDoc;

/// The API routes with their documentation, relative to `/api/v1` (where the application
/// mounts them).
pub fn router() -> OpenApiRouter<AppState> {
    OpenApiRouter::new()
        .routes(routes!(framework::groupings))
        .routes(routes!(framework::clusters))
        .routes(routes!(framework::cluster))
        .routes(routes!(framework::sub_clusters))
        .routes(routes!(framework::sub_cluster))
        .routes(routes!(catalog::occupations))
        .routes(routes!(catalog::occupation))
        .routes(routes!(catalog::programs))
        .routes(routes!(catalog::program))
        .routes(routes!(catalog::industries))
        .routes(routes!(catalog::industry))
        .routes(routes!(catalog::occupation_profile))
        .routes(routes!(catalog::cluster_profile))
        .routes(routes!(crosswalk::crosswalk))
        .routes(routes!(crosswalk::crosswalk_2002))
        .routes(routes!(misc::states))
        .routes(routes!(misc::hshwid))
        .routes(routes!(misc::search))
        .routes(routes!(misc::match_text))
        .routes(routes!(misc::sources))
        .routes(routes!(misc::openapi_json))
}

/// The OpenAPI document (paths with their `/api/v1` prefix), built once.
pub fn openapi() -> utoipa::openapi::OpenApi {
    static DOC: OnceLock<utoipa::openapi::OpenApi> = OnceLock::new();
    DOC.get_or_init(|| {
        OpenApiRouter::<AppState>::with_openapi(ApiDoc::openapi())
            .nest("/api/v1", router())
            .split_for_parts()
            .1
    })
    .clone()
}

/// Unknown API paths: always JSON.
pub async fn not_found(uri: axum::extract::OriginalUri) -> Response {
    ApiError(Problem::not_found(format!(
        "no API route at {}; the routes are listed in /api/v1/openapi.json",
        uri.path()
    )))
    .into_response()
}

pub async fn method_not_allowed(method: Method, uri: axum::extract::OriginalUri) -> Response {
    ApiError(Problem {
        status: axum::http::StatusCode::METHOD_NOT_ALLOWED,
        code: "method_not_allowed",
        message: format!("{method} is not supported on {}; the API is read-only (GET)", uri.path()),
    })
    .into_response()
}

/// CORS: any origin may read (GET/HEAD); nothing else is offered.
pub fn cors() -> CorsLayer {
    CorsLayer::new()
        .allow_origin(Any)
        .allow_methods([Method::GET, Method::HEAD, Method::OPTIONS])
        .allow_headers([header::IF_NONE_MATCH, header::ACCEPT])
        .expose_headers([header::ETAG, header::LINK])
}

/// A JSON answer that depends only on its URL (cached, with an ETag).
pub fn json<T: Serialize>(value: &T) -> Response {
    match serde_json::to_vec(value) {
        Ok(body) => {
            let mut r = body.into_response();
            r.headers_mut()
                .insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
            r.extensions_mut().insert(Cacheable);
            r
        }
        Err(e) => ApiError(Problem::internal(e)).into_response(),
    }
}

/// `Query` whose rejections are JSON errors.
pub struct Q<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequestParts<S> for Q<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match Query::<T>::from_request_parts(parts, state).await {
            Ok(Query(v)) => Ok(Q(v)),
            Err(e) => Err(ApiError(Problem::bad_request(format!(
                "invalid query string: {}",
                e.body_text()
            )))),
        }
    }
}

/// `Path` whose rejections are JSON errors.
pub struct P<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> FromRequestParts<S> for P<T> {
    type Rejection = ApiError;
    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        match axum::extract::Path::<T>::from_request_parts(parts, state).await {
            Ok(axum::extract::Path(v)) => Ok(P(v)),
            Err(e) => {
                Err(ApiError(Problem::bad_request(format!("invalid path: {}", e.body_text()))))
            }
        }
    }
}

pub const MAX_PER_PAGE: usize = 500;

#[derive(Debug, Clone, Copy, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Paging {
    /// 1-based page number.
    pub page: Option<usize>,
    /// Items per page, 1 to 500 (default 50).
    pub per_page: Option<usize>,
}

/// One page of a list.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct Page<T> {
    pub items: Vec<T>,
    pub page: usize,
    pub per_page: usize,
    /// Items across all pages.
    pub total: usize,
    /// The number of pages.
    pub pages: usize,
}

impl Paging {
    pub fn apply<T>(self, all: Vec<T>) -> Result<Page<T>, Problem> {
        let per_page = self.per_page.unwrap_or(50);
        let page = self.page.unwrap_or(1);
        if per_page == 0 || per_page > MAX_PER_PAGE {
            return Err(Problem::bad_request(format!(
                "per_page must be between 1 and {MAX_PER_PAGE}, got {per_page}"
            )));
        }
        if page == 0 {
            return Err(Problem::bad_request("page numbers start at 1"));
        }
        let total = all.len();
        let pages = total.div_ceil(per_page).max(1);
        if page > pages {
            return Err(Problem::not_found(format!(
                "page {page} is past the last page ({pages}) of {total} items"
            )));
        }
        let items = all.into_iter().skip((page - 1) * per_page).take(per_page).collect();
        Ok(Page { items, page, per_page, total, pages })
    }
}

/// A state code as given in a query: two ASCII letters.
pub fn state_code(s: Option<&str>) -> Result<Option<String>, Problem> {
    match s.map(str::trim).filter(|s| !s.is_empty()) {
        None => Ok(None),
        Some(s) if s.len() == 2 && s.chars().all(|c| c.is_ascii_alphabetic()) => {
            Ok(Some(s.to_ascii_uppercase()))
        }
        Some(s) => Err(Problem::bad_request(format!(
            "state must be a two-letter postal code such as CT, got {s:?}"
        ))),
    }
}
