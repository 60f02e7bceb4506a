"""Persistence and time for rootwork: the store over TinyDB, the scheduler, day
arithmetic, exports and backups. Never imports Textual."""
