"""The Textual app for rootwork."""
