import os
import pathlib
import shutil
from http.server import BaseHTTPRequestHandler

ROOT = pathlib.Path("/srv/www")


def target_of(name):
    return ROOT / name


def wipe(path):
    shutil.rmtree(path)


class Handler(BaseHTTPRequestHandler):
    def do_GET(self):
        with open("/srv/www" + self.path, "rb") as page:  # expect: PW451
            self.wfile.write(page.read())
        name = os.path.basename(self.path)
        with open(os.path.join("/srv/www", name), "rb") as page:  # safe: PW451
            self.wfile.write(page.read())

    def do_DELETE(self):
        wipe(self.path)  # expect: PW451
        target_of(self.headers["X-Name"]).write_text("x")  # expect: PW451
        if ".." in self.path:
            return
        os.remove("/srv/www" + self.path)  # safe: PW451
