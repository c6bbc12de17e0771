import { Alert, Anchor, Button, Card, Stack, Table, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useChangePassword, useProfile, useUpdateProfile, type Profile } from '../../api/account.ts';
import { useMe } from '../../api/hooks.ts';
import { fieldErrors, FormError, PasswordField } from './form-errors.tsx';

export function AccountPage() {
  const { t } = useTranslation();
  const me = useMe();
  const profile = useProfile(!!me.data);
  if (me.isPending) return <p>{t('common.loading')}</p>;
  if (!me.data) {
    return (
      <Stack maw={560} mx="auto">
        <Title order={2}>{t('account.profile.heading')}</Title>
        <p>{t('account.profile.loginFirst')}</p>
        <Anchor component={Link} to="/dang-nhap?next=/tai-khoan">
          {t('account.profile.login')}
        </Anchor>
      </Stack>
    );
  }
  if (profile.isError) return <p role="alert">{t('common.error')}</p>;
  if (!profile.data) return <p>{t('common.loading')}</p>;
  return (
    <Stack maw={640} mx="auto">
      <Title order={2}>{t('account.profile.heading')}</Title>
      <Identity profile={profile.data} />
      <ContactForm profile={profile.data} />
      <PasswordForm />
    </Stack>
  );
}

function Identity({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const rows: [string, string | null][] = [
    [t('account.profile.username'), profile.username],
    [t('account.profile.kind'), t(`account.profile.kinds.${profile.kind}`)],
    [t('account.register.fullName'), profile.fullName],
    [t('account.register.personalId'), profile.personalId],
    [t('account.register.taxCode'), profile.taxCode],
    [t('account.register.organizationName'), profile.organizationName],
  ];
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="identity-heading">
      <Title order={3} size="h4" id="identity-heading" mb="sm">
        {t('account.profile.identity')}
      </Title>
      <Table variant="vertical" layout="fixed" withTableBorder={false}>
        <Table.Tbody>
          {rows
            .filter(([, v]) => v)
            .map(([label, v]) => (
              <Table.Tr key={label}>
                <Table.Th w={200}>{label}</Table.Th>
                <Table.Td>{v}</Table.Td>
              </Table.Tr>
            ))}
        </Table.Tbody>
      </Table>
    </Card>
  );
}

const CONTACT_FIELDS = ['phone', 'email', 'address'] as const;

function ContactForm({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const update = useUpdateProfile();
  const [phone, setPhone] = useState(profile.phone ?? '');
  const [email, setEmail] = useState(profile.email ?? '');
  const [address, setAddress] = useState(profile.address ?? '');
  const [local, setLocal] = useState<Partial<Record<string, string>>>({});
  const [saved, setSaved] = useState(false);
  const errorFor = fieldErrors(update.error, local);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    update.reset();
    setSaved(false);
    const found = phone.trim() ? {} : { phone: t('account.required') };
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    update.mutate(
      { phone: phone.trim(), email: email.trim() || null, address: address.trim() || null },
      {
        // The server normalises (a phone number as 0xxxxxxxxx): show what it stored.
        onSuccess: (stored) => {
          setPhone(stored.phone ?? '');
          setEmail(stored.email ?? '');
          setAddress(stored.address ?? '');
          setSaved(true);
        },
      },
    );
  };
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="contact-heading">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={3} size="h4" id="contact-heading">
            {t('account.profile.contact')}
          </Title>
          <TextInput
            label={t('account.register.phone')}
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            autoComplete="tel"
            type="tel"
            required
            error={errorFor('phone')}
          />
          <TextInput
            label={t('account.register.email')}
            description={t('account.register.emailHint')}
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            autoComplete="email"
            type="email"
            error={errorFor('email')}
          />
          <TextInput
            label={t('account.register.address')}
            value={address}
            onChange={(e) => setAddress(e.currentTarget.value)}
            autoComplete="street-address"
            error={errorFor('address')}
          />
          <FormError error={update.error} fields={CONTACT_FIELDS} />
          {saved && (
            <Alert color="green" role="status">
              {t('account.profile.saved')}
            </Alert>
          )}
          <Button type="submit" loading={update.isPending} color="red.9">
            {t('account.profile.save')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}

const PASSWORD_FIELDS = ['currentPassword', 'newPassword'] as const;

function PasswordForm() {
  const { t } = useTranslation();
  const change = useChangePassword();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [local, setLocal] = useState<Partial<Record<string, string>>>({});
  const [done, setDone] = useState(false);
  const errorFor = fieldErrors(change.error, local);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    change.reset();
    setDone(false);
    const found: Partial<Record<string, string>> = {};
    if (!currentPassword) found.currentPassword = t('account.required');
    if (!newPassword) found.newPassword = t('account.required');
    else if (confirm !== newPassword) found.confirm = t('account.passwordMismatch');
    setLocal(found);
    if (Object.keys(found).length > 0) return;
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setDone(true);
          setCurrent('');
          setNew('');
          setConfirm('');
        },
      },
    );
  };
  return (
    <Card withBorder padding="lg" component="section" aria-labelledby="password-heading">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={3} size="h4" id="password-heading">
            {t('account.profile.changePassword')}
          </Title>
          <PasswordField
            label={t('account.profile.currentPassword')}
            value={currentPassword}
            onChange={(e) => setCurrent(e.currentTarget.value)}
            autoComplete="current-password"
            required
            error={errorFor('currentPassword')}
          />
          <PasswordField
            label={t('account.profile.newPassword')}
            description={t('account.passwordHint')}
            value={newPassword}
            onChange={(e) => setNew(e.currentTarget.value)}
            autoComplete="new-password"
            required
            error={errorFor('newPassword')}
          />
          <PasswordField
            label={t('account.confirmPassword')}
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            autoComplete="new-password"
            required
            error={errorFor('confirm')}
          />
          <FormError error={change.error} fields={PASSWORD_FIELDS} />
          {done && (
            <Alert color="green" role="status">
              {t('account.profile.passwordChanged')}
            </Alert>
          )}
          <Button type="submit" loading={change.isPending} color="red.9">
            {t('account.profile.submitPassword')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
