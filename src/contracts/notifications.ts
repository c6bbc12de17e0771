// The caller's in-app notifications (GET /api/v1/me/notifications, POST …/read). Imports only TypeBox and
// the contracts.
import { Type, type Static } from 'typebox';
import { NullableString, Pagination } from './common.ts';

export const Notification = Type.Object(
  {
    id: Type.Integer(),
    kind: Type.String({
      description:
        'dossier.near_due, dossier.overdue, dossier.opinion_requested (an agency asks yours), dossier.opinion_given, or dossier.<action> for the applicant',
      examples: ['dossier.overdue'],
    }),
    title: Type.String({ description: 'Vietnamese' }),
    titleEn: Type.String({ description: 'English' }),
    dossierCode: NullableString,
    createdAt: Type.String({ format: 'date-time' }),
    readAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()]),
  },
  { additionalProperties: false, title: 'Notification' },
);
export type Notification = Static<typeof Notification>;

export const NotificationList = Type.Object(
  {
    items: Type.Array(Notification),
    total: Type.Integer({ description: 'Notifications matching the filter' }),
    unread: Type.Integer({ description: 'All unread notifications of the caller' }),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  },
  { additionalProperties: false, title: 'NotificationList' },
);
export type NotificationList = Static<typeof NotificationList>;

export const NotificationListQuery = Type.Object(
  {
    unread: Type.Optional(Type.Boolean({ description: 'Only those not read yet' })),
    ...Pagination,
  },
  { additionalProperties: false },
);

export const MarkReadBody = Type.Object(
  {
    ids: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1 }), {
        maxItems: 500,
        description: 'The notifications to mark read; without it, all of the caller’s',
      }),
    ),
  },
  { additionalProperties: false, title: 'MarkNotificationsRead' },
);

export const MarkReadResult = Type.Object(
  {
    marked: Type.Integer({ description: 'Notifications that were unread and now are read' }),
    unread: Type.Integer(),
  },
  { additionalProperties: false, title: 'MarkNotificationsReadResult' },
);
export type MarkReadResult = Static<typeof MarkReadResult>;
