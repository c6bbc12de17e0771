// Staff accounts and their roles: answers and request bodies.
import { Type, type Static } from 'typebox';
import { staffRoles } from '../domain/access/roles.ts';
import { AgencyCode, NullableString, StringEnum } from './common.ts';

export const StaffRole = StringEnum(staffRoles);
export type StaffRole = Static<typeof StaffRole>;

export const StaffGrant = Type.Object(
  {
    id: Type.Integer(),
    role: StaffRole,
    agencyCode: NullableString,
    agencyName: NullableString,
    unitId: Type.Union([Type.Integer(), Type.Null()]),
  },
  { title: 'StaffGrant', additionalProperties: false },
);
export type StaffGrant = Static<typeof StaffGrant>;

export const Staff = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    username: Type.String(),
    fullName: Type.String(),
    email: NullableString,
    phone: NullableString,
    disabled: Type.Boolean(),
    version: Type.Integer(),
    roles: Type.Array(StaffGrant, { description: 'Only the roles held in agencies the caller may see' }),
    actions: Type.Array(Type.String()),
  },
  { title: 'Staff', additionalProperties: false },
);
export type Staff = Static<typeof Staff>;

export const StaffList = Type.Object(
  {
    items: Type.Array(Staff),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  },
  { title: 'StaffList', additionalProperties: false },
);
export type StaffList = Static<typeof StaffList>;

export const RoleGrantBody = Type.Object(
  {
    role: StaffRole,
    agency: Type.Optional(AgencyCode),
    unitId: Type.Optional(Type.Integer({ minimum: 1 })),
  },
  { title: 'RoleGrant', additionalProperties: false },
);
export type RoleGrantBody = Static<typeof RoleGrantBody>;

export const CreateStaffBody = Type.Object(
  {
    username: Type.String({ pattern: '^[a-zA-Z0-9._-]{3,50}$' }),
    fullName: Type.String({ minLength: 1, maxLength: 200 }),
    email: Type.Optional(Type.String({ maxLength: 254 })),
    phone: Type.Optional(Type.String({ maxLength: 20 })),
    password: Type.String({ minLength: 1, maxLength: 200 }),
    roles: Type.Array(RoleGrantBody, { minItems: 1, maxItems: 50 }),
  },
  { title: 'CreateStaff', additionalProperties: false },
);
export type CreateStaffBody = Static<typeof CreateStaffBody>;

export const UpdateStaffBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1 }),
    fullName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
    email: Type.Optional(Type.Union([Type.String({ maxLength: 254 }), Type.Null()])),
    phone: Type.Optional(Type.Union([Type.String({ maxLength: 20 }), Type.Null()])),
    disabled: Type.Optional(Type.Boolean()),
  },
  { title: 'UpdateStaff', additionalProperties: false },
);
export type UpdateStaffBody = Static<typeof UpdateStaffBody>;
