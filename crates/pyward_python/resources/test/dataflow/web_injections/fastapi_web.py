from fastapi import FastAPI
from fastapi.responses import HTMLResponse, RedirectResponse

app = FastAPI()


@app.get("/page")
def page(title: str):
    return HTMLResponse("<title>" + title + "</title>")  # expect: PW752


@app.get("/json")
def data(title: str):
    return {"title": title}  # safe: PW752


@app.get("/out")
def out(url: str):
    return RedirectResponse(url)  # expect: PW754


@app.get("/home")
def home(url: str):
    url = "/"
    return RedirectResponse(url)  # safe: PW754
