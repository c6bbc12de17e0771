// The "Xin ý kiến" inbox (GET /api/v1/opinion-requests): dossiers of other agencies waiting for the opinion
// of the caller's agencies. Imports only TypeBox, the domain and the contracts.
import { Type, type Static } from 'typebox';
import { dossierStatuses } from '../domain/dossier/index.ts';
import { NullableString, StringEnum } from './common.ts';
import { DossierStanding } from './dossiers.ts';

const At = Type.String({ format: 'date-time' });
const Named = (title: string) =>
  Type.Object({ code: Type.String(), name: Type.String() }, { additionalProperties: false, title });

export const OpinionRequestItem = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    code: NullableString,
    status: StringEnum(dossierStatuses),
    statusName: Type.Object(
      { vi: Type.String(), en: Type.String() },
      { additionalProperties: false, title: 'StatusName' },
    ),
    procedure: Named('DossierProcedureRef'),
    agency: Named('DossierAgency'),
    applicantName: Type.String(),
    askedAgency: Named('AskedAgency'),
    question: NullableString,
    sentAt: At,
    replyDueAt: Type.Union([At, Type.Null()]),
    replyOverdue: Type.Boolean({ description: 'Past the reply due time, by the asked agency’s calendar' }),
    dueAt: Type.Union([At, Type.Null()], { description: 'The dossier’s own appointment' }),
    standing: DossierStanding,
    version: Type.Integer(),
  },
  { additionalProperties: false, title: 'OpinionRequest' },
);
export type OpinionRequestItem = Static<typeof OpinionRequestItem>;

export const OpinionRequestList = Type.Object(
  {
    items: Type.Array(OpinionRequestItem),
    total: Type.Integer(),
    totalIsCapped: Type.Boolean({ description: 'More than 10,000 requests match; total is 10,000' }),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  },
  { additionalProperties: false, title: 'OpinionRequestList' },
);
export type OpinionRequestList = Static<typeof OpinionRequestList>;
