"""Tiny web status page for KA-2000 controllers.

(c) 2022 Kestrel Automation. All rights reserved.

Polls one or more controllers in a background thread and serves a single
auto-refreshing HTML page plus a JSON endpoint (/api/status) for SCADA
integrators who do not want to speak Modbus themselves.

    python -m kestrel.webstatus --port /dev/ttyUSB0 --units 1,2,5 --http 8080
"""

from __future__ import annotations

import argparse
import html
import json
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

from .link import KestrelLink, LinkError

STATUS_TEXT = ["ok", "open", "under", "over", "off"]
POLL_SECONDS = 2.0

PAGE = """<!doctype html>
<html><head><meta charset="utf-8"><meta http-equiv="refresh" content="5">
<title>KA-2000 status</title>
<style>
 body {{ font-family: sans-serif; background: #f4f6f8; margin: 2em; }}
 table {{ border-collapse: collapse; background: white; }}
 td, th {{ border: 1px solid #ccd; padding: 4px 10px; text-align: right; }}
 tr.alarm td {{ background: #ffd8d8; }}
 tr.offline td {{ color: #999; }}
</style></head>
<body><h1>Kestrel KA-2000 controllers</h1>
<p>Updated {updated}</p>
<table><tr><th>Unit</th><th>PV1</th><th>PV2</th><th>PV3</th><th>PV4</th>
<th>Output %</th><th>Alarms</th></tr>
{rows}
</table></body></html>
"""


class Poller(threading.Thread):
    """Keeps the latest snapshot of every unit in memory."""

    def __init__(self, link: KestrelLink, units: list[int]):
        super().__init__(daemon=True)
        self.link = link
        self.units = units
        self.lock = threading.Lock()
        self.latest: dict[int, dict] = {}
        self.updated = 0.0
        self.stop_flag = threading.Event()

    def run(self) -> None:
        while not self.stop_flag.is_set():
            for unit in self.units:
                try:
                    snap = self.link.snapshot(unit)
                    snap["online"] = True
                except LinkError as exc:
                    snap = {"online": False, "error": str(exc)}
                with self.lock:
                    self.latest[unit] = snap
                    self.updated = time.time()
            self.stop_flag.wait(POLL_SECONDS)

    def copy(self) -> tuple[float, dict[int, dict]]:
        with self.lock:
            return self.updated, {k: dict(v) for k, v in self.latest.items()}


def render_row(unit: int, snap: dict) -> str:
    if not snap.get("online"):
        err = html.escape(snap.get("error", "no data"))
        return f'<tr class="offline"><td>{unit}</td><td colspan="6">{err}</td></tr>'
    cells = []
    for pv, st in zip(snap["pv"], snap["status"]):
        cells.append(f"{pv:.1f}" if st == 0 else STATUS_TEXT[min(st, 4)].upper())
    cls = ' class="alarm"' if snap["alarms"] else ""
    alarms = f'{snap["alarms"]:04X}' if snap["alarms"] else "-"
    tds = "".join(f"<td>{c}</td>" for c in cells)
    return (f"<tr{cls}><td>{unit}</td>{tds}"
            f"<td>{snap['output_percent']:.1f}</td><td>{alarms}</td></tr>")


def make_handler(poller: Poller):
    class Handler(BaseHTTPRequestHandler):
        def _send(self, code: int, ctype: str, body: bytes) -> None:
            self.send_response(code)
            self.send_header("Content-Type", ctype)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:  # noqa: N802 - http.server API
            updated, data = poller.copy()
            if self.path == "/api/status":
                payload = {"updated": updated, "units": {str(k): v for k, v in data.items()}}
                self._send(200, "application/json", json.dumps(payload).encode())
            elif self.path in ("/", "/index.html"):
                rows = "\n".join(render_row(u, data[u]) for u in sorted(data))
                stamp = time.strftime("%Y-%m-%d %H:%M:%S", time.localtime(updated or time.time()))
                page = PAGE.format(updated=stamp, rows=rows)
                self._send(200, "text/html; charset=utf-8", page.encode())
            else:
                self._send(404, "text/plain", b"not found\n")

        def log_message(self, fmt: str, *args) -> None:
            pass  # keep the console quiet

    return Handler


def main(argv: list[str] | None = None) -> None:
    ap = argparse.ArgumentParser(description="KA-2000 web status page")
    ap.add_argument("--port", required=True, help="serial port of the RS-485 adapter")
    ap.add_argument("--baud", type=int, default=19200)
    ap.add_argument("--units", default="1", help="comma separated unit addresses")
    ap.add_argument("--http", type=int, default=8080, help="HTTP port")
    args = ap.parse_args(argv)

    units = [int(u) for u in args.units.split(",") if u.strip()]
    link = KestrelLink(args.port, baud=args.baud)
    poller = Poller(link, units)
    poller.start()
    server = ThreadingHTTPServer(("", args.http), make_handler(poller))
    print(f"serving on http://localhost:{args.http}/")
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        poller.stop_flag.set()
        server.server_close()
        link.close()


if __name__ == "__main__":
    main()
