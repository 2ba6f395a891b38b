"""The store registry: a query over a mixed partition decodes every kind, whatever the function loaded."""

from __future__ import annotations

import importlib
import pkgutil
import subprocess
import sys

import convertly


def test_the_registry_lists_every_capabilitys_items_module() -> None:
    # Given every module named `items` in the layer
    found = {
        info.name
        for info in pkgutil.walk_packages(convertly.__path__, "convertly.")
        if info.name.rsplit(".", 1)[-1] == "items" and info.name != "convertly.items"
    }
    # When the registry is loaded
    registry = importlib.import_module("convertly.items")
    # Then it lists each capability's items (the platform's base items are below them all)
    listed = {module.__name__ for module in registry.CAPABILITY_ITEMS}
    assert found - {"convertly.platform.store.items"} == listed


def test_a_function_that_loaded_only_leads_items_decodes_a_notification_after_load_every_kind() -> None:
    # Given a fresh interpreter that imported the leads store only
    script = (
        "from convertly.leads import store\n"
        "from convertly.platform.store.items import Item, load_every_kind\n"
        "before = set(Item._get_discriminator_attribute()._discriminator_map)\n"
        "load_every_kind()\n"
        "after = set(Item._get_discriminator_attribute()._discriminator_map)\n"
        "print('LeadNotified' in before, 'LeadNotified' in after, 'Touch' in after)\n"
    )
    # When it loads every kind
    command = [sys.executable, "-c", script]
    out = subprocess.run(command, capture_output=True, text=True, check=True).stdout  # noqa: S603
    # Then the kinds of other capabilities become known only then
    assert out.split() == ["False", "True", "True"]
