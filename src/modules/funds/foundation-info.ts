/** The foundation's own details (from config) for receipts and the bank-transfer box. */
import type { FoundationInfo } from '../../config/index.js';

let info: FoundationInfo = {
  name: { th: 'มูลนิธิชุมชนสงขลา', en: 'Songkhla Community Foundation' },
  address: { th: '', en: '' },
  taxId: undefined,
  bankAccount: undefined,
  promptPayId: undefined,
};

export function configureFoundation(next: FoundationInfo): void {
  info = next;
}

export function foundationInfo(): FoundationInfo {
  return info;
}
