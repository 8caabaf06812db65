import os
import shlex
import subprocess


class Runner:
    def run(self, command):
        os.system(command)

    def run_quoted(self, command):
        os.system("echo " + shlex.quote(command))


class Base:
    def fetch(self, name):
        return open(name).read()
