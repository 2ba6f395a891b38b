"""The AI capability's AWS resources: the API, the consumer that rescores a lead on each of its
events, and the training: a daily schedule that asks for each tenant's training and the consumer that
trains one tenant at a time (scikit-learn, in that function's own bundle)."""

from __future__ import annotations

from convertly.ai.events import QUESTION_ASKED, SCORED_EVENTS, TRAINING_REQUESTED
from convertly.platform.specs import ConsumerSpec, FunctionSpec, RuleSpec, ScheduleSpec

CONSUMERS: tuple[ConsumerSpec, ...] = (
    ConsumerSpec(
        function="ai_scorer",
        queue="convertly-ai-scores",
        dead_letter_queue="convertly-ai-scores-dlq",
        rule=RuleSpec(name="convertly-ai-scores", detail_types=tuple(SCORED_EVENTS)),
        visibility_timeout_seconds=180,
        batch_size=10,
    ),
    # One question per message: an answer asks the model a few times and runs its tools in between.
    # No retry after the answer is taken (a second try could ask the model twice): two receives only.
    ConsumerSpec(
        function="ai_answers",
        queue="convertly-ai-answers",
        dead_letter_queue="convertly-ai-answers-dlq",
        rule=RuleSpec(name="convertly-ai-answers", detail_types=(QUESTION_ASKED,)),
        max_receive_count=2,
        visibility_timeout_seconds=720,
        batch_size=1,
    ),
    # One tenant per message: a training reads the tenant's closed leads and rescores its open ones.
    ConsumerSpec(
        function="ai_training",
        queue="convertly-ai-training",
        dead_letter_queue="convertly-ai-training-dlq",
        rule=RuleSpec(name="convertly-ai-training", detail_types=(TRAINING_REQUESTED,)),
        max_receive_count=3,
        visibility_timeout_seconds=5400,
        batch_size=1,
    ),
)

SCHEDULES: tuple[ScheduleSpec, ...] = (ScheduleSpec(function="ai_training_schedule", rate_minutes=24 * 60),)

FUNCTIONS: tuple[FunctionSpec, ...] = (
    FunctionSpec(
        "ai",
        "AI: lead scores, insights and summaries, Settings > AI",
        "readwrite",
        publishes_events=True,  # "train now"; a question's QuestionAsked (through the outbox)
        timeout_seconds=29,
        openai_key=True,
    ),
    FunctionSpec(
        "ai_answers",
        "Answers pipeline questions: the model and read-only tools run as the user who asked",
        "readwrite",
        timeout_seconds=120,
        openai_key=True,
    ),
    FunctionSpec(
        "ai_scorer",
        "Rescores a lead on each of its events with the tenant's served model",
        "readwrite",
        timeout_seconds=30,
    ),
    FunctionSpec(
        "ai_training_schedule",
        "Daily: asks for the training of every tenant with AI",
        "read",
        publishes_events=True,
        lists_tenants=True,
        timeout_seconds=120,
    ),
    FunctionSpec(
        "ai_training",
        "Trains a tenant's score model on its closed leads and rescores its open leads",
        "readwrite",
        memory_mb=2048,
        timeout_seconds=900,
    ),
)
