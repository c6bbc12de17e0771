import { describe, expect, it } from 'vitest';
import type { StepRole } from '../../../src/domain/catalog/model.ts';
import { currentProcessStep, stageOf } from '../../../src/domain/dossier/stage.ts';
import { availableActions } from '../../../src/domain/dossier/machine.ts';
import { actors, paths, refusalOf, run, statusPaths, type Step } from './helpers.ts';

const at = (steps: readonly Step[]) => {
  const { state } = run(steps);
  return { status: state.status, channel: state.channel, state };
};

const processing = statusPaths.processing!.slice(0, -1); // forwarded, not yet assigned
const assigned = statusPaths.processing!;
const handled: Step[] = [...assigned, { action: 'complete_step', actor: 'handler' }];
const approved: Step[] = [...handled, { action: 'approve', actor: 'approver' }];

// The demo's five-step process (receipt, assignment, handling, approval, issuing).
const fiveSteps: { role: StepRole }[] = ['receive', 'assign', 'handle', 'approve', 'issue'].map((role) => ({
  role: role as StepRole,
}));

describe('whose turn it is', () => {
  it('follows the events through the office day, one stage per role', () => {
    expect(stageOf(at(paths.submitted))).toBe('receive');
    expect(stageOf(at(paths.inPersonDraft))).toBe('receive');
    expect(stageOf(at(paths.draft))).toBe('applicant');
    expect(stageOf(at(statusPaths.received!))).toBe('forward');
    expect(stageOf(at(processing))).toBe('assign');
    expect(stageOf(at(assigned))).toBe('handle');
    expect(stageOf(at([...assigned, { action: 'send_to_cooperating', actor: 'handler' }]))).toBe('cooperate');
    expect(
      stageOf(
        at([
          ...assigned,
          { action: 'send_to_cooperating', actor: 'handler' },
          { action: 'cooperating_result', actor: 'coop' },
        ]),
      ),
    ).toBe('handle');
    expect(stageOf(at(handled))).toBe('approve');
    expect(stageOf(at([...handled, { action: 'return_step', actor: 'approver' }]))).toBe('handle');
    expect(stageOf(at(approved))).toBe('issue');
    expect(stageOf(at(statusPaths.resolved!))).toBe('return');
    expect(stageOf(at(statusPaths.withdrawal_requested!))).toBe('approve');
    expect(stageOf(at(statusPaths.supplement_requested!))).toBe('applicant');
    for (const done of ['returned', 'stopped', 'refused']) expect(stageOf(at(statusPaths[done]!))).toBeNull();
  });

  it('shows the step of the process that matches the events, and none once the process is done', () => {
    const step = (steps: readonly Step[]) => currentProcessStep(fiveSteps, at(steps));
    // Forwarding completes the receipt step, assigning the assignment step: nobody presses "complete".
    expect(step(processing)).toBe(1);
    expect(step(assigned)).toBe(2);
    expect(step(handled)).toBe(3);
    expect(step(approved)).toBe(4);
    expect(step(statusPaths.resolved!)).toBeNull();
    expect(step(statusPaths.returned!)).toBeNull();
    // During a supplement the dossier stays at the handling step.
    expect(step(statusPaths.supplement_requested!)).toBe(2);
  });

  it('skips roles a process leaves out (no assignment step: the handling step while a leader assigns)', () => {
    const short: { role: StepRole }[] = ['receive', 'handle', 'approve', 'return'].map((role) => ({
      role: role as StepRole,
    }));
    expect(currentProcessStep(short, at(processing))).toBe(1);
    expect(currentProcessStep(short, at(approved))).toBe(3);
  });
});

describe('what each role is offered at each stage', () => {
  const approverOffers = (steps: readonly Step[]) => {
    const r = run(steps);
    return availableActions(r.state, actors.approver, r.now);
  };
  it('offers the approver assignment only before the handling is done, and never "complete step"', () => {
    expect(approverOffers(processing)).toContain('assign');
    expect(approverOffers(assigned)).toContain('assign'); // reassigning while the officer handles it
    const atApproval = approverOffers(handled);
    expect(atApproval).toEqual(expect.arrayContaining(['approve', 'return_step']));
    expect(atApproval).not.toContain('assign');
    expect(atApproval).not.toContain('complete_step');
    expect(approverOffers(approved)).not.toContain('assign');
    const r = run(handled);
    expect(refusalOf(r.state, 'assign', 'approver', r.now)).toMatchObject({
      code: 'already_handled',
      kind: 'conflict',
    });
    // Sent back to the officer, it may be reassigned again.
    expect(approverOffers([...handled, { action: 'return_step', actor: 'approver' }])).toContain('assign');
  });
});
