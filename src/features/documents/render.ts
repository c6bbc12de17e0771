/**
 * Turns a pdfmake document definition into PDF bytes. pdfmake (with pdfkit and fontkit) takes a
 * noticeable time to load, so it is imported on the first render, not at server start.
 */
import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { TDocumentDefinitions, TFontDictionary } from 'pdfmake/interfaces.js';

export const FONT = 'Tinos';

/**
 * Tinos is metrically compatible with Times New Roman, the font NĐ 30/2020 prescribes, and covers
 * Vietnamese. Resolved through the package, never relative to the working directory.
 */
const fontFiles = {
  normal: '@expo-google-fonts/tinos/400Regular/Tinos_400Regular.ttf',
  bold: '@expo-google-fonts/tinos/700Bold/Tinos_700Bold.ttf',
  italics: '@expo-google-fonts/tinos/400Regular_Italic/Tinos_400Regular_Italic.ttf',
  bolditalics: '@expo-google-fonts/tinos/700Bold_Italic/Tinos_700Bold_Italic.ttf',
} as const;

type FontStyle = keyof typeof fontFiles;
const fontStyles = Object.keys(fontFiles) as FontStyle[];

function fontPaths(): Record<FontStyle, string> {
  const require = createRequire(import.meta.url);
  const paths = {} as Record<FontStyle, string>;
  for (const style of fontStyles) paths[style] = require.resolve(fontFiles[style]);
  return paths;
}

/** What this module uses of pdfmake's Node entry point (the instance behind `module.exports`). */
interface PdfMake {
  setFonts(fonts: TFontDictionary): void;
  setUrlAccessPolicy(callback: (url: string) => boolean): void;
  setLocalAccessPolicy(callback: (path: string) => boolean): void;
  createPdf(doc: TDocumentDefinitions): { getBuffer(): Promise<Buffer> };
  /** Not in @types/pdfmake, which calls it browser-only; in 0.3 the Node build reads fonts from it too. */
  virtualfs: { writeFileSync(name: string, content: Buffer): void };
}

// Names inside pdfmake's process-wide virtual file system; prefixed so nobody else's files collide.
const vfsName = (style: FontStyle) => `motcua-forms/${FONT}-${style}.ttf`;
const fonts: TFontDictionary = {
  [FONT]: {
    normal: vfsName('normal'),
    bold: vfsName('bold'),
    italics: vfsName('italics'),
    bolditalics: vfsName('bolditalics'),
  },
};

/** What this module uses of a fontkit font and of the glyph runs its layout returns. */
interface FontkitFont {
  layout(text: string, features?: unknown, ...rest: unknown[]): GlyphRun;
  getGlyph(id: number, codePoints?: number[]): { codePoints: number[] } | null;
}
interface GlyphRun {
  glyphs: unknown[];
  positions: object[];
}

/** Distinct words kept per font before the layout cache starts again (a few MB at most). */
const LAYOUT_CACHE_WORDS = 20_000;

/**
 * fontkit lays out (shapes) each word by running the font's substitution and positioning lookups; pdfkit
 * keeps the result per document only, and most words of a form are the same on every copy. The font
 * object is now shared by all documents (below), so its layouts are kept with it. pdfkit scales the
 * positions of a run in place, so each caller gets a copy and the kept run stays as fontkit made it.
 */
function cacheLayouts(font: FontkitFont): void {
  const layout = font.layout.bind(font);
  const runs = new Map<string, GlyphRun>();
  // Same classes as fontkit's (GlyphRun's advanceWidth is a getter over the positions).
  const clone = <T extends object>(o: T, own: Partial<T> = {}): T =>
    Object.assign(Object.create(Object.getPrototypeOf(o) as object) as T, o, own);
  const copy = (run: GlyphRun): GlyphRun =>
    clone(run, { glyphs: run.glyphs.slice(), positions: run.positions.map((p) => clone(p)) });
  font.layout = (text, features, ...rest) => {
    // Only the default features are cached: that is how pdfmake measures and writes text.
    if (features !== undefined || rest.length > 0) return layout(text, features, ...rest);
    let run = runs.get(text);
    if (run === undefined) {
      if (runs.size >= LAYOUT_CACHE_WORDS) runs.clear();
      run = layout(text);
      runs.set(text, run);
    }
    return copy(run);
  };
}

/**
 * fontkit keeps one glyph object per glyph id, with the code points of the first request for it. In a font
 * parsed for one document that is a request from the document's text; in a shared font it may have come
 * from an earlier document's subset, which takes the components of accented letters without code points
 * ("ư" is drawn inside "ừ"), and pdfkit would then map that glyph to no text: "Văn thư" was extracted as
 * "Văn th@". So the first request that brings code points gives them to a glyph that has none.
 */
function keepCodePoints(font: FontkitFont): void {
  const getGlyph = font.getGlyph.bind(font);
  font.getGlyph = (id, codePoints = []) => {
    const glyph = getGlyph(id, codePoints);
    if (glyph && glyph.codePoints.length === 0 && codePoints.length > 0) glyph.codePoints = codePoints;
    return glyph;
  };
}

/**
 * pdfkit parses a font file anew for every document (`fontkit.create`), and fontkit decodes the tables it
 * needs (the layout lookups above all) lazily on that font object: form 01 spent ~150 ms of its ~240 ms of
 * CPU decoding them again each time. fontkit's exports are read-only getters, so pdfkit is given, before
 * it is first loaded, a fontkit module object of its own whose `create` returns one font object for the
 * same bytes: our fonts sit in pdfmake's virtual file system as buffers that never change. pdfkit still
 * makes its own subset of the font for each document. Returns false (nothing shared, every document
 * parses its fonts as before) if pdfkit was loaded by someone else first.
 */
function shareParsedFonts(): boolean {
  const require = createRequire(import.meta.url);
  const pdfkitPath = createRequire(require.resolve('pdfmake')).resolve('pdfkit');
  if (require.cache[pdfkitPath]) return false;
  const fontkitPath = createRequire(pdfkitPath).resolve('fontkit');
  const fontkit = require(fontkitPath) as { create(bytes: Uint8Array, name?: string): FontkitFont };
  const fonts = new WeakMap<Uint8Array, FontkitFont>();
  const create = (bytes: Uint8Array, name?: string): FontkitFont => {
    if (name !== undefined) return fontkit.create(bytes, name);
    let font = fonts.get(bytes);
    if (font === undefined) {
      font = fontkit.create(bytes);
      keepCodePoints(font);
      cacheLayouts(font);
      fonts.set(bytes, font);
    }
    return font;
  };
  require.cache[fontkitPath]!.exports = { ...fontkit, create };
  return true;
}

let loading: Promise<PdfMake> | undefined;
/** Whether documents share parsed fonts (see shareParsedFonts); for tests and benchmarks. */
export let fontsShared = false;

async function load(): Promise<PdfMake> {
  const paths = fontPaths();
  const files = await Promise.all(fontStyles.map((style) => readFile(paths[style])));
  fontsShared = shareParsedFonts();
  // pdfmake's Node entry is CommonJS exporting an instance; its types describe the browser build.
  const pdfmake = (await import('pdfmake')).default as unknown as PdfMake;
  fontStyles.forEach((style, i) => pdfmake.virtualfs.writeFileSync(vfsName(style), files[i]!));
  return pdfmake;
}

function pdfmakeInstance(): Promise<PdfMake> {
  loading ??= load().catch((error: unknown) => {
    loading = undefined;
    throw error;
  });
  return loading;
}

/** Loads pdfmake and the fonts now, e.g. in a warm-up after start, so the first print is not slower. */
export async function preloadPdf(): Promise<void> {
  await pdfmakeInstance();
}

const deny = () => false;

export async function renderPdf(doc: TDocumentDefinitions): Promise<Buffer> {
  const pdfmake = await pdfmakeInstance();
  // pdfmake keeps fonts and policies on a process-wide instance; set them right before the synchronous
  // createPdf so that another user of pdfmake cannot leave us with theirs. Nothing of ours is read from
  // disk or the network (fonts are in the virtual file system, images are data URLs), so deny both:
  // text from a dossier can then never make pdfmake open a file or a URL.
  pdfmake.setFonts(fonts);
  pdfmake.setUrlAccessPolicy(deny);
  pdfmake.setLocalAccessPolicy(deny);
  return pdfmake.createPdf(doc).getBuffer();
}
