import { Anchor, Button, Card, Group, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate, useSearchParams } from 'react-router';
import { ApiError } from '../api/client.ts';
import { keys, useLogin, type Me } from '../api/hooks.ts';
import { landingPath } from '../layout/landing.ts';

export function LoginPage() {
  const { t } = useTranslation();
  const login = useLogin();
  const navigate = useNavigate();
  const client = useQueryClient();
  const [params] = useSearchParams();
  const next = params.get('next');
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const error = login.error instanceof ApiError ? login.error : undefined;
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    login.mutate(
      { username, password },
      {
        // The login has just refreshed who the user is (useLogin): the landing depends on their roles.
        onSuccess: () => void navigate(landingPath(client.getQueryData<Me | null>(keys.me), next)),
      },
    );
  };
  // Errors go beside the field they concern; login failures name no field on purpose, so they sit under the password.
  return (
    <Card withBorder maw={420} mx="auto" padding="lg">
      <form onSubmit={onSubmit} noValidate>
        <Stack>
          <Title order={2}>{t('login.heading')}</Title>
          <TextInput
            label={t('login.username')}
            description={t('login.usernameHint')}
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            autoComplete="username"
            required
            error={error?.field === 'username' ? error.message : undefined}
          />
          <PasswordInput
            label={t('login.password')}
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            autoComplete="current-password"
            required
            error={error && error.field !== 'username' ? error.message : undefined}
          />
          <Button type="submit" loading={login.isPending} color="red.9">
            {t('login.submit')}
          </Button>
          <Group justify="space-between" gap="xs">
            <Anchor component={Link} to="/quen-mat-khau" size="sm">
              {t('account.loginLinks.forgot')}
            </Anchor>
            <Text size="sm">
              {t('account.loginLinks.noAccount')}{' '}
              <Anchor component={Link} to="/dang-ky">
                {t('account.loginLinks.register')}
              </Anchor>
            </Text>
          </Group>
        </Stack>
      </form>
    </Card>
  );
}
