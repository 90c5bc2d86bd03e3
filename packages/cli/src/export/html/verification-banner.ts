import type { Verification } from '../../verified/verification.js';
import { escapeHtml as h } from './escape.js';

/**
 * The page's verification, drawn where nobody can miss it: an unverified export gets a red
 * banner at the top of the screen and, printed, on every page (a fixed element repeats on each
 * printed page); a verified one says what it was verified against under the title.
 */
export function verificationBanner(verification: Verification): string {
  if (verification.verified) return `<p class="verification verified" role="note">${h(verification.statement)}</p>`;
  const failures = verification.failures.map((failure) => `<li>${h(failure)}</li>`).join('');
  return `<div class="verification unverified" role="alert"><strong>UNVERIFIED</strong>: ${h(verification.statement.replace(/^UNVERIFIED: /, ''))}</div>
<details class="verification-failures"><summary>Why this export is not verified (${verification.failures.length})</summary><ul>${failures}</ul></details>`;
}

/** The banner's styles: on screen at the top; printed, on every page. */
export const verificationStyles = `
.verification { margin: 8px 0 12px; padding: 8px 12px; border-radius: 6px; }
.verification.verified { background: #e3f8ec; color: #196c3e; border: 1px solid #3eac70; }
.verification.unverified { position: sticky; top: 0; z-index: 10; background: #a61b1b; color: #ffffff; font-weight: 600; border: 2px solid #610404; }
.verification-failures { margin: 0 0 12px; color: #a61b1b; }
@media print {
  .verification.unverified { position: fixed; top: 0; left: 0; right: 0; margin: 0; border-radius: 0; }
  body.unverified { padding-top: 72px; }
}
`;
