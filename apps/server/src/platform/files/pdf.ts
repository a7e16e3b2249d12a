import fs from 'node:fs';
import { createRequire } from 'node:module';
import PDFDocument from 'pdfkit';

/**
 * A small PDF layout toolkit on pdfkit: the embedded Chinese fonts, line-wrapping with Chinese line-break
 * rules, bordered rows that flow across A4 pages, running header and footer. Used by the ledgers and the
 * e-certificate.
 */

// The complete Noto Sans SC TTFs (about 10 MB each, read once per process; ARCHITECTURE §3: not woff2 fragments).
const require = createRequire(import.meta.url);
const FONT_FILES = {
  regular: '@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf',
  bold: '@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf',
} as const;
let fonts: { regular: Buffer; bold: Buffer } | undefined;
export function loadFonts(): { regular: Buffer; bold: Buffer } {
  fonts ??= { regular: fs.readFileSync(require.resolve(FONT_FILES.regular)), bold: fs.readFileSync(require.resolve(FONT_FILES.bold)) };
  return fonts;
}

/**
 * A pdfkit document with the embedded fonts registered as 'R' and 'B' and the platform as author, and the bytes it
 * will have once `doc.end()` is called. Every PDF the platform makes starts here.
 */
export function openPdf(options: PDFKit.PDFDocumentOptions & { info: { Title: string; CreationDate: Date } }): { doc: PDFKit.PDFDocument; done: Promise<Buffer> } {
  const f = loadFonts();
  const doc = new PDFDocument({ ...options, info: { Author: '先锋 Xianfeng 智慧党建平台', ...options.info } });
  doc.registerFont('R', f.regular);
  doc.registerFont('B', f.bold);
  const chunks: Buffer[] = [];
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('data', (b: Buffer) => chunks.push(b));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  return { doc, done };
}

export const INK = '#222222';
export const MUTED = '#777777';
export const RED = '#C8161D';
const RULE = '#555555';
export const LABEL_FILL = '#F3F3F3';

type Doc = PDFKit.PDFDocument;
type FontName = 'R' | 'B';

export interface Cell {
  text: string;
  width: number;
  font?: FontName;
  size?: number;
  color?: string;
  fill?: string;
  align?: 'left' | 'center';
}

/**
 * A page flow: A4 with a running header, rows placed top-down, a new page (with the header and an optional
 * continuation line) when the next row does not fit. Footers ("第 x 页 共 y 页") are written at the end.
 */
export class PdfFlow {
  readonly doc: Doc;
  readonly left: number;
  readonly width: number;
  readonly top: number;
  readonly bottom: number;
  y: number;
  /** Where rows start on the current page (below the header and the continuation line). */
  private pageStart: number;
  /** Drawn under the running header of every new page (e.g. "第 3 次记录（续）"). */
  continuation: string | null = null;
  private readonly done: Promise<Buffer>;
  private readonly widths = new Map<string, number>();

  constructor(private readonly opts: { layout: 'portrait' | 'landscape'; title: string; header: [string, string]; footer: string; at: Date }) {
    ({ doc: this.doc, done: this.done } = openPdf({
      size: 'A4',
      layout: opts.layout,
      margins: { top: 40, bottom: 40, left: 44, right: 44 },
      bufferPages: true,
      info: { Title: opts.title, Creator: '先锋 Xianfeng', CreationDate: opts.at },
    }));
    this.left = 44;
    this.width = this.doc.page.width - 88;
    this.top = 40 + 22;
    this.bottom = this.doc.page.height - 40 - 16;
    this.y = this.top;
    this.pageStart = this.top;
    this.drawHeader();
  }

  private drawHeader() {
    const d = this.doc;
    const [l, r] = this.opts.header;
    d.font('R').fontSize(8).fillColor(MUTED);
    d.text(l, this.left, 40, { width: this.width * 0.7, lineBreak: false, ellipsis: true });
    d.text(r, this.left + this.width * 0.7, 40, { width: this.width * 0.3, align: 'right', lineBreak: false });
    d.moveTo(this.left, 54).lineTo(this.left + this.width, 54).lineWidth(0.5).stroke('#BBBBBB');
    this.y = this.top;
  }

  newPage() {
    this.doc.addPage();
    this.drawHeader();
    if (this.continuation) {
      this.doc.font('B').fontSize(9).fillColor(MUTED).text(this.continuation, this.left, this.y, { width: this.width, lineBreak: false, ellipsis: true });
      this.y += 16;
    }
    this.pageStart = this.y;
  }

  /** Room left on this page. */
  get room() {
    return this.bottom - this.y;
  }

  ensure(height: number) {
    if (height > this.room) this.newPage();
  }

  private charWidth(ch: string, font: FontName, size: number) {
    const key = `${font}${size}${ch}`;
    let w = this.widths.get(key);
    if (w === undefined) {
      w = this.doc.font(font).fontSize(size).widthOfString(ch);
      this.widths.set(key, w);
    }
    return w;
  }

  /**
   * Lines of a text in a width: Chinese breaks between any two characters, a Latin word stays whole
   * where it can, and closing punctuation never starts a line (it pulls the previous character along).
   */
  wrap(text: string, width: number, font: FontName = 'R', size = 10): string[] {
    const lines: string[] = [];
    for (const para of text.split(/\r?\n/)) {
      let line: string[] = [];
      let w = 0;
      const measure = (cs: string[]) => cs.reduce((a, c) => a + this.charWidth(c, font, size), 0);
      for (const ch of para) {
        const cw = this.charWidth(ch, font, size);
        if (w + cw > width && line.length > 0) {
          if (/[\w.\-/@]/.test(ch) && /[\w.\-/@]/.test(line[line.length - 1]!)) {
            const space = line.lastIndexOf(' ');
            if (space > 0 && line.length - space < 24) {
              lines.push(line.slice(0, space).join(''));
              line = line.slice(space + 1);
            } else {
              lines.push(line.join(''));
              line = [];
            }
          } else {
            // 避头尾: closing punctuation never starts a line and an opening one never ends it — a few
            // characters move down with it.
            const carried: string[] = [];
            let first = ch;
            while (line.length > 1 && carried.length < 4 && NO_LINE_START.has(first)) {
              first = line.pop()!;
              carried.unshift(first);
            }
            while (line.length > 1 && carried.length < 4 && NO_LINE_END.has(line[line.length - 1]!)) carried.unshift(line.pop()!);
            lines.push(line.join(''));
            line = carried;
          }
          w = measure(line);
          if (ch === ' ' && line.length === 0) continue;
        }
        line.push(ch);
        w += cw;
      }
      lines.push(line.join(''));
    }
    return lines;
  }

  /** Plain text flowing down the page (titles, notes), wrapped, with page breaks between lines. */
  paragraph(text: string, opts: { font?: FontName; size?: number; color?: string; align?: 'left' | 'center'; gap?: number } = {}) {
    const size = opts.size ?? 10;
    const lh = size * 1.5;
    for (const line of this.wrap(text, this.width, opts.font ?? 'R', size)) {
      this.ensure(lh);
      this.doc.font(opts.font ?? 'R').fontSize(size).fillColor(opts.color ?? INK).text(line, this.left, this.y, { width: this.width, align: opts.align ?? 'left', lineBreak: false });
      this.y += lh;
    }
    this.y += opts.gap ?? 0;
  }

  /**
   * One bordered row of cells. `split` lets a row too tall for the page continue on the next one (its
   * last cell carries the long text); other rows move to the next page whole.
   */
  row(cells: Cell[], opts: { split?: boolean; padV?: number; lineGap?: number; minHeight?: number } = {}) {
    const padV = opts.padV ?? 4;
    const padH = 5;
    const lineOf = (c: Cell) => (c.size ?? 10) * (opts.lineGap ?? 1.45);
    let lines = cells.map((c) => this.wrap(c.text, c.width - 2 * padH, c.font ?? 'R', c.size ?? 10));
    const heightOf = (ls: string[][]) => Math.max(opts.minHeight ?? 0, ...ls.map((l, i) => l.length * lineOf(cells[i]!) + 2 * padV));
    for (;;) {
      const h = heightOf(lines);
      if (h <= this.room) {
        this.drawCells(cells, lines, h, padV, padH, lineOf);
        return;
      }
      const atTop = this.y <= this.pageStart;
      const last = cells.length - 1;
      const lh = lineOf(cells[last]!);
      const fit = Math.floor((this.room - 2 * padV) / lh);
      const others = Math.max(0, ...lines.slice(0, last).map((l, i) => l.length * lineOf(cells[i]!)));
      if (!opts.split || fit < 3 || others > fit * lh) {
        if (!atTop) {
          this.newPage();
          continue;
        }
        if (!opts.split) {
          // Taller than a whole page and not splittable: cannot happen with our short fields; draw it anyway.
          this.drawCells(cells, lines, h, padV, padH, lineOf);
          return;
        }
      }
      const take = Math.max(fit, 1);
      this.drawCells(cells, [...lines.slice(0, last), lines[last]!.slice(0, take)], this.room, padV, padH, lineOf);
      const rest = lines[last]!.slice(take);
      this.newPage();
      // The continuation repeats the field's label with "（续）" so the reader knows which field goes on.
      lines = lines.map((_, i) => (i === last ? rest : i === 0 ? this.wrap(`${cells[0]!.text}（续）`, cells[0]!.width - 2 * padH, cells[0]!.font ?? 'R', cells[0]!.size ?? 10) : []));
    }
  }

  private drawCells(cells: Cell[], lines: string[][], h: number, padV: number, padH: number, lineOf: (c: Cell) => number) {
    const d = this.doc;
    let x = this.left;
    cells.forEach((c, i) => {
      if (c.fill) d.rect(x, this.y, c.width, h).fill(c.fill);
      d.lineWidth(0.6).rect(x, this.y, c.width, h).stroke(RULE);
      const lh = lineOf(c);
      let ty = this.y + padV;
      d.font(c.font ?? 'R').fontSize(c.size ?? 10).fillColor(c.color ?? INK);
      for (const line of lines[i]!) {
        d.text(line, x + padH, ty, { width: c.width - 2 * padH, align: c.align ?? 'left', lineBreak: false });
        ty += lh;
      }
      x += c.width;
    });
    this.y += h;
  }

  /** Writes "第 x 页 共 y 页" and the footer note on every page, then closes the document. */
  finish(): Promise<Buffer> {
    const d = this.doc;
    const range = d.bufferedPageRange();
    for (let i = range.start; i < range.start + range.count; i++) {
      d.switchToPage(i);
      // Writing below the bottom margin would start a new page: lift the margin for the footer.
      d.page.margins.bottom = 0;
      const y = d.page.height - 40;
      d.font('R').fontSize(8).fillColor(MUTED);
      d.text(this.opts.footer, this.left, y, { width: this.width * 0.75, lineBreak: false, ellipsis: true });
      d.text(`第 ${i + 1} 页 共 ${range.count} 页`, this.left + this.width * 0.75, y, { width: this.width * 0.25, align: 'right', lineBreak: false });
    }
    d.end();
    return this.done;
  }
}

const NO_LINE_START = new Set([...'，。、；：！？）》」』】〕〉”’,.;:!?)]}%']);
const NO_LINE_END = new Set([...'（《「『【〔〈“‘([{']);
