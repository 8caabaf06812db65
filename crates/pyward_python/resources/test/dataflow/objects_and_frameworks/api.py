from fastapi import FastAPI, Query
from pydantic import BaseModel

app = FastAPI()


class Snippet(BaseModel):
    code: str = ""


@app.post("/run")
def run(req: Snippet):
    return {"result": eval(req.code)}  # expect: PW151


@app.get("/pages")
def pages(count: int = Query(10, ge=1, le=100), other: int = 5):
    bounded = list(range(count))  # safe: PW452
    unbounded = list(range(other))  # expect: PW452
    return {"bounded": bounded, "unbounded": unbounded}
