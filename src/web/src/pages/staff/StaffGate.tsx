import { Alert, Button, Group, Loader, Stack } from '@mantine/core';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useLocation } from 'react-router';
import { useMe, type Me } from '../../api/hooks.ts';

/** Staff pages: a login prompt for visitors, a plain refusal for citizens; the API checks again anyway. */
export function StaffGate({ children }: { children: (me: Me) => ReactNode }) {
  const { t } = useTranslation();
  const me = useMe();
  const location = useLocation();
  if (me.isPending) return <Loader role="status" aria-label={t('common.loading')} />;
  if (me.error)
    return (
      <Alert color="red" role="alert">
        {me.error.message}
      </Alert>
    );
  if (!me.data)
    return (
      <Stack>
        <Alert color="blue">{t('staff.loginFirst')}</Alert>
        <Group>
          <Button
            component={Link}
            to={`/dang-nhap?next=${encodeURIComponent(location.pathname + location.search)}`}
            color="red.9"
          >
            {t('nav.login')}
          </Button>
        </Group>
      </Stack>
    );
  if (me.data.kind !== 'staff')
    return (
      <Alert color="yellow" role="alert">
        {t('staff.onlyStaff')}
      </Alert>
    );
  return <>{children(me.data)}</>;
}
