// The OpenAPI document's shape in one place: operation ids, security, servers, tags and file answers.
// Routes declare their schemas as usual; this file only adds what the document needs around them and
// derives the security of each operation from what the route declares (see securityOf).
// Checked by test/server/openapi-lint.test.ts (Redocly's recommended rules, ids present and unique).
import type { FastifyDynamicSwaggerOptions, SwaggerTransform } from '@fastify/swagger';
import { ErrorBody } from '../contracts/common.ts';
import { SESSION_COOKIE } from '../features/auth/sessions.ts';
import { NDJSON_TYPES } from './routes/imports.ts';

/**
 * One readable camelCase id per operation, by method and path. Written out rather than computed from the
 * path, so that an id never changes when other routes are added or a path is renamed: clients generated
 * from the document keep their function names. A route missing here has no operationId, which
 * test/server/openapi-lint.test.ts reports.
 */
export const operationIds: Readonly<Record<string, string>> = {
  'GET /health/live': 'getLiveness',
  'GET /health/ready': 'getReadiness',

  'POST /api/v1/auth/login': 'login',
  'POST /api/v1/auth/logout': 'logout',
  'POST /api/v1/auth/logout-all': 'logoutAll',
  'POST /api/v1/auth/register': 'register',
  'POST /api/v1/auth/password-reset': 'requestPasswordReset',
  'POST /api/v1/auth/password-reset/confirm': 'confirmPasswordReset',
  'GET /api/v1/auth/session': 'getSession',

  'GET /api/v1/me': 'getMe',
  'GET /api/v1/me/profile': 'getMyProfile',
  'PATCH /api/v1/me/profile': 'updateMyProfile',
  'POST /api/v1/me/password': 'changeMyPassword',
  'GET /api/v1/me/notifications': 'listMyNotifications',
  'POST /api/v1/me/notifications/read': 'markMyNotificationsRead',

  'GET /api/v1/agencies': 'listAgencies',
  'POST /api/v1/agencies': 'createAgency',
  'GET /api/v1/agencies/{code}': 'getAgency',
  'PATCH /api/v1/agencies/{code}': 'updateAgency',
  'POST /api/v1/agencies/{code}/units': 'createUnit',
  'DELETE /api/v1/agencies/{code}/units/{unitId}': 'deleteUnit',
  'GET /api/v1/agencies/{code}/register.pdf': 'getAgencyRegisterPdf',
  'GET /api/v1/agencies/{code}/register.xlsx': 'getAgencyRegisterXlsx',

  'GET /api/v1/staff': 'listStaff',
  'POST /api/v1/staff': 'createStaff',
  'GET /api/v1/staff/{id}': 'getStaff',
  'PATCH /api/v1/staff/{id}': 'updateStaff',
  'POST /api/v1/staff/{id}/roles': 'grantStaffRole',
  'DELETE /api/v1/staff/{id}/roles/{assignmentId}': 'revokeStaffRole',

  'GET /api/v1/procedures': 'searchProcedures',
  'POST /api/v1/procedures': 'createProcedure',
  'GET /api/v1/procedures/{code}': 'getProcedure',
  'GET /api/v1/procedures/{code}/history': 'listProcedureVersions',
  'GET /api/v1/procedures/{code}/forms/{id}': 'downloadProcedureForm',
  'GET /api/v1/procedures/{code}/draft': 'getProcedureDraft',
  'PUT /api/v1/procedures/{code}/draft': 'saveProcedureDraft',
  'DELETE /api/v1/procedures/{code}/draft': 'discardProcedureDraft',
  'POST /api/v1/procedures/{code}/publish': 'publishProcedure',
  'GET /api/v1/procedures/{code}/processes': 'listProcedureProcesses',
  'PUT /api/v1/procedures/{code}/processes/{agency}': 'setProcedureProcess',
  'GET /api/v1/catalog/drafts': 'listCatalogDrafts',
  'POST /api/v1/catalog/forms': 'uploadCatalogForm',
  'POST /api/v1/catalog/import': 'importCatalog',
  'GET /api/v1/catalog/export': 'exportCatalog',
  'GET /api/v1/catalog/template.xlsx': 'getCatalogTemplate',
  'GET /api/v1/procedure-fields': 'listProcedureFields',
  'POST /api/v1/procedure-fields': 'createProcedureField',
  'PATCH /api/v1/procedure-fields/{code}': 'updateProcedureField',
  'DELETE /api/v1/procedure-fields/{code}': 'deleteProcedureField',

  'GET /api/v1/calendar/holidays': 'listHolidays',
  'GET /api/v1/calendar/deadline': 'computeDeadline',
  'GET /api/v1/calendar/receipt-time': 'getReceiptTime',
  'GET /api/v1/calendar/working-time': 'computeWorkingTime',
  'GET /api/v1/calendar/years/{year}': 'getCalendarYear',
  'PUT /api/v1/calendar/years/{year}': 'setCalendarYear',

  'GET /api/v1/dossier-codes': 'getDossierCodes',
  'POST /api/v1/dossiers': 'createDossier',
  'GET /api/v1/dossiers': 'listDossiers',
  'GET /api/v1/dossiers/{ref}': 'getDossier',
  'PATCH /api/v1/dossiers/{ref}': 'updateDossierDraft',
  'DELETE /api/v1/dossiers/{ref}': 'deleteDossierDraft',
  'GET /api/v1/track/{code}': 'trackDossier',
  'GET /api/v1/opinion-requests': 'listOpinionRequests',
  'POST /api/v1/desk/applicant-lookup': 'lookUpApplicant',
  'GET /api/v1/dossiers/{ref}/forms/{form}.pdf': 'getDossierFormPdf',

  'POST /api/v1/dossiers/{ref}/actions/submit': 'submitDossier',
  'POST /api/v1/dossiers/{ref}/actions/receive': 'receiveDossier',
  'POST /api/v1/dossiers/{ref}/actions/request_supplement': 'requestDossierSupplement',
  'POST /api/v1/dossiers/{ref}/actions/refuse': 'refuseDossier',
  'POST /api/v1/dossiers/{ref}/actions/provide_supplement': 'provideDossierSupplement',
  'POST /api/v1/dossiers/{ref}/actions/forward': 'forwardDossier',
  'POST /api/v1/dossiers/{ref}/actions/assign': 'assignDossier',
  'POST /api/v1/dossiers/{ref}/actions/complete_step': 'completeDossierStep',
  'POST /api/v1/dossiers/{ref}/actions/return_step': 'returnDossierStep',
  'POST /api/v1/dossiers/{ref}/actions/send_to_cooperating': 'requestDossierOpinions',
  'POST /api/v1/dossiers/{ref}/actions/cooperating_result': 'giveDossierOpinion',
  'POST /api/v1/dossiers/{ref}/actions/approve': 'approveDossier',
  'POST /api/v1/dossiers/{ref}/actions/issue': 'issueDossierResult',
  'POST /api/v1/dossiers/{ref}/actions/request_financial_obligation': 'requestDossierPayment',
  'POST /api/v1/dossiers/{ref}/actions/record_payment': 'recordDossierPayment',
  'POST /api/v1/dossiers/{ref}/actions/apologize': 'apologizeForDossier',
  'POST /api/v1/dossiers/{ref}/actions/request_withdrawal': 'requestDossierWithdrawal',
  'POST /api/v1/dossiers/{ref}/actions/stop': 'stopDossier',
  'POST /api/v1/dossiers/{ref}/actions/return_result': 'returnDossierResult',
  'POST /api/v1/dossiers/{ref}/actions/rate': 'rateDossier',

  'PUT /api/v1/dossiers/{ref}/components/{idx}/file': 'replaceComponentFile',
  'POST /api/v1/dossiers/{ref}/components/{idx}/files': 'addComponentFile',
  'POST /api/v1/dossiers/{ref}/supplements/{seq}/items/{item}/files': 'addSupplementItemFile',
  'DELETE /api/v1/dossiers/{ref}/files/{fileId}': 'deleteDossierFile',
  'GET /api/v1/dossiers/{ref}/files/{fileId}': 'downloadDossierFile',
  'PUT /api/v1/dossiers/{ref}/result-file': 'uploadResultFile',
  'PUT /api/v1/dossiers/{ref}/opinion-files/{purpose}': 'uploadOpinionFile',

  'GET /api/v1/reports/resolution': 'getResolutionReport',
  'GET /api/v1/reports/resolution/dossiers': 'listResolutionReportDossiers',
  'GET /api/v1/reports/resolution.xlsx': 'getResolutionReportXlsx',
  'GET /api/v1/reports/resolution.pdf': 'getResolutionReportPdf',
  'GET /api/v1/reports/dashboard': 'getDashboard',
  'GET /api/v1/reports/catalog': 'getCatalogReport',
  'GET /api/v1/reports/catalog.xlsx': 'getCatalogReportXlsx',
  'GET /api/v1/reports/service-index': 'getServiceIndex',
  'GET /api/v1/reports/service-index.xlsx': 'getServiceIndexXlsx',
  'GET /api/v1/reports/satisfaction': 'getSatisfactionReport',
  'GET /api/v1/reports/satisfaction.xlsx': 'getSatisfactionReportXlsx',

  'POST /api/v1/imports/dossiers': 'importDossierHistory',
};

const PDF = 'application/pdf';
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
/** A file stored as uploaded: served with the media type it was stored with. */
const STORED = '*/*';

/**
 * Operations whose 2xx answer is a file, not JSON, with the media types they send. Their routes declare the
 * 2xx as a binary string or not at all; the document shows the file types instead of application/json.
 */
const fileAnswers: Readonly<Record<string, readonly string[]>> = {
  'GET /api/v1/procedures/{code}/forms/{id}': [STORED],
  'GET /api/v1/catalog/export': [XLSX, 'application/json'],
  'GET /api/v1/catalog/template.xlsx': [XLSX],
  'GET /api/v1/dossiers/{ref}/forms/{form}.pdf': [PDF],
  'GET /api/v1/agencies/{code}/register.pdf': [PDF],
  'GET /api/v1/agencies/{code}/register.xlsx': [XLSX],
  'GET /api/v1/dossiers/{ref}/files/{fileId}': [STORED],
  'GET /api/v1/reports/resolution.xlsx': [XLSX],
  'GET /api/v1/reports/resolution.pdf': [PDF],
  'GET /api/v1/reports/catalog.xlsx': [XLSX],
  'GET /api/v1/reports/service-index.xlsx': [XLSX],
  'GET /api/v1/reports/satisfaction.xlsx': [XLSX],
};

const upload = { 'application/octet-stream': { type: 'string', format: 'binary' } };
/** Operations that take a raw body (an upload) instead of JSON: the media types they accept, with schemas. */
const rawBodies: Readonly<Record<string, Readonly<Record<string, object>>>> = {
  'PUT /api/v1/dossiers/{ref}/components/{idx}/file': upload,
  'POST /api/v1/dossiers/{ref}/components/{idx}/files': upload,
  'POST /api/v1/dossiers/{ref}/supplements/{seq}/items/{item}/files': upload,
  'PUT /api/v1/dossiers/{ref}/result-file': upload,
  'PUT /api/v1/dossiers/{ref}/opinion-files/{purpose}': upload,
  'POST /api/v1/catalog/forms': upload,
  'POST /api/v1/catalog/import': {
    ...upload,
    [XLSX]: { type: 'string', format: 'binary' },
    'application/json': { type: 'object', description: 'A JSON catalog (docs/catalog-format.md)' },
  },
  'POST /api/v1/imports/dossiers': Object.fromEntries(
    NDJSON_TYPES.map((type) => [type, { type: 'string', description: 'NDJSON, one dossier per line' }]),
  ),
};

const tags = [
  { name: 'auth', description: 'Log in and out, register an account, reset a password.' },
  { name: 'me', description: 'The logged-in user: profile, password, notifications.' },
  { name: 'dossiers', description: 'Dossiers (hồ sơ): filing, the inboxes, public tracking, the desk.' },
  { name: 'dossier actions', description: 'The steps of a dossier, one operation per action.' },
  { name: 'dossier files', description: 'The files of a dossier: component files, result, opinions.' },
  { name: 'dossier forms', description: 'Printed forms of a dossier and the register of an agency.' },
  { name: 'catalog', description: 'The catalog of administrative procedures: search, editing, import.' },
  { name: 'agencies', description: 'The agency directory and the units of an agency.' },
  { name: 'staff', description: 'Staff accounts and their roles in agencies.' },
  { name: 'calendar', description: 'Working days, holidays and the deadlines counted on them.' },
  { name: 'reports', description: 'Period reports, dashboards and service-quality indexes.' },
  { name: 'statistics', description: 'Importing the dossier history of a replaced system.' },
  { name: 'health', description: 'Liveness and readiness probes.' },
];

export const securitySchemes = {
  session: {
    type: 'apiKey',
    in: 'cookie',
    name: SESSION_COOKIE,
    description: 'The session cookie set by login and registration (HttpOnly, SameSite=Lax).',
  },
  csrf: {
    type: 'apiKey',
    in: 'header',
    name: 'X-CSRF-Token',
    description:
      "The session's CSRF token, returned by login and /api/v1/me; required with the session cookie on " +
      'every POST, PUT, PATCH and DELETE.',
  },
} as const;

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** `/api/v1/dossiers/:ref` → `/api/v1/dossiers/{ref}`, the document's form of a route's path. */
export function documentPath(url: string): string {
  return url.replace(/:(\w+)/g, '{$1}');
}

/**
 * The security of an operation, from what its route declares and what src/server/auth.ts enforces:
 * - `config.public` (login, registration, password reset): no credentials;
 * - any other POST, PUT, PATCH or DELETE is refused without a session, and a session must send its CSRF
 *   token: the cookie and the header;
 * - a read that declares a 401 answer needs the session cookie; one that does not is open to visitors
 *   (the catalog, the calendar, tracking, health). A session, when sent, may still widen what it shows.
 */
export function securityOf(
  method: string,
  routeConfig: { public?: boolean } | undefined,
  declared: readonly string[],
): Array<Record<string, string[]>> {
  if (routeConfig?.public) return [];
  if (!SAFE_METHODS.has(method)) return [{ session: [], csrf: [] }];
  return declared.includes('401') ? [{ session: [] }] : [];
}

const binary = { type: 'string', format: 'binary' } as const;

type RouteSchema = Record<string, unknown> & { response?: Record<string, unknown> };

/** @fastify/swagger's per-route transform: adds the operation id, security and file media types. */
export const transform: SwaggerTransform = ({ schema, url, route }) => {
  if (!schema || (schema as { hide?: boolean }).hide) return { schema, url };
  const methods = typeof route.method === 'string' ? [route.method] : route.method;
  const method = methods.find((m) => m !== 'HEAD') ?? methods[0]!;
  const key = `${method} ${documentPath(url)}`;
  const original = schema as RouteSchema;
  const response: Record<string, unknown> = { ...original.response };
  const declared = Object.keys(response);
  const files = fileAnswers[key];
  if (files) {
    const ok = declared.find((status) => status.startsWith('2')) ?? '200';
    response[ok] = {
      description: files.includes(STORED) ? 'The file, with the media type it was stored with' : 'The file',
      content: Object.fromEntries(files.map((type) => [type, { schema: binary }])),
    };
  }
  // Input that fails its schema is refused with 400 VALIDATION_FAILED (src/server/validation.ts).
  const validated = ['params', 'querystring', 'body', 'headers'].some((part) => part in original);
  if (validated && !('400' in response)) response['400'] = ErrorBody;
  const raw = rawBodies[key];
  const id = operationIds[key];
  const result: RouteSchema = {
    ...original,
    ...(Object.keys(response).length > 0 ? { response } : {}),
    security: securityOf(method, route.config, declared),
    ...(id ? { operationId: id } : {}),
  };
  // A raw body has no schema for Fastify to validate; the document shows its media types instead.
  if (raw)
    result['body'] = {
      description: 'The file, as a raw body (no multipart)',
      content: Object.fromEntries(Object.entries(raw).map(([type, schema]) => [type, { schema }])),
    };
  return { schema: result, url };
};

export const openapiDocument: FastifyDynamicSwaggerOptions['openapi'] = {
  openapi: '3.1.0',
  info: {
    title: 'motcua API',
    version: '1',
    summary: 'Electronic one-stop shop (một cửa điện tử) for Vietnamese administrative procedures',
    description:
      'Errors share one shape: ' +
      '{ "error": { "code", "message" (Vietnamese), "message_en", "field" } }. Logged-in requests carry the ' +
      'session cookie; state-changing ones also need the X-CSRF-Token header returned by login and /api/v1/me.',
    license: { name: 'AGPL-3.0-or-later', identifier: 'AGPL-3.0-or-later' },
  },
  servers: [{ url: '/', description: 'This server' }],
  tags,
  components: { securitySchemes },
};
