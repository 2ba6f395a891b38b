"""`python -m bench.ai_questions`: the pipeline Q&A bench, 20 fixed questions on the demo tenant, in one
run with a moto of its own and the local OpenAI fake.

The demo data `make run` starts with (devstack/seed.py's `seed_demo`: Summit Roofing Co, one user per
role, 200 leads over 90 days across sources, campaigns and stages, some won, the Sales users' follow-ups,
the analytics cells rebuilt) is seeded in this process. The OpenAI fake (devstack/fakes/openai_api.py)
answers the model's part: it calls the tools whose words the question holds and answers by repeating
their results. The Admin asks the 20 questions in one thread and a Sales user asks them in another;
each question is accepted by `threads.ask` as the route does, and its `QuestionAsked` event, read from
the tenant's outbox, is handed to the `ai_answers` handler as an SQS batch (the real consumer,
in-process, metered).

Per answer: the tool calls made (from the stored answer), the tokens (prompt and completion, from the
tenant's month usage before and after; their sum is the answer's recorded `tokens`), the AWS calls
of the answering, and whether every figure in the answer appears in a tool result of that answer. A
figure is a number in the answer's text outside link targets and not glued to letters or to a dotted
path (`campaigns.1.leads` is a list position of the fake's layout, not a figure); it appears when the
same number (1,200.50 = 1200.5) is among the numbers of the JSON of a tool result the model was given
for that answer, read from the fake's request log (the stored calls keep only 300 characters of each
result). Nothing is asserted; the figures go to stdout and bench/.results-ai_questions.json.
"""

from __future__ import annotations

import argparse
import contextlib
import io
import json
import os
import re
import statistics
import sys
import time
import uuid
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any

RESULTS = Path(__file__).resolve().parent / ".results-ai_questions.json"
QUEUE_ARN = "arn:aws:sqs:us-east-1:123456789012:convertly-ai-answers"
DEMO_LEADS = 200
ADMIN_EMAIL = "admin@summitroofing.test"
SALES_EMAIL = "sales@summitroofing.test"
DEMO_PASSWORD = "Convertly-Demo-1"  # devstack/seed.py's PASSWORD

# (topic, question); {lead} is a lead of the Sales user with follow-ups (devstack/seed_work.py).
QUESTIONS: tuple[tuple[str, str], ...] = (
    ("revenue", "Which campaigns brought revenue last month?"),
    ("revenue", "What revenue did each campaign bring in the last 30 days?"),
    ("revenue", "Revenue by campaign this month so far?"),
    ("revenue", "Which ad campaign won the most deals in the last 90 days?"),
    ("revenue", "How much revenue did our campaigns make this year?"),
    ("stalling", "Which leads are stalling?"),
    ("stalling", "Which open leads have gone cold? Min idle days: 14."),
    ("follow-ups", "How many leads in New have no follow-up scheduled?"),
    ("follow-ups", "Which leads in Contacted have no follow-up scheduled?"),
    ("follow-ups", "How many Qualified leads are without a follow-up?"),
    ("stage counts", "How many leads and how much value does each stage of the pipeline hold?"),
    ("stage counts", "What are the board's counts right now?"),
    ("search", "Search leads from google ads."),
    ("search", "Search leads with a min value of 7500."),
    ("search", "Search leads created within days: 7, newest first."),
    ("search", "Search meta ads leads in Qualified."),
    ("search", "Search referral leads with a min value of 5000."),
    ("lead details", "What are the details and timeline of lead /leads/{lead}?"),
    ("two tools", "How many leads does each stage hold, and which campaigns brought revenue last month?"),
    ("two tools", "Which leads are stalling, and how many leads in Qualified have no follow-up?"),
)

# A number: digits with thousands separators or without, and a decimal part; not part of a word or
# an id (01JX...), nor a position in a dotted path (campaigns.1.leads).
_FIGURE = re.compile(r"(?<![\w.])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?!\w)")
_LINK_TARGET = re.compile(r"\]\([^)\s]*\)")


def _progress(message: str) -> None:
    print(message, file=sys.__stderr__, flush=True)


# Grounding ----------------------------------------------------------------------------------------


def _number(text: str) -> Decimal | None:
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def figures_in(answer: str) -> list[str]:
    """The figures an answer states, in order (link targets left out: they are checked as citations)."""
    return _FIGURE.findall(_LINK_TARGET.sub("]()", answer))


def numbers_in_results(results: list[str]) -> set[Decimal]:
    """Every number in the tool results' JSON: its numbers, and those inside its strings (dates)."""
    found: set[Decimal] = set()
    for text in results:
        found |= {value for token in _FIGURE.findall(text) if (value := _number(token)) is not None}
    return found


def ungrounded(answer: str, results: list[str]) -> tuple[int, list[str]]:
    """(how many figures the answer states, those no tool result of the answer holds)."""
    known = numbers_in_results(results)
    stated = figures_in(answer)
    return len(stated), [figure for figure in stated if _number(figure) not in known]


# The demo tenant ----------------------------------------------------------------------------------


@dataclass
class Asker:
    label: str
    principal: Any
    thread_id: str = ""
    answers: list[dict[str, Any]] = field(default_factory=list)


def _signed_in(api: Any, email: str, label: str) -> Asker:
    """The user as the API knows them after a sign-in: the tenant and role from the verified token."""
    from convertly.permissions import Role
    from convertly.platform.principal import Principal

    token = api.call("POST", "/auth/login", {"email": email, "password": DEMO_PASSWORD})["id_token"]
    me = api.call("GET", "/me", token=token)
    user = me["user"]
    principal = Principal(
        user_id=str(user["user_id"]),
        tenant_id=str(me["tenant"]["tenant_id"]),
        role=Role(user["role"]),
        email=str(user["email"]),
        name=str(user["name"]),
    )
    return Asker(label, principal)


def _followed_lead(admin: Any, sales: Any) -> str:
    """The Sales user's lead with a follow-up (seed_work gives each rep's first leads one)."""
    from convertly.leads import use_cases as leads
    from convertly.leads.domain.leads import LeadFilters

    page = leads.list_leads(admin, LeadFilters(owner_id=sales.user_id), None, 1)
    return str(page.items[0].lead_id)


def seed(bench: Any) -> tuple[Asker, Asker, str]:
    from devstack.seed import seed_demo

    seed_demo(DEMO_LEADS)
    admin = _signed_in(bench.api, ADMIN_EMAIL, "Admin")
    sales = _signed_in(bench.api, SALES_EMAIL, "Sales")
    return admin, sales, _followed_lead(admin.principal, sales.principal)


# Asking and answering -----------------------------------------------------------------------------


class Outbox:
    """The tenant's QuestionAsked events after the last one read (outbox sort keys start with the time)."""

    def __init__(self, tenant_id: str) -> None:
        self.tenant_id = tenant_id
        self.after = "0"
        self.pending()  # the seed's events are not questions

    def pending(self) -> list[Any]:
        from convertly.ai.events import QUESTION_ASKED
        from convertly.platform.events.envelope import DomainEvent
        from convertly.platform.events.outbox import OutboxEventItem
        from convertly.platform.store import keys as platform_keys

        found = []
        for item in OutboxEventItem.query(
            platform_keys.outbox(self.tenant_id), self.after < OutboxEventItem.SK
        ):
            self.after = str(item.SK)
            if item.detail_type == QUESTION_ASKED:
                found.append(DomainEvent.from_detail(str(item.detail_type), json.loads(str(item.detail))))
        return found


def sqs_batch(events: list[Any]) -> dict[str, Any]:
    """The events as the ai-answers queue hands them to the function (EventBridge's envelope)."""
    return {
        "Records": [
            {
                "messageId": str(uuid.uuid4()),
                "receiptHandle": uuid.uuid4().hex,
                "body": json.dumps(
                    {"source": "convertly.crm", "detail-type": event.detail_type, "detail": event.detail()}
                ),
                "attributes": {"ApproximateReceiveCount": "1"},
                "messageAttributes": {},
                "eventSource": "aws:sqs",
                "eventSourceARN": QUEUE_ARN,
                "awsRegion": "us-east-1",
            }
            for event in events
        ]
    }


@dataclass
class ModelSide:
    """What the fake's log shows of one answer's chat requests."""

    results: list[str]  # the tool results the model was given, each once
    requests: int
    summaries: int  # requests that folded older turns into the thread's summary
    problems: int  # request-format problems the fake found


def model_side(logged: list[Any]) -> ModelSide:
    from convertly.ai.questions import SUMMARY_SYSTEM

    results: dict[str, str] = {}
    problems = summaries = 0
    for request in logged:
        problems += len(request.problems)
        body = request.body if isinstance(request.body, dict) else {}
        messages = body.get("messages") or []
        summaries += bool(messages) and messages[0].get("content") == SUMMARY_SYSTEM
        for message in messages:
            if message.get("role") == "tool":
                results[str(message.get("tool_call_id"))] = str(message.get("content") or "")
    return ModelSide(list(results.values()), len(logged), summaries, problems)


def _tool_error(result: str) -> str | None:
    try:
        value = json.loads(result)
    except ValueError:
        return None
    return str(value["error"]) if isinstance(value, dict) and "error" in value else None


def _capacity(calls: list[Any], schema: Any) -> tuple[float, float]:
    from bench.capacity import Capacity, call_capacity

    total = Capacity()
    for call in calls:
        if call.service == "dynamodb":
            total += call_capacity(call.operation, call.params, call.response, call.observed, schema)
    return total.rcu, total.wcu


def answer_one(context: dict[str, Any], asker: Asker, number: int, question: str) -> dict[str, Any]:
    """Ask one question in the asker's thread and run the consumer on its event, metered."""
    from convertly.ai import threads, usage
    from convertly.ai.domain_threads import QuestionCreate
    from convertly.ai.questions import ANSWER_CHARS
    from devstack.fakes.openai_api import CHAT
    from devstack.functions import lambda_context

    meter, fake, outbox, handler = context["meter"], context["fake"], context["outbox"], context["handler"]
    marks = context["marks"]
    tenant_id = asker.principal.tenant_id
    with meter.paused():
        body = QuestionCreate(question=question, request_id=f"bench-{asker.label}-{number:02d}")
        accepted = threads.ask(asker.principal, asker.thread_id, body)
        events = outbox.pending()
        before = usage.of_month(tenant_id)
        logged_from = len(fake.requests)
    started = time.perf_counter()
    with meter.recording() as recording:
        marks.start(recording)
        response = handler(sqs_batch(events), lambda_context("ai_answers"))
    in_tools = marks.inside()
    seconds = time.perf_counter() - started
    with meter.paused():
        after = usage.of_month(tenant_id)
        stored = threads.get_message(tenant_id, asker.thread_id, accepted.answer.message_id)
    if stored is None:
        raise RuntimeError(f"the answer to question {number} is gone from the {asker.label}'s thread")
    side = model_side([request for request in fake.requests[logged_from:] if request.path == CHAT])
    text = str(stored.text or "")
    stated, missing = ungrounded(text, side.results)
    rcu, wcu = _capacity(recording.calls, context["schema"])
    errors = [error for result in side.results if (error := _tool_error(result)) is not None]
    return {
        "number": number,
        "question": question,
        "status": str(stored.status),
        "error": str(stored.error_code or "") or None,
        "batch_failures": len(response.get("batchItemFailures") or []),
        "tool_calls": [str(call["name"]) for call in json.loads(str(stored.tool_calls or "[]"))],
        "tool_errors": errors,
        "model_requests": side.requests,
        "summaries": side.summaries,
        "request_problems": side.problems,
        "prompt_tokens": after.prompt_tokens - before.prompt_tokens,
        "completion_tokens": after.completion_tokens - before.completion_tokens,
        "tokens_recorded": int(stored.tokens or 0),
        "aws_calls": dict(sorted(recording.by_operation().items())),
        "aws_calls_in_tools": len(in_tools),
        "aws_calls_own": dict(
            sorted(Counter(c.operation for i, c in enumerate(recording.calls) if i not in in_tools).items())
        ),
        "rcu": rcu,
        "wcu": wcu,
        "answer_chars": len(text),
        "cut_at_limit": len(text) >= ANSWER_CHARS,
        "cut_in_a_figure": len(text) >= ANSWER_CHARS and text[-1:].isdigit(),
        "answer_start": text[:300],
        "answer_end": text[-200:],
        "citations": len(json.loads(str(stored.citations or "[]"))),
        "figures": stated,
        "ungrounded": missing,
        "grounded": stored.status == "done" and not missing,
        "seconds": round(seconds, 2),
    }


def run(bench: Any, meter: Any, schema: Any, fake: Any) -> dict[str, Any]:
    from bench.spans import Marks, marked
    from convertly.ai import threads, tools
    from convertly.ai.domain_threads import ThreadCreate
    from functions.ai_answers.handler import handler

    _progress("   seeding the demo tenant (devstack/seed.py) ...")
    started = time.perf_counter()
    with meter.paused():
        admin, sales, lead_id = seed(bench)
        outbox = Outbox(admin.principal.tenant_id)
        for asker in (admin, sales):
            title = f"Bench questions ({asker.label})"
            asker.thread_id = threads.create_thread(asker.principal, ThreadCreate(title=title)).thread_id
    seeded = time.perf_counter() - started
    marks = Marks()
    context = {
        "meter": meter,
        "fake": fake,
        "outbox": outbox,
        "handler": handler,
        "schema": schema,
        "marks": marks,
    }
    # Each tool call's AWS calls are told apart from the consumer's own (lease, progress, usage, store).
    with marked(tools, "run", marks, lambda args: lambda: str(args[0])):
        for asker in (admin, sales):
            _progress(f"   the {asker.label} asks {len(QUESTIONS)} questions ...")
            for number, (_, question) in enumerate(QUESTIONS, start=1):
                asked = question.format(lead=lead_id)
                asker.answers.append(answer_one(context, asker, number, asked))
    return {
        "seed_seconds": round(seeded, 1),
        "lead_id": lead_id,
        "askers": {
            asker.label: {"name": asker.principal.name, "answers": asker.answers} for asker in (admin, sales)
        },
    }


# The report ---------------------------------------------------------------------------------------


def totals(answers: list[dict[str, Any]]) -> dict[str, Any]:
    aws = [sum(a["aws_calls"].values()) for a in answers]
    return {
        "answers": len(answers),
        "answered": sum(1 for a in answers if a["status"] == "done"),
        "grounded": sum(1 for a in answers if a["grounded"]),
        "figures": sum(a["figures"] for a in answers),
        "mean_tool_calls": statistics.fmean(len(a["tool_calls"]) for a in answers),
        "mean_model_requests": statistics.fmean(a["model_requests"] for a in answers),
        "summaries": sum(a["summaries"] for a in answers),
        "mean_tokens": statistics.fmean(a["prompt_tokens"] + a["completion_tokens"] for a in answers),
        "mean_prompt_tokens": statistics.fmean(a["prompt_tokens"] for a in answers),
        "mean_completion_tokens": statistics.fmean(a["completion_tokens"] for a in answers),
        "tokens_match_recorded": all(
            a["prompt_tokens"] + a["completion_tokens"] == a["tokens_recorded"] for a in answers
        ),
        "mean_aws_calls": statistics.fmean(aws),
        "max_aws_calls": max(aws),
        "mean_aws_calls_in_tools": statistics.fmean(a["aws_calls_in_tools"] for a in answers),
        "own_aws_calls_by_operation": {
            name: count / len(answers)
            for name, count in sorted(sum((Counter(a["aws_calls_own"]) for a in answers), Counter()).items())
        },
        "aws_calls_by_operation": {
            name: count / len(answers)
            for name, count in sorted(sum((Counter(a["aws_calls"]) for a in answers), Counter()).items())
        },
        "mean_rcu": statistics.fmean(a["rcu"] for a in answers),
        "mean_wcu": statistics.fmean(a["wcu"] for a in answers),
        "cut_at_limit": sum(1 for a in answers if a["cut_at_limit"]),
        "cut_in_a_figure": sum(1 for a in answers if a["cut_in_a_figure"]),
        "tool_errors": sorted({error for a in answers for error in a["tool_errors"]}),
        "tool_error_results": sum(len(a["tool_errors"]) for a in answers),
        "request_problems": sum(a["request_problems"] for a in answers),
    }


_SHORT = {
    "revenue_by_campaign": "revenue",
    "stalling_leads": "stalling",
    "leads_without_followup": "no-followup",
    "stage_counts": "counts",
    "search_leads": "search",
    "lead_details": "details",
}


def _grounding(answer: dict[str, Any]) -> str:
    if answer["status"] != "done":
        return f"{answer['status']} ({answer['error']})"
    figures, missing = answer["figures"], answer["ungrounded"]
    if missing:
        return f"{figures - len(missing)}/{figures} NOT grounded: {' '.join(missing[:5])}"
    return f"{figures}/{figures} grounded" + (" (cut at the limit)" if answer["cut_at_limit"] else "")


def _row(answer: dict[str, Any]) -> str:
    tools = ", ".join(_SHORT.get(name, name) for name in answer["tool_calls"]) or "-"
    calls = ", ".join(f"{name} {count}" for name, count in answer["aws_calls"].items())
    return (
        f"   {answer['number']:>2}  {len(answer['tool_calls'])} [{tools}]"
        f"  tokens {answer['prompt_tokens']:,}+{answer['completion_tokens']:,}"
        f"  AWS {sum(answer['aws_calls'].values())}, tools {answer['aws_calls_in_tools']} ({calls})"
        f"  figures {_grounding(answer)}"
    )


def _summary(summary: dict[str, Any]) -> list[str]:
    by_operation = ", ".join(f"{name} {mean:.2f}" for name, mean in summary["aws_calls_by_operation"].items())
    own = ", ".join(f"{name} {mean:.2f}" for name, mean in summary["own_aws_calls_by_operation"].items())
    lines = [
        f"   mean per answer: {summary['mean_tool_calls']:.2f} tool calls, "
        f"{summary['mean_model_requests']:.2f} model requests ({summary['summaries']} thread summaries in "
        f"all), {summary['mean_tokens']:,.0f} tokens ({summary['mean_prompt_tokens']:,.0f} prompt + "
        f"{summary['mean_completion_tokens']:,.0f} completion; the answers' recorded tokens "
        f"{'match' if summary['tokens_match_recorded'] else 'DIFFER'})",
        f"   AWS calls per answer: {summary['mean_aws_calls']:.1f} (max {summary['max_aws_calls']}): "
        f"{by_operation}; {summary['mean_rcu']:.1f} RCU, {summary['mean_wcu']:.1f} WCU",
        f"   of them in the tools {summary['mean_aws_calls_in_tools']:.1f}; the consumer's own: {own}",
        f"   answered {summary['answered']}/{summary['answers']}, grounded {summary['grounded']}/"
        f"{summary['answers']} (target 20/20) over {summary['figures']:,} figures; "
        f"{summary['cut_at_limit']} answers cut at the answer limit ({summary['cut_in_a_figure']} in a "
        f"figure); request-format problems "
        f"{summary['request_problems']}",
    ]
    for error in summary["tool_errors"]:
        lines.append(f"   a tool answered in words: {error}")
    return lines


def report(result: dict[str, Any], seconds: float) -> list[str]:
    lines = [
        "AI questions: 20 pipeline questions on the demo tenant, answered by the ai_answers consumer",
        f"   demo seed of {DEMO_LEADS} leads: {result['seed_seconds']:.0f} s; the lead asked about: "
        f"{result['lead_id']} (the Sales user's)",
    ]
    for number, (topic, question) in enumerate(QUESTIONS, start=1):
        lines.append(f"   {number:>2}. ({topic}) {question}")
    for label, asked in result["askers"].items():
        lines += [
            "",
            f"{label} ({asked['name']}), one thread (tool calls, tokens prompt+completion, AWS calls, "
            "figures):",
        ]
        lines += [_row(answer) for answer in asked["answers"]]
        lines += _summary(asked["totals"])
    lines += ["", f"   ({seconds:.0f} s)"]
    return lines


def _start_openai() -> Any:
    """The OpenAI fake, with the functions' settings pointed at it before convertly reads them."""
    from devstack.ad_fakes import LOCAL_OPENAI_API_KEY
    from devstack.fakes.openai_api import OpenAIFake

    fake = OpenAIFake("127.0.0.1", 0, api_key=LOCAL_OPENAI_API_KEY).start()
    os.environ.update({"OPENAI_BASE_URL": f"{fake.url}/v1", "OPENAI_API_KEY": LOCAL_OPENAI_API_KEY})
    return fake


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0] if __doc__ else None)
    parser.parse_args(argv)
    started = time.perf_counter()
    from bench import stack

    endpoint = stack.reserve_endpoint()
    fake = _start_openai()
    local, meter, schema = stack.start_metered(endpoint)
    from bench.scenarios import Bench

    captured = io.StringIO()
    try:
        with contextlib.redirect_stdout(captured), contextlib.redirect_stderr(captured):
            meter.install()
            result = run(Bench(local, meter, schema), meter, schema, fake)
    except Exception:
        sys.stderr.write(captured.getvalue()[-20_000:])
        raise
    finally:
        meter.uninstall()
        local.stop()
        fake.stop()
    for asked in result["askers"].values():
        asked["totals"] = totals(asked["answers"])
    seconds = time.perf_counter() - started
    print("\n".join(report(result, seconds)))
    RESULTS.write_text(
        json.dumps(
            {
                "generated_at": datetime.now(UTC).isoformat(timespec="seconds"),
                "seconds": round(seconds, 1),
                "questions": [{"topic": topic, "question": question} for topic, question in QUESTIONS],
                **result,
            },
            indent=2,
        )
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
