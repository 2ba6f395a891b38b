"""The AI capability's own events."""

from __future__ import annotations

# A user asked a pipeline question (the ai_answers consumer answers it): data {thread_id, question_id,
# answer_id, user_id}; the question's text stays in the table, not on the bus.
QUESTION_ASKED = "QuestionAsked"

# Train a tenant's score model now (the daily schedule, or an Admin's "train now"): data {requested_by}.
TRAINING_REQUESTED = "ScoreTrainingRequested"

# Events about a lead that change what its score reads; those marked True are something a person did.
SCORED_EVENTS: dict[str, bool] = {
    "LeadCreated": False,
    "LeadUpdated": False,
    "LeadStageChanged": True,
    "LeadTouched": False,
    "LeadDeleted": False,
    "LeadRestored": False,
    "NoteAdded": True,
    "FollowUpCompleted": True,
    "TaskCompleted": True,
    "SmsQueued": True,
}
