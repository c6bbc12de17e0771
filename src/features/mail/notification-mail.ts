/**
 * The email copy of an in-app notification. The job carries the notification id only; the address is read
 * when the mail goes out, so a changed or removed address, a disabled account or a notification already
 * read in the app is respected.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { dossiers, notifications, users } from '../../db/schema.ts';
import type { Mailer, MailMessage } from './mailer.ts';
import { isMailAddress } from './message.ts';

export async function notificationMail(db: Db, notificationId: number): Promise<MailMessage | null> {
  const [row] = await db
    .select({
      title: notifications.title,
      titleEn: notifications.titleEn,
      readAt: notifications.readAt,
      email: users.email,
      disabled: users.disabled,
      code: dossiers.code,
    })
    .from(notifications)
    .innerJoin(users, eq(users.id, notifications.userId))
    .leftJoin(dossiers, eq(dossiers.id, notifications.dossierId))
    .where(eq(notifications.id, notificationId));
  if (!row || row.readAt !== null || row.disabled || !row.email || !isMailAddress(row.email)) return null;
  const text = [
    row.title,
    row.titleEn,
    '',
    ...(row.code ? [`Mã hồ sơ / Dossier code: ${row.code}`, ''] : []),
    'Thư này được gửi tự động từ hệ thống Một cửa điện tử; vui lòng không trả lời.',
    'This message was sent automatically by the one-stop shop system; please do not reply.',
  ].join('\n');
  return { to: row.email, subject: row.title, text };
}

/** Sends it; true when a message went out, false when there was nothing to send. */
export async function mailNotification(db: Db, mailer: Mailer, notificationId: number): Promise<boolean> {
  if (mailer.transport === 'none') return false;
  const message = await notificationMail(db, notificationId);
  if (!message) return false;
  await mailer.send(message);
  return true;
}
