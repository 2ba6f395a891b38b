"""What other capabilities may ask of imports: a cell made safe for a spreadsheet (exports write
what people typed, and a cell starting with "=" would run as a formula in Excel).
The one door into imports from elsewhere (import-linter checks it)."""

from __future__ import annotations

from convertly.imports.parsing import safe_cell

__all__ = ["safe_cell"]
