"""Edit > Find's keys pressed for real on X11 (xcb under Xvfb, with
xdotool; the app is the one of tests/gui/test_keys_xcb.py): Ctrl+F opens
the find bar with the keyboard in it, typing finds, Enter / Shift+Enter and
F3 / Shift+F3 go to the next / previous match, Escape closes the bar and
gives the keyboard back to the sheet."""
from test_keys_xcb import app_on_xvfb  # noqa: F401  (fixture)


def test_find_keys_on_x11(app_on_xvfb):  # noqa: F811
    d = app_on_xvfb
    s = d.ask(select=[["RA1", 2022], ["RA1", 2022]])
    assert s["active"] and not s["find"]["shown"], s
    d.key("ctrl+f")
    s = d.state_when(lambda s: s["find"]["shown"] and s["find"]["focus"] == "find")
    assert s["find"]["shown"] and s["find"]["focus"] == "find", s
    d.type("r&d")                       # from RA1 2022 on: RA4's name is the next match
    s = d.state_when(lambda s: s["find"]["count"] == "2 of 2")
    assert s["find"]["text"] == "r&d" and s["find"]["count"] == "2 of 2", s
    assert s["current_text"] == "RA4 Internal R&D expenditure", s
    d.key("Return")
    s = d.state_when(lambda s: s["find"]["count"] == "1 of 2")
    assert s["current_text"] == "RA1 R&D personnel (full-time equivalent)", s        # wrapped around
    d.key("shift+Return")
    s = d.state_when(lambda s: s["find"]["count"] == "2 of 2")
    assert s["current_text"].startswith("RA4 "), s
    d.key("F3")
    s = d.state_when(lambda s: s["find"]["count"] == "1 of 2")
    assert s["current_text"].startswith("RA1 "), s
    d.key("shift+F3")
    s = d.state_when(lambda s: s["find"]["count"] == "2 of 2")
    assert s["current_text"].startswith("RA4 "), s
    d.key("Escape")
    s = d.state_when(lambda s: not s["find"]["shown"])
    assert not s["find"]["shown"] and s["find"]["focus"] == "grid", s
    d.key("F3")                          # from the sheet: the next match, the bar back in view
    s = d.state_when(lambda s: s["find"]["shown"] and s["find"]["count"] == "1 of 2")
    assert s["find"]["count"] == "1 of 2" and s["current_text"].startswith("RA1 "), s
    assert s["undo"] == 0, s             # nothing was edited on the way
