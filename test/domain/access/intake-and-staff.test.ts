import { describe, expect, it } from 'vitest';
import {
  canChangeRolesOf,
  canSeeApplicantAccount,
  canTakeInAtDesk,
  type Principal,
} from '../../../src/domain/access/policy.ts';

const staff = (grants: Principal['grants']): Principal => ({ userId: 'u1', kind: 'staff', grants });
const agencyAdmin = staff([{ role: 'agency_admin', agencyId: 4, agencyPath: '/1/4/' }]);
const systemAdmin = staff([{ role: 'system_admin', agencyId: null, agencyPath: null }]);

describe('taking a dossier in at a desk', () => {
  it('at an implementing agency, or at a one-stop desk for another agency’s procedure', () => {
    const implementing = [{ id: 4 }, { id: 5 }];
    expect(canTakeInAtDesk({ id: 4, isOneStopDesk: false }, implementing)).toBe(true);
    expect(canTakeInAtDesk({ id: 9, isOneStopDesk: true }, implementing)).toBe(true);
    expect(canTakeInAtDesk({ id: 9, isOneStopDesk: false }, implementing)).toBe(false);
  });
});

describe('the applicant’s account', () => {
  it('is known to that applicant only', () => {
    expect(canSeeApplicantAccount({ userId: 'c1', kind: 'citizen', grants: [] }, 'c1')).toBe(true);
    expect(canSeeApplicantAccount({ userId: 'c2', kind: 'citizen', grants: [] }, 'c1')).toBe(false);
    expect(canSeeApplicantAccount(systemAdmin, 'c1')).toBe(false);
    expect(canSeeApplicantAccount(undefined, 'c1')).toBe(false);
    expect(canSeeApplicantAccount({ userId: 'c1', kind: 'citizen', grants: [] }, null)).toBe(false);
  });
});

describe('roles of a system administrator’s account', () => {
  it('are changed by system administrators only', () => {
    expect(canChangeRolesOf(agencyAdmin, ['system_admin'])).toBe(false);
    expect(canChangeRolesOf(agencyAdmin, ['clerk', 'system_admin'])).toBe(false);
    expect(canChangeRolesOf(agencyAdmin, ['clerk'])).toBe(true);
    expect(canChangeRolesOf(agencyAdmin, [])).toBe(true);
    expect(canChangeRolesOf(systemAdmin, ['system_admin'])).toBe(true);
  });
});
