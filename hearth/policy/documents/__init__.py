"""A policy version's document: loaded once and cached, read as plain English, and compared with
another version.
"""
