from app import layer_one


def second():
    return "(" + layer_one.first() + ")"
