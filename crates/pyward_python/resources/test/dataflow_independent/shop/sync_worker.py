"""Receives stock updates from the warehouse scanners over TCP.

Two frame formats are accepted: the old handheld scanners (v1) send an ASCII
length line followed by a pickled dict; current scanners (v2) send a 4-byte
big-endian length followed by JSON.
"""
import json
import logging
import pickle
import socket
import struct
import subprocess

from inv_config import MAX_MESSAGE_BYTES
from inv_db import ItemRepository, connect
from inv_shell import print_label

log = logging.getLogger("inventory.sync")
LEGACY_MARKER = b"L"


def read_legacy_frame(sock):
    length = int(sock.recv(16).strip())  # safe: PW452
    payload = sock.recv(length)  # expect: PW452
    return pickle.loads(payload)  # expect: PW251


def read_frame(sock):
    header = sock.recv(4)  # safe: PW452
    if len(header) < 4:
        raise ValueError("truncated header")
    (length,) = struct.unpack("!I", header)
    if length > MAX_MESSAGE_BYTES:
        raise ValueError("frame too large")
    payload = sock.recv(length)  # safe: PW452
    return json.loads(payload)  # safe: PW251


def serve(host="0.0.0.0", port=9300):
    conn = connect()
    repo = ItemRepository(conn)
    with socket.create_server((host, port)) as server:
        while True:
            client, address = server.accept()
            with client:
                try:
                    marker = client.recv(1)  # safe: PW452
                    if marker == LEGACY_MARKER:
                        update = read_legacy_frame(client)
                    else:
                        update = read_frame(client)
                except (ValueError, pickle.UnpicklingError):
                    log.warning("dropped malformed frame from %s", address[0])  # safe: PW758
                    continue

                sku = update["sku"]
                quantity = update["quantity"]
                if update.get("mode") == "set":
                    conn.execute(f"UPDATE items SET quantity = {quantity} WHERE sku = '{sku}'")  # expect: PW751
                else:
                    conn.execute("UPDATE items SET quantity = quantity + ? WHERE sku = ?", (int(quantity), sku))  # safe: PW751
                conn.commit()

                if update.get("discontinued"):
                    repo.delete_where({"sku": sku})  # expect: PW751

                if update.get("print_label"):
                    printer = update.get("printer", "warehouse-1")
                    label_file = f"/var/spool/labels/{sku}.pdf"
                    if update.get("urgent"):
                        subprocess.run(f"lp -d {printer} -o job-priority=100 {label_file}", shell=True)  # expect: PW351
                    else:
                        print_label(printer, label_file)  # safe: PW351


if __name__ == "__main__":
    logging.basicConfig(level=logging.INFO)
    serve()
