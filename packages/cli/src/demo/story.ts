import * as E from 'fp-ts/lib/Either.js';
import { buyOrder } from './buy.js';
import { actors, customers } from './cast.js';
import { completeCancellation, refusedAfterWindow, rejectCancellation, requestCancellation } from './cancellations.js';
import { heading, moveTo, type DemoContext } from './context.js';
import { globalAdminSoftwareList, otherTenantRefused } from './customer-view.js';
import { copyLink, download } from './downloads.js';
import { getKey } from './keys.js';
import { storyPurchases, type StoryPurchases } from './purchases.js';
import type { DemoFailure } from './steps.js';

type Chapter = (ctx: DemoContext, p: StoryPurchases) => Promise<E.Either<DemoFailure, void>>;

/** Day 0: Contoso's order of two lines. */
const contosoBuys: Chapter = async (ctx, p) => {
  moveTo(ctx, 0, 9 * 60);
  return buyOrder(ctx, 'buy-contoso', [p.contosoSql, p.contosoWindows]);
};

/** Days 1-2: keys for both lines, the SQL Server key seen again, downloaded and its link copied. */
const partnerGetsKeysAndDownloads: Chapter = async (ctx, p) => {
  moveTo(ctx, 1, 10 * 60);
  const sqlKey = await getKey(ctx, 'get-key-contoso-sql', actors.partnerAdmin, p.contosoSql, 'got keys');
  if (E.isLeft(sqlKey)) return sqlKey;
  const windowsKey = await getKey(ctx, 'get-key-contoso-windows', actors.partnerAdmin, p.contosoWindows, 'got keys');
  if (E.isLeft(windowsKey)) return windowsKey;
  moveTo(ctx, 2, 11 * 60);
  const viewed = await getKey(ctx, 'view-key-contoso-sql', actors.partnerAdmin, p.contosoSql, 'viewed the key again');
  if (E.isLeft(viewed)) return viewed;
  const downloaded = await download(ctx, 'download-contoso-sql', actors.partnerAdmin, p.contosoSql);
  if (E.isLeft(downloaded)) return downloaded;
  return copyLink(ctx, 'copy-link-contoso-sql', actors.partnerAdmin, p.contosoSql);
};

/** Day 3: Contoso's GlobalAdmin sees the key and the software list; Fabrikam's GlobalAdmin may not. */
const customerLooks: Chapter = async (ctx, p) => {
  moveTo(ctx, 3, 8 * 60 + 30);
  const seen = await getKey(ctx, 'global-admin-key-contoso-sql', actors.contosoGlobalAdmin, p.contosoSql, 'saw the key in the Microsoft 365 admin center');
  if (E.isLeft(seen)) return seen;
  const listed = await globalAdminSoftwareList(ctx, 'global-admin-list-contoso', actors.contosoGlobalAdmin, customers.contoso);
  if (E.isLeft(listed)) return listed;
  return otherTenantRefused(ctx, 'outsider-key-contoso-sql', actors.fabrikamGlobalAdmin, p.contosoSql);
};

/** Days 10-12: Windows Server is cancelled inside the window; Support completes it with full credit. */
const cancelInsideWindow: Chapter = async (ctx, p) => {
  moveTo(ctx, 10, 14 * 60);
  const ticket = await requestCancellation(ctx, 'cancel-contoso-windows', p.contosoWindows, 'subscription', 'Ordered the wrong edition: Standard was needed');
  if (E.isLeft(ticket)) return ticket;
  moveTo(ctx, 12, 9 * 60 + 15);
  return completeCancellation(ctx, 'complete-contoso-windows', p.contosoWindows, ticket.right);
};

/** Day 30: Fabrikam's order; the partner gets the key, Fabrikam's GlobalAdmin downloads. */
const fabrikamBuys: Chapter = async (ctx, p) => {
  moveTo(ctx, 30, 9 * 60);
  const bought = await buyOrder(ctx, 'buy-fabrikam', [p.fabrikamSql]);
  if (E.isLeft(bought)) return bought;
  moveTo(ctx, 30, 9 * 60 + 20);
  const key = await getKey(ctx, 'get-key-fabrikam-sql', actors.partnerAdmin, p.fabrikamSql, 'got keys');
  if (E.isLeft(key)) return key;
  moveTo(ctx, 31, 16 * 60);
  return download(ctx, 'global-admin-download-fabrikam-sql', actors.fabrikamGlobalAdmin, p.fabrikamSql);
};

/** Days 40-42: a cancellation of Fabrikam's order that Support rejects; the purchase stays active. */
const cancellationRejected: Chapter = async (ctx, p) => {
  moveTo(ctx, 40, 13 * 60);
  const ticket = await requestCancellation(ctx, 'cancel-fabrikam-sql', p.fabrikamSql, 'order', 'Customer changed its mind');
  if (E.isLeft(ticket)) return ticket;
  moveTo(ctx, 42, 10 * 60);
  return rejectCancellation(ctx, 'reject-fabrikam-sql', p.fabrikamSql, ticket.right, 'the keys were already activated in production');
};

/** Day 70: too late to cancel Contoso's SQL Server. */
const cancellationTooLate: Chapter = async (ctx, p) => {
  moveTo(ctx, 70, 15 * 60);
  return refusedAfterWindow(ctx, 'cancel-contoso-sql-late', p.contosoSql, 'Project cancelled');
};

const chapters: readonly Chapter[] = [
  contosoBuys,
  partnerGetsKeysAndDownloads,
  customerLooks,
  cancelInsideWindow,
  fabrikamBuys,
  cancellationRejected,
  cancellationTooLate,
];

/** Plays the whole Partner Center guide, one narrated line per step, stopping at the first unexpected outcome. */
export async function playStory(ctx: DemoContext): Promise<E.Either<DemoFailure, StoryPurchases>> {
  const purchases = storyPurchases(ctx.ids);
  heading(ctx, 'Story (times in UTC)');
  for (const chapter of chapters) {
    const done = await chapter(ctx, purchases);
    if (E.isLeft(done)) return done;
  }
  return E.right(purchases);
}
