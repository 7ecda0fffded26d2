//! Errors as the client sees them: JSON with a code and a message under `/api`, an HTML page
//! elsewhere. Internal details are logged, never sent.

use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde::Serialize;

/// What went wrong, independent of how it is shown.
#[derive(Debug, Clone)]
pub struct Problem {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
}

impl Problem {
    pub fn not_found(message: impl Into<String>) -> Problem {
        Problem { status: StatusCode::NOT_FOUND, code: "not_found", message: message.into() }
    }
    pub fn bad_request(message: impl Into<String>) -> Problem {
        Problem { status: StatusCode::BAD_REQUEST, code: "bad_request", message: message.into() }
    }
    pub fn too_large(message: impl Into<String>) -> Problem {
        Problem {
            status: StatusCode::PAYLOAD_TOO_LARGE,
            code: "payload_too_large",
            message: message.into(),
        }
    }
    pub fn unavailable(message: impl Into<String>) -> Problem {
        Problem {
            status: StatusCode::SERVICE_UNAVAILABLE,
            code: "data_unavailable",
            message: message.into(),
        }
    }
    pub fn internal(err: impl std::fmt::Display) -> Problem {
        tracing::error!("internal error: {err}");
        Problem {
            status: StatusCode::INTERNAL_SERVER_ERROR,
            code: "internal",
            message: "an internal error occurred; it has been logged".into(),
        }
    }
}

impl From<crate::data::DataError> for Problem {
    fn from(e: crate::data::DataError) -> Problem {
        Problem::internal(e)
    }
}

/// The JSON body of every API error.
#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Serialize, utoipa::ToSchema)]
pub struct ErrorDetail {
    /// Stable, machine-readable: `not_found`, `bad_request`, `payload_too_large`,
    /// `data_unavailable`, `method_not_allowed`, `internal`.
    pub code: String,
    /// What happened and what to do next, for people.
    pub message: String,
}

/// An API error: rendered as JSON.
#[derive(Debug)]
pub struct ApiError(pub Problem);

impl<P: Into<Problem>> From<P> for ApiError {
    fn from(p: P) -> ApiError {
        ApiError(p.into())
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        json_problem(&self.0)
    }
}

pub fn json_problem(p: &Problem) -> Response {
    let body =
        ErrorBody { error: ErrorDetail { code: p.code.to_owned(), message: p.message.clone() } };
    (p.status, axum::Json(body)).into_response()
}

/// A page error: rendered as an HTML page in the site layout.
#[derive(Debug)]
pub struct PageError(pub Problem);

impl<P: Into<Problem>> From<P> for PageError {
    fn from(p: P) -> PageError {
        PageError(p.into())
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        crate::pages::error_page(&self.0)
    }
}

impl Problem {
    /// JSON under `/api`, an HTML page elsewhere.
    pub fn into_page_or_json(self, path: &str) -> Response {
        if path.starts_with("/api/") || path == "/api" {
            json_problem(&self)
        } else {
            crate::pages::error_page(&self)
        }
    }
}
