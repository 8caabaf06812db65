import re

from flask import Flask, request

app = Flask(__name__)


def matches(pattern, text):
    return re.search(pattern, text) is not None


@app.route("/search")
def search():
    q = request.args["q"]
    re.compile(q)  # expect: PW760
    matches(request.args["p"], "haystack")  # expect: PW760
    re.search(re.escape(q), "haystack")  # safe: PW760
    re.search(r"^[a-z]+$", q)  # safe: PW760
    return "ok"
