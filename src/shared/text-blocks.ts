/**
 * Page bodies are plain text typed by staff, never HTML: this turns them into blocks the view
 * renders with Handlebars escaping (a `<script>` typed into a page shows as text). A blank line
 * ends a block; a line starting "## " is a heading; consecutive "- " (or "• ", "* ") lines are a
 * list, "1. " lines a numbered list; other consecutive lines are a paragraph whose line breaks
 * are kept. Staff need not leave blank lines around headings and lists.
 */
export type TextBlock =
  | { kind: 'heading'; text: string }
  | { kind: 'list'; ordered: boolean; items: string[] }
  | { kind: 'paragraph'; lines: string[] };

const BULLET = /^\s*[-•*]\s+/;
const NUMBERED = /^\s*\d{1,3}[.)]\s+/;
const HEADING = /^##\s+/;

export function textBlocks(text: string): TextBlock[] {
  const blocks: TextBlock[] = [];
  for (const chunk of text.replace(/\r\n?/g, '\n').split(/\n\s*\n/)) {
    // The block a line may continue: only one begun in this chunk (a blank line ends a block).
    let open: TextBlock | undefined;
    for (const raw of chunk.split('\n')) {
      const line = raw.trim();
      if (!line) continue;
      if (HEADING.test(line)) {
        open = { kind: 'heading', text: line.replace(HEADING, '').trim() };
        blocks.push(open);
      } else if (BULLET.test(line) || NUMBERED.test(line)) {
        const ordered = !BULLET.test(line);
        const item = line.replace(ordered ? NUMBERED : BULLET, '');
        if (open?.kind === 'list' && open.ordered === ordered) open.items.push(item);
        else blocks.push((open = { kind: 'list', ordered, items: [item] }));
      } else if (open?.kind === 'paragraph') {
        open.lines.push(line);
      } else {
        blocks.push((open = { kind: 'paragraph', lines: [line] }));
      }
    }
  }
  return blocks;
}
