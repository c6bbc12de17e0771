// Pieces shared by the citizen's and the staff's dossier pages. Lazy pages only.
import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Card,
  Group,
  Image,
  Input,
  List,
  Modal,
  Progress,
  Stack,
  Text,
  Timeline,
  Title,
} from '@mantine/core';
import { useMediaQuery } from '@mantine/hooks';
import { useQueryClient } from '@tanstack/react-query';
import { useId, useRef, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { actionDefinitions } from '../../../domain/dossier/transitions.ts';
import { isPreviewable } from '../../../domain/files/sniff.ts';
import { ApiError } from '../api/client.ts';
import {
  componentFilesUrl,
  fileUrl,
  formUrl,
  supplementItemFilesUrl,
  uploadFile,
  useRemoveFile,
  type DossierAction,
  type DossierStanding,
  type DossierStatus,
  type DossierView,
  type FileView,
  type HistoryEntry,
  type SupplementRequestView,
} from '../api/dossiers.ts';
import { keys } from '../api/hooks.ts';
import { formatDateTime, formatFileSize, formatMoney } from '../format.ts';

/** The Vietnamese or English member of a { vi, en } pair, following the chosen language. */
export function usePick() {
  const { i18n } = useTranslation();
  return (pair: { vi: string; en: string }) => (i18n.language === 'en' ? pair.en : pair.vi);
}

export function actionName(action: DossierAction, language: string): string {
  const d = actionDefinitions[action];
  return language === 'en' ? d.en : d.vi;
}

// Dark fills with white text keep 4.5:1 contrast; the text says the status, colour only helps.
const statusColours: Record<DossierStatus, string> = {
  draft: '#495057',
  submitted: '#1864ab',
  supplement_requested_at_intake: '#a61e4d',
  refused: '#343a40',
  received: '#1864ab',
  processing: '#5f3dc4',
  supplement_requested: '#a61e4d',
  financial_obligation: '#862e9c',
  withdrawal_requested: '#343a40',
  stopped: '#343a40',
  resolved: '#1b5e20',
  returned: '#2b6a30',
};

export function StatusBadge({
  status,
  name,
  short = false,
}: {
  status: DossierStatus;
  name: { vi: string; en: string };
  /** One line with a short label (tables), the full name in the tooltip. */
  short?: boolean;
}) {
  const pick = usePick();
  const { t } = useTranslation();
  return (
    <Badge
      variant="filled"
      data-status={status}
      title={short ? pick(name) : undefined}
      styles={{
        root: { background: statusColours[status], color: '#fff', textTransform: 'none', height: 'auto' },
        label: { whiteSpace: short ? 'nowrap' : 'normal', overflow: 'visible' },
      }}
    >
      {short ? t(`statusShort.${status}`) : pick(name)}
    </Badge>
  );
}

/** Within deadline / near due / overdue / paused, or how a finished dossier ended; always as text. */
export function StandingBadge({ standing, nearDue }: { standing: DossierStanding; nearDue?: boolean }) {
  const { t } = useTranslation();
  let label: string;
  let bg: string;
  switch (standing.kind) {
    case 'open':
      if (standing.standing === 'overdue') {
        label = t('standing.overdue');
        bg = '#c92a2a';
      } else if (nearDue) {
        label = t('standing.nearDue');
        bg = '#a35200';
      } else {
        label = t('standing.within');
        bg = '#1b5e20';
      }
      if (standing.paused) label = `${label} · ${t('standing.paused')}`;
      break;
    case 'finished':
      label = t(`standing.${standing.outcome}`);
      bg = standing.outcome === 'late' ? '#c92a2a' : '#1b5e20';
      break;
    case 'not_received':
    case 'refused':
    case 'withdrawn':
    case 'stopped':
      label = t(`standing.${standing.kind}`);
      bg = '#495057';
      break;
  }
  return (
    <Badge
      variant="filled"
      data-standing={standing.kind === 'open' ? (nearDue ? 'near_due' : standing.standing) : standing.kind}
      styles={{
        root: { background: bg, color: '#fff', textTransform: 'none', height: 'auto' },
        label: { whiteSpace: 'nowrap', overflow: 'visible' },
      }}
    >
      {label}
    </Badge>
  );
}

export { Field } from './field.tsx';

/** The details an event carries, in words. */
function EventDetails({ entry, agencyNames }: { entry: HistoryEntry; agencyNames: Record<string, string> }) {
  const { t } = useTranslation();
  const agencyName = (code: string) => agencyNames[code] ?? code;
  const data = entry.data ?? {};
  const lines: ReactNode[] = [];
  const str = (k: string) => (typeof data[k] === 'string' ? data[k] : null);
  const list = (k: string) => (Array.isArray(data[k]) ? (data[k] as unknown[]).map(String) : null);
  if (entry.assignee?.name) lines.push(`${t('history.assignee')}: ${entry.assignee.name}`);
  const items = list('items');
  if (items) lines.push(`${t('history.items')}: ${items.join('; ')}`);
  const question = str('question');
  if (question) lines.push(`${t('opinion.history.question')}: ${question}`);
  const reasons = list('reasons');
  if (reasons) lines.push(`${t('history.reasons')}: ${reasons.join('; ')}`);
  for (const k of [
    'reason',
    'note',
    'result',
    'resultNumber',
    'noticeNumber',
    'transactionId',
    'receivedBy',
  ]) {
    const v = str(k);
    if (v) lines.push(`${t(`history.${k}`)}: ${v}`);
  }
  if (typeof data.amountVnd === 'number')
    lines.push(`${t('history.amountVnd')}: ${formatMoney(data.amountVnd)}`);
  const agencies = list('agencies');
  if (agencies) lines.push(`${t('history.agencies')}: ${agencies.map(agencyName).join(', ')}`);
  // A request's reply due time, per agency asked (by each one's calendar).
  const due = data.replyDueAt;
  if (agencies && due !== null && typeof due === 'object')
    for (const code of agencies) {
      const at = (due as Record<string, unknown>)[code];
      if (typeof at === 'number')
        lines.push(
          `${t('opinion.history.replyDueAt')}${agencies.length > 1 ? ` (${agencyName(code)})` : ''}: ${formatDateTime(new Date(at).toISOString())}`,
        );
    }
  if (entry.action === 'cooperating_result' && typeof data.agencyCode === 'string')
    lines.unshift(`${t('opinion.history.agency')}: ${agencyName(data.agencyCode)}`);
  const attachments = Array.isArray(data.attachments)
    ? (data.attachments as { fileName?: unknown }[]).map((f) =>
        typeof f.fileName === 'string' ? f.fileName : '',
      )
    : [];
  if (attachments.length > 0) lines.push(`${t('opinion.history.attachments')}: ${attachments.join(', ')}`);
  const methods = list('methods');
  if (methods)
    lines.push(`${t('history.methods')}: ${methods.map((m) => t(`resultMethods.${m}`)).join(', ')}`);
  if (entry.dueAt) lines.push(`${t('history.dueAt')}: ${formatDateTime(entry.dueAt)}`);
  if (lines.length === 0) return null;
  return (
    <Stack gap={0}>
      {lines.map((l, i) => (
        <Text key={i} size="sm">
          {l}
        </Text>
      ))}
    </Stack>
  );
}

export function History({
  history,
  agencyNames = {},
  supplements = [],
  dossierRef,
}: {
  history: HistoryEntry[];
  /** Agencies by identifier: the history names them, never by code. */
  agencyNames?: Record<string, string>;
  /** Shown under each supplement request: the files supplied for its items. */
  supplements?: SupplementRequestView[];
  dossierRef?: string;
}) {
  const { t, i18n } = useTranslation();
  return (
    <Timeline active={history.length - 1} bulletSize={14} lineWidth={2} color="red.9">
      {history.map((h) => (
        <Timeline.Item key={h.seq} title={actionName(h.action, i18n.language)}>
          <Text size="sm" c="dimmed">
            {formatDateTime(h.at)}
            {' · '}
            {h.actor.name ? `${h.actor.name} (${t(`roles.${h.actor.role}`)})` : t(`roles.${h.actor.role}`)}
            {h.actor.agencyName ? ` · ${h.actor.agencyName}` : ''}
          </Text>
          <EventDetails entry={h} agencyNames={agencyNames} />
          {h.action === 'request_supplement' && dossierRef && (
            <SuppliedFiles request={supplements.find((r) => r.seq === h.seq)} dossierRef={dossierRef} />
          )}
        </Timeline.Item>
      ))}
    </Timeline>
  );
}

/**
 * A PDF or an image of the dossier shown over the page: the server sends these (told by their bytes)
 * inline, so the browser's own viewer shows them; full screen on a phone.
 */
export function FilePreview({
  dossierRef,
  file,
  onClose,
}: {
  dossierRef: string;
  file: FileView | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const phone = useMediaQuery('(max-width: 48em)');
  const title = file ? t('files.previewOf', { name: file.fileName }) : '';
  const src = file ? fileUrl(dossierRef, file.id, true) : '';
  return (
    <Modal
      opened={file !== null}
      onClose={onClose}
      title={title}
      size="xl"
      fullScreen={phone}
      closeButtonProps={{ 'aria-label': t('files.closePreview') }}
      styles={{ title: { overflowWrap: 'anywhere', fontWeight: 600 } }}
    >
      {file && (
        <Stack gap="xs">
          {file.mediaType === 'application/pdf' ? (
            <Box
              component="iframe"
              src={src}
              title={title}
              style={{
                width: '100%',
                height: phone ? 'calc(100dvh - 9rem)' : '75vh',
                border: '1px solid #ccc',
              }}
            />
          ) : (
            <Image
              src={src}
              alt={title}
              // Its own size, smaller if it must: a small scan is not blown up into a blur.
              w="auto"
              maw="100%"
              mx="auto"
              fit="contain"
              mah={phone ? 'calc(100dvh - 9rem)' : '75vh'}
            />
          )}
          <Anchor href={fileUrl(dossierRef, file.id)} download={file.fileName} size="sm">
            {t('files.download', { name: file.fileName })}
          </Anchor>
        </Stack>
      )}
    </Modal>
  );
}

/** The result: its document number and files, once there is either. */
export function ResultSection({ view, dossierRef }: { view: DossierView; dossierRef: string }) {
  const { t } = useTranslation();
  if (!view.resultNumber && view.resultFiles.length === 0) return null;
  return (
    <Stack gap="xs" component="section">
      <Title order={3} size="h4">
        {t('mine.result')}
      </Title>
      {view.resultNumber && (
        <Text size="sm">
          {t('dossier.resultNumber')}: <strong>{view.resultNumber}</strong>
        </Text>
      )}
      <FileList dossierRef={dossierRef} files={view.resultFiles} />
    </Stack>
  );
}

/**
 * Files with a download link each, and a preview over the page for PDFs and images. `removable`: each
 * file of a component can be removed (where its uploader may still change the files).
 */
export function FileList({
  dossierRef,
  files,
  removable,
}: {
  dossierRef: string;
  files: FileView[];
  removable?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const [shown, setShown] = useState<FileView | null>(null);
  const remove = useRemoveFile(dossierRef);
  if (files.length === 0)
    return (
      <Text size="sm" c="dimmed">
        {t('files.none')}
      </Text>
    );
  return (
    <>
      <List listStyleType="none" spacing="xs" size="sm" styles={{ itemWrapper: { width: '100%' } }}>
        {files.map((f) => (
          <List.Item key={f.id}>
            <Group gap="xs" wrap="wrap">
              <Anchor
                href={fileUrl(dossierRef, f.id)}
                download={f.fileName}
                style={{ overflowWrap: 'anywhere' }}
              >
                {f.fileName}
              </Anchor>
              <Text size="xs" c="dimmed">
                {formatFileSize(f.size, i18n.language)} · {formatDateTime(f.uploadedAt)}
              </Text>
              {isPreviewable(f.mediaType) && (
                <Button
                  size="compact-xs"
                  variant="outline"
                  color="red.9"
                  aria-haspopup="dialog"
                  aria-label={t('files.previewOf', { name: f.fileName })}
                  onClick={() => setShown(f)}
                >
                  {t('files.preview')}
                </Button>
              )}
              {removable && (
                <Button
                  size="compact-xs"
                  variant="outline"
                  color="red.9"
                  aria-label={t('files.removeOf', { name: f.fileName })}
                  loading={remove.isPending && remove.variables === f.id}
                  onClick={() => remove.mutate(f.id)}
                >
                  {t('files.remove')}
                </Button>
              )}
            </Group>
          </List.Item>
        ))}
      </List>
      {remove.error && (
        <Text size="sm" c="red.9" role="alert">
          {remove.error instanceof ApiError ? remove.error.message : t('common.error')}
        </Text>
      )}
      <FilePreview dossierRef={dossierRef} file={shown} onClose={() => setShown(null)} />
    </>
  );
}

export const ACCEPTED_FILES =
  '.pdf,.jpg,.jpeg,.png,.docx,.xlsx,application/pdf,image/jpeg,image/png,' +
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document,' +
  'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/**
 * A labelled native file input (keyboard usable, works with any assistive technology) that uploads the
 * chosen file at once with a progress bar; errors show under it in the user's language.
 */
export function FileUpload({
  label,
  url,
  dossierRef,
  description,
  multiple,
  onUploaded,
}: {
  label: string;
  url: string;
  /** The dossier whose page is refreshed after the upload. */
  dossierRef: string;
  description?: string;
  /** Several files may be chosen at once, each added (POSTed) to `url` in turn; otherwise one replaces. */
  multiple?: boolean;
  /** Told after a successful upload (e.g. to clear an error the missing file caused). */
  onUploaded?: () => void;
}) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const onChange = async (input: HTMLInputElement) => {
    const chosen = [...(input.files ?? [])];
    if (chosen.length === 0) return;
    setError(null);
    setDone(null);
    setProgress(0);
    const names: string[] = [];
    try {
      for (const file of multiple ? chosen : chosen.slice(0, 1)) {
        setProgress(0);
        const uploaded = await uploadFile(url, file, setProgress, undefined, multiple ? 'POST' : 'PUT');
        names.push(uploaded.fileName);
        setDone(names.join(', '));
      }
      onUploaded?.();
    } catch (err) {
      setError(err instanceof ApiError ? err.message : t('common.error'));
    } finally {
      setProgress(null);
      input.value = '';
      // Also after a failure part-way: the files that made it are shown.
      if (names.length > 0) await client.invalidateQueries({ queryKey: keys.dossier(dossierRef) });
    }
  };
  const described = [error ? `${id}-error` : null, `${id}-description`].filter(Boolean).join(' ');
  return (
    <Input.Wrapper label={label} description={description ?? t('files.accepted')} error={error} id={id}>
      <Group gap="xs" mt={4} wrap="wrap" className="file-pick">
        {/* The native input keeps keyboard and screen-reader use; the button beside it speaks the user's
            language (the browser's own button follows the browser's locale). */}
        <input
          ref={inputRef}
          id={id}
          type="file"
          className="visually-hidden-input"
          accept={ACCEPTED_FILES}
          multiple={multiple}
          disabled={progress !== null}
          aria-invalid={error ? true : undefined}
          aria-describedby={described}
          onChange={(e) => void onChange(e.currentTarget)}
        />
        <Button
          variant="outline"
          color="red.9"
          size="xs"
          tabIndex={-1}
          aria-hidden
          disabled={progress !== null}
          onClick={() => inputRef.current?.click()}
        >
          {t(multiple ? 'files.chooseMany' : 'files.choose')}
        </Button>
      </Group>
      {progress !== null && (
        <Progress
          mt={6}
          value={Math.round(progress * 100)}
          aria-label={t('files.uploading', { label })}
          color="red.9"
          size="lg"
          animated
        />
      )}
      {done && (
        <Text size="sm" c="#1b5e20" role="status" mt={4}>
          {t('files.uploaded', { name: done })}
        </Text>
      )}
    </Input.Wrapper>
  );
}

export type FormNumber = '01' | '02' | '03' | '04' | '05' | '06';

/** The forms this dossier has, from the actions in its history. */
export function formsOf(view: DossierView, staff: boolean): FormNumber[] {
  const done = new Set(view.history.map((h) => h.action));
  const forms: FormNumber[] = [];
  if (done.has('receive')) forms.push('01');
  if (done.has('request_supplement')) forms.push('02');
  if (done.has('refuse')) forms.push('03');
  if (done.has('apologize')) forms.push('04');
  if (done.has('stop') || view.history.some((h) => h.action === 'request_withdrawal' && h.to === 'stopped'))
    forms.push('05');
  if (staff && view.receivedAt) forms.push('06');
  return forms;
}

/** Links to the printable PDFs: open in a new tab to print (staff) or download (citizens). */
export function FormLinks({ view, staff }: { view: DossierView; staff: boolean }) {
  const { t } = useTranslation();
  const forms = formsOf(view, staff);
  const ref = view.code ?? view.id;
  if (forms.length === 0) return null;
  return (
    <Group gap="xs" wrap="wrap">
      {forms.map((f) =>
        staff ? (
          <Button
            key={f}
            component="a"
            href={formUrl(ref, f)}
            target="_blank"
            rel="noopener"
            variant="outline"
            color="red.9"
            size="sm"
            data-form={f}
          >
            {t(`forms.print.${f}`)}
          </Button>
        ) : (
          <Anchor key={f} href={formUrl(ref, f)} download={`mau-${f}-${ref}.pdf`} data-form={f}>
            {t(`forms.download.${f}`)}
          </Anchor>
        ),
      )}
    </Group>
  );
}

/** Splits an API error between the fields of a form: `of(field)` next to the input, `general` above. */
export function fieldErrors(error: unknown, fields: readonly string[]) {
  const e = error instanceof ApiError ? error : undefined;
  const match = e?.field
    ? [...fields]
        .sort((a, b) => b.length - a.length)
        .find((f) => e.field === f || e.field!.startsWith(`${f}/`))
    : undefined;
  return {
    of: (field: string): string | undefined => (e && match === field ? e.message : undefined),
    general: e ? (match ? undefined : e.message) : error instanceof Error ? error.message : undefined,
    conflict: e?.status === 409,
  };
}

/**
 * A dossier page whose dossier did not load. The API answers "not found" for a dossier the caller may not
 * see, so that a code typed into the address bar tells nothing of another agency's or person's dossier;
 * the page says both possibilities in one sentence and shows nothing else of it.
 */
export function DossierLoadError({ error, back }: { error: Error; back: ReactNode }) {
  const { t } = useTranslation();
  const unavailable = error instanceof ApiError && (error.status === 404 || error.status === 403);
  return (
    <Stack>
      {unavailable && <Title order={2}>{t('dossierUnavailable.heading')}</Title>}
      <Alert color="red" role="alert">
        {unavailable ? t('dossierUnavailable.body') : error.message}
      </Alert>
      {back}
    </Stack>
  );
}

export function ErrorAlert({ message }: { message: string | undefined | null }) {
  if (!message) return null;
  return (
    <Alert color="red" role="alert" variant="light">
      {message}
    </Alert>
  );
}

/** The items of a list field typed one per line. */
export const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

export function BulletList({ items }: { items: string[] }) {
  return (
    <List size="sm" spacing={2}>
      {items.map((i, n) => (
        <List.Item key={n}>{i}</List.Item>
      ))}
    </List>
  );
}

/** Required components the applicant must attach (those from the national databases are looked up). */
export function missingComponents(view: DossierView) {
  return view.components.filter((c) => c.required && !c.fromNationalDb && c.files.length === 0);
}

/** Under a supplement request in the history: what was supplied for each item, with its files. */
function SuppliedFiles({
  request,
  dossierRef,
}: {
  request: SupplementRequestView | undefined;
  dossierRef: string;
}) {
  const { t } = useTranslation();
  const supplied = request?.items.filter((i) => i.files.length > 0) ?? [];
  if (supplied.length === 0) return null;
  return (
    <Stack gap={4} mt={4} data-testid={`supplied-${request!.seq}`}>
      {supplied.map((i) => (
        <Stack key={i.itemIdx} gap={2}>
          <Text size="sm" fw={500}>
            {t('supplement.supplied')}: {i.item}
          </Text>
          <FileList dossierRef={dossierRef} files={i.files} />
        </Stack>
      ))}
    </Stack>
  );
}

/**
 * The papers a supplement request asked for, each with its files and whether it was supplied; while the
 * supplement is awaited, whoever may supply it uploads each one here (a component's files go to that
 * component, another paper's to its own slot).
 */
export function SupplementItems({
  request,
  dossierRef,
  pageRef,
  canUpload,
}: {
  request: SupplementRequestView;
  /** The dossier's code (or id) in file URLs. */
  dossierRef: string;
  /** The reference the page was opened with, whose data an upload refreshes. */
  pageRef: string;
  canUpload: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs" data-testid={`supplement-${request.seq}`}>
      {request.items.map((i) => {
        const label = t('supplement.item', { n: i.itemIdx + 1, item: i.item });
        const supplied = i.files.length > 0;
        return (
          <Card key={i.itemIdx} withBorder padding="sm" data-supplement-item={i.itemIdx}>
            <Stack gap="xs">
              <Group gap="xs" wrap="wrap" justify="space-between">
                {canUpload ? (
                  <Text size="sm" c="dimmed">
                    {i.componentIdx === null ? t('supplement.other') : t('supplement.component')}
                  </Text>
                ) : (
                  <Text fw={500}>{label}</Text>
                )}
                <Badge color={supplied ? '#1b5e20' : '#495057'} variant={supplied ? 'filled' : 'outline'}>
                  {supplied ? t('supplement.supplied') : t('supplement.notSupplied')}
                </Badge>
              </Group>
              {canUpload && (
                <FileUpload
                  label={label}
                  url={
                    i.componentIdx === null
                      ? supplementItemFilesUrl(dossierRef, request.seq, i.itemIdx)
                      : componentFilesUrl(dossierRef, i.componentIdx)
                  }
                  multiple
                  dossierRef={pageRef}
                />
              )}
              <FileList dossierRef={dossierRef} files={i.files} removable={canUpload} />
            </Stack>
          </Card>
        );
      })}
    </Stack>
  );
}

/** The items of the awaited supplement request that have no file yet. */
export function unsuppliedItems(view: DossierView): string[] {
  const awaited = view.status === 'supplement_requested_at_intake' || view.status === 'supplement_requested';
  const last = view.supplements.at(-1);
  return awaited && last ? last.items.filter((i) => i.files.length === 0).map((i) => i.item) : [];
}
