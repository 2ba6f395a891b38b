import type { ReactNode } from "react";
import { Logo } from "../../layout/icons";
import { useViaReferral } from "../affiliates/public/useViaReferral";

/** The public pages' frame (log in, sign up, password reset, partners); `?via=<code>` on any of them is a partner's referral link. */
export function AuthLayout({ title, subtitle, children, footer }: { title: string; subtitle?: string; children: ReactNode; footer?: ReactNode }) {
  useViaReferral();
  return (
    <div className="auth-page">
      <main className="auth-card" aria-labelledby="auth-title">
        <div className="auth-brand">
          <Logo />
          <span>Convertly</span>
        </div>
        <h1 id="auth-title">{title}</h1>
        {subtitle && <p className="auth-subtitle">{subtitle}</p>}
        {children}
        {footer && <div className="auth-footer">{footer}</div>}
      </main>
      <p className="auth-tagline">Every ad click, followed to revenue.</p>
    </div>
  );
}
