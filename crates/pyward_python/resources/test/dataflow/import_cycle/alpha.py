"""Three modules that import each other in a ring: alpha -> beta -> gamma -> alpha.

The first pass analyses gamma before alpha, so gamma learns what
`alpha.read_command` returns only when it is analysed again; beta, which
calls gamma, learns it one round later still.
"""
import beta


def read_command():
    return input("command: ")


def announce():
    beta.run_checked()
