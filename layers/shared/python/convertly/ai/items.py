"""The AI capability's items on the single table (keys in convertly.ai.keys)."""

from __future__ import annotations

from pynamodb.attributes import BooleanAttribute, NumberAttribute, UnicodeAttribute, VersionAttribute

from convertly.platform.store.items import Item


class LeadScoreItem(Item, discriminator="LeadScore"):
    """A lead's win probability now, with its reasons and the facts it was scored on
    (PK `T#<t>#AI#LEAD#<l>`, SK `SCORE`).

    Open: GSI1 `T#<t>#SCORES`, GSI2 `T#<t>#SCORES#OWNER#<u>`, GSI3 `T#<t>#SCORES#STAGE#<s>`, each by
    `<score>#<l>`, so lists and board columns sort and filter by score. Won or lost: GSI1
    `T#<t>#AI#CLOSED` by `<closed at>#<l>`, the rows training reads in time order. Deleted: no index.
    """

    tenant_id = UnicodeAttribute()
    lead_id = UnicodeAttribute()
    status = UnicodeAttribute(default="open")  # open | won | lost | deleted
    score = NumberAttribute(default=0)  # 0..100
    probability = NumberAttribute(default=0)
    reasons = UnicodeAttribute(default="[]")  # JSON: [{token, text, effect, weight}]
    model_kind = UnicodeAttribute(default="prior")  # prior | learned
    model_trained_at = UnicodeAttribute(null=True)
    owner_id = UnicodeAttribute(null=True)
    pipeline_id = UnicodeAttribute(null=True)
    stage_id = UnicodeAttribute(null=True)
    facts = UnicodeAttribute(default="{}")  # JSON: the LeadFacts it was scored on
    # What people did about the lead, counted once per event: the first response, how many things,
    # the latest.
    first_response_at = UnicodeAttribute(null=True)
    activity_count = NumberAttribute(default=0)
    last_activity_at = UnicodeAttribute(null=True)
    # Moves with every event applied: with the lead's version, the key a summary is cached by.
    rev = NumberAttribute(default=0)
    closed_at = UnicodeAttribute(null=True)
    scored_at = UnicodeAttribute(null=True)
    version = VersionAttribute()


class ScoreHistoryItem(Item, discriminator="ScoreHistory"):
    """A change of a lead's score (PK `T#<t>#AI#LEAD#<l>`, SK `SCORE#<at>#<event>`): written only when
    the whole-number score moves, so the history grows with changes, not with events."""

    lead_id = UnicodeAttribute()
    score = NumberAttribute()
    previous = NumberAttribute(null=True)
    cause = UnicodeAttribute()  # what happened, in words: "Stage changed to Qualified"
    reasons = UnicodeAttribute(default="[]")
    model_kind = UnicodeAttribute()
    at = UnicodeAttribute()


class SummaryItem(Item, discriminator="LeadSummary"):
    """A lead's generated brief (PK `T#<t>#AI#LEAD#<l>`, SK `SUMMARY`), valid while `cache_key`
    (the lead's version and its AI record's rev) is the lead's current one."""

    # Null until the first brief is stored (the writing lease may come first).
    lead_id = UnicodeAttribute(null=True)
    cache_key = UnicodeAttribute(null=True)
    brief = UnicodeAttribute(null=True)  # JSON: {who, asked, came_from, happened, next}
    model = UnicodeAttribute(null=True)
    generated_at = UnicodeAttribute(null=True)
    generated_by = UnicodeAttribute(null=True)
    tokens = NumberAttribute(default=0)
    writing_until = UnicodeAttribute(null=True)  # a view is asking the model until then


class AiSettingsItem(Item, discriminator="AiSettings"):
    """The tenant's AI switch (PK `T#<t>#AI`, SK `SETTINGS`); no item means on."""

    enabled = BooleanAttribute(default=True)
    updated_at = UnicodeAttribute()
    updated_by = UnicodeAttribute()


class ScoreModelItem(Item, discriminator="ScoreModel"):
    """The score model the tenant is served (PK `T#<t>#AI`, SK `MODEL`) and how well it did on the
    tenant's own latest closed leads."""

    model = UnicodeAttribute()  # JSON: convertly.ai.model.ScoreModel
    quality = UnicodeAttribute(default="{}")  # JSON: convertly.ai.training.Quality
    kind = UnicodeAttribute()
    leads = NumberAttribute(default=0)
    trained_at = UnicodeAttribute()
    seconds = NumberAttribute(null=True)  # how long training took
    requested_at = UnicodeAttribute(null=True)  # an Admin's "train now", not yet served


class AiUsageItem(Item, discriminator="AiUsage"):
    """The tokens the tenant's AI requests used in a month (PK `T#<t>#AI`, SK `USAGE#<yyyy-mm>`), added
    up atomically after each answer."""

    month = UnicodeAttribute()
    prompt_tokens = NumberAttribute(default=0)
    completion_tokens = NumberAttribute(default=0)
    requests = NumberAttribute(default=0)


class EventSeenItem(Item, discriminator="AiEventSeen"):
    """An event the scorer took into a lead's counts (PK `T#<t>#AI#EVENT#<e>`, SK `SEEN`), written in
    the same transaction; it expires after a week, long past any redelivery."""

    lead_id = UnicodeAttribute()


class ThreadItem(Item, discriminator="AiThread"):
    """A user's pipeline questions thread (PK `T#<t>#AI#THREAD#<th>`, SK `THREAD`); while live, GSI1
    `T#<t>#AI#THREADS#USER#<u>` by `<updated at>#<th>`, the user's list. A deleted thread leaves the
    list at once (`deleted_at`, no index keys) and its messages go with it."""

    thread_id = UnicodeAttribute()
    user_id = UnicodeAttribute()
    title = UnicodeAttribute()
    titled = BooleanAttribute(default=False)  # named by its user; else the first question names it
    created_at = UnicodeAttribute()
    updated_at = UnicodeAttribute()
    message_count = NumberAttribute(default=0)
    # The question being answered (one at a time per thread) and when its answer is given up on.
    pending_message_id = UnicodeAttribute(null=True)
    pending_until = UnicodeAttribute(null=True)
    # The older turns, summarised: every message up to `summarised_through` (a message id) is in it.
    summary = UnicodeAttribute(null=True)
    summarised_through = UnicodeAttribute(null=True)
    deleted_at = UnicodeAttribute(null=True)


class ThreadMessageItem(Item, discriminator="AiThreadMessage"):
    """A question or its answer (PK `T#<t>#AI#THREAD#<th>`, SK `MSG#<message id>`). An answer is
    `pending` until the ai_answers consumer takes it (`working`, under a lease), then `done` or
    `failed`."""

    thread_id = UnicodeAttribute()
    message_id = UnicodeAttribute()
    user_id = UnicodeAttribute()
    role = UnicodeAttribute()  # user | assistant
    text = UnicodeAttribute(null=True)
    status = UnicodeAttribute(default="done")  # pending | working | done | failed
    progress = UnicodeAttribute(null=True)  # what the consumer is doing: "Looking at revenue by campaign"
    question_id = UnicodeAttribute(null=True)  # an answer's question
    request_id = UnicodeAttribute(null=True)
    citations = UnicodeAttribute(default="[]")  # JSON: [{label, path}]
    tool_calls = UnicodeAttribute(default="[]")  # JSON: [{name, arguments, digest}]
    tokens = NumberAttribute(default=0)
    model = UnicodeAttribute(null=True)
    error_code = UnicodeAttribute(null=True)
    error_message = UnicodeAttribute(null=True)
    created_at = UnicodeAttribute()
    answer_by = UnicodeAttribute(null=True)  # an answer not done by then has failed
    lease_id = UnicodeAttribute(null=True)
    lease_until = UnicodeAttribute(null=True)
    finished_at = UnicodeAttribute(null=True)


class ThreadRequestItem(Item, discriminator="AiThreadRequest"):
    """A question the thread accepted under the client's request key (PK `T#<t>#AI#THREAD#<th>`, SK
    `REQUEST#<key>`), put only if absent with the messages: the same key again answers the same pair."""

    question_id = UnicodeAttribute()
    answer_id = UnicodeAttribute()
    question_hash = UnicodeAttribute()
    created_at = UnicodeAttribute()
