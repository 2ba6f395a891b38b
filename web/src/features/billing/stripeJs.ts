// Stripe.js for the card form, loaded on demand from the URL the API names (`stripe_js_url`): the
// local stack serves localstripe's stand-in there, whose confirmCardSetup posts the card to localstripe.

import type { CardDetails } from "./cardForm";

interface StripeError {
  message?: string;
}

interface SetupIntentResult {
  error?: StripeError | null;
  setupIntent?: { payment_method?: string | { id: string } | null; status?: string } | null;
}

export interface StripeClient {
  confirmCardSetup(
    clientSecret: string,
    data: { payment_method: { card: CardDetails; billing_details?: { address?: { postal_code?: string } } } },
  ): Promise<SetupIntentResult>;
}

type StripeFactory = (publishableKey: string) => StripeClient;

declare global {
  interface Window {
    Stripe?: StripeFactory;
  }
}

const loaded = new Map<string, Promise<StripeFactory>>();

export function loadStripeJs(url: string, doc: Document = document): Promise<StripeFactory> {
  const known = loaded.get(url);
  if (known) return known;
  const loading = new Promise<StripeFactory>((resolve, reject) => {
    const script = doc.createElement("script");
    script.src = url;
    script.async = true;
    script.onload = () => {
      const factory = doc.defaultView?.Stripe;
      if (typeof factory === "function") resolve(factory);
      else reject(new Error("The payment form could not start: Stripe.js did not load"));
    };
    script.onerror = () => {
      script.remove();
      reject(new Error("The payment form could not reach Stripe: check your connection and try again"));
    };
    doc.head.append(script);
  });
  loaded.set(url, loading);
  loading.catch(() => loaded.delete(url));
  return loading;
}

/** The payment method a confirmed SetupIntent holds, or the reason Stripe gave for refusing the card. */
export function setupResult(result: SetupIntentResult): { paymentMethod: string } | { error: string } {
  if (result.error) return { error: result.error.message || "The card was not accepted" };
  const method = result.setupIntent?.payment_method;
  const id = typeof method === "string" ? method : method?.id;
  if (!id) return { error: "The card could not be saved: try again" };
  return { paymentMethod: id };
}

export async function confirmCard(
  setup: { client_secret: string; publishable_key: string | null; stripe_js_url: string },
  card: CardDetails,
  postalCode: string,
): Promise<string> {
  if (!setup.publishable_key) throw new Error("Payments are not configured for this workspace");
  const Stripe = await loadStripeJs(setup.stripe_js_url);
  const stripe = Stripe(setup.publishable_key);
  const result = setupResult(
    await stripe.confirmCardSetup(setup.client_secret, {
      payment_method: { card, ...(postalCode ? { billing_details: { address: { postal_code: postalCode } } } : {}) },
    }),
  );
  if ("error" in result) throw new Error(result.error);
  return result.paymentMethod;
}
