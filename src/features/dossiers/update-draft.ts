/**
 * Editing a draft before it is submitted (online) or checked (desk): the applicant's details and, for a
 * postal dossier, the waybill. Recorded as a `save_draft` event like the first save.
 */
import type { Db } from '../../db/client.ts';
import type { Principal } from '../../domain/access/policy.ts';
import { foldForSearch } from '../../domain/catalog/search-text.ts';
import { decide, DossierRuleError } from '../../domain/dossier/index.ts';
import { AppError } from '../../domain/errors.ts';
import { recordAudit } from '../audit/record-audit.ts';
import { calendarFor } from '../calendar/calendar-store.ts';
import type { ApplicantInput } from './intake/applicant.ts';
import { actorsOf, loadVisibleDossier } from './dossier-access.ts';
import { applyEvent } from './dossier-writes.ts';

export interface UpdateDraftInput {
  version?: number | undefined;
  applicant?: ApplicantInput | undefined;
  waybill?: string | undefined;
}

export async function updateDraft(
  db: Db,
  principal: Principal,
  ref: string,
  input: UpdateDraftInput,
  now: number,
  meta: { ip: string | null },
): Promise<{ id: string; code: string | null }> {
  return db.transaction(async (tx) => {
    const loaded = await loadVisibleDossier(tx, principal, ref, { forUpdate: true });
    const { row } = loaded;
    if (input.version !== undefined && input.version !== row.version)
      throw new AppError('VERSION_CONFLICT', { field: 'version', details: { currentVersion: row.version } });
    const calendar = await calendarFor(tx, loaded.agency.officeHours);
    let refusal: DossierRuleError | undefined;
    for (const actor of actorsOf(principal, loaded)) {
      const decision = decide(row.state, 'save_draft', { channel: row.channel }, actor, now, calendar);
      if (!decision.ok) {
        refusal ??= decision.refusal;
        continue;
      }
      const current = row.applicant;
      const patch = input.applicant ?? {};
      const applicant = {
        ...current,
        ...Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)),
      };
      if (applicant.capacity === 'representative' && !applicant.authorisation)
        throw new AppError('REQUIRED_FIELD', { field: 'applicant/authorisation' });
      if (input.waybill !== undefined && row.channel !== 'postal')
        throw new AppError('VALIDATION_FAILED', { field: 'waybill' });
      await applyEvent(tx, row.id, row.version, decision.event, decision.state, null, {
        applicant,
        applicantSearch: foldForSearch(applicant.name),
        ...(input.waybill === undefined ? {} : { waybill: input.waybill.trim() }),
      });
      await recordAudit(tx, {
        actorId: principal.userId,
        action: 'dossier.update_draft',
        entity: 'dossier',
        entityId: row.id,
        agencyId: row.agencyId,
        data: { fields: Object.keys(patch), waybill: input.waybill !== undefined },
        ip: meta.ip,
      });
      return { id: row.id, code: row.code };
    }
    throw refusal ?? new DossierRuleError('role_not_allowed');
  });
}
