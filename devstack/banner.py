"""What the developer sees once the stack is up."""

from __future__ import annotations

from devstack.seeding import Login


def banner(
    web_url: str,
    web_built: bool,
    api_url: str,
    moto_url: str,
    pool_id: str,
    client_id: str,
    state_dir: str,
    logins: list[Login],
    *,
    demo_form_url: str | None = None,
    stripe_url: str | None = None,
    ad_fakes: dict[str, str] | None = None,
    mail_url: str | None = None,
) -> str:
    web = web_url if web_built else f"{web_url}   (not built: run `make web-build`, then reload)"
    lines = [
        "",
        "Convertly local stack",
        f"  Web app       {web}",
        f"  API           {api_url}",
        f"  API docs      {api_url}/docs",
        f"  AWS (moto)    {moto_url}   (aws --endpoint-url {moto_url} ...)",
        f"  User pool     {pool_id}   client {client_id}",
        f"  State         {state_dir}   (`make reset` wipes it)",
    ]
    if mail_url:
        lines.append(f"  Mail          {mail_url}")
    if stripe_url:
        lines.append(f"  Stripe        {stripe_url}   (localstripe; test cards: 4242 4242 4242 4242 pays,")
        lines.append("                4000 0000 0000 0341 is declined)")
    if ad_fakes:
        lines.append(f"  Google Ads    {ad_fakes['google_ads']}   (fake; OAuth {ad_fakes['google_oauth']})")
        lines.append(
            f"  Meta Graph    {ad_fakes['meta_graph']}   (fake; each fake lists what it got at /__log)"
        )
        if ad_fakes.get("twilio"):
            lines.append(
                f"  Twilio        {ad_fakes['twilio']}   (fake; the demo tenant's texts land at its /__log)"
            )
        if ad_fakes.get("openai"):
            lines.append(
                f"  OpenAI        {ad_fakes['openai']}   (fake; what the AI features asked at its /__log)"
            )
    if logins:
        width = max(len(login.role) for login in logins)
        lines.append("  Demo logins")
        lines += [
            f"    {login.role:<{width}}  {login.email}  {login.password}  ({login.tenant})"
            for login in logins
        ]
    else:
        lines.append("  Demo logins   none (sign up at POST /auth/signup)")
    if demo_form_url:
        lines.append(f"  Demo form     {demo_form_url}   (its hosted page: a submission lands on the board)")
    return "\n".join([*lines, ""])
