"""The capability-boundary contract catches an import of another capability's internals."""

from __future__ import annotations

import grimp

from tests.architecture.contracts import CapabilityBoundaryContract


def _graph(*imports: tuple[str, str]) -> grimp.ImportGraph:
    graph = grimp.ImportGraph()
    for importer, imported in imports:
        graph.add_import(importer=importer, imported=imported, line_number=3, line_contents="import x")
    return graph


def _contract() -> CapabilityBoundaryContract:
    return CapabilityBoundaryContract(
        name="boundaries",
        session_options={},
        contract_options={"root": "convertly", "capabilities": ["leads", "work"], "public": ["service"]},
    )


def test_an_import_of_another_capabilitys_store_breaks_the_contract() -> None:
    # Given work importing the leads store directly
    graph = _graph(("convertly.work.reminders", "convertly.leads.store"))
    # When the contract is checked
    check = _contract().check(graph, verbose=False)
    # Then it is broken, naming the import and its line
    assert not check.kept
    assert check.metadata["violations"] == [
        {"importer": "convertly.work.reminders", "imported": "convertly.leads.store", "lines": [3]}
    ]


def test_imports_of_a_service_module_of_ones_own_internals_and_of_the_platform_keep_it() -> None:
    # Given work importing the leads service, its own store and the platform
    graph = _graph(
        ("convertly.work.reminders", "convertly.leads.service"),
        ("convertly.work.reminders", "convertly.work.store"),
        ("convertly.work.reminders", "convertly.platform.clock"),
    )
    # When the contract is checked
    check = _contract().check(graph, verbose=False)
    # Then it is kept
    assert check.kept and check.metadata["violations"] == []
