"""A tiny upload service with the mistakes the seed talks warn about."""
import os
import pickle
import subprocess
import tarfile
import tempfile

import yaml
from flask import Flask, request

app = Flask(__name__)


@app.route("/calc")
def calc():
    # The talk's "REALLY DANGEROUS" example: eval of whatever arrives.
    return str(eval(request.args["expr"]))


@app.route("/session", methods=["POST"])
def load_session():
    return repr(pickle.loads(request.get_data()))


@app.route("/config", methods=["POST"])
def load_config():
    return repr(yaml.load(request.get_data()))


@app.route("/safe-config", methods=["POST"])
def load_safe_config():
    return repr(yaml.safe_load(request.get_data()))


@app.route("/ping")
def ping():
    host = request.args.get("host", "localhost")
    return subprocess.check_output("ping -c 1 " + host, shell=True)


@app.route("/ping-safely")
def ping_safely():
    host = request.args.get("host", "localhost")
    return subprocess.check_output(["ping", "-c", "1", host])


@app.route("/upload", methods=["POST"])
def upload():
    path = tempfile.mktemp(suffix=".tar")
    request.files["archive"].save(path)
    with tarfile.open(path) as archive:
        archive.extractall("/srv/uploads")
    os.system("chown -R www-data /srv/uploads")
    return "ok"
