// Hooks of the account pages: registration, profile, password change and reset. Only lazy pages import it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type { Profile } from './dossiers.ts';
import { api, setCsrfToken } from './client.ts';
import { keys } from './hooks.ts';

export { useProfile, type Profile } from './dossiers.ts';

export interface RegisterInput {
  kind: 'citizen' | 'business';
  personalId?: string;
  taxCode?: string;
  organizationName?: string;
  fullName: string;
  phone: string;
  email?: string;
  address?: string;
  password: string;
}

/** Creates the account; the server logs the new user in. */
export function useRegister() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RegisterInput) => api<{ csrfToken: string }>('POST', '/api/v1/auth/register', input),
    onSuccess: async (result) => {
      setCsrfToken(result.csrfToken);
      await client.invalidateQueries({ queryKey: keys.me });
    },
  });
}

export interface ProfileInput {
  phone?: string;
  email?: string | null;
  address?: string | null;
}

export function useUpdateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ProfileInput) => api<Profile>('PATCH', '/api/v1/me/profile', input),
    onSuccess: (profile) => client.setQueryData(keys.profile, profile),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (input: { currentPassword: string; newPassword: string }) =>
      api<{ ok: boolean }>('POST', '/api/v1/me/password', input),
  });
}

/** Always answered alike, whether or not the account exists. */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (input: { login: string }) =>
      api<{ ok: boolean }>('POST', '/api/v1/auth/password-reset', input),
  });
}

/** Sets the new password; every session of the account ends, this browser's included when it was theirs. */
export function useResetPassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { token: string; newPassword: string }) =>
      api<{ ok: boolean }>('POST', '/api/v1/auth/password-reset/confirm', input),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: keys.me });
    },
  });
}
