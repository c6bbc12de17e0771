// Who is logged in, the profile, and the account's request bodies (login, registration, passwords).
import { Type, type Static } from 'typebox';
import { staffRoles, userKinds } from '../domain/access/roles.ts';
import { NullableString, StringEnum } from './common.ts';

export const UserKind = StringEnum(userKinds);

/** Who is logged in, from the session alone: what every page asks. */
export const Me = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: UserKind,
    username: Type.String(),
    fullName: Type.String(),
    roles: Type.Array(
      Type.Object(
        { role: StringEnum(staffRoles), agencyId: Type.Union([Type.Integer(), Type.Null()]) },
        { title: 'MeRole', additionalProperties: false },
      ),
    ),
    csrfToken: Type.String(),
  },
  { title: 'Me', additionalProperties: false },
);
export type Me = Static<typeof Me>;

/** The session of the browser: as /api/v1/me, or null for a visitor. */
export const Session = Type.Object(
  { me: Type.Union([Me, Type.Null()]) },
  { title: 'Session', additionalProperties: false },
);
export type Session = Static<typeof Session>;

export const Profile = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    kind: UserKind,
    username: Type.String(),
    fullName: Type.String(),
    personalId: NullableString,
    taxCode: NullableString,
    organizationName: NullableString,
    phone: NullableString,
    email: NullableString,
    address: NullableString,
    roles: Type.Array(
      Type.Object(
        { role: StringEnum(staffRoles), agencyCode: NullableString, agencyName: NullableString },
        { title: 'ProfileRole', additionalProperties: false },
      ),
    ),
    csrfToken: Type.String(),
  },
  { title: 'Profile', additionalProperties: false },
);
export type Profile = Static<typeof Profile>;

export const ProfileBody = Type.Object(
  {
    phone: Type.Optional(Type.String({ minLength: 1, maxLength: 20 })),
    email: Type.Optional(Type.Union([Type.String({ maxLength: 254 }), Type.Null()])),
    address: Type.Optional(Type.Union([Type.String({ maxLength: 500 }), Type.Null()])),
  },
  { title: 'ProfileChange', additionalProperties: false },
);
export type ProfileBody = Static<typeof ProfileBody>;

export const PasswordBody = Type.Object(
  {
    currentPassword: Type.String({ minLength: 1, maxLength: 200 }),
    newPassword: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { title: 'PasswordChange', additionalProperties: false },
);
export type PasswordBody = Static<typeof PasswordBody>;

export const Done = Type.Object({ ok: Type.Boolean() }, { title: 'Done', additionalProperties: false });
export type Done = Static<typeof Done>;

export const LoginBody = Type.Object(
  {
    username: Type.String({
      minLength: 1,
      maxLength: 100,
      description: 'Staff username, personal ID number or tax code',
    }),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { title: 'Login', additionalProperties: false },
);
export type LoginBody = Static<typeof LoginBody>;

export const LoginResult = Type.Object(
  {
    userId: Type.String({ format: 'uuid' }),
    csrfToken: Type.String({ description: 'Send as X-CSRF-Token on every state-changing request' }),
    expiresAt: Type.String({ format: 'date-time' }),
  },
  { title: 'LoginResult', additionalProperties: false },
);
export type LoginResult = Static<typeof LoginResult>;

export const RegisterBody = Type.Object(
  {
    kind: StringEnum(['citizen', 'business'] as const),
    personalId: Type.Optional(Type.String({ maxLength: 12, description: '12-digit personal ID number' })),
    taxCode: Type.Optional(Type.String({ maxLength: 14 })),
    organizationName: Type.Optional(Type.String({ minLength: 1, maxLength: 300 })),
    fullName: Type.String({ minLength: 1, maxLength: 200 }),
    phone: Type.String({ minLength: 1, maxLength: 20 }),
    email: Type.Optional(Type.String({ maxLength: 254 })),
    address: Type.Optional(Type.String({ maxLength: 500 })),
    password: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { title: 'Register', additionalProperties: false },
);
export type RegisterBody = Static<typeof RegisterBody>;

export const PasswordResetBody = Type.Object(
  {
    login: Type.String({
      minLength: 1,
      maxLength: 254,
      description: 'Username, personal ID number, tax code or the account’s email address',
    }),
  },
  { title: 'PasswordResetRequest', additionalProperties: false },
);
export type PasswordResetBody = Static<typeof PasswordResetBody>;

export const PasswordResetConfirmBody = Type.Object(
  {
    token: Type.String({ minLength: 1, maxLength: 200, description: 'The token from the emailed link' }),
    newPassword: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { title: 'PasswordResetConfirm', additionalProperties: false },
);
export type PasswordResetConfirmBody = Static<typeof PasswordResetConfirmBody>;
