import { Box, Text } from '@mantine/core';
import type { ReactNode } from 'react';

// Its own module: the public procedure page needs only this, not ui.tsx's dialogs and uploads (the file
// preview's Modal brings ScrollArea, 60 KB), which its lazy chunk would otherwise wait for on a slow line.

/** One labelled value in a definition list. */
export function Field({ label, children }: { label: string; children: ReactNode }) {
  return (
    <Box>
      <Text size="sm" c="dimmed" component="dt">
        {label}
      </Text>
      <Text component="dd" m={0} fw={500} style={{ overflowWrap: 'anywhere' }}>
        {children}
      </Text>
    </Box>
  );
}
