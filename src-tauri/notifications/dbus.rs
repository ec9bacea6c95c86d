//! The desktop's notification server over the session bus (the Desktop Notifications
//! Specification 1.2: `org.freedesktop.Notifications`). One connection for everything, so the
//! server's `ActionInvoked` and `NotificationClosed`, which dunst and GNOME send only to the
//! connection that created the notification, come back here.

use std::collections::HashMap;
use std::time::Duration;

use futures_util::StreamExt as _;
use zbus::zvariant::Value;

use super::{words, Kind, Note};

/// How long the server may take to answer a call before the notification is given up on: a
/// hung server must never hold up the phone.
const CALL_TIMEOUT: Duration = Duration::from_secs(5);

#[zbus::proxy(
    interface = "org.freedesktop.Notifications",
    default_service = "org.freedesktop.Notifications",
    default_path = "/org/freedesktop/Notifications"
)]
trait Notifications {
    #[allow(clippy::too_many_arguments)]
    fn notify(
        &self,
        app_name: &str,
        replaces_id: u32,
        app_icon: &str,
        summary: &str,
        body: &str,
        actions: &[&str],
        hints: HashMap<&str, Value<'_>>,
        expire_timeout: i32,
    ) -> zbus::Result<u32>;

    fn close_notification(&self, id: u32) -> zbus::Result<()>;

    fn get_capabilities(&self) -> zbus::Result<Vec<String>>;

    #[zbus(signal)]
    fn action_invoked(&self, id: u32, action_key: String) -> zbus::Result<()>;

    #[zbus(signal)]
    fn notification_closed(&self, id: u32, reason: u32) -> zbus::Result<()>;
}

#[derive(Debug, thiserror::Error)]
pub enum NotifyError {
    #[error("there is no D-Bus session bus, so Dialtone cannot show notifications: {0}")]
    NoBus(String),
    #[error("the desktop's notification server did not take the notification: {0}")]
    Server(String),
}

/// What the server reports about a notification Dialtone showed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ServerEvent {
    /// A button, or the body (`"default"`), was clicked.
    Action { id: u32, key: String },
    /// The notification is gone (expired, dismissed, or closed by Dialtone).
    Closed { id: u32 },
}

/// A connection to the notification server.
pub struct NotificationServer {
    proxy: NotificationsProxy<'static>,
}

impl NotificationServer {
    /// Connects to the session bus. The server itself may start later (or never): each call
    /// finds whoever owns the name then.
    pub async fn connect() -> Result<Self, NotifyError> {
        let connection = zbus::connection::Builder::session()
            .map_err(|e| NotifyError::NoBus(e.to_string()))?
            .method_timeout(CALL_TIMEOUT)
            .build()
            .await
            .map_err(|e| NotifyError::NoBus(e.to_string()))?;
        let proxy = NotificationsProxy::builder(&connection)
            // No cached properties to fetch: the interface has none.
            .cache_properties(zbus::proxy::CacheProperties::No)
            .build()
            .await
            .map_err(|e| NotifyError::NoBus(e.to_string()))?;
        Ok(Self { proxy })
    }

    /// Whether the server shows buttons (the `actions` capability).
    pub async fn supports_actions(&self) -> bool {
        self.proxy
            .get_capabilities()
            .await
            .is_ok_and(|caps| caps.iter().any(|c| c == "actions"))
    }

    /// Shows `note`; returns the server's id for it.
    pub async fn show(&self, note: &Note) -> Result<u32, NotifyError> {
        let mut actions = vec![super::DEFAULT_ACTION, ""];
        for (key, label) in &note.buttons {
            actions.push(key);
            actions.push(label);
        }
        let mut hints: HashMap<&str, Value<'_>> = HashMap::new();
        hints.insert("category", Value::from(note.kind.category()));
        hints.insert("desktop-entry", Value::from("dialtone"));
        let (urgency, expire_timeout) = match note.kind {
            // Critical, kept in the notification centre after a click, never expires.
            Kind::Ringing => {
                hints.insert("resident", Value::from(true));
                (2u8, 0)
            }
            Kind::Missed | Kind::Voicemail | Kind::Notice => (1u8, -1),
        };
        hints.insert("urgency", Value::from(urgency));
        self.proxy
            .notify(
                words::APP_NAME,
                0,
                "call-start",
                &note.summary,
                &note.body,
                &actions,
                hints,
                expire_timeout,
            )
            .await
            .map_err(|e| NotifyError::Server(e.to_string()))
    }

    /// Takes notification `id` off the screen.
    pub async fn close(&self, id: u32) -> Result<(), NotifyError> {
        self.proxy
            .close_notification(id)
            .await
            .map_err(|e| NotifyError::Server(e.to_string()))
    }

    /// The server's reports, from now on, for as long as the connection lasts.
    pub async fn events(
        &self,
    ) -> Result<impl futures_util::Stream<Item = ServerEvent> + Send + 'static, NotifyError> {
        let actions = self
            .proxy
            .receive_action_invoked()
            .await
            .map_err(|e| NotifyError::NoBus(e.to_string()))?
            .filter_map(|signal| async move {
                let args = signal.args().ok()?;
                Some(ServerEvent::Action {
                    id: args.id,
                    key: args.action_key,
                })
            });
        let closed = self
            .proxy
            .receive_notification_closed()
            .await
            .map_err(|e| NotifyError::NoBus(e.to_string()))?
            .filter_map(|signal| async move {
                let args = signal.args().ok()?;
                Some(ServerEvent::Closed { id: args.id })
            });
        Ok(futures_util::stream::select(actions, closed))
    }
}
