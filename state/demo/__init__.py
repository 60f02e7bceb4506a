"""The made-up journals of the demo and the benchmarks: ``sample`` writes years of use, ``sample_stories``
the words of one person's thought records and days.

It may import everything else in ``state``, and ``content`` (the library ``sample`` draws on); nothing
imports it but the command line and the tests.
"""
