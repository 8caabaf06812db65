import sqlite3
import sys

from flask import Flask, request

from runners import Runner

app = Flask(__name__)


class Deployer(Runner):
    def deploy(self, target):
        self.run("deploy " + target)


class QuietDeployer(Deployer):
    def deploy(self, target):
        self.run_quoted(target)


class Local:
    def execute(self, code):
        eval(code)


class Child(Local):
    pass


class Grandchild(Child):
    pass


class Service:
    def __init__(self, path):
        self.runner = Runner()
        self.db = sqlite3.connect(path)
        self.helper = None

    def handle(self, cmd):
        self.runner.run(cmd)

    def handle_quoted(self, cmd):
        self.runner.run_quoted(cmd)

    def lookup(self, name):
        return self.db.execute("SELECT * FROM items WHERE name = '%s'" % name).fetchall()


@app.route("/service")
def service():
    Service("app.db").handle(request.args["cmd"])  # expect: PW351
    Service("app.db").handle_quoted(request.args["cmd"])  # safe: PW351
    Service("app.db").lookup(request.args["name"])  # expect: PW751
    return "ok"


@app.route("/deploy")
def deploy():
    Deployer().deploy(request.args["target"])  # expect: PW351
    Deployer().run(request.args["cmd"])  # expect: PW351
    QuietDeployer().deploy(request.args["target"])  # safe: PW351
    Grandchild().execute(request.args["code"])  # expect: PW151
    Grandchild().execute(request.args["query"])  # expect: PW151
    Grandchild().execute("1 + 1")  # safe: PW151
    return "ok"


if __name__ == "__main__":
    Child().execute(sys.argv[1])  # expect: PW151
