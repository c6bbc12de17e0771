import {
  Alert,
  Box,
  Button,
  Group,
  Loader,
  NumberInput,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
} from '@mantine/core';
import { useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../api/client.ts';
import { useCalendarYear, useReplaceYear, type Notice, type YearDayKind } from '../api/calendar.ts';
import { useMe } from '../api/hooks.ts';
import { formatDate } from '../format.ts';

type CellKind = YearDayKind | 'weekend' | 'working';

// Colours chosen for contrast with black text (WCAG AA) and told apart by a letter as well, not colour alone.
const styles: Record<CellKind, { bg: string; mark: string }> = {
  holiday: { bg: '#f8c9c4', mark: 'L' },
  compensatory: { bg: '#fbd9a8', mark: 'B' },
  day_off: { bg: '#fff0a6', mark: 'N' },
  make_up_working_day: { bg: '#bcdcff', mark: 'LB' },
  weekend: { bg: '#e6e6e6', mark: '' },
  working: { bg: '#ffffff', mark: '' },
};

function vietnamYear(): number {
  return new Date(Date.now() + 7 * 3600_000).getUTCFullYear();
}

function iso(year: number, month: number, day: number): string {
  return `${year}-${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

function weekdayOf(date: string): number {
  // 0 = Monday … 6 = Sunday, computed on the civil date alone.
  return (new Date(`${date}T00:00:00Z`).getUTCDay() + 6) % 7;
}

export function CalendarPage() {
  const { t, i18n } = useTranslation();
  const [year, setYear] = useState(vietnamYear());
  const calendar = useCalendarYear(year);
  const me = useMe();
  const isAdmin = !!me.data?.roles.some((r) => r.role === 'system_admin');
  const save = useReplaceYear(year);
  const [draft, setDraft] = useState<Notice | undefined>();
  const [savedYear, setSavedYear] = useState<number | undefined>();
  useEffect(() => {
    setDraft(undefined);
    save.reset();
    // eslint-disable-next-line react-hooks/exhaustive-deps -- reset only when the year changes
  }, [year]);

  const notice = draft ?? calendar.data?.notice;
  const kinds = useMemo(() => {
    const map = new Map<string, CellKind>();
    for (const d of calendar.data?.days ?? []) map.set(d.date, d.kind);
    if (draft && calendar.data) {
      // Show the unsaved edits: the server's swapped days are replaced by the draft's.
      for (const d of calendar.data.notice.daysOff) if (map.get(d.date) === 'day_off') map.delete(d.date);
      for (const d of calendar.data.notice.makeUpWorkingDays)
        if (map.get(d) === 'make_up_working_day') map.delete(d);
      for (const d of draft.daysOff) if (!map.has(d.date)) map.set(d.date, 'day_off');
      for (const d of draft.makeUpWorkingDays) map.set(d, 'make_up_working_day');
    }
    return map;
  }, [calendar.data, draft]);
  const names = useMemo(
    () =>
      new Map((calendar.data?.days ?? []).map((d) => [d.date, i18n.language === 'en' ? d.name_en : d.name])),
    [calendar.data, i18n.language],
  );

  const kindOf = (date: string): CellKind =>
    kinds.get(date) ?? (weekdayOf(date) >= 5 ? 'weekend' : 'working');

  const toggle = (date: string) => {
    if (!notice) return;
    const kind = kindOf(date);
    if (kind === 'holiday' || kind === 'compensatory') return;
    const next: Notice = {
      ...notice,
      daysOff: [...notice.daysOff],
      makeUpWorkingDays: [...notice.makeUpWorkingDays],
    };
    if (weekdayOf(date) >= 5) {
      next.makeUpWorkingDays = next.makeUpWorkingDays.includes(date)
        ? next.makeUpWorkingDays.filter((d) => d !== date)
        : [...next.makeUpWorkingDays, date].sort();
    } else {
      next.daysOff = next.daysOff.some((d) => d.date === date)
        ? next.daysOff.filter((d) => d.date !== date)
        : [...next.daysOff, { date }].sort((a, b) => a.date.localeCompare(b.date));
    }
    setDraft(next);
    setSavedYear(undefined);
  };

  const error = save.error instanceof ApiError ? save.error : undefined;
  const weekdays = t('calendar.weekdays', { returnObjects: true }) as string[];
  const months = t('calendar.months', { returnObjects: true }) as string[];

  return (
    <Stack>
      <Group justify="space-between" align="end" wrap="wrap">
        <Title order={2}>{t('calendar.heading', { year })}</Title>
        <NumberInput
          label={t('calendar.year')}
          value={year}
          min={1900}
          max={2199}
          w={120}
          onChange={(v) => typeof v === 'number' && v >= 1900 && v <= 2199 && setYear(v)}
        />
      </Group>
      {calendar.data && <Text c="dimmed">{t(`calendar.source.${calendar.data.source}`)}</Text>}
      <Group gap="md" aria-label={t('calendar.legend')} wrap="wrap">
        {(['holiday', 'compensatory', 'day_off', 'make_up_working_day', 'weekend'] as const).map((k) => (
          <Group key={k} gap={6}>
            <Box
              w={18}
              h={18}
              bg={styles[k].bg}
              style={{ border: '1px solid #888', borderRadius: 3 }}
              aria-hidden
            />
            <Text size="sm">
              {styles[k].mark ? `${styles[k].mark} — ` : ''}
              {t(`calendar.kinds.${k}`)}
            </Text>
          </Group>
        ))}
      </Group>
      {isAdmin && <Alert color="blue">{t('calendar.editHint')}</Alert>}
      {calendar.isPending ? (
        <Loader role="status" aria-label={t('common.loading')} />
      ) : calendar.error ? (
        <Alert color="red" role="alert">
          {calendar.error.message}
        </Alert>
      ) : (
        <SimpleGrid cols={{ base: 1, xs: 2, md: 3, lg: 4 }} spacing="md">
          {months.map((monthName, m) => {
            const first = iso(year, m + 1, 1);
            const daysInMonth = new Date(Date.UTC(year, m + 1, 0)).getUTCDate();
            const lead = weekdayOf(first);
            return (
              <Box key={monthName} component="section" aria-label={`${monthName} ${year}`}>
                <Text fw={600} mb={4}>
                  {monthName}
                </Text>
                <Box style={{ display: 'grid', gridTemplateColumns: 'repeat(7, 1fr)', gap: 2 }}>
                  {weekdays.map((w) => (
                    <Text key={w} size="xs" ta="center" c="dimmed" aria-hidden>
                      {w}
                    </Text>
                  ))}
                  {Array.from({ length: lead }, (_, i) => (
                    <span key={`lead-${i}`} />
                  ))}
                  {Array.from({ length: daysInMonth }, (_, i) => {
                    const date = iso(year, m + 1, i + 1);
                    const kind = kindOf(date);
                    // The accessible name starts with the visible day number (WCAG 2.5.3, label in name).
                    const label = `${i + 1} — ${formatDate(date)}${kind === 'working' ? '' : ` — ${names.get(date) ?? t(`calendar.kinds.${kind}`)}`}`;
                    const common = {
                      title: label,
                      'aria-label': label,
                      'data-date': date,
                      'data-kind': kind,
                      style: {
                        background: styles[kind].bg,
                        border: '1px solid #bbb',
                        borderRadius: 3,
                        fontSize: 12,
                        lineHeight: '24px',
                        textAlign: 'center' as const,
                        color: '#111',
                        padding: 0,
                        minWidth: 0,
                      },
                    };
                    return isAdmin ? (
                      <button key={date} type="button" onClick={() => toggle(date)} {...common}>
                        {i + 1}
                      </button>
                    ) : (
                      <span key={date} {...common}>
                        {i + 1}
                      </span>
                    );
                  })}
                </Box>
              </Box>
            );
          })}
        </SimpleGrid>
      )}
      {isAdmin && notice && (
        <Stack gap="xs">
          {error && (
            <Alert color="red" role="alert" data-testid="save-error">
              {error.message}
              {error.field ? ` (${error.field})` : ''}
            </Alert>
          )}
          {savedYear === year && !draft && (
            <Alert color="green" role="status">
              {t('calendar.saved', { year })}
            </Alert>
          )}
          <Group>
            <Button
              color="red.9"
              disabled={!draft}
              loading={save.isPending}
              onClick={() =>
                draft &&
                save.mutate(draft, {
                  onSuccess: () => {
                    setDraft(undefined);
                    setSavedYear(year);
                  },
                })
              }
            >
              {t('calendar.save', { year })}
            </Button>
            <Button variant="default" disabled={!draft} onClick={() => setDraft(undefined)}>
              {t('calendar.reset')}
            </Button>
          </Group>
        </Stack>
      )}
      {calendar.data && (
        <Box className="scroll-region" tabIndex={0} role="region" aria-label={t('calendar.list')}>
          <Table captionSide="top">
            <Table.Caption>{t('calendar.list')}</Table.Caption>
            <Table.Tbody>
              {calendar.data.days.map((d) => (
                <Table.Tr key={d.date}>
                  <Table.Td>{formatDate(d.date)}</Table.Td>
                  <Table.Td>{t(`calendar.kinds.${d.kind}`)}</Table.Td>
                  <Table.Td>{i18n.language === 'en' ? d.name_en : d.name}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Box>
      )}
    </Stack>
  );
}
