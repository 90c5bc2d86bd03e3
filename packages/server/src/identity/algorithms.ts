/**
 * The signature algorithms a token may use: asymmetric ones only, so that no one holding the
 * public keys (everyone) can sign, and `none` never.
 */
export const ASYMMETRIC_ALGORITHMS: readonly string[] = ['RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512', 'ES256', 'ES384', 'ES512', 'EdDSA', 'Ed25519'];

/** The algorithms of a list that are asymmetric; the whole asymmetric list when none is given. */
export function asymmetricOnly(algorithms: readonly string[] | undefined): string[] {
  const wanted = algorithms ?? ASYMMETRIC_ALGORITHMS;
  const kept = wanted.filter((alg) => ASYMMETRIC_ALGORITHMS.includes(alg));
  if (kept.length === 0) throw new Error(`no asymmetric algorithm among ${wanted.join(', ')}: tokens must be signed with a private key (${ASYMMETRIC_ALGORITHMS.join(', ')})`);
  return kept;
}
