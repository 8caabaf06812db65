import os
import subprocess

from fastapi import FastAPI

app = FastAPI()
PROGRAMS = ["ls", "date"]


@app.get("/run/{program}")
async def run(program: str, arg: str = ""):
    subprocess.call([program, arg])  # expect: PW351
    if program not in PROGRAMS:
        return {"error": "unknown"}
    subprocess.call([program, arg])  # safe: PW351
    return {"ok": True}


@app.post("/shell")
def shell(cmd: str):
    stream = os.popen(cmd)  # expect: PW351
    if False:
        os.popen(cmd)  # safe: PW351
    return {"out": stream.read()}
