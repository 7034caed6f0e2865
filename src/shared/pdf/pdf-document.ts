/**
 * PDF documents with Thai text: the Sarabun font shipped by an npm package (no system fonts),
 * and line wrapping between Thai words. Thai has no spaces, and pdfkit only breaks at spaces and
 * hyphens, so lines are laid out here from the words Intl.Segmenter finds.
 */
import { createRequire } from 'node:module';
import path from 'node:path';
import PDFDocument from 'pdfkit';

const require = createRequire(import.meta.url);
const fontDir = path.dirname(require.resolve('@expo-google-fonts/sarabun/package.json'));
export const FONTS = {
  regular: path.join(fontDir, '400Regular', 'Sarabun_400Regular.ttf'),
  bold: path.join(fontDir, '700Bold', 'Sarabun_700Bold.ttf'),
};

export type Pdf = PDFKit.PDFDocument;

/**
 * Sarabun's `ccmp` feature splits SARA AM (ำ) into two glyphs, and pdfkit can map a glyph to only
 * one piece of text, so copied or extracted text would read "ำา". With `ccmp` off the composed
 * glyph is used; the one case it exists for — a tone mark before ำ (น้ำ) — is split here instead,
 * with the nikhahit first, so the tone mark still sits above it.
 */
const FONT_FEATURES = { ccmp: false };

export function prepareThai(text: string): string {
  return text.replace(/([\u0E48-\u0E4B])\u0E33/g, '\u0E4D$1\u0E32');
}

type LineOptions = { width?: number; align?: 'left' | 'right' | 'center'; lineGap?: number };

/** Writes one line at (x, y) without pdfkit's own wrapping. */
export function textLine(doc: Pdf, text: string, x: number, y: number, options: LineOptions = {}): void {
  doc.text(prepareThai(text), x, y, {
    ...options,
    lineBreak: false,
    features: FONT_FEATURES,
  } as unknown as PDFKit.Mixins.TextOptions);
}

const segmenter = new Intl.Segmenter('th', { granularity: 'word' });

/** Splits text into lines no wider than `width` at the current font and size, breaking between words. */
export function wrapLines(doc: Pdf, text: string, width: number): string[] {
  const lines: string[] = [];
  for (const paragraph of text.split('\n')) {
    let line = '';
    for (const { segment } of segmenter.segment(paragraph)) {
      const candidate = line + segment;
      if (
        line !== '' &&
        doc.widthOfString(prepareThai(candidate.trimEnd()), {
          features: FONT_FEATURES,
        } as unknown as PDFKit.Mixins.TextOptions) > width
      ) {
        lines.push(line.trimEnd());
        line = segment.trimStart();
      } else {
        line = candidate;
      }
    }
    lines.push(line.trimEnd());
  }
  return lines;
}

export interface TextOptions {
  x?: number;
  width?: number;
  size?: number;
  bold?: boolean;
  align?: 'left' | 'right' | 'center';
  gap?: number;
}

/**
 * Baseline to baseline, as a multiple of the font size. Thai stacks a tone mark over an upper vowel
 * (ที่, ผู้, กี่) and hangs lower vowels (ผู้, สุ) below the line, so Sarabun's own 1.3 lets the marks
 * of one line touch the line above; 1.5 is what Thai typesetting uses for body text and headings.
 */
export const THAI_LINE_HEIGHT = 1.5;

/** Writes wrapped text at the current position and moves below it. */
export function writeText(doc: Pdf, text: string, options: TextOptions = {}): void {
  const x = options.x ?? doc.page.margins.left;
  const width = options.width ?? doc.page.width - doc.page.margins.right - x;
  const size = options.size ?? 12;
  doc.font(options.bold ? FONTS.bold : FONTS.regular).fontSize(size);
  // pdfkit moves down by the font's own line height plus lineGap after each line.
  const lineGap = Math.max(0, THAI_LINE_HEIGHT * size - doc.currentLineHeight(true));
  for (const line of wrapLines(doc, text, width)) {
    if (doc.y + doc.currentLineHeight(true) + lineGap > doc.page.height - doc.page.margins.bottom) doc.addPage();
    textLine(doc, line, x, doc.y, { width, align: options.align ?? 'left', lineGap });
  }
  if (options.gap) doc.moveDown(options.gap);
}

/** A label and its value on one row (value wrapped in its own column). */
export function writeRow(doc: Pdf, label: string, value: string, labelWidth = 150): void {
  const left = doc.page.margins.left;
  const top = doc.y;
  doc.font(FONTS.bold).fontSize(12);
  textLine(doc, label, left, top, { width: labelWidth });
  doc.y = top;
  writeText(doc, value, { x: left + labelWidth });
  doc.moveDown(0.2);
}

/** An authorised signature: the image, then the name in brackets and the title, centred under it. */
export function signatureBlock(
  doc: Pdf,
  signer: { imagePath: string; name: string | undefined; title: string } | undefined,
  left = doc.page.width - doc.page.margins.right - 200,
): void {
  if (!signer) return;
  doc.moveDown(0.5);
  if (doc.y > doc.page.height - doc.page.margins.bottom - 120) doc.addPage();
  const top = doc.y;
  doc.image(signer.imagePath, left, top, { fit: [200, 60], align: 'center' });
  doc.y = top + 64;
  const lines = [signer.name ? `(${signer.name})` : '', signer.title].filter(Boolean);
  for (const line of lines) {
    textLine(doc, line, left, doc.y, { width: 200, align: 'center' });
    doc.y += doc.currentLineHeight(true) + 2;
  }
  doc.x = doc.page.margins.left;
  doc.moveDown(0.5);
}

/** Builds a document and resolves with its bytes. */
export function renderPdf(
  build: (doc: Pdf) => void,
  info: { title: string; author: string; layout?: 'portrait' | 'landscape' },
): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({
      size: 'A4',
      layout: info.layout ?? 'portrait',
      margin: 56,
      info: { Title: info.title, Author: info.author },
    });
    const chunks: Buffer[] = [];
    doc.on('data', (chunk: Buffer) => chunks.push(chunk));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    try {
      build(doc);
      doc.end();
    } catch (error) {
      reject(error instanceof Error ? error : new Error(String(error)));
    }
  });
}
