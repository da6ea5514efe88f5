"""Pontes' shells: settings, the command line and the app wiring.

The library lives in :mod:`graph` and :mod:`loaders`; this package only
builds settings at the edge and calls into them.
"""
