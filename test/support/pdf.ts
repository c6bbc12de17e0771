/** Reading the produced PDFs back: text per page through pdfjs (its Node "legacy" build). */
import { OPS, getDocument, type PDFDocumentProxy } from 'pdfjs-dist/legacy/build/pdf.mjs';

export interface PdfText {
  numPages: number;
  /** The text of each page read, lines joined by "\n". */
  pages: string[];
  /** Those pages' text joined, with line breaks and runs of spaces folded to one space. */
  flat: string;
  /** How many images the pages read paint. */
  images: number;
}

function isTextItem(item: object): item is { str: string; hasEOL: boolean } {
  return 'str' in item;
}

/** Reads the text of the given pages (1-based; all by default). */
export async function readPdf(data: Buffer, only?: readonly number[]): Promise<PdfText> {
  const doc: PDFDocumentProxy = await getDocument({
    data: new Uint8Array(data),
    // Text only: no fonts are rendered, so none need loading.
    disableFontFace: true,
    isEvalSupported: false,
    verbosity: 0,
  }).promise;
  try {
    const pages: string[] = [];
    let images = 0;
    const wanted = only ?? Array.from({ length: doc.numPages }, (_, i) => i + 1);
    for (const n of wanted) {
      const page = await doc.getPage(n);
      const operators = await page.getOperatorList();
      images += operators.fnArray.filter((fn) => fn === OPS.paintImageXObject).length;
      const content = await page.getTextContent();
      let text = '';
      for (const item of content.items) {
        if (!isTextItem(item)) continue;
        text += item.str + (item.hasEOL ? '\n' : '');
      }
      pages.push(text);
    }
    return { numPages: doc.numPages, pages, flat: flatten(pages.join('\n')), images };
  } finally {
    await doc.destroy();
  }
}

/**
 * Text as one line, so that assertions do not depend on where lines wrap. A dossier code may wrap after
 * a hyphen (the register does that on purpose); that break is removed rather than made a space.
 */
export function flatten(text: string): string {
  return text.replace(/-\n/g, '-').replace(/\s+/g, ' ').trim();
}

/**
 * The text of a PDF, pages joined, text items joined with a space and white space folded: to check what a
 * server's answer printed (diacritics survive only with the right font).
 */
export async function pdfText(bytes: Buffer): Promise<string> {
  const doc = await getDocument({ data: new Uint8Array(bytes), useSystemFonts: false }).promise;
  const pages: string[] = [];
  for (let i = 1; i <= doc.numPages; i++) {
    const content = await (await doc.getPage(i)).getTextContent();
    pages.push(content.items.map((item) => ('str' in item ? item.str : '')).join(' '));
  }
  await doc.destroy();
  return pages.join('\n').replace(/\s+/g, ' ');
}
