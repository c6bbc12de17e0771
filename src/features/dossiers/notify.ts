/**
 * In-app notifications. The applicant hears of what they must act on or collect; officers get near-due
 * and overdue alerts from the background job. A dedupe key makes a repeated alert a no-op.
 */
import type { Tx } from '../../db/client.ts';
import { notifications, type dossiers } from '../../db/schema.ts';
import type { DossierAction, DossierEvent, DossierState } from '../../domain/dossier/index.ts';

const applicantMessages: Partial<Record<DossierAction, { vi: string; en: string }>> = {
  receive: { vi: 'Hồ sơ {code} đã được tiếp nhận.', en: 'Dossier {code} was received.' },
  request_supplement: {
    vi: 'Hồ sơ {code} cần bổ sung, hoàn thiện.',
    en: 'Dossier {code} needs a supplement.',
  },
  refuse: { vi: 'Hồ sơ {code} bị từ chối tiếp nhận.', en: 'Dossier {code} was refused.' },
  request_financial_obligation: {
    vi: 'Hồ sơ {code}: vui lòng thực hiện nghĩa vụ tài chính.',
    en: 'Dossier {code}: please pay the financial obligation.',
  },
  apologize: {
    vi: 'Hồ sơ {code} có ngày hẹn trả mới.',
    en: 'Dossier {code} has a new appointment.',
  },
  issue: { vi: 'Hồ sơ {code} đã có kết quả.', en: 'Dossier {code} has a result.' },
  stop: { vi: 'Hồ sơ {code} đã dừng xử lý.', en: 'Processing of dossier {code} was stopped.' },
};

export interface NotificationInput {
  userId: string;
  dossierId: string | null;
  kind: string;
  dedupeKey: string;
  title: string;
  titleEn: string;
}

export async function notify(tx: Tx, items: NotificationInput[]): Promise<number> {
  return (await notifyNew(tx, items)).length;
}

/** Like notify, answering the notifications actually created (a repeated dedupe key creates none). */
export async function notifyNew(
  tx: Tx,
  items: NotificationInput[],
): Promise<{ id: number; userId: string; dedupeKey: string }[]> {
  if (items.length === 0) return [];
  return tx
    .insert(notifications)
    .values(items)
    .onConflictDoNothing()
    .returning({ id: notifications.id, userId: notifications.userId, dedupeKey: notifications.dedupeKey });
}

export async function notifyApplicant(
  tx: Tx,
  row: typeof dossiers.$inferSelect,
  event: DossierEvent,
  state: DossierState,
): Promise<void> {
  const message = applicantMessages[event.action];
  if (!message || row.applicantUserId === null || event.actor.role === 'applicant') return;
  const code = state.code ?? row.code ?? '';
  await notify(tx, [
    {
      userId: row.applicantUserId,
      dossierId: row.id,
      kind: `dossier.${event.action}`,
      dedupeKey: `${row.id}:${event.seq}`,
      title: message.vi.replace('{code}', code),
      titleEn: message.en.replace('{code}', code),
    },
  ]);
}
