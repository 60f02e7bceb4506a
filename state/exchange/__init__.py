"""The journal going out: exports as JSON, markdown and an ics calendar.

It may import ``state.records`` and ``content`` (the library, for the names of causes and practices:
``export``, ``export_ics``), no other folder of ``state``; what is exported is handed to it.
"""
