-- Published procedure versions are immutable: dossiers keep the version they were filed under.
-- The only change allowed is effective_to, set when a later version is published.
CREATE FUNCTION procedure_versions_guard() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status = 'published' THEN
      RAISE EXCEPTION 'published procedure version % is immutable', OLD.id USING ERRCODE = 'check_violation';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'published'
     AND (to_jsonb(NEW) - 'effective_to') IS DISTINCT FROM (to_jsonb(OLD) - 'effective_to') THEN
    RAISE EXCEPTION 'published procedure version % is immutable', OLD.id USING ERRCODE = 'check_violation';
  END IF;
  RETURN NEW;
END $$;
--> statement-breakpoint
CREATE TRIGGER procedure_versions_guard BEFORE UPDATE OR DELETE ON procedure_versions
  FOR EACH ROW EXECUTE FUNCTION procedure_versions_guard();
--> statement-breakpoint
-- Fields (lĩnh vực) of the national catalog that provincial and commune agencies handle. Reference data
-- every installation needs before it can import a catalog; more can be added by SQL or a later API.
INSERT INTO procedure_fields (code, name) VALUES
  ('HO_TICH', 'Hộ tịch'),
  ('CHUNG_THUC', 'Chứng thực'),
  ('LY_LICH_TU_PHAP', 'Lý lịch tư pháp'),
  ('CONG_CHUNG', 'Công chứng'),
  ('LUAT_SU', 'Luật sư'),
  ('NUOI_CON_NUOI', 'Nuôi con nuôi'),
  ('QUOC_TICH', 'Quốc tịch'),
  ('TRO_GIUP_PHAP_LY', 'Trợ giúp pháp lý'),
  ('GIAM_DINH_TU_PHAP', 'Giám định tư pháp'),
  ('DAU_GIA_TAI_SAN', 'Đấu giá tài sản'),
  ('HOA_GIAI_CO_SO', 'Hòa giải ở cơ sở'),
  ('VAN_HOA_CO_SO', 'Văn hóa cơ sở'),
  ('DI_SAN_VAN_HOA', 'Di sản văn hóa'),
  ('NGHE_THUAT_BIEU_DIEN', 'Nghệ thuật biểu diễn'),
  ('QUANG_CAO', 'Quảng cáo'),
  ('THU_VIEN', 'Thư viện'),
  ('GIA_DINH', 'Gia đình'),
  ('MY_THUAT', 'Mỹ thuật, nhiếp ảnh, triển lãm'),
  ('DU_LICH', 'Du lịch'),
  ('THE_DUC_THE_THAO', 'Thể dục thể thao'),
  ('TO_CHUC_BIEN_CHE', 'Tổ chức – biên chế'),
  ('CONG_CHUC_VIEN_CHUC', 'Công chức, viên chức'),
  ('THI_DUA_KHEN_THUONG', 'Thi đua – khen thưởng'),
  ('TIN_NGUONG_TON_GIAO', 'Tín ngưỡng, tôn giáo'),
  ('VAN_THU_LUU_TRU', 'Văn thư và lưu trữ'),
  ('CHINH_QUYEN_DIA_PHUONG', 'Chính quyền địa phương'),
  ('HOAT_DONG_XAY_DUNG', 'Hoạt động xây dựng'),
  ('NHA_O', 'Nhà ở'),
  ('KINH_DOANH_BAT_DONG_SAN', 'Kinh doanh bất động sản'),
  ('QUY_HOACH_KIEN_TRUC', 'Quy hoạch xây dựng, kiến trúc'),
  ('HA_TANG_KY_THUAT', 'Hạ tầng kỹ thuật'),
  ('VAT_LIEU_XAY_DUNG', 'Vật liệu xây dựng');
