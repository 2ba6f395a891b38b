"""The API shapes of pipeline questions: threads, their messages, a question and its pending answer."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from pydantic import Field, StringConstraints

from convertly.platform.domain import DomainModel

Title = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=80)]


class ThreadCreate(DomainModel):
    title: Title | None = Field(default=None, description="Named from the first question when left out")


class ThreadUpdate(DomainModel):
    title: Title


class Thread(DomainModel):
    thread_id: str
    title: str
    created_at: str
    updated_at: str
    message_count: int = Field(description="Questions and answers in the thread")
    pending_message_id: str | None = Field(
        default=None, description="The answer being written now; a new question waits for it"
    )


class ThreadPage(DomainModel):
    items: list[Thread]
    next_cursor: str | None = None


class Citation(DomainModel):
    label: str = Field(description="What the link shows: a lead's name, a report's title")
    path: str = Field(description="A page of Convertly: /leads/<id>, /reports/revenue?..., /pipeline")


class ToolCall(DomainModel):
    name: str
    arguments: dict[str, Any]
    digest: str = Field(description="What the tool answered, shortened")


class MessageError(DomainModel):
    code: str
    message: str


class ThreadMessage(DomainModel):
    message_id: str
    thread_id: str
    role: Literal["user", "assistant"]
    text: str | None = Field(description="The question, or the answer (markdown; links to our pages only)")
    status: Literal["pending", "working", "done", "failed"] = Field(
        description="An answer is pending, then working, then done or failed; a question is done"
    )
    progress: str | None = Field(default=None, description="While working: what it is looking at")
    citations: list[Citation] = Field(default_factory=list)
    tool_calls: list[ToolCall] = Field(default_factory=list)
    tokens: int = 0
    error: MessageError | None = None
    created_at: str
    finished_at: str | None = None


class ThreadDetail(DomainModel):
    thread: Thread
    messages: list[ThreadMessage] = Field(description="Oldest first: the latest page of the thread")
    older_cursor: str | None = Field(default=None, description="The page before these, when there is one")


class QuestionCreate(DomainModel):
    question: Annotated[str, StringConstraints(strip_whitespace=True, min_length=1, max_length=2000)]
    request_id: Annotated[
        str, StringConstraints(min_length=8, max_length=64, pattern=r"^[A-Za-z0-9_.:-]+$")
    ] = Field(description="The client's key for this question: sending it again answers the same pair")


class QuestionAccepted(DomainModel):
    question: ThreadMessage
    answer: ThreadMessage = Field(
        description="Pending: poll GET .../messages/{answer id} until done or failed"
    )
