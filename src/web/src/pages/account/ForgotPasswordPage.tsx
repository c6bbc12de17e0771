import { Alert, Anchor, Button, Card, Stack, Text, TextInput, Title } from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { ApiError } from '../../api/client.ts';
import { useRequestPasswordReset } from '../../api/account.ts';
import { fieldErrors } from './form-errors.tsx';

export function ForgotPasswordPage() {
  const { t } = useTranslation();
  const ask = useRequestPasswordReset();
  const [login, setLogin] = useState('');
  const [local, setLocal] = useState<Partial<Record<string, string>>>({});
  const fieldError = fieldErrors(ask.error, local);
  // The only field: an error naming no field (too many requests, network) also goes beside it.
  const error =
    fieldError('login') ??
    (ask.error instanceof ApiError && !ask.error.field ? ask.error.message : undefined);
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    ask.reset();
    const found = login.trim() ? {} : { login: t('account.required') };
    setLocal(found);
    if (Object.keys(found).length === 0) ask.mutate({ login: login.trim() });
  };
  return (
    <Card withBorder maw={480} mx="auto" padding="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={2}>{t('account.forgot.heading')}</Title>
          <Text size="sm">{t('account.forgot.intro')}</Text>
          <TextInput
            label={t('account.forgot.login')}
            value={login}
            onChange={(e) => setLogin(e.currentTarget.value)}
            autoComplete="username"
            required
            error={error}
          />
          {ask.isSuccess && (
            <Alert color="green" role="status">
              {t('account.forgot.sent')}
            </Alert>
          )}
          <Button type="submit" loading={ask.isPending} color="red.9">
            {t('account.forgot.submit')}
          </Button>
          <Anchor component={Link} to="/dang-nhap" size="sm">
            {t('account.forgot.back')}
          </Anchor>
        </Stack>
      </form>
    </Card>
  );
}
