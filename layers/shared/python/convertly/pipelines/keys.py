"""Keys of the pipelines capability's items; every partition key starts with the tenant."""

from __future__ import annotations

# Pipelines, their stages and the tenant's pipeline settings all sort under this prefix of the tenant
# partition, so one Query reads them together (the board's stage directory, the settings screen).
PIPELINES_PREFIX = "PIPE"
PIPELINE_SETTINGS_SK = "PIPESETTINGS"


def pipeline_sk(pipeline_id: str) -> str:
    return f"PIPELINE#{pipeline_id}"


def stage_sk(pipeline_id: str, stage_id: str) -> str:
    return f"PIPELINE#{pipeline_id}#STAGE#{stage_id}"


def owner_counters_prefix(owner_id: str, pipeline_id: str) -> str:
    return f"OWNER#{owner_id}#PIPELINE#{pipeline_id}#"


def owner_stage_counter_sk(owner_id: str, pipeline_id: str, stage_id: str) -> str:
    return f"{owner_counters_prefix(owner_id, pipeline_id)}STAGE#{stage_id}"


def transition_sk(pipeline_id: str, from_stage_id: str, to_stage_id: str) -> str:
    return f"TRANSITION#{pipeline_id}#{from_stage_id}#{to_stage_id}"
