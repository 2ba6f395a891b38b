"""Pipeline questions' threads: a user's threads and their messages, and asking a question.

A thread belongs to the user who made it: anyone else (a colleague, another tenant) is answered 404.
A question is accepted in one transaction (the question, its pending answer, the thread's time and
pending mark, the request key and the `QuestionAsked` outbox event); the ai_answers consumer writes
the answer (convertly.ai.questions) and the page polls it. The request key makes a double click, or a
client's retry, answer the same pair without a second model call. One question at a time per thread:
its answer reads the turns before it.
"""

from __future__ import annotations

import hashlib
import json
from datetime import timedelta
from typing import Any, cast

from pynamodb.exceptions import UpdateError

from convertly.ai import access, keys
from convertly.ai.domain_threads import (
    Citation,
    MessageError,
    QuestionAccepted,
    QuestionCreate,
    Thread,
    ThreadCreate,
    ThreadDetail,
    ThreadMessage,
    ThreadPage,
    ThreadUpdate,
    ToolCall,
)
from convertly.ai.events import QUESTION_ASKED
from convertly.ai.items import ThreadItem, ThreadMessageItem, ThreadRequestItem
from convertly.platform.clock import iso, new_id, now
from convertly.platform.errors import ConflictError, NotFoundError
from convertly.platform.events.envelope import DomainEvent
from convertly.platform.events.outbox import outbox_item
from convertly.platform.principal import Principal
from convertly.platform.store.paging import query_page
from convertly.platform.store.transaction import Transaction, TransactionCancelledError

WHAT = "Pipeline questions"
NEW_TITLE = "New thread"
PAGE = 50  # messages a thread's page shows: the latest, with a cursor for older ones
MAX_MESSAGES = 400  # a thread holds up to 200 questions and their answers; then a new thread
ANSWER_MINUTES = 5  # an answer not written by then has failed (the consumer gives up on it too)
DELETE_BATCH = 100  # items a transaction deletes (TransactWriteItems' limit)

NOT_FOUND = "No such thread"


# Reading ----------------------------------------------------------------------------------------------


def get_thread(tenant_id: str, thread_id: str) -> ThreadItem | None:
    try:
        return ThreadItem.get(keys.thread(tenant_id, thread_id), keys.THREAD_SK, consistent_read=True)
    except ThreadItem.DoesNotExist:
        return None


def get_message(tenant_id: str, thread_id: str, message_id: str) -> ThreadMessageItem | None:
    try:
        return ThreadMessageItem.get(
            keys.thread(tenant_id, thread_id), keys.message_sk(message_id), consistent_read=True
        )
    except ThreadMessageItem.DoesNotExist:
        return None


def _own_thread(principal: Principal, thread_id: str) -> ThreadItem:
    """The caller's live thread; a colleague's, a deleted one and another tenant's are all 404."""
    thread = get_thread(principal.tenant_id, thread_id)
    if thread is None or thread.deleted_at or thread.user_id != principal.user_id:
        raise NotFoundError(NOT_FOUND, code="thread_not_found")
    return thread


def messages_after(tenant_id: str, thread_id: str, after: str | None, limit: int) -> list[ThreadMessageItem]:
    """Up to `limit` of the thread's latest messages after message `after` (all when None), oldest
    first."""
    low = keys.message_sk(after) if after else keys.MESSAGE_PREFIX
    found = [
        item
        for item in ThreadMessageItem.query(
            keys.thread(tenant_id, thread_id),
            ThreadMessageItem.SK.between(low, keys.MESSAGE_PREFIX + "~"),
            scan_index_forward=False,
            limit=limit,
            consistent_read=True,
        )
        if item.message_id != after
    ]
    return list(reversed(found))


def timed_out(item: ThreadMessageItem, at: str | None = None) -> bool:
    """An answer still unwritten after its time: it reads as failed, and the consumer leaves it."""
    return (
        item.status in ("pending", "working") and bool(item.answer_by) and str(item.answer_by) < (at or iso())
    )


def to_thread(item: ThreadItem) -> Thread:
    pending = item.pending_message_id if item.pending_until and str(item.pending_until) > iso() else None
    return Thread(
        thread_id=item.thread_id,
        title=item.title,
        created_at=item.created_at,
        updated_at=item.updated_at,
        message_count=int(item.message_count or 0),
        pending_message_id=pending,
    )


def to_message(item: ThreadMessageItem) -> ThreadMessage:
    status, error = str(item.status), None
    if timed_out(item):
        status = "failed"
        error = MessageError(code="answer_timed_out", message="No answer came in time. Ask again.")
    elif item.error_code:
        error = MessageError(code=str(item.error_code), message=str(item.error_message or ""))
    return ThreadMessage(
        message_id=item.message_id,
        thread_id=item.thread_id,
        role=cast(Any, item.role),
        text=item.text,
        status=cast(Any, status),
        progress=item.progress if status == "working" else None,
        citations=[Citation(**c) for c in json.loads(item.citations or "[]")],
        tool_calls=[ToolCall(**c) for c in json.loads(item.tool_calls or "[]")],
        tokens=int(item.tokens or 0),
        error=error,
        created_at=item.created_at,
        finished_at=item.finished_at,
    )


def list_threads(principal: Principal, cursor: str | None, limit: int) -> ThreadPage:
    access.require_ai(principal.tenant_id, WHAT, asks_model=False)
    items, next_cursor = query_page(
        ThreadItem.gsi1,
        keys.user_threads(principal.tenant_id, principal.user_id),
        limit=limit,
        cursor=cursor,
        forward=False,
        index_keys=("GSI1PK", "GSI1SK"),
    )
    return ThreadPage(items=[to_thread(item) for item in items], next_cursor=next_cursor)


def thread_detail(principal: Principal, thread_id: str, cursor: str | None) -> ThreadDetail:
    access.require_ai(principal.tenant_id, WHAT, asks_model=False)
    thread = _own_thread(principal, thread_id)
    items, older = query_page(
        ThreadMessageItem,
        keys.thread(principal.tenant_id, thread_id),
        limit=PAGE,
        cursor=cursor,
        range_condition=ThreadMessageItem.SK.startswith(keys.MESSAGE_PREFIX),
        forward=False,
    )
    return ThreadDetail(
        thread=to_thread(thread), messages=[to_message(item) for item in reversed(items)], older_cursor=older
    )


def message(principal: Principal, thread_id: str, message_id: str) -> ThreadMessage:
    """One message of the caller's thread: what the page polls while an answer is written (one read)."""
    access.require_ai(principal.tenant_id, WHAT, asks_model=False)
    item = get_message(principal.tenant_id, thread_id, message_id)
    if item is None or item.user_id != principal.user_id:
        raise NotFoundError("No such message", code="message_not_found")
    return to_message(item)


# Threads ----------------------------------------------------------------------------------------------


def create_thread(principal: Principal, body: ThreadCreate) -> Thread:
    access.require_ai(principal.tenant_id, WHAT, asks_model=False)
    thread_id, at = new_id(), iso()
    item = ThreadItem(
        keys.thread(principal.tenant_id, thread_id),
        keys.THREAD_SK,
        thread_id=thread_id,
        user_id=principal.user_id,
        title=body.title or NEW_TITLE,
        titled=body.title is not None,
        created_at=at,
        updated_at=at,
        message_count=0,
    )
    item.GSI1PK = keys.user_threads(principal.tenant_id, principal.user_id)
    item.GSI1SK = keys.thread_sort(at, thread_id)
    item.save(ThreadItem.PK.does_not_exist())
    return to_thread(item)


def _mine() -> Any:
    return ThreadItem.PK.exists() & ThreadItem.deleted_at.does_not_exist()


def rename_thread(principal: Principal, thread_id: str, body: ThreadUpdate) -> Thread:
    access.require_ai(principal.tenant_id, WHAT, asks_model=False)
    thread = _own_thread(principal, thread_id)
    try:
        thread.update(
            actions=[ThreadItem.title.set(body.title), ThreadItem.titled.set(True)],
            condition=_mine() & (ThreadItem.user_id == principal.user_id),
        )
    except UpdateError as error:
        if error.cause_response_code == "ConditionalCheckFailedException":
            raise NotFoundError(NOT_FOUND, code="thread_not_found") from error
        raise
    return to_thread(thread)


def delete_thread(principal: Principal, thread_id: str) -> None:
    """The thread leaves the user's list at once (marked deleted, out of the index), then its messages
    and request keys go in transactions of up to 100 items, then the thread. A request that dies
    half-way leaves a deleted thread no one sees; deleting it again finishes the job."""
    access.require_ai(principal.tenant_id, WHAT, asks_model=False)
    thread = get_thread(principal.tenant_id, thread_id)
    if thread is None or thread.user_id != principal.user_id:
        raise NotFoundError(NOT_FOUND, code="thread_not_found")
    if not thread.deleted_at:
        thread.update(
            actions=[ThreadItem.deleted_at.set(iso()), ThreadItem.GSI1PK.remove(), ThreadItem.GSI1SK.remove()]
        )
    partition = keys.thread(principal.tenant_id, thread_id)
    while True:
        doomed: list[Any] = list(
            ThreadMessageItem.query(
                partition, ThreadMessageItem.SK.startswith(keys.MESSAGE_PREFIX), limit=DELETE_BATCH
            )
        )
        if len(doomed) < DELETE_BATCH:
            doomed += list(
                ThreadRequestItem.query(
                    partition,
                    ThreadRequestItem.SK.startswith(keys.REQUEST_PREFIX),
                    limit=DELETE_BATCH - len(doomed),
                )
            )
        if not doomed:
            break
        tx = Transaction()
        for index, item in enumerate(doomed):
            tx.delete(f"item{index}", item)
        tx.commit()
    ThreadItem(partition, keys.THREAD_SK).delete()


# Asking -----------------------------------------------------------------------------------------------


def _hash(question: str) -> str:
    return hashlib.sha256(question.encode()).hexdigest()


def _accepted(principal: Principal, thread_id: str, request: ThreadRequestItem) -> QuestionAccepted:
    question = get_message(principal.tenant_id, thread_id, request.question_id)
    answer = get_message(principal.tenant_id, thread_id, request.answer_id)
    if question is None or answer is None:
        raise NotFoundError(NOT_FOUND, code="thread_not_found")
    return QuestionAccepted(question=to_message(question), answer=to_message(answer))


def _earlier_request(principal: Principal, thread_id: str, body: QuestionCreate) -> QuestionAccepted | None:
    try:
        request = ThreadRequestItem.get(
            keys.thread(principal.tenant_id, thread_id),
            keys.request_sk(body.request_id),
            consistent_read=True,
        )
    except ThreadRequestItem.DoesNotExist:
        return None
    if request.question_hash != _hash(body.question):
        raise ConflictError(
            "This request key was already used for another question. Send a new key with each question.",
            code="request_id_reused",
            fields={"request_id": "already used for another question"},
        )
    return _accepted(principal, thread_id, request)


def ask(principal: Principal, thread_id: str, body: QuestionCreate) -> QuestionAccepted:
    """Accept a question: its pending answer is written by the ai_answers consumer."""
    tenant_id = principal.tenant_id
    plan = access.require_ai(tenant_id, WHAT, asks_model=False)
    thread = _own_thread(principal, thread_id)
    earlier = _earlier_request(principal, thread_id, body)
    if earlier is not None:
        return earlier
    access.require_model(tenant_id, plan)  # the key and the month's budget
    try:
        return _accept(principal, thread, body)
    except TransactionCancelledError as error:
        if "request" in error.failed:  # the same question, sent twice at once
            earlier = _earlier_request(principal, thread_id, body)
            if earlier is not None:
                return earlier
        raise _refusal(principal, thread_id) from error


def _accept(principal: Principal, thread: ThreadItem, body: QuestionCreate) -> QuestionAccepted:
    tenant_id, thread_id, user_id = principal.tenant_id, thread.thread_id, principal.user_id
    moment = now()
    at, answer_by = iso(moment), iso(moment + timedelta(minutes=ANSWER_MINUTES))
    question_id, answer_id = sorted((new_id(), new_id()))  # the question sorts first
    partition = keys.thread(tenant_id, thread_id)
    question = ThreadMessageItem(
        partition,
        keys.message_sk(question_id),
        thread_id=thread_id,
        message_id=question_id,
        user_id=user_id,
        role="user",
        text=body.question,
        status="done",
        request_id=body.request_id,
        created_at=at,
        finished_at=at,
    )
    answer = ThreadMessageItem(
        partition,
        keys.message_sk(answer_id),
        thread_id=thread_id,
        message_id=answer_id,
        user_id=user_id,
        role="assistant",
        status="pending",
        question_id=question_id,
        request_id=body.request_id,
        created_at=at,
        answer_by=answer_by,
    )
    request = ThreadRequestItem(
        partition,
        keys.request_sk(body.request_id),
        question_id=question_id,
        answer_id=answer_id,
        question_hash=_hash(body.question),
        created_at=at,
    )
    event = DomainEvent(
        detail_type=QUESTION_ASKED,
        tenant_id=tenant_id,
        actor_id=user_id,
        subject_id=thread_id,
        data={"thread_id": thread_id, "question_id": question_id, "answer_id": answer_id, "user_id": user_id},
    )
    actions: list[Any] = [
        ThreadItem.updated_at.set(at),
        ThreadItem.GSI1SK.set(keys.thread_sort(at, thread_id)),
        ThreadItem.message_count.add(2),
        ThreadItem.pending_message_id.set(answer_id),
        ThreadItem.pending_until.set(answer_by),
    ]
    if not thread.titled and not int(thread.message_count or 0):
        actions.append(ThreadItem.title.set(_title_of(body.question)))
    idle = ThreadItem.pending_until.does_not_exist() | (ThreadItem.pending_until < at)
    room = ThreadItem.message_count < MAX_MESSAGES - 1
    tx = Transaction()
    tx.put("request", request, ThreadRequestItem.PK.does_not_exist())
    tx.put("question", question, ThreadMessageItem.PK.does_not_exist())
    tx.put("answer", answer, ThreadMessageItem.PK.does_not_exist())
    tx.update(
        "thread",
        ThreadItem(partition, keys.THREAD_SK),
        actions,
        _mine() & (ThreadItem.user_id == user_id) & idle & room,
    )
    tx.put("outbox", outbox_item(event))
    tx.commit()
    return QuestionAccepted(question=to_message(question), answer=to_message(answer))


def _title_of(question: str) -> str:
    text = " ".join(question.split())
    return text if len(text) <= 80 else text[:79].rstrip() + "…"


def _refusal(principal: Principal, thread_id: str) -> Exception:
    """Why the thread refused the question, read after the fact."""
    thread = get_thread(principal.tenant_id, thread_id)
    if thread is None or thread.deleted_at or thread.user_id != principal.user_id:
        return NotFoundError(NOT_FOUND, code="thread_not_found")
    if int(thread.message_count or 0) >= MAX_MESSAGES - 1:
        return ConflictError("This thread is full. Start a new thread to ask more.", code="thread_full")
    return ConflictError(
        "The answer to your last question is still being written. Ask again when it is there.",
        code="answer_in_progress",
    )
