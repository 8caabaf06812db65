from app.reader import read_line


def first():
    return read_line().strip()
