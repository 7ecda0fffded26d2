//! `trellis serve`: the web application and JSON API over the database.
use std::net::SocketAddr;
use std::process::ExitCode;

use crate::context::Context;

/// Serve the web application (framework wheel, cluster, occupation and program pages, crosswalk
/// explorer, HSHWID lists, program alignment) and the JSON API under /api/v1 (OpenAPI document
/// at /api/v1/openapi.json). Runs until Ctrl-C or SIGTERM, then finishes requests in flight.
///
/// Without a database (see `trellis data import`), the framework pages are served alone.
#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address and port to listen on. Use 0.0.0.0:8080 to accept connections from other
    /// machines (put a TLS-terminating proxy in front).
    #[arg(long, default_value = "127.0.0.1:8080", value_name = "IP:PORT")]
    addr: SocketAddr,
}

pub fn run(ctx: &Context, args: ServeArgs) -> anyhow::Result<ExitCode> {
    let db = ctx.db_path()?;
    trellis_web::serve_blocking(trellis_web::ServeConfig { addr: args.addr, db: Some(db) })?;
    Ok(ExitCode::SUCCESS)
}
