//! The tray of the real app (`target/debug/dialtone`) under Xvfb, on the private test bus
//! (`scripts/test-session.sh`), read the way a panel reads it: a real StatusNotifierWatcher
//! (`status-notifier-watcher`, Debian's haskell-status-notifier-item-utils) takes the item
//! libayatana-appindicator registers, and `gdbus` reads the item's properties and its menu over
//! `com.canonical.dbusmenu` and clicks the menu with `Event`, as a panel does.
//!
//! What this checks:
//! - the item registers with the watcher, Active, with the icon of the phone's state (the PNG
//!   it points at has the pixels of `icons/tray/…`) and the menu Show Dialtone, Do not disturb,
//!   Recent missed calls, Quit;
//! - a missed call (a signed webhook to the app's listener) puts the badge on the icon, the
//!   count in the label and the call in the submenu; clicking it marks it seen;
//! - clicking Do not disturb saves the setting (the settings file) and the icon and check
//!   mark follow;
//! - closing the window hides it in the tray (the app keeps running), and Show Dialtone
//!   brings it back; Quit ends the app;
//! - with no watcher on the bus there is no tray, a log line says so, and closing the window
//!   quits as before;
//! - a watcher that starts after the app (a panel at login) gets the tray within seconds.
//!
//! The tests share the session bus and the single-instance name, so they take turns.

mod common;

use std::io::{BufRead as _, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use common::{credential_env, inbound_form, pairs};

/// A bound on every wait: generous for a busy 2-core machine; a pass never waits this long.
const WAIT: Duration = Duration::from_secs(60);
const ITEM_PATH: &str = "/org/ayatana/NotificationItem/tray_icon_tray_app_main";

/// One test at a time on the shared bus.
static TURN: Mutex<()> = Mutex::new(());

fn until<T>(what: &str, mut check: impl FnMut() -> Option<T>) -> T {
    let deadline = Instant::now() + WAIT;
    loop {
        if let Some(value) = check() {
            return value;
        }
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        std::thread::sleep(Duration::from_millis(100));
    }
}

fn in_test_session() {
    assert!(
        common::test_session_bus().is_some() && std::env::var_os("DISPLAY").is_some(),
        "this test starts the app and a tray watcher on the private test bus under a display: run it as `scripts/test-session.sh xvfb-run -a cargo test --test tray` (scripts/test.sh does)"
    );
}

/// A child process that is ended when the test ends, however it ends.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

fn gdbus(args: &[&str]) -> Option<String> {
    let out = Command::new("gdbus")
        .arg("call")
        .arg("--session")
        .args(args)
        .output()
        .expect("gdbus runs (libglib2.0-bin; scripts/test.sh installs it)");
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

fn name_has_owner(name: &str) -> bool {
    gdbus(&[
        "-d",
        "org.freedesktop.DBus",
        "-o",
        "/org/freedesktop/DBus",
        "-m",
        "org.freedesktop.DBus.NameHasOwner",
        name,
    ])
    .is_some_and(|out| out.contains("true"))
}

fn start_watcher() -> Running {
    let child = Command::new("status-notifier-watcher")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("status-notifier-watcher runs (haskell-status-notifier-item-utils; scripts/test.sh installs it)");
    let watcher = Running(child);
    until("the watcher owns its name", || {
        name_has_owner("org.kde.StatusNotifierWatcher").then_some(())
    });
    watcher
}

/// The real app, its log collected.
struct App {
    process: Running,
    log: Arc<Mutex<String>>,
    dir: PathBuf,
    webhook: std::net::SocketAddr,
}

impl App {
    fn start(dir: &Path) -> Self {
        let port = common::free_port();
        let mut command = common::dialtone(dir);
        command
            .envs(credential_env())
            .env("DIALTONE_PORT", &port)
            .env("DIALTONE_PHONE_PORT", common::free_port())
            // No calling window: the phone reports nothing, so the tray shows it offline.
            .env("DIALTONE_BROWSER", "none")
            .env("DISPLAY", std::env::var_os("DISPLAY").unwrap())
            .env("NO_AT_BRIDGE", "1")
            // Nothing may reach the internet: the journal's catch-up asks here, and is refused.
            .env("DIALTONE_TWILIO_API_BASE", "http://127.0.0.1:9")
            .stdout(Stdio::null())
            .stderr(Stdio::piped());
        if let Some(xauth) = std::env::var_os("XAUTHORITY") {
            command.env("XAUTHORITY", xauth);
        }
        let mut child = command.spawn().unwrap();
        let log = Arc::new(Mutex::new(String::new()));
        let sink = log.clone();
        let stderr = child.stderr.take().unwrap();
        std::thread::spawn(move || {
            for line in BufReader::new(stderr).lines().map_while(Result::ok) {
                eprintln!("app: {line}");
                let mut all = sink.lock().unwrap();
                all.push_str(&line);
                all.push('\n');
            }
        });
        Self {
            process: Running(child),
            log,
            dir: dir.to_owned(),
            webhook: format!("127.0.0.1:{port}").parse().unwrap(),
        }
    }

    fn logged(&self, text: &str) -> bool {
        self.log.lock().unwrap().contains(text)
    }

    fn exited(&mut self) -> Option<std::process::ExitStatus> {
        self.process.0.try_wait().unwrap()
    }

    /// A webhook from Twilio, signed with the account's Auth Token.
    fn post(&self, path: &str, form: &[(String, String)]) -> u16 {
        common::post_signed(self.webhook, path, form).0
    }
}

fn x_window(action: &str) -> String {
    let script = common::repo_root().join("tests/desktop/x-window.py");
    let out = Command::new("/usr/bin/python3")
        .arg(script)
        .args([action, "Dialtone"])
        .output()
        .expect("python3 with python3-xlib");
    assert!(
        out.status.success(),
        "x-window.py {action}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).trim().to_owned()
}

/// The item, as a panel finds it: the watcher's registered bus name, the item's object.
struct Item {
    bus: String,
}

impl Item {
    fn find() -> Self {
        let bus = until("the watcher lists the tray item", || {
            let out = gdbus(&[
                "-d",
                "org.kde.StatusNotifierWatcher",
                "-o",
                "/StatusNotifierWatcher",
                "-m",
                "org.freedesktop.DBus.Properties.Get",
                "org.kde.StatusNotifierWatcher",
                "RegisteredStatusNotifierItems",
            ])?;
            // `(<[':1.10']>,)`
            let start = out.find("':")? + 1;
            let end = start + out[start..].find('\'')?;
            Some(out[start..end].to_owned())
        });
        Self { bus }
    }

    fn property(&self, name: &str) -> String {
        gdbus(&[
            "-d",
            &self.bus,
            "-o",
            ITEM_PATH,
            "-m",
            "org.freedesktop.DBus.Properties.Get",
            "org.kde.StatusNotifierItem",
            name,
        ])
        .unwrap_or_else(|| panic!("the item's {name}"))
    }

    /// A string property's value: `(<'Active'>,)` → `Active`.
    fn text(&self, name: &str) -> String {
        let out = self.property(name);
        let start = out.find('\'').map_or(0, |i| i + 1);
        let end = out.rfind('\'').unwrap_or(out.len());
        out[start..end].to_owned()
    }

    /// The icon's pixels (RGBA), read from the PNG the item names (`None` if the app replaced
    /// that file between the two reads: each new icon is a new file).
    fn icon(&self) -> Option<Vec<u8>> {
        let path = PathBuf::from(self.text("IconName"));
        path.is_file().then(|| pixels(&path))
    }

    fn layout(&self) -> String {
        gdbus(&[
            "-d",
            &self.bus,
            "-o",
            &format!("{ITEM_PATH}/Menu"),
            "-m",
            "com.canonical.dbusmenu.GetLayout",
            "--",
            "0",
            "-1",
            "@as []",
        ])
        .expect("the menu's layout")
    }

    /// The menu entry labelled `label`: its id and its properties, as GetLayout prints them.
    fn entry(&self, label: &str) -> Option<(i32, String)> {
        let layout = self.layout();
        let at = layout.find(&format!("'label': <'{label}'>"))?;
        let open = layout[..at].rfind("<(")? + 2;
        let id = layout[open..].split(',').next()?.trim().parse().ok()?;
        let props_end = at + layout[at..].find('}')?;
        Some((id, layout[open..props_end].to_owned()))
    }

    fn click(&self, label: &str) {
        let (id, _) = self
            .entry(label)
            .unwrap_or_else(|| panic!("no menu entry {label:?} in {}", self.layout()));
        gdbus(&[
            "-d",
            &self.bus,
            "-o",
            &format!("{ITEM_PATH}/Menu"),
            "-m",
            "com.canonical.dbusmenu.Event",
            "--",
            &id.to_string(),
            "clicked",
            "<0>",
            "0",
        ])
        .unwrap_or_else(|| panic!("clicking {label:?}"));
    }
}

fn pixels(path: &Path) -> Vec<u8> {
    let file = std::fs::File::open(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let mut reader = png::Decoder::new(std::io::BufReader::new(file))
        .read_info()
        .unwrap();
    let mut buf = vec![0; reader.output_buffer_size().unwrap()];
    let info = reader.next_frame(&mut buf).unwrap();
    buf.truncate(info.buffer_size());
    buf
}

fn repo_icon(name: &str) -> Vec<u8> {
    pixels(&common::repo_root().join("icons/tray").join(name))
}

fn settings_file(dir: &Path) -> serde_json::Value {
    std::fs::read(dir.join("settings.json"))
        .ok()
        .and_then(|b| serde_json::from_slice(&b).ok())
        .unwrap_or(serde_json::Value::Null)
}

#[test]
fn the_tray_shows_the_phone_and_its_menu_works() {
    in_test_session();
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let _watcher = start_watcher();
    let mut app = App::start(dir.path());

    // 1. The item and its menu, as a panel reads them.
    let item = Item::find();
    until("the app says the tray is shown", || {
        app.logged("tray icon shown").then_some(())
    });
    assert_eq!(item.text("Status"), "Active");
    until("the offline icon", || {
        (item.icon() == Some(repo_icon("offline.png"))).then_some(())
    });
    for label in [
        "Offline",
        "Show Dialtone",
        "Do not disturb",
        "Recent missed calls",
        "No missed calls",
        "Quit",
    ] {
        assert!(item.entry(label).is_some(), "{label} in {}", item.layout());
    }
    let (_, dnd) = item.entry("Do not disturb").unwrap();
    assert!(
        dnd.contains("'toggle-type': <'checkmark'>") && dnd.contains("'toggle-state': <0>"),
        "{dnd}"
    );

    // 2. A call nobody answered, as Twilio reports it: the badge, the count, the submenu (the
    //    caller named as the caller ID named them).
    until("the webhook listener is up", || {
        std::net::TcpStream::connect(app.webhook).ok().map(|_| ())
    });
    let form = inbound_form("+15557654321");
    assert_eq!(app.post("/handle_calls", &form), 200);
    let mut action = form.clone();
    action.retain(|(k, _)| k != "CallStatus");
    action.extend(pairs(&[
        ("CallStatus", "in-progress"),
        ("DialBridged", "false"),
        ("DialCallDuration", "0"),
        ("DialCallSid", "CA00000000000000000000000000000001"),
        ("DialCallStatus", "no-answer"),
    ]));
    assert_eq!(app.post("/dial_status", &action), 200);
    until("the badge on the icon", || {
        (item.icon() == Some(repo_icon("offline-badge.png"))).then_some(())
    });
    assert_eq!(item.text("XAyatanaLabel"), "1 missed");
    let layout = item.layout();
    let at = layout
        .find("'label': <'José Núñez, ")
        .unwrap_or_else(|| panic!("the missed call in the submenu: {layout}"));
    let end = at + layout[at..].find("'>").unwrap();
    let missed = layout[at + "'label': <'".len()..end].to_owned();
    assert!(
        item.entry("Offline · 1 missed").is_some(),
        "{}",
        item.layout()
    );

    // Clicking the call opens Dialtone there, and it counts as seen.
    item.click(&missed);
    until("the badge goes once the call was looked at", || {
        (item.icon() == Some(repo_icon("offline.png"))).then_some(())
    });
    assert_eq!(item.text("XAyatanaLabel"), "");

    // 3. Do not disturb from the tray: saved, and the icon and the check mark follow.
    item.click("Do not disturb");
    until("do_not_disturb saved in the settings file", || {
        (settings_file(dir.path())["do_not_disturb"] == "true").then_some(())
    });
    until("the do-not-disturb icon", || {
        (item.icon() == Some(repo_icon("do-not-disturb.png"))).then_some(())
    });
    until("the check mark", || {
        let (_, dnd) = item.entry("Do not disturb")?;
        dnd.contains("'toggle-state': <1>").then_some(())
    });
    assert!(
        item.entry("Do not disturb is on").is_some(),
        "{}",
        item.layout()
    );

    // 4. Closing the window hides it; the app keeps running; Show Dialtone brings it back.
    until("the window is on screen", || {
        (x_window("state") == "viewable").then_some(())
    });
    x_window("close");
    until("the app says it keeps running in the tray", || {
        app.logged("Dialtone keeps running in the tray")
            .then_some(())
    });
    until("the window is hidden", || {
        (x_window("state") == "hidden").then_some(())
    });
    assert!(app.exited().is_none(), "closing the window quit the app");
    let notices = std::fs::read_to_string(app.dir.join("data/notices.json")).unwrap();
    assert!(notices.contains("closed_to_tray"), "{notices}");
    item.click("Show Dialtone");
    until("the window is back", || {
        (x_window("state") == "viewable").then_some(())
    });

    // 5. Quit ends the app.
    item.click("Quit");
    let status = until("the app quits", || app.exited());
    assert!(status.success(), "{status}");
}

/// The app on a bus with no tray watcher, once it has said there is no tray.
fn start_without_a_tray(dir: &Path) -> App {
    assert!(
        !name_has_owner("org.kde.StatusNotifierWatcher"),
        "a tray watcher runs on the test bus already"
    );
    let app = App::start(dir);
    until("the app says there is no tray", || {
        app.logged("no tray icon: no tray host (org.kde.StatusNotifierWatcher) on the session bus")
            .then_some(())
    });
    app
}

#[test]
fn without_a_tray_closing_the_window_quits_and_nothing_panics() {
    in_test_session();
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let mut app = start_without_a_tray(dir.path());
    until("the window is on screen", || {
        (x_window("state") == "viewable").then_some(())
    });
    // A close the window manager delivers before GTK has set the window up is lost: ask again
    // every few seconds until the app is gone (closing twice is still one close).
    let mut asked = Instant::now() - Duration::from_secs(10);
    let status = until("the app quits", || {
        if asked.elapsed() > Duration::from_secs(3) {
            // The window may be gone by now (the app is on its way out): that is no failure.
            let _ = Command::new("/usr/bin/python3")
                .arg(common::repo_root().join("tests/desktop/x-window.py"))
                .args(["close", "Dialtone"])
                .output();
            asked = Instant::now();
        }
        app.exited()
    });
    assert!(status.success(), "{status}");
    let log = app.log.lock().unwrap().clone();
    assert!(!log.contains("panicked"), "{log}");
    let notices = std::fs::read_to_string(dir.path().join("data/notices.json")).unwrap();
    assert!(notices.contains("no_tray"), "{notices}");
}

#[test]
fn a_tray_host_that_comes_later_gets_the_tray() {
    in_test_session();
    let _turn = TURN.lock().unwrap_or_else(|e| e.into_inner());
    let dir = tempfile::tempdir().unwrap();
    let mut app = start_without_a_tray(dir.path());
    // The panel starts after Dialtone, as it may at login.
    let _watcher = start_watcher();
    let item = Item::find();
    until("the app says the tray is shown", || {
        app.logged("tray icon shown").then_some(())
    });
    assert_eq!(item.text("Status"), "Active");
    until("the menu", || item.entry("Show Dialtone").map(|_| ()));
    item.click("Quit");
    let status = until("the app quits", || app.exited());
    assert!(status.success(), "{status}");
}

#[test]
fn the_committed_icons_are_what_the_generator_draws() {
    let dir = tempfile::tempdir().unwrap();
    let status = Command::new("python3")
        .arg(common::repo_root().join("scripts/tray-icons.py"))
        .arg(dir.path())
        .stdout(Stdio::null())
        .status()
        .expect("python3 runs");
    assert!(status.success());
    let mut drawn: Vec<_> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().into_string().unwrap())
        .collect();
    drawn.sort();
    assert_eq!(drawn.len(), 8, "{drawn:?}");
    for name in drawn {
        // Pixels, not bytes: another zlib may compress the same image differently.
        assert_eq!(
            pixels(&dir.path().join(&name)),
            repo_icon(&name),
            "icons/tray/{name} differs from what scripts/tray-icons.py draws: run it and commit the result"
        );
    }
}
