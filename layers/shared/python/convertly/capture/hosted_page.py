"""The hosted form page: a plain HTML form that works without JavaScript, and its thank-you and
error pages. Everything a visitor or a form's owner wrote is escaped."""

from __future__ import annotations

from collections.abc import Mapping
from html import escape
from typing import Any
from urllib.parse import urlsplit

from convertly.capture.domain import HONEYPOT_FIELD, FieldType, FormField, FormSettings

CAPTCHA_SCRIPTS = {
    "turnstile": ("https://challenges.cloudflare.com/turnstile/v0/api.js", "cf-turnstile"),
    "recaptcha": ("https://www.google.com/recaptcha/api.js", "g-recaptcha"),
}
_CAPTCHA_ORIGINS = {
    "turnstile": ("https://challenges.cloudflare.com",),
    "recaptcha": ("https://www.google.com", "https://www.gstatic.com"),
}
_STYLE = """
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;background:#f4f5f7;
color:#1d2433}
main{max-width:34rem;margin:2rem auto;padding:2rem;background:#fff;border-radius:12px;
box-shadow:0 1px 3px #0002}
h1{font-size:1.5rem;margin:0 0 1.25rem}
.field{margin:0 0 1rem}
label{display:block;font-weight:600;margin:0 0 .25rem}
.check label{display:flex;gap:.5rem;font-weight:400;align-items:flex-start}
input[type=text],input[type=email],input[type=tel],select,textarea{box-sizing:border-box;width:100%;
padding:.6rem .7rem;border:1px solid #9aa3b2;border-radius:8px;font:inherit}
[aria-invalid=true]{border-color:#b42318}
.error{color:#b42318;margin:.25rem 0 0;font-size:.9rem}
.notice{padding:.75rem 1rem;border-radius:8px;background:#fef3f2;color:#7a271a;margin:0 0 1rem}
button{padding:.7rem 1.4rem;border:0;border-radius:8px;background:#1849a9;color:#fff;font:inherit;
font-weight:600;cursor:pointer}
.hp{position:absolute;left:-10000px;width:1px;height:1px;overflow:hidden}
"""


def _attrs(**values: Any) -> str:
    parts = []
    for name, value in values.items():
        if value is None or value is False:
            continue
        key = name.rstrip("_").replace("_", "-")
        parts.append(key if value is True else f'{key}="{escape(str(value))}"')
    return " ".join(parts)


def _input_type(field: FormField) -> str:
    return {FieldType.EMAIL: "email", FieldType.PHONE: "tel"}.get(field.type, "text")


def _control(field: FormField, value: Any, error: str | None) -> str:
    common: dict[str, Any] = {
        "id": f"f-{field.name}",
        "name": field.name,
        "required": field.required,
        "aria_invalid": "true" if error else None,
        "aria_describedby": f"e-{field.name}" if error else None,
    }
    text = "" if value in (None, True, False) else str(value)
    if field.type is FieldType.TEXTAREA:
        attrs = _attrs(**common, rows=5, maxlength=field.limit, placeholder=field.placeholder)
        return f"<textarea {attrs}>{escape(text)}</textarea>"
    if field.type is FieldType.SELECT:
        options = ['<option value="">Choose…</option>'] + [
            f"<option {_attrs(value=option, selected=option == text)}>{escape(option)}</option>"
            for option in field.options
        ]
        return f"<select {_attrs(**common)}>{''.join(options)}</select>"
    attrs = _attrs(
        **common,
        type=_input_type(field),
        value=text or None,
        maxlength=field.limit,
        placeholder=field.placeholder,
        autocomplete={FieldType.EMAIL: "email", FieldType.PHONE: "tel"}.get(field.type),
    )
    return f"<input {attrs}>"


def _field(field: FormField, value: Any, error: str | None) -> str:
    if field.type is FieldType.HIDDEN:
        return f"<input {_attrs(type='hidden', name=field.name, value=field.default or '')}>"
    message = f'<p class="error" id="e-{field.name}">{escape(error)}</p>' if error else ""
    mark = " *" if field.required else ""
    if field.type in (FieldType.CHECKBOX, FieldType.CONSENT):
        box = _attrs(
            type="checkbox",
            id=f"f-{field.name}",
            name=field.name,
            value="on",
            checked=bool(value),
            required=field.required,
            aria_invalid="true" if error else None,
            aria_describedby=f"e-{field.name}" if error else None,
        )
        return (
            f'<div class="field check"><label><input {box}><span>{escape(field.label)}{mark}</span></label>'
            f"{message}</div>"
        )
    return (
        f'<div class="field"><label for="f-{field.name}">{escape(field.label)}{mark}</label>'
        f"{_control(field, value, error)}{message}</div>"
    )


def _page(title: str, body: str, head: str = "") -> str:
    return (
        '<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">'
        '<meta name="viewport" content="width=device-width, initial-scale=1">'
        f'<meta name="robots" content="noindex"><title>{escape(title)}</title><style>{_STYLE}</style>{head}'
        f"</head><body><main>{body}</main></body></html>"
    )


def form_page(
    settings: FormSettings,
    *,
    site_key: str | None,
    hidden: Mapping[str, str],
    values: Mapping[str, Any] | None = None,
    errors: Mapping[str, str] | None = None,
    notice: str | None = None,
) -> str:
    """The form, with the values and messages of a refused post when it is shown again."""
    values, errors = values or {}, errors or {}
    parts = [f"<h1>{escape(settings.name)}</h1>"]
    if notice:
        parts.append(f'<p class="notice" role="alert">{escape(notice)}</p>')
    parts.append('<form method="post" accept-charset="utf-8">')
    parts += [f"<input {_attrs(type='hidden', name=name, value=value)}>" for name, value in hidden.items()]
    parts += [_field(field, values.get(field.name), errors.get(field.name)) for field in settings.fields]
    parts.append(
        f'<div class="hp" aria-hidden="true"><label>Leave this field empty '
        f'<input type="text" name="{HONEYPOT_FIELD}" tabindex="-1" autocomplete="off"></label></div>'
    )
    head = ""
    if settings.captcha and site_key:
        script, widget = CAPTCHA_SCRIPTS[settings.captcha.provider]
        parts.append(f'<div class="field"><div {_attrs(class_=widget, data_sitekey=site_key)}></div></div>')
        head = f'<script src="{script}" async defer></script>'
    parts.append(f'<button type="submit">{escape(settings.submit_label)}</button></form>')
    return _page(settings.name, "".join(parts), head)


def thanks_page(settings: FormSettings) -> str:
    return _page(
        settings.name,
        f'<h1>{escape(settings.name)}</h1><p role="status">{escape(settings.thank_you_message)}</p>',
    )


def message_page(title: str, message: str) -> str:
    return _page(title, f"<h1>{escape(title)}</h1><p>{escape(message)}</p>")


def content_security_policy(settings: FormSettings | None) -> str:
    """The hosted page loads nothing but its captcha, and posts only to itself or the redirect URL."""
    captcha = _CAPTCHA_ORIGINS.get(settings.captcha.provider, ()) if settings and settings.captcha else ()
    form_action = ["'self'"]
    if settings and settings.redirect_url:
        target = urlsplit(settings.redirect_url)
        form_action.append(f"{target.scheme}://{target.netloc}")
    sources = " ".join(captcha)
    directives = [
        "default-src 'none'",
        "style-src 'unsafe-inline'",
        "img-src data:",
        f"form-action {' '.join(form_action)}",
        "base-uri 'none'",
    ]
    if captcha:
        directives += [f"script-src {sources}", f"frame-src {sources}", f"connect-src {sources}"]
    return "; ".join(directives)
