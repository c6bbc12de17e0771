import { Anchor, Box, Burger, Button, Container, Group, SegmentedControl, Text, Title } from '@mantine/core';
import { useState, type MouseEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, Outlet } from 'react-router';
import { useLogout, useMe } from '../api/hooks.ts';
import { NotificationBell } from './NotificationBell.tsx';

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
  // On a phone (below Mantine's sm, 48em) the header is one line, the short name and a menu button; the menu
  // and the language choice open below it (app.css, .site-header). On wider screens all shows, as before.
  const [menuOpen, setMenuOpen] = useState(false);
  const closeOnChoice = (e: MouseEvent<HTMLElement>) => {
    if ((e.target as HTMLElement).closest('a, button')) setMenuOpen(false);
  };
  return (
    <>
      <a href="#main" className="skip-link">
        {t('app.skip')}
      </a>
      <Box
        component="header"
        bg="red.9"
        c="white"
        className="site-header"
        data-menu-open={menuOpen || undefined}
      >
        <Container size="lg">
          <Group justify="space-between" gap="xs" className="site-top">
            <Anchor
              component={Link}
              to="/"
              c="white"
              underline="never"
              className="site-title"
              onClick={() => setMenuOpen(false)}
            >
              <Title order={1} size="h3">
                <span className="site-title-full">{t('app.title')}</span>
                <span className="site-title-short">{t('app.subtitle')}</span>
              </Title>
              <Text size="sm" className="site-subtitle">
                {t('app.subtitle')}
              </Text>
            </Anchor>
            <SegmentedControl
              size="xs"
              className="site-language"
              aria-label={t('app.language')}
              value={i18n.language === 'en' ? 'en' : 'vi'}
              onChange={(lng) => void i18n.changeLanguage(lng)}
              data={[
                { value: 'vi', label: 'Tiếng Việt' },
                { value: 'en', label: 'English' },
              ]}
            />
            <Burger
              className="site-burger"
              color="white"
              size="sm"
              opened={menuOpen}
              onClick={() => setMenuOpen((o) => !o)}
              aria-label={t('nav.menuButton')}
              aria-expanded={menuOpen}
              aria-controls="site-menu"
            />
          </Group>
          <Group
            component="nav"
            id="site-menu"
            aria-label="Menu"
            gap="md"
            wrap="wrap"
            className="site-nav"
            onClick={closeOnChoice}
          >
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
            <Box className="site-account">
              {me.data ? (
                <Group gap="xs">
                  <NotificationBell />
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
