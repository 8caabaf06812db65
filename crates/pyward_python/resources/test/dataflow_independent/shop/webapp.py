"""Inventory back-office web application (Flask)."""
import base64
import binascii
import html
import json
import logging
import os
import pickle
from urllib.parse import quote

import requests
from defusedxml import ElementTree as SafeElementTree
from flask import Flask, abort, jsonify, redirect, render_template, render_template_string, request, send_file, session, url_for
from lxml import etree

from inv_config import (
    ALLOWED_REDIRECTS,
    CONVERTERS,
    EXPORT_DIR,
    MAX_PAGE_SIZE,
    PARTNER_APIS,
    PRICING_RULES,
    SUPPORTED_LANGUAGES,
    UPLOAD_DIR,
    VOLUMES,
)
from inv_db import ItemRepository, build_search_query, check_credentials, connect, fetch_item, list_items
from inv_documents import delete_upload, read_export, resolve_inside, upload_path
from inv_shell import archive_directory, convert_document, disk_usage

app = Flask(__name__)
app.config.from_envvar("INVENTORY_SETTINGS", silent=True)
log = logging.getLogger("inventory.web")

REPORT_PAGE = "<h1>{{ title }}</h1><p>{{ items|length }} items</p>"


@app.route("/")
def index():
    return render_template("index.html")


# --- accounts -------------------------------------------------------------


@app.route("/login", methods=["POST"])
def login():
    username = request.form.get("username", "")
    password = request.form.get("password", "")
    next_page = request.args.get("next") or "/"
    with connect() as conn:
        user_id = check_credentials(conn, username, password)  # safe: PW751
    if user_id is None:
        log.warning(f"failed login for user {username}")  # expect: PW758
        return jsonify(error="invalid credentials"), 401
    session["user_id"] = user_id  # safe: PW757
    return redirect(next_page)  # expect: PW754


@app.route("/logout")
def logout():
    session.clear()
    target = request.args.get("next", "/")
    if target not in ALLOWED_REDIRECTS:
        target = "/"
    return redirect(target)  # safe: PW754


@app.route("/preferences", methods=["POST"])
def preferences():
    language = request.form.get("language", "en")
    if language not in SUPPORTED_LANGUAGES:
        language = "en"
    session["language"] = language  # safe: PW757
    return jsonify(language=language)


@app.route("/view-as", methods=["POST"])
def view_as():
    """Lets support staff preview the UI as another role."""
    role = request.form.get("role", "viewer")
    session["role"] = role  # expect: PW757
    return redirect(url_for("index"))  # safe: PW754


# --- items ----------------------------------------------------------------


@app.route("/items/search")
def search_items():
    term = request.args.get("q", "").strip()
    sort = request.args.get("sort", "name")
    if not term:
        return jsonify(items=[])
    log.info("item search, %d characters", len(term))  # safe: PW758
    with connect() as conn:
        rows = conn.execute(build_search_query(term, sort)).fetchall()  # expect: PW751
    return jsonify(items=[dict(row) for row in rows])


@app.route("/items/<int:item_id>")
def item_detail(item_id):
    with connect() as conn:
        item = fetch_item(conn, item_id)  # safe: PW751
    if item is None:
        abort(404)
    return jsonify(dict(item))


@app.route("/items/lookup")
def lookup_page():
    sku = request.args.get("sku", "")
    with connect() as conn:
        row = conn.execute("SELECT name, quantity FROM items WHERE sku = ?", (sku,)).fetchone()  # safe: PW751
    if row is None:
        return f"<p>No item with SKU <code>{sku}</code>.</p>", 404  # expect: PW752
    return render_template("item.html", item=row)


@app.route("/suppliers/<code>")
def supplier_page(code):
    return f"<h2>Supplier {html.escape(code)}</h2><p>The supplier catalogue is not available yet.</p>"  # safe: PW752


@app.route("/categories/<name>")
def category(name):
    supplier = request.args.get("supplier")
    with connect() as conn:
        repo = ItemRepository(conn)
        if supplier:
            items = repo.by_supplier(supplier)  # safe: PW751
        else:
            items = repo.by_category(name)  # expect: PW751
    return jsonify(items=[dict(item) for item in items])


@app.route("/items/<item_id>/stock", methods=["POST"])
def adjust_stock(item_id):
    payload = request.get_json(silent=True) or {}
    try:
        delta = int(payload["delta"])
    except (KeyError, TypeError, ValueError):
        abort(400)
    with connect() as conn:
        ItemRepository(conn).adjust_stock(item_id, delta)  # safe: PW751
    return jsonify(ok=True)


@app.route("/items/<sku>/labels")
def item_labels(sku):
    copies = int(request.args.get("copies", 1))
    sheet = [f"{sku}-{n:04d}" for n in range(copies)]  # expect: PW452
    return jsonify(labels=sheet)


@app.route("/items/<sku>/labels/preview")
def label_preview(sku):
    copies = int(request.args.get("copies", 1))
    if copies < 1 or copies > MAX_PAGE_SIZE:
        return jsonify(error=f"copies must be between 1 and {MAX_PAGE_SIZE}"), 400
    sheet = [f"{sku}-{n:04d}" for n in range(copies)]  # safe: PW452
    return jsonify(labels=sheet[:3], total=len(sheet))


# --- pricing --------------------------------------------------------------


@app.route("/items/<int:item_id>/price")
def item_price(item_id):
    rule = request.args.get("rule", "retail")
    formula = PRICING_RULES.get(rule)
    if formula is None:
        abort(400)
    with connect() as conn:
        item = fetch_item(conn, item_id)  # safe: PW751
    if item is None:
        abort(404)
    price = eval(formula, {"__builtins__": {}}, {"cost": float(item["cost"]), "max": max})  # safe: PW151
    return jsonify(price=round(price, 2))


@app.route("/pricing/try", methods=["POST"])
def try_formula():
    formula = request.form["formula"]
    cost = float(request.form.get("cost", "1"))
    price = eval(formula, {"__builtins__": {}}, {"cost": cost, "max": max})  # expect: PW151
    return jsonify(price=price)


@app.route("/pricing/custom", methods=["POST"])
def custom_pricing():
    formula = request.form.get("formula", "")
    cost = float(request.form.get("cost", "1"))
    if False:  # custom formulas stay disabled until the sandbox review (SEC-212) is done
        return jsonify(price=eval(formula, {"__builtins__": {}}, {"cost": cost}))  # safe: PW151
    return jsonify(price=round(cost * 1.35, 2))


# --- uploads and exports --------------------------------------------------


@app.route("/uploads", methods=["POST"])
def upload():
    document = request.files.get("document")
    if document is None or not document.filename:
        return jsonify(error="no file"), 400
    destination = upload_path(document.filename)
    document.save(destination)  # safe: PW451
    return jsonify(stored=os.path.basename(destination)), 201


@app.route("/uploads/raw", methods=["PUT"])
def upload_raw():
    name = request.headers.get("X-Filename", "upload.bin")
    with open(os.path.join(UPLOAD_DIR, name), "wb") as out:  # expect: PW451
        out.write(request.get_data())
    return jsonify(stored=True), 201


@app.route("/uploads/delete", methods=["POST"])
def remove_uploads():
    names = request.form.getlist("name")
    removed = 0
    for name in names:
        try:
            delete_upload(name)  # expect: PW451
        except FileNotFoundError:
            continue
        removed += 1
    return jsonify(deleted=removed)


@app.route("/uploads/cleanup", methods=["POST"])
def cleanup_uploads():
    stale = request.get_json(silent=True) or []
    for name in stale:
        try:
            delete_upload(os.path.basename(name))  # safe: PW451
        except OSError:
            log.exception("cleanup failed")  # safe: PW758
    return jsonify(ok=True)


@app.route("/uploads/<name>/convert", methods=["POST"])
def convert_upload(name):
    fmt = request.form.get("format", "pdf")
    if fmt not in CONVERTERS:
        abort(400)
    output = convert_document(os.path.join(UPLOAD_DIR, name), fmt)  # expect: PW351
    return jsonify(log=output)


@app.route("/exports/download")
def download_export():
    name = request.args.get("file", "")
    path = resolve_inside(EXPORT_DIR, name)
    if path is None:
        abort(404)
    return send_file(path, as_attachment=True)  # safe: PW451


@app.route("/exports/preview")
def preview_export():
    name = request.args.get("file", "")
    try:
        content = read_export(name)  # expect: PW451
    except OSError:
        abort(404)
    return jsonify(content=content[:2000])


# --- administration -------------------------------------------------------


@app.route("/admin/archive", methods=["POST"])
def archive_volume():
    volume = request.form.get("volume", "uploads")
    if volume not in VOLUMES:
        abort(400)
    status = archive_directory(VOLUMES[volume], os.path.join(EXPORT_DIR, volume + ".tgz"))  # safe: PW351
    return jsonify(status=status)


@app.route("/admin/disk-usage")
def admin_disk_usage():
    volume = request.args.get("volume")
    if volume:
        return jsonify(size=disk_usage(VOLUMES.get(volume, UPLOAD_DIR)))  # safe: PW351
    path = request.args.get("path", UPLOAD_DIR)
    return jsonify(size=disk_usage(path))  # expect: PW351


# --- partners and integrations --------------------------------------------


@app.route("/partners/<partner>/stock/<sku>")
def partner_stock(partner, sku):
    base = PARTNER_APIS.get(partner)
    if base is None:
        abort(404)
    response = requests.get(f"{base}/stock/{quote(sku, safe='')}", timeout=5)  # safe: PW651
    response.raise_for_status()
    return jsonify(response.json())


@app.route("/webhooks/test", methods=["POST"])
def test_webhook():
    payload = request.get_json(silent=True) or {}
    target = payload.get("url", "")
    try:
        response = requests.post(target, json={"event": "ping"}, timeout=5)  # expect: PW651
    except requests.RequestException:
        return jsonify(ok=False), 502
    return jsonify(ok=response.ok, status=response.status_code)


@app.route("/cart")
def view_cart():
    raw = request.cookies.get("cart")
    if not raw:
        return jsonify(items=[])
    try:
        cart = pickle.loads(base64.urlsafe_b64decode(raw))  # expect: PW251
    except (binascii.Error, pickle.UnpicklingError):
        cart = {}
    return jsonify(items=cart.get("items", []))


@app.route("/wishlist")
def view_wishlist():
    raw = request.cookies.get("wishlist", "")
    try:
        wishlist = json.loads(base64.urlsafe_b64decode(raw) or b"[]")  # safe: PW251
    except (binascii.Error, ValueError):
        wishlist = []
    return jsonify(items=wishlist)


@app.route("/import/xml", methods=["POST"])
def import_xml():
    parser = etree.XMLParser(resolve_entities=True, load_dtd=True)
    root = etree.fromstring(request.get_data(), parser)  # expect: PW252
    skus = [node.get("sku") for node in root.iter("item")]
    return jsonify(received=len(skus))


@app.route("/import/xml/v2", methods=["POST"])
def import_xml_v2():
    root = SafeElementTree.fromstring(request.get_data())  # safe: PW252
    skus = [node.get("sku") for node in root.iter("item")]
    return jsonify(received=len(skus))


@app.route("/reports/stock")
def stock_report():
    title = request.args.get("title", "Stock report")
    with connect() as conn:
        items = list_items(conn)
    if request.args.get("layout") == "compact":
        return render_template_string("<h1>" + title + "</h1><p>{{ items|length }} items</p>", items=items)  # expect: PW753
    return render_template_string(REPORT_PAGE, title=title, items=items)  # safe: PW753


if __name__ == "__main__":
    app.run(port=8080)
