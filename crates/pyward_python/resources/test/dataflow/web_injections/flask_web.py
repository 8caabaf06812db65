import html
import logging

from flask import Flask, make_response, redirect, render_template, render_template_string, request, session, url_for
from jinja2 import Template
from markupsafe import Markup, escape

app = Flask(__name__)
log = logging.getLogger(__name__)
SAFE_TARGETS = {"/home", "/profile"}


@app.route("/hello")
def hello():
    name = request.args.get("name", "")
    return "<h1>Hello " + name + "</h1>"  # expect: PW752


@app.route("/hello-escaped")
def hello_escaped():
    name = request.args.get("name", "")
    return "<h1>Hello " + html.escape(name) + "</h1>"  # safe: PW752


@app.route("/card")
def card():
    bio = request.form["bio"]
    response = make_response("<p>" + bio + "</p>")  # expect: PW752
    safe = Markup("<p>%s</p>") % escape(bio)
    make_response(escape(bio))  # safe: PW752
    page = render_template("card.html", bio=bio)
    return str(response) + safe + page


@app.route("/template")
def template():
    greeting = request.args["greeting"]
    render_template_string("<p>" + greeting + "</p>")  # expect: PW753
    Template(greeting).render()  # expect: PW753
    return render_template_string("<p>{{ g }}</p>", g=greeting)  # safe: PW753


@app.route("/login")
def login():
    target = request.args.get("next", "/")
    if target in SAFE_TARGETS:
        return redirect(target)  # safe: PW754
    return redirect(target)  # expect: PW754


@app.route("/go")
def go():
    return redirect(url_for("hello"))  # safe: PW754


@app.route("/prefs")
def prefs():
    session["theme"] = request.args["theme"]  # expect: PW757
    session["visits"] = 1  # safe: PW757
    log.info("theme chosen: " + request.args["theme"])  # expect: PW758
    log.info("theme chosen: %s", "dark")  # safe: PW758
    clean = request.args["theme"].replace("\n", "").replace("\r", "")
    log.info("theme chosen: " + clean)  # safe: PW758
    resp = make_response("ok")
    resp.headers["X-Theme"] = request.args["theme"]  # expect: PW759
    resp.headers["X-Frame-Options"] = "DENY"  # safe: PW759
    return resp
