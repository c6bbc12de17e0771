import {
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  Fieldset,
  Grid,
  Group,
  Loader,
  NavLink as MantineNavLink,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import {
  treeOrder,
  useAddUnit,
  useAdminAgencies,
  useCreateAgency,
  useRemoveUnit,
  useUpdateAgency,
  type AdminAgency,
  type AgencyLevel,
  type OfficeHours,
  type Period,
} from '../../api/agencies.ts';
import type { Me } from '../../api/hooks.ts';
import { AdminGate, AdminNav, IssueSummary, ListEditor, hasRole, useIssues } from './common.tsx';
import './admin.css';

const levels: AgencyLevel[] = ['ministry', 'province', 'department', 'district', 'commune'];

export function AgenciesAdminPage() {
  return (
    <AdminGate allow={(me) => hasRole(me, 'system_admin', 'agency_admin')}>
      {(me) => <Agencies me={me} />}
    </AdminGate>
  );
}

function Agencies({ me }: { me: Me }) {
  const { t } = useTranslation();
  const agencies = useAdminAgencies();
  const [params, setParams] = useSearchParams();
  const items = agencies.data?.items ?? [];
  const tree = treeOrder(items);
  const editable = items.filter((a) => a.actions.includes('agency.update'));
  const selectedCode = params.get('ma') ?? editable[0]?.code ?? items[0]?.code ?? null;
  const selected = items.find((a) => a.code === selectedCode);
  const isSystemAdmin = hasRole(me, 'system_admin');

  return (
    <Stack>
      <Title order={2}>{t('adm.agencies.heading')}</Title>
      <AdminNav me={me} />
      {agencies.isPending ? (
        <Loader role="status" aria-label={t('common.loading')} />
      ) : agencies.error ? (
        <Alert color="red" role="alert">
          {agencies.error.message}
        </Alert>
      ) : (
        <Grid gap="lg">
          <Grid.Col span={{ base: 12, md: 4 }}>
            <Box component="nav" aria-label={t('adm.agencies.tree')}>
              <Text fw={600} mb="xs" id="agency-tree-label">
                {t('adm.agencies.tree')}
              </Text>
              <Box component="ul" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
                {tree.map(({ agency, depth }) => (
                  <li key={agency.code}>
                    <MantineNavLink
                      component="button"
                      type="button"
                      active={agency.code === selectedCode}
                      aria-current={agency.code === selectedCode ? 'true' : undefined}
                      color="red.9"
                      variant="filled"
                      label={agency.name}
                      description={`${agency.code} · ${t(`levels.${agency.level}`)}`}
                      pl={12 + depth * 20}
                      onClick={() => setParams({ ma: agency.code }, { replace: true })}
                      data-code={agency.code}
                    />
                  </li>
                ))}
              </Box>
            </Box>
            {isSystemAdmin && <NewAgency agencies={items} />}
          </Grid.Col>
          <Grid.Col span={{ base: 12, md: 8 }}>
            {selected ? <AgencyDetail key={selected.code} agency={selected} /> : null}
          </Grid.Col>
        </Grid>
      )}
    </Stack>
  );
}

function AgencyDetail({ agency }: { agency: AdminAgency }) {
  const { t } = useTranslation();
  const canEdit = agency.actions.includes('agency.update');
  const canUnits = agency.actions.includes('agency.manage_units');
  return (
    <Stack>
      <Box>
        <Title order={3}>{agency.name}</Title>
        <Group gap="xs" mt={4}>
          <Badge variant="light" color="gray" styles={{ root: { textTransform: 'none' } }}>
            {agency.code}
          </Badge>
          <Badge variant="light" color="gray" styles={{ root: { textTransform: 'none' } }}>
            {t(`levels.${agency.level}`)}
          </Badge>
          {agency.isOneStopDesk && (
            <Badge variant="light" color="blue" styles={{ root: { textTransform: 'none' } }}>
              {t('adm.agencies.oneStopDesk')}
            </Badge>
          )}
        </Group>
      </Box>
      {canEdit ? <AgencyForm agency={agency} /> : <Alert color="gray">{t('adm.agencies.readOnly')}</Alert>}
      <Units agency={agency} editable={canUnits} />
    </Stack>
  );
}

const DEFAULT_HOURS: OfficeHours = {
  periods: [
    { from: '07:00', to: '11:30' },
    { from: '13:30', to: '17:00' },
  ],
};

function AgencyForm({ agency }: { agency: AdminAgency }) {
  const { t } = useTranslation();
  const update = useUpdateAgency(agency.code);
  const [name, setName] = useState(agency.name);
  const [shortName, setShortName] = useState(agency.shortName ?? '');
  const [address, setAddress] = useState(agency.address ?? '');
  const [phone, setPhone] = useState(agency.phone ?? '');
  const [email, setEmail] = useState(agency.email ?? '');
  const [oneStop, setOneStop] = useState(agency.isOneStopDesk);
  const [hours, setHours] = useState<OfficeHours | null>(agency.officeHours);
  const [saved, setSaved] = useState(false);
  const issues = useIssues(update.error);
  const orNull = (s: string) => (s.trim() === '' ? null : s.trim());

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    setSaved(false);
    update.mutate(
      {
        version: agency.version,
        name: name.trim(),
        shortName: orNull(shortName),
        address: orNull(address),
        phone: orNull(phone),
        email: orNull(email),
        isOneStopDesk: oneStop,
        officeHours: hours,
      },
      { onSuccess: () => setSaved(true) },
    );
  };

  return (
    <form onSubmit={onSubmit} noValidate aria-label={t('adm.agencies.details')}>
      <Stack>
        <Fieldset legend={t('adm.agencies.details')}>
          <SimpleGrid cols={{ base: 1, sm: 2 }}>
            <TextInput
              label={t('adm.agencies.name')}
              required
              value={name}
              onChange={(e) => setName(e.currentTarget.value)}
              error={issues.of('name')}
            />
            <TextInput
              label={t('adm.agencies.shortName')}
              value={shortName}
              onChange={(e) => setShortName(e.currentTarget.value)}
              error={issues.of('shortName')}
            />
            <TextInput
              label={t('adm.agencies.address')}
              value={address}
              onChange={(e) => setAddress(e.currentTarget.value)}
              error={issues.of('address')}
            />
            <TextInput
              label={t('adm.agencies.phone')}
              value={phone}
              type="tel"
              onChange={(e) => setPhone(e.currentTarget.value)}
              error={issues.of('phone')}
            />
            <TextInput
              label={t('adm.agencies.email')}
              value={email}
              type="email"
              onChange={(e) => setEmail(e.currentTarget.value)}
              error={issues.of('email')}
            />
            <Checkbox
              label={t('adm.agencies.oneStopDesk')}
              checked={oneStop}
              onChange={(e) => setOneStop(e.currentTarget.checked)}
              mt="lg"
            />
          </SimpleGrid>
        </Fieldset>
        <OfficeHoursEditor value={hours} onChange={setHours} issues={issues} />
        <IssueSummary issues={issues.all} testId="agency-errors" />
        {saved && !update.isPending && (
          <Alert color="green" role="status">
            {t('adm.saved')}
          </Alert>
        )}
        <Group>
          <Button type="submit" color="red.9" loading={update.isPending}>
            {t('adm.agencies.save')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function PeriodsEditor({
  legend,
  periods,
  onChange,
  path,
  issues,
}: {
  legend: string;
  periods: Period[];
  onChange: (p: Period[]) => void;
  path: string;
  issues: ReturnType<typeof useIssues>;
}) {
  const { t } = useTranslation();
  return (
    <ListEditor
      legend={legend}
      items={periods}
      onChange={onChange}
      make={() => ({ from: '07:00', to: '11:30' })}
      itemLabel={(i) => t('adm.agencies.period', { n: i + 1 })}
      addLabel={t('adm.agencies.addPeriod')}
      error={issues.of(path)}
      render={(p, i, set) => (
        <Group gap="sm" align="flex-start">
          <TextInput
            label={t('adm.agencies.from')}
            placeholder="HH:MM"
            w={110}
            value={p.from}
            onChange={(e) => set({ ...p, from: e.currentTarget.value })}
            error={issues.of(`${path}/${i}/from`) ?? issues.of(`${path}/${i}`)}
          />
          <TextInput
            label={t('adm.agencies.to')}
            placeholder="HH:MM"
            w={110}
            value={p.to}
            onChange={(e) => set({ ...p, to: e.currentTarget.value })}
            error={issues.of(`${path}/${i}/to`)}
          />
        </Group>
      )}
    />
  );
}

/** MM-DD (the API's form) as dd/mm, and back. */
const mmddToVn = (s: string) => (/^\d{2}-\d{2}$/.test(s) ? `${s.slice(3)}/${s.slice(0, 2)}` : s);
const vnToMmdd = (s: string) => {
  const m = /^(\d{1,2})\/(\d{1,2})$/.exec(s.trim());
  return m ? `${m[2]!.padStart(2, '0')}-${m[1]!.padStart(2, '0')}` : s;
};

function OfficeHoursEditor({
  value,
  onChange,
  issues,
}: {
  value: OfficeHours | null;
  onChange: (v: OfficeHours | null) => void;
  issues: ReturnType<typeof useIssues>;
}) {
  const { t } = useTranslation();
  return (
    <Fieldset legend={t('adm.agencies.officeHours')}>
      <Stack gap="sm">
        <Checkbox
          label={t('adm.agencies.defaultHours')}
          checked={value === null}
          onChange={(e) => onChange(e.currentTarget.checked ? null : structuredClone(DEFAULT_HOURS))}
        />
        {issues.of('officeHours') && (
          <Text c="red.9" size="sm" role="alert">
            {issues.of('officeHours')}
          </Text>
        )}
        {value && (
          <>
            <PeriodsEditor
              legend={t('adm.agencies.periods')}
              periods={value.periods}
              onChange={(periods) => onChange({ ...value, periods })}
              path="officeHours/periods"
              issues={issues}
            />
            <ListEditor
              legend={t('adm.agencies.seasons')}
              items={value.seasons ?? []}
              onChange={(seasons) => onChange({ ...value, seasons })}
              make={() => ({ from: '05-01', to: '09-30', periods: structuredClone(DEFAULT_HOURS.periods) })}
              itemLabel={(i) => t('adm.agencies.season', { n: i + 1 })}
              addLabel={t('adm.agencies.addSeason')}
              error={issues.of('officeHours/seasons')}
              render={(s, i, set) => (
                <Stack gap="xs">
                  <Group gap="sm" align="flex-start">
                    <TextInput
                      label={t('adm.agencies.seasonFrom')}
                      placeholder="dd/mm"
                      w={130}
                      value={mmddToVn(s.from)}
                      onChange={(e) => set({ ...s, from: vnToMmdd(e.currentTarget.value) })}
                      error={
                        issues.of(`officeHours/seasons/${i}/from`) ?? issues.of(`officeHours/seasons/${i}`)
                      }
                    />
                    <TextInput
                      label={t('adm.agencies.seasonTo')}
                      placeholder="dd/mm"
                      w={130}
                      value={mmddToVn(s.to)}
                      onChange={(e) => set({ ...s, to: vnToMmdd(e.currentTarget.value) })}
                      error={issues.of(`officeHours/seasons/${i}/to`)}
                    />
                  </Group>
                  <PeriodsEditor
                    legend={t('adm.agencies.periods')}
                    periods={s.periods}
                    onChange={(periods) => set({ ...s, periods })}
                    path={`officeHours/seasons/${i}/periods`}
                    issues={issues}
                  />
                </Stack>
              )}
            />
          </>
        )}
      </Stack>
    </Fieldset>
  );
}

function Units({ agency, editable }: { agency: AdminAgency; editable: boolean }) {
  const { t } = useTranslation();
  const add = useAddUnit(agency.code);
  const remove = useRemoveUnit(agency.code);
  const [name, setName] = useState('');
  const [code, setCode] = useState('');
  const addIssues = useIssues(add.error);
  const onAdd = (e: FormEvent) => {
    e.preventDefault();
    add.mutate(
      { name: name.trim(), ...(code.trim() ? { code: code.trim() } : {}) },
      {
        onSuccess: () => {
          setName('');
          setCode('');
        },
      },
    );
  };
  return (
    <Fieldset legend={t('adm.units.heading')}>
      <Stack gap="sm">
        {agency.units.length === 0 ? (
          <Text size="sm" c="dimmed">
            {t('adm.units.none')}
          </Text>
        ) : (
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('adm.units.name')}</Table.Th>
                <Table.Th>{t('adm.units.code')}</Table.Th>
                {editable && <Table.Th>{t('adm.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {[...agency.units]
                .sort((a, b) => a.name.localeCompare(b.name, 'vi'))
                .map((u) => (
                  <Table.Tr key={u.id} data-unit={u.name}>
                    <Table.Td>{u.name}</Table.Td>
                    <Table.Td>{u.code ?? '—'}</Table.Td>
                    {editable && (
                      <Table.Td>
                        <Button
                          size="xs"
                          variant="subtle"
                          color="red.9"
                          c="red.9"
                          loading={remove.isPending && remove.variables === u.id}
                          aria-label={t('adm.units.removeOne', { name: u.name })}
                          onClick={() => {
                            if (window.confirm(t('adm.units.confirmRemove', { name: u.name })))
                              remove.mutate(u.id);
                          }}
                        >
                          {t('adm.remove')}
                        </Button>
                      </Table.Td>
                    )}
                  </Table.Tr>
                ))}
            </Table.Tbody>
          </Table>
        )}
        {remove.error && (
          <Alert color="red" role="alert">
            {remove.error.message}
          </Alert>
        )}
        {editable && (
          <form onSubmit={onAdd} noValidate aria-label={t('adm.units.add')}>
            <Group align="flex-start" gap="sm">
              <TextInput
                label={t('adm.units.name')}
                required
                value={name}
                onChange={(e) => setName(e.currentTarget.value)}
                error={
                  addIssues.of('name') ??
                  (add.error && !addIssues.all[0]?.field ? add.error.message : undefined)
                }
                w={280}
              />
              <TextInput
                label={t('adm.units.code')}
                value={code}
                onChange={(e) => setCode(e.currentTarget.value)}
                error={addIssues.of('code')}
                w={140}
              />
              <Button type="submit" color="red.9" mt={25} loading={add.isPending} disabled={!name.trim()}>
                {t('adm.units.add')}
              </Button>
            </Group>
            <Text size="xs" c="dimmed" mt={4}>
              {t('adm.units.renameNote')}
            </Text>
          </form>
        )}
      </Stack>
    </Fieldset>
  );
}

function NewAgency({ agencies }: { agencies: AdminAgency[] }) {
  const { t } = useTranslation();
  const create = useCreateAgency();
  const [, setParams] = useSearchParams();
  const [open, setOpen] = useState(false);
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [level, setLevel] = useState<AgencyLevel>('commune');
  const [parent, setParent] = useState<string | null>(
    agencies.find((a) => a.parentCode === null)?.code ?? null,
  );
  const issues = useIssues(create.error);
  if (!open)
    return (
      <Button variant="outline" color="red.9" mt="md" onClick={() => setOpen(true)}>
        {t('adm.agencies.new')}
      </Button>
    );
  return (
    <form
      noValidate
      aria-label={t('adm.agencies.new')}
      onSubmit={(e) => {
        e.preventDefault();
        create.mutate(
          { code: code.trim(), name: name.trim(), level, parentCode: parent },
          {
            onSuccess: (a) => {
              setOpen(false);
              setParams({ ma: a.code }, { replace: true });
            },
          },
        );
      }}
    >
      <Fieldset legend={t('adm.agencies.new')} mt="md">
        <Stack gap="xs">
          <TextInput
            label={t('adm.agencies.code')}
            placeholder="000.00.00.H20"
            required
            value={code}
            onChange={(e) => setCode(e.currentTarget.value)}
            error={issues.of('code')}
          />
          <TextInput
            label={t('adm.agencies.name')}
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
            error={issues.of('name')}
          />
          <Select
            label={t('adm.agencies.level')}
            data={levels.map((l) => ({ value: l, label: t(`levels.${l}`) }))}
            value={level}
            allowDeselect={false}
            onChange={(v) => v && setLevel(v)}
            error={issues.of('level')}
          />
          <Select
            label={t('adm.agencies.parent')}
            data={agencies.map((a) => ({ value: a.code, label: a.name }))}
            value={parent}
            onChange={setParent}
            clearable
            clearButtonProps={{ 'aria-label': t('adm.clear') }}
            searchable
            error={issues.of('parentCode')}
          />
          {create.error &&
            !issues.all.some((i) => ['code', 'name', 'level', 'parentCode'].includes(i.field ?? '')) && (
              <Alert color="red" role="alert">
                {create.error.message}
              </Alert>
            )}
          <Group>
            <Button type="submit" color="red.9" loading={create.isPending}>
              {t('adm.create')}
            </Button>
            <Button variant="default" onClick={() => setOpen(false)}>
              {t('adm.cancel')}
            </Button>
          </Group>
        </Stack>
      </Fieldset>
    </form>
  );
}
