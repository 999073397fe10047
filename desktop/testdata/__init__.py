"""Deterministic Vietnamese test data (Qt-free): see :mod:`desktop.testdata.generate`."""
