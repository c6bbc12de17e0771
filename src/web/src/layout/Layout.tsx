import { Anchor, Box, Button, Container, Group, SegmentedControl, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { useLogout, useMe, useNotifications } from '../api/hooks.ts';

const dossierRoles = new Set([
  'receiving_officer',
  'handling_officer',
  'approver',
  'clerk',
  'agency_admin',
  'supervisor',
  'system_admin',
]);

export function Layout() {
  const { t, i18n } = useTranslation();
  const me = useMe();
  const logout = useLogout();
  return (
    <>
      <a href="#main" className="skip-link">
        {t('app.skip')}
      </a>
      <Box component="header" bg="red.9" c="white" py="sm">
        <Container size="lg">
          <Group justify="space-between" wrap="wrap" gap="xs">
            <Anchor component={Link} to="/" c="white" underline="never">
              <Title order={1} size="h3">
                {t('app.title')}
              </Title>
              <Text size="sm">{t('app.subtitle')}</Text>
            </Anchor>
            <SegmentedControl
              size="xs"
              aria-label={t('app.language')}
              value={i18n.language === 'en' ? 'en' : 'vi'}
              onChange={(lng) => void i18n.changeLanguage(lng)}
              data={[
                { value: 'vi', label: 'Tiếng Việt' },
                { value: 'en', label: 'English' },
              ]}
            />
          </Group>
          <Group component="nav" aria-label="Menu" mt="xs" gap="md" wrap="wrap">
            <NavLink to="/" end className="nav-link">
              {t('nav.home')}
            </NavLink>
            <NavLink to="/co-quan" className="nav-link">
              {t('nav.agencies')}
            </NavLink>
            <NavLink to="/lich" className="nav-link">
              {t('nav.calendar')}
            </NavLink>
            <NavLink to="/tra-cuu" className="nav-link">
              {t('nav.track')}
            </NavLink>
            {me.data && me.data.kind !== 'staff' && (
              <NavLink to="/ho-so-cua-toi" className="nav-link">
                {t('nav.myDossiers')}
              </NavLink>
            )}
            {me.data?.kind === 'staff' && me.data.roles.some((r) => dossierRoles.has(r.role)) && (
              <NavLink to="/can-bo/ho-so" className="nav-link">
                {t('nav.inbox')}
              </NavLink>
            )}
            {me.data?.roles.some((r) => r.role === 'receiving_officer') && (
              <NavLink to="/can-bo/tiep-nhan" className="nav-link">
                {t('nav.intake')}
              </NavLink>
            )}
            {me.data?.kind === 'staff' && (
              <>
                <NavLink to="/bang-dieu-khien" className="nav-link">
                  {t('adm.nav.dashboard')}
                </NavLink>
                <NavLink to="/bao-cao" className="nav-link">
                  {t('adm.nav.reports')}
                </NavLink>
              </>
            )}
            {me.data?.roles.some((r) => ['system_admin', 'agency_admin', 'supervisor'].includes(r.role)) && (
              <NavLink to="/quan-tri" className="nav-link">
                {t('adm.nav.admin')}
              </NavLink>
            )}
            <Box ml="auto">
              {me.data ? (
                <Group gap="xs">
                  <NotificationsLink />
                  <Anchor
                    component={Link}
                    to="/tai-khoan"
                    size="sm"
                    c="white"
                    underline="always"
                    data-testid="who"
                  >
                    {t('login.welcome', { name: me.data.fullName })}
                  </Anchor>
                  <Button size="xs" variant="white" color="red.9" onClick={() => logout.mutate()}>
                    {t('nav.logout')}
                  </Button>
                </Group>
              ) : (
                <NavLink to="/dang-nhap" className="nav-link">
                  {t('nav.login')}
                </NavLink>
              )}
            </Box>
          </Group>
        </Container>
      </Box>
      <Container size="lg" py="md" component="main" id="main" tabIndex={-1}>
        <Outlet />
      </Container>
    </>
  );
}

/** The link to the caller's notifications, saying how many are unread. */
function NotificationsLink() {
  const { t } = useTranslation();
  const list = useNotifications();
  const unread = list.data?.unread ?? 0;
  return (
    <NavLink to="/thong-bao" className="nav-link" data-testid="notifications-link">
      {unread > 0 ? t('notifications.linkUnread', { count: unread }) : t('notifications.link')}
    </NavLink>
  );
}
