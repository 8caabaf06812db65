"""Command-line administration for the inventory service.

    inventory-admin export --category tools --output tools.csv
    inventory-admin low-stock --threshold 5
    inventory-admin import < items.csv
"""
import argparse
import ast
import csv
import sys

import requests

from inv_config import PARTNER_APIS
from inv_db import ItemRepository, connect
from inv_shell import archive_directory, disk_usage


def parse_args(argv=None):
    parser = argparse.ArgumentParser(prog="inventory-admin")
    commands = parser.add_subparsers(dest="command", required=True)

    export = commands.add_parser("export", help="write the items of a category to CSV")
    export.add_argument("--category", required=True)
    export.add_argument("--output", default="items.csv")

    low = commands.add_parser("low-stock", help="list items below a threshold")
    low.add_argument("--threshold", default="5")

    reorder = commands.add_parser("reorder", help="set reorder levels, e.g. \"{'A-100': 10}\"")
    reorder.add_argument("levels")

    purge = commands.add_parser("purge", help="delete the items of a category")
    purge.add_argument("--category", required=True)
    purge.add_argument("--supplier")

    backup = commands.add_parser("backup")
    backup.add_argument("source")
    backup.add_argument("destination")

    usage = commands.add_parser("usage", help="disk usage of directories")
    usage.add_argument("paths", nargs="+")

    pull = commands.add_parser("pull", help="pull stock levels from a partner API")
    pull.add_argument("--endpoint", default=PARTNER_APIS["acme"] + "/stock")
    pull.add_argument("--pages", type=int, default=1)

    commands.add_parser("import", help="read sku,name,quantity rows from stdin")
    return parser.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    conn = connect()
    repo = ItemRepository(conn)

    if args.command == "export":
        query = "SELECT sku, name, quantity FROM items WHERE category = '%s' ORDER BY sku" % args.category
        rows = conn.execute(query).fetchall()  # expect: PW751
        with open(args.output, "w", newline="") as handle:  # safe: PW451
            csv.writer(handle).writerows(rows)
        print(f"wrote {len(rows)} rows to {args.output}")

    elif args.command == "low-stock":
        threshold = eval(args.threshold)  # expect: PW151
        rows = conn.execute("SELECT sku, quantity FROM items WHERE quantity < ?", (threshold,)).fetchall()  # safe: PW751
        for sku, quantity in rows:
            print(f"{sku}\t{quantity}")

    elif args.command == "reorder":
        levels = ast.literal_eval(args.levels)  # safe: PW151
        for sku, level in levels.items():
            conn.execute("UPDATE items SET reorder_level = ? WHERE sku = ?", (int(level), sku))  # safe: PW751
        conn.commit()

    elif args.command == "purge":
        clauses = {"category": args.category}
        if args.supplier:
            clauses["supplier_id"] = args.supplier
        repo.delete_where(clauses)  # expect: PW751

    elif args.command == "backup":
        return archive_directory(args.source, args.destination)  # safe: PW351

    elif args.command == "usage":
        for path in args.paths:
            print(path, disk_usage(path))  # expect: PW351

    elif args.command == "pull":
        for page in range(args.pages):  # safe: PW452
            response = requests.get(args.endpoint, params={"page": page + 1}, timeout=30)  # safe: PW651
            response.raise_for_status()
            for entry in response.json().get("items", []):
                conn.execute("UPDATE items SET quantity = ? WHERE sku = ?", (int(entry["quantity"]), entry["sku"]))  # safe: PW751
        conn.commit()

    elif args.command == "import":
        for sku, name, quantity in csv.reader(sys.stdin):
            conn.execute(f"INSERT INTO items (sku, name, quantity) VALUES ('{sku}', '{name}', {int(quantity)})")  # expect: PW751
        conn.commit()

    return 0


if __name__ == "__main__":
    sys.exit(main())
