import alpha


def relay():
    return alpha.read_command()


def fixed():
    return "uptime"
