//! Getting a browser to the page: where the browser profile lives, the private launch file that
//! carries the one-time secret, and the loopback address the window is served on.

use std::net::Ipv4Addr;
use std::path::{Path, PathBuf};

use super::browser::OpenError;

/// The calling window's browser profile: `calling-window-profile` in the data folder, so the
/// microphone permission is remembered between launches.
pub fn profile_dir(data_dir: Option<&Path>) -> Result<PathBuf, OpenError> {
    let dir = data_dir
        .ok_or(OpenError::NoDataDir)?
        .join("calling-window-profile");
    std::fs::create_dir_all(&dir).map_err(|source| OpenError::Profile {
        path: dir.clone(),
        source,
    })?;
    Ok(dir)
}

/// Writes a page that forwards to `url` into `dir`, readable by this user only, replacing any
/// earlier one. The secret travels in this file, not on the browser's command line, where any
/// local account could read it from `/proc` and race the browser to it.
pub fn write_launch_file(dir: &Path, url: &str) -> std::io::Result<PathBuf> {
    let path = dir.join("dialtone-launch.html");
    let page = format!(
        "<!doctype html><meta charset=\"utf-8\"><meta http-equiv=\"refresh\" content=\"0;url={url}\"><title>Dialtone</title>"
    );
    let _ = std::fs::remove_file(&path);
    let mut options = std::fs::OpenOptions::new();
    options.write(true).create_new(true);
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, 0o600);
    std::io::Write::write_all(&mut options.open(&path)?, page.as_bytes())?;
    Ok(path)
}

/// `file:///…` for a local path.
pub fn file_url(path: &Path) -> String {
    let text = path.to_string_lossy();
    let encoded: String = text
        .bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'/' | b'-' | b'_' | b'.' | b'~' => {
                (b as char).to_string()
            }
            other => format!("%{other:02X}"),
        })
        .collect();
    if encoded.starts_with('/') {
        format!("file://{encoded}")
    } else {
        format!("file:///{}", encoded.replace('\\', "/"))
    }
}

/// The loopback address the calling window is served on. Browsers scope cookies by host, not
/// port, so on `127.0.0.1` every other local service the user visits shares the session
/// cookie's jar: it could read it, or plant one that shadows it. On Linux (where the calling
/// window is the phone) each install gets an address of its own in 127.0.0.0/8, which is still
/// a secure context for `getUserMedia`, kept in the data folder so the origin (and the
/// remembered microphone permission) stays the same. Elsewhere, and without a data folder,
/// `127.0.0.1`.
pub fn loopback_address(data_dir: Option<&Path>) -> Ipv4Addr {
    if !cfg!(target_os = "linux") {
        return Ipv4Addr::LOCALHOST;
    }
    let Some(dir) = data_dir else {
        return Ipv4Addr::LOCALHOST;
    };
    let file = dir.join("calling-window-address");
    if let Some(saved) = std::fs::read_to_string(&file)
        .ok()
        .and_then(|text| text.trim().parse::<Ipv4Addr>().ok())
        .filter(is_private_loopback)
    {
        return saved;
    }
    let fresh = random_loopback();
    let saved =
        std::fs::create_dir_all(dir).and_then(|()| std::fs::write(&file, format!("{fresh}\n")));
    match saved {
        Ok(()) => fresh,
        Err(e) => {
            tracing::warn!(
                "could not save the calling window's address in {}: {e}; using 127.0.0.1",
                file.display()
            );
            Ipv4Addr::LOCALHOST
        }
    }
}

/// In 127.0.0.0/8, and not one of the addresses other programs habitually use.
fn is_private_loopback(address: &Ipv4Addr) -> bool {
    let [a, b, c, d] = address.octets();
    a == 127 && !(b == 0 && c == 0) && d != 0 && d != 255 && b != 255
}

fn random_loopback() -> Ipv4Addr {
    use rand::Rng as _;
    let mut rng = rand::rng();
    Ipv4Addr::new(
        127,
        rng.random_range(1..=254),
        rng.random_range(0..=255),
        rng.random_range(1..=254),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn file_urls_are_escaped() {
        assert_eq!(
            file_url(Path::new("/home/a b/x.html")),
            "file:///home/a%20b/x.html"
        );
    }

    #[cfg(target_os = "linux")]
    #[test]
    fn each_install_keeps_a_loopback_address_of_its_own() {
        let dir = tempfile::tempdir().unwrap();
        let first = loopback_address(Some(dir.path()));
        assert!(is_private_loopback(&first), "{first}");
        assert_ne!(first, Ipv4Addr::LOCALHOST);
        assert_eq!(
            loopback_address(Some(dir.path())),
            first,
            "the origin stays the same"
        );
        std::fs::write(dir.path().join("calling-window-address"), "8.8.8.8\n").unwrap();
        let replaced = loopback_address(Some(dir.path()));
        assert!(
            is_private_loopback(&replaced),
            "a non-loopback address is never used"
        );
        assert_eq!(loopback_address(None), Ipv4Addr::LOCALHOST);
        let other = tempfile::tempdir().unwrap();
        assert_ne!(
            loopback_address(Some(other.path())),
            first,
            "another install, another address (1 in 16 million to collide)"
        );
    }
}
