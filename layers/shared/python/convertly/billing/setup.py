"""Create or update the Stripe catalogue from `convertly.billing.plans`: one product and one monthly
price per plan, found by lookup key, so running it again changes nothing.

    python -m convertly.billing.setup        # STRIPE_SECRET_KEY (or STRIPE_SECRET_ARN) names the account

Against localstripe (STRIPE_FLAVOUR=localstripe, STRIPE_API_BASE=...) it creates plans instead of
prices, with the lookup key as the plan's id; `make run` does this itself.
"""

from __future__ import annotations

import sys

from convertly.billing.stripe_gateway import gateway, stripe_errors
from convertly.platform.errors import ConvertlyError


def main() -> int:
    try:
        with stripe_errors():
            for line in gateway().sync_catalogue():
                sys.stdout.write(f"{line}\n")
    except ConvertlyError as error:
        sys.stderr.write(f"{error.message} (set STRIPE_SECRET_KEY or STRIPE_SECRET_ARN)\n")
        return 1
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
