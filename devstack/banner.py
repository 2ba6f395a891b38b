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
    if logins:
        width = max(len(login.role) for login in logins)
        lines.append("  Demo logins")
        lines += [
            f"    {login.role:<{width}}  {login.email}  {login.password}  ({login.tenant})"
            for login in logins
        ]
    else:
        lines.append("  Demo logins   none (sign up at POST /auth/signup)")
    return "\n".join([*lines, ""])
