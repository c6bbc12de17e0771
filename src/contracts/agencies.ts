// The agency directory's answers and request bodies.
import { Type, type Static } from 'typebox';
import { agencyLevels } from '../domain/access/roles.ts';
import { AgencyCode, NullableString, OfficeHours, StringEnum } from './common.ts';

export const AgencyLevel = StringEnum(agencyLevels);
export type AgencyLevel = Static<typeof AgencyLevel>;

export const Unit = Type.Object(
  { id: Type.Integer(), code: NullableString, name: Type.String() },
  { title: 'Unit', additionalProperties: false },
);
export type Unit = Static<typeof Unit>;

export const Agency = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    shortName: NullableString,
    level: AgencyLevel,
    parentCode: NullableString,
    address: NullableString,
    phone: NullableString,
    email: NullableString,
    officeHours: Type.Union([OfficeHours, Type.Null()]),
    isOneStopDesk: Type.Boolean(),
    version: Type.Integer(),
    units: Type.Array(Unit),
    actions: Type.Array(Type.String(), { description: 'What the caller may do with this agency now' }),
  },
  { title: 'Agency', additionalProperties: false },
);
export type Agency = Static<typeof Agency>;

export const AgencyList = Type.Object(
  { items: Type.Array(Agency) },
  { title: 'AgencyList', additionalProperties: false },
);
export type AgencyList = Static<typeof AgencyList>;

export const CreateAgencyBody = Type.Object(
  {
    code: AgencyCode,
    name: Type.String({ minLength: 1, maxLength: 300 }),
    shortName: Type.Optional(Type.String({ maxLength: 100 })),
    level: AgencyLevel,
    parentCode: Type.Optional(Type.Union([AgencyCode, Type.Null()])),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    phone: Type.Optional(Type.String({ maxLength: 30 })),
    email: Type.Optional(Type.String({ maxLength: 254 })),
    officeHours: Type.Optional(Type.Union([OfficeHours, Type.Null()])),
    isOneStopDesk: Type.Optional(Type.Boolean()),
  },
  { title: 'CreateAgency', additionalProperties: false },
);
export type CreateAgencyBody = Static<typeof CreateAgencyBody>;

export const UpdateAgencyBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'The version read; a stale one is refused with 409' }),
    name: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    shortName: Type.Optional(Type.Union([Type.String({ maxLength: 100 }), Type.Null()])),
    address: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
    phone: Type.Optional(Type.Union([Type.String({ maxLength: 30 }), Type.Null()])),
    email: Type.Optional(Type.Union([Type.String({ maxLength: 254 }), Type.Null()])),
    officeHours: Type.Optional(Type.Union([OfficeHours, Type.Null()])),
    isOneStopDesk: Type.Optional(Type.Boolean()),
    parentCode: Type.Optional(Type.Union([AgencyCode, Type.Null()])),
  },
  { title: 'UpdateAgency', additionalProperties: false },
);
export type UpdateAgencyBody = Static<typeof UpdateAgencyBody>;

export const CreateUnitBody = Type.Object(
  {
    name: Type.String({ minLength: 1, maxLength: 300 }),
    code: Type.Optional(Type.String({ maxLength: 50 })),
  },
  { title: 'CreateUnit', additionalProperties: false },
);
export type CreateUnitBody = Static<typeof CreateUnitBody>;
