import os

import gamma


def run_relayed():
    os.system(gamma.relay())  # expect: PW351


def run_checked():
    os.system(gamma.fixed())  # safe: PW351
