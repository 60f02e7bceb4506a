"""The journal going out: exports as JSON, markdown and an ics calendar, and the safety plan written out.

It may import ``state.records`` and ``content`` (the library, for the names of causes and practices:
``export``, ``export_ics``; the plan's parts: ``safety_plan_text``), no other folder of ``state``;
what is exported is handed to it.
"""
