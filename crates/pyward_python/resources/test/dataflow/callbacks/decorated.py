import functools
import os
import sys


def log_calls(func):
    @functools.wraps(func)
    def wrapper(*args, **kwargs):
        print("calling", func.__name__)
        return func(*args, **kwargs)

    return wrapper


def retry(times):
    def decorate(func):
        def wrapper(*args, **kwargs):
            for _ in range(times):
                try:
                    return func(*args, **kwargs)
                except OSError:
                    pass
            return None

        return wrapper

    return decorate


@log_calls
def run(cmd):
    os.system(cmd)


@retry(3)
def run_again(cmd):
    os.system(cmd)


@log_calls
def list_files(cmd):
    os.system("ls")


# A decorated function is analysed as written: its decorator is taken to call it with what it gets.
run(sys.argv[1])  # expect: PW351
run_again(sys.argv[1])  # expect: PW351
list_files(sys.argv[1])  # safe: PW351
