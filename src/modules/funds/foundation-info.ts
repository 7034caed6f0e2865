/** The foundation's own details (from config) for receipts and the bank-transfer box. */
import type { NextFunction, Request, Response } from 'express';
import type { FoundationInfo } from '../../config/index.js';
import { hasRole } from '../../shared/actor.js';

let info: FoundationInfo = {
  name: { th: 'มูลนิธิชุมชนสงขลา', en: 'Songkhla Community Foundation' },
  address: { th: '', en: '' },
  taxId: undefined,
  bankAccount: undefined,
  promptPayId: undefined,
  promptPayBillerId: undefined,
  contact: undefined,
  feesBorneBy: 'fund',
  pledgeRemindAfterDays: 7,
  pledgeLapseAfterDays: 30,
  eDonationRegistered: false,
  charityRegistration: undefined,
  signature: undefined,
  missingSettings: [],
};

export function configureFoundation(next: FoundationInfo): void {
  info = next;
}

export function foundationInfo(): FoundationInfo {
  return info;
}

/** Whether donors can be told where to transfer a pledge (a bank account or a PromptPay ID). */
export function hasTransferInstructions(): boolean {
  return Boolean(info.bankAccount || info.promptPayId);
}

/** Middleware: gives the layout's staff banner the settings still missing (none in production). */
export function showMissingSettings(req: Request, res: Response, next: NextFunction): void {
  if (info.missingSettings.length > 0 && hasRole(req.user, 'staff', 'admin'))
    res.locals.missingSettings = info.missingSettings;
  next();
}
