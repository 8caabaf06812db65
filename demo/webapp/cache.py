import shelve
import marshal
from multiprocessing.connection import Listener


def open_cache(path):
    return shelve.open(path)


def read_compiled(blob):
    return marshal.loads(blob)


def serve_workers():
    # Connections exchange pickles; without authkey anyone can send one.
    return Listener(("0.0.0.0", 6000))


def serve_workers_safely(secret):
    return Listener(("127.0.0.1", 6000), authkey=secret)
