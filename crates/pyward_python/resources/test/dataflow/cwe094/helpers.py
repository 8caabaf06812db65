def evaluate(text):
    return eval(text)


def literal(value):
    return "0"
