//! Serving a router on an already-bound loopback listener, with the limits a server on the far
//! side of a public tunnel needs: clients that send a byte and stop, or headers and then a
//! trickle, are cut off; the number of open connections is capped; and a shutdown waits a few
//! seconds for requests in flight, then closes the rest. Without these, one stalled client kept
//! `dialtone serve` alive after SIGTERM, and kept the port busy across every restart of the
//! webhook listener inside the app (each Save in Settings).

use std::future::Future;
use std::sync::Arc;
use std::time::Duration;

use axum::http::StatusCode;
use axum::Router;
use hyper_util::rt::{TokioIo, TokioTimer};
use hyper_util::server::graceful::GracefulShutdown;
use hyper_util::service::TowerToHyperService;
use tokio::net::TcpListener;
use tokio::sync::Semaphore;
use tokio::task::JoinSet;

/// How long each side of a connection may take.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    /// Names the server in log lines.
    pub name: &'static str,
    /// From the first byte expected (a new connection, or the next request on a kept-alive
    /// one) to the end of the request's headers.
    pub header_read_timeout: Duration,
    /// From the end of the headers to the response's headers: covers a body that trickles in.
    pub request_timeout: Duration,
    /// Open connections at most; more are refused (closed at once) until some end.
    pub max_connections: usize,
    /// How long a shutdown waits for requests in flight before closing them.
    pub shutdown_grace: Duration,
}

impl Limits {
    /// The webhook listener: Twilio sends a few hundred bytes and gives up after 15 s itself,
    /// so 10 s for headers and 15 s for the rest are generous. 512 connections stays clear of
    /// the usual limit of 1024 open files per process.
    pub const WEBHOOK: Limits = Limits {
        name: "webhook listener",
        header_read_timeout: Duration::from_secs(10),
        request_timeout: Duration::from_secs(15),
        max_connections: 512,
        shutdown_grace: Duration::from_secs(3),
    };

    /// The calling window's listener: one browser window, a handful of connections (the event
    /// stream among them, which stays open; only its response head is timed).
    pub const CALLING_WINDOW: Limits = Limits {
        name: "calling window listener",
        header_read_timeout: Duration::from_secs(10),
        request_timeout: Duration::from_secs(30),
        max_connections: 64,
        shutdown_grace: Duration::from_secs(3),
    };
}

/// Serves `router` on `listener` until `shutdown` completes, then waits up to
/// [`Limits::shutdown_grace`] for requests in flight and closes whatever is still open. The
/// listener is closed as soon as `shutdown` completes, so the port is free for a restart.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: Limits,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    let router = router.layer(tower_http::timeout::TimeoutLayer::with_status_code(
        StatusCode::REQUEST_TIMEOUT,
        limits.request_timeout,
    ));
    let service = TowerToHyperService::new(router);
    let graceful = GracefulShutdown::new();
    let permits = Arc::new(Semaphore::new(limits.max_connections));
    let mut connections = JoinSet::new();
    let mut refusing = false;
    tokio::pin!(shutdown);
    loop {
        tokio::select! {
            () = &mut shutdown => break,
            Some(_) = connections.join_next(), if !connections.is_empty() => {}
            accepted = listener.accept() => {
                let stream = match accepted {
                    Ok((stream, _)) => stream,
                    Err(e) => {
                        // Out of file descriptors and the like: wait a moment instead of
                        // spinning on a failing accept.
                        tracing::warn!("{}: could not accept a connection: {e}", limits.name);
                        tokio::time::sleep(Duration::from_millis(100)).await;
                        continue;
                    }
                };
                let Ok(permit) = permits.clone().try_acquire_owned() else {
                    if !refusing {
                        refusing = true;
                        tracing::warn!(
                            "{}: {} connections are open, the most it takes; new connections are closed until some end (a client holding connections open?)",
                            limits.name, limits.max_connections
                        );
                    }
                    drop(stream);
                    continue;
                };
                if refusing {
                    refusing = false;
                    tracing::info!("{}: taking new connections again", limits.name);
                }
                let connection = hyper::server::conn::http1::Builder::new()
                    .timer(TokioTimer::new())
                    .header_read_timeout(limits.header_read_timeout)
                    .serve_connection(TokioIo::new(stream), service.clone());
                let connection = graceful.watch(connection);
                let name = limits.name;
                connections.spawn(async move {
                    let _permit = permit;
                    if let Err(e) = connection.await {
                        tracing::debug!("{name}: connection ended: {e}");
                    }
                });
            }
        }
    }
    drop(listener);
    if tokio::time::timeout(limits.shutdown_grace, graceful.shutdown())
        .await
        .is_err()
    {
        tracing::warn!(
            "{}: {} connection(s) still busy after {} s; closing them",
            limits.name,
            connections.len(),
            limits.shutdown_grace.as_secs()
        );
        connections.abort_all();
    }
    while connections.join_next().await.is_some() {}
    Ok(())
}
