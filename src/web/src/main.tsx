import '@mantine/core/styles.css';
import './app.css';
import { MantineProvider, createTheme } from '@mantine/core';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode, Suspense, lazy } from 'react';
import { createRoot } from 'react-dom/client';
import { useTranslation } from 'react-i18next';
import { BrowserRouter, Route, Routes } from 'react-router';
import './i18n.ts';
import { Layout } from './layout/Layout.tsx';
import { HomePage } from './pages/HomePage.tsx';

// Pages citizens rarely need are split off so the home page stays light.
const AgenciesPage = lazy(() =>
  import('./pages/AgenciesPage.tsx').then((m) => ({ default: m.AgenciesPage })),
);
const CalendarPage = lazy(() =>
  import('./pages/CalendarPage.tsx').then((m) => ({ default: m.CalendarPage })),
);
const LoginPage = lazy(() => import('./pages/LoginPage.tsx').then((m) => ({ default: m.LoginPage })));
const ProcedurePage = lazy(() =>
  import('./pages/ProcedurePage.tsx').then((m) => ({ default: m.ProcedurePage })),
);
const FilingPage = lazy(() => import('./pages/FilingPage.tsx').then((m) => ({ default: m.FilingPage })));
const MyDossiersPage = lazy(() =>
  import('./pages/MyDossiersPage.tsx').then((m) => ({ default: m.MyDossiersPage })),
);
const MyDossierPage = lazy(() =>
  import('./pages/MyDossierPage.tsx').then((m) => ({ default: m.MyDossierPage })),
);
const NotificationsPage = lazy(() =>
  import('./pages/NotificationsPage.tsx').then((m) => ({ default: m.NotificationsPage })),
);
const TrackPage = lazy(() => import('./pages/TrackPage.tsx').then((m) => ({ default: m.TrackPage })));
// Account pages (registration, profile, forgotten password): one chunk each.
const RegisterPage = lazy(() =>
  import('./pages/account/RegisterPage.tsx').then((m) => ({ default: m.RegisterPage })),
);
const AccountPage = lazy(() =>
  import('./pages/account/AccountPage.tsx').then((m) => ({ default: m.AccountPage })),
);
const ForgotPasswordPage = lazy(() =>
  import('./pages/account/ForgotPasswordPage.tsx').then((m) => ({ default: m.ForgotPasswordPage })),
);
const ResetPasswordPage = lazy(() =>
  import('./pages/account/ResetPasswordPage.tsx').then((m) => ({ default: m.ResetPasswordPage })),
);
// Staff workspace: separate chunks, never loaded by citizens.
const InboxPage = lazy(() => import('./pages/staff/InboxPage.tsx').then((m) => ({ default: m.InboxPage })));
const IntakePage = lazy(() =>
  import('./pages/staff/IntakePage.tsx').then((m) => ({ default: m.IntakePage })),
);
const StaffDossierPage = lazy(() =>
  import('./pages/staff/StaffDossierPage.tsx').then((m) => ({ default: m.StaffDossierPage })),
);

// Administration, dashboard and reports: separate chunks too.
const AdminHomePage = lazy(() =>
  import('./pages/admin/AdminHomePage.tsx').then((m) => ({ default: m.AdminHomePage })),
);
const AgenciesAdminPage = lazy(() =>
  import('./pages/admin/AgenciesAdminPage.tsx').then((m) => ({ default: m.AgenciesAdminPage })),
);
const StaffAdminPage = lazy(() =>
  import('./pages/admin/StaffAdminPage.tsx').then((m) => ({ default: m.StaffAdminPage })),
);
const CatalogAdminPage = lazy(() =>
  import('./pages/admin/CatalogAdminPage.tsx').then((m) => ({ default: m.CatalogAdminPage })),
);
const ProcedureEditorPage = lazy(() =>
  import('./pages/admin/ProcedureEditorPage.tsx').then((m) => ({ default: m.ProcedureEditorPage })),
);
const DashboardPage = lazy(() =>
  import('./pages/reports/DashboardPage.tsx').then((m) => ({ default: m.DashboardPage })),
);
const ReportPage = lazy(() =>
  import('./pages/reports/ReportPage.tsx').then((m) => ({ default: m.ReportPage })),
);

const theme = createTheme({
  primaryColor: 'red',
  // red.9 (#c92a2a) keeps links, tabs and checkboxes above 4.5:1 on white.
  primaryShade: { light: 9, dark: 7 },
  fontFamily: 'system-ui, -apple-system, "Segoe UI", Roboto, "Noto Sans", sans-serif',
});

const queryClient = new QueryClient({
  defaultOptions: { queries: { retry: 1, refetchOnWindowFocus: false } },
});

function NotFound() {
  const { t } = useTranslation();
  return <p>{t('common.notFound')}</p>;
}

function App() {
  const { t } = useTranslation();
  return (
    <Suspense fallback={<p>{t('common.loading')}</p>}>
      <Routes>
        <Route element={<Layout />}>
          <Route index element={<HomePage />} />
          <Route path="co-quan" element={<AgenciesPage />} />
          <Route path="lich" element={<CalendarPage />} />
          <Route path="dang-nhap" element={<LoginPage />} />
          <Route path="dang-ky" element={<RegisterPage />} />
          <Route path="tai-khoan" element={<AccountPage />} />
          <Route path="quen-mat-khau" element={<ForgotPasswordPage />} />
          <Route path="dat-lai-mat-khau" element={<ResetPasswordPage />} />
          <Route path="thu-tuc/:code" element={<ProcedurePage />} />
          <Route path="nop-ho-so/:code" element={<FilingPage />} />
          <Route path="ho-so-cua-toi" element={<MyDossiersPage />} />
          <Route path="ho-so-cua-toi/:ref" element={<MyDossierPage />} />
          <Route path="thong-bao" element={<NotificationsPage />} />
          <Route path="tra-cuu" element={<TrackPage />} />
          <Route path="tra-cuu/:code" element={<TrackPage />} />
          <Route path="can-bo/ho-so" element={<InboxPage />} />
          <Route path="can-bo/ho-so/:ref" element={<StaffDossierPage />} />
          <Route path="can-bo/tiep-nhan" element={<IntakePage />} />
          <Route path="quan-tri" element={<AdminHomePage />} />
          <Route path="quan-tri/co-quan" element={<AgenciesAdminPage />} />
          <Route path="quan-tri/can-bo" element={<StaffAdminPage />} />
          <Route path="quan-tri/thu-tuc" element={<CatalogAdminPage />} />
          <Route path="quan-tri/thu-tuc/moi" element={<ProcedureEditorPage />} />
          <Route path="quan-tri/thu-tuc/:code" element={<ProcedureEditorPage />} />
          <Route path="bang-dieu-khien" element={<DashboardPage />} />
          <Route path="bao-cao" element={<ReportPage />} />
          <Route path="*" element={<NotFound />} />
        </Route>
      </Routes>
    </Suspense>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <MantineProvider theme={theme}>
      <QueryClientProvider client={queryClient}>
        <BrowserRouter>
          <App />
        </BrowserRouter>
      </QueryClientProvider>
    </MantineProvider>
  </StrictMode>,
);
