//! Binding, serving and shutting down cleanly.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Instant;

use crate::app::{AppState, router};

/// What `trellis serve` needs to start.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub addr: SocketAddr,
    /// The Trellis database. `None` (or a path that does not exist) serves the framework pages
    /// only; every data page then says how to build the database.
    pub db: Option<PathBuf>,
}

#[derive(Debug, thiserror::Error)]
pub enum ServeError {
    #[error("cannot open the database: {0}")]
    Open(#[from] crate::data::DataError),
    #[error(
        "cannot listen on {addr}: {source}; choose another address with --addr (e.g. 127.0.0.1:8081)"
    )]
    Bind { addr: SocketAddr, source: std::io::Error },
    #[error("the server stopped with an error: {0}")]
    Io(#[from] std::io::Error),
}

/// Serves until SIGTERM or Ctrl-C, then finishes the requests in flight and returns.
pub async fn serve(config: ServeConfig) -> Result<(), ServeError> {
    let started = Instant::now();
    let state = AppState::open(config.db.as_deref())?;
    let listener = tokio::net::TcpListener::bind(config.addr)
        .await
        .map_err(|source| ServeError::Bind { addr: config.addr, source })?;
    let local = listener.local_addr()?;
    tracing::info!(
        "serving on http://{local}/ (ready in {} ms; {})",
        started.elapsed().as_millis(),
        state.describe()
    );
    axum::serve(listener, router(state)).with_graceful_shutdown(shutdown_signal()).await?;
    tracing::info!("stopped");
    Ok(())
}

/// Builds a multi-threaded runtime and runs [`serve`] on it.
pub fn serve_blocking(config: ServeConfig) -> Result<(), ServeError> {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    runtime.block_on(serve(config))
}

async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
    tracing::info!("shutting down: finishing requests in flight");
}
