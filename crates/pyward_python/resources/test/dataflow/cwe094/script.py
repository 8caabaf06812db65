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
