"""The browser app and its HTTP API (`budgetopt serve`): a thin face on the library, as the command line is.

`serve` (what the command line calls) and `create_app` live in app.py; see its docstring for the rooms.
"""
