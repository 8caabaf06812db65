from runners import Runner


class NightlyJob(Runner):
    """Inherits `run` and `run_quoted` from another module."""

    schedule = "0 3 * * *"


class WeeklyJob(NightlyJob):
    """Two modules away from the methods it inherits."""

    schedule = "0 3 * * 0"
