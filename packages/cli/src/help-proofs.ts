import { STORE_OPTION } from './help-store-option.js';

const EXIT_CODES = 'Exit codes: 0 the proof holds (or was written), 1 it does not hold or cannot be made, or the store could not be read, 2 bad arguments or input.';

/** `csp-onprem consistency --help`. */
export const consistencyHelp = `Usage: csp-onprem consistency --from <older digest> --to <newer digest> --store <address>
                              [--out <file> [--force]] [--public-key <pem>]
       csp-onprem consistency --check <proof file> [--public-key <pem>]

Proves that the log only grew between two digests (tree heads written by csp-onprem digest):
nothing the older one covered was removed, changed, reordered or renumbered since. Made
from the store, the proof (csp-onprem-consistency-proof/1: both heads and the RFC 9162
consistency path) is then checked anywhere, offline, from the two heads it carries.

Options:
  --from <file>        The older digest.
  --to <file>          The newer digest.
${STORE_OPTION}
  --out <file>         Write the proof to a file instead of stdout (never over the store or an
                       input; an existing file only with --force).
  --force              Replace an existing --out file.
  --check <file>       Check a proof offline instead: no store is read.
  --public-key <pem>   The Ed25519 public key the heads must be signed with (checked in both
                       modes; without it the heads' signatures are NOT checked, and the output
                       says so).
  -h, --help           Show this help.

${EXIT_CODES}`;

/** `csp-onprem prove --help`. */
export const proveHelp = `Usage: csp-onprem prove --event <position> --digest <file> --store <address>
                        [--out <file> [--force]] [--public-key <pem>]
       csp-onprem prove --check <proof file> --digest <file> [--public-key <pem>]

Proves that one event (a key view, a completed cancellation) is in the log a digest (a tree
head written by csp-onprem digest) covers. Made from the store, the proof
(csp-onprem-inclusion-proof/1: the event's position, stream, version and record hash, its
leaf index and the RFC 9162 audit path) is then checked anywhere, offline, against the digest.

Options:
  --event <position>   The global position of the event (as export and replay show it).
  --digest <file>      The digest the event is proven in.
${STORE_OPTION}
  --out <file>         Write the proof to a file instead of stdout (never over the store or an
                       input; an existing file only with --force).
  --force              Replace an existing --out file.
  --check <file>       Check a proof offline against --digest instead: no store is read.
  --public-key <pem>   The Ed25519 public key the digest must be signed with (without it the
                       signature is NOT checked, and the output says so).
  -h, --help           Show this help.

${EXIT_CODES}`;
