"""Imports: contacts, companies and leads from a spreadsheet, with mapping, dedupe, progress and undo."""
