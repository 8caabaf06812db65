def read_line():
    return input("> ")
