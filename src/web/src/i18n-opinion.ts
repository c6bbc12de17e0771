// Strings of opinion requests between agencies (liên thông) and of notifications (merged into i18n.ts).

export const opinionVi = {
  opinion: {
    tab: 'Xin ý kiến',
    none: 'Không có hồ sơ nào đang chờ cơ quan bạn cho ý kiến.',
    count: '{{count}} hồ sơ chờ cho ý kiến',
    count_one: '{{count}} hồ sơ chờ cho ý kiến',
    askedBy: 'Cơ quan xin ý kiến',
    askedAgency: 'Cơ quan được hỏi',
    question: 'Nội dung xin ý kiến',
    sentAt: 'Ngày gửi',
    replyDueAt: 'Hạn cho ý kiến',
    replyOverdue: 'Quá hạn cho ý kiến',
    replyWithin: 'Trong hạn',
    section: 'Xin ý kiến cơ quan phối hợp',
    requestFiles: 'Tệp gửi kèm đề nghị',
    answer: 'Ý kiến trả lời',
    answered: 'Đã cho ý kiến',
    answeredAt: 'Ngày trả lời',
    note: 'Ghi chú',
    replyFiles: 'Tệp gửi kèm ý kiến',
    waiting: 'Đang chờ cho ý kiến',
    onlyView:
      'Cơ quan bạn được xin ý kiến về hồ sơ này: bạn xem được hồ sơ, giấy tờ và đề nghị gửi cơ quan bạn.',
    replyWorkingDays: 'Thời hạn cho ý kiến (ngày làm việc)',
    replyWorkingDaysHint: 'Tính theo lịch làm việc của cơ quan được hỏi.',
    attachments: 'Tệp đính kèm',
    attach: 'Thêm tệp đính kèm',
    remove: 'Bỏ tệp {{name}}',
    history: {
      question: 'Nội dung xin ý kiến',
      replyDueAt: 'Hạn cho ý kiến',
      attachments: 'Tệp đính kèm',
      agency: 'Cơ quan cho ý kiến',
    },
  },
};

type OpinionResources = typeof opinionVi;

export const opinionEn: OpinionResources = {
  opinion: {
    tab: 'Opinions asked',
    none: 'No dossier is waiting for your agency’s opinion.',
    count: '{{count}} dossiers awaiting your opinion',
    count_one: '{{count}} dossier awaiting your opinion',
    askedBy: 'Asked by',
    askedAgency: 'Agency asked',
    question: 'Question',
    sentAt: 'Sent',
    replyDueAt: 'Reply due',
    replyOverdue: 'Reply overdue',
    replyWithin: 'Within time',
    section: 'Opinions asked of other agencies',
    requestFiles: 'Files sent with the request',
    answer: 'Opinion given',
    answered: 'Answered',
    answeredAt: 'Answered',
    note: 'Note',
    replyFiles: 'Files sent with the opinion',
    waiting: 'Waiting for the opinion',
    onlyView:
      'Your agency’s opinion is asked on this dossier: you see the dossier, its documents and the request to your agency.',
    replyWorkingDays: 'Reply time (working days)',
    replyWorkingDaysHint: 'Counted by the calendar of the agency asked.',
    attachments: 'Attachments',
    attach: 'Add an attachment',
    remove: 'Remove {{name}}',
    history: {
      question: 'Question',
      replyDueAt: 'Reply due',
      attachments: 'Attachments',
      agency: 'Agency answering',
    },
  },
};
