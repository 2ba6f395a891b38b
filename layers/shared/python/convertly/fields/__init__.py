"""Fields capability: custom field definitions per object type, the tenant's custom values, and the tag
registry with its index of what carries each tag."""
