//! GTK without its GL probe (Linux). At start on X11, GTK 3 asks GLX which visuals suit GL
//! windows, which loads the system's GL driver: Mesa's llvmpipe under
//! Xvfb, a GPU driver on a desktop, both linking LLVM. That costs the `dialtone` process about
//! 22 MiB (measured with `scripts/footprint.sh`), for windows that never draw with GL: on Linux
//! the phone is the calling window, and the app window's webview renders without GPU
//! compositing (see `enable_media`), so GTK's GL is never used. `GDK_GL=disable` skips it.
//!
//! A `GDK_GL` the user set is kept as it is. Nothing we start inherits ours: the browser gets
//! only the variables in [`crate::app::options::BROWSER_ENV`].

/// The variable GDK reads its GL flags from.
const VARIABLE: &str = "GDK_GL";

/// What `GDK_GL` should be for this process: `Some("disable")` unless the user chose a value.
pub fn wanted(current: Option<&std::ffi::OsStr>) -> Option<&'static str> {
    match current {
        Some(_) => None,
        None => Some("disable"),
    }
}

/// Sets `GDK_GL=disable` for this process unless the user set it.
///
/// Call it first thing in `main`, before any thread starts: changing the environment while
/// another thread may read it is undefined behaviour in libc.
pub fn skip_probe() {
    if let Some(value) = wanted(std::env::var_os(VARIABLE).as_deref()) {
        std::env::set_var(VARIABLE, value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn disables_gl_unless_the_user_chose() {
        assert_eq!(wanted(None), Some("disable"));
        assert_eq!(wanted(Some("always".as_ref())), None);
        assert_eq!(wanted(Some("".as_ref())), None);
    }

    #[test]
    fn the_browser_does_not_inherit_it() {
        assert!(!crate::app::options::BROWSER_ENV.contains(&VARIABLE));
    }
}
