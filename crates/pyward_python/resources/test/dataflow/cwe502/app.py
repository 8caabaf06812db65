import base64
import hmac
import marshal
import pickle

import yaml
from flask import Flask, request

app = Flask(__name__)


@app.route("/state")
def state():
    blob = base64.b64decode(request.cookies["state"])
    obj = pickle.loads(blob)  # expect: PW251
    config = yaml.load(request.data, Loader=yaml.Loader)  # expect: PW251
    settings = yaml.load(request.data, Loader=yaml.SafeLoader)  # safe: PW251
    settings2 = yaml.safe_load(request.data)  # safe: PW251
    return str((obj, config, settings, settings2))


def load_code(data):
    return marshal.loads(data)


@app.route("/code", methods=["POST"])
def code():
    load_code(request.get_data())  # expect: PW251
    blob = request.get_data()
    blob = pickle.dumps({"a": 1})
    pickle.loads(blob)  # safe: PW251
    return "ok"
