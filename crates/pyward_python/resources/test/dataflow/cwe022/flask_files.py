import os

from flask import Flask, request, send_file, send_from_directory
from werkzeug.utils import secure_filename

app = Flask(__name__)
BASE = "/srv/files"


@app.route("/read")
def read():
    name = request.args["name"]
    with open(os.path.join(BASE, name)) as handle:  # expect: PW451
        data = handle.read()
    with open(os.path.join(BASE, os.path.basename(name))) as handle:  # safe: PW451
        data += handle.read()
    return data


@app.route("/upload", methods=["POST"])
def upload():
    upload = request.files["file"]
    upload.save(os.path.join(BASE, secure_filename(upload.filename)))
    target = os.path.join(BASE, upload.filename)
    os.remove(target)  # expect: PW451
    return "ok"


@app.route("/download/<path:filename>")
def download(filename):
    full = os.path.realpath(os.path.join(BASE, filename))
    if not full.startswith(BASE + os.sep):
        return "no", 403
    return send_file(full)  # safe: PW451


@app.route("/raw/<path:filename>")
def raw(filename):
    return send_file(os.path.join(BASE, filename))  # expect: PW451


@app.route("/static/<path:filename>")
def static_files(filename):
    return send_from_directory(BASE, filename)  # safe: PW451


@app.route("/public/<path:filename>")
def public(filename):
    # A prefix is not containment: "public/../../etc/passwd" starts with it.
    if filename.startswith("public/"):
        return send_file(os.path.join(BASE, filename))  # expect: PW451
    return "no", 404
