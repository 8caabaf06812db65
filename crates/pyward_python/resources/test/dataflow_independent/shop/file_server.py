"""File server for the warehouse label printers (http.server)."""
import json
import os
import posixpath
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, quote, unquote, urlparse
from urllib.request import urlopen

from inv_config import FILES_ROOT, MAX_BODY_BYTES, UPLOAD_DIR


class PrinterFileHandler(BaseHTTPRequestHandler):
    server_version = "InventoryFiles/1.0"

    def _query(self):
        return parse_qs(urlparse(self.path).query)

    def _send_json(self, status, payload):
        body = json.dumps(payload).encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "application/json")  # safe: PW759
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        route = urlparse(self.path).path
        if route.startswith("/files/"):
            name = unquote(route[len("/files/"):])
            download_name = self._query().get("as", [name])[0]
            try:
                with open(os.path.join(FILES_ROOT, name), "rb") as handle:  # expect: PW451
                    data = handle.read()
            except OSError:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Type", "application/octet-stream")  # safe: PW759
            self.send_header("Content-Disposition", f'attachment; filename="{download_name}"')  # expect: PW759
            self.end_headers()
            self.wfile.write(data)
        elif route.startswith("/labels/"):
            name = posixpath.basename(unquote(route))
            try:
                with open(os.path.join(FILES_ROOT, "labels", name), "rb") as handle:  # safe: PW451
                    data = handle.read()
            except OSError:
                self.send_error(404)
                return
            self.send_response(200)
            self.send_header("Content-Disposition", f"attachment; filename*=UTF-8''{quote(name)}")  # safe: PW759
            self.end_headers()
            self.wfile.write(data)
        elif route == "/mirror":
            url = self._query().get("url", [""])[0]
            with urlopen(url, timeout=10) as remote:  # expect: PW651
                data = remote.read(MAX_BODY_BYTES)  # safe: PW452
            self._send_json(200, {"bytes": len(data)})
        else:
            self.send_error(404)

    def do_POST(self):
        if self.path != "/upload":
            self.send_error(404)
            return
        length = int(self.headers.get("Content-Length", "0"))
        body = self.rfile.read(length)  # expect: PW452
        name = os.path.basename(self.headers.get("X-Label-Name", "label.pdf"))
        with open(os.path.join(UPLOAD_DIR, name), "wb") as out:  # safe: PW451
            out.write(body)
        self._send_json(201, {"stored": name})

    def do_PUT(self):
        length = int(self.headers.get("Content-Length", "0"))
        if length < 0 or length > MAX_BODY_BYTES:
            self.send_error(413)
            return
        body = self.rfile.read(length)  # safe: PW452
        target = os.path.join(UPLOAD_DIR, unquote(self.path).lstrip("/"))
        with open(target, "wb") as out:  # expect: PW451
            out.write(body)
        self._send_json(201, {"stored": os.path.basename(target)})


if __name__ == "__main__":
    ThreadingHTTPServer(("0.0.0.0", 8081), PrinterFileHandler).serve_forever()
