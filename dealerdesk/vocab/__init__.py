"""The word lists of the domain, each defined once, at the bottom, and imported upward.

One module per area (``contact.py`` for channels and outcomes, ``complaints.py``…). Each
list is an ``enum.StrEnum`` whose values are the codes stored in the database; the store
validates against it, services and dialogs build their choices from it, and the label a
person reads comes from :mod:`dealerdesk.i18n` under ``vocab.<list>.<code>``. When
outcomes were written in four places the dialog offered one the store refused: never again.
"""
