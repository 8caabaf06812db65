from app.layer_two import second


def third():
    text = second()
    return text
