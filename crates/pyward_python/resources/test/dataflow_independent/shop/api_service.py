"""Public JSON API of the inventory service (FastAPI)."""
import html
import os
import re
from typing import Optional
from urllib.parse import urlparse

import httpx
from fastapi import Depends, FastAPI, File, HTTPException, Query, UploadFile
from fastapi.responses import FileResponse, HTMLResponse
from lxml import etree
from pydantic import BaseModel

from inv_config import DIAGNOSTIC_TOOLS, DOCS_DIR, IMAGE_HOSTS, UPLOAD_DIR
from inv_db import connect, list_items
from inv_documents import default_report_template, render_report
from inv_shell import disk_usage, ping_host, run_tool

app = FastAPI(title="Inventory API")


class ReportRequest(BaseModel):
    title: str = "Stock report"
    template: Optional[str] = None


def get_db():
    conn = connect()
    try:
        yield conn
    finally:
        conn.close()


# --- items ----------------------------------------------------------------


@app.get("/items/filter")
def filter_items(pattern: str, db=Depends(get_db)):
    names = [item["name"] for item in list_items(db)]
    matcher = re.compile(pattern, re.IGNORECASE)  # expect: PW760
    return {"matches": [name for name in names if matcher.search(name)]}


@app.get("/items/find")
def find_items(text: str, db=Depends(get_db)):
    names = [item["name"] for item in list_items(db)]
    matcher = re.compile(re.escape(text), re.IGNORECASE)  # safe: PW760
    return {"matches": [name for name in names if matcher.search(name)]}


@app.get("/stocktake/sheet")
def stocktake_sheet(lines: int = 50):
    return {"lines": [{"line": n + 1, "sku": "", "counted": None} for n in range(lines)]}  # expect: PW452


@app.get("/stocktake/preview")
def stocktake_preview(lines: int = Query(20, ge=1, le=500)):
    return {"lines": [{"line": n + 1, "sku": "", "counted": None} for n in range(lines)]}  # safe: PW452


# --- widgets embedded in the shop pages -----------------------------------


@app.get("/widgets/stock-badge", response_class=HTMLResponse)
def stock_badge(sku: str, label: str = "In stock"):
    return HTMLResponse(f"<span class='badge' data-sku='{html.escape(sku)}'>{label}</span>")  # expect: PW752


@app.get("/widgets/price-tag", response_class=HTMLResponse)
def price_tag(sku: str, currency: str = "EUR"):
    return HTMLResponse(f"<span class='price' data-sku='{html.escape(sku)}'>{html.escape(currency)}</span>")  # safe: PW752


@app.get("/images/proxy")
async def proxy_image(url: str):
    async with httpx.AsyncClient(timeout=5) as client:
        response = await client.get(url)  # expect: PW651
    return {"status": response.status_code, "size": len(response.content)}


@app.get("/images/check")
def check_image(url: str):
    if urlparse(url).hostname not in IMAGE_HOSTS:
        raise HTTPException(status_code=400, detail="image host not allowed")
    response = httpx.head(url, timeout=5)  # safe: PW651
    return {"status": response.status_code}


# --- reports and manuals --------------------------------------------------


@app.post("/reports/preview")
def preview_report(req: ReportRequest, db=Depends(get_db)):
    context = {"title": req.title, "items": list_items(db)}
    if req.template:
        body = render_report(req.template, context)  # expect: PW753
    else:
        body = render_report(default_report_template(), context)  # safe: PW753
    return {"html": body}


@app.get("/manuals/file")
def manual_file(name: str):
    return FileResponse(os.path.join(DOCS_DIR, name))  # expect: PW451


@app.get("/manuals/page")
def manual_page(name: str):
    return FileResponse(os.path.join(DOCS_DIR, os.path.basename(name)))  # safe: PW451


# --- supplier feeds -------------------------------------------------------


@app.post("/suppliers/feed")
async def upload_feed(feed: UploadFile = File(...)):
    data = await feed.read()
    parser = etree.XMLParser(resolve_entities=True, no_network=False)
    root = etree.fromstring(data, parser=parser)  # expect: PW252
    return {"items": sum(1 for _ in root.iter("item"))}


@app.post("/suppliers/feed/validate")
async def validate_feed(feed: UploadFile = File(...)):
    data = await feed.read()
    parser = etree.XMLParser(resolve_entities=False, no_network=True, load_dtd=False)
    root = etree.fromstring(data, parser=parser)  # safe: PW252
    return {"items": sum(1 for _ in root.iter("item"))}


# --- diagnostics ----------------------------------------------------------


@app.get("/diagnostics/version")
def tool_version(tool: str):
    return {"tool": tool, "version": run_tool(tool, "--version")}  # expect: PW351


@app.get("/diagnostics/installed")
def installed_version(tool: str):
    if tool not in DIAGNOSTIC_TOOLS:
        raise HTTPException(status_code=404, detail="unknown tool")
    return {"tool": tool, "version": run_tool(tool, "--version")}  # safe: PW351


@app.get("/diagnostics/ping")
def ping(host: str):
    return {"host": host, "reachable": ping_host(host)}  # safe: PW351


@app.get("/diagnostics/disk")
def disk(path: str = UPLOAD_DIR):
    path = UPLOAD_DIR  # the parameter is kept for old clients but no longer honoured
    return {"path": path, "usage": disk_usage(path)}  # safe: PW351
