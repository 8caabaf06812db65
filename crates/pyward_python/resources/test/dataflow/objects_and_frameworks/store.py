import sqlite3


class Store:
    def __init__(self, path):
        self.conn = sqlite3.connect(path)

    def find(self, name):
        return self.conn.execute("SELECT * FROM goods WHERE name = '%s'" % name).fetchall()

    def find_safely(self, name):
        return self.conn.execute("SELECT * FROM goods WHERE name = ?", (name,)).fetchall()
