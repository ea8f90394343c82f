import type { TextStyle, Typesetter } from './text';

/** A4, in points. */
export const page = { width: 595.28, height: 841.89, margin: 36 } as const;
const top = page.margin + 14;
const bottom = page.height - page.margin - 18;
export const contentWidth = page.width - 2 * page.margin;

export const styles = {
  title: { size: 16, weight: 700 },
  heading: { size: 11, weight: 700 },
  body: { size: 8.5 },
  label: { size: 8.5, color: '#555555' },
  cell: { size: 7.5 },
  cellHeader: { size: 7.5, weight: 700, color: '#333333' },
  mono: { size: 7.5, mono: true },
  small: { size: 7, color: '#555555' },
} satisfies Record<string, TextStyle>;

export interface Column {
  title: string;
  /** Share of the table's width. */
  width: number;
  mono?: boolean;
}

const lineHeight = (style: TextStyle) => style.size * 1.3;

/** Lays content down the pages, top to bottom, starting a new page when the next piece does not fit. */
export class Flow {
  y = top;

  constructor(
    readonly doc: PDFKit.PDFDocument,
    readonly type: Typesetter,
  ) {}

  /** Starts a new page unless `height` more fits on this one. */
  ensure(height: number) {
    if (this.y + height <= bottom) return;
    this.doc.addPage();
    this.y = top;
  }

  gap(points: number) {
    this.y += points;
  }

  /** Wrapped text, page-breaking between lines. */
  paragraph(text: string, style: TextStyle = styles.body, indent = 0) {
    for (const line of this.type.wrap(text, style, contentWidth - indent)) {
      this.ensure(lineHeight(style));
      this.type.line(line, page.margin + indent, this.y + style.size, style);
      this.y += lineHeight(style);
    }
  }

  heading(text: string) {
    this.ensure(lineHeight(styles.heading) + 40);
    this.y += 8;
    this.type.line(text, page.margin, this.y + styles.heading.size, styles.heading);
    this.y += lineHeight(styles.heading) + 1;
    this.doc
      .moveTo(page.margin, this.y)
      .lineTo(page.margin + contentWidth, this.y)
      .lineWidth(0.5)
      .strokeColor('#999999')
      .stroke();
    this.y += 4;
  }

  /** Label and value pairs, the value wrapping in its own column. */
  fields(pairs: readonly (readonly [string, string, TextStyle?])[], labelWidth = 130) {
    for (const [label, value, style = styles.body] of pairs) {
      const lines = this.type.wrap(value, style, contentWidth - labelWidth);
      this.ensure(lineHeight(style) * Math.min(lines.length, 3));
      this.type.line(label, page.margin, this.y + style.size, styles.label);
      for (const line of lines) {
        this.ensure(lineHeight(style));
        this.type.line(line, page.margin + labelWidth, this.y + style.size, style);
        this.y += lineHeight(style);
      }
    }
  }

  /** A table whose cells wrap; the header repeats on each page the table continues on. */
  table(columns: readonly Column[], rows: readonly (readonly string[])[]) {
    const total = columns.reduce((sum, column) => sum + column.width, 0);
    const widths = columns.map((column) => (column.width / total) * contentWidth);
    const padding = 3;
    const drawHeader = () => {
      let x = page.margin;
      columns.forEach((column, index) => {
        this.type.line(column.title, x, this.y + styles.cellHeader.size, styles.cellHeader);
        x += widths[index] ?? 0;
      });
      this.y += lineHeight(styles.cellHeader) + 1;
      this.rule('#bbbbbb');
    };
    this.ensure(lineHeight(styles.cellHeader) * 3);
    drawHeader();
    for (const row of rows) {
      const cells = columns.map((column, index) => {
        const style = column.mono ? styles.mono : styles.cell;
        return { style, lines: this.type.wrap(row[index] ?? '', style, (widths[index] ?? 0) - padding) };
      });
      const height = Math.max(...cells.map((cell) => cell.lines.length * lineHeight(cell.style))) + 1.5;
      if (this.y + height > bottom) {
        this.doc.addPage();
        this.y = top;
        drawHeader();
      }
      let x = page.margin;
      cells.forEach((cell, index) => {
        cell.lines.forEach((line, at) => {
          this.type.line(line, x, this.y + cell.style.size + at * lineHeight(cell.style), cell.style);
        });
        x += widths[index] ?? 0;
      });
      this.y += height;
      this.rule('#e2e2e2');
    }
  }

  /** A boxed notice across the page (the "not final" banner). */
  banner(text: string, color: string) {
    const style: TextStyle = { size: 9, weight: 700, color };
    const lines = this.type.wrap(text, style, contentWidth - 12);
    const height = lines.length * lineHeight(style) + 8;
    this.ensure(height);
    this.doc.rect(page.margin, this.y, contentWidth, height).lineWidth(1).strokeColor(color).stroke();
    lines.forEach((line, index) => {
      this.type.line(line, page.margin + 6, this.y + 4 + style.size + index * lineHeight(style), style);
    });
    this.y += height + 6;
  }

  rule(color: string) {
    this.doc
      .moveTo(page.margin, this.y)
      .lineTo(page.margin + contentWidth, this.y)
      .lineWidth(0.4)
      .strokeColor(color)
      .stroke();
    this.y += 1.5;
  }

  /** Running header and footer on every page, drawn once the page count is known. */
  decorate(header: string, footer: (index: number, count: number) => string, notFinal: string | null) {
    const range = this.doc.bufferedPageRange();
    for (let index = 0; index < range.count; index++) {
      this.doc.switchToPage(range.start + index);
      this.type.line(header, page.margin, page.margin + 6, styles.small);
      if (notFinal) {
        const width = this.type.width(notFinal, { size: 8, weight: 700 });
        const style = { size: 8, weight: 700, color: '#b00020' } as const;
        this.type.line(notFinal, page.margin + contentWidth - width, page.margin + 6, style);
      }
      this.type.line(footer(index + 1, range.count), page.margin, page.height - page.margin, styles.small);
    }
  }
}
