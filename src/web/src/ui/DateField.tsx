// Dates typed dd/mm/yyyy and times typed HH:mm (24 h), whatever the browser's locale: native date inputs
// follow the browser (mm/dd/yyyy in an en-US one). Shared by the citizen, staff and administration pages.
import '@mantine/dates/styles.css';
import 'dayjs/locale/vi';
import './date-field.css';
import { Group, TextInput } from '@mantine/core';
import { DateInput, DatesProvider, type CalendarAriaLabels } from '@mantine/dates';
import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';

const pad = (n: number) => String(n).padStart(2, '0');

/** 'YYYY-MM-DD' from 'dd/mm/yyyy', or null. */
export function parseVnDate(text: string): string | null {
  const m = /^\s*(\d{1,2})\/(\d{1,2})\/(\d{4})\s*$/.exec(text);
  if (!m) return null;
  const [d, mo, y] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) return null;
  return `${y}-${pad(mo)}-${pad(d)}`;
}

/** 'dd/mm/yyyy' from 'YYYY-MM-DD' (or the date of an ISO string); '' when empty. */
export function isoToVn(iso: string | null | undefined): string {
  if (!iso) return '';
  const [y, m, d] = iso.slice(0, 10).split('-');
  return `${d}/${m}/${y}`;
}

/** 'HH:mm' from a 24-hour time typed H:mm or HH:mm (also 9h30, 9.30), or null. */
export function parseVnTime(text: string): string | null {
  const m = /^\s*(\d{1,2})\s*[:hH.]\s*(\d{2})\s*$/.exec(text);
  if (!m) return null;
  const [h, min] = [Number(m[1]), Number(m[2])];
  if (h > 23 || min > 59) return null;
  return `${pad(h)}:${pad(min)}`;
}

/**
 * A date typed as dd/mm/yyyy whatever the browser's locale, or picked from a calendar (@mantine/dates, in
 * Vietnamese or English with the page); the value is 'YYYY-MM-DD' or '' when empty. Text that is no date
 * (month first, 31/02) is kept as typed and refused beside the field when it is left or Enter is pressed.
 */
export function DateField({
  label,
  value,
  onChange,
  error,
  required,
  description,
  w,
  onTextValid,
}: {
  label: string;
  value: string;
  onChange: (iso: string) => void;
  error?: string | boolean | undefined;
  required?: boolean | undefined;
  description?: string | undefined;
  w?: number | string;
  /** Told whether the text typed so far is a date (or empty): `value` keeps the last date while it is not. */
  onTextValid?: (valid: boolean) => void;
}) {
  const { t, i18n } = useTranslation();
  const text = useRef(isoToVn(value));
  const [bad, setBad] = useState(false);
  const check = () => setBad(text.current.trim() !== '' && parseVnDate(text.current) === null);
  useEffect(() => {
    if (parseVnDate(text.current) !== value) {
      text.current = isoToVn(value);
      setBad(false);
    }
  }, [value]);
  return (
    <DatesProvider settings={{ locale: i18n.language === 'en' ? 'en' : 'vi', firstDayOfWeek: 1 }}>
      <DateInput
        label={label}
        description={description}
        placeholder="dd/mm/yyyy"
        inputMode="numeric"
        autoComplete="off"
        required={required}
        w={w ?? 150}
        valueFormat="DD/MM/YYYY"
        // Day first, and only real days: dayjs' own parsing would take 12/31/2026 or roll 31/02 over.
        dateParser={parseVnDate}
        value={value || null}
        allowDeselect
        // Mantine dims the neighbouring months' days below 4.5:1 contrast (axe); the month's own days suffice.
        hideOutsideDates
        fixOnBlur={false}
        onChange={(iso) => {
          text.current = isoToVn(iso);
          setBad(false);
          onChange(iso ?? '');
        }}
        onInput={(e) => {
          const next = e.currentTarget.value;
          text.current = next;
          const valid = next.trim() === '' || parseVnDate(next) !== null;
          onTextValid?.(valid);
          if (valid) setBad(false);
        }}
        onBlur={check}
        // Enter sends the form without leaving the field: say now if the text is not a date.
        onKeyDown={(e) => {
          if (e.key === 'Enter') check();
        }}
        error={bad ? t('dateTime.badDate') : error}
        ariaLabels={t('dateTime.calendar', { returnObjects: true }) as CalendarAriaLabels}
      />
    </DatesProvider>
  );
}

/** A time typed as HH:mm on the 24-hour clock; reports 'HH:mm', or '' while the text is empty or not a time. */
function TimeField({
  label,
  defaultValue,
  onChange,
  error,
  required,
  description,
}: {
  label: string;
  defaultValue: string;
  onChange: (time: string) => void;
  error?: string | boolean | undefined;
  required?: boolean | undefined;
  description?: string | undefined;
}) {
  const { t } = useTranslation();
  const [text, setText] = useState(defaultValue);
  const [bad, setBad] = useState(false);
  return (
    <TextInput
      label={label}
      description={description}
      placeholder="HH:mm"
      autoComplete="off"
      required={required}
      value={text}
      w={150}
      inputWrapperOrder={['label', 'input', 'description', 'error']}
      onChange={(e) => {
        const next = e.currentTarget.value;
        setText(next);
        const time = parseVnTime(next);
        if (time || next.trim() === '') setBad(false);
        onChange(time ?? '');
      }}
      onBlur={() => {
        const time = parseVnTime(text);
        if (time) setText(time);
        setBad(text.trim() !== '' && time === null);
      }}
      onKeyDown={(e) => {
        if (e.key === 'Enter') setBad(text.trim() !== '' && parseVnTime(text) === null);
      }}
      error={bad ? t('dateTime.badTime') : error}
    />
  );
}

/**
 * A moment on the Vietnam wall clock as a date (dd/mm/yyyy) and a 24-hour time (HH:mm). It starts from
 * `defaultValue` ('YYYY-MM-DDTHH:mm') and reports the same shape, or '' while either part is missing or
 * not a date / a time. An `error` about the moment is shown beside the date and marks both parts.
 */
export function DateTimeField({
  dateLabel,
  timeLabel,
  timeDescription,
  defaultValue,
  onChange,
  error,
  required,
}: {
  dateLabel: string;
  timeLabel: string;
  timeDescription?: string | undefined;
  defaultValue: string;
  onChange: (local: string) => void;
  error?: string | undefined;
  required?: boolean | undefined;
}) {
  const [date, setDate] = useState({ iso: defaultValue.slice(0, 10), ok: true });
  const [time, setTime] = useState(defaultValue.slice(11, 16));
  const compose = (d: { iso: string; ok: boolean }, tm: string) =>
    d.ok && d.iso && tm ? `${d.iso}T${tm}` : '';
  return (
    <Group gap="sm" align="flex-start">
      <DateField
        label={dateLabel}
        value={date.iso}
        required={required}
        error={error}
        onTextValid={(ok) => {
          // Told first; the date itself follows only when the text is one (or empty).
          if (ok) return;
          setDate((old) => ({ ...old, ok: false }));
          onChange('');
        }}
        onChange={(iso) => {
          const next = { iso, ok: true };
          setDate(next);
          onChange(compose(next, time));
        }}
      />
      <TimeField
        label={timeLabel}
        description={timeDescription}
        defaultValue={defaultValue.slice(11, 16)}
        required={required}
        error={error ? true : undefined}
        onChange={(tm) => {
          setTime(tm);
          onChange(compose(date, tm));
        }}
      />
    </Group>
  );
}
