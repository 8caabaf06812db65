import sys

from jobs import NightlyJob, WeeklyJob

# A third module calls methods the classes of `jobs` inherit from `runners`.
NightlyJob().run(sys.argv[1])  # expect: PW351
NightlyJob().run_quoted(sys.argv[1])  # safe: PW351
WeeklyJob().run(sys.argv[2])  # expect: PW351
WeeklyJob().run("uptime")  # safe: PW351
