"""Stands in for another program that already holds a global shortcut: grabs one key
combination on the X root window (as an XGrabKey client such as a window manager does), says
`grabbed`, and keeps it until its stdin closes. Dialtone asking for the same combination then
gets BadAccess from the X server.

    python3 hold-shortcut.py ctrl+alt+h
"""

import sys

from Xlib import X, XK, display

MODIFIERS = {"ctrl": X.ControlMask, "alt": X.Mod1Mask, "shift": X.ShiftMask, "super": X.Mod4Mask}


def main(combination):
    *mods, key = combination.lower().split("+")
    mask = 0
    for mod in mods:
        mask |= MODIFIERS[mod]
    screen = display.Display()
    root = screen.screen().root
    code = screen.keysym_to_keycode(XK.string_to_keysym(key))
    if not code:
        sys.exit(f"no key code for {key!r}")
    # As X clients do: the combination with and without NumLock and CapsLock.
    for extra in (0, X.Mod2Mask, X.LockMask, X.Mod2Mask | X.LockMask):
        root.grab_key(code, mask | extra, True, X.GrabModeAsync, X.GrabModeAsync)
    screen.sync()
    print("grabbed", flush=True)
    sys.stdin.read()


if __name__ == "__main__":
    main(sys.argv[1])
