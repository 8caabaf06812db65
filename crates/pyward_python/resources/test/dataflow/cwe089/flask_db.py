import sqlite3

from flask import Flask, request
from sqlalchemy import text

app = Flask(__name__)


def get_db():
    return sqlite3.connect("app.db")


@app.route("/user")
def user():
    name = request.args["name"]
    cursor = get_db().cursor()
    cursor.execute("SELECT * FROM users WHERE name = '%s'" % name)  # expect: PW751
    cursor.execute("SELECT * FROM users WHERE name = ?", (name,))  # safe: PW751
    query = "SELECT * FROM users WHERE id = " + str(int(request.args["id"]))
    cursor.execute(query)  # safe: PW751
    return "ok"


@app.route("/search")
def search():
    term = request.form.get("q")
    statement = text("SELECT * FROM items WHERE title LIKE '%" + term + "%'")  # expect: PW751
    order = request.args.get("order")
    if order not in ("asc", "desc"):
        order = "asc"
    get_db().execute("SELECT * FROM items ORDER BY title " + order)  # safe: PW751
    return str(statement)


def find(db, column, value):
    return db.execute("SELECT * FROM t WHERE {} = {}".format(column, value))


@app.route("/find")
def find_view():
    find(get_db(), "name", request.args["v"])  # expect: PW751
    find(get_db(), "name", "constant")  # safe: PW751
    return "ok"
