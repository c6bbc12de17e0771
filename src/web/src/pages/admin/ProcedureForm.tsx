// The form over a procedure's content (ProcedureContent): every input knows the body path the API names
// in its errors (`content/components/2/name`), so a refusal lands beside the field it concerns.
import {
  Accordion,
  Button,
  Checkbox,
  Fieldset,
  FileInput,
  Group,
  MultiSelect,
  NumberInput,
  Progress,
  Select,
  SimpleGrid,
  Stack,
  Text,
  TextInput,
  Textarea,
} from '@mantine/core';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  methodKinds,
  procedureLevels,
  uploadWithProgress,
  type ProcedureContent,
} from '../../api/catalog.ts';
import { ApiError } from '../../api/client.ts';
import { DateField } from '../../ui/DateField.tsx';
import { DurationInput, ListEditor, focusField } from './common.tsx';

type Content = ProcedureContent;
type Fee = Content['fees'][number];
type Component = Content['components'][number];
type LegalDocument = Content['legalBasis'][number];
type ErrorOf = (path: string) => string | undefined;
type Section = 'general' | 'methods' | 'fees' | 'components' | 'cases' | 'legal' | 'other';

/** The accordion section holding a body path. */
function sectionOf(path: string): Section {
  const key = path.split('/')[1] ?? '';
  if (key === 'methods' || key === 'fees' || key === 'components' || key === 'cases') return key;
  if (key === 'result' || key === 'decision' || key === 'legalBasis') return 'legal';
  if (key === 'closeUnsuppliedAfter') return 'other';
  return 'general';
}

export interface FormOptions {
  fields: { code: string; name: string }[];
  agencies: { code: string; name: string }[];
}

export function ProcedureForm({
  value,
  onChange,
  errorOf,
  errorPaths,
  reveal,
  options,
  disabled,
}: {
  value: Content;
  onChange: (c: Content) => void;
  errorOf: ErrorOf;
  /** Paths the last refusal named: their sections open by themselves. */
  errorPaths: string[];
  /** A field to lead to (a refusal's link was followed): its section opens and its input takes the focus. */
  reveal?: { path: string; n: number } | null;
  options: FormOptions;
  disabled?: boolean;
}) {
  const { t } = useTranslation();
  const [open, setOpen] = useState<string[]>(['general']);
  const errorKey = errorPaths.join('|');
  useEffect(() => {
    const withErrors = errorPaths.map(sectionOf);
    if (withErrors.length > 0) setOpen((o) => [...new Set([...o, ...withErrors])]);
    // eslint-disable-next-line react-hooks/exhaustive-deps -- when the set of errors changes
  }, [errorKey]);
  useEffect(() => {
    if (!reveal) return;
    setOpen((o) => (o.includes(sectionOf(reveal.path)) ? o : [...o, sectionOf(reveal.path)]));
    // After the section's opening transition (Mantine's default is 200 ms): a hidden input takes no focus.
    const timer = window.setTimeout(() => focusField(reveal.path), 260);
    return () => window.clearTimeout(timer);
  }, [reveal]);
  const count = (n: number) => (n > 0 ? ` (${n})` : '');
  const title = (section: Section) => {
    switch (section) {
      case 'general':
        return t('adm.proc.general');
      case 'methods':
        return `${t('adm.proc.methods')}${count(value.methods.length)}`;
      case 'fees':
        return `${t('adm.proc.fees')}${count(value.fees.length)}`;
      case 'components':
        return `${t('adm.proc.components')}${count(value.components.length)}`;
      case 'cases':
        return `${t('adm.proc.cases')}${count(value.cases.length)}`;
      case 'legal':
        return t('adm.proc.legalSection');
      case 'other':
        return t('adm.proc.closeUnsupplied');
    }
  };
  const set = <K extends keyof Content>(key: K, v: Content[K]) => onChange({ ...value, [key]: v });
  const p = (s: string) => `content/${s}`;
  return (
    <Fieldset variant="unstyled" disabled={disabled}>
      <Accordion multiple value={open} onChange={setOpen} variant="separated">
        <Accordion.Item value="general">
          <Accordion.Control>{title('general')}</Accordion.Control>
          <Accordion.Panel>
            <Fieldset legend={t('adm.proc.general')}>
              <Stack gap="sm">
                <Textarea
                  label={t('adm.proc.name')}
                  required
                  autosize
                  minRows={1}
                  value={value.name}
                  onChange={(e) => set('name', e.currentTarget.value)}
                  data-path={p('name')}
                  error={errorOf(p('name'))}
                />
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <Select
                    label={t('adm.proc.field')}
                    required
                    searchable
                    data={options.fields.map((f) => ({ value: f.code, label: f.name }))}
                    value={value.field || null}
                    onChange={(v) => set('field', v ?? '')}
                    data-path={p('field')}
                    error={errorOf(p('field'))}
                  />
                  <Select
                    label={t('adm.proc.level')}
                    required
                    data={procedureLevels.map((l) => ({ value: l, label: t(`procLevels.${l}`) }))}
                    value={value.level}
                    allowDeselect={false}
                    onChange={(v) => v && set('level', v)}
                    data-path={p('level')}
                    error={errorOf(p('level'))}
                  />
                </SimpleGrid>
                <MultiSelect
                  label={t('adm.proc.agencies')}
                  required
                  searchable
                  data={options.agencies.map((a) => ({ value: a.code, label: a.name }))}
                  value={value.agencies}
                  onChange={(v) => set('agencies', v)}
                  data-path={p('agencies')}
                  error={errorOf(p('agencies')) ?? errorOf(p('agencies/0'))}
                />
                <SimpleGrid cols={{ base: 1, sm: 2 }}>
                  <Select
                    label={t('adm.proc.onlineLevel')}
                    required
                    data={(['full', 'partial'] as const).map((o) => ({
                      value: o,
                      label: t(`adm.online.${o}`),
                    }))}
                    value={value.onlineLevel}
                    allowDeselect={false}
                    onChange={(v) => v && set('onlineLevel', v)}
                    data-path={p('onlineLevel')}
                    error={errorOf(p('onlineLevel'))}
                  />
                  <DurationInput
                    label={t('adm.proc.deadline')}
                    value={value.deadline}
                    onChange={(d) => set('deadline', d)}
                    data-path={p('deadline')}
                    error={errorOf(p('deadline'))}
                    amountError={errorOf(p('deadline/amount'))}
                  />
                </SimpleGrid>
                <Group gap="xl">
                  <Checkbox
                    label={t('adm.proc.fullOnlineEligible')}
                    checked={value.fullOnlineEligible}
                    onChange={(e) => set('fullOnlineEligible', e.currentTarget.checked)}
                    data-path={p('fullOnlineEligible')}
                    error={errorOf(p('fullOnlineEligible'))}
                  />
                  <Checkbox
                    label={t('adm.proc.notBoundToBoundary')}
                    checked={value.notBoundToBoundary}
                    onChange={(e) => set('notBoundToBoundary', e.currentTarget.checked)}
                    data-path={p('notBoundToBoundary')}
                    error={errorOf(p('notBoundToBoundary'))}
                  />
                </Group>
                <Textarea
                  label={t('adm.proc.applicants')}
                  autosize
                  minRows={2}
                  value={value.applicants}
                  onChange={(e) => set('applicants', e.currentTarget.value)}
                  data-path={p('applicants')}
                  error={errorOf(p('applicants'))}
                />
                <Textarea
                  label={t('adm.proc.steps')}
                  autosize
                  minRows={3}
                  value={value.steps}
                  onChange={(e) => set('steps', e.currentTarget.value)}
                  data-path={p('steps')}
                  error={errorOf(p('steps'))}
                />
                <Textarea
                  label={t('adm.proc.requirements')}
                  autosize
                  minRows={2}
                  value={value.requirements}
                  onChange={(e) => set('requirements', e.currentTarget.value)}
                  data-path={p('requirements')}
                  error={errorOf(p('requirements'))}
                />
              </Stack>
            </Fieldset>
          </Accordion.Panel>
        </Accordion.Item>

        <Accordion.Item value="methods">
          <Accordion.Control>{title('methods')}</Accordion.Control>
          <Accordion.Panel>
            <ListEditor
              legend={t('adm.proc.methods')}
              testId="methods"
              items={value.methods}
              onChange={(m) => set('methods', m)}
              make={() => ({ kind: 'online' as const, deadline: { ...value.deadline }, fees: [] })}
              itemLabel={(i) => t('adm.proc.method', { n: i + 1 })}
              addLabel={t('adm.proc.addMethod')}
              data-path={p('methods')}
              error={errorOf(p('methods'))}
              render={(m, i, upd) => (
                <Stack gap="xs">
                  <Group align="flex-start" gap="sm" wrap="wrap">
                    <Select
                      label={t('adm.proc.methodKind')}
                      data={methodKinds.map((k) => ({ value: k, label: t(`channels.${k}`) }))}
                      value={m.kind}
                      allowDeselect={false}
                      onChange={(v) => v && upd({ ...m, kind: v })}
                      data-path={p(`methods/${i}/kind`)}
                      error={errorOf(p(`methods/${i}/kind`)) ?? errorOf(p(`methods/${i}`))}
                      w={220}
                    />
                    <DurationInput
                      label={t('adm.proc.methodDeadline')}
                      value={m.deadline}
                      onChange={(d) => upd({ ...m, deadline: d })}
                      data-path={p(`methods/${i}/deadline`)}
                      error={errorOf(p(`methods/${i}/deadline`))}
                      amountError={errorOf(p(`methods/${i}/deadline/amount`))}
                    />
                  </Group>
                  <FeesEditor
                    legend={t('adm.proc.methodFees')}
                    fees={m.fees}
                    onChange={(fees) => upd({ ...m, fees })}
                    path={p(`methods/${i}/fees`)}
                    errorOf={errorOf}
                  />
                  <TextInput
                    label={t('adm.proc.note')}
                    value={m.note ?? ''}
                    onChange={(e) => upd(withNote(m, e.currentTarget.value))}
                    data-path={p(`methods/${i}/note`)}
                    error={errorOf(p(`methods/${i}/note`))}
                  />
                </Stack>
              )}
            />
          </Accordion.Panel>
        </Accordion.Item>

        <Accordion.Item value="fees">
          <Accordion.Control>{title('fees')}</Accordion.Control>
          <Accordion.Panel>
            <FeesEditor
              legend={t('adm.proc.fees')}
              fees={value.fees}
              onChange={(fees) => set('fees', fees)}
              path={p('fees')}
              errorOf={errorOf}
            />
          </Accordion.Panel>
        </Accordion.Item>

        <Accordion.Item value="components">
          <Accordion.Control>{title('components')}</Accordion.Control>
          <Accordion.Panel>
            <ComponentsEditor
              legend={t('adm.proc.components')}
              components={value.components}
              onChange={(c) => set('components', c)}
              path={p('components')}
              errorOf={errorOf}
            />
          </Accordion.Panel>
        </Accordion.Item>

        <Accordion.Item value="cases">
          <Accordion.Control>{title('cases')}</Accordion.Control>
          <Accordion.Panel>
            <ListEditor
              legend={t('adm.proc.cases')}
              items={value.cases}
              onChange={(c) => set('cases', c)}
              make={() => ({ name: '', deadline: { ...value.deadline }, fees: [], components: [] })}
              itemLabel={(i) => t('adm.proc.case', { n: i + 1 })}
              addLabel={t('adm.proc.addCase')}
              data-path={p('cases')}
              error={errorOf(p('cases'))}
              render={(c, i, upd) => (
                <Stack gap="xs">
                  <Textarea
                    label={t('adm.proc.caseName')}
                    required
                    autosize
                    minRows={1}
                    value={c.name}
                    onChange={(e) => upd({ ...c, name: e.currentTarget.value })}
                    data-path={p(`cases/${i}/name`)}
                    error={errorOf(p(`cases/${i}/name`))}
                  />
                  <DurationInput
                    label={t('adm.proc.caseDeadline')}
                    value={c.deadline}
                    onChange={(d) => upd({ ...c, deadline: d })}
                    data-path={p(`cases/${i}/deadline`)}
                    error={errorOf(p(`cases/${i}/deadline`))}
                    amountError={errorOf(p(`cases/${i}/deadline/amount`))}
                  />
                  <FeesEditor
                    legend={t('adm.proc.caseFees')}
                    fees={c.fees}
                    onChange={(fees) => upd({ ...c, fees })}
                    path={p(`cases/${i}/fees`)}
                    errorOf={errorOf}
                  />
                  <ComponentsEditor
                    legend={t('adm.proc.caseComponents')}
                    components={c.components}
                    onChange={(components) => upd({ ...c, components })}
                    path={p(`cases/${i}/components`)}
                    errorOf={errorOf}
                  />
                </Stack>
              )}
            />
          </Accordion.Panel>
        </Accordion.Item>

        <Accordion.Item value="legal">
          <Accordion.Control>{title('legal')}</Accordion.Control>
          <Accordion.Panel>
            <Fieldset legend={t('adm.proc.result')} data-path={p('result')}>
              <Stack gap="xs">
                <Textarea
                  label={t('adm.proc.resultDescription')}
                  autosize
                  minRows={1}
                  value={value.result.description}
                  onChange={(e) => set('result', { ...value.result, description: e.currentTarget.value })}
                  data-path={p('result/description')}
                  error={errorOf(p('result/description'))}
                />
                <Group gap="xl">
                  <Checkbox
                    label={t('adm.proc.resultPaper')}
                    checked={value.result.paper}
                    onChange={(e) => set('result', { ...value.result, paper: e.currentTarget.checked })}
                  />
                  <Checkbox
                    label={t('adm.proc.resultElectronic')}
                    checked={value.result.electronic}
                    onChange={(e) => set('result', { ...value.result, electronic: e.currentTarget.checked })}
                  />
                </Group>
                {errorOf(p('result')) && (
                  <Text c="red.9" size="sm" role="alert">
                    {errorOf(p('result'))}
                  </Text>
                )}
              </Stack>
            </Fieldset>

            <Fieldset legend={t('adm.proc.decision')} data-path={p('decision')}>
              <Stack gap="xs">
                <Checkbox
                  label={t('adm.proc.hasDecision')}
                  checked={value.decision !== null}
                  onChange={(e) =>
                    set('decision', e.currentTarget.checked ? { number: '', date: null, issuer: '' } : null)
                  }
                />
                {value.decision && (
                  <LegalDocumentInputs
                    doc={value.decision}
                    onChange={(d) => set('decision', d)}
                    path={p('decision')}
                    errorOf={errorOf}
                  />
                )}
              </Stack>
            </Fieldset>

            <ListEditor
              legend={t('adm.proc.legalBasis')}
              items={value.legalBasis}
              onChange={(l) => set('legalBasis', l)}
              make={() => ({ number: '', date: null, issuer: '' })}
              itemLabel={(i) => t('adm.proc.legalDoc', { n: i + 1 })}
              addLabel={t('adm.proc.addLegalDoc')}
              data-path={p('legalBasis')}
              error={errorOf(p('legalBasis'))}
              render={(d, i, upd) => (
                <LegalDocumentInputs doc={d} onChange={upd} path={p(`legalBasis/${i}`)} errorOf={errorOf} />
              )}
            />
          </Accordion.Panel>
        </Accordion.Item>

        <Accordion.Item value="other">
          <Accordion.Control>{title('other')}</Accordion.Control>
          <Accordion.Panel>
            <Fieldset legend={t('adm.proc.closeUnsupplied')}>
              <Stack gap="xs">
                <Checkbox
                  label={t('adm.proc.hasCloseUnsupplied')}
                  checked={value.closeUnsuppliedAfter !== undefined}
                  onChange={(e) => {
                    const next = { ...value };
                    if (e.currentTarget.checked)
                      next.closeUnsuppliedAfter = { amount: 30, unit: 'calendar_days' };
                    else delete next.closeUnsuppliedAfter;
                    onChange(next);
                  }}
                />
                {value.closeUnsuppliedAfter && (
                  <DurationInput
                    label={t('adm.proc.closeAfter')}
                    value={value.closeUnsuppliedAfter}
                    onChange={(d) => set('closeUnsuppliedAfter', d)}
                    data-path={p('closeUnsuppliedAfter')}
                    error={errorOf(p('closeUnsuppliedAfter'))}
                    amountError={errorOf(p('closeUnsuppliedAfter/amount'))}
                  />
                )}
              </Stack>
            </Fieldset>
          </Accordion.Panel>
        </Accordion.Item>
      </Accordion>
    </Fieldset>
  );
}

function withNote<T extends { note?: string }>(item: T, note: string): T {
  const next = { ...item };
  if (note === '') delete next.note;
  else next.note = note;
  return next;
}

function FeesEditor({
  legend,
  fees,
  onChange,
  path,
  errorOf,
}: {
  legend: string;
  fees: Fee[];
  onChange: (f: Fee[]) => void;
  path: string;
  errorOf: ErrorOf;
}) {
  const { t } = useTranslation();
  return (
    <ListEditor
      legend={legend}
      items={fees}
      onChange={onChange}
      make={() => ({ name: '', amountVnd: 0 })}
      itemLabel={(i) => t('adm.proc.fee', { n: i + 1 })}
      addLabel={t('adm.proc.addFee')}
      data-path={path}
      error={errorOf(path)}
      render={(f, i, upd) => (
        <Stack gap="xs">
          <Group align="flex-start" gap="sm" wrap="wrap">
            <TextInput
              label={t('adm.proc.feeName')}
              required
              value={f.name}
              onChange={(e) => upd({ ...f, name: e.currentTarget.value })}
              data-path={`${path}/${i}/name`}
              error={errorOf(`${path}/${i}/name`)}
              w={320}
            />
            <NumberInput
              label={t('adm.proc.feeAmount')}
              value={f.amountVnd ?? ''}
              disabled={f.amountVnd === null}
              min={0}
              step={1000}
              allowDecimal={false}
              allowNegative={false}
              thousandSeparator="."
              decimalSeparator=","
              suffix=" đ"
              onChange={(v) => upd({ ...f, amountVnd: typeof v === 'number' ? v : Number(v) || 0 })}
              data-path={`${path}/${i}/amountVnd`}
              error={errorOf(`${path}/${i}/amountVnd`)}
              w={180}
            />
            <Checkbox
              label={t('adm.proc.feeNotFixed')}
              checked={f.amountVnd === null}
              onChange={(e) => upd({ ...f, amountVnd: e.currentTarget.checked ? null : 0 })}
              mt={30}
            />
          </Group>
          <TextInput
            label={t('adm.proc.note')}
            value={f.note ?? ''}
            onChange={(e) => upd(withNote(f, e.currentTarget.value))}
            data-path={`${path}/${i}/note`}
            error={errorOf(`${path}/${i}/note`)}
          />
        </Stack>
      )}
    />
  );
}

function ComponentsEditor({
  legend,
  components,
  onChange,
  path,
  errorOf,
}: {
  legend: string;
  components: Component[];
  onChange: (c: Component[]) => void;
  path: string;
  errorOf: ErrorOf;
}) {
  const { t } = useTranslation();
  return (
    <ListEditor
      legend={legend}
      items={components}
      onChange={onChange}
      make={() => ({
        name: '',
        required: true,
        originals: 1,
        copies: 0,
        formTemplateId: null,
        fromNationalDb: false,
      })}
      itemLabel={(i) => t('adm.proc.component', { n: i + 1 })}
      addLabel={t('adm.proc.addComponent')}
      data-path={path}
      error={errorOf(path)}
      render={(c, i, upd) => (
        <Stack gap="xs">
          <Textarea
            label={t('adm.proc.componentName')}
            required
            autosize
            minRows={1}
            value={c.name}
            onChange={(e) => upd({ ...c, name: e.currentTarget.value })}
            data-path={`${path}/${i}/name`}
            error={errorOf(`${path}/${i}/name`)}
          />
          <Group align="flex-start" gap="sm" wrap="wrap">
            <NumberInput
              label={t('adm.proc.originals')}
              value={c.originals}
              min={0}
              max={100}
              allowDecimal={false}
              allowNegative={false}
              onChange={(v) => upd({ ...c, originals: typeof v === 'number' ? v : 0 })}
              data-path={`${path}/${i}/originals`}
              error={errorOf(`${path}/${i}/originals`)}
              w={110}
            />
            <NumberInput
              label={t('adm.proc.copies')}
              value={c.copies}
              min={0}
              max={100}
              allowDecimal={false}
              allowNegative={false}
              onChange={(v) => upd({ ...c, copies: typeof v === 'number' ? v : 0 })}
              data-path={`${path}/${i}/copies`}
              error={errorOf(`${path}/${i}/copies`)}
              w={110}
            />
            <Stack gap={6} mt={26}>
              <Checkbox
                label={t('adm.proc.required')}
                checked={c.required}
                onChange={(e) => upd({ ...c, required: e.currentTarget.checked })}
              />
              <Checkbox
                label={t('adm.proc.fromNationalDb')}
                checked={c.fromNationalDb}
                onChange={(e) => upd({ ...c, fromNationalDb: e.currentTarget.checked })}
              />
            </Stack>
          </Group>
          <FormTemplate
            id={c.formTemplateId}
            onChange={(id) => upd({ ...c, formTemplateId: id })}
            error={errorOf(`${path}/${i}/formTemplateId`)}
            label={t('adm.proc.formTemplateOf', { n: i + 1 })}
          />
          <TextInput
            label={t('adm.proc.note')}
            value={c.note ?? ''}
            onChange={(e) => upd(withNote(c, e.currentTarget.value))}
            data-path={`${path}/${i}/note`}
            error={errorOf(`${path}/${i}/note`)}
          />
        </Stack>
      )}
    />
  );
}

/** The form template of a component: uploaded on its own (with progress), then referred to by id. */
function FormTemplate({
  id,
  onChange,
  error,
  label,
}: {
  id: number | null;
  onChange: (id: number | null) => void;
  error: string | undefined;
  label: string;
}) {
  const { t } = useTranslation();
  const [share, setShare] = useState<number | null>(null);
  const [name, setName] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const upload = async (file: File | null) => {
    if (!file) return;
    setFailure(null);
    setShare(0);
    try {
      const info = await uploadWithProgress<{ id: number; fileName: string }>(
        'POST',
        `/api/v1/catalog/forms?fileName=${encodeURIComponent(file.name)}`,
        file,
        'application/octet-stream',
        setShare,
      );
      setName(info.fileName);
      onChange(info.id);
    } catch (err) {
      setFailure(err instanceof ApiError ? err.message : String(err));
    } finally {
      setShare(null);
    }
  };
  return (
    <Stack gap={4}>
      {id !== null ? (
        <Group gap="sm">
          <Text size="sm">
            {t('adm.proc.formTemplate')}: {name ?? `#${id}`}
          </Text>
          <Button size="xs" variant="subtle" color="red.9" c="red.9" onClick={() => onChange(null)}>
            {t('adm.proc.removeTemplate')}
          </Button>
        </Group>
      ) : (
        <FileInput
          label={label}
          placeholder={t('adm.catalog.chooseFile')}
          // Mantine's placeholder grey is below 4.5:1 on white.
          styles={{ placeholder: { color: '#495057' } }}
          accept=".pdf,.doc,.docx,.xls,.xlsx,.odt,.ods,.rtf"
          value={null}
          onChange={(f) => void upload(f)}
          w={360}
          error={failure ?? error}
        />
      )}
      {share !== null && (
        <Progress value={share * 100} color="red.9" aria-label={t('adm.catalog.progress')} />
      )}
    </Stack>
  );
}

function LegalDocumentInputs({
  doc,
  onChange,
  path,
  errorOf,
}: {
  doc: LegalDocument;
  onChange: (d: LegalDocument) => void;
  path: string;
  errorOf: ErrorOf;
}) {
  const { t } = useTranslation();
  return (
    <Stack gap="xs">
      <Group align="flex-start" gap="sm" wrap="wrap">
        <TextInput
          label={t('adm.proc.docNumber')}
          required
          value={doc.number}
          onChange={(e) => onChange({ ...doc, number: e.currentTarget.value })}
          data-path={`${path}/number`}
          error={errorOf(`${path}/number`)}
          w={200}
        />
        <DateField
          label={t('adm.proc.docDate')}
          value={doc.date ?? ''}
          onChange={(d) => onChange({ ...doc, date: d || null })}
          error={errorOf(`${path}/date`)}
        />
        <TextInput
          label={t('adm.proc.docIssuer')}
          value={doc.issuer}
          onChange={(e) => onChange({ ...doc, issuer: e.currentTarget.value })}
          data-path={`${path}/issuer`}
          error={errorOf(`${path}/issuer`)}
          w={280}
        />
      </Group>
      <TextInput
        label={t('adm.proc.docTitle')}
        value={doc.title ?? ''}
        onChange={(e) => {
          const next = { ...doc };
          if (e.currentTarget.value === '') delete next.title;
          else next.title = e.currentTarget.value;
          onChange(next);
        }}
        data-path={`${path}/title`}
        error={errorOf(`${path}/title`)}
      />
    </Stack>
  );
}
