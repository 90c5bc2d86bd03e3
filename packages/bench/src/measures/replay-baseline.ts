import { createHash } from 'node:crypto';
import { rawRows } from '../stores/raw-rows.js';
import { Stopwatch } from './chunks.js';
import { throughputResult, type MeasureResult, type MeasureSpec, type ReadModelSummary } from './measure-spec.js';

interface Fold {
  status: 'active' | 'cancellation-pending' | 'cancelled';
  keys: Map<string, { revoked: boolean; views: number }>;
  downloads: number;
  linkCopies: number;
  paid: number;
}

interface Data {
  paid?: { amount: number };
  variant?: { version: string; language: string; bitness: string };
}

/**
 * The practical limit of a replay: the same rows read with the driver, `JSON.parse`d, and
 * folded by a hand-written mutable loop into the counts of every purchase and of who acted
 * with which role. No decode, no hash, no immutability: nothing any engine could skip.
 */
export async function measureBaselineReplay(spec: MeasureSpec): Promise<Omit<MeasureResult, 'peakRssMb'>> {
  const stopwatch = new Stopwatch();
  const folds = new Map<string, Fold>();
  const byRole = new Map<string, number>();
  let events = 0;
  await stopwatch.time(async () => {
    for await (const page of rawRows(spec.target)) {
      for (const row of page) {
        const data = JSON.parse(row.data) as Data;
        const meta = JSON.parse(row.meta) as { actingRole: string };
        events += 1;
        byRole.set(meta.actingRole, (byRole.get(meta.actingRole) ?? 0) + 1);
        let fold = folds.get(row.stream_id);
        if (fold === undefined) {
          if (row.type !== 'Purchased') continue;
          fold = { status: 'active', keys: new Map(), downloads: 0, linkCopies: 0, paid: data.paid?.amount ?? 0 };
          folds.set(row.stream_id, fold);
          continue;
        }
        const v = data.variant;
        const key = v === undefined ? '' : `${v.version}|${v.language}|${v.bitness}`;
        switch (row.type) {
          case 'KeyIssued':
            fold.keys.set(key, { revoked: false, views: 0 });
            break;
          case 'KeyViewed': {
            const k = fold.keys.get(key);
            if (k !== undefined) k.views += 1;
            break;
          }
          case 'KeyRevoked': {
            const k = fold.keys.get(key);
            if (k !== undefined) k.revoked = true;
            break;
          }
          case 'Downloaded':
            fold.downloads += 1;
            break;
          case 'LinkCopied':
            fold.linkCopies += 1;
            break;
          case 'CancelRequested':
            fold.status = 'cancellation-pending';
            break;
          case 'CancelCompleted':
            fold.status = 'cancelled';
            break;
          case 'CancelRejected':
            fold.status = 'active';
            break;
        }
      }
    }
  });
  const summary: ReadModelSummary = { purchases: 0, active: 0, pending: 0, cancelled: 0, keys: 0, revokedKeys: 0, views: 0, downloads: 0, linkCopies: 0, paidCents: 0 };
  const s = summary as { -readonly [K in keyof ReadModelSummary]: number };
  for (const fold of folds.values()) {
    s.purchases += 1;
    if (fold.status === 'active') s.active += 1;
    else if (fold.status === 'cancellation-pending') s.pending += 1;
    else s.cancelled += 1;
    for (const key of fold.keys.values()) {
      s.keys += 1;
      if (key.revoked) s.revokedKeys += 1;
      s.views += key.views;
    }
    s.downloads += fold.downloads;
    s.linkCopies += fold.linkCopies;
    s.paidCents += fold.paid;
  }
  return throughputResult(spec, { operations: events, events, seconds: stopwatch.seconds, mismatches: { count: 0, first: [] } }, {
    summary,
    details: { roles: byRole.size },
  });
}

/**
 * The practical limit of `verify`: the same rows read with the driver, both JSON columns
 * parsed, one SHA-256 per row over its stored text, and each `prevHash` checked against the
 * stream's previous `hash`. No canonical form and no decode.
 */
export async function measureBaselineVerify(spec: MeasureSpec): Promise<Omit<MeasureResult, 'peakRssMb'>> {
  const stopwatch = new Stopwatch();
  const heads = new Map<string, string>();
  let events = 0;
  let broken = 0;
  await stopwatch.time(async () => {
    for await (const page of rawRows(spec.target)) {
      for (const row of page) {
        JSON.parse(row.data);
        JSON.parse(row.meta);
        const previous = heads.get(row.stream_id);
        if (previous !== undefined && previous !== row.prev_hash) broken += 1;
        createHash('sha256').update(row.prev_hash).update('\n').update(row.data).update(row.meta).digest('hex');
        heads.set(row.stream_id, row.hash);
        events += 1;
      }
    }
  });
  return throughputResult(spec, { operations: events, events, seconds: stopwatch.seconds, mismatches: { count: broken, first: broken > 0 ? [`${broken} rows do not continue their stream's chain`] : [] } }, {
    details: { streams: heads.size },
  });
}
