//! States, HSHWID, search, matching, sources and the OpenAPI document.

use axum::extract::State;
use axum::response::Response;
use serde::{Deserialize, Serialize};

use super::{P, Q, json, state_code};
use crate::app::AppState;
use crate::data::catalog::SourceFile;
use crate::data::state_figures::StateInfo;
use crate::error::{ApiError, ErrorBody, Problem};
use crate::search::Hit;

/// States with OEWS figures in the database.
#[utoipa::path(get, path = "/states", tag = "labor", responses((status = 200, body = Vec<StateInfo>)))]
pub async fn states(State(state): State<AppState>) -> Response {
    json(&state.states.states)
}

/// The high-skill, high-wage, in-demand list of a state, with the state's definitions.
#[utoipa::path(get, path = "/hshwid/{state}", tag = "labor",
    params(("state" = String, Path, description = "two-letter state code, e.g. `CT`")),
    responses((status = 200, body = crate::hshwid::HshwidList), (status = 400, body = ErrorBody),
        (status = 404, body = ErrorBody), (status = 503, body = ErrorBody)))]
pub async fn hshwid(
    State(state): State<AppState>,
    P(code): P<String>,
) -> Result<Response, ApiError> {
    let code =
        state_code(Some(&code))?.ok_or_else(|| Problem::bad_request("a state code is required"))?;
    let list = crate::hshwid::list(&state, &code)?;
    Ok(json(&list))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct SearchParams {
    /// What to look for: a cluster, sub-cluster, occupation or program name, or a code.
    pub q: Option<String>,
    /// At most this many results, 1 to 50 (default 10).
    pub limit: Option<usize>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SearchResults {
    pub query: String,
    pub items: Vec<Hit>,
}

const MAX_QUERY: usize = 200;

fn query_text(q: Option<String>) -> Result<String, Problem> {
    let q = q.unwrap_or_default();
    if q.len() > MAX_QUERY {
        return Err(Problem::bad_request(format!("queries are limited to {MAX_QUERY} bytes")));
    }
    Ok(q.trim().to_owned())
}

/// Search clusters, sub-clusters, occupations and programs by name or code (search as you type).
#[utoipa::path(get, path = "/search", tag = "search", params(SearchParams),
    responses((status = 200, body = SearchResults), (status = 400, body = ErrorBody)))]
pub async fn search(
    State(state): State<AppState>,
    Q(p): Q<SearchParams>,
) -> Result<Response, ApiError> {
    let q = query_text(p.q)?;
    let limit = p.limit.unwrap_or(10);
    if !(1..=50).contains(&limit) {
        return Err(Problem::bad_request("limit must be between 1 and 50").into());
    }
    let items = crate::matching::search(&state, &q, limit);
    Ok(json(&SearchResults { query: q, items }))
}

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct MatchParams {
    /// A job title, posting title or program name.
    pub q: Option<String>,
    /// `title` (occupations, default) or `program` (CIP).
    pub kind: Option<String>,
    /// At most this many candidates, 1 to 20 (default 5).
    pub limit: Option<usize>,
}

/// Codes free text to occupations (SOC) or programs (CIP), with their clusters.
#[utoipa::path(get, path = "/match", tag = "search", params(MatchParams),
    responses((status = 200, body = crate::matching::MatchResults), (status = 400, body = ErrorBody)))]
pub async fn match_text(
    State(state): State<AppState>,
    Q(p): Q<MatchParams>,
) -> Result<Response, ApiError> {
    let q = query_text(p.q)?;
    if q.is_empty() {
        return Err(Problem::bad_request("q is required: the text to match").into());
    }
    let kind = match p.kind.as_deref().unwrap_or("title") {
        "title" | "" => crate::matching::MatchKind::Title,
        "program" => crate::matching::MatchKind::Program,
        other => {
            return Err(Problem::bad_request(format!(
                "kind must be title or program, got {other:?}"
            ))
            .into());
        }
    };
    let limit = p.limit.unwrap_or(5);
    if !(1..=20).contains(&limit) {
        return Err(Problem::bad_request("limit must be between 1 and 20").into());
    }
    Ok(json(&crate::matching::match_text(&state, &q, kind, limit)))
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct SourcesOut {
    /// The `meta` table: schema and Trellis versions, build time.
    pub build: std::collections::BTreeMap<String, String>,
    #[schema(value_type = Vec<SourceFileSchema>)]
    pub files: Vec<SourceFile>,
    pub crosswalk: Option<crate::data::catalog::CrosswalkBuild>,
}

/// Every official file the database was built from: path, size, sha256, vintage, reader, rows.
#[utoipa::path(get, path = "/sources", tag = "meta", responses((status = 200, body = SourcesOut)))]
pub async fn sources(State(state): State<AppState>) -> Response {
    json(&SourcesOut {
        build: state.catalog.meta.iter().cloned().collect(),
        files: state.catalog.sources.clone(),
        crosswalk: state.catalog.crosswalk.clone(),
    })
}

/// This document (OpenAPI 3.1).
#[utoipa::path(get, path = "/openapi.json", tag = "meta",
    responses((status = 200, description = "the OpenAPI 3.1 document", content_type = "application/json")))]
pub async fn openapi_json() -> Response {
    json(&super::openapi())
}

/// The OpenAPI description of [`SourceFile`], which the store defines without knowing about
/// OpenAPI.
pub struct SourceFileSchema;

impl utoipa::PartialSchema for SourceFileSchema {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, SchemaType, Type};
        let of = |t: Type| ObjectBuilder::new().schema_type(t);
        let fields = [
            ("id", of(Type::Integer), "Row id in the sources table."),
            ("path", of(Type::String), "Path below the data directory."),
            ("file_name", of(Type::String), "The file's name."),
            ("size", of(Type::Integer), "Bytes."),
            ("sha256", of(Type::String), "SHA-256 of the file, hex."),
            ("dataset", of(Type::String), "What the file is (oews_national, cip_soc, ...)."),
            ("vintage", of(Type::String), "The data's vintage as published (M2024, 2024-34)."),
            ("reader", of(Type::String), "The reader and its version that read it."),
            (
                "sheet",
                ObjectBuilder::new().schema_type(SchemaType::Array(vec![Type::String, Type::Null])),
                "The worksheet read, for workbooks.",
            ),
            ("rows", of(Type::Integer), "Rows read."),
        ];
        let mut o = ObjectBuilder::new()
            .schema_type(Type::Object)
            .description(Some("One official input file of the build."));
        for (name, schema, about) in fields {
            o = o.property(name, schema.description(Some(about)));
            if name != "sheet" {
                o = o.required(name);
            }
        }
        o.property(
            "warnings",
            ArrayBuilder::new()
                .items(of(Type::String))
                .description(Some("What the reader noticed (quirks of the file).")),
        )
        .required("warnings")
        .into()
    }
}

impl utoipa::ToSchema for SourceFileSchema {
    fn name() -> std::borrow::Cow<'static, str> {
        "SourceFile".into()
    }
}
