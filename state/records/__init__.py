"""The journal's records and the rules about them, with no files, no store and no UI.

- ``model``: the records (check-in, thought record, plan item, review, schedule) as frozen dataclasses;
- ``errors``, ``text``, ``strict``, ``day_names``: what a refusal says (and the fields a save met in conflict),
  user text kept as data, the strict reader of stored values, weekday and month names in fixed English;
- ``convert``: records to the documents the journal file holds (``Doc``), and back;
- ``days``, ``week``, ``calendar``: when a day starts, the week and the month as shown;
- ``schedule``: the spaced-revisit scheduler (pure functions);
- ``checkin_form``, ``reframes``, ``reframe_editing``, ``selfcheck``, ``settings``, ``practice_rows``,
  ``safety_plan``: the rules of each kind of record and form;
- ``insights``: what the person did, counted;
- ``field_words``, ``export_words``: how a record's fields are said in words.

It imports nothing from the rest of ``state`` and never Textual; it may import ``content``
(the library: ``selfcheck``, ``practice_rows``, ``field_words``, ``export_words``, ``safety_plan``). ``calendar``
and ``insights`` read a journal through the ``reading.JournalReader`` protocol, not the store.
"""
