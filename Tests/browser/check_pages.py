#!/usr/bin/env python3
"""Loads every HTML page under a report folder in headless Chromium from file:// and fails
on a console error, an uncaught exception, any request other than the page itself, or a
page without a chart (svg) or a table, and on a page whose content misses an expectation
given with --expect. Saves full-page screenshots of the index, the Pages page and one
source page.

Talks to Chromium over the DevTools protocol on a pipe (--remote-debugging-pipe: commands
on fd 3, replies on fd 4, each a JSON message ended by NUL), so it needs only the Python
standard library and the system browser.

Usage: check_pages.py REPORT_FOLDER SCREENSHOT_FOLDER [CHROMIUM] [--expect PAGE SELECTOR TEXT]...
  --expect: in PAGE (relative to REPORT_FOLDER), the first element matching the CSS
  SELECTOR exists and its text (as the reader sees it, entities decoded) contains TEXT.
  A page named by an expectation must exist.
Exit status: 0 when every page passes, 1 when any fails, 2 when the check itself cannot run.
"""
import base64
import fcntl
import json
import os
import select
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.parse
from pathlib import Path

TIMEOUT_SECONDS = 60


class DevTools:
    def __init__(self, chromium, profile):
        command_read, self._command_write = os.pipe()
        self._reply_read, reply_write = os.pipe()
        # Move the child's ends above 4 first so dup2 onto 3 and 4 cannot clobber them.
        child_read = fcntl.fcntl(command_read, fcntl.F_DUPFD_CLOEXEC, 10)
        child_write = fcntl.fcntl(reply_write, fcntl.F_DUPFD_CLOEXEC, 10)

        def wire_pipe():
            os.dup2(child_read, 3)
            os.dup2(child_write, 4)

        self.process = subprocess.Popen(
            [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run",
             "--no-default-browser-check", "--disable-extensions", "--disable-sync",
             "--disable-background-networking", "--disable-component-update",
             "--remote-debugging-pipe", f"--user-data-dir={profile}", "about:blank"],
            stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
            # Pipes are close-on-exec by default; only the dup2'd 3 and 4 reach Chromium.
            close_fds=False, preexec_fn=wire_pipe)
        for fd in (command_read, reply_write, child_read, child_write):
            os.close(fd)
        self._buffer = b""
        self._next_id = 0
        self.events = []

    def send(self, method, params=None, session=None):
        self._next_id += 1
        message = {"id": self._next_id, "method": method, "params": params or {}}
        if session:
            message["sessionId"] = session
        os.write(self._command_write, json.dumps(message).encode() + b"\0")
        wanted = self._next_id
        while True:
            reply = self._read_message()
            if reply.get("id") == wanted:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                return reply.get("result", {})
            if "method" in reply:
                self.events.append(reply)

    def wait_for_event(self, method, session):
        while True:
            for index, event in enumerate(self.events):
                if event["method"] == method and event.get("sessionId") == session:
                    return self.events.pop(index)
            self.events.append(self._read_message())

    def _read_message(self):
        deadline = time.monotonic() + TIMEOUT_SECONDS
        while b"\0" not in self._buffer:
            remaining = deadline - time.monotonic()
            ready, _, _ = select.select([self._reply_read], [], [], max(remaining, 0))
            if not ready:
                raise TimeoutError("Chromium did not answer in time")
            chunk = os.read(self._reply_read, 1 << 20)
            if not chunk:
                raise RuntimeError("Chromium closed the DevTools pipe")
            self._buffer += chunk
        message, self._buffer = self._buffer.split(b"\0", 1)
        return json.loads(message)

    def close(self):
        try:
            self.send("Browser.close")
        except Exception:
            pass
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()


def check_page(devtools, page, screenshot_path, expectations=()):
    """Returns a list of problems with one page."""
    url = page.resolve().as_uri()
    target = devtools.send("Target.createTarget", {"url": "about:blank"})["targetId"]
    session = devtools.send("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]
    for domain in ("Page", "Runtime", "Log", "Network"):
        devtools.send(f"{domain}.enable", session=session)
    devtools.events = [event for event in devtools.events if event.get("sessionId") != session]
    devtools.send("Emulation.setDeviceMetricsOverride",
                  {"width": 1280, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session=session)
    devtools.send("Page.navigate", {"url": url}, session=session)
    devtools.wait_for_event("Page.loadEventFired", session)
    counts = devtools.send("Runtime.evaluate", {"expression": """JSON.stringify({
        svg: document.querySelectorAll('svg').length,
        table: document.querySelectorAll('table').length,
        untitled: Array.from(document.querySelectorAll('svg')).filter(function (svg) {
            return !svg.querySelector(':scope > title') || !svg.querySelector(':scope > desc'); }).length,
        images: document.querySelectorAll('img').length,
        sortButtons: document.querySelectorAll('table.sortable th button').length,
        sortables: document.querySelectorAll('table.sortable').length})""",
        "returnByValue": True}, session=session)["result"]["value"]
    counts = json.loads(counts)
    problems = []
    if counts["svg"] == 0:
        problems.append("no chart (svg)")
    if counts["table"] == 0:
        problems.append("no table")
    if counts["untitled"]:
        problems.append(f"{counts['untitled']} charts without a title and description")
    if counts["images"]:
        problems.append(f"{counts['images']} <img> elements (input text rendered as markup?)")
    if counts["sortables"] and not counts["sortButtons"]:
        problems.append("the sort script did not add its buttons")
    # Before the sort click below, which may reorder the rows an expectation names.
    for selector, text in expectations:
        found = devtools.send("Runtime.evaluate", {
            "expression": "(function (s) { var e = document.querySelector(s); return e === null ? null : e.textContent; })"
                          f"({json.dumps(selector)})",
            "returnByValue": True}, session=session)["result"].get("value")
        if found is None:
            problems.append(f"expected an element matching {selector}")
        elif text not in found:
            problems.append(f"expected {selector} to contain {text!r}, found {found.strip()[:200]!r}")
    if screenshot_path:
        size = devtools.send("Page.getLayoutMetrics", session=session)["cssContentSize"]
        shot = devtools.send("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": 1280, "height": min(size["height"], 12000), "scale": 1}},
            session=session)
        screenshot_path.write_bytes(base64.b64decode(shot["data"]))
        # The same page as printed (A4 landscape less margins is about 1030 CSS pixels wide),
        # to check the print stylesheet by eye.
        devtools.send("Emulation.setEmulatedMedia", {"media": "print"}, session=session)
        devtools.send("Emulation.setDeviceMetricsOverride",
                      {"width": 1030, "height": 900, "deviceScaleFactor": 1, "mobile": False}, session=session)
        size = devtools.send("Page.getLayoutMetrics", session=session)["cssContentSize"]
        shot = devtools.send("Page.captureScreenshot", {
            "format": "png", "captureBeyondViewport": True,
            "clip": {"x": 0, "y": 0, "width": 1030, "height": min(size["height"], 12000), "scale": 1}},
            session=session)
        screenshot_path.with_name(screenshot_path.stem + "-print.png").write_bytes(base64.b64decode(shot["data"]))
        devtools.send("Emulation.setEmulatedMedia", {"media": ""}, session=session)
    # After the screenshot, so it shows the page as opened.
    if counts["sortButtons"]:
        # Click a heading; an exception in the sort code shows up as an event below.
        devtools.send("Runtime.evaluate", {"expression":
                      "document.querySelector('table.sortable th:nth-child(3) button').click()"}, session=session)
    # One more round trip so that events raised by the click have arrived.
    devtools.send("Runtime.evaluate", {"expression": "1"}, session=session)
    for event in [event for event in devtools.events if event.get("sessionId") == session]:
        method, params = event["method"], event.get("params", {})
        if method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "assert"):
            text = " ".join(str(arg.get("value", arg.get("description", ""))) for arg in params.get("args", []))
            problems.append(f"console error: {text}")
        elif method == "Runtime.exceptionThrown":
            problems.append(f"exception: {params['exceptionDetails'].get('text')} "
                            f"{params['exceptionDetails'].get('exception', {}).get('description', '')}")
        elif method == "Log.entryAdded" and params["entry"].get("level") == "error":
            problems.append(f"console error: {params['entry'].get('text')}")
        elif method == "Network.requestWillBeSent":
            requested = params["request"]["url"]
            if urllib.parse.urldefrag(requested)[0] != url and not requested.startswith("data:"):
                problems.append(f"network request: {requested}")
    devtools.events = [event for event in devtools.events if event.get("sessionId") != session]
    devtools.send("Target.closeTarget", {"targetId": target})
    return problems


def parse_arguments(arguments):
    """Positional arguments, and the --expect triples by page."""
    positional, expectations = [], {}
    index = 0
    while index < len(arguments):
        if arguments[index] == "--expect":
            if index + 3 >= len(arguments):
                raise ValueError("--expect needs PAGE SELECTOR TEXT")
            page, selector, text = arguments[index + 1:index + 4]
            expectations.setdefault(page, []).append((selector, text))
            index += 4
        else:
            positional.append(arguments[index])
            index += 1
    return positional, expectations


def main():
    try:
        arguments, expectations = parse_arguments(sys.argv[1:])
    except ValueError as error:
        print(error)
        return 2
    if len(arguments) < 2:
        print(__doc__)
        return 2
    folder, shots = Path(arguments[0]), Path(arguments[1])
    chromium = arguments[2] if len(arguments) > 2 else (shutil.which("chromium") or "/usr/bin/chromium")
    pages = sorted(folder.rglob("*.html"))
    if not pages:
        print(f"no HTML pages under {folder}")
        return 1
    missing = [name for name in expectations if folder / name not in pages]
    if missing:
        print(f"FAIL expected pages missing: {', '.join(missing)}")
        return 1
    shots.mkdir(parents=True, exist_ok=True)
    source_pages = [page for page in pages if page.parent.name == "sources"]
    screenshot_for = {folder / "index.html": shots / "index.png"}
    if (folder / "pages.html").exists():
        screenshot_for[folder / "pages.html"] = shots / "pages.png"
    if source_pages:
        # The fullest source page shows the most of the layout.
        fullest = max(source_pages, key=lambda page: (page.stat().st_size, str(page)))
        screenshot_for[fullest] = shots / "source.png"
    if (folder / "data-quality.html").exists():
        screenshot_for[folder / "data-quality.html"] = shots / "data-quality.png"
    failures = 0
    with tempfile.TemporaryDirectory() as profile:
        devtools = DevTools(chromium, profile)
        try:
            for page in pages:
                problems = check_page(devtools, page, screenshot_for.get(page),
                                      expectations.get(str(page.relative_to(folder)), ()))
                status = "ok" if not problems else "FAIL"
                print(f"{status} {page.relative_to(folder)}")
                for problem in problems:
                    print(f"    {problem}")
                failures += bool(problems)
        finally:
            devtools.close()
    for path in screenshot_for.values():
        if path.exists():
            print(f"screenshot: {path}")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
