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

let loading: Promise<PdfMake> | undefined;

async function load(): Promise<PdfMake> {
  const paths = fontPaths();
  const [module, ...files] = await Promise.all([
    import('pdfmake'),
    ...fontStyles.map((style) => readFile(paths[style])),
  ]);
  // pdfmake's Node entry is CommonJS exporting an instance; its types describe the browser build.
  const pdfmake = module.default as unknown as PdfMake;
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
