import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  affectedAgencies,
  canChangeProcedure,
  type AgencyRef,
  type Principal,
  type ProcedureChange,
} from '../../../src/domain/access/policy.ts';
import { staffRoles, type StaffRole } from '../../../src/domain/access/roles.ts';

/** A tree of agencies as materialised paths: each new agency hangs under one drawn before it. */
const treeArb = fc.array(fc.nat(), { minLength: 1, maxLength: 12 }).map((parents) => {
  const tree: AgencyRef[] = [{ id: 1, path: '/1/' }];
  parents.forEach((p, i) => {
    const parent = tree[p % tree.length]!;
    tree.push({ id: i + 2, path: `${parent.path}${i + 2}/` });
  });
  return tree;
});

const caseArb = treeArb.chain((tree) =>
  fc.record({
    tree: fc.constant(tree),
    grants: fc.array(
      fc.record({
        // Agency administrators mostly, so that allowed changes are common.
        role: fc.oneof(
          { arbitrary: fc.constant<StaffRole>('agency_admin'), weight: 4 },
          { arbitrary: fc.constantFrom(...staffRoles.filter((r) => r !== 'system_admin')), weight: 2 },
          { arbitrary: fc.constant<StaffRole>('system_admin'), weight: 1 },
        ),
        agency: fc.constantFrom(...tree),
      }),
      { maxLength: 5 },
    ),
    before: fc.subarray(tree),
    after: fc.subarray(tree),
    kind: fc.constantFrom<Principal['kind']>('staff', 'citizen', 'business'),
    action: fc.constantFrom<ProcedureChange>('procedure.edit', 'procedure.publish'),
  }),
);

describe('changing a procedure needs a right at every agency it affects', () => {
  it('equals “system administrator, or agency administrator at each agency before and after”', () => {
    fc.assert(
      fc.property(caseArb, ({ grants, before, after, kind, action }) => {
        const principal: Principal = {
          userId: 'u',
          kind,
          grants: grants.map((g) =>
            g.role === 'system_admin'
              ? { role: g.role, agencyId: null, agencyPath: null }
              : { role: g.role, agencyId: g.agency.id, agencyPath: g.agency.path },
          ),
        };
        const affected = affectedAgencies(before, after);
        // Written from the rule in the issue, not from the policy table: roles held above do not count.
        const expected =
          kind === 'staff' &&
          (grants.some((g) => g.role === 'system_admin') ||
            (affected.length > 0 &&
              affected.every((a) => grants.some((g) => g.role === 'agency_admin' && g.agency.id === a.id))));
        expect(canChangeProcedure(principal, action, affected)).toBe(expected);
      }),
      { numRuns: 2000 },
    );
  });

  it('counts each agency once, before and after together', () => {
    const a = { id: 1, path: '/1/' };
    const b = { id: 2, path: '/1/2/' };
    expect(affectedAgencies([a, b], [b], [a])).toEqual([a, b]);
  });

  it('an administrator of one of several agencies may not change the procedure', () => {
    const caolanh = { id: 7, path: '/1/7/' };
    const sadec = { id: 8, path: '/1/8/' };
    const admin: Principal = {
      userId: 'u',
      kind: 'staff',
      grants: [{ role: 'agency_admin', agencyId: 7, agencyPath: '/1/7/' }],
    };
    // Dropping Sa Đéc from a procedure both implement: Sa Đéc is affected, so no.
    expect(canChangeProcedure(admin, 'procedure.edit', affectedAgencies([caolanh, sadec], [caolanh]))).toBe(
      false,
    );
    expect(canChangeProcedure(admin, 'procedure.edit', affectedAgencies([caolanh], [caolanh]))).toBe(true);
    expect(canChangeProcedure(admin, 'procedure.publish', [])).toBe(false);
  });
});
