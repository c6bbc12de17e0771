// The actions the API says the caller may take now, each with a small form for the fields it needs.
import {
  Alert,
  Button,
  Card,
  Checkbox,
  Group,
  Input,
  MultiSelect,
  NumberInput,
  Progress,
  Radio,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Title,
} from '@mantine/core';
import { useId, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { quickRatings, ratingCriteria } from '../../../domain/dossier/model.ts';
import { ApiError } from '../api/client.ts';
import {
  opinionFileUrl,
  uploadFile,
  useDossierAction,
  useStaff,
  type DossierAction,
  type DossierView,
} from '../api/dossiers.ts';
import { useAgencies } from '../api/hooks.ts';
import { isoToVnLocal, vnLocalToIso } from '../format.ts';
import { DateTimeField } from '../ui/DateField.tsx';
import { ReceiptTimeWarning } from './receipt-time.tsx';
import { ACCEPTED_FILES, actionName, ErrorAlert, fieldErrors, lines } from './ui.tsx';

/** Actions taken elsewhere than in this panel (drafts are saved by the filing form). */
const hidden: readonly DossierAction[] = ['save_draft'];

/** The last supplement request: what the applicant is asked to bring. */
export function lastSupplementRequest(view: DossierView): { items: string[]; reason: string } | null {
  for (let i = view.history.length - 1; i >= 0; i--) {
    const h = view.history[i]!;
    if (h.action === 'request_supplement') {
      const data = h.data ?? {};
      return {
        items: Array.isArray(data.items) ? data.items.map(String) : [],
        reason: typeof data.reason === 'string' ? data.reason : '',
      };
    }
  }
  return null;
}

type Values = Record<string, string | string[] | boolean | number | null | Attached[]>;

/** A file uploaded for a request or an answer, sent by id with the action. */
interface Attached {
  id: string;
  fileName: string;
}

function initialValues(action: DossierAction, view: DossierView): Values {
  switch (action) {
    case 'receive':
      return {
        provided: view.components.filter((c) => c.provided || c.files.length > 0).map((c) => String(c.idx)),
      };
    case 'provide_supplement':
      return { items: (lastSupplementRequest(view)?.items ?? []).join('\n') };
    case 'issue':
      return { resultNumber: '', electronic: false };
    case 'return_result':
      return { methods: ['paper'], delivery: 'in_person', receivedBy: view.applicant.name };
    case 'apologize':
      return { reason: '', newDueAt: isoToVnLocal(view.dueAt) };
    case 'request_supplement':
      return { items: [], otherItems: '', reason: '' };
    case 'rate':
      return {
        quick: null,
        comment: '',
        ...Object.fromEntries(ratingCriteria.map((c) => [`criteria/${c}`, null])),
      };
    case 'save_draft':
    case 'submit':
    case 'refuse':
    case 'forward':
    case 'assign':
    case 'complete_step':
    case 'return_step':
    case 'send_to_cooperating':
      return { agencies: [], question: '', replyWorkingDays: 3, attachments: [] };
    case 'cooperating_result':
      return { result: '', note: '', attachments: [] };
    case 'approve':
    case 'request_financial_obligation':
    case 'record_payment':
    case 'request_withdrawal':
    case 'stop':
      return {};
  }
}

/** A rating criterion's chosen score as the radio group's value. */
const criterionValue = (v: Values[string] | undefined): string | null =>
  typeof v === 'number' || typeof v === 'string' ? String(v) : null;

const str = (v: Values[string] | undefined) => (typeof v === 'string' ? v.trim() : '');

/** The request body of an action from the form's values; undefined fields are left out. */
function bodyOf(action: DossierAction, v: Values, view: DossierView): Record<string, unknown> {
  const version = { version: view.version };
  const optional = (k: string) => (str(v[k]) === '' ? {} : { [k]: str(v[k]) });
  switch (action) {
    case 'receive':
      return { ...version, provided: ((v.provided as string[]) ?? []).map(Number) };
    case 'request_supplement': {
      const chosen = (v.items as string[]) ?? [];
      return { ...version, items: [...chosen, ...lines(str(v.otherItems))], reason: str(v.reason) };
    }
    case 'refuse':
      return { ...version, reasons: lines(str(v.reasons)) };
    case 'provide_supplement':
      return { ...version, items: lines(str(v.items)) };
    case 'assign':
      return { ...version, assigneeId: v.assigneeId ?? '' };
    case 'complete_step':
    case 'approve':
      return { ...version, ...optional('note') };
    case 'return_step':
    case 'request_withdrawal':
    case 'stop':
      return { ...version, reason: str(v.reason) };
    case 'send_to_cooperating':
      return {
        ...version,
        agencies: v.agencies ?? [],
        question: str(v.question),
        replyWorkingDays: v.replyWorkingDays ?? null,
        attachments: ((v.attachments as Attached[]) ?? []).map((f) => f.id),
      };
    case 'cooperating_result':
      return {
        ...version,
        result: str(v.result),
        ...optional('note'),
        attachments: ((v.attachments as Attached[]) ?? []).map((f) => f.id),
      };
    case 'issue':
      return { ...version, resultNumber: str(v.resultNumber), electronic: v.electronic === true };
    case 'request_financial_obligation':
      return { ...version, noticeNumber: str(v.noticeNumber), amountVnd: v.amountVnd ?? null };
    case 'record_payment':
      return { ...version, amountVnd: v.amountVnd ?? null, transactionId: str(v.transactionId) };
    case 'apologize':
      return { ...version, reason: str(v.reason), newDueAt: vnLocalToIso(str(v.newDueAt)) ?? '' };
    case 'return_result': {
      const methods = (v.methods as string[]) ?? [];
      return {
        ...version,
        methods,
        ...(methods.includes('paper') ? { delivery: v.delivery ?? 'in_person' } : {}),
        ...optional('receivedBy'),
      };
    }
    case 'rate': {
      const criteria = Object.fromEntries(
        ratingCriteria.map((c) => [c, v[`criteria/${c}`] === null ? null : Number(v[`criteria/${c}`])]),
      );
      return { ...version, quick: v.quick, criteria, ...optional('comment') };
    }
    case 'save_draft':
    case 'submit':
    case 'forward':
      return version;
  }
}

/** The API fields each action's form shows errors for. */
const fieldsOf: Record<DossierAction, string[]> = {
  save_draft: [],
  submit: [],
  receive: ['provided'],
  request_supplement: ['items', 'reason'],
  refuse: ['reasons'],
  provide_supplement: ['items'],
  forward: [],
  assign: ['assigneeId'],
  complete_step: ['note'],
  return_step: ['reason'],
  send_to_cooperating: ['agencies', 'question', 'replyWorkingDays', 'attachments'],
  cooperating_result: ['result', 'note', 'attachments'],
  approve: ['note'],
  issue: ['resultNumber', 'electronic'],
  request_financial_obligation: ['noticeNumber', 'amountVnd'],
  record_payment: ['amountVnd', 'transactionId'],
  apologize: ['reason', 'newDueAt'],
  request_withdrawal: ['reason'],
  stop: ['reason'],
  return_result: ['methods', 'delivery', 'receivedBy', 'receivedAt'],
  rate: ['quick', 'criteria', ...ratingCriteria.map((c) => `criteria/${c}`), 'comment'],
};

/** A check in the browser before sending, for what the API would refuse anyway; null when fine. */
function localCheck(
  action: DossierAction,
  v: Values,
  t: (k: string) => string,
): { field: string; message: string } | null {
  if (action === 'rate') {
    if (!v.quick) return { field: 'quick', message: t('rating.chooseQuick') };
    const missing = ratingCriteria.find((c) => v[`criteria/${c}`] === null);
    if (missing) return { field: `criteria/${missing}`, message: t('rating.chooseScore') };
  }
  if (action === 'return_result' && ((v.methods as string[]) ?? []).length === 0)
    return { field: 'methods', message: t('actionFields.chooseMethod') };
  if (action === 'apologize' && !vnLocalToIso(str(v.newDueAt)))
    return { field: 'newDueAt', message: t('actionFields.chooseDate') };
  return null;
}

function AssigneePicker({
  agency,
  value,
  onChange,
  error,
}: {
  agency: string;
  value: string | null;
  onChange: (v: string | null) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const staff = useStaff(agency, 'handling_officer');
  return (
    <Select
      label={t('actionFields.assigneeId')}
      placeholder={staff.isPending ? t('common.loading') : undefined}
      data={(staff.data?.items ?? [])
        .filter((s) => !s.disabled)
        .map((s) => ({ value: s.id, label: `${s.fullName} (${s.username})` }))}
      value={value}
      onChange={onChange}
      error={error ?? staff.error?.message}
      required
      searchable
      nothingFoundMessage={t('actionFields.nobody')}
    />
  );
}

function CooperatingPicker({
  own,
  value,
  onChange,
  error,
}: {
  own: string;
  value: string[];
  onChange: (v: string[]) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const agencies = useAgencies();
  return (
    <MultiSelect
      label={t('actionFields.agencies')}
      data={(agencies.data?.items ?? [])
        .filter((a) => a.code !== own)
        .map((a) => ({ value: a.code, label: a.name }))}
      value={value}
      onChange={onChange}
      error={error}
      required
      searchable
    />
  );
}

/**
 * Files sent with a request or an answer: each is uploaded at once (the dossier's usual upload, checked by
 * its content) and sent by id with the action; one can be taken off the list before sending.
 */
function AttachmentsField({
  url,
  value,
  onChange,
  error,
}: {
  url: string;
  value: Attached[];
  onChange: (v: Attached[]) => void;
  error: string | undefined;
}) {
  const { t } = useTranslation();
  const id = useId();
  const inputRef = useRef<HTMLInputElement>(null);
  const [progress, setProgress] = useState<number | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const onPick = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file) return;
    setFailure(null);
    setProgress(0);
    try {
      const uploaded = await uploadFile(url, file, setProgress);
      onChange([...value, { id: uploaded.id, fileName: uploaded.fileName }]);
    } catch (err) {
      setFailure(err instanceof ApiError ? err.message : t('common.error'));
    } finally {
      setProgress(null);
      input.value = '';
    }
  };
  return (
    <Input.Wrapper
      label={t('opinion.attachments')}
      description={t('files.accepted')}
      error={failure ?? error}
      id={id}
    >
      {value.length > 0 && (
        <Stack gap={4} mt={4} data-testid="attachments">
          {value.map((f) => (
            <Group key={f.id} gap="xs">
              <Text size="sm">{f.fileName}</Text>
              <Button
                size="compact-xs"
                variant="subtle"
                color="red.9"
                aria-label={t('opinion.remove', { name: f.fileName })}
                onClick={() => onChange(value.filter((g) => g.id !== f.id))}
              >
                ✕
              </Button>
            </Group>
          ))}
        </Stack>
      )}
      <Group gap="xs" mt={4} className="file-pick">
        <input
          ref={inputRef}
          id={id}
          type="file"
          className="visually-hidden-input"
          accept={ACCEPTED_FILES}
          disabled={progress !== null}
          onChange={(e) => void onPick(e.currentTarget)}
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
          {t('opinion.attach')}
        </Button>
      </Group>
      {progress !== null && (
        <Progress mt={6} value={Math.round(progress * 100)} aria-label={t('opinion.attach')} color="red.9" />
      )}
    </Input.Wrapper>
  );
}

function ActionForm({
  view,
  action,
  onDone,
  onCancel,
  onConflict,
}: {
  view: DossierView;
  action: DossierAction;
  onDone: (view: DossierView) => void;
  onCancel: () => void;
  /** A 409: the dossier changed meanwhile; it is reloaded and the message shown above the actions. */
  onConflict: (message: string) => void;
}) {
  const { t, i18n } = useTranslation();
  const [values, setValues] = useState<Values>(() => initialValues(action, view));
  const [local, setLocal] = useState<{ field: string; message: string } | null>(null);
  const mutation = useDossierAction();
  const ref = view.code ?? view.id;
  const errors = fieldErrors(mutation.error, fieldsOf[action]);
  // Fields changed since the server's answer: its error about them may no longer hold, so it is not shown
  // until the form is sent again.
  const [changed, setChanged] = useState<ReadonlySet<string>>(new Set());
  const errorOf = (field: string) =>
    local?.field === field ? local.message : changed.has(field) ? undefined : errors.of(field);
  const set = (k: string, v: Values[string]) => {
    setValues((old) => ({ ...old, [k]: v }));
    setChanged((old) => new Set(old).add(k));
    if (local?.field === k) setLocal(null);
  };
  const textValue = (k: string) => (typeof values[k] === 'string' ? values[k] : '');
  const text = (
    k: string,
    opts: { required?: boolean; area?: boolean; description?: string; label?: string } = {},
  ) =>
    opts.area ? (
      <Textarea
        key={k}
        label={opts.label ?? t(`actionFields.${k}`)}
        description={opts.description}
        value={textValue(k)}
        onChange={(e) => set(k, e.currentTarget.value)}
        error={errorOf(k)}
        required={opts.required}
        autosize
        minRows={2}
      />
    ) : (
      <TextInput
        key={k}
        label={t(`actionFields.${k}`)}
        description={opts.description}
        value={textValue(k)}
        onChange={(e) => set(k, e.currentTarget.value)}
        error={errorOf(k)}
        required={opts.required}
      />
    );
  const money = (k: string) => (
    <NumberInput
      key={k}
      label={t(`actionFields.${k}`)}
      value={typeof values[k] === 'number' ? values[k] : ''}
      onChange={(v) => set(k, typeof v === 'number' ? v : null)}
      thousandSeparator="."
      decimalSeparator=","
      min={0}
      allowDecimal={false}
      suffix=" đ"
      error={errorOf(k)}
      required
    />
  );

  let fields: ReactNode = null;
  switch (action) {
    case 'receive':
      fields = (
        <Checkbox.Group
          label={t('actionFields.provided')}
          description={t('actionFields.providedHint')}
          value={(values.provided as string[]) ?? []}
          onChange={(v) => set('provided', v)}
          error={errorOf('provided')}
        >
          <Stack gap={6} mt={6}>
            {view.components.map((c) => (
              <Checkbox
                key={c.idx}
                value={String(c.idx)}
                label={`${c.name}${c.required ? '' : ` (${t('procedure.optional')})`}`}
              />
            ))}
          </Stack>
        </Checkbox.Group>
      );
      // The processing time is counted on the resolving agency's calendar.
      fields = (
        <>
          {fields}
          <ReceiptTimeWarning agency={view.agency.code} />
        </>
      );
      break;
    case 'request_supplement':
      fields = (
        <>
          <Checkbox.Group
            label={t('actionFields.items')}
            value={(values.items as string[]) ?? []}
            onChange={(v) => set('items', v)}
            error={errorOf('items')}
          >
            <Stack gap={6} mt={6}>
              {view.components.map((c) => (
                <Checkbox key={c.idx} value={c.name} label={c.name} />
              ))}
            </Stack>
          </Checkbox.Group>
          {text('otherItems', { area: true, description: t('actionFields.onePerLine') })}
          {text('reason', { area: true, required: true })}
        </>
      );
      break;
    case 'refuse':
      fields = text('reasons', { area: true, required: true, description: t('actionFields.onePerLine') });
      break;
    case 'provide_supplement':
      // The applicant lists what they hand in now: "supplied", not the request's "to supplement".
      fields = text('items', {
        area: true,
        required: true,
        description: t('actionFields.onePerLine'),
        label: t('actionFields.suppliedItems'),
      });
      break;
    case 'assign':
      fields = (
        <AssigneePicker
          agency={view.agency.code}
          value={(values.assigneeId as string | null) ?? null}
          onChange={(v) => set('assigneeId', v)}
          error={errorOf('assigneeId')}
        />
      );
      break;
    case 'complete_step':
    case 'approve':
      fields = text('note', { area: true });
      break;
    case 'return_step':
    case 'request_withdrawal':
    case 'stop':
      fields = text('reason', { area: true, required: true });
      break;
    case 'send_to_cooperating':
      fields = (
        <>
          <CooperatingPicker
            own={view.agency.code}
            value={(values.agencies as string[]) ?? []}
            onChange={(v) => set('agencies', v)}
            error={errorOf('agencies')}
          />
          {text('question', { area: true, required: true })}
          <NumberInput
            label={t('opinion.replyWorkingDays')}
            description={t('opinion.replyWorkingDaysHint')}
            value={typeof values.replyWorkingDays === 'number' ? values.replyWorkingDays : ''}
            onChange={(v) => set('replyWorkingDays', typeof v === 'number' ? v : null)}
            min={1}
            max={60}
            allowDecimal={false}
            error={errorOf('replyWorkingDays')}
            required
            maw={340}
          />
          <AttachmentsField
            url={opinionFileUrl(ref, 'request')}
            value={(values.attachments as Attached[]) ?? []}
            onChange={(v) => set('attachments', v)}
            error={errorOf('attachments')}
          />
        </>
      );
      break;
    case 'cooperating_result':
      fields = (
        <>
          {text('result', { area: true, required: true })}
          {text('note', { area: true })}
          <AttachmentsField
            url={opinionFileUrl(ref, 'reply')}
            value={(values.attachments as Attached[]) ?? []}
            onChange={(v) => set('attachments', v)}
            error={errorOf('attachments')}
          />
        </>
      );
      break;
    case 'issue':
      fields = (
        <>
          {text('resultNumber', { required: true })}
          <Checkbox
            label={t('actionFields.electronic')}
            checked={values.electronic === true}
            onChange={(e) => set('electronic', e.currentTarget.checked)}
            error={errorOf('electronic')}
          />
        </>
      );
      break;
    case 'request_financial_obligation':
      fields = (
        <>
          {text('noticeNumber', { required: true })}
          {money('amountVnd')}
        </>
      );
      break;
    case 'record_payment':
      fields = (
        <>
          {money('amountVnd')}
          {text('transactionId', { required: true })}
        </>
      );
      break;
    case 'apologize':
      fields = (
        <>
          {text('reason', { area: true, required: true })}
          <DateTimeField
            dateLabel={t('actionFields.newDueDate')}
            timeLabel={t('actionFields.newDueTime')}
            timeDescription={t('actionFields.vietnamTime')}
            defaultValue={textValue('newDueAt')}
            onChange={(local) => set('newDueAt', local)}
            error={errorOf('newDueAt')}
            required
          />
        </>
      );
      break;
    case 'return_result': {
      const methods = (values.methods as string[]) ?? [];
      fields = (
        <>
          <Checkbox.Group
            label={t('actionFields.methods')}
            value={methods}
            onChange={(v) => set('methods', v)}
            error={errorOf('methods')}
            required
          >
            <Group gap="md" mt={6}>
              <Checkbox value="paper" label={t('resultMethods.paper')} />
              <Checkbox value="electronic" label={t('resultMethods.electronic')} />
            </Group>
          </Checkbox.Group>
          {methods.includes('paper') && (
            <Radio.Group
              label={t('actionFields.delivery')}
              value={(values.delivery as string) ?? 'in_person'}
              onChange={(v) => set('delivery', v)}
              error={errorOf('delivery')}
            >
              <Group gap="md" mt={6}>
                <Radio value="in_person" label={t('deliveries.in_person')} />
                <Radio value="postal" label={t('deliveries.postal')} />
              </Group>
            </Radio.Group>
          )}
          {text('receivedBy')}
        </>
      );
      break;
    }
    case 'rate':
      fields = (
        <>
          <Radio.Group
            label={t('rating.quick')}
            value={(values.quick as string | null) ?? null}
            onChange={(v) => set('quick', v)}
            error={errorOf('quick')}
            required
          >
            <Group gap="md" mt={6}>
              {quickRatings.map((q) => (
                <Radio key={q} value={q} label={t(`quickRatings.${q}`)} />
              ))}
            </Group>
          </Radio.Group>
          <Text size="sm" fw={500}>
            {t('rating.criteriaHeading')}
          </Text>
          {ratingCriteria.map((c) => (
            <Radio.Group
              key={c}
              label={t(`criteria.${c}`)}
              value={criterionValue(values[`criteria/${c}`])}
              onChange={(v) => set(`criteria/${c}`, v)}
              error={errorOf(`criteria/${c}`) ?? (c === ratingCriteria[0] ? errorOf('criteria') : undefined)}
              required
            >
              <Group gap="md" mt={4}>
                {[0, 1, 2].map((s) => (
                  <Radio key={s} value={String(s)} label={t(`rating.scores.${s}`)} />
                ))}
              </Group>
            </Radio.Group>
          ))}
          {text('comment', { area: true })}
        </>
      );
      break;
    case 'save_draft':
    case 'submit':
    case 'forward':
      fields = <Text size="sm">{t(`actionFields.confirm.${action}`)}</Text>;
      break;
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    const problem = localCheck(action, values, t);
    setLocal(problem);
    if (problem) return;
    setChanged(new Set());
    mutation.mutate(
      { ref, action, body: bodyOf(action, values, view) },
      {
        onSuccess: onDone,
        onError: (err) => {
          if (fieldErrors(err, []).conflict) onConflict(err.message);
        },
      },
    );
  };

  return (
    <Card
      withBorder
      padding="md"
      component="form"
      onSubmit={onSubmit}
      noValidate
      aria-label={actionName(action, i18n.language)}
    >
      <Stack gap="sm">
        <Title order={4} size="h5">
          {actionName(action, i18n.language)}
        </Title>
        {fields}
        {!errors.conflict && <ErrorAlert message={errors.general} />}
        <Group>
          <Button type="submit" color="red.9" loading={mutation.isPending}>
            {t('actions.confirm')}
          </Button>
          <Button variant="default" onClick={onCancel}>
            {t('actions.cancel')}
          </Button>
        </Group>
      </Stack>
    </Card>
  );
}

/**
 * One button per action the caller may take now (from the API's `actions`); a button opens its form.
 * `check` may refuse an action before its form opens (e.g. submitting without the required files).
 */
export function ActionsPanel({
  view,
  only,
  onDone,
  check,
}: {
  view: DossierView;
  only?: readonly DossierAction[];
  onDone?: (action: DossierAction, view: DossierView) => void;
  check?: (action: DossierAction) => string | null;
}) {
  const { t, i18n } = useTranslation();
  const [open, setOpen] = useState<DossierAction | null>(null);
  const [done, setDone] = useState<DossierAction | null>(null);
  const [blocked, setBlocked] = useState<string | null>(null);
  const [conflict, setConflict] = useState<string | null>(null);
  const actions = view.actions.filter((a) => !hidden.includes(a) && (!only || only.includes(a)));
  return (
    <Stack gap="sm">
      {conflict && (
        <Alert color="yellow" role="alert" data-testid="conflict">
          {conflict} {t('actions.reloaded')}
        </Alert>
      )}
      {done && (
        <Alert color="green" role="status" variant="light">
          {t('actions.done', { action: actionName(done, i18n.language) })}
        </Alert>
      )}
      {actions.length === 0 ? (
        <Text size="sm" c="dimmed">
          {t('actions.none')}
        </Text>
      ) : (
        <Group gap="xs" wrap="wrap">
          {actions.map((a) => (
            <Button
              key={a}
              variant={open === a ? 'filled' : 'outline'}
              color="red.9"
              aria-expanded={open === a}
              data-action={a}
              onClick={() => {
                const problem = check?.(a) ?? null;
                setBlocked(problem);
                setDone(null);
                setConflict(null);
                setOpen(problem ? null : open === a ? null : a);
              }}
            >
              {actionName(a, i18n.language)}
            </Button>
          ))}
        </Group>
      )}
      <ErrorAlert message={blocked} />
      {/* Stays mounted until done or cancelled: the new view (without this action) arrives before onDone. */}
      {open && (
        <ActionForm
          key={open}
          view={view}
          action={open}
          onCancel={() => setOpen(null)}
          onConflict={(message) => {
            setConflict(message);
            setOpen(null);
          }}
          onDone={(next) => {
            setDone(open);
            setConflict(null);
            setOpen(null);
            onDone?.(open, next);
          }}
        />
      )}
    </Stack>
  );
}
