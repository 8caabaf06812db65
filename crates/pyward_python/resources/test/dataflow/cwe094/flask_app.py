import importlib

from flask import Flask, request

from helpers import evaluate, literal

app = Flask(__name__)
ALLOWED = {"math", "json"}


@app.route("/calc")
def calc():
    expr = request.args.get("expr", "")
    return str(eval(expr))  # expect: PW151


@app.route("/exec", methods=["POST"])
def run_code():
    code = request.form["code"]
    source = "def f():\n    " + code
    exec(source)  # expect: PW151


@app.route("/module/<name>")
def load(name):
    importlib.import_module(name)  # expect: PW151
    if name in ALLOWED:
        importlib.import_module(name)  # safe: PW151
    return "ok"


@app.route("/helper")
def through_helper():
    evaluate(request.args["e"])  # expect: PW151
    evaluate(literal(request.args["e"]))  # safe: PW151
    return "ok"


@app.route("/overwritten")
def overwritten():
    expr = request.args["expr"]
    expr = "1 + 1"
    return str(eval(expr))  # safe: PW151


@app.route("/dead")
def dead():
    expr = request.args["expr"]
    if 1 == 2:
        eval(expr)  # safe: PW151
    return str(int(expr))


@app.route("/literal")
def literal_eval_only():
    import ast
    return str(ast.literal_eval(request.args["v"]))  # safe: PW151
