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
