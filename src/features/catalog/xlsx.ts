/**
 * The Excel form of a catalog file: one sheet per kind of row (procedures, dossier components, internal
 * processes, and optional case variants, methods, fees and legal basis), row 1 holding the headers.
 * Reading keeps, for every value, the cell it came from, so errors found later (schema, references,
 * budgets) are reported with sheet, row and column.
 */
import type ExcelJS from 'exceljs';

// exceljs takes ~0.45 s to load; only imports and exports need it, so start-up does not pay for it.
async function loadExcel(): Promise<typeof ExcelJS> {
  return (await import('exceljs')).default;
}
import type { ErrorCode } from '../../domain/errors.ts';
import type { durationUnits, methodKinds, onlineLevels } from '../../domain/catalog/model.ts';
import {
  procedureLevels,
  procedureLevelNames,
  stepRoleNames,
  stepRoles,
} from '../../domain/catalog/model.ts';
import { foldForSearch } from '../../domain/catalog/search-text.ts';
import type { CatalogFile } from './catalog-file.ts';

export interface CellLocation {
  sheet: string;
  row: number | null;
  column: string | null;
}
export interface CellIssue extends CellLocation {
  code: ErrorCode;
  vi: string;
  en: string;
}

type Kind = 'text' | 'number' | 'int' | 'date' | 'bool' | 'enum' | 'list';
interface Col {
  key: string;
  header: string;
  kind: Kind;
  /** code → Vietnamese label, for enums */
  labels?: Record<string, string>;
  width?: number;
}
interface SheetSpec {
  key: 'procedures' | 'components' | 'processes' | 'cases' | 'methods' | 'fees' | 'legal';
  name: string;
  required: boolean;
  cols: Col[];
}

const unitLabels: Record<(typeof durationUnits)[number], string> = {
  working_hours: 'giờ làm việc',
  working_days: 'ngày làm việc',
  calendar_days: 'ngày',
  months: 'tháng',
};
const levelLabels = Object.fromEntries(procedureLevels.map((l) => [l, procedureLevelNames[l].vi]));
const onlineLabels: Record<(typeof onlineLevels)[number], string> = {
  full: 'Toàn trình',
  partial: 'Một phần',
};
const methodLabels: Record<(typeof methodKinds)[number], string> = {
  in_person: 'Trực tiếp',
  postal: 'Bưu chính',
  online: 'Trực tuyến',
};
const roleLabels = Object.fromEntries(stepRoles.map((r) => [r, stepRoleNames[r].vi]));

const codeCol: Col = { key: 'code', header: 'Mã thủ tục', kind: 'text', width: 16 };

export const SHEETS: SheetSpec[] = [
  {
    key: 'procedures',
    name: 'Thủ tục',
    required: true,
    cols: [
      codeCol,
      { key: 'effectiveFrom', header: 'Ngày hiệu lực', kind: 'date', width: 14 },
      { key: 'name', header: 'Tên thủ tục', kind: 'text', width: 50 },
      { key: 'field', header: 'Mã lĩnh vực', kind: 'text', width: 18 },
      { key: 'level', header: 'Cấp thực hiện', kind: 'enum', labels: levelLabels, width: 12 },
      { key: 'agencies', header: 'Cơ quan thực hiện', kind: 'list', width: 18 },
      { key: 'decisionNumber', header: 'Số quyết định công bố', kind: 'text', width: 18 },
      { key: 'decisionDate', header: 'Ngày quyết định', kind: 'date', width: 14 },
      { key: 'decisionIssuer', header: 'Cơ quan ban hành quyết định', kind: 'text', width: 20 },
      { key: 'decisionTitle', header: 'Trích yếu quyết định', kind: 'text', width: 30 },
      { key: 'deadlineAmount', header: 'Thời hạn giải quyết', kind: 'number', width: 10 },
      { key: 'deadlineUnit', header: 'Đơn vị thời hạn', kind: 'enum', labels: unitLabels, width: 14 },
      { key: 'onlineLevel', header: 'Mức độ DVC trực tuyến', kind: 'enum', labels: onlineLabels, width: 12 },
      { key: 'fullOnlineEligible', header: 'Đủ điều kiện toàn trình', kind: 'bool', width: 10 },
      { key: 'notBoundToBoundary', header: 'Không phụ thuộc địa giới hành chính', kind: 'bool', width: 10 },
      { key: 'steps', header: 'Trình tự thực hiện', kind: 'text', width: 40 },
      { key: 'applicants', header: 'Đối tượng thực hiện', kind: 'text', width: 30 },
      { key: 'resultDescription', header: 'Kết quả thực hiện', kind: 'text', width: 30 },
      { key: 'resultPaper', header: 'Kết quả bản giấy', kind: 'bool', width: 10 },
      { key: 'resultElectronic', header: 'Kết quả điện tử', kind: 'bool', width: 10 },
      { key: 'requirements', header: 'Yêu cầu, điều kiện', kind: 'text', width: 30 },
    ],
  },
  {
    key: 'components',
    name: 'Thành phần hồ sơ',
    required: true,
    cols: [
      codeCol,
      { key: 'caseNo', header: 'Trường hợp số', kind: 'int', width: 10 },
      { key: 'name', header: 'Tên giấy tờ', kind: 'text', width: 60 },
      { key: 'required', header: 'Bắt buộc', kind: 'bool', width: 10 },
      { key: 'originals', header: 'Số bản chính', kind: 'int', width: 10 },
      { key: 'copies', header: 'Số bản sao', kind: 'int', width: 10 },
      { key: 'formTemplateId', header: 'Mã mẫu đơn', kind: 'int', width: 10 },
      { key: 'fromNationalDb', header: 'Khai thác từ CSDL quốc gia', kind: 'bool', width: 10 },
      { key: 'note', header: 'Ghi chú', kind: 'text', width: 30 },
    ],
  },
  {
    key: 'processes',
    name: 'Quy trình nội bộ',
    required: true,
    cols: [
      codeCol,
      { key: 'agency', header: 'Cơ quan', kind: 'text', width: 16 },
      { key: 'role', header: 'Vai trò', kind: 'enum', labels: roleLabels, width: 16 },
      { key: 'description', header: 'Nội dung công việc', kind: 'text', width: 40 },
      { key: 'unit', header: 'Phòng, đơn vị', kind: 'text', width: 30 },
      { key: 'cooperatingAgency', header: 'Cơ quan phối hợp', kind: 'text', width: 16 },
      { key: 'budgetAmount', header: 'Thời gian', kind: 'number', width: 10 },
      { key: 'budgetUnit', header: 'Đơn vị thời gian', kind: 'enum', labels: unitLabels, width: 14 },
      { key: 'parallelGroup', header: 'Nhóm song song', kind: 'text', width: 10 },
      { key: 'branch', header: 'Nhánh', kind: 'text', width: 10 },
    ],
  },
  {
    key: 'cases',
    name: 'Trường hợp',
    required: false,
    cols: [
      codeCol,
      { key: 'caseNo', header: 'Trường hợp số', kind: 'int', width: 10 },
      { key: 'name', header: 'Tên trường hợp', kind: 'text', width: 50 },
      { key: 'deadlineAmount', header: 'Thời hạn giải quyết', kind: 'number', width: 10 },
      { key: 'deadlineUnit', header: 'Đơn vị thời hạn', kind: 'enum', labels: unitLabels, width: 14 },
    ],
  },
  {
    key: 'methods',
    name: 'Cách thức thực hiện',
    required: false,
    cols: [
      codeCol,
      { key: 'kind', header: 'Hình thức nộp', kind: 'enum', labels: methodLabels, width: 14 },
      { key: 'deadlineAmount', header: 'Thời hạn giải quyết', kind: 'number', width: 10 },
      { key: 'deadlineUnit', header: 'Đơn vị thời hạn', kind: 'enum', labels: unitLabels, width: 14 },
      { key: 'note', header: 'Mô tả', kind: 'text', width: 40 },
    ],
  },
  {
    key: 'fees',
    name: 'Phí, lệ phí',
    required: false,
    cols: [
      codeCol,
      { key: 'appliesTo', header: 'Áp dụng cho', kind: 'text', width: 14 },
      { key: 'name', header: 'Tên phí, lệ phí', kind: 'text', width: 40 },
      { key: 'amountVnd', header: 'Mức thu (đồng)', kind: 'int', width: 14 },
      { key: 'note', header: 'Ghi chú', kind: 'text', width: 40 },
    ],
  },
  {
    key: 'legal',
    name: 'Căn cứ pháp lý',
    required: false,
    cols: [
      codeCol,
      { key: 'number', header: 'Số, ký hiệu', kind: 'text', width: 20 },
      { key: 'date', header: 'Ngày ban hành', kind: 'date', width: 14 },
      { key: 'issuer', header: 'Cơ quan ban hành', kind: 'text', width: 20 },
      { key: 'title', header: 'Trích yếu', kind: 'text', width: 60 },
    ],
  },
];
const GUIDE_SHEET = 'Hướng dẫn';
const spec = (key: SheetSpec['key']) => SHEETS.find((s) => s.key === key)!;

// ---------------------------------------------------------------- writing

function isoToExcel(date: string): Date {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y!, m! - 1, d));
}

type RowValue = string | number | boolean | null | undefined;

function cellOf(col: Col, value: RowValue): ExcelJS.CellValue {
  if (value === null || value === undefined) return null;
  switch (col.kind) {
    case 'date':
      return isoToExcel(String(value));
    case 'bool':
      return value ? 'Có' : 'Không';
    case 'enum':
      return col.labels?.[String(value)] ?? String(value);
    case 'text':
    case 'number':
    case 'int':
    case 'list':
      return value;
  }
}

function addSheet(wb: ExcelJS.Workbook, s: SheetSpec, rows: Record<string, RowValue>[]): void {
  const ws = wb.addWorksheet(s.name, { views: [{ state: 'frozen', ySplit: 1 }] });
  ws.columns = s.cols.map((c) => ({ header: c.header, key: c.key, width: c.width ?? 14 }));
  ws.getRow(1).font = { bold: true };
  s.cols.forEach((c, i) => {
    if (c.kind === 'date') ws.getColumn(i + 1).numFmt = 'dd/mm/yyyy';
  });
  for (const r of rows) ws.addRow(s.cols.map((c) => cellOf(c, r[c.key])));
}

function guide(wb: ExcelJS.Workbook): void {
  const ws = wb.addWorksheet(GUIDE_SHEET);
  ws.getColumn(1).width = 120;
  const lines = [
    'Mẫu nhập danh mục thủ tục hành chính (motcua). Không đổi tên sheet và tiêu đề cột; không gộp ô, không dùng công thức.',
    'Ngày nhập ở ô kiểu ngày (Date), không nhập dạng văn bản. Có/Không cho các cột đúng/sai.',
    `Đơn vị thời hạn: ${Object.values(unitLabels).join(', ')}. Cấp thực hiện: ${Object.values(levelLabels).join(', ')}.`,
    `Mức độ DVC trực tuyến: ${Object.values(onlineLabels).join(', ')}. Hình thức nộp: ${Object.values(methodLabels).join(', ')}.`,
    `Vai trò trong quy trình: ${Object.values(roleLabels).join(', ')}.`,
    'Cơ quan thực hiện: mã định danh cơ quan (QCVN 102), nhiều cơ quan cách nhau bằng dấu chấm phẩy.',
    'Thành phần hồ sơ, phí: để trống "Trường hợp số" khi áp dụng chung cho thủ tục. "Áp dụng cho" của phí: để trống (thủ tục), số trường hợp, hoặc hình thức nộp.',
    'Quy trình nội bộ: các bước theo thứ tự dòng; các bước liền nhau cùng "Nhóm song song" chạy song song (tính nhánh dài nhất).',
    'Toàn bộ tệp được kiểm tra trước; có lỗi thì không nhập dữ liệu nào. Nhập lại cùng một tệp không thay đổi gì.',
  ];
  for (const l of lines) ws.addRow([l]);
}

export async function writeWorkbook(doc: CatalogFile): Promise<Buffer> {
  const wb = new (await loadExcel()).Workbook();
  wb.creator = 'motcua';
  const rows: Record<SheetSpec['key'], Record<string, RowValue>[]> = {
    procedures: [],
    components: [],
    processes: [],
    cases: [],
    methods: [],
    fees: [],
    legal: [],
  };
  for (const e of doc.procedures) {
    const c = e.content;
    const code = e.code;
    rows.procedures.push({
      code,
      effectiveFrom: e.effectiveFrom,
      name: c.name,
      field: c.field,
      level: c.level,
      agencies: c.agencies.join('; '),
      decisionNumber: c.decision?.number,
      decisionDate: c.decision?.date,
      decisionIssuer: c.decision?.issuer,
      decisionTitle: c.decision?.title,
      deadlineAmount: c.deadline.amount,
      deadlineUnit: c.deadline.unit,
      onlineLevel: c.onlineLevel,
      fullOnlineEligible: c.fullOnlineEligible,
      notBoundToBoundary: c.notBoundToBoundary,
      steps: c.steps,
      applicants: c.applicants,
      resultDescription: c.result.description,
      resultPaper: c.result.paper,
      resultElectronic: c.result.electronic,
      requirements: c.requirements,
    });
    const component = (caseNo: number | null) => (x: (typeof c.components)[number]) =>
      rows.components.push({ code, caseNo, ...x, note: x.note });
    const fee = (appliesTo: string | null) => (f: (typeof c.fees)[number]) =>
      rows.fees.push({ code, appliesTo, name: f.name, amountVnd: f.amountVnd, note: f.note });
    c.components.forEach(component(null));
    c.fees.forEach(fee(null));
    c.cases.forEach((k, i) => {
      rows.cases.push({
        code,
        caseNo: i + 1,
        name: k.name,
        deadlineAmount: k.deadline.amount,
        deadlineUnit: k.deadline.unit,
      });
      k.components.forEach(component(i + 1));
      k.fees.forEach(fee(String(i + 1)));
    });
    for (const m of c.methods) {
      rows.methods.push({
        code,
        kind: m.kind,
        deadlineAmount: m.deadline.amount,
        deadlineUnit: m.deadline.unit,
        note: m.note,
      });
      m.fees.forEach(fee(methodLabels[m.kind]));
    }
    for (const d of c.legalBasis) rows.legal.push({ code, ...d });
    for (const p of e.processes) {
      for (const s of p.steps) {
        rows.processes.push({
          code,
          agency: p.agency,
          role: s.role,
          description: s.description,
          unit: s.unit,
          cooperatingAgency: s.cooperatingAgency,
          budgetAmount: s.budget.amount,
          budgetUnit: s.budget.unit,
          parallelGroup: s.parallelGroup,
          branch: s.branch,
        });
      }
    }
  }
  for (const s of SHEETS) addSheet(wb, s, rows[s.key]);
  guide(wb);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

export async function templateWorkbook(): Promise<Buffer> {
  return writeWorkbook({ format: 'motcua-catalog', formatVersion: 1, procedures: [] });
}

// ---------------------------------------------------------------- reading

interface Read {
  value?: unknown;
  problem?: { vi: string; en: string };
}

function plain(v: ExcelJS.CellValue): unknown {
  if (v && typeof v === 'object' && !(v instanceof Date)) {
    if ('richText' in v) return v.richText.map((t) => t.text).join('');
    if ('text' in v && typeof v.text === 'string') return v.text;
  }
  return v;
}

/** Text of a cell value read from a sheet (strings, numbers, booleans; anything else is empty). */
function cellText(v: unknown): string {
  return typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' ? String(v) : '';
}

function truthy(text: string): boolean | undefined {
  const t = foldForSearch(text);
  if (['co', 'x', 'true', 'yes', '1', 'dung'].includes(t)) return true;
  if (['khong', '', 'false', 'no', '0', 'sai'].includes(t)) return false;
  return undefined;
}

function readCell(cell: ExcelJS.Cell, col: Col): Read {
  const raw = cell.value;
  if (cell.isMerged) {
    return { problem: { vi: 'Ô bị gộp (merge); hãy bỏ gộp ô.', en: 'Merged cell; unmerge it.' } };
  }
  if (raw && typeof raw === 'object' && !(raw instanceof Date)) {
    if ('formula' in raw || 'sharedFormula' in raw) {
      return {
        problem: {
          vi: 'Ô chứa công thức; hãy dán giá trị (Paste Values).',
          en: 'The cell holds a formula; paste its value instead.',
        },
      };
    }
    if ('error' in raw) return { problem: { vi: 'Ô chứa lỗi Excel.', en: 'The cell holds an Excel error.' } };
  }
  const v = plain(raw);
  const empty = v === null || v === undefined || (typeof v === 'string' && v.trim() === '');
  switch (col.kind) {
    case 'text':
      if (empty) return { value: '' };
      if (v instanceof Date)
        return { problem: { vi: 'Phải là văn bản, không phải ngày.', en: 'Must be text, not a date.' } };
      return { value: cellText(v).trim() };
    case 'list':
      if (empty) return { value: [] };
      return {
        value: cellText(v)
          .split(/[;,\n]/)
          .map((x) => x.trim())
          .filter(Boolean),
      };
    case 'number':
    case 'int': {
      if (empty) return {};
      let n: number | undefined;
      if (typeof v === 'number') n = v;
      else if (typeof v === 'string' && /^\s*\d+([.,]\d+)?\s*$/.test(v))
        n = Number(v.trim().replace(',', '.'));
      if (n === undefined || !Number.isFinite(n) || (col.kind === 'int' && !Number.isInteger(n))) {
        return {
          problem:
            col.kind === 'int'
              ? { vi: 'Phải là số nguyên.', en: 'Must be a whole number.' }
              : { vi: 'Phải là số.', en: 'Must be a number.' },
        };
      }
      return { value: n };
    }
    case 'date':
      if (empty) return { value: null };
      if (v instanceof Date && !Number.isNaN(v.getTime())) return { value: v.toISOString().slice(0, 10) };
      return {
        problem: {
          vi: 'Phải là ô kiểu ngày (Date); ngày nhập dạng văn bản hoặc số không được chấp nhận.',
          en: 'Must be a date cell; dates typed as text or numbers are not accepted.',
        },
      };
    case 'bool': {
      if (typeof v === 'boolean') return { value: v };
      const b = empty ? false : truthy(cellText(v));
      return b === undefined
        ? { problem: { vi: 'Phải là Có hoặc Không.', en: 'Must be Có (yes) or Không (no).' } }
        : { value: b };
    }
    case 'enum': {
      if (empty) return {};
      const t = foldForSearch(cellText(v));
      const labels = col.labels ?? {};
      const hit = Object.keys(labels).find((k) => foldForSearch(k) === t || foldForSearch(labels[k]!) === t);
      if (hit) return { value: hit };
      return {
        problem: {
          vi: `Phải là một trong: ${Object.values(labels).join(', ')}.`,
          en: `Must be one of: ${Object.keys(labels).join(', ')}.`,
        },
      };
    }
  }
}

type Entry = {
  code: unknown;
  effectiveFrom: unknown;
  content: Record<string, unknown> & {
    components: unknown[];
    cases: { fees: unknown[]; components: unknown[] }[];
    methods: { kind?: unknown; fees: unknown[] }[];
    fees: unknown[];
    legalBasis: unknown[];
  };
  processes: { agency: unknown; steps: unknown[] }[];
};

export interface ReadResult {
  doc: { format: string; formatVersion: number; procedures: Entry[] };
  issues: CellIssue[];
  /** The cell a path of the document came from (the nearest mapped ancestor). */
  locate: (path: string) => CellLocation | undefined;
}

function colLetter(index: number): string {
  let n = index;
  let s = '';
  while (n > 0) {
    const m = (n - 1) % 26;
    s = String.fromCharCode(65 + m) + s;
    n = Math.floor((n - 1) / 26);
  }
  return s;
}

export async function readWorkbook(data: Buffer): Promise<ReadResult> {
  const wb = new (await loadExcel()).Workbook();
  const issues: CellIssue[] = [];
  const locations = new Map<string, CellLocation>();
  const doc: ReadResult['doc'] = { format: 'motcua-catalog', formatVersion: 1, procedures: [] };
  const locate = (path: string): CellLocation | undefined => {
    const parts = path.split('/');
    for (let n = parts.length; n > 0; n--) {
      const hit = locations.get(parts.slice(0, n).join('/'));
      if (hit) return hit;
    }
    return undefined;
  };
  try {
    // exceljs's types want its own Buffer flavour.
    await wb.xlsx.load(data as unknown as ArrayBuffer);
  } catch {
    issues.push({
      sheet: '',
      row: null,
      column: null,
      code: 'INVALID_SPREADSHEET',
      vi: 'Không đọc được tệp Excel (.xlsx).',
      en: 'The file cannot be read as an Excel (.xlsx) workbook.',
    });
    return { doc, issues, locate };
  }
  const known = new Set([...SHEETS.map((s) => s.name), GUIDE_SHEET]);
  for (const ws of wb.worksheets) {
    if (!known.has(ws.name)) {
      issues.push({
        sheet: ws.name,
        row: null,
        column: null,
        code: 'INVALID_SPREADSHEET',
        vi: `Sheet "${ws.name}" không có trong mẫu (các sheet: ${SHEETS.map((s) => s.name).join(', ')}).`,
        en: `Sheet "${ws.name}" is not part of the template.`,
      });
    }
  }

  type RowData = { row: number; values: Record<string, unknown>; cols: Record<string, string> };
  const sheetRows = (s: SheetSpec): RowData[] => {
    const ws = wb.getWorksheet(s.name);
    if (!ws) {
      if (s.required) {
        issues.push({
          sheet: s.name,
          row: null,
          column: null,
          code: 'INVALID_SPREADSHEET',
          vi: `Thiếu sheet "${s.name}".`,
          en: `The sheet "${s.name}" is missing.`,
        });
      }
      return [];
    }
    const headerIndex = new Map<string, number>();
    ws.getRow(1).eachCell((cell, colNumber) => {
      const text = foldForSearch(cellText(plain(cell.value)));
      const col = s.cols.find((c) => foldForSearch(c.header) === text || foldForSearch(c.key) === text);
      if (col) headerIndex.set(col.key, colNumber);
      else if (text) {
        issues.push({
          sheet: s.name,
          row: 1,
          column: colLetter(colNumber),
          code: 'INVALID_SPREADSHEET',
          vi: `Cột "${cellText(plain(cell.value))}" không có trong mẫu.`,
          en: `Column "${cellText(plain(cell.value))}" is not part of the template.`,
        });
      }
    });
    const missing = s.cols.filter((c) => !headerIndex.has(c.key));
    for (const c of missing) {
      issues.push({
        sheet: s.name,
        row: 1,
        column: null,
        code: 'INVALID_SPREADSHEET',
        vi: `Thiếu cột "${c.header}".`,
        en: `The column "${c.header}" is missing.`,
      });
    }
    if (missing.length) return [];
    const out: RowData[] = [];
    for (let r = 2; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      if (!row.hasValues) continue;
      const values: Record<string, unknown> = {};
      const cols: Record<string, string> = {};
      let blank = true;
      for (const c of s.cols) {
        const index = headerIndex.get(c.key)!;
        const cell = row.getCell(index);
        cols[c.key] = colLetter(index);
        const read = readCell(cell, c);
        if (read.problem) {
          issues.push({
            sheet: s.name,
            row: r,
            column: colLetter(index),
            code: 'VALIDATION_FAILED',
            ...read.problem,
          });
          blank = false;
        } else {
          if (
            read.value !== undefined &&
            read.value !== '' &&
            read.value !== null &&
            read.value !== false &&
            !(Array.isArray(read.value) && read.value.length === 0)
          ) {
            blank = false;
          }
          if (read.value !== undefined) values[c.key] = read.value;
        }
      }
      if (!blank) out.push({ row: r, values, cols });
    }
    return out;
  };

  const at = (s: SheetSpec, d: RowData, key: string): CellLocation => ({
    sheet: s.name,
    row: d.row,
    column: d.cols[key] ?? null,
  });
  const map = (path: string, s: SheetSpec, d: RowData, key?: string) =>
    locations.set(path, key ? at(s, d, key) : { sheet: s.name, row: d.row, column: null });

  const byCode = new Map<string, number>();
  const P = spec('procedures');
  for (const d of sheetRows(P)) {
    const v = d.values;
    const i = doc.procedures.length;
    const base = `procedures/${i}`;
    map(base, P, d);
    const content: Entry['content'] = {
      name: v.name,
      field: v.field,
      level: v.level,
      agencies: v.agencies,
      decision: v.decisionNumber
        ? {
            number: v.decisionNumber,
            date: v.decisionDate ?? null,
            issuer: v.decisionIssuer ?? '',
            ...(v.decisionTitle ? { title: v.decisionTitle } : {}),
          }
        : null,
      steps: v.steps,
      methods: [],
      components: [],
      deadline: { amount: v.deadlineAmount, unit: v.deadlineUnit },
      fees: [],
      applicants: v.applicants,
      result: { description: v.resultDescription, paper: v.resultPaper, electronic: v.resultElectronic },
      requirements: v.requirements,
      legalBasis: [],
      onlineLevel: v.onlineLevel,
      fullOnlineEligible: v.fullOnlineEligible,
      notBoundToBoundary: v.notBoundToBoundary,
      cases: [],
    };
    const paths: Record<string, string> = {
      code: 'code',
      effectiveFrom: 'effectiveFrom',
      name: 'content/name',
      field: 'content/field',
      level: 'content/level',
      agencies: 'content/agencies',
      decisionNumber: 'content/decision/number',
      decisionDate: 'content/decision/date',
      decisionIssuer: 'content/decision/issuer',
      decisionTitle: 'content/decision/title',
      deadlineAmount: 'content/deadline/amount',
      deadlineUnit: 'content/deadline/unit',
      onlineLevel: 'content/onlineLevel',
      fullOnlineEligible: 'content/fullOnlineEligible',
      notBoundToBoundary: 'content/notBoundToBoundary',
      steps: 'content/steps',
      applicants: 'content/applicants',
      resultDescription: 'content/result/description',
      resultPaper: 'content/result/paper',
      resultElectronic: 'content/result/electronic',
      requirements: 'content/requirements',
    };
    for (const [key, path] of Object.entries(paths)) map(`${base}/${path}`, P, d, key);
    map(`${base}/content/deadline`, P, d, 'deadlineAmount');
    map(`${base}/content/decision`, P, d, 'decisionNumber');
    doc.procedures.push({
      code: v.code,
      effectiveFrom: v.effectiveFrom ?? undefined,
      content,
      processes: [],
    });
    if (typeof v.code === 'string' && !byCode.has(v.code)) byCode.set(v.code, i);
  }

  const owner = (s: SheetSpec, d: RowData): number | undefined => {
    const code = d.values.code;
    const i = typeof code === 'string' ? byCode.get(code) : undefined;
    if (i === undefined) {
      issues.push({
        ...at(s, d, 'code'),
        code: 'PROCEDURE_NOT_FOUND',
        vi: `Mã thủ tục "${cellText(code)}" không có trong sheet "${P.name}".`,
        en: `Procedure code "${cellText(code)}" is not in the "${P.name}" sheet.`,
      });
    }
    return i;
  };
  const caseIndex = new Map<string, number>();
  const C = spec('cases');
  for (const d of sheetRows(C)) {
    const i = owner(C, d);
    if (i === undefined) continue;
    const cases = doc.procedures[i]!.content.cases;
    const base = `procedures/${i}/content/cases/${cases.length}`;
    caseIndex.set(`${i}|${String(d.values.caseNo)}`, cases.length);
    cases.push({
      name: d.values.name,
      deadline: { amount: d.values.deadlineAmount, unit: d.values.deadlineUnit },
      fees: [],
      components: [],
    } as never);
    map(base, C, d);
    map(`${base}/name`, C, d, 'name');
    map(`${base}/deadline`, C, d, 'deadlineAmount');
    map(`${base}/deadline/amount`, C, d, 'deadlineAmount');
    map(`${base}/deadline/unit`, C, d, 'deadlineUnit');
  }
  const caseOf = (
    s: SheetSpec,
    d: RowData,
    i: number,
    key: string,
    raw: unknown,
  ): number | undefined | null => {
    if (raw === undefined || raw === '' || raw === null) return null;
    const k = caseIndex.get(`${i}|${cellText(raw)}`);
    if (k === undefined) {
      issues.push({
        ...at(s, d, key),
        code: 'VALIDATION_FAILED',
        vi: `Trường hợp số ${cellText(raw)} không có trong sheet "${C.name}".`,
        en: `Case ${cellText(raw)} is not in the "${C.name}" sheet.`,
      });
    }
    return k;
  };

  const K = spec('components');
  for (const d of sheetRows(K)) {
    const i = owner(K, d);
    if (i === undefined) continue;
    const k = caseOf(K, d, i, 'caseNo', d.values.caseNo);
    if (k === undefined) continue;
    const content = doc.procedures[i]!.content;
    const list = k === null ? content.components : content.cases[k]!.components;
    const base =
      k === null
        ? `procedures/${i}/content/components/${list.length}`
        : `procedures/${i}/content/cases/${k}/components/${list.length}`;
    const v = d.values;
    list.push({
      name: v.name,
      required: v.required,
      originals: v.originals ?? 0,
      copies: v.copies ?? 0,
      formTemplateId: v.formTemplateId ?? null,
      fromNationalDb: v.fromNationalDb,
      ...(v.note ? { note: v.note } : {}),
    });
    map(base, K, d);
    for (const key of ['name', 'required', 'originals', 'copies', 'formTemplateId', 'fromNationalDb', 'note'])
      map(`${base}/${key}`, K, d, key);
  }

  const M = spec('methods');
  for (const d of sheetRows(M)) {
    const i = owner(M, d);
    if (i === undefined) continue;
    const methods = doc.procedures[i]!.content.methods;
    const base = `procedures/${i}/content/methods/${methods.length}`;
    methods.push({
      kind: d.values.kind,
      deadline: { amount: d.values.deadlineAmount, unit: d.values.deadlineUnit },
      fees: [],
      ...(d.values.note ? { note: d.values.note } : {}),
    } as never);
    map(base, M, d);
    map(`${base}/kind`, M, d, 'kind');
    map(`${base}/deadline`, M, d, 'deadlineAmount');
    map(`${base}/deadline/amount`, M, d, 'deadlineAmount');
    map(`${base}/deadline/unit`, M, d, 'deadlineUnit');
    map(`${base}/note`, M, d, 'note');
  }

  const F = spec('fees');
  for (const d of sheetRows(F)) {
    const i = owner(F, d);
    if (i === undefined) continue;
    const content = doc.procedures[i]!.content;
    const target = d.values.appliesTo as string | undefined;
    let list: unknown[];
    let base: string;
    const methodKind = target
      ? Object.keys(methodLabels).find(
          (k) =>
            foldForSearch(k) === foldForSearch(target) ||
            foldForSearch(methodLabels[k as keyof typeof methodLabels]) === foldForSearch(target),
        )
      : undefined;
    if (!target) {
      list = content.fees;
      base = `procedures/${i}/content/fees/${list.length}`;
    } else if (methodKind) {
      const m = content.methods.findIndex((x) => x.kind === methodKind);
      if (m < 0) {
        issues.push({
          ...at(F, d, 'appliesTo'),
          code: 'VALIDATION_FAILED',
          vi: `Thủ tục không có hình thức nộp "${target}" trong sheet "${M.name}".`,
          en: `The procedure has no "${target}" method in the "${M.name}" sheet.`,
        });
        continue;
      }
      list = content.methods[m]!.fees;
      base = `procedures/${i}/content/methods/${m}/fees/${list.length}`;
    } else {
      const k = caseOf(F, d, i, 'appliesTo', target);
      if (k === undefined || k === null) continue;
      list = content.cases[k]!.fees;
      base = `procedures/${i}/content/cases/${k}/fees/${list.length}`;
    }
    list.push({
      name: d.values.name,
      amountVnd: d.values.amountVnd ?? null,
      ...(d.values.note ? { note: d.values.note } : {}),
    });
    map(base, F, d);
    for (const key of ['name', 'amountVnd', 'note']) map(`${base}/${key}`, F, d, key);
  }

  const L = spec('legal');
  for (const d of sheetRows(L)) {
    const i = owner(L, d);
    if (i === undefined) continue;
    const list = doc.procedures[i]!.content.legalBasis;
    const base = `procedures/${i}/content/legalBasis/${list.length}`;
    list.push({
      number: d.values.number,
      date: d.values.date ?? null,
      issuer: d.values.issuer ?? '',
      ...(d.values.title ? { title: d.values.title } : {}),
    });
    map(base, L, d);
    for (const key of ['number', 'date', 'issuer', 'title']) map(`${base}/${key}`, L, d, key);
  }

  const Q = spec('processes');
  for (const d of sheetRows(Q)) {
    const i = owner(Q, d);
    if (i === undefined) continue;
    const entry = doc.procedures[i]!;
    let p = entry.processes.findIndex((x) => x.agency === d.values.agency);
    if (p < 0) {
      p = entry.processes.length;
      entry.processes.push({ agency: d.values.agency, steps: [] });
      map(`procedures/${i}/processes/${p}`, Q, d, 'agency');
      map(`procedures/${i}/processes/${p}/agency`, Q, d, 'agency');
    }
    const steps = entry.processes[p]!.steps;
    const base = `procedures/${i}/processes/${p}/steps/${steps.length}`;
    const v = d.values;
    steps.push({
      role: v.role,
      ...(v.description ? { description: v.description } : {}),
      unit: v.unit || null,
      cooperatingAgency: v.cooperatingAgency || null,
      budget: { amount: v.budgetAmount, unit: v.budgetUnit },
      parallelGroup: v.parallelGroup || null,
      branch: v.branch || null,
    });
    map(base, Q, d);
    for (const key of ['role', 'description', 'unit', 'cooperatingAgency', 'parallelGroup', 'branch'])
      map(`${base}/${key}`, Q, d, key);
    map(`${base}/budget`, Q, d, 'budgetAmount');
    map(`${base}/budget/amount`, Q, d, 'budgetAmount');
    map(`${base}/budget/unit`, Q, d, 'budgetUnit');
  }
  return { doc, issues, locate };
}
