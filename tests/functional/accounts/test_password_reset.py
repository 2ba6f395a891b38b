"""Password reset through the API: asking for a code answers 202 alike for an account that exists and
one that does not (no way to find out who has an account)."""

from __future__ import annotations

from tests.functional.conftest import Api, sign_up, unique_email


def test_asking_for_a_reset_code_answers_the_same_whether_or_not_the_account_exists(api: Api) -> None:
    account = sign_up(api)
    known = api.call("POST", "/auth/password/forgot", {"email": account.email})
    unknown = api.call("POST", "/auth/password/forgot", {"email": unique_email("nobody")})
    assert known == unknown == (202, {"message": "If the account exists, a reset code is on its way"})
