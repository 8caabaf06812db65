from flask import Flask, request, session

from store import Store

FORMULAS = {"double": "price * 2", "half": "price / 2"}
app = Flask(__name__)


@app.route("/goods")
def goods():
    store = Store("shop.db")
    rows = store.find(request.args["name"])  # expect: PW751
    rows += store.find_safely(request.args["name"])
    return {"rows": rows}


@app.route("/price")
def price():
    formula = FORMULAS.get(request.args["formula"], "price")
    return {"price": eval(formula, {"price": 10})}  # safe: PW151


@app.route("/echo")
def echo():
    return request.args["text"], 200  # expect: PW752


@app.route("/login", methods=["POST"])
def login():
    store = Store("shop.db")
    row = store.conn.execute("SELECT id FROM users WHERE name = ?", (request.form["user"],)).fetchone()
    session["uid"] = row[0]  # safe: PW757
    return "ok"
