// Small pieces the contact and company pages share: a label-value row, a tag list, links, an address,
// a load error.

import type { ReactNode } from "react";
import { Link } from "react-router";
import { ApiError, errorMessage } from "../../api/errors";
import { Alert, Button, EmptyState } from "../../components/ui";
import { websiteHref } from "./labels";
import { addressLines, readAddress } from "./read";

export function Detail({ label, children }: { label: string; children?: ReactNode }) {
  return (
    <div className="detail-row">
      <dt>{label}</dt>
      <dd>{children || <span className="muted">—</span>}</dd>
    </div>
  );
}

// These answer null for nothing to show, so a Detail row shows its dash instead.
export function tagList(tags: readonly string[]): ReactNode {
  if (tags.length === 0) return null;
  return (
    <ul className="tags" aria-label="Tags">
      {tags.map((tag) => (
        <li key={tag} className="tag">
          {tag}
        </li>
      ))}
    </ul>
  );
}

export function emailLink(email: string | null): ReactNode {
  return email ? <a href={`mailto:${email}`}>{email}</a> : null;
}

export function phoneLink(phone: string | null): ReactNode {
  return phone ? <a href={`tel:${phone.replace(/[^+\d]/g, "")}`}>{phone}</a> : null;
}

export function websiteLink(website: string | null): ReactNode {
  return website ? (
    <a href={websiteHref(website)} target="_blank" rel="noreferrer noopener">
      {website}
    </a>
  ) : null;
}

/** A contact's or a company's address (an open object), a line each. */
export function addressBlock(address: Readonly<Record<string, unknown>>): ReactNode {
  const lines = addressLines(readAddress(address));
  if (lines.length === 0) return null;
  return (
    <address className="address">
      {lines.map((line) => (
        <span key={line} className="block">
          {line}
        </span>
      ))}
    </address>
  );
}

/** A contact's or a company's page that could not be read: missing, not theirs, or failed. */
export function LoadError({
  error,
  noun,
  back,
  retry,
}: {
  error: unknown;
  noun: "contact" | "company";
  back: { to: string; label: string };
  retry: () => void;
}) {
  const link = (
    <Link to={back.to} className="btn btn-secondary">
      {back.label}
    </Link>
  );
  if (error instanceof ApiError && error.status === 404) {
    return (
      <EmptyState title={noun === "contact" ? "Contact not found" : "Company not found"}>
        <p>It may have been removed, or the link is wrong. {link}</p>
      </EmptyState>
    );
  }
  if (error instanceof ApiError && error.status === 403) {
    return (
      <EmptyState title={`No access to this ${noun}`}>
        <p>
          {error.message}. {link}
        </p>
      </EmptyState>
    );
  }
  return (
    <Alert title={`The ${noun} could not be loaded`} actions={<Button onClick={retry}>Try again</Button>}>
      {errorMessage(error)}
    </Alert>
  );
}
