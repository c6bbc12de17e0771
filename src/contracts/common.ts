// Shapes every area shares: the error body, paging, nullable text, agency codes, office hours.
// Contracts import only the domain, so the server, the web (as types) and the tests can all import them.
import { Type, type Static, type TSchema, type TUnsafe } from 'typebox';
import { refusalMessages } from '../domain/dossier/index.ts';
import { errorMessages } from '../domain/errors.ts';

export { Instant, IsoDate } from '../domain/formats.ts';

export const ErrorBody = Type.Object(
  {
    error: Type.Object({
      code: StringEnum(
        [
          ...new Set([
            ...Object.keys(errorMessages),
            ...Object.keys(refusalMessages).map((c) => c.toUpperCase()),
          ]),
        ],
        {
          description: 'Stable error code',
        },
      ),
      message: Type.String({ description: 'Vietnamese message' }),
      message_en: Type.String({ description: 'English message' }),
      field: Type.Optional(
        Type.String({ description: 'The offending field, as a path like roles/0/agency' }),
      ),
      details: Type.Optional(Type.Object({}, { additionalProperties: true })),
    }),
  },
  { title: 'Error' },
);

/**
 * Adds the common error responses to a route's response schemas so the OpenAPI document lists them.
 * Every route may also answer 503 (database unavailable, with Retry-After).
 */
export function responses<T extends Record<number, TSchema>>(ok: T, errors: number[] = [400, 401, 403, 404]) {
  const result: Record<number, TSchema> = { ...ok };
  for (const status of [...errors, 503]) result[status] = ErrorBody;
  return result as T & Record<number, TSchema>;
}

/** A string or null, the shape of optional text columns in responses. */
export const NullableString = Type.Union([Type.String(), Type.Null()]);

export const AgencyCode = Type.String({
  pattern: '^\\d{3}\\.\\d{2}\\.\\d{2}\\.[A-Z]\\d{2}$',
  description: 'QCVN 102 agency identifier',
  examples: ['000.00.12.H18'],
});

export const Time = Type.String({ pattern: '^([01]\\d|2[0-3]):[0-5]\\d$', description: 'HH:MM, 24 h' });

export const OfficeHours = Type.Object(
  {
    periods: Type.Array(Type.Object({ from: Time, to: Time }, { additionalProperties: false }), {
      minItems: 1,
      maxItems: 6,
    }),
    seasons: Type.Optional(
      Type.Array(
        Type.Object(
          {
            from: Type.String({ pattern: '^(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$', description: 'MM-DD' }),
            to: Type.String({ pattern: '^(0[1-9]|1[0-2])-(0[1-9]|[12]\\d|3[01])$', description: 'MM-DD' }),
            periods: Type.Array(Type.Object({ from: Time, to: Time }, { additionalProperties: false }), {
              minItems: 1,
              maxItems: 6,
            }),
          },
          { additionalProperties: false },
        ),
        { maxItems: 12 },
      ),
    ),
  },
  { additionalProperties: false, description: 'Office hours; null means 07:00–11:30 and 13:30–17:00' },
);
export type OfficeHours = Static<typeof OfficeHours>;

export const Pagination = {
  page: Type.Integer({ minimum: 1, maximum: 100000, default: 1 }),
  pageSize: Type.Integer({ minimum: 1, maximum: 200, default: 20 }),
};

/** A string enum as plain JSON Schema (`enum`), typed as the union of its values. */
export function StringEnum<const T extends readonly string[]>(
  values: T,
  options: { description?: string } = {},
): TUnsafe<T[number]> {
  return Type.Unsafe<T[number]>({ type: 'string', enum: [...values], ...options });
}
