// The catalog's answers and request bodies: procedures, drafts, versions, internal processes, fields,
// form templates and imports. The model of a procedure's content lives in the domain and is reused here.
import { Type, type Static } from 'typebox';
import {
  Component,
  Duration,
  durationUnits,
  Fee,
  FIELD_CODE_PATTERN,
  LegalDocument,
  Method,
  onlineLevels,
  ProcedureCode,
  ProcedureContent,
  procedureLevels,
  ProcessStep,
} from '../domain/catalog/model.ts';
import { IsoDate, NullableString, StringEnum } from './common.ts';

/** A code and its name: a field, an agency. */
export const CodeName = Type.Object(
  { code: Type.String(), name: Type.String() },
  { title: 'CodeName', additionalProperties: false },
);
export const ProcedureLevel = StringEnum(procedureLevels);
export const OnlineLevel = StringEnum(onlineLevels);
export const versionStatuses = ['draft', 'scheduled', 'in_force', 'superseded'] as const;

export const FormTemplateRef = Type.Object(
  {
    id: Type.Integer(),
    fileName: Type.String(),
    mediaType: Type.String(),
    size: Type.Integer(),
    url: Type.String(),
  },
  { title: 'FormTemplateRef', additionalProperties: false },
);
export type FormTemplateRef = Static<typeof FormTemplateRef>;

/** A component as presented: the template's id is replaced by a link to it. */
export const ComponentView = Type.Object(
  {
    ...Type.Omit(Component, ['formTemplateId']).properties,
    formTemplate: Type.Union([FormTemplateRef, Type.Null()]),
  },
  { title: 'ComponentView', additionalProperties: false },
);
export type ComponentView = Static<typeof ComponentView>;

export const CaseView = Type.Object(
  {
    name: Type.String(),
    deadline: Duration,
    fees: Type.Array(Fee),
    components: Type.Array(ComponentView),
  },
  { title: 'CaseView', additionalProperties: false },
);

export const VersionInfo = Type.Object(
  {
    seq: Type.Integer(),
    status: StringEnum(versionStatuses),
    effectiveFrom: NullableString,
    effectiveTo: NullableString,
    publishedAt: NullableString,
    lockVersion: Type.Integer({ description: 'The procedure’s change counter; send it back as `version`' }),
  },
  { title: 'VersionInfo', additionalProperties: false },
);

/** What a version says, with links to its form templates: the part of its view that never changes. */
const versionBodyProperties = {
  code: Type.String(),
  name: Type.String(),
  level: ProcedureLevel,
  onlineLevel: OnlineLevel,
  fullOnlineEligible: Type.Boolean(),
  notBoundToBoundary: Type.Boolean(),
  deadline: Duration,
  decision: Type.Union([LegalDocument, Type.Null()]),
  steps: Type.String(),
  methods: Type.Array(Method),
  components: Type.Array(ComponentView),
  fees: Type.Array(Fee),
  applicants: Type.String(),
  result: ProcedureContent.properties.result,
  requirements: Type.String(),
  legalBasis: Type.Array(LegalDocument),
  cases: Type.Array(CaseView),
};
export const VersionBody = Type.Object(versionBodyProperties, {
  title: 'VersionBody',
  additionalProperties: false,
});
export type VersionBody = Static<typeof VersionBody>;

/** A procedure as the API presents it: the published version in force, or the draft. */
export const ProcedureView = Type.Object(
  {
    ...versionBodyProperties,
    field: CodeName,
    agencies: Type.Array(CodeName),
    version: VersionInfo,
    actions: Type.Array(Type.String(), { description: 'What the caller may do with this procedure now' }),
  },
  { title: 'Procedure', additionalProperties: false },
);
export type ProcedureView = Static<typeof ProcedureView>;

export const DraftView = Type.Object(
  { ...ProcedureView.properties, content: ProcedureContent },
  { title: 'Draft', additionalProperties: false },
);
export type DraftView = Static<typeof DraftView>;

export const ProcedureListItem = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    field: CodeName,
    level: ProcedureLevel,
    onlineLevel: OnlineLevel,
    deadline: Duration,
    agencies: Type.Array(CodeName),
  },
  { title: 'ProcedureListItem', additionalProperties: false },
);
export type ProcedureListItem = Static<typeof ProcedureListItem>;

export const ProcedureList = Type.Object(
  {
    items: Type.Array(ProcedureListItem),
    total: Type.Integer(),
    page: Type.Integer(),
    pageSize: Type.Integer(),
  },
  { title: 'ProcedureList', additionalProperties: false },
);
export type ProcedureList = Static<typeof ProcedureList>;

export const VersionEntry = Type.Object(
  {
    seq: Type.Integer(),
    status: StringEnum(versionStatuses),
    effectiveFrom: NullableString,
    effectiveTo: NullableString,
    publishedAt: NullableString,
    createdAt: Type.String(),
    note: NullableString,
    name: Type.String(),
    changed: Type.Array(Type.String(), { description: 'Content fields changed from the version before' }),
  },
  { title: 'VersionEntry', additionalProperties: false },
);
export type VersionEntry = Static<typeof VersionEntry>;

export const ProcedureHistory = Type.Object(
  { code: Type.String(), versions: Type.Array(VersionEntry) },
  { title: 'ProcedureHistory', additionalProperties: false },
);
export type ProcedureHistory = Static<typeof ProcedureHistory>;

export const DraftListItem = Type.Object(
  {
    code: Type.String(),
    name: Type.String(),
    seq: Type.Integer(),
    lockVersion: Type.Integer(),
    updatedAt: Type.String(),
    agencies: Type.Array(CodeName),
  },
  { title: 'DraftListItem', additionalProperties: false },
);
export type DraftListItem = Static<typeof DraftListItem>;

export const DraftList = Type.Object(
  { items: Type.Array(DraftListItem) },
  { title: 'DraftList', additionalProperties: false },
);
export type DraftList = Static<typeof DraftList>;

export const ProcessBudget = Type.Object(
  {
    used: Type.Number(),
    limit: Type.Number(),
    scale: StringEnum(['working_minutes', ...durationUnits] as const),
  },
  { title: 'ProcessBudget', additionalProperties: false },
);

export const ProcessView = Type.Object(
  {
    agency: CodeName,
    steps: Type.Array(ProcessStep),
    version: Type.Integer(),
    budget: ProcessBudget,
    updatedAt: Type.String(),
  },
  { title: 'Process', additionalProperties: false },
);
export type ProcessView = Static<typeof ProcessView>;

export const ProcessList = Type.Object(
  { items: Type.Array(ProcessView) },
  { title: 'ProcessList', additionalProperties: false },
);
export type ProcessList = Static<typeof ProcessList>;

export const FormTemplateInfo = Type.Object(
  {
    id: Type.Integer(),
    fileName: Type.String(),
    mediaType: Type.String(),
    size: Type.Integer(),
    sha256: Type.String(),
  },
  { title: 'FormTemplateInfo', additionalProperties: false },
);
export type FormTemplateInfo = Static<typeof FormTemplateInfo>;

export const CatalogImportResult = Type.Object(
  {
    created: Type.Integer(),
    updated: Type.Integer(),
    unchanged: Type.Integer(),
    processes: Type.Integer(),
  },
  { title: 'CatalogImportResult', additionalProperties: false },
);
export type CatalogImportResult = Static<typeof CatalogImportResult>;

// ——— Request bodies ———

const Note = Type.Optional(Type.String({ maxLength: 2000 }));

export const CreateProcedureBody = Type.Object(
  { code: ProcedureCode, content: ProcedureContent, note: Note },
  { title: 'CreateProcedure', additionalProperties: false },
);
export type CreateProcedureBody = Static<typeof CreateProcedureBody>;

export const SaveDraftBody = Type.Object(
  {
    version: Type.Integer({ minimum: 1, description: 'The procedure’s lockVersion as read' }),
    content: ProcedureContent,
    note: Note,
  },
  { title: 'SaveDraft', additionalProperties: false },
);
export type SaveDraftBody = Static<typeof SaveDraftBody>;

export const PublishBody = Type.Object(
  { version: Type.Integer({ minimum: 1 }), effectiveFrom: IsoDate, note: Note },
  { title: 'Publish', additionalProperties: false },
);
export type PublishBody = Static<typeof PublishBody>;

export const SetProcessBody = Type.Object(
  {
    version: Type.Optional(
      Type.Integer({ minimum: 0, description: 'The process version as read; omit or 0 to create' }),
    ),
    steps: Type.Array(ProcessStep, { minItems: 1, maxItems: 50 }),
  },
  { title: 'SetProcess', additionalProperties: false },
);
export type SetProcessBody = Static<typeof SetProcessBody>;

// ——— Fields (lĩnh vực) ———

export const MAX_FIELD_NAME = 200;
export const FieldCode = Type.String({
  pattern: FIELD_CODE_PATTERN,
  description: 'Field (lĩnh vực) code: 2–30 capital letters, digits or underscores',
  examples: ['HO_TICH'],
});
export const FieldName = Type.String({ minLength: 1, maxLength: MAX_FIELD_NAME, pattern: '\\S' });

export const ProcedureField = Type.Object(
  { code: Type.String(), name: Type.String() },
  { title: 'ProcedureField', additionalProperties: false },
);
export type ProcedureField = Static<typeof ProcedureField>;

export const ProcedureFieldList = Type.Object(
  { items: Type.Array(ProcedureField) },
  { title: 'ProcedureFieldList', additionalProperties: false },
);
export type ProcedureFieldList = Static<typeof ProcedureFieldList>;

export const CreateFieldBody = Type.Object(
  { code: FieldCode, name: FieldName },
  { title: 'CreateProcedureField', additionalProperties: false },
);
export const UpdateFieldBody = Type.Object(
  { code: Type.Optional(FieldCode), name: Type.Optional(FieldName) },
  { title: 'UpdateProcedureField', additionalProperties: false, minProperties: 1 },
);
