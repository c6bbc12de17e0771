/**
 * Whether a procedure's content may be published: the sections a published procedure must state
 * (NĐ 63/2010 Art. 8: steps, methods, components, deadline, applicants, implementing agency, result, fees,
 * legal basis) and the agreement between its parts (a method's deadline is the procedure's or one of its
 * case variants'; a method's fee is one the procedure or a case lists). The schema accepts a draft with
 * gaps so that it can be saved while being written; publication asks for this check to pass.
 *
 * Every problem is reported, each at its path inside the content, with the field's label, so that an
 * editor can show the whole list at once and lead to each field. Pure: no I/O.
 */
import { formatDuration } from './budget.ts';
import type { Duration, Fee, MethodKind, ProcedureContent } from './model.ts';

export type ProblemSeverity = 'error' | 'warning';

export interface ContentProblem {
  /** Path inside the content, e.g. `methods/0/deadline`. */
  path: string;
  /** The field as the editor names it, e.g. "Cách thức thực hiện 1 › Thời hạn". */
  label: { vi: string; en: string };
  /** Errors refuse publication; warnings are shown beside them but do not. */
  severity: ProblemSeverity;
  vi: string;
  en: string;
}

const segmentLabels: Record<string, { vi: string; en: string }> = {
  name: { vi: 'Tên', en: 'Name' },
  agencies: { vi: 'Cơ quan thực hiện', en: 'Implementing agencies' },
  decision: { vi: 'Quyết định công bố', en: 'Publishing decision' },
  steps: { vi: 'Trình tự thực hiện', en: 'Sequence of steps' },
  methods: { vi: 'Cách thức thực hiện', en: 'Method' },
  components: { vi: 'Thành phần hồ sơ', en: 'Dossier component' },
  deadline: { vi: 'Thời hạn giải quyết', en: 'Deadline' },
  fees: { vi: 'Phí, lệ phí', en: 'Fee' },
  applicants: { vi: 'Đối tượng thực hiện', en: 'Applicants' },
  result: { vi: 'Kết quả thực hiện', en: 'Result' },
  description: { vi: 'Tên kết quả', en: 'Result name' },
  legalBasis: { vi: 'Căn cứ pháp lý', en: 'Legal basis' },
  onlineLevel: { vi: 'Mức độ dịch vụ công trực tuyến', en: 'Online level' },
  fullOnlineEligible: { vi: 'Đủ điều kiện toàn trình', en: 'Eligible for full online service' },
  cases: { vi: 'Trường hợp', en: 'Case' },
  amountVnd: { vi: 'Số tiền', en: 'Amount' },
  note: { vi: 'Ghi chú', en: 'Note' },
  formTemplateId: { vi: 'Mẫu đơn, tờ khai', en: 'Form template' },
  kind: { vi: 'Hình thức', en: 'Kind' },
  date: { vi: 'Ngày ban hành', en: 'Date' },
};

/** "methods/0/deadline" → "Cách thức thực hiện 1 › Thời hạn giải quyết": list items are numbered from 1. */
export function contentPathLabel(path: string): { vi: string; en: string } {
  const vi: string[] = [];
  const en: string[] = [];
  for (const seg of path.split('/').filter(Boolean)) {
    if (/^\d+$/.test(seg) && vi.length > 0) {
      vi[vi.length - 1] += ` ${Number(seg) + 1}`;
      en[en.length - 1] += ` ${Number(seg) + 1}`;
    } else {
      const l = segmentLabels[seg] ?? { vi: seg, en: seg };
      vi.push(l.vi);
      en.push(l.en);
    }
  }
  return { vi: vi.join(' › '), en: en.join(' › ') };
}

const methodNames: Record<MethodKind, { vi: string; en: string }> = {
  in_person: { vi: 'Nộp trực tiếp', en: 'In person' },
  postal: { vi: 'Qua bưu chính công ích', en: 'By post' },
  online: { vi: 'Trực tuyến', en: 'Online' },
};

/** Working hours and working days are one scale (8 hours a day); other units compare as written. */
function sameDuration(a: Duration, b: Duration): boolean {
  const minutes = (d: Duration) =>
    d.unit === 'working_days' ? d.amount * 480 : d.unit === 'working_hours' ? d.amount * 60 : undefined;
  const ma = minutes(a);
  const mb = minutes(b);
  if (ma !== undefined && mb !== undefined) return Math.abs(ma - mb) < 1e-9;
  return a.unit === b.unit && a.amount === b.amount;
}

const blank = (s: string | undefined) => !s || s.trim() === '';
const feeKey = (name: string) => name.trim().toLocaleLowerCase('vi').replace(/\s+/g, ' ');

export function checkPublishable(content: ProcedureContent): ContentProblem[] {
  const problems: ContentProblem[] = [];
  const add = (path: string, severity: ProblemSeverity, vi: string, en: string) =>
    problems.push({ path, label: contentPathLabel(path), severity, vi, en });
  const error = (path: string, vi: string, en: string) => add(path, 'error', vi, en);

  // Sections every published procedure states.
  if (content.agencies.length === 0) {
    error('agencies', 'Chưa có cơ quan thực hiện.', 'No implementing agency is given.');
  }
  if (blank(content.steps)) {
    error('steps', 'Chưa có trình tự thực hiện.', 'The sequence of steps is empty.');
  }
  if (blank(content.applicants)) {
    error('applicants', 'Chưa ghi đối tượng thực hiện.', 'Who may file (applicants) is not given.');
  }
  if (content.legalBasis.length === 0) {
    error('legalBasis', 'Chưa có căn cứ pháp lý.', 'No legal basis is given.');
  }
  if (blank(content.result.description)) {
    error(
      'result/description',
      'Chưa ghi tên kết quả thực hiện thủ tục.',
      'The name of the result (what the applicant receives) is not given.',
    );
  }
  if (!content.result.paper && !content.result.electronic) {
    error(
      'result',
      'Chưa chọn hình thức kết quả (bản giấy hoặc bản điện tử).',
      'Choose how the result is issued (paper or electronic).',
    );
  }
  if (content.components.length === 0 && content.cases.every((c) => c.components.length === 0)) {
    error('components', 'Chưa có thành phần hồ sơ.', 'No dossier component is listed.');
  }
  if (content.decision === null) {
    add(
      'decision',
      'warning',
      'Chưa ghi quyết định công bố thủ tục.',
      'The decision publishing this procedure is not given.',
    );
  }

  // Methods agree with the deadlines and fees stated elsewhere.
  if (content.methods.length === 0) {
    error(
      'methods',
      'Chưa có cách thức thực hiện (trực tiếp, bưu chính công ích hoặc trực tuyến).',
      'No method of filing (in person, by post or online) is given.',
    );
  }
  const deadlines = [content.deadline, ...content.cases.map((c) => c.deadline)];
  const listedFees = [content.fees, ...content.cases.map((c) => c.fees)].flat();
  content.methods.forEach((m, i) => {
    const method = methodNames[m.kind];
    if (!deadlines.some((d) => sameDuration(d, m.deadline))) {
      const cases = content.cases.length > 0;
      error(
        `methods/${i}/deadline`,
        `Thời hạn của cách thức "${method.vi}" (${formatDuration(m.deadline, 'vi')}) khác thời hạn giải quyết ` +
          `của thủ tục (${formatDuration(content.deadline, 'vi')})` +
          (cases ? ' và không trùng thời hạn của trường hợp nào.' : '.'),
        `The deadline of the method "${method.en}" (${formatDuration(m.deadline, 'en')}) differs from the ` +
          `procedure's deadline (${formatDuration(content.deadline, 'en')})` +
          (cases ? ' and from every case variant’s.' : '.'),
      );
    }
    m.fees.forEach((f, j) => {
      // A method may charge less (a reduced fee online), never a fee the procedure does not state.
      const same = listedFees.filter((l) => feeKey(l.name) === feeKey(f.name));
      const max = same.some((l) => l.amountVnd === null)
        ? Infinity
        : Math.max(-1, ...same.map((l) => l.amountVnd ?? 0));
      if (same.length === 0) {
        error(
          `methods/${i}/fees/${j}/name`,
          `Khoản "${f.name}" của cách thức "${method.vi}" không có trong phí, lệ phí của thủ tục hay của trường hợp nào.`,
          `The fee "${f.name}" of the method "${method.en}" is listed neither among the procedure's fees nor any case's.`,
        );
      } else if (f.amountVnd !== null && f.amountVnd > max) {
        error(
          `methods/${i}/fees/${j}/amountVnd`,
          `Khoản "${f.name}" của cách thức "${method.vi}" (${f.amountVnd} đồng) cao hơn mức thủ tục công bố (${max} đồng).`,
          `The fee "${f.name}" of the method "${method.en}" (${f.amountVnd} VND) is higher than the procedure states (${max} VND).`,
        );
      }
    });
  });
  if (content.fullOnlineEligible && !content.methods.some((m) => m.kind === 'online')) {
    error(
      'fullOnlineEligible',
      'Thủ tục đủ điều kiện toàn trình phải có cách thức thực hiện trực tuyến.',
      'A procedure eligible for full online service needs an online method.',
    );
  }

  // Fees say how much, or how it is computed.
  const checkFees = (fees: readonly Fee[], path: string) => {
    const seen = new Set<string>();
    fees.forEach((f, j) => {
      if (f.amountVnd === null && blank(f.note)) {
        error(
          `${path}/${j}/note`,
          `Khoản "${f.name}" không có số tiền cố định: ghi cách tính vào ghi chú.`,
          `The fee "${f.name}" has no fixed amount: say in its note how it is computed.`,
        );
      }
      const key = feeKey(f.name);
      if (seen.has(key)) {
        error(
          `${path}/${j}/name`,
          `Khoản "${f.name}" được ghi hai lần.`,
          `The fee "${f.name}" is listed twice.`,
        );
      }
      seen.add(key);
    });
  };
  checkFees(content.fees, 'fees');
  content.methods.forEach((m, i) => checkFees(m.fees, `methods/${i}/fees`));
  content.cases.forEach((c, i) => checkFees(c.fees, `cases/${i}/fees`));

  // Case variants are told apart by their names.
  const caseNames = new Set<string>();
  content.cases.forEach((c, i) => {
    const key = feeKey(c.name);
    if (caseNames.has(key)) {
      error(`cases/${i}/name`, 'Hai trường hợp trùng tên.', 'Two case variants have the same name.');
    }
    caseNames.add(key);
  });
  return problems;
}
