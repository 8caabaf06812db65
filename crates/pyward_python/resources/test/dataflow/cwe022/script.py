import sys

# The user running a script may open any file they name: not a traversal.
with open(sys.argv[1]) as handle:  # safe: PW451
    print(handle.read())
