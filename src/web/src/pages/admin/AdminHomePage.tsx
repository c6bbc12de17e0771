import { Anchor, Card, SimpleGrid, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { AdminGate, adminScreens } from './common.tsx';

/** The administration screens this user may open, with what each one is for. */
export function AdminHomePage() {
  const { t } = useTranslation();
  return (
    <AdminGate>
      {(me) => {
        const screens = [
          ...adminScreens(me),
          { to: '/bang-dieu-khien', key: 'dashboard' },
          { to: '/bao-cao', key: 'reports' },
        ];
        return (
          <Stack>
            <Title order={2}>{t('adm.home.heading')}</Title>
            <SimpleGrid cols={{ base: 1, sm: 2, md: 3 }}>
              {screens.map((s) => (
                <Card key={s.to} withBorder padding="md">
                  <Anchor component={Link} to={s.to} fw={600}>
                    {t(`adm.nav.${s.key}`)}
                  </Anchor>
                  <Text size="sm" mt={4}>
                    {t(`adm.home.about.${s.key}`)}
                  </Text>
                </Card>
              ))}
            </SimpleGrid>
          </Stack>
        );
      }}
    </AdminGate>
  );
}
