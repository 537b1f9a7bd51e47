"""One scene per module: title, sign-in, picker, briefing, encounter, debrief, leaderboard,
settings."""
