"""Import-linter contract types of Convertly's own (registered in pyproject.toml)."""

from __future__ import annotations

from typing import Any

import grimp
from importlinter import Contract, ContractCheck, fields, output
from importlinter.application import contract_utils


class CapabilityBoundaryContract(Contract):
    """Capabilities reach each other only through their public modules.

    For every import from one capability package (`<root>.<a>...`) into another (`<root>.<b>...`),
    the imported module must be one of `<root>.<b>.<public>` (by default `service` and `events`).
    Imports inside a capability, and imports of the platform or the registries, are free.

    Options: `root` (the layer's package), `capabilities` (the capability package names), `public`
    (the module names another capability may import), `ignore_imports`.
    """

    type_name = "capability_boundaries"

    root = fields.StringField()
    capabilities = fields.ListField(subfield=fields.StringField())
    public = fields.ListField(subfield=fields.StringField(), required=False)
    ignore_imports = fields.SetField(subfield=fields.ImportExpressionField(), required=False)

    def _capability(self, module: str) -> str | None:
        parts = module.split(".")
        root = str(self.root)
        if len(parts) < 2 or parts[0] != root or parts[1] not in self.capabilities:  # type: ignore[operator]
            return None
        return parts[1]

    def check(self, graph: grimp.ImportGraph, verbose: bool) -> ContractCheck:
        contract_utils.remove_ignored_imports(
            graph=graph,
            ignore_imports=self.ignore_imports,  # type: ignore[arg-type]
            unmatched_alerting=contract_utils.AlertLevel.ERROR,
        )
        public = set(self.public or ["service", "events"])  # type: ignore[arg-type]
        violations: list[dict[str, Any]] = []
        for importer in sorted(graph.modules):
            source = self._capability(importer)
            if source is None:
                continue
            for imported in sorted(graph.find_modules_directly_imported_by(importer)):
                target = self._capability(imported)
                if target is None or target == source:
                    continue
                if imported.split(".")[2:] and imported.split(".")[2] in public:
                    continue
                lines = [
                    d["line_number"] for d in graph.get_import_details(importer=importer, imported=imported)
                ]
                violations.append({"importer": importer, "imported": imported, "lines": lines})
        return ContractCheck(kept=not violations, metadata={"violations": violations})

    def render_broken_contract(self, check: ContractCheck) -> None:
        for violation in check.metadata["violations"]:
            where = ", ".join(f"l.{line}" for line in violation["lines"])
            output.print_error(
                f"{violation['importer']} imports {violation['imported']} ({where}): "
                "import its capability's service module instead",
                bold=False,
            )
