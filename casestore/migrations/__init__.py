"""Alembic migrations of the case store, run by :func:`casestore.store.migrate` (``upgrade
head``) each time a store is opened; no ``alembic.ini`` is needed. To write a new one, add
a file to ``versions/`` whose ``down_revision`` is the current head."""
