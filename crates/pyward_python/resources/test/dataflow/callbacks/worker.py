import os
import shlex
import subprocess
import sys
import threading
from concurrent.futures import ThreadPoolExecutor


def run(command):
    os.system(command)


def run_quoted(command):
    os.system("echo " + shlex.quote(command))


def compile_and_run(source, label):
    exec(source)


class Jobs:
    def start(self, command):
        threading.Thread(target=self.execute, args=(command,)).start()

    def execute(self, command):
        subprocess.run(command, shell=True)


if __name__ == "__main__":
    command = sys.argv[1]
    threading.Thread(target=run, args=(command,)).start()  # expect: PW351
    threading.Thread(target=run_quoted, args=(command,)).start()  # safe: PW351
    threading.Thread(target=run, args=("uptime",)).start()  # safe: PW351
    threading.Timer(5.0, compile_and_run, args=[command, "job"]).start()  # expect: PW151
    threading.Timer(5.0, compile_and_run, args=["print(1)", command]).start()  # safe: PW151
    with ThreadPoolExecutor() as pool:
        pool.submit(run, command)  # expect: PW351
        pool.submit(run_quoted, command)  # safe: PW351
    list(map(run, sys.argv[2:]))  # expect: PW351
    Jobs().start(sys.argv[1])  # expect: PW351


def run_later(command, delay=0):
    os.system(command)


def announce(message, command="uptime"):
    os.system(command)


def start_everywhere():
    import asyncio
    import atexit
    import functools

    command = sys.argv[1]
    functools.partial(run, command)  # expect: PW351
    functools.partial(run_quoted, command)  # safe: PW351
    functools.partial(announce, command)  # safe: PW351
    functools.partial(announce, "hello", command=command)  # expect: PW351
    atexit.register(run_later, command, delay=1)  # expect: PW351
    loop = asyncio.get_event_loop()
    loop.run_in_executor(None, run, command)  # expect: PW351
    loop.call_soon(run_quoted, command)  # safe: PW351
    loop.call_later(3, run, command)  # expect: PW351


start_everywhere()
