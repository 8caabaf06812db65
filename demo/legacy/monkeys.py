# Python 2: the talk's input() example. Typing `Secret` prints the secret.
Secret = "A SECRET DATA"
Public = "a COCONUT"
value = input("Please enter your age ")
print "There are",value,
print "monkeys looking for",Public
