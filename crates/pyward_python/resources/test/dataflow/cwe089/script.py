import sqlite3
import sys

conn = sqlite3.connect("x.db")
table = sys.argv[1]
conn.execute("DROP TABLE " + table)  # expect: PW751
for line in sys.stdin:
    conn.execute("INSERT INTO log VALUES ('" + line + "')")  # expect: PW751
    conn.execute("INSERT INTO log VALUES (?)", (line,))  # safe: PW751
