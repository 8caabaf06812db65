"""Database access for the inventory service (SQLite)."""
import sqlite3

from werkzeug.security import check_password_hash

from inv_config import DATABASE_PATH, SORT_COLUMNS


def connect():
    conn = sqlite3.connect(DATABASE_PATH)
    conn.row_factory = sqlite3.Row
    return conn


def build_search_query(term, sort_key="name"):
    """SQL text for the item search box."""
    column = SORT_COLUMNS.get(sort_key, "name")
    return f"SELECT id, sku, name, quantity FROM items WHERE name LIKE '%{term}%' ORDER BY {column}"


def fetch_item(conn, item_id):
    cursor = conn.execute("SELECT * FROM items WHERE id = ?", (item_id,))
    return cursor.fetchone()


def list_items(conn):
    cursor = conn.execute("SELECT sku, name, quantity FROM items ORDER BY sku")
    return [dict(row) for row in cursor.fetchall()]


def check_credentials(conn, username, password):
    """Return the user's id when the password matches, else None."""
    row = conn.execute("SELECT id, password_hash FROM users WHERE username = ?", (username,)).fetchone()
    if row is None or not check_password_hash(row["password_hash"], password):
        return None
    return row["id"]


class ItemRepository:
    def __init__(self, conn):
        self.conn = conn

    def by_category(self, category):
        sql = "SELECT id, sku, name FROM items WHERE category = '" + category + "' ORDER BY name"
        return self.conn.execute(sql).fetchall()

    def by_supplier(self, supplier_id):
        sql = "SELECT id, sku, name FROM items WHERE supplier_id = ? ORDER BY name"
        return self.conn.execute(sql, (supplier_id,)).fetchall()

    def adjust_stock(self, item_id, delta):
        self.conn.execute("UPDATE items SET quantity = quantity + %d WHERE id = %d" % (int(delta), int(item_id)))
        self.conn.commit()

    def delete_where(self, clauses):
        """Delete the items matching every `column = value` pair in `clauses`."""
        conditions = " AND ".join(f"{column} = '{value}'" for column, value in clauses.items())
        self.conn.execute(f"DELETE FROM items WHERE {conditions}")
        self.conn.commit()
