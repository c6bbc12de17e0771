// Hooks of the account pages: registration, profile, password change and reset. Only lazy pages import it.
import { useMutation, useQueryClient } from '@tanstack/react-query';
import type {
  Done,
  LoginResult,
  PasswordBody,
  PasswordResetBody,
  PasswordResetConfirmBody,
  Profile,
  ProfileBody,
  RegisterBody,
} from '../../../contracts/account.ts';
import { api, setCsrfToken } from './client.ts';
import { keys } from './hooks.ts';

export { useProfile, type Profile } from './dossiers.ts';
// The requests' shapes are the server's contracts (src/contracts), imported as types only.
export type { RegisterBody as RegisterInput };

/** Creates the account; the server logs the new user in. */
export function useRegister() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: RegisterBody) => api<LoginResult>('POST', '/api/v1/auth/register', input),
    onSuccess: async (result) => {
      setCsrfToken(result.csrfToken);
      await client.invalidateQueries({ queryKey: keys.me });
    },
  });
}

export function useUpdateProfile() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: ProfileBody) => api<Profile>('PATCH', '/api/v1/me/profile', input),
    onSuccess: (profile) => client.setQueryData(keys.profile, profile),
  });
}

export function useChangePassword() {
  return useMutation({
    mutationFn: (input: PasswordBody) => api<Done>('POST', '/api/v1/me/password', input),
  });
}

/** Always answered alike, whether or not the account exists. */
export function useRequestPasswordReset() {
  return useMutation({
    mutationFn: (input: PasswordResetBody) => api<Done>('POST', '/api/v1/auth/password-reset', input),
  });
}

/** Sets the new password; every session of the account ends, this browser's included when it was theirs. */
export function useResetPassword() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: PasswordResetConfirmBody) =>
      api<Done>('POST', '/api/v1/auth/password-reset/confirm', input),
    onSuccess: async () => {
      await client.invalidateQueries({ queryKey: keys.me });
    },
  });
}
