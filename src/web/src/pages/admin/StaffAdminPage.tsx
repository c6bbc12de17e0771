import {
  Alert,
  Badge,
  Box,
  Button,
  Checkbox,
  Fieldset,
  Group,
  Loader,
  Modal,
  Pagination,
  PasswordInput,
  Select,
  SimpleGrid,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { useAdminAgencies, type AdminAgency } from '../../api/agencies.ts';
import {
  rolesGrantableByAgencyAdmin,
  staffRoles,
  useCreateStaff,
  useGrantRole,
  useRevokeRole,
  useStaffList,
  useUpdateStaff,
  type StaffMember,
} from '../../api/staff.ts';
import type { Me, StaffRole } from '../../api/hooks.ts';
import { AdminGate, AdminNav, IssueSummary, hasRole, useIssues } from './common.tsx';
import './admin.css';

const PAGE_SIZE = 20;

export function StaffAdminPage() {
  return (
    <AdminGate allow={(me) => hasRole(me, 'system_admin', 'agency_admin', 'supervisor')}>
      {(me) => <Staff me={me} />}
    </AdminGate>
  );
}

/** Roles the caller may grant at an agency: all for a system administrator, the agency's own for its administrator. */
function grantable(me: Me, agency: AdminAgency | undefined): StaffRole[] {
  if (hasRole(me, 'system_admin')) return [...staffRoles];
  if (agency?.actions.includes('staff.create')) return [...rolesGrantableByAgencyAdmin];
  return [];
}

function Staff({ me }: { me: Me }) {
  const { t } = useTranslation();
  const agencies = useAdminAgencies();
  const [params, setParams] = useSearchParams();
  const agency = params.get('agency') ?? undefined;
  const role = (params.get('role') as StaffRole | null) ?? undefined;
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const [q, setQ] = useState(params.get('q') ?? '');
  const [debouncedQ] = useDebouncedValue(q.trim(), 300);
  const list = useStaffList({ agency, role, q: debouncedQ || undefined, page, pageSize: PAGE_SIZE });
  const [editing, setEditing] = useState<string | null>(null);
  const [creating, setCreating] = useState(false);
  const visible = (agencies.data?.items ?? []).filter((a) => a.actions.includes('staff.list'));
  const creatable = (agencies.data?.items ?? []).filter((a) => a.actions.includes('staff.create'));
  const update = (patch: Record<string, string | null>) => {
    const next = new URLSearchParams(params);
    for (const [k, v] of Object.entries(patch)) {
      if (v === null || v === '') next.delete(k);
      else next.set(k, v);
    }
    if (!('page' in patch)) next.delete('page');
    setParams(next, { replace: true });
  };
  const editingMember = list.data?.items.find((s) => s.id === editing);

  return (
    <Stack>
      <Title order={2}>{t('adm.staff.heading')}</Title>
      <AdminNav me={me} />
      <Group align="flex-end" gap="sm" wrap="wrap">
        <TextInput
          label={t('adm.staff.search')}
          placeholder={t('adm.staff.searchPlaceholder')}
          type="search"
          value={q}
          onChange={(e) => {
            setQ(e.currentTarget.value);
            if (page !== 1) update({});
          }}
          w={280}
          error={
            list.error && (list.error as { field?: string }).field === 'q' ? list.error.message : undefined
          }
        />
        <Select
          label={t('adm.staff.agency')}
          placeholder={t('adm.staff.anyAgency')}
          data={visible.map((a) => ({ value: a.code, label: a.name }))}
          value={agency ?? null}
          onChange={(v) => update({ agency: v })}
          clearable
          clearButtonProps={{ 'aria-label': t('adm.clear') }}
          searchable
          w={300}
        />
        <Select
          label={t('adm.staff.role')}
          placeholder={t('adm.staff.anyRole')}
          data={staffRoles.map((r) => ({ value: r, label: t(`roles.${r}`) }))}
          value={role ?? null}
          onChange={(v) => update({ role: v })}
          clearable
          clearButtonProps={{ 'aria-label': t('adm.clear') }}
          w={220}
        />
        {(creatable.length > 0 || hasRole(me, 'system_admin')) && (
          <Button color="red.9" onClick={() => setCreating(true)}>
            {t('adm.staff.new')}
          </Button>
        )}
      </Group>
      {list.isPending ? (
        <Loader role="status" aria-label={t('common.loading')} />
      ) : list.error ? (
        <Alert color="red" role="alert">
          {list.error.message}
        </Alert>
      ) : (
        <>
          <Text size="sm" c="dimmed" aria-live="polite">
            {t('adm.staff.count', { count: list.data.total })}
          </Text>
          <Box className="scroll-region" tabIndex={0} role="region" aria-label={t('adm.staff.heading')}>
            <Table highlightOnHover verticalSpacing="xs">
              <Table.Thead>
                <Table.Tr>
                  <Table.Th>{t('adm.staff.fullName')}</Table.Th>
                  <Table.Th>{t('adm.staff.username')}</Table.Th>
                  <Table.Th>{t('adm.staff.roles')}</Table.Th>
                  <Table.Th>{t('adm.staff.state')}</Table.Th>
                  <Table.Th>{t('adm.actions')}</Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.data.items.map((s) => (
                  <Table.Tr key={s.id} data-username={s.username}>
                    <Table.Td>{s.fullName}</Table.Td>
                    <Table.Td>{s.username}</Table.Td>
                    <Table.Td>
                      <Group gap={4}>
                        {s.roles.map((r) => (
                          <Badge
                            key={r.id}
                            variant="light"
                            color="gray"
                            styles={{
                              root: { textTransform: 'none', height: 'auto' },
                              label: { whiteSpace: 'normal' },
                            }}
                          >
                            {t(`roles.${r.role}`)}
                            {r.agencyName ? ` · ${r.agencyName}` : ''}
                          </Badge>
                        ))}
                      </Group>
                    </Table.Td>
                    <Table.Td>
                      {s.disabled ? (
                        <Badge
                          color="gray"
                          variant="filled"
                          styles={{ root: { textTransform: 'none', background: '#495057' } }}
                        >
                          {t('adm.staff.disabled')}
                        </Badge>
                      ) : (
                        <Badge
                          color="green"
                          variant="light"
                          styles={{ root: { textTransform: 'none', color: '#1b5e20' } }}
                        >
                          {t('adm.staff.active')}
                        </Badge>
                      )}
                    </Table.Td>
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="outline"
                        color="red.9"
                        onClick={() => setEditing(s.id)}
                        aria-label={t(
                          s.actions.includes('staff.update') ? 'adm.staff.editOne' : 'adm.staff.viewOne',
                          {
                            name: s.fullName,
                          },
                        )}
                      >
                        {s.actions.includes('staff.update') ? t('adm.edit') : t('adm.view')}
                      </Button>
                    </Table.Td>
                  </Table.Tr>
                ))}
              </Table.Tbody>
            </Table>
          </Box>
          {list.data.total > PAGE_SIZE && (
            <Pagination
              total={Math.ceil(list.data.total / PAGE_SIZE)}
              value={page}
              onChange={(p) => update({ page: String(p) })}
              color="red.9"
              getControlProps={(control) => ({ 'aria-label': t(`adm.pagination.${control}`) })}
              getItemProps={(p) => ({ 'aria-label': t('adm.pagination.page', { page: p }) })}
            />
          )}
        </>
      )}
      <Modal
        opened={!!editingMember}
        onClose={() => setEditing(null)}
        closeButtonProps={{ 'aria-label': t('adm.close') }}
        title={editingMember ? editingMember.fullName : ''}
        size="lg"
      >
        {editingMember && (
          <EditStaff
            key={editingMember.id}
            me={me}
            member={editingMember}
            agencies={agencies.data?.items ?? []}
          />
        )}
      </Modal>
      <Modal
        opened={creating}
        onClose={() => setCreating(false)}
        closeButtonProps={{ 'aria-label': t('adm.close') }}
        title={t('adm.staff.new')}
        size="lg"
      >
        {creating && (
          <CreateStaff
            me={me}
            agencies={hasRole(me, 'system_admin') ? (agencies.data?.items ?? []) : creatable}
            onDone={() => setCreating(false)}
          />
        )}
      </Modal>
    </Stack>
  );
}

function RolePicker({
  me,
  agencies,
  value,
  onChange,
  issues,
  prefix,
}: {
  me: Me;
  agencies: AdminAgency[];
  value: { role: StaffRole | null; agency: string | null; unitId: string | null };
  onChange: (v: { role: StaffRole | null; agency: string | null; unitId: string | null }) => void;
  issues: ReturnType<typeof useIssues>;
  prefix: string;
}) {
  const { t } = useTranslation();
  const agency = agencies.find((a) => a.code === value.agency);
  const roles = grantable(me, agency).filter((r) => r !== 'system_admin' || hasRole(me, 'system_admin'));
  return (
    <SimpleGrid cols={{ base: 1, sm: 3 }}>
      <Select
        label={t('adm.staff.agency')}
        data={agencies.map((a) => ({ value: a.code, label: a.name }))}
        value={value.agency}
        onChange={(v) => onChange({ ...value, agency: v, unitId: null })}
        searchable
        clearable={hasRole(me, 'system_admin')}
        clearButtonProps={{ 'aria-label': t('adm.clear') }}
        error={issues.of(`${prefix}agency`)}
      />
      <Select
        label={t('adm.staff.role')}
        data={(value.agency
          ? roles
          : hasRole(me, 'system_admin')
            ? (['system_admin'] as StaffRole[])
            : []
        ).map((r) => ({ value: r, label: t(`roles.${r}`) }))}
        value={value.role}
        onChange={(v) => onChange({ ...value, role: v })}
        error={issues.of(`${prefix}role`)}
      />
      <Select
        label={t('adm.staff.unit')}
        placeholder={t('adm.staff.noUnit')}
        data={(agency?.units ?? []).map((u) => ({ value: String(u.id), label: u.name }))}
        value={value.unitId}
        onChange={(v) => onChange({ ...value, unitId: v })}
        clearable
        clearButtonProps={{ 'aria-label': t('adm.clear') }}
        disabled={!agency || agency.units.length === 0}
        error={issues.of(`${prefix}unitId`)}
      />
    </SimpleGrid>
  );
}

function CreateStaff({ me, agencies, onDone }: { me: Me; agencies: AdminAgency[]; onDone: () => void }) {
  const { t } = useTranslation();
  const create = useCreateStaff();
  const issues = useIssues(create.error);
  const [username, setUsername] = useState('');
  const [fullName, setFullName] = useState('');
  const [email, setEmail] = useState('');
  const [phone, setPhone] = useState('');
  const [password, setPassword] = useState('');
  const [grant, setGrant] = useState<{
    role: StaffRole | null;
    agency: string | null;
    unitId: string | null;
  }>({
    role: 'receiving_officer',
    agency: agencies[0]?.code ?? null,
    unitId: null,
  });
  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    create.mutate(
      {
        username: username.trim(),
        fullName: fullName.trim(),
        password,
        ...(email.trim() ? { email: email.trim() } : {}),
        ...(phone.trim() ? { phone: phone.trim() } : {}),
        roles: grant.role
          ? [
              {
                role: grant.role,
                ...(grant.agency ? { agency: grant.agency } : {}),
                ...(grant.unitId ? { unitId: Number(grant.unitId) } : {}),
              },
            ]
          : [],
      },
      { onSuccess: onDone },
    );
  };
  return (
    <form onSubmit={onSubmit} noValidate>
      <Stack>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label={t('adm.staff.username')}
            description={t('adm.staff.usernameHint')}
            required
            value={username}
            onChange={(e) => setUsername(e.currentTarget.value)}
            error={issues.of('username')}
            autoComplete="off"
          />
          <TextInput
            label={t('adm.staff.fullName')}
            required
            value={fullName}
            onChange={(e) => setFullName(e.currentTarget.value)}
            error={issues.of('fullName')}
          />
          <TextInput
            label={t('adm.staff.email')}
            type="email"
            value={email}
            onChange={(e) => setEmail(e.currentTarget.value)}
            error={issues.of('email')}
          />
          <TextInput
            label={t('adm.staff.phone')}
            type="tel"
            value={phone}
            onChange={(e) => setPhone(e.currentTarget.value)}
            error={issues.of('phone')}
          />
          <PasswordInput
            label={t('adm.staff.password')}
            description={t('adm.staff.passwordHint')}
            required
            value={password}
            onChange={(e) => setPassword(e.currentTarget.value)}
            error={issues.of('password')}
            autoComplete="new-password"
          />
        </SimpleGrid>
        <Fieldset legend={t('adm.staff.firstRole')}>
          <RolePicker
            me={me}
            agencies={agencies}
            value={grant}
            onChange={setGrant}
            issues={issues}
            prefix="roles/0/"
          />
        </Fieldset>
        <IssueSummary issues={issues.all} />
        <Group>
          <Button type="submit" color="red.9" loading={create.isPending}>
            {t('adm.create')}
          </Button>
          <Button variant="default" onClick={onDone}>
            {t('adm.cancel')}
          </Button>
        </Group>
      </Stack>
    </form>
  );
}

function EditStaff({ me, member, agencies }: { me: Me; member: StaffMember; agencies: AdminAgency[] }) {
  const { t } = useTranslation();
  const canEdit = member.actions.includes('staff.update');
  const canGrant = member.actions.includes('staff.grant_role') || hasRole(me, 'system_admin');
  const update = useUpdateStaff(member.id);
  const grantRole = useGrantRole(member.id);
  const revoke = useRevokeRole(member.id);
  const issues = useIssues(update.error);
  const grantIssues = useIssues(grantRole.error);
  const [fullName, setFullName] = useState(member.fullName);
  const [email, setEmail] = useState(member.email ?? '');
  const [phone, setPhone] = useState(member.phone ?? '');
  const [disabled, setDisabled] = useState(member.disabled);
  const [saved, setSaved] = useState(false);
  const grantAgencies = hasRole(me, 'system_admin')
    ? agencies
    : agencies.filter((a) => a.actions.includes('staff.create'));
  const [grant, setGrant] = useState<{
    role: StaffRole | null;
    agency: string | null;
    unitId: string | null;
  }>({
    role: null,
    agency: grantAgencies[0]?.code ?? null,
    unitId: null,
  });
  const unitName = (code: string | null, id: number | null) =>
    id === null
      ? null
      : (agencies.find((a) => a.code === code)?.units.find((u) => u.id === id)?.name ?? `#${id}`);

  return (
    <Stack>
      <Text size="sm">
        {t('adm.staff.username')}: <strong>{member.username}</strong>
      </Text>
      <form
        noValidate
        aria-label={t('adm.staff.account')}
        onSubmit={(e) => {
          e.preventDefault();
          setSaved(false);
          update.mutate(
            {
              version: member.version,
              fullName: fullName.trim(),
              email: email.trim() || null,
              phone: phone.trim() || null,
              disabled,
            },
            { onSuccess: () => setSaved(true) },
          );
        }}
      >
        <Fieldset legend={t('adm.staff.account')} disabled={!canEdit}>
          <Stack gap="sm">
            <SimpleGrid cols={{ base: 1, sm: 2 }}>
              <TextInput
                label={t('adm.staff.fullName')}
                required
                value={fullName}
                onChange={(e) => setFullName(e.currentTarget.value)}
                error={issues.of('fullName')}
              />
              <TextInput
                label={t('adm.staff.email')}
                type="email"
                value={email}
                onChange={(e) => setEmail(e.currentTarget.value)}
                error={issues.of('email')}
              />
              <TextInput
                label={t('adm.staff.phone')}
                type="tel"
                value={phone}
                onChange={(e) => setPhone(e.currentTarget.value)}
                error={issues.of('phone')}
              />
              <Checkbox
                label={t('adm.staff.disableAccount')}
                description={t('adm.staff.disableHint')}
                checked={disabled}
                onChange={(e) => setDisabled(e.currentTarget.checked)}
                mt="md"
              />
            </SimpleGrid>
            <IssueSummary issues={issues.all} />
            {saved && (
              <Alert color="green" role="status">
                {t('adm.saved')}
              </Alert>
            )}
            {canEdit && (
              <Group>
                <Button type="submit" color="red.9" loading={update.isPending}>
                  {t('adm.save')}
                </Button>
              </Group>
            )}
          </Stack>
        </Fieldset>
      </form>
      <Fieldset legend={t('adm.staff.roles')}>
        <Stack gap="sm">
          <Table>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('adm.staff.role')}</Table.Th>
                <Table.Th>{t('adm.staff.agency')}</Table.Th>
                <Table.Th>{t('adm.staff.unit')}</Table.Th>
                {canGrant && <Table.Th>{t('adm.actions')}</Table.Th>}
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {member.roles.map((r) => (
                <Table.Tr key={r.id}>
                  <Table.Td>{t(`roles.${r.role}`)}</Table.Td>
                  <Table.Td>{r.agencyName ?? t('adm.staff.everywhere')}</Table.Td>
                  <Table.Td>{unitName(r.agencyCode, r.unitId) ?? '—'}</Table.Td>
                  {canGrant && (
                    <Table.Td>
                      <Button
                        size="xs"
                        variant="subtle"
                        color="red.9"
                        c="red.9"
                        loading={revoke.isPending && revoke.variables === r.id}
                        aria-label={t('adm.staff.revokeOne', { role: t(`roles.${r.role}`) })}
                        onClick={() => revoke.mutate(r.id)}
                      >
                        {t('adm.staff.revoke')}
                      </Button>
                    </Table.Td>
                  )}
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
          {revoke.error && (
            <Alert color="red" role="alert">
              {revoke.error.message}
            </Alert>
          )}
          {canGrant && (
            <form
              noValidate
              aria-label={t('adm.staff.grant')}
              onSubmit={(e) => {
                e.preventDefault();
                if (!grant.role) return;
                grantRole.mutate(
                  {
                    role: grant.role,
                    ...(grant.agency ? { agency: grant.agency } : {}),
                    ...(grant.unitId ? { unitId: Number(grant.unitId) } : {}),
                  },
                  { onSuccess: () => setGrant({ ...grant, role: null }) },
                );
              }}
            >
              <Stack gap="xs">
                <RolePicker
                  me={me}
                  agencies={grantAgencies}
                  value={grant}
                  onChange={setGrant}
                  issues={grantIssues}
                  prefix=""
                />
                <IssueSummary issues={grantIssues.all} />
                <Group>
                  <Button
                    type="submit"
                    color="red.9"
                    variant="outline"
                    loading={grantRole.isPending}
                    disabled={!grant.role}
                  >
                    {t('adm.staff.grant')}
                  </Button>
                </Group>
              </Stack>
            </form>
          )}
        </Stack>
      </Fieldset>
    </Stack>
  );
}
