from urllib.parse import quote, urlparse
from urllib.request import urlopen

import requests
from flask import Flask, abort, request

app = Flask(__name__)
ALLOWED_HOSTS = {"api.example.com"}


def fetch(url):
    return requests.get(url, timeout=5).text


@app.route("/proxy")
def proxy():
    url = request.args["url"]
    requests.get(url, timeout=5)  # expect: PW651
    fetch(request.args["u"])  # expect: PW651
    urlopen(url)  # expect: PW651
    requests.get("https://api.example.com/items/" + quote(request.args["id"]), timeout=5)  # safe: PW651
    return "ok"


@app.route("/checked")
def checked():
    url = request.args["url"]
    if urlparse(url).hostname not in ALLOWED_HOSTS:
        abort(400)
    return str(requests.get(url, timeout=5).status_code)  # safe: PW651


@app.route("/fixed")
def fixed():
    url = request.args["url"]
    if False:
        requests.post(url, timeout=5)  # safe: PW651
    return requests.get("https://api.example.com/", timeout=5).text  # safe: PW651
