// Pieces shared by the administration, dashboard and report pages (all lazy staff chunks).
import {
  ActionIcon,
  Alert,
  Anchor,
  Button,
  Fieldset,
  Group,
  List,
  Loader,
  NumberInput,
  Select,
  Stack,
  Text,
} from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, NavLink, useLocation } from 'react-router';
import { issuesOf, type FieldIssue } from '../../api/admin.ts';
import { api } from '../../api/client.ts';
import type { Profile } from '../../api/dossiers.ts';
import { keys, useMe, type Me, type StaffRole } from '../../api/hooks.ts';
import type { DurationUnit } from '../../format.ts';

// ——— Who may see what ———

/** The caller's roles with agency codes (GET /me gives ids only); shares the cache of the profile query. */
export function useMyRoles(enabled = true) {
  return useQuery({
    queryKey: keys.profile,
    queryFn: () => api<Profile>('GET', '/api/v1/me/profile'),
    enabled,
    staleTime: 60_000,
  });
}

export const hasRole = (me: Me | null | undefined, ...roles: StaffRole[]) =>
  !!me?.roles.some((r) => roles.includes(r.role));

/** Staff pages: a login prompt for visitors, a refusal for others; the API checks again anyway. */
export function AdminGate({
  allow,
  children,
}: {
  allow?: (me: Me) => boolean;
  children: (me: Me) => ReactNode;
}) {
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
      <Stack align="flex-start">
        <Alert color="blue">{t('adm.loginFirst')}</Alert>
        <Button
          component={Link}
          to={`/dang-nhap?next=${encodeURIComponent(location.pathname + location.search)}`}
          color="red.9"
        >
          {t('nav.login')}
        </Button>
      </Stack>
    );
  if (me.data.kind !== 'staff' || (allow && !allow(me.data)))
    return (
      <Alert color="yellow" role="alert">
        {t('adm.forbidden')}
      </Alert>
    );
  return <>{children(me.data)}</>;
}

/** The administration screens this user may open. */
export function adminScreens(me: Me | null | undefined): { to: string; key: string }[] {
  const out: { to: string; key: string }[] = [];
  if (hasRole(me, 'system_admin', 'agency_admin')) out.push({ to: '/quan-tri/co-quan', key: 'agencies' });
  if (hasRole(me, 'system_admin', 'agency_admin', 'supervisor'))
    out.push({ to: '/quan-tri/can-bo', key: 'staff' });
  if (hasRole(me, 'system_admin', 'agency_admin')) out.push({ to: '/quan-tri/thu-tuc', key: 'catalog' });
  if (hasRole(me, 'system_admin')) out.push({ to: '/lich', key: 'calendar' });
  return out;
}

/** Links between the administration screens, under each one's heading. */
export function AdminNav({ me }: { me: Me }) {
  const { t } = useTranslation();
  const screens = adminScreens(me);
  if (screens.length < 2) return null;
  return (
    <Group component="nav" aria-label={t('adm.nav.label')} gap="md" wrap="wrap">
      {screens.map((s) => (
        <Anchor key={s.to} component={NavLink} to={s.to} className="admin-tab">
          {t(`adm.nav.${s.key}`)}
        </Anchor>
      ))}
    </Group>
  );
}

// ——— Errors beside their fields ———

/** Splits an API error into messages per field path, plus a summary of all of them. */
export function useIssues(error: unknown) {
  const { i18n } = useTranslation();
  const all = issuesOf(error, i18n.language);
  const byField = new Map<string, string[]>();
  for (const i of all) if (i.field) byField.set(i.field, [...(byField.get(i.field) ?? []), i.message]);
  return {
    all,
    /** The messages for exactly this path, joined, for an input's `error`. */
    of: (path: string): string | undefined => byField.get(path)?.join(' '),
  };
}

/** A readable place for a body path: `content/components/1/name` → "Thành phần hồ sơ 2 › Tên". */
export function usePathLabel() {
  const { t } = useTranslation();
  return (path: string | null): string => {
    if (!path) return '';
    const inContent = path.startsWith('content/');
    return path
      .split('/')
      .map((s) => (inContent && s === 'steps' ? 'procSteps' : s))
      .filter((s) => s !== 'content' && s !== '')
      .reduce<string[]>((out, seg) => {
        if (/^\d+$/.test(seg) && out.length > 0)
          out[out.length - 1] = `${out[out.length - 1]} ${Number(seg) + 1}`;
        else out.push(t(`adm.path.${seg}`, { defaultValue: seg }));
        return out;
      }, [])
      .join(' › ');
  };
}

/**
 * Brings the input of a body path into view and focuses it: the element marked `data-path` with that path,
 * or else the nearest marked ancestor path (`content/methods/0/fees/1/name` → `content/methods/0`), and in a
 * marked group its first input. False when nothing on the page carries the path.
 */
export function focusField(path: string): boolean {
  for (let p = path; p; p = p.includes('/') ? p.slice(0, p.lastIndexOf('/')) : '') {
    const marked = document.querySelector<HTMLElement>(`[data-path="${CSS.escape(p)}"]`);
    if (!marked) continue;
    const target = marked.matches('input, textarea, select, button')
      ? marked
      : (marked.querySelector<HTMLElement>('input:not([type="hidden"]), textarea, select, button') ?? marked);
    target.scrollIntoView({ block: 'center' });
    target.focus({ preventScroll: true });
    return true;
  }
  return false;
}

/**
 * Every problem of a failed request, with where it is, so nothing fails silently. With `onGo`, each
 * problem that names a field is a link that leads to it.
 */
export function IssueSummary({
  issues,
  testId,
  onGo,
  title,
}: {
  issues: FieldIssue[];
  testId?: string;
  /** Leads to a field; only fields on this page (those whose path it accepts, see `focusField`) link. */
  onGo?: { to: (field: string) => void; accepts: (field: string) => boolean };
  title?: (errors: number) => string;
}) {
  const { t } = useTranslation();
  const label = usePathLabel();
  if (issues.length === 0) return null;
  const errors = issues.filter((i) => i.severity !== 'warning').length;
  return (
    <Alert color="red" role="alert" title={title ? title(errors) : t('adm.errorsTitle')} data-testid={testId}>
      <List size="sm">
        {issues.map((i, n) => {
          const where = i.field ? (i.label ?? label(i.field)) : null;
          return (
            <List.Item key={n} data-field={i.field ?? undefined} data-severity={i.severity ?? 'error'}>
              {i.severity === 'warning' && <strong>{t('adm.warning')}: </strong>}
              {where && i.field && onGo?.accepts(i.field) ? (
                <Anchor
                  component="button"
                  type="button"
                  size="sm"
                  fw={700}
                  c="red.9"
                  td="underline"
                  onClick={() => onGo.to(i.field!)}
                >
                  {where}
                </Anchor>
              ) : where ? (
                <strong>{where}</strong>
              ) : null}
              {where ? ': ' : null}
              {i.message}
            </List.Item>
          );
        })}
      </List>
    </Alert>
  );
}

// ——— Inputs ———

export function DurationInput({
  label,
  value,
  onChange,
  error,
  amountError,
  'data-path': dataPath,
}: {
  label: string;
  value: { amount: number; unit: DurationUnit };
  onChange: (v: { amount: number; unit: DurationUnit }) => void;
  error?: string | undefined;
  amountError?: string | undefined;
  /** The body path of the duration, where a refusal's link leads. */
  'data-path'?: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Group gap="xs" align="flex-start" wrap="nowrap">
      <NumberInput
        label={label}
        data-path={dataPath}
        value={value.amount}
        min={0}
        step={0.5}
        decimalScale={2}
        decimalSeparator={i18n.language === 'en' ? '.' : ','}
        allowNegative={false}
        w={150}
        onChange={(v) => onChange({ ...value, amount: typeof v === 'number' ? v : Number(v) || 0 })}
        error={amountError ?? error}
      />
      <Select
        label={t('adm.durationUnitShort')}
        aria-label={t('adm.durationUnit', { label })}
        data={(['working_hours', 'working_days', 'calendar_days', 'months'] as const).map((u) => ({
          value: u,
          label: t(`adm.durUnits.${u}`),
        }))}
        value={value.unit}
        allowDeselect={false}
        onChange={(u) => u && onChange({ ...value, unit: u })}
        w={170}
      />
    </Group>
  );
}

/** An ordered list of sub-forms with add, move and remove, each in its own fieldset. */
export function ListEditor<T>({
  legend,
  items,
  onChange,
  make,
  itemLabel,
  render,
  addLabel,
  error,
  testId,
  'data-path': dataPath,
}: {
  legend: string;
  items: T[];
  onChange: (items: T[]) => void;
  make: () => T;
  itemLabel: (index: number) => string;
  render: (item: T, index: number, update: (item: T) => void) => ReactNode;
  addLabel: string;
  error?: string | undefined;
  testId?: string;
  /** The body path of the list (its items: `path/0`…), where a refusal's link leads. */
  'data-path'?: string;
}) {
  const { t } = useTranslation();
  const move = (i: number, j: number) => {
    const next = [...items];
    [next[i], next[j]] = [next[j]!, next[i]!];
    onChange(next);
  };
  return (
    <Fieldset legend={legend} data-testid={testId} data-path={dataPath}>
      <Stack gap="sm">
        {items.length === 0 && (
          <Text size="sm" c="dimmed">
            {t('adm.emptyList')}
          </Text>
        )}
        {items.map((item, i) => (
          <Fieldset
            key={i}
            legend={itemLabel(i)}
            variant="filled"
            data-path={dataPath === undefined ? undefined : `${dataPath}/${i}`}
          >
            <Stack gap="xs">
              {render(item, i, (updated) => onChange(items.map((x, k) => (k === i ? updated : x))))}
              <Group gap="xs" justify="flex-end">
                <ActionIcon
                  variant="default"
                  disabled={i === 0}
                  onClick={() => move(i, i - 1)}
                  aria-label={t('adm.moveUp', { item: itemLabel(i) })}
                  title={t('adm.moveUp', { item: itemLabel(i) })}
                >
                  ↑
                </ActionIcon>
                <ActionIcon
                  variant="default"
                  disabled={i === items.length - 1}
                  onClick={() => move(i, i + 1)}
                  aria-label={t('adm.moveDown', { item: itemLabel(i) })}
                  title={t('adm.moveDown', { item: itemLabel(i) })}
                >
                  ↓
                </ActionIcon>
                <Button
                  variant="subtle"
                  color="red.9"
                  c="red.9"
                  size="xs"
                  onClick={() => onChange(items.filter((_, k) => k !== i))}
                  aria-label={t('adm.removeItem', { item: itemLabel(i) })}
                >
                  {t('adm.remove')}
                </Button>
              </Group>
            </Stack>
          </Fieldset>
        ))}
        {error && (
          <Text c="red.9" size="sm" role="alert">
            {error}
          </Text>
        )}
        <Group>
          <Button variant="outline" color="red.9" size="xs" onClick={() => onChange([...items, make()])}>
            {addLabel}
          </Button>
        </Group>
      </Stack>
    </Fieldset>
  );
}

// ——— Numbers ———

export function formatCount(n: number | null | undefined, language: string): string {
  if (n === null || n === undefined) return '—';
  return new Intl.NumberFormat(language === 'en' ? 'en-US' : 'vi-VN').format(n);
}

/** 0.9322 → "93,22%" in Vietnamese, "93.22%" in English; null → "—". */
export function formatPercent(share: number | null | undefined, language: string): string {
  if (share === null || share === undefined) return '—';
  return new Intl.NumberFormat(language === 'en' ? 'en-US' : 'vi-VN', {
    style: 'percent',
    minimumFractionDigits: 2,
    maximumFractionDigits: 2,
  }).format(share);
}
