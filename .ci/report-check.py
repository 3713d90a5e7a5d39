#!/usr/bin/env python3
"""Checks an HTML report in a real headless Chromium, through the Chrome DevTools Protocol.

Usage: report-check.py REPORT.html OUTPUT_FOLDER

Writes a full-page PNG screenshot at a desktop width (1280 px) and at a phone width (375 px), and the page printed
to PDF (A4), into OUTPUT_FOLDER, with a one-line summary of each. Exits 1 if the page logs a console error or
warning, throws an exception, makes a network request for anything but the file itself, or is wider than the
window at either width (something overflows the page instead of scrolling in its own box).

Needs Chromium (CHROMIUM, default /usr/bin/chromium) and the websocket-client package; nothing else but the
standard library.
"""

import base64
import json
import math
import os
import re
import shutil
import signal
import struct
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import websocket

CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
WIDTHS = [("desktop", 1280, False), ("phone", 375, True)]
TIMEOUT = 60.0


class CheckError(Exception):
    """A problem that ends the check: it is printed and the script exits 1."""


class Browser:
    """A headless Chromium started for the check, with its own throw-away profile."""

    def __init__(self):
        self.profile = tempfile.mkdtemp(prefix="report-check-")
        self.stderr_lines = []
        arguments = [
            CHROMIUM, "--headless=new", "--remote-debugging-port=0", f"--user-data-dir={self.profile}",
            "--no-sandbox", "--disable-gpu", "--no-first-run", "--no-default-browser-check",
            "--disable-extensions", "--disable-background-networking", "--disable-component-update",
            "--disable-sync", "--disable-dev-shm-usage", "--mute-audio", "about:blank",
        ]
        self.process = subprocess.Popen(
            arguments, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            text=True, start_new_session=True)
        found = threading.Event()
        self.endpoint = None

        def drain():
            # Reads stderr to the end, so Chromium never blocks on a full pipe.
            for line in self.process.stderr:
                self.stderr_lines.append(line.rstrip("\n"))
                match = re.search(r"DevTools listening on (ws://\S+)", line)
                if match and not found.is_set():
                    self.endpoint = match.group(1)
                    found.set()
            found.set()

        threading.Thread(target=drain, daemon=True).start()
        if not found.wait(TIMEOUT) or self.endpoint is None:
            self.close()
            tail = "\n  ".join(self.stderr_lines[-10:])
            raise CheckError(f"Chromium did not print its DevTools address within {TIMEOUT:.0f} s:\n  {tail}")

    def close(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(10)
            except subprocess.TimeoutExpired:
                pass
        # Helpers the browser started can outlive it for a moment and still write to the profile. They are in
        # our own process group (start_new_session), so end that group and wait until it is empty.
        deadline = time.monotonic() + 10
        try:
            os.killpg(self.process.pid, signal.SIGKILL)
            while time.monotonic() < deadline:
                self.process.poll()
                os.killpg(self.process.pid, 0)
                time.sleep(0.05)
        except ProcessLookupError:
            pass
        self.process.wait(10)
        shutil.rmtree(self.profile, ignore_errors=True)


class Session:
    """One page target, driven over the browser's WebSocket with flattened sessions."""

    def __init__(self, endpoint):
        self.socket = websocket.create_connection(endpoint, timeout=TIMEOUT, suppress_origin=True)
        self.next_id = 0
        self.events = []
        self.session_id = None
        target = self.call("Target.createTarget", {"url": "about:blank"})["targetId"]
        self.session_id = self.call("Target.attachToTarget", {"targetId": target, "flatten": True})["sessionId"]

    def call(self, method, params=None):
        self.next_id += 1
        message = {"id": self.next_id, "method": method, "params": params or {}}
        if self.session_id:
            message["sessionId"] = self.session_id
        self.socket.send(json.dumps(message))
        while True:
            reply = self.receive(time.monotonic() + TIMEOUT, method)
            if reply.get("id") == self.next_id:
                if "error" in reply:
                    raise CheckError(f"{method} failed: {reply['error'].get('message')}")
                return reply.get("result", {})

    def wait_for(self, event, since):
        """Waits for an event of this page that came after the first `since` events, and returns its parameters."""
        deadline = time.monotonic() + TIMEOUT
        while True:
            for message in self.events[since:]:
                if message["method"] == event:
                    return message.get("params", {})
            since = len(self.events)
            self.receive(deadline, event)

    def receive(self, deadline, what):
        """Reads one message, keeping events of this page, and returns it."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise CheckError(f"no answer to {what} within {TIMEOUT:.0f} s")
        self.socket.settimeout(remaining)
        try:
            message = json.loads(self.socket.recv())
        except websocket.WebSocketTimeoutException:
            raise CheckError(f"no answer to {what} within {TIMEOUT:.0f} s") from None
        if "method" in message and message.get("sessionId") == self.session_id:
            self.events.append(message)
        return message

    def close(self):
        self.socket.close()


def png_size(data):
    """Width and height of a PNG, from its IHDR chunk."""
    return struct.unpack(">II", data[16:24])


def describe(count, noun):
    return f"{count:,} {noun}{'' if count == 1 else 's'}"


def screenshot(page, name, width, mobile, path):
    page.call("Emulation.setDeviceMetricsOverride",
              {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": mobile})
    settle(page)
    content = page.call("Page.getLayoutMetrics")["cssContentSize"]
    page_width, height = math.ceil(content["width"]), math.ceil(content["height"])
    page.call("Emulation.setDeviceMetricsOverride",
              {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": mobile})
    settle(page)
    shot = page.call("Page.captureScreenshot", {
        "format": "png", "captureBeyondViewport": True,
        "clip": {"x": 0, "y": 0, "width": width, "height": height, "scale": 1},
    })
    data = base64.b64decode(shot["data"])
    path.write_bytes(data)
    shot_width, shot_height = png_size(data)
    print(f"report-check: {name}: {path} ({shot_width} x {shot_height} px, {describe(len(data), 'byte')})")
    if page_width > width:
        return [f"at {width} px ({name}) the page is {page_width} px wide: something overflows instead of "
                "wrapping or scrolling in its own box"]
    return []


def settle(page):
    """Waits until the page has laid out and painted at the new size."""
    page.call("Runtime.evaluate", {
        "expression": "new Promise(done => requestAnimationFrame(() => requestAnimationFrame(done)))",
        "awaitPromise": True,
    })


def print_pdf(page, path):
    page.call("Emulation.clearDeviceMetricsOverride")
    result = page.call("Page.printToPDF", {
        "paperWidth": 8.27, "paperHeight": 11.69, "marginTop": 0.6, "marginBottom": 0.6, "marginLeft": 0.6,
        "marginRight": 0.6, "printBackground": True,
    })
    data = base64.b64decode(result["data"])
    path.write_bytes(data)
    pages = len(re.findall(rb"/Type\s*/Page\b(?!s)", data))
    print(f"report-check: pdf: {path} ({describe(pages, 'page')}, {describe(len(data), 'byte')})")


def problems_in(events, page_url):
    """Console messages, exceptions and network requests that fail the check, as sentences."""
    problems = []
    for event in events:
        method, params = event["method"], event.get("params", {})
        if method == "Network.requestWillBeSent":
            url = params["request"]["url"]
            if url != page_url:
                problems.append(f"network request for {url}")
        elif method == "Runtime.consoleAPICalled" and params.get("type") in ("error", "warning", "assert"):
            text = " ".join(str(arg.get("value", arg.get("description", ""))) for arg in params.get("args", []))
            problems.append(f"console {params['type']}: {text}")
        elif method == "Runtime.exceptionThrown":
            details = params.get("exceptionDetails", {})
            text = details.get("exception", {}).get("description") or details.get("text", "")
            problems.append(f"exception: {text}")
        elif method == "Log.entryAdded" and params["entry"].get("level") in ("error", "warning"):
            entry = params["entry"]
            where = f" ({entry['url']})" if entry.get("url") else ""
            problems.append(f"{entry['source']} {entry['level']}: {entry['text']}{where}")
    return problems


def check(report, output):
    page_url = report.resolve().as_uri()
    browser = Browser()
    try:
        page = Session(browser.endpoint)
        try:
            for domain in ("Page", "Runtime", "Log", "Network"):
                page.call(f"{domain}.enable")
            before = len(page.events)
            navigation = page.call("Page.navigate", {"url": page_url})
            if navigation.get("errorText"):
                raise CheckError(f"could not open {page_url}: {navigation['errorText']}")
            page.wait_for("Page.loadEventFired", since=before)
            problems = []
            for name, width, mobile in WIDTHS:
                problems += screenshot(page, name, width, mobile, output / f"{report.stem}-{name}.png")
            print_pdf(page, output / f"{report.stem}.pdf")
            # Anything logged late (while resizing or printing) arrives before this answer.
            page.call("Runtime.evaluate", {"expression": "0"})
            return problems + problems_in(page.events, page_url)
        finally:
            page.close()
    finally:
        browser.close()


def main(arguments):
    sys.stdout.reconfigure(line_buffering=True)
    if len(arguments) != 2:
        print(__doc__.strip().splitlines()[2], file=sys.stderr)
        return 2
    report, output = Path(arguments[0]), Path(arguments[1])
    if not report.is_file():
        print(f"report-check: {report} is not a file", file=sys.stderr)
        return 1
    if not os.access(CHROMIUM, os.X_OK):
        print(f"report-check: no Chromium at {CHROMIUM} (apt-get install chromium, or set CHROMIUM)", file=sys.stderr)
        return 1
    output.mkdir(parents=True, exist_ok=True)
    try:
        problems = check(report, output)
    except (CheckError, OSError, websocket.WebSocketException) as error:
        print(f"report-check: FAILED: {error}", file=sys.stderr)
        return 1
    if problems:
        print(f"report-check: FAILED: {report}: {describe(len(problems), 'problem')}", file=sys.stderr)
        for problem in problems:
            print(f"  {problem}", file=sys.stderr)
        return 1
    print(f"report-check: OK: {report}: no console error or warning, no network request but the page itself")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
