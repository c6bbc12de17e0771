/** The applicant as stored on a new dossier: from the form, completed from the filer's account online. */
import type { StoredApplicant, users } from '../../../db/schema.ts';
import { AppError } from '../../../domain/errors.ts';

export interface ApplicantInput {
  kind?: 'citizen' | 'business' | undefined;
  name?: string | undefined;
  personalId?: string | null | undefined;
  taxCode?: string | null | undefined;
  organizationName?: string | null | undefined;
  phone?: string | null | undefined;
  email?: string | null | undefined;
  address?: string | null | undefined;
  capacity?: 'owner' | 'filer' | 'representative' | undefined;
  representative?: { name: string; personalId?: string | null; phone?: string | null } | null | undefined;
  authorisation?: { number: string; date?: string | null; issuer?: string | null } | null | undefined;
}

export type Account = Pick<
  typeof users.$inferSelect,
  'id' | 'kind' | 'fullName' | 'personalId' | 'taxCode' | 'organizationName' | 'phone' | 'email' | 'address'
>;

export function applicantFrom(
  input: ApplicantInput | undefined,
  account: Account | undefined,
): StoredApplicant {
  const capacity = input?.capacity ?? 'owner';
  const kind = input?.kind ?? (account?.kind === 'business' ? 'business' : 'citizen');
  const name = (input?.name ?? account?.fullName ?? '').trim();
  if (name === '') throw new AppError('REQUIRED_FIELD', { field: 'applicant/name' });
  const personalId = input?.personalId ?? account?.personalId ?? null;
  const taxCode = input?.taxCode ?? account?.taxCode ?? null;
  if (kind === 'citizen' && personalId === null && capacity === 'owner' && account === undefined)
    throw new AppError('REQUIRED_FIELD', { field: 'applicant/personalId' });
  if (capacity === 'representative' && !input?.authorisation)
    throw new AppError('REQUIRED_FIELD', { field: 'applicant/authorisation' });
  if (capacity !== 'owner' && !input?.representative)
    throw new AppError('REQUIRED_FIELD', { field: 'applicant/representative' });
  return {
    kind,
    name,
    personalId,
    taxCode,
    organizationName: input?.organizationName ?? account?.organizationName ?? null,
    phone: input?.phone ?? account?.phone ?? null,
    email: input?.email ?? account?.email ?? null,
    address: input?.address ?? account?.address ?? null,
    capacity,
    representative: input?.representative
      ? {
          name: input.representative.name,
          personalId: input.representative.personalId ?? null,
          phone: input.representative.phone ?? null,
        }
      : null,
    authorisation: input?.authorisation
      ? {
          number: input.authorisation.number,
          date: input.authorisation.date ?? null,
          issuer: input.authorisation.issuer ?? null,
        }
      : null,
  };
}
