#!/usr/bin/python3
"""What a window manager would do to an app window, for tests under a bare Xvfb (no manager runs).

    x-window.py close TITLE   asks every top-level window named TITLE to close, as a close
                              button does: a WM_DELETE_WINDOW client message (ICCCM 4.2.8.1)
    x-window.py state TITLE   prints "viewable" if such a window is mapped, else "hidden"
                              ("none" when there is no such window)

Uses python3-xlib (Debian's package; scripts/lib.sh installs it).
"""

import sys

from Xlib import X, display, protocol


def windows_named(d, title):
    found = []
    for window in d.screen().root.query_tree().children:
        try:
            name = window.get_full_property(d.intern_atom("_NET_WM_NAME"), d.intern_atom("UTF8_STRING"))
            text = name.value.decode() if name else window.get_wm_name()
        except Exception:  # a window that went away meanwhile
            continue
        if text == title:
            found.append(window)
    return found


def main():
    action, title = sys.argv[1], sys.argv[2]
    d = display.Display()
    windows = windows_named(d, title)
    if action == "state":
        if not windows:
            print("none")
        else:
            mapped = any(w.get_attributes().map_state == X.IsViewable for w in windows)
            print("viewable" if mapped else "hidden")
        return
    if action != "close":
        sys.exit(f"unknown action {action}")
    if not windows:
        sys.exit(f"no window named {title!r}")
    protocols, delete = d.intern_atom("WM_PROTOCOLS"), d.intern_atom("WM_DELETE_WINDOW")
    for window in windows:
        message = protocol.event.ClientMessage(
            window=window, client_type=protocols, data=(32, [delete, X.CurrentTime, 0, 0, 0])
        )
        window.send_event(message, event_mask=X.NoEventMask)
    d.flush()
    print(f"asked {len(windows)} window(s) to close")


if __name__ == "__main__":
    main()
