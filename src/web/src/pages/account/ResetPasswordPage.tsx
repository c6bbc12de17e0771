import { Alert, Anchor, Button, Card, Stack, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useResetPassword } from '../../api/account.ts';
import { fieldErrors, FormError, PasswordField } from './form-errors.tsx';

const FIELDS = ['token', 'newPassword'] as const;

export function ResetPasswordPage() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const token = params.get('token') ?? '';
  const reset = useResetPassword();
  const [newPassword, setNew] = useState('');
  const [confirm, setConfirm] = useState('');
  const [local, setLocal] = useState<Partial<Record<string, string>>>({});
  const errorFor = fieldErrors(reset.error, local);
  // The token has no input of its own: its refusal (expired, used…) heads the form with a way out.
  const tokenError = !token
    ? t('account.reset.noToken')
    : reset.error instanceof ApiError && reset.error.field === 'token'
      ? reset.error.message
      : undefined;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    reset.reset();
    const found: Partial<Record<string, string>> = {};
    if (!newPassword) found.newPassword = t('account.required');
    else if (confirm !== newPassword) found.confirm = t('account.passwordMismatch');
    setLocal(found);
    if (Object.keys(found).length === 0) reset.mutate({ token, newPassword });
  };

  if (reset.isSuccess) {
    return (
      <Card withBorder maw={480} mx="auto" padding="lg">
        <Stack>
          <Title order={2}>{t('account.reset.heading')}</Title>
          <Alert color="green" role="status">
            {t('account.reset.done')}
          </Alert>
          <Anchor component={Link} to="/dang-nhap">
            {t('account.reset.login')}
          </Anchor>
        </Stack>
      </Card>
    );
  }
  return (
    <Card withBorder maw={480} mx="auto" padding="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={2}>{t('account.reset.heading')}</Title>
          {tokenError && (
            <Alert color="red" role="alert" data-field="token">
              {tokenError}{' '}
              <Anchor component={Link} to="/quen-mat-khau" c="red.9" fw={600}>
                {t('account.reset.askAgain')}
              </Anchor>
            </Alert>
          )}
          <PasswordField
            label={t('account.reset.newPassword')}
            description={t('account.passwordHint')}
            value={newPassword}
            onChange={(e) => setNew(e.currentTarget.value)}
            autoComplete="new-password"
            required
            disabled={!token}
            error={errorFor('newPassword')}
          />
          <PasswordField
            label={t('account.confirmPassword')}
            value={confirm}
            onChange={(e) => setConfirm(e.currentTarget.value)}
            autoComplete="new-password"
            required
            disabled={!token}
            error={errorFor('confirm')}
          />
          <FormError error={reset.error} fields={FIELDS} />
          <Button type="submit" loading={reset.isPending} disabled={!token} color="red.9">
            {t('account.reset.submit')}
          </Button>
        </Stack>
      </form>
    </Card>
  );
}
