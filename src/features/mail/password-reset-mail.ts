/**
 * The password-reset email. The job carries the user id and the site's address; the token is created here,
 * when the mail goes out, so the plain token is never stored (not even in the job queue) and the address,
 * a disabled account or a removed email are read at that moment.
 */
import { eq } from 'drizzle-orm';
import type { Db } from '../../db/client.ts';
import { users } from '../../db/schema.ts';
import { issueResetToken, RESET_TOKEN_MINUTES } from '../auth/reset-tokens.ts';
import type { Mailer, MailMessage } from './mailer.ts';
import { isMailAddress } from './message.ts';

/** The page of the web app that takes the token (src/web/src/pages/ResetPasswordPage.tsx). */
export const RESET_PAGE_PATH = '/dat-lai-mat-khau';

export interface PasswordResetMailPayload {
  userId: string;
  /** Scheme, host and port the link points at, without a trailing slash. */
  baseUrl: string;
}

export async function passwordResetMail(
  db: Db,
  payload: PasswordResetMailPayload,
  now: Date,
): Promise<MailMessage | null> {
  return db.transaction(async (tx) => {
    const [user] = await tx
      .select({ email: users.email, fullName: users.fullName, disabled: users.disabled })
      .from(users)
      .where(eq(users.id, payload.userId));
    if (!user || user.disabled || !user.email || !isMailAddress(user.email)) return null;
    const token = await issueResetToken(tx, payload.userId, now);
    const link = `${payload.baseUrl}${RESET_PAGE_PATH}?token=${encodeURIComponent(token)}`;
    const text = [
      `Xin chào ${user.fullName},`,
      '',
      'Chúng tôi nhận được yêu cầu đặt lại mật khẩu tài khoản của bạn trên hệ thống Một cửa điện tử.',
      `Mở liên kết dưới đây để đặt mật khẩu mới. Liên kết chỉ dùng được một lần, trong ${RESET_TOKEN_MINUTES} phút:`,
      '',
      link,
      '',
      'Nếu bạn không yêu cầu, hãy bỏ qua thư này: mật khẩu của bạn không thay đổi.',
      '',
      `We received a request to reset your password. Open the link above to choose a new one; it works once, for ${RESET_TOKEN_MINUTES} minutes.`,
      'If you did not ask for this, ignore this message: your password is unchanged.',
      '',
      'Thư này được gửi tự động từ hệ thống Một cửa điện tử; vui lòng không trả lời.',
      'This message was sent automatically by the one-stop shop system; please do not reply.',
    ].join('\n');
    return { to: user.email, subject: 'Đặt lại mật khẩu (Password reset)', text };
  });
}

/**
 * Creates the link and sends it; true when a message went out. A failed send leaves a token nobody has;
 * the retry issues a new one, which replaces it.
 */
export async function mailPasswordReset(
  db: Db,
  mailer: Mailer,
  payload: PasswordResetMailPayload,
  now: Date,
): Promise<boolean> {
  if (mailer.transport === 'none') return false;
  const message = await passwordResetMail(db, payload, now);
  if (!message) return false;
  await mailer.send(message);
  return true;
}
