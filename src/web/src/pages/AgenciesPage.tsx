import { Alert, Box, Loader, Stack, Table, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { useAgencies } from '../api/hooks.ts';

export function AgenciesPage() {
  const { t } = useTranslation();
  const agencies = useAgencies();
  return (
    <Stack>
      <Title order={2}>{t('agencies.heading')}</Title>
      <Text>{t('agencies.intro')}</Text>
      {agencies.isPending ? (
        <Loader role="status" aria-label={t('common.loading')} />
      ) : agencies.error ? (
        <Alert color="red" role="alert">
          {agencies.error.message}
        </Alert>
      ) : (
        <Box className="scroll-region" tabIndex={0} role="region" aria-label={t('agencies.heading')}>
          <Table striped>
            <Table.Thead>
              <Table.Tr>
                <Table.Th>{t('agencies.name')}</Table.Th>
                <Table.Th>{t('agencies.level')}</Table.Th>
                <Table.Th>{t('agencies.code')}</Table.Th>
                <Table.Th>{t('agencies.address')}</Table.Th>
                <Table.Th>{t('agencies.phone')}</Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {agencies.data.items.map((a) => (
                <Table.Tr key={a.code}>
                  <Table.Td style={{ paddingLeft: a.parentCode ? 28 : undefined }}>{a.name}</Table.Td>
                  <Table.Td>{t(`levels.${a.level}`)}</Table.Td>
                  <Table.Td>{a.code}</Table.Td>
                  <Table.Td>{a.address}</Table.Td>
                  <Table.Td style={{ whiteSpace: 'nowrap' }}>{a.phone}</Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </Box>
      )}
    </Stack>
  );
}
