import ctypes
import time

from flask import Flask, abort, request

app = Flask(__name__)
LIMIT = 1024


@app.route("/alloc")
def alloc():
    size = int(request.args["size"])
    buffer = bytearray(size)  # expect: PW452
    array = (ctypes.c_char * size)()  # expect: PW452
    padding = "A" * size  # expect: PW452
    stamp = time.gmtime(size)  # expect: PW452
    for _ in range(size):  # expect: PW452
        pass
    request.stream.read(size)  # expect: PW452
    return str((buffer, array, padding, stamp))


@app.route("/bounded")
def bounded():
    size = int(request.args["size"])
    if size > LIMIT or size < 0:
        abort(400)
    bytearray(size)  # safe: PW452
    count = min(int(request.args["count"]), LIMIT)
    "A" * count  # safe: PW452
    time.gmtime(0)  # safe: PW452
    return "ok"


def handle(sock):
    length = int(sock.recv(8))
    return sock.recv(length)  # expect: PW452


def handle_bounded(sock):
    length = min(int(sock.recv(8)), LIMIT)
    return sock.recv(length)  # safe: PW452
