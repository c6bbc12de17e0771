/**
 * Demo procedure catalog for the demo province (Đồng Tháp): real procedures of the national catalog with
 * their national codes, names, deadlines and fees as published in the provincial decisions of 2025.
 * The codes and figures were written from memory of the national portal (dichvucong.gov.vn) and should be
 * checked against it before any use beyond a demonstration.
 */

import type { Tx } from '../../db/client.ts';
import {
  agencies,
  formTemplates,
  procedureFields,
  procedureProcesses,
  procedureVersionAgencies,
  procedureVersions,
  procedures,
  units,
} from '../../db/schema.ts';
import type {
  Component,
  Duration,
  Fee,
  LegalDocument,
  ProcedureContent,
  ProcedureLevel,
  ProcessStep,
} from '../../domain/catalog/model.ts';
import { contentHash } from '../catalog/check.ts';
import { demoAgencies } from './demo-data.ts';
import { searchTextOf } from '../../domain/catalog/search-text.ts';

export type AgencyKey =
  'tinh' | 'ttpvhcc' | 'vhttdl' | 'noivu' | 'tuphap' | 'xaydung' | 'caolanh' | 'sadec' | 'thapmuoi';
const COMMUNES: AgencyKey[] = ['caolanh', 'sadec', 'thapmuoi'];

export interface Row {
  code: string;
  name: string;
  field: string;
  level: ProcedureLevel;
  agencies: AgencyKey[];
  deadline: Duration;
  fees: Fee[];
  online: 'full' | 'partial';
  components: Component[];
  applicants: string;
  result: string;
  legal: LegalDocument[];
  requirements?: string;
  cases?: { name: string; deadline: Duration; fees: Fee[]; components?: Component[] }[];
  notBound?: boolean;
}

const wd = (amount: number): Duration => ({ amount, unit: 'working_days' });
const cd = (amount: number): Duration => ({ amount, unit: 'calendar_days' });
const fee = (name: string, amountVnd: number | null, note?: string): Fee => ({
  name,
  amountVnd,
  ...(note ? { note } : {}),
});
const free = (name = 'Lệ phí'): Fee => fee(name, 0, 'Miễn lệ phí');
const doc = (name: string, opts: Partial<Component> = {}): Component => ({
  name,
  required: true,
  originals: 1,
  copies: 0,
  formTemplateId: null,
  fromNationalDb: false,
  ...opts,
});
const identity = doc(
  'Giấy tờ tùy thân của người nộp hồ sơ (hộ chiếu, căn cước, căn cước công dân hoặc tài khoản định danh điện tử mức độ 2)',
  {
    originals: 0,
    fromNationalDb: true,
    note: 'Xuất trình; không phải nộp khi thông tin đã có trong Cơ sở dữ liệu quốc gia về dân cư',
  },
);
const law = (number: string, date: string, issuer: string, title: string): LegalDocument => ({
  number,
  date,
  issuer,
  title,
});
const HOTICH_LAW = [
  law('60/2014/QH13', '2014-11-20', 'Quốc hội', 'Luật Hộ tịch'),
  law(
    '123/2015/NĐ-CP',
    '2015-11-15',
    'Chính phủ',
    'Quy định chi tiết một số điều và biện pháp thi hành Luật Hộ tịch',
  ),
  law(
    '04/2020/TT-BTP',
    '2020-05-28',
    'Bộ Tư pháp',
    'Quy định chi tiết thi hành một số điều của Luật Hộ tịch',
  ),
];
const CHUNGTHUC_LAW = [
  law(
    '23/2015/NĐ-CP',
    '2015-02-16',
    'Chính phủ',
    'Về cấp bản sao từ sổ gốc, chứng thực bản sao từ bản chính, chứng thực chữ ký và chứng thực hợp đồng, giao dịch',
  ),
  law(
    '226/2016/TT-BTC',
    '2016-11-11',
    'Bộ Tài chính',
    'Quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí chứng thực',
  ),
];
const VH_LAW = [
  law('144/2020/NĐ-CP', '2020-12-14', 'Chính phủ', 'Quy định về hoạt động nghệ thuật biểu diễn'),
];
const DL_LAW = [
  law('09/2017/QH14', '2017-06-19', 'Quốc hội', 'Luật Du lịch'),
  law('168/2017/NĐ-CP', '2017-12-31', 'Chính phủ', 'Quy định chi tiết một số điều của Luật Du lịch'),
  law(
    '33/2018/TT-BTC',
    '2018-04-12',
    'Bộ Tài chính',
    'Quy định mức thu, chế độ thu, nộp, quản lý và sử dụng phí thẩm định cấp giấy phép kinh doanh dịch vụ lữ hành',
  ),
];
const TT_LAW = [
  law(
    '36/2019/NĐ-CP',
    '2019-04-29',
    'Chính phủ',
    'Quy định chi tiết một số điều của Luật sửa đổi, bổ sung một số điều của Luật Thể dục, thể thao',
  ),
];
const NV_LAW = [
  law('06/2023/NĐ-CP', '2023-02-24', 'Chính phủ', 'Quy định về kiểm định chất lượng đầu vào công chức'),
  law('115/2020/NĐ-CP', '2020-09-25', 'Chính phủ', 'Quy định về tuyển dụng, sử dụng và quản lý viên chức'),
];
const XD_LAW = [
  law('50/2014/QH13', '2014-06-18', 'Quốc hội', 'Luật Xây dựng'),
  law(
    '175/2024/NĐ-CP',
    '2024-12-30',
    'Chính phủ',
    'Quy định chi tiết một số điều và biện pháp thi hành Luật Xây dựng về quản lý hoạt động xây dựng',
  ),
];
const TG_LAW = [
  law('02/2016/QH14', '2016-11-18', 'Quốc hội', 'Luật Tín ngưỡng, tôn giáo'),
  law('95/2023/NĐ-CP', '2023-12-29', 'Chính phủ', 'Quy định chi tiết Luật Tín ngưỡng, tôn giáo'),
];
const TDKT_LAW = [
  law('06/2022/QH15', '2022-06-15', 'Quốc hội', 'Luật Thi đua, khen thưởng'),
  law(
    '98/2023/NĐ-CP',
    '2023-12-31',
    'Chính phủ',
    'Quy định chi tiết thi hành một số điều của Luật Thi đua, khen thưởng',
  ),
];

const person = 'Cá nhân';
const org = 'Tổ chức, doanh nghiệp';
const both = 'Cá nhân, tổ chức';

export const demoProcedures: Row[] = [
  // Hộ tịch (UBND cấp xã)
  {
    code: '1.001193',
    name: 'Đăng ký khai sinh',
    field: 'HO_TICH',
    level: 'commune',
    agencies: COMMUNES,
    deadline: wd(0),
    fees: [free()],
    online: 'full',
    notBound: true,
    components: [
      doc('Tờ khai đăng ký khai sinh theo mẫu'),
      doc('Giấy chứng sinh hoặc văn bản của người làm chứng xác nhận về việc sinh'),
      identity,
    ],
    applicants: person,
    result: 'Giấy khai sinh (bản chính) và số định danh cá nhân',
    legal: HOTICH_LAW,
    requirements:
      'Cha, mẹ hoặc người thân thích có trách nhiệm đăng ký khai sinh cho trẻ trong thời hạn 60 ngày kể từ ngày sinh.',
  },
  {
    code: '1.000894',
    name: 'Đăng ký kết hôn',
    field: 'HO_TICH',
    level: 'commune',
    agencies: COMMUNES,
    deadline: wd(0),
    fees: [free()],
    online: 'partial',
    components: [
      doc('Tờ khai đăng ký kết hôn theo mẫu'),
      identity,
      doc('Giấy xác nhận tình trạng hôn nhân (trường hợp đăng ký tại nơi không thường trú)', {
        required: false,
      }),
    ],
    applicants: person,
    result: 'Giấy chứng nhận kết hôn',
    legal: HOTICH_LAW,
    requirements:
      'Hai bên nam, nữ có mặt khi đăng ký; trường hợp cần xác minh thì thời hạn không quá 05 ngày làm việc.',
    cases: [{ name: 'Trường hợp cần xác minh điều kiện kết hôn', deadline: wd(5), fees: [free()] }],
  },
  {
    code: '1.000656',
    name: 'Đăng ký khai tử',
    field: 'HO_TICH',
    level: 'commune',
    agencies: COMMUNES,
    deadline: wd(0),
    fees: [free()],
    online: 'full',
    notBound: true,
    components: [
      doc('Tờ khai đăng ký khai tử theo mẫu'),
      doc('Giấy báo tử hoặc giấy tờ thay thế Giấy báo tử'),
      identity,
    ],
    applicants: person,
    result: 'Trích lục khai tử (bản chính)',
    legal: HOTICH_LAW,
    cases: [{ name: 'Trường hợp cần xác minh', deadline: wd(3), fees: [free()] }],
  },
  {
    code: '1.001022',
    name: 'Đăng ký nhận cha, mẹ, con',
    field: 'HO_TICH',
    level: 'commune',
    agencies: COMMUNES,
    deadline: wd(3),
    fees: [fee('Lệ phí', 15000)],
    online: 'partial',
    components: [
      doc('Tờ khai đăng ký nhận cha, mẹ, con theo mẫu'),
      doc('Văn bản của cơ quan y tế, giám định hoặc chứng cứ chứng minh quan hệ cha, mẹ, con'),
      identity,
    ],
    applicants: person,
    result: 'Trích lục đăng ký nhận cha, mẹ, con',
    legal: HOTICH_LAW,
    cases: [{ name: 'Trường hợp cần xác minh', deadline: wd(8), fees: [fee('Lệ phí', 15000)] }],
  },
  {
    code: '1.004873',
    name: 'Cấp Giấy xác nhận tình trạng hôn nhân',
    field: 'HO_TICH',
    level: 'commune',
    agencies: COMMUNES,
    deadline: wd(3),
    fees: [fee('Lệ phí', 15000)],
    online: 'full',
    notBound: true,
    components: [doc('Tờ khai cấp Giấy xác nhận tình trạng hôn nhân theo mẫu'), identity],
    applicants: person,
    result: 'Giấy xác nhận tình trạng hôn nhân',
    legal: HOTICH_LAW,
    cases: [
      {
        name: 'Trường hợp phải xác minh tại nơi cư trú trước đây',
        deadline: wd(23),
        fees: [fee('Lệ phí', 15000)],
      },
    ],
  },
  {
    code: '1.004859',
    name: 'Đăng ký lại khai sinh',
    field: 'HO_TICH',
    level: 'commune',
    agencies: COMMUNES,
    deadline: wd(5),
    fees: [fee('Lệ phí', 8000)],
    online: 'partial',
    components: [
      doc('Tờ khai đăng ký lại khai sinh theo mẫu'),
      doc('Bản sao Giấy khai sinh hoặc giấy tờ có nội dung khai sinh', { originals: 0, copies: 1 }),
      identity,
    ],
    applicants: person,
    result: 'Giấy khai sinh (ghi "Đăng ký lại")',
    legal: HOTICH_LAW,
  },
  {
    code: '1.004884',
    name: 'Đăng ký khai sinh kết hợp nhận cha, mẹ, con',
    field: 'HO_TICH',
    level: 'commune',
    agencies: COMMUNES,
    deadline: wd(3),
    fees: [fee('Lệ phí', 15000)],
    online: 'partial',
    components: [
      doc('Tờ khai đăng ký khai sinh và Tờ khai đăng ký nhận cha, mẹ, con theo mẫu'),
      doc('Giấy chứng sinh'),
      doc('Chứng cứ chứng minh quan hệ cha, mẹ, con'),
      identity,
    ],
    applicants: person,
    result: 'Giấy khai sinh và Trích lục đăng ký nhận cha, mẹ, con',
    legal: HOTICH_LAW,
  },
  {
    code: '1.004746',
    name: 'Cấp bản sao trích lục hộ tịch',
    field: 'HO_TICH',
    level: 'commune',
    agencies: COMMUNES,
    deadline: wd(0),
    fees: [fee('Phí cấp bản sao trích lục', 8000, 'Mỗi bản sao')],
    online: 'full',
    notBound: true,
    components: [doc('Tờ khai cấp bản sao trích lục hộ tịch theo mẫu'), identity],
    applicants: both,
    result: 'Bản sao trích lục hộ tịch',
    legal: HOTICH_LAW,
  },
  {
    code: '1.004837',
    name: 'Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch',
    field: 'HO_TICH',
    level: 'commune',
    agencies: COMMUNES,
    deadline: wd(3),
    fees: [fee('Lệ phí', 15000)],
    online: 'partial',
    components: [
      doc('Tờ khai đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch theo mẫu'),
      doc('Giấy tờ làm căn cứ thay đổi, cải chính, bổ sung'),
      identity,
    ],
    applicants: person,
    result: 'Trích lục thay đổi, cải chính, bổ sung thông tin hộ tịch',
    legal: HOTICH_LAW,
    cases: [{ name: 'Trường hợp cần xác minh', deadline: wd(6), fees: [fee('Lệ phí', 15000)] }],
  },
  {
    code: '1.000689',
    name: 'Đăng ký giám hộ',
    field: 'HO_TICH',
    level: 'commune',
    agencies: COMMUNES,
    deadline: wd(3),
    fees: [free()],
    online: 'partial',
    components: [doc('Tờ khai đăng ký giám hộ theo mẫu'), doc('Văn bản cử người giám hộ'), identity],
    applicants: person,
    result: 'Trích lục đăng ký giám hộ',
    legal: HOTICH_LAW,
  },
  // Chứng thực
  {
    code: '2.000815',
    name: 'Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan, tổ chức có thẩm quyền của Việt Nam cấp hoặc chứng nhận',
    field: 'CHUNG_THUC',
    level: 'commune',
    agencies: [...COMMUNES, 'tuphap'],
    deadline: wd(0),
    fees: [
      fee(
        'Phí chứng thực',
        2000,
        'Mỗi trang; từ trang thứ ba trở lên 1.000 đồng/trang, tối đa 200.000 đồng/bản',
      ),
    ],
    online: 'partial',
    notBound: true,
    components: [
      doc('Bản chính giấy tờ, văn bản làm cơ sở để chứng thực bản sao'),
      doc('Bản sao cần chứng thực', { originals: 0, copies: 1 }),
    ],
    applicants: both,
    result: 'Bản sao được chứng thực từ bản chính',
    legal: CHUNGTHUC_LAW,
    requirements: 'Tiếp nhận sau 15 giờ thì trả kết quả trong ngày làm việc tiếp theo.',
  },
  {
    code: '2.000884',
    name: 'Chứng thực chữ ký trong các giấy tờ, văn bản',
    field: 'CHUNG_THUC',
    level: 'commune',
    agencies: [...COMMUNES, 'tuphap'],
    deadline: wd(0),
    fees: [fee('Phí chứng thực', 10000, 'Mỗi trường hợp')],
    online: 'partial',
    notBound: true,
    components: [doc('Giấy tờ, văn bản cần chứng thực chữ ký'), identity],
    applicants: person,
    result: 'Giấy tờ, văn bản được chứng thực chữ ký',
    legal: CHUNGTHUC_LAW,
  },
  {
    code: '2.001035',
    name: 'Chứng thực hợp đồng, giao dịch liên quan đến tài sản là động sản, quyền sử dụng đất và nhà ở',
    field: 'CHUNG_THUC',
    level: 'commune',
    agencies: COMMUNES,
    deadline: wd(2),
    fees: [fee('Phí chứng thực hợp đồng', 50000)],
    online: 'partial',
    components: [
      doc('Dự thảo hợp đồng, giao dịch'),
      doc('Giấy chứng nhận quyền sở hữu, quyền sử dụng tài sản', { originals: 0, copies: 1 }),
      identity,
    ],
    applicants: both,
    result: 'Hợp đồng, giao dịch được chứng thực',
    legal: CHUNGTHUC_LAW,
  },
  {
    code: '2.000913',
    name: 'Chứng thực việc sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch',
    field: 'CHUNG_THUC',
    level: 'commune',
    agencies: COMMUNES,
    deadline: wd(2),
    fees: [fee('Phí chứng thực', 30000)],
    online: 'partial',
    components: [
      doc('Văn bản sửa đổi, bổ sung, hủy bỏ hợp đồng, giao dịch'),
      doc('Hợp đồng, giao dịch đã được chứng thực'),
      identity,
    ],
    applicants: both,
    result: 'Văn bản sửa đổi, bổ sung, hủy bỏ được chứng thực',
    legal: CHUNGTHUC_LAW,
  },
  {
    code: '2.000927',
    name: 'Cấp bản sao có chứng thực từ bản chính hợp đồng, giao dịch đã được chứng thực',
    field: 'CHUNG_THUC',
    level: 'commune',
    agencies: COMMUNES,
    deadline: wd(0),
    fees: [fee('Phí cấp bản sao', 2000, 'Mỗi trang')],
    online: 'full',
    components: [doc('Đơn đề nghị cấp bản sao'), identity],
    applicants: both,
    result: 'Bản sao có chứng thực',
    legal: CHUNGTHUC_LAW,
  },
  // Lý lịch tư pháp, bổ trợ tư pháp (Sở Tư pháp)
  {
    code: '2.000488',
    name: 'Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam',
    field: 'LY_LICH_TU_PHAP',
    level: 'province',
    agencies: ['tuphap'],
    deadline: wd(10),
    fees: [
      fee(
        'Phí cung cấp thông tin lý lịch tư pháp',
        200000,
        'Sinh viên, người có công: 100.000 đồng; trẻ em, người cao tuổi, người khuyết tật: miễn',
      ),
    ],
    online: 'full',
    notBound: true,
    components: [
      doc('Tờ khai yêu cầu cấp Phiếu lý lịch tư pháp theo mẫu'),
      identity,
      doc('Văn bản ủy quyền (trường hợp ủy quyền)', { required: false }),
    ],
    applicants: person,
    result: 'Phiếu lý lịch tư pháp (bản giấy hoặc điện tử)',
    legal: [
      law('28/2009/QH12', '2009-06-17', 'Quốc hội', 'Luật Lý lịch tư pháp'),
      law(
        '244/2016/TT-BTC',
        '2016-11-11',
        'Bộ Tài chính',
        'Quy định mức thu phí cung cấp thông tin lý lịch tư pháp',
      ),
    ],
    cases: [
      {
        name: 'Người đã cư trú ở nhiều nơi hoặc có thời gian cư trú ở nước ngoài',
        deadline: wd(15),
        fees: [fee('Phí cung cấp thông tin lý lịch tư pháp', 200000)],
      },
      {
        name: 'Cần xác minh về điều kiện đương nhiên xóa án tích',
        deadline: wd(15),
        fees: [fee('Phí cung cấp thông tin lý lịch tư pháp', 200000)],
      },
    ],
  },
  {
    code: '2.000505',
    name: 'Cấp Phiếu lý lịch tư pháp cho cơ quan tiến hành tố tụng (đối tượng là công dân Việt Nam, người nước ngoài đang cư trú ở Việt Nam)',
    field: 'LY_LICH_TU_PHAP',
    level: 'province',
    agencies: ['tuphap'],
    deadline: wd(10),
    fees: [free('Phí')],
    online: 'partial',
    components: [doc('Văn bản yêu cầu cấp Phiếu lý lịch tư pháp của cơ quan tiến hành tố tụng')],
    applicants: 'Cơ quan tiến hành tố tụng',
    result: 'Phiếu lý lịch tư pháp số 2',
    legal: [law('28/2009/QH12', '2009-06-17', 'Quốc hội', 'Luật Lý lịch tư pháp')],
  },
  {
    code: '1.001877',
    name: 'Đăng ký hoạt động của Văn phòng công chứng',
    field: 'CONG_CHUNG',
    level: 'province',
    agencies: ['tuphap'],
    deadline: wd(10),
    fees: [fee('Phí thẩm định điều kiện hoạt động', 1000000)],
    online: 'partial',
    components: [
      doc('Đơn đề nghị đăng ký hoạt động theo mẫu'),
      doc('Quyết định cho phép thành lập Văn phòng công chứng', { originals: 0, copies: 1 }),
      doc('Giấy tờ chứng minh trụ sở', { originals: 0, copies: 1 }),
    ],
    applicants: org,
    result: 'Giấy đăng ký hoạt động của Văn phòng công chứng',
    legal: [law('46/2024/QH15', '2024-11-26', 'Quốc hội', 'Luật Công chứng')],
  },
  {
    code: '1.002032',
    name: 'Đăng ký hoạt động của tổ chức hành nghề luật sư',
    field: 'LUAT_SU',
    level: 'province',
    agencies: ['tuphap'],
    deadline: wd(10),
    fees: [fee('Lệ phí đăng ký', 100000)],
    online: 'full',
    components: [
      doc('Giấy đề nghị đăng ký hoạt động theo mẫu'),
      doc('Dự thảo Điều lệ (đối với công ty luật)'),
      doc('Giấy tờ chứng minh trụ sở', { originals: 0, copies: 1 }),
    ],
    applicants: org,
    result: 'Giấy đăng ký hoạt động',
    legal: [law('65/2006/QH11', '2006-06-29', 'Quốc hội', 'Luật Luật sư')],
  },
  // Văn hóa, gia đình, quảng cáo (Sở VHTTDL; cấp xã)
  {
    code: '1.001029',
    name: 'Cấp Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke',
    field: 'VAN_HOA_CO_SO',
    level: 'commune',
    agencies: COMMUNES,
    deadline: wd(5),
    fees: [],
    online: 'full',
    components: [
      doc('Đơn đề nghị cấp giấy phép theo mẫu'),
      doc('Bản vẽ mặt bằng phòng hát, giấy tờ chứng minh điều kiện phòng cháy', { originals: 0, copies: 1 }),
    ],
    applicants: both,
    result: 'Giấy phép đủ điều kiện kinh doanh dịch vụ karaoke',
    legal: [
      law(
        '54/2019/NĐ-CP',
        '2019-06-19',
        'Chính phủ',
        'Quy định về kinh doanh dịch vụ karaoke, dịch vụ vũ trường',
      ),
      law(
        '01/2021/TT-BTC',
        '2021-01-07',
        'Bộ Tài chính',
        'Phí thẩm định cấp giấy phép kinh doanh karaoke, vũ trường',
      ),
    ],
    cases: [
      {
        name: 'Từ 01 đến 03 phòng hát',
        deadline: wd(5),
        fees: [fee('Phí thẩm định', 2000000, 'Tại phường')],
      },
      {
        name: 'Từ 04 đến 05 phòng hát',
        deadline: wd(5),
        fees: [fee('Phí thẩm định', 3000000, 'Tại phường')],
      },
      {
        name: 'Từ 06 phòng hát trở lên',
        deadline: wd(5),
        fees: [fee('Phí thẩm định', 5000000, 'Tại phường')],
      },
    ],
  },
  {
    code: '1.009397',
    name: 'Thủ tục tổ chức biểu diễn nghệ thuật trên địa bàn quản lý (không thuộc trường hợp trong khuôn khổ hợp tác quốc tế)',
    field: 'NGHE_THUAT_BIEU_DIEN',
    level: 'province',
    agencies: ['vhttdl'],
    deadline: wd(5),
    fees: [],
    online: 'full',
    components: [
      doc('Văn bản đề nghị tổ chức biểu diễn nghệ thuật theo mẫu'),
      doc('Kịch bản, danh mục tác phẩm gắn với tác giả, người chịu trách nhiệm chính'),
    ],
    applicants: both,
    result: 'Văn bản chấp thuận tổ chức biểu diễn nghệ thuật',
    legal: VH_LAW,
  },
  {
    code: '1.003622',
    name: 'Cấp giấy phép tổ chức triển lãm do tổ chức, cá nhân tại địa phương đưa ra nước ngoài không vì mục đích thương mại',
    field: 'MY_THUAT',
    level: 'province',
    agencies: ['vhttdl'],
    deadline: wd(7),
    fees: [],
    online: 'partial',
    components: [
      doc('Văn bản đề nghị cấp giấy phép theo mẫu'),
      doc('Danh sách tác phẩm, hiện vật, tài liệu triển lãm'),
      doc('Ảnh tác phẩm', { originals: 0, copies: 1 }),
    ],
    applicants: both,
    result: 'Giấy phép tổ chức triển lãm',
    legal: [
      law(
        '09/2016/NĐ-CP',
        '2016-01-28',
        'Chính phủ',
        'Quy định về hoạt động mỹ thuật, nhiếp ảnh và triển lãm',
      ),
    ],
  },
  {
    code: '1.004662',
    name: 'Tiếp nhận hồ sơ thông báo sản phẩm quảng cáo trên bảng quảng cáo, băng-rôn',
    field: 'QUANG_CAO',
    level: 'province',
    agencies: ['vhttdl'],
    deadline: wd(5),
    fees: [],
    online: 'full',
    components: [
      doc('Văn bản thông báo sản phẩm quảng cáo theo mẫu'),
      doc('Ma-két sản phẩm quảng cáo in màu'),
      doc('Giấy tờ chứng minh sự hợp chuẩn, hợp quy của sản phẩm', {
        originals: 0,
        copies: 1,
        required: false,
      }),
    ],
    applicants: both,
    result: 'Văn bản trả lời (nếu có ý kiến về sản phẩm quảng cáo)',
    legal: [law('16/2012/QH13', '2012-06-21', 'Quốc hội', 'Luật Quảng cáo')],
  },
  {
    code: '1.001613',
    name: 'Cấp Giấy chứng nhận đăng ký hoạt động của cơ sở trợ giúp nạn nhân bạo lực gia đình',
    field: 'GIA_DINH',
    level: 'province',
    agencies: ['vhttdl'],
    deadline: wd(10),
    fees: [],
    online: 'partial',
    components: [
      doc('Tờ khai đăng ký hoạt động theo mẫu'),
      doc('Giấy tờ chứng minh đủ điều kiện về cơ sở vật chất, nhân sự', { originals: 0, copies: 1 }),
    ],
    applicants: org,
    result: 'Giấy chứng nhận đăng ký hoạt động',
    legal: [law('13/2022/QH15', '2022-11-14', 'Quốc hội', 'Luật Phòng, chống bạo lực gia đình')],
  },
  {
    code: '2.001628',
    name: 'Thông báo thành lập thư viện đối với thư viện cộng đồng',
    field: 'THU_VIEN',
    level: 'commune',
    agencies: COMMUNES,
    deadline: wd(5),
    fees: [],
    online: 'full',
    components: [doc('Thông báo thành lập thư viện theo mẫu'), doc('Danh mục tài nguyên thông tin')],
    applicants: both,
    result: 'Thư viện được ghi vào sổ theo dõi',
    legal: [law('46/2019/QH14', '2019-11-21', 'Quốc hội', 'Luật Thư viện')],
  },
  {
    code: '1.003635',
    name: 'Cấp giấy phép hoạt động bảo tàng ngoài công lập',
    field: 'DI_SAN_VAN_HOA',
    level: 'province',
    agencies: ['vhttdl'],
    deadline: wd(30),
    fees: [],
    online: 'partial',
    components: [
      doc('Văn bản đề nghị cấp giấy phép hoạt động bảo tàng'),
      doc('Quy chế tổ chức và hoạt động'),
      doc('Nội dung, giải pháp trưng bày'),
    ],
    applicants: org,
    result: 'Giấy phép hoạt động bảo tàng',
    legal: [law('45/2024/QH15', '2024-11-23', 'Quốc hội', 'Luật Di sản văn hóa')],
  },
  // Du lịch
  {
    code: '1.004628',
    name: 'Cấp Giấy phép kinh doanh dịch vụ lữ hành nội địa',
    field: 'DU_LICH',
    level: 'province',
    agencies: ['vhttdl'],
    deadline: wd(10),
    fees: [fee('Phí thẩm định cấp giấy phép', 3000000)],
    online: 'full',
    components: [
      doc('Đơn đề nghị cấp giấy phép theo mẫu'),
      doc('Giấy chứng nhận ký quỹ kinh doanh dịch vụ lữ hành nội địa'),
      doc('Quyết định bổ nhiệm người phụ trách kinh doanh dịch vụ lữ hành', { originals: 0, copies: 1 }),
      doc('Văn bằng, chứng chỉ của người phụ trách', { originals: 0, copies: 1 }),
    ],
    applicants: org,
    result: 'Giấy phép kinh doanh dịch vụ lữ hành nội địa',
    legal: DL_LAW,
  },
  {
    code: '1.001432',
    name: 'Cấp thẻ hướng dẫn viên du lịch tại điểm',
    field: 'DU_LICH',
    level: 'province',
    agencies: ['vhttdl'],
    deadline: wd(15),
    fees: [fee('Phí thẩm định cấp thẻ', 200000)],
    online: 'full',
    components: [
      doc('Đơn đề nghị cấp thẻ theo mẫu'),
      doc('Sơ yếu lý lịch'),
      doc('Giấy chứng nhận sức khỏe'),
      doc('Giấy chứng nhận đạt yêu cầu kiểm tra nghiệp vụ'),
      doc('02 ảnh chân dung 3cm x 4cm', { originals: 2 }),
    ],
    applicants: person,
    result: 'Thẻ hướng dẫn viên du lịch tại điểm',
    legal: DL_LAW,
  },
  {
    code: '1.001440',
    name: 'Cấp thẻ hướng dẫn viên du lịch nội địa',
    field: 'DU_LICH',
    level: 'province',
    agencies: ['vhttdl'],
    deadline: wd(10),
    fees: [fee('Phí thẩm định cấp thẻ', 650000)],
    online: 'full',
    components: [
      doc('Đơn đề nghị cấp thẻ theo mẫu'),
      doc('Sơ yếu lý lịch'),
      doc('Bản sao văn bằng, chứng chỉ nghiệp vụ hướng dẫn du lịch', { originals: 0, copies: 1 }),
      doc('Giấy chứng nhận sức khỏe'),
    ],
    applicants: person,
    result: 'Thẻ hướng dẫn viên du lịch nội địa',
    legal: DL_LAW,
  },
  {
    code: '1.003596',
    name: 'Công nhận hạng cơ sở lưu trú du lịch: hạng 1 sao, 2 sao, 3 sao đối với khách sạn, biệt thự du lịch, căn hộ du lịch, tàu thủy lưu trú du lịch',
    field: 'DU_LICH',
    level: 'province',
    agencies: ['vhttdl'],
    deadline: cd(30),
    fees: [],
    online: 'partial',
    components: [
      doc('Đơn đề nghị công nhận hạng theo mẫu'),
      doc('Bản tự đánh giá chất lượng cơ sở lưu trú theo tiêu chuẩn quốc gia'),
      doc('Danh sách người quản lý và nhân viên'),
    ],
    applicants: org,
    result: 'Quyết định công nhận hạng và biển hạng',
    legal: DL_LAW,
    cases: [
      { name: 'Hạng 1 sao, 2 sao', deadline: cd(30), fees: [fee('Phí thẩm định', 1500000)] },
      { name: 'Hạng 3 sao', deadline: cd(30), fees: [fee('Phí thẩm định', 2000000)] },
    ],
  },
  {
    code: '1.001455',
    name: 'Công nhận điểm du lịch',
    field: 'DU_LICH',
    level: 'province',
    agencies: ['vhttdl'],
    deadline: wd(30),
    fees: [],
    online: 'partial',
    components: [
      doc('Đơn đề nghị công nhận điểm du lịch'),
      doc('Bản thuyết minh về điểm du lịch đáp ứng điều kiện'),
    ],
    applicants: org,
    result: 'Quyết định công nhận điểm du lịch',
    legal: DL_LAW,
  },
  // Thể dục thể thao
  {
    code: '1.000953',
    name: 'Cấp Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao đối với môn Bơi, Lặn',
    field: 'THE_DUC_THE_THAO',
    level: 'province',
    agencies: ['vhttdl'],
    deadline: wd(7),
    fees: [fee('Phí thẩm định', 1500000, 'Tại phường; tại xã 750.000 đồng')],
    online: 'full',
    components: [
      doc('Đơn đề nghị cấp Giấy chứng nhận theo mẫu'),
      doc('Bản tóm tắt tình hình chuẩn bị các điều kiện kinh doanh'),
    ],
    applicants: both,
    result: 'Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao',
    legal: TT_LAW,
  },
  {
    code: '1.001050',
    name: 'Cấp Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao đối với môn Thể dục thẩm mỹ',
    field: 'THE_DUC_THE_THAO',
    level: 'province',
    agencies: ['vhttdl'],
    deadline: wd(7),
    fees: [fee('Phí thẩm định', 1500000)],
    online: 'full',
    components: [
      doc('Đơn đề nghị cấp Giấy chứng nhận theo mẫu'),
      doc('Bản tóm tắt tình hình chuẩn bị các điều kiện kinh doanh'),
    ],
    applicants: both,
    result: 'Giấy chứng nhận đủ điều kiện kinh doanh hoạt động thể thao',
    legal: TT_LAW,
  },
  {
    code: '2.000794',
    name: 'Công nhận câu lạc bộ thể thao cơ sở',
    field: 'THE_DUC_THE_THAO',
    level: 'commune',
    agencies: COMMUNES,
    deadline: wd(7),
    fees: [],
    online: 'full',
    components: [doc('Đơn đề nghị công nhận'), doc('Danh sách hội viên, quy chế hoạt động')],
    applicants: both,
    result: 'Quyết định công nhận câu lạc bộ thể thao cơ sở',
    legal: TT_LAW,
  },
  // Nội vụ
  {
    code: '1.005384',
    name: 'Thủ tục thi tuyển công chức',
    field: 'CONG_CHUC_VIEN_CHUC',
    level: 'province',
    agencies: ['noivu'],
    deadline: cd(90),
    fees: [fee('Phí dự tuyển', 500000, 'Dưới 100 thí sinh; giảm dần theo số thí sinh')],
    online: 'partial',
    components: [doc('Phiếu đăng ký dự tuyển theo mẫu')],
    applicants: person,
    result: 'Quyết định tuyển dụng công chức',
    legal: NV_LAW,
  },
  {
    code: '1.005388',
    name: 'Thủ tục xét tuyển viên chức',
    field: 'CONG_CHUC_VIEN_CHUC',
    level: 'province',
    agencies: ['noivu'],
    deadline: cd(60),
    fees: [fee('Phí dự tuyển', 500000)],
    online: 'partial',
    components: [doc('Phiếu đăng ký dự tuyển theo mẫu')],
    applicants: person,
    result: 'Quyết định tuyển dụng viên chức',
    legal: NV_LAW,
  },
  {
    code: '1.003827',
    name: 'Thủ tục thẩm định việc thành lập đơn vị sự nghiệp công lập',
    field: 'TO_CHUC_BIEN_CHE',
    level: 'province',
    agencies: ['noivu'],
    deadline: wd(15),
    fees: [],
    online: 'partial',
    components: [
      doc('Tờ trình đề nghị thành lập'),
      doc('Đề án thành lập đơn vị sự nghiệp công lập'),
      doc('Dự thảo quyết định thành lập'),
    ],
    applicants: 'Cơ quan, tổ chức',
    result: 'Văn bản thẩm định',
    legal: [
      law(
        '120/2020/NĐ-CP',
        '2020-10-07',
        'Chính phủ',
        'Quy định về thành lập, tổ chức lại, giải thể đơn vị sự nghiệp công lập',
      ),
    ],
  },
  {
    code: '1.000775',
    name: 'Thủ tục tặng Bằng khen của Chủ tịch Ủy ban nhân dân cấp tỉnh',
    field: 'THI_DUA_KHEN_THUONG',
    level: 'province',
    agencies: ['noivu'],
    deadline: wd(20),
    fees: [],
    online: 'partial',
    components: [doc('Tờ trình đề nghị khen thưởng'), doc('Báo cáo thành tích của cá nhân, tập thể')],
    applicants: both,
    result: 'Quyết định khen thưởng và Bằng khen',
    legal: TDKT_LAW,
  },
  {
    code: '1.001055',
    name: 'Thủ tục đăng ký hoạt động tín ngưỡng',
    field: 'TIN_NGUONG_TON_GIAO',
    level: 'commune',
    agencies: COMMUNES,
    deadline: wd(15),
    fees: [],
    online: 'partial',
    components: [doc('Văn bản đăng ký theo mẫu'), doc('Danh mục hoạt động tín ngưỡng diễn ra trong năm')],
    applicants: 'Người đại diện cơ sở tín ngưỡng',
    result: 'Văn bản chấp thuận (nếu không có ý kiến thì được hoạt động)',
    legal: TG_LAW,
  },
  {
    code: '1.001078',
    name: 'Thủ tục đề nghị tổ chức cuộc lễ ngoài cơ sở tôn giáo, địa điểm hợp pháp đã đăng ký',
    field: 'TIN_NGUONG_TON_GIAO',
    level: 'province',
    agencies: ['noivu'],
    deadline: wd(20),
    fees: [],
    online: 'partial',
    components: [doc('Văn bản đề nghị theo mẫu')],
    applicants: 'Tổ chức tôn giáo',
    result: 'Văn bản chấp thuận',
    legal: TG_LAW,
  },
  // Xây dựng
  {
    code: '1.009972',
    name: 'Cấp giấy phép xây dựng mới đối với công trình cấp đặc biệt, cấp I, cấp II (công trình không theo tuyến, theo tuyến trong đô thị, tín ngưỡng, tôn giáo, tượng đài, tranh hoành tráng, quảng cáo)',
    field: 'HOAT_DONG_XAY_DUNG',
    level: 'province',
    agencies: ['xaydung'],
    deadline: wd(20),
    fees: [fee('Lệ phí cấp giấy phép xây dựng', 150000)],
    online: 'full',
    components: [
      doc('Đơn đề nghị cấp giấy phép xây dựng theo mẫu'),
      doc('Giấy tờ hợp pháp về đất đai', { originals: 0, copies: 1, fromNationalDb: true }),
      doc('Bản vẽ thiết kế xây dựng', { originals: 2 }),
      doc('Văn bản thẩm định thiết kế xây dựng', { originals: 0, copies: 1 }),
    ],
    applicants: org,
    result: 'Giấy phép xây dựng',
    legal: XD_LAW,
  },
  {
    code: '1.009974',
    name: 'Cấp giấy phép xây dựng sửa chữa, cải tạo đối với công trình cấp đặc biệt, cấp I, cấp II',
    field: 'HOAT_DONG_XAY_DUNG',
    level: 'province',
    agencies: ['xaydung'],
    deadline: wd(20),
    fees: [fee('Lệ phí cấp giấy phép xây dựng', 150000)],
    online: 'full',
    components: [
      doc('Đơn đề nghị cấp giấy phép sửa chữa, cải tạo theo mẫu'),
      doc('Giấy tờ hợp pháp về quyền sở hữu công trình', { originals: 0, copies: 1 }),
      doc('Bản vẽ hiện trạng và bản vẽ thiết kế sửa chữa, cải tạo', { originals: 2 }),
    ],
    applicants: org,
    result: 'Giấy phép xây dựng',
    legal: XD_LAW,
  },
  {
    code: '1.010008',
    name: 'Cấp giấy phép di dời công trình',
    field: 'HOAT_DONG_XAY_DUNG',
    level: 'province',
    agencies: ['xaydung'],
    deadline: wd(20),
    fees: [fee('Lệ phí', 150000)],
    online: 'partial',
    components: [doc('Đơn đề nghị cấp giấy phép di dời công trình'), doc('Phương án di dời công trình')],
    applicants: both,
    result: 'Giấy phép di dời công trình',
    legal: XD_LAW,
  },
  {
    code: '1.009994',
    name: 'Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ',
    field: 'HOAT_DONG_XAY_DUNG',
    level: 'commune',
    agencies: COMMUNES,
    deadline: wd(15),
    fees: [fee('Lệ phí cấp giấy phép xây dựng', 75000)],
    online: 'full',
    components: [
      doc('Đơn đề nghị cấp giấy phép xây dựng theo mẫu'),
      doc('Giấy tờ hợp pháp về đất đai', { originals: 0, copies: 1, fromNationalDb: true }),
      doc('Bản vẽ thiết kế xây dựng', { originals: 2 }),
    ],
    applicants: person,
    result: 'Giấy phép xây dựng',
    legal: XD_LAW,
  },
  {
    code: '1.009989',
    name: 'Cấp chứng chỉ hành nghề hoạt động xây dựng hạng II, hạng III',
    field: 'HOAT_DONG_XAY_DUNG',
    level: 'province',
    agencies: ['xaydung'],
    deadline: wd(20),
    fees: [fee('Lệ phí cấp chứng chỉ hành nghề', 150000)],
    online: 'full',
    components: [
      doc('Đơn đề nghị cấp chứng chỉ theo mẫu'),
      doc('Văn bằng do cơ sở đào tạo hợp pháp cấp', { originals: 0, copies: 1 }),
      doc('Ảnh chân dung 4cm x 6cm'),
    ],
    applicants: person,
    result: 'Chứng chỉ hành nghề hoạt động xây dựng',
    legal: XD_LAW,
  },
  {
    code: '1.009988',
    name: 'Cấp chứng chỉ năng lực hoạt động xây dựng hạng II, hạng III',
    field: 'HOAT_DONG_XAY_DUNG',
    level: 'province',
    agencies: ['xaydung'],
    deadline: wd(20),
    fees: [fee('Phí thẩm định cấp chứng chỉ năng lực', 1000000)],
    online: 'full',
    components: [
      doc('Đơn đề nghị cấp chứng chỉ năng lực theo mẫu'),
      doc('Quyết định thành lập hoặc giấy chứng nhận đăng ký doanh nghiệp', {
        originals: 0,
        copies: 1,
        fromNationalDb: true,
      }),
    ],
    applicants: org,
    result: 'Chứng chỉ năng lực hoạt động xây dựng',
    legal: XD_LAW,
  },
  {
    code: '1.007750',
    name: 'Thông báo nhà ở hình thành trong tương lai đủ điều kiện được bán, cho thuê mua',
    field: 'NHA_O',
    level: 'province',
    agencies: ['xaydung'],
    deadline: wd(15),
    fees: [],
    online: 'partial',
    components: [
      doc('Văn bản đề nghị theo mẫu'),
      doc('Giấy tờ về quyền sử dụng đất, hồ sơ dự án', { originals: 0, copies: 1 }),
    ],
    applicants: org,
    result: 'Văn bản thông báo nhà ở đủ điều kiện được bán, cho thuê mua',
    legal: [law('27/2023/QH15', '2023-11-28', 'Quốc hội', 'Luật Kinh doanh bất động sản')],
  },
];

/** A plausible internal process of an agency for a procedure, its budgets adding up to the deadline. */
export function demoProcess(
  row: Row,
  agencyKey: AgencyKey,
  unitsOf: (key: AgencyKey) => string[],
): ProcessStep[] {
  const u = unitsOf(agencyKey);
  const desk =
    agencyKey === 'tuphap' || agencyKey === 'vhttdl' || agencyKey === 'noivu' || agencyKey === 'xaydung'
      ? null
      : (u[0] ?? null);
  const handler = u[1] ?? u[0] ?? null;
  const step = (
    role: ProcessStep['role'],
    budget: Duration,
    unit: string | null,
    description: string,
    extra: Partial<ProcessStep> = {},
  ): ProcessStep => ({
    role,
    description,
    unit,
    cooperatingAgency: null,
    budget,
    parallelGroup: null,
    branch: null,
    ...extra,
  });
  const h = (amount: number): Duration => ({ amount, unit: 'working_hours' });
  const d = row.deadline;
  if (d.unit === 'working_days' && d.amount === 0) {
    return [
      step('receive', h(0.5), desk, 'Tiếp nhận, kiểm tra hồ sơ'),
      step('handle', h(4), handler, 'Thẩm định, trình ký'),
      step('approve', h(2), null, 'Lãnh đạo ký'),
      step('return', h(1), desk, 'Vào sổ, trả kết quả'),
    ];
  }
  // Working days to share out: a calendar deadline is given to the steps at about two thirds.
  const total = d.unit === 'working_days' ? d.amount : Math.floor(d.amount * 0.6);
  if (total < 4) {
    return [
      step('receive', wd(0.25), desk, 'Tiếp nhận hồ sơ, chuyển xử lý'),
      step('handle', wd(total - 1), handler, 'Thẩm định, dự thảo kết quả'),
      step('approve', wd(0.5), null, 'Lãnh đạo phê duyệt, ký'),
      step('issue', wd(0.25), desk, 'Vào sổ, trả kết quả'),
    ];
  }
  const fixed = 0.5 + 0.5 + 1 + 0.5;
  const handle = total - fixed;
  const steps = [
    step('receive', wd(0.5), desk, 'Tiếp nhận hồ sơ, chuyển xử lý'),
    step('assign', wd(0.5), null, 'Lãnh đạo phòng phân công'),
    step('handle', wd(handle), handler, 'Chuyên viên thẩm định, dự thảo kết quả'),
    step('approve', wd(1), null, 'Lãnh đạo phê duyệt, ký'),
    step('issue', wd(0.5), u[0] ?? null, 'Vào sổ, đóng dấu, phát hành, trả kết quả'),
  ];
  // Construction permits: the commune's opinion is sought while the department appraises.
  if (row.field === 'HOAT_DONG_XAY_DUNG' && agencyKey === 'xaydung') {
    steps.splice(
      2,
      1,
      step('handle', wd(handle), handler, 'Thẩm định hồ sơ, kiểm tra hiện trường', {
        parallelGroup: 'lienthong',
        branch: 'so',
      }),
      step('cooperate', wd(Math.min(handle, 5)), null, 'Lấy ý kiến UBND phường về quy hoạch, hiện trạng', {
        parallelGroup: 'lienthong',
        branch: 'xa',
        cooperatingAgency: '000.21.31.H20',
      }),
    );
  }
  return steps;
}

const DEMO_FORM = `{\\rtf1\\ansi\\deff0{\\fonttbl{\\f0 Times New Roman;}}\\f0\\fs26
\\qc\\b C\\u7896?NG H\\u210?A X\\u195? H\\u7896?I CH\\u7910? NGH\\u296?A VI\\u7878?T NAM\\b0\\par
\\qc T\\u7900? KHAI \\u272?\\u258?NG K\\u221? KHAI SINH\\par
\\ql H\\u7885? v\\u224? t\\u234?n ng\\u432?\\u7901?i y\\u234?u c\\u7847?u: ..............................\\par
}`;

/**
 * The published content of a demo procedure: every method states the procedure's own deadline and fees.
 * `formId` is the demo form template given to the first component of 1.001193 (Đăng ký khai sinh).
 */
export function demoContent(
  row: Row,
  agencyCode: (key: AgencyKey) => string,
  formId: number | null,
): ProcedureContent {
  const components =
    row.code === '1.001193'
      ? row.components.map((c, i) => (i === 0 ? { ...c, formTemplateId: formId } : c))
      : row.components;
  const methods: ProcedureContent['methods'] = [
    { kind: 'in_person', deadline: row.deadline, fees: row.fees },
    { kind: 'postal', deadline: row.deadline, fees: row.fees },
    { kind: 'online', deadline: row.deadline, fees: row.fees, note: 'Nộp qua Cổng Dịch vụ công quốc gia' },
  ];
  return {
    name: row.name,
    field: row.field,
    level: row.level,
    agencies: row.agencies.map((k) => agencyCode(k)),
    decision: {
      number: '1234/QĐ-UBND',
      date: '2025-06-30',
      issuer: 'Chủ tịch Ủy ban nhân dân tỉnh Đồng Tháp',
      title: 'Công bố danh mục thủ tục hành chính (minh họa)',
    },
    steps:
      'Bước 1: Tổ chức, cá nhân nộp hồ sơ trực tiếp, qua bưu chính công ích hoặc trực tuyến.\nBước 2: Cán bộ tiếp nhận kiểm tra hồ sơ; hồ sơ đầy đủ thì cấp Giấy tiếp nhận và hẹn trả kết quả.\nBước 3: Cơ quan có thẩm quyền giải quyết theo quy định.\nBước 4: Trả kết quả.',
    methods,
    components,
    deadline: row.deadline,
    fees: row.fees,
    applicants: row.applicants,
    result: { description: row.result, paper: true, electronic: row.online === 'full' },
    requirements: row.requirements ?? 'Không',
    legalBasis: row.legal,
    onlineLevel: row.online,
    fullOnlineEligible: row.online === 'full',
    notBoundToBoundary: row.notBound ?? false,
    cases: (row.cases ?? []).map((c) => ({
      name: c.name,
      deadline: c.deadline,
      fees: c.fees,
      components: c.components ?? [],
    })),
  };
}

/** Loads the demo catalog inside the demo seeding transaction. */
export async function seedDemoCatalog(tx: Tx, today = '2025-07-01'): Promise<number> {
  const agencyRows = await tx.select({ id: agencies.id, code: agencies.code }).from(agencies);
  const unitRows = await tx.select({ agencyId: units.agencyId, name: units.name }).from(units);
  const fieldRows = await tx
    .select({ id: procedureFields.id, code: procedureFields.code })
    .from(procedureFields);
  const codeOf = new Map(demoAgencies.map((a) => [a.key as AgencyKey, a.code]));
  const idOf = new Map(agencyRows.map((a) => [a.code, a.id]));
  const fieldId = new Map(fieldRows.map((f) => [f.code, f.id]));
  const unitsOf = (key: AgencyKey) =>
    unitRows.filter((u) => u.agencyId === idOf.get(codeOf.get(key)!)).map((u) => u.name);
  const [form] = await tx
    .insert(formTemplates)
    .values({
      sha256: contentHash(DEMO_FORM),
      fileName: 'to-khai-dang-ky-khai-sinh.rtf',
      mediaType: 'application/rtf',
      size: Buffer.byteLength(DEMO_FORM),
      data: Buffer.from(DEMO_FORM),
    })
    .returning({ id: formTemplates.id });
  for (const row of demoProcedures) {
    const content = demoContent(row, (k) => codeOf.get(k)!, form!.id);
    const [p] = await tx.insert(procedures).values({ code: row.code }).returning({ id: procedures.id });
    const [v] = await tx
      .insert(procedureVersions)
      .values({
        procedureId: p!.id,
        seq: 1,
        status: 'published',
        effectiveFrom: today,
        name: content.name,
        fieldId: fieldId.get(content.field)!,
        level: content.level,
        onlineLevel: content.onlineLevel,
        deadlineAmount: content.deadline.amount,
        deadlineUnit: content.deadline.unit,
        searchText: searchTextOf(row.code, content.name),
        content,
        contentHash: contentHash(content),
        note: 'Dữ liệu minh họa',
        publishedAt: new Date(`${today}T00:00:00+07:00`),
      })
      .returning({ id: procedureVersions.id });
    await tx
      .insert(procedureVersionAgencies)
      .values(content.agencies.map((c) => ({ versionId: v!.id, agencyId: idOf.get(c)! })));
    for (const key of row.agencies) {
      await tx.insert(procedureProcesses).values({
        procedureId: p!.id,
        agencyId: idOf.get(codeOf.get(key)!)!,
        steps: demoProcess(row, key, unitsOf),
      });
    }
  }

  return demoProcedures.length;
}
