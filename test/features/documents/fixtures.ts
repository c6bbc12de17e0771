/** Realistic Vietnamese data for every form, with diacritics in every field. */
import type {
  Form01Data,
  Form02Data,
  Form03Data,
  Form04Data,
  Form05Data,
  Form06Data,
  Form07Data,
  FormHeader,
  RegisterRow,
} from '../../../src/features/documents/index.ts';

/** 2026-11-22 14:30 in Vietnam. */
export const RECEIVED = Date.UTC(2026, 10, 22, 7, 30);
/** 2026-11-27 (Friday) 16:00 in Vietnam. */
export const APPOINTMENT = Date.UTC(2026, 10, 27, 9, 0);
export const CODE = '000.00.12.H18-261122-0001';

export const header: FormHeader = {
  parentAgencyName: 'Ủy ban nhân dân tỉnh Đồng Tháp',
  agencyName: 'Sở Văn hóa, Thể thao và Du lịch',
  number: '12/TNHS',
  place: 'Đồng Tháp',
  issuedAt: RECEIVED,
};

const applicant = {
  name: 'Nguyễn Thị Hồng Nhung',
  idNumber: '087190001234',
  address: 'Số 12, đường Nguyễn Huệ, phường Cao Lãnh, tỉnh Đồng Tháp',
  phone: '0913 456 789',
  email: 'hongnhung.nguyen@example.vn',
};

export const form01: Form01Data = {
  header,
  dossierCode: CODE,
  applicant,
  representative: {
    name: 'Trần Văn Đức',
    idNumber: '087085004321',
    authorisation: 'Giấy ủy quyền số 15/2026/GUQ ngày 20/11/2026',
  },
  procedureName: 'Cấp giấy phép tổ chức biểu diễn nghệ thuật, trình diễn thời trang',
  components: [
    { name: 'Văn bản đề nghị tổ chức biểu diễn nghệ thuật (Mẫu số 01)', originals: 1, copies: 0 },
    {
      name: 'Kịch bản, danh mục tác phẩm gắn với tác giả, người chịu trách nhiệm chương trình',
      originals: 1,
      copies: 1,
    },
    { name: 'Bản nhạc hoặc kịch bản đối với tác phẩm đề nghị công diễn lần đầu', originals: 0, copies: 2 },
  ],
  processingTime: { amount: 5, unit: 'working_days' },
  receivedAt: RECEIVED,
  appointmentAt: APPOINTMENT,
  resultPickup: 'Bộ phận Một cửa Sở Văn hóa, Thể thao và Du lịch tỉnh Đồng Tháp',
  register: { volume: '03', entry: '1.245' },
  trackingUrl: `https://dichvucong.dongthap.gov.vn/tra-cuu?ma=${CODE}`,
  receivingOfficer: { title: 'Người tiếp nhận hồ sơ', name: 'Lê Thị Phương Thảo' },
};

export const form02: Form02Data = {
  header: { ...header, number: null },
  applicant,
  procedureName: 'Đăng ký khai sinh',
  items: [
    'Bản chính Giấy chứng sinh do cơ sở y tế nơi trẻ em sinh ra cấp',
    'Văn bản ủy quyền được chứng thực theo quy định (trường hợp ủy quyền đăng ký khai sinh)',
  ],
  reason: 'Hồ sơ còn thiếu giấy tờ chứng minh nội dung khai sinh theo Điều 16 Luật Hộ tịch.',
  contactOfficer: { name: 'Phạm Quốc Hưng', phone: '0277 3851 234' },
  signer: { title: 'Người hướng dẫn', name: 'Phạm Quốc Hưng' },
};

export const form03: Form03Data = {
  header: { ...header, number: '07/TCTN' },
  dossierCode: '000.00.12.H18-261122-0002',
  applicant: { ...applicant, email: null },
  procedureName: 'Cấp giấy phép kinh doanh dịch vụ karaoke',
  reasons: [
    'Cơ sở kinh doanh không bảo đảm diện tích phòng hát từ 20 m² trở lên theo quy định.',
    'Địa điểm kinh doanh cách trường học dưới 200 mét.',
  ],
  signer: { title: 'Người tiếp nhận hồ sơ', name: 'Lê Thị Phương Thảo' },
};

export const form04: Form04Data = {
  header: { ...header, number: '245/SVHTTDL-VP', issuedAt: Date.UTC(2026, 10, 25, 2, 0) },
  addressee: 'Bà Nguyễn Thị Hồng Nhung',
  receivedAt: RECEIVED,
  procedureName: 'cấp giấy phép tổ chức biểu diễn nghệ thuật',
  dossierCode: CODE,
  originalAppointmentAt: APPOINTMENT,
  reason: 'cần lấy ý kiến thẩm định nội dung chương trình của Hội đồng nghệ thuật',
  newAppointmentAt: Date.UTC(2026, 11, 2, 9, 0),
  signer: { authority: 'KT. Giám đốc', title: 'Phó Giám đốc', name: 'Võ Thành Đạt' },
};

export const form05: Form05Data = {
  header: { ...header, number: '31/TB-SVHTTDL', issuedAt: Date.UTC(2026, 10, 26, 3, 0) },
  applicant,
  addressee: 'Bà Nguyễn Thị Hồng Nhung',
  dossierCode: CODE,
  procedureName: 'cấp giấy phép tổ chức biểu diễn nghệ thuật',
  receivedAt: RECEIVED,
  stopReason: 'withdrawal',
  withdrawalRequestedAt: Date.UTC(2026, 10, 25, 8, 15),
  reason: 'đơn vị tổ chức thay đổi địa điểm biểu diễn',
  signer: { authority: 'KT. Giám đốc', title: 'Phó Giám đốc', name: 'Võ Thành Đạt' },
  recipients: ['Như trên', 'Bộ phận Một cửa', 'Lưu: VT, QLVH'],
};

export const form06: Form06Data = {
  header: { ...header, number: null },
  dossierCode: CODE,
  receiptNumber: '12/TNHS',
  procedureName: 'Cấp giấy phép tổ chức biểu diễn nghệ thuật, trình diễn thời trang',
  applicantName: 'Nguyễn Thị Hồng Nhung',
  resolvingAgency: 'Phòng Quản lý văn hóa, Sở Văn hóa, Thể thao và Du lịch',
  cooperatingAgencies: ['Công an tỉnh Đồng Tháp', 'Ủy ban nhân dân phường Cao Lãnh'],
  receivedAt: RECEIVED,
  appointmentAt: APPOINTMENT,
  handovers: [
    {
      from: { person: 'Lê Thị Phương Thảo', unit: 'Bộ phận Một cửa' },
      to: { person: 'Huỳnh Minh Tâm', unit: 'Phòng Quản lý văn hóa' },
      at: Date.UTC(2026, 10, 22, 8, 0),
      result: 'early',
      note: 'Chuyển trong ngày',
    },
    {
      from: { person: 'Huỳnh Minh Tâm', unit: 'Phòng Quản lý văn hóa' },
      to: { person: null, unit: 'Công an tỉnh Đồng Tháp' },
      at: Date.UTC(2026, 10, 24, 2, 0),
      result: 'on_time',
      note: 'Lấy ý kiến về an ninh trật tự',
    },
    {
      from: { person: 'Huỳnh Minh Tâm', unit: 'Phòng Quản lý văn hóa' },
      to: { person: 'Võ Thành Đạt', unit: 'Lãnh đạo Sở' },
      at: Date.UTC(2026, 10, 26, 8, 45),
      result: 'late',
    },
    {
      from: { person: 'Võ Thành Đạt', unit: 'Lãnh đạo Sở' },
      to: { person: 'Đặng Thu Hà', unit: 'Văn thư' },
      at: Date.UTC(2026, 10, 27, 1, 30),
      result: null,
    },
  ],
};

const procedures = [
  'Đăng ký khai sinh',
  'Cấp giấy phép tổ chức biểu diễn nghệ thuật, trình diễn thời trang',
  'Cấp giấy phép kinh doanh dịch vụ karaoke',
  'Công nhận hạng cơ sở lưu trú du lịch: hạng 1 sao, 2 sao, 3 sao đối với khách sạn',
];
const names = ['Nguyễn Thị Hồng Nhung', 'Trần Văn Đức', 'Lê Hoàng Yến', 'Công ty TNHH Du lịch Sen Hồng'];

/** `count` register rows, one dossier every 7 minutes from the receipt time above. */
export function registerRows(count: number): RegisterRow[] {
  return Array.from({ length: count }, (_, i) => {
    const receivedAt = RECEIVED + i * 7 * 60_000;
    return {
      dossierCode: `000.00.12.H18-261122-${String(i + 1).padStart(4, '0')}`,
      procedureName: procedures[i % procedures.length]!,
      applicantName: names[i % names.length]!,
      address: 'Số 12, đường Nguyễn Huệ, phường Cao Lãnh, tỉnh Đồng Tháp',
      phone: '0913 456 789',
      leadAgency: 'Phòng Quản lý văn hóa',
      receivedAt,
      appointmentAt: receivedAt + 5 * 86_400_000,
      returnedAt: i % 3 === 0 ? null : receivedAt + 4 * 86_400_000,
      resultDelivery:
        i % 3 === 0
          ? null
          : i % 3 === 1
            ? { methods: ['paper'], delivery: 'in_person' }
            : { methods: ['electronic', 'paper'], delivery: 'postal' },
      receivedBy: null,
    };
  });
}

export function form07(count: number): Form07Data {
  return {
    header: { ...header, number: null, issuedAt: Date.UTC(2026, 11, 1, 1, 0) },
    period: { from: Date.UTC(2026, 9, 31, 17, 0), to: Date.UTC(2026, 10, 30, 16, 59) },
    volume: '03',
    rows: registerRows(count),
  };
}
