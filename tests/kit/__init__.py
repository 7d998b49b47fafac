"""Test kits shared by several test areas and by bench/ (not shipped in blocwatch).

tests/ is on sys.path under pytest (its folders are packages, it is not), so tests import
`kit.store`; bench scripts put tests/ on sys.path themselves and import the same name.
"""
