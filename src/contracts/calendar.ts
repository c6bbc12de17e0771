// The working calendar's answers and the official-notice body (public reads; system administrators write).
import { Type, type Static } from 'typebox';
import { durationUnits } from '../domain/catalog/model.ts';
import { IsoDate, StringEnum } from './common.ts';

export const yearDayKinds = ['holiday', 'compensatory', 'day_off', 'make_up_working_day'] as const;

export const YearDay = Type.Object(
  { date: IsoDate, kind: StringEnum(yearDayKinds), name: Type.String(), name_en: Type.String() },
  { title: 'YearDay', additionalProperties: false },
);
export type YearDay = Static<typeof YearDay>;

export const OfficialNotice = Type.Object(
  {
    tetDaysOff: Type.Optional(Type.Array(IsoDate, { maxItems: 10 })),
    nationalDayDaysOff: Type.Optional(Type.Array(IsoDate, { maxItems: 4 })),
    daysOff: Type.Array(
      Type.Object(
        { date: IsoDate, reason: Type.Optional(Type.String({ maxLength: 300 })) },
        { title: 'DayOff', additionalProperties: false },
      ),
      { maxItems: 60 },
    ),
    makeUpWorkingDays: Type.Array(IsoDate, { maxItems: 60 }),
    source: Type.Optional(Type.String({ maxLength: 500 })),
    notes: Type.Optional(Type.String({ maxLength: 2000 })),
  },
  { title: 'OfficialNotice', additionalProperties: false },
);
export type OfficialNotice = Static<typeof OfficialNotice>;

export const YearDays = Type.Object(
  { year: Type.Integer(), days: Type.Array(YearDay) },
  { title: 'YearDays', additionalProperties: false },
);
export type YearDays = Static<typeof YearDays>;

export const CalendarYear = Type.Object(
  {
    year: Type.Integer(),
    source: StringEnum(['stored', 'built_in', 'computed'] as const),
    notice: OfficialNotice,
    days: Type.Array(YearDay),
  },
  { title: 'CalendarYear', additionalProperties: false },
);
export type CalendarYear = Static<typeof CalendarYear>;

export const DeadlineUnit = StringEnum(durationUnits);
export const DeadlineMode = StringEnum(['elapsed', 'end_of_day'] as const);

export const DeadlineAnswer = Type.Object(
  {
    start: Type.String(),
    due: Type.String({ examples: ['2026-02-27T16:00:00+07:00'] }),
    amount: Type.Number(),
    unit: DeadlineUnit,
    mode: DeadlineMode,
  },
  { title: 'Deadline', additionalProperties: false },
);
export type DeadlineAnswer = Static<typeof DeadlineAnswer>;

export const ReceiptTime = Type.Object(
  { at: Type.String(), open: Type.Boolean(), countsFrom: Type.String(), forwardAt: Type.String() },
  { title: 'ReceiptTime', additionalProperties: false },
);
export type ReceiptTime = Static<typeof ReceiptTime>;

export const WorkingTime = Type.Object(
  { from: Type.String(), to: Type.String(), minutes: Type.Integer() },
  { title: 'WorkingTime', additionalProperties: false },
);
export type WorkingTime = Static<typeof WorkingTime>;
