import sys


def compute(argument):
    program = compile(argument, "<arg>", "eval")
    return program


compute(sys.argv[1])  # expect: PW151
print(eval(input("expression? ")))  # expect: PW151
value = sys.argv[1]
if value.isdigit():
    print(eval(value))  # safe: PW151
print(eval(str(int(sys.argv[2]))))  # safe: PW151


def load_plugin(name=None):
    # It learns that `name` reaches `__import__` only from its own first run.
    if name:
        return __import__(name)
    return load_plugin(name=input("plugin? "))  # expect: PW151


def pick_loader(names):
    # Calls a helper defined further down, twice: the last definition is the one that runs.
    for name in names:
        return _import_named(name)


def run_loader():
    return pick_loader(sys.argv[1:])  # expect: PW151


def import_quietly(name):
    return __import__(name)


if sys.platform == "java":

    def _import_named(name):
        return len(name)

else:

    def _import_named(name):
        return import_quietly(name)


if sys.platform == "win32":

    def _load_default():
        return __import__("json")

else:

    def _load_default():
        return len(sys.argv)


def load_default(unused):
    return _load_default()


load_default(sys.argv[1])  # safe: PW151
