import * as E from 'fp-ts/lib/Either.js';

/**
 * Runs `work` but answers `onTimeout()` if it has not settled within `ms` milliseconds, so a
 * server that accepts connections and never answers cannot hang the caller. The abandoned
 * work keeps running and its outcome is ignored.
 */
export async function withinTime<L, A>(ms: number, onTimeout: () => L, work: () => Promise<E.Either<L, A>>): Promise<E.Either<L, A>> {
  let timer: NodeJS.Timeout | undefined;
  const expiry = new Promise<E.Either<L, A>>((resolve) => {
    timer = setTimeout(() => resolve(E.left(onTimeout())), ms);
  });
  try {
    return await Promise.race([work(), expiry]);
  } finally {
    clearTimeout(timer);
  }
}
