import { Anchor, Button, Card, Radio, Group, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useRegister, type RegisterInput } from '../../api/account.ts';
import { fieldErrors, FormError, PasswordField } from './form-errors.tsx';

const FIELDS = [
  'kind',
  'personalId',
  'taxCode',
  'organizationName',
  'fullName',
  'phone',
  'email',
  'address',
  'password',
] as const;

export function RegisterPage() {
  const { t } = useTranslation();
  const register = useRegister();
  const navigate = useNavigate();
  const [kind, setKind] = useState<'citizen' | 'business'>('citizen');
  const [values, setValues] = useState<Record<string, string>>({});
  const [confirm, setConfirm] = useState('');
  const [local, setLocal] = useState<Partial<Record<string, string>>>({});
  const value = (field: string) => values[field] ?? '';
  const set = (field: string) => (e: { currentTarget: { value: string } }) => {
    const next = e.currentTarget.value;
    setValues((v) => ({ ...v, [field]: next }));
  };
  const errorFor = fieldErrors(register.error, local);

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    register.reset();
    const required =
      kind === 'citizen'
        ? ['personalId', 'fullName', 'phone', 'password']
        : ['taxCode', 'organizationName', 'fullName', 'phone', 'password'];
    const found: Partial<Record<string, string>> = {};
    for (const f of required) if (!value(f).trim()) found[f] = t('account.required');
    if (value('password') && confirm !== value('password')) found.confirm = t('account.passwordMismatch');
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    const optional = (f: string) => (value(f).trim() ? value(f).trim() : undefined);
    const input: RegisterInput = {
      kind,
      fullName: value('fullName').trim(),
      phone: value('phone').trim(),
      password: value('password'),
      ...(optional('personalId') ? { personalId: optional('personalId') } : {}),
      ...(kind === 'business'
        ? { taxCode: value('taxCode').trim(), organizationName: value('organizationName').trim() }
        : {}),
      ...(optional('email') ? { email: optional('email') } : {}),
      ...(optional('address') ? { address: optional('address') } : {}),
    };
    register.mutate(input, { onSuccess: () => void navigate('/tai-khoan') });
  };

  return (
    <Card withBorder maw={560} mx="auto" padding="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={2}>{t('account.register.heading')}</Title>
          <Text size="sm">{t('account.register.intro')}</Text>
          <Radio.Group
            label={t('account.register.kind')}
            value={kind}
            onChange={(v) => setKind(v === 'business' ? 'business' : 'citizen')}
            error={errorFor('kind')}
          >
            <Group mt="xs">
              <Radio value="citizen" label={t('account.register.kinds.citizen')} />
              <Radio value="business" label={t('account.register.kinds.business')} />
            </Group>
          </Radio.Group>
          {kind === 'business' && (
            <>
              <TextInput
                label={t('account.register.taxCode')}
                value={value('taxCode')}
                onChange={set('taxCode')}
                autoComplete="username"
                inputMode="numeric"
                required
                error={errorFor('taxCode')}
              />
              <TextInput
                label={t('account.register.organizationName')}
                value={value('organizationName')}
                onChange={set('organizationName')}
                autoComplete="organization"
                required
                error={errorFor('organizationName')}
              />
            </>
          )}
          <TextInput
            label={
              kind === 'citizen' ? t('account.register.personalId') : t('account.register.representativeId')
            }
            description={t('account.register.personalIdHint')}
            value={value('personalId')}
            onChange={set('personalId')}
            autoComplete={kind === 'citizen' ? 'username' : 'off'}
            inputMode="numeric"
            maxLength={12}
            required={kind === 'citizen'}
            error={errorFor('personalId')}
          />
          <TextInput
            label={
              kind === 'citizen' ? t('account.register.fullName') : t('account.register.representativeName')
            }
            value={value('fullName')}
            onChange={set('fullName')}
            autoComplete="name"
            required
            error={errorFor('fullName')}
          />
          <TextInput
            label={t('account.register.phone')}
            value={value('phone')}
            onChange={set('phone')}
            autoComplete="tel"
            type="tel"
            required
            error={errorFor('phone')}
          />
          <TextInput
            label={t('account.register.email')}
            description={t('account.register.emailHint')}
            value={value('email')}
            onChange={set('email')}
            autoComplete="email"
            type="email"
            error={errorFor('email')}
          />
          <TextInput
            label={t('account.register.address')}
            value={value('address')}
            onChange={set('address')}
            autoComplete="street-address"
            error={errorFor('address')}
          />
          <PasswordField
            label={t('account.register.password')}
            description={t('account.passwordHint')}
            value={value('password')}
            onChange={set('password')}
            autoComplete="new-password"
            required
            error={errorFor('password')}
          />
          <PasswordField
            label={t('account.confirmPassword')}
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            autoComplete="new-password"
            required
            error={errorFor('confirm')}
          />
          <FormError error={register.error} fields={FIELDS} />
          <Button type="submit" loading={register.isPending} color="red.9">
            {t('account.register.submit')}
          </Button>
          <Anchor component={Link} to="/dang-nhap" size="sm">
            {t('account.register.haveAccount')}
          </Anchor>
        </Stack>
      </form>
    </Card>
  );
}
