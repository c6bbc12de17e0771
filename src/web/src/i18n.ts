import i18n from 'i18next';
import { initReactI18next } from 'react-i18next';

const vi = {
  app: {
    title: 'Hệ thống thông tin giải quyết thủ tục hành chính',
    subtitle: 'Một cửa điện tử',
    skip: 'Bỏ qua, đến nội dung chính',
    language: 'Ngôn ngữ',
  },
  nav: {
    home: 'Trang chủ',
    agencies: 'Cơ quan',
    calendar: 'Lịch làm việc',
    login: 'Đăng nhập',
    logout: 'Đăng xuất',
  },
  home: {
    heading: 'Tra cứu thủ tục hành chính',
    searchLabel: 'Tìm thủ tục',
    searchPlaceholder: 'Nhập tên hoặc mã thủ tục, có thể gõ không dấu (ví dụ: dang ky khai sinh)',
    results: '{{count}} thủ tục',
    none: 'Không tìm thấy thủ tục phù hợp.',
    unavailable: 'Danh mục thủ tục chưa sẵn sàng.',
    code: 'Mã',
    field: 'Lĩnh vực',
    deadline: 'Thời hạn',
    online: { full: 'Toàn trình', partial: 'Một phần' },
  },
  agencies: {
    heading: 'Danh sách cơ quan',
    name: 'Tên cơ quan',
    code: 'Mã định danh',
    address: 'Địa chỉ',
    level: 'Cấp',
  },
  levels: {
    ministry: 'Bộ, ngành',
    province: 'Cấp tỉnh',
    department: 'Sở, ban, ngành',
    district: 'Cấp huyện',
    commune: 'Cấp xã',
  },
  calendar: {
    heading: 'Lịch làm việc năm {{year}}',
    year: 'Năm',
    legend: 'Chú thích',
    kinds: {
      holiday: 'Nghỉ lễ, Tết',
      compensatory: 'Nghỉ bù',
      day_off: 'Ngày nghỉ theo thông báo',
      make_up_working_day: 'Ngày làm bù',
      weekend: 'Thứ Bảy, Chủ nhật',
    },
    source: {
      stored: 'Theo thông báo do quản trị nhập',
      built_in: 'Theo thông báo có sẵn',
      computed: 'Tính theo Bộ luật Lao động',
    },
    editHint:
      'Quản trị: bấm vào một ngày trong tuần để đặt hoặc bỏ ngày nghỉ, vào thứ Bảy hoặc Chủ nhật để đặt hoặc bỏ ngày làm bù, rồi bấm Lưu.',
    save: 'Lưu lịch năm {{year}}',
    saved: 'Đã lưu lịch năm {{year}}.',
    reset: 'Hủy thay đổi',
    weekdays: ['T2', 'T3', 'T4', 'T5', 'T6', 'T7', 'CN'],
    months: [
      'Tháng 1',
      'Tháng 2',
      'Tháng 3',
      'Tháng 4',
      'Tháng 5',
      'Tháng 6',
      'Tháng 7',
      'Tháng 8',
      'Tháng 9',
      'Tháng 10',
      'Tháng 11',
      'Tháng 12',
    ],
    list: 'Danh sách ngày nghỉ và ngày làm bù',
  },
  login: {
    heading: 'Đăng nhập',
    username: 'Tên đăng nhập',
    usernameHint: 'Cán bộ: tên đăng nhập; người dân: số định danh cá nhân; doanh nghiệp: mã số thuế',
    password: 'Mật khẩu',
    submit: 'Đăng nhập',
    welcome: 'Xin chào, {{name}}',
  },
  common: {
    loading: 'Đang tải…',
    error: 'Đã có lỗi xảy ra.',
    retry: 'Thử lại',
    notFound: 'Không tìm thấy trang.',
  },
};

type Resources = typeof vi;

const en: Resources = {
  app: {
    title: 'Administrative procedures information system',
    subtitle: 'Electronic one-stop shop',
    skip: 'Skip to main content',
    language: 'Language',
  },
  nav: {
    home: 'Home',
    agencies: 'Agencies',
    calendar: 'Working calendar',
    login: 'Log in',
    logout: 'Log out',
  },
  home: {
    heading: 'Find an administrative procedure',
    searchLabel: 'Search procedures',
    searchPlaceholder: 'Type a procedure name or code; accents are optional (e.g. dang ky khai sinh)',
    results: '{{count}} procedures',
    none: 'No matching procedure.',
    unavailable: 'The procedure catalog is not available yet.',
    code: 'Code',
    field: 'Field',
    deadline: 'Deadline',
    online: { full: 'Fully online', partial: 'Partly online' },
  },
  agencies: { heading: 'Agencies', name: 'Name', code: 'Identifier', address: 'Address', level: 'Level' },
  levels: {
    ministry: 'Ministry',
    province: 'Province',
    department: 'Department',
    district: 'District',
    commune: 'Commune',
  },
  calendar: {
    heading: 'Working calendar {{year}}',
    year: 'Year',
    legend: 'Legend',
    kinds: {
      holiday: 'Public holiday',
      compensatory: 'Compensatory day off',
      day_off: 'Day off by notice',
      make_up_working_day: 'Make-up working day',
      weekend: 'Saturday, Sunday',
    },
    source: {
      stored: 'From the notice entered by administrators',
      built_in: 'From the built-in notice',
      computed: 'Computed from the Labour Code',
    },
    editHint:
      'Administrators: click a weekday to add or remove a day off, a Saturday or Sunday to add or remove a make-up working day, then Save.',
    save: 'Save the {{year}} calendar',
    saved: 'The {{year}} calendar was saved.',
    reset: 'Discard changes',
    weekdays: ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'],
    months: [
      'January',
      'February',
      'March',
      'April',
      'May',
      'June',
      'July',
      'August',
      'September',
      'October',
      'November',
      'December',
    ],
    list: 'Days off and make-up working days',
  },
  login: {
    heading: 'Log in',
    username: 'Username',
    usernameHint: 'Staff: username; citizens: personal ID number; businesses: tax code',
    password: 'Password',
    submit: 'Log in',
    welcome: 'Hello, {{name}}',
  },
  common: {
    loading: 'Loading…',
    error: 'Something went wrong.',
    retry: 'Try again',
    notFound: 'Page not found.',
  },
};

export const LANGUAGE_KEY = 'motcua.language';

function initialLanguage(): 'vi' | 'en' {
  try {
    return localStorage.getItem(LANGUAGE_KEY) === 'en' ? 'en' : 'vi';
  } catch {
    return 'vi';
  }
}

void i18n.use(initReactI18next).init({
  resources: { vi: { translation: vi }, en: { translation: en } },
  lng: initialLanguage(),
  fallbackLng: 'vi',
  interpolation: { escapeValue: false },
  returnObjects: true,
});

i18n.on('languageChanged', (lng) => {
  document.documentElement.lang = lng;
  try {
    localStorage.setItem(LANGUAGE_KEY, lng);
  } catch {
    // Private browsing: the choice lasts for this page only.
  }
});
document.documentElement.lang = i18n.language;

export default i18n;
