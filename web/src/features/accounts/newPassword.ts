// Choosing a password (an invited person's first one, a change on the profile page): the pool's rules,
// checked before sending so the person reads what is missing at once. The API checks them again.

export const PASSWORD_RULES = "At least 10 characters, with upper and lower case letters, a number and a symbol.";

/** What the password still lacks, in words; null when it follows the rules. */
export function passwordProblem(password: string): string | null {
  const missing: string[] = [];
  if (!/[a-z]/.test(password)) missing.push("a lower case letter");
  if (!/[A-Z]/.test(password)) missing.push("an upper case letter");
  if (!/[0-9]/.test(password)) missing.push("a number");
  if (!/[^A-Za-z0-9]/.test(password)) missing.push("a symbol");
  if (password.length < 10) {
    return missing.length ? `Use at least 10 characters, with ${joinWords(missing)}` : "Use at least 10 characters";
  }
  return missing.length ? `Add ${joinWords(missing)}` : null;
}

/** The confirmation's problem: none once it repeats the password. */
export function confirmationProblem(password: string, confirmation: string): string | null {
  if (!confirmation) return "Type the new password again";
  return password === confirmation ? null : "The passwords do not match";
}

/** The problems of a new password and its confirmation, by input; empty when both are good. */
export function newPasswordErrors(
  password: string,
  confirmation: string,
): { password?: string; confirmation?: string } {
  const errors: { password?: string; confirmation?: string } = {};
  const weak = passwordProblem(password);
  if (weak) errors.password = weak;
  const mismatch = confirmationProblem(password, confirmation);
  if (mismatch) errors.confirmation = mismatch;
  return errors;
}

function joinWords(words: readonly string[]): string {
  if (words.length <= 1) return words.join("");
  return `${words.slice(0, -1).join(", ")} and ${words[words.length - 1]}`;
}

/** The login page's link parameters: the invitation email's link is /login?invited=1&email=<email>. */
export function invitationFrom(params: URLSearchParams): { invited: boolean; email: string } {
  const invited = params.get("invited");
  return { invited: invited === "1" || invited === "true", email: (params.get("email") ?? "").trim() };
}
