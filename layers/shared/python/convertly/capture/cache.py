"""Published forms kept in the function's memory, so a warm container reads no form to take a post.

A form's tenant never changes, so the route from a public id to its tenant is kept for the life of
the container; the form itself for `form_cache_seconds` (60 s by default), with whether its tenant is
suspended. An edit, unpublish, delete or suspension therefore reaches a warm container within that
time (docs/architecture.md). A form that is
not found (or not published) is remembered for a few seconds only, so a fresh publish shows soon.
"""

from __future__ import annotations

import json
import time
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass

from convertly.capture import store as repo
from convertly.capture.domain import FormSettings
from convertly.platform.config import get_settings

MISSING_SECONDS = 5.0
MAX_FORMS = 1024


@dataclass
class PublishedForm:
    """A published form as the submit path uses it; `secret` is the opened captcha secret, once needed."""

    tenant_id: str
    form_id: str
    settings: FormSettings
    sealed_secret: str | None
    pipeline_id: str
    stage_id: str
    secret: str | None = None
    suspended: bool = False  # the tenant is suspended: the form takes no submissions for now


def load_published(form_id: str, tenant_of: Callable[[str], str | None]) -> PublishedForm | None:
    """The published form behind a public id: its tenant (from the route), then the form (eventually
    consistent: the cache is the staler of the two anyway)."""
    tenant_id = tenant_of(form_id)
    if tenant_id is None:
        return None
    item = repo.get_form(tenant_id, form_id, consistent=False)
    if item is None or item.status != "published":
        return None
    settings = FormSettings.model_validate(json.loads(item.settings))
    return PublishedForm(
        suspended=_suspended(tenant_id),
        tenant_id=tenant_id,
        form_id=form_id,
        settings=settings,
        sealed_secret=item.captcha_secret,
        pipeline_id=str(settings.pipeline_id),
        stage_id=str(settings.stage_id),
    )


def _suspended(tenant_id: str) -> bool:
    """Whether the tenant is suspended (read with the form, so it reaches a warm container as an
    edit does, within the cache's time)."""
    from convertly.platform import access

    try:
        return bool(access.TenantAccessItem.get(*access.tenant_key(tenant_id)).status == access.SUSPENDED)
    except access.TenantAccessItem.DoesNotExist:
        return False


class FormCache:
    """Published forms by public id, each kept for `ttl_seconds`."""

    def __init__(
        self,
        ttl_seconds: float | None = None,
        clock: Callable[[], float] = time.monotonic,
        loader: Callable[[str, Callable[[str], str | None]], PublishedForm | None] = load_published,
    ) -> None:
        self._ttl = get_settings().form_cache_seconds if ttl_seconds is None else ttl_seconds
        self._clock = clock
        self._loader = loader
        self._forms: OrderedDict[str, tuple[float, PublishedForm | None]] = OrderedDict()
        self._tenants: OrderedDict[str, str] = OrderedDict()

    def published(self, form_id: str) -> PublishedForm | None:
        now = self._clock()
        entry = self._forms.get(form_id)
        if entry is not None and now < entry[0]:
            self._forms.move_to_end(form_id)
            return entry[1]
        form = self._loader(form_id, self._tenant_of)
        self._forms[form_id] = (now + (self._ttl if form else min(self._ttl, MISSING_SECONDS)), form)
        self._forms.move_to_end(form_id)
        while len(self._forms) > MAX_FORMS:
            self._forms.popitem(last=False)
        return form

    def _tenant_of(self, form_id: str) -> str | None:
        tenant_id = self._tenants.get(form_id)
        if tenant_id is None:
            tenant_id = repo.tenant_of_form(form_id)
            if tenant_id is not None:
                self._tenants[form_id] = tenant_id
                while len(self._tenants) > MAX_FORMS * 4:
                    self._tenants.popitem(last=False)
        return tenant_id

    def clear(self) -> None:
        """Forget every form (a new container); the tenants of public ids stay, as they never change."""
        self._forms.clear()
