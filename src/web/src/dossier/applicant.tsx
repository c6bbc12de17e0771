import { Fieldset, Radio, SimpleGrid, Stack, TextInput } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { CreateDossierBody, Profile } from '../api/dossiers.ts';
import { DateField } from '../ui/DateField.tsx';

export interface ApplicantState {
  kind: 'citizen' | 'business';
  name: string;
  personalId: string;
  taxCode: string;
  organizationName: string;
  phone: string;
  email: string;
  address: string;
  capacity: 'owner' | 'filer' | 'representative';
  repName: string;
  repPersonalId: string;
  repPhone: string;
  authNumber: string;
  /** 'YYYY-MM-DD' or ''. */
  authDate: string;
  /** The date typed is not one (dd/mm/yyyy): `authDate` still holds the last date typed. */
  authDateBad: boolean;
  authIssuer: string;
}

export function emptyApplicant(): ApplicantState {
  return {
    kind: 'citizen',
    name: '',
    personalId: '',
    taxCode: '',
    organizationName: '',
    phone: '',
    email: '',
    address: '',
    capacity: 'owner',
    repName: '',
    repPersonalId: '',
    repPhone: '',
    authNumber: '',
    authDate: '',
    authDateBad: false,
    authIssuer: '',
  };
}

/** The applicant as the account says: the owner of the dossier is the person filing it. */
export function applicantFromProfile(p: Profile): ApplicantState {
  return {
    ...emptyApplicant(),
    kind: p.kind === 'business' ? 'business' : 'citizen',
    name: p.fullName,
    personalId: p.personalId ?? '',
    taxCode: p.taxCode ?? '',
    organizationName: p.organizationName ?? '',
    phone: p.phone ?? '',
    email: p.email ?? '',
    address: p.address ?? '',
  };
}

const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

/** Whether the applicant may be sent: a date typed that is not one is shown beside its field, not sent. */
export function applicantReady(s: ApplicantState): boolean {
  return !(s.capacity === 'representative' && s.authDateBad);
}

export function applicantBody(s: ApplicantState): NonNullable<CreateDossierBody['applicant']> {
  const business = s.kind === 'business';
  return {
    kind: s.kind,
    ...(s.name.trim() ? { name: s.name.trim() } : {}),
    personalId: orNull(s.personalId),
    taxCode: business ? orNull(s.taxCode) : null,
    organizationName: business ? orNull(s.organizationName) : null,
    phone: orNull(s.phone),
    email: orNull(s.email),
    address: orNull(s.address),
    capacity: s.capacity,
    representative:
      s.capacity === 'owner'
        ? null
        : { name: s.repName.trim(), personalId: orNull(s.repPersonalId), phone: orNull(s.repPhone) },
    authorisation:
      s.capacity === 'representative'
        ? { number: s.authNumber.trim(), date: orNull(s.authDate), issuer: orNull(s.authIssuer) }
        : null,
  };
}

/** Every API field this form shows an error for. */
export const applicantFields = [
  'applicant/kind',
  'applicant/name',
  'applicant/personalId',
  'applicant/taxCode',
  'applicant/organizationName',
  'applicant/phone',
  'applicant/email',
  'applicant/address',
  'applicant/capacity',
  'applicant/representative',
  'applicant/representative/name',
  'applicant/representative/personalId',
  'applicant/representative/phone',
  'applicant/authorisation',
  'applicant/authorisation/number',
  'applicant/authorisation/date',
  'applicant/authorisation/issuer',
] as const;

export function ApplicantFields({
  value,
  onChange,
  errorOf,
  disabled,
  chooseKind,
  profile,
  ownerExtra,
}: {
  value: ApplicantState;
  onChange: (next: ApplicantState) => void;
  errorOf: (field: string) => string | undefined;
  disabled?: boolean;
  /** The desk chooses citizen or business; online, the account decides. */
  chooseKind?: boolean;
  /** Online: the account holder becomes the filer when filing for someone else. */
  profile?: Profile | undefined;
  /** Shown under the owner's identity fields (the desk's offer to prefill from the personal ID number). */
  ownerExtra?: ReactNode;
}) {
  const { t } = useTranslation();
  const set = (patch: Partial<ApplicantState>) => onChange({ ...value, ...patch });
  const text = (
    key: Exclude<keyof ApplicantState, 'authDateBad'>,
    field: string,
    label: string,
    extra: object = {},
  ) => (
    <TextInput
      label={label}
      value={value[key]}
      onChange={(e) => set({ [key]: e.currentTarget.value })}
      error={errorOf(field)}
      disabled={disabled}
      {...extra}
    />
  );
  const setCapacity = (capacity: ApplicantState['capacity']) => {
    if (!profile) return set({ capacity });
    // Filing for someone else: the account holder is the filer, the owner's details are typed in.
    if (capacity === 'owner') onChange({ ...applicantFromProfile(profile), capacity });
    else if (value.capacity === 'owner')
      onChange({
        ...emptyApplicant(),
        kind: value.kind,
        capacity,
        repName: profile.fullName,
        repPersonalId: profile.personalId ?? '',
        repPhone: profile.phone ?? '',
      });
    else set({ capacity });
  };
  const business = value.kind === 'business';
  return (
    <Stack gap="sm">
      <Radio.Group
        label={t('applicant.capacity')}
        value={value.capacity}
        onChange={(v) => setCapacity(v)}
        error={errorOf('applicant/capacity')}
      >
        <Stack gap={6} mt={6}>
          <Radio value="owner" label={t('applicant.capacities.owner')} disabled={disabled} />
          <Radio value="filer" label={t('applicant.capacities.filer')} disabled={disabled} />
          <Radio
            value="representative"
            label={t('applicant.capacities.representative')}
            disabled={disabled}
          />
        </Stack>
      </Radio.Group>
      {chooseKind && (
        <Radio.Group
          label={t('applicant.kind')}
          value={value.kind}
          onChange={(v) => set({ kind: v })}
          error={errorOf('applicant/kind')}
        >
          <Stack gap={6} mt={6}>
            <Radio value="citizen" label={t('applicant.kinds.citizen')} disabled={disabled} />
            <Radio value="business" label={t('applicant.kinds.business')} disabled={disabled} />
          </Stack>
        </Radio.Group>
      )}
      <Fieldset legend={t('applicant.owner')} disabled={disabled}>
        <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
          {business &&
            text('organizationName', 'applicant/organizationName', t('applicant.organizationName'))}
          {business && text('taxCode', 'applicant/taxCode', t('applicant.taxCode'), { inputMode: 'numeric' })}
          {text(
            'name',
            'applicant/name',
            business ? t('applicant.legalRepresentative') : t('applicant.name'),
            {
              required: true,
              autoComplete: value.capacity === 'owner' ? 'name' : 'off',
            },
          )}
          {text('personalId', 'applicant/personalId', t('applicant.personalId'), {
            inputMode: 'numeric',
            maxLength: 12,
            description: t('applicant.personalIdHint'),
          })}
          {text('phone', 'applicant/phone', t('applicant.phone'), { type: 'tel', autoComplete: 'tel' })}
          {text('email', 'applicant/email', t('applicant.email'), { type: 'email', autoComplete: 'email' })}
        </SimpleGrid>
        {ownerExtra}
        <Stack mt="sm">{text('address', 'applicant/address', t('applicant.address'))}</Stack>
      </Fieldset>
      {value.capacity !== 'owner' && (
        <Fieldset legend={t(`applicant.filerLegend.${value.capacity}`)} disabled={disabled}>
          <SimpleGrid cols={{ base: 1, sm: 2 }} spacing="sm">
            <TextInput
              label={t('applicant.repName')}
              required
              value={value.repName}
              onChange={(e) => set({ repName: e.currentTarget.value })}
              error={errorOf('applicant/representative/name') ?? errorOf('applicant/representative')}
            />
            {text('repPersonalId', 'applicant/representative/personalId', t('applicant.repPersonalId'), {
              inputMode: 'numeric',
              maxLength: 12,
            })}
            {text('repPhone', 'applicant/representative/phone', t('applicant.repPhone'), { type: 'tel' })}
          </SimpleGrid>
        </Fieldset>
      )}
      {value.capacity === 'representative' && (
        <Fieldset legend={t('applicant.authorisation')} disabled={disabled}>
          <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="sm">
            <TextInput
              label={t('applicant.authNumber')}
              required
              value={value.authNumber}
              onChange={(e) => set({ authNumber: e.currentTarget.value })}
              error={errorOf('applicant/authorisation/number') ?? errorOf('applicant/authorisation')}
            />
            <DateField
              label={t('applicant.authDate')}
              value={value.authDate}
              w="100%"
              error={errorOf('applicant/authorisation/date')}
              onTextValid={(ok) => {
                // Told first; the date follows only when the text is one (or empty).
                if (!ok) set({ authDateBad: true });
              }}
              onChange={(iso) => set({ authDate: iso, authDateBad: false })}
            />
            {text('authIssuer', 'applicant/authorisation/issuer', t('applicant.authIssuer'))}
          </SimpleGrid>
        </Fieldset>
      )}
    </Stack>
  );
}
