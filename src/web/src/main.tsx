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

const theme = createTheme({
  primaryColor: 'red',
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
