"""The least a Convertly function of each kind must import, with no Convertly code: what the import
bench compares the handlers with, besides the floor (bench/imports.py)."""
