import assert from 'node:assert/strict';
import { textBlocks } from '../../../src/shared/text-blocks.js';

describe('site page text → blocks (plain text, never HTML)', () => {
  it('makes paragraphs (line breaks kept), headings, and bullet and numbered lists', () => {
    const text = 'ย่อหน้าแรก\nบรรทัดสอง\n\n## หัวข้อ\n- หนึ่ง\n• สอง\n\n1. ก\n2) ข\n\n\nท้าย';
    assert.deepEqual(textBlocks(text), [
      { kind: 'paragraph', lines: ['ย่อหน้าแรก', 'บรรทัดสอง'] },
      { kind: 'heading', text: 'หัวข้อ' },
      { kind: 'list', ordered: false, items: ['หนึ่ง', 'สอง'] },
      { kind: 'list', ordered: true, items: ['ก', 'ข'] },
      { kind: 'paragraph', lines: ['ท้าย'] },
    ]);
  });

  it('keeps markup as text for the view to escape, and handles Windows line ends and empty text', () => {
    assert.deepEqual(textBlocks('<b>x</b>\r\n\r\n- <i>y</i>'), [
      { kind: 'paragraph', lines: ['<b>x</b>'] },
      { kind: 'list', ordered: false, items: ['<i>y</i>'] },
    ]);
    assert.deepEqual(textBlocks(''), []);
    assert.deepEqual(textBlocks('\n\n  \n'), []);
  });

  it('starts a new list after a blank line, and a paragraph after a list', () => {
    assert.deepEqual(textBlocks('- a\n\n- b\ntext'), [
      { kind: 'list', ordered: false, items: ['a'] },
      { kind: 'list', ordered: false, items: ['b'] },
      { kind: 'paragraph', lines: ['text'] },
    ]);
  });
});
