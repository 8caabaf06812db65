import argparse
import os
import subprocess

parser = argparse.ArgumentParser()
parser.add_argument("target")
args = parser.parse_args()


def backup(target):
    command = "rsync -a %s /backup" % target
    subprocess.call(command, shell=True)


backup(args.target)  # expect: PW351
os.system("echo " + os.environ["USER"])  # expect: PW351
user = os.getenv("USER")
user = "nobody"
os.system("id " + user)  # safe: PW351
