import type { AgencyLevel, StaffRole } from '../../domain/access/roles.ts';

/**
 * A demo province built on Tỉnh Đồng Tháp's real agency names (after the July 2025 two-level
 * reorganisation). The QCVN 102 identifiers follow the standard's shape but are illustrative.
 */
export interface DemoAgency {
  key: string;
  code: string;
  name: string;
  shortName: string;
  level: AgencyLevel;
  parent: string | null;
  address: string;
  phone: string;
  isOneStopDesk: boolean;
  units: string[];
}

export const demoAgencies: DemoAgency[] = [
  {
    key: 'tinh',
    code: '000.00.00.H20',
    name: 'Ủy ban nhân dân tỉnh Đồng Tháp',
    shortName: 'UBND tỉnh Đồng Tháp',
    level: 'province',
    parent: null,
    address: 'Số 12 đường 30/4, Phường Mỹ Tho, tỉnh Đồng Tháp',
    phone: '02733872100',
    isOneStopDesk: false,
    units: ['Văn phòng UBND tỉnh'],
  },
  {
    key: 'ttpvhcc',
    code: '000.00.01.H20',
    name: 'Trung tâm Phục vụ hành chính công tỉnh Đồng Tháp',
    shortName: 'TTPVHCC tỉnh',
    level: 'department',
    parent: 'tinh',
    address: 'Số 85 Nguyễn Huệ, Phường Cao Lãnh, tỉnh Đồng Tháp',
    phone: '02773868686',
    isOneStopDesk: true,
    units: ['Bộ phận Tiếp nhận và Trả kết quả', 'Phòng Giám sát, đánh giá'],
  },
  {
    key: 'vhttdl',
    code: '000.00.12.H20',
    name: 'Sở Văn hóa, Thể thao và Du lịch tỉnh Đồng Tháp',
    shortName: 'Sở VHTTDL',
    level: 'department',
    parent: 'tinh',
    address: 'Số 3 đường 30/4, Phường Cao Lãnh, tỉnh Đồng Tháp',
    phone: '02773851431',
    isOneStopDesk: false,
    units: [
      'Văn phòng Sở',
      'Phòng Quản lý Văn hóa và Gia đình',
      'Phòng Quản lý Du lịch',
      'Phòng Quản lý Thể dục thể thao',
    ],
  },
  {
    key: 'noivu',
    code: '000.00.07.H20',
    name: 'Sở Nội vụ tỉnh Đồng Tháp',
    shortName: 'Sở Nội vụ',
    level: 'department',
    parent: 'tinh',
    address: 'Số 1 Lê Thánh Tôn, Phường Cao Lãnh, tỉnh Đồng Tháp',
    phone: '02773851330',
    isOneStopDesk: false,
    units: ['Văn phòng Sở', 'Phòng Tổ chức, biên chế', 'Phòng Công chức, viên chức'],
  },
  {
    key: 'tuphap',
    code: '000.00.09.H20',
    name: 'Sở Tư pháp tỉnh Đồng Tháp',
    shortName: 'Sở Tư pháp',
    level: 'department',
    parent: 'tinh',
    address: 'Số 5 Võ Trường Toản, Phường Cao Lãnh, tỉnh Đồng Tháp',
    phone: '02773851229',
    isOneStopDesk: false,
    units: ['Văn phòng Sở', 'Phòng Hành chính tư pháp', 'Phòng Bổ trợ tư pháp'],
  },
  {
    key: 'xaydung',
    code: '000.00.10.H20',
    name: 'Sở Xây dựng tỉnh Đồng Tháp',
    shortName: 'Sở Xây dựng',
    level: 'department',
    parent: 'tinh',
    address: 'Số 8 Nguyễn Thái Học, Phường Cao Lãnh, tỉnh Đồng Tháp',
    phone: '02773852547',
    isOneStopDesk: false,
    units: ['Văn phòng Sở', 'Phòng Quản lý hoạt động xây dựng', 'Phòng Phát triển đô thị'],
  },
  {
    key: 'caolanh',
    code: '000.21.31.H20',
    name: 'Ủy ban nhân dân Phường Cao Lãnh',
    shortName: 'UBND Phường Cao Lãnh',
    level: 'commune',
    parent: 'tinh',
    address: 'Số 57 Hùng Vương, Phường Cao Lãnh, tỉnh Đồng Tháp',
    phone: '02773851023',
    isOneStopDesk: true,
    units: ['Văn phòng HĐND và UBND', 'Phòng Văn hóa - Xã hội', 'Phòng Kinh tế, Hạ tầng và Đô thị'],
  },
  {
    key: 'sadec',
    code: '000.22.32.H20',
    name: 'Ủy ban nhân dân Phường Sa Đéc',
    shortName: 'UBND Phường Sa Đéc',
    level: 'commune',
    parent: 'tinh',
    address: 'Số 2 Hùng Vương, Phường Sa Đéc, tỉnh Đồng Tháp',
    phone: '02773861136',
    isOneStopDesk: true,
    units: ['Văn phòng HĐND và UBND', 'Phòng Văn hóa - Xã hội', 'Phòng Kinh tế, Hạ tầng và Đô thị'],
  },
  {
    key: 'thapmuoi',
    code: '000.28.33.H20',
    name: 'Ủy ban nhân dân Xã Tháp Mười',
    shortName: 'UBND Xã Tháp Mười',
    level: 'commune',
    parent: 'tinh',
    address: 'Khóm 3, Xã Tháp Mười, tỉnh Đồng Tháp',
    phone: '02773821232',
    isOneStopDesk: true,
    units: ['Văn phòng HĐND và UBND', 'Phòng Văn hóa - Xã hội', 'Phòng Kinh tế'],
  },
];

/** Usernames are `<agency key>.<role suffix>`, so a tester can guess any account. */
export const roleSuffix = {
  receiving_officer: 'tiepnhan',
  handling_officer: 'thuly',
  approver: 'pheduyet',
  clerk: 'vanthu',
  agency_admin: 'quantri',
  supervisor: 'giamsat',
  system_admin: 'admin',
} as const satisfies Record<StaffRole, string>;

export const perAgencyRoles: StaffRole[] = [
  'receiving_officer',
  'handling_officer',
  'approver',
  'clerk',
  'agency_admin',
];

const familyNames = [
  'Nguyễn',
  'Trần',
  'Lê',
  'Phạm',
  'Huỳnh',
  'Võ',
  'Phan',
  'Đặng',
  'Bùi',
  'Đỗ',
  'Hồ',
  'Ngô',
  'Dương',
  'Lý',
];
export const middleNames = ['Văn', 'Thị', 'Minh', 'Thanh', 'Ngọc', 'Hoàng', 'Quốc', 'Thu', 'Hữu', 'Kim'];
export const givenNames = [
  'An',
  'Bình',
  'Châu',
  'Dũng',
  'Giang',
  'Hạnh',
  'Hiếu',
  'Hòa',
  'Khánh',
  'Lan',
  'Long',
  'Mai',
  'Nam',
  'Nga',
  'Phúc',
  'Quyên',
  'Sơn',
  'Tâm',
  'Thảo',
  'Trí',
  'Tuấn',
  'Uyên',
  'Vy',
  'Yến',
];

/** Deterministic so the demo looks the same on every machine. */
export function demoName(i: number): string {
  return `${familyNames[i % familyNames.length]} ${middleNames[(i * 7) % middleNames.length]} ${givenNames[(i * 11) % givenNames.length]}`;
}

/** A staff member's work phone, printed on the forms they sign (form 02's contact officer). Deterministic. */
export function demoStaffPhone(i: number): string {
  return `0918${String(200_000 + i * 37).padStart(6, '0')}`;
}

export const demoCitizens = [
  {
    personalId: '087090001234',
    fullName: 'Nguyễn Văn An',
    phone: '0912345678',
    email: 'nguyenvanan@example.vn',
    address: 'Số 15 Lý Thường Kiệt, Phường Cao Lãnh, tỉnh Đồng Tháp',
  },
  {
    personalId: '082195004321',
    fullName: 'Trần Thị Bích Ngọc',
    phone: '0987654321',
    email: 'tranthibichngoc@example.vn',
    address: 'Ấp Tân Hòa, Xã Tháp Mười, tỉnh Đồng Tháp',
  },
];
