/**
 * Procedure content for tests that create or edit procedures: plain data, importing nothing, so that any
 * test project may use it.
 */

/**
 * A sound provincial procedure of Sở Tư pháp ("Cấp bản sao văn bằng, chứng chỉ từ sổ gốc", 3 working days,
 * one fee). Its in-person method states the procedure's deadline, `over.deadline` if given (publication
 * refuses a contradiction); `over` replaces any other field.
 */
export const procedureContent = (over: Record<string, unknown> = {}) => ({
  methods: [{ kind: 'in_person', deadline: over.deadline ?? { amount: 3, unit: 'working_days' }, fees: [] }],
  name: 'Cấp bản sao văn bằng, chứng chỉ từ sổ gốc',
  field: 'CHUNG_THUC',
  level: 'province',
  agencies: ['000.00.09.H20'],
  decision: { number: '99/QĐ-UBND', date: '2025-08-01', issuer: 'Chủ tịch UBND tỉnh' },
  steps: 'Bước 1: Nộp hồ sơ. Bước 2: Nhận kết quả.',
  components: [
    {
      name: 'Đơn đề nghị',
      required: true,
      originals: 1,
      copies: 0,
      formTemplateId: null,
      fromNationalDb: false,
    },
  ],
  deadline: { amount: 3, unit: 'working_days' },
  fees: [{ name: 'Phí', amountVnd: 10000 }],
  applicants: 'Cá nhân',
  result: { description: 'Bản sao', paper: true, electronic: false },
  requirements: 'Không',
  legalBasis: [{ number: '23/2015/NĐ-CP', date: '2015-02-16', issuer: 'Chính phủ' }],
  onlineLevel: 'partial',
  fullOnlineEligible: false,
  notBoundToBoundary: false,
  cases: [],
  ...over,
});

/**
 * A free in-person procedure of Sở Tư pháp (5 working days, one form) whose dossiers are closed when a
 * requested supplement has not come within 5 working days.
 */
export const closingContent = (name: string) => ({
  name,
  field: 'LY_LICH_TU_PHAP',
  level: 'province',
  agencies: ['000.00.09.H20'],
  decision: null,
  steps: 'Bước 1: Nộp hồ sơ. Bước 2: Nhận kết quả.',
  methods: [{ kind: 'in_person', deadline: { amount: 5, unit: 'working_days' }, fees: [] }],
  components: [
    {
      name: 'Tờ khai',
      required: true,
      originals: 1,
      copies: 0,
      formTemplateId: null,
      fromNationalDb: false,
    },
  ],
  deadline: { amount: 5, unit: 'working_days' },
  fees: [],
  applicants: 'Cá nhân',
  result: { description: 'Văn bản', paper: true, electronic: false },
  requirements: 'Không',
  // A published procedure states its legal basis (publication refuses one without).
  legalBasis: [{ number: '41/2009/QH12', date: '2009-06-17', issuer: 'Quốc hội' }],
  onlineLevel: 'partial',
  fullOnlineEligible: false,
  notBoundToBoundary: false,
  cases: [],
  closeUnsuppliedAfter: { amount: 5, unit: 'working_days' },
});
