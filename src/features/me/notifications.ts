/**
 * The caller's in-app notifications: a page of them, newest first, and marking them read. Every query is
 * bound to the caller's user id: nobody reads or marks another person's notifications.
 */
import { and, count, desc, eq, inArray, isNull } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { dossiers, notifications } from '../../db/schema.ts';
import type { NotificationList as NotificationPage } from '../../contracts/notifications.ts';

export type {
  Notification as NotificationView,
  NotificationList as NotificationPage,
} from '../../contracts/notifications.ts';

async function unreadCount(db: Db, userId: string): Promise<number> {
  const [row] = await db
    .select({ n: count() })
    .from(notifications)
    .where(and(eq(notifications.userId, userId), isNull(notifications.readAt)));
  return row?.n ?? 0;
}

export async function listNotifications(
  db: Db,
  userId: string,
  query: { unread?: boolean | undefined; page: number; pageSize: number },
): Promise<NotificationPage> {
  const where = and(
    eq(notifications.userId, userId),
    query.unread ? isNull(notifications.readAt) : undefined,
  );
  const [rows, [total], unread] = await Promise.all([
    db
      .select({
        id: notifications.id,
        kind: notifications.kind,
        title: notifications.title,
        titleEn: notifications.titleEn,
        dossierCode: dossiers.code,
        createdAt: notifications.createdAt,
        readAt: notifications.readAt,
      })
      .from(notifications)
      .leftJoin(dossiers, eq(dossiers.id, notifications.dossierId))
      .where(where)
      .orderBy(desc(notifications.createdAt), desc(notifications.id))
      .limit(query.pageSize)
      .offset((query.page - 1) * query.pageSize),
    db.select({ n: count() }).from(notifications).where(where),
    unreadCount(db, userId),
  ]);
  return {
    items: rows.map((r) => ({
      ...r,
      createdAt: r.createdAt.toISOString(),
      readAt: r.readAt?.toISOString() ?? null,
    })),
    total: total?.n ?? 0,
    unread,
    page: query.page,
    pageSize: query.pageSize,
  };
}

/** Marks the given notifications (or, without ids, all of them) read; ids of others are ignored. */
export async function markNotificationsRead(
  db: Db,
  userId: string,
  ids: number[] | undefined,
  now: Date,
): Promise<{ marked: number; unread: number }> {
  const marked = await db
    .update(notifications)
    .set({ readAt: now })
    .where(
      and(
        eq(notifications.userId, userId),
        isNull(notifications.readAt),
        ids === undefined ? undefined : inArray(notifications.id, ids.length > 0 ? ids : [-1]),
      ),
    )
    .returning({ id: notifications.id });
  return { marked: marked.length, unread: await unreadCount(db, userId) };
}
