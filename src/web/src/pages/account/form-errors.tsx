import { Alert, PasswordInput, type PasswordInputProps } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import { ApiError } from '../../api/client.ts';

/**
 * Errors of an account form: the browser's own checks first, then the API's error when it names this
 * field, so every message sits beside the field it concerns.
 */
export function fieldErrors(error: unknown, local: Partial<Record<string, string>>) {
  const api = error instanceof ApiError ? error : undefined;
  return (field: string): string | undefined =>
    local[field] ?? (api && api.field === field ? api.message : undefined);
}

/** An API error that concerns none of the form's fields (rate limit, network…), shown above the button. */
export function FormError({ error, fields }: { error: unknown; fields: readonly string[] }) {
  const { t } = useTranslation();
  if (!error) return null;
  const api = error instanceof ApiError ? error : undefined;
  if (api?.field && fields.includes(api.field)) return null;
  return (
    <Alert color="red" role="alert">
      {api ? api.message : t('common.error')}
    </Alert>
  );
}

/** Mantine's PasswordInput marks an error by style only: this also tells assistive technology. */
export function PasswordField(props: PasswordInputProps) {
  return <PasswordInput {...props} aria-invalid={props.error ? true : undefined} />;
}
