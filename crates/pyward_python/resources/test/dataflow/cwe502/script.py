import json
import pickle
import socket
import sys

sock = socket.socket()
data = sock.recv(4096)
message = pickle.loads(data)  # expect: PW251


def read_message(connection):
    return pickle.loads(connection.recv(65536))  # expect: PW251


def read_settings(connection):
    return json.loads(connection.recv(65536))  # safe: PW251
from urllib.request import urlopen

payload = urlopen("https://example.com/state").read()
pickle.loads(payload)  # expect: PW251
with open(sys.argv[1], "rb") as handle:
    pickle.load(handle)  # safe: PW251
with open("/etc/app/cache.pkl", "rb") as handle:
    pickle.load(handle)  # safe: PW251
