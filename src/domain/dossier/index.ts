/**
 * The dossier life cycle (hồ sơ): statuses, actions as data, decisions, replay of the history, dossier
 * codes, statistics outcome and the public tracking view. Pure: no I/O, no clock (pass `now`).
 * Decisions and the reading of the law are in README.md beside this file.
 */
export {
  channelNames,
  channels,
  dossierActorRoles,
  dossierStatuses,
  initialDossier,
  isTerminalStatus,
  nationalChannelCodes,
  nationalStatusCodes,
  paperDeliveries,
  quickRatings,
  ratingCriteria,
  resultMethods,
  statusDefinitions,
  type ActionData,
  type ActorRole,
  type Channel,
  type ClockEvent,
  type ClockState,
  type CooperationBranch,
  type OpinionFile,
  type CriterionScore,
  type Deadline,
  type DossierAction,
  type DossierActor,
  type DossierActorRole,
  type DossierEvent,
  type DossierEventOf,
  type DossierPause,
  type DossierState,
  type DossierStatus,
  type NationalStatusCode,
  type PaperDelivery,
  type PauseReason,
  type QuickRating,
  type RatingCriterion,
  type ResultMethod,
} from './model.ts';
export { DossierRuleError, refusalMessages, type RefusalCode, type RefusalKind } from './errors.ts';
export {
  actionDefinitions,
  dossierActions,
  guards,
  isDossierAction,
  rolesOf,
  transitionOf,
  type ActionDefinition,
  type ClockEffect,
  type FormNumber,
  type GuardContext,
  type GuardName,
  type Transition,
} from './transitions.ts';
export { availableActions, decide, evolve, replay, type Decision } from './machine.ts';
export { dueTimeOf, forwardTime, receiptTiming, type ReceiptTiming } from './time.ts';
export {
  dossierCodePrefix,
  dossierCounterSql,
  formatDossierCode,
  parseDossierCode,
  vnDateOf,
  type DossierCodeParts,
  type DossierCodeResult,
} from './code.ts';
export { dossierStanding, type DossierStanding } from './outcome.ts';
export {
  mayViewPersonalData,
  maskName,
  trackingView,
  type ApplicantPersonalData,
  type PublicTrackingView,
  type TrackingViewer,
} from './privacy.ts';
