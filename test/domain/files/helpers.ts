/** Real minimal files of each kind, built byte by byte, for the sniffing tests. */

const encoder = new TextEncoder();

export function bytesOf(...parts: (string | number[] | Uint8Array)[]): Uint8Array {
  const chunks = parts.map((p) =>
    typeof p === 'string' ? encoder.encode(p) : p instanceof Uint8Array ? p : Uint8Array.from(p),
  );
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}

export const minimalPdf = bytesOf(
  '%PDF-1.4\n%\xE2\xE3\xCF\xD3\n',
  '1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n',
  '2 0 obj<</Type/Pages/Kids[]/Count 0>>endobj\n',
  'trailer<</Root 1 0 R>>\n%%EOF\n',
);

export const minimalPng = bytesOf(
  [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  [0, 0, 0, 13],
  'IHDR',
  [0, 0, 0, 1, 0, 0, 0, 1, 8, 6, 0, 0, 0],
  [0x1f, 0x15, 0xc4, 0x89],
);

export const minimalJpeg = bytesOf(
  [0xff, 0xd8, 0xff, 0xe0, 0x00, 0x10],
  'JFIF\0',
  [1, 1, 0, 0, 1, 0, 1, 0, 0],
  [0xff, 0xd9],
);

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(data: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of data) c = (crcTable[(c ^ b) & 0xff] ?? 0) ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

class Writer {
  private readonly parts: number[] = [];
  get length(): number {
    return this.parts.length;
  }
  u16(v: number): this {
    this.parts.push(v & 0xff, (v >>> 8) & 0xff);
    return this;
  }
  u32(v: number): this {
    return this.u16(v & 0xffff).u16(Math.floor(v / 0x10000) & 0xffff);
  }
  u64(v: number): this {
    return this.u32(v % 0x100000000).u32(Math.floor(v / 0x100000000));
  }
  bytes(b: Uint8Array): this {
    for (const x of b) this.parts.push(x);
    return this;
  }
  done(): Uint8Array {
    return Uint8Array.from(this.parts);
  }
}

export interface ZipOptions {
  /** The archive comment, after the end-of-central-directory record. */
  comment?: string;
  /** Write ZIP64 end records and a ZIP64 extra field for the local header offsets. */
  zip64?: boolean;
}

/** A ZIP with stored (uncompressed) entries, as APPNOTE.TXT describes it. */
export function makeZip(
  entries: { name: string; data: string | Uint8Array }[],
  options: ZipOptions = {},
): Uint8Array {
  const w = new Writer();
  const central = new Writer();
  for (const entry of entries) {
    const name = encoder.encode(entry.name);
    const data = typeof entry.data === 'string' ? encoder.encode(entry.data) : entry.data;
    const crc = crc32(data);
    const offset = w.length;
    w.u32(0x04034b50).u16(20).u16(0x0800).u16(0).u16(0).u16(0x21);
    w.u32(crc).u32(data.length).u32(data.length).u16(name.length).u16(0).bytes(name).bytes(data);
    central.u32(0x02014b50).u16(45).u16(20).u16(0x0800).u16(0).u16(0).u16(0x21);
    central.u32(crc).u32(data.length).u32(data.length).u16(name.length);
    central
      .u16(options.zip64 ? 12 : 0)
      .u16(0)
      .u16(0)
      .u16(0)
      .u32(0);
    central.u32(options.zip64 ? 0xffffffff : offset).bytes(name);
    if (options.zip64) central.u16(0x0001).u16(8).u64(offset);
  }
  const cdOffset = w.length;
  const cd = central.done();
  w.bytes(cd);
  if (options.zip64) {
    const record = w.length;
    w.u32(0x06064b50).u64(44).u16(45).u16(45).u32(0).u32(0);
    w.u64(entries.length).u64(entries.length).u64(cd.length).u64(cdOffset);
    w.u32(0x07064b50).u32(0).u64(record).u32(1);
  }
  const comment = encoder.encode(options.comment ?? '');
  const saturated = options.zip64 === true;
  w.u32(0x06054b50).u16(0).u16(0);
  w.u16(saturated ? 0xffff : entries.length).u16(saturated ? 0xffff : entries.length);
  w.u32(saturated ? 0xffffffff : cd.length).u32(saturated ? 0xffffffff : cdOffset);
  w.u16(comment.length).bytes(comment);
  return w.done();
}

const contentTypes =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">' +
  '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>' +
  '<Default Extension="xml" ContentType="application/xml"/>' +
  '<Override PartName="/word/document.xml" ' +
  'ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>' +
  '</Types>';

const rootRels =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">' +
  '<Relationship Id="rId1" ' +
  'Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" ' +
  'Target="word/document.xml"/></Relationships>';

const documentXml =
  '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>' +
  '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
  '<w:body><w:p><w:r><w:t>Đơn đề nghị</w:t></w:r></w:p></w:body></w:document>';

export const docxEntries = [
  { name: '[Content_Types].xml', data: contentTypes },
  { name: '_rels/.rels', data: rootRels },
  { name: 'word/document.xml', data: documentXml },
];

/** A minimal Word document (Word opens it). */
export function makeDocx(options: ZipOptions = {}): Uint8Array {
  return makeZip(docxEntries, options);
}

/** A real XLSX written by exceljs (deflated entries, data descriptors). */
export async function makeXlsx(): Promise<Uint8Array> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.addWorksheet('Trang 1').addRow(['Họ và tên', 'Nguyễn Văn A']);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}
