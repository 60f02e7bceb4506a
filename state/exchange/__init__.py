"""The journal going out: exports as JSON, markdown and an ics calendar.

It may import ``state.records`` only; what is exported is handed to it.
"""
