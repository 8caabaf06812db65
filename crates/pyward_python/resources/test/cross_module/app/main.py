import pickle
import sys

from app.shell import run

run(sys.argv[1])
state = pickle.loads(open("state.bin", "rb").read())
run("date")  # noqa: PW351
