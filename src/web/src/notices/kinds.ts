import { actionDefinitions } from '../../../domain/dossier/transitions.ts';
import type { DossierAction } from '../../../domain/dossier/model.ts';

export interface NoticeKind {
  vi: string;
  en: string;
  /** Badge fill; white text on it keeps 4.5:1. */
  colour: string;
}

/**
 * What each kind of notice is called on its badge. The notice's own sentence comes from the server in both
 * languages, so a new kind needs only a line here (and shows as a plain notice until it has one).
 */
export const noticeKinds: Record<string, NoticeKind> = {
  'dossier.near_due': { vi: 'Sắp đến hạn', en: 'Due soon', colour: '#a35200' },
  'dossier.overdue': { vi: 'Quá hạn', en: 'Overdue', colour: '#c92a2a' },
  'dossier.receive': { vi: 'Đã tiếp nhận', en: 'Received', colour: '#1864ab' },
  'dossier.request_supplement': { vi: 'Cần bổ sung', en: 'Supplement needed', colour: '#a61e4d' },
  'dossier.refuse': { vi: 'Từ chối tiếp nhận', en: 'Refused', colour: '#343a40' },
  'dossier.request_financial_obligation': {
    vi: 'Nghĩa vụ tài chính',
    en: 'Fees to pay',
    colour: '#862e9c',
  },
  'dossier.apologize': { vi: 'Hẹn lại ngày trả', en: 'New appointment', colour: '#a35200' },
  'dossier.issue': { vi: 'Đã có kết quả', en: 'Result ready', colour: '#1b5e20' },
  'dossier.stop': { vi: 'Dừng xử lý', en: 'Stopped', colour: '#343a40' },
  'dossier.opinion_requested': { vi: 'Xin ý kiến', en: 'Opinion asked', colour: '#0b7285' },
  'dossier.opinion_given': { vi: 'Đã cho ý kiến', en: 'Opinion given', colour: '#0b7285' },
};

const plain: NoticeKind = { vi: 'Thông báo', en: 'Notice', colour: '#495057' };

/** The kind's label: from the table, else the dossier action it names, else "Notice". */
export function noticeKind(kind: string): NoticeKind {
  const known = noticeKinds[kind];
  if (known) return known;
  const action = kind.startsWith('dossier.') ? kind.slice('dossier.'.length) : '';
  if (Object.hasOwn(actionDefinitions, action)) {
    const d = actionDefinitions[action as DossierAction];
    return { vi: d.vi, en: d.en, colour: plain.colour };
  }
  return plain;
}
