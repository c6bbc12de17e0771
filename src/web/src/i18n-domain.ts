// The names the domain already holds as { vi, en } tables (roles, agency and procedure levels, channels,
// steps, dossier statuses, ratings), turned into i18next resources at start-up so the web never repeats
// them: `t('roles.approver')`, `t('statuses.processing')`. test/domain/web-labels.test.ts fails if a web
// resource file copies one of these labels again.
import { agencyLevelNames, roleNames } from '../../domain/access/roles.ts';
import { procedureLevelNames, stepRoleNames } from '../../domain/catalog/model.ts';
import { channelNames, statusDefinitions } from '../../domain/dossier/model.ts';
import { actionDefinitions } from '../../domain/dossier/transitions.ts';
import { criterionNames, quickRatingNames } from '../../domain/statistics/satisfaction.ts';

export type Language = 'vi' | 'en';
type Labelled = Readonly<Record<string, { readonly vi: string; readonly en: string }>>;

/** The domain's tables that the web must not word again (test/domain/web-labels.test.ts); action names are
 * rendered from `actionDefinitions` by `actionName` (dossier/ui.tsx). */
export const domainLabelTables = {
  roles: roleNames,
  levels: agencyLevelNames,
  procLevels: procedureLevelNames,
  channels: channelNames,
  stepRoles: stepRoleNames,
  statuses: statusDefinitions,
  actionNames: actionDefinitions,
  quickRatings: quickRatingNames,
  criteria: criterionNames,
} as const satisfies Record<string, Labelled>;

/** One language of a { vi, en } table: key → label. */
export function side<K extends string>(
  table: Readonly<Record<K, { readonly vi: string; readonly en: string }>>,
  lng: Language,
): Record<K, string> {
  return Object.fromEntries(
    Object.entries<{ vi: string; en: string }>(table).map(([k, v]) => [k, v[lng]]),
  ) as Record<K, string>;
}

/** The i18next resources built from the domain's tables for one language. */
export function domainResources(lng: Language) {
  return {
    roles: side(roleNames, lng),
    levels: side(agencyLevelNames, lng),
    procLevels: side(procedureLevelNames, lng),
    channels: side(channelNames, lng),
    stepRoles: side(stepRoleNames, lng),
    statuses: side(statusDefinitions, lng),
    // A short status name is the full one unless the web words a shorter one (i18n-ui.ts).
    statusShort: side(statusDefinitions, lng),
    quickRatings: side(quickRatingNames, lng),
    criteria: side(criterionNames, lng),
  };
}
